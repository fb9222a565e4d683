//! Hostile and broken input: every case gets a message naming the file (and line where there
//! is one), a non-zero exit and an untouched output folder, or builds when it should.
//!
//! Each failing case first builds the good `basic` fixture, snapshots the output folder (bytes
//! and modification times), breaks the site, rebuilds and compares. Cases that could hang (a
//! FIFO, template cycles) run the binary under a watchdog, so a hang fails instead of stalling.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{NOW, SiteTest, diff_trees, mtimes};

/// The output folder's bytes and modification times.
pub(crate) type Snapshot = (BTreeMap<PathBuf, Vec<u8>>, BTreeMap<PathBuf, SystemTime>);

pub(crate) fn snapshot(t: &SiteTest) -> Snapshot {
    (t.snapshot_of_output_dir(), mtimes(&t.out()))
}

pub(crate) fn assert_untouched(t: &SiteTest, before: &Snapshot) {
    let after = snapshot(t);
    assert!(
        before.0 == after.0,
        "a failed build changed the output:\n{}\n{}",
        diff_trees(&before.0, &after.0),
        t.stderr()
    );
    assert!(before.1 == after.1, "a failed build rewrote output files");
}

/// The basic fixture, built once successfully, and a snapshot of its output.
pub(crate) fn built() -> (SiteTest, Snapshot) {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let s = snapshot(&t);
    assert!(s.0.len() > 20);
    (t, s)
}

/// Rebuilds and asserts: exit code 1, every needle in stderr, output untouched.
pub(crate) fn assert_refused(t: &mut SiteTest, before: &Snapshot, needles: &[&str]) {
    t.build().failure();
    assert_eq!(t.last().code, Some(1), "{}", t.stderr());
    for n in needles {
        t.stderr_contains(n);
    }
    t.stderr_contains("nothing was written");
    assert_untouched(t, before);
}

