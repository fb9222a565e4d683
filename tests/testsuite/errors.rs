//! Failing builds: located messages, every problem reported at once, nothing written.

use crate::support::{SiteTest, mtimes};

/// A dispatch whose front matter breaks on line 5 (`draft = maybe`).
const BROKEN_LINE_5: &str =
    "+++\ntitle = \"Broken\"\ndate = 2023-01-01\nauthors = [\"A\"]\ndraft = maybe\n+++\n\nBody.\n";

#[test]
fn broken_front_matter_names_file_and_line() {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2023/broken.md", BROKEN_LINE_5);
    t.build()
        .failure()
        .stderr_contains("content/2023/broken.md:5:");
    assert_eq!(
        t.last().code,
        Some(1),
        "content errors exit with 1\n{}",
        t.stderr()
    );
    t.stderr_contains("1 error in 1 file");
}

#[test]
fn broken_build_leaves_output_untouched() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = t.snapshot_of_output_dir();
    let times = mtimes(&t.out());
    assert!(before.len() > 20);

    // Break an existing dispatch and add a new one: neither may reach the output.
    t.file("content/2024/bakhmut-ruins.md", BROKEN_LINE_5);
    t.dispatch(
        "2023/new-and-fine.md",
        "New and fine",
        "2023-05-01T10:00:00+03:00",
        "",
    );
    t.build()
        .failure()
        .stderr_contains("content/2024/bakhmut-ruins.md:5:");

    let after = t.snapshot_of_output_dir();
    assert!(
        before == after,
        "output changed:\n{}",
        crate::support::diff_trees(&before, &after)
    );
    assert_eq!(times, mtimes(&t.out()), "a failed build rewrote files");
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2023/one.md", BROKEN_LINE_5)
        .file(
            "content/2023/two.md",
            "+++\ntitle = \"Two\"\ndate = \"yesterday\"\n+++\n",
        )
        .file(
            "content/2024/three.md",
            "+++\ntitle = \"Three\"\n\ndate = 2024-01-01\ncitys = [\"Kyiv\"]\n+++\n",
        )
        .file("content/2024/four.md", "# no front matter\n");
    t.build().failure();
    t.stderr_contains("content/2023/one.md:5:")
        .stderr_contains("content/2023/two.md:3:")
        .stderr_contains("content/2024/three.md:5:")
        .stderr_contains("content/2024/four.md:1:")
        .stderr_contains("4 errors in 4 files");
    // The summary is the last line.
    let last = t
        .stderr()
        .trim_end()
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        last.starts_with("4 errors in 4 files"),
        "last line: {last:?}"
    );
}

#[test]
fn errors_in_one_file_are_counted_per_file() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "strict_cities = true\n");
    t.dispatch(
        "2023/nowhere.md",
        "Nowhere",
        "2023-05-01T10:00:00+03:00",
        "cities = [\"Atlantis\", \"Xanadu\"]",
    );
    t.build().failure();
    t.stderr_contains("content/2023/nowhere.md:4:")
        .stderr_contains("unknown city `Atlantis`")
        .stderr_contains("unknown city `Xanadu`")
        .stderr_contains("2 errors in 1 file");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/typo.md",
        "+++\ntitle = \"Typo\"\ndate = 2023-01-01\n\ncitys = [\"Kyiv\"]\n+++\nBody.\n",
    );
    t.build().failure().stderr_contains(
        "content/2023/typo.md:5:1: error: unknown key `citys`; did you mean `cities`?",
    );
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "title = \"x\"\n# comment\npaginat = 5\n");
    t.build()
        .failure()
        .stderr_contains("config.toml:3:1: error: unknown key `paginat`; did you mean `paginate`?");
}

#[test]
fn broken_config_syntax_names_line() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = t.snapshot_of_output_dir();
    t.file(
        "config.toml",
        "title = \"x\"\nbase_url = \"https://a.example\npaginate = 3\n",
    );
    t.build().failure().stderr_contains("config.toml:2:");
    assert!(before == t.snapshot_of_output_dir());
}

#[test]
fn missing_theme_is_a_config_error() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "theme = \"nonesuch\"\n");
    t.build()
        .failure()
        .stderr_contains("config.toml")
        .stderr_contains("themes/nonesuch/");
}

#[test]
fn template_errors_name_the_template_line_and_the_dispatch() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = t.snapshot_of_output_dir();
    t.file("config.toml", "theme = \"custom\"\n");
    t.file("themes/custom/templates/article.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }}</h1>\n{% if %}\n{% endblock main %}\n");
    t.build()
        .failure()
        .stderr_contains("themes/custom/templates/article.html:4:");
    assert!(
        before == t.snapshot_of_output_dir(),
        "a template syntax error changed the output"
    );

    t.file("themes/custom/templates/article.html", "{% extends \"base.html\" %}\n{% block main %}\n\n{{ page.nosuch.deeper }}\n{% endblock main %}\n");
    t.build()
        .failure()
        .stderr_contains("themes/custom/templates/article.html:4:")
        .stderr_contains(
            "(rendering content/2022/kyiv-blackouts.md and 3 other pages: 4 pages affected)",
        )
        .stderr_contains("in `{{ page.nosuch.deeper }}`")
        .stderr_contains("nosuch");
    assert!(
        before == t.snapshot_of_output_dir(),
        "a template render error changed the output"
    );
}

#[test]
fn crlf_and_bom_keep_line_numbers() {
    let mut t = SiteTest::fixture("basic");
    let text = format!("\u{feff}{}", BROKEN_LINE_5.replace('\n', "\r\n"));
    t.file("content/2023/windows.md", &text);
    t.build()
        .failure()
        .stderr_contains("content/2023/windows.md:5:");
}

#[test]
fn duplicate_url_names_both_files() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2023/first.md",
        "First",
        "2023-06-01T10:00:00+03:00",
        "slug = \"same-story\"",
    )
    .dispatch(
        "2023/deep/second.md",
        "Second",
        "2023-06-20T10:00:00+03:00",
        "slug = \"same-story\"",
    );
    t.build()
        .failure()
        .stderr_contains("/2023/06/same-story/")
        .stderr_contains("content/2023/first.md")
        .stderr_contains("content/2023/deep/second.md");
    t.file_missing("output/index.html");
}

#[test]
fn same_slug_in_different_months_is_fine() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch(
        "2023/first.md",
        "First",
        "2023-06-01T10:00:00+03:00",
        "slug = \"same-story\"",
    )
    .dispatch(
        "2023/second.md",
        "Second",
        "2023-07-01T10:00:00+03:00",
        "slug = \"same-story\"",
    );
    t.build().success();
    t.file_contains("output/2023/06/same-story/index.html", "First")
        .file_contains("output/2023/07/same-story/index.html", "Second");
}

#[test]
fn slug_claiming_a_built_in_page_is_refused() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "permalink = \"/{slug}/\"\n");
    t.dispatch("2023/cities.md", "Cities", "2023-06-01T10:00:00+03:00", "");
    t.build()
        .failure()
        .stderr_contains("content/2023/cities.md");
}

#[test]
fn broken_front_matter_stderr_snapshot() {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2023/broken.md", BROKEN_LINE_5)
        .file(
            "content/2023/typo.md",
            "+++\ntitle = \"Typo\"\ndate = 2023-01-01\ncitys = [\"Kyiv\"]\n+++\n",
        )
        .file(
            "content/2024/unclosed.md",
            "+++\ntitle = \"Unclosed\"\ndate = 2024-01-01\n",
        );
    t.build().failure();
    insta::assert_snapshot!("broken_front_matter_stderr", t.stderr_normalized());
}
