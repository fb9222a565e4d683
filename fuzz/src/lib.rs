//! The code paths the fuzz targets drive, with the invariants they check.
//!
//! Shared by the cargo-fuzz targets (`fuzz_targets/*.rs`) and by the testsuite
//! (`tests/testsuite/fuzz_seeds.rs` includes this file), so every input in `corpus/` and every
//! crash ever found is replayed by plain `cargo test` on a stable toolchain.
//!
//! A panic here is a finding: either dateline panicked, or it reported an error that does not
//! name the file (and a line inside it) the way every user-facing error must.

use std::path::{Component, Path, PathBuf};

use dateline::content::front_matter;

/// The dispatch's path as the user sees it.
pub const SHOWN: &str = "content/fuzz.md";

/// Splits and parses `data` as one dispatch's text.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = dateline::content::normalise(text);
    let path = Path::new(SHOWN);
    let split = match front_matter::split(&text, path) {
        Ok(s) => s,
        Err(e) => return assert_located(&e.to_string(), &text),
    };
    // Both parts are pieces of the text, front matter first.
    let range = |s: &str| {
        let start = s.as_ptr() as usize - text.as_ptr() as usize;
        start..start + s.len()
    };
    let (front, body) = (range(split.front), range(split.body));
    assert!(front.end <= body.start && body.end <= text.len());
    if let Err(all) = front_matter::parse(&split, path) {
        assert!(!all.is_empty(), "a failed parse reports a problem");
        for e in all {
            assert_located(&e.to_string(), &text);
        }
    }
}

/// Asserts that an error message starts with the file and, when it names a line, that the
/// line exists in `text`.
fn assert_located(msg: &str, text: &str) {
    let rest = msg
        .strip_prefix(SHOWN)
        .unwrap_or_else(|| panic!("error does not start with the file: {msg}"));
    let lines = text.split('\n').count();
    if let Some(num) = rest.strip_prefix(':') {
        let digits: String = num.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(line) = digits.parse::<usize>() {
            assert!(
                (1..=lines).contains(&line),
                "line {line} is outside the file ({lines} lines): {msg}"
            );
        }
    }
}

/// A one-dispatch site in a temp folder, loaded and rendered in memory as `dateline build`
/// does (minus writing).
pub struct Pipeline {
    _tmp: tempfile::TempDir,
    file: PathBuf,
    config: dateline::Config,
    now: dateline::dates::Date,
    /// Kept across runs like `serve` keeps it: the gazetteer and matcher are built once.
    loader: dateline::site::Loader,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Pipeline {
    /// Makes the temp site (the embedded theme and defaults, search off).
    pub fn new() -> Pipeline {
        let tmp = tempfile::tempdir().expect("temp folder");
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).expect("content folder");
        // The search page loads the theme's own script: the promise is about what dispatches
        // can publish, so the fuzzed site goes without it.
        std::fs::write(root.join("config.toml"), "search = false\n").expect("config.toml");
        let opts = dateline::BuildOptions {
            root: root.clone(),
            ..Default::default()
        };
        let config = dateline::Config::load(&opts).expect("default config");
        let now =
            dateline::dates::Date::parse("2026-01-01T00:00:00Z", &dateline::dates::Zone::utc())
                .expect("fixed date");
        let loader = dateline::site::Loader::new(&config).expect("gazetteer");
        Pipeline {
            loader,
            file: config.content_dir.join("fuzz.md"),
            _tmp: tmp,
            config,
            now,
        }
    }

