//! From the occurrences of names in a text to the places it names, paragraph by paragraph.
//!
//! A name several places share is decided first with what its own paragraph (a line of the
//! text) says: the oblasts, directions and unambiguous places named there. A General Staff
//! report names a direction, then the villages along it, and the next paragraph another
//! direction and its villages: "Миколаївки" in the Kharkiv paragraph is the Mykolaivka near
//! Vovchansk, not the one near Sloviansk that a later paragraph's anchor would pick. What a
//! paragraph leaves undecided, or links only for being the best known of its name, the whole
//! text's context may decide, but never outside the oblasts the paragraph names or the raions
//! its directions run through; and a name so decided is decided again once the paragraph's own
//! places are (a second pass). An oblast named right after a list of names restricts them first.

use std::collections::BTreeSet;

use super::super::gazetteer::{Gazetteer, PlaceId};
use super::context::{self, Context, Hits, Rule, Unlinked};
use super::explain::{Explained, Verdict};
use super::guards::Guard;
use super::words;
use super::{Matcher, Occurrence};
use super::{areas, oblasts};

#[path = "decide/scope.rs"] // decide.rs is itself included by path
mod scope;
use scope::{area_level, elsewhere, in_paragraph, one_sense};

/// What one pass of the decision found.
struct Pass {
    /// Every place linked.
    all: Vec<PlaceId>,
    /// The places linked firmly: not codifier-only villages, not merely the best known.
    firm: Vec<PlaceId>,
    /// Whether some name was left undecided.
    undecided: bool,
    /// Whether some paragraph's name was decided only by the rest of the text.
    borrowed: bool,
}

/// What one paragraph of a text names (see [`Hits::paragraphs`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// Its byte range in the text.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// Its names, areas and oblasts (its own `paragraphs` are empty).
    pub hits: Hits,
}

impl Matcher {
    /// What `text` names: the names found naming a place, those found naming an area, and
    /// (when a name needs context to be decided) the oblasts it names, for the whole text and,
    /// when it has several paragraphs, for each paragraph that names a place.
    pub fn hits(&self, text: &str) -> Hits {
        let text = &*super::typed::normalised(text);
        let occ = self.scan(text);
        let mut hits = self.hits_of(text, text, &occ);
        if !self.needs_any(&hits) {
            return hits;
        }
        if !text.contains('\n') {
            self.add_listed_oblasts(&occ, &mut hits);
            return hits;
        }
        // Occurrences are in text order: each line takes the next run of them.
        let (mut start, mut k) = (0, 0);
        for line in text.split('\n') {
            let end = start + line.len();
            let first = k;
            while k < occ.len() && occ[k].start < end {
                k += 1;
            }
            let inside = &occ[first..k];
            if inside.iter().any(|o| o.guard.is_none()) {
                let mut own = self.hits_of(line, text, inside);
                self.add_listed_oblasts(inside, &mut own);
                hits.paragraphs.push(Paragraph {
                    start,
                    end,
                    hits: own,
                });
            }
            start = end + 1;
        }
        // Kept with the dispatch for as long as its site is loaded (a paragraph is 232 bytes).
        hits.paragraphs.shrink_to_fit();
        hits
    }

    /// Adds to a paragraph's oblasts those it names only in a list a plural covers: "the
    /// boundary separating the Dnipropetrovsk and Zaporizhzhia regions" names both. (Only to
    /// the paragraph's: across paragraphs, "in the Donetsk and Luhansk regions" in a General
    /// Staff summary would outweigh a village named beside its neighbour in another.)
    fn add_listed_oblasts(&self, occ: &[Occurrence], hits: &mut Hits) {
        for o in occ {
            if let Some(Guard::Listed(w)) = &o.guard
                && areas::is_oblast_word(w)
                && let Some(iso) = oblasts::latin_oblast(&self.names[o.name as usize])
                && !hits.oblasts.contains(&iso)
            {
                hits.oblasts.push(iso);
            }
        }
        hits.oblasts.sort_unstable();
    }

    fn needs_any(&self, hits: &Hits) -> bool {
        hits.names.iter().any(|n| self.needs_context[*n as usize])
    }

