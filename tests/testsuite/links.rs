//! Internal links that point nowhere (#24): the build itself warns at the link's
//! `file:line:col`, once per link as written (not per edition or language), with the closest
//! published page; the build still succeeds. Root-relative links written in a body follow a
//! sub-path `base_url` and stay in their language on every edition of a page.

use crate::support::{NOW, SiteTest};

/// A dispatch whose body links, from line 7 on, to nothing (five ways) and to what exists.
const LINKS: &str = "+++\ntitle = \"Links\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nSee [gone](../../../no-such-page/), [next year](/2026/12/nope/) and [a city](/cities/nowhere/#a).\nA typo: [Bakhmut](/2023/02/bakhmut-encirclment/).\n\n<p>Raw: <a href=\"/raw/nowhere/\">x</a></p>\n\n![A map](/maps/front.png)\n\nFine: [cities](/cities/), [feed](/atom.xml), [Kyiv](../../../2022/11/kyiv-blackouts/), [top](#top), [by source](@/2022/kyiv-blackouts.md), [site](https://example.com/x/).\n";

/// The `basic` fixture with the dispatch above and a standalone page linking nowhere.
fn site() -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2024/links.md", LINKS);
    t.file(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\n\nOur [archive](/archiv/) and [home](/).\n",
    );
    t
}

/// The lines of `text` that name `file`.
fn lines_of<'a>(text: &'a str, file: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(file)).collect()
}

#[test]
fn links_to_nothing_are_build_warnings_at_their_line() {
    let mut t = site();
    t.build().success();
    let err = t.stderr().to_string();
    let mut lines = lines_of(&err, "content/2024/links.md");
    lines.extend(lines_of(&err, "content/pages/about.md"));
    insta::assert_snapshot!("links_to_nothing_warnings", lines.join("\n"));
    // Once each, though the page, its text-only edition and four lists show the link.
    for link in [
        "no-such-page",
        "/2026/12/nope/",
        "cities/nowhere",
        "raw/nowhere",
    ] {
        assert_eq!(lines_of(&err, link).len(), 1, "{link}: {err}");
    }
    // What exists is not warned about.
    for fine in [
        "/cities/`",
        "atom.xml",
        "kyiv-blackouts/`",
        "#top",
        "example.com",
    ] {
        assert!(!err.contains(fine), "{fine}: {err}");
    }
    // The site is built all the same.
    assert!(t.stdout().contains("Built 5 dispatches"), "{}", t.stdout());
    assert!(t.exists("output/2024/03/links/index.html"));
}

#[test]
fn a_live_update_and_a_translation_warn_for_their_own_lines() {
    let mut t = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(t.path("config.toml")).unwrap();
    t.file(
        "config.toml",
        &format!("{config}\n[languages.uk]\ntitle = \"Редакція\"\n"),
    );
    t.file("content/2024/links.md", LINKS);
    t.file(
        "content/2024/links.uk.md",
        "+++\ntitle = \"Посилання\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nДив. [місто](/cities/) і [нікуди](/2026/12/nope/).\n",
    );
    t.file(
        "content/2024/live/index.md",
        "+++\ntitle = \"Live\"\ndate = 2024-03-02T09:00:00+02:00\ncities = [\"Kyiv\"]\nlive = true\n+++\n\nIntro.\n",
    );
    t.file(
        "content/2024/live/a.md",
        "+++\ntime = 2024-03-02T10:00:00+02:00\n+++\n\nSee [the map](/maps/live/).\n",
    );
    t.build().success();
    let err = t.stderr().to_string();
    // The translation's link is its own, resolved in its edition (`/cities/` is there).
    let uk = lines_of(&err, "content/2024/links.uk.md");
    assert_eq!(
        uk,
        [
            "content/2024/links.uk.md:7:26: warning: link to `/2026/12/nope/` points nowhere: nothing is published at `/uk/2026/12/nope/`; link a dispatch or page by its source file (`@/2023/x.md`) and the build checks the link"
        ],
        "{err}"
    );
    assert_eq!(lines_of(&err, "content/2024/links.md:7:").len(), 3, "{err}");
    assert!(
        err.contains("content/2024/live/a.md:5:5: warning: link to `/maps/live/` points nowhere"),
        "{err}"
    );
}

