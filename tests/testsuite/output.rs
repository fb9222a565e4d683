//! The output folder: incremental writes, confinement, safety checks, determinism.

use std::path::PathBuf;

use crate::support::{SiteTest, age_files, diff_trees, mtimes, tree};

#[test]
fn unchanged_rebuild_writes_nothing() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let first = t.counts();
    assert!(
        first.written > 20 && first.unchanged == 0 && first.removed == 0,
        "{first:?}"
    );
    let old = age_files(&t.out());

    t.build().success();
    let c = t.counts();
    assert_eq!(c.written, 0, "{}", t.stdout());
    assert_eq!(c.unchanged, first.written, "{}", t.stdout());
    assert_eq!(c.removed, 0, "{}", t.stdout());
    let touched: Vec<PathBuf> = mtimes(&t.out())
        .into_iter()
        .filter(|(p, m)| *m != old && p.as_os_str() != ".dateline-manifest")
        .map(|(p, _)| p)
        .collect();
    assert!(
        touched.is_empty(),
        "an unchanged rebuild rewrote {touched:?}"
    );
}

#[test]
fn unchanged_rebuild_does_not_rewrite_the_manifest() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = t.read("output/.dateline-manifest");
    let old = age_files(&t.out());
    t.build().success();
    assert_eq!(t.counts().written, 0);
    assert_eq!(t.read("output/.dateline-manifest"), before);
    let touched: Vec<PathBuf> = mtimes(&t.out())
        .into_iter()
        .filter(|(_, m)| *m != old)
        .map(|(p, _)| p)
        .collect();
    assert!(
        touched.is_empty(),
        "an unchanged rebuild rewrote {touched:?}"
    );
}

#[test]
fn editing_one_dispatch_rewrites_only_what_shows_it() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let total = t.counts().written;
    let before = t.snapshot_of_output_dir();
    let css = t.stylesheet();
    let text = t
        .read("content/2023/chasiv-yar-shelling.md")
        .replace("is cratered", "is cratered and mined");
    t.file("content/2023/chasiv-yar-shelling.md", &text);

    t.build().success();
    let c = t.counts();
    assert!(c.written >= 1, "{}", t.stdout());
    assert!(
        c.written * 3 < total,
        "too many files rewritten for a one-word edit: {}",
        t.stdout()
    );
    // The only files removed are the search index's parts the edit renamed (their names are
    // hashes of their contents).
    let after = t.snapshot_of_output_dir();
    let gone: Vec<&PathBuf> = before.keys().filter(|p| !after.contains_key(*p)).collect();
    assert!(gone.iter().all(|p| p.starts_with("pagefind")), "{gone:?}");
    assert_eq!(c.removed, gone.len(), "{}", t.stdout());
    assert_eq!(c.written + c.unchanged, total, "{}", t.stdout());
    t.file_contains(
        "output/2023/03/chasiv-yar-shelling/index.html",
        "cratered and mined",
    );
    // Pages that never show the dispatch are byte-identical.
    for same in [
        "cities/kyiv/index.html",
        "tags/energy/index.html",
        "2022/11/kyiv-blackouts/index.html",
        css.as_str(),
    ] {
        assert!(before.contains_key(&PathBuf::from(same)), "{same} missing");
        assert_eq!(
            before.get(&PathBuf::from(same)),
            after.get(&PathBuf::from(same)),
            "{same} changed"
        );
    }
}

#[test]
fn removing_a_dispatch_deletes_its_page() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.file_exists("output/2022/11/kyiv-blackouts/index.html");
    t.remove("content/2022/kyiv-blackouts.md");

    t.build().success().stdout_contains("Built 3 dispatches");
    let c = t.counts();
    assert!(c.removed >= 1, "{}", t.stdout());
    t.file_missing("output/2022/11/kyiv-blackouts/index.html")
        .file_missing("output/2022/11/kyiv-blackouts")
        .file_missing("output/2022")
        // Kyiv and energy only had this dispatch.
        .file_missing("output/cities/kyiv/index.html")
        .file_missing("output/tags/energy/index.html")
        .file_lacks("output/index.html", "kyiv-blackouts")
        .file_lacks("output/sitemap.xml", "kyiv-blackouts")
        .file_lacks("output/.dateline-manifest", "kyiv-blackouts");
    // What the manifest lists is exactly what is on disk.
    let mut on_disk: Vec<String> = tree(&t.out())
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p != ".dateline-manifest")
        .collect();
    on_disk.sort();
    let manifest = t.read("output/.dateline-manifest");
    let mut listed: Vec<String> = manifest
        .lines()
        .filter_map(|l| l.splitn(3, '\t').nth(2))
        .map(str::to_string)
        .collect();
    listed.sort();
    assert_eq!(listed, on_disk);
}

