//! `dateline serve`: the real binary on a temp copy of a fixture, driven over plain HTTP/1.1
//! with `std::net::TcpStream` (raw request paths, so traversal attempts reach the server as
//! written) and its Server-Sent Events stream. Every wait is bounded; the server is killed when
//! the test ends, pass or fail.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::SiteTest;

const WAIT: Duration = Duration::from_secs(10);

const DISPATCH: &str = "content/2023/chasiv-yar-shelling.md";
const DISPATCH_URL: &str = "/2023/03/chasiv-yar-shelling/";
const CITY_URL: &str = "/cities/chasiv-yar/";
const OLD_TITLE: &str = "Chasiv Yar: a town on the supply road";

/// A running `dateline serve`; killed on drop.
struct Server {
    child: Child,
    addr: String,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["serve", "--port", "0", "--debounce-ms", "20", "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dateline serve");
        let (tx, stdout) = channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let (err, sink) = (child.stderr.take().unwrap(), stderr.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut s = Server {
            child,
            addr: String::new(),
            stdout,
            stderr,
        };
        let line = s.wait_line(|l| l.starts_with("Serving at http://"));
        let url = line.trim_start_matches("Serving at http://");
        s.addr = url.split('/').next().unwrap().to_string();
        s
    }

    /// Waits for a stdout line matching `pred` and returns it.
    fn wait_line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(l) if pred(&l) => return l,
                Ok(_) => {}
                Err(e) => panic!(
                    "no expected line from serve ({e:?}); stderr:\n{}",
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// Waits until stderr contains `needle` (it is read on another thread).
    fn wait_stderr(&self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.stderr.lock().unwrap().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "stderr never said {needle:?}:\n{}",
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn get(&self, path: &str) -> Resp {
        request(&self.addr, "GET", path)
    }

    fn events(&self) -> Events {
        Events::open(&self.addr)
    }
}

/// A parsed HTTP response.
#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn request(addr: &str, method: &str, path: &str) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let r = Resp {
        status,
        headers,
        body: body.to_string(),
    };
    assert_ne!(
        r.header("transfer-encoding"),
        Some("chunked"),
        "pages are sent with a length"
    );
    r
}

/// The SSE stream, read line by line on a thread.
struct Events {
    rx: Receiver<String>,
}

impl Events {
    fn open(addr: &str) -> Events {
        let mut s = TcpStream::connect(addr).expect("connect events");
        write!(
            s,
            "GET /__dateline/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if tx.send(line.trim().to_string()).is_err() {
                    break;
                }
            }
        });
        let mut e = Events { rx };
        e.wait("hello");
        e
    }

    /// Waits for the next event named `kind` (skipping others) and returns its data.
    fn wait(&mut self, kind: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        let mut in_kind = false;
        loop {
            match self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(l) if l == format!("event: {kind}") => in_kind = true,
                Ok(l) if in_kind && l.starts_with("data: ") => {
                    return l["data: ".len()..].to_string();
                }
                Ok(l) => seen.push(l),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    panic!("no `{kind}` event within {WAIT:?}; saw {seen:?}")
                }
            }
        }
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).unwrap();
}

