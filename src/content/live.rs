//! Live coverage: a bundle whose `index.md` says `live = true`, and its update files.
//!
//! Every other Markdown file in the bundle's folder, or in its `updates/` folder, is one
//! update (one file per update, so reporters filing at once never touch the same file). An
//! update is parsed into a [`Doc`] like a dispatch (same cache, same Markdown, same place-name
//! scan) from its own small front matter ([`RawUpdate`]), then attached to its dispatch's
//! [`Page`] by [`attach`]: published updates newest first, each with a stable anchor
//! (`update-20220408-1030`, from its time in the site's zone; updates filed in the same minute
//! get `-2`, `-3`… in file order). Anchors are given over every update, embargoed ones too, so
//! an anchor does not change when an embargo lifts. This module decides, never renders.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ahash::AHashMap as HashMap;
use serde::Deserialize;

use crate::content::front_matter::{RawCorrection, RawFrontMatter};
use crate::content::page::{Doc, Page};
use crate::dates::{Date, Zone};
use crate::error::{Error, Location};

/// A live dispatch's coverage window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Live {
    /// When coverage ended (or ends): live until then, or for as long as it is unset.
    pub coverage_end: Option<Date>,
}

/// What only an update has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateInfo {
    /// A key event: listed at the top of the page.
    pub key: bool,
    /// Written with a `title` (else the update has no headline of its own).
    pub titled: bool,
}

/// The front matter of an update file, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdate {
    /// When the update was filed (required); a future time is an embargo.
    pub time: toml::value::Datetime,
    /// Keep it hidden until this moment.
    pub publish_after: Option<toml::value::Datetime>,
    /// Optional headline.
    pub title: Option<String>,
    /// Bylines.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Places the update is about (added to the dispatch's places).
    #[serde(default)]
    pub cities: Vec<String>,
    /// A key event.
    #[serde(default)]
    pub key: bool,
    /// Corrections to this update.
    #[serde(default)]
    pub corrections: Vec<RawCorrection>,
}

/// An update on its page.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The parsed file.
    pub doc: Arc<Doc>,
    /// Its anchor on the page, e.g. `update-20220408-1030`.
    pub anchor: String,
}

/// The folder of the live dispatch a Markdown file would be an update of: its own folder
/// when that holds an `index.md`, else, for a file in an `updates/` folder, the folder above
/// it when that holds one. `None` for `index.md` itself and for every other file.
pub fn owner_dir(abs: &Path, has_index: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    // `index.md` and its translations (`index.uk.md`) are the dispatch itself.
    let key = crate::lang::translation_key(abs);
    if key.file_name().is_some_and(|n| n == "index.md") {
        return None;
    }
    let dir = abs.parent()?;
    if has_index(&dir.join("index.md")) {
        return Some(dir.to_path_buf());
    }
    let up = dir
        .parent()
        .filter(|_| dir.file_name().is_some_and(|n| n == "updates"))?;
    has_index(&up.join("index.md")).then(|| up.to_path_buf())
}

/// The site path of the page a translated update (`updates/x.uk.md`) is shown on: its
/// dispatch's translation (`index.uk.md` in the bundle), read for its date and slug. `None`
/// for an update in the default language, or one whose dispatch cannot be read (that file's
/// own errors are reported where it is parsed).
pub fn translated_page_url(
    abs: &Path,
    config: &crate::config::Config,
) -> Option<(PathBuf, String)> {
    let code = crate::lang::file_lang(abs)?;
    let dir = owner_dir(abs, Path::is_file)?;
    let index = dir.join(format!("index.{code}.md"));
    let text = std::fs::read_to_string(&index).ok()?;
    let text = super::normalise(&text);
    let split = super::front_matter::split(&text, &index).ok()?;
    let (fm, lines) = super::front_matter::parse(&split, &index).ok()?;
    let doc = Doc::from_raw(fm, index.clone(), index.clone(), lines, &config.timezone).ok()?;
    let url = config.permalink.expand(
        doc.date.year(),
        doc.date.month(),
        doc.date.day(),
        doc.slug.as_str(),
    );
    Some((index, url))
}

/// Resolves an update's front matter into a [`Doc`] (its `date` is the update's time, its
/// title empty when none was written).
pub fn update_doc(
    raw: RawUpdate,
    source: PathBuf,
    abs: PathBuf,
    lines: crate::tomlerr::KeyLines,
    zone: &Zone,
) -> Result<Doc, (&'static str, String)> {
    let RawUpdate {
        time,
        publish_after,
        title,
        authors,
        cities,
        key,
        corrections,
    } = raw;
    let titled = title.as_ref().is_some_and(|t| !t.trim().is_empty());
    let fm = RawFrontMatter {
        title: if titled {
            title.clone().unwrap_or_default()
        } else {
            "update".into()
        },
        date: time,
        updated: None,
        publish_after,
        slug: None,
        summary: None,
        authors,
        cities,
        tags: Vec::new(),
        dateline: None,
        draft: false,
        content_warning: None,
        sources: Vec::new(),
        corrections,
        image: None,
        image_alt: None,
        image_caption: None,
        live: false,
        coverage_end: None,
    };
    let mut doc = Doc::from_raw(fm, source, abs, lines, zone).map_err(|(key, e)| {
        let key = if key == "date" { "time" } else { key };
        (key, e.replace("`date`", "`time`"))
    })?;
    if !titled {
        doc.title = String::new();
    }
    doc.update = Some(UpdateInfo { key, titled });
    Ok(doc)
}