#[test]
fn removing_a_bundle_deletes_its_copied_files() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.file_exists("output/2023/02/bakhmut-encirclement/field-notes.txt");
    t.remove("content/2023/bakhmut-encirclement");
    t.build().success();
    t.file_missing("output/2023/02/bakhmut-encirclement");
}

#[test]
fn traversal_slugs_stay_inside_the_output_folder() {
    let mut t = SiteTest::fixture("basic");
    t.dispatch("2023/a.md", "A", "2023-06-01T10:00:00+03:00", "slug = \"../../etc\"\ntags = [\"../../../tmp\"]\nauthors = [\"../..\"]\ncities = [\"../../Evil\"]")
        .dispatch("2023/b.md", "B", "2023-06-02T10:00:00+03:00", "slug = \"/absolute/path\"")
        .dispatch("2023/c.md", "C", "2023-06-03T10:00:00+03:00", "slug = \"..\"")
        .dispatch("2023/e.md", "E", "2023-06-05T10:00:00+03:00", "slug = \"..\\\\..\\\\windows\"");
    let outside_before = tree(t.tmp());
    let sources_before = t.snapshot_of_root();

    t.build().success();
    t.file_contains("output/2023/06/etc/index.html", "<h1>A</h1>")
        .file_contains("output/2023/06/absolute-path/index.html", "<h1>B</h1>")
        .file_contains("output/2023/06/untitled/index.html", "<h1>C</h1>")
        .file_contains("output/2023/06/windows/index.html", "<h1>E</h1>")
        .file_exists("output/tags/tmp/index.html");
    // Nothing outside output/ changed, in the site or beside it (but the build cache).
    let outside_after: std::collections::BTreeMap<_, _> = tree(t.tmp())
        .into_iter()
        .filter(|(p, _)| !p.starts_with("site/output") && !p.starts_with("site/.dateline"))
        // The lock file of one build at a time, beside the output folder.
        .filter(|(p, _)| p.as_os_str() != "site/.output.dateline-lock")
        .collect();
    assert!(
        outside_before == outside_after,
        "files changed outside output/:\n{}",
        diff_trees(&outside_before, &outside_after)
    );
    let sources_after: std::collections::BTreeMap<_, _> = t
        .snapshot_of_root()
        .into_iter()
        .filter(|(p, _)| !p.starts_with("output") && !p.starts_with(".dateline"))
        .filter(|(p, _)| p.as_os_str() != ".output.dateline-lock")
        .collect();
    assert!(sources_before == sources_after);
    for p in tree(&t.out()).keys() {
        assert!(
            !p.to_string_lossy().contains(".."),
            "suspicious output path {}",
            p.display()
        );
    }
}

#[test]
fn permalink_pattern_cannot_escape_either() {
    let mut t = SiteTest::fixture("basic");
    t.file("config.toml", "permalink = \"/../../{year}/{slug}/\"\n");
    let before = tree(t.tmp());
    t.build().success();
    t.file_exists("output/2024/bakhmut-ruins/index.html");
    let after: std::collections::BTreeMap<_, _> = tree(t.tmp())
        .into_iter()
        .filter(|(p, _)| !p.starts_with("site/output") && !p.starts_with("site/.dateline"))
        // The lock file of one build at a time, beside the output folder.
        .filter(|(p, _)| p.as_os_str() != "site/.output.dateline-lock")
        .collect();
    assert!(before == after, "{}", diff_trees(&before, &after));
}

#[test]
fn output_equal_to_site_root_is_refused() {
    let mut t = SiteTest::fixture("basic");
    let before = t.snapshot_of_root();
    let root = t.root().display().to_string();
    t.build_with(&["--output", &root])
        .failure()
        .stderr_contains("refusing to write the site into");
    assert!(
        before == t.snapshot_of_root(),
        "the site changed:\n{}",
        diff_trees(&before, &t.snapshot_of_root())
    );
}

