//! The command line: argument definitions and what each command prints.
//!
//! This is the binary's edge: it may print and choose exit codes; the library may not.

use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use dateline::config::BuildOptions;
use dateline::dates::{Date, Zone};
use dateline::serve::ServeOptions;
use dateline::{Diagnostics, build_with};

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
    /// Preview the site from memory, rebuilding and reloading the browser on every save
    Serve(ServeArgs),
    /// Publish the built output folder to a [[deploy]] target (only files that changed)
    Deploy(DeployArgs),
    /// Show which places a text names, and which rule linked or skipped each name
    Places(PlacesArgs),
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
    /// Print the time each stage took and the peak memory when it ended
    #[arg(long)]
    timings: bool,
    /// The offline edition: links name index.html files, so the folder works from disk
    /// [default output: ROOT/offline]
    #[arg(long)]
    offline: bool,
    /// With --offline: also write the edition as one zip file
    #[arg(long, value_name = "FILE", requires = "offline")]
    zip: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct DeployArgs {
    /// The target's `name` in config.toml (may be left out when there is one)
    name: Option<String>,
    /// Site root: the folder with config.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The built folder to publish [default: ROOT/output]
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Print what would be uploaded and deleted; change nothing
    #[arg(long)]
    dry_run: bool,
    /// Refuse to delete more remote files than this (nothing is changed then)
    #[arg(long, value_name = "N", default_value_t = dateline::deploy::MAX_DELETES)]
    max_deletes: usize,
}

#[derive(Debug, Args)]
struct PlacesArgs {
    /// The text to look at (`-` reads standard input)
    text: String,
    /// A city of the dispatch, as front matter would give it (repeatable)
    #[arg(long = "city", value_name = "NAME")]
    cities: Vec<String>,
    /// Site root: its cities.toml (places, aliases, guard words) is used when present
    #[arg(long, default_value = ".")]
    root: PathBuf,
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
struct ServeArgs {
    /// Site root: the folder with config.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; 0.0.0.0 also lets other devices on your network see the preview
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Include dispatches marked `draft = true`
    #[arg(long)]
    drafts: bool,
    /// Open the preview in the default browser once it is ready
    #[arg(long)]
    open: bool,
    /// Milliseconds of quiet after a file event before rebuilding
    #[arg(long, value_name = "MS", default_value_t = 30)]
    debounce_ms: u64,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// Headline of the dispatch (with --translate: the translated headline, optional)
    #[arg(required_unless_present = "translate")]
    title: Option<String>,
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
    /// File name (slug) instead of one made from the title
    #[arg(long)]
    slug: Option<String>,
    /// Create content/<year>/<slug>/index.md, a folder for a dispatch with photos
    #[arg(long)]
    bundle: bool,
    /// Live coverage: create content/<year>/<slug>/index.md with `live = true`
    #[arg(long, conflicts_with = "update")]
    live: bool,
    /// Add an update, stamped now, to the live dispatch at PATH (its folder or index.md)
    #[arg(long, value_name = "PATH")]
    update: Option<PathBuf>,
    /// With --update: mark the update as a key event
    #[arg(long, requires = "update")]
    key: bool,
    /// Language of the new file, a code of config.toml (`x.uk.md`; default: the site's)
    #[arg(long, value_name = "CODE", conflicts_with = "update")]
    lang: Option<String>,
    /// Create the --lang translation of the dispatch or page at PATH beside it, with its front matter
    #[arg(long, value_name = "PATH", requires = "lang", conflicts_with_all = ["update", "live", "bundle"])]
    translate: Option<PathBuf>,
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
        Command::Serve(a) => cmd_serve(a),
        Command::Deploy(a) => crate::deploy_cli::cmd_deploy(a.into()),
        Command::Places(a) => cmd_places(a),
        Command::Init { dir } => cmd_init(dir),
    }
}

fn fail(d: &Diagnostics) -> ExitCode {
    eprintln!("{d}");
    ExitCode::FAILURE
}

fn parse_now(now: Option<&str>) -> Result<Option<Date>, Diagnostics> {
    now.map(|s| {
        Date::parse(s, &Zone::utc())
            .map_err(|m| Diagnostics::from(dateline::Error::Usage(format!("--now: {m}"))))
    })
    .transpose()
}

