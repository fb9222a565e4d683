//! Replays every input of `fuzz/corpus/<target>/` through the fuzz targets' own code (the
//! harness file is compiled in here), so plain `cargo test` on a stable toolchain exercises
//! the seeds and every crash the fuzzers ever found (saved there as `crash-*`).

use std::path::{Path, PathBuf};

#[allow(unreachable_pub, dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod harness;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "empty corpus {}", dir.display());
    files
}

/// Runs `f` on every input of `target`'s corpus; names the input that panicked.
fn replay(target: &str, mut f: impl FnMut(&[u8])) {
    for (path, bytes) in corpus(target) {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&bytes)));
        if let Err(e) = r {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{} failed: {msg}", path.display());
        }
    }
}

#[test]
fn front_matter_corpus() {
    replay("front_matter", harness::front_matter);
}

#[test]
fn pipeline_corpus() {
    let mut p = harness::Pipeline::new();
    replay("pipeline", |b| p.run(b));
}

/// The pipeline target's inputs are dispatches too: the front matter harness must take them.
#[test]
fn pipeline_corpus_through_front_matter() {
    replay("pipeline", harness::front_matter);
}

/// The pipeline target's oracle finds active content in markup, and only there: escaped text,
/// code and the theme's JSON-LD pass.
#[test]
fn the_oracle_tells_markup_from_text() {
    for bad in [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=x.js></SCRIPT>",
        "<svg><script>alert(1)</script></svg>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\" JAVASCRIPT:alert(1)\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<iframe src=/x></iframe>",
        "<object data=x></object>",
        "<embed src=x>",
        "<base href=/>",
        "<meta http-equiv=refresh content=\"0;url=https://evil.example\">",
        "<img src=\"\\\\evil.example\\p.gif\">",
        "<img src=\"//evil.example/p.gif\">",
        "<style>@import url(x.css)</style>",
        "<p style=\"background:url(https://evil.example/t.png)\">x</p>",
        "<script type=\"application/ld+json\">{\"a\":\"</script><script>alert(1)</script>",
        "<script type=\"application/ld+json\">{\"a\": \"<!--<script>\"}</script>",
    ] {
        assert!(
            !harness::html_findings(bad, "example.org").is_empty(),
            "{bad:?} passed"
        );
    }
    for good in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; onload=x javascript:alert(1)</p>",
        "<pre><code>&lt;iframe src=x&gt;</code></pre>",
        "<title><script></title><textarea><img onerror=x></textarea>",
        "<script type=\"application/ld+json\">{\"a\":\"\\u003c/script\\u003e\"}</script>",
        "<img src=\"https://example.org/a.jpg\" alt=\"onerror=\"><a href=\"https://elsewhere.example/\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0; url=../bakhmut/\">",
    ] {
        let found = harness::html_findings(good, "example.org");
        assert!(found.is_empty(), "{good:?}: {found:?}");
    }
}
