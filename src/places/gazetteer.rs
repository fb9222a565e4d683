//! The gazetteer: every known place, its names, and name → place resolution.
//!
//! Owns `Place` records (loaded from the embedded `data/gazetteer.tsv`, extended by a site's
//! `cities.toml`), their stable slugs, and `resolve`, which turns what a reporter wrote
//! ("Artemivsk", "Бахмут", "Oleksandrivka (Donetsk)") into one place, a list of candidates, or
//! suggestions. Frozen before rendering; nothing here mutates after `Site::load`.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use serde::{Deserialize, Serialize};

use super::text::Text;
use crate::urls::{Slug, slugify};

/// The built-in data file (see `data/NOTICE.md` for sources and licence). `build.rs` makes the
/// gazetteer of it at compile time ([`Gazetteer::embedded`] decodes that).
pub const EMBEDDED: &str = include_str!("../../data/gazetteer.tsv");

/// Index of a place in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlaceId(pub u32);

/// One place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Place {
    /// Canonical English name (official KMU 2010 romanisation).
    pub name: Text,
    /// Ukrainian name.
    pub name_uk: Text,
    /// Russian name, if known.
    pub name_ru: Text,
    /// Oblast in English, e.g. "Donetsk Oblast".
    pub oblast: Text,
    /// ISO 3166-2 code, e.g. "UA-14".
    pub oblast_iso: Text,
    /// Latitude, if known.
    pub lat: Option<f64>,
    /// Longitude, if known.
    pub lon: Option<f64>,
    /// Population (0 if unknown).
    pub population: u64,
    /// city, town, village, settlement, or empty.
    pub kind: Text,
    /// Other names: romanisations, former names, Cyrillic spellings.
    pub aliases: Vec<Text>,
    /// The name is also an ordinary word: only matched in text with supporting context.
    pub ordinary: bool,
    /// On or near the front line since 2022 (an editorial list): preferred among namesakes.
    pub frontline: bool,
    /// A small settlement known only from the codifier (no population figure): linked in text
    /// only when the text supports it, and never in the way of a better-known namesake.
    pub minor: bool,
    /// The coordinates are its community's (or raion's) centre, not its own.
    pub approx: bool,
    /// A codifier-only place whose Ukrainian name is also a Ukrainian word ("Нове", "new"):
    /// not taken for the place at the start of a sentence.
    pub word: bool,
    /// Raion, in Ukrainian as the codifier names it ("Покровський"); may be empty.
    pub raion: Text,
    /// Territorial community (hromada), in Ukrainian ("Курахівська"); may be empty.
    pub hromada: Text,
    /// Site-provided description (from `cities.toml`).
    pub description: Option<String>,
    /// URL slug, unique across the gazetteer.
    pub slug: Slug,
    /// Added by the site (`cities.toml`) or invented for an unknown city name.
    pub local: bool,
}

impl Place {
    /// A site-local place with only a name (and oblast, if known).
    pub fn local(name: &str, oblast: &str) -> Place {
        Place {
            name: name.into(),
            name_uk: Text::default(),
            name_ru: Text::default(),
            oblast: oblast.into(),
            oblast_iso: Text::default(),
            lat: None,
            lon: None,
            population: 0,
            kind: Text::default(),
            aliases: Vec::new(),
            ordinary: false,
            frontline: false,
            minor: false,
            approx: false,
            word: false,
            raion: Text::default(),
            hromada: Text::default(),
            description: None,
            slug: slugify(name),
            local: true,
        }
    }

    /// Every name the place goes by: canonical, Cyrillic, aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        [
            self.name.as_str(),
            self.name_uk.as_str(),
            self.name_ru.as_str(),
        ]
        .into_iter()
        .chain(self.aliases.iter().map(Text::as_str))
        .filter(|s| !s.is_empty())
    }

    /// "Oleksandrivka (Donetsk Oblast)".
    pub fn qualified_name(&self) -> String {
        if self.oblast.is_empty() {
            self.name.to_string()
        } else {
            format!("{} ({})", self.name, self.oblast)
        }
    }

    /// Short oblast name ("Donetsk" for "Donetsk Oblast").
    pub fn oblast_short(&self) -> &str {
        self.oblast.trim_end_matches(" Oblast")
    }
}

/// What a written name resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Exactly one place.
    Found(PlaceId),
    /// Several places share the name; the writer must pick one.
    Ambiguous(Vec<PlaceId>),
    /// Nothing matches (`suggest` gives the nearest known names).
    Unknown,
}

/// All places plus a name index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Gazetteer {
    places: Vec<Place>,
    by_name: HashMap<Text, Vec<PlaceId>>,
    /// Every slug given and every name's slug before disambiguation (see `reindex_from`).
    claimed: HashSet<Text>,
}

