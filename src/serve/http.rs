//! The HTTP side of `dateline serve`: routes, safe path resolution, content types, and the
//! live-reload script and error overlay injected into HTML responses.
//!
//! Owns everything a browser sees. Only files present in the in-memory `Preview` can be
//! served: a request path is percent-decoded once, checked (no `..`, `.`, empty segments,
//! backslashes or control characters) and then looked up in the site's path map, never on disk.
//! The reload script is added to responses here, so `dateline build` output never contains it.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::{AppState, Live};

/// Where browsers listen for rebuild notices (Server-Sent Events).
pub(crate) const EVENTS_PATH: &str = "/__dateline/events";

/// What browsers are told after a rebuild that changed what they would see.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    /// Only stylesheets changed: swap them in place instead of reloading.
    pub(crate) css_only: bool,
    /// The build generation the notice brings browsers to.
    pub(crate) generation: String,
}

/// The router: the SSE endpoint, then every other GET/HEAD path from the in-memory site.
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route("/", get(page))
        .route("/{*rest}", get(page))
        .fallback(page)
        .layer(axum::middleware::map_response(no_store))
        .with_state(state)
}

async fn no_store(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

fn plain_404() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        "404 Not Found\n",
    )
        .into_response()
}

async fn events(State(app): State<AppState>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the generation so no notice falls between the two.
    let rx = app.notices.subscribe();
    let generation = app.generation_id(app.live.read().await.generation);
    let hello = Event::default()
        .event("hello")
        .data(generation)
        .retry(Duration::from_secs(1));
    let notices = BroadcastStream::new(rx).map(|n| {
        Ok(match n {
            Ok(n) => Event::default()
                .event(if n.css_only { "css" } else { "reload" })
                .data(n.generation),
            // Missed notices: a full reload is always correct.
            Err(_) => Event::default().event("reload").data("lagged"),
        })
    });
    Sse::new(tokio_stream::once(Ok(hello)).chain(notices))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn page(State(app): State<AppState>, uri: Uri) -> Response {
    let live = app.live.read().await;
    match resolve(uri.path(), |p| live.preview.has(p)) {
        Resolved::File(key) => match live.preview.get(&key) {
            Some(bytes) => file_response(StatusCode::OK, &key, bytes, &app, &live),
            None => not_found(&app, &live),
        },
        Resolved::Redirect(mut location) => {
            if let Some(q) = uri.query() {
                location.push('?');
                location.push_str(q);
            }
            match HeaderValue::from_str(&location) {
                Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(LOCATION, v)]).into_response(),
                Err(_) => not_found(&app, &live),
            }
        }
        Resolved::NotFound => not_found(&app, &live),
    }
}

