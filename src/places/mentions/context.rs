//! Deciding which place a name found in a text means, from what else the text and the
//! dispatch's front matter say: its own cities, the oblasts and raions the text names
//! ("Donetsk Oblast", "на Донеччині", "Svatove Raion"), the front-line directions it names, and
//! places named nearby (within [`NEAR_KM`]).
//!
//! The order (first that applies wins; see [`Rule`]): one of the dispatch's own cities; the
//! only namesake in a community the text names, or implies by naming three or more of its
//! villages together (`support.rs`); the only namesake in a raion the
//! text names; the only place of that name; the only namesake in
//! an oblast of the dispatch's cities; a big city that dominates its namesakes; the only
//! namesake in an oblast the text names; the only namesake within 50 km of a place the text or
//! front matter names unambiguously (never its own namesake); the only namesake in the raions
//! of the directions the text names or in a raion two of its places share (`areas.rs`); a
//! namesake that dominates the others (see `Gazetteer::dominant`). Otherwise the name is not
//! linked. A place whose name is an ordinary word ("Bar") needs its oblast, raion or a place
//! near it named. In an oblast where a place the text supports bears a name today, the name is
//! not another place's former name.
//!
//! Small places known only from the codifier (`Place::minor`: some 26,000 villages) are
//! linked only with support from the text: the only one near an anchor, else the only one in
//! the directions' raions, else the only one in an oblast the text names. Such a place beats a
//! better-known namesake (a village or town the rules `Only` or `Dominant` would pick) that the
//! text supports less (see [`Support`]: nothing; an area; a named raion; a place near; a place
//! near and a named or direction's raion); when both are supported alike and not by a place
//! near, neither is linked.

use std::collections::BTreeSet;

use super::super::gazetteer::{Gazetteer, PlaceId};
use super::areas::{self, Hromada, Raion};
use super::oblasts;

#[path = "context/choose.rs"] // context.rs is itself included by path
mod choose;
use choose::without_twins;
#[path = "context/nearness.rs"]
mod nearness;
#[path = "context/support.rs"]
mod support;
pub(super) use nearness::{bearing_fits, clear_winner, nearest_of};
use support::{Support, hromadas_named, shared_hromada};

/// Names shared by several places are decided within this distance of an anchor place.
pub(super) const NEAR_KM: f64 = 50.0;

/// A big city this far from every place a text about a front-line direction names is not
/// taken for its namesakes there ("Рівного" on the Huliaipole direction: the village).
const FAR_KM: f64 = 200.0;

/// Added to [`NEAR_KM`] for a place whose coordinates are its community's centre.
pub(super) const APPROX_KM: f64 = 25.0;

/// A city this large that dominates its namesakes keeps them out even when the text names
/// the oblast of a smaller one ("Mykolaiv" and "the Lviv region").
const BIG: u64 = 50_000;

/// A city this large (the country's ten or so largest) is what its name means even when the
/// text supports only a village of that name, by being in that village's oblast.
pub(super) const MAJOR: u64 = 500_000;

/// A city this large (about an oblast centre's size) is what a form it shares with a village's
/// name means ("у Хмельницькому": Хмельницький or Хмельницьке).
pub(super) const REGIONAL: u64 = 200_000;

/// A village this near a place the text names is firmly supported (see
/// [`Context::firmly_supports`]).
const CLOSE_KM: f64 = 30.0;

