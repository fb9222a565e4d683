//! The site index: cities, tags and authors with their dispatches, built once, then frozen.
//!
//! Every list is newest first (pages are already sorted), so pagination and feeds slice it
//! without sorting again. Terms are keyed by slug in a `BTreeMap`, so output order is stable.

use std::collections::BTreeMap;

use crate::content::{Page, PageId};
use crate::places::{Gazetteer, PlaceId};
use crate::urls::{Slug, slugify};

/// A tag or an author and its dispatches.
#[derive(Debug, Clone)]
pub struct Term {
    /// Display name (first spelling seen).
    pub name: String,
    /// URL slug.
    pub slug: Slug,
    /// Dispatches, newest first.
    pub pages: Vec<PageId>,
}

/// A city with dispatches about it and dispatches that mention it.
#[derive(Debug, Clone)]
pub struct CityEntry {
    /// The place.
    pub place: PlaceId,
    /// Dispatches filed from or about it (listed in `cities`/`dateline`), newest first.
    pub pages: Vec<PageId>,
    /// Dispatches that only mention it in the text, newest first.
    pub mentioned: Vec<PageId>,
}

/// The frozen index.
#[derive(Debug, Default)]
pub struct Index {
    /// Every dispatch, newest first.
    pub all: Vec<PageId>,
    /// Cities with at least one dispatch or mention, by slug.
    pub cities: Vec<CityEntry>,
    /// Tags by slug.
    pub tags: Vec<Term>,
    /// Authors by slug.
    pub authors: Vec<Term>,
}

impl Index {
    /// Builds the index from pages (newest first).
    pub fn build(pages: &[Page], gaz: &Gazetteer) -> Index {
        let mut cities: BTreeMap<PlaceId, CityEntry> = BTreeMap::new();
        let mut tags: BTreeMap<Slug, Term> = BTreeMap::new();
        let mut authors: BTreeMap<Slug, Term> = BTreeMap::new();
        let mut slugs: ahash::AHashMap<&str, Slug> = ahash::AHashMap::new();
        for p in pages {
            for c in &p.cities {
                entry(&mut cities, *c).pages.push(p.id);
            }
            for c in &p.mentions {
                entry(&mut cities, *c).mentioned.push(p.id);
            }
            add_terms(&mut tags, &p.doc.tags, p.id, &mut slugs);
            add_terms(&mut authors, &p.doc.authors, p.id, &mut slugs);
        }
        let mut cities: Vec<CityEntry> = cities.into_values().collect();
        cities.sort_by(|a, b| gaz.get(a.place).slug.cmp(&gaz.get(b.place).slug));
        Index {
            all: pages.iter().map(|p| p.id).collect(),
            cities,
            tags: tags.into_values().collect(),
            authors: authors.into_values().collect(),
        }
    }

    /// The entry of a city, if it has any dispatch or mention.
    pub fn city(&self, id: PlaceId) -> Option<&CityEntry> {
        self.cities.iter().find(|c| c.place == id)
    }
}

fn entry(map: &mut BTreeMap<PlaceId, CityEntry>, id: PlaceId) -> &mut CityEntry {
    map.entry(id).or_insert_with(|| CityEntry {
        place: id,
        pages: Vec::new(),
        mentioned: Vec::new(),
    })
}

fn add_terms<'a>(
    map: &mut BTreeMap<Slug, Term>,
    names: &'a [String],
    id: PageId,
    slugs: &mut ahash::AHashMap<&'a str, Slug>,
) {
    for n in names {
        let slug = slugs
            .entry(n.as_str())
            .or_insert_with(|| slugify(n))
            .clone();
        let t = map.entry(slug.clone()).or_insert_with(|| Term {
            name: n.clone(),
            slug,
            pages: Vec::new(),
        });
        if t.pages.last() != Some(&id) {
            t.pages.push(id);
        }
    }
}
