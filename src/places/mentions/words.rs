//! One walk over a text's words for what it names as context for namesakes: its oblasts
//! (`oblasts.rs`), the front-line directions, and the raion and community adjectives
//! (`areas.rs`); and the kind of settlement a word right before a name gives ("селища Широке").
//!
//! A word is a run of letters, digits, apostrophes and hyphens. Each of the three used to split
//! the text into words on its own, char by char: 23 % of the instructions of a build of the
//! 1,000-dispatch benchmark corpus (callgrind). One walk, reading ASCII bytes without decoding
//! them, finds the same; and a text without Cyrillic capitals (English) can name an oblast only
//! by a Latin name, so there only the capitalised words are looked at ([`latin_oblasts`]): the
//! walk over every word was still 13 % of that build's instructions, this is under 2 %.

use std::collections::BTreeSet;

use super::{areas, oblasts};

/// What a text names as context (see the module documentation).
#[derive(Debug, Default)]
pub(super) struct Named {
    /// ISO codes of the oblasts named, sorted, unique.
    pub oblasts: Vec<&'static str>,
    /// The directions named (indices into `areas::DIRECTIONS`), sorted, unique.
    pub directions: Vec<usize>,
    /// Capitalised words before a form of "район", sorted, unique.
    pub raion_words: Vec<String>,
    /// Capitalised words before a form of "громада" (or "територіальна", "край"), or before a
    /// council's word that says the kind of its centre ("Золочівський селищний голова": a
    /// settlement's), with that kind; sorted, unique.
    pub hromada_words: Vec<(String, Option<&'static str>)>,
}

/// The oblasts, directions, and raion and community adjectives `text` names.
pub(super) fn named_in(text: &str) -> Named {
    // Every Cyrillic capital is 0xD0 and a byte in UTF-8, and every direction, raion adjective
    // and Cyrillic oblast name starts with one (no Ґ).
    if !text.as_bytes().contains(&0xD0) {
        return Named {
            oblasts: latin_oblasts(text),
            ..Named::default()
        };
    }
    let mut found_oblasts: BTreeSet<&'static str> = BTreeSet::new();
    let mut directions: BTreeSet<usize> = BTreeSet::new();
    let mut raion_words: Vec<String> = Vec::new();
    let mut hromada_words: Vec<(String, Option<&'static str>)> = Vec::new();
    let mut words = words(text).peekable();
    let mut prev2: [&str; 2] = ["", ""];
    // The capitalised words joined by "та", "і", "й" (or commas) before this one: "Шишацької та
    // Мачухівської громад", "Покровського, Краматорського і Бахмутського районів" name each.
    let mut joined: Vec<&str> = Vec::new();
    while let Some(w) = words.next() {
        let next = words.peek().copied().unwrap_or("");
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital {
            oblasts::oblasts_of_word(w, next, prev2, &mut found_oblasts);
            let alike = |j: &&&str| same_ending(j, w);
            if next.starts_with("район") || areas::is_raion_word(next) {
                raion_words.push(w.to_string());
                raion_words.extend(joined.iter().filter(alike).map(|j| j.to_string()));
            }
            // (A land called after its town is its community: "із Хорольського краю".)
            // ("у Комишуваській об’єднаній територіальній громаді", "Студениківській ОТГ".)
            if next.starts_with("громад")
                || next.starts_with("територіальн")
                || (next.starts_with("об") && next.contains("єднан"))
                || matches!(next, "ОТГ" | "ТГ" | "МТГ" | "СТГ" | "СМТГ")
                || matches!(next, "край" | "краю" | "краї" | "краєм")
            {
                hromada_words.push((w.to_string(), None));
                hromada_words.extend(joined.iter().filter(alike).map(|j| (j.to_string(), None)));
            } else if let Some(kind) = council_kind(next) {
                hromada_words.push((w.to_string(), Some(kind)));
            }
            joined.push(w);
        } else if !matches!(w, "та" | "і" | "й") {
            joined.clear();
        }
        // "на Гуляйпільському – два рази": a direction named without "напрямку" after an
        // earlier one ("на Покровському напрямку …, на Олександрівському – …").
        let next = if elliptic_direction(text, w, prev2[1]) {
            "напрямку"
        } else {
            next
        };
        areas::directions_of_word(w, next, prev2[1], &mut directions);
        prev2 = [prev2[1], w];
    }
    raion_words.sort();
    raion_words.dedup();
    hromada_words.sort();
    hromada_words.dedup();
    Named {
        oblasts: found_oblasts.into_iter().collect(),
        directions: directions.into_iter().collect(),
        raion_words,
        hromada_words,
    }
}

/// Whether two words end in the same three letters, as adjectives of one case do
/// ("Шишацької", "Мачухівської").
fn same_ending(a: &str, b: &str) -> bool {
    let tail = |w: &str| w.chars().rev().take(3).collect::<String>();
    a.chars().count() > 4 && tail(a) == tail(b)
}

/// The kind of settlement whose council a word after a community's adjective names: "міський
/// голова" (a city's head), "селищної ради" (a settlement's council), "сільський" (a village's).
fn council_kind(word: &str) -> Option<&'static str> {
    [
        ("міськ", "city"),
        ("селищн", "settlement"),
        ("сільськ", "village"),
    ]
    .iter()
    .find(|(stem, _)| word.starts_with(stem))
    .map(|(_, kind)| *kind)
}

/// Whether `w` (a word of `text`) is an adjective in the locative after "на" followed by a dash
/// or a colon: a General Staff report's direction with its noun left out.
pub(super) fn elliptic_direction(text: &str, w: &str, prev: &str) -> bool {
    if prev != "на" || !w.ends_with("ому") {
        return false;
    }
    let end = w.as_ptr() as usize - text.as_ptr() as usize + w.len();
    text[end..]
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(['–', '—', ':'])
}

/// Whether `w` (a word of `text` at `start`) is a raion's adjective in the locative after "в" or
/// "у", followed by a dash or a colon, where the 200 bytes before name a raion ("районі"): a
/// raion with its noun left out after one named ("у Куп’янському районі … пошкоджено будинок,
/// в Ізюмському - автомобіль"), not the village of Iziumske.
pub(super) fn elliptic_raion(text: &str, start: usize, w: &str, prev: &str) -> bool {
    if !matches!(prev, "в" | "у") || !w.ends_with("ому") {
        return false;
    }
    let after = text[start + w.len()..].trim_start_matches([' ', '\u{a0}']);
    after.starts_with(['–', '—', '-', ':'])
        && text[text.floor_char_boundary(start.saturating_sub(200))..start].contains("районі")
}

/// Whether the word at `start..end` of `text` is a wire report's dateline: in capitals, at a
/// line's start, before a comma, a bracket or a dash ("KYIV, Ukraine —", "KHARKIV (Reuters) -").
pub(super) fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    word.chars().count() > 1
        && word.chars().all(|c| !c.is_lowercase())
        && {
            let before = text[..start].trim_end_matches([' ', '\u{a0}']);
            before.is_empty() || before.ends_with('\n')
        }
        && text[end..].starts_with([',', ' '])
        && text[end..]
            .trim_start_matches([',', ' '])
            .starts_with(|c: char| c == '(' || c == '—' || c == '–' || c == '-' || c.is_uppercase())
}

