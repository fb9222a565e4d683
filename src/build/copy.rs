//! Copying the files a build publishes as they are (or cleaned of metadata, or as photo
//! variants): the theme's static files, the site's `static/` (which wins), and the files beside
//! dispatches; then fingerprinting the theme's and site's CSS and JS.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Progress;
use crate::config::Config;
use crate::error::Error;
use crate::output::OutFile;
use crate::site::Site;

/// Theme static files, then the site's `static/` (which wins), then content assets.
/// Copied files, each with whether it is a theme/site asset (fingerprinted), and the number of
/// images cleaned.
pub(super) type Copied = (
    Vec<(OutFile, bool)>,
    usize,
    crate::images::process::Published,
);

pub(super) fn copy_files(sites: &[Site], progress: Progress<'_>) -> Result<Copied, Vec<Error>> {
    let cfg = &sites[0].config;
    let (assets, photos) = photos_for_site(sites, progress)?;
    let mut sources: BTreeMap<PathBuf, Source> = BTreeMap::new();
    match &cfg.theme_dir {
        Some(dir) => add_dir(&mut sources, &dir.join("static"), &cfg.root),
        None => {
            // The search page's script only goes with the search page.
            let wanted = |name: &str| cfg.search || name != crate::theme::SEARCH_SCRIPT;
            for (name, bytes) in crate::theme::STATIC.iter().filter(|(n, _)| wanted(n)) {
                sources.insert(PathBuf::from(name), Source::Embedded(name, bytes));
            }
        }
    }
    add_dir(&mut sources, &cfg.static_dir, &cfg.root);
    for a in assets {
        sources.insert(a.out, Source::File(a.abs, a.rel));
    }
    let results: Vec<Result<(OutFile, bool, bool), Error>> = sources
        .into_par_iter()
        .map(|(out, src)| {
            let themed = !matches!(&src, Source::File(_, rel) if rel.starts_with("content"));
            publish(out, src, cfg).map(|(f, c)| (f, c, themed))
        })
        .collect();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut cleaned = 0;
    for r in results {
        match r {
            Ok((f, c, themed)) => {
                cleaned += usize::from(c);
                files.push((f, themed));
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok((files, cleaned, photos))
    } else {
        Err(errors)
    }
}

/// Gives theme and site CSS/JS files a content hash in their names (`style.1a2b3c4d.css`) so
/// hosts can cache them forever; returns the files and the map templates use (`assets`).
pub(super) fn fingerprint_assets(
    files: Vec<(OutFile, bool)>,
) -> (Vec<OutFile>, BTreeMap<String, String>) {
    let mut map = BTreeMap::new();
    let out = files
        .into_iter()
        .map(|(mut f, themed)| {
            let ext = f.path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if themed && (ext == "css" || ext == "js") {
                let h = crate::hash::hash(&f.bytes);
                let original = f.path.to_string_lossy().replace('\\', "/");
                let stem = f
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                f.path
                    .set_file_name(format!("{stem}.{:08x}.{ext}", h as u32));
                map.insert(original, f.path.to_string_lossy().replace('\\', "/"));
            }
            f
        })
        .collect();
    (out, map)
}

/// Where a copied file comes from.
enum Source {
    Embedded(&'static str, &'static [u8]),
    File(PathBuf, PathBuf),
    /// A path that may not be copied (a symlink out of the site, an unreadable folder): the
    /// error to report, so it joins the others instead of the file vanishing silently.
    Refused(Error),
}

fn add_dir(map: &mut BTreeMap<PathBuf, Source>, dir: &Path, root: &Path) {
    if !dir.is_dir() {
        return;
    }
    let root_canon = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by(crate::content::walk::by_file_name)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::paths::is_ignored(&e.file_name().to_string_lossy())
        });
    while let Some(e) = it.next() {
        let refuse = |path: &Path, msg: String| {
            let rel = crate::paths::rel(path, root);
            Source::Refused(Error::content(crate::error::Location::file(&rel), msg))
        };
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let msg = format!("cannot copy this from static/ ({err}); fix or remove it");
                map.insert(path.clone(), refuse(&path, msg));
                continue;
            }
        };
        // Symlinks are followed as in content/: within the site only, so a link cannot
        // publish a file from elsewhere on the machine.
        if e.path_is_symlink()
            && !e
                .path()
                .canonicalize()
                .is_ok_and(|t| t.starts_with(&root_canon))
        {
            let msg = "this symlink points outside the site (or nowhere); copy the file into static/ instead".to_string();
            map.insert(e.path().to_path_buf(), refuse(e.path(), msg));
            if e.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if !e.file_type().is_file() {
            continue;
        }
        let rel_out = e.path().strip_prefix(dir).unwrap_or(e.path());
        let out = crate::urls::UrlPath::parse(&rel_out.to_string_lossy()).file();
        map.insert(
            out,
            Source::File(e.path().to_path_buf(), crate::paths::rel(e.path(), root)),
        );
    }
}

