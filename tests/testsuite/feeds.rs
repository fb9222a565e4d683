//! Feeds: valid Atom (RFC 4287, checked with `jing` against the RFC's RELAX NG schema and its
//! Schematron rules) and well-formed RSS 2.0 with its required elements, for the bundled blog,
//! a fixture site and the feeds that used to be empty; absolute URLs in feed content; the
//! front-matter summary; a warning for `updated` before `date`.
//!
//! `jing` (Debian package `jing`) is needed for the schema checks: under `CI=true` a missing
//! `jing` fails them; elsewhere they print why they skipped it and check the rest.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{SiteTest, links, xml_unescape};

const ATOM: &str = "http://www.w3.org/2005/Atom";

const CONFIG: &str = "title = \"Feeds desk\"\nbase_url = \"https://example.org/desk\"\n";

/// An empty site with a config whose base URL has a path (so root-relative links show).
fn site() -> SiteTest {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    t
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name)
}

fn kids<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children()
        .filter(|c| c.tag_name().name() == name)
        .collect()
}

fn text_of(n: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(n, name)
        .and_then(|c| c.text())
        .unwrap_or_default()
        .to_string()
}

/// Every `.xml` file named `name` under `dir`, sorted.
pub(crate) fn files_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = crate::support::tree(dir)
        .into_keys()
        .filter(|p| p.file_name().is_some_and(|n| n == name))
        .map(|p| dir.join(p))
        .collect();
    out.sort();
    out
}

/// The `jing` on `PATH`, if any. Missing: a failure under `CI=true`, else a printed skip.
fn jing() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("jing"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "jing is not installed, and CI=true needs the feed schema checks: apt-get install jing (see .ci/run)"
        );
        eprintln!("skipping the Atom schema checks: jing is not installed (apt-get install jing)");
    }
    found
}

/// Checks `feeds` with `jing` against RFC 4287's RELAX NG schema and then its Schematron
/// rules (which `jing -c` leaves out): `Err` with jing's report for each invalid feed.
/// `Ok` without checking when `jing` is missing (outside CI, see [`jing`]).
pub(crate) fn validate_atom(feeds: &[PathBuf]) -> Result<(), String> {
    assert!(!feeds.is_empty(), "no feeds to validate");
    let Some(jing) = jing() else {
        return Ok(());
    };
    let schemas = crate::support::fixtures_dir();
    for args in [
        vec![
            "-c".to_string(),
            schemas.join("atom.rnc").display().to_string(),
        ],
        vec![schemas.join("atom.sch").display().to_string()],
    ] {
        let run = |files: &[PathBuf]| {
            let out = Command::new(&jing)
                .args(&args)
                .args(files)
                .output()
                .expect("run jing");
            let said = String::from_utf8_lossy(&out.stdout).into_owned();
            (out.status.success(), said)
        };
        if run(feeds).0 {
            continue;
        }
        // Schematron's messages do not name the file: find the invalid ones one by one.
        let report: Vec<String> = feeds
            .iter()
            .filter_map(|f| {
                let (ok, said) = run(std::slice::from_ref(f));
                (!ok).then(|| format!("{}:\n{said}", f.display()))
            })
            .collect();
        return Err(format!("jing {args:?}:\n{}", report.join("\n")));
    }
    Ok(())
}

/// What RFC 4287 asks that a schema cannot say, and what this site promises on top: a
/// feed-level author (so an empty feed is valid too), and an `updated` that is the newest of
/// its entries' or, with no entries, `empty_updated`.
fn check_atom_rules(path: &Path, empty_updated: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = xml(&text);
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "{}", path.display());
    let author = child(feed, "author").unwrap_or_else(|| panic!("{}: no author", path.display()));
    assert!(!text_of(author, "name").is_empty(), "{}", path.display());
    let entries = kids(feed, "entry");
    let newest = entries.iter().map(|e| text_of(*e, "updated")).max();
    let updated = text_of(feed, "updated");
    match newest {
        // RFC 3339 texts sort like their instants (but for two within an hour of each other
        // across a change of offset, which these sites do not have).
        Some(n) => assert_eq!(updated, n, "{}: feed updated", path.display()),
        None => assert_eq!(updated, empty_updated, "{}: empty feed", path.display()),
    }
    for e in entries {
        assert!(
            text_of(e, "updated") >= text_of(e, "published"),
            "{}: entry updated before published",
            path.display()
        );
    }
}

