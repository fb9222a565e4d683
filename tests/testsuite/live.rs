//! Live coverage (#25): a bundle with `live = true` and its update files.
//!
//! Order and anchors are stable; the LiveBlogPosting JSON-LD parses and lists every visible
//! update; an embargoed update appears nowhere until its time; the LIVE label follows
//! `--now`; the dispatch's own Atom feed is valid with one entry per update; the site feed
//! shows the dispatch once; `dateline new --live/--update`; a new update in `serve` equals a
//! clean build.

use std::path::{Path, PathBuf};

use crate::support::SiteTest;

const PAGE: &str = "output/2024/02/avdiivka-live/index.html";
const DIR: &str = "content/2024/avdiivka-live";
/// While live: the 18:00 update (filed ahead) is still embargoed.
const DURING: &str = "2024-02-17T16:00:00+02:00";
/// After `coverage_end` (20:00): every update is out.
const AFTER: &str = "2024-02-17T21:00:00+02:00";
const SECRET: &str = "Withdrawal order confirmed by the general staff";

fn site() -> SiteTest {
    let mut t = SiteTest::empty();
    t.file(
        "config.toml",
        "title = \"Desk\"\nbase_url = \"https://example.org\"\npaginate = 5\n",
    );
    t.file(
        &format!("{DIR}/index.md"),
        "+++\ntitle = \"Live: Avdiivka\"\ndate = 2024-02-17T09:00:00+02:00\nauthors = [\"Olena Kovalenko\"]\ncities = [\"Avdiivka\"]\nlive = true\ncoverage_end = 2024-02-17T20:00:00+02:00\n+++\n\nThe intro of the live page.\n",
    );
    let update = |t: &mut SiteTest, rel: &str, front: &str, body: &str| {
        t.file(
            &format!("{DIR}/{rel}"),
            &format!("+++\n{front}\n+++\n\n{body}\n"),
        );
    };
    update(
        &mut t,
        "a.md",
        "time = 2024-02-17T10:05:00+02:00\ntitle = \"Troops pull back\"\nkey = true\ncities = [\"Pokrovsk\"]\nauthors = [\"Marco Rossi\"]",
        "First update text.",
    );
    update(
        &mut t,
        "updates/b.md",
        "time = 2024-02-17T12:30:00+02:00\n[[corrections]]\ndate = 2024-02-17T13:00:00+02:00\nnote = \"An earlier version misnamed the road.\"",
        "Second update, no title.",
    );
    update(
        &mut t,
        "updates/c.md",
        "time = 2024-02-17T12:30:30+02:00\ntitle = \"Same minute\"",
        "Third update text.",
    );
    update(
        &mut t,
        "updates/d.md",
        "time = 2024-02-17T15:00:00+02:00\ntitle = \"Evacuation\"\nkey = true",
        "Fourth update text.",
    );
    update(
        &mut t,
        "updates/e.md",
        &format!("time = 2024-02-17T18:00:00+02:00\ntitle = \"{SECRET}\""),
        "Embargoed text.",
    );
    t.dispatch(
        "2024/other.md",
        "Other dispatch",
        "2024-02-17T13:00:00+02:00",
        "cities = [\"Avdiivka\"]",
    );
    t
}

fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    (needles.iter())
        .map(|n| html.find(n).unwrap_or_else(|| panic!("no {n}")))
        .collect()
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn updates_are_newest_first_with_stable_anchors_and_a_live_label() {
    let mut t = site();
    t.build_at(DURING, &[]).success();
    let page = t.read(PAGE);
    let ids = [
        "id=\"update-20240217-1500\"",
        "id=\"update-20240217-1230-2\"",
        "id=\"update-20240217-1230\"",
        "id=\"update-20240217-1005\"",
    ];
    let at = positions(&page, &ids);
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "not newest first: {at:?}"
    );
    assert!(
        page.contains("href=\"#update-20240217-1500\""),
        "permalinks"
    );
    assert!(page.contains("class=\"live-label\">Live</strong>"));
    assert!(page.contains("Last update <time datetime=\"2024-02-17T15:00:00+02:00\">15:00"));
    // Key events, newest first, link to their updates.
    let key = &page[page.find("key-events-h").unwrap()..page.find("updates-h").unwrap()];
    let k = positions(key, &["#update-20240217-1500", "#update-20240217-1005"]);
    assert!(k[0] < k[1]);
    assert!(!key.contains("1230"));
    assert!(page.contains("An earlier version misnamed the road."));
    // Lists: LIVE, and the position of the newest update (15:00, above the 13:00 dispatch).
    let home = t.read("output/index.html");
    assert!(home.contains("class=\"live-label\">Live</strong>"));
    let h = positions(&home, &["avdiivka-live/", "other/"]);
    assert!(
        h[0] < h[1],
        "the live dispatch is listed by its newest update"
    );
    let city = t.read("output/cities/avdiivka/index.html");
    assert_eq!(
        city.matches("2024/02/avdiivka-live/\"").count(),
        1,
        "{city}"
    );
    assert!(city.contains("class=\"live-label\""));
    // An update's city is the dispatch's place.
    assert!(t.exists("output/cities/pokrovsk/index.html"));
    assert!(
        t.read("output/cities/pokrovsk/index.html")
            .contains("avdiivka-live/")
    );
    assert!(
        t.read("output/authors/marco-rossi/index.html")
            .contains("avdiivka-live/")
    );
    // Lite edition: updates newest first, no LIVE markup of the full site.
    let lite = t.read("output/lite/2024/02/avdiivka-live/index.html");
    let l = positions(
        &lite,
        &[
            "Fourth update text.",
            "Third update text.",
            "First update text.",
        ],
    );
    assert!(l.windows(2).all(|w| w[0] < w[1]));
    assert!(lite.contains("<strong>LIVE</strong>"));
    assert!(
        t.read("output/lite/index.html")
            .contains("<strong>LIVE</strong>")
    );

    // After coverage ends: no LIVE label anywhere, "ended at", the same anchors, one more.
    t.build_at(AFTER, &[]).success();
    let page = t.read(PAGE);
    assert!(!page.contains("live-label"));
    assert!(page.contains("Live coverage ended at <time datetime=\"2024-02-17T20:00:00+02:00\">20:00, 17 February 2024</time>"));
    let mut ids = ids.to_vec();
    ids.insert(0, "id=\"update-20240217-1800\"");
    let at = positions(&page, &ids);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(!t.read("output/index.html").contains("live-label"));
    assert!(!t.read("output/lite/index.html").contains("LIVE"));
}

#[test]
fn an_embargoed_update_appears_nowhere_until_its_time() {
    let mut t = site();
    t.build_at(DURING, &[]).success();
    t.stderr_contains(
        "embargoed: content/2024/avdiivka-live/updates/e.md goes live at 2024-02-17T18:00:00+02:00",
    );
    for (path, bytes) in crate::support::tree(&t.out()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(SECRET),
            "{} shows the embargoed update",
            path.display()
        );
        assert!(!text.contains("Embargoed text."), "{}", path.display());
        assert!(!text.contains("update-20240217-1800"), "{}", path.display());
    }
    t.build_at("2024-02-17T18:00:00+02:00", &[]).success();
    t.file_contains(PAGE, SECRET);
    t.file_contains("output/2024/02/avdiivka-live/atom.xml", SECRET);
}

