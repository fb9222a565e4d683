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

fn read_manifest(out: &Path) -> Result<Option<HashMap<PathBuf, (u64, u64)>>> {
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
    Ok(Some(map))
}

/// Writes `files` into `out`, skipping identical files and removing stale ones.
pub fn write_site(out: &Path, files: &[OutFile]) -> Result<WriteStats> {
    crate::fs::create_dir_all(out)?;
    let old = read_manifest(out)?.unwrap_or_default();
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
    let results: Vec<Result<bool>> = files
        .par_iter()
        .map(|f| {
            let dest = out.join(&f.path);
            let entry = new[f.path.as_path()];
            let same = old.get(&f.path) == Some(&entry)
                && std::fs::metadata(&dest).is_ok_and(|m| m.is_file() && m.len() == entry.1);
            if same {
                return Ok(false);
            }
            crate::fs::write_atomic(&dest, &f.bytes)?;
            Ok(true)
        })
        .collect();
    let mut stats = WriteStats::default();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(true) => stats.written += 1,
            Ok(false) => stats.unchanged += 1,
            Err(e) => errors.push(e),
        }
    }
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    let mut stale: Vec<&PathBuf> = old
        .keys()
        .filter(|p| !new.contains_key(p.as_path()))
        .collect();
    stale.sort();
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
    let mut manifest = String::with_capacity(new.len() * 64);
    for (p, (h, l)) in &new {
        manifest.push_str(&format!("{h:016x}\t{l}\t{}\n", p.display()));
    }
    let manifest_path = out.join(MANIFEST);
    if std::fs::read(&manifest_path).ok().as_deref() != Some(manifest.as_bytes()) {
        crate::fs::write_atomic(&manifest_path, manifest.as_bytes())?;
    }
    Ok(stats)
}