/// Parses every RSS feed strictly and checks RSS 2.0's required elements; returns each
/// item's description (HTML).
fn check_rss(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = xml(&text);
    let rss = doc.root_element();
    assert!(rss.has_tag_name("rss") && rss.attribute("version") == Some("2.0"));
    let channels = kids(rss, "channel");
    assert_eq!(channels.len(), 1, "one channel");
    let channel = channels[0];
    for required in ["title", "link", "description"] {
        let n = kids(channel, required)
            .iter()
            .filter(|c| c.tag_name().namespace().is_none())
            .count();
        assert_eq!(n, 1, "rss channel/{required}");
    }
    assert!(text_of(channel, "link").starts_with("https://"));
    let mut descriptions = Vec::new();
    for item in kids(channel, "item") {
        assert!(
            child(item, "title").is_some() || child(item, "description").is_some(),
            "an item needs a title or a description"
        );
        for url in ["link", "guid"] {
            assert!(text_of(item, url).starts_with("https://"), "item {url}");
        }
        // RFC 822 date, as RSS 2.0 asks: "Mon, 02 Jan 2006 15:04:05 +0000".
        let date = text_of(item, "pubDate");
        let parts: Vec<&str> = date.split(' ').collect();
        assert!(
            parts.len() == 6 && parts[0].ends_with(',') && parts[4].len() == 8,
            "pubDate {date}"
        );
        descriptions.push(text_of(item, "description"));
    }
    descriptions
}

/// Checks every feed under `out` (see [`check_atom_rules`] for `empty_updated`).
fn check_all_feeds(out: &Path, empty_updated: &str) {
    let atoms = files_named(out, "atom.xml");
    for f in &atoms {
        check_atom_rules(f, empty_updated);
    }
    if let Err(e) = validate_atom(&atoms) {
        panic!("invalid Atom: {e}");
    }
    check_rss(&out.join("rss.xml"));
}

#[test]
fn the_validator_rejects_what_rfc_4287_forbids() {
    let t = SiteTest::empty();
    let head = "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><id>https://example.org/</id>";
    let entry = "<entry><title>E</title><id>https://example.org/e/</id><link href=\"https://example.org/e/\"/><updated>2023-01-01T00:00:00Z</updated></entry>";
    let cases = [
        // The schema: a date that is not RFC 3339; a feed without an id.
        format!("{head}<updated>yesterday</updated></feed>"),
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><updated>2023-01-01T00:00:00Z</updated></feed>".to_string(),
        // The Schematron rules: an entry without an author in a feed without one.
        format!("{head}<updated>2023-01-01T00:00:00Z</updated>{entry}</feed>"),
    ];
    for (i, case) in cases.iter().enumerate() {
        let path = t.tmp().join(format!("case{i}.xml"));
        std::fs::write(&path, case).unwrap();
        if jing().is_none() {
            return;
        }
        assert!(validate_atom(&[path]).is_err(), "accepted: {case}");
    }
    let good = t.tmp().join("good.xml");
    let author = "<author><name>A</name></author>";
    let text = format!("{head}<updated>2023-01-01T00:00:00Z</updated>{author}{entry}</feed>");
    std::fs::write(&good, text).unwrap();
    assert_eq!(validate_atom(&[good]), Ok(()));
}

#[test]
fn every_feed_of_the_bundled_blog_and_a_fixture_is_valid() {
    // A copy of the bundled blog (a build records its inputs in the site root).
    let mut t = SiteTest::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "themes"] {
        crate::support::copy_dir(&repo.join(dir), &t.path(dir));
    }
    t.file(
        "config.toml",
        &std::fs::read_to_string(repo.join("config.toml")).unwrap(),
    );
    t.build().success();
    check_all_feeds(&t.out(), "");
    let mut f = SiteTest::fixture("basic");
    f.build().success();
    check_all_feeds(&f.out(), "");
}

#[test]
fn a_city_only_mentioned_has_a_valid_feed_of_the_dispatches_its_page_lists() {
    let mut t = site();
    t.file(
        "content/odesa.md",
        "+++\ntitle = \"Port at night\"\ndate = 2023-04-10T10:00:00+03:00\ncities = [\"Odesa\"]\n+++\n\nTrains to Lviv ran late.\n",
    );
    t.build().success();
    // The Lviv page lists the dispatch under "Also mentioned in"; so does its feed.
    t.file_contains("output/cities/lviv/index.html", "Port at night");
    let feed = t.read("output/cities/lviv/atom.xml");
    let doc = xml(&feed);
    let entries: Vec<String> = kids(doc.root_element(), "entry")
        .iter()
        .map(|e| text_of(*e, "id"))
        .collect();
    assert_eq!(entries, ["https://example.org/desk/2023/04/odesa/"]);
    assert_eq!(
        text_of(doc.root_element(), "updated"),
        "2023-04-10T10:00:00+03:00"
    );
    check_all_feeds(&t.out(), "");
}

#[test]
fn a_site_with_every_dispatch_embargoed_has_a_valid_empty_feed() {
    let mut t = site();
    t.dispatch(
        "later.md",
        "Not yet",
        "2025-12-01T10:00:00Z",
        "publish_after = 2027-01-01T00:00:00Z\ncities = [\"Kyiv\"]",
    );
    t.build().success();
    let feed = t.read("output/atom.xml");
    assert!(!feed.contains("<entry>"), "{feed}");
    assert!(!feed.contains("1970"), "{feed}");
    // Nothing published has a date of its own: the build's fixed "now".
    check_all_feeds(&t.out(), "2026-01-01T00:00:00Z");
    // No date of the embargoed dispatch leaks.
    assert!(
        !feed.contains("2025-12-01") && !feed.contains("2027"),
        "{feed}"
    );
}

