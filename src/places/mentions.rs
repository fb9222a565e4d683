//! Finding gazetteer places named in a dispatch's text.
//!
//! One table over every capitalised name and alias (Latin and Cyrillic), built once per build
//! and shared read-only by the parallel markdown stage. Every spelling starts with a capital,
//! and a mention must start a word, so the scan only looks up, at each capitalised word, the
//! spellings that share its first Latin word or first three bytes (see `lead`), longest first
//! (a hash lookup per word start: several times
//! faster to build and to run than an Aho-Corasick automaton over the whole text, which was
//! what this module used before, measured in BENCHMARKS.md). Besides each name as
//! written it holds the same name with the other apostrophes (' ’ ʼ: Markdown's smart
//! punctuation turns `'` into `’`), the Latin names of cities in capitals ("KYIV —",
//! wire-style datelines), and the stems of one-word Cyrillic names with their case endings
//! ("у Бахмуті", "з Києва").
//!
//! An occurrence counts only as a whole word ("Kyiv" not in "Kyivstar"); a hyphen joins a name
//! to a lower-case word after it ("Lviv-based", "Odesa-area": a mention) but not before it
//! ("pro-Kyiv": no), and two names joined by a hyphen are both mentions
//! ("Kramatorsk-Sloviansk"). An occurrence that names an area or a thing called after the city
//! rather than the city itself does not count: "the Donetsk region", "the Donetsk, Luhansk and
//! Zaporizhzhia regions", "Donetsk People's Republic", "the Dnipro river", "the Zaporizhzhia
//! nuclear plant".
//!
//! A name shared by several places is decided by the oblasts of the dispatch's own cities, else
//! by clear dominance, else dropped; a place whose name is an ordinary word counts only when
//! its oblast is one of the dispatch's (and never inside a hyphenated compound).

use ahash::AHashMap;
use serde::{Deserialize, Serialize};

use super::gazetteer::{Gazetteer, PlaceId};
use super::text::Text;

pub use context::{Hits, Rule, Unlinked};
pub use explain::{Explained, Verdict};
use guards::Guards;
pub use guards::{Guard, GuardWords};

/// The name that says where another lies ("near Kupiansk"), with the bearing from it the text
/// gives in degrees ("southeast of": 135), if it gives one.
type Near = (u32, Option<u16>);

/// Spelling indices (into the sorted spellings) by their leading bytes.
type Buckets = AHashMap<Vec<u8>, Vec<u32>>;

/// The mention matcher. `build.rs` makes the built-in gazetteer's at compile time
/// ([`Matcher::embedded`] decodes it); a site whose `cities.toml` adds names gets its own.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Matcher {
    /// Spellings (indices into `pats`) by their lead (see `lead`), longest first.
    buckets: Buckets,
    /// Pairs of bytes a spelling can start with, as a bit set (most capitalised words in
    /// prose start no spelling, and this turns them away before any hashing).
    #[serde(with = "pair_bits")]
    pairs: Box<[u64; 1024]>,
    /// The lowest and highest non-ASCII bytes a spelling can start with.
    high_starts: (u8, u8),
    /// Every spelling of every name.
    texts: Vec<Text>,
    /// For each spelling: which name it spells and how it may end. A spelling several names
    /// share is here once for each, next to each other.
    pats: Vec<Pat>,
    /// For each name, then each group of names one word may spell (see `spellings`): the
    /// places it names.
    targets: Vec<Vec<PlaceId>>,
    /// The names, sorted, then one per group ("Терново / Тернове").
    names: Vec<Text>,
    /// How many of `names` are names (the rest are groups).
    plain: u32,
    /// Each group's names (sorted), by group.
    members: Vec<Vec<u32>>,
    /// The group of each set of names one word may spell.
    groups: AHashMap<Vec<u32>, u32>,
    /// For each name: whether deciding it may need the oblasts and directions the text names
    /// (it names several places, an ordinary word or a codifier-only village).
    needs_context: Vec<bool>,
    /// For each name: whether it is a Ukrainian word that names only small places ("Нове"):
    /// not a mention at the start of a sentence.
    word_names: Vec<bool>,
    /// For each name: whether one of its places is its community's centre, so that "X
    /// community" can name a community.
    centres: Vec<bool>,
    /// For each name: whether one of its places is a city (a road is called by its ends only
    /// between cities: see `roads`).
    cities: Vec<bool>,
    /// For each name: whether a fold of a word may spell it (see `folds`).
    foldable: Vec<bool>,
    /// The folds of the foldable names (not stored: made when first needed).
    #[serde(skip)]
    folds: std::sync::OnceLock<folds::Index>,
    /// Uses of a name that name something else (not stored: made on decoding).
    #[serde(skip)]
    guards: Guards,
}

