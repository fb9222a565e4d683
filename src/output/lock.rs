//! One build at a time per output folder: an exclusive OS file lock held from the up-to-date
//! check to the last write.
//!
//! The lock is `flock`-style (`File::try_lock`): the kernel drops it when the process ends, so
//! a build that was killed never blocks the next one; the file it leaves is harmless and is
//! reused (never deleted: removing a lock file while another process has it open lets two
//! builds lock two different files of the same name).
//!
//! The lock file sits *beside* the output folder, as `<parent>/.<name>.dateline-lock`, not in
//! it: a first build makes its output as a hidden sibling folder renamed into place at commit
//! (so the output folder cannot exist before then), and a file inside the output folder would
//! be copied by anyone who uploads the folder. Its neighbour `.<name>.dateline-tmp` (the
//! first build's staging folder) already lives there, so writing beside the output folder is
//! nothing new.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Ends the lock file's name (`.<name>.dateline-lock`).
const LOCK_SUFFIX: &str = ".dateline-lock";

/// The lock file of the output folder `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}{LOCK_SUFFIX}"))
}

/// A held lock on an output folder; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct OutputLock {
    _file: std::fs::File,
}

/// Takes the lock of the output folder `out`, or fails at once naming the build that holds it.
pub fn lock(out: &Path) -> Result<OutputLock> {
    let path = lock_path(out);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::fs::create_dir_all(parent)?;
    }
    // Not truncated on open: the holder's pid is in it.
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Error::Usage(format!(
                "another dateline build is writing {} (pid {}); wait for it to finish",
                out.display(),
                holder(&mut file)
            )));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
    }
    let pid = std::process::id().to_string();
    (file.set_len(0))
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(pid.as_bytes()))
        .map_err(|e| Error::io(&path, e))?;
    Ok(OutputLock { _file: file })
}

/// The pid the holder wrote into the lock file. It writes it just after locking, so an empty
/// file is read again a few times before giving up.
fn holder(file: &mut std::fs::File) -> String {
    for _ in 0..50 {
        let mut text = String::new();
        if file.rewind().is_ok() && file.read_to_string(&mut text).is_ok() {
            let text = text.trim();
            if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
                return text.to_string();
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    "unknown".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_naming_the_folder_and_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site/public");
        let held = lock(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("site/.public.dateline-lock")).unwrap(),
            std::process::id().to_string()
        );
        assert!(!out.exists(), "the lock does not make the output folder");
        let err = lock(&out).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "error: another dateline build is writing {} (pid {}); wait for it to finish",
                out.display(),
                std::process::id()
            )
        );
        drop(held);
        let again = lock(&out).unwrap();
        drop(again);
    }

    #[test]
    fn a_left_lock_file_with_a_longer_pid_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::write(lock_path(&out), "99999999999").unwrap();
        let _held = lock(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(lock_path(&out)).unwrap(),
            std::process::id().to_string()
        );
    }
}
