//! Loading dispatches: walk → parse + render (parallel, cacheable) → assemble (resolve places,
//! URLs, order).
//!
//! `parse_file` turns one file into an immutable `Doc` (the expensive part: Markdown and the
//! place-name scan) that a `DocCache` can keep across rebuilds. `assemble` places every `Doc`
//! in the site; it is cheap and always runs over all of them, so an incremental rebuild is
//! exactly a full build with fewer files parsed. Drafts and embargoed dispatches are dropped
//! here, so nothing downstream can leak them.

pub mod body;
pub mod front_matter;
mod limits;
pub mod links;
pub mod live;
pub mod page;
mod parse;
pub mod standalone;
pub mod translated;
pub mod walk;

use std::collections::BTreeMap;

use ahash::AHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::dates::Date;
use crate::error::{Error, Location, Warning};
use crate::places::{Gazetteer, Matcher, Place, PlaceId, Resolution};
use crate::urls::UrlPath;
pub use limits::MAX_TERMS;
pub use links::{SourceLink, Targets};
pub use page::{Doc, Page, PageId};
pub(crate) use parse::{location_of, source_text};
pub use parse::{normalise, parse_file, parse_unplaced, place_names};
pub use standalone::Standalone;

/// A non-Markdown file published as-is (after image cleaning).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute source path.
    pub abs: PathBuf,
    /// Source relative to the site root (for messages).
    pub rel: PathBuf,
    /// Output path relative to the output folder.
    pub out: PathBuf,
}

/// Everything loaded from `content/`.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Published dispatches, newest first; `pages[i].id == PageId(i)`.
    pub pages: Vec<Page>,
    /// Standalone pages (`content/pages/`), by source path.
    pub standalone: Vec<Standalone>,
    /// Where each published source file is (for `@/` links and menus).
    pub targets: Targets,
    /// Files to copy.
    pub assets: Vec<Asset>,
    /// Non-fatal problems.
    pub warnings: Vec<Warning>,
    /// Dispatches held back by `publish_after`, with their release time.
    pub embargoed: Vec<(PathBuf, Date)>,
    /// Drafts left out.
    pub drafts_skipped: usize,
    /// Photos beside live dispatches that only embargoed updates show (not published).
    pub withheld: Vec<PathBuf>,
    /// Time per loading stage.
    pub timings: Vec<crate::timing::Timing>,
}

/// Parsed files kept between rebuilds, keyed by absolute path. The owner removes the entries
/// of files that changed; everything else is reused as is.
pub type DocCache = HashMap<PathBuf, Arc<Doc>>;

/// What the parse stage needs, frozen.
pub struct Ctx<'a> {
    /// Configuration.
    pub config: &'a Config,
    /// Mention matcher over the base gazetteer.
    pub matcher: &'a Matcher,
    /// The gazetteer the build starts from (built-in plus `cities.toml`).
    pub gazetteer: &'a Gazetteer,
    /// Keep body HTML deflated (`serve`; see `body::BodyHtml::pack`).
    pub pack: bool,
}