/// How one spelling may be matched.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Pat {
    /// Index into `names`.
    name: u32,
    /// Case endings that may follow the pattern inside the word (Cyrillic stems).
    #[serde(with = "endings")]
    endings: &'static [&'static str],
    /// Every place of the name is an ordinary word: no hyphenated compounds.
    strict: bool,
    /// A whole word without an ending (the name, a written-out form), not a stem.
    bare: bool,
}

/// One occurrence of a name in a text.
#[derive(Debug, Clone)]
struct Occurrence {
    start: usize,
    /// End including any case ending.
    end: usize,
    name: u32,
    /// Why it does not name the place, if it does not.
    guard: Option<Guard>,
    /// A plural area word beside it covers a list of names: before it (`Some(true)`,
    /// "the Donetsk and Luhansk regions") or after it (`Some(false)`, "regions of Sumy and
    /// Donetsk").
    cover: Option<bool>,
    /// The oblast named right after it or after the list it ends ("Клюси, Гута-Студенецька
    /// Чернігівської області", "Stelmakhivka, Luhansk Oblast"): its place is there.
    scope: Option<&'static str>,
    /// The name right after it that says where it is ("Andreyevka near Kurakhovo", "X, 10 km
    /// south of Y", "біля Покровська"), also for the list it ends; with the bearing from it the
    /// text gives, in degrees ("southeast of": 135).
    near: Option<Near>,
    /// Found by a fold of the word only (see `folds`): a place needs support.
    folded: bool,
    /// The kind of settlement a word right before it says it is ("селища Широке": a
    /// settlement; see `guards::kind_before`).
    kind: Option<&'static str>,
}

