//! The other commands: `new`, `init`, `--help`, and usage errors.

use std::path::PathBuf;

use crate::support::{SiteTest, broken_links, links};

/// Finds `content/<year>/<name>` (the year is today's, which the test does not know).
fn find_in_years(t: &SiteTest, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(t.path("content")).unwrap() {
        let dir = e.unwrap().path();
        let year = dir.file_name().unwrap().to_string_lossy().into_owned();
        if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && dir.join(name).is_file() {
            found.push(PathBuf::from(format!("content/{year}/{name}")));
        }
    }
    found
}

#[test]
fn new_dispatch_romanises_the_title_and_resolves_the_city() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    t.run(&[
        "new",
        "Бахмут під облогою",
        "--city",
        "Artemivsk",
        "--tag",
        "siege",
        "--root",
        &root,
    ])
    .success();
    let found = find_in_years(&t, "bakhmut-pid-oblohoiu.md");
    assert_eq!(
        found.len(),
        1,
        "expected one new file, found {found:?}\n{}",
        t.stdout()
    );
    let rel = found[0].to_string_lossy().into_owned();
    t.stdout_contains("bakhmut-pid-oblohoiu.md");
    t.file_contains(&rel, "title = \"Бахмут під облогою\"")
        .file_contains(&rel, "cities = [\"Bakhmut\"]")
        .file_contains(&rel, "tags = [\"siege\"]")
        .file_lacks(&rel, "Artemivsk")
        .file_lacks(&rel, "draft");

    // It builds and shows up on the city page.
    t.build().success().stdout_contains("Built 5 dispatches");
    t.file_contains("output/cities/bakhmut/index.html", "Бахмут під облогою");
    let (_, broken) = broken_links(&t.out());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn new_with_awkward_title_writes_valid_front_matter() {
    let mut t = SiteTest::fixture("no-config");
    let root = t.root().display().to_string();
    let title = r#"He said "hold" \ C:\path & <more> 'quotes'"#;
    t.run(&["new", title, "--author", "O'Brien \"Kit\"", "--root", &root])
        .success();
    assert_eq!(
        find_in_years(&t, "he-said-hold-c-path-more-quotes.md").len(),
        1,
        "{}",
        t.stdout()
    );
    t.build().success().stdout_contains("Built 2 dispatches");
    t.file_contains("output/index.html", "He said &quot;hold&quot;");
}

#[test]
fn new_refuses_to_overwrite() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    t.run(&["new", "Same title", "--root", &root]).success();
    let rel = find_in_years(&t, "same-title.md")[0]
        .to_string_lossy()
        .into_owned();
    t.file(
        &rel,
        "+++\ntitle = \"mine\"\ndate = 2023-01-01\n+++\nmy words\n",
    );
    // The same title again: a new file under a free name, never the old one overwritten.
    t.run(&["new", "Same title", "--root", &root])
        .success()
        .stderr_contains("this one is `same-title-2`");
    t.file_contains(&rel, "my words");
    assert_eq!(find_in_years(&t, "same-title-2.md").len(), 1);
}

#[test]
fn new_draft_is_not_published() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    t.run(&["new", "Work in progress", "--draft", "--root", &root])
        .success();
    let rel = find_in_years(&t, "work-in-progress.md")[0]
        .to_string_lossy()
        .into_owned();
    t.file_contains(&rel, "draft = true");
    t.build().success().stdout_contains("Built 4 dispatches");
}

#[test]
fn new_warns_about_unknown_cities() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    t.run(&[
        "new",
        "Somewhere",
        "--city",
        "Kharkov",
        "--city",
        "Bakhmutt",
        "--root",
        &root,
    ])
    .success();
    let rel = find_in_years(&t, "somewhere.md")[0]
        .to_string_lossy()
        .into_owned();
    // A known alias is normalised; a typo is kept as written, with a warning.
    t.file_contains(&rel, "\"Kharkiv\"")
        .file_contains(&rel, "\"Bakhmutt\"");
    t.stderr_contains("warning:").stderr_contains("Bakhmutt");
}

