//! What static hosts need: pre-compressed copies (`precompress = true`) and `_headers`.

use std::io::Read as _;
use std::path::PathBuf;

use crate::support::{SiteTest, age_files, mtimes, tree};

fn with_precompress() -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    let config = t.read("config.toml");
    t.file("config.toml", &format!("{config}precompress = true\n"));
    t
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    out
}

#[test]
fn precompress_writes_gz_and_br_beside_text_files_that_decompress_to_them() {
    let mut t = with_precompress();
    t.build().success();
    let files = tree(&t.out());
    let mut pairs = 0;
    for (path, bytes) in &files {
        let name = path.to_string_lossy();
        if let Some(orig) = name.strip_suffix(".gz") {
            assert_eq!(&gunzip(bytes), &files[&PathBuf::from(orig)], "{name}");
            pairs += 1;
        } else if let Some(orig) = name.strip_suffix(".br") {
            assert_eq!(&unbrotli(bytes), &files[&PathBuf::from(orig)], "{name}");
        }
    }
    assert!(pairs > 10, "{pairs} gzip copies");
    for page in ["index.html", "atom.xml", "sitemap.xml", "cities/index.html"] {
        assert!(
            files.contains_key(&PathBuf::from(format!("{page}.gz"))),
            "{page}.gz"
        );
        assert!(
            files.contains_key(&PathBuf::from(format!("{page}.br"))),
            "{page}.br"
        );
    }
    // Not for host files, images or tiny files.
    for path in files.keys() {
        let name = path.to_string_lossy();
        assert!(
            !name.starts_with("_redirects.") && !name.starts_with("_headers."),
            "{name}"
        );
        assert!(
            !name.ends_with(".txt.gz")
                || files[&PathBuf::from(name.trim_end_matches(".gz"))].len() >= 256
        );
    }
    // The manifest lists the copies, so turning precompress off removes them.
    assert!(
        t.read("output/.dateline-manifest")
            .contains("\tindex.html.br\n")
    );
    let config = t.read("config.toml").replace("precompress = true\n", "");
    t.file("config.toml", &config);
    t.build().success();
    let after = tree(&t.out());
    assert!(!after.keys().any(|p| p.to_string_lossy().ends_with(".br")));
    assert!(!after.keys().any(|p| p.to_string_lossy().ends_with(".gz")));
}

#[test]
fn precompressed_output_is_deterministic_and_only_changed_pages_are_compressed_again() {
    let mut a = with_precompress();
    a.build().success();
    let mut b = with_precompress();
    b.build().success();
    assert_eq!(tree(&a.out()), tree(&b.out()), "two builds differ");

    // An unchanged rebuild touches no copy.
    let old = age_files(&a.out());
    a.build_with(&["--base-url", "https://dateline.example.org"])
        .success();
    assert_eq!(a.counts().written, 0, "{}", a.stdout());
    assert!(mtimes(&a.out()).values().all(|m| *m == old));

    // An edit rewrites the page and its copies, and leaves other pages' copies alone.
    let path = "content/2022/kyiv-blackouts.md";
    let text = a
        .read(path)
        .replace("+++\n\n", "+++\n\nA new first sentence. ");
    a.file(path, &text);
    a.build().success();
    let touched: Vec<String> = mtimes(&a.out())
        .into_iter()
        .filter(|(_, m)| *m != old)
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    let page = touched
        .iter()
        .find(|p| p.contains("kyiv-blackouts") && p.ends_with("index.html"))
        .expect("the edited page was rewritten")
        .clone();
    assert!(touched.contains(&format!("{page}.gz")), "{touched:?}");
    assert!(touched.contains(&format!("{page}.br")), "{touched:?}");
    assert!(
        !touched.iter().any(|p| p.starts_with("cities/index.html")),
        "{touched:?}"
    );
    let fresh = tree(&a.out());
    let page = PathBuf::from(page);
    assert_eq!(
        gunzip(&fresh[&PathBuf::from(format!("{}.gz", page.display()))]),
        fresh[&page]
    );
}

#[test]
fn headers_file_gives_assets_a_long_cache_and_keeps_config_rules() {
    let mut t = SiteTest::fixture("basic");
    let config = t.read("config.toml");
    t.file(
        "config.toml",
        &format!(
            "{config}\n[[cache_control]]\npath = \"/cities/*\"\nvalue = \"public, max-age=60\"\n"
        ),
    );
    t.build().success();
    let css = t.stylesheet();
    let headers = t.read("output/_headers");
    assert!(
        headers.contains(&format!(
            "\n/{css}\n  Cache-Control: public, max-age=31536000, immutable\n"
        )),
        "{headers}"
    );
    assert!(headers.contains("\n/*.xml\n  Cache-Control: public, max-age=300\n"));
    assert!(headers.ends_with("\n/cities/*\n  Cache-Control: public, max-age=60\n"));
}

#[test]
fn a_bad_cache_control_path_is_a_config_error() {
    let mut t = SiteTest::fixture("basic");
    let config = t.read("config.toml");
    t.file(
        "config.toml",
        &format!("{config}\n[[cache_control]]\npath = \"photos/*\"\nvalue = \"public\"\n"),
    );
    t.build()
        .failure()
        .stderr_contains("config.toml")
        .stderr_contains("must start with `/`");
}
