//! Hostile file systems: symlink loops and escapes, unreadable files, FIFOs, broken links,
//! folders named like dispatches, and names with spaces or Cyrillic. Each case is named in an
//! error (with a non-zero exit and an untouched output folder) or builds when it should; the
//! helpers are `hostile`'s.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::hostile::{DISPATCH, assert_refused, assert_untouched, build_with_watchdog, built};
use crate::support::{NOW, SiteTest, links, tree};

#[cfg(unix)]
#[test]
fn symlink_loops_are_named() {
    let (t, before) = built();
    std::fs::create_dir_all(t.path("content/loop")).unwrap();
    std::os::unix::fs::symlink("..", t.path("content/loop/up")).unwrap();
    std::os::unix::fs::symlink("self.md", t.path("content/self.md")).unwrap();
    std::os::unix::fs::symlink("ping.md", t.path("content/pong.md")).unwrap();
    std::os::unix::fs::symlink("pong.md", t.path("content/ping.md")).unwrap();
    let (code, stderr) = build_with_watchdog(&t, Duration::from_secs(60));
    assert_eq!(code, Some(1), "{stderr}");
    for name in [
        "content/loop/up",
        "content/self.md",
        "content/ping.md",
        "content/pong.md",
    ] {
        assert!(
            stderr.contains(&format!("{name}: error")),
            "{name} not named:\n{stderr}"
        );
    }
    assert!(stderr.contains("symlink loop"), "{stderr}");
    assert_untouched(&t, &before);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused_without_walking_them() {
    let (mut t, before) = built();
    let outside = t.tmp().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), DISPATCH).unwrap();
    // Walking into the linked folder would report this broken link too.
    std::os::unix::fs::symlink("missing", outside.join("dangling.md")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), t.path("content/2023/secret.md"))
        .unwrap();
    std::os::unix::fs::symlink(&outside, t.path("content/leak")).unwrap();
    assert_refused(
        &mut t,
        &before,
        &[
            "content/2023/secret.md: error: this symlink points outside the site",
            "content/leak: error: this symlink points outside the site",
        ],
    );
    t.stderr_lacks("dangling");
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_site_are_followed() {
    let mut t = SiteTest::fixture("basic");
    t.file("drafts/shared.md", DISPATCH);
    std::os::unix::fs::symlink(t.path("drafts/shared.md"), t.path("content/2023/linked.md"))
        .unwrap();
    t.build().success();
    t.file_contains("output/2023/05/linked/index.html", "Night in Kyiv");
}

/// Decodes `%XX` escapes (as browsers and `dateline serve` do before finding a file).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if b[i] == b'%'
            && let Some(Ok(v)) = hex.map(|h| u8::from_str_radix(h, 16))
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every local link of every HTML page, percent-decoded, that points to no file.
fn broken_decoded_links(out: &Path) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut broken = Vec::new();
    for (rel, bytes) in tree(out) {
        if rel.extension().is_none_or(|x| x != "html") {
            continue;
        }
        for link in links(&String::from_utf8_lossy(&bytes)) {
            let decoded = percent_decode(&link);
            let Some(target) = crate::support::resolve_link(&rel, &decoded) else {
                continue;
            };
            checked += 1;
            match target {
                Ok(p) if out.join(&p).is_file() => {}
                other => broken.push(format!("{}: {link} -> {other:?}", rel.display())),
            }
        }
    }
    (checked, broken)
}