    /// The hits of `text` (a text or one of its paragraphs) given its occurrences `occ`, whose
    /// offsets are into `whole` (the text `text` is part of).
    fn hits_of(&self, text: &str, whole: &str, occ: &[Occurrence]) -> Hits {
        let mut names = BTreeSet::new();
        let mut areas = BTreeSet::new();
        let mut raion_names = BTreeSet::new();
        let mut hromada_names = BTreeSet::new();
        let mut direction_ids = BTreeSet::new();
        let mut scoped = BTreeSet::new();
        let mut near = BTreeSet::new();
        let (mut folded, mut spelt) = (BTreeSet::new(), BTreeSet::new());
        let mut kinds = BTreeSet::new();
        let (mut datelines, mut in_text) = (BTreeSet::new(), BTreeSet::new());
        for o in occ {
            match &o.guard {
                None => {
                    names.insert(o.name);
                    if words::is_dateline(whole, o.start, o.end) {
                        datelines.insert(o.name);
                    } else {
                        in_text.insert(o.name);
                    }
                    if let Some(k) = o.kind {
                        kinds.insert((o.name, k));
                    }
                    if o.folded {
                        folded.insert(o.name);
                    } else {
                        spelt.insert(o.name);
                    }
                    if let Some(iso) = o.scope {
                        scoped.insert((o.name, iso));
                    }
                    if let Some((a, bearing)) = o.near {
                        near.insert((o.name, a, bearing));
                    }
                }
                // An area anchors namesakes near the place it is called after ("the Kupiansk
                // direction", "Izium Raion"); an oblast does not: it spans 200 km, and the text's
                // oblasts are context of their own, which `words::named_in` finds ("the
                // Dnipropetrovsk region" is no support for a village 30 km from Dnipro). Nor does a
                // name after "region of", a river's bank or "Russia's".
                Some(Guard::After(w)) if areas::is_oblast_word(w) => {}
                // Listed, only a raion or a direction anchors ("the Kupiansk and Lyman
                // directions", "districts, including Pokrovsk and Bakhmut"), not an oblast or
                // what "comprising" lists.
                Some(Guard::Listed(w)) if areas::is_raion_word(w) => {
                    areas.insert(o.name);
                    raion_names.insert(o.name);
                    raion_names.extend(self.raion_town(&whole[o.start..o.end]));
                }
                Some(Guard::Listed(w)) if areas::is_community_word(w) => {
                    areas.insert(o.name);
                    hromada_names.insert(o.name);
                }
                // (Not an oblast's name in a list of fronts: "in Donetsk, Kherson, and other
                // fronts" are regions, no anchors for villages near the cities.)
                Some(Guard::Listed(w))
                    if areas::is_direction_word(w)
                        && !(w.starts_with("front")
                            && oblasts::latin_oblast(&self.names[o.name as usize]).is_some()) =>
                {
                    areas.insert(o.name);
                    if let Some(i) = areas::direction_of_place(&self.names[o.name as usize]) {
                        direction_ids.insert(i);
                    }
                }
                // A road's ends count as an area called after a place does ("the Kupiansk
                // direction"): the text names them, though not as mentions.
                Some(Guard::Road(_)) => {
                    areas.insert(o.name);
                }
                Some(Guard::After(w)) => {
                    areas.insert(o.name);
                    if areas::is_raion_word(w) {
                        raion_names.insert(o.name);
                        raion_names.extend(self.raion_town(&whole[o.start..o.end]));
                    } else if areas::is_community_word(w) {
                        hromada_names.insert(o.name);
                    } else if let Some(i) = areas::direction_of_place(&self.names[o.name as usize])
                        && areas::is_direction_word(w)
                    {
                        direction_ids.insert(i);
                    }
                }
                Some(_) => {}
            }
        }
        let needed = names.iter().any(|n| self.needs_context[*n as usize]);
        let named = if needed {
            words::named_in(text)
        } else {
            words::Named::default()
        };
        let mut directions = Vec::new();
        for &i in &named.directions {
            direction_ids.insert(i);
            let Some(place) = areas::DIRECTIONS[i].place else {
                continue;
            };
            let plain = &self.names[..self.plain as usize];
            if let Ok(k) = plain.binary_search_by(|n| n.as_str().cmp(place)) {
                areas.insert(k as u32);
                directions.push(k as u32);
            }
        }
        directions.sort_unstable();
        directions.dedup();
        Hits {
            names: names.into_iter().collect(),
            areas: areas.into_iter().collect(),
            oblasts: named.oblasts,
            paragraphs: Vec::new(),
            directions,
            direction_ids: direction_ids.into_iter().collect(),
            raion_names: raion_names.into_iter().collect(),
            raion_words: named.raion_words,
            hromada_words: named.hromada_words,
            hromada_names: hromada_names.into_iter().collect(),
            scoped: scoped.into_iter().collect(),
            near: near.into_iter().collect(),
            folded: folded.difference(&spelt).copied().collect(),
            kinds: kinds.into_iter().collect(),
            datelines: datelines.difference(&in_text).copied().collect(),
        }
    }

