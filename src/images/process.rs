//! Publishing the photos dispatches show: each becomes its variants (from the cache, or made
//! in parallel and cached), named beside where the original would be published.
//!
//! Photos are processed one per core: each is read, decoded, resized and encoded, written to
//! the cache and dropped before the next, so memory holds a couple of photos at a time
//! whatever their number; the build later copies the variants from the cache into the output.

use std::collections::BTreeSet;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::cache::{Cache, Cached};
use super::settings::ImageSettings;
use super::variants::variant_name;
use crate::error::{Error, Location};

/// A file a dispatch shows as an image.
#[derive(Debug, Clone)]
pub(crate) struct Shown {
    /// Absolute path of the source.
    pub abs: PathBuf,
    /// Source relative to the site root (for messages).
    pub rel: PathBuf,
    /// Where the original would be published (relative to the output folder).
    pub out: PathBuf,
}

/// What processing found for the files shown.
#[derive(Debug, Default)]
pub(crate) struct Published {
    /// Variants to publish: output path, file in the cache.
    pub variants: Vec<(PathBuf, PathBuf)>,
    /// Shown files that are not resized (GIF, animations, non-images): published as they are.
    pub as_is: Vec<Shown>,
    /// Photos encoded in this build.
    pub made: usize,
    /// Photos whose variants came from the cache.
    pub cached: usize,
    /// The cache keys in use (what pruning keeps).
    pub keys: BTreeSet<String>,
}

/// What became of one shown file.
enum Outcome {
    Variants(String, Vec<(PathBuf, PathBuf)>, bool),
    AsIs(Shown),
}

/// Processes every shown file (in parallel), calling `progress(done, total)` after each;
/// every error, each naming its file.
pub(crate) fn publish(
    shown: Vec<Shown>,
    settings: &ImageSettings,
    cache: &Cache,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Published, Vec<Error>> {
    let total = shown.len();
    let done = AtomicUsize::new(0);
    let in_flight = InFlight::default();
    let results: Vec<Result<Outcome, Error>> = shown
        .into_par_iter()
        .with_max_len(1)
        .map(|s| {
            let r = one(s, settings, cache, &in_flight);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            r
        })
        .collect();
    let mut out = Published::default();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(Outcome::Variants(key, files, hit)) => {
                if hit {
                    out.cached += 1;
                } else {
                    out.made += 1;
                }
                out.keys.insert(key);
                out.variants.extend(files);
            }
            Ok(Outcome::AsIs(s)) => out.as_is.push(s),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        out.variants.sort();
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Photos being made, by cache key: a photo shown twice (or two files with the same bytes)
/// is made once, the other waiting for it.
type InFlight = Mutex<HashMap<String, Arc<OnceLock<Made>>>>;
type Made = std::result::Result<(Vec<Cached>, bool), String>;

fn one(
    s: Shown,
    settings: &ImageSettings,
    cache: &Cache,
    in_flight: &InFlight,
) -> Result<Outcome, Error> {
    let bytes = crate::fs::read(&s.abs)?;
    let fail = |msg: String| Error::content(Location::file(&s.rel), msg);
    let Some(plan) = super::variants::plan(&bytes, settings).map_err(fail)? else {
        return Ok(Outcome::AsIs(s));
    };
    let key = Cache::key(&bytes, settings);
    let cell = {
        let mut map = in_flight.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(map.entry(key.clone()).or_default())
    };
    let mut mine = false;
    let made = cell.get_or_init(|| {
        mine = true;
        cache.get_or_make(&key, &bytes, &plan, settings)
    });
    drop(bytes);
    let (files, hit) = made.clone().map_err(fail)?;
    let hit = hit || !mine;
    let name = s.out.to_string_lossy().replace('\\', "/");
    let files = files
        .into_iter()
        .map(|c| (PathBuf::from(variant_name(&name, c.width, c.ext)), c.path))
        .collect();
    Ok(Outcome::Variants(key, files, hit))
}

/// The absolute paths of the files `srcs` (as written in a dispatch in `dir`) name.
pub(crate) fn shown_paths<'a>(
    dir: &'a Path,
    srcs: impl Iterator<Item = &'a str> + 'a,
) -> impl Iterator<Item = PathBuf> + 'a {
    srcs.filter_map(super::markup::local)
        .map(move |s| dir.join(s))
}
