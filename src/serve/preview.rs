//! The in-memory site behind `dateline serve`, rebuilt on every change.
//!
//! Owns the last good build (frozen: its pages are rendered again when asked for; the other
//! files are kept, text compressed: see `store`), the last error, and the long-lived `Loader`
//! (parsed-file cache) so a rebuild re-parses only the files that changed. It never touches
//! the output folder. A failed rebuild keeps the last good build and records the error.

use ahash::AHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bytes::Bytes;

use super::store::{AsKept, Compress, Digest, Stored};

use crate::build::BuildStats;
use crate::config::{BuildOptions, Config};
use crate::dates::Date;
use crate::error::Diagnostics;
use crate::render::jobs::RenderCache;
use crate::site::Loader;
use crate::timing::Timing;

/// What kind of file changed, which decides how much to rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A dispatch (Markdown under `content/`).
    Content,
    /// A file beside dispatches, or under `static/` or a theme's `static/`.
    Static,
    /// A template or a translation table.
    Template,
    /// `cities.toml`.
    Gazetteer,
    /// `config.toml`.
    Config,
}

impl ChangeKind {
    /// Classifies a changed path (absolute) of the site at `root`.
    pub fn of(path: &Path, root: &Path) -> Option<ChangeKind> {
        let rel = path.strip_prefix(root).ok()?;
        let name = rel.file_name()?.to_string_lossy();
        if crate::paths::is_ignored(&name) {
            return None;
        }
        let first = rel.components().next()?.as_os_str().to_string_lossy();
        Some(match first.as_ref() {
            "config.toml" => ChangeKind::Config,
            "cities.toml" => ChangeKind::Gazetteer,
            "content" if rel.extension().is_some_and(|e| e == "md") => ChangeKind::Content,
            "content" | "static" => ChangeKind::Static,
            // Translation tables (the site's or a theme's) change what templates print.
            "i18n" => ChangeKind::Template,
            "themes"
                if rel
                    .components()
                    .any(|c| c.as_os_str() == "templates" || c.as_os_str() == "i18n") =>
            {
                ChangeKind::Template
            }
            "themes" => ChangeKind::Static,
            _ => return None,
        })
    }
}

/// The result of one rebuild, for the one-line log.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    /// Most significant kind of change.
    pub kind: Option<ChangeKind>,
    /// Files that changed (relative to the root), for the log.
    pub changed: Vec<PathBuf>,
    /// Output files whose bytes changed.
    pub files_changed: usize,
    /// Pages rendered.
    pub pages_rendered: usize,
    /// Milliseconds.
    pub millis: f64,
    /// The error text when the rebuild failed.
    pub error: Option<String>,
    /// The build's warnings that the previous build did not have (all of them the first
    /// time), so each is told once.
    pub new_warnings: Vec<String>,
}

/// The served site.
pub struct Preview {
    opts: BuildOptions,
    loader: Option<Loader>,
    /// One render cache per language edition (the default first).
    caches: Vec<RenderCache>,
    /// The last good build, which renders the pages.
    last: Option<super::fast::Last>,
    /// Every served path.
    files: HashMap<String, AsKept>,
    error: Option<String>,
    /// The last good build's warnings.
    warnings: Vec<String>,
    stats: BuildStats,
    /// The search documents of each edition of the last good build (see
    /// [`Preview::reindex`]).
    search: Vec<SearchEdition>,
    /// What the served search index was made from.
    indexed: Vec<SearchEdition>,
    /// The fast path changed dispatches since `search` was made.
    search_behind: bool,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview")
            .field("files", &self.files.len())
            .field("error", &self.error)
            .finish()
    }
}

impl Preview {
    /// Builds the site in memory for the first time (an error state is fine: it is shown).
    pub fn new(opts: BuildOptions) -> (Preview, RebuildReport) {
        let mut p = Preview {
            opts,
            loader: None,
            caches: Vec::new(),
            last: None,
            files: HashMap::new(),
            error: None,
            warnings: Vec::new(),
            stats: BuildStats::default(),
            search: Vec::new(),
            indexed: Vec::new(),
            search_behind: false,
        };
        let mut r = p.rebuild(&[]);
        if let Err(e) = p.reindex() {
            r.error.get_or_insert(e);
        }
        (p, r)
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// Rebuilds after `changed` (absolute paths; empty means everything).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> RebuildReport {
        let report = self.rebuild_now(changed);
        // Held between rebuilds, the mention matcher would be a twentieth of the preview's
        // memory; it decodes again in milliseconds at the next save.
        if let Some(l) = &mut self.loader {
            l.release_matcher();
        }
        report
    }