/// What a scan of a text found, for deciding places later (with the dispatch's cities).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// Names (ids into the matcher's names) found naming a place, sorted, unique.
    pub names: Vec<u32>,
    /// Names found naming an area called after a place ("the Pokrovsk direction",
    /// "Pokrovsk raion"): context, not mentions. Sorted, unique.
    pub areas: Vec<u32>,
    /// ISO codes of the oblasts the text names ("Donetsk Oblast", "на Донеччині"), sorted.
    pub oblasts: Vec<&'static str>,
    /// When a name needs context and the text has several paragraphs (lines): what each
    /// paragraph that names a place names, for deciding its namesakes there first.
    pub paragraphs: Vec<super::decide::Paragraph>,
    /// The names of the places after which the front-line directions the text names are
    /// called ("на Лиманському напрямку": Lyman), sorted, unique: the places it lists are
    /// along the front, near that place (the city of the name, among its namesakes).
    pub directions: Vec<u32>,
    /// The front-line directions the text names (indices into `areas::DIRECTIONS`), for the
    /// raions along them.
    pub direction_ids: Vec<usize>,
    /// Names followed by "Raion" ("Svatove Raion"): the raions called after their places.
    pub raion_names: Vec<u32>,
    /// Raion adjectives the text names ("у Сватівському районі").
    pub raion_words: Vec<String>,
    /// Community adjectives the text names ("Семенівська громада", "у Шосткинській
    /// територіальній громаді", "Золочівський селищний голова"), with the kind of its centre
    /// where a council's word says it (see `words::Named::hromada_words`).
    pub hromada_words: Vec<(String, Option<&'static str>)>,
    /// Names followed by "community" ("the Maryinka community"): the communities called after
    /// their places.
    pub hromada_names: Vec<u32>,
    /// Names with the oblast named right after them or after their list ("Клюси,
    /// Гута-Студенецька Чернігівської області"), sorted, unique.
    pub scoped: Vec<(u32, &'static str)>,
    /// Names with a name right after them that says where they are ("Andreyevka near
    /// Kurakhovo"), as (name, that name), sorted, unique.
    pub near: Vec<(u32, u32, Option<u16>)>,
    /// Names found only by a fold of their spelling (see `folds`), sorted, unique.
    pub folded: Vec<u32>,
    /// Names with a word for a kind of settlement before them ("селища Широке"), with that kind
    /// (see `guards::kind_before`), sorted, unique.
    pub kinds: Vec<(u32, &'static str)>,
    /// Names written only as a wire report's dateline ("KYIV, Ukraine —"), sorted, unique: where
    /// the reporter files from, no anchor for the villages the report names.
    pub datelines: Vec<u32>,
}

impl Hits {
    /// Whether name `n` was found only by a fold of its spelling.
    pub(super) fn is_folded(&self, n: u32) -> bool {
        self.folded.binary_search(&n).is_ok()
    }

    /// The kind of settlement a word before name `n` says it is (its first such use), if one
    /// does.
    pub(super) fn kind_of(&self, n: u32) -> Option<&'static str> {
        let i = self.kinds.partition_point(|(m, _)| *m < n);
        self.kinds.get(i).filter(|(m, _)| *m == n).map(|(_, k)| *k)
    }

    /// The oblast named right after name `n` (its first such use), if one is.
    pub(super) fn scope_of(&self, n: u32) -> Option<&'static str> {
        let i = self.scoped.partition_point(|(m, _)| *m < n);
        self.scoped.get(i).filter(|(m, _)| *m == n).map(|(_, o)| *o)
    }

    /// The one oblast the text names right after name `n`, wherever it does, if it names only
    /// one: "Андріївка у Сумській області" says which Andriivka the text's other paragraphs
    /// mean.
    pub(super) fn only_scope_of(&self, n: u32) -> Option<&'static str> {
        let i = self.scoped.partition_point(|(m, _)| *m < n);
        match self.scoped[i..] {
            [(m, o), ..] if m == n && self.scoped.get(i + 1).is_none_or(|(k, _)| *k != n) => {
                Some(o)
            }
            _ => None,
        }
    }

    /// The name that says where name `n` lies (its first such use), if one does.
    pub(super) fn near_of(&self, n: u32) -> Option<super::Near> {
        let i = self.near.partition_point(|(m, ..)| *m < n);
        self.near
            .get(i)
            .filter(|(m, ..)| *m == n)
            .map(|(_, a, b)| (*a, *b))
    }
}

/// Why a name was linked to a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// It is one of the dispatch's own cities.
    Own,
    /// The only place of that name.
    Only,
    /// The only namesake in the oblast of one of the dispatch's cities.
    OwnOblast,
    /// A big city that dominates its namesakes.
    Big,
    /// The only namesake in an oblast the text names.
    OblastNamed,
    /// The only namesake in a raion the text names ("in Svatove Raion").
    RaionNamed,
    /// The only namesake in a community the text names ("Мирне Шевченківської громади").
    HromadaNamed,
    /// The only namesake near a place the text or front matter names (that place, km).
    Near(PlaceId, f64),
    /// The only namesake in the raions of the front-line directions the text names, or in the
    /// raion that two or more of its unambiguous places share.
    Raion,
    /// The only one of its namesakes in the oblasts the text names that lies on the front (in
    /// a raion of a front-line direction): war reports name the front's villages.
    FrontInOblast,
    /// Clearly the best known of its namesakes.
    Dominant,
}