/// Loads and resolves all content. Files are parsed against `gaz` as it comes in (the
/// gazetteer the build starts from, shared with the loader and the other builds), which then
/// gains local places for unknown city names (on a copy of its own, made only then).
/// `walked` caches the file list (the owner clears it when files appear or disappear); `pack`
/// keeps body HTML deflated (see `Ctx`).
pub fn load(
    config: &Config,
    matcher: &Matcher,
    pack: bool,
    gaz: &mut Arc<Gazetteer>,
    now: Date,
    cache: &mut DocCache,
    walked: &mut Option<walk::Walked>,
) -> Result<Loaded, Vec<Error>> {
    let mut errors = Vec::new();
    let t = std::time::Instant::now();
    if walked.is_none() {
        let w = walk::walk(&config.content_dir, &config.root, &mut errors);
        if errors.is_empty() {
            *walked = Some(w);
        } else {
            return Err(errors);
        }
    }
    let walked = walked.as_ref().expect("walked above");
    let t_walk = crate::timing::Timing::since("walk", t);
    let t = std::time::Instant::now();
    let ctx = Ctx {
        config,
        matcher,
        gazetteer: gaz,
        pack,
    };
    let langs = &config.languages;
    if config.edition == 0 {
        for f in &walked.markdown {
            if let (None, Some(code)) = (langs.edition_of(&f.rel), crate::lang::file_lang(&f.rel)) {
                errors.push(Error::content(
                    Location::file(&f.rel),
                    format!(
                        "`{code}` is not a language of this site: add [languages.{code}] to config.toml for a translation, or rename the file (a code before `.md` marks a translation)"
                    ),
                ));
            }
        }
    }
    let mine: Vec<&walk::SourceFile> = (walked.markdown.iter())
        .filter(|f| langs.edition_of(&f.rel) == Some(config.edition))
        .collect();
    let content_rel = crate::paths::rel(&config.content_dir, &config.root);
    let (page_files, dispatch_files): (Vec<&walk::SourceFile>, Vec<&walk::SourceFile>) =
        (mine.into_iter()).partition(|f| standalone::is_page(&f.rel, &content_rel));
    let parsed: Vec<Result<Arc<Doc>, Vec<Error>>> = dispatch_files
        .par_iter()
        .with_max_len(16)
        .map(|sf| match cache.get(&sf.abs) {
            Some(doc) => Ok(doc.clone()),
            None => parse_file(&sf.abs, &sf.rel, walked.is_update(&sf.abs), &ctx).map(Arc::new),
        })
        .collect();
    // Forget this edition's files (some may be gone); other editions' stay.
    if langs.multilingual() {
        cache.retain(|p, _| langs.edition_of(p) != Some(config.edition));
    } else {
        cache.clear();
    }
    let mut docs = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(d) => {
                cache.insert(d.abs.clone(), d.clone());
                docs.push(d);
            }
            Err(e) => errors.extend(e),
        }
    }
    let t_parse = crate::timing::Timing::since("parse", t);
    let t = std::time::Instant::now();
    let mut loaded = assemble(docs, config, matcher, gaz, now, &mut errors);
    for f in page_files {
        match standalone::parse(&f.abs, &f.rel, config) {
            Ok(p) if p.draft && !config.drafts => loaded.drafts_skipped += 1,
            Ok(p) => loaded.standalone.push(p),
            Err(e) => errors.extend(e),
        }
    }
    links::link_up(&mut loaded, config, &content_rel, &mut errors);
    loaded.timings = vec![t_walk, t_parse, crate::timing::Timing::since("assemble", t)];
    if !errors.is_empty() {
        return Err(errors);
    }
    let is_index = |f: &&walk::SourceFile| {
        crate::lang::translation_key(&f.abs)
            .file_name()
            .is_some_and(|n| n == "index.md")
    };
    let bundles_all: Vec<PathBuf> = (walked.markdown.iter())
        .filter(is_index)
        .filter_map(|f| f.abs.parent().map(Path::to_path_buf))
        .collect();
    // A bundle's files are published once, beside its default-language page; a translation's
    // page shows them from there (see `shared_bundle`). Only a bundle without a
    // default-language page publishes them beside a translation.
    let shared: Vec<PathBuf> = if config.edition == 0 {
        Vec::new()
    } else {
        (walked.markdown.iter())
            .filter(|f| f.abs.file_name().is_some_and(|n| n == "index.md"))
            .filter_map(|f| f.abs.parent().map(Path::to_path_buf))
            .collect()
    };
    let others: Vec<walk::SourceFile> = (walked.other.iter())
        .filter(|f| {
            !f.abs
                .ancestors()
                .skip(1)
                .any(|a| shared.iter().any(|b| b == a))
        })
        .filter(|f| {
            config.edition == 0
                || f.abs
                    .ancestors()
                    .skip(1)
                    .any(|a| bundles_all.iter().any(|b| b == a))
        })
        .cloned()
        .collect();
    loaded.assets = assets(&others, &loaded.pages, &bundles_all, config);
    loaded
        .assets
        .retain(|a| loaded.withheld.binary_search(&a.abs).is_err());
    if walked.markdown.is_empty() {
        loaded.warnings.push(nothing_here(config));
    }
    Ok(loaded)
}