/// The site's own 404 page; a bare one when the site has none (HTML with the overlay when the
/// build failed, so the browser still learns why and reloads once it is fixed).
fn not_found(app: &AppState, live: &Live) -> Response {
    if let Some(bytes) = live.preview.get("404.html") {
        return file_response(StatusCode::NOT_FOUND, "404.html", bytes, app, live);
    }
    if live.preview.error().is_none() {
        return plain_404();
    }
    let doc = b"<!doctype html><meta charset=utf-8><title>Build failed</title><body></body>";
    let html = inject(
        doc,
        &decorations(
            live.preview.error(),
            live.preview.warnings(),
            &app.generation_id(live.generation),
        ),
    );
    (
        StatusCode::NOT_FOUND,
        [(CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// `bytes` is whatever `Preview::get` hands out (shared, cheap to clone).
fn file_response<B>(
    status: StatusCode,
    key: &str,
    bytes: B,
    app: &AppState,
    live: &Live,
) -> Response
where
    B: AsRef<[u8]> + Send + 'static,
{
    let ctype = content_type(key);
    let body = if ctype.starts_with("text/html") {
        let extra = decorations(
            live.preview.error(),
            live.preview.warnings(),
            &app.generation_id(live.generation),
        );
        Body::from(inject(bytes.as_ref(), &extra))
    } else {
        Body::from(Bytes::from_owner(bytes))
    };
    (status, [(CONTENT_TYPE, ctype.into_owned())], body).into_response()
}

/// What a request path maps to in the in-memory site.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// An output file (`cities/kyiv/index.html`).
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing (or an unsafe path).
    NotFound,
}

/// Maps a raw (still percent-encoded) request path to an output file, given which output
/// paths exist. Unsafe or malformed paths are `NotFound`, never an error page of their own.
pub(crate) fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let Some(rel) = normalise(raw) else {
        return Resolved::NotFound;
    };
    let key = if rel.is_empty() {
        "index.html".to_string()
    } else if let Some(dir) = rel.strip_suffix('/') {
        format!("{dir}/index.html")
    } else if exists(&rel) {
        return Resolved::File(rel);
    } else if exists(&format!("{rel}/index.html")) {
        return Resolved::Redirect(format!("{raw}/"));
    } else {
        return Resolved::NotFound;
    };
    if exists(&key) {
        Resolved::File(key)
    } else {
        Resolved::NotFound
    }
}

/// Decodes and checks a request path: `/cities/kyiv/` → `cities/kyiv/`, `/` → ``. `None` for
/// anything that could step outside the site or is malformed.
pub(crate) fn normalise(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let text = String::from_utf8(crate::paths::percent_decode(rest)?).ok()?;
    if text.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let body = text.strip_suffix('/').unwrap_or(&text);
    if body.is_empty() {
        return text.is_empty().then(String::new);
    }
    let bad = |s: &str| s.is_empty() || s == "." || s == ".." || s.contains(':');
    if body.split('/').any(bad) {
        return None;
    }
    Some(text)
}

/// The Content-Type for an output path, by name and extension.
pub(crate) fn content_type(path: &str) -> std::borrow::Cow<'static, str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    // Feeds are named for what they are; `mime_guess` would call both plain XML.
    match name {
        "atom.xml" => return "application/atom+xml".into(),
        "rss.xml" => return "application/rss+xml".into(),
        _ => {}
    }
    let mime = mime_guess::from_path(name)
        .first_raw()
        .unwrap_or("application/octet-stream");
    if mime.starts_with("text/") {
        format!("{mime}; charset=utf-8").into()
    } else {
        mime.into()
    }
}

/// Inserts `extra` before the last `</body>` (any case), or appends it when there is none.
pub(crate) fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    const TAG: &[u8] = b"</body";
    let at = html
        .windows(TAG.len())
        .rposition(|w| w.eq_ignore_ascii_case(TAG))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The error overlay (when the last rebuild failed), the warnings' corner box (when the
/// build has warnings), then the reload script.
pub(crate) fn decorations(error: Option<&str>, warnings: &[String], generation: &str) -> String {
    let mut out = String::new();
    if let Some(e) = error {
        out.push_str(&overlay(e));
    }
    if !warnings.is_empty() {
        out.push_str(&warnings_box(warnings));
    }
    out.push_str(&reload_script(generation));
    out
}

fn overlay(error: &str) -> String {
    format!(
        concat!(
            r#"<div id="__dateline_error" role="alert" style="position:fixed;top:0;left:0;right:0;"#,
            r#"z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:12px 16px;"#,
            r#"background:#2b0b0b;color:#ffe9e9;border-bottom:3px solid #e53935;"#,
            r#"font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;text-align:left">"#,
            r#"<button type="button" onclick="this.parentNode.remove()" aria-label="Hide" "#,
            r#"style="float:right;background:none;border:0;color:inherit;font-size:20px;cursor:pointer">×</button>"#,
            r#"<strong>dateline: the last edit broke the build; this is the last good version</strong>"#,
            r#"<pre style="white-space:pre-wrap;margin:8px 0 0;font:inherit">{}</pre></div>"#
        ),
        crate::escape::html(error)
    )
}

/// A small box in the bottom corner that never covers the page: a count that opens into the
/// list of the build's warnings.
fn warnings_box(warnings: &[String]) -> String {
    let n = warnings.len();
    let mut list = String::new();
    for w in warnings {
        list.push_str(&crate::escape::html(w));
        list.push('\n');
    }
    format!(
        concat!(
            r#"<details id="__dateline_warnings" style="position:fixed;bottom:8px;right:8px;"#,
            r#"z-index:2147483646;max-width:min(90vw,60em);max-height:50vh;overflow:auto;"#,
            r#"background:#fff8e1;color:#3e2c00;border:1px solid #f9a825;border-radius:4px;"#,
            r#"padding:4px 10px;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;text-align:left">"#,
            r#"<summary style="cursor:pointer">dateline: {} warning{}</summary>"#,
            r#"<pre style="white-space:pre-wrap;margin:6px 0 0;font:inherit">{}</pre></details>"#
        ),
        n,
        if n == 1 { "" } else { "s" },
        list
    )
}

fn reload_script(generation: &str) -> String {
    // `hello` on (re)connect tells a page it is stale; `css` swaps stylesheets in place by
    // re-reading this page's <link>s (their names carry content hashes).
    const JS: &str = r#"(function(){var gen="GEN";
function css(){fetch(location.href,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){
var q='link[rel~="stylesheet"]',a=document.querySelectorAll(q),
b=new DOMParser().parseFromString(t,"text/html").querySelectorAll(q);
if(a.length!==b.length){location.reload();return}
for(var i=0;i<a.length;i++){var h=b[i].getAttribute("href")||"";
a[i].setAttribute("href",h+(h.indexOf("?")<0?"?":"&")+"v="+Date.now())}
}).catch(function(){location.reload()})}
function connect(){var es=new EventSource("EVENTS");
es.addEventListener("hello",function(e){if(e.data!==gen)location.reload()});
es.addEventListener("reload",function(){location.reload()});
es.addEventListener("css",function(e){gen=e.data;css()});
es.onerror=function(){if(es.readyState===2){setTimeout(connect,1000)}}}
connect()})();"#;
    let js = JS
        .replace("GEN", &generation.replace(['"', '\\', '<'], ""))
        .replace("EVENTS", EVENTS_PATH);
    format!("<script data-dateline-reload>{js}</script>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        [
            "index.html",
            "cities/index.html",
            "cities/kyiv/index.html",
            "style.1a2b.css",
            "404.html",
        ]
        .contains(&p)
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        assert_eq!(resolve("/", site), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/cities/kyiv/", site),
            Resolved::File("cities/kyiv/index.html".into())
        );
        assert_eq!(
            resolve("/cities/kyiv", site),
            Resolved::Redirect("/cities/kyiv/".into())
        );
        assert_eq!(
            resolve("/style.1a2b.css", site),
            Resolved::File("style.1a2b.css".into())
        );
        assert_eq!(
            resolve("/cities/%6byiv/", site),
            Resolved::File("cities/kyiv/index.html".into())
        );
        assert_eq!(resolve("/cities/lviv/", site), Resolved::NotFound);
        assert_eq!(resolve("/style.1a2b.css/", site), Resolved::NotFound);
    }

    #[test]
    fn rejects_traversal_and_malformed_paths() {
        for p in [
            "/../config.toml",
            "/%2e%2e/config.toml",
            "/%2E%2E/config.toml",
            "/..%2fconfig.toml",
            "/cities/..%5c..%5cconfig.toml",
            "/cities/../index.html",
            "/./index.html",
            "//etc/passwd",
            "/cities//kyiv/",
            "/index.html%00",
            "/a%zz",
            "/a%2",
            "/%ff/",
            "/c:/x",
            "relative",
            "/cities\\kyiv/",
        ] {
            assert_eq!(normalise(p), None, "{p}");
            assert_eq!(resolve(p, |_| true), Resolved::NotFound, "{p}");
        }
        assert_eq!(normalise("/a+b/%20c"), Some("a+b/ c".into()));
        assert_eq!(
            normalise("/%252e%252e/"),
            Some("%2e%2e/".into()),
            "decoded exactly once"
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("cities/kyiv/atom.xml"), "application/atom+xml");
        assert_eq!(content_type("rss.xml"), "application/rss+xml");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("photo.webp"), "image/webp");
        assert_eq!(content_type("notes.TXT"), "text/plain; charset=utf-8");
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("style.1a2b3c4d.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("photo.JPG"), "image/jpeg");
        assert_eq!(content_type("_redirects"), "application/octet-stream");
    }

    #[test]
    fn injects_before_the_last_body_close() {
        let out = inject(b"<p>x</p><!-- </body> --></BODY></html>", "<s>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<p>x</p><!-- </body> --><s></BODY></html>"
        );
        let out = inject(b"<p>no body</p>", "<s>");
        assert_eq!(String::from_utf8(out).unwrap(), "<p>no body</p><s>");
    }

    #[test]
    fn overlay_escapes_the_error() {
        let d = decorations(
            Some("content/a.md:3:1: error: <script>alert(1)</script> & more"),
            &[],
            "g1",
        );
        assert!(
            d.contains("content/a.md:3:1: error: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        );
        assert!(!d.contains("<script>alert"));
        assert!(d.contains(EVENTS_PATH) && d.contains(r#"var gen="g1""#));
        assert!(!decorations(None, &[], "g1").contains("__dateline_error"));
        assert!(!decorations(None, &[], "g1").contains("__dateline_warnings"));
    }

    /// Warnings sit in a closed box in the corner (the page stays usable), escaped.
    #[test]
    fn warnings_show_in_a_corner() {
        let w = vec![
            "content/a.md: warning: image `<x>.jpg` has no alt text".to_string(),
            "content/b.md:2:1: warning: unknown city `Mariinka`".to_string(),
        ];
        let d = decorations(None, &w, "g1");
        assert!(d.contains("<details id=\"__dateline_warnings\""), "{d}");
        assert!(d.contains("position:fixed;bottom:8px;right:8px"), "{d}");
        assert!(d.contains("dateline: 2 warnings"), "{d}");
        assert!(d.contains("`&lt;x&gt;.jpg`") && !d.contains("<x>"), "{d}");
        assert!(!d.contains("__dateline_error"));
    }
}