    /// The name of the town a raion's Latin adjective is made from, when the text names the raion
    /// so ("Pokrovsky district": Pokrovsk; "Bakhmutsky", "Zhytomyrsky", "Volnovakhsky"), and
    /// the adjective is not that name as written.
    fn raion_town(&self, written: &str) -> Option<u32> {
        let stem = ["skyi", "skiy", "skyy", "sky", "ski"]
            .iter()
            .find_map(|e| written.strip_suffix(e))?;
        let plain = &self.names[..self.plain as usize];
        [format!("{stem}sk"), stem.to_string(), format!("{stem}a")]
            .iter()
            .find_map(|t| plain.binary_search_by(|n| n.as_str().cmp(t)).ok())
            .map(|k| k as u32)
    }

    /// The places that `hits` name, decided with the dispatch's own cities; sorted, unique.
    pub fn places(&self, hits: &Hits, own: &[PlaceId], g: &Gazetteer) -> Vec<PlaceId> {
        let whole = Context::new(own, hits, &self.targets, g);
        let first = self.places_in(hits, own, &whole, None, g);
        if !first.undecided && !first.borrowed {
            return first.all;
        }
        // Second pass: the places the first one decided firmly (not codifier-only villages,
        // not merely the best known of their name) anchor the names it left undecided, in
        // their paragraph and in the whole text ("Kreminna" decided as the town helps
        // "Pishchane" in the next paragraph), and the names a paragraph decided only with the
        // rest of the text: "the village of Peremoha, south of Hlukhiv" is the one by Hlukhiv,
        // named there, not the one near a town another paragraph names. Only for the names
        // left undecided does the whole text take the first pass's places too (a weaker
        // context: see `Context::weak`).
        let whole = if first.undecided {
            whole.with_anchors(&first.firm)
        } else {
            whole
        };
        self.places_in(hits, own, &whole, Some(&first.firm), g).all
    }

