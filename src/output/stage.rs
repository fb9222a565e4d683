//! Staging a build's files in its output folder while the site renders, and making them
//! visible together at the end (or not at all).

use ahash::AHashMap as HashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use super::{MANIFEST, UNSURE, WriteStats, hash, manifest_text, read_manifest};
use crate::error::{Error, Result};

/// Marks an output folder whose build is staging temp files beside their targets (nothing
/// visible changed yet). Finding it means that build was killed while staging: its temp files
/// are removed.
pub(super) const STAGING: &str = ".dateline-staging";

/// One file handed to a [`Stage`].
#[derive(Debug, Clone)]
pub struct Staged {
    /// Path relative to the output folder.
    pub path: PathBuf,
    hash: u64,
    len: u64,
    how: How,
}

/// How a file was staged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// Already on disk with these bytes: nothing written.
    Same,
    /// Written to a hidden temp file beside its target, renamed over it at commit.
    Temp,
    /// Written in place inside a new folder that becomes the output folder at commit.
    New,
}

/// The manifest of `files` (distinct paths), in path order; in parallel, as a manifest lists
/// every file (130,000 at 50,000 dispatches).
fn manifest_of(files: &[Staged]) -> String {
    let mut sorted: Vec<(&Path, (u64, u64))> = files
        .iter()
        .map(|f| (f.path.as_path(), (f.hash, f.len)))
        .collect();
    sorted.par_sort_unstable_by(|a, b| crate::paths::path_order(a.0, b.0));
    let parts: Vec<String> = sorted
        .par_chunks(4096)
        .map(|chunk| manifest_text(chunk.iter().map(|(p, e)| (*p, e)), false))
        .collect();
    parts.concat()
}

