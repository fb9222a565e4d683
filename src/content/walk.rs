//! Walking `content/`: dispatches and the files beside them, in a stable order.
//!
//! Skips hidden and editor temp files. Symlinks are followed only while they stay inside the
//! site root; a loop or a link out of the site is an error naming the link.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location};
use crate::paths::rel;

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

    /// Whether the Markdown file `abs` is an update of a live dispatch: not an `index.md`, in
    /// a folder with an `index.md` or in the `updates/` folder of one (see
    /// [`crate::content::live::owner_dir`]).
    pub fn is_update(&self, abs: &Path) -> bool {
        let has = |p: &Path| {
            (self.markdown)
                .binary_search_by(|f| f.abs.as_path().cmp(p))
                .is_ok()
        };
        crate::content::live::owner_dir(abs, has).is_some()
    }
}

/// Walks `dir` (under `root`), sorted by path.
///
/// Folders are read in the order the file system gives and the two lists sorted once at the
/// end ([`crate::paths::path_order`]: the order of `Path`'s `Ord`, which is also the order of
/// a walk that sorts each folder by name). Names are cut from paths as bytes: parsing paths
/// into components (for the name, the extension and the path under `root`) and sorting every
/// folder by name was most of the walk's time, which nothing else overlaps.
pub fn walk(dir: &Path, root: &Path, errors: &mut Vec<Error>) -> Walked {
    let mut out = Walked::default();
    if !dir.is_dir() {
        return out;
    }
    let root_canon = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !crate::paths::is_ignored_bytes(file_name(e)));
    while let Some(entry) = it.next() {
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
                // A link to `/` must not walk the whole disk.
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            // A FIFO would block the build forever on open; a socket or device is no dispatch.
            errors.push(Error::content(
                Location::file(rel(entry.path(), root)),
                "not a regular file (a named pipe, socket or device); dateline reads only plain files here, remove it",
            ));
            continue;
        }
        let markdown = is_markdown(file_name(&entry));
        let abs = entry.into_path();
        let sf = SourceFile {
            rel: rel(&abs, root),
            abs,
        };
        if markdown {
            out.markdown.push(sf);
        } else {
            out.other.push(sf);
        }
    }
    let by_path = |a: &SourceFile, b: &SourceFile| crate::paths::path_order(&a.abs, &b.abs);
    out.markdown.sort_unstable_by(by_path);
    out.other.sort_unstable_by(by_path);
    out
}

/// Whether a file name has the extension `md` (as `Path::extension` would find it).
fn is_markdown(name: &[u8]) -> bool {
    name.len() > ".md".len() && name.ends_with(b".md")
}

fn walk_error(e: walkdir::Error, root: &Path) -> Error {
    let abs = e.path().map(Path::to_path_buf);
    let path = abs.as_deref().map(|p| rel(p, root)).unwrap_or_default();
    if e.loop_ancestor().is_some() {
        return Error::content(
            Location::file(path),
            "symlink loop: this link points back to a folder that contains it; remove the link",
        );
    }
    let is_link = abs
        .as_deref()
        .and_then(|p| p.symlink_metadata().ok())
        .is_some_and(|m| m.file_type().is_symlink());
    match e.into_io_error() {
        Some(io) if is_link && io.kind() == std::io::ErrorKind::NotFound => Error::content(
            Location::file(path),
            "broken symlink: the file it points to does not exist; fix or remove the link",
        ),
        // ELOOP ("too many levels of symbolic links"): a link to itself or a chain that never ends.
        Some(io) if is_link => Error::content(
            Location::file(path),
            format!("cannot follow this symlink ({io}); fix or remove the link"),
        ),
        Some(io) => Error::io(&path, io),
        None => Error::content(Location::file(path), "cannot read this folder"),
    }
}

/// Orders a folder's entries by file name, as walkdir's `sort_by_file_name` does, but cuts
/// each name from its path with one backwards byte search instead of parsing the path into
/// components. For the small walks that sort as they go (theme and `static/` files); the walk
/// of `content/` sorts once at the end instead.
pub fn by_file_name(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    file_name(a).cmp(file_name(b))
}