/// The warning for a site without a single Markdown file, naming where it looked.
fn nothing_here(config: &Config) -> Warning {
    let dir = &config.content_dir;
    let shown = crate::paths::rel(dir, &config.root);
    let msg = if dir.is_dir() {
        format!(
            "no dispatches: {} has no `.md` files, so the site is empty; add one with `dateline new \"Title\" --city Kyiv`",
            dir.display()
        )
    } else {
        format!(
            "no dispatches: there is no folder {}, so the site is empty; run dateline in the site's folder (or pass `--root`), or start one with `dateline init`",
            dir.display()
        )
    };
    Warning {
        loc: Location::file(shown),
        msg,
    }
}

/// Places parsed documents in the site: filters, cities, URLs, order, mentions, warnings.
fn assemble(
    docs: Vec<Arc<Doc>>,
    config: &Config,
    matcher: &Matcher,
    gaz: &mut Arc<Gazetteer>,
    now: Date,
    errors: &mut Vec<Error>,
) -> Loaded {
    let mut loaded = Loaded::default();
    let mut docs = docs;
    let mut updates = live::Updates::split(&mut docs);
    let mut kept: Vec<Arc<Doc>> = Vec::with_capacity(docs.len());
    for d in docs {
        if d.draft && !config.drafts {
            updates.take(&d);
            loaded.drafts_skipped += 1;
        } else if let Some(t) = d.publish_after.filter(|t| *t > now) {
            updates.take(&d);
            loaded.embargoed.push((d.source.clone(), t));
        } else {
            kept.push(d);
        }
    }
    let mut pages: Vec<Page> = kept
        .into_iter()
        .map(|doc| {
            let (placed, held) = match doc.live {
                Some(_) => live::attach(updates.take(&doc), &config.timezone, now),
                None => Default::default(),
            };
            let page = Page {
                id: PageId(0),
                url: doc.url.clone(),
                on_air: live::on_air(&doc, now),
                doc,
                cities: Vec::new(),
                dateline: None,
                mentions: Vec::new(),
                updates: placed,
                held: Vec::new(),
            };
            loaded.withheld.extend(live::withheld(&page, &held));
            (loaded.embargoed).extend(held.iter().map(|d| (d.source.clone(), live::release(d))));
            Page { held, ..page }
        })
        .collect();
    updates.leftovers(errors);
    pages.sort_by(newest_first);
    for (i, p) in pages.iter_mut().enumerate() {
        p.id = PageId(i as u32);
    }
    resolve_places(&mut pages, gaz, config, errors, &mut loaded.warnings);
    assign_urls(&pages, errors);
    let g: &Gazetteer = gaz;
    pages
        .par_iter_mut()
        .for_each(|p| p.mentions = page_mentions(matcher, p, g));
    for p in &pages {
        loaded.warnings.extend(p.doc.notes.iter().cloned());
        for w in &p.doc.html_removed {
            if config.html.strict {
                errors.push(Error::content(
                    w.loc.clone(),
                    format!("{} (`strict_html` is on)", w.msg),
                ));
            } else {
                loaded.warnings.push(w.clone());
            }
        }
        if let Some(w) = updated_before_date(&p.doc) {
            loaded.warnings.push(w);
        }
        for (src, has_alt) in &p.doc.body.images {
            if !has_alt {
                loaded.warnings.push(Warning {
                    loc: Location::file(&p.doc.source),
                    msg: no_alt_text(src),
                });
            }
        }
    }
    loaded.embargoed.sort();
    loaded.withheld.sort();
    loaded.pages = pages;
    loaded
}

/// The warning for an image without alt text.
pub(crate) fn no_alt_text(src: &str) -> String {
    format!(
        "image `{src}` has no alt text; describe it for readers who cannot see it: ![description]({src})"
    )
}

/// The order of the site's dispatches: newest first (a live dispatch by its newest update),
/// then by file.
pub fn newest_first(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.sort_date()
        .cmp(&a.sort_date())
        .then_with(|| a.source.as_os_str().cmp(b.source.as_os_str()))
}

