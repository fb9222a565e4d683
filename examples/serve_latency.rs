//! Measures `dateline serve`'s rebuild after saving one dispatch, on a site folder.
//!
//! Usage: `cargo run --release --example serve_latency -- DIR [EDITS]`. Each round rewrites one
//! dispatch's body (a different file each time), then times `Preview::rebuild` for it: the
//! work between the file system event and the reload event. Prints the median and range.

use std::path::PathBuf;
use std::time::Instant;

use dateline::config::BuildOptions;
use dateline::serve::Preview;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: serve_latency DIR [EDITS]"));
    let edits: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let t = Instant::now();
    let (mut preview, first) = Preview::new(BuildOptions {
        root: root.clone(),
        ..Default::default()
    });
    assert!(first.error.is_none(), "{:?}", first.error);
    println!(
        "initial build: {:.0} ms, {} pages",
        t.elapsed().as_secs_f64() * 1000.0,
        first.pages_rendered
    );
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut times = Vec::new();
    for i in 0..edits {
        let f = &files[(i * 7919) % files.len()];
        let text = std::fs::read_to_string(f).expect("read");
        std::fs::write(f, format!("{text}\nEdited in round {i}.\n")).expect("write");
        let r = preview.rebuild(std::slice::from_ref(f));
        assert!(r.error.is_none(), "{:?}", r.error);
        times.push(r.millis);
        let stages: Vec<String> = preview
            .stats()
            .timings
            .iter()
            .map(|t| format!("{} {:.1}", t.stage, t.time.as_secs_f64() * 1000.0))
            .collect();
        println!(
            "edit {i}: {:.1} ms, {} pages rendered, {} files changed [{}]",
            r.millis,
            r.pages_rendered,
            r.files_changed,
            stages.join(", ")
        );
        std::fs::write(f, text).expect("restore");
        preview.rebuild(std::slice::from_ref(f));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "median {:.1} ms, min {:.1} ms, max {:.1} ms over {edits} edits",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
