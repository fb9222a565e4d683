//! The floor under a build on this machine: what the bare work costs with nothing else (no
//! front-matter parsing, places, templates, lists, feeds or sitemaps), on all cores with rayon.
//!
//! Usage: `floor CONTENT OUT [SITE]` (see `bench/floor.sh`). OUT must not exist.
//!
//! - `markdown`: reads every `.md` under CONTENT, renders the body after its front matter
//!   (split off as a build splits it) with pulldown-cmark (dateline's extensions) and writes it
//!   to `OUT/md/<name>/index.html`: one page per article, the floor the issue quotes (about
//!   0.4 s at 10,000 articles).
//! - `write`: with SITE, a folder a build made, reads all its files into memory first, then
//!   times only writing them to `OUT/site` with the calls a build makes into a new output
//!   folder (`dateline::fs::NewTree`: one `mkdir`, `open` and `write` per file).
//!
//! Prints one line per step: `floor STEP: FILES files, MIB MiB in MS ms`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

/// The allocator the `dateline` binary uses, so that the floor is measured alike.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [content, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: floor CONTENT OUT [SITE]");
        std::process::exit(2);
    };
    assert!(!out.exists(), "{} exists; give a new folder", out.display());
    let (n, bytes, ms) = markdown(content, &out.join("md"));
    report("markdown", n, bytes, ms);
    if let Some(site) = rest.first() {
        let (n, bytes, ms) = write_only(site, &out.join("site"));
        report("write", n, bytes, ms);
    }
}

fn report(step: &str, files: usize, bytes: usize, ms: f64) {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!("floor {step}: {files} files, {mib:.1} MiB in {ms:.1} ms");
}

/// Every file under `dir`, relative to it, in no particular order.
fn files_under(dir: &Path, ext: Option<&str>) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .filter(|e| ext.is_none_or(|x| e.path().extension().is_some_and(|e| e == x)))
        .map(|e| e.path().strip_prefix(dir).expect("under dir").to_path_buf())
        .collect()
}

/// Reads, renders and writes every dispatch; returns files, bytes written and milliseconds.
fn markdown(content: &Path, out: &Path) -> (usize, usize, f64) {
    let t = Instant::now();
    dateline::fs::create_dir_all(out).expect("create OUT");
    let tree = dateline::fs::NewTree::open(out).expect("open OUT");
    let sizes: Vec<usize> = files_under(content, Some("md"))
        .par_iter()
        .map(|rel| {
            let text = std::fs::read_to_string(content.join(rel)).expect("read");
            let split = dateline::content::front_matter::split(&text, rel).expect("front matter");
            let body = split.body;
            let parser = pulldown_cmark::Parser::new_ext(body, dateline::markdown::options());
            let mut html = String::with_capacity(body.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, parser);
            let name = rel.file_stem().expect("a file name");
            let page = Path::new(name).join("index.html");
            tree.write(&page, html.as_bytes()).expect("write");
            html.len()
        })
        .collect();
    (sizes.len(), sizes.iter().sum(), ms_since(t))
}

/// Writes a copy of `site` (read into memory first, untimed); returns files, bytes, ms.
fn write_only(site: &Path, out: &Path) -> (usize, usize, f64) {
    let files: Vec<(PathBuf, Vec<u8>)> = files_under(site, None)
        .into_par_iter()
        .map(|rel| {
            let bytes = std::fs::read(site.join(&rel)).expect("read SITE");
            (rel, bytes)
        })
        .collect();
    let t = Instant::now();
    dateline::fs::create_dir_all(out).expect("create OUT");
    let tree = dateline::fs::NewTree::open(out).expect("open OUT");
    files
        .par_iter()
        .for_each(|(rel, bytes)| tree.write(rel, bytes).expect("write"));
    let bytes = files.iter().map(|(_, b)| b.len()).sum();
    (files.len(), bytes, ms_since(t))
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
