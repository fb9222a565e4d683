//! Finding gazetteer places named in a dispatch's text.
//!
//! One Aho-Corasick automaton over every capitalised name and alias (Latin and Cyrillic),
//! built once per build and shared read-only by the parallel markdown stage. A match counts
//! only as a whole word ("Kyiv" not in "Kyivstar"). A name shared by several places is decided
//! by the oblasts of the dispatch's own cities, else by clear dominance, else dropped; a place
//! whose name is an ordinary word counts only when its oblast is one of the dispatch's.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, MatchKind};

use super::gazetteer::{Gazetteer, PlaceId};

/// The mention matcher.
#[derive(Debug)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
    /// For each pattern: the places it names.
    targets: Vec<Vec<PlaceId>>,
    /// The pattern text (for dominance checks).
    names: Vec<String>,
}

impl Matcher {
    /// Builds the automaton over every usable name.
    pub fn new(g: &Gazetteer) -> Matcher {
        let mut map: std::collections::BTreeMap<String, Vec<PlaceId>> = Default::default();
        for (id, p) in g.iter() {
            for n in p.all_names() {
                if usable(n) {
                    let v = map.entry(n.to_string()).or_default();
                    if !v.contains(&id) {
                        v.push(id);
                    }
                }
            }
        }
        let names: Vec<String> = map.keys().cloned().collect();
        let targets: Vec<Vec<PlaceId>> = map.into_values().collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .ok();
        Matcher { ac, targets, names }
    }

    /// Ids of the name patterns found as whole words in `text`, sorted and unique.
    pub fn hits(&self, text: &str) -> Vec<u32> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut seen: BTreeSet<u32> = BTreeSet::new();
        for m in ac.find_iter(text) {
            if whole_word(text, m.start(), m.end()) {
                seen.insert(m.pattern().as_u32());
            }
        }
        seen.into_iter().collect()
    }

    /// The places that `hits` name, decided with the dispatch's own cities; sorted, unique.
    pub fn places(&self, hits: &[u32], own: &[PlaceId], g: &Gazetteer) -> Vec<PlaceId> {
        let own_oblasts: BTreeSet<&str> = own
            .iter()
            .map(|id| g.get(*id).oblast_iso.as_str())
            .filter(|o| !o.is_empty())
            .collect();
        let mut out: BTreeSet<PlaceId> = BTreeSet::new();
        for pi in hits {
            if let Some(id) = self.decide(*pi as usize, own, &own_oblasts, g) {
                out.insert(id);
            }
        }
        out.into_iter().collect()
    }

    /// Places named in `text` (hits and decision in one step).
    pub fn find(&self, text: &str, own: &[PlaceId], g: &Gazetteer) -> Vec<PlaceId> {
        self.places(&self.hits(text), own, g)
    }

    fn decide(
        &self,
        pattern: usize,
        own: &[PlaceId],
        own_oblasts: &BTreeSet<&str>,
        g: &Gazetteer,
    ) -> Option<PlaceId> {
        let cands = &self.targets[pattern];
        if let Some(id) = cands.iter().find(|id| own.contains(id)) {
            return Some(*id);
        }
        let local: Vec<PlaceId> = cands
            .iter()
            .copied()
            .filter(|id| own_oblasts.contains(g.get(*id).oblast_iso.as_str()))
            .collect();
        let chosen = match (cands.len(), local.len()) {
            (1, _) => cands[0],
            (_, 1) => local[0],
            _ => g.dominant(&self.names[pattern], cands)?,
        };
        let p = g.get(chosen);
        if p.ordinary && !own_oblasts.contains(p.oblast_iso.as_str()) {
            return None;
        }
        Some(chosen)
    }
}

/// A name worth matching in prose: capitalised, at least three letters.
fn usable(n: &str) -> bool {
    n.chars().next().is_some_and(char::is_uppercase)
        && n.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
        && !after.is_some_and(|c| {
            c.is_alphanumeric() || c == '-' && text[end + 1..].starts_with(char::is_lowercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, own: &[&str]) -> Vec<String> {
        let g = Gazetteer::embedded();
        let m = Matcher::new(&g);
        let own: Vec<PlaceId> = own
            .iter()
            .map(|n| match g.resolve(n) {
                super::super::Resolution::Found(id) => id,
                other => panic!("{other:?}"),
            })
            .collect();
        let mut v: Vec<String> = m
            .find(text, &own, &g)
            .into_iter()
            .map(|id| g.get(id).name.clone())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(names("Kyivstar said Kyiv's grid held.", &[]), ["Kyiv"]);
        assert!(names("Kyivstar network", &[]).is_empty());
    }

    #[test]
    fn aliases_map_to_canonical() {
        let found = names("the road to Chasov Yar and Artemivsk, and Киев", &[]);
        assert_eq!(found, ["Bakhmut", "Chasiv Yar", "Kyiv"]);
    }
}
