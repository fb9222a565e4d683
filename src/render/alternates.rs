//! Links between the language editions of a page: `<link rel="alternate" hreflang>` for every
//! version of it (plus `x-default`), and the language switch, which links to the page's
//! version in each language or, where it has none, to that edition's front page.

use serde::Serialize;
use tera::Value;

use crate::site::Site;
use crate::urls::UrlPath;

/// One `hreflang` alternate.
#[derive(Serialize)]
struct Alternate<'a> {
    lang: &'a str,
    permalink: String,
}

/// One entry of the language switch.
#[derive(Serialize)]
struct Switch<'a> {
    lang: &'a str,
    name: &'a str,
    href: String,
    current: bool,
}

/// The list pages every edition has, at the same path in each (`/search/` only when search is
/// on, and then in every edition).
const SHARED_LISTS: [&str; 6] = ["/", "/cities/", "/tags/", "/archive/", "/search/", "/lite/"];

/// The versions of a list page at `url`: every edition when every edition has it.
pub fn list_versions(site: &Site, url: &UrlPath) -> Vec<(usize, UrlPath)> {
    if SHARED_LISTS.contains(&url.as_str()) {
        (0..site.config.languages.0.len())
            .map(|e| (e, url.clone()))
            .collect()
    } else {
        Vec::new()
    }
}

/// The absolute URL of `url` in edition `e`.
pub fn permalink(site: &Site, e: usize, url: &UrlPath) -> String {
    let prefix = &site.config.languages.0[e].prefix;
    [
        site.config.site_url.as_str(),
        "/",
        prefix,
        url.as_str().trim_start_matches('/'),
    ]
    .concat()
}

/// The `alternates` and `languages` values of a page at `url` of `site`'s edition, given its
/// versions (see [`list_versions`] and `Site::translations`). Both are empty on a site with one
/// language; `alternates` is empty for a page with no other version.
pub fn values(site: &Site, url: &UrlPath, versions: &[(usize, UrlPath)]) -> (Value, Value) {
    let langs = &site.config.languages.0;
    if langs.len() < 2 {
        let none: [u8; 0] = [];
        return (
            Value::from_serializable(&none),
            Value::from_serializable(&none),
        );
    }
    let mut alternates: Vec<Alternate<'_>> = Vec::new();
    if versions.len() > 1 {
        alternates.extend(versions.iter().map(|(e, u)| Alternate {
            lang: &langs[*e].code,
            permalink: permalink(site, *e, u),
        }));
        let (e, u) = versions
            .iter()
            .find(|(e, _)| *e == 0)
            .unwrap_or(&versions[0]);
        alternates.push(Alternate {
            lang: "x-default",
            permalink: permalink(site, *e, u),
        });
    }
    let me = site.config.edition;
    let back = [
        crate::render::jobs::root_prefix(url).as_str(),
        &"../".repeat(langs[me].prefix.matches('/').count()),
    ]
    .concat();
    let switch: Vec<Switch<'_>> = langs
        .iter()
        .enumerate()
        .map(|(e, l)| {
            let target = versions
                .iter()
                .find(|(v, _)| *v == e)
                .map_or("/", |(_, u)| u.as_str());
            Switch {
                lang: &l.code,
                name: &l.name,
                href: [back.as_str(), &l.prefix, target.trim_start_matches('/')].concat(),
                current: e == me,
            }
        })
        .collect();
    (
        Value::from_serializable(&alternates),
        Value::from_serializable(&switch),
    )
}