fn file_name(e: &walkdir::DirEntry) -> &[u8] {
    let path = e.path().as_os_str().as_encoded_bytes();
    #[cfg(unix)]
    let sep = memchr::memrchr(b'/', path);
    #[cfg(not(unix))]
    let sep = memchr::memrchr2(b'/', b'\\', path);
    &path[sep.map_or(0, |i| i + 1)..]
}

#[cfg(test)]
mod tests {
    #[test]
    fn orders_entries_as_sort_by_file_name_does() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "a/b.md", "a-c.md", "ab.md", "a/a/z.md", "B.md", "é.md", "a.b/x.md", "0.md",
        ] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "").unwrap();
        }
        let order = |w: walkdir::WalkDir| -> Vec<std::path::PathBuf> {
            w.into_iter().map(|e| e.unwrap().into_path()).collect()
        };
        let ours = order(walkdir::WalkDir::new(dir.path()).sort_by(super::by_file_name));
        let theirs = order(walkdir::WalkDir::new(dir.path()).sort_by_file_name());
        assert_eq!(ours.len(), 12);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn the_walk_finds_what_a_sorted_walk_finds_in_its_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let files = [
            "a/b.md",
            "a-c.md",
            "ab.md",
            "a/a/z.md",
            "B.md",
            "é.md",
            "a.b/x.md",
            "0.md",
            "a/photo.jpg",
            ".hidden.md",
            "x.md~",
            "#x.md#",
            ".git/c.md",
            "d.swp",
            "md",
            ".md",
            "z/.md",
            "notes.markdown",
            "a b/c d.md",
        ];
        for f in files {
            let p = root.join("content").join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "").unwrap();
        }
        for root in [root.clone(), root.join("."), root.join("content/..")] {
            let mut errors = Vec::new();
            let w = super::walk(&root.join("content"), &root, &mut errors);
            assert!(errors.is_empty());
            // What the walk did before: walkdir sorting each folder, `Path` methods throughout.
            let (mut md, mut other) = (Vec::new(), Vec::new());
            let it = walkdir::WalkDir::new(root.join("content"))
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !crate::paths::is_ignored(&e.file_name().to_string_lossy())
                });
            for e in it.map(Result::unwrap).filter(|e| e.file_type().is_file()) {
                let f = super::SourceFile {
                    rel: e.path().strip_prefix(&root).unwrap().to_path_buf(),
                    abs: e.path().to_path_buf(),
                };
                let is_md = e.path().extension().is_some_and(|x| x == "md");
                if is_md { md.push(f) } else { other.push(f) }
            }
            assert_eq!(w.markdown, md, "{root:?}");
            assert_eq!(w.other, other, "{root:?}");
            let shown = |v: &[super::SourceFile]| -> Vec<String> {
                v.iter().map(|f| f.rel.display().to_string()).collect()
            };
            assert_eq!(shown(&w.markdown), shown(&md));
            assert_eq!(w.markdown.len(), 9);
            assert_eq!(w.other.len(), 3);
        }
    }

    #[test]
    fn rel_cuts_the_root_as_strip_prefix_does() {
        use std::path::Path;
        let cases = [
            ("/s/content/a.md", "/s"),
            ("./content/a.md", "."),
            ("s/content/a.md", "s/"),
            ("s//content/a.md", "s"),
            ("s/./content/a.md", "s"),
            ("s/content/./a.md", "s"),
            ("s/content/.x/a.md", "s"),
            ("s/content/a.md/", "s"),
            ("s", "s"),
            ("s/", "s"),
            ("t/content/a.md", "s"),
            ("sx/content/a.md", "s"),
        ];
        for (p, r) in cases {
            let (p, r) = (Path::new(p), Path::new(r));
            let expected = p.strip_prefix(r).map_or(p.to_path_buf(), Path::to_path_buf);
            let got = super::rel(p, r);
            assert_eq!(got.as_os_str(), expected.as_os_str(), "{p:?} {r:?}");
        }
    }
}