/// A warning at the `updated` line of a dispatch updated before it was published: a typo in
/// one of the dates, which feeds and sitemaps would otherwise show as is.
fn updated_before_date(doc: &Doc) -> Option<Warning> {
    let updated = doc.updated.filter(|u| *u < doc.date)?;
    Some(Warning {
        loc: Location::at(&doc.source, doc.key_line("updated"), 1),
        msg: format!(
            "`updated` ({}) is earlier than `date` ({}); correct whichever is wrong (until then feeds and the sitemap use `date`)",
            updated.rfc3339(),
            doc.date.rfc3339()
        ),
    })
}

/// The places `doc` mentions that are not among its `cities`, sorted by name.
pub fn decide_mentions(
    matcher: &Matcher,
    doc: &Doc,
    cities: &[PlaceId],
    g: &Gazetteer,
) -> Vec<PlaceId> {
    let mut m = matcher.places(&doc.hits, cities, g);
    m.retain(|id| !cities.contains(id));
    m.sort_by(|a, b| g.get(*a).name.cmp(&g.get(*b).name));
    m
}

/// The places a dispatch and its published updates mention that are not among its cities,
/// sorted by name.
pub fn page_mentions(matcher: &Matcher, p: &Page, g: &Gazetteer) -> Vec<PlaceId> {
    let mut m = decide_mentions(matcher, &p.doc, &p.cities, g);
    if p.updates.is_empty() {
        return m;
    }
    for u in &p.updates {
        for id in decide_mentions(matcher, &u.doc, &p.cities, g) {
            if !m.contains(&id) {
                m.push(id);
            }
        }
    }
    m.sort_by(|a, b| g.get(*a).name.cmp(&g.get(*b).name));
    m
}

fn resolve_places(
    pages: &mut [Page],
    gaz: &mut Arc<Gazetteer>,
    config: &Config,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) {
    let known = gaz.len();
    let mut invented: HashMap<String, PlaceId> = HashMap::new();
    // One warning per unknown name: (first location, message, dispatch count).
    let mut unknown: BTreeMap<String, (Location, String, usize)> = BTreeMap::new();
    // Resolutions by written name: most dispatches share a few dozen city names.
    let mut resolved: HashMap<String, Resolution> = HashMap::new();
    for p in pages.iter_mut() {
        let doc = p.doc.clone();
        let extra = doc
            .dateline_name
            .as_ref()
            .filter(|d| !doc.city_names.contains(d));
        let mut ids: Vec<(&String, PlaceId)> = Vec::with_capacity(doc.city_names.len() + 1);
        // A live dispatch's places include its updates' (each located in its own file).
        let ups: Vec<Arc<Doc>> = p.updates.iter().rev().map(|u| u.doc.clone()).collect();
        let named = (extra.into_iter().chain(&doc.city_names))
            .map(|n| (n, &*doc))
            .chain(
                ups.iter()
                    .flat_map(|u| u.city_names.iter().map(move |n| (n, &**u))),
            );
        for (name, d) in named {
            let key = if d.city_names.contains(name) {
                "cities"
            } else {
                "dateline"
            };
            let loc = || Location::at(&d.source, d.value_line(key, name), 1);
            let resolution = match resolved.get(name) {
                Some(r) => r.clone(),
                None => {
                    let r = gaz.resolve(name);
                    resolved.insert(name.clone(), r.clone());
                    r
                }
            };
            match resolution {
                Resolution::Found(id) => ids.push((name, id)),
                Resolution::Ambiguous(c) => {
                    errors.push(Error::content(loc(), ambiguous_city(gaz, name, &c)));
                }
                Resolution::Unknown => {
                    if config.strict_cities {
                        errors.push(Error::content(loc(), unknown_city(gaz, name)));
                        continue;
                    }
                    match unknown.get_mut(name) {
                        Some(w) => w.2 += 1,
                        None => {
                            unknown.insert(name.clone(), (loc(), unknown_city(gaz, name), 1));
                        }
                    }
                    let id = *invented
                        .entry(crate::places::gazetteer::name_key(name))
                        .or_insert_with(|| Arc::make_mut(gaz).push(local_place(name)));
                    ids.push((name, id));
                }
            }
        }
        let mut cities: Vec<PlaceId> = Vec::new();
        for (_, id) in &ids {
            if !cities.contains(id) {
                cities.push(*id);
            }
        }
        p.dateline = match &p.dateline_name {
            Some(d) => ids.iter().find(|(n, _)| *n == d).map(|(_, id)| *id),
            None => cities.first().copied(),
        };
        p.cities = cities;
    }
    for (_, (loc, msg, n)) in unknown {
        let msg = if n > 1 {
            format!("{msg} [in {n} dispatches]")
        } else {
            msg
        };
        warnings.push(Warning { loc, msg });
    }
    if !invented.is_empty() {
        Arc::make_mut(gaz).reindex_from(known);
    }
}