impl Matcher {
    /// Gives back the room decoding left over (see `Gazetteer::shrink_to_fit`): 14.7 → 9.7 MiB
    /// for the built-in matcher.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.buckets.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.pats.shrink_to_fit();
        self.targets.shrink_to_fit();
        self.names.shrink_to_fit();
        self.members.shrink_to_fit();
        self.groups.shrink_to_fit();
        self.needs_context.shrink_to_fit();
        self.word_names.shrink_to_fit();
        self.centres.shrink_to_fit();
        self.cities.shrink_to_fit();
        self.foldable.shrink_to_fit();
    }

    /// Builds the table of every usable name and its variants.
    pub fn new(g: &Gazetteer) -> Matcher {
        let (mut names, mut targets) = usable_names(g);
        // Every usable spelling starts with a capital (an ASCII one or a non-ASCII character,
        // which is all `next_capital` looks for) and has at least three letters, so at least
        // three bytes.
        let starts_right =
            |b: &[u8]| b.len() >= 3 && (b[0].is_ascii_uppercase() || !b[0].is_ascii());
        let spellings: Vec<(String, Pat)> = spellings::spellings_of(g, &names, &targets)
            .into_iter()
            .filter(|(t, _)| starts_right(t.as_bytes()))
            .collect();
        let plain = names.len() as u32;
        let members = spellings::shared(&spellings, &targets);
        for m in &members {
            let shown: Vec<&str> = m.iter().map(|n| names[*n as usize].as_str()).collect();
            targets.push(spellings::union_of(m, &targets));
            names.push(shown.join(" / "));
        }
        let groups = spellings::group_index(&members, plain);
        let (texts, pats): (Vec<String>, Vec<Pat>) = spellings.into_iter().unzip();
        let (buckets, pairs, high_starts) = index(&texts);
        let needs_context: Vec<bool> = targets
            .iter()
            .map(|t| t.len() > 1 || t.iter().any(|id| g.get(*id).ordinary || g.get(*id).minor))
            .collect();
        let word_names = names
            .iter()
            .zip(&targets)
            .map(|(n, t)| {
                // Places that bear the name only as a former name do not count: "Зоря", a
                // former name of towns, is still a word that today names only villages.
                let mut today = t
                    .iter()
                    .map(|id| g.get(*id))
                    .filter(|p| spellings::bears(p, n))
                    .peekable();
                n.starts_with(is_cyrillic)
                    && today.peek().is_some()
                    && today.all(|p| p.minor && p.word)
            })
            .collect();
        let centres = targets
            .iter()
            .map(|t| !areas::hromada_of_centre(t, g).is_empty())
            .collect();
        let cities = targets
            .iter()
            .map(|t| t.iter().any(|id| g.get(*id).kind == "city"))
            .collect();
        // The Latin names (not groups).
        let foldable = names[..plain as usize]
            .iter()
            .map(|n| n.is_ascii())
            .collect();
        Matcher {
            buckets,
            pairs,
            high_starts,
            texts: texts.into_iter().map(Text::from).collect(),
            pats,
            targets,
            names: names.into_iter().map(Text::from).collect(),
            plain,
            members,
            groups,
            needs_context,
            word_names,
            centres,
            cities,
            foldable,
            folds: std::sync::OnceLock::new(),
            guards: Guards::builtin(),
        }
    }

    /// Adds a site's guard words (`[guards]` in `cities.toml`).
    pub fn extend_guards(&mut self, words: &GuardWords) {
        self.guards.extend(words);
    }

    /// The longest spelling that starts a whole word at `start`, as (match end, word end, the
    /// name or group of names it spells).
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize, u32)> {
        let b = &text.as_bytes()[start..];
        let bucket = self.buckets.get(lead(b))?;
        let mut found: Option<(usize, usize, usize)> = None;
        let (mut names, mut shorter): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
        for &i in bucket {
            let t = &self.texts[i as usize];
            // A spelling a letter shorter counts when it makes the same word with an ending of
            // its own and `spellings::shared` grouped the two: "Антонівці" is the village
            // Antonivtsi, and Антонівка in the locative ("Антонівц" + "і").
            if let Some((len, ..)) = found
                && t.len() + 2 < len
            {
                break;
            }
            if !b.starts_with(t.as_bytes()) {
                continue;
            }
            let pat = &self.pats[i as usize];
            let end = start + t.len();
            match (word_end(text, start, end, pat), found) {
                (Some(word), None) => {
                    found = Some((t.len(), end, word));
                    names.push(pat.name);
                }
                (Some(word), Some((len, _, w))) if word == w => if t.len() == len {
                    &mut names
                } else {
                    &mut shorter
                }
                .push(pat.name),
                _ => {}
            }
        }
        let (_, end, word) = found?;
        names.sort_unstable();
        names.dedup();
        if !shorter.is_empty() {
            let mut all: Vec<u32> = names.iter().chain(&shorter).copied().collect();
            all.sort_unstable();
            all.dedup();
            if let Some(group) = self.groups.get(&all) {
                return Some((end, word, *group));
            }
        }
        let name = match names[..] {
            [one] => one,
            // Names whose places are all one name's: that name.
            _ => self.groups.get(&names).copied().unwrap_or_else(|| {
                *names
                    .iter()
                    .max_by_key(|n| self.targets[**n as usize].len())
                    .unwrap_or(&names[0])
            }),
        };
        Some((end, word, name))
    }

    /// The name a group's guards are checked with (a group's names share their spelling).
    fn guard_name(&self, n: u32) -> &str {
        let n = if n >= self.plain {
            self.members[(n - self.plain) as usize][0]
        } else {
            n
        };
        &self.names[n as usize]
    }

    /// Every occurrence of a name as a whole word in `text`, in text order, with its guard.
    fn scan(&self, text: &str) -> Vec<Occurrence> {
        let bytes = text.as_bytes();
        let mut occ: Vec<Occurrence> = Vec::new();
        let mut i = 0;
        while let Some(j) = next_capital(bytes, i, self.high_starts) {
            // A spelling's first byte is never a UTF-8 continuation byte, so `j` is a char
            // boundary whenever a spelling starts with its pair of bytes.
            if j + 3 > bytes.len() {
                break;
            }
            if follows_alphanumeric(text, j) {
                i = j + 1;
                continue;
            }
            let pair = pair_index(bytes[j], bytes[j + 1]);
            let spelt = if self.pairs[pair / 64] & (1 << (pair % 64)) == 0 {
                None
            } else {
                self.longest_at(text, j)
            };
            // A longer run of capitalised words that a fold spells beats a spelling of its
            // first word: "Vodiane Druge" is Vodiane Druhe, not Vodiane.
            let longer = spelt.and_then(|(_, word, _)| {
                let b = text.as_bytes();
                (b.get(word) == Some(&b' ') && b.get(word + 1).is_some_and(u8::is_ascii_uppercase))
                    .then(|| self.folded_at(text, j))
                    .flatten()
                    .filter(|f| f.1 > word)
            });
            let folded = spelt.is_none() || longer.is_some();
            match longer.or(spelt).or_else(|| self.folded_at(text, j)) {
                Some((end, word, n)) => {
                    let (guard, cover) = match self.guards.check(text, j, word, self.guard_name(n))
                    {
                        Some((g, c)) => (Some(g), c),
                        None if (self.word_names[n as usize]
                            || reads_as_adjective(&text[j..word], self.guard_name(n)))
                            && sentence_start(text, j)
                            && !alone_in_item(text, j, word) =>
                        {
                            (Some(Guard::SentenceStart), None)
                        }
                        None => (guards::kind_word(text, j, word), None),
                    };
                    occ.push(Occurrence {
                        start: j,
                        end: word,
                        name: n,
                        guard,
                        cover,
                        scope: None,
                        near: None,
                        folded,
                        kind: words::kind_before(text, j),
                    });
                    i = end;
                }
                None => i = j + 1,
            }
        }
        roads::only_between_cities(text, &mut occ, &self.cities);
        self.cover_ends(text, &mut occ);
        self.cover_starts(text, &mut occ);
        lists::cover_lists(text, &mut occ);
        // "Dozens of communities, including Prymorske, Stepove" (villages, though the text says
        // communities): in a list after the word, a name no community is called after names its
        // places. (Before the word the name may be the community's own, as an adjective:
        // "the Borivske community" is Борівська громада, whose centre is Borova.)
        for o in &mut occ {
            if let Some(Guard::Listed(w)) = &o.guard
                && o.cover == Some(false)
                && areas::is_community_word(w)
                && w.is_ascii()
                && !self.centres[o.name as usize]
            {
                o.guard = None;
            }
        }
        echoes::same_river(text, &mut occ);
        echoes::same_person(text, &mut occ);
        echoes::same_club(&mut occ);
        lists::scope_lists(text, &mut occ);
        lists::scope_after_oblast(text, &mut occ);
        lists::near_lists(text, &mut occ);
        oblasts::former_names_of_oblasts(text, &mut occ);
        occ
    }
}

