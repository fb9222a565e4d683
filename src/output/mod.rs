//! Writing a rendered site to disk: only what changed, atomically, never outside the folder.
//!
//! Dateline owns its output folder through a manifest (`.dateline-manifest`: hash, length and
//! path of every file it wrote). A rebuild writes a file only when its bytes differ, removes
//! files the new build no longer has, and writes the manifest last. It refuses to write into a
//! folder with files it did not make, or into the site's own sources.

use ahash::AHashMap as HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

mod lock;
mod stage;
pub use lock::{OutputLock, lock, lock_path};
pub use stage::{Stage, Staged};

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = ".dateline-manifest";

/// A rendered output file.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Path relative to the output folder.
    pub path: PathBuf,
    /// Bytes (cheap to clone and share with the preview server).
    pub bytes: bytes::Bytes,
}

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files created or replaced.
    pub written: usize,
    /// Files already identical.
    pub unchanged: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
}

/// Refuses output folders that would clobber the site's sources.
pub fn check_target(out: &Path, root: &Path) -> Result<()> {
    let out = crate::fs::absolute(out);
    let root = crate::fs::absolute(root);
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to write the site into {}: {why}; choose another --output",
            out.display()
        )))
    };
    if out == root || root.starts_with(&out) {
        return refuse("it is the site root or contains it");
    }
    for src in ["content", "static", "themes", "templates"] {
        if out.starts_with(root.join(src)) {
            return refuse(&format!("it is inside the site's {src}/ folder"));
        }
    }
    if out.parent().is_none() {
        return refuse("it is the file-system root");
    }
    Ok(())
}

pub use crate::hash::hash;

/// First line of a manifest written *before* a build's files (see `write_site`). Finding it
/// means that build was killed: its files are redone and its temp files removed.
const INCOMPLETE: &str = "# incomplete: a build was interrupted here; the next build redoes it";

/// The entry for a file about to be written: matches no real file, so the next build rewrites
/// it whatever state a kill left it in.
const UNSURE: (u64, u64) = (0, u64::MAX);

/// A manifest's entries, and whether it was left by an interrupted build.
type Manifest = (HashMap<PathBuf, (u64, u64)>, bool);

fn read_manifest(out: &Path) -> Result<Option<Manifest>> {
    let path = out.join(MANIFEST);
    if !path.exists() {
        let has_files = std::fs::read_dir(out)
            .map(|mut d| {
                d.any(|e| e.is_ok_and(|e| !e.file_name().to_string_lossy().starts_with('.')))
            })
            .unwrap_or(false);
        if has_files {
            return Err(Error::Usage(format!(
                "the output folder {} holds files that dateline did not write (no {MANIFEST}); empty it or choose another --output",
                out.display()
            )));
        }
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let mut map = HashMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        if let (Some(h), Some(l), Some(p)) = (parts.next(), parts.next(), parts.next())
            && let (Ok(h), Ok(l)) = (u64::from_str_radix(h, 16), l.parse())
        {
            map.insert(PathBuf::from(p), (h, l));
        }
    }
    Ok(Some((map, text.starts_with(INCOMPLETE))))
}

fn manifest_text<'a>(
    entries: impl IntoIterator<Item = (&'a Path, &'a (u64, u64))>,
    incomplete: bool,
) -> String {
    let mut text = String::new();
    if incomplete {
        text.push_str(INCOMPLETE);
        text.push('\n');
    }
    for (p, (h, l)) in entries {
        // As `writeln!(text, "{h:016x}\t{l}\t{}", p.display())` writes it, without the
        // formatting machinery (a manifest has a line per output file).
        const HEX: &[u8; 16] = b"0123456789abcdef";
        text.extend(
            (0..16)
                .rev()
                .map(|k| char::from(HEX[(h >> (4 * k) & 0xf) as usize])),
        );
        text.push('\t');
        let digits = l.checked_ilog10().map_or(1, |d| d + 1);
        text.extend(
            (0..digits)
                .rev()
                .map(|k| char::from(b'0' + (l / 10u64.pow(k) % 10) as u8)),
        );
        text.push('\t');
        match p.to_str() {
            Some(s) => text.push_str(s),
            None => {
                let _ = write!(text, "{}", p.display());
            }
        }
        text.push('\n');
    }
    text
}

