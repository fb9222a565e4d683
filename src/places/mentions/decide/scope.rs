//! A paragraph's decision weighed against the whole text's: what the paragraph leaves open the
//! text may decide, but only inside the oblasts and directions the paragraph names; a place the
//! paragraph links only for being the best known of its name yields to a namesake the text
//! supports; a big city far from a list of villages yields to its namesake among them; and a
//! name keeps one sense where a paragraph names its place's area more closely than another.

use std::collections::{BTreeMap, BTreeSet};

use super::super::super::gazetteer::{Gazetteer, PlaceId};
use super::context::{self, Context, Rule, Unlinked};

/// Name `name` (places `cands`) decided in its paragraph's context `p`, else the text's; with
/// it, whether only the text decided it.
pub(super) fn in_paragraph(
    name: &str,
    cands: &[PlaceId],
    p: &Context,
    whole: &Context,
    g: &Gazetteer,
) -> (Result<(PlaceId, Rule), Unlinked>, bool) {
    match p.decide(name, cands, g) {
        // What the paragraph does not decide, the whole text may: its places and raions are a
        // weaker context, but the same story's; never against the oblasts the paragraph names
        // ("Зарічне Сумської області" is not the Zarichne of another paragraph's direction).
        // Nor against the raions of the directions it names: "Дачного" in the list of the
        // Pokrovsk direction is not the Dachne by Toretsk, which the text names only for its
        // own direction elsewhere.
        Err(e) => match whole.decide(name, cands, g) {
            Ok(found) if p.in_named_oblasts(found.0, g) && p.along_directions(found.0, g) => {
                (Ok(found), true)
            }
            _ => (Err(e), false),
        },
        found => (in_oblasts_named(name, cands, found, p, whole, g), false),
    }
}

/// A paragraph's decision `found` for `name` (places `cands`) checked against the whole text.
fn in_oblasts_named(
    name: &str,
    cands: &[PlaceId],
    found: Result<(PlaceId, Rule), Unlinked>,
    p: &Context,
    whole: &Context,
    g: &Gazetteer,
) -> Result<(PlaceId, Rule), Unlinked> {
    match found {
        // A place the paragraph links only for being the best known of its name yields to a
        // namesake the whole text supports ("Dolina" near Izium, where another paragraph names
        // Izium, is not the town in Ivano-Frankivsk Oblast).
        // A city of an oblast centre's size keeps its name where the paragraph names places of
        // its own and none near the namesake: "Lviv, Kharkiv, Sumy and Poltava" is the city,
        // though another paragraph names a place near a village Poltava (but "до Греківки і
        // Макіївки", where the village Греківка anchors nothing, is the Makiivka the text's Luhansk places
        // are near).
        Ok((id, rule @ (Rule::Only | Rule::Dominant))) if cands.len() > 1 => {
            let city = g.get(id).kind == "city" && g.get(id).population >= context::REGIONAL;
            match whole.decide(name, cands, g) {
                Ok((w, wr))
                    if w != id
                        && !matches!(wr, Rule::Only | Rule::Dominant)
                        && p.in_named_oblasts(w, g)
                        && !(city && p.names_places() && !p.supports(w, g)) =>
                {
                    Ok((w, wr))
                }
                // Nor does it stand when the text names oblasts that hold namesakes and not its
                // own: "Pryvillia lies close to the boundary", after "the Dnipropetrovsk region
                // ... the village of Pryvillia", is not the town in Luhansk Oblast.
                Err(e)
                    if !city
                        && !whole.supports(id, g)
                        && cands.iter().any(|c| whole.outside_named_oblasts(id, *c, g)) =>
                {
                    Err(e)
                }
                _ => Ok((id, rule)),
            }
        }
        // Nearness to a place of the paragraph does not take a village out of the oblasts the
        // text names when it has namesakes there ("Олександрівка" in a list of Kherson villages,
        // 25 km from Kherson in Mykolaiv Oblast): the one of those the text supports, else none.
        // A city keeps its link (Lyman near Kreminna in a text about Luhansk Oblast).
        // Nor does a big city stand against a namesake whose community or raion the text names
        // ("Костянтинівської громади" of the Kakhovka raion, then "Костянтинівку": the
        // village, not the city in Donetsk Oblast).
        found @ Ok((id, Rule::Big)) => match whole.decide(name, cands, g) {
            Ok((w, wr @ (Rule::HromadaNamed | Rule::RaionNamed)))
                if w != id && g.get(id).population < context::MAJOR =>
            {
                Ok((w, wr))
            }
            _ => elsewhere(cands, found, p, whole, g),
        },
        // (Only where the paragraph's places lie in those oblasts: "Шевченкове" among Izium,
        // Balakliia and Kupiansk-Vuzlovyi is the town there, though another paragraph names
        // Dnipropetrovsk Oblast.)
        Ok((id, rule @ (Rule::Near(..) | Rule::Raion)))
            if !whole.in_named_oblasts(id, g)
                && g.get(id).kind != "city"
                && p.anchors_in_oblasts_of(whole, g) =>
        {
            let inside: Vec<PlaceId> = cands
                .iter()
                .copied()
                .filter(|c| whole.in_named_oblasts(*c, g))
                .collect();
            if inside.is_empty() {
                return Ok((id, rule));
            }
            match whole.decide(name, &inside, g) {
                Ok((w, wr)) if !matches!(wr, Rule::Only | Rule::Dominant) => Ok((w, wr)),
                _ => Err(Unlinked::Namesakes(cands.len())),
            }
        }
        found => found,
    }
}

