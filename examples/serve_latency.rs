//! Measures `dateline serve`'s rebuild after saving one dispatch, on a site folder.
//!
//! Usage: `cargo run --release --example serve_latency -- DIR [EDITS] [--live]`. Each round
//! rewrites one dispatch's body (a different file each time), then times `Preview::rebuild` for
//! it: the work between the file system event and the reload event. Prints the median and
//! range. With `--live`, a live dispatch (`content/live-bench/index.md`, the newest) is added
//! first and each round files a new update file to it instead.

use std::path::PathBuf;
use std::time::Instant;

use dateline::config::BuildOptions;
use dateline::serve::Preview;

/// The allocator the `dateline` binary uses, so that memory is measured as `dateline serve`
/// uses it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The process's resident memory now and at its peak (Linux; empty elsewhere).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        (status.lines())
            .find_map(|l| l.strip_prefix(name))
            .map_or(String::new(), |v| v.trim().to_string())
    };
    format!("resident {}, peak {}", field("VmRSS:"), field("VmHWM:"))
}

/// `mi_option_purge_delay` (see `src/serve_cli.rs`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// As `dateline serve` does after each rebuild (see `src/serve_cli.rs`): the allocator gives
/// back what the rebuild freed, in the build's worker threads and here.
fn give_back_memory() {
    // SAFETY: `mi_collect` takes no pointer and only walks the calling thread's own heap.
    let collect = || unsafe { libmimalloc_sys::mi_collect(true) };
    rayon::broadcast(|_| collect());
    collect();
}

fn main() {
    // As the `dateline` binary does (see `src/main.rs`): no transparent huge pages.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_THP_DISABLE) only sets a flag on this process; no memory is touched.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // As `dateline serve` does (see `src/serve_cli.rs`): freed pages go back at once.
    // SAFETY: sets one option value; no pointer is passed.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: serve_latency DIR [EDITS]"));
    let rest: Vec<String> = args.collect();
    let live = rest.iter().any(|a| a == "--live");
    let edits: usize = rest.iter().find_map(|s| s.parse().ok()).unwrap_or(20);
    let bundle = root.join("content/live-bench");
    if live {
        std::fs::create_dir_all(bundle.join("updates")).expect("mkdir");
        std::fs::write(
            bundle.join("index.md"),
            "+++\ntitle = \"Live: benchmark\"\ndate = 2026-01-01T08:00:00+02:00\ncities = [\"Bakhmut\"]\nlive = true\n+++\n\nThe intro.\n",
        )
        .expect("write");
    }
    let t = Instant::now();
    let (mut preview, first) = Preview::new(BuildOptions {
        root: root.clone(),
        ..Default::default()
    });
    assert!(first.error.is_none(), "{:?}", first.error);
    give_back_memory();
    println!(
        "initial build: {:.0} ms, {} pages, {} files held in {:.1} MiB",
        t.elapsed().as_secs_f64() * 1000.0,
        first.pages_rendered,
        preview.paths().len(),
        preview.held_bytes() as f64 / (1024.0 * 1024.0)
    );
    println!("memory after the initial build: {}", memory());
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut times = Vec::new();
    if live {
        for i in 0..edits {
            let f = bundle.join(format!("updates/{i:03}.md"));
            let text = format!(
                "+++\ntime = 2026-01-01T{:02}:{:02}:00+02:00\ntitle = \"Update {i}\"\n+++\n\nWhat happened in round {i}, in a few sentences of text.\n",
                9 + i / 60,
                i % 60
            );
            std::fs::write(&f, text).expect("write");
            let r = preview.rebuild(std::slice::from_ref(&f));
            assert!(r.error.is_none(), "{:?}", r.error);
            give_back_memory();
            times.push(r.millis);
            println!(
                "update {i}: {:.1} ms, {} pages rendered, {} files changed",
                r.millis, r.pages_rendered, r.files_changed
            );
        }
        std::fs::remove_dir_all(&bundle).expect("clean up");
        report(&mut times, edits);
        return;
    }
    for i in 0..edits {
        let f = &files[(i * 7919) % files.len()];
        let text = std::fs::read_to_string(f).expect("read");
        std::fs::write(f, format!("{text}\nEdited in round {i}.\n")).expect("write");
        let r = preview.rebuild(std::slice::from_ref(f));
        assert!(r.error.is_none(), "{:?}", r.error);
        give_back_memory();
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
        give_back_memory();
    }
    report(&mut times, edits);
}

fn report(times: &mut [f64], edits: usize) {
    times.sort_by(f64::total_cmp);
    println!(
        "median {:.1} ms, min {:.1} ms, max {:.1} ms over {edits} edits",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    println!("memory at the end: {}", memory());
}
