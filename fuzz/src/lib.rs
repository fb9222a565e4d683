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
    if let Err(e) = front_matter::parse(&split, path) {
        assert_located(&e.to_string(), &text);
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
    /// Makes the temp site (no `config.toml`: the embedded theme and defaults).
    pub fn new() -> Pipeline {
        let tmp = tempfile::tempdir().expect("temp folder");
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).expect("content folder");
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
        let site = self.loader.load(self.config.clone(), self.now);
        let renderer = dateline::render::Renderer::load(&self.config);
        let mut cache = dateline::render::jobs::RenderCache::default();
        match dateline::build::finish(site, renderer, &mut cache, t0) {
            Ok(r) => {
                for f in &r.files {
                    assert!(
                        f.path
                            .components()
                            .all(|c| matches!(c, Component::Normal(_))),
                        "output path escapes: {}",
                        f.path.display()
                    );
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
