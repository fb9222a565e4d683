//! The maps a theme can show: the whole-country map on `/cities/` and a locator per city.
//!
//! Thin glue between the index (which cities have dispatches, how many) and `places::map`.

use crate::places::PlaceId;
use crate::places::map::Dot;
use crate::site::Site;

/// How many of the busiest cities a locator map shows around its own city, for orientation.
/// (Every city on every locator would make the city pages quadratic in the number of cities.)
const LANDMARKS: usize = 12;

/// Dots for the cities at `which` (indices into the index's cities) that have dispatches and
/// known coordinates, plus `current`; hrefs from `prefix`.
fn dots<'a>(
    site: &'a Site,
    prefix: &str,
    current: Option<PlaceId>,
    titles: &'a [String],
    which: impl Iterator<Item = usize>,
) -> Vec<Dot<'a>> {
    let mut out = Vec::new();
    for i in which {
        let (c, title) = (&site.index.cities[i], &titles[i]);
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
            // "Бахмут: 1 допис", "Бахмут: 5 дописів": the edition's counted string.
            let n = c.pages.len() as u64;
            let count =
                (site.config.strings().count("dispatches", n)).unwrap_or_else(|| n.to_string());
            format!("{}: {count}", site.gazetteer.get(c.place).name)
        })
        .collect()
}

/// The map on `/cities/` (links relative to `/cities/`).
pub fn cities_map(site: &Site) -> String {
    let t = titles(site);
    let d = dots(site, "", None, &t, 0..site.index.cities.len());
    site.outline
        .render(&d, false, site.config.strings().get("map_alt"))
}

fn locator_with(site: &Site, i: usize, root: &str, titles: &[String], marks: &[usize]) -> String {
    let place = site.index.cities[i].place;
    let p = site.gazetteer.get(place);
    if p.lat.is_none() {
        return String::new();
    }
    let which = marks.iter().copied().filter(|m| *m != i).chain([i]);
    let d = dots(site, &format!("{root}cities/"), Some(place), titles, which);
    let alt = (site.config.strings().get("location_of")).replace("{city}", &p.name);
    site.outline.render(&d, true, &alt)
}

/// Locator maps of every city in the index, for its first page (later pages of a city list
/// leave the map out: the reader has seen it, and it is the heaviest part of the page): the
/// city and the busiest few others. Computed once per build instead of once per page.
pub fn all_locators(site: &Site) -> Vec<String> {
    use rayon::prelude::*;
    let t = titles(site);
    let cities = &site.index.cities;
    let mut marks: Vec<usize> = (0..cities.len()).collect();
    marks.sort_by_key(|i| std::cmp::Reverse(cities[*i].pages.len()));
    marks.truncate(LANDMARKS);
    marks.sort_unstable();
    (0..cities.len())
        .into_par_iter()
        .map(|i| locator_with(site, i, "../../", &t, &marks))
        .collect()
}
