//! Incremental rebuilds (`dateline serve`'s engine) must equal a clean build, byte for byte.
//!
//! A seeded random sequence of edits — body edits (the fast path), title/date/city/tag edits,
//! new and deleted dispatches, a config change, a template change, a broken file and its fix —
//! is applied to a fixture site; after each step the in-memory preview is compared with a
//! fresh `render_site` of the same files.

use std::path::{Path, PathBuf};

use dateline::config::BuildOptions;
use dateline::serve::Preview;

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A copy of the `basic` fixture site to edit (the folder lives as long as the guard).
fn basic_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        &root,
    );
    (tmp, root)
}

fn opts(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        base_url: Some("http://127.0.0.1:1111".into()),
        ..Default::default()
    }
}

/// Asserts the preview serves exactly what a clean build of `root` produces.
fn assert_equal(preview: &mut Preview, root: &Path, step: &str) {
    crate::support::assert_serves_clean_build(preview, &opts(root), step);
}

/// A tiny deterministic generator (no dependency needed for a seeded sequence).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn dispatch(title: &str, date: &str, city: &str, tag: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\ncities = [\"{city}\"]\ntags = [\"{tag}\"]\n+++\n\n{body}\n"
    )
}

#[test]
fn random_edit_sequences_match_clean_builds() {
    let (_tmp, root) = basic_site();
    for i in 0..12 {
        let city = ["Kyiv", "Kharkiv", "Bakhmut", "Odesa"][i % 4];
        // Several paragraphs: long enough that the preview keeps the body deflated.
        let line = format!("Dispatch {i} from {city}. Residents near Soledar described the night.");
        let body = format!("{line}\n\n{line} Shelling went on.\n\n{line} The market reopened.");
        let file = root.join(format!("content/2024/gen-{i}.md"));
        std::fs::write(
            &file,
            dispatch(
                &format!("Generated {i}"),
                &format!("2024-0{}-1{}", 1 + i % 9, i % 10),
                city,
                "generated",
                &body,
            ),
        )
        .unwrap();
    }
    let (mut preview, first) = Preview::new(opts(&root));
    assert!(first.error.is_none(), "{:?}", first.error);
    assert_equal(&mut preview, &root, "initial");
    let mut rng = Lcg(42);
    for step in 0..40 {
        let i = rng.next(12);
        let file = root.join(format!("content/2024/gen-{i}.md"));
        let mut changed: Vec<PathBuf> = vec![file.clone()];
        let label = match rng.next(9) {
            0..=3 => {
                // Body-only edit: the fast path.
                let text = std::fs::read_to_string(&file)
                    .unwrap_or_else(|_| dispatch("Back", "2024-05-05", "Lviv", "t", "x"));
                std::fs::write(
                    &file,
                    format!("{text}\nMore words in step {step}, mentioning Mariupol.\n"),
                )
                .unwrap();
                "body edit"
            }
            4 => {
                std::fs::write(
                    &file,
                    dispatch(
                        &format!("Retitled {step}"),
                        "2024-02-02",
                        "Kyiv",
                        "generated",
                        "New body.",
                    ),
                )
                .unwrap();
                "title and date edit"
            }
            5 => {
                std::fs::write(
                    &file,
                    dispatch(
                        &format!("Moved {step}"),
                        "2024-03-03",
                        "Kherson",
                        &format!("tag{step}"),
                        "Moved.",
                    ),
                )
                .unwrap();
                "city and tag edit"
            }
            6 => {
                let _ = std::fs::remove_file(&file);
                "delete"
            }
            7 => {
                std::fs::write(
                    &file,
                    "+++\ntitle = \"broken\"\ndate = \"yesterday\"\n+++\n",
                )
                .unwrap();
                let r = preview.rebuild(&changed);
                assert!(
                    r.error.is_some(),
                    "step {step}: a broken file must be an error"
                );
                std::fs::write(
                    &file,
                    dispatch(
                        &format!("Fixed {step}"),
                        "2024-04-04",
                        "Odesa",
                        "generated",
                        "Fixed.",
                    ),
                )
                .unwrap();
                "broken then fixed"
            }
            _ => {
                let cfg = root.join("config.toml");
                let text = std::fs::read_to_string(&cfg).unwrap();
                let new = match ["paginate = 10", "paginate = 2", "paginate = 3"]
                    .iter()
                    .position(|p| text.contains(p))
                {
                    Some(0) => text.replace("paginate = 10", "paginate = 2"),
                    Some(1) => text.replace("paginate = 2", "paginate = 3"),
                    _ => text.replace("paginate = 3", "paginate = 10"),
                };
                std::fs::write(&cfg, new).unwrap();
                changed = vec![cfg];
                "config edit"
            }
        };
        let r = preview.rebuild(&changed);
        assert!(r.error.is_none(), "step {step} ({label}): {:?}", r.error);
        assert_equal(&mut preview, &root, &format!("step {step} ({label})"));
    }
}

