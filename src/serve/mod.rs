//! `dateline serve`: a thin layer over the build that keeps the site in memory, watches the
//! sources, rebuilds on every save and tells browsers to reload.
//!
//! `preview` owns the in-memory site and incremental rebuilds; `http` serves it (with the
//! reload script injected into HTML responses only, never into the build); `watch` turns
//! file-system events into rebuilds. This module wires them together on a tokio runtime: one
//! task serves HTTP, one rebuilds (on a blocking thread, under the write lock) and broadcasts
//! a notice to browsers. It never prints: the caller gets `ServeEvent`s and decides.

pub mod fast;
mod http;
pub mod live;
pub mod preview;
mod store;
mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::{RwLock, broadcast, mpsc};

pub use preview::{ChangeKind, Preview, RebuildReport};

use crate::config::BuildOptions;
use http::Notice;
use watch::{WatchMsg, Watcher};

/// What `dateline serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// Address to listen on (loopback by default).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Quiet time after the last file event before rebuilding.
    pub debounce: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            drafts: false,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            debounce: Duration::from_millis(30),
        }
    }
}

/// Something the caller may want to report.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    /// The first build finished (its `error` is set if it failed; the server still starts).
    Built(&'a RebuildReport),
    /// The server is accepting connections at this URL (`http://127.0.0.1:1111/`).
    Listening(&'a str),
    /// A rebuild after file changes finished.
    Rebuilt(&'a RebuildReport),
    /// The file watcher reported a problem.
    WatchError(&'a str),
    /// The search index was remade after edits.
    Indexed {
        /// Dispatches indexed.
        dispatches: usize,
        /// Time taken.
        millis: f64,
    },
    /// Remaking the search index failed (search keeps the last index).
    IndexFailed(&'a str),
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound (port in use, no permission).
    #[error("error: cannot listen on {addr}: {source} (try another --port)")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The site folders could not be watched.
    #[error("error: cannot watch {}: {source}", path.display())]
    Watch {
        /// The site root.
        path: PathBuf,
        /// What notify said.
        source: notify::Error,
    },
    /// The runtime or the HTTP server failed.
    #[error("error: server: {0}")]
    Io(#[from] std::io::Error),
}

type Callback = Arc<dyn Fn(ServeEvent<'_>) + Send + Sync>;

/// The in-memory site plus the generation browsers are told about.
pub(crate) struct Live {
    pub(crate) preview: Preview,
    /// Bumped on every rebuild that changes what a browser would see.
    pub(crate) generation: u64,
}

/// What HTTP handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) live: Arc<RwLock<Live>>,
    pub(crate) notices: broadcast::Sender<Notice>,
    /// Distinguishes this server run, so a browser reconnecting to a restarted server reloads.
    instance: Arc<str>,
}

impl AppState {
    pub(crate) fn generation_id(&self, generation: u64) -> String {
        format!("{}-{generation}", self.instance)
    }
}

/// Builds the site in memory, serves it and rebuilds on changes until Ctrl+C.
pub fn run(
    opts: ServeOptions,
    on_event: impl Fn(ServeEvent<'_>) + Send + Sync + 'static,
) -> Result<(), ServeError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(serve(opts, Arc::new(on_event)));
    // Open event streams never end by themselves; do not wait for them.
    rt.shutdown_timeout(Duration::from_millis(200));
    result
}

async fn serve(opts: ServeOptions, on_event: Callback) -> Result<(), ServeError> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    let url = format!("http://{}/", browsable(listener.local_addr()?));
    let root = crate::fs::absolute(&opts.root);
    // Watch before the first build so a save during it is not lost.
    let (tx, rx) = mpsc::unbounded_channel();
    let watcher = Watcher::start(&root, opts.debounce, tx).map_err(|source| ServeError::Watch {
        path: root.clone(),
        source,
    })?;
    let build = BuildOptions {
        root: root.clone(),
        output: None,
        drafts: opts.drafts,
        base_url: Some(url.trim_end_matches('/').to_string()),
        offline: false,
    };
    let (preview, report) = tokio::task::spawn_blocking(move || Preview::new(build))
        .await
        .map_err(|e| std::io::Error::other(format!("the first build panicked: {e}")))?;
    on_event(ServeEvent::Built(&report));
    let started = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let app = AppState {
        live: Arc::new(RwLock::new(Live {
            preview,
            generation: 0,
        })),
        notices: broadcast::channel(16).0,
        instance: format!("{:x}", started.as_millis()).into(),
    };
    tokio::spawn(rebuild_loop(
        app.clone(),
        root,
        rx,
        watcher,
        on_event.clone(),
    ));
    on_event(ServeEvent::Listening(&url));
    tokio::select! {
        r = axum::serve(listener, http::router(app)).into_future() => r?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// The address to show and to build links with: loopback when bound to "any".
fn browsable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

async fn rebuild_loop(
    app: AppState,
    root: PathBuf,
    mut rx: mpsc::UnboundedReceiver<WatchMsg>,
    mut watcher: Watcher,
    on_event: Callback,
) {
    // After a rebuild, the search index is remade once no change has come for a moment.
    let mut search_due = false;
    loop {
        let first = if search_due {
            match tokio::time::timeout(SEARCH_DEBOUNCE, rx.recv()).await {
                Ok(msg) => msg,
                Err(_) => {
                    search_due = false;
                    reindex(&app, &on_event).await;
                    continue;
                }
            }
        } else {
            rx.recv().await
        };
        let Some(first) = first else { break };
        let (mut paths, mut everything) = (Vec::new(), false);
        let mut next = Some(first);
        // Coalesce everything already queued into one rebuild.
        while let Some(msg) = next.take().or_else(|| rx.try_recv().ok()) {
            match msg {
                WatchMsg::Changed(p) => paths.extend(p),
                WatchMsg::Rescan => everything = true,
                WatchMsg::Failed(e) => on_event(ServeEvent::WatchError(&e)),
            }
        }
        if paths.is_empty() && !everything {
            continue;
        }
        paths.sort();
        paths.dedup();
        if let Err(e) = watcher.refresh(&paths) {
            on_event(ServeEvent::WatchError(&e.to_string()));
        }
        // `Preview::rebuild(&[])` means "everything".
        let paths = if everything { Vec::new() } else { paths };
        let (report, notice) = rebuild(&app, &root, paths).await;
        search_due |= report.error.is_none();
        on_event(ServeEvent::Rebuilt(&report));
        if let Some(n) = notice {
            let _ = app.notices.send(n);
        }
    }
}

/// How long `serve` waits after the last rebuild before remaking the search index.
pub const SEARCH_DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(1500);

/// Remakes the search index on a blocking thread under the write lock (see
/// [`Preview::reindex`]).
async fn reindex(app: &AppState, on_event: &Callback) {
    let mut live = app.live.clone().write_owned().await;
    let job = tokio::task::spawn_blocking(move || {
        let t = std::time::Instant::now();
        let done = live.preview.reindex();
        (done, t.elapsed().as_secs_f64() * 1000.0)
    });
    match job.await {
        Ok((Ok(Some(dispatches)), millis)) => on_event(ServeEvent::Indexed { dispatches, millis }),
        Ok((Ok(None), _)) => {}
        Ok((Err(e), _)) => on_event(ServeEvent::IndexFailed(&e)),
        Err(e) => on_event(ServeEvent::IndexFailed(&e.to_string())),
    }
}

/// Rebuilds on a blocking thread under the write lock; returns the report and the notice for
/// browsers (none when what they show did not change).
async fn rebuild(
    app: &AppState,
    root: &Path,
    paths: Vec<PathBuf>,
) -> (RebuildReport, Option<Notice>) {
    let mut live = app.live.clone().write_owned().await;
    let root = root.to_path_buf();
    let ids = app.clone();
    let fallback_paths = paths.clone();
    let job = tokio::task::spawn_blocking(move || {
        let before = live.preview.error().map(str::to_owned);
        let report = live.preview.rebuild(&paths);
        let notice = notice_for(&paths, &root, before.as_deref(), &report).map(|css_only| {
            live.generation += 1;
            Notice {
                css_only,
                generation: ids.generation_id(live.generation),
            }
        });
        (report, notice)
    });
    job.await.unwrap_or_else(|e| {
        let report = RebuildReport {
            kind: None,
            changed: fallback_paths,
            files_changed: 0,
            pages_rendered: 0,
            millis: 0.0,
            error: Some(format!("error: internal: the rebuild panicked: {e}")),
            new_warnings: Vec::new(),
        };
        (report, None)
    })
}

/// `None` when browsers already show the right thing; `Some(true)` when only stylesheets
/// changed; `Some(false)` for a full reload (content changed, an error appeared, changed or
/// cleared, or a warning appeared).
fn notice_for(
    paths: &[PathBuf],
    root: &Path,
    error_before: Option<&str>,
    report: &RebuildReport,
) -> Option<bool> {
    if report.error.as_deref() != error_before || !report.new_warnings.is_empty() {
        // New warnings go into the corner box of every page.
        return Some(false);
    }
    if report.error.is_some() || report.files_changed == 0 {
        return None;
    }
    let css_only = !paths.is_empty()
        && paths.iter().all(|p| match ChangeKind::of(p, root) {
            Some(ChangeKind::Static) => {
                p.extension().is_some_and(|e| e.eq_ignore_ascii_case("css"))
            }
            Some(_) => false,
            None => true,
        });
    Some(css_only)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(files_changed: usize, error: Option<&str>) -> RebuildReport {
        RebuildReport {
            kind: None,
            changed: Vec::new(),
            files_changed,
            pages_rendered: 0,
            millis: 0.0,
            error: error.map(str::to_owned),
            new_warnings: Vec::new(),
        }
    }

    #[test]
    fn notices_follow_what_browsers_see() {
        let root = Path::new("/s");
        let css = [PathBuf::from("/s/themes/t/static/style.css")];
        let md = [
            PathBuf::from("/s/content/a.md"),
            PathBuf::from("/s/static/x.css"),
        ];
        assert_eq!(notice_for(&css, root, None, &report(2, None)), Some(true));
        assert_eq!(notice_for(&md, root, None, &report(2, None)), Some(false));
        assert_eq!(notice_for(&md, root, None, &report(0, None)), None);
        assert_eq!(
            notice_for(&md, root, None, &report(0, Some("e"))),
            Some(false)
        );
        assert_eq!(
            notice_for(&md, root, Some("e"), &report(0, Some("e"))),
            None
        );
        assert_eq!(
            notice_for(&css, root, Some("e"), &report(0, None)),
            Some(false)
        );
        assert_eq!(
            notice_for(&[], root, None, &report(3, None)),
            Some(false),
            "a full rebuild reloads"
        );
    }

    #[test]
    fn links_use_loopback_when_bound_to_any() {
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(browsable(any).to_string(), "127.0.0.1:1111");
        let v6: SocketAddr = "[::]:80".parse().unwrap();
        assert_eq!(browsable(v6).to_string(), "[::1]:80");
    }
}
