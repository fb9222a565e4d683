//! `dateline places`: what the mention matcher finds in a text and why, line by line, for
//! editors who want to know why a place is listed on a dispatch, or is not.
//!
//! Uses the gazetteer and guards a build would (built-in plus the site's `cities.toml`); the
//! caller prints the lines.

use std::path::Path;

use super::gazetteer::{Gazetteer, PlaceId, Resolution};
use super::mentions::{Guard, Matcher, Rule, Unlinked, Verdict};
use crate::error::Error;

/// One name found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line of the text.
    pub line: usize,
    /// 1-based column (characters).
    pub col: usize,
    /// The name as written.
    pub written: String,
    /// The place it is linked to ("Kharkiv (Kharkiv Oblast)"), if any.
    pub place: Option<String>,
    /// Which rule linked it or kept it out.
    pub why: String,
}

/// Explains the place names in `text`, with `cities` as the dispatch's own cities (as its
/// front matter would give them), using `<root>/cities.toml` when there is one.
pub fn explain(root: &Path, text: &str, cities: &[String]) -> Result<Vec<Line>, Error> {
    let mut g = Gazetteer::embedded();
    let changed = super::overrides::apply(&mut g, root)?;
    let mut m = if changed.names {
        Matcher::new(&g)
    } else {
        Matcher::embedded()
    };
    if let Some(words) = &changed.guards {
        m.extend_guards(words);
    }
    let mut own: Vec<PlaceId> = Vec::new();
    for c in cities {
        match g.resolve(c) {
            Resolution::Found(id) => own.push(id),
            Resolution::Ambiguous(ids) => {
                let list: Vec<String> = ids.iter().map(|id| g.get(*id).qualified_name()).collect();
                return Err(Error::Usage(format!(
                    "city `{c}` matches several places ({}); write it as `{c} (Oblast)`",
                    list.join(", ")
                )));
            }
            Resolution::Unknown => {
                return Err(Error::Usage(format!("unknown city `{c}`")));
            }
        }
    }
    // Line starts, found once: counting the newlines before every name was quadratic (a 1.4 MB
    // live blog of 40,000 names took 20 s).
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    Ok(m.explain(text, &own, &g)
        .into_iter()
        .map(|e| {
            let line = newlines.partition_point(|n| *n < e.start) + 1;
            let line_start = if line > 1 { newlines[line - 2] + 1 } else { 0 };
            let col = text[line_start..e.start].chars().count() + 1;
            let (place, why) = describe(&e.verdict, &g);
            Line {
                line,
                col,
                written: text[e.start..e.end].to_string(),
                place,
                why,
            }
        })
        .collect())
}

fn describe(v: &Verdict, g: &Gazetteer) -> (Option<String>, String) {
    match v {
        Verdict::Linked(id, rule) => {
            let why = match rule {
                Rule::Own => "one of the dispatch's own cities".to_string(),
                Rule::Only => {
                    "the only place of that name (or the only well-known one)".to_string()
                }
                Rule::OwnOblast => "the only namesake in the oblast of a dispatch city".to_string(),
                Rule::Big => "a big city, far better known than its namesakes".to_string(),
                Rule::OblastNamed => "the only namesake in an oblast the text names".to_string(),
                Rule::RaionNamed => "the only namesake in a raion the text names".to_string(),
                Rule::HromadaNamed => {
                    "the only namesake in a community the text names".to_string()
                }
                Rule::FrontInOblast => "the only namesake in the oblasts the text names that \
                                        lies on the front (a raion of a front-line direction)"
                    .to_string(),
                Rule::Raion => "the only namesake in the raions of the directions the text \
                                names, or of the raion its other places share"
                    .to_string(),
                Rule::Near(anchor, km) => format!(
                    "the only namesake near {} ({km:.0} km)",
                    g.get(*anchor).name
                ),
                Rule::Dominant => "clearly the best known of its namesakes".to_string(),
            };
            (Some(g.get(*id).qualified_name()), why)
        }
        Verdict::Unlinked(Unlinked::Namesakes(n)) => (
            None,
            format!(
                "{n} places share the name and the text names neither their oblast nor a \
                 place near one"
            ),
        ),
        Verdict::Unlinked(Unlinked::Ordinary(id)) => (
            None,
            format!(
                "{} is also an ordinary word or a first name: needs its oblast or a place near it \
                 named",
                g.get(*id).qualified_name()
            ),
        ),
        Verdict::Unlinked(Unlinked::NamedElsewhere(id)) => (
            None,
            format!(
                "the text names it elsewhere as {}, with its raion or oblast",
                g.get(*id).qualified_name()
            ),
        ),
        Verdict::Unlinked(Unlinked::Folded(id)) => (
            None,
            format!(
                "{} spelt another way: linked only when its oblast or a place near it is named",
                g.get(*id).qualified_name()
            ),
        ),
        Verdict::Unlinked(Unlinked::Abroad(id)) => (
            None,
            format!(
                "{} shares its name with a place abroad: needs a place near it named",
                g.get(*id).qualified_name()
            ),
        ),
        Verdict::Unlinked(Unlinked::Small(id)) => (
            None,
            format!(
                "{} is a small place: linked only when its oblast or a place within 50 km is \
                 named",
                g.get(*id).qualified_name()
            ),
        ),
        Verdict::Guarded(guard) => (
            None,
            match guard {
                Guard::After(w) => format!("names an area or thing: `{w}` follows"),
                Guard::Before(w) => {
                    format!("names an area, a river or a place abroad: `{w}` comes before")
                }
                Guard::Listed(w) => format!("listed with names of areas: `{w}`"),
                Guard::Person(p) => format!("part of a person's name: `{p}`"),
                Guard::Organisation(o) => format!("part of an organisation's name: `{o}`"),
                Guard::Region(w) => format!("names an oblast or a region: `{w}`"),
                Guard::SameRiver(r) => format!("the river: the text names the river `{r}` elsewhere"),
                Guard::Kind(w) => format!("a word for a kind of settlement before a name: `{w}`"),
                Guard::Former(w) => format!("a former name, today's named after it: `{w}`"),
                Guard::Longer(w) => format!("the end of a longer name, not in the gazetteer: `{w}`"),
                Guard::Road(w) => format!("a road or pipeline called by its ends: `{w}`"),
                Guard::SentenceStart => {
                    "a common word at the start of a sentence (an adjective, or only small places' name)"
                        .to_string()
                }
            },
        ),
    }
}
