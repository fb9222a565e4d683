//! The site index: cities, tags and authors with their dispatches, built once, then frozen.
//!
//! Every list is newest first (pages are already sorted), so pagination and feeds slice it
//! without sorting again. Terms are sorted by slug, so output order is stable.

use std::collections::BTreeMap;

use crate::content::{Page, PageId};
use crate::error::{Location, Warning};
use crate::places::{Gazetteer, PlaceId};
use crate::routes::TermKind;
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

/// How many of the dispatches that mention a city its first page lists ("Also mentioned
/// in"): the one number the page, its fingerprint and serve's fast path all use.
pub(crate) const MENTIONED_SHOWN: usize = 50;

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

/// A calendar month with its dispatches (the month archive, `/archive/2023/02/`).
#[derive(Debug, Clone)]
pub struct Month {
    /// Year, as in the dispatch's URL.
    pub year: i16,
    /// Month, 1 to 12.
    pub month: i8,
    /// Dispatches dated in it, newest first.
    pub pages: Vec<PageId>,
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
    /// Months with at least one dispatch, newest first (by the dispatch's own date, the one
    /// its URL carries).
    pub months: Vec<Month>,
}

impl Index {
    /// Builds the index from pages (newest first).
    pub fn build(pages: &[Page], gaz: &Gazetteer) -> (Index, Vec<Warning>) {
        let mut cities: BTreeMap<PlaceId, CityEntry> = BTreeMap::new();
        let (mut tags, mut authors) = (Terms::default(), Terms::default());
        for p in pages {
            for c in &p.cities {
                entry(&mut cities, *c).pages.push(p.id);
            }
            for c in &p.mentions {
                entry(&mut cities, *c).mentioned.push(p.id);
            }
            tags.add(&p.doc.tags, p);
            authors.add(&p.doc.authors, p);
            // A live dispatch is on the page of everyone who filed one of its updates.
            for u in &p.updates {
                authors.add(&u.doc.authors, p);
            }
        }
        let mut cities: Vec<CityEntry> = cities.into_values().collect();
        cities.sort_by(|a, b| gaz.get(a.place).slug.cmp(&gaz.get(b.place).slug));
        let mut merged = tags.merged(TermKind::Tag, pages);
        merged.extend(authors.merged(TermKind::Author, pages));
        let index = Index {
            all: pages.iter().map(|p| p.id).collect(),
            months: months(pages),
            cities,
            tags: tags.into_sorted(),
            authors: authors.into_sorted(),
        };
        (index, merged)
    }

    /// The entry of a city, if it has any dispatch or mention.
    pub fn city(&self, id: PlaceId) -> Option<&CityEntry> {
        self.cities.iter().find(|c| c.place == id)
    }
}

/// Dispatches by month, newest month first; within a month, in `pages` order (newest first).
fn months(pages: &[Page]) -> Vec<Month> {
    let mut by: BTreeMap<(i16, i8), Vec<PageId>> = BTreeMap::new();
    for p in pages {
        by.entry(p.date.year_month()).or_default().push(p.id);
    }
    (by.into_iter().rev())
        .map(|((year, month), pages)| Month { year, month, pages })
        .collect()
}

fn entry(map: &mut BTreeMap<PlaceId, CityEntry>, id: PlaceId) -> &mut CityEntry {
    map.entry(id).or_insert_with(|| CityEntry {
        place: id,
        pages: Vec::new(),
        mentioned: Vec::new(),
    })
}

/// Terms being collected: names as written map to one term per slug ("Drones" and "drones"
/// are one topic, named as first seen), each name slugified once.
#[derive(Default)]
struct Terms<'a> {
    terms: Vec<Term>,
    by_slug: ahash::AHashMap<Slug, usize>,
    by_name: ahash::AHashMap<&'a str, usize>,
    /// Spellings that joined a term another spelling started: (term, spelling, page).
    joined: Vec<(usize, &'a str, PageId)>,
}

impl<'a> Terms<'a> {
    fn add(&mut self, names: &'a [String], page: &Page) {
        let id = page.id;
        for n in names {
            let i = match self.by_name.get(n.as_str()) {
                Some(i) => *i,
                None => {
                    let slug = slugify(n);
                    let i = match self.by_slug.get(&slug) {
                        Some(i) => {
                            self.joined.push((*i, n, id));
                            *i
                        }
                        None => {
                            self.by_slug.insert(slug.clone(), self.terms.len());
                            self.terms.push(Term {
                                name: n.clone(),
                                slug,
                                pages: Vec::new(),
                            });
                            self.terms.len() - 1
                        }
                    };
                    self.by_name.insert(n, i);
                    i
                }
            };
            let t = &mut self.terms[i];
            if t.pages.last() != Some(&id) {
                t.pages.push(id);
            }
        }
    }

    /// The terms by slug.
    /// A warning for each spelling that shares another's URL: the two are shown as one
    /// term, which the writer may not mean ("Front line" and "front-line"; `..` and `/`).
    fn merged(&self, kind: TermKind, pages: &[Page]) -> Vec<Warning> {
        let key = kind.section();
        self.joined
            .iter()
            .map(|(i, name, id)| {
                let term = &self.terms[*i];
                let first = term.pages.first().and_then(|f| pages.get(f.0 as usize));
                let page = &pages[id.0 as usize];
                Warning {
                    loc: Location::at(&page.doc.source, page.doc.key_line(key), 1),
                    msg: format!(
                        "{key} entry `{name}` and `{}`{} share the address /{key}/{}/ and are shown as one; use one spelling",
                        term.name,
                        first.map_or(String::new(), |f| format!(" (in {})", f.doc.source.display())),
                        term.slug.as_str()
                    ),
                }
            })
            .collect()
    }

    fn into_sorted(self) -> Vec<Term> {
        let mut terms = self.terms;
        terms.sort_by(|a, b| a.slug.cmp(&b.slug));
        terms
    }
}