/// A big city linked for dominating its namesakes (`found`), outside the oblasts the whole text
/// or its paragraph `p` names, yields to a namesake of it inside them that is clearly nearer than it to a place its
/// paragraph `p` names (see `Context::clearly_nearest`): "Кам’янському" in a list of Zaporizhzhia
/// villages, in a report of the Zaporizhzhia region, is the village by Stepnohirsk, not the city
/// of Kamianske 80 km from the nearest place the list names. One of the country's largest cities
/// keeps its name.
pub(super) fn elsewhere(
    cands: &[PlaceId],
    found: Result<(PlaceId, Rule), Unlinked>,
    p: &Context,
    whole: &Context,
    g: &Gazetteer,
) -> Result<(PlaceId, Rule), Unlinked> {
    let Ok((id, Rule::Big)) = found else {
        return found;
    };
    // (Outside those the paragraph names, when it names some: "Степногірськ, Кам’янське" in
    // the Zaporizhzhia governor's paragraph, though another names Dnipropetrovsk Oblast.)
    if (whole.in_named_oblasts(id, g) && p.in_named_oblasts(id, g))
        || g.get(id).population >= context::MAJOR
    {
        return found;
    }
    // The city and its namesakes in the oblasts named: the city must not be as near.
    let rivals: Vec<PlaceId> = cands
        .iter()
        .copied()
        .filter(|c| *c == id || whole.in_named_oblasts(*c, g))
        .collect();
    // (The paragraph's places first, then the text's: "Kamyanske and Yehorivka" beside Mala
    // Tokmachka, 38 km from one village of the name and 60 from the other, is the one 6 km from
    // Stepnohirsk, which another paragraph names.)
    let nearest = p
        .clearly_nearest(&rivals, cands, g)
        .or_else(|| whole.clearly_nearest(&rivals, cands, g));
    match nearest {
        Some((w, anchor, km)) if w != id => Ok((w, Rule::Near(anchor, km))),
        // Two namesakes inside are near the list's places and the city is not: one of them,
        // but not clearly which ("Кам’янське" among Zaporizhzhia villages has two namesakes
        // there): none, rather than the city.
        None if !p.is_near(id, g) && rivals.iter().any(|r| *r != id && p.is_near(*r, g)) => {
            Err(Unlinked::Namesakes(cands.len()))
        }
        // Nor is the city what a list of the named oblast's places means when it is far from
        // all of them: "Kamianske, Huliaipole, Novoandriivka" in a Zaporizhzhia report is not
        // the city on the Dnipro 150 km away, but one of two villages of the oblast: none.
        None if !p.is_near(id, g)
            && p.names_places()
            && p.anchors_in_oblasts_of(whole, g)
            && rivals.iter().any(|r| *r != id) =>
        {
            Err(Unlinked::Namesakes(cands.len()))
        }
        _ => found,
    }
}

