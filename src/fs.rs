//! File-system helpers that always name the path in their errors.
//!
//! No other module calls `std::fs` for user files. Writes go through a temp file in the same
//! folder followed by a rename, so a killed build leaves every file either old or new.

use std::path::Path;

use crate::error::{Error, Result};

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads a file as UTF-8 text (templates, settings), naming the first bad byte's line when it
/// is not. Dispatches go through [`read_text_bytes`] and [`utf8`] instead, which check faster
/// and let the parser borrow the text.
pub fn read_to_string(path: &Path, shown: &Path) -> Result<String> {
    String::from_utf8(read_text_bytes(path, shown)?)
        .map_err(|e| utf8_error(e.as_bytes(), e.utf8_error().valid_up_to(), shown))
}

/// Reads a text file's bytes (to be checked with [`utf8`]). Text files are small: they are read
/// into a 16 KiB buffer that grows if needed, without first asking the file's size
/// (`std::fs::read` does, one `statx` per file: 10,000 of them per build of an archive that
/// size).
pub fn read_text_bytes(path: &Path, shown: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(16 * 1024);
    // Through `take`, as a plain reader: `File`'s own `read_to_end` asks for the size first.
    std::fs::File::open(path)
        .and_then(|f| f.take(u64::MAX).read_to_end(&mut bytes))
        .map_err(|e| Error::io(shown, e))?;
    Ok(bytes)
}

/// The bytes of the text file `shown` as UTF-8, or an error naming the line of the first bad
/// byte. Checked with `simdutf8`, several times faster than the standard library on the
/// dispatches of a large archive (79 MB at 10,000).
pub fn utf8<'a>(bytes: &'a [u8], shown: &Path) -> Result<&'a str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => {
            let good = simdutf8::compat::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            Err(utf8_error(bytes, good, shown))
        }
    }
}

fn utf8_error(bytes: &[u8], good: usize, shown: &Path) -> Error {
    let line = bytes[..good].iter().filter(|b| **b == b'\n').count() + 1;
    Error::content(
        crate::error::Location::at(shown, line, 0),
        format!("the file is not valid UTF-8 (bad byte at offset {good}); re-save it as UTF-8"),
    )
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

/// Ends the name of the hidden temp file `write_atomic` writes beside its target
/// (`.<name>.dateline-tmp`). One left behind means a build was killed mid-write.
pub const TEMP_SUFFIX: &str = ".dateline-tmp";

/// Whether `name` is a temp file `write_atomic` makes.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX) && name.len() > TEMP_SUFFIX.len() + 1
}

/// The hidden temp file `write_atomic` writes before renaming it to `path`.
pub fn temp_path(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_SUFFIX}"))
}

/// Removes the temp files a killed build left anywhere under `dir`, and the folders it made
/// for them that are empty without them; returns how many files.
pub fn remove_temp_files(dir: &Path) -> Result<usize> {
    let temps: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && is_temp_name(&e.file_name().to_string_lossy()))
        .map(walkdir::DirEntry::into_path)
        .collect();
    for path in &temps {
        remove_file(path)?;
        remove_empty_parents(path, dir);
    }
    Ok(temps.len())
}

/// Removes the folders holding `path` (below `top`) that are empty, nearest first.
pub fn remove_empty_parents(path: &Path, top: &Path) {
    let mut dir = path.to_path_buf();
    while dir.pop() && dir != top && dir.starts_with(top) {
        if std::fs::remove_dir(&dir).is_err() {
            // Not empty (or not ours to remove): its parents are not empty either.
            break;
        }
    }
}

/// Writes `bytes` to `path` atomically: temp file beside it, then rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_temp(path, bytes)?;
    commit_temp(path)
}

/// Writes `bytes` to the hidden temp file of `path` (creating folders as needed), to be made
/// visible later by [`commit_temp`].
pub fn write_temp(path: &Path, bytes: &[u8]) -> Result<()> {
    write_new_in_place(&temp_path(path), bytes)
}

/// Writes a file in place (creating folders as needed): for paths with no file yet. A write
/// that fails part-way (a full disk) removes what it wrote.
fn write_new_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let written = match std::fs::write(path, bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)
        }
        r => r,
    };
    written.map_err(|e| {
        let _ = std::fs::remove_file(path);
        Error::io(path, e)
    })
}

/// A folder being built from nothing, open for writing files by paths relative to it: the
/// kernel then walks only the relative part of each path, not the folder's own path again
/// for every page (on Unix; elsewhere, plain paths).
#[derive(Debug)]
pub struct NewTree {
    path: std::path::PathBuf,
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
}