/// When an update becomes visible: its time, or its `publish_after` if later.
pub fn release(doc: &Doc) -> Date {
    doc.publish_after.map_or(doc.date, |p| p.max(doc.date))
}

/// Update files sorted out by the dispatch folder they belong to.
#[derive(Debug, Default)]
pub struct Updates {
    by_dir: HashMap<PathBuf, Vec<Arc<Doc>>>,
    /// Translated updates (`a.uk.md`) of a dispatch without that translation (`index.uk.md`).
    untranslated: Vec<Arc<Doc>>,
}

impl Updates {
    /// Takes the update files out of `docs` (every file whose `update` is set).
    pub fn split(docs: &mut Vec<Arc<Doc>>) -> Updates {
        let mut out = Updates::default();
        // By translation key: a translation's `index.uk.md` owns the `*.uk.md` updates (an
        // edition reads only its own language's files).
        let indexes: ahash::AHashSet<PathBuf> = (docs.iter())
            .filter(|d| d.bundle && d.update.is_none())
            .map(|d| crate::lang::translation_key(&d.abs))
            .collect();
        docs.retain(|d| {
            if d.update.is_none() {
                return true;
            }
            let index = |p: &Path| indexes.contains(p);
            // An update whose dispatch failed to parse: that error is reported already.
            let Some(dir) = owner_dir(&d.abs, index) else {
                let code = crate::lang::file_lang(&d.abs);
                let missing = |dir: PathBuf| {
                    code.is_some_and(|c| !dir.join(format!("index.{c}.md")).is_file())
                };
                if owner_dir(&d.abs, Path::is_file).is_some_and(missing) {
                    out.untranslated.push(d.clone());
                }
                return false;
            };
            out.by_dir.entry(dir).or_default().push(d.clone());
            false
        });
        out
    }

    /// The updates of the dispatch `doc` (none for a file that is not a bundle's `index.md`).
    pub fn take(&mut self, doc: &Doc) -> Vec<Arc<Doc>> {
        let dir = doc.abs.parent().filter(|_| doc.bundle);
        dir.and_then(|d| self.by_dir.remove(d)).unwrap_or_default()
    }

    /// Errors for updates left over: beside a dispatch that is not live, or in a language
    /// the dispatch has no translation in.
    pub fn leftovers(self, errors: &mut Vec<Error>) {
        for d in &self.untranslated {
            let code = crate::lang::file_lang(&d.source).unwrap_or_default();
            errors.push(Error::content(
                Location::file(&d.source),
                format!(
                    "this update is in `{code}`, but its live dispatch has no `{code}` translation (index.{code}.md) to show it on; translate the dispatch first (`dateline new --translate <its folder> --lang {code}`)"
                ),
            ));
        }
        let mut left: Vec<Arc<Doc>> = self.by_dir.into_values().flatten().collect();
        left.sort_by(|a, b| a.source.cmp(&b.source));
        for d in left {
            errors.push(Error::content(
                Location::file(&d.source),
                "this Markdown file sits in the folder of a dispatch that is not live, so it is read as a live update; add `live = true` to that dispatch's index.md, or move this file out of the folder",
            ));
        }
    }
}

/// The sort key of a dispatch's updates, oldest first: time, then file.
fn oldest_first(a: &Arc<Doc>, b: &Arc<Doc>) -> std::cmp::Ordering {
    a.date.cmp(&b.date).then_with(|| a.source.cmp(&b.source))
}

/// Places `updates` (every update file of a live dispatch) on it: anchors over all of them,
/// then the published ones newest first. Returns the embargoed ones too.
pub fn attach(updates: Vec<Arc<Doc>>, zone: &Zone, now: Date) -> (Vec<Placed>, Vec<Arc<Doc>>) {
    let mut all = updates;
    all.sort_by(oldest_first);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut placed = Vec::with_capacity(all.len());
    let mut held = Vec::new();
    for doc in all {
        let base = format!("update-{}", doc.date.in_zone(zone).stamp());
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let anchor = if *n == 1 { base } else { format!("{base}-{n}") };
        if release(&doc) > now {
            held.push(doc);
        } else {
            placed.push(Placed { doc, anchor });
        }
    }
    placed.reverse();
    (placed, held)
}