/// Lower-case, apostrophes and hyphens unified, for lookups.
pub fn name_key(s: &str) -> String {
    let s = s.trim();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\'' | '’' | 'ʼ' | '`' => {}
            '-' => out.push(' '),
            // ASCII and the basic Cyrillic capitals (most names), without the general table.
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'ё' | 'Ё' => out.push('е'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

impl Gazetteer {
    /// The gazetteer of a data file in the format of `data/gazetteer.tsv` (a header line,
    /// then one place per line). `build.rs` runs this on the built-in file.
    pub fn from_tsv(tsv: &str) -> Self {
        let mut places = Vec::new();
        for line in tsv.lines().skip(1) {
            if let Some(p) = parse_row(line) {
                places.push(p);
            }
        }
        let mut g = Gazetteer {
            places,
            by_name: HashMap::new(),
            claimed: HashSet::new(),
        };
        g.reindex();
        g
    }

    /// Rebuilds slugs and the name index after places were added or changed.
    pub fn reindex(&mut self) {
        self.claimed = assign_slugs(&mut self.places)
            .into_iter()
            .map(Text::from)
            .collect();
        self.by_name.clear();
        for i in 0..self.places.len() {
            self.index_names(i);
        }
    }

    /// Indexes the places pushed since there were `from` (and, as `reindex`, every place when
    /// one of their slugs is claimed already: the earlier places' slugs could then change).
    /// Gives the same result as `reindex`, without redoing the thousands of places before.
    pub fn reindex_from(&mut self, from: usize) {
        let bases: Vec<String> = self.places[from..]
            .iter()
            .map(|p| slugify(&p.name).as_str().to_string())
            .collect();
        let mut fresh = HashSet::new();
        if !bases
            .iter()
            .all(|b| !self.claimed.contains(b.as_str()) && fresh.insert(b.as_str()))
        {
            return self.reindex();
        }
        for (i, base) in (from..self.places.len()).zip(bases) {
            self.places[i].slug = slugify(&base);
            self.claimed.insert(base.into());
            self.index_names(i);
        }
    }

    fn index_names(&mut self, i: usize) {
        let id = PlaceId(i as u32);
        let mut keys: Vec<String> = self.places[i].all_names().map(name_key).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            self.by_name.entry(k.into()).or_default().push(id);
        }
    }

    /// The place with this id.
    pub fn get(&self, id: PlaceId) -> &Place {
        &self.places[id.0 as usize]
    }

    /// Mutable access, for `cities.toml` merging.
    pub fn get_mut(&mut self, id: PlaceId) -> &mut Place {
        &mut self.places[id.0 as usize]
    }

    /// Gives back the room decoding left over: serde grows each table by doubling, from a
    /// capped first guess, and 7 of the 21.5 MiB the decoded built-in gazetteer held were
    /// room (about a millisecond to give back; `examples/heap_parts.rs`).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.places.shrink_to_fit();
        self.by_name.shrink_to_fit();
        self.claimed.shrink_to_fit();
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// All places with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (PlaceId, &Place)> {
        self.places
            .iter()
            .enumerate()
            .map(|(i, p)| (PlaceId(i as u32), p))
    }

    /// Adds a place; call `reindex` afterwards.
    pub fn push(&mut self, p: Place) -> PlaceId {
        self.places.push(p);
        PlaceId(self.places.len() as u32 - 1)
    }

    /// Places that go by `name` (any alias), without disambiguation.
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.by_name
            .get(name_key(name).as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// Resolves a name as written in front matter, with an optional "(Oblast)" qualifier.
    pub fn resolve(&self, written: &str) -> Resolution {
        let (name, qualifier) = split_qualifier(written);
        let mut cands: Vec<PlaceId> = self.lookup(name).to_vec();
        if let Some(q) = qualifier {
            let q = name_key(q);
            cands.retain(|id| {
                let p = self.get(*id);
                name_key(&p.oblast).starts_with(&q) || name_key(&p.oblast_iso) == q
            });
        }
        // Codifier-only villages never stand in a better-known namesake's way.
        if cands.iter().any(|id| !self.get(*id).minor) {
            cands.retain(|id| !self.get(*id).minor);
        }
        match cands.len() {
            0 => Resolution::Unknown,
            1 => Resolution::Found(cands[0]),
            // Within the oblast the writer named, the most populous may win whatever its kind.
            _ => match self.dominant_by(name, &cands, qualifier.is_some()) {
                Some(id) => Resolution::Found(id),
                None => Resolution::Ambiguous(cands),
            },
        }
    }

    /// Among same-named places, the one a writer almost surely means: the only one whose
    /// canonical name matches, else the only one with city status, else the only one on the
    /// front line, else a city (or a town of unknown status) at least five times more populous
    /// than every other and over 10,000 people. Villages and settlements never win on
    /// population: GeoNames often gives them their whole community's figure (an Oleksandrivka
    /// in Donetsk Oblast "has" 100,330 people), and a name shared by a dozen villages must be
    /// written with its oblast.
    pub fn dominant(&self, name: &str, cands: &[PlaceId]) -> Option<PlaceId> {
        self.dominant_by(name, cands, false)
    }

    /// `dominant`, letting villages and settlements win on population when `any_kind`.
    fn dominant_by(&self, name: &str, cands: &[PlaceId], any_kind: bool) -> Option<PlaceId> {
        let key = name_key(name);
        let canonical: Vec<PlaceId> = cands
            .iter()
            .copied()
            .filter(|id| name_key(&self.get(*id).name) == key)
            .collect();
        if canonical.len() == 1 {
            return Some(canonical[0]);
        }
        let pool = if canonical.is_empty() {
            cands.to_vec()
        } else {
            canonical
        };
        let cities: Vec<PlaceId> = pool
            .iter()
            .copied()
            .filter(|id| self.get(*id).kind == "city")
            .collect();
        if cities.len() == 1 {
            return Some(cities[0]);
        }
        let front: Vec<PlaceId> = pool
            .iter()
            .copied()
            .filter(|id| self.get(*id).frontline)
            .collect();
        if front.len() == 1 {
            return Some(front[0]);
        }
        let mut by_pop: Vec<PlaceId> = pool;
        by_pop.sort_by_key(|id| std::cmp::Reverse(self.get(*id).population));
        let first = self.get(by_pop[0]).population;
        let second = self.get(by_pop[1]).population;
        let kind_ok = any_kind || may_dominate(self.get(by_pop[0]));
        (first >= 5 * second.max(1) && first >= 10_000 && kind_ok).then_some(by_pop[0])
    }

    /// Up to three known names close to `name`.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        let key = name_key(name);
        let mut scored: Vec<(f64, &str, bool)> = self
            .places
            .iter()
            .filter(|p| !(p.local && p.lat.is_none() && name_key(&p.name) == key))
            .map(|p| {
                (
                    strsim::jaro_winkler(&key, &name_key(&p.name)),
                    p.name.as_str(),
                    p.minor,
                )
            })
            .filter(|(s, _, _)| *s > 0.85)
            .collect();
        // Codifier-only villages only when no better-known place comes close.
        if scored.iter().any(|s| !s.2) {
            scored.retain(|s| !s.2);
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, n, _) in scored {
            if !out.iter().any(|o| o == n) {
                out.push(n.to_string());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

/// Whether a place may win over its namesakes by population alone: cities, and towns (GeoNames
/// places whose official category is unknown, mostly in Crimea).
fn may_dominate(p: &Place) -> bool {
    matches!(p.kind.as_str(), "city" | "town")
}

/// "Oleksandrivka (Donetsk)" → ("Oleksandrivka", Some("Donetsk")).
fn split_qualifier(written: &str) -> (&str, Option<&str>) {
    let w = written.trim();
    if let (Some(open), true) = (w.rfind('('), w.ends_with(')')) {
        return (w[..open].trim(), Some(w[open + 1..w.len() - 1].trim()));
    }
    (w, None)
}

fn parse_row(line: &str) -> Option<Place> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 13 {
        return None;
    }
    let num = |s: &str| s.parse::<f64>().ok();
    Some(Place {
        name: f[0].into(),
        name_uk: f[1].into(),
        name_ru: f[2].into(),
        oblast: f[3].into(),
        oblast_iso: f[4].into(),
        lat: num(f[5]),
        lon: num(f[6]),
        population: f[7].parse().unwrap_or(0),
        kind: f[8].into(),
        aliases: f[10]
            .split('|')
            .filter(|a| !a.is_empty())
            .map(Text::from)
            .collect(),
        ordinary: f[11].split(',').any(|x| x == "ordinary"),
        frontline: f[11].split(',').any(|x| x == "frontline"),
        minor: f[12] == "katottg" && !f[11].split(',').any(|x| x == "frontline"),
        approx: f[11].split(',').any(|x| x == "approx"),
        word: f[11].split(',').any(|x| x == "word"),
        raion: f.get(13).copied().unwrap_or_default().into(),
        hromada: f.get(14).copied().unwrap_or_default().into(),
        description: None,
        slug: slugify(f[0]),
        local: false,
    })
}

#[path = "gazetteer/slugs.rs"] // also right when build.rs includes this file by path
mod slugs;
use slugs::assign_slugs;

#[cfg(test)]
#[path = "gazetteer/tests.rs"]
mod tests;
