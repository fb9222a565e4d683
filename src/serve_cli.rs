//! What `dateline serve` prints: the first build, the address, one line per rebuild, the
//! warnings each build adds, and the search index's remaking.

use std::process::ExitCode;

use dateline::serve::{ChangeKind, RebuildReport, ServeEvent, ServeOptions};

/// Runs `dateline serve`; with `open`, opens the preview in the default browser.
pub(crate) fn cmd_serve(opts: ServeOptions, open: bool) -> ExitCode {
    purge_at_once();
    let drafts = if opts.drafts { " (with drafts)" } else { "" };
    let on_event = move |e: ServeEvent<'_>| match e {
        ServeEvent::Built(r) => match &r.error {
            Some(err) => {
                eprintln!("{err}");
                println!(
                    "The first build failed; the browser shows why and reloads once it is fixed"
                );
            }
            None => {
                give_back_memory();
                println!(
                    "Built {} pages in memory in {:.0} ms{drafts}",
                    r.pages_rendered, r.millis
                );
                for w in &r.new_warnings {
                    eprintln!("{w}");
                }
            }
        },
        ServeEvent::Listening(url) => {
            println!("Serving at {url} (Ctrl+C to stop)");
            if open {
                open_browser(url);
            }
        }
        ServeEvent::Rebuilt(r) => {
            give_back_memory();
            println!("{}", rebuild_line(r));
            if let Some(err) = &r.error {
                eprintln!("{err}");
            }
            for w in &r.new_warnings {
                eprintln!("{w}");
            }
        }
        ServeEvent::WatchError(msg) => eprintln!("warning: file watcher: {msg}"),
        ServeEvent::Indexed { dispatches, millis } => {
            println!("Search index remade: {dispatches} dispatches in {millis:.0} ms");
        }
        ServeEvent::IndexFailed(msg) => eprintln!("warning: {msg}"),
    };
    match dateline::serve::run(opts, on_event) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `mi_option_purge_delay` of mimalloc 3's `mi_option_e` (`libmimalloc-sys` 0.1.49 names the
/// options before and after it, not this one).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has the allocator give freed pages back to the system at once rather than a second later
/// (mimalloc 3's default): a build frees as fast as it allocates, and pages waiting out the
/// delay add to the preview's peak and to what it holds after each rebuild (10,000 dispatches:
/// peak 262 → 238 MiB, held 236 → 229 MiB; the first build takes about a tenth longer).
/// `serve` is long-lived and memory-bound; a one-off build keeps the default.
fn purge_at_once() {
    // SAFETY: sets one option value; no pointer is passed, and mimalloc reads it atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

/// Has the allocator give back what a rebuild freed. The build's worker threads make most of
/// the site and then wait, idle, while the preview keeps it: blocks that another thread frees
/// (the last build, dropped when the next one lands) and pages left partly empty stay with
/// their idle owner until it allocates again. `mi_collect(true)` in each of them and here
/// returns those pages to the system.
fn give_back_memory() {
    // SAFETY: `mi_collect` takes no pointer and only walks the calling thread's own heap; it is
    // safe to call at any time on any thread that uses mimalloc (the global allocator).
    let collect = || unsafe { libmimalloc_sys::mi_collect(true) };
    rayon::broadcast(|_| collect());
    collect();
}

/// The one log line per rebuild: `12:04:05 content: content/a.md → 3 pages, 5 files changed in 12 ms`.
fn rebuild_line(r: &RebuildReport) -> String {
    let kind = match r.kind {
        Some(ChangeKind::Content) => "content",
        Some(ChangeKind::Static) => "static",
        Some(ChangeKind::Template) => "template",
        Some(ChangeKind::Gazetteer) => "cities.toml",
        Some(ChangeKind::Config) => "config",
        None => "change",
    };
    let mut files: Vec<String> = r
        .changed
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    if r.changed.len() > 3 {
        files.push(format!("+{} more", r.changed.len() - 3));
    }
    let outcome = match r.error {
        Some(_) => "failed; still serving the last good build".to_string(),
        None => format!(
            "{} page{} rendered, {} file{} changed",
            r.pages_rendered,
            if r.pages_rendered == 1 { "" } else { "s" },
            r.files_changed,
            if r.files_changed == 1 { "" } else { "s" }
        ),
    };
    let now = jiff::ZonedDateTime::now().strftime("%H:%M:%S");
    format!(
        "{now} {kind}: {} → {outcome} in {:.0} ms",
        files.join(", "),
        r.millis
    )
}

/// Best effort: the preview still works if no browser opens.
fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = cmd {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_mimallocs() {
        // mimalloc 3's default is 1000 (ms); a wrong index would read another option.
        // SAFETY: reads one option value.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(delay, 1000);
        }
    }

    #[test]
    fn rebuild_line_names_files_kind_counts_and_time() {
        let r = super::RebuildReport {
            kind: Some(super::ChangeKind::Content),
            changed: ["a.md", "b.md", "c.md", "d.md"]
                .iter()
                .map(|p| format!("content/{p}").into())
                .collect(),
            files_changed: 5,
            pages_rendered: 3,
            millis: 12.4,
            error: None,
            new_warnings: Vec::new(),
        };
        let line = super::rebuild_line(&r);
        assert!(
            line.ends_with(
                "content: content/a.md, content/b.md, content/c.md, +1 more → 3 pages rendered, 5 files changed in 12 ms"
            ),
            "{line}"
        );
    }
}
