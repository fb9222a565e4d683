//! Walking `content/`: dispatches and the files beside them, in a stable order.
//!
//! Skips hidden and editor temp files. Symlinks are followed only while they stay inside the
//! site root; a loop or a link out of the site is an error naming the link.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location};

/// A file found under `content/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/2023/x.md`.
    pub rel: PathBuf,
    /// Absolute path.
    pub abs: PathBuf,
}

/// What the walk found.
#[derive(Debug, Default, Clone)]
pub struct Walked {
    /// Markdown files.
    pub markdown: Vec<SourceFile>,
    /// Everything else (photos, PDFs…).
    pub other: Vec<SourceFile>,
}

impl Walked {
    /// Whether `abs` is one of the files found.
    pub fn contains(&self, abs: &Path) -> bool {
        let find = |v: &[SourceFile]| v.binary_search_by(|f| f.abs.as_path().cmp(abs)).is_ok();
        find(&self.markdown) || find(&self.other)
    }
}

/// True for names editors and systems leave behind.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Walks `dir` (under `root`), sorted by path.
pub fn walk(dir: &Path, root: &Path, errors: &mut Vec<Error>) -> Walked {
    let mut out = Walked::default();
    if !dir.is_dir() {
        return out;
    }
    let root_canon = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in it {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(walk_error(e, root));
                continue;
            }
        };
        if entry.path_is_symlink() {
            let target = entry.path().canonicalize();
            if !target.as_ref().is_ok_and(|t| t.starts_with(&root_canon)) {
                errors.push(Error::content(
                    Location::file(rel(entry.path(), root)),
                    "this symlink points outside the site; copy the file into the site instead",
                ));
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let sf = SourceFile {
            rel: rel(entry.path(), root),
            abs: entry.path().to_path_buf(),
        };
        if entry.path().extension().is_some_and(|x| x == "md") {
            out.markdown.push(sf);
        } else {
            out.other.push(sf);
        }
    }
    out
}

fn walk_error(e: walkdir::Error, root: &Path) -> Error {
    let path = e.path().map(|p| rel(p, root)).unwrap_or_default();
    if e.loop_ancestor().is_some() {
        return Error::content(
            Location::file(path),
            "symlink loop: this link points back to a folder that contains it; remove the link",
        );
    }
    match e.into_io_error() {
        Some(io) => Error::io(&path, io),
        None => Error::content(Location::file(path), "cannot read this folder"),
    }
}

/// `path` relative to `root` when it is inside, else as given.
pub fn rel(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
