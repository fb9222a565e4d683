//! schema.org `NewsArticle` metadata for a dispatch, as JSON-LD.
//!
//! The parts many dispatches share (each city's `Place`, each byline's `Person`, the
//! publisher) are serialised with serde_json once per build ([`Parts`]); each dispatch's object
//! is then written field by field around them, in the order and form serde_json gives the
//! whole struct (a test checks both agree). Then `<`, `>` and `&` are written as `\u003c`-style
//! escapes so that no title, summary or name can close the surrounding `<script>` element.

use ahash::AHashMap;
use serde::Serialize;

use crate::content::Page;
use crate::places::PlaceId;
use crate::site::Site;

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

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The JSON of every city, byline and the publisher that the site's dispatches name.
#[derive(Debug, Default)]
pub struct Parts {
    places: AHashMap<PlaceId, String>,
    authors: AHashMap<String, String>,
    /// The site as an `Organization` (publisher, and author of unsigned dispatches).
    organization: String,
}

impl Parts {
    /// Serialises the shared parts of every dispatch's JSON-LD.
    pub fn new(site: &Site) -> Parts {
        let mut parts = Parts {
            organization: organization(site),
            ..Parts::default()
        };
        for p in &site.pages {
            for id in &p.cities {
                parts
                    .places
                    .entry(*id)
                    .or_insert_with(|| json(&place(site, *id)));
            }
            for a in &p.authors {
                if !parts.authors.contains_key(a) {
                    parts.authors.insert(a.clone(), person(site, a));
                }
            }
        }
        parts
    }
}

fn organization(site: &Site) -> String {
    json(&Agent {
        kind: "Organization",
        name: &site.config.title,
        url: None,
    })
}

fn person(site: &Site, name: &str) -> String {
    json(&Agent {
        kind: "Person",
        name,
        url: Some(format!(
            "{}/authors/{}/",
            site.config.base_url,
            crate::urls::slugify(name)
        )),
    })
}

/// A JSON object being written by hand, field by field, as serde_json writes a struct.
struct Object(Vec<u8>);

impl Object {
    fn new(capacity: usize) -> Object {
        let mut s = Vec::with_capacity(capacity);
        s.push(b'{');
        Object(s)
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(b',');
        }
        self.0.push(b'"');
        self.0.extend_from_slice(key.as_bytes());
        self.0.extend_from_slice(b"\":");
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        // serde_json's own escaping, so the bytes are those of the derived serialiser.
        if serde_json::to_writer(&mut self.0, value).is_err() {
            self.0.extend_from_slice(b"\"\"");
        }
    }

    fn raw(&mut self, key: &str, json: &str) {
        self.key(key);
        self.0.extend_from_slice(json.as_bytes());
    }

    fn array<'a>(&mut self, key: &str, items: impl Iterator<Item = &'a str>) {
        self.key(key);
        self.0.push(b'[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.0.extend_from_slice(item.as_bytes());
        }
        self.0.push(b']');
    }

    fn finish(mut self) -> String {
        self.0.push(b'}');
        String::from_utf8(self.0).unwrap_or_default()
    }
}

