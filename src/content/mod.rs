//! Loading dispatches: walk → parse (parallel) → resolve places → URLs → markdown (parallel).
//!
//! Returns every page newest first with its id, or every problem found in every file. Drafts
//! and embargoed dispatches are dropped here, so nothing downstream can leak them.

pub mod front_matter;
pub mod page;
pub mod walk;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::dates::Date;
use crate::error::{Error, Location, Warning};
use crate::places::{Gazetteer, Matcher, Place, PlaceId, Resolution};
use crate::urls::UrlPath;
pub use page::{Page, PageId};

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
    /// Files to copy.
    pub assets: Vec<Asset>,
    /// Non-fatal problems.
    pub warnings: Vec<Warning>,
    /// Dispatches held back by `publish_after`, with their release time.
    pub embargoed: Vec<(PathBuf, Date)>,
    /// Drafts left out.
    pub drafts_skipped: usize,
}

/// Loads and resolves all content. `gaz` gains local places for unknown city names.
pub fn load(config: &Config, gaz: &mut Gazetteer, now: Date) -> Result<Loaded, Vec<Error>> {
    let mut errors = Vec::new();
    let walked = walk::walk(&config.content_dir, &config.root, &mut errors);
    let parsed: Vec<Result<Page, Error>> = walked
        .markdown
        .par_iter()
        .map(|sf| parse_file(&sf.abs, &sf.rel, config))
        .collect();
    let mut loaded = Loaded::default();
    let mut pages = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(p) if p.draft && !config.drafts => loaded.drafts_skipped += 1,
            Ok(p) => match p.publish_after {
                Some(t) if t > now => loaded.embargoed.push((p.source.clone(), t)),
                _ => pages.push(p),
            },
            Err(e) => errors.push(e),
        }
    }
    resolve_places(&mut pages, gaz, config, &mut errors, &mut loaded.warnings);
    assign_urls(&mut pages, config, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    pages.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.source.cmp(&b.source)));
    for (i, p) in pages.iter_mut().enumerate() {
        p.id = PageId(i as u32);
    }
    let matcher = Matcher::new(gaz);
    let g: &Gazetteer = gaz;
    pages.par_iter_mut().for_each(|p| render_body(p, &matcher, g));
    for p in &pages {
        for (src, has_alt) in &p.body.images {
            if !has_alt {
                loaded.warnings.push(Warning {
                    loc: Location::file(&p.source),
                    msg: format!("image `{src}` has no alt text; describe it for readers who cannot see it: ![description]({src})"),
                });
            }
        }
    }
    loaded.assets = assets(&walked.other, &pages, config);
    loaded.pages = pages;
    Ok(loaded)
}

/// Reads and parses one file.
fn parse_file(abs: &Path, rel: &Path, config: &Config) -> Result<Page, Error> {
    let raw = crate::fs::read_to_string(abs, rel)?;
    let text = normalise(raw);
    let split = front_matter::split(&text, rel)?;
    let fm = front_matter::parse(&split, rel)?;
    let date_line = split.front.lines().position(|l| l.trim_start().starts_with("date")).map_or(2, |i| i + 2);
    Page::from_raw(
        fm,
        rel.to_path_buf(),
        abs.to_path_buf(),
        split.front.to_string(),
        split.body.to_string(),
        &config.timezone,
    )
    .map_err(|msg| Error::content(Location::at(rel, date_line, 1), msg))
}

