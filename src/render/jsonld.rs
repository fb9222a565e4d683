//! schema.org `NewsArticle` metadata for a dispatch, as JSON-LD.
//!
//! Typed structs serialised with serde_json, then `<`, `>` and `&` are written as
//! `\u003c`-style escapes so that no title, summary or name can close the surrounding
//! `<script>` element.

use serde::Serialize;

use crate::content::Page;
use crate::places::PlaceId;
use crate::site::Site;

#[derive(Serialize)]
struct Article<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    url: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity: &'a str,
    #[serde(rename = "datePublished")]
    published: String,
    #[serde(rename = "dateModified")]
    modified: String,
    author: Vec<Agent<'a>>,
    publisher: Agent<'a>,
    #[serde(rename = "wordCount")]
    words: usize,
    #[serde(rename = "inLanguage")]
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<&'a str>,
    #[serde(rename = "contentLocation", skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Place<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction<'a>>,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Address<'a>>,
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressRegion")]
    region: &'a str,
    #[serde(rename = "addressCountry")]
    country: &'static str,
}

#[derive(Serialize)]
struct Correction<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    #[serde(rename = "datePublished")]
    date: String,
}

fn place(site: &Site, id: PlaceId) -> Place<'_> {
    let pl = site.gazetteer.get(id);
    Place {
        kind: "Place",
        name: &pl.name,
        geo: pl.lat.zip(pl.lon).map(|(latitude, longitude)| Geo {
            kind: "GeoCoordinates",
            latitude,
            longitude,
        }),
        address: (!pl.oblast.is_empty()).then_some(Address {
            kind: "PostalAddress",
            region: &pl.oblast,
            country: "UA",
        }),
    }
}

/// JSON-LD for one dispatch, safe to place inside a `<script>` element.
pub fn news_article(site: &Site, p: &Page) -> String {
    let c = &site.config;
    let url = c.permalink(&p.url);
    let author = if p.authors.is_empty() {
        vec![Agent {
            kind: "Organization",
            name: &c.title,
            url: None,
        }]
    } else {
        p.authors
            .iter()
            .map(|a| Agent {
                kind: "Person",
                name: a,
                url: Some(format!(
                    "{}/authors/{}/",
                    c.base_url,
                    crate::urls::slugify(a)
                )),
            })
            .collect()
    };
    let article = Article {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &p.title,
        url: &url,
        main_entity: &url,
        published: p.date.rfc3339(),
        modified: p.updated.unwrap_or(p.date).rfc3339(),
        author,
        publisher: Agent {
            kind: "Organization",
            name: &c.title,
            url: None,
        },
        words: p.body.words,
        language: &c.language,
        dateline: p.dateline.map(|d| site.gazetteer.get(d).name.as_str()),
        locations: p.cities.iter().map(|id| place(site, *id)).collect(),
        keywords: (!p.tags.is_empty()).then(|| p.tags.join(", ")),
        correction: p
            .corrections
            .iter()
            .map(|c| Correction {
                kind: "CorrectionComment",
                text: &c.note,
                date: c.date.rfc3339(),
            })
            .collect(),
    };
    // Sized for a typical dispatch's JSON-LD (about 1.5 KB), so it is written without regrowing.
    let mut json = Vec::with_capacity(2048);
    if serde_json::to_writer(&mut json, &article).is_err() {
        json.clear();
    }
    script_safe(String::from_utf8(json).unwrap_or_default())
}

/// Escapes characters that could end a `<script>` element or start a comment.
pub fn script_safe(json: String) -> String {
    if memchr::memchr3(b'<', b'>', b'&', json.as_bytes()).is_none() {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_breakout_is_escaped() {
        let s = super::script_safe(r#"{"headline":"</script><script>alert(1)</script>"}"#.into());
        assert!(!s.contains("</script>"));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["headline"], "</script><script>alert(1)</script>");
    }
}