#[test]
fn names_with_spaces_and_cyrillic_build_and_link() {
    let mut t = SiteTest::fixture("basic");
    t.file("content/2023/Зведення дня/Київ вночі.md", DISPATCH)
        .file(
            "content/2023/Обстріл Харкова/index.md",
            "+++\ntitle = \"Обстріл Харкова\"\ndate = 2023-06-02T10:00:00+03:00\ncities = [\"Kharkiv\"]\n+++\n\n\
             Read [the report](<звіт 1.pdf>), [the same](звіт%201.pdf) and see [the map](мапа.txt).\n",
        )
        .file("content/2023/Обстріл Харкова/звіт 1.pdf", "%PDF-1.4 report\n")
        .file("content/2023/Обстріл Харкова/мапа.txt", "map\n")
        .file("content/2023/Зведення дня/нотатки поля.txt", "notes\n");
    t.build().success();
    t.file_contains("output/2023/05/kyiv-vnochi/index.html", "Night in Kyiv")
        .file_contains(
            "output/2023/06/obstril-kharkova/index.html",
            "Обстріл Харкова",
        )
        .file_exists("output/2023/06/obstril-kharkova/звіт 1.pdf")
        .file_exists("output/2023/06/obstril-kharkova/мапа.txt")
        .file_exists("output/2023/Зведення дня/нотатки поля.txt");
    t.file_contains("output/index.html", "2023/05/kyiv-vnochi/")
        .file_contains("output/index.html", "2023/06/obstril-kharkova/");
    let (checked, broken) = broken_decoded_links(&t.out());
    assert!(checked > 50, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn two_files_claiming_one_url_are_both_named() {
    let (mut t, before) = built();
    t.file("content/2023/kyiv/night.md", DISPATCH)
        .file("content/2023/kharkiv/night.md", DISPATCH);
    assert_refused(
        &mut t,
        &before,
        &[
            "URL /2023/05/night/ is claimed by both",
            "content/2023/kharkiv/night.md",
            "content/2023/kyiv/night.md",
        ],
    );
}

/// Whether a file with mode 000 can still be read by this process (root can).
#[cfg(unix)]
fn root_reads_anything(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    readable
}

/// chmod 000. As a normal user the build fails naming the file. Tests here run as root, who
/// reads it anyway (CAP_DAC_OVERRIDE): then the equivalent behaviour is checked by running the
/// binary under `setpriv` with that capability dropped, so the mode really denies the read.
/// Without `setpriv`, root building it successfully is the correct behaviour and is asserted.
#[cfg(unix)]
#[test]
fn unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let (mut t, before) = built();
    t.file("content/2023/locked.md", DISPATCH);
    let locked = t.path("content/2023/locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let expect_denied = |code: Option<i32>, stderr: &str| {
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("content/2023/locked.md: error: Permission denied"),
            "{stderr}"
        );
    };
    if !root_reads_anything(t.tmp()) {
        t.build();
        expect_denied(t.last().code, t.stderr());
        assert_untouched(&t, &before);
    } else if let Some((code, stderr)) = build_without_dac_override(&t) {
        expect_denied(code, &stderr);
        assert_untouched(&t, &before);
    } else {
        t.build().success();
        t.file_exists("output/2023/05/locked/index.html");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

/// Runs the build as root minus the capabilities that bypass file modes; `None` when
/// `setpriv` is missing or cannot drop them here.
#[cfg(unix)]
fn build_without_dac_override(t: &SiteTest) -> Option<(Option<i32>, String)> {
    let caps = "-dac_override,-dac_read_search";
    let ok = Command::new("setpriv")
        .args(["--inh-caps", caps, "--bounding-set", caps, "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return None;
    }
    let root = t.root().display().to_string();
    let out = Command::new("setpriv")
        .args(["--inh-caps", caps, "--bounding-set", caps, "--"])
        .arg(env!("CARGO_BIN_EXE_dateline"))
        .args(["build", "--root", &root, "--now", NOW])
        .current_dir(t.tmp())
        .output()
        .ok()?;
    Some((
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Root can read any mode, so unreadable files are also made another way: a FIFO named
/// `x.md` (opening it would block forever) and a symlink to nothing.
#[cfg(unix)]
#[test]
fn fifo_and_broken_link_are_named_without_hanging() {
    let (mut t, before) = built();
    let fifo = t.path("content/2023/pipe.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    std::os::unix::fs::symlink("gone.md", t.path("content/2023/dangling.md")).unwrap();
    let (code, stderr) = build_with_watchdog(&t, Duration::from_secs(60));
    assert_eq!(code, Some(1), "{stderr}");
    if made {
        assert!(
            stderr.contains("content/2023/pipe.md: error: not a regular file"),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("content/2023/dangling.md: error: broken symlink"),
        "{stderr}"
    );
    assert_untouched(&t, &before);
    t.remove("content/2023/dangling.md");
}

/// A folder named like a dispatch is a folder: its dispatches build, nothing breaks.
#[test]
fn folder_named_like_a_dispatch_is_a_folder() {
    let mut t = SiteTest::fixture("basic");
    std::fs::create_dir_all(t.path("content/2023/empty.md")).unwrap();
    t.file("content/2023/notes.md/inner.md", DISPATCH);
    t.build().success();
    t.file_exists("output/2023/05/inner/index.html");
}

/// Every folder under `dir`, relative.
fn folders(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    found.sort();
    found
}

/// Runs `dateline build` on `t` with every file it writes capped at `limit` bytes
/// (`RLIMIT_FSIZE`, no root needed): a write past the cap fails with EFBIG, "File too large",
/// part-way through the file, as a full disk does with ENOSPC.
#[cfg(unix)]
fn build_with_file_size_limit(t: &SiteTest, limit: u64) -> (Option<i32>, String) {
    use std::os::unix::process::CommandExt;
    let root = t.root().display().to_string();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.args(["build", "--root", &root, "--now", NOW])
        .current_dir(t.tmp());
    // SAFETY: between fork and exec the closure only calls signal(2) and setrlimit(2), which
    // are async-signal-safe, and allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            // Ignored, SIGXFSZ makes the write fail instead of killing the process; the
            // disposition survives exec.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let cap = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().expect("run dateline");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A rebuild that runs out of room part-way through writing pages (a new dispatch, in a new
/// year's folder, whose page is past the cap) fails with the system's reason, told once, and
/// leaves the old site exactly: no temp files, no half-written pages, no new empty folders.
#[cfg(unix)]
#[test]
fn a_rebuild_on_a_full_disk_fails_with_the_reason_and_leaves_nothing() {
    let (mut t, before) = built();
    let folders_before = folders(&t.out());
    let long = "The shelling went on through the night. ".repeat(5_000);
    t.file(
        "content/2025/long-night.md",
        &format!(
            "+++\ntitle = \"Long night\"\ndate = 2025-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\n{long}\n"
        ),
    );
    let (code, stderr) = build_with_file_size_limit(&t, 64 * 1024);
    assert_eq!(code, Some(1), "{stderr}");
    let reason = std::io::Error::from_raw_os_error(libc::EFBIG).to_string();
    assert_eq!(
        stderr.matches(&reason).count(),
        1,
        "the reason ({reason}) is not told exactly once:\n{stderr}"
    );
    assert_untouched(&t, &before);
    assert_eq!(folders(&t.out()), folders_before, "new folders were left");
    t.build().success();
    t.file_contains("output/2025/03/long-night/index.html", "Long night");
}

/// `chmod -R a-w output`, then a rebuild with an edited dispatch: one line with the system's
/// reason ("Permission denied"), not one per page, and the site untouched. As root (whom modes
/// do not stop) the build runs without the capabilities that bypass them, as
/// `unreadable_file_is_named` does; without `setpriv` the reason cannot be produced and the
/// de-duplication is covered by `error::tests` alone.
#[cfg(unix)]
#[test]
fn a_read_only_output_gives_the_reason_once() {
    use std::os::unix::fs::PermissionsExt;
    let (mut t, before) = built();
    let edited = t.read("content/2024/bakhmut-ruins.md") + "\nOne more line.\n";
    t.file("content/2024/bakhmut-ruins.md", &edited);
    let out = t.out();
    let set_mode = |dir_mode: u32, file_mode: u32| {
        for e in walkdir::WalkDir::new(&out).into_iter().flatten() {
            let mode = if e.file_type().is_dir() {
                dir_mode
            } else {
                file_mode
            };
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    set_mode(0o555, 0o444);
    let result = if !root_reads_anything(t.tmp()) {
        t.build();
        Some((t.last().code, t.stderr().to_string()))
    } else {
        build_without_dac_override(&t)
    };
    set_mode(0o755, 0o644);
    let Some((code, stderr)) = result else {
        eprintln!("skipped: running as root without setpriv, modes do not stop writes");
        return;
    };
    assert_eq!(code, Some(1), "{stderr}");
    let reason = std::io::Error::from_raw_os_error(libc::EACCES).to_string();
    assert_eq!(
        stderr.matches(&reason).count(),
        1,
        "the reason ({reason}) is not told exactly once:\n{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert_untouched(&t, &before);
}