/// An output folder being written.
///
/// While the site renders, each file is handed to [`Stage::put`] as soon as it exists, from
/// any thread, so rendered pages are never all held in memory. Nothing visible changes before
/// [`Stage::commit`]; [`Stage::abort`] (after a render error) removes what was staged and
/// leaves the old site as it was.
///
/// - An output folder that does not exist yet is built as a hidden sibling folder
///   (`.<name>.dateline-tmp`) and renamed into place at commit: one rename for the whole site.
/// - In an existing output folder, a file whose bytes match the manifest (and is on disk with
///   that length) is left alone; any other is written to a hidden temp file beside its target,
///   and commit renames them under the manifest's crash protocol.
#[derive(Debug)]
pub struct Stage {
    out: PathBuf,
    /// Where files are written: `out`, or the sibling folder that will become it.
    dir: PathBuf,
    /// The sibling folder, open, when the output folder is new (and only then).
    tree: Option<crate::fs::NewTree>,
    old: HashMap<PathBuf, (u64, u64)>,
    /// Set once the staging marker is written (before the first temp file), with how writing
    /// it failed if it did (the error kind and OS code: `io::Error` cannot be cloned).
    marked: OnceLock<std::result::Result<(), (std::io::ErrorKind, Option<i32>)>>,
    /// Files whose staging failed (a full disk): what they left is removed by `abort`.
    failed: Mutex<Vec<PathBuf>>,
    /// Removing what a killed first build left (finished before commit).
    sweeper: Option<crate::fs::Sweeper>,
    /// Write `.gz` and `.br` copies beside text files (`precompress = true`).
    precompress: bool,
    /// The compressed copies staged by `put`, added to the files at commit.
    sidecars: Mutex<Vec<Staged>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Fails when a compressed copy has the name of a site file (`a.html.gz` in `static/` beside
/// a page `a.html`): both were written to one place. `files` is in path order.
fn no_clash(files: &[Staged]) -> Result<()> {
    match files.windows(2).find(|w| w[0].path == w[1].path) {
        Some(w) => Err(Error::Usage(format!(
            "two outputs claim {} (a site file has the name of a compressed copy); rename it or set precompress = false",
            w[0].path.display()
        ))),
        None => Ok(()),
    }
}

/// The hidden sibling folder a new output folder is built in.
fn sibling(out: &Path) -> PathBuf {
    crate::fs::temp_path(out)
}

/// The hidden sibling folder where a killed first build's folder is moved to be removed.
fn trash(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.dateline-trash"))
}

impl Stage {
    /// Opens `out` for writing, cleaning up after a killed build.
    pub fn open(out: &Path) -> Result<Stage> {
        let tmp = sibling(out);
        // A first build was killed: its folder never became the output folder. It can hold a
        // whole site (tens of thousands of files), so it is removed while this build renders.
        let sweeper = crate::fs::remove_dir_later(&tmp, &trash(out))?;
        if !out.exists() {
            crate::fs::create_dir_all(&tmp)?;
            return Ok(Stage {
                out: out.to_path_buf(),
                tree: Some(crate::fs::NewTree::open(&tmp)?),
                dir: tmp,
                old: HashMap::new(),
                marked: OnceLock::new(),
                failed: Mutex::default(),
                sweeper,
                precompress: false,
                sidecars: Mutex::default(),
            });
        }
        let (old, interrupted) = read_manifest(out)?.unwrap_or((HashMap::new(), true));
        let marker = out.join(STAGING);
        // Killed while writing the manifest itself: the old manifest looks complete, but the
        // build that left this temp file may have left others.
        let leftover = |name: &str| crate::fs::temp_path(&out.join(name)).exists();
        if interrupted || leftover(MANIFEST) || marker.exists() {
            crate::fs::remove_temp_files(out)?;
            crate::fs::remove_file(&marker)?;
        }
        Ok(Stage {
            out: out.to_path_buf(),
            dir: out.to_path_buf(),
            tree: None,
            old,
            marked: OnceLock::new(),
            failed: Mutex::default(),
            sweeper,
            precompress: false,
            sidecars: Mutex::default(),
        })
    }

    /// Also writes compressed copies (`.gz`, `.br`, where they pay) beside every text file
    /// `put` stages; a file whose bytes did not change keeps the copies it has.
    pub fn precompress(mut self, on: bool) -> Stage {
        self.precompress = on;
        self
    }

    /// Stages one file: compares it with the manifest and writes it (to a temp file, or into
    /// the new folder) when it changed.
    pub fn put(&self, path: PathBuf, bytes: &[u8]) -> Result<Staged> {
        debug_assert!(
            path.is_relative()
                && !path
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
        );
        let (hash, len) = (hash(bytes), bytes.len() as u64);
        let how = match self.write(&path, bytes, (hash, len)) {
            Ok(how) => how,
            Err(e) => {
                lock(&self.failed).push(path);
                return Err(e);
            }
        };
        if self.precompress {
            let copies = self.compressed_copies(&path, bytes, how)?;
            lock(&self.sidecars).extend(copies);
        }
        Ok(Staged {
            path,
            hash,
            len,
            how,
        })
    }

    /// Stages the compressed copies of one file: those the manifest lists, untouched, when the
    /// file did not change and they are still on disk; else freshly made ones.
    fn compressed_copies(&self, path: &Path, bytes: &[u8], how: How) -> Result<Vec<Staged>> {
        use crate::hosting::compress;
        if bytes.len() < compress::MIN_LEN || !compress::is_compressible(path) {
            return Ok(Vec::new());
        }
        if how == How::Same {
            let kept: Vec<Staged> = compress::Encoding::ALL
                .into_iter()
                .map(|enc| compress::sidecar_path(path, enc))
                .filter_map(|p| {
                    let &(hash, len) = self.old.get(&p)?;
                    let on_disk = std::fs::metadata(self.dir.join(&p))
                        .is_ok_and(|m| m.is_file() && m.len() == len);
                    on_disk.then_some(Staged {
                        path: p,
                        hash,
                        len,
                        how: How::Same,
                    })
                })
                .collect();
            if !kept.is_empty() {
                return Ok(kept);
            }
        }
        let mut staged = Vec::new();
        for (p, body) in compress::sidecars(path, bytes) {
            let entry = (hash(&body), body.len() as u64);
            match self.write(&p, &body, entry) {
                Ok(how) => staged.push(Staged {
                    path: p,
                    hash: entry.0,
                    len: entry.1,
                    how,
                }),
                Err(e) => {
                    let mut failed = lock(&self.failed);
                    failed.extend(staged.into_iter().map(|s| s.path));
                    failed.push(p);
                    return Err(e);
                }
            }
        }
        Ok(staged)
    }

    /// Writes one file where `put` says, unless it is on disk already.
    fn write(&self, path: &Path, bytes: &[u8], entry: (u64, u64)) -> Result<How> {
        if let Some(tree) = &self.tree {
            tree.write(path, bytes)?;
            return Ok(How::New);
        }
        let target = self.dir.join(path);
        if self.old.get(path) == Some(&entry)
            && std::fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == entry.1)
        {
            return Ok(How::Same);
        }
        let marker = self.out.join(STAGING);
        let marked = self
            .marked
            .get_or_init(|| std::fs::write(&marker, b"").map_err(|e| (e.kind(), e.raw_os_error())));
        if let Err((kind, code)) = *marked {
            // The system's reason (a read-only folder, a full disk), as it gave it.
            let e = code.map_or_else(|| kind.into(), std::io::Error::from_raw_os_error);
            return Err(Error::io(&marker, e));
        }
        crate::fs::write_temp(&target, bytes)?;
        Ok(How::Temp)
    }

    /// Makes the staged files visible and removes files the site no longer has.
    ///
    /// Crash safety in an existing folder: before the first rename the manifest is rewritten
    /// with every file about to change marked `UNSURE` (and the `INCOMPLETE` line); the final
    /// manifest replaces it at the end. So after a kill the next build rewrites whatever was in
    /// flight, removes stale files the killed build had already made visible, and deletes its
    /// temp files.
    ///
    /// When it fails (a full disk), the temp files and the folders made for them are removed
    /// before the error is returned.
    pub fn commit(mut self, files: &[Staged]) -> Result<WriteStats> {
        let swept = self
            .sweeper
            .take()
            .map_or(Ok(()), crate::fs::Sweeper::finish);
        let all = self.with_sidecars(files);
        let result = swept
            .and_then(|()| no_clash(&all))
            .and_then(|()| self.make_visible(&all));
        if result.is_err() {
            self.clean(&all);
        }
        result
    }

    /// `files` and the compressed copies staged beside them, in path order.
    fn with_sidecars(&self, files: &[Staged]) -> Vec<Staged> {
        let sidecars = std::mem::take(&mut *lock(&self.sidecars));
        let mut all = files.to_vec();
        if !sidecars.is_empty() {
            all.extend(sidecars);
            all.par_sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
        }
        all
    }

    fn make_visible(&self, files: &[Staged]) -> Result<WriteStats> {
        if self.tree.is_some() {
            let manifest = manifest_of(files);
            crate::fs::write_atomic(&self.dir.join(MANIFEST), manifest.as_bytes())?;
            std::fs::rename(&self.dir, &self.out).map_err(|e| Error::io(&self.out, e))?;
            return Ok(WriteStats {
                written: files.len(),
                ..WriteStats::default()
            });
        }
        let new: ahash::AHashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        let manifest = manifest_of(files);
        let manifest_path = self.out.join(MANIFEST);
        let changed: Vec<&Staged> = files.iter().filter(|f| f.how == How::Temp).collect();
        let mut stale: Vec<&PathBuf> = self
            .old
            .keys()
            .filter(|p| !new.contains(p.as_path()))
            .collect();
        stale.sort();
        if !changed.is_empty() || !stale.is_empty() {
            let mut intent: BTreeMap<&Path, (u64, u64)> =
                self.old.iter().map(|(p, e)| (p.as_path(), *e)).collect();
            for f in &changed {
                intent.insert(&f.path, UNSURE);
            }
            crate::fs::write_atomic(
                &manifest_path,
                manifest_text(intent.iter().map(|(p, e)| (*p, e)), true).as_bytes(),
            )?;
        }
        let results: Vec<Result<()>> = changed
            .par_iter()
            .map(|f| crate::fs::commit_temp(&self.out.join(&f.path)))
            .collect();
        if let Some(e) = results.into_iter().find_map(Result::err) {
            return Err(e);
        }
        let mut stats = WriteStats {
            written: changed.len(),
            unchanged: files.len() - changed.len(),
            removed: 0,
        };
        for p in stale {
            if p.is_relative() && !p.components().any(|c| c == std::path::Component::ParentDir) {
                crate::fs::remove_file(&self.out.join(p))?;
                stats.removed += 1;
                self.remove_empty_parents(p);
            }
        }
        if std::fs::read(&manifest_path).ok().as_deref() != Some(manifest.as_bytes()) {
            crate::fs::write_atomic(&manifest_path, manifest.as_bytes())?;
        }
        crate::fs::remove_file(&self.out.join(STAGING))?;
        Ok(stats)
    }

    /// Removes what a failed build staged; the old site stays as it was.
    pub fn abort(mut self, files: &[Staged]) {
        if let Some(s) = self.sweeper.take() {
            let _ = s.finish();
        }
        let all = self.with_sidecars(files);
        self.clean(&all);
    }

    /// Removes the temp files of `files` and of the files that failed to stage, the folders
    /// made for them, and the staging marker (or the whole folder of a new output).
    fn clean(&self, files: &[Staged]) {
        if self.tree.is_some() {
            let _ = std::fs::remove_dir_all(&self.dir);
            return;
        }
        let failed = std::mem::take(&mut *lock(&self.failed));
        let temps = files.iter().filter(|f| f.how == How::Temp).map(|f| &f.path);
        for rel in temps.chain(&failed) {
            let tmp = crate::fs::temp_path(&self.out.join(rel));
            let _ = crate::fs::remove_file(&tmp);
            self.remove_empty_parents(rel);
        }
        if self.marked.get().is_some() {
            let _ = crate::fs::remove_file(&self.out.join(STAGING));
        }
    }

    fn remove_empty_parents(&self, rel: &Path) {
        crate::fs::remove_empty_parents(&self.out.join(rel), &self.out);
    }
}