/// The files of the finished build in `out` (paths relative to it, in path order), as its
/// manifest lists them: what `deploy` publishes. Bookkeeping (the manifest, the lock, temp
/// files) is never listed. An error when there is no finished build there.
pub fn published(out: &Path) -> Result<Vec<(PathBuf, u64)>> {
    let no_build = |why: &str| {
        Err(Error::Usage(format!(
            "{}: {why}; run `dateline build` first",
            out.display()
        )))
    };
    if !out.join(MANIFEST).is_file() {
        return no_build("no finished build here");
    }
    match read_manifest(out)? {
        Some((files, false)) if !out.join(stage::STAGING).exists() => {
            let mut list: Vec<(PathBuf, u64)> =
                files.into_iter().map(|(p, (_, len))| (p, len)).collect();
            list.sort_by(|a, b| crate::paths::path_order(&a.0, &b.0));
            Ok(list)
        }
        _ => no_build("the last build there was interrupted"),
    }
}

/// Whether `out` holds every file its manifest lists, at the listed length, with no build
/// interrupted there.
pub fn intact(out: &Path) -> bool {
    let Ok(Some((files, false))) = read_manifest(out) else {
        return false;
    };
    let stray = |p: PathBuf| p.exists();
    if stray(out.join(stage::STAGING)) || stray(crate::fs::temp_path(&out.join(MANIFEST))) {
        return false;
    }
    files.par_iter().all(|(p, (_, len))| {
        std::fs::metadata(out.join(p)).is_ok_and(|m| m.is_file() && m.len() == *len)
    })
}