#[test]
fn output_inside_content_is_refused() {
    let mut t = SiteTest::fixture("basic");
    let before = t.snapshot_of_root();
    for out in [
        "content",
        "content/2023",
        "content/generated",
        "static",
        "themes/default",
    ] {
        let path = t.root().join(out).display().to_string();
        let folder = format!("{}/", out.split('/').next().unwrap_or_default());
        t.build_with(&["--output", &path])
            .failure()
            .stderr_contains("refusing")
            .stderr_contains(&folder);
        assert!(
            before == t.snapshot_of_root(),
            "--output {out} changed the site"
        );
    }
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_to_the_site_is_refused() {
    let mut t = SiteTest::fixture("basic");
    let before = t.snapshot_of_root();
    let to_root = t.tmp().join("to-root");
    let to_content = t.tmp().join("to-content");
    std::os::unix::fs::symlink(t.root(), &to_root).unwrap();
    std::os::unix::fs::symlink(t.root().join("content"), &to_content).unwrap();
    for link in [&to_root, &to_content] {
        t.build_with(&["--output", &link.display().to_string()])
            .failure()
            .stderr_contains("refusing");
        assert!(
            before == t.snapshot_of_root(),
            "--output {} changed the site",
            link.display()
        );
    }
}

#[test]
fn output_containing_the_site_is_refused() {
    let mut t = SiteTest::fixture("basic");
    let before = tree(t.tmp());
    let parent = t.tmp().display().to_string();
    t.build_with(&["--output", &parent])
        .failure()
        .stderr_contains("refusing to write the site into");
    assert!(before == tree(t.tmp()));
}

#[test]
fn relative_output_path_is_resolved_against_the_working_directory() {
    // The binary runs in the temp folder, so `site` is the site root.
    let mut t = SiteTest::fixture("basic");
    let before = t.snapshot_of_root();
    t.build_with(&["--output", "site"])
        .failure()
        .stderr_contains("refusing");
    assert!(before == t.snapshot_of_root());
    t.build_with(&["--output", "public"]).success();
    assert!(t.tmp().join("public/index.html").is_file());
}

#[test]
fn foreign_output_folder_is_refused() {
    let mut t = SiteTest::fixture("basic");
    t.file("output/notes/keep.txt", "mine")
        .file("output/index.html", "<p>my own page</p>");
    let before = t.snapshot_of_root();
    t.build().failure().stderr_contains(".dateline-manifest");
    // The build took the folder's lock (beside it) before it could look inside.
    let after: std::collections::BTreeMap<_, _> = (t.snapshot_of_root().into_iter())
        .filter(|(p, _)| p.as_os_str() != ".output.dateline-lock")
        .collect();
    assert!(before == after, "{}", diff_trees(&before, &after));
    assert_eq!(t.read("output/index.html"), "<p>my own page</p>");
}

#[test]
fn stale_removal_never_touches_files_dateline_did_not_write() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    // A user drops a file into a folder dateline made, then the dispatch goes away.
    t.file("output/2022/11/kyiv-blackouts/user-note.txt", "keep me");
    t.remove("content/2022/kyiv-blackouts.md");
    t.build().success();
    assert_eq!(
        t.read("output/2022/11/kyiv-blackouts/user-note.txt"),
        "keep me"
    );
    t.file_missing("output/2022/11/kyiv-blackouts/index.html");
}