/// Reads one file and prepares it by its bytes, whatever its name (`images::prepare`): images
/// are cleaned of metadata, formats we cannot clean are refused unless allow-listed, and with
/// stripping turned off an image with GPS data is an error unless it is allow-listed. Returns
/// whether an image got cleaned.
fn publish(out: PathBuf, src: Source, cfg: &Config) -> Result<(OutFile, bool), Error> {
    let (bytes, shown) = match src {
        Source::Embedded(name, b) => (b.to_vec(), PathBuf::from(name)),
        Source::File(abs, rel) => (crate::fs::read(&abs)?, rel),
        Source::Refused(e) => return Err(e),
    };
    let policy = crate::images::Policy {
        strip: cfg.strip_image_metadata,
        allowed: cfg.image_metadata_allow.contains(&shown),
    };
    let (bytes, cleaned) = crate::images::prepare(bytes, policy)
        .map_err(|msg| Error::content(crate::error::Location::file(&shown), msg))?;
    Ok((
        OutFile {
            path: out,
            bytes: bytes.into(),
        },
        cleaned,
    ))
}

/// Publishes the photos dispatches show as their variants (`images::process`; here, as it
/// reads the whole site, every language edition); returns the files to copy as they are (every
/// other asset, the shown files that are not resized, and the originals with
/// `publish_originals`) and what processing did. A translation's files go under its
/// language's folder.
fn photos_for_site(
    sites: &[Site],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<
    (
        Vec<crate::images::process::Shown>,
        crate::images::process::Published,
    ),
    Vec<Error>,
> {
    let site = &sites[0];
    let mut shown_abs = std::collections::BTreeSet::new();
    for p in sites.iter().flat_map(|s| &s.pages) {
        let dir = p.doc.abs.parent().unwrap_or(Path::new("."));
        let srcs = p.doc.body.images.iter().map(|(s, _)| s.as_str());
        shown_abs.extend(crate::images::process::shown_paths(dir, srcs));
    }
    let (mut copied, mut shown) = (Vec::new(), Vec::new());
    let assets = sites.iter().flat_map(|s| {
        s.assets
            .iter()
            .map(|a| (Path::new(&s.config.lang().prefix), a))
    });
    for (prefix, a) in assets {
        let s = crate::images::process::Shown {
            abs: a.abs.clone(),
            rel: a.rel.clone(),
            out: prefix.join(&a.out),
        };
        if shown_abs.contains(&a.abs) {
            if site.config.images.publish_originals {
                copied.push(s.clone());
            }
            shown.push(s);
        } else {
            copied.push(s);
        }
    }
    let cache = crate::images::cache::Cache::new(&site.config.root);
    let mut published =
        crate::images::process::publish(shown, &site.config.images, &cache, progress)?;
    if !site.config.images.publish_originals {
        copied.append(&mut published.as_is);
    }
    Ok((copied, published))
}
