//! The floor under the search index: Pagefind's own work on exactly the text a dateline build
//! indexes, with nothing of ours around it (no site loading, no documents, no HTML).
//!
//! Usage: `search_floor OUTPUT LANG` (OUTPUT: a folder `dateline build` made with search on;
//! LANG: its language, `en`). Reads the fragments of the index that build wrote
//! (`OUTPUT/pagefind/fragment/*.pf_fragment`: each dispatch's URL, text, metadata and filters as
//! Pagefind keeps them), then makes the index again from them as the build calls Pagefind (one
//! current-thread runtime, one document at a time):
//!
//! - `records`: `add_custom_record` of every text, then `get_files` (building and gzipping the
//!   index): Pagefind's work with no HTML to read;
//! - `html`: `add_html_file` of the same text in a minimal page (headline in `<h1>`, filters
//!   and metadata in ignored spans, the text in one `<p>`), then `get_files`.
//!
//! Prints one line per step: `floor STEP: N documents, add MS ms, write MS ms, FILES files`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The allocator the `dateline` binary uses, so that the floor is measured alike.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One dispatch as Pagefind stored it.
#[derive(serde::Deserialize)]
struct Fragment {
    url: String,
    content: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, lang] = args.as_slice() else {
        eprintln!("usage: search_floor OUTPUT LANG");
        std::process::exit(2);
    };
    let docs = fragments(&Path::new(out).join("pagefind/fragment"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    for step in ["records", "html"] {
        let (add, write, files) = rt.block_on(index(step, lang, &docs));
        println!(
            "floor {step}: {} documents, add {add:.0} ms, write {write:.0} ms, {files} files",
            docs.len()
        );
    }
}

/// Every fragment under `dir`, decoded (gzip, then Pagefind's `pagefind_dcd` mark, then JSON).
fn fragments(dir: &Path) -> Vec<Fragment> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let gz = std::fs::read(p).expect("a fragment");
            let mut json = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut json)
                .expect("a gzipped fragment");
            let json = json.strip_prefix(b"pagefind_dcd").unwrap_or(&json);
            serde_json::from_slice(json).expect("a fragment's JSON")
        })
        .collect()
}

/// Indexes `docs` the way `step` says; the time to add them, the time to build and compress the
/// index (ms), and how many files it has.
async fn index(step: &str, lang: &str, docs: &[Fragment]) -> (f64, f64, usize) {
    let options = PagefindServiceConfig::builder()
        .force_language(lang.to_string())
        .build();
    let mut ix = PagefindIndex::new(Some(options)).expect("options");
    let t = Instant::now();
    for (i, d) in docs.iter().enumerate() {
        let sort = BTreeMap::from([("date".to_string(), i.to_string())]);
        if step == "records" {
            ix.add_custom_record(
                d.url.clone(),
                d.content.clone(),
                lang.to_string(),
                Some(d.meta.clone()),
                Some(d.filters.clone()),
                Some(sort),
            )
            .await
            .expect("a record");
        } else {
            ix.add_html_file(None, Some(d.url.clone()), page(lang, d, i))
                .await
                .expect("a page");
        }
    }
    let add = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let files = ix.get_files().await.expect("the index").len();
    (add, t.elapsed().as_secs_f64() * 1000.0, files)
}

/// `d` as a minimal page, as `dateline` hands dispatches to Pagefind.
fn page(lang: &str, d: &Fragment, i: usize) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let title = esc(d.meta.get("title").map_or("", String::as_str));
    let mut s = format!(
        "<!doctype html><html lang=\"{lang}\"><head><title>{title}</title></head><body><h1>{title}</h1><div data-pagefind-ignore>"
    );
    for (k, vs) in &d.filters {
        for v in vs {
            s += &format!("<span data-pagefind-filter=\"{k}\">{}</span>", esc(v));
        }
    }
    for (k, v) in d.meta.iter().filter(|(k, _)| *k != "title") {
        s += &format!("<span data-pagefind-meta=\"{k}\">{}</span>", esc(v));
    }
    s += &format!("<span data-pagefind-sort=\"date\">{i}</span></div><p>");
    s += &esc(&d.content);
    s + "</p></body></html>"
}
