//! The `dateline` binary: parse arguments, run the command, return its exit code.

mod cli;

use clap::Parser;

/// mimalloc: the build allocates many short-lived strings from both threads at once, where
/// it is markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