/// Why a name was not linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlinked {
    /// Several places share the name and nothing in the text picks one (how many).
    Namesakes(usize),
    /// The place's name is an ordinary word (or a first name) and nothing near it is named.
    Ordinary(PlaceId),
    /// A small place (known from the codifier only) and neither its oblast nor a place near
    /// it is named.
    Small(PlaceId),
    /// Another paragraph names the name with this place's raion or oblast (see
    /// `Matcher::one_sense`).
    NamedElsewhere(PlaceId),
    /// The place shares its name with a place abroad that war news names ("Rostov"), and no
    /// place near it is named.
    Abroad(PlaceId),
    /// The word spells the place's name another way (a fold: "Torsky" for Torske), and neither
    /// its oblast nor a place near it is named.
    Folded(PlaceId),
}

/// What the decision may use besides the candidates.
pub(super) struct Context<'a> {
    pub own: &'a [PlaceId],
    pub own_oblasts: BTreeSet<&'a str>,
    pub text_oblasts: BTreeSet<&'a str>,
    /// The oblasts the whole text names (for a paragraph's context: not only its own).
    pub story_oblasts: BTreeSet<&'static str>,
    /// Places named unambiguously (own cities, one-place names, areas called after one).
    pub anchors: Vec<PlaceId>,
    /// The text names a front-line direction (see [`Hits::directions`]).
    pub front: bool,
    /// Raions the text names, and those of the communities it names.
    pub named_raions: BTreeSet<Raion<'a>>,
    /// Communities the text names ("с. Мирне Шевченківської громади").
    pub named_hromadas: BTreeSet<Hromada<'a>>,
    /// Raions along the directions the text names, and raions two or more of its unambiguous
    /// places lie in.
    pub front_raions: BTreeSet<Raion<'a>>,
    /// Raions along the directions the text names.
    pub direction_raions: BTreeSet<Raion<'a>>,
    /// Anchors include places a first pass decided ([`Context::with_anchors`]): support
    /// enough for a namesake, not for a place whose name is an ordinary word.
    pub weak: bool,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        own: &'a [PlaceId],
        hits: &'a Hits,
        targets: &[Vec<PlaceId>],
        g: &'a Gazetteer,
    ) -> Context<'a> {
        let own_oblasts = own
            .iter()
            .map(|id| g.get(*id).oblast_iso.as_str())
            .filter(|o| !o.is_empty())
            .collect();
        let mut anchors: Vec<PlaceId> = own.to_vec();
        // Codifier-only villages anchor nothing: two of them must not vouch for each other.
        for n in hits.names.iter().chain(&hits.areas) {
            if let [one] = targets[*n as usize][..]
                && !g.get(one).minor
                && hits.datelines.binary_search(n).is_err()
            {
                anchors.push(one);
            }
        }
        // A direction is called after a town: the biggest of the name's well-known places.
        for n in &hits.directions {
            let town = targets[*n as usize]
                .iter()
                .copied()
                .filter(|id| !g.get(*id).minor)
                .max_by_key(|id| (g.get(*id).kind == "city", g.get(*id).population));
            anchors.extend(town);
        }
        anchors.sort();
        anchors.dedup();
        let mut named_raions: BTreeSet<Raion<'a>> = BTreeSet::new();
        for n in &hits.raion_names {
            named_raions.extend(areas::raion_of_name(&targets[*n as usize], g));
        }
        for w in &hits.raion_words {
            named_raions.extend(areas::raion_of_adjective(w, g));
        }
        // A community stands for its raion (a raion holds five to ten communities), and names
        // its own places when its name leaves at most two communities.
        let mut named_hromadas: BTreeSet<Hromada<'a>> = BTreeSet::new();
        let raions_named = named_raions.clone();
        for found in hromadas_named(hits, targets, &raions_named, g) {
            named_raions.extend(found.iter().map(|(o, r, _)| (*o, *r)));
            if found.len() <= 2 {
                named_hromadas.extend(found);
            }
        }
        // (Within a paragraph, or a text of one: a list's villages, not a report's lines.)
        if hits.paragraphs.is_empty() {
            named_hromadas.extend(shared_hromada(hits, targets, g));
        }
        let direction_raions: BTreeSet<Raion<'a>> = hits
            .direction_ids
            .iter()
            .flat_map(|i| areas::DIRECTIONS[*i].raions.iter().copied())
            .collect();
        let mut front_raions = direction_raions.clone();
        // Every unambiguous place, codifier-only villages too: a raion two of them share.
        let single: Vec<PlaceId> = hits
            .names
            .iter()
            .filter_map(|n| match targets[*n as usize][..] {
                [one] => Some(one),
                _ => None,
            })
            .chain(own.iter().copied())
            .collect();
        front_raions.extend(areas::common_raions(&single, g));
        Context {
            own,
            own_oblasts,
            text_oblasts: hits.oblasts.iter().copied().collect(),
            story_oblasts: hits.oblasts.iter().copied().collect(),
            anchors,
            front: !hits.directions.is_empty(),
            named_raions,
            named_hromadas,
            front_raions,
            direction_raions,
            weak: false,
        }
    }

    /// This context with `linked` (places a first pass decided firmly) as anchors too.
    pub(super) fn with_anchors(mut self, linked: &[PlaceId]) -> Context<'a> {
        self.add_anchors(linked);
        self.weak = true;
        self
    }

    /// Adds `linked` (a first pass's firm decisions) to the anchors.
    pub(super) fn add_anchors(&mut self, linked: &[PlaceId]) {
        self.anchors.extend(linked.iter().copied());
        self.anchors.sort();
        self.anchors.dedup();
    }

    /// The candidates in one of `raions`.
    fn in_raions(
        &self,
        cands: &[PlaceId],
        raions: &BTreeSet<Raion<'_>>,
        g: &Gazetteer,
    ) -> Vec<PlaceId> {
        cands
            .iter()
            .copied()
            .filter(|id| {
                let p = g.get(*id);
                raions.contains(&areas::raion_of(p))
            })
            .collect()
    }

    /// Whether `id` lies in an oblast the text names or that a direction it names runs through,
    /// or the text names none (a paragraph's names are not decided by the rest of the text
    /// against its own oblasts and directions).
    pub(super) fn in_named_oblasts(&self, id: PlaceId, g: &Gazetteer) -> bool {
        let o = g.get(id).oblast_iso.as_str();
        (self.text_oblasts.is_empty() && self.direction_raions.is_empty())
            || self.text_oblasts.contains(o)
            || self.own_oblasts.contains(o)
            || self.direction_raions.iter().any(|(r, _)| *r == o)
    }

    /// How closely this context names the area of `id`, linked by `rule` (see
    /// `Matcher::one_sense`): 2 for its community or raion, or as a dispatch city; 1 for its
    /// oblast; 0 for neither.
    pub(super) fn area_named(&self, id: PlaceId, rule: Rule, g: &Gazetteer) -> u8 {
        let p = g.get(id);
        if matches!(rule, Rule::Own | Rule::RaionNamed | Rule::HromadaNamed)
            || self.named_raions.contains(&areas::raion_of(p))
        {
            2
        } else if matches!(rule, Rule::OwnOblast | Rule::OblastNamed)
            || self.text_oblasts.contains(p.oblast_iso.as_str())
        {
            1
        } else {
            0
        }
    }

    /// Whether the text names oblasts and `id` lies outside them while `other` lies inside.
    pub(super) fn outside_named_oblasts(&self, id: PlaceId, other: PlaceId, g: &Gazetteer) -> bool {
        !self.text_oblasts.is_empty()
            && !self.in_named_oblasts(id, g)
            && self.in_named_oblasts(other, g)
    }

    /// Whether `id` lies in a raion of the directions the text names, or it names none.
    pub(super) fn along_directions(&self, id: PlaceId, g: &Gazetteer) -> bool {
        let p = g.get(id);
        self.direction_raions.is_empty() || self.direction_raions.contains(&areas::raion_of(p))
    }

    /// The place `cands` (the places of `name`) means here, and why.
    pub(super) fn decide(
        &self,
        name: &str,
        cands: &[PlaceId],
        g: &Gazetteer,
    ) -> Result<(PlaceId, Rule), Unlinked> {
        if let Some(id) = cands.iter().find(|id| self.own.contains(id)) {
            return Ok((*id, Rule::Own));
        }
        let current = without_twins(self.current_bearers(name, cands, g), g);
        let cands = &current[..];
        // "с. Мирне Шевченківської громади": the one of that community, of eight.
        if cands.len() > 1
            && let [one] = cands
                .iter()
                .copied()
                .filter(|id| self.named_hromadas.contains(&areas::hromada_of(g.get(*id))))
                .collect::<Vec<_>>()[..]
        {
            return Ok((one, Rule::HromadaNamed));
        }
        // "Makiivka … in Svatove Raion": the one there, not the big city near Donetsk.
        if cands.len() > 1
            && let [one] = self.in_raions(cands, &self.named_raions, g)[..]
        {
            return Ok((one, Rule::RaionNamed));
        }
        let (major, minor): (Vec<PlaceId>, Vec<PlaceId>) =
            cands.iter().partition(|id| !g.get(**id).minor);
        let pick = if major.is_empty() {
            Err(Unlinked::Small(minor[0]))
        } else {
            self.choose(name, &major, cands, g)
        };
        // A small place the text supports beats a better-known namesake the text does not,
        // unless that one is among the country's largest cities: "near Kyiv" in a Mykolaiv
        // dispatch is the capital, not the village of Kyiv in Mykolaiv Oblast. A city of 50,000
        // or more yields only to firm support (see `firmly_supports`): a report of strikes on
        // "Луцьку, Черкасах, Полтаві" names the cities, not a village called Cherkasy 70 km from
        // Lutsk; but Rubizhne yields to a village of its name on the front the text reports, and
        // "Макіївка" beside Svatove in a Luhansk report is the village there.
        let (id, rule) = match (pick, self.supported_minor(&minor, cands, g)) {
            // Nor does one outside the oblasts the text names beat one inside them that the text
            // supports ("Придніпровське" among Kherson villages in a report on Kherson Oblast
            // is the village near Kherson, not the better-known one across the reservoir),
            // unless it lies as near a place the text names ("Oleshky" after "Kherson" is the
            // town by Kherson, though "the Kharkiv region" elsewhere in the text is near a village
            // of that name).
            (Ok((id, Rule::Only | Rule::Dominant)), Some(m))
                if (!self.supports(id, g)
                    || (self.outside_named_oblasts(id, m.0, g) && !self.as_near(id, m.0, g)))
                    && !self.city_of(id, MAJOR, g)
                    && (!self.city_of(id, BIG, g) || self.firmly_supports(m.0, id, g)) =>
            {
                m
            }
            // Nor does a village (or town) win for being the best known when the text supports a
            // codifier village of its name as well as it (both in a raion of the direction, both
            // in the oblast named): "Вербове" on the Oleksandrivka direction is not the
            // well-known Verbove only because it is known. Better support wins; a tie links none.
            (Ok((id, rule @ (Rule::Only | Rule::Dominant))), Some(m))
                if g.get(id).kind != "city" && self.support(id, g) < Support::NearInRaion =>
            {
                let (mine, theirs) = (self.support(id, g), self.support(m.0, g));
                match theirs.cmp(&mine) {
                    std::cmp::Ordering::Greater => m,
                    std::cmp::Ordering::Equal if mine < Support::Near => {
                        return Err(Unlinked::Namesakes(cands.len()));
                    }
                    _ => (id, rule),
                }
            }
            // A village the best known only among villages of its name needs support too
            // (Ternovo, 4,000 people in Zakarpattia, is not every "Тернове").
            (Ok((id, Rule::Only | Rule::Dominant)), None)
                if !minor.is_empty() && g.get(id).kind != "city" && !self.supports(id, g) =>
            {
                return Err(Unlinked::Namesakes(cands.len()));
            }
            // Nor does a small town the text does not support, when the oblasts it names hold
            // villages of the name: "the Dnipropetrovsk region ... the village of Pryvillia" is
            // one of the two there, not the town of Pryvillia in Luhansk Oblast.
            (Ok((id, Rule::Only | Rule::Dominant)), None)
                if !self.supports(id, g)
                    && !self.city_of(id, BIG, g)
                    && minor.iter().any(|m| self.outside_named_oblasts(id, *m, g)) =>
            {
                return Err(Unlinked::Namesakes(cands.len()));
            }
            (Ok((id, Rule::Only | Rule::Dominant)), None)
                if g.get(id).kind != "city"
                    && self.support(id, g) < Support::Near
                    && minor
                        .iter()
                        .any(|m| self.support(*m, g) >= self.support(id, g)) =>
            {
                return Err(Unlinked::Namesakes(cands.len()));
            }
            // Nor is a place the only well-known namesake in the oblasts the text names (or the
            // only one of them on the front) when codifier villages of its name in another of
            // them lie near the places named and it does not: "two each in Andriyivka,
            // Novohryhorivka, and Pokrovsk" in a report on the Donetsk and Kherson regions is
            // one of the villages near Pokrovsk (not clearly which), not the one in Kherson
            // Oblast.
            (Ok((id, Rule::OblastNamed | Rule::FrontInOblast)), m)
                if !self.is_near(id, g)
                    && minor.iter().any(|c| {
                        g.get(*c).oblast_iso != g.get(id).oblast_iso
                            && self.in_named_oblasts(*c, g)
                            && self.is_near(*c, g)
                    }) =>
            {
                match m {
                    Some(m @ (_, Rule::Near(..))) => m,
                    _ => return Err(Unlinked::Namesakes(cands.len())),
                }
            }
            // Nor does a village near a place the text names, and no more (not in a raion it
            // names or of a direction it names), win against a codifier village of its name at
            // most half as far from one: "Станіслава, Софіївки, Олександрівки" in a Kherson list
            // is the village of Stanislav's community (0 km), not the one across the river 12 km
            // from Naddniprianske. (On a direction the text names the village keeps its name:
            // "на Гуляйпільському … Успенівки" is the one near Huliaipole, not the codifier's
            // Uspenivka near Pokrovsk.)
            (Ok((id, Rule::Near(_, mine))), Some(m @ (_, Rule::Near(_, theirs))))
                if g.get(id).kind != "city"
                    && self.support(id, g) < Support::NearInRaion
                    && theirs * 2.0 <= mine =>
            {
                m
            }
            (Err(_), Some(m)) => m,
            (Ok(p), _) => p,
            (Err(e), None) => {
                return Err(match e {
                    Unlinked::Small(_) if minor.len() > 1 => Unlinked::Namesakes(minor.len()),
                    e => e,
                });
            }
        };
        if g.get(id).ordinary && (self.weak || !self.supports(id, g)) {
            return Err(Unlinked::Ordinary(id));
        }
        Ok((id, rule))
    }

    /// `cands` without the places that bear `name` only as a former name where a place the text
    /// supports bears it today: in that place's oblast ("Pervomaiske" west of Donetsk is the
    /// village of that name, not Avdiivske, Donetsk Oblast too, so called until 2024), and
    /// anywhere the text does not support ("Станіслав" in a list of Kherson villages is the
    /// village there, not Ivano-Frankivsk, so called until 1962). Elsewhere a former name keeps
    /// its place (Nevske in Luhansk Oblast, Balka Zhuravka since 2024, is not the Nevske in
    /// Crimea), and another spelling of a name is no former name ("Kharkov").
    fn current_bearers(&self, name: &str, cands: &[PlaceId], g: &Gazetteer) -> Vec<PlaceId> {
        if cands.len() < 2 {
            return cands.to_vec();
        }
        let (today, former): (Vec<PlaceId>, Vec<PlaceId>) = cands
            .iter()
            .partition(|id| super::spellings::bears(g.get(**id), name));
        if former.is_empty() {
            return cands.to_vec();
        }
        // (A paragraph's bearer of today is supported by the oblasts the whole text names too:
        // "обстрілював Станіслав" in a report of the Kherson prosecutors is the village.)
        let supported: Vec<&PlaceId> = today
            .iter()
            .filter(|id| {
                self.supports(**id, g)
                    || self.story_oblasts.contains(g.get(**id).oblast_iso.as_str())
            })
            .collect();
        let held: BTreeSet<&str> = supported
            .iter()
            .map(|id| g.get(**id).oblast_iso.as_str())
            .collect();
        // A former bearer far nearer the text's places than every supported bearer of today
        // (or near them when none of those is) keeps the name: "Pervomaiske" beside Pisky in a
        // 2022 report is Avdiivske (3 km), not the Pervomaiske 53 km away; "Червоне" beside
        // Huliaipole is Vysoke, though the oblast named holds a Chervone of today.
        let distance = |id: PlaceId| self.nearest_anchor(id, g).map_or(f64::INFINITY, |a| a.1);
        let today_best = supported
            .iter()
            .filter_map(|id| self.anchor_km(**id, g))
            .fold(f64::INFINITY, f64::min);
        cands
            .iter()
            .copied()
            .filter(|id| {
                today.contains(id)
                    || distance(*id) * 3.0 < today_best
                    || !(held.contains(g.get(*id).oblast_iso.as_str())
                        || (!supported.is_empty() && !self.supports(*id, g)))
            })
            .collect()
    }
}