/// How closely the text names the area of place `id`, linked by `rule` in context `ctx` (a
/// paragraph's, or the text's): twice `Context::area_named` in `ctx`, plus one where the whole
/// text names its oblast, which settles only between places whose paragraphs name neither
/// area ("в Веселому", 74 km from Kobleve in its paragraph, yields to "Козацьке і Веселе" in a
/// text on the Kherson region).
pub(super) fn area_level(
    ctx: &Context,
    whole: &Context,
    id: PlaceId,
    rule: Rule,
    g: &Gazetteer,
) -> u8 {
    2 * ctx.area_named(id, rule, g) + u8::from(whole.area_named(id, rule, g) > 0)
}

/// For each decision of `decided` (name, place, how closely the text names the place's area:
/// see [`area_level`]): `None` where it stands, else the place its name has where a
/// paragraph names that place's area more closely. One sense per name where the text says
/// which: "Добропілля Покровського району (Донецька обл.)", then "в районах Добропілля" beside
/// Orikhiv, is still that town, not a village 30 km from Orikhiv; "Petrivske in the Balakliia
/// community", then "the village of Petrivske" beside Pechenihy in a paragraph that names the
/// Kharkiv region, is still the Balakliia community's. (A place linked with its oblast named
/// yields only to one in the same oblast: two paragraphs may name two oblasts' namesakes.)
/// Used for the list and for its explanation.
pub(super) fn one_sense(decided: &[(u32, PlaceId, u8)], g: &Gazetteer) -> Vec<Option<PlaceId>> {
    // The answer depends on the decision alone, and a long text repeats a few decisions
    // thousands of times: weighed over every occurrence, a 1.4 MB live blog of 20,000 short
    // paragraphs took 25 s (quadratic); over the distinct decisions, in first-seen order (the
    // first at its level wins, as before), it is linear in the text.
    let mut seen = BTreeSet::new();
    let distinct: Vec<_> = decided
        .iter()
        .copied()
        .filter(|d| seen.insert(*d))
        .collect();
    let sense: BTreeMap<_, _> = distinct
        .iter()
        .map(|&d| (d, closest_sense(d, &distinct, g)))
        .collect();
    decided.iter().map(|d| sense[d]).collect()
}

/// `one_sense` for one decision `(n, id, level)` among the distinct `decided`.
fn closest_sense(
    (n, id, level): (u32, PlaceId, u8),
    decided: &[(u32, PlaceId, u8)],
    g: &Gazetteer,
) -> Option<PlaceId> {
    // The same name decided elsewhere with its place's area named more closely (in the same
    // oblast, where this decision's paragraph names its oblast). The same name: the same word, or another
    // of its case forms ("Веселе", then "в Веселому": one village, though the locative is also
    // Весела's and so read as another name).
    let same = |m: u32, other: PlaceId| m == n || g.get(other).name == g.get(id).name;
    let closer = |&&(m, other, l): &&(u32, PlaceId, u8)| {
        same(m, other)
            && l > level
            && (level < 2 || g.get(other).oblast_iso == g.get(id).oblast_iso)
    };
    let best = decided.iter().filter(closer).map(|(_, _, l)| *l).max()?;
    let mut at_best = decided
        .iter()
        .filter(closer)
        .filter(|(_, _, l)| *l == best)
        .map(|(_, other, _)| *other);
    if at_best.clone().any(|other| other == id) {
        None
    } else {
        at_best.next()
    }
}
