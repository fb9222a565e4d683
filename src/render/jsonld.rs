//! schema.org `NewsArticle` metadata for a dispatch, as JSON-LD.
//!
//! Serialised with serde_json, then `<`, `>` and `&` are written as `\u003c`-style escapes so
//! that no title, summary or name can close the surrounding `<script>` element.

use serde_json::{Value, json};

use crate::content::Page;
use crate::site::Site;

/// JSON-LD for one dispatch, safe to place inside a `<script>` element.
pub fn news_article(site: &Site, p: &Page) -> String {
    let g = &site.gazetteer;
    let c = &site.config;
    let url = c.permalink(&p.url);
    let authors: Vec<Value> = if p.authors.is_empty() {
        vec![json!({"@type": "Organization", "name": c.title})]
    } else {
        p.authors
            .iter()
            .map(|a| {
                let path =
                    crate::urls::UrlPath::parse(&format!("/authors/{}/", crate::urls::slugify(a)));
                json!({"@type": "Person", "name": a, "url": c.permalink(&path)})
            })
            .collect()
    };
    let place = |id: crate::places::PlaceId| {
        let pl = g.get(id);
        let mut v = json!({"@type": "Place", "name": pl.name});
        if let (Some(lat), Some(lon)) = (pl.lat, pl.lon) {
            v["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
        }
        if !pl.oblast.is_empty() {
            v["address"] = json!({"@type": "PostalAddress", "addressRegion": pl.oblast, "addressCountry": "UA"});
        }
        v
    };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": p.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": p.date.rfc3339(),
        "dateModified": p.updated.unwrap_or(p.date).rfc3339(),
        "author": authors,
        "publisher": {"@type": "Organization", "name": c.title},
        "wordCount": p.body.words,
        "inLanguage": c.language,
    });
    if let Some(d) = p.dateline {
        v["dateline"] = json!(g.get(d).name);
    }
    if !p.cities.is_empty() {
        v["contentLocation"] = Value::Array(p.cities.iter().map(|id| place(*id)).collect());
    }
    if !p.tags.is_empty() {
        v["keywords"] = json!(p.tags.join(", "));
    }
    if !p.corrections.is_empty() {
        v["correction"] = Value::Array(
            p.corrections
                .iter()
                .map(|c| json!({"@type": "CorrectionComment", "text": c.note, "datePublished": c.date.rfc3339()}))
                .collect(),
        );
    }
    script_safe(&v.to_string())
}

/// Escapes characters that could end a `<script>` element or start a comment.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_breakout_is_escaped() {
        let s = super::script_safe(r#"{"headline":"</script><script>alert(1)</script>"}"#);
        assert!(!s.contains("</script>"));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["headline"], "</script><script>alert(1)</script>");
    }
}