/// A bundle whose body links every way a dispatch can: relative image and page, parent
/// folder, root-relative, fragment, and other sites.
const LINKS_BODY: &str = "Lead with [a link](../other/) and [the map](/cities/kyiv/).\n\n![The road](road.jpg)\n\nSee [below](#notes), [elsewhere](https://example.net/x) and [mail](mailto:desk@example.org).\n\n## Notes\n\nEnd.\n";

fn links_site(full_content: bool) -> SiteTest {
    let mut t = SiteTest::empty();
    t.file(
        "config.toml",
        &format!("{CONFIG}feed_full_content = {full_content}\n"),
    );
    t.file(
        "content/2023/road/index.md",
        &format!(
            "+++\ntitle = \"Road\"\ndate = 2023-05-01T10:00:00+03:00\ncities = [\"Kyiv\"]\n+++\n\n{LINKS_BODY}"
        ),
    );
    let jpeg =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2023/bakhmut-encirclement/road.jpg");
    t.file_bytes("content/2023/road/road.jpg", &std::fs::read(jpeg).unwrap());
    t.file(
        "content/2023/other.md",
        "+++\ntitle = \"Other\"\ndate = 2023-04-01T10:00:00+03:00\ncities = [\"Kyiv\"]\n+++\n\nText.\n",
    );
    t.build().success();
    t
}

/// Every `href`/`src` of `html` (XML-unescaped feed text) is absolute.
fn assert_absolute(html: &str, what: &str) -> Vec<String> {
    let found = links(html);
    for l in &found {
        let scheme = l.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
        assert!(scheme, "{what}: relative URL {l:?} in\n{html}");
    }
    found
}

#[test]
fn every_url_in_feed_content_is_absolute_against_the_dispatch() {
    for full in [true, false] {
        let t = links_site(full);
        let rss = check_rss(&t.out().join("rss.xml"));
        let road = rss.iter().find(|d| d.contains("a link")).expect("the item");
        let found = assert_absolute(road, "rss");
        assert!(
            found.contains(&"https://example.org/desk/2023/05/road/../other/".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"https://example.org/desk/cities/kyiv/".to_string()));
        if full {
            for want in [
                // the photo as its fallback variant (`road.jpg` is 480 px wide)
                "https://example.org/desk/2023/05/road/road.480.jpg",
                "https://example.org/desk/2023/05/road/#notes",
                "https://example.net/x",
                "mailto:desk@example.org",
            ] {
                assert!(found.contains(&want.to_string()), "{want}: {found:?}");
            }
        }
        for path in files_named(&t.out(), "atom.xml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = xml(&text);
            for e in kids(doc.root_element(), "entry") {
                for part in ["content", "summary"] {
                    assert_absolute(&text_of(e, part), &format!("{} {part}", path.display()));
                }
            }
        }
        check_all_feeds(&t.out(), "");
    }
}

#[test]
fn atom_summary_is_the_front_matter_summary_when_given() {
    let mut t = site();
    t.dispatch(
        "given.md",
        "Given",
        "2023-05-01T10:00:00+03:00",
        "summary = \"Shelling & blackouts <overnight>.\"",
    );
    t.dispatch("body.md", "Body", "2023-04-01T10:00:00+03:00", "");
    t.build().success();
    let feed = t.read("output/atom.xml");
    let doc = xml(&feed);
    let summaries: Vec<(String, Option<String>)> = kids(doc.root_element(), "entry")
        .iter()
        .map(|e| {
            let s = child(*e, "summary").expect("a summary");
            (
                s.text().unwrap_or_default().to_string(),
                s.attribute("type").map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        summaries,
        [
            (
                "<p>Shelling &amp; blackouts &lt;overnight&gt;.</p>".to_string(),
                Some("html".to_string())
            ),
            ("<p>Body of Body.</p>".to_string(), Some("html".to_string())),
        ]
    );
    check_all_feeds(&t.out(), "");
}

#[test]
fn updated_before_date_is_a_warning_at_the_updated_line() {
    let mut t = site();
    t.file(
        "content/typo.md",
        "+++\ntitle = \"Typo\"\ndate = 2023-05-02T10:00:00+03:00\nupdated = 2023-05-01T09:00:00+03:00\n+++\n\nText.\n",
    );
    t.dispatch(
        "fine.md",
        "Fine",
        "2023-05-01T10:00:00+03:00",
        "updated = 2023-05-03T10:00:00+03:00",
    );
    t.build()
        .success()
        .stderr_contains("content/typo.md:4:1: warning: `updated` (2023-05-01T09:00:00+03:00) is earlier than `date` (2023-05-02T10:00:00+03:00)")
        .stderr_lacks("content/fine.md");
    // Until it is fixed, feeds and the sitemap take `date` as the last change.
    let feed = t.read("output/atom.xml");
    assert!(!feed.contains("2023-05-01T09:00:00"), "{feed}");
    let sitemap = xml_unescape(&t.read("output/sitemap.xml"));
    assert!(!sitemap.contains("2023-05-01T09:00:00"), "{sitemap}");
    check_all_feeds(&t.out(), "");
}