/// The error for a city name that names several places (`candidates`).
fn ambiguous_city(gaz: &Gazetteer, name: &str, candidates: &[PlaceId]) -> String {
    let list: Vec<String> = (candidates.iter())
        .map(|id| gaz.get(*id).qualified_name())
        .collect();
    format!(
        "city `{name}` is ambiguous: {}; write it with its oblast, e.g. \"{name} ({})\"",
        list.join(", "),
        gaz.get(candidates[0]).oblast_short()
    )
}

fn unknown_city(gaz: &Gazetteer, name: &str) -> String {
    let suggestions = gaz.suggest(name);
    let hint = if suggestions.is_empty() {
        "add it to cities.toml to give it coordinates".to_string()
    } else {
        format!(
            "did you mean {}? (or add it to cities.toml)",
            suggestions.join(", ")
        )
    };
    format!("unknown city `{name}`; {hint}")
}

/// A place invented for a city name the gazetteer lacks: matched in text only with context.
fn local_place(name: &str) -> Place {
    Place {
        ordinary: true,
        ..Place::local(name.trim(), "")
    }
}

fn assign_urls(pages: &[Page], errors: &mut Vec<Error>) {
    let mut claimed: HashMap<&str, &Path> = HashMap::with_capacity(pages.len() + 8);
    for reserved in crate::routes::RESERVED {
        claimed.insert(reserved, Path::new("(built-in page)"));
    }
    for p in pages {
        if let Some(first) = claimed.get(p.url.as_str()) {
            errors.push(Error::UrlCollision {
                url: p.url.to_string(),
                first: first.to_path_buf(),
                second: p.source.clone(),
            });
        } else {
            claimed.insert(p.url.as_str(), &p.doc.source);
        }
    }
}

/// Output locations for non-Markdown files: beside their page for bundles, mirrored otherwise.
fn assets(
    files: &[walk::SourceFile],
    pages: &[Page],
    all_bundles: &[PathBuf],
    config: &Config,
) -> Vec<Asset> {
    let bundles: BTreeMap<&Path, &Page> = pages
        .iter()
        .filter(|p| p.bundle)
        .filter_map(|p| Some((p.abs.parent()?, p)))
        .collect();
    let mut out = Vec::new();
    for f in files {
        let owner = f
            .abs
            .ancestors()
            .skip(1)
            .find_map(|a| bundles.get(a).map(|p| (a, *p)));
        let unpublished_bundle = owner.is_none()
            && f.abs
                .ancestors()
                .skip(1)
                .any(|a| all_bundles.iter().any(|b| b == a));
        if unpublished_bundle {
            // Beside a draft or embargoed dispatch: publishing it would leak the story.
            continue;
        }
        let dest = match owner {
            Some((dir, page)) => {
                let inner = f.abs.strip_prefix(dir).unwrap_or(&f.abs);
                page.url
                    .file()
                    .parent()
                    .map(|p| p.join(inner))
                    .unwrap_or_else(|| inner.to_path_buf())
            }
            None => f
                .abs
                .strip_prefix(&config.content_dir)
                .unwrap_or(&f.abs)
                .to_path_buf(),
        };
        let dest = UrlPath::parse(&dest.to_string_lossy()).file();
        out.push(Asset {
            abs: f.abs.clone(),
            rel: f.rel.clone(),
            out: dest,
        });
    }
    out
}
