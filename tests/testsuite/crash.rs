//! Crash safety: a build killed at any moment leaves every output file either its old or its
//! new version (never truncated, never a mix), and the next build repairs everything, including
//! the hidden `.*.dateline-tmp` files a kill can leave behind.
//!
//! `killed_builds_leave_old_or_new_files` generates 3,000 dispatches in two versions (every
//! dispatch differs) and builds each cleanly into its own folder: those are the expected "new"
//! outputs. It then kills the very first build into an empty folder, and for several rounds
//! switches the site to the other version, starts the real build and SIGKILLs it after a
//! random delay: one round early (loading), two a random fraction of the staging time after
//! the build starts staging files (it marks the folder first), the others a random fraction
//! of the commit time after the build starts committing (it rewrites the manifest first).
//! After each kill every file must be old or new; at the end one build must give exactly the
//! clean output with no temp files. Set `DATELINE_CRASH_SEED` to replay a run's delays.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{NOW, SiteTest, diff_trees, tree};

const DISPATCHES: usize = 3000;
const ROUNDS: usize = 6;
const MANIFEST: &str = ".dateline-manifest";
/// Present while a build stages files (before it touches the manifest).
const STAGING: &str = ".dateline-staging";

const CITIES: [&str; 6] = [
    "Kyiv",
    "Kharkiv",
    "Bakhmut",
    "Odesa",
    "Chasiv Yar",
    "Zaporizhzhia",
];

/// Writes every generated dispatch, each body naming `version`.
fn generate(t: &mut SiteTest, version: usize) {
    generate_n(t, version, DISPATCHES);
}

/// Writes `n` generated dispatches, each body naming `version`.
pub(crate) fn generate_n(t: &mut SiteTest, version: usize, n: usize) {
    for i in 0..n {
        let text = format!(
            "+++\ntitle = \"Dispatch {i}\"\ndate = 2023-{:02}-{:02}T{:02}:{:02}:00+02:00\ncities = [\"{}\"]\ntags = [\"t{}\"]\n+++\n\nVersion {version} of dispatch {i}: {}\n",
            i % 12 + 1,
            i % 28 + 1,
            i % 24,
            i % 60,
            CITIES[i % CITIES.len()],
            i % 7,
            "the night was loud. ".repeat(1 + i % 5),
        );
        t.file(&format!("content/gen/d{i:04}.md"), &text);
    }
}

/// A tiny xorshift generator: no extra dependency, reproducible from one seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub(crate) fn build_args(t: &SiteTest, out: &Path) -> Vec<String> {
    vec![
        "build".into(),
        "--root".into(),
        t.root().display().to_string(),
        "--now".into(),
        NOW.into(),
        "--output".into(),
        out.display().to_string(),
        "--timings".into(),
    ]
}

/// A complete build into `out`; returns the durations of staging (the `render` stage of
/// `--timings`: pages are staged as they render) and of committing (`write`).
pub(crate) fn build_into(t: &SiteTest, out: &Path) -> (Duration, Duration) {
    let start = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(build_args(t, out))
        .current_dir(t.tmp())
        .output()
        .expect("run dateline");
    let total = start.elapsed();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "build failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stage = |name: &str| {
        stderr.lines().find_map(|l| {
            let mut words = l.split_whitespace();
            (words.next()? == name).then_some(())?;
            let ms: f64 = words.next()?.parse().ok()?;
            Some(Duration::from_secs_f64(ms / 1000.0))
        })
    };
    (
        stage("render").unwrap_or(total / 2),
        stage("write").unwrap_or(total / 4),
    )
}

/// When to kill a build.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// This long after the start.
    After(Duration),
    /// This long after the build starts staging files (it marks the folder first).
    IntoStaging(Duration),
    /// This long after the build starts making staged files visible (it rewrites the manifest
    /// first, unless it only adds new files).
    IntoCommit(Duration),
}