    /// The context of paragraph `p` of a text that names the oblasts `story`; with `firm` (a
    /// first pass's firm decisions), those of them that its own names name are anchors too.
    fn paragraph_context<'a>(
        &self,
        own: &'a [PlaceId],
        p: &'a Paragraph,
        story: &[&'static str],
        firm: Option<&[PlaceId]>,
        g: &'a Gazetteer,
    ) -> Context<'a> {
        let mut ctx = Context::new(own, &p.hits, &self.targets, g);
        ctx.story_oblasts = story.iter().copied().collect();
        if let Some(firm) = firm {
            let here: Vec<PlaceId> = firm
                .iter()
                .copied()
                .filter(|id| {
                    p.hits
                        .names
                        .iter()
                        .any(|n| self.targets[*n as usize].contains(id))
                })
                .collect();
            ctx.add_anchors(&here);
        }
        ctx
    }

    /// One pass of [`Matcher::places`] with `whole` as the text's context.
    fn places_in(
        &self,
        hits: &Hits,
        own: &[PlaceId],
        whole: &Context,
        firm: Option<&[PlaceId]>,
        g: &Gazetteer,
    ) -> Pass {
        let mut decided: Vec<(u32, PlaceId, u8)> = Vec::new();
        let mut firm_out: BTreeSet<PlaceId> = BTreeSet::new();
        let (mut undecided, mut borrowed) = (false, false);
        let mut take =
            |n: u32, ctx: &Context, (found, lent): (Result<(PlaceId, Rule), Unlinked>, bool)| {
                match found {
                    Ok((id, rule)) => {
                        // A namesake taken only for lying in an oblast the text names is decided
                        // again with the first pass's places ("Chervone" in a Zaporizhzhia list
                        // is Vysoke by Huliaipole, once "Gulyaypole" is decided).
                        borrowed |= lent || matches!(rule, Rule::OblastNamed);
                        decided.push((n, id, area_level(ctx, whole, id, rule, g)));
                        // (A codifier-only village only where the text names its area: it
                        // is not there for lying near another.)
                        let named_area = matches!(
                            rule,
                            Rule::OblastNamed | Rule::RaionNamed | Rule::HromadaNamed
                        );
                        // (Nor a place merely the best known of its name, unless it is a city
                        // among villages: "Avdiivka" anchors "Stepove, 3 km north of Avdiivka".)
                        let best_known = matches!(rule, Rule::Dominant) && g.get(id).kind != "city";
                        // (Nor a dateline's city: see `Hits::datelines`.)
                        let dateline = hits.datelines.binary_search(&n).is_ok();
                        if !best_known && !dateline && (!g.get(id).minor || named_area) {
                            firm_out.insert(id);
                        }
                    }
                    Err(_) => undecided = true,
                }
            };
        if hits.paragraphs.is_empty() {
            for n in &hits.names {
                take(
                    *n,
                    whole,
                    self.decide(
                        *n,
                        (
                            hits.scope_of(*n),
                            hits.near_of(*n),
                            hits.is_folded(*n),
                            hits.kind_of(*n),
                        ),
                        None,
                        whole,
                        g,
                    ),
                );
            }
        }
        for p in &hits.paragraphs {
            let own_ctx = self.paragraph_context(own, p, &hits.oblasts, firm, g);
            for n in &p.hits.names {
                take(
                    *n,
                    &own_ctx,
                    self.decide(
                        *n,
                        (
                            p.hits.scope_of(*n).or_else(|| hits.only_scope_of(*n)),
                            p.hits.near_of(*n),
                            p.hits.is_folded(*n),
                            p.hits.kind_of(*n).or_else(|| hits.kind_of(*n)),
                        ),
                        Some(&own_ctx),
                        whole,
                        g,
                    ),
                );
            }
        }
        let all: BTreeSet<PlaceId> = decided
            .iter()
            .zip(one_sense(&decided, g))
            .filter(|(_, elsewhere)| elsewhere.is_none())
            .map(|((_, id, _), _)| *id)
            .collect();
        Pass {
            all: all.into_iter().collect(),
            firm: firm_out.into_iter().collect(),
            undecided,
            borrowed,
        }
    }

    /// Name `n` decided in its paragraph's context, else (when that gives none) the text's; among
    /// its places in oblast `scope` when the text names one right after it and it has some there;
    /// where its namesakes leave it undecided, among those of the `kind` of settlement a word
    /// before it gives. With it, whether the paragraph left it to the rest of the text.
    fn decide(
        &self,
        n: u32,
        (scope, near, folded, kind): (Option<&str>, Option<super::Near>, bool, Option<&str>),
        paragraph: Option<&Context>,
        whole: &Context,
        g: &Gazetteer,
    ) -> (Result<(PlaceId, Rule), Unlinked>, bool) {
        let all = &self.targets[n as usize];
        let scoped: Vec<PlaceId> = match scope {
            Some(iso) => all
                .iter()
                .copied()
                .filter(|id| g.get(*id).oblast_iso.as_str() == iso)
                .collect(),
            None => Vec::new(),
        };
        let cands = match scoped[..] {
            [one] if all.len() > 1 => return (Ok((one, Rule::OblastNamed)), false),
            [] => &all[..],
            _ => &scoped[..],
        };
        let mut found = self.decide_among(n, cands, (near, folded), paragraph, whole, g);
        // "З Козацького на Херсонщині": where the oblast's namesakes alone leave it undecided
        // (a town and a village of the codifier), the name is decided as if the oblast were
        // named elsewhere in the text, so long as the place lies in that oblast.
        if scoped.len() > 1
            && let Err(Unlinked::Namesakes(_)) = found.0
        {
            let again = self.decide_among(n, all, (near, folded), paragraph, whole, g);
            if again.0.as_ref().is_ok_and(|(id, _)| scoped.contains(id)) {
                found = again;
            }
        }
        // "мешканець селища Широке": namesakes the text leaves undecided, the kind of
        // settlement it gives may decide (one of the four селища among 32 Широке, in the raion
        // the text names). Only then: writers call a village a селище too ("селище Іванівське"
        // by Chasiv Yar is a village in the codifier), and the text's context comes first.
        let Some(k) = kind else { return found };
        let of_kind: Vec<PlaceId> = cands
            .iter()
            .copied()
            .filter(|id| [k, "town"].contains(&g.get(*id).kind.as_str()))
            .collect();
        match found.0 {
            Err(Unlinked::Namesakes(_)) if !of_kind.is_empty() && of_kind.len() < cands.len() => {
                let again = self.decide_among(n, &of_kind, (near, folded), paragraph, whole, g);
                if again.0.is_ok() { again } else { found }
            }
            _ => found,
        }
    }

    /// [`Matcher::decide`] among `cands`, some of name `n`'s places.
    fn decide_among(
        &self,
        n: u32,
        cands: &[PlaceId],
        (near, folded): (Option<super::Near>, bool),
        paragraph: Option<&Context>,
        whole: &Context,
        g: &Gazetteer,
    ) -> (Result<(PlaceId, Rule), Unlinked>, bool) {
        let name = &self.names[n as usize];
        // "Andreyevka near Kurakhovo": the one near the place the text puts it by.
        if let Some(found) = near.and_then(|(a, b)| self.near_named(n, cands, a, b, g)) {
            return (Ok(found), false);
        }
        let (found, borrowed) = match paragraph {
            Some(p) => in_paragraph(name, cands, p, whole, g),
            None => (
                elsewhere(cands, whole.decide(name, cands, g), whole, whole, g),
                false,
            ),
        };
        let found = match found {
            // A word that several names' forms fit ("Тернового": Тернове or Терново) is decided
            // only by what the text says, never by one place being the best known; but a city
            // of an oblast centre's size is what the form means ("у Хмельницькому").
            Ok((id, Rule::Only | Rule::Dominant))
                if n >= self.plain
                    && !(g.get(id).kind == "city" && g.get(id).population >= context::REGIONAL) =>
            {
                Err(Unlinked::Namesakes(cands.len()))
            }
            // A Latin name that is a common first name ("Maria, the paramedic"; "Bohdan said")
            // names a village only where the text points to it, as an ordinary word does: a
            // place named near it ("Bilozerka, Stanislav, Sadove" in a Kherson report).
            Ok((id, Rule::Only | Rule::Dominant | Rule::Big))
                if g.get(id).kind != "city"
                    && name.is_ascii()
                    && self.guards.is_first_name(name)
                    && !paragraph.unwrap_or(whole).is_near(id, g)
                    && !whole.is_near(id, g) =>
            {
                Err(Unlinked::Ordinary(id))
            }
            // A name a city abroad bears ("over Kursk, Voronezh, Rostov and Belgorod") names a
            // village only where a place near it is named.
            Ok((id, rule))
                if g.get(id).kind != "city"
                    && name.is_ascii()
                    && self.guards.is_abroad(name)
                    && !matches!(rule, Rule::Own | Rule::Near(..)) =>
            {
                Err(Unlinked::Abroad(id))
            }
            // A fold ("Torsky", "Gatyshche") names a place only where the text supports it.
            Ok((id, rule))
                if folded
                    && matches!(rule, Rule::Only | Rule::Dominant | Rule::Big)
                    && !paragraph.unwrap_or(whole).supports(id, g)
                    && !whole.supports(id, g) =>
            {
                Err(Unlinked::Folded(id))
            }
            found => found,
        };
        (found, borrowed)
    }

    /// The only one of `cands` (places of name `n`; or the clearly nearest) within
    /// [`context::NEAR_KM`] of the place name `a` names (its only well-known place, or the one that dominates its namesakes), as
    /// a decision.
    fn near_named(
        &self,
        n: u32,
        cands: &[PlaceId],
        a: u32,
        bearing: Option<u16>,
        g: &Gazetteer,
    ) -> Option<(PlaceId, Rule)> {
        if cands.len() < 2 {
            return None;
        }
        let all = &self.targets[a as usize];
        let known: Vec<PlaceId> = all.iter().copied().filter(|id| !g.get(*id).minor).collect();
        let anchors = match known[..] {
            [_] => known,
            [] if all.len() == 1 => all.clone(),
            _ => vec![g.dominant(&self.names[a as usize], all)?],
        };
        let mut close: Vec<(PlaceId, PlaceId, f64)> = cands
            .iter()
            .filter(|c| !anchors.contains(c))
            .filter_map(|c| {
                context::nearest_of(*c, anchors.iter().copied(), g).map(|(a, km)| (*c, a, km))
            })
            .collect();
        // A former name yields to the places that bear it today, as elsewhere (see
        // `Context::current_bearers`), when one of them is near too.
        let name = self.names[n as usize].as_str();
        if close
            .iter()
            .any(|(c, ..)| super::spellings::bears(g.get(*c), name))
        {
            close.retain(|(c, ..)| super::spellings::bears(g.get(*c), name));
        }
        // "22 km southeast of Kupiansk": of two namesakes near Kupiansk, the one that lies
        // that way (within 60° of it), when one does.
        if let Some(b) = bearing
            && close.len() > 1
        {
            let along: Vec<(PlaceId, PlaceId, f64)> = close
                .iter()
                .copied()
                .filter(|(c, anchor, _)| context::bearing_fits(*anchor, *c, b, g))
                .collect();
            if let [one] = along[..] {
                return Some((one.0, Rule::Near(one.1, one.2)));
            }
        }
        context::clear_winner(close).map(|(id, anchor, km)| (id, Rule::Near(anchor, km)))
    }

    /// Places named in `text` (hits and decision in one step).
    pub fn find(&self, text: &str, own: &[PlaceId], g: &Gazetteer) -> Vec<PlaceId> {
        self.places(&self.hits(text), own, g)
    }

    /// Every occurrence of a name in `text`, in text order, with what became of it and why:
    /// for editors who want to know why a place is listed, or is not.
    pub fn explain(&self, text: &str, own: &[PlaceId], g: &Gazetteer) -> Vec<Explained> {
        let written = text;
        let text = &*super::typed::normalised(text);
        let hits = self.hits(text);
        let mut whole = Context::new(own, &hits, &self.targets, g);
        let first = self.places_in(&hits, own, &whole, None, g);
        let firm = (first.undecided || first.borrowed).then_some(first.firm.as_slice());
        if first.undecided {
            whole = whole.with_anchors(&first.firm);
        }
        let paragraphs: Vec<(&Paragraph, Context)> = hits
            .paragraphs
            .iter()
            .map(|p| (p, self.paragraph_context(own, p, &hits.oblasts, firm, g)))
            .collect();
        let occurrences: Vec<(Occurrence, Verdict, u8)> = self
            .scan(text)
            .into_iter()
            .map(|o| {
                // (Paragraphs are in order: a search, not a scan per name, which was quadratic
                // in a long live blog.)
                let i = paragraphs.partition_point(|(p, _)| p.end <= o.start);
                let ctx = paragraphs
                    .get(i)
                    .filter(|(p, _)| o.start >= p.start)
                    .map(|(_, c)| c);
                let (verdict, named) = match &o.guard {
                    Some(guard) => (Verdict::Guarded(guard.clone()), 0),
                    None => match self
                        .decide(
                            o.name,
                            (
                                o.scope.or_else(|| hits.only_scope_of(o.name)),
                                o.near,
                                o.folded,
                                o.kind.or_else(|| hits.kind_of(o.name)),
                            ),
                            ctx,
                            &whole,
                            g,
                        )
                        .0
                    {
                        Ok((id, rule)) => (
                            Verdict::Linked(id, rule),
                            area_level(ctx.unwrap_or(&whole), &whole, id, rule, g),
                        ),
                        Err(why) => (Verdict::Unlinked(why), 0),
                    },
                };
                (o, verdict, named)
            })
            .collect();
        let linked: Vec<(u32, PlaceId, u8)> = occurrences
            .iter()
            .filter_map(|(o, v, named)| match v {
                Verdict::Linked(id, _) => Some((o.name, *id, *named)),
                _ => None,
            })
            .collect();
        // One per linked occurrence, in order.
        let mut elsewhere = one_sense(&linked, g).into_iter();
        let mut back = super::typed::Back::new(written, text);
        occurrences
            .into_iter()
            .map(|(o, verdict, _)| {
                let verdict = match verdict {
                    Verdict::Linked(..) => match elsewhere.next().flatten() {
                        Some(other) => Verdict::Unlinked(Unlinked::NamedElsewhere(other)),
                        None => verdict,
                    },
                    v => v,
                };
                // (Offsets in the text as written: Latin letters read as Cyrillic are shorter.)
                Explained {
                    start: back.offset(o.start),
                    end: back.offset(o.end),
                    name: self.names[o.name as usize].to_string(),
                    verdict,
                }
            })
            .collect()
    }
}