fn cmd_build(a: BuildArgs) -> ExitCode {
    let opts = BuildOptions {
        root: a.root,
        output: a.output,
        drafts: a.drafts,
        base_url: a.base_url,
        offline: a.offline,
    };
    let now = match parse_now(a.now.as_deref()) {
        Ok(n) => n,
        Err(d) => return fail(&d),
    };
    let r = match with_progress("building", |progress| build_with(&opts, now, progress)) {
        Ok(r) => r,
        Err(d) => return fail(&d),
    };
    if let Some(zip) = &a.zip
        && let Err(e) = zip_output(&opts, zip)
    {
        return fail(&e.into());
    }
    let mut err = std::io::stderr().lock();
    for w in &r.warnings {
        let _ = writeln!(err, "{w}");
    }
    for (path, when) in &r.embargoed {
        let _ = writeln!(err, "embargoed: {} goes live at {when}", path.display());
    }
    let s = &r.stats;
    if a.timings {
        for t in &s.timings {
            let peak = t
                .peak
                .map(|b| format!("   peak {:>6.1} MiB", b as f64 / 1048576.0))
                .unwrap_or_default();
            let _ = writeln!(
                err,
                "  {:<14} {:>8.1} ms{peak}",
                t.stage,
                t.time.as_secs_f64() * 1000.0
            );
        }
    }
    println!("{}", summary(&r));
    // The process ends here: no need to free the site piece by piece.
    r.held.leak();
    ExitCode::SUCCESS
}

/// Writes the built offline edition as one zip (a folder `<name>/` inside, named after the
/// output folder).
fn zip_output(opts: &BuildOptions, zip: &std::path::Path) -> Result<(), dateline::Error> {
    let config = dateline::Config::load(opts)?;
    let out = &config.output_dir;
    let files: Vec<PathBuf> = dateline::output::published(out)?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let top = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    dateline::offline::write_zip(out, &files, &top, zip)
}

/// The line printed after a build.
fn summary(r: &dateline::Built) -> String {
    let s = &r.stats;
    let mut extra = String::new();
    if s.images_processed + s.images_cached > 0 {
        extra.push_str(&format!(
            ", {} photos resized ({} processed, {} from the cache)",
            s.images_processed + s.images_cached,
            s.images_processed,
            s.images_cached
        ));
    }
    if s.images_cleaned > 0 {
        extra.push_str(&format!(
            ", {} images cleaned of metadata",
            s.images_cleaned
        ));
    }
    if !r.embargoed.is_empty() {
        extra.push_str(&format!(", {} embargoed", r.embargoed.len()));
    }
    if r.up_to_date {
        extra.push_str("; nothing changed since the last build");
    }
    format!(
        "Built {} dispatches: {} pages, {} files ({} written, {} unchanged, {} removed){extra} in {} ms",
        s.dispatches,
        s.pages,
        s.files,
        s.write.written,
        s.write.unchanged,
        s.write.removed,
        s.total.as_millis()
    )
}

impl From<DeployArgs> for dateline::deploy::DeployOptions {
    fn from(a: DeployArgs) -> Self {
        dateline::deploy::DeployOptions {
            root: a.root,
            output: a.output,
            target: a.name,
            dry_run: a.dry_run,
            max_deletes: a.max_deletes,
        }
    }
}

fn cmd_places(a: PlacesArgs) -> ExitCode {
    let text = if a.text == "-" {
        let mut t = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut t) {
            eprintln!("error: reading standard input: {e}");
            return ExitCode::FAILURE;
        }
        t
    } else {
        a.text
    };
    let lines = match dateline::places::report::explain(&a.root, &text, &a.cities) {
        Ok(l) => l,
        Err(e) => return fail(&Diagnostics::from(e)),
    };
    let mut out = std::io::stdout().lock();
    if lines.is_empty() {
        let _ = writeln!(out, "no place names found");
    }
    for l in &lines {
        let verdict = match &l.place {
            Some(p) => format!("linked  {p}: {}", l.why),
            None => format!("skipped {}", l.why),
        };
        let _ = writeln!(out, "{}:{}\t{}\t{verdict}", l.line, l.col, l.written);
    }
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
    let rendered = match with_progress("checking", |_| {
        dateline::Config::load(&opts)
            .map_err(Diagnostics::from)
            .and_then(|c| dateline::render_site(c, now))
    }) {
        Ok(r) => r,
        Err(d) => return fail(&d),
    };
    let report = dateline::check::site(&rendered);
    // The build's own warnings (removed HTML, missing alt text, unknown cities…), as `build`
    // prints them, so a check reports every problem a build would; each broken link once, at
    // the file and line it is written at.
    let mut err = std::io::stderr().lock();
    for w in &report.warnings {
        let _ = writeln!(err, "{w}");
    }
    drop(err);
    let mut out = std::io::stdout().lock();
    for p in &report.problems {
        let _ = writeln!(out, "{p}");
    }
    for p in &report.gps {
        let _ = writeln!(out, "{}: image still carries GPS coordinates", p.display());
    }
    if a.external {
        for (domain, urls) in &report.external {
            let _ = writeln!(
                out,
                "{domain} ({} link{})",
                urls.len(),
                if urls.len() == 1 { "" } else { "s" }
            );
            for u in urls {
                let _ = writeln!(out, "  {u}");
            }
        }
    }
    let ext: usize = report.external.values().map(|u| u.len()).sum();
    let _ = writeln!(
        out,
        "Checked {} pages, {} internal links: {}, {} images with GPS; {} external links on {} domains (not fetched)",
        report.pages,
        report.links,
        broken_summary(&report),
        report.gps.len(),
        ext,
        report.external.len()
    );
    if report.broken.is_empty() && report.gps.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `0 broken`, or `3 broken (in 2 files; 11 links on 7 pages)`.
