//! The last steps of [`Context::decide`]: the rules that pick one of a name's well-known places
//! ([`Context::choose`]) and one of its codifier-only villages ([`Context::supported_minor`]),
//! and the namesakes no text tells apart (twins).

use std::collections::BTreeSet;

use super::super::super::gazetteer::{Gazetteer, PlaceId};
use super::{BIG, Context, Rule, Unlinked, areas};

impl Context<'_> {
    pub(super) fn choose(
        &self,
        name: &str,
        cands: &[PlaceId],
        all: &[PlaceId],
        g: &Gazetteer,
    ) -> Result<(PlaceId, Rule), Unlinked> {
        if let [one] = cands {
            return Ok((*one, Rule::Only));
        }
        let in_oblasts = |set: &BTreeSet<&str>| -> Vec<PlaceId> {
            cands
                .iter()
                .copied()
                .filter(|id| set.contains(g.get(*id).oblast_iso.as_str()))
                .collect()
        };
        if let [one] = in_oblasts(&self.own_oblasts)[..] {
            return Ok((one, Rule::OwnOblast));
        }
        let dominant = g.dominant(name, cands);
        if let Some(d) = dominant
            && self.city_of(d, BIG, g)
        {
            return Ok((d, Rule::Big));
        }
        if let [one] = in_oblasts(&self.text_oblasts)[..] {
            return Ok((one, Rule::OblastNamed));
        }
        if let Some((id, anchor, km)) = self.clearly_nearest(cands, all, g) {
            return Ok((id, Rule::Near(anchor, km)));
        }
        if let [one] = self.in_raions(cands, &self.front_raions, g)[..] {
            return Ok((one, Rule::Raion));
        }
        if let Some(one) = only_on_front(&in_oblasts(&self.text_oblasts), g) {
            return Ok((one, Rule::FrontInOblast));
        }
        dominant
            .map(|d| (d, Rule::Dominant))
            .ok_or(Unlinked::Namesakes(cands.len()))
    }

    /// The only codifier-only place among `minor` in a community or raion the text names, else
    /// near an anchor, else the only one in an oblast the text or the dispatch's cities name.
    pub(super) fn supported_minor(
        &self,
        minor: &[PlaceId],
        all: &[PlaceId],
        g: &Gazetteer,
    ) -> Option<(PlaceId, Rule)> {
        // "Житель села Нова Рутвянка" after "Малинська громада": the one of a community the
        // text names, or of a raion it names (a raion is 50 km across, as near as `NEAR_KM`).
        if let [one] = minor
            .iter()
            .copied()
            .filter(|id| self.named_hromadas.contains(&areas::hromada_of(g.get(*id))))
            .collect::<Vec<_>>()[..]
        {
            return Some((one, Rule::HromadaNamed));
        }
        if let [one] = self.in_raions(minor, &self.named_raions, g)[..] {
            return Some((one, Rule::RaionNamed));
        }
        if let Some((id, anchor, km)) = self.clearly_nearest(minor, all, g) {
            return Some((id, Rule::Near(anchor, km)));
        }
        if let [one] = self.in_raions(minor, &self.front_raions, g)[..] {
            return Some((one, Rule::Raion));
        }
        if minor.iter().any(|id| self.nearest_anchor(*id, g).is_some()) {
            return None;
        }
        let named: Vec<PlaceId> = minor
            .iter()
            .copied()
            .filter(|id| {
                let o = g.get(*id).oblast_iso.as_str();
                self.text_oblasts.contains(o) || self.own_oblasts.contains(o)
            })
            .collect();
        match named[..] {
            [one] => Some((one, Rule::OblastNamed)),
            _ => only_on_front(&named, g).map(|one| (one, Rule::FrontInOblast)),
        }
    }
}

/// The only one of `cands` (two or more namesakes in the oblasts a text names) on the front
/// (see [`areas::on_front`]): "Андріївка у Сумській області" in a report of the Kursk grouping
/// is the border village in Sumy Raion, not the one in Romny Raion.
fn only_on_front(cands: &[PlaceId], g: &Gazetteer) -> Option<PlaceId> {
    if cands.len() < 2 {
        return None;
    }
    match cands
        .iter()
        .filter(|id| areas::on_front(g.get(**id)))
        .collect::<Vec<_>>()[..]
    {
        [one] => Some(*one),
        _ => None,
    }
}

/// `cands` without the twins of another: a place of the same name in the same community with
/// the same coordinates (the codifier lists a village and a settlement "Шипувате" in one
/// community, both placed at its centre). No text tells them apart; the settlement (or the
/// first) stands for both.
pub(super) fn without_twins(mut cands: Vec<PlaceId>, g: &Gazetteer) -> Vec<PlaceId> {
    if cands.len() < 2 {
        return cands;
    }
    let rank = |id: PlaceId| (g.get(id).kind == "village", id);
    let twins = |a: PlaceId, b: PlaceId| {
        let (p, q) = (g.get(a), g.get(b));
        p.name == q.name
            && p.oblast_iso == q.oblast_iso
            && p.raion == q.raion
            && p.hromada == q.hromada
            && !p.hromada.is_empty()
            && p.lat == q.lat
            && p.lon == q.lon
    };
    let all = cands.clone();
    cands.retain(|id| {
        !all.iter()
            .any(|o| o != id && twins(*o, *id) && rank(*o) < rank(*id))
    });
    cands
}