/// Runs `dateline build` on `t` with a watchdog; kills it and fails the test after `limit`.
pub(crate) fn build_with_watchdog(t: &SiteTest, limit: Duration) -> (Option<i32>, String) {
    let root = t.root().display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["build", "--root", &root, "--now", NOW])
        .current_dir(t.tmp())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dateline");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            let out = child.wait_with_output().expect("output");
            return (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dateline build hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub(crate) const DISPATCH: &str = "+++\ntitle = \"Night in Kyiv\"\ndate = 2023-05-01T10:00:00+03:00\ncities = [\"Kyiv\"]\n+++\n\nSirens at midnight.\n\n## Later\n\n- one\n- two\n";

#[test]
fn invalid_utf8_names_file_and_line() {
    let (mut t, before) = built();
    // Latin-1 "café" on line 6.
    t.file_bytes(
        "content/2023/latin1.md",
        b"+++\ntitle = \"Cafe\"\ndate = 2023-05-01\n+++\n\nA caf\xe9 on the square.\n",
    );
    assert_refused(
        &mut t,
        &before,
        &["content/2023/latin1.md:6", "not valid UTF-8"],
    );
}

#[test]
fn bom_builds() {
    let mut t = SiteTest::fixture("basic");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(DISPATCH.as_bytes());
    t.file_bytes("content/2023/bom.md", &bytes);
    let mut crlf = b"\xef\xbb\xbf".to_vec();
    crlf.extend_from_slice(
        DISPATCH
            .replace("Night", "Dawn")
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    t.file_bytes("content/2023/bom-crlf.md", &crlf);
    t.build().success();
    t.file_contains("output/2023/05/bom/index.html", "<h1>Night in Kyiv</h1>")
        .file_contains(
            "output/2023/05/bom-crlf/index.html",
            "<h1>Dawn in Kyiv</h1>",
        )
        .file_lacks("output/2023/05/bom/index.html", "\u{feff}");
}

#[test]
fn crlf_line_endings_build() {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2023/crlf.md", &DISPATCH.replace('\n', "\r\n"));
    t.build().success();
    let page = "output/2023/05/crlf/index.html";
    t.file_contains(page, "<h1>Night in Kyiv</h1>")
        .file_contains(page, "<li>two</li>")
        .file_contains(page, "id=\"later\"")
        .file_lacks(page, "\r");
}

#[test]
fn empty_file_is_named() {
    for text in ["", "\n\n   \n"] {
        let (mut t, before) = built();
        t.file("content/2023/empty.md", text);
        assert_refused(&mut t, &before, &["content/2023/empty.md", "empty"]);
    }
}

#[test]
fn missing_front_matter_is_named() {
    for text in [
        "# Just a heading\n\nSome text.\n",
        "---\ntitle: YAML\n---\nbody\n",
    ] {
        let (mut t, before) = built();
        t.file("content/2023/bare.md", text);
        assert_refused(
            &mut t,
            &before,
            &["content/2023/bare.md:1:1", "first line must be `+++`"],
        );
    }
}

#[test]
fn unterminated_front_matter_is_named() {
    let (mut t, before) = built();
    t.file(
        "content/2023/open.md",
        "+++\ntitle = \"Open\"\ndate = 2023-05-01\n\nBody that never closes the block.\n",
    );
    assert_refused(
        &mut t,
        &before,
        &["content/2023/open.md:1:1", "never closed"],
    );
}

#[test]
fn wrong_types_name_file_and_line() {
    let (mut t, before) = built();
    t.file(
        "content/2023/a.md",
        "+++\ntitle = \"A\"\ndate = \"yesterday\"\n+++\n",
    )
    .file(
        "content/2023/b.md",
        "+++\ntitle = \"B\"\ndate = 2023-05-01\ndraft = \"yes\"\n+++\n",
    )
    .file(
        "content/2023/c.md",
        "+++\ntitle = \"C\"\ndate = 2023-05-01\n\ncities = \"Kyiv\"\n+++\n",
    )
    .file(
        "content/2023/d.md",
        "+++\ntitle = 5\ndate = 2023-05-01\n+++\n",
    )
    .file(
        "content/2023/e.md",
        "+++\ntitle = \"E\"\ndate = 2023-02-30\n+++\n",
    );
    assert_refused(
        &mut t,
        &before,
        &[
            "content/2023/a.md:3:",
            "write dates without quotes",
            "content/2023/b.md:4:",
            "content/2023/c.md:5:",
            "content/2023/d.md:2:",
            "content/2023/e.md:3",
            "5 errors in 5 files",
        ],
    );
}

/// 50 MB of prose in one dispatch. No timing threshold: the time is printed (run with
/// `--nocapture`) and must only be finite; the build must succeed or fail with a located error.
#[test]
fn fifty_megabyte_dispatch_builds() {
    let mut t = SiteTest::fixture("basic");
    let para = "Shelling of Bakhmut continued through the night, residents of Chasiv Yar said, \
                and the road to Kostiantynivka stayed closed until morning. "
        .repeat(6);
    let mut text = String::from(
        "+++\ntitle = \"Fifty megabytes\"\ndate = 2023-05-01T10:00:00+03:00\ncities = [\"Bakhmut\"]\n+++\n\n",
    );
    let mut n = 0;
    while text.len() < 50 * 1024 * 1024 {
        n += 1;
        text.push_str(&format!("## Part {n}\n\n{para}\n\n"));
    }
    t.file("content/2023/huge.md", &text);
    let start = Instant::now();
    t.build_with(&["--timings"]);
    eprintln!(
        "50 MB dispatch: exit {:?} in {:.1} s\n{}",
        t.last().code,
        start.elapsed().as_secs_f64(),
        t.stdout()
    );
    if t.last().code == Some(0) {
        t.file_contains("output/2023/05/huge/index.html", &format!("Part {n}"));
    } else {
        t.stderr_contains("content/2023/huge.md");
    }
}

#[test]
fn deeply_nested_markdown_does_not_overflow_the_stack() {
    let mut t = SiteTest::fixture("basic");
    let cases = [
        ("quotes", format!("{} bottom\n", ">".repeat(10_000))),
        ("lists", format!("{}bottom\n", "- ".repeat(10_000))),
        ("mixed", format!("{}bottom\n", "> - ".repeat(5_000))),
        (
            "links",
            format!("{}bottom{}\n", "[".repeat(10_000), "](x)".repeat(10_000)),
        ),
        (
            "emphasis",
            format!("{}bottom{}\n", "*_".repeat(5_000), "_*".repeat(5_000)),
        ),
        (
            "html",
            format!(
                "{}bottom{}\n",
                "<div>".repeat(10_000),
                "</div>".repeat(10_000)
            ),
        ),
    ];
    for (name, body) in &cases {
        t.dispatch(
            &format!("2023/deep-{name}.md"),
            &format!("Deep {name}"),
            "2023-05-01T10:00:00+03:00",
            "",
        );
        let path = format!("content/2023/deep-{name}.md");
        let text = t
            .read(&path)
            .replace("Body of", &format!("{body}\n\nBody of"));
        t.file(&path, &text);
    }
    t.build().success();
    for (name, _) in &cases {
        t.file_contains(&format!("output/2023/05/deep-{name}/index.html"), "bottom");
    }
}

/// A theme whose templates are only the given ones (the rest fall back to the default theme).
fn theme(t: &mut SiteTest, templates: &[(&str, &str)]) {
    let config = t
        .read("config.toml")
        .replace("theme = \"default\"", "theme = \"loop\"");
    t.file("config.toml", &config);
    for (name, text) in templates {
        t.file(&format!("themes/loop/templates/{name}"), text);
    }
}

#[test]
fn template_cycles_are_errors_naming_the_template() {
    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[
                ("article.html", "{% include \"a.html\" %}"),
                ("a.html", "{% include \"b.html\" %}"),
                ("b.html", "{% include \"a.html\" %}"),
            ],
            "Circular include detected for template 'a.html'",
        ),
        (
            &[("article.html", "{% extends \"article.html\" %}")],
            "Circular extend detected for template 'article.html'",
        ),
        (
            &[
                ("article.html", "{% extends \"b.html\" %}"),
                ("b.html", "{% extends \"article.html\" %}"),
            ],
            "Circular extend detected",
        ),
        (
            &[(
                "article.html",
                "{% component f(n) %}x{{<f n={n} />}}{% endcomponent f %}{{<f n={1} />}}",
            )],
            "themes/loop/templates/article.html: error: template `article.html`",
        ),
    ];
    for (templates, needle) in cases {
        let (mut t, before) = built();
        theme(&mut t, templates);
        let (code, stderr) = build_with_watchdog(&t, Duration::from_secs(60));
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
        assert_untouched(&t, &before);
    }
}

