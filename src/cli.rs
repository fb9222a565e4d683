//! The command line: argument definitions and what each command prints.
//!
//! This is the binary's edge: it may print and choose exit codes; the library may not.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use dateline::config::BuildOptions;
use dateline::dates::{Date, Zone};
use dateline::{Diagnostics, build};

/// Dateline builds a fast, safe static site from war reporting in Markdown.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (only changed files are written)
    Build(BuildArgs),
    /// Create a new dispatch file with front matter, dated now
    New(NewArgs),
    /// Build in memory and verify every internal link, anchor, image and stylesheet
    Check(CheckArgs),
    /// Create a new site (config, default theme, first dispatch) in DIR
    Init {
        /// Folder for the new site (created if missing)
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Site root: the folder with config.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder [default: ROOT/output]
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Include dispatches marked `draft = true`
    #[arg(long)]
    drafts: bool,
    /// Override base_url from config.toml (preview deploys, mirrors)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Treat this moment as "now" for embargoes (RFC 3339), for reproducible builds
    #[arg(long, value_name = "DATETIME")]
    now: Option<String>,
    /// Print the time each stage took
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Site root: the folder with config.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include drafts
    #[arg(long)]
    drafts: bool,
    /// Also list external URLs, grouped by domain (they are not fetched)
    #[arg(long)]
    external: bool,
    /// Treat this moment as "now" for embargoes (RFC 3339)
    #[arg(long, value_name = "DATETIME")]
    now: Option<String>,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// Headline of the dispatch
    title: String,
    /// City the dispatch is filed from or about (repeat for several; the first is the dateline)
    #[arg(long = "city", value_name = "CITY")]
    cities: Vec<String>,
    /// Topic tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Byline (repeatable)
    #[arg(long = "author", value_name = "NAME")]
    authors: Vec<String>,
    /// Mark the dispatch as a draft
    #[arg(long)]
    draft: bool,
    /// Site root
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Runs the parsed command.
pub(crate) fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(a) => cmd_build(a),
        Command::New(a) => cmd_new(a),
        Command::Check(a) => cmd_check(a),
        Command::Init { dir } => cmd_init(dir),
    }
}

fn fail(d: &Diagnostics) -> ExitCode {
    eprintln!("{d}");
    ExitCode::FAILURE
}

fn parse_now(now: Option<&str>) -> Result<Option<Date>, Diagnostics> {
    now.map(|s| Date::parse(s, &Zone::utc()).map_err(|m| Diagnostics::from(dateline::Error::Usage(format!("--now: {m}")))))
        .transpose()
}

fn cmd_build(a: BuildArgs) -> ExitCode {
    let opts = BuildOptions {
        root: a.root,
        output: a.output,
        drafts: a.drafts,
        base_url: a.base_url,
    };
    let now = match parse_now(a.now.as_deref()) {
        Ok(n) => n,
        Err(d) => return fail(&d),
    };
    let progress = std::io::stderr().is_terminal();
    if progress {
        eprint!("building…\r");
    }
    let r = match build(&opts, now) {
        Ok(r) => r,
        Err(d) => return fail(&d),
    };
    let mut err = std::io::stderr().lock();
    for w in &r.site.warnings {
        let _ = writeln!(err, "{w}");
    }
    for (path, when) in &r.site.embargoed {
        let _ = writeln!(err, "embargoed: {} goes live at {}", path.display(), when.rfc3339());
    }
    let s = &r.stats;
    if a.timings {
        for (stage, d) in &s.timings {
            let _ = writeln!(err, "  {stage:<14} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
    println!(
        "Built {} dispatches: {} pages, {} files ({} written, {} unchanged, {} removed){}{} in {} ms",
        s.dispatches,
        s.pages,
        s.files,
        s.write.written,
        s.write.unchanged,
        s.write.removed,
        if s.images_cleaned > 0 { format!(", {} images cleaned of metadata", s.images_cleaned) } else { String::new() },
        if r.site.embargoed.is_empty() { String::new() } else { format!(", {} embargoed", r.site.embargoed.len()) },
        s.total.as_millis()
    );
    ExitCode::SUCCESS
}

fn cmd_check(a: CheckArgs) -> ExitCode {
    let opts = BuildOptions {
        root: a.root,
        drafts: a.drafts,
        ..Default::default()
    };
    let now = match parse_now(a.now.as_deref()) {
        Ok(n) => n.unwrap_or_else(Date::now),
        Err(d) => return fail(&d),
    };
    let rendered = match dateline::Config::load(&opts).map_err(Diagnostics::from).and_then(|c| dateline::render_site(c, now)) {
        Ok(r) => r,
        Err(d) => return fail(&d),
    };
    let report = dateline::check::check(&rendered.files, &rendered.site.config.base_url);
    let mut out = std::io::stdout().lock();
    for b in &report.broken {
        let _ = writeln!(out, "{} → {} ({})", b.page, b.target, b.why);
    }
    for p in &report.gps {
        let _ = writeln!(out, "{}: image still carries GPS coordinates", p.display());
    }
    if a.external {
        for (domain, urls) in &report.external {
            let _ = writeln!(out, "{domain} ({} link{})", urls.len(), if urls.len() == 1 { "" } else { "s" });
            for u in urls {
                let _ = writeln!(out, "  {u}");
            }
        }
    }
    let ext: usize = report.external.values().map(|u| u.len()).sum();
    let _ = writeln!(
        out,
        "Checked {} pages, {} internal links: {} broken, {} images with GPS; {} external links on {} domains (not fetched)",
        report.pages,
        report.links,
        report.broken.len(),
        report.gps.len(),
        ext,
        report.external.len()
    );
    if report.broken.is_empty() && report.gps.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn cmd_new(a: NewArgs) -> ExitCode {
    let opts = dateline::scaffold::NewDispatch {
        title: a.title,
        cities: a.cities,
        tags: a.tags,
        authors: a.authors,
        draft: a.draft,
    };
    let zone = BuildOptions {
        root: a.root.clone(),
        ..Default::default()
    };
    let config = match dateline::Config::load(&zone) {
        Ok(c) => c,
        Err(e) => return fail(&e.into()),
    };
    let now = Date::now().in_zone(&config.timezone);
    match dateline::scaffold::new_dispatch(&a.root, &opts, &now) {
        Ok((path, notes)) => {
            for n in notes {
                eprintln!("warning: {n}");
            }
            println!("Created {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.into()),
    }
}

fn cmd_init(dir: PathBuf) -> ExitCode {
    match dateline::scaffold::init(&dir, &Date::now()) {
        Ok(files) => {
            println!("Created a new site in {} ({} files).", dir.display(), files.len());
            println!("Next: cd {} && dateline build", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.into()),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