/// Saves like vim or JetBrains: write a temp file, then rename it over the original.
fn save_by_rename(root: &Path, rel: &str, text: &str) {
    let tmp = root.join(format!("{rel}.tmp"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, root.join(rel)).unwrap();
}

fn dispatch(title: &str, body: &str) -> String {
    format!(
        concat!(
            "+++\ntitle = \"{title}\"\ndate = 2023-03-10T08:30:00+02:00\nauthors = [\"Dateline Desk\"]\n",
            "cities = [\"Chasiv Yar\"]\ntags = [\"shelling\"]\n+++\n\n{body}\n"
        ),
        title = title,
        body = body
    )
}

#[test]
fn serve_rebuilds_reloads_shows_errors_and_recovers() {
    let t = SiteTest::fixture("basic");
    let root = t.root().to_path_buf();
    let mut server = Server::start(&root);
    let page = server.get(DISPATCH_URL);
    assert_eq!(page.status, 200);
    assert!(page.body.contains(OLD_TITLE) && page.body.contains("data-dateline-reload"));
    let mut events = server.events();

    // An ordinary edit re-renders the dispatch and its city page.
    write(
        &root,
        DISPATCH,
        &dispatch("Chasiv Yar: the road is cut", "Convoys now go by night."),
    );
    events.wait("reload");
    let page = server.get(DISPATCH_URL);
    assert!(
        page.body.contains("the road is cut") && page.body.contains("Convoys now go by night."),
        "{}",
        page.body
    );
    let city = server.get(CITY_URL);
    assert!(
        city.body.contains("Chasiv Yar: the road is cut") && !city.body.contains(OLD_TITLE),
        "{}",
        city.body
    );
    let line = server.wait_line(|l| l.contains(DISPATCH));
    assert!(
        line.contains("content:") && line.contains(" changed") && line.contains(" ms"),
        "{line}"
    );

    // Broken front matter: an overlay naming file and line, over the last good build.
    write(
        &root,
        DISPATCH,
        "+++\ntitle = \"Unterminated\ndate = 2023-03-10T08:30:00+02:00\n+++\n\nText.\n",
    );
    events.wait("reload");
    let page = server.get(DISPATCH_URL);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("__dateline_error"),
        "no overlay:\n{}",
        page.body
    );
    assert!(
        page.body.contains(&format!("{DISPATCH}:2")),
        "overlay lacks file:line:\n{}",
        page.body
    );
    assert!(
        page.body.contains("Convoys now go by night."),
        "last good build not served"
    );
    let kyiv = server.get("/cities/kyiv/");
    assert_eq!(kyiv.status, 200);
    assert!(kyiv.body.contains("__dateline_error") && kyiv.body.contains("Kyiv"));
    server.wait_line(|l| l.contains(DISPATCH) && l.contains("failed"));
    server.wait_stderr(&format!("{DISPATCH}:2"));

    // Fixing it (saved by rename, as vim does) clears the overlay.
    save_by_rename(
        &root,
        DISPATCH,
        &dispatch("Chasiv Yar: the road reopens", "Fixed."),
    );
    events.wait("reload");
    let page = server.get(DISPATCH_URL);
    assert!(
        !page.body.contains("__dateline_error") && page.body.contains("the road reopens"),
        "{}",
        page.body
    );

    // Deleting the dispatch removes it from its city page, and its page 404s.
    std::fs::remove_file(root.join(DISPATCH)).unwrap();
    events.wait("reload");
    assert_eq!(server.get(DISPATCH_URL).status, 404);
    let city = server.get(CITY_URL);
    assert_eq!(city.status, 200, "the city still has another dispatch");
    assert!(!city.body.contains("the road reopens"), "{}", city.body);
}

#[test]
fn serve_only_serves_the_in_memory_site() {
    let t = SiteTest::fixture("basic");
    let server = Server::start(t.root());
    for path in [
        "/../config.toml",
        "/%2e%2e/config.toml",
        "/..%2fconfig.toml",
        "/cities/..%5c..%5cconfig.toml",
        "/cities/../../config.toml",
        "/config.toml",
        "/content/2023/chasiv-yar-shelling.md",
        "/index.html%00",
        "/no/such/page/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            r.body.contains("Page not found"),
            "{path}: not the site's 404 page:\n{}",
            r.body
        );
        assert!(!r.body.contains("base_url"), "{path} leaked config.toml");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    let r = server.get("/cities");
    assert_eq!((r.status, r.header("location")), (301, Some("/cities/")));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let types = [
        ("/", "text/html; charset=utf-8"),
        ("/atom.xml", "application/atom+xml"),
        ("/rss.xml", "application/rss+xml"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        (
            "/2023/02/bakhmut-encirclement/field-notes.txt",
            "text/plain; charset=utf-8",
        ),
    ];
    for (path, ctype) in types {
        let r = server.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ctype)),
            "{path}"
        );
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    let feed = server.get("/atom.xml");
    assert!(
        feed.body.contains("http://127.0.0.1:"),
        "links point at the preview server"
    );
    assert!(
        !feed.body.contains("data-dateline-reload"),
        "script only goes into HTML"
    );
    let head = request(&server.addr, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty() && head.header("content-length").is_some_and(|l| l != "0"));
}