/// Tera reports include/extend cycles at load time with no template attached, so the
/// message starts `: error: template ``` instead of naming the file. Needs the fix in
/// `src/render/mod.rs` (`Renderer::error`: take the name from `CircularInclude`/
/// `CircularExtend`/`MissingParent`).
#[test]
fn template_cycles_name_the_template_file() {
    let (mut t, _) = built();
    theme(
        &mut t,
        &[
            ("article.html", "{% include \"a.html\" %}"),
            ("a.html", "{% include \"a.html\" %}"),
        ],
    );
    let (code, stderr) = build_with_watchdog(&t, Duration::from_secs(60));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("themes/loop/templates/a.html: error: template `a.html`"),
        "{stderr}"
    );
}

#[test]
fn output_pointing_at_the_sources_is_refused_and_nothing_changes() {
    let (mut t, before) = built();
    let sources = |t: &SiteTest| -> BTreeMap<PathBuf, Vec<u8>> {
        t.snapshot_of_root()
            .into_iter()
            .filter(|(p, _)| !p.starts_with("output"))
            .collect()
    };
    let src_before = sources(&t);
    let root = t.root().display().to_string();
    for out in [
        format!("{root}/content"),
        format!("{root}/content/"),
        format!("{root}/output/.."),
        format!("{root}/content/2023/.."),
        root.clone(),
        "site".to_string(),
        "./site/.".to_string(),
    ] {
        t.build_with(&["--output", &out])
            .failure()
            .stderr_contains("refusing to write the site into");
        assert!(sources(&t) == src_before, "--output {out} changed the site");
        assert_untouched(&t, &before);
    }
}