    fn rebuild_now(&mut self, changed: &[PathBuf]) -> RebuildReport {
        let t0 = Instant::now();
        let root = crate::fs::absolute(&self.opts.root);
        let kind = changed
            .iter()
            .filter_map(|p| ChangeKind::of(p, &root))
            .max();
        if kind == Some(ChangeKind::Content)
            && self.error.is_none()
            && let Some(report) = self.fast(changed, &root, t0)
        {
            return report;
        }
        if changed.is_empty() || matches!(kind, Some(ChangeKind::Config | ChangeKind::Gazetteer)) {
            self.loader = None;
        }
        if kind != Some(ChangeKind::Content) {
            // Templates, static files, config or places: every page may look different.
            self.caches.iter_mut().for_each(RenderCache::clear);
        }
        if let Some(l) = &mut self.loader {
            l.invalidate(changed.iter().map(PathBuf::as_path));
        }
        let result = self.render();
        let mut report = RebuildReport {
            kind,
            changed: changed
                .iter()
                .map(|p| crate::paths::rel(p, &root))
                .collect(),
            files_changed: 0,
            pages_rendered: 0,
            millis: 0.0,
            error: None,
            new_warnings: Vec::new(),
        };
        match result {
            Ok((files, stats, warnings)) => {
                report.new_warnings = (warnings.iter())
                    .filter(|w| !self.warnings.contains(w))
                    .cloned()
                    .collect();
                self.warnings = warnings;
                report.files_changed = count_changed(&self.files, &files);
                report.pages_rendered = stats.pages;
                self.files = files;
                self.stats = stats;
                self.error = None;
            }
            Err(d) => {
                let text = d.to_string().replace(
                    "; nothing was written",
                    "; still serving the last good build",
                );
                report.error = Some(text.clone());
                self.error = Some(text);
            }
        }
        report.millis = t0.elapsed().as_secs_f64() * 1000.0;
        report
    }

    /// The fast path (see `fast`): patches the served files in place.
    fn fast(&mut self, changed: &[PathBuf], root: &Path, t0: Instant) -> Option<RebuildReport> {
        let (last, loader) = (self.last.as_mut()?, self.loader.as_mut()?);
        let cache = self.caches.first_mut()?;
        let (files, pages) = match super::fast::try_fast(last, loader, cache, changed) {
            Some(done) => done,
            None => super::live::try_live(last, loader, cache, changed, Date::now())?,
        };
        // Its search documents are remade with the index, after a pause (`reindex`).
        self.search_behind = true;
        let mut files_changed = 0;
        for f in files {
            let key = key(&f.path);
            let digest = Digest::of(&f.bytes);
            match self.files.get_mut(&key) {
                Some(old) if old.digest() == digest => continue,
                // The page itself is rendered from the patched build when asked for.
                Some(AsKept::Page(_, d)) => *d = digest,
                _ => {
                    let kept = AsKept::File(Stored::keep_quickly(&f.path, f.bytes, digest));
                    self.files.insert(key, kept);
                }
            }
            files_changed += 1;
        }
        Some(RebuildReport {
            kind: Some(ChangeKind::Content),
            changed: changed.iter().map(|p| crate::paths::rel(p, root)).collect(),
            files_changed,
            pages_rendered: pages,
            millis: t0.elapsed().as_secs_f64() * 1000.0,
            error: None,
            new_warnings: Vec::new(),
        })
    }

    #[allow(clippy::type_complexity)]
    fn render(
        &mut self,
    ) -> Result<(HashMap<String, AsKept>, BuildStats, Vec<String>), Diagnostics> {
        let config = Config::load(&self.opts)?;
        if self.loader.is_none() {
            let mut loader = Loader::new(&config)?;
            loader.pack_bodies();
            self.loader = Some(loader);
        }
        let loader = self.loader.as_mut().expect("set above");
        let t = Instant::now();
        let renderer = crate::render::Renderer::load(&config);
        let sites = loader.load_all(&config, Date::now());
        // Not needed again before the next save: gone before the render's peak.
        loader.release_matcher();
        let content = Timing::since("content", t);
        let t = Instant::now();
        let caches = &mut self.caches;
        let mut rendered =
            crate::build::finish(sites, renderer, caches, Instant::now(), &Compress, false)?;
        rendered.stats.timings.insert(0, content);
        let mut files: HashMap<String, AsKept> = std::mem::take(&mut rendered.files)
            .into_iter()
            .map(|f| (key(&f.path), f.as_kept))
            .collect();
        // Pages the render cache found unchanged are served from the last build (which has
        // them all, as the cache holds only what the last good build rendered; should one be
        // missing all the same, everything is rendered again).
        for p in &rendered.unchanged {
            let k = key(p);
            let Some(old) = self.files.get(&k).cloned() else {
                self.caches.iter_mut().for_each(RenderCache::clear);
                return self.render();
            };
            files.insert(k, old);
        }
        // The search index is remade apart, after a pause in the edits (`reindex`): until
        // then the last one keeps search working.
        self.search_behind = false;
        self.search = (rendered.sites())
            .filter(|s| s.config.search)
            .map(SearchEdition::of)
            .collect();
        for e in &self.search {
            let dir = e.dir();
            let old = self.files.iter().filter(|(k, _)| k.starts_with(&dir));
            files.extend(old.map(|(k, v)| (k.clone(), v.clone())));
        }
        rendered.stats.timings.push(Timing::since("collect", t));
        let stats = rendered.stats.clone();
        // Every edition's, once each.
        let mut warnings: Vec<String> = (rendered.sites())
            .flat_map(|s| s.warnings.iter().map(ToString::to_string))
            .collect();
        warnings.dedup();
        self.last = Some(super::fast::Last {
            editions: rendered.editions,
            renderer: rendered.renderer,
        });
        Ok((files, stats, warnings))
    }

