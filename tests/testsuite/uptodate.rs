//! The up-to-date check: a rebuild with nothing changed loads and renders nothing and writes
//! nothing, and any change to an input (or to the output folder, or the passing of an
//! embargo or news-sitemap moment) brings back the full build.

use crate::support::{SiteTest, age_files, mtimes};

const UP_TO_DATE: &str = "nothing changed since the last build";

fn unknown_city_site() -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2024/far-away.md",
        "Far away",
        "2024-01-20T10:00:00+02:00",
        "cities = [\"Atlantis\"]",
    );
    t
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing_and_still_reports() {
    let mut t = unknown_city_site();
    t.build()
        .success()
        .stderr_contains("unknown city `Atlantis`");
    let first = t.counts();
    assert!(!t.stdout().contains(UP_TO_DATE), "{}", t.stdout());
    let old = age_files(&t.out());

    t.build()
        .success()
        .stdout_contains(UP_TO_DATE)
        .stderr_contains("unknown city `Atlantis`");
    let c = t.counts();
    assert_eq!(
        (c.written, c.unchanged),
        (0, first.written),
        "{}",
        t.stdout()
    );
    let touched: Vec<_> = mtimes(&t.out())
        .into_iter()
        .filter(|(_, m)| *m != old)
        .collect();
    assert!(touched.is_empty(), "{touched:?}");
}

#[test]
fn every_kind_of_input_change_rebuilds() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    type Edit = fn(&mut SiteTest);
    let edits: [(&str, Edit); 9] = [
        ("a dispatch", |t| {
            let p = "content/2023/chasiv-yar-shelling.md";
            let text = t.read(p).replace("is cratered", "is cratered again");
            t.file(p, &text);
        }),
        ("a new dispatch", |t| {
            t.dispatch("2024/new.md", "New one", "2024-02-02T10:00:00+02:00", "");
        }),
        ("config.toml", |t| {
            let text = t.read("config.toml") + "\nfeed_limit = 3\n";
            t.file("config.toml", &text);
        }),
        ("cities.toml", |t| {
            t.file(
                "cities.toml",
                "[[city]]\nname = \"Bakhmut\"\naliases = [\"Bakhmoot\"]\n",
            );
        }),
        ("a static file", |t| {
            t.file("static/robots-extra.txt", "hello");
        }),
        ("the theme setting", |t| {
            t.file(
                "themes/default/templates/404.html",
                "{% extends \"base.html\" %}{% block main %}<p>Gone.</p>{% endblock main %}",
            );
            let text = t.read("config.toml") + "\ntheme = \"default\"\n";
            t.file("config.toml", &text);
        }),
        ("a theme template alone", |t| {
            t.file(
                "themes/default/templates/404.html",
                "{% extends \"base.html\" %}{% block main %}<p>Gone!</p>{% endblock main %}",
            );
        }),
        ("a removed dispatch", |t| {
            t.remove("content/2024/new.md");
        }),
        ("a photo", |t| {
            t.file_bytes("content/2023/photo.png", b"not really a png");
        }),
    ];
    for (what, edit) in edits {
        edit(&mut t);
        t.build();
        assert!(
            !t.stdout().contains(UP_TO_DATE),
            "after changing {what}: {}\n{}",
            t.stdout(),
            t.stderr()
        );
        // And the build after that has nothing to do again (if this one succeeded).
        if t.last().code == Some(0) {
            t.build().success().stdout_contains(UP_TO_DATE);
        }
    }
}

#[test]
fn a_changed_flag_or_a_damaged_output_folder_rebuilds() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.build_with(&["--drafts"]).success();
    assert!(!t.stdout().contains(UP_TO_DATE), "{}", t.stdout());
    t.build_with(&["--drafts"])
        .success()
        .stdout_contains(UP_TO_DATE);

    let page = "output/2023/03/chasiv-yar-shelling/index.html";
    let good = t.read(page);
    t.remove(page);
    t.build_with(&["--drafts"]).success();
    assert!(!t.stdout().contains(UP_TO_DATE), "{}", t.stdout());
    assert_eq!(t.read(page), good, "the deleted page is back");
}

#[test]
fn an_embargo_lifting_or_the_news_window_moving_rebuilds() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2024/held.md",
        "Held back",
        "2024-03-01T12:00:00+02:00",
        "publish_after = 2024-03-01T18:00:00+02:00",
    );
    t.build_at("2024-03-01T15:00:00Z", &[]).success();
    t.build_at("2024-03-01T15:30:00Z", &[])
        .success()
        .stdout_contains(UP_TO_DATE)
        .stderr_contains("embargoed: content/2024/held.md");
    // 16:00Z is 18:00+02:00: the embargo lifts.
    t.build_at("2024-03-01T16:00:01Z", &[]).success();
    assert!(!t.stdout().contains(UP_TO_DATE), "{}", t.stdout());
    t.file_contains("output/index.html", "Held back");
    t.file_contains("output/news-sitemap.xml", "Held back");
    // Two days after its date the dispatch leaves the news sitemap.
    t.build_at("2024-03-03T09:00:00Z", &[])
        .success()
        .stdout_contains(UP_TO_DATE);
    t.build_at("2024-03-03T10:00:01Z", &[]).success();
    assert!(!t.stdout().contains(UP_TO_DATE), "{}", t.stdout());
    t.file_lacks("output/news-sitemap.xml", "Held back");
}

#[test]
fn a_build_for_an_earlier_moment_is_not_taken_for_the_last_one() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2024/held.md",
        "Held back",
        "2024-03-01T12:00:00+02:00",
        "publish_after = 2024-03-01T18:00:00+02:00",
    );
    t.build_at("2024-03-02T12:00:00Z", &[]).success();
    t.file_contains("output/index.html", "Held back");
    // `--now` before the embargo: the same inputs build a site without the dispatch.
    t.build_at("2024-03-01T15:00:00Z", &[]).success();
    assert!(!t.stdout().contains(UP_TO_DATE), "{}", t.stdout());
    t.file_lacks("output/index.html", "Held back");
}