fn broken_summary(r: &dateline::check::Report) -> String {
    if r.problems.is_empty() {
        return format!("{} broken", r.broken.len());
    }
    let files: std::collections::BTreeSet<_> = r.problems.iter().map(|p| &p.loc.path).collect();
    let pages: std::collections::BTreeSet<_> = r.broken.iter().map(|b| &b.page).collect();
    format!(
        "{} broken (in {} file{}; {} link{} on {} page{})",
        r.problems.len(),
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        r.broken.len(),
        if r.broken.len() == 1 { "" } else { "s" },
        pages.len(),
        if pages.len() == 1 { "" } else { "s" },
    )
}

fn cmd_serve(a: ServeArgs) -> ExitCode {
    let opts = ServeOptions {
        root: a.root,
        drafts: a.drafts,
        bind: a.bind,
        port: a.port,
        debounce: std::time::Duration::from_millis(a.debounce_ms),
    };
    crate::serve_cli::cmd_serve(opts, a.open)
}

/// Photos from which a progress bar is drawn.
const PROGRESS_BAR_FROM: usize = 20;

/// Runs `work`, showing "label… 1.2 s" on a terminal while it takes longer than half a second,
/// with a bar of the photos processed when there are many; `work` reports them through the
/// callback it is given.
fn with_progress<T: Send>(
    label: &str,
    work: impl FnOnce(&(dyn Fn(usize, usize) + Sync)) -> T + Send,
) -> T {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
    if !std::io::stderr().is_terminal() {
        return work(&|_, _| {});
    }
    let done = AtomicBool::new(false);
    let (photos, total) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let report = |d: usize, t: usize| {
        photos.fetch_max(d, Relaxed);
        total.store(t, Relaxed);
    };
    std::thread::scope(|s| {
        let ticker = s.spawn(|| {
            let t0 = std::time::Instant::now();
            let mut shown = false;
            while !done.load(Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                if t0.elapsed().as_millis() >= 500 {
                    let (d, t) = (photos.load(Relaxed), total.load(Relaxed));
                    let bar = if t >= PROGRESS_BAR_FROM {
                        let filled = d * 20 / t;
                        format!(
                            "  [{}{}] {d}/{t} photos",
                            "#".repeat(filled),
                            "-".repeat(20 - filled)
                        )
                    } else {
                        String::new()
                    };
                    eprint!("\r\x1b[2K{label}… {:.1} s{bar}", t0.elapsed().as_secs_f64());
                    shown = true;
                }
            }
            if shown {
                eprint!("\r\x1b[2K");
            }
        });
        let out = work(&report);
        done.store(true, Relaxed);
        let _ = ticker.join();
        out
    })
}

fn cmd_new(a: NewArgs) -> ExitCode {
    let opts = dateline::scaffold::NewDispatch {
        title: a.title.clone().unwrap_or_default(),
        cities: a.cities,
        tags: a.tags,
        authors: a.authors,
        draft: a.draft,
        slug: a.slug,
        bundle: a.bundle,
        live: a.live,
        key: a.key,
        lang: None,
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
    let langs = &config.languages;
    let made = match (&a.translate, &a.update, &a.lang) {
        (Some(original), _, Some(lang)) => {
            dateline::scaffold::new_translation(original, lang, a.title.as_deref(), langs)
        }
        (_, Some(path), _) => dateline::scaffold::new_update(path, &opts, &now),
        (_, None, Some(lang)) => dateline::scaffold::dispatch_lang(lang, langs).and_then(|lang| {
            let opts = dateline::scaffold::NewDispatch { lang, ..opts };
            dateline::scaffold::new_dispatch(&a.root, &opts, &now)
        }),
        _ => dateline::scaffold::new_dispatch(&a.root, &opts, &now),
    };
    match made {
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
            println!(
                "Created a new site in {} ({} files).",
                dir.display(),
                files.len()
            );
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