/// Whether `form`, a case form of the name `name`, reads as a feminine adjective: the genitive
/// and locative of a name in -ськ, -цьк ("Українська", "Слов’янську") are the adjective's forms
/// ("Українська армія", "Слов’янська ТЕС"), which is how a sentence starts; a sentence does not
/// start with a town's genitive.
fn reads_as_adjective(form: &str, name: &str) -> bool {
    form != name
        && ((stems::ends_in_sk(name) && (form.ends_with('а') || form.ends_with('у')))
            // Nor with the locative of a name in -ка, which needs a preposition; the word is
            // a town's people: "Луганці ж знайшли притулок у Запоріжжі" (not Луганка).
            || (name.ends_with("ка") && form.ends_with("ці")))
}

/// Whether byte `i` starts a sentence (or the text, a line, a quotation).
/// The dot of an abbreviation that says a settlement's name follows ("с. Солончаки", "м.
/// Херсон", "сел. Бабенки") ends no sentence.
fn sentence_start(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\u{a0}', '«', '"', '„', '“', '(']);
    match before.chars().next_back() {
        None => true,
        Some('.') => !after_abbreviation(&before[..before.len() - 1]),
        // The second part of a compound ("Новгород-Сіверську") is read as a sentence's start
        // would be: an adjective's form there is the adjective.
        Some('-') if before.len() == i => true,
        // A dash starts a line's item ("— Нове…"), not a name inside a line ("Мала Токмачка —
        // Очеретувате", a line of advance).
        Some(c @ ('—' | '–' | '-')) => {
            let line = before[..before.len() - c.len_utf8()].trim_end_matches([' ', '\u{a0}']);
            line.is_empty() || line.ends_with('\n')
        }
        Some(c) => matches!(c, '!' | '?' | '…' | '\n' | ':'),
    }
}

/// Whether the name at `start..end` of `text` is all of a list's item: after a bullet that starts
/// its line, and before a semicolon, a comma, a full stop or the line's end ("жителі селищ:\n-
/// Гай;\n- Орли;\n- Тихе."). A list of villages, not a sentence that starts with a word.
fn alone_in_item(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let Some(bullet) = before.strip_suffix(['-', '–', '—', '•', '*']) else {
        return false;
    };
    let line = bullet.trim_end_matches([' ', '\u{a0}']);
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    (line.is_empty() || line.ends_with('\n'))
        && (after.is_empty() || after.starts_with([';', ',', '.', '\n', '\r']))
}

/// The abbreviations a settlement's name follows in Ukrainian and Russian reports ("с. Зоря",
/// "м. Торецьк", "смт Луганське", "с-ще Кушугум"): their full stop ends no sentence.
const PLACE_ABBREVIATIONS: &[&str] = &[
    "с", "м", "смт", "сел", "с-ще", "сщ", "хут", "х", "пос", "пгт", "г", "д", "ст", "вул", "обл",
];

