//! The processed-image cache: `<root>/.dateline/images/<key>/<width>.<ext>`, outside the
//! output folder, shared by `build`, `serve` and `check`.
//!
//! The key is a hash of the source bytes and of the settings the pixels depend on (widths and
//! qualities; see [`ImageSettings::fingerprint`]), never the path or modification time: a
//! photo renamed, moved or used by a new dispatch is not encoded again, and a changed photo or
//! setting never shows a stale variant. An entry is written in a temporary folder and renamed
//! into place whole, so a killed build leaves no half entry. `build` prunes the entries no
//! source uses once it has succeeded. The folder is safe to delete, and CI can keep it
//! between runs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::settings::ImageSettings;
use super::variants::{self, Plan};
use crate::error::{Error, Result};

/// Where the cache lives under the site root.
pub(crate) const DIR: &str = "images";

/// The cache of one site.
#[derive(Debug, Clone)]
pub(crate) struct Cache {
    dir: PathBuf,
}

/// A variant in the cache.
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    /// Width in pixels.
    pub width: u32,
    /// `webp`, `jpg` or `png`.
    pub ext: &'static str,
    /// The file in the cache.
    pub path: PathBuf,
}

impl Cache {
    /// The cache of the site at `root`.
    pub(crate) fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(crate::paths::CACHE_DIR).join(DIR),
        }
    }

    /// The cache key of a source file's bytes under `settings`.
    pub(crate) fn key(bytes: &[u8], settings: &ImageSettings) -> String {
        let h = crate::hash::hash128(&[bytes, settings.fingerprint().as_bytes()]);
        format!("{h:032x}")
    }

    /// The variants of `bytes` (planned as `plan`), from the cache when there, otherwise made
    /// and stored; and whether they came from the cache.
    pub(crate) fn get_or_make(
        &self,
        key: &str,
        bytes: &[u8],
        plan: &Plan,
        settings: &ImageSettings,
    ) -> std::result::Result<(Vec<Cached>, bool), String> {
        let entry = self.dir.join(key);
        let files = expected(&entry, plan);
        if files.iter().all(|c| c.path.is_file()) {
            return Ok((files, true));
        }
        let made = variants::make(bytes, plan, settings)?;
        self.store(&entry, &made).map_err(|e| e.to_string())?;
        Ok((files, false))
    }

    /// Writes an entry in a temporary folder, then renames it into place.
    fn store(&self, entry: &Path, made: &[variants::Variant]) -> Result<()> {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned());
        let tmp = self.dir.join(format!(
            ".{}.{}{}",
            name.unwrap_or_default(),
            std::process::id(),
            crate::fs::TEMP_SUFFIX
        ));
        crate::fs::create_dir_all(&tmp)?;
        for v in made {
            crate::fs::write_new(&tmp.join(format!("{}.{}", v.width, v.ext)), &v.bytes)?;
        }
        if entry.exists() {
            // an incomplete entry (files deleted by hand): replace it
            std::fs::remove_dir_all(entry).map_err(|e| Error::io(entry, e))?;
        }
        std::fs::rename(&tmp, entry).or_else(|e| {
            // another process (serve beside build) stored the same entry first
            let _ = std::fs::remove_dir_all(&tmp);
            if entry.is_dir() {
                Ok(())
            } else {
                Err(Error::io(entry, e))
            }
        })
    }

    /// Removes every entry (and leftover temporary folder) whose key is not in `used`;
    /// returns how many went.
    pub(crate) fn prune(&self, used: &BTreeSet<String>) -> Result<usize> {
        let Ok(list) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        let mut removed = 0;
        for e in list.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if used.contains(&name) {
                continue;
            }
            let path = e.path();
            let gone = match e.file_type() {
                Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
                _ => std::fs::remove_file(&path),
            };
            gone.map_err(|err| Error::io(&path, err))?;
            removed += 1;
        }
        Ok(removed)
    }
}

/// The files an entry holds for `plan`.
fn expected(entry: &Path, plan: &Plan) -> Vec<Cached> {
    let webp = plan.widths.iter().map(|&w| (w, "webp"));
    let fallback = plan.fallbacks.iter().map(|&w| (w, plan.fallback.ext()));
    webp.chain(fallback)
        .map(|(width, ext)| Cached {
            width,
            ext,
            path: entry.join(format!("{width}.{ext}")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_follows_bytes_and_settings_only() {
        let s = ImageSettings::default();
        let k = Cache::key(b"abc", &s);
        assert_eq!(k, Cache::key(b"abc", &s));
        assert_ne!(k, Cache::key(b"abd", &s));
        let q = ImageSettings {
            webp_quality: 50,
            ..s.clone()
        };
        assert_ne!(k, Cache::key(b"abc", &q));
        let sizes = ImageSettings {
            sizes: "100vw".into(),
            publish_originals: true,
            ..s
        };
        assert_eq!(k, Cache::key(b"abc", &sizes));
    }
}