#[test]
fn serve_never_writes_output_and_build_never_contains_the_reload_script() {
    let mut t = SiteTest::fixture("basic");
    {
        let server = Server::start(t.root());
        assert!(server.get("/").body.contains("data-dateline-reload"));
    }
    assert!(!t.out().exists(), "serve must build into memory only");
    t.build().success();
    for (path, bytes) in crate::support::tree(&t.out()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__dateline") && !text.contains("data-dateline-reload"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn serve_swaps_stylesheets_when_only_css_changed() {
    let mut t = SiteTest::empty();
    t.run(&["init", "site"]).success();
    let root: PathBuf = t.root().to_path_buf();
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    let server = Server::start(&root);
    let css_href = |html: &str| {
        let after = html
            .split("rel=\"stylesheet\" href=\"")
            .nth(1)
            .expect("a stylesheet link");
        after.split('"').next().unwrap().to_string()
    };
    // `init` leaves the theme folder empty: a stylesheet there replaces the built-in one.
    let mut events = server.events();
    let style = "themes/default/static/style.css";
    write(&root, style, "body { color: black }\n");
    events.wait("css");
    let before = css_href(&server.get("/").body);
    let mut events = server.events();
    write(
        &root,
        style,
        "body { color: black }\n.dateline-test-rule { color: red }\n",
    );
    events.wait("css");
    let after = css_href(&server.get("/").body);
    assert_ne!(before, after, "the stylesheet's hashed name changes");
    let sheet = server.get(&format!(
        "/{}",
        after.trim_start_matches("./").trim_start_matches('/')
    ));
    assert_eq!(
        sheet.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert!(sheet.body.contains(".dateline-test-rule"));
}

/// The build's warnings are printed at start and after a rebuild that brings new ones, each
/// once, and shown in a corner box of every page (never over it).
#[test]
fn serve_prints_warnings_once_and_shows_them_in_a_corner() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/unknown-town.md",
        "+++\ntitle = \"Far away\"\ndate = 2023-03-01T08:00:00+02:00\ncities = [\"Zzyzxville\"]\n+++\n\nText.\n",
    );
    // The photo the edit below shows without alt text (a missing one would be an error).
    t.file_bytes("content/2023/road.jpg", &crate::photos::jpeg(64, 48));
    let root = t.root().to_path_buf();
    let mut server = Server::start(&root);
    server.wait_stderr("unknown city `Zzyzxville`");
    let page = server.get(DISPATCH_URL);
    assert!(
        page.body.contains("__dateline_warnings") && page.body.contains("Zzyzxville"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("__dateline_error"));
    let mut events = server.events();
    // A new warning: printed after the rebuild.
    write(
        &root,
        DISPATCH,
        &dispatch(
            "Chasiv Yar: photos",
            "![](road.jpg)\n\nConvoys now go by night.",
        ),
    );
    events.wait("reload");
    server.wait_line(|l| l.contains(DISPATCH));
    server.wait_stderr("has no alt text");
    // An edit that changes nothing about the warnings prints none of them again.
    write(
        &root,
        DISPATCH,
        &dispatch(
            "Chasiv Yar: photos",
            "![](road.jpg)\n\nConvoys go by night.",
        ),
    );
    events.wait("reload");
    server.wait_line(|l| l.contains(DISPATCH));
    let stderr = server.stderr.lock().unwrap().clone();
    assert_eq!(stderr.matches("Zzyzxville").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("has no alt text").count(), 1, "{stderr}");
}

#[test]
fn serve_rebuilds_a_translation_and_its_interface_strings() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "config.toml",
        "title = \"Desk\"\n\n[languages.uk]\ntitle = \"Редакція\"\n",
    );
    t.file(
        "content/2023/chasiv-yar-shelling.uk.md",
        &dispatch("Обстріл Часового Яру", "Вночі знову стріляли."),
    );
    // The site's table, empty for now: the built-in one speaks.
    t.file("i18n/uk.toml", "");
    let root: PathBuf = t.root().to_path_buf();
    let server = Server::start(&root);
    let uk_url = format!("/uk{DISPATCH_URL}");
    let page = server.get(&uk_url);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Обстріл Часового Яру"));
    assert!(page.body.contains("hreflang=\"en\""));
    // Saving the translation re-renders its page.
    let mut events = server.events();
    write(
        &root,
        "content/2023/chasiv-yar-shelling.uk.md",
        &dispatch("Часів Яр під обстрілом", "Вночі знову стріляли."),
    );
    events.wait("reload");
    assert!(server.get(&uk_url).body.contains("Часів Яр під обстрілом"));
    assert!(server.get("/uk/").body.contains(">Останнє</a>"));
    // The site's translation table overrides the built-in one on the next rebuild.
    write(&root, "i18n/uk.toml", "latest = \"Найсвіжіше\"\n");
    events.wait("reload");
    assert!(server.get("/uk/").body.contains(">Найсвіжіше</a>"));
    assert!(server.get("/").body.contains(">Latest</a>"));
    // The original gains a content warning its translation lacks: the translation's page,
    // whose file did not change, shows it marked as English.
    let original = std::fs::read_to_string(root.join(DISPATCH)).unwrap();
    let warned = original.replacen(
        "\n+++\n",
        "\ncontent_warning = \"Graphic injuries\"\n+++\n",
        1,
    );
    assert_ne!(warned, original);
    write(&root, DISPATCH, &warned);
    events.wait("reload");
    assert!(
        server
            .get(&uk_url)
            .body
            .contains("<span lang=\"en\">Graphic injuries</span>")
    );
}
