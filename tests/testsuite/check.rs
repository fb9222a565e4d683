//! `dateline check` reports per source file: each broken link once, at the `file:line:col`
//! it is written at (a dispatch, its translation, a live update, a standalone page, a
//! template), with the built pages it is on; the build's warning for the same link is not
//! repeated.

use crate::support::{NOW, SiteTest};

/// The `basic` fixture with a Ukrainian edition.
fn two_languages() -> SiteTest {
    let mut site = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.file(
        "config.toml",
        &format!("{config}\n[languages.uk]\ntitle = \"Редакція\"\n"),
    );
    site
}

/// Runs `check` on `site`, expecting it to fail; returns its standard output.
fn check_fails(site: &mut SiteTest) -> String {
    let root = site.root().display().to_string();
    site.run(&["check", "--root", &root, "--now", NOW])
        .failure();
    site.stdout().to_string()
}

/// The lines of `out` that start with `prefix`.
fn lines_at<'a>(out: &'a str, prefix: &str) -> Vec<&'a str> {
    out.lines().filter(|l| l.starts_with(prefix)).collect()
}

const LINKS: &str = "+++\ntitle = \"Links\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nSee [nowhere](../../../no-such-page/) and [a section](../../../2023/02/bakhmut-encirclement/#no-such-anchor).\n";

#[test]
fn a_broken_link_is_reported_once_at_its_source_line() {
    let mut site = two_languages();
    site.file("content/2024/links.md", LINKS);
    site.file(
        "content/2024/links.uk.md",
        "+++\ntitle = \"Посилання\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nДив. [нікуди](../../../no-such-page/).\n",
    );
    let out = check_fails(&mut site);
    // On the page, its text-only edition, the front page, the city and the month: one line.
    let en = lines_at(
        &out,
        "content/2024/links.md:7:5: error: link to `../../../no-such-page/` points nowhere: nothing is published at `/no-such-page/`",
    );
    assert_eq!(en.len(), 1, "{out}");
    assert!(
        en[0].contains("(on /2024/03/links/ and 4 other pages: "),
        "{out}"
    );
    let anchor = lines_at(
        &out,
        "content/2024/links.md:7:43: error: link to `../../../2023/02/bakhmut-encirclement/#no-such-anchor`: `/2023/02/bakhmut-encirclement/` has no element with id `no-such-anchor`",
    );
    assert_eq!(anchor.len(), 1, "{out}");
    // The translation is another file, with its own line.
    let uk = lines_at(
        &out,
        "content/2024/links.uk.md:7:6: error: link to `../../../no-such-page/`",
    );
    assert_eq!(uk.len(), 1, "{out}");
    assert!(
        uk[0].contains("(on /uk/2024/03/links/ and 4 other pages"),
        "{out}"
    );
    // Nothing reported per built page, and the summary counts problems, then references.
    assert!(!out.lines().any(|l| l.starts_with('/')), "{out}");
    assert!(
        out.contains("3 broken (in 2 files; 15 links on 10 pages)"),
        "{out}"
    );
    insta::assert_snapshot!("check_two_languages_stdout", out);
}

#[test]
fn every_problem_is_traced_to_the_file_that_writes_it() {
    let mut site = SiteTest::fixture("basic");
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    let (line, col) = base
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("<main").map(|c| (i + 1, c + 1)))
        .expect("base.html has <main");
    site.file(
        "themes/default/templates/base.html",
        &base.replacen(
            "<main",
            "<a href=\"{{ root }}contact/\">Contact</a><main",
            1,
        ),
    );
    site.file(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\n\nWrite to [the desk](/tips/).\n",
    );
    site.file(
        "content/2024/live-day/index.md",
        "+++\ntitle = \"Live: a day\"\ndate = 2024-04-01T09:00:00+03:00\nlive = true\ncoverage_end = 2024-04-01T22:00:00+03:00\ncities = [\"Kyiv\"]\n+++\n\nThe intro.\n",
    );
    site.file(
        "content/2024/live-day/updates/1000.md",
        "+++\ntime = 2024-04-01T10:00:00+03:00\ntitle = \"First\"\n+++\n\nAs [reported](../../../gone/), and <a href=\"#nowhere\">here</a>.\n",
    );
    site.file(
        "content/2024/md-link.md",
        "+++\ntitle = \"Editor link\"\ndate = 2024-03-02T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nEarlier: [Chasiv Yar](../2023/chasiv-yar-shelling.md).\n",
    );
    let out = check_fails(&mut site);
    let template = format!(
        "themes/default/templates/base.html:{line}:{}: error: link to `contact/` points nowhere",
        col + "<a href=\"{{ root }}".len()
    );
    for start in [
        template.as_str(),
        "content/pages/about.md:5:10: error: link to `/tips/` points nowhere",
        "content/2024/live-day/updates/1000.md:6:4: error: link to `../../../gone/` points nowhere",
        "content/2024/live-day/updates/1000.md:6:39: error: link to `#nowhere`",
        "content/2024/md-link.md:7:10: error: link to `../2023/chasiv-yar-shelling.md` works only in an editor",
    ] {
        assert_eq!(lines_at(&out, start).len(), 1, "{start}\n{out}");
    }
    // The template's link is on every page made with it: reported once.
    assert_eq!(out.matches("`contact/`").count(), 1, "{out}");
    // The build's warning for the Markdown link became the check's error, said once.
    assert!(
        out.contains("write it `@/2023/chasiv-yar-shelling.md`"),
        "{out}"
    );
    let err = site.stderr();
    assert!(!err.contains("chasiv-yar-shelling.md"), "{err}");
}

#[test]
fn a_typo_in_a_link_gets_the_page_and_its_source_path() {
    let mut site = SiteTest::fixture("basic");
    site.file(
        "content/2024/typo.md",
        "+++\ntitle = \"Typo\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nAs [reported](../../../2023/02/bakhmut-encirclment/).\n",
    );
    let out = check_fails(&mut site);
    assert!(
        out.contains("did you mean `/2023/02/bakhmut-encirclement/`, by its source file `@/2023/bakhmut-encirclement/index.md`?"),
        "{out}"
    );
}

#[test]
fn a_menu_entry_and_a_static_page_are_reported_where_written() {
    let mut site = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    let menu = "\n[[menu]]\nname = \"Latest\"\nurl = \"/\"\n\n[[menu]]\nname = \"Tips\"\nurl = \"/tips/\"\n";
    let line = config.lines().count() + menu.lines().count();
    site.file("config.toml", &format!("{config}{menu}"));
    site.file(
        "static/extra/page.html",
        "<html><body><a href=\"../missing.html\">x</a></body></html>\n",
    );
    let out = check_fails(&mut site);
    let at_menu = format!("config.toml:{line}:8: error: link to `/tips/` points nowhere");
    assert_eq!(lines_at(&out, &at_menu).len(), 1, "{out}");
    let at_static = "static/extra/page.html:1:22: error: link to `../missing.html` points nowhere: nothing is published at `/missing.html` (on /extra/page.html)";
    assert_eq!(lines_at(&out, at_static).len(), 1, "{out}");
}
