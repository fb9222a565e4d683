//! Prints, per dispatch, the places mention detection finds, for evaluating its precision and
//! recall (see `data/eval/`).
//!
//! Usage: `cargo run --release --example eval_mentions -- SITE_ROOT [--json] [--drafts]`.
//!
//! Loads the site with the library exactly as a build does (embargoes ignored; drafts only
//! with `--drafts`) and prints for every dispatch its front-matter cities, its mentions (places the
//! text names that are not among its cities), and `text`: every place the matcher finds in the
//! body, own cities included, which is what the scorer compares with the ground truth. With
//! `--json`, one JSON object per line instead (read by `data/eval/score.py`), which also maps
//! every front-matter city name as written to the slug of the place it resolved to.

use std::io::Write;
use std::path::PathBuf;

use dateline::config::BuildOptions;
use dateline::dates::Date;
use dateline::places::{Gazetteer, Matcher, PlaceId, Resolution};
use dateline::{Config, Site};

const USAGE: &str = "usage: eval_mentions SITE_ROOT [--json] [--drafts]";

fn main() {
    let mut root = None;
    let (mut json, mut drafts) = (false, false);
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--json" => json = true,
            "--drafts" => drafts = true,
            _ if root.is_none() && !a.starts_with('-') => root = Some(PathBuf::from(a)),
            _ => fail(USAGE),
        }
    }
    let Some(root) = root else { fail(USAGE) };
    let opts = BuildOptions {
        root,
        drafts,
        ..Default::default()
    };
    let config = Config::load(&opts).unwrap_or_else(|e| fail(&e.to_string()));
    // Far in the future, so embargoed dispatches are evaluated too.
    let now = Date::parse("2100-01-01T00:00:00Z", &config.timezone).expect("fixed date");
    let site = Site::load(config, now).unwrap_or_else(|d| fail(&d.to_string()));
    // The same matcher `Site::load` builds (built-in gazetteer plus cities.toml), so the pattern
    // ids stored in each page's `hits` mean the same here.
    let mut base = Gazetteer::embedded();
    dateline::places::overrides::apply(&mut base, &site.config.root)
        .unwrap_or_else(|e| fail(&e.to_string()));
    let matcher = Matcher::new(&base);
    let g = &site.gazetteer;
    let mut pages: Vec<_> = site.pages.iter().collect();
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in pages {
        let mut text = matcher.places(&p.hits, &p.cities, g);
        let mentions: Vec<PlaceId> = text
            .iter()
            .copied()
            .filter(|id| !p.cities.contains(id))
            .collect();
        let mut sorted = p.mentions.clone();
        sorted.sort();
        assert_eq!(sorted, mentions, "{}", p.source.display());
        text.sort_by(|a, b| g.get(*a).name.cmp(&g.get(*b).name));
        let written = if json {
            let resolved: serde_json::Map<String, serde_json::Value> = p
                .city_names
                .iter()
                .map(|n| {
                    let slug = match g.resolve(n) {
                        Resolution::Found(id) => g.get(id).slug.as_str().into(),
                        _ => serde_json::Value::Null,
                    };
                    (n.clone(), slug)
                })
                .collect();
            let v = serde_json::json!({
                "source": p.source.to_string_lossy(),
                "cities": views(g, &p.cities),
                "mentions": views(g, &p.mentions),
                "text": views(g, &text),
                "resolved": resolved,
            });
            writeln!(out, "{v}")
        } else {
            writeln!(
                out,
                "{}\n  cities:   {}\n  mentions: {}\n  text:     {}",
                p.source.display(),
                names(g, &p.cities),
                names(g, &p.mentions),
                names(g, &text)
            )
        };
        if written.is_err() {
            // A closed pipe (`| head`): stop quietly.
            return;
        }
    }
    let _ = out.flush();
}

fn views(g: &Gazetteer, ids: &[PlaceId]) -> Vec<serde_json::Value> {
    ids.iter()
        .map(|id| {
            let p = g.get(*id);
            serde_json::json!({"name": p.name, "slug": p.slug.as_str(), "oblast": p.oblast})
        })
        .collect()
}

fn names(g: &Gazetteer, ids: &[PlaceId]) -> String {
    let v: Vec<String> = ids.iter().map(|id| g.get(*id).qualified_name()).collect();
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("eval_mentions: {msg}");
    std::process::exit(1);
}