    /// Remakes the search index of the last good build if its dispatches changed since the
    /// index was made; returns how many dispatches it indexed (`None`: nothing to do). Slow on
    /// a large site (seconds at 10,000 dispatches), so `serve` calls it after a pause in the
    /// edits rather than on every save; until then the last index keeps working.
    pub fn reindex(&mut self) -> Result<Option<usize>, String> {
        if std::mem::take(&mut self.search_behind)
            && let (Some(last), Some(e)) = (&self.last, self.search.first_mut())
        {
            e.docs = crate::search::documents(&last.editions[0].site);
        }
        if self.search == self.indexed {
            return Ok(None);
        }
        let mut n = 0;
        for e in &self.search {
            if self.indexed.contains(e) {
                continue;
            }
            n += e.docs.len();
            #[cfg(feature = "search")]
            let files = crate::search::index(&e.language, e.docs.clone(), &e.prefix)
                .map_err(|err| err.to_string())?
                .files;
            #[cfg(not(feature = "search"))]
            let files: Vec<crate::output::OutFile> = Vec::new();
            let dir = e.dir();
            self.files.retain(|k, _| !k.starts_with(&dir));
            for f in files {
                let kept = AsKept::File(Stored::keep(&f.path, f.bytes));
                self.files.insert(key(&f.path), kept);
            }
        }
        // Indexes of editions that are gone (or of a site that turned search off).
        for gone in self
            .indexed
            .iter()
            .filter(|e| !self.search.iter().any(|s| s.prefix == e.prefix))
        {
            let dir = gone.dir();
            self.files.retain(|k, _| !k.starts_with(&dir));
        }
        self.indexed = self.search.clone();
        Ok(Some(n))
    }

    /// The bytes of an output file (`cities/kyiv/index.html`): a page is rendered from the last
    /// good build now.
    pub fn get(&self, path: &str) -> Option<Bytes> {
        match self.files.get(path)? {
            AsKept::Page(of, _) => self.last.as_ref()?.page(*of),
            AsKept::File(stored) => Some(stored.bytes()),
        }
    }

    /// Whether the site has an output file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The bytes the served files take in memory (compressed where it pays; pages are
    /// rendered when asked for).
    pub fn held_bytes(&self) -> usize {
        (self.files.values())
            .map(|f| match f {
                AsKept::Page(..) => 0,
                AsKept::File(stored) => stored.held(),
            })
            .sum()
    }

    /// The last good build's warnings, as printed.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The last rebuild's error, if it failed.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Every output path, sorted (for tests and equality checks).
    pub fn paths(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.files.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// Figures of the last good build.
    pub fn stats(&self) -> &BuildStats {
        &self.stats
    }
}

/// The served key of an output path (`/` between folders on every system).
fn key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn count_changed(old: &HashMap<String, AsKept>, new: &HashMap<String, AsKept>) -> usize {
    let changed = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_none_or(|o| o.digest() != v.digest()))
        .count();
    changed + old.keys().filter(|k| !new.contains_key(*k)).count()
}

/// One edition's search documents: its language, its index folder, its dispatches.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SearchEdition {
    language: String,
    /// `pagefind` or `uk/pagefind`.
    prefix: PathBuf,
    docs: Vec<crate::search::Document>,
}

impl SearchEdition {
    fn of(site: &crate::site::Site) -> SearchEdition {
        let lang = site.config.lang();
        SearchEdition {
            language: lang.code.clone(),
            prefix: Path::new(&lang.prefix).join(crate::search::BUNDLE_DIR),
            docs: crate::search::documents(site),
        }
    }

    /// The served paths of its index start with this (`uk/pagefind/`).
    fn dir(&self) -> String {
        format!("{}/", self.prefix.to_string_lossy().replace('\\', "/"))
    }
}
