//! File watching for `dateline serve`: notify events, debounced, become batches of changed
//! absolute paths for `Preview::rebuild`.
//!
//! Owns the debouncer and which folders are watched. The site root is watched flat (for
//! `config.toml`, `cities.toml` and top-level folders appearing), and `content/`, `themes/`,
//! `static/` and `i18n/` recursively once they exist, so a root that also holds `target/` or `output/` does
//! not cost a watch per build folder. Editors that save by rename, deletions and new folders
//! all arrive as paths; both sides of a rename are kept. Reads (access events) are dropped, or
//! every rebuild would trigger the next. Nothing here prints; errors go down the channel.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer,
};
use tokio::sync::mpsc::UnboundedSender;

use super::preview::ChangeKind;

/// Folders under the root watched recursively.
const DIRS: [&str; 4] = ["content", "themes", "static", "i18n"];

/// One message from the watcher thread.
#[derive(Debug)]
pub(crate) enum WatchMsg {
    /// Absolute paths that changed (sorted, deduplicated, only paths the site reads).
    Changed(Vec<PathBuf>),
    /// Events were lost (the OS queue overflowed): rebuild everything.
    Rescan,
    /// The watcher reported a problem (e.g. the OS watch limit was hit).
    Failed(String),
}

/// The running watcher; dropping it stops watching.
pub(crate) struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (absolute), sending a batch after every quiet period
    /// of `debounce`.
    pub(crate) fn start(
        root: &Path,
        debounce: Duration,
        tx: UnboundedSender<WatchMsg>,
    ) -> notify::Result<Watcher> {
        let filter_root = root.to_path_buf();
        let handler = move |res: DebounceEventResult| {
            let msg = match res {
                Ok(events) if events.iter().any(|e| e.need_rescan()) => WatchMsg::Rescan,
                Ok(events) => {
                    let paths = relevant(&filter_root, events);
                    if paths.is_empty() {
                        return;
                    }
                    WatchMsg::Changed(paths)
                }
                Err(errors) => WatchMsg::Failed(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            let _ = tx.send(msg);
        };
        let tick = (debounce / 4).max(Duration::from_millis(5)).min(debounce);
        let mut debouncer = new_debouncer(debounce, Some(tick), handler)?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        let mut w = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        w.refresh(&[])?;
        Ok(w)
    }

    /// Watches each of `content/`, `themes/`, `static/` that exists and stops watching the
    /// ones that are gone. A folder among `changed` (deleted and re-created) is watched afresh.
    pub(crate) fn refresh(&mut self, changed: &[PathBuf]) -> notify::Result<()> {
        for d in DIRS {
            let p = self.root.join(d);
            let was = self.watched.contains(&p);
            if was && (!p.is_dir() || changed.contains(&p)) {
                let _ = self.debouncer.unwatch(&p);
                self.watched.retain(|w| w != &p);
            }
            if p.is_dir() && !self.watched.contains(&p) {
                self.debouncer.watch(&p, RecursiveMode::Recursive)?;
                self.watched.push(p);
            }
        }
        Ok(())
    }
}

/// The paths of `events` that the site reads (per `ChangeKind::of`), sorted and deduplicated.
fn relevant(root: &Path, events: Vec<DebouncedEvent>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = events
        .into_iter()
        .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
        .flat_map(|e| e.event.paths)
        .filter(|p| ChangeKind::of(p, root).is_some())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::Event;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};
    use std::time::Instant;

    fn ev(kind: EventKind, paths: &[&str]) -> DebouncedEvent {
        let mut e = Event::new(kind);
        e.paths = paths.iter().map(PathBuf::from).collect();
        DebouncedEvent::new(e, Instant::now())
    }

    #[test]
    fn keeps_both_sides_of_renames_and_drops_reads_and_foreign_paths() {
        let events = vec![
            ev(EventKind::Access(AccessKind::Any), &["/s/content/a.md"]),
            ev(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/s/content/a.md", "/s/content/b.md"],
            ),
            ev(
                EventKind::Create(CreateKind::File),
                &["/s/content/.a.md.swp"],
            ),
            ev(EventKind::Create(CreateKind::File), &["/s/target/debug/x"]),
            ev(
                EventKind::Create(CreateKind::File),
                &["/s/output/index.html"],
            ),
            ev(
                EventKind::Modify(ModifyKind::Any),
                &["/s/config.toml", "/s/content/b.md"],
            ),
        ];
        let got = relevant(Path::new("/s"), events);
        let want: Vec<PathBuf> = ["/s/config.toml", "/s/content/a.md", "/s/content/b.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(got, want);
    }
}