fn manifest_stamp(out: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(out.join(MANIFEST)).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// Starts a build into `out` and SIGKILLs it as `kill` says; returns whether it was still
/// running when killed.
fn build_and_kill(t: &SiteTest, out: &Path, kill: Kill) -> bool {
    let stamp = manifest_stamp(out);
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(build_args(t, out))
        .current_dir(t.tmp())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run dateline");
    match kill {
        Kill::After(d) => std::thread::sleep(d),
        Kill::IntoStaging(d) | Kill::IntoCommit(d) => {
            let limit = Instant::now() + Duration::from_secs(300);
            // A first build stages in a hidden folder beside the output.
            let beside = dateline::fs::temp_path(out);
            let started = || match kill {
                Kill::IntoStaging(_) => out.join(STAGING).exists() || beside.exists(),
                _ => manifest_stamp(out) != stamp,
            };
            while !started() && child.try_wait().expect("wait").is_none() && Instant::now() < limit
            {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(d);
        }
    }
    let finished = child.try_wait().expect("wait").is_some();
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    !finished
}

/// The files a reader of the folder sees: no temp files, manifest or staging marker.
fn visible(files: &BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<&PathBuf, &Vec<u8>> {
    files
        .iter()
        .filter(|(p, _)| !is_temp(p) && p.as_os_str() != MANIFEST && p.as_os_str() != STAGING)
        .collect()
}

fn is_temp(p: &Path) -> bool {
    p.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".dateline-tmp"))
}

/// Asserts every file of `out` is its `old` or `new` version; returns the temp files seen.
fn assert_old_or_new(
    out: &Path,
    old: &BTreeMap<PathBuf, Vec<u8>>,
    new: &BTreeMap<PathBuf, Vec<u8>>,
    round: &str,
) -> Vec<PathBuf> {
    let now = tree(out);
    let mut temps = Vec::new();
    let mut bad = Vec::new();
    for (p, bytes) in &now {
        if is_temp(p) {
            temps.push(p.clone());
            continue;
        }
        if p.as_os_str() == MANIFEST || p.as_os_str() == STAGING {
            continue;
        }
        let is_old = old.get(p) == Some(bytes);
        let is_new = new.get(p) == Some(bytes);
        if !is_old && !is_new {
            bad.push(format!(
                "{}: {} bytes, neither old ({:?} bytes) nor new ({:?} bytes)",
                p.display(),
                bytes.len(),
                old.get(p).map(Vec::len),
                new.get(p).map(Vec::len)
            ));
        }
    }
    for p in old.keys() {
        if new.contains_key(p) && !now.contains_key(p) && p.as_os_str() != MANIFEST {
            bad.push(format!("{}: vanished", p.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "{round}: {} bad files:\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
    temps
}

#[test]
fn killed_builds_leave_old_or_new_files() {
    let seed = std::env::var("DATELINE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("crash test seed: DATELINE_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let mut t = SiteTest::empty();
    t.file("config.toml", "title = \"Crash desk\"\npaginate = 20\n");
    let out = t.tmp().join("public");

    // Two versions of the site; the rounds alternate between them, so every round changes
    // every dispatch. Their clean builds are the expected "new" output.
    let mut clean = Vec::new();
    let (mut stage_time, mut commit_time) = (Duration::ZERO, Duration::ZERO);
    for version in 0..2 {
        generate(&mut t, version);
        let dir = t.tmp().join(format!("clean-{version}"));
        let (stage, commit) = build_into(&t, &dir);
        eprintln!(
            "clean build of {DISPATCHES} dispatches: staging {:.2} s, commit {:.2} s",
            stage.as_secs_f64(),
            commit.as_secs_f64()
        );
        stage_time = stage_time.max(stage);
        commit_time = commit_time.max(commit);
        clean.push(tree(&dir));
    }
    // A first build writes new files in place; a rebuild that replaces files commits by
    // renames. Measure one: version 1 into a scratch folder holding version 0.
    let scratch = t.tmp().join("scratch");
    generate(&mut t, 0);
    build_into(&t, &scratch);
    generate(&mut t, 1);
    let (_, rebuild_commit) = build_into(&t, &scratch);
    commit_time = commit_time.max(rebuild_commit);

    // Round 0: kill the very first build into an empty folder; the next build must not
    // refuse the folder as foreign, and must finish it.
    let kill = Kill::IntoStaging(stage_time.mul_f64(rng.unit()));
    let killed = build_and_kill(&t, &out, kill);
    let temps = assert_old_or_new(&out, &BTreeMap::new(), &clean[1], "first build");
    eprintln!(
        "first build ({kill:?}, killed: {killed}): {} files, {} temp files",
        tree(&out).len(),
        temps.len()
    );
    build_into(&t, &out);
    let got = tree(&out);
    assert!(
        got == clean[1],
        "after a killed first build:\n{}",
        diff_trees(&got, &clean[1])
    );

    let mut mid_write = 0;
    let mut temps_seen = 0;
    let mut last = 1;
    for round in 1..=ROUNDS {
        // The other version than the one visible (a kill while staging changes nothing).
        let old = tree(&out);
        let version = if visible(&old) == visible(&clean[1]) {
            0
        } else {
            1
        };
        last = version;
        generate(&mut t, version);
        let kill = match round {
            // Early: while loading or rendering.
            1 => Kill::After(Duration::from_millis(50 + rng.next() % 1500)),
            3 | 5 => Kill::IntoStaging(stage_time.mul_f64(rng.unit())),
            _ => Kill::IntoCommit(commit_time.mul_f64(rng.unit())),
        };
        let killed = build_and_kill(&t, &out, kill);
        let label = format!("round {round} ({kill:?}, killed: {killed})");
        let temps = assert_old_or_new(&out, &old, &clean[version], &label);
        let changed = tree(&out)
            .iter()
            .filter(|(p, b)| old.get(*p) != Some(*b))
            .filter(|(p, _)| !is_temp(p) && p.as_os_str() != STAGING && p.as_os_str() != MANIFEST)
            .count();
        if killed && changed > 1 {
            mid_write += 1;
        }
        temps_seen += temps.len();
        eprintln!(
            "{label}: {changed} files changed, {} temp files left",
            temps.len()
        );
    }
    eprintln!("{mid_write} of {ROUNDS} rounds killed mid-write, {temps_seen} temp files seen");
    assert!(mid_write > 0, "no round was killed while writing");

    // The next complete build repairs everything: the bytes of a clean build, no temp files.
    build_into(&t, &out);
    let got = tree(&out);
    let want = &clean[last];
    let leftovers: Vec<_> = got.keys().filter(|p| is_temp(p)).collect();
    assert!(leftovers.is_empty(), "temp files remain: {leftovers:?}");
    assert!(
        &got == want,
        "a build after kills differs from a clean build:\n{}",
        diff_trees(&got, want)
    );
}

/// Temp files a killed build leaves (beside pages, and the manifest's own) are removed by
/// the next build, even when nothing else changed.
#[test]
fn next_build_removes_leftover_temp_files() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = t.snapshot_of_output_dir();
    t.file("output/..dateline-manifest.dateline-tmp", "half a manifest")
        .file("output/2023/.index.html.dateline-tmp", "<p>half a pa")
        .file(
            "output/cities/kyiv/.index.html.dateline-tmp",
            "<p>another half",
        );
    t.build().success();
    let after = t.snapshot_of_output_dir();
    assert!(
        before == after,
        "leftovers were not cleaned:\n{}",
        diff_trees(&before, &after)
    );
}

/// A user's own hidden file that merely looks similar is not touched.
#[test]
fn only_dateline_temp_files_are_removed() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    t.file("output/..dateline-manifest.dateline-tmp", "x")
        .file("output/.well-known/keep.txt", "mine")
        .file("output/2023/notes.dateline-tmp", "not hidden, not ours");
    t.build().success();
    t.file_exists("output/.well-known/keep.txt")
        .file_exists("output/2023/notes.dateline-tmp")
        .file_missing("output/..dateline-manifest.dateline-tmp");
}

/// What a build killed while staging leaves in a built folder (the staging marker, temp files
/// beside pages and in folders it made for new pages) is all gone after the next build,
/// including those folders.
#[test]
fn next_build_removes_a_killed_builds_new_folders() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let before = t.snapshot_of_output_dir();
    t.file(&format!("output/{STAGING}"), "")
        .file(
            "output/2099/01/new-dispatch/.index.html.dateline-tmp",
            "<p>ha",
        )
        .file("output/tags/new-tag/.index.html.dateline-tmp", "<p>half")
        .file("output/2023/.index.html.dateline-tmp", "<p>half a pa");
    t.build().success();
    let after = t.snapshot_of_output_dir();
    assert!(before == after, "{}", diff_trees(&before, &after));
    t.file_missing("output/2099")
        .file_missing("output/tags/new-tag");
}

/// A first build killed while staging leaves its hidden folder beside the output (here 2,000
/// pages), and a build killed while removing one leaves the `.dateline-trash` folder: the
/// next build removes both (on another thread while it renders) before it reports success.
#[test]
fn a_killed_first_builds_folder_is_removed_by_the_next() {
    let mut clean = SiteTest::fixture("basic");
    clean.build().success();
    let mut t = SiteTest::fixture("basic");
    for i in 0..2000 {
        t.file(
            &format!(".output.dateline-tmp/2023/{:02}/d{i}/index.html", i % 50),
            "<p>a page of the killed build</p>",
        );
    }
    t.file(
        ".output.dateline-trash/4242/2023/index.html",
        "<p>half removed",
    );
    t.build().success();
    t.file_missing(".output.dateline-tmp")
        .file_missing(".output.dateline-trash");
    let (got, want) = (t.snapshot_of_output_dir(), clean.snapshot_of_output_dir());
    assert!(got == want, "{}", diff_trees(&got, &want));
}