impl NewTree {
    /// Opens the (existing) folder `path`.
    pub fn open(path: &Path) -> Result<NewTree> {
        #[cfg(unix)]
        let fd = {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            rustix::fs::open(path, flags, Mode::empty()).map_err(|e| Error::io(path, e.into()))?
        };
        Ok(NewTree {
            path: path.to_path_buf(),
            #[cfg(unix)]
            fd,
        })
    }

    /// Writes `bytes` at `rel` inside the folder. Most pages sit alone in a folder of their
    /// own (`…/slug/index.html`), so the folder is made first (one `mkdir`, where trying the
    /// file first would cost a failed `open` for nearly every page).
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let parent = rel.parent().filter(|p| !p.as_os_str().is_empty());
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            use std::io::Write;
            if let Some(parent) = parent
                && rustix::fs::mkdirat(&self.fd, parent, Mode::from_raw_mode(0o777))
                    == Err(rustix::io::Errno::NOENT)
            {
                create_dir_all(&self.path.join(parent))?;
            }
            // Any other failure to make the folder shows as a failure to create the file.
            let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
            let full = || self.path.join(rel);
            let fd = rustix::fs::openat(&self.fd, rel, flags, Mode::from_raw_mode(0o666))
                .map_err(|e| Error::io(&full(), e.into()))?;
            std::fs::File::from(fd)
                .write_all(bytes)
                .map_err(|e| Error::io(&full(), e))
        }
        #[cfg(not(unix))]
        {
            let path = self.path.join(rel);
            if let Some(parent) = parent {
                let parent = self.path.join(parent);
                if let Err(e) = std::fs::create_dir(&parent)
                    && e.kind() == std::io::ErrorKind::NotFound
                {
                    create_dir_all(&parent)?;
                }
            }
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
        }
    }
}

/// Renames the temp file [`write_temp`] wrote over `path`.
pub fn commit_temp(path: &Path) -> Result<()> {
    let tmp = temp_path(path);
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Removes a file; a file already gone is fine.
pub fn remove_file(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// A folder tree being removed on another thread (see [`remove_dir_later`]).
#[derive(Debug)]
pub struct Sweeper {
    trash: std::path::PathBuf,
    thread: std::thread::JoinHandle<std::io::Result<()>>,
}

impl Sweeper {
    /// Waits until the tree is gone.
    pub fn finish(self) -> Result<()> {
        let done = self
            .thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        done.map_err(|e| Error::io(&self.trash, e))
    }
}

/// Removes the folder `dir` (if it exists) and the folder `trash` (what an earlier call left
/// when killed) without making the caller wait: `dir` is renamed into `trash` (one rename
/// however many files it holds) and `trash` is removed on a thread of its own. `trash` must be
/// on the same file system as `dir` (a sibling), and private to the caller.
pub fn remove_dir_later(dir: &Path, trash: &Path) -> Result<Option<Sweeper>> {
    let has_dir = dir.symlink_metadata().is_ok();
    if !has_dir && trash.symlink_metadata().is_err() {
        return Ok(None);
    }
    if has_dir {
        create_dir_all(trash)?;
        let name = format!("{}", std::process::id());
        let to = trash.join(name);
        if to.exists() {
            std::fs::remove_dir_all(&to).map_err(|e| Error::io(&to, e))?;
        }
        std::fs::rename(dir, &to).map_err(|e| Error::io(dir, e))?;
    }
    let trash = trash.to_path_buf();
    let thread = {
        let trash = trash.clone();
        std::thread::spawn(move || match std::fs::remove_dir_all(&trash) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })
    };
    Ok(Some(Sweeper { trash, thread }))
}

/// Removes a folder if it is empty; ignores failures (it may hold user files).
pub fn remove_empty_dir(path: &Path) {
    let _ = std::fs::remove_dir(path);
}

/// Writes a new file, refusing to overwrite one that exists.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.exists() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "file already exists; not overwriting it",
            ),
        ));
    }
    write_atomic(path, bytes)
}

/// Canonical absolute form of a path (the path itself if it does not exist yet).
pub fn absolute(path: &Path) -> std::path::PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    // Not existing yet: canonicalize the deepest existing ancestor, then append the rest.
    let mut rest = Vec::new();
    let mut cur = path.to_path_buf();
    while !cur.exists() {
        match (cur.file_name(), cur.parent()) {
            (Some(n), Some(p)) => {
                rest.push(n.to_os_string());
                cur = if p.as_os_str().is_empty() {
                    ".".into()
                } else {
                    p.to_path_buf()
                };
            }
            _ => break,
        }
    }
    let mut base = cur.canonicalize().unwrap_or(cur);
    for n in rest.into_iter().rev() {
        base.push(n);
    }
    base
}
