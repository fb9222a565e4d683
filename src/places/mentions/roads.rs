//! A road, route or pipeline called by the places at its ends: "на трасі Київ – Чоп",
//! "автодороги «Миколаїв — Одеса»", "магістрального водопроводу Запоріжжя – Марганець – Нікополь
//! – Покров", "the Izium-Sloviansk highway", "the critical Pokrovsk-Kostyantynivka supply
//! route". Its ends are not what the story is about: a crash on the Kyiv–Chop highway by
//! Kopyliv is Kopyliv's news, and a water main's towns are named in its name, not as where
//! anything happened. (Precision first: the labelled sets disagree here, the later ones leaving
//! the ends out; see `data/eval/RESULTS.md`, round 17.) Only a road between cities: a road
//! between villages ("ремонт дороги «Сунки-Голов’ятине-Малий Бузуків»") is what the story is
//! about, and so are they.

use super::Occurrence;
use super::guards::{Guard, next_word};

/// Stems of the Ukrainian words for a road or a pipeline, before the names of its ends.
const BEFORE: &[&str] = &[
    "трас",
    "автодорог",
    "автошлях",
    "дорог",
    "шосе",
    "водогон",
    "водогін",
    "водопровод",
    "газопровод",
];

/// English words for a road, after the names of its ends ("supply route" ends with one).
const AFTER: &[&str] = &[
    "highway", "highways", "road", "roads", "route", "routes", "motorway",
];

const DASHES: [char; 3] = ['-', '–', '—'];
const SPACES: [char; 2] = [' ', '\u{a0}'];
const QUOTES: [char; 6] = ['«', '»', '"', '“', '”', '„'];

/// Why the name at `start..end` of `text` is an end of a road the text names by its ends.
pub(super) fn road_end(text: &str, start: usize, end: usize) -> Option<Guard> {
    let (from, to) = (left(text, start), right(text, end));
    if (from, to) == (start, end) {
        return None;
    }
    let before = text[..from].trim_end_matches(|c| SPACES.contains(&c) || QUOTES.contains(&c));
    let prev = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let next = next_word(text, to).to_lowercase();
    let road = BEFORE.iter().any(|s| prev.starts_with(s))
        || AFTER.contains(&next.as_str())
        || (next == "supply"
            && AFTER.contains(&next_word(text, after(text, to)).to_lowercase().as_str()));
    road.then(|| Guard::Road(text[from..to].to_string()))
}

/// The start of the chain of capitalised words joined by dashes that ends with the name
/// starting at `start`. (One word a link: "The Kreminna-Torske road" starts with Kreminna; a
/// name of two words before a dash is an occurrence of its own, and `only_between_cities`
/// gives it its chain's guard.)
fn left(text: &str, start: usize) -> usize {
    let mut from = start;
    while let Some(t) = text[..from].trim_end_matches(SPACES).strip_suffix(DASHES) {
        let t = t.trim_end_matches(SPACES);
        let Some(w) = last_capitalised(t) else { break };
        from = w;
    }
    from
}

/// The end of the chain of capitalised words joined by dashes that starts with the name
/// ending at `end` (each link one or two words: "Вугледар – Велика Новосілка").
fn right(text: &str, end: usize) -> usize {
    let mut to = end;
    loop {
        let rest = text[to..].trim_start_matches(SPACES);
        let Some(r) = rest.strip_prefix(DASHES) else {
            break;
        };
        let r = r.trim_start_matches(SPACES);
        let Some(len) = first_capitalised(r) else {
            break;
        };
        to = text.len() - r.len() + len;
        if let Some(len2) = text[to..].strip_prefix(' ').and_then(first_capitalised)
            && !is_road_word(&text[to + 1..to + 1 + len2])
        {
            to += 1 + len2;
        }
    }
    to
}

/// Whether `word` is a word for a road ("Траса Київ – Чоп", "the Kyiv-Chop Highway"): not a
/// second word of an end's name.
fn is_road_word(word: &str) -> bool {
    let w = word.to_lowercase();
    BEFORE.iter().any(|s| w.starts_with(s)) || AFTER.contains(&w.as_str())
}

/// Where the capitalised word `t` ends with starts, if it ends with one.
fn last_capitalised(t: &str) -> Option<usize> {
    let start = t
        .trim_end_matches(|c: char| c.is_alphabetic() || super::is_apostrophe(c))
        .len();
    t[start..].starts_with(char::is_uppercase).then_some(start)
}

/// The length of the capitalised word `t` starts with, if it starts with one.
fn first_capitalised(t: &str) -> Option<usize> {
    let len = t
        .find(|c: char| !(c.is_alphabetic() || super::is_apostrophe(c)))
        .unwrap_or(t.len());
    (len > 0 && t.starts_with(char::is_uppercase)).then_some(len)
}

/// The offset just after the word that follows offset `at` of `text`.
fn after(text: &str, at: usize) -> usize {
    let w = next_word(text, at);
    w.as_ptr() as usize - text.as_ptr() as usize + w.len()
}

/// Keeps the road guard only on a chain of names that cities bear (`cities`, by name), and
/// gives it to every name of such a chain: the names joined by dashes alone are one chain.
pub(super) fn only_between_cities(text: &str, occ: &mut [Occurrence], cities: &[bool]) {
    let joined = |gap: &str| {
        gap.contains(DASHES)
            && gap
                .chars()
                .all(|c| DASHES.contains(&c) || SPACES.contains(&c) || QUOTES.contains(&c))
    };
    let mut i = 0;
    while i < occ.len() {
        let mut j = i + 1;
        while j < occ.len() && joined(&text[occ[j - 1].end..occ[j].start]) {
            j += 1;
        }
        let road = occ[i..j].iter().find_map(|o| match &o.guard {
            Some(Guard::Road(chain)) => Some(chain.clone()),
            _ => None,
        });
        if let Some(chain) = road {
            let cities = occ[i..j].iter().all(|o| cities[o.name as usize]);
            for o in &mut occ[i..j] {
                if matches!(o.guard, None | Some(Guard::Road(_))) {
                    o.guard = cities.then(|| Guard::Road(chain.clone()));
                }
            }
        }
        i = j;
    }
}