#[test]
fn template_edit_rerenders_everything() {
    let (_tmp, root) = basic_site();
    let (mut preview, _) = Preview::new(opts(&root));
    let tdir = root.join("themes/default/templates");
    std::fs::create_dir_all(&tdir).unwrap();
    let item = tdir.join("404.html");
    std::fs::write(
        &item,
        "{% extends \"base.html\" %}{% block main %}<p>Gone missing.</p>{% endblock main %}",
    )
    .unwrap();
    let r = preview.rebuild(&[item]);
    assert!(r.error.is_none(), "{:?}", r.error);
    assert!(String::from_utf8_lossy(&preview.get("404.html").unwrap()).contains("Gone missing."));
    assert_equal(&mut preview, &root, "template edit");
}

#[test]
fn turning_a_dispatch_live_in_place_matches_a_clean_build() {
    // `live = true` adds the dispatch's own feed: a file the edit fast path cannot add, so the
    // saved dispatch must take the full rebuild (`same_structure` compares `live`).
    let (_tmp, root) = basic_site();
    let dir = root.join("content/strike-day");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("index.md");
    let text = |live: &str| {
        format!(
            "+++\ntitle = \"Strike day\"\ndate = 2024-04-01T08:00:00+03:00\ncities = [\"Kyiv\"]\n{live}+++\n\nThe intro.\n"
        )
    };
    std::fs::write(&file, text("")).unwrap();
    let (mut preview, first) = Preview::new(opts(&root));
    assert!(first.error.is_none(), "{:?}", first.error);
    for (step, live) in [("live on", "live = true\n"), ("live off", "")] {
        std::fs::write(&file, text(live)).unwrap();
        let r = preview.rebuild(std::slice::from_ref(&file));
        assert!(r.error.is_none(), "{step}: {:?}", r.error);
        assert_equal(&mut preview, &root, step);
        let feed = (preview.paths().iter()).any(|p| p.ends_with("strike-day/atom.xml"));
        assert_eq!(
            feed,
            !live.is_empty(),
            "{step}: the live dispatch's own feed"
        );
    }
}

/// Pages are rendered from the last good build when asked for: an edit that breaks a page's
/// template half-way through a fast rebuild must leave that build as it was (the old page,
/// and every other page as a clean build of the old files), and the fix must match a clean
/// build again.
#[test]
fn a_broken_fast_rebuild_keeps_serving_the_last_good_build() {
    let (_tmp, root) = basic_site();
    let tdir = root.join("themes/default/templates");
    std::fs::create_dir_all(&tdir).unwrap();
    std::fs::write(
        tdir.join("article.html"),
        "{% extends \"base.html\" %}{% block main %}{% if \"BREAK\" in page.content %}{{ no_such.value }}{% endif %}<h1>{{ page.title }}</h1>{{ page.content }}{% endblock main %}",
    )
    .unwrap();
    let file = root.join("content/2024/edit-me.md");
    let body = "The water came back to Kharkiv on Tuesday.";
    std::fs::write(
        &file,
        dispatch("Edit me", "2024-06-01", "Kharkiv", "water", body),
    )
    .unwrap();
    let (mut preview, first) = Preview::new(opts(&root));
    assert!(first.error.is_none(), "{:?}", first.error);
    assert_equal(&mut preview, &root, "initial");
    let paths = preview.paths();
    let page = *(paths.iter())
        .find(|p| p.contains("edit-me") && p.ends_with("index.html") && !p.starts_with("lite"))
        .expect("the dispatch's page");
    let page = page.to_string();
    let page = page.as_str();
    let before = preview.get(page).expect("the dispatch's page");
    let good = std::fs::read_to_string(&file).unwrap();

    // Same structure (a body edit: the fast path), but its page does not render.
    std::fs::write(&file, good.replace("Tuesday.", "Tuesday. BREAK")).unwrap();
    let r = preview.rebuild(std::slice::from_ref(&file));
    assert!(r.error.is_some(), "a template error must fail the rebuild");
    assert_eq!(
        preview.get(page).unwrap(),
        before,
        "the last good page is served"
    );
    std::fs::write(&file, &good).unwrap();
    assert_equal(
        &mut preview,
        &root,
        "after the failed rebuild (the last good build)",
    );

    std::fs::write(&file, good.replace("Tuesday.", "Tuesday night.")).unwrap();
    let r = preview.rebuild(std::slice::from_ref(&file));
    assert!(r.error.is_none(), "{:?}", r.error);
    assert!(String::from_utf8_lossy(&preview.get(page).unwrap()).contains("Tuesday night."));
    assert_equal(&mut preview, &root, "fixed");
}
