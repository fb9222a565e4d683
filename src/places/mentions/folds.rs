//! The press's other romanisations of a village's name, found by a fold of the spelling.
//!
//! English reports spell the villages of the front in mixed ways that no single system writes:
//! "Gatyshche" (г as g, и as y: the official Hatyshche), "Kreschenivka" (щ as sch),
//! "Novohredneve" (є as e: Novohrednieve), "Vesely Hay" (Veselyi Hai), "Krasny Liman" (Krasnyi
//! Lyman), and machine translations of Russian-language reports give neuter names masculine
//! endings: "Torsky", "Spirnyi" (Torske, Spirne). Each habit alone could be written out as a
//! spelling (as `spellings::russian_style` does), but they mix, and every combination written out
//! would make the table the scan looks through several times larger. So a capitalised Latin
//! word that no spelling matches is folded instead, and looked up among the folds of the
//! villages' Latin names: lower case, no apostrophes, g as h, y as i, shch and sch as one, ii as
//! i, ie as e, io as o, and an adjective's ending (-e, -i, -oe, -oie after a consonant) as one
//! mark. A fold names a place only where the name needs context anyway (a village, or a name
//! several places share), so the context rules decide it as they decide a name written the
//! official way: a fold alone never links a place the text does not support. Every oblast's
//! places: the same habits spell villages far from the front ("Rakovichi of Zhytomyr district"
//! in a State Emergency Service bulletin, "Khilki" in a history of the Korsun pocket); until
//! round 12 only the oblasts of the war had folds, and opening them to all lost nothing on the
//! evaluation sets.

use ahash::AHashMap;

use super::{Matcher, is_apostrophe};

/// Letters a folded word must keep (before its ending's mark): shorter words are too often
/// something else.
const MIN_LETTERS: usize = 5;

/// The fold of `s` (one to three words, Latin letters, apostrophes and hyphens, separated by
/// single spaces), or `None` when `s` is anything else or a word is too short.
pub(super) fn key(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 2);
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        fold_word(w, &mut out)?;
    }
    let letters = out.bytes().filter(u8::is_ascii_alphabetic).count();
    (letters >= MIN_LETTERS).then_some(out)
}

/// Appends the fold of one word to `out`.
fn fold_word(w: &str, out: &mut String) -> Option<()> {
    let mut b: Vec<u8> = Vec::with_capacity(w.len());
    for c in w.chars() {
        match c {
            'A'..='Z' | 'a'..='z' => b.push(match c.to_ascii_lowercase() {
                'g' => b'h',
                'y' => b'i',
                l => l as u8,
            }),
            '\'' | '’' | 'ʼ' | '`' => {}
            '-' => b.push(b'-'),
            _ => return None,
        }
    }
    if b.first().is_none_or(|c| !c.is_ascii_alphabetic()) {
        return None;
    }
    let mut s = String::from_utf8(b).ok()?;
    for (from, to) in [
        ("shch", "sch"),
        ("ii", "i"),
        ("ii", "i"),
        ("ie", "e"),
        ("io", "o"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    // An adjective's ending after a consonant, whatever its gender: Torske, Torsky, Torskoye.
    let stem = ["oie", "oe", "e", "i"].iter().find_map(|e| {
        let stem = s.strip_suffix(e)?;
        stem.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiou".contains(c))
            .then_some(stem)
    });
    match stem {
        Some(stem) => {
            out.push_str(stem);
            out.push('#');
        }
        None => out.push_str(&s),
    }
    Some(())
}

/// The names a fold may stand for: for each fold of a foldable name, that name; of two names
/// with one fold, the one whose places include the other's ("Spirne", three places, over the
/// Russian-style "Spirnoye", two of them); a fold two names share that neither includes stands
/// for neither (`None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Index {
    names: AHashMap<String, Option<u32>>,
}

impl Index {
    /// The index of `names[i]` for every `i` where `foldable[i]`; `includes(a, b)` says
    /// whether name `a` names every place name `b` names.
    pub(super) fn new(
        names: &[impl AsRef<str>],
        foldable: &[bool],
        includes: impl Fn(u32, u32) -> bool,
    ) -> Index {
        let mut map: AHashMap<String, Option<u32>> = AHashMap::new();
        for (i, n) in names.iter().enumerate() {
            if !foldable.get(i).copied().unwrap_or(false) {
                continue;
            }
            let Some(k) = key(n.as_ref()) else { continue };
            let i = i as u32;
            map.entry(k)
                .and_modify(|e| {
                    *e = match *e {
                        Some(other) if includes(other, i) => Some(other),
                        Some(other) if includes(i, other) => Some(i),
                        _ => None,
                    }
                })
                .or_insert(Some(i));
        }
        Index { names: map }
    }

    /// The name the fold of `s` stands for.
    pub(super) fn get(&self, s: &str) -> Option<u32> {
        if self.names.is_empty() {
            return None;
        }
        self.names.get(&key(s)?).copied().flatten()
    }
}

/// The words a fold is looked up with at `start` (a capital): the run of one to three
/// capitalised words joined by single spaces that starts there, each ending where the word
/// does, as (byte end, the run); `None` when more capitalised words follow.
pub(super) fn run(text: &str, start: usize) -> Option<(usize, &str)> {
    let b = text.as_bytes();
    let mut i = start;
    for _ in 0..3 {
        let len = text[i..]
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '-' || is_apostrophe(c)))
            .unwrap_or(text.len() - i);
        let end = i + len;
        if text[..end].ends_with('-') {
            return None;
        }
        if !(text[end..].starts_with(' ') && b.get(end + 1).is_some_and(u8::is_ascii_uppercase)) {
            return Some((end, &text[start..end]));
        }
        i = end + 1;
    }
    None
}

impl Matcher {
    /// The name the fold of the capitalised words at `start` spells (see `folds`), as
    /// `longest_at` gives it, for words no spelling matched.
    pub(super) fn folded_at(&self, text: &str, start: usize) -> Option<(usize, usize, u32)> {
        if !text.as_bytes()[start].is_ascii_uppercase() {
            return None;
        }
        let index = self.folds.get_or_init(|| {
            Index::new(
                &self.names[..self.plain as usize],
                &self.foldable,
                |a, b| {
                    let of = |n: u32| &self.targets[n as usize];
                    of(b).iter().all(|id| of(a).contains(id))
                },
            )
        });
        // The whole run of capitalised words only: "the Molochnyi Lyman" is a lagoon, not the
        // village Molochne.
        let (end, run) = run(text, start)?;
        Some((end, end, index.get(run)?))
    }
}
