//! The offline edition: `dateline build --offline [--zip FILE]`.

use crate::support::{SiteTest, tree};

/// Every `href="…"` value of a page.
fn hrefs(html: &str) -> Vec<String> {
    html.split(" href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn every_internal_link_names_a_file_that_exists() {
    let mut t = SiteTest::fixture("basic");
    t.build_with(&["--offline"]).success();
    let out = t.root().join("offline");
    let files = tree(&out);
    let mut checked = 0;
    for (path, bytes) in &files {
        // 404.html links from the site root (a host serves it at any path); it is never
        // reached by following links.
        if path.extension().is_none_or(|e| e != "html") || path.as_os_str() == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for href in hrefs(&html) {
            if href.contains(':') || href.starts_with('#') {
                continue;
            }
            let file = href.split(['#', '?']).next().unwrap();
            assert!(
                !file.is_empty() && !file.ends_with('/'),
                "{}: {href}",
                path.display()
            );
            let target = out.join(path.parent().unwrap()).join(file);
            assert!(target.is_file(), "{}: {href} is not a file", path.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} links checked");
    // The default build is unchanged: its links end in `/`.
    t.build().success();
    assert!(t.read("output/index.html").contains("href=\"cities/\""));
    assert!(!t.read("output/index.html").contains("cities/index.html"));
}

#[test]
fn the_zip_holds_the_edition_and_is_deterministic() {
    let mut t = SiteTest::fixture("basic");
    let zip = t.tmp().join("edition.zip");
    let zip_arg = zip.display().to_string();
    t.build_with(&["--offline", "--zip", &zip_arg]).success();
    let first = std::fs::read(&zip).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert!(
        names.contains(&"offline/index.html".to_string()),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains(".dateline")), "{names:?}");
    let mut home = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("offline/index.html").unwrap(),
        &mut home,
    )
    .unwrap();
    assert_eq!(home, t.read("offline/index.html"));

    let mut again = SiteTest::fixture("basic");
    let zip2 = again.tmp().join("edition.zip");
    let zip2_arg = zip2.display().to_string();
    again
        .build_with(&["--offline", "--zip", &zip2_arg])
        .success();
    assert_eq!(first, std::fs::read(&zip2).unwrap(), "two zips differ");
}

#[test]
fn zip_needs_offline() {
    let mut t = SiteTest::fixture("basic");
    t.build_with(&["--zip", "x.zip"])
        .failure()
        .stderr_contains("--offline");
}
