//! One build at a time: two builds into one output folder never both write it. The second
//! fails at once naming the folder and the first build's pid, a build that finds the site up
//! to date waits for no one but still respects the lock, and a lock left by a killed build
//! never blocks (the OS drops it with the process).
//!
//! To make the overlap certain rather than likely, the first build is paused (SIGSTOP) once it
//! holds the lock, the second runs, then the first is resumed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::crash::{build_args, build_into, generate_n};
use crate::support::{SiteTest, diff_trees, tree};

/// A few hundred dispatches: enough that a build takes a while.
const DISPATCHES: usize = 300;

/// The lock file of the output folder `out` (beside it).
fn lock_file(out: &Path) -> PathBuf {
    let name = out.file_name().unwrap().to_string_lossy();
    out.with_file_name(format!(".{name}.dateline-lock"))
}

fn site() -> SiteTest {
    let mut t = SiteTest::empty();
    t.file("config.toml", "title = \"Lock desk\"\npaginate = 20\n");
    generate_n(&mut t, 0, DISPATCHES);
    t
}

fn spawn_build(t: &SiteTest, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(build_args(t, out))
        .current_dir(t.tmp())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dateline")
}

/// Waits until `child` has written its pid into the lock file of `out` (it holds the lock).
fn wait_for_lock(child: &mut Child, out: &Path) {
    let want = child.id().to_string();
    let limit = Instant::now() + Duration::from_secs(300);
    while std::fs::read_to_string(lock_file(out)).ok().as_deref() != Some(want.as_str()) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended without writing its pid into {}",
            lock_file(out).display()
        );
        assert!(Instant::now() < limit, "the build never took the lock");
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn signal(child: &Child, sig: i32) {
    // SAFETY: kill(2) on the pid of a child this test spawned and has not reaped yet.
    let r = unsafe { libc::kill(child.id() as libc::pid_t, sig) };
    assert_eq!(r, 0, "kill({sig})");
}

/// Runs a build to the end; returns its exit code and stderr.
fn run_build(t: &SiteTest, out: &Path) -> (Option<i32>, String) {
    let o = spawn_build(t, out).wait_with_output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn assert_refused_by(stderr: &str, out: &Path, pid: u32) {
    let want = format!(
        "error: another dateline build is writing {} (pid {pid}); wait for it to finish",
        out.display()
    );
    assert!(stderr.contains(&want), "want {want:?} in:\n{stderr}");
}

fn assert_same(out: &Path, clean: &Path) {
    let (got, want) = (tree(out), tree(clean));
    assert!(got == want, "{}", diff_trees(&got, &want));
}

#[test]
fn a_second_build_into_the_same_folder_fails_at_once() {
    let t = site();
    let clean = t.tmp().join("clean");
    build_into(&t, &clean);
    let out = t.tmp().join("public");

    let mut first = spawn_build(&t, &out);
    wait_for_lock(&mut first, &out);
    signal(&first, libc::SIGSTOP);
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first build ended before it could be paused"
    );
    let pid = first.id();
    let (code, stderr) = run_build(&t, &out);
    signal(&first, libc::SIGCONT);
    let done = first.wait_with_output().unwrap();
    assert_eq!(code, Some(1), "the second build:\n{stderr}");
    assert_refused_by(&stderr, &out, pid);
    assert!(
        done.status.success(),
        "the first build:\n{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_same(&out, &clean);

    // The same with the folder already built and a dispatch edited (the first build commits
    // into an existing folder).
    let mut t = t;
    t.file(
        "content/gen/d0001.md",
        "+++\ntitle = \"Edited\"\ndate = 2023-02-02T01:01:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nEdited.\n",
    );
    build_into(&t, &clean);
    let mut first = spawn_build(&t, &out);
    wait_for_lock(&mut first, &out);
    signal(&first, libc::SIGSTOP);
    let pid = first.id();
    let (code, stderr) = run_build(&t, &out);
    signal(&first, libc::SIGCONT);
    assert!(first.wait().unwrap().success());
    assert_eq!(code, Some(1), "{stderr}");
    assert_refused_by(&stderr, &out, pid);
    assert_same(&out, &clean);
}

/// Two builds started together: whichever way they overlap, no build reports success over a
/// folder it did not write, a refused one says why, and the folder ends as a clean build.
#[test]
fn two_builds_started_together_leave_a_clean_build() {
    let t = site();
    let clean = t.tmp().join("clean");
    build_into(&t, &clean);
    let out = t.tmp().join("public");
    let (a, b) = (spawn_build(&t, &out), spawn_build(&t, &out));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let ok = [&a, &b].iter().filter(|o| o.status.success()).count();
    assert!(ok >= 1, "neither build succeeded");
    for o in [&a, &b].iter().filter(|o| !o.status.success()) {
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("another dateline build is writing"),
            "{stderr}"
        );
    }
    assert_same(&out, &clean);
}

/// A build that would find nothing to do still waits its turn: another build may be about to
/// change the folder it would call up to date.
#[test]
fn an_up_to_date_build_takes_the_lock_too() {
    let mut t = site();
    let out = t.out();
    t.build().success();
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(lock_file(&out))
        .expect("a build leaves its lock file beside the output folder");
    file.try_lock().unwrap();
    std::fs::write(lock_file(&out), std::process::id().to_string()).unwrap();
    t.build().failure();
    assert_eq!(t.last().code, Some(1));
    assert_refused_by(t.stderr(), &out, std::process::id());
    drop(file);
    t.build()
        .success()
        .stdout_contains("nothing changed since the last build");
}

/// A build SIGKILLed while it holds the lock leaves the lock file (with its pid), which does
/// not stop the next build; that build gives the clean output.
#[test]
fn a_lock_left_by_a_killed_build_does_not_block() {
    let t = site();
    let clean = t.tmp().join("clean");
    build_into(&t, &clean);
    let out = t.tmp().join("public");
    let mut child = spawn_build(&t, &out);
    wait_for_lock(&mut child, &out);
    let pid = child.id().to_string();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(lock_file(&out)).unwrap(), pid);
    let (code, stderr) = run_build(&t, &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert_same(&out, &clean);
}