/// A root-relative link goes to the root of its edition under a sub-path `base_url`, on the
/// page and its text-only edition alike; `dateline check` finds nothing broken.
#[test]
fn root_relative_links_follow_the_base_path_and_the_language() {
    let mut t = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(t.path("config.toml")).unwrap();
    let config = config.replace(
        "https://dateline.example.org",
        "https://dateline.example.org/sub/",
    );
    t.file(
        "config.toml",
        &format!("{config}\n[languages.uk]\ntitle = \"Редакція\"\n"),
    );
    let body = "See [Kyiv](/2022/11/kyiv-blackouts/) and ![map](/map.png), <a href=\"/cities/\">cities</a>.\n";
    t.file("static/map.png", "png");
    t.file(
        "content/2024/links.md",
        &format!("+++\ntitle = \"Links\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\n{body}"),
    );
    t.file(
        "content/2024/links.uk.md",
        "+++\ntitle = \"Посилання\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nДив. [міста](/cities/).\n",
    );
    t.build().success().stderr_lacks("points nowhere");
    let page = t.read("output/2024/03/links/index.html");
    assert!(
        page.contains("href=\"../../../2022/11/kyiv-blackouts/\""),
        "{page}"
    );
    assert!(page.contains("src=\"../../../map.png\""), "{page}");
    assert!(page.contains("href=\"../../../cities/\""), "{page}");
    let lite = t.read("output/lite/2024/03/links/index.html");
    assert!(
        lite.contains("href=\"../../../../2024/03/links/../../../2022/11/kyiv-blackouts/\""),
        "{lite}"
    );
    // In the Ukrainian edition, `/cities/` is its own city list, on both of its pages.
    let uk = t.read("output/uk/2024/03/links/index.html");
    assert!(uk.contains("href=\"../../../cities/\""), "{uk}");
    let uk_lite = t.read("output/uk/lite/2024/03/links/index.html");
    assert!(
        uk_lite.contains("href=\"../../../../2024/03/links/../../../cities/\""),
        "{uk_lite}"
    );
    // (The 404 pages link by absolute paths under `/sub/`, which this walk does not know.)
    let (checked, broken) = crate::support::broken_links(&t.out());
    let ours: Vec<&String> = broken.iter().filter(|b| b.contains("links/")).collect();
    assert!(checked > 0 && ours.is_empty(), "{ours:#?}");
    let root = t.root().display().to_string();
    t.run(&["check", "--root", &root, "--now", NOW]).success();
}

/// `dateline check` prints the build's warnings of every language, each once; a link that
/// points nowhere is told once, as a problem.
#[test]
fn check_prints_every_languages_warnings_once() {
    let mut t = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(t.path("config.toml")).unwrap();
    t.file(
        "config.toml",
        &format!("{config}\n[languages.uk]\ntitle = \"Редакція\"\n"),
    );
    t.file(
        "content/2024/odd.uk.md",
        "+++\ntitle = \"Дивне\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Zzyzxville\"]\n+++\n\nДив. [нікуди](/nope/).\n",
    );
    let root = t.root().display().to_string();
    t.run(&["check", "--root", &root, "--now", NOW]).failure();
    let err = t.stderr().to_string();
    assert_eq!(err.matches("Zzyzxville").count(), 1, "{err}");
    let out = t.stdout().to_string();
    assert!(
        out.contains("content/2024/odd.uk.md:7:6: error: link to `/nope/` points nowhere: nothing is published at `/uk/nope/`"),
        "{out}"
    );
    assert!(!err.contains("/nope/"), "{err}");
}
