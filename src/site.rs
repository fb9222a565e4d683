//! The loaded, frozen site: config, places, pages and index.
//!
//! `Site::load` is the only place that mutates; after it returns, rendering borrows `&Site`
//! from many threads with no locks.

use crate::config::Config;
use crate::content::{self, Asset, Ctx, DocCache, Page};
use crate::dates::Date;
use crate::error::{Diagnostics, Warning};
use crate::index::Index;
use crate::places::map::Outline;
use crate::places::{Gazetteer, Matcher};
use std::sync::Arc;

/// Everything a build renders from.
#[derive(Debug)]
pub struct Site {
    /// Resolved configuration.
    pub config: Config,
    /// Places (built-in plus `cities.toml` plus unknown names met in content).
    pub gazetteer: Arc<Gazetteer>,
    /// Published dispatches, newest first.
    pub pages: Vec<Page>,
    /// Standalone pages (`content/pages/`), by source path.
    pub standalone: Vec<content::Standalone>,
    /// Where each published source file is (for `@/` links and menus).
    pub targets: content::Targets,
    /// Cities, tags, authors.
    pub index: Index,
    /// Files copied from `content/`.
    pub assets: Vec<Asset>,
    /// Warnings met while loading.
    pub warnings: Vec<Warning>,
    /// Dispatches held back by an embargo, with the time each goes live.
    pub embargoed: Vec<(std::path::PathBuf, Date)>,
    /// Drafts left out.
    pub drafts_skipped: usize,
    /// The map outline.
    pub outline: Outline,
    /// The build's notion of "now" (fixed by `--now` for reproducible builds).
    pub now: Date,
    /// Time per loading stage.
    pub timings: Vec<crate::timing::Timing>,
    /// For each page (by id), every language version of it, its own included, in edition
    /// order: the edition's index and the page's URL there (without the language prefix).
    /// Empty for a page that exists in one language only (see [`link`]).
    pub translations: Vec<Vec<(usize, crate::urls::UrlPath)>>,
}