/// The kind of settlement (as `Place::kind` gives it: "settlement", "city") that the word right
/// before byte `start` of `text` says the name there is: "селища Широке", "смт Покровське",
/// "місто Покровськ", "м. Родинське". Only these: a status writers give with care. ("Село" is
/// not: after the 2024 reform writers call many a селище a village.)
pub(super) fn kind_before(text: &str, start: usize) -> Option<&'static str> {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let (before, dotted) = match before.strip_suffix('.') {
        Some(b) => (b, true),
        None => (before, false),
    };
    let (word, _) = word_before(before, before.len());
    match (word.to_lowercase().as_str(), dotted) {
        ("селище" | "селища" | "селищі" | "селищем" | "смт", _) => {
            Some("settlement")
        }
        ("місто" | "міста" | "місті" | "містом", false) | ("м", true) => {
            Some("city")
        }
        _ => None,
    }
}

/// The oblasts a text without Cyrillic capitals names: what [`named_in`] finds, looking only at
/// the capitalised ASCII words that are Latin names of oblasts, and at the words around them.
fn latin_oblasts(text: &str) -> Vec<&'static str> {
    let mut out: BTreeSet<&'static str> = BTreeSet::new();
    let mut i = 0;
    while let Some(j) = super::next_capital(text.as_bytes(), i, (0xFF, 0)) {
        let end = text[j..]
            .find(|c| !is_word_char(c))
            .map_or(text.len(), |k| j + k);
        i = end.max(j + 1);
        let starts_word = !text[..j].chars().next_back().is_some_and(is_word_char);
        let w = &text[j..end];
        if !starts_word || !oblasts::is_latin_name(w) {
            continue;
        }
        let next = words(&text[end..]).next().unwrap_or("");
        let (prev, before) = word_before(text, j);
        let (prev_prev, _) = word_before(text, before);
        oblasts::oblasts_of_word(w, next, [prev_prev, prev], &mut out);
    }
    out.into_iter().collect()
}