    /// Builds the site with `data` as its only dispatch.
    pub fn run(&mut self, data: &[u8]) {
        std::fs::write(&self.file, data).expect("write the dispatch");
        self.loader.invalidate([self.file.as_path()]);
        let t0 = std::time::Instant::now();
        let sites = self.loader.load_all(&self.config, self.now);
        let renderer = dateline::render::Renderer::load(&self.config);
        let sink = &dateline::build::Memory;
        match dateline::build::finish(sites, renderer, &mut Vec::new(), t0, sink, false) {
            Ok(r) => {
                let own = own_host(&self.config.base_url);
                for f in &r.files {
                    assert!(
                        f.path
                            .components()
                            .all(|c| matches!(c, Component::Normal(_))),
                        "output path escapes: {}",
                        f.path.display()
                    );
                    assert_inert(&f.path, &f.bytes, &own);
                }
            }
            Err(d) => {
                assert!(!d.is_empty(), "a failed build reported nothing");
                let text = String::from_utf8_lossy(data);
                for e in &d.0 {
                    let msg = e.to_string();
                    assert!(msg.contains(SHOWN), "error does not name the file: {msg}");
                    if msg.starts_with(SHOWN) {
                        assert_located(&msg, &text);
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The promise: whatever a dispatch holds, no published file runs a script, carries an event
// handler or a script URL, loads from another host, or holds a control character.
//
// This oracle is written independently of `dateline::sanitize` (its own tokenizer pass and
// its own URL reading), so a mistake there is not repeated here.
// ---------------------------------------------------------------------------------------------

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The host of the site's `base_url`, lower-case (its own absolute URLs are not "another
/// host").
fn own_host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // Without its port (`localhost:1111`): URLs name the host alone.
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    host.to_ascii_lowercase()
}

/// Asserts that one output file keeps the promise (see above).
pub fn assert_inert(path: &Path, bytes: &[u8], own_host: &str) {
    let shown = path.display();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(
        !matches!(ext.as_str(), "js" | "mjs" | "vbs" | "swf"),
        "{shown}: a script file was published"
    );
    let texty = matches!(
        ext.as_str(),
        "html" | "htm" | "xhtml" | "xml" | "svg" | "json" | "txt" | "css" | "webmanifest" | ""
    );
    if !texty {
        return;
    }
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{shown}: text output is not UTF-8 ({e})"));
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| forbidden_char(c)) {
        panic!(
            "{shown}: control character {:?} at byte {i}: …{}…",
            c,
            context(text, i)
        );
    }
    match ext.as_str() {
        "html" | "htm" | "" => assert_html_inert(text, own_host, &shown.to_string()),
        "xml" | "svg" | "xhtml" => assert_xml_inert(text, own_host, &shown.to_string()),
        "css" => {
            if let Some(why) = css_loads(text, own_host) {
                panic!("{shown}: {why}");
            }
        }
        _ => {}
    }
}

/// C0 controls but tab, LF and CR; DEL; C1; and U+FFFE/U+FFFF (not allowed in XML).
fn forbidden_char(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || matches!(n, 0xfffe | 0xffff)
}

/// Up to 60 bytes either side of byte `i`, escaped, for a finding's message.
fn context(text: &str, i: usize) -> String {
    let mut a = i.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (i + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    text[a..b].escape_debug().to_string()
}

/// What a browser makes of a URL attribute's value: leading/trailing C0 controls and spaces
/// stripped, tab and newlines removed (WHATWG URL parsing), lower-case.
fn url_as_read(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The scheme of a URL as read, if it has one (`scheme:` with a letter first).
fn scheme(url: &str) -> Option<&str> {
    let (s, _) = url.split_once(':')?;
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(s)
}

/// Why a URL may not appear in an attribute at all: a script or inline-document scheme.
fn active_url(value: &str) -> Option<String> {
    let url = url_as_read(value);
    match scheme(&url) {
        Some(s @ ("javascript" | "vbscript" | "data" | "livescript" | "mocha")) => {
            Some(format!("`{s}:` URL {value:?}"))
        }
        _ => None,
    }
}

/// The host a resource URL would load from when it is not `own` (relative URLs and this
/// site's own are `None`).
fn foreign_load(value: &str, own: &str) -> Option<String> {
    let url = url_as_read(value).replace('\\', "/");
    let rest = match scheme(&url) {
        Some(_) => url.split_once(':').map(|(_, r)| r)?,
        None => url.as_str(),
    };
    let authority = rest.strip_prefix("//")?;
    let authority = authority.trim_start_matches('/');
    let end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
    let host = authority[..end]
        .rsplit_once('@')
        .map_or(&authority[..end], |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    (!host.is_empty() && host != own)
        .then(|| format!("a load from another host ({host}): {value:?}"))
}

/// Why CSS (a `style` attribute or element, or a style sheet) could load or run something.
fn css_loads(css: &str, own: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("expression(") || lower.contains("javascript:") || lower.contains("behavior:")
    {
        return Some(format!("active CSS: {css:?}"));
    }
    if lower.contains("@import") {
        return Some(format!("CSS `@import`: {css:?}"));
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        let arg = rest[..end].trim().trim_matches(['"', '\'']);
        if let Some(why) = active_url(arg).or_else(|| foreign_load(arg, own)) {
            return Some(format!("CSS `url()` with {why}"));
        }
    }
    None
}

/// True for the refresh of dateline's own alias pages (`render::redirects`): at once, to a
/// sibling city page (`0; url=../<slug>/`).
fn own_redirect(content: &str) -> bool {
    content
        .strip_prefix("0; url=../")
        .and_then(|s| s.strip_suffix('/'))
        .is_some_and(|slug| {
            !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Attributes whose value is a URL the browser follows or loads.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "codebase",
    "longdesc",
    "ping",
    "manifest",
    "xlink:href",
    "lowsrc",
    "dynsrc",
];

/// Attributes whose URL is loaded as the page renders (as opposed to followed on a click).
const LOAD_ATTRS: &[&str] = &["src", "poster", "data", "background", "lowsrc", "dynsrc"];

/// Elements that may never be published.
const FORBIDDEN_TAGS: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "portal",
    "fencedframe",
];

/// Checks one start tag; the reason it breaks the promise, if it does.
fn tag_finding(name: &str, attrs: &[(String, String)], own: &str) -> Option<String> {
    let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    if FORBIDDEN_TAGS.contains(&name) {
        return Some(format!("element <{name}>"));
    }
    if name == "script" && attr("type").map(str::trim) != Some("application/ld+json") {
        return Some("an executable <script>".into());
    }
    if name == "meta"
        && let Some(equiv) = attr("http-equiv")
        && !(equiv.eq_ignore_ascii_case("refresh") && attr("content").is_some_and(own_redirect))
    {
        return Some(format!("<meta http-equiv={equiv:?}>"));
    }
    for (k, v) in attrs {
        if k.starts_with("on") {
            return Some(format!("event handler `{k}` on <{name}>"));
        }
        if URL_ATTRS.contains(&k.as_str())
            && let Some(why) = active_url(v)
        {
            return Some(format!("{why} in `{k}` on <{name}>"));
        }
        if (LOAD_ATTRS.contains(&k.as_str()) || k == "srcset" || k == "imagesrcset")
            && let Some(why) = v
                .split(',')
                .map(|c| c.split_whitespace().next().unwrap_or(""))
                .find_map(|u| active_url(u).or_else(|| foreign_load(u, own)))
        {
            return Some(format!("{why} in `{k}` on <{name}>"));
        }
        if k == "style"
            && let Some(why) = css_loads(v, own)
        {
            return Some(format!("{why} on <{name}>"));
        }
    }
    if name == "link" {
        let rel = attr("rel").unwrap_or("").to_ascii_lowercase();
        let loads = rel.split_ascii_whitespace().any(|r| {
            matches!(
                r,
                "stylesheet"
                    | "icon"
                    | "preload"
                    | "prefetch"
                    | "modulepreload"
                    | "manifest"
                    | "import"
                    | "preconnect"
                    | "dns-prefetch"
                    | "prerender"
            )
        });
        if loads && let Some(why) = attr("href").and_then(|h| foreign_load(h, own)) {
            return Some(format!("<link rel={rel:?}> with {why}"));
        }
    }
    None
}

/// Reads HTML as a browser's tokenizer does (script and style contents as raw text) and
/// notes every finding, with the JSON-LD blocks' contents.
struct Inspector<'a> {
    own: &'a str,
    findings: RefCell<Vec<String>>,
    /// Raw text element being read (`script`, `style`…), with its text so far.
    raw: RefCell<Option<(String, String)>>,
    /// Inside `<svg>`/`<math>` (foreign content: `<style>` is not raw text there).
    foreign: RefCell<usize>,
}

impl TokenSink for Inspector<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(t) => {
                if let Some((_, text)) = self.raw.borrow_mut().as_mut() {
                    text.push_str(&t);
                }
            }
            Token::NullCharacterToken => self.findings.borrow_mut().push("a NUL character".into()),
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    if matches!(name.as_str(), "svg" | "math") {
                        let mut f = self.foreign.borrow_mut();
                        *f = f.saturating_sub(1);
                    }
                    let done = self.raw.borrow_mut().take_if(|(n, _)| *n == name);
                    if let Some((n, text)) = done {
                        self.raw_element(&n, &text);
                    }
                    return TokenSinkResult::Continue;
                }
                let attrs: Vec<(String, String)> = tag
                    .attrs
                    .iter()
                    .map(|a| {
                        let n = match &a.name.prefix {
                            Some(p) => format!("{p}:{}", a.name.local),
                            None => a.name.local.to_string(),
                        };
                        (n.to_ascii_lowercase(), a.value.to_string())
                    })
                    .collect();
                if let Some(why) = tag_finding(&name, &attrs, self.own) {
                    self.findings.borrow_mut().push(why);
                }
                if tag.self_closing && *self.foreign.borrow() > 0 {
                    return TokenSinkResult::Continue;
                }
                match name.as_str() {
                    "svg" | "math" => *self.foreign.borrow_mut() += 1,
                    "script" => {
                        *self.raw.borrow_mut() = Some((name, String::new()));
                        return TokenSinkResult::RawData(RawKind::ScriptData);
                    }
                    "style" | "xmp" | "noembed" | "noframes" if *self.foreign.borrow() == 0 => {
                        *self.raw.borrow_mut() = Some((name, String::new()));
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    "title" | "textarea" if *self.foreign.borrow() == 0 => {
                        return TokenSinkResult::RawData(RawKind::Rcdata);
                    }
                    "plaintext" => {
                        self.findings.borrow_mut().push("<plaintext>".into());
                        return TokenSinkResult::Plaintext;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Inspector<'_> {
    /// Checks a raw text element's content once it ends.
    fn raw_element(&self, name: &str, text: &str) {
        let mut findings = self.findings.borrow_mut();
        match name {
            "script" => {
                // Only the theme's JSON-LD got this far (any other script is a finding already):
                // it must be one JSON value that nothing can close early or turn into a comment.
                let lower = text.to_ascii_lowercase();
                if lower.contains("</script") || lower.contains("<!--") || lower.contains("<script")
                {
                    findings.push(format!("JSON-LD that can break out: {text:?}"));
                } else if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                    findings.push(format!("JSON-LD that is not JSON ({e}): {text:?}"));
                }
            }
            "style" => {
                if let Some(why) = css_loads(text, self.own) {
                    findings.push(format!("<style>: {why}"));
                }
            }
            _ => {}
        }
    }
}

/// The findings in an HTML document or fragment (empty: it keeps the promise).
pub fn html_findings(html: &str, own_host: &str) -> Vec<String> {
    let sink = Inspector {
        own: own_host,
        findings: RefCell::new(Vec::new()),
        raw: RefCell::new(None),
        foreign: RefCell::new(0),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    if let Some((name, text)) = tokenizer.sink.raw.take() {
        // An unclosed raw text element runs to the end of the document.
        tokenizer.sink.raw_element(&name, &text);
    }
    tokenizer.sink.findings.take()
}

fn assert_html_inert(html: &str, own: &str, shown: &str) {
    let findings = html_findings(html, own);
    assert!(findings.is_empty(), "{shown}: {findings:#?}");
}

/// Feeds and sitemaps: well-formed XML, no active element or attribute of their own, and the
/// HTML they carry (Atom `content`/`summary`, RSS `description`) keeps the promise too.
fn assert_xml_inert(xml: &str, own: &str, shown: &str) {
    let doc = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{shown}: not well-formed XML ({e})"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        let attrs: Vec<(String, String)> = node
            .attributes()
            .map(|a| (a.name().to_ascii_lowercase(), a.value().to_string()))
            .collect();
        if let Some(why) = tag_finding(&name, &attrs, own) {
            panic!("{shown}: {why}");
        }
        let html = match name.as_str() {
            "content" | "summary" | "description" | "encoded" | "subtitle" | "rights" => {
                node.attribute("type") != Some("text")
            }
            "title" => matches!(node.attribute("type"), Some("html" | "xhtml")),
            _ => false,
        };
        if html {
            let text: String = node
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            let findings = html_findings(&text, own);
            assert!(findings.is_empty(), "{shown} <{name}>: {findings:#?}");
        }
    }
}
