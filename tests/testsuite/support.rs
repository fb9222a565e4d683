//! `SiteTest`: a fluent helper that builds a throw-away site in a temp folder, runs the real
//! `dateline` binary on it and asserts on what it printed and wrote.
//!
//! Layout of every test: `<tmp>/site/` is the site root (a copy of `tests/fixtures/<case>/`),
//! so `<tmp>` itself is a private parent folder a test can check for escapes.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// The fixed "now" every build uses, so output is reproducible.
pub(crate) const NOW: &str = "2026-01-01T00:00:00Z";

/// What one run of the binary did.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) args: Vec<String>,
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    fn from_output(args: Vec<String>, out: Output) -> Run {
        Run {
            args,
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn describe(&self) -> String {
        format!(
            "dateline {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

/// Counts from the build summary line `(… written, … unchanged, … removed)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WriteCounts {
    pub(crate) written: usize,
    pub(crate) unchanged: usize,
    pub(crate) removed: usize,
}

/// A site in a temp folder plus the last command run on it.
pub(crate) struct SiteTest {
    tmp: tempfile::TempDir,
    root: PathBuf,
    last: Option<Run>,
    env: Vec<(String, String)>,
}

/// The fixtures folder of this crate.
pub(crate) fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` (relative path → bytes), sorted. Missing folder → empty map.
pub(crate) fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd {
            let e = e.unwrap();
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap_or_default(),
                );
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Every file under `dir` (relative path → modification time).
pub(crate) fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    tree(dir)
        .into_keys()
        .map(|p| {
            let t = std::fs::metadata(dir.join(&p)).unwrap().modified().unwrap();
            (p, t)
        })
        .collect()
}

/// Sets every file under `dir` to an old modification time (so a rewrite is visible even on
/// file systems with coarse timestamps).
pub(crate) fn age_files(dir: &Path) -> SystemTime {
    let old = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(946_684_800); // 2000-01-01
    for p in tree(dir).into_keys() {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(dir.join(&p))
            .unwrap();
        f.set_modified(old).unwrap();
    }
    old
}

/// Describes how two trees differ (for assertion messages).
pub(crate) fn diff_trees(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) -> String {
    let mut lines = Vec::new();
    for (p, bytes) in a {
        match b.get(p) {
            None => lines.push(format!("only in first: {}", p.display())),
            Some(o) if o != bytes => lines.push(format!("differs: {}", p.display())),
            _ => {}
        }
    }
    for p in b.keys().filter(|p| !a.contains_key(*p)) {
        lines.push(format!("only in second: {}", p.display()));
    }
    lines.join("\n")
}

impl SiteTest {
    fn new_in(tmp: tempfile::TempDir) -> SiteTest {
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        SiteTest {
            tmp,
            root,
            last: None,
            env: Vec::new(),
        }
    }

    /// A copy of `tests/fixtures/<name>/` in a fresh temp folder.
    pub(crate) fn fixture(name: &str) -> SiteTest {
        let src = fixtures_dir().join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        let t = Self::new_in(tempfile::tempdir().unwrap());
        copy_dir(&src, &t.root);
        t
    }

    /// An empty site root (no config, no content).
    pub(crate) fn empty() -> SiteTest {
        Self::new_in(tempfile::tempdir().unwrap())
    }

    /// The site root.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The private temp folder holding the site root (its parent).
    pub(crate) fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// The default output folder.
    pub(crate) fn out(&self) -> PathBuf {
        self.root.join("output")
    }

    /// Writes (or overwrites) a file relative to the site root.
    pub(crate) fn file(&mut self, rel: &str, text: &str) -> &mut Self {
        self.file_bytes(rel, text.as_bytes())
    }

    /// Writes bytes to a file relative to the site root.
    pub(crate) fn file_bytes(&mut self, rel: &str, bytes: &[u8]) -> &mut Self {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        self
    }

    /// Writes a minimal dispatch at `content/<rel>`.
    pub(crate) fn dispatch(
        &mut self,
        rel: &str,
        title: &str,
        date: &str,
        extra: &str,
    ) -> &mut Self {
        let text = format!(
            "+++\ntitle = {}\ndate = {date}\n{extra}\n+++\n\nBody of {title}.\n",
            toml_string(title)
        );
        self.file(&format!("content/{rel}"), &text)
    }

    /// Removes a file or folder relative to the site root.
    pub(crate) fn remove(&mut self, rel: &str) -> &mut Self {
        let p = self.root.join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else {
            std::fs::remove_file(&p).unwrap_or_else(|e| panic!("remove {}: {e}", p.display()));
        }
        self
    }

    /// `dateline build --root <root> --now NOW`.
    pub(crate) fn build(&mut self) -> &mut Self {
        self.build_with(&[])
    }

    /// `dateline build --root <root> --now NOW <extra…>`.
    pub(crate) fn build_with(&mut self, extra: &[&str]) -> &mut Self {
        self.build_at(NOW, extra)
    }

    /// `dateline build --root <root> --now <now> <extra…>`.
    pub(crate) fn build_at(&mut self, now: &str, extra: &[&str]) -> &mut Self {
        let root = self.root.display().to_string();
        let mut args = vec!["build", "--root", root.as_str(), "--now", now];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Sets an environment variable for the following runs.
    pub(crate) fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs the binary with `args` (working directory: the temp folder).
    pub(crate) fn run(&mut self, args: &[&str]) -> &mut Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
        cmd.args(args)
            .current_dir(self.tmp.path())
            .env_remove("RUST_LOG")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let out = output_or_hang(cmd, args);
        self.last = Some(Run::from_output(
            args.iter().map(|s| s.to_string()).collect(),
            out,
        ));
        self
    }

    /// The last run.
    pub(crate) fn last(&self) -> &Run {
        self.last.as_ref().expect("nothing was run yet")
    }

    pub(crate) fn stdout(&self) -> &str {
        &self.last().stdout
    }

    pub(crate) fn stderr(&self) -> &str {
        &self.last().stderr
    }

    /// Stderr with temp paths replaced by `[ROOT]`/`[TMP]`, for snapshots.
    pub(crate) fn stderr_normalized(&self) -> String {
        self.normalize(self.stderr())
    }

    /// Replaces this test's temp paths in `s`.
    pub(crate) fn normalize(&self, s: &str) -> String {
        let mut s = s.to_string();
        for (path, label) in [
            (&self.root, "[ROOT]"),
            (&self.tmp.path().to_path_buf(), "[TMP]"),
        ] {
            s = s.replace(&path.display().to_string(), label);
            if let Ok(c) = path.canonicalize() {
                s = s.replace(&c.display().to_string(), label);
            }
        }
        s
    }

    pub(crate) fn success(&mut self) -> &mut Self {
        let r = self.last();
        assert_eq!(r.code, Some(0), "expected success\n{}", r.describe());
        self
    }

    pub(crate) fn failure(&mut self) -> &mut Self {
        let r = self.last();
        assert!(
            r.code.is_some_and(|c| c != 0),
            "expected failure\n{}",
            r.describe()
        );
        self
    }

    pub(crate) fn stderr_contains(&mut self, needle: &str) -> &mut Self {
        let r = self.last();
        assert!(
            r.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            r.describe()
        );
        self
    }

    pub(crate) fn stderr_lacks(&mut self, needle: &str) -> &mut Self {
        let r = self.last();
        assert!(
            !r.stderr.contains(needle),
            "stderr has {needle:?}\n{}",
            r.describe()
        );
        self
    }

    pub(crate) fn stdout_contains(&mut self, needle: &str) -> &mut Self {
        let r = self.last();
        assert!(
            r.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            r.describe()
        );
        self
    }

    /// Parses `(N written, N unchanged, N removed)` from the last build's stdout.
    pub(crate) fn counts(&self) -> WriteCounts {
        let out = self.stdout();
        let num = |label: &str| -> usize {
            let end = out
                .find(&format!(" {label}"))
                .unwrap_or_else(|| panic!("no `{label}` in {out:?}"));
            let start = out[..end]
                .rfind(|c: char| !c.is_ascii_digit())
                .map_or(0, |i| i + 1);
            out[start..end]
                .parse()
                .unwrap_or_else(|_| panic!("bad `{label}` count in {out:?}"))
        };
        WriteCounts {
            written: num("written"),
            unchanged: num("unchanged"),
            removed: num("removed"),
        }
    }

    /// Absolute path of `rel` under the site root.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        let p = self.path(rel);
        std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("read {}: {e}\n{}", p.display(), self.last_or_none()))
    }

    fn last_or_none(&self) -> String {
        self.last.as_ref().map(Run::describe).unwrap_or_default()
    }

    pub(crate) fn file_exists(&mut self, rel: &str) -> &mut Self {
        assert!(
            self.path(rel).is_file(),
            "missing file {rel}\n{}",
            self.last_or_none()
        );
        self
    }

    pub(crate) fn file_missing(&mut self, rel: &str) -> &mut Self {
        assert!(
            !self.path(rel).exists(),
            "file should not exist: {rel}\n{}",
            self.last_or_none()
        );
        self
    }

    pub(crate) fn file_contains(&mut self, rel: &str, needle: &str) -> &mut Self {
        let text = self.read(rel);
        assert!(text.contains(needle), "{rel} lacks {needle:?}:\n{text}");
        self
    }

    pub(crate) fn file_lacks(&mut self, rel: &str, needle: &str) -> &mut Self {
        let text = self.read(rel);
        assert!(!text.contains(needle), "{rel} has {needle:?}:\n{text}");
        self
    }

    /// The stylesheet the front page links (`style.css`, or a fingerprinted `style.<hash>.css`),
    /// relative to the output folder; asserts it exists.
    pub(crate) fn stylesheet(&self) -> String {
        let home = self.read("output/index.html");
        let css = links(&home)
            .into_iter()
            .find(|l| l.ends_with(".css"))
            .unwrap_or_else(|| panic!("the front page links no stylesheet:\n{home}"));
        let name = css.rsplit('/').next().unwrap_or_default().to_string();
        assert!(
            name.starts_with("style.") && !css.contains('/'),
            "unexpected stylesheet link {css}"
        );
        assert!(
            self.path(&format!("output/{css}")).is_file(),
            "stylesheet {css} missing"
        );
        css
    }

    /// Every file of the default output folder: relative path → bytes.
    pub(crate) fn snapshot_of_output_dir(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&self.out())
    }

    /// Every file of the site root (sources and output).
    pub(crate) fn snapshot_of_root(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&self.root)
    }
}

/// A run still going after this long has hung (a deadlock once held CI for its whole 90
/// minutes): it is killed and the test fails naming the command. Not a speed check: the
/// slowest run (a 50 MB dispatch, unoptimised) took over 10 minutes only on a machine running
/// three test suites at once.
const HANG: Duration = Duration::from_secs(1800);

/// Runs `cmd` like `Command::output`, killing it if it hangs.
fn output_or_hang(mut cmd: Command, args: &[&str]) -> Output {
    use std::io::Read;
    let mut child = (cmd.stdout(Stdio::piped()).stderr(Stdio::piped()))
        .spawn()
        .expect("run dateline");
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("read the output");
            bytes
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let t0 = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for dateline") {
            break status;
        }
        if t0.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`dateline {}` was still running after {} s: killed as hung",
                args.join(" "),
                HANG.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// A TOML basic string.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every `href="…"` and `src="…"` value in an HTML text, entity `&amp;` decoded.
pub(crate) fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(after[..end].replace("&amp;", "&"));
            rest = &after[end..];
        }
    }
    out
}

/// Resolves a link found in `page` (relative to the output folder) to a file relative to
/// the output folder. `None` for external links and pure fragments. `Err` when it climbs
/// out of the output folder.
pub(crate) fn resolve_link(page: &Path, link: &str) -> Option<Result<PathBuf, String>> {
    let lower = link.to_ascii_lowercase();
    if ["http://", "https://", "mailto:", "//", "data:"]
        .iter()
        .any(|p| lower.starts_with(p))
        || link.starts_with('#')
    {
        return None;
    }
    let link = link.split(['#', '?']).next().unwrap_or("");
    let (base, rest): (PathBuf, &str) = match link.strip_prefix('/') {
        Some(r) => (PathBuf::new(), r),
        None => (
            page.parent().map(Path::to_path_buf).unwrap_or_default(),
            link,
        ),
    };
    let mut parts: Vec<String> = base
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(format!("`{link}` climbs out of the output folder")));
                }
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut p: PathBuf = parts.iter().collect();
    if link.is_empty() || link.ends_with('/') || rest.is_empty() {
        p.push("index.html");
    }
    Some(Ok(p))
}

/// Every broken local link in every HTML file of `out`, as readable lines.
pub(crate) fn broken_links(out: &Path) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut broken = Vec::new();
    for (rel, bytes) in tree(out) {
        if rel.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for link in links(&html) {
            let Some(target) = resolve_link(&rel, &link) else {
                continue;
            };
            checked += 1;
            match target {
                Err(e) => broken.push(format!("{}: {e}", rel.display())),
                Ok(t) => {
                    let abs = out.join(&t);
                    let ok = abs.is_file() || (abs.is_dir() && abs.join("index.html").is_file());
                    if !ok {
                        broken.push(format!(
                            "{}: `{link}` → {} does not exist",
                            rel.display(),
                            t.display()
                        ));
                    }
                }
            }
        }
    }
    (checked, broken)
}

/// A text with XML's five entities decoded (one level).
pub(crate) fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Texts of every `<tag …>…</tag>` element in `xml`.
pub(crate) fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = body.find(&close) else { break };
        out.push(&body[..end]);
        rest = &body[end..];
    }
    out
}

/// Asserts the preview serves exactly what a clean build produces, once its search index has
/// been remade (which `serve` does after a pause in the edits). `step` names the moment in
/// the messages.
pub(crate) fn assert_serves_clean_build(
    preview: &mut dateline::serve::Preview,
    opts: &dateline::config::BuildOptions,
    step: &str,
) {
    preview
        .reindex()
        .unwrap_or_else(|e| panic!("{step}: search index: {e}"));
    let preview = &*preview;
    let config = dateline::config::Config::load(opts).unwrap();
    let clean = dateline::render_site(config, dateline::dates::Date::now())
        .unwrap_or_else(|d| panic!("{step}: clean build failed: {d}"));
    let mut want: Vec<(String, Vec<u8>)> = clean
        .files
        .iter()
        .map(|f| {
            (
                f.path.to_string_lossy().replace('\\', "/"),
                f.bytes.to_vec(),
            )
        })
        .collect();
    want.sort();
    let got_paths = preview.paths();
    let want_paths: Vec<&str> = want.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(got_paths, want_paths, "{step}: different file sets");
    for (path, bytes) in &want {
        let got = preview.get(path).unwrap();
        assert!(
            got[..] == bytes[..],
            "{step}: {path} differs from a clean build"
        );
    }
}