/// Whether `before` (the text up to a full stop) ends with one of [`PLACE_ABBREVIATIONS`].
fn after_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !(c.is_alphabetic() || c == '-'))
        .next()
        .unwrap_or("");
    PLACE_ABBREVIATIONS.contains(&word)
}

/// Whether the character before byte `i` (a char boundary) is a letter or digit.
fn follows_alphanumeric(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// Whether `n` has at least `k` letters (stops counting there).
fn letters_at_least(n: &str, k: usize) -> bool {
    n.chars().filter(|c| c.is_alphabetic()).nth(k - 1).is_some()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Where the word holding a match at `start..end` ends, if the match is a whole word: not
/// inside another word, a case ending allowed by `pat` at most, and hyphens as the module
/// documentation says.
fn word_end(text: &str, start: usize, end: usize, pat: &Pat) -> Option<usize> {
    let before = &text[..start];
    match before.chars().next_back() {
        Some(c) if c.is_alphanumeric() => return None,
        Some('-') => {
            // "Kramatorsk-Sloviansk" yes, "pro-Kyiv" no.
            let word = before[..before.len() - 1]
                .trim_end_matches(|c: char| c.is_alphanumeric() || is_apostrophe(c));
            let first = before[word.len()..].chars().next();
            if pat.strict || !first.is_some_and(char::is_uppercase) {
                return None;
            }
        }
        _ => {}
    }
    let after = &text[end..];
    let mut end = end;
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() => {
            let tail_len = after
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(after.len());
            if !pat.endings.contains(&&after[..tail_len]) {
                return None;
            }
            end += tail_len;
            if text[end..].starts_with('-') && pat.strict {
                return None;
            }
        }
        // A case stem is no word without its ending.
        _ if !pat.bare => return None,
        // "Bilovod'ske" is no mention of Bilovod; "Kyiv's" is one of Kyiv.
        Some(c)
            if is_apostrophe(c)
                && chars.clone().take(2).filter(|c| c.is_alphabetic()).count() == 2 =>
        {
            return None;
        }
        // "Lviv-based" yes; but "Bar-room" is no mention of Bar.
        Some('-') if pat.strict && chars.next().is_some_and(char::is_lowercase) => return None,
        // "Rostov-on-Don": a foreign city's name.
        Some('-') if after.starts_with("-on-") => return None,
        _ => {}
    }
    Some(end)
}

#[path = "mentions/areas.rs"] // also right when build.rs includes this file by path
mod areas;
#[path = "mentions/context.rs"]
mod context;
#[path = "mentions/decide.rs"]
mod decide;
pub use decide::Paragraph;
#[path = "mentions/echoes.rs"]
mod echoes;
#[path = "mentions/explain.rs"]
mod explain;
#[path = "mentions/folds.rs"]
mod folds;
#[path = "mentions/guard_words.rs"]
mod guard_words;
#[path = "mentions/guards.rs"]
mod guards;
#[path = "mentions/lists.rs"]
mod lists;
#[path = "mentions/oblasts.rs"]
mod oblasts;
#[path = "mentions/roads.rs"]
mod roads;
#[path = "mentions/spellings.rs"]
mod spellings;
#[path = "mentions/stems.rs"]
mod stems;
use stems::endings;
#[path = "mentions/table.rs"]
mod table;
use table::{index, lead, next_capital, pair_bits, pair_index, usable_names};
#[path = "mentions/things.rs"]
mod things;
#[path = "mentions/typed.rs"]
mod typed;
#[path = "mentions/words.rs"]
mod words;

#[cfg(test)]
#[path = "mentions/claims_tests.rs"]
mod claims_tests;
#[cfg(test)]
#[path = "mentions/local_tests.rs"]
mod local_tests;
#[cfg(test)]
#[path = "mentions/news_tests.rs"]
mod news_tests;
#[cfg(test)]
#[path = "mentions/notices_tests.rs"]
mod notices_tests;
#[cfg(test)]
#[path = "mentions/press_tests.rs"]
mod press_tests;
#[cfg(test)]
#[path = "mentions/reports_tests.rs"]
mod reports_tests;
#[cfg(test)]
#[path = "mentions/tests.rs"] // also right when build.rs includes this file by path
mod tests;
#[cfg(test)]
#[path = "mentions/things_tests.rs"]
mod things_tests;
#[cfg(test)]
#[path = "mentions/wire_tests.rs"]
mod wire_tests;