#[test]
fn tampered_manifest_cannot_delete_outside_the_output() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.file("victim.txt", "precious");
    std::fs::write(t.tmp().join("outside.txt"), "precious").unwrap();
    let mut manifest = t.read("output/.dateline-manifest");
    let abs = t.tmp().join("outside.txt").display().to_string();
    manifest.push_str(&format!(
        "0000000000000000\t8\t../victim.txt\n0000000000000000\t8\t{abs}\n"
    ));
    t.file("output/.dateline-manifest", &manifest);
    t.build().success();
    assert_eq!(t.read("victim.txt"), "precious");
    assert_eq!(
        std::fs::read_to_string(t.tmp().join("outside.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn two_builds_into_two_folders_are_byte_identical() {
    let mut t = SiteTest::fixture("basic");
    let a = t.tmp().join("out-a");
    let b = t.tmp().join("out-b");
    t.build_with(&["--output", &a.display().to_string()])
        .success();
    t.build_with(&["--output", &b.display().to_string()])
        .success();
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 20);
    assert!(ta.contains_key(&PathBuf::from(".dateline-manifest")));
    assert!(ta == tb, "builds differ:\n{}", diff_trees(&ta, &tb));
}

#[test]
fn incremental_build_equals_a_clean_build() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.remove("content/2024/bakhmut-ruins.md");
    t.dispatch(
        "2023/new.md",
        "New one",
        "2023-09-01T10:00:00+03:00",
        "cities = [\"Kherson\"]",
    );
    t.build().success();
    let clean = t.tmp().join("clean");
    t.build_with(&["--output", &clean.display().to_string()])
        .success();
    let (inc, fresh) = (t.snapshot_of_output_dir(), tree(&clean));
    assert!(
        inc == fresh,
        "incremental and clean builds differ:\n{}",
        diff_trees(&inc, &fresh)
    );
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let mut t = SiteTest::fixture("basic");
    let cities = [
        "Kyiv",
        "Kharkiv",
        "Odesa",
        "Bakhmut",
        "Chasiv Yar",
        "Kherson",
        "Mariupol",
        "Izium",
    ];
    for i in 0..40 {
        let c1 = cities[i % cities.len()];
        let c2 = cities[(i * 3 + 1) % cities.len()];
        t.dispatch(
            &format!("2023/gen-{i:02}.md"),
            &format!("Generated {i:02}"),
            // Several dispatches share a timestamp: ties must be broken the same way every time.
            &format!("2023-{:02}-{:02}T10:00:00+03:00", 4 + i % 5, 1 + i % 3),
            &format!("cities = [\"{c1}\", \"{c2}\"]\ntags = [\"t{}\", \"shared\"]\nauthors = [\"Author {}\"]", i % 4, i % 3),
        );
    }
    t.file("config.toml", "paginate = 3\n");
    let runs: Vec<_> = ["1", "2", "8"]
        .iter()
        .map(|n| {
            let out = t.tmp().join(format!("out-{n}"));
            t.env("RAYON_NUM_THREADS", n)
                .build_with(&["--output", &out.display().to_string()])
                .success();
            tree(&out)
        })
        .collect();
    assert!(runs[0].len() > 100);
    for r in &runs[1..] {
        assert!(
            runs[0] == *r,
            "output depends on thread count:\n{}",
            diff_trees(&runs[0], r)
        );
    }
}

/// A build renders a dispatch's page and its text-only edition together from one view; the
/// in-memory render that `serve` and `check` use renders them one at a time. Both give the same
/// files, byte for byte (the fixture's bodies have images and relative links, which the
/// text-only edition rewrites).
#[test]
fn built_folder_equals_the_in_memory_render() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/photo.md",
        "+++\ntitle = \"Photo\"\ndate = 2023-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\n\
         A [map](/cities/kyiv/) and ![A queue for water](queue.jpg).\n",
    );
    t.file_bytes("content/2023/queue.jpg", &crate::photos::jpeg(64, 48));
    t.build().success();
    let opts = dateline::config::BuildOptions {
        root: t.root().to_path_buf(),
        ..Default::default()
    };
    let config = dateline::config::Config::load(&opts).unwrap();
    let now = dateline::dates::Date::parse("2026-01-01T00:00:00Z", &config.timezone).unwrap();
    let memory = dateline::render_site(config, now).unwrap();
    let built = tree(&t.root().join("output"));
    let lite = memory
        .files
        .iter()
        .filter(|f| f.path.starts_with("lite"))
        .count();
    assert!(lite > 3, "{lite} text-only pages");
    assert!(
        built
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("[Image: ")),
        "a text-only page replaced an image"
    );
    for f in &memory.files {
        let on_disk = built
            .get(&f.path)
            .unwrap_or_else(|| panic!("{} not built", f.path.display()));
        assert!(on_disk[..] == f.bytes[..], "{} differs", f.path.display());
    }
    assert_eq!(
        built.len(),
        memory.files.len() + 1,
        "the built folder adds only its manifest"
    );
}