/// Strips a BOM and turns CRLF into LF.
pub fn normalise(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

fn render_body(p: &mut Page, matcher: &Matcher, g: &Gazetteer) {
    p.body = crate::markdown::render(&p.markdown);
    let mut mentions = matcher.find(&p.body.text, &p.cities, g);
    mentions.retain(|id| !p.cities.contains(id));
    mentions.sort_by(|a, b| g.get(*a).name.cmp(&g.get(*b).name));
    p.mentions = mentions;
}

fn resolve_places(
    pages: &mut [Page],
    gaz: &mut Gazetteer,
    config: &Config,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) {
    let mut invented: HashMap<String, PlaceId> = HashMap::new();
    for p in pages.iter_mut() {
        let mut names = p.city_names.clone();
        if let Some(d) = &p.dateline_name {
            if !names.iter().any(|n| n == d) {
                names.insert(0, d.clone());
            }
        }
        let mut ids = Vec::new();
        for name in &names {
            let loc = Location::at(&p.source, p.line_of(&format!("\"{name}\"")), 1);
            match gaz.resolve(name) {
                Resolution::Found(id) => ids.push((name.clone(), id)),
                Resolution::Ambiguous(c) => {
                    let list: Vec<String> = c.iter().map(|id| gaz.get(*id).qualified_name()).collect();
                    errors.push(Error::content(
                        loc,
                        format!(
                            "city `{name}` is ambiguous: {}; write it with its oblast, e.g. \"{name} ({})\"",
                            list.join(", "),
                            gaz.get(c[0]).oblast_short()
                        ),
                    ));
                }
                Resolution::Unknown(suggestions) => {
                    let hint = if suggestions.is_empty() {
                        "add it to cities.toml to give it coordinates".to_string()
                    } else {
                        format!("did you mean {}? (or add it to cities.toml)", suggestions.join(", "))
                    };
                    let msg = format!("unknown city `{name}`; {hint}");
                    if config.strict_cities {
                        errors.push(Error::content(loc, msg));
                        continue;
                    }
                    warnings.push(Warning { loc, msg });
                    let id = *invented
                        .entry(crate::places::gazetteer::name_key(name))
                        .or_insert_with(|| gaz.push(local_place(name)));
                    ids.push((name.clone(), id));
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
            Some(d) => ids.iter().find(|(n, _)| n == d).map(|(_, id)| *id),
            None => cities.first().copied(),
        };
        p.cities = cities;
    }
    if !invented.is_empty() {
        gaz.reindex();
    }
}

fn local_place(name: &str) -> Place {
    Place {
        name: name.trim().to_string(),
        name_uk: String::new(),
        name_ru: String::new(),
        oblast: String::new(),
        oblast_iso: String::new(),
        lat: None,
        lon: None,
        population: 0,
        kind: String::new(),
        aliases: Vec::new(),
        ordinary: true,
        description: None,
        slug: crate::urls::slugify(name),
        local: true,
    }
}

fn assign_urls(pages: &mut [Page], config: &Config, errors: &mut Vec<Error>) {
    let mut claimed: BTreeMap<String, PathBuf> = BTreeMap::new();
    for reserved in ["/cities/", "/tags/", "/authors/", "/page/", "/lite/"] {
        claimed.insert(reserved.to_string(), PathBuf::from("(built-in page)"));
    }
    for p in pages.iter_mut() {
        let url = config.permalink.expand(p.date.year(), p.date.month(), p.date.day(), p.slug.as_str());
        p.url = UrlPath::parse(&url);
        if let Some(first) = claimed.get(p.url.as_str()) {
            errors.push(Error::UrlCollision {
                url: p.url.to_string(),
                first: first.clone(),
                second: p.source.clone(),
            });
        } else {
            claimed.insert(p.url.to_string(), p.source.clone());
        }
    }
}

/// Output locations for non-Markdown files: beside their page for bundles, mirrored otherwise.
fn assets(files: &[walk::SourceFile], pages: &[Page], config: &Config) -> Vec<Asset> {
    let bundles: BTreeMap<&Path, &Page> = pages
        .iter()
        .filter(|p| p.bundle)
        .filter_map(|p| Some((p.abs.parent()?, p)))
        .collect();
    let mut out = Vec::new();
    for f in files {
        let owner = f.abs.ancestors().skip(1).find_map(|a| bundles.get(a).map(|p| (a, *p)));
        let dest = match owner {
            Some((dir, page)) => {
                let inner = f.abs.strip_prefix(dir).unwrap_or(&f.abs);
                page.url.file().parent().map(|p| p.join(inner)).unwrap_or_else(|| inner.to_path_buf())
            }
            None => f.abs.strip_prefix(&config.content_dir).unwrap_or(&f.abs).to_path_buf(),
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