/// Links the language editions of a site (the default first): each page learns its
/// translations. A translation that shares its bundle's photos with the default-language
/// page must sit at the same URL (but for the language prefix): its photos are linked there.
pub fn link(sites: &mut [Site]) -> Result<(), Diagnostics> {
    use std::collections::BTreeMap;
    if sites.len() < 2 {
        return Ok(());
    }
    let mut groups: BTreeMap<std::path::PathBuf, Vec<(usize, crate::urls::UrlPath, usize)>> =
        BTreeMap::new();
    for (e, site) in sites.iter().enumerate() {
        for (i, p) in site.pages.iter().enumerate() {
            groups
                .entry(crate::lang::translation_key(&p.doc.source))
                .or_default()
                .push((e, p.url.clone(), i));
        }
    }
    let mut errors = Vec::new();
    for site in sites.iter_mut() {
        site.translations = vec![Vec::new(); site.pages.len()];
    }
    for versions in groups.values().filter(|v| v.len() > 1) {
        let list: Vec<(usize, crate::urls::UrlPath)> =
            versions.iter().map(|(e, u, _)| (*e, u.clone())).collect();
        for (e, url, i) in versions {
            let page = &sites[*e].pages[*i];
            let original = versions.iter().find(|(e0, _, _)| *e0 == 0);
            if let Some((_, first, _)) = original.filter(|_| *e != 0 && page.doc.bundle)
                && first != url
            {
                errors.push(crate::Error::content(
                    crate::error::Location::at(&page.doc.source, page.doc.key_line("date"), 1),
                    format!(
                        "this translation's date puts it at {url}, but the dispatch it translates is at {first}: a translation shares its bundle's photos and keeps its original's year and month (its own time of day is fine)"
                    ),
                ));
            }
            sites[*e].translations[*i] = list.clone();
        }
        // Texts a version still has in another's language (see `content::translated`).
        if let Some((_, _, first)) = versions.iter().find(|(e, _, _)| *e == 0) {
            for (e, _, i) in versions.iter().filter(|(e, _, _)| *e != 0) {
                let (default, rest) = sites.split_at_mut(1);
                let (a, b) = (&mut default[0], &mut rest[*e - 1]);
                content::translated::reconcile(
                    content::translated::Version {
                        page: &mut a.pages[*first],
                        lang: &a.config.lang().code,
                        warnings: &mut a.warnings,
                    },
                    content::translated::Version {
                        page: &mut b.pages[*i],
                        lang: &b.config.lang().code,
                        warnings: &mut b.warnings,
                    },
                );
            }
        }
    }
    for site in sites.iter_mut() {
        site.warnings.sort();
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// Long-lived loading state: the base gazetteer, the mention matcher and parsed files.
/// `serve` keeps one across rebuilds; a plain build makes one and drops it.
#[derive(Debug)]
pub struct Loader {
    /// Shared by the sites it loads (about 14 MB): one copies it only to add local places or
    /// to name places in Ukrainian.
    base: Arc<Gazetteer>,
    /// `None` once let go (see [`Loader::release_matcher`]): decoded again when next needed.
    matcher: Option<Matcher>,
    /// The site's guard words (`cities.toml`), for a built-in matcher decoded again.
    guards: Option<crate::places::mentions::GuardWords>,
    /// The matcher was made from `cities.toml`'s own names: slow to make, never let go.
    custom: bool,
    outline: Outline,
    /// Parsed files; remove an entry to have that file parsed again.
    pub cache: DocCache,
    walked: Option<crate::content::walk::Walked>,
    /// Keep the body HTML of the files it parses deflated (see [`Loader::pack_bodies`]).
    pack: bool,
}

/// What a [`Loader`] used up by [`Loader::load_once`] read: its parsed files and its walk of
/// `content/`, for the inputs' digest. It cannot load again.
#[derive(Debug)]
pub struct Spent {
    /// Parsed files.
    pub cache: DocCache,
    walked: Option<crate::content::walk::Walked>,
    /// The matcher and outline, unused now, kept so that they are freed with the rest of a
    /// build (or not at all, see `build::Held`): freeing the matcher's tens of thousands of
    /// small tables takes some 6 million instructions.
    _tables: (Option<Matcher>, Outline),
}

impl Spent {
    /// The walk of `content/` the load used.
    pub fn walked(&self) -> Option<&crate::content::walk::Walked> {
        self.walked.as_ref()
    }
}

impl Loader {
    /// Loads the gazetteer (built-in plus `cities.toml`) and its matcher (the built-in one,
    /// unless `cities.toml` adds names).
    pub fn new(config: &Config) -> Result<Loader, Diagnostics> {
        let mut base = Gazetteer::embedded();
        let changed = crate::places::overrides::apply(&mut base, &config.root)?;
        let mut matcher = if changed.names {
            Matcher::new(&base)
        } else {
            Matcher::embedded()
        };
        if let Some(words) = &changed.guards {
            matcher.extend_guards(words);
        }
        Ok(Loader {
            base: Arc::new(base),
            matcher: Some(matcher),
            guards: changed.guards,
            custom: changed.names,
            outline: Outline::embedded(),
            cache: DocCache::new(),
            walked: None,
            pack: false,
        })
    }

    /// Keeps the body HTML of every file it parses from now on deflated (see
    /// `content::body::BodyHtml::pack`): for `serve`, which holds the last good build while it
    /// runs and renders a page only when it is asked for.
    pub fn pack_bodies(&mut self) {
        self.pack = true;
    }

    /// Lets the mention matcher go until it is next needed: `serve` holds its loader between
    /// rebuilds, and the built-in matcher is 10 MiB that decodes again in about 8 ms (one
    /// made from `cities.toml`'s own names is kept: making it takes far longer).
    pub fn release_matcher(&mut self) {
        if !self.custom {
            self.matcher = None;
        }
    }

    /// Takes files parsed before the loader existed (see `content::parse_unplaced`): their
    /// place names are found now, and `load` uses them instead of parsing them again.
    pub fn adopt(&mut self, docs: Vec<content::Doc>, config: &Config) {
        use rayon::prelude::*;
        let ctx = Ctx {
            config,
            matcher: matcher(&mut self.matcher, &self.guards),
            gazetteer: &self.base,
            pack: self.pack,
        };
        let done: Vec<content::Doc> = (docs.into_par_iter())
            .map(|d| content::place_names(d, &ctx))
            .collect();
        for d in done {
            self.cache.insert(d.abs.clone(), std::sync::Arc::new(d));
        }
    }

    /// The last walk of `content/`.
    pub fn walked(&self) -> Option<&crate::content::walk::Walked> {
        self.walked.as_ref()
    }

    /// Uses a walk of `content/` made moments ago (by the up-to-date check) instead of
    /// walking again.
    pub fn reuse_walk(&mut self, walked: Option<crate::content::walk::Walked>) {
        self.walked = walked;
    }

    /// Forgets parsed files whose paths are in `changed` (absolute); forgets the file list
    /// when a file appeared or disappeared.
    pub fn invalidate<'a>(&mut self, changed: impl IntoIterator<Item = &'a std::path::Path>) {
        for p in changed {
            self.cache.remove(p);
            let known = self.walked.as_ref().is_some_and(|w| w.contains(p));
            if !(known && p.is_file()) {
                self.walked = None;
            }
        }
    }

    /// Parses one dispatch file (or, with `update`, a live update) with this loader's matcher.
    pub fn parse(
        &mut self,
        abs: &std::path::Path,
        rel: &std::path::Path,
        update: bool,
        config: &Config,
    ) -> Result<content::Doc, Vec<crate::Error>> {
        content::parse_file(
            abs,
            rel,
            update,
            &Ctx {
                config,
                matcher: matcher(&mut self.matcher, &self.guards),
                gazetteer: &self.base,
                pack: self.pack,
            },
        )
    }

    /// The places a dispatch and its published updates mention (as `assemble` decides them).
    pub fn page_mentions(&mut self, p: &Page, g: &Gazetteer) -> Vec<crate::places::PlaceId> {
        content::page_mentions(matcher(&mut self.matcher, &self.guards), p, g)
    }

    /// The places a dispatch mentions (as `assemble` decides them) given its cities.
    pub fn mentions(
        &mut self,
        doc: &content::Doc,
        cities: &[crate::places::PlaceId],
        g: &Gazetteer,
    ) -> Vec<crate::places::PlaceId> {
        content::decide_mentions(matcher(&mut self.matcher, &self.guards), doc, cities, g)
    }

    /// Loads content (reusing cached files) and builds the index.
    pub fn load(&mut self, config: Config, now: Date) -> Result<Site, Diagnostics> {
        let gazetteer = Arc::clone(&self.base);
        self.load_with(config, now, gazetteer)
    }

    /// Loads every language edition of the site (the default first), each from the same
    /// walk of `content/` and the same parsed files.
    pub fn load_all(&mut self, config: &Config, now: Date) -> Vec<Result<Site, Diagnostics>> {
        (0..config.languages.0.len())
            .map(|e| self.load(config.edition(e), now))
            .collect()
    }

    /// [`Loader::load_all`] for a one-off build: the default edition takes the loader's
    /// gazetteer (see [`Loader::load_once`]).
    pub fn load_all_once(
        mut self,
        config: &Config,
        now: Date,
    ) -> (Vec<Result<Site, Diagnostics>>, Spent) {
        let n = config.languages.0.len();
        let others: Vec<Result<Site, Diagnostics>> =
            (1..n).map(|e| self.load(config.edition(e), now)).collect();
        let (first, spent) = self.load_once(config.edition(0), now);
        (std::iter::once(first).chain(others).collect(), spent)
    }

    /// [`Loader::load`] for a one-off build: the site takes the loader's gazetteer instead of
    /// a copy of it (some 13 million instructions at 1,000 dispatches). The loader is used
    /// up; what it read stays readable in the [`Spent`] it leaves.
    pub fn load_once(mut self, config: Config, now: Date) -> (Result<Site, Diagnostics>, Spent) {
        let gazetteer = std::mem::take(&mut self.base);
        let site = self.load_with(config, now, gazetteer);
        let spent = Spent {
            cache: self.cache,
            walked: self.walked,
            _tables: (self.matcher, self.outline),
        };
        (site, spent)
    }

    fn load_with(
        &mut self,
        config: Config,
        now: Date,
        mut gazetteer: Arc<Gazetteer>,
    ) -> Result<Site, Diagnostics> {
        let loaded = content::load(
            &config,
            matcher(&mut self.matcher, &self.guards),
            self.pack,
            &mut gazetteer,
            now,
            &mut self.cache,
            &mut self.walked,
        )
        .map_err(Diagnostics::from)?;
        if Gazetteer::localizes(&config.language) {
            Arc::make_mut(&mut gazetteer).localize(&config.language);
        }
        let t = std::time::Instant::now();
        let (mut index, merged) = Index::build(&loaded.pages, &gazetteer);
        for t in &mut index.tags {
            if let Some(name) = config.lang().tags.get(t.slug.as_str()) {
                t.name = name.clone();
            }
        }
        let mut timings = loaded.timings;
        timings.push(crate::timing::Timing::since("index", t));
        let mut warnings = loaded.warnings;
        warnings.extend(merged);
        if config.edition == 0 {
            warnings.extend(config.notes.iter().cloned());
        }
        warnings.sort();
        Ok(Site {
            config,
            gazetteer,
            pages: loaded.pages,
            standalone: loaded.standalone,
            targets: loaded.targets,
            index,
            assets: loaded.assets,
            warnings,
            embargoed: loaded.embargoed,
            drafts_skipped: loaded.drafts_skipped,
            outline: self.outline.clone(),
            now,
            timings,
            translations: Vec::new(),
        })
    }
}

/// The matcher in `slot`, decoded again (with the site's `guards`) if it was let go.
fn matcher<'a>(
    slot: &'a mut Option<Matcher>,
    guards: &Option<crate::places::mentions::GuardWords>,
) -> &'a Matcher {
    slot.get_or_insert_with(|| {
        let mut m = Matcher::embedded();
        if let Some(words) = guards {
            m.extend_guards(words);
        }
        m
    })
}

impl Site {
    /// Loads content and builds the index (no cache).
    pub fn load(config: Config, now: Date) -> Result<Site, Diagnostics> {
        let t = std::time::Instant::now();
        let loader = Loader::new(&config)?;
        let places = crate::timing::Timing::since("places", t);
        let mut site = loader.load_once(config.edition(0), now).0?;
        site.timings.insert(0, places);
        Ok(site)
    }
}
