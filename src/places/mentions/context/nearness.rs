//! How near the places a text names lie to a candidate: the nearest anchor, the clearly nearest
//! of several namesakes, and distances on the sphere. Part of `Context` (see `context.rs`).

use super::super::super::gazetteer::{Gazetteer, PlaceId};
use super::{APPROX_KM, Context, NEAR_KM};

impl Context<'_> {
    /// Whether `id` lies at least as near a place the text names as `other` does (a place placed
    /// at its community's centre counted there: the best guess, not the nearest it may lie).
    pub(super) fn as_near(&self, id: PlaceId, other: PlaceId, g: &Gazetteer) -> bool {
        let km = |id: PlaceId| self.nearest_anchor(id, g).map(|(_, d)| d);
        match (km(id), km(other)) {
            (Some(mine), Some(theirs)) => mine <= theirs,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// How far `id` lies from the nearest place the text names, if one is near; a place placed
    /// only at its community's centre may lie up to [`APPROX_KM`] nearer, so it is counted so.
    pub(super) fn anchor_km(&self, id: PlaceId, g: &Gazetteer) -> Option<f64> {
        let (_, d) = self.nearest_anchor(id, g)?;
        Some(if g.get(id).approx {
            (d - APPROX_KM).max(0.0)
        } else {
            d
        })
    }

    /// Whether a place the text names lies near `id` (see [`Context::nearest_anchor`]).
    pub(in super::super) fn is_near(&self, id: PlaceId, g: &Gazetteer) -> bool {
        self.nearest_anchor(id, g).is_some()
    }

    /// Whether one of this context's anchors lies in an oblast `other` names (see
    /// [`Context::in_named_oblasts`]).
    pub(in super::super) fn anchors_in_oblasts_of(&self, other: &Context, g: &Gazetteer) -> bool {
        self.anchors.iter().any(|a| {
            let o = g.get(*a).oblast_iso.as_str();
            other.text_oblasts.contains(o)
                || other.own_oblasts.contains(o)
                || other.direction_raions.iter().any(|(r, _)| *r == o)
        })
    }

    /// Whether the text (or the dispatch's cities) names a place that anchors others.
    pub(in super::super) fn names_places(&self) -> bool {
        !self.anchors.is_empty()
    }

    /// Among `cands`, the one near an anchor that is at most half as far from one as any other
    /// (so two namesakes both near, or sharing a community centre, decide nothing); no place of
    /// `all` (the name's places) anchors another.
    pub(in super::super) fn clearly_nearest(
        &self,
        cands: &[PlaceId],
        all: &[PlaceId],
        g: &Gazetteer,
    ) -> Option<(PlaceId, PlaceId, f64)> {
        let near: Vec<(PlaceId, PlaceId, f64)> = cands
            .iter()
            // A namesake anchors nothing for its own name ("Bilohorivka" decided in one
            // paragraph does not make the other Bilohorivka, 27 km away, the one meant).
            .filter_map(|id| {
                self.nearest_anchor_but(*id, all, g)
                    .map(|(a, km)| (*id, a, km))
            })
            .collect();
        clear_winner(near)
    }

    /// Whether `id` is farther than `limit` km from every anchor (and has coordinates).
    pub(super) fn beyond(&self, id: PlaceId, limit: f64, g: &Gazetteer) -> bool {
        let p = g.get(id);
        let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
            return false;
        };
        self.anchors.iter().all(|a| {
            let q = g.get(*a);
            match (q.lat, q.lon) {
                (Some(la), Some(lo)) => km(lat, lon, la, lo) > limit,
                _ => true,
            }
        })
    }

    /// The anchor place nearest to `id` within [`NEAR_KM`] (not `id` itself, nor a namesake of
    /// it: "Bilohorivka" in Luhansk Oblast, decided, is no support for the Bilohorivka 27 km
    /// away in Donetsk Oblast), and how far.
    pub(super) fn nearest_anchor(&self, id: PlaceId, g: &Gazetteer) -> Option<(PlaceId, f64)> {
        let name = &g.get(id).name;
        let anchors = self.anchors.iter().copied();
        nearest_of(
            id,
            anchors.filter(|a| *a != id && g.get(*a).name != *name),
            g,
        )
    }

    /// [`Context::nearest_anchor`] among the anchors not in `not`.
    pub(super) fn nearest_anchor_but(
        &self,
        id: PlaceId,
        not: &[PlaceId],
        g: &Gazetteer,
    ) -> Option<(PlaceId, f64)> {
        let anchors = self.anchors.iter().copied();
        nearest_of(id, anchors.filter(|a| *a != id && !not.contains(a)), g)
    }
}

/// The place of `anchors` nearest to `id` within [`NEAR_KM`] (further by [`APPROX_KM`] for a
/// place placed only at its community's centre), and how far.
pub(in super::super) fn nearest_of(
    id: PlaceId,
    anchors: impl Iterator<Item = PlaceId>,
    g: &Gazetteer,
) -> Option<(PlaceId, f64)> {
    let p = g.get(id);
    let (lat, lon) = (p.lat?, p.lon?);
    let reach = NEAR_KM + if p.approx { APPROX_KM } else { 0.0 };
    anchors
        .filter_map(|a| {
            let q = g.get(a);
            Some((a, km(lat, lon, q.lat?, q.lon?)))
        })
        .filter(|(_, d)| *d <= reach)
        .min_by(|x, y| x.1.total_cmp(&y.1))
}

/// Of `near` (place, its anchor, how far), the only one, or the nearest if it is at most half as
/// far as the next; else none.
pub(in super::super) fn clear_winner(
    mut near: Vec<(PlaceId, PlaceId, f64)>,
) -> Option<(PlaceId, PlaceId, f64)> {
    near.sort_by(|x, y| x.2.total_cmp(&y.2));
    match near[..] {
        [one] => Some(one),
        [first, second, ..] if first.2 * 2.0 <= second.2 => Some(first),
        _ => None,
    }
}

/// Whether place `id` lies within 60° of `bearing` (degrees from north) as seen from `from`.
pub(in super::super) fn bearing_fits(
    from: PlaceId,
    id: PlaceId,
    bearing: u16,
    g: &Gazetteer,
) -> bool {
    let (a, b) = (g.get(from), g.get(id));
    let (Some(lat1), Some(lon1), Some(lat2), Some(lon2)) = (a.lat, a.lon, b.lat, b.lon) else {
        return false;
    };
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dl = (lon2 - lon1).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    let seen = y.atan2(x).to_degrees().rem_euclid(360.0);
    let diff = (seen - f64::from(bearing)).abs();
    diff.min(360.0 - diff) <= 60.0
}

/// Great-circle distance in kilometres.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}
