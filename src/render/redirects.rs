//! Redirect pages from city aliases to canonical city pages, plus a Netlify-style `_redirects`.
//!
//! `/cities/artemivsk/` sends readers (and old links) to `/cities/bakhmut/` with a plain HTML
//! meta refresh that works on any static host, and the same mapping as `_redirects` for hosts
//! that honour it. An alias never shadows a real city page or another alias.

use std::collections::BTreeMap;

use crate::output::OutFile;
use crate::site::Site;

/// Alias slug → canonical slug and names, for every city that has a page.
pub fn alias_map(site: &Site) -> BTreeMap<String, (String, String, String)> {
    // Every place's own slug is reserved, with or without a page today: an alias must never
    // take an address that another place may need later.
    let taken: ahash::AHashSet<&str> = site
        .gazetteer
        .iter()
        .map(|(_, p)| p.slug.as_str())
        .collect();
    let mut map = BTreeMap::new();
    let known = crate::places::NameSlugs::embedded();
    for c in &site.index.cities {
        let p = site.gazetteer.get(c.place);
        for alias in p.all_names() {
            let s = known.slug(alias).to_string();
            if s == p.slug.as_str() || taken.contains(s.as_str()) || s == "untitled" || s == "page"
            {
                continue;
            }
            map.entry(s)
                .or_insert_with(|| (p.slug.to_string(), alias.to_string(), p.name.to_string()));
        }
    }
    map
}

/// The redirect pages and `_redirects`.
pub fn all(site: &Site) -> Vec<OutFile> {
    let base = site.config.base_path();
    let map = alias_map(site);
    let mut files = Vec::with_capacity(map.len() + 1);
    let mut netlify = String::new();
    for (alias, (target, alias_name, name)) in &map {
        let url = crate::routes::city(alias);
        let href = format!("../{target}/");
        let abs = site.config.permalink(&crate::routes::city(target));
        let html = format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{name}</title>\n<link rel=\"canonical\" href=\"{abs}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>{text}</p>\n</body>\n</html>\n",
            lang = crate::escape::html(&site.config.language),
            name = crate::escape::html(name),
            abs = crate::escape::html(&abs),
            text = (site.config.strings().get("listed_as"))
                .replace("{alias}", &crate::escape::html(alias_name))
                .replace(
                    "{name}",
                    &format!("<a href=\"{href}\">{}</a>", crate::escape::html(name))
                ),
        );
        files.push(OutFile {
            path: url.file(),
            bytes: html.into_bytes().into(),
        });
        let to = crate::routes::city(target);
        netlify.push_str(&format!(
            "{base}{} {base}{} 301\n",
            url.relative(),
            to.relative()
        ));
    }
    files.push(OutFile {
        path: "_redirects".into(),
        bytes: netlify.into_bytes().into(),
    });
    files
}