/// JSON-LD for one dispatch, safe to place inside a `<script>` element.
pub fn news_article(site: &Site, parts: &Parts, p: &Page) -> String {
    let c = &site.config;
    let url = c.permalink(&p.url);
    // Sized for a typical dispatch's JSON-LD (about 1.5 KB), so it is written without regrowing.
    let mut o = Object::new(2048);
    o.string("@context", "https://schema.org");
    o.string("@type", "NewsArticle");
    o.string("headline", &p.title);
    o.string("url", &url);
    o.string("mainEntityOfPage", &url);
    o.string("datePublished", &p.date.rfc3339());
    o.string("dateModified", &p.updated.unwrap_or(p.date).rfc3339());
    let authors: Vec<std::borrow::Cow<'_, str>> = if p.authors.is_empty() {
        vec![parts.organization.as_str().into()]
    } else {
        (p.authors.iter())
            .map(|a| match parts.authors.get(a) {
                Some(j) => j.as_str().into(),
                None => person(site, a).into(),
            })
            .collect()
    };
    o.array("author", authors.iter().map(|a| a.as_ref()));
    o.raw("publisher", &parts.organization);
    o.raw("wordCount", &p.body.words.to_string());
    o.string("inLanguage", &c.language);
    if let Some(d) = p.dateline {
        o.string("dateline", &site.gazetteer.get(d).name);
    }
    if !p.cities.is_empty() {
        let places: Vec<std::borrow::Cow<'_, str>> = (p.cities.iter())
            .map(|id| match parts.places.get(id) {
                Some(j) => j.as_str().into(),
                None => json(&place(site, *id)).into(),
            })
            .collect();
        o.array("contentLocation", places.iter().map(|p| p.as_ref()));
    }
    if let Some(image) = crate::render::context::first_image(site, p) {
        o.string("image", &image);
    }
    if !p.tags.is_empty() {
        // In the edition's language where `[languages.<code>.tags]` names a tag.
        let shown = &c.lang().tags;
        let names: Vec<&str> = (p.tags.iter())
            .map(|t| {
                match (!shown.is_empty())
                    .then(|| shown.get(crate::urls::slugify(t).as_str()))
                    .flatten()
                {
                    Some(shown) => shown.as_str(),
                    None => t.as_str(),
                }
            })
            .collect();
        o.string("keywords", &names.join(", "));
    }
    if !p.corrections.is_empty() {
        let corrections: Vec<String> = (p.corrections.iter())
            .map(|c| {
                json(&Correction {
                    kind: "CorrectionComment",
                    text: &c.note,
                    date: c.date.rfc3339(),
                })
            })
            .collect();
        o.array("correction", corrections.iter().map(String::as_str));
    }
    script_safe(o.finish())
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
    use super::*;

    #[test]
    fn script_breakout_is_escaped() {
        let s = super::script_safe(r#"{"headline":"</script><script>alert(1)</script>"}"#.into());
        assert!(!s.contains("</script>"));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["headline"], "</script><script>alert(1)</script>");
    }

    /// The hand-written object is what serde_json makes of the same struct.
    #[test]
    fn objects_are_written_as_serde_json_writes_structs() {
        #[derive(Serialize)]
        struct Whole<'a> {
            #[serde(rename = "@type")]
            kind: &'a str,
            headline: &'a str,
            author: Vec<Agent<'a>>,
            #[serde(rename = "wordCount")]
            words: usize,
            #[serde(skip_serializing_if = "Option::is_none")]
            dateline: Option<&'a str>,
            #[serde(rename = "contentLocation", skip_serializing_if = "Vec::is_empty")]
            locations: Vec<Place<'a>>,
        }
        let headline = "“Quotes”, \"straight\", back\\slash, tab\t, </script> & ünïcödé";
        let agents = [
            ("Olena \"O\" K.", Some("https://x/authors/o/")),
            ("Desk", None),
        ];
        let place = || Place {
            kind: "Place",
            name: "Bakhmut",
            geo: Some(Geo {
                kind: "GeoCoordinates",
                latitude: 48.5947,
                longitude: 38.0,
            }),
            address: Some(Address {
                kind: "PostalAddress",
                region: "Donetsk Oblast",
                country: "UA",
            }),
        };
        for dateline in [Some("Chasiv Yar"), None] {
            let whole = Whole {
                kind: "NewsArticle",
                headline,
                author: agents
                    .iter()
                    .map(|(name, url)| Agent {
                        kind: "Person",
                        name,
                        url: url.map(String::from),
                    })
                    .collect(),
                words: 1234,
                dateline,
                locations: vec![place()],
            };
            let mut o = Object::new(16);
            o.string("@type", "NewsArticle");
            o.string("headline", headline);
            let authors: Vec<String> = (whole.author.iter()).map(json).collect();
            o.array("author", authors.iter().map(String::as_str));
            o.raw("wordCount", "1234");
            if let Some(d) = dateline {
                o.string("dateline", d);
            }
            let places = [json(&whole.locations[0])];
            o.array("contentLocation", places.iter().map(String::as_str));
            assert_eq!(o.finish(), json(&whole));
        }
    }
}
