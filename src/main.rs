//! The `dateline` binary: parse arguments, run the command, return its exit code.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