/// The word that ends before byte `end` of `text` (`""` if none), and where it starts.
fn word_before(text: &str, end: usize) -> (&str, usize) {
    let t = text[..end].trim_end_matches(|c| !is_word_char(c));
    let start = t.trim_end_matches(is_word_char).len();
    (&t[start..], start)
}

/// A character of a word: a letter, a digit, an apostrophe or a hyphen.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || super::is_apostrophe(c) || c == '-'
}

/// The words of `text`: as `text.split(|c| !(c.is_alphanumeric() || is_apostrophe(c) || c ==
/// '-'))` without its empty pieces.
pub(super) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// See [`words`].
pub(super) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.skip(false);
        let start = self.at;
        self.skip(true);
        (start < self.at).then(|| &self.text[start..self.at])
    }
}

impl Words<'_> {
    /// Moves past the characters that are (`in_word`) or are not word characters.
    fn skip(&mut self, in_word: bool) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            let (is_word, len) = if b.is_ascii() {
                (b.is_ascii_alphanumeric() || b == b'\'' || b == b'-', 1)
            } else {
                let c = self.text[self.at..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric() || matches!(c, '’' | 'ʼ'), c.len_utf8())
            };
            if is_word != in_word {
                break;
            }
            self.at += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_as_the_char_predicate_does() {
        let splits = |t: &str| -> Vec<String> {
            t.split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        };
        for t in [
            "",
            "  ",
            "на Куп’янському та Лиманському напрямках; the Sumy region, Crimea.",
            "Rodyns'ke—Kramatorsk-Sloviansk «Дніпро» 12 km\nСловʼянськ…x",
            "é ü 3² ٣ a\u{a0}b",
        ] {
            let mine: Vec<String> = words(t).map(String::from).collect();
            assert_eq!(mine, splits(t), "{t}");
        }
    }

    /// [`named_in`] as it reads a text with Cyrillic capitals, for any text.
    fn walked(text: &str) -> Vec<&'static str> {
        let mut out = BTreeSet::new();
        let mut words = words(text).peekable();
        let mut prev2: [&str; 2] = ["", ""];
        while let Some(w) = words.next() {
            let next = words.peek().copied().unwrap_or("");
            if w.chars().next().is_some_and(char::is_uppercase) {
                oblasts::oblasts_of_word(w, next, prev2, &mut out);
            }
            prev2 = [prev2[1], w];
        }
        out.into_iter().collect()
    }

    #[test]
    fn latin_oblasts_are_what_the_walk_finds() {
        let t = "the Sumy region, Crimea; the region of Kharkiv, Oblast of Kherson";
        assert_eq!(latin_oblasts(t), ["UA-43", "UA-59", "UA-63", "UA-65"]);
        for t in [
            "the Sumy region, Crimea and Crimean Tatars; the region of Kharkiv, Oblast of Kherson",
            "Donetsk\nOblast; Luhansk, region. Zaporizhzhia REGIONAL; region of\nLviv; of Odesa",
            "Kyiv-region, xDonetsk region, the Mykolaiv-Kherson region, Kharkiv's region",
            "“Poltava” province and (Chernihiv) Oblast, Rivne’ region, Sumy\u{a0}oblast",
            "",
            "Crimea",
        ] {
            assert_eq!(latin_oblasts(t), walked(t), "{t}");
        }
    }
}