#[test]
fn init_creates_a_site_that_builds() {
    let mut t = SiteTest::empty();
    let dir = t.tmp().join("fresh");
    let d = dir.display().to_string();
    t.run(&["init", &d]).success();
    assert!(dir.join("config.toml").is_file());
    // No copies of the built-in templates (they would shadow its later fixes): a README.
    assert!(dir.join("themes/default/README.md").is_file());
    assert!(!dir.join("themes/default/templates/base.html").exists());
    t.run(&["build", "--root", &d, "--now", "2100-01-01T00:00:00Z"])
        .success()
        .stdout_contains("Built 1 dispatches");
    assert!(dir.join("output/index.html").is_file());
    assert!(dir.join("output/cities/kyiv/index.html").is_file());
    let home = std::fs::read_to_string(dir.join("output/index.html")).unwrap();
    assert!(
        links(&home)
            .iter()
            .any(|l| l.starts_with("style.") && l.ends_with(".css")),
        "no stylesheet link:\n{home}"
    );
    let (_, broken) = broken_links(&dir.join("output"));
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn init_refuses_an_existing_site() {
    let mut t = SiteTest::fixture("basic");
    let before = t.snapshot_of_root();
    let root = t.root().display().to_string();
    t.run(&["init", &root])
        .failure()
        .stderr_contains("already holds a site");
    assert!(before == t.snapshot_of_root());
}

#[test]
fn bad_now_is_a_usage_error() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    t.run(&["build", "--root", &root, "--now", "next tuesday"])
        .failure()
        .stderr_contains("--now");
    t.file_missing("output");
}

#[test]
fn unknown_flag_exits_with_2() {
    let mut t = SiteTest::fixture("basic");
    t.run(&["build", "--frobnicate"]);
    assert_eq!(t.last().code, Some(2), "{}", t.stderr());
}

fn help(args: &[&str], flags: &[&str]) -> String {
    let mut t = SiteTest::empty();
    t.run(args).success();
    for f in flags {
        t.stdout_contains(f);
    }
    t.stdout().to_string()
}

#[test]
fn help_top_level() {
    let out = help(
        &["--help"],
        &["build", "new", "check", "init", "--help", "--version"],
    );
    insta::assert_snapshot!("help_top_level", out);
}

#[test]
fn help_build() {
    let out = help(
        &["build", "--help"],
        &[
            "--root",
            "--output",
            "--drafts",
            "--base-url",
            "--now",
            "--timings",
        ],
    );
    insta::assert_snapshot!("help_build", out);
}

#[test]
fn help_new() {
    let out = help(
        &["new", "--help"],
        &[
            "--city",
            "--tag",
            "--author",
            "--draft",
            "--root",
            "[TITLE]",
            "--lang",
            "--translate",
        ],
    );
    insta::assert_snapshot!("help_new", out);
}

#[test]
fn help_check() {
    let out = help(
        &["check", "--help"],
        &["--root", "--drafts", "--external", "--now"],
    );
    insta::assert_snapshot!("help_check", out);
}

#[test]
fn check_passes_on_the_fixture_and_writes_nothing() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    let before = t.snapshot_of_root();
    t.run(&["check", "--root", &root, "--now", crate::support::NOW])
        .success()
        .stdout_contains("0 broken");
    assert!(before == t.snapshot_of_root(), "check changed the site");
}

#[test]
fn help_init() {
    let out = help(&["init", "--help"], &["<DIR>"]);
    insta::assert_snapshot!("help_init", out);
}

#[test]
fn help_subcommand_form_matches_flag_form() {
    let a = help(&["help", "build"], &["--root"]);
    let b = help(&["build", "--help"], &["--root"]);
    assert_eq!(a, b);
}
