//! How strongly a text supports a place ([`Support`], [`Context::supports`]; a city's name
//! yields to a village only on firm support), and the communities it names, or implies by
//! listing their villages.

use std::collections::{BTreeMap, BTreeSet};

use super::super::super::gazetteer::{Gazetteer, PlaceId};
use super::{CLOSE_KM, Context, FAR_KM, Hits, areas, oblasts};
use areas::{Hromada, Raion};

/// How strongly a text supports a place, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Support {
    /// Nothing in the text points to it.
    None,
    /// Its oblast is named, or it lies in a raion of a direction the text names.
    Area,
    /// Its raion is named.
    Raion,
    /// A place the text names is near it.
    Near,
    /// A place the text names is near it, and it lies in a raion the text names or in a raion
    /// of a direction the text names.
    NearInRaion,
}

impl Context<'_> {
    /// How strongly the text supports place `id`.
    pub(super) fn support(&self, id: PlaceId, g: &Gazetteer) -> Support {
        let p = g.get(id);
        let (o, r) = (p.oblast_iso.as_str(), p.raion.as_str());
        let raion = self.named_raions.contains(&(o, r)) || self.direction_raions.contains(&(o, r));
        if self.is_near(id, g) {
            if raion {
                Support::NearInRaion
            } else {
                Support::Near
            }
        } else if self.named_raions.contains(&(o, r)) {
            Support::Raion
        } else if self.front_raions.contains(&(o, r))
            || self.own_oblasts.contains(o)
            || self.text_oblasts.contains(o)
        {
            Support::Area
        } else {
            Support::None
        }
    }

    /// Whether the text supports the village `id` firmly enough to take the name from the city
    /// `city` of 50,000 or more: a named place within [`CLOSE_KM`] of its own coordinates, its
    /// raion named or on a direction the text names (and not the city's), or its oblast named
    /// and not the city's.
    pub(super) fn firmly_supports(&self, id: PlaceId, city: PlaceId, g: &Gazetteer) -> bool {
        let raion = |id: PlaceId| areas::raion_of(g.get(id));
        // (Not for a village placed only at its community's centre.)
        let close = !g.get(id).approx
            && self
                .nearest_anchor(id, g)
                .is_some_and(|(_, d)| d <= CLOSE_KM);
        // (An oblast's centre does not yield for its oblast being left unnamed: "Kharkiv, Sumy
        // and Poltava" is the city, though the text names the Kharkiv region with a village
        // Poltava in it; Makiivka, a city as big, does yield in a report on Luhansk Oblast.
        // Nor does a city whose oblast another paragraph names: "Kupiansk in the Kharkiv
        // region, and Nikopol across the river" is the city in Dnipropetrovsk Oblast.)
        close
            || self.named_raions.contains(&raion(id))
            || (self.direction_raions.contains(&raion(id))
                && !self.direction_raions.contains(&raion(city)))
            || (self.outside_named_oblasts(city, id, g)
                && !self.story_oblasts.contains(g.get(city).oblast_iso.as_str())
                && !oblasts::is_centre(&g.get(city).name, &g.get(city).oblast_iso))
    }

    /// Whether the text or the dispatch's cities name the place's oblast or a place near it.
    pub(in super::super) fn supports(&self, id: PlaceId, g: &Gazetteer) -> bool {
        let p = g.get(id);
        let (o, r) = (p.oblast_iso.as_str(), p.raion.as_str());
        self.own_oblasts.contains(o)
            || self.text_oblasts.contains(o)
            || self.named_raions.contains(&(o, r))
            || self.front_raions.contains(&(o, r))
            || self.is_near(id, g)
    }

    /// A city of `people` or more, unless the text is about a front and its front-line places
    /// lie far from it.
    pub(super) fn city_of(&self, id: PlaceId, people: u64, g: &Gazetteer) -> bool {
        let p = g.get(id);
        let far = self.front && !self.anchors.is_empty() && self.beyond(id, FAR_KM, g);
        p.kind == "city" && p.population >= people && !far
    }
}

/// The communities a text names, each name's: by their adjective before "громада"
/// ("Шевченківської громади"), or after their centre in English ("the Maryinka community").
/// Community names repeat across oblasts (Семенівська: Chernihiv and Poltava), so only those in
/// the oblasts the text names count when it names any and some of them lie there; when none
/// lies there, all of them count ("Хорольську громаду" in a Poltava outlet's item that names
/// only Donetsk Oblast, where the soldiers fell; "Бабинська громада", four communities, in a
/// Rivne outlet's). An English centre without an
/// oblast named counts only when one place of its name is a community's centre.
pub(super) fn hromadas_named<'a>(
    hits: &Hits,
    targets: &[Vec<PlaceId>],
    raions: &BTreeSet<Raion<'a>>,
    g: &'a Gazetteer,
) -> Vec<Vec<Hromada<'a>>> {
    let in_oblasts = |h: &Hromada| hits.oblasts.is_empty() || hits.oblasts.contains(&h.0);
    let mut out = Vec::new();
    for (w, kind) in &hits.hromada_words {
        let all = areas::hromadas_of_adjective(w, *kind, g);
        let inside: Vec<Hromada> = all.iter().copied().filter(in_oblasts).collect();
        let found = if inside.is_empty() { all } else { inside };
        // Of communities of one name, those in a raion the text names: "По Богодухівському
        // р-ну, Золочівській ТГ" is Kharkiv Oblast's Zolochiv community, not Lviv Oblast's.
        let there: Vec<Hromada> = found
            .iter()
            .copied()
            .filter(|(o, r, _)| raions.contains(&(*o, *r)))
            .collect();
        out.push(if there.is_empty() { found } else { there });
    }
    for n in &hits.hromada_names {
        let found: Vec<Hromada> = areas::hromada_of_centre(&targets[*n as usize], g)
            .into_iter()
            .filter(in_oblasts)
            .collect();
        if found.len() == 1 || !hits.oblasts.is_empty() {
            out.push(found);
        }
    }
    out
}

/// The community that holds a place of most of the names a text gives, when one does: at least
/// three names, two in three of all it gives, and no other community holds as many. A
/// hromada's own page lists its villages without naming it ("в селі Садове … в селі Кугаївці …
/// зі сторони села Бережанка": the Chemerivtsi hromada's); villages of one community named
/// together are that community's, not namesakes scattered over the country (three names with
/// a place in one community of some 1,500 by chance are rare, and a long list of common names
/// needs two in three of them there).
pub(super) fn shared_hromada<'a>(
    hits: &Hits,
    targets: &[Vec<PlaceId>],
    g: &'a Gazetteer,
) -> Option<Hromada<'a>> {
    if hits.names.len() < 3 || hits.names.iter().all(|n| targets[*n as usize].len() < 2) {
        return None;
    }
    let mut count: BTreeMap<Hromada<'a>, usize> = BTreeMap::new();
    for n in &hits.names {
        let mut mine: Vec<Hromada<'a>> = targets[*n as usize]
            .iter()
            .map(|id| areas::hromada_of(g.get(*id)))
            .filter(|h| !h.2.is_empty())
            .collect();
        mine.sort_unstable();
        mine.dedup();
        for h in mine {
            *count.entry(h).or_default() += 1;
        }
    }
    let mut most: Vec<(Hromada<'a>, usize)> = count.into_iter().collect();
    most.sort_by_key(|(_, c)| std::cmp::Reverse(*c));
    match most[..] {
        [(h, c), ..]
            if c >= 3 && 3 * c >= 2 * hits.names.len() && most.get(1).is_none_or(|x| x.1 < c) =>
        {
            Some(h)
        }
        _ => None,
    }
}