#[test]
fn the_json_ld_is_a_live_blog_posting_listing_every_visible_update() {
    let mut t = site();
    t.build_at(DURING, &[]).success();
    let ld = json_ld(&t.read(PAGE));
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert_eq!(ld["coverageStartTime"], "2024-02-17T09:00:00+02:00");
    assert_eq!(ld["coverageEndTime"], "2024-02-17T20:00:00+02:00");
    assert_eq!(ld["dateModified"], "2024-02-17T15:00:00+02:00");
    let ups = ld["liveBlogUpdate"].as_array().unwrap();
    let urls: Vec<&str> = ups.iter().map(|u| u["url"].as_str().unwrap()).collect();
    let base = "https://example.org/2024/02/avdiivka-live/#update-20240217-";
    assert_eq!(
        urls,
        ["1500", "1230-2", "1230", "1005"].map(|a| format!("{base}{a}"))
    );
    assert_eq!(ups[0]["headline"], "Evacuation");
    assert_eq!(ups[2]["headline"], "Second update, no title.");
    assert_eq!(ups[3]["articleBody"], "First update text.");
    assert!(
        ups.iter()
            .all(|u| u["@type"] == "BlogPosting" && u["datePublished"].is_string())
    );
    // The anchors in the JSON-LD are the page's.
    let page = t.read(PAGE);
    for u in &urls {
        let anchor = u.split('#').nth(1).unwrap();
        assert!(page.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
}

#[test]
fn the_live_feed_is_valid_with_one_entry_per_update_and_the_site_feed_shows_it_once() {
    let mut t = site();
    t.build_at(DURING, &[]).success();
    let feed_path = t.path("output/2024/02/avdiivka-live/atom.xml");
    crate::feeds::validate_atom(std::slice::from_ref(&feed_path)).unwrap();
    let feed = t.read("output/2024/02/avdiivka-live/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4);
    let ids: Vec<&str> = (entries.iter())
        .filter_map(|e| e.children().find(|c| c.has_tag_name("id"))?.text())
        .collect();
    assert_eq!(
        ids[0],
        "https://example.org/2024/02/avdiivka-live/#update-20240217-1500"
    );
    t.file_contains(
        PAGE,
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Live: Avdiivka: live updates\" href=\"../../../2024/02/avdiivka-live/atom.xml\">",
    );
    let site_feed = t.read("output/atom.xml");
    assert_eq!(
        site_feed.matches("<title>Live: Avdiivka</title>").count(),
        1
    );
    let entry = &site_feed[site_feed.find("<title>Live: Avdiivka</title>").unwrap()..];
    assert!(entry.contains("<updated>2024-02-17T15:00:00+02:00</updated>"));
    assert!(
        entry.contains("Fourth update text."),
        "the newest update is in the entry"
    );
    let city_feed = t.read("output/cities/avdiivka/atom.xml");
    assert_eq!(
        city_feed.matches("<title>Live: Avdiivka</title>").count(),
        1
    );
    let all = crate::feeds::files_named(&t.out(), "atom.xml");
    crate::feeds::validate_atom(&all).unwrap();
}

#[test]
fn an_update_beside_a_dispatch_that_is_not_live_is_an_error() {
    let mut t = SiteTest::empty();
    t.dispatch(
        "2024/plain/index.md",
        "Plain",
        "2024-02-17T09:00:00+02:00",
        "",
    );
    t.file(
        "content/2024/plain/note.md",
        "+++\ntime = 2024-02-17T10:00:00+02:00\n+++\n\nx\n",
    );
    t.build().failure().stderr_contains("content/2024/plain/note.md: error: this Markdown file sits in the folder of a dispatch that is not live");
    let mut t = site();
    t.file(
        &format!("{DIR}/updates/f.md"),
        "+++\ntime = 2024-02-17T11:00:00+02:00\nheadline = \"x\"\n+++\n\nx\n",
    );
    t.build()
        .failure()
        .stderr_contains("updates/f.md:3:1: error: unknown key `headline`");
}

#[test]
fn new_live_and_new_update_make_files_that_build() {
    let mut t = SiteTest::empty();
    let root = t.root().display().to_string();
    t.run(&[
        "new",
        "--root",
        &root,
        "--live",
        "Live: Kramatorsk station",
        "--city",
        "Kramatorsk",
    ])
    .success();
    let created = t.stdout().trim().trim_start_matches("Created ").to_string();
    assert!(
        created.ends_with("live-kramatorsk-station/index.md"),
        "{created}"
    );
    let text = std::fs::read_to_string(&created).unwrap();
    assert!(
        text.contains("live = true\n") && text.contains("cities = [\"Kramatorsk\"]"),
        "{text}"
    );
    let dir = Path::new(&created).parent().unwrap().display().to_string();
    t.run(&[
        "new",
        "--update",
        &dir,
        "Missiles hit the station",
        "--key",
        "--author",
        "Marco Rossi",
    ])
    .success();
    let update = PathBuf::from(t.stdout().trim().trim_start_matches("Created "));
    assert!(
        update.starts_with(Path::new(&dir).join("updates")),
        "{}",
        update.display()
    );
    let text = std::fs::read_to_string(&update).unwrap();
    assert!(
        text.starts_with("+++\ntime = ") && text.contains("key = true\n"),
        "{text}"
    );
    // The build's "now" is after both: they are stamped with the clock.
    t.build_at("2100-01-01T00:00:00Z", &[]).success();
    let mut t2 = SiteTest::empty();
    t2.dispatch("2024/x/index.md", "X", "2024-01-01", "");
    let x = t2.root().join("content/2024/x").display().to_string();
    t2.run(&["new", "--update", &x, "Nope"])
        .failure()
        .stderr_contains("is not live coverage; add `live = true`");
}

/// The live coverage of `t` without its end, previewed as `serve` does (serve runs at the
/// clock's "now": coverage without an end stays live), and the preview's options.
fn serving(t: &mut SiteTest) -> (dateline::serve::Preview, dateline::config::BuildOptions) {
    let index = t
        .read(&format!("{DIR}/index.md"))
        .replace("coverage_end = 2024-02-17T20:00:00+02:00\n", "");
    t.file(&format!("{DIR}/index.md"), &index);
    let opts = dateline::config::BuildOptions {
        root: t.root().to_path_buf(),
        ..Default::default()
    };
    let (preview, first) = dateline::serve::Preview::new(opts.clone());
    assert!(first.error.is_none(), "{:?}", first.error);
    (preview, opts)
}

#[test]
fn a_new_update_in_serve_equals_a_clean_build() {
    let mut t = site();
    let (mut preview, opts) = serving(&mut t);
    let steps = [
        (
            "updates/g.md",
            "time = 2024-02-18T08:00:00+02:00\ntitle = \"Morning\"",
            "A new update.",
        ),
        (
            "updates/g.md",
            "time = 2024-02-18T08:00:00+02:00\ntitle = \"Morning\"",
            "An edited update.",
        ),
        (
            "updates/h.md",
            "time = 2024-02-18T08:00:10+02:00\ncities = [\"Avdiivka\"]",
            "Same minute.",
        ),
        (
            "updates/i.md",
            "time = 2024-02-18T09:00:00+02:00\ncities = [\"Kyiv\"]",
            "A new city.",
        ),
    ];
    for (rel, front, body) in steps {
        t.file(
            &format!("{DIR}/{rel}"),
            &format!("+++\n{front}\n+++\n\n{body}\n"),
        );
        let r = preview.rebuild(&[t.root().join(DIR).join(rel)]);
        assert!(r.error.is_none(), "{rel}: {:?}", r.error);
        // Serve remakes the search index after a pause in the edits (the helper does it).
        crate::support::assert_serves_clean_build(&mut preview, &opts, rel);
        let page = String::from_utf8(
            preview
                .get("2024/02/avdiivka-live/index.html")
                .unwrap()
                .to_vec(),
        )
        .unwrap();
        assert!(page.contains(body), "{rel}");
    }
}

/// A new update whose page does not render (a template error half-way through the live fast
/// path) fails the rebuild and leaves the last good build served: the live page without it,
/// every file as a clean build of the files before it.
#[test]
fn a_broken_update_in_serve_keeps_the_last_good_build() {
    let mut t = site();
    t.file(
        "themes/default/templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{% for u in page.updates %}{% if \"BREAK\" in u.content %}{{ no_such.value }}{% endif %}{{ u.content }}{% endfor %}{{ page.content }}{% endblock main %}",
    );
    let (mut preview, opts) = serving(&mut t);
    let page = "2024/02/avdiivka-live/index.html";
    let before = preview.get(page).unwrap();
    let update = t.root().join(DIR).join("updates/z.md");
    t.file(
        &format!("{DIR}/updates/z.md"),
        "+++\ntime = 2024-02-18T08:00:00+02:00\ntitle = \"Morning\"\n+++\n\nBREAK in the morning.\n",
    );
    let r = preview.rebuild(std::slice::from_ref(&update));
    assert!(r.error.is_some(), "a template error must fail the rebuild");
    assert_eq!(
        preview.get(page).unwrap(),
        before,
        "the last good page is served"
    );
    std::fs::remove_file(&update).unwrap();
    crate::support::assert_serves_clean_build(&mut preview, &opts, "after the failed rebuild");
}