/// Whether a live dispatch is on air at `now`: live, and its coverage not ended.
pub fn on_air(doc: &Doc, now: Date) -> bool {
    doc.live
        .as_ref()
        .is_some_and(|l| l.coverage_end.is_none_or(|end| end > now))
}

/// The photos (absolute paths) that `docs` show, found as their page shows them: in the
/// folder of the dispatch `page`.
pub fn photos<'a>(
    page: &'a Doc,
    docs: impl Iterator<Item = &'a Doc> + 'a,
) -> impl Iterator<Item = PathBuf> + 'a {
    let dir = page.abs.parent().unwrap_or(Path::new("."));
    docs.flat_map(move |d| {
        let srcs = d.body.images.iter().map(|(s, _)| s.as_str());
        crate::images::process::shown_paths(dir, srcs)
    })
}

/// The photos of `held` (embargoed updates of `page`) that no published update or the
/// dispatch itself shows: they stay unpublished with their update.
pub fn withheld(page: &Page, held: &[Arc<Doc>]) -> Vec<PathBuf> {
    if held.is_empty() {
        return Vec::new();
    }
    let docs = std::iter::once(&*page.doc).chain(page.updates.iter().map(|u| &*u.doc));
    let shown: ahash::AHashSet<PathBuf> = photos(&page.doc, docs).collect();
    let mut out: Vec<PathBuf> = photos(&page.doc, held.iter().map(|d| &**d))
        .filter(|p| !shown.contains(p))
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Page {
    /// Every photo the page shows (its own and its published updates'), absolute paths.
    pub fn photos(&self) -> Vec<PathBuf> {
        let docs = std::iter::once(&*self.doc).chain(self.updates.iter().map(|u| &*u.doc));
        photos(&self.doc, docs).collect()
    }

    /// The newest published update's time, for a live dispatch that has one.
    pub fn last_update(&self) -> Option<Date> {
        self.updates.first().map(|u| u.doc.date)
    }

    /// Where the dispatch sits in lists: its newest update, else its date.
    pub fn sort_date(&self) -> Date {
        self.last_update().map_or(self.date, |u| u.max(self.date))
    }

    /// Bylines of its updates that the dispatch itself does not carry, in first-filed order.
    pub fn update_authors(&self) -> Vec<&String> {
        let mut out: Vec<&String> = Vec::new();
        for u in self.updates.iter().rev() {
            for a in &u.doc.authors {
                if !self.authors.contains(a) && !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(path: &str, time: &str) -> Arc<Doc> {
        let z = Zone::named("Europe/Kyiv").unwrap();
        let raw: RawUpdate = toml::from_str(&format!("time = {time}")).unwrap();
        let d = update_doc(
            raw,
            path.into(),
            format!("/s/{path}").into(),
            Default::default(),
            &z,
        );
        Arc::new(d.unwrap())
    }

    #[test]
    fn anchors_are_stable_with_a_tiebreak_in_file_order_and_embargoes_keep_theirs() {
        let z = Zone::named("Europe/Kyiv").unwrap();
        let now = Date::parse("2022-04-08T12:00:00+03:00", &z).unwrap();
        let ups = vec![
            update("c/b.md", "2022-04-08T10:30:20+03:00"),
            update("c/a.md", "2022-04-08T10:30:10+03:00"),
            update("c/c.md", "2022-04-08T10:30:10+03:00"),
            update("c/z.md", "2022-04-08T07:30:00Z"),
            update("c/later.md", "2022-04-08T13:00:00+03:00"),
        ];
        let (placed, held) = attach(ups.clone(), &z, now);
        let got: Vec<(&str, &str)> = placed
            .iter()
            .map(|p| (p.doc.source.to_str().unwrap(), p.anchor.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("c/b.md", "update-20220408-1030-4"),
                ("c/c.md", "update-20220408-1030-3"),
                ("c/a.md", "update-20220408-1030-2"),
                ("c/z.md", "update-20220408-1030"),
            ]
        );
        assert_eq!(held.len(), 1);
        assert_eq!(held[0].source, Path::new("c/later.md"));
        let mut reversed = ups;
        reversed.reverse();
        let (again, _) = attach(reversed, &z, now);
        let anchors = |v: &[Placed]| v.iter().map(|p| p.anchor.clone()).collect::<Vec<_>>();
        assert_eq!(anchors(&placed), anchors(&again));
    }

    #[test]
    fn an_update_belongs_to_the_folder_with_an_index() {
        let has = |p: &Path| p == Path::new("/c/live/index.md");
        let owner = |p: &str| owner_dir(Path::new(p), has);
        assert_eq!(owner("/c/live/a.md"), Some(PathBuf::from("/c/live")));
        assert_eq!(
            owner("/c/live/updates/a.md"),
            Some(PathBuf::from("/c/live"))
        );
        assert_eq!(owner("/c/live/index.md"), None);
        assert_eq!(owner("/c/live/other/a.md"), None);
        assert_eq!(owner("/c/a.md"), None);
    }
}