/// Writes `files` into `out`, skipping identical files and removing stale ones (see
/// [`Stage`]; this is it for files already in memory).
pub fn write_site(out: &Path, files: &[OutFile]) -> Result<WriteStats> {
    let _lock = lock(out)?;
    let stage = Stage::open(out)?;
    let staged: Vec<Result<Staged>> = files
        .par_iter()
        .map(|f| stage.put(f.path.clone(), &f.bytes))
        .collect();
    let mut ok = Vec::with_capacity(staged.len());
    let mut err = None;
    for s in staged {
        match s {
            Ok(s) => ok.push(s),
            Err(e) => err = err.or(Some(e)),
        }
    }
    match err {
        Some(e) => {
            stage.abort(&ok);
            Err(e)
        }
        None => stage.commit(&ok),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn manifest_lines_are_formatted_as_before() {
        let entries = [
            (std::path::PathBuf::from("index.html"), (0u64, 0u64)),
            ("a/b.html".into(), (0x0123_4567_89ab_cdef, 9)),
            ("cities/київ/index.html".into(), (u64::MAX, 10)),
            ("x".into(), (1, u64::MAX)),
        ];
        let text = super::manifest_text(entries.iter().map(|(p, e)| (p.as_path(), e)), true);
        let mut want = format!("{}\n", super::INCOMPLETE);
        for (p, (h, l)) in &entries {
            want.push_str(&format!("{h:016x}\t{l}\t{}\n", p.display()));
        }
        assert_eq!(text, want);
    }

    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<OutFile> {
        list.iter()
            .map(|(p, b)| OutFile {
                path: PathBuf::from(p),
                bytes: bytes::Bytes::copy_from_slice(b.as_bytes()),
            })
            .collect()
    }

    fn read(out: &Path, p: &str) -> String {
        std::fs::read_to_string(out.join(p)).unwrap()
    }

    /// Replays what a build killed mid-write leaves: the intent manifest, some files already
    /// new (same length as the old ones, so length alone cannot tell), a new file, a temp file.
    #[test]
    fn a_killed_build_is_repaired_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let v1 = files(&[("a.html", "old a"), ("b/index.html", "old b")]);
        write_site(&out, &v1).unwrap();
        let v2 = files(&[
            ("a.html", "new a"),
            ("b/index.html", "new b"),
            ("c.html", "c"),
        ]);
        // The killed build: intent first, then two of its three files and a stray temp file.
        let old = read_manifest(&out).unwrap().unwrap().0;
        let mut intent: std::collections::BTreeMap<&Path, (u64, u64)> =
            old.iter().map(|(p, e)| (p.as_path(), *e)).collect();
        for f in &v2 {
            intent.insert(&f.path, UNSURE);
        }
        let text = manifest_text(intent.iter().map(|(p, e)| (*p, e)), true);
        crate::fs::write_atomic(&out.join(MANIFEST), text.as_bytes()).unwrap();
        crate::fs::write_atomic(&out.join("a.html"), b"new a").unwrap();
        crate::fs::write_atomic(&out.join("c.html"), b"c").unwrap();
        std::fs::write(out.join("b/.index.html.dateline-tmp"), "new").unwrap();

        // The editor reverts: the next build must restore v1 exactly.
        let stats = write_site(&out, &v1).unwrap();
        assert_eq!(read(&out, "a.html"), "old a");
        assert_eq!(read(&out, "b/index.html"), "old b");
        assert!(
            !out.join("c.html").exists(),
            "the killed build's new file stays"
        );
        assert!(!out.join("b/.index.html.dateline-tmp").exists());
        assert_eq!(stats.removed, 1);
        let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert!(!manifest.starts_with(INCOMPLETE), "{manifest}");

        // And the build after that has nothing to do.
        let stats = write_site(&out, &v1).unwrap();
        assert_eq!((stats.written, stats.removed), (0, 0));
    }

    #[test]
    fn a_killed_first_build_does_not_make_the_folder_foreign() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let v = files(&[("index.html", "home")]);
        let intent = manifest_text([(Path::new("index.html"), &UNSURE)], true);
        std::fs::write(out.join(MANIFEST), intent).unwrap();
        std::fs::write(out.join("index.html"), "ho").unwrap();
        write_site(&out, &v).unwrap();
        assert_eq!(read(&out, "index.html"), "home");
    }

    #[test]
    fn an_unchanged_build_leaves_the_manifest_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let v = files(&[("index.html", "home")]);
        write_site(&out, &v).unwrap();
        let before = std::fs::metadata(out.join(MANIFEST))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let stats = write_site(&out, &v).unwrap();
        assert_eq!(stats.written, 0);
        let after = std::fs::metadata(out.join(MANIFEST))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn a_new_output_folder_appears_whole_at_commit() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site/out");
        let stage = Stage::open(&out).unwrap();
        let a = stage.put("a/index.html".into(), b"a").unwrap();
        assert!(!out.exists(), "nothing is visible before commit");
        let stats = stage.commit(&[a]).unwrap();
        assert_eq!(stats.written, 1);
        assert_eq!(read(&out, "a/index.html"), "a");
        assert!(read(&out, MANIFEST).contains("a/index.html"));
        assert!(!crate::fs::temp_path(&out).exists());
    }

    #[test]
    fn a_killed_first_build_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let stage = Stage::open(&out).unwrap();
        stage.put("a.html".into(), b"half").unwrap();
        drop(stage); // killed: never committed
        assert!(crate::fs::temp_path(&out).exists() && !out.exists());
        let stage = Stage::open(&out).unwrap();
        let b = stage.put("b.html".into(), b"b").unwrap();
        stage.commit(&[b]).unwrap();
        assert!(
            !out.join("a.html").exists(),
            "the killed build's file is gone"
        );
        assert_eq!(read(&out, "b.html"), "b");
    }

    #[test]
    fn a_failed_build_leaves_the_old_site_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_site(
            &out,
            &files(&[("a.html", "old a"), ("b/index.html", "old b")]),
        )
        .unwrap();
        let before = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
        let stage = Stage::open(&out).unwrap();
        let staged = vec![
            stage.put("a.html".into(), b"new a").unwrap(),
            stage.put("c/new.html".into(), b"c").unwrap(),
        ];
        assert_eq!(
            read(&out, "a.html"),
            "old a",
            "nothing visible before commit"
        );
        stage.abort(&staged);
        assert_eq!(read(&out, "a.html"), "old a");
        assert_eq!(read(&out, "b/index.html"), "old b");
        assert!(
            !out.join("c").exists(),
            "folders made for new files are removed"
        );
        assert!(!out.join(".a.html.dateline-tmp").exists());
        assert!(!out.join(".dateline-staging").exists());
        assert_eq!(std::fs::read_to_string(out.join(MANIFEST)).unwrap(), before);
    }
}
