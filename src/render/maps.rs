//! The maps a theme can show: the whole-country map on `/cities/` and a locator per city.
//!
//! Thin glue between the index (which cities have dispatches, how many) and `places::map`.

use crate::places::PlaceId;
use crate::places::map::Dot;
use crate::site::Site;

/// Dots for every city with dispatches and known coordinates; hrefs from `prefix`.
fn dots<'a>(
    site: &'a Site,
    prefix: &str,
    current: Option<PlaceId>,
    titles: &'a [String],
) -> Vec<Dot<'a>> {
    let mut out = Vec::new();
    for (c, title) in site.index.cities.iter().zip(titles) {
        let p = site.gazetteer.get(c.place);
        let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
            continue;
        };
        if c.pages.is_empty() && Some(c.place) != current {
            continue;
        }
        out.push(Dot {
            lat,
            lon,
            href: format!("{prefix}{}/", p.slug),
            title,
            count: c.pages.len(),
            current: Some(c.place) == current,
        });
    }
    // Draw the current city last so it sits on top.
    out.sort_by_key(|d| d.current);
    out
}

fn titles(site: &Site) -> Vec<String> {
    site.index
        .cities
        .iter()
        .map(|c| {
            let n = c.pages.len();
            format!(
                "{}: {n} dispatch{}",
                site.gazetteer.get(c.place).name,
                if n == 1 { "" } else { "es" }
            )
        })
        .collect()
}

/// The map on `/cities/` (links relative to `/cities/`).
pub fn cities_map(site: &Site) -> String {
    let t = titles(site);
    let d = dots(site, "", None, &t);
    site.outline.render(
        &d,
        false,
        "Map of Ukraine with a dot for every city that has dispatches",
    )
}

fn locator_with(site: &Site, place: PlaceId, root: &str, titles: &[String]) -> String {
    let p = site.gazetteer.get(place);
    if p.lat.is_none() {
        return String::new();
    }
    let d = dots(site, &format!("{root}cities/"), Some(place), titles);
    site.outline
        .render(&d, true, &format!("Location of {} in Ukraine", p.name))
}

/// Locator maps of every city in the index, for its first page (later pages of a city list
/// leave the map out: the reader has seen it, and it is the heaviest part of the page).
/// Computed once per build instead of once per page.
pub fn all_locators(site: &Site) -> Vec<String> {
    use rayon::prelude::*;
    let t = titles(site);
    site.index
        .cities
        .par_iter()
        .map(|c| locator_with(site, c.place, "../../", &t))
        .collect()
}
