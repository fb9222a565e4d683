//! Writing a rendered site to disk: only what changed, atomically, never outside the folder.
//!
//! Dateline owns its output folder through a manifest (`.dateline-manifest`: hash, length and
//! path of every file it wrote). A rebuild writes a file only when its bytes differ, removes
//! files the new build no longer has, and writes the manifest last. It refuses to write into a
//! folder with files it did not make, or into the site's own sources.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::jobs::OutFile;

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = ".dateline-manifest";

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

fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

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
        text.push_str(&format!("{h:016x}\t{l}\t{}\n", p.display()));
    }
    text
}

/// Writes `files` into `out`, skipping identical files and removing stale ones.
///
/// Crash safety: each file is replaced by a rename, so a killed build leaves it old or new.
/// Before the first write, the manifest is rewritten with every file about to change marked
/// `UNSURE` (and the `INCOMPLETE` line); the final manifest replaces it at the end. So after a
/// kill the next build rewrites whatever was in flight, removes stale files the killed build
/// had already written, and deletes the temp files it left.
pub fn write_site(out: &Path, files: &[OutFile]) -> Result<WriteStats> {
    crate::fs::create_dir_all(out)?;
    let (old, interrupted) = match read_manifest(out)? {
        Some((map, interrupted)) => (map, interrupted),
        None => (HashMap::new(), true),
    };
    // Killed while writing the manifest itself: the old manifest looks complete, but the
    // build that left this temp file may have left others.
    let manifest_path = out.join(MANIFEST);
    if interrupted || crate::fs::temp_path(&manifest_path).exists() {
        crate::fs::remove_temp_files(out)?;
    }
    let mut new: BTreeMap<&Path, (u64, u64)> = BTreeMap::new();
    for f in files {
        debug_assert!(
            f.path.is_relative()
                && !f
                    .path
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
        );
        new.insert(&f.path, (hash(&f.bytes), f.bytes.len() as u64));
    }
    let todo: Vec<&OutFile> = files
        .par_iter()
        .filter(|f| {
            let entry = new[f.path.as_path()];
            let same = old.get(&f.path) == Some(&entry)
                && std::fs::metadata(out.join(&f.path))
                    .is_ok_and(|m| m.is_file() && m.len() == entry.1);
            !same
        })
        .collect();
    let mut stale: Vec<&PathBuf> = old
        .keys()
        .filter(|p| !new.contains_key(p.as_path()))
        .collect();
    stale.sort();
    if !todo.is_empty() || !stale.is_empty() {
        let mut intent: BTreeMap<&Path, (u64, u64)> =
            old.iter().map(|(p, e)| (p.as_path(), *e)).collect();
        for f in &todo {
            intent.insert(&f.path, UNSURE);
        }
        crate::fs::write_atomic(
            &manifest_path,
            manifest_text(intent.iter().map(|(p, e)| (*p, e)), true).as_bytes(),
        )?;
    }
    let results: Vec<Result<()>> = todo
        .par_iter()
        .map(|f| crate::fs::write_atomic(&out.join(&f.path), &f.bytes))
        .collect();
    if let Some(e) = results.into_iter().find_map(Result::err) {
        return Err(e);
    }
    let mut stats = WriteStats {
        written: todo.len(),
        unchanged: files.len() - todo.len(),
        removed: 0,
    };
    for p in stale {
        if p.is_relative() && !p.components().any(|c| c == std::path::Component::ParentDir) {
            crate::fs::remove_file(&out.join(p))?;
            stats.removed += 1;
            let mut dir = out.join(p);
            while dir.pop() && dir != out && dir.starts_with(out) {
                crate::fs::remove_empty_dir(&dir);
            }
        }
    }
    let manifest = manifest_text(new.iter().map(|(p, e)| (*p, e)), false);
    if std::fs::read(&manifest_path).ok().as_deref() != Some(manifest.as_bytes()) {
        crate::fs::write_atomic(&manifest_path, manifest.as_bytes())?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
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
        let mut intent: BTreeMap<&Path, (u64, u64)> =
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
}
