//! Guards: uses of a place's name that name something else. "The Donetsk region", "the
//! Kharkiv direction", "на Авдіївському напрямку", "Святогірська громада" (an area called after
//! the place), "Volodymyr Zelensky" (a person), "the Kyiv Independent" (an outlet),
//! "Siverskyi Donets" (a river).
//!
//! Names of things found by their shape (clubs and their seats, institutions, people named by
//! initials) are in `things.rs`.
//!
//! The word lists are data: the built-in ones in `guard_words.rs`, which a site extends in the `[guards]`
//! table of its `cities.toml` ([`GuardWords`]). Words are compared in lower case without
//! apostrophes; organisation names as written, ignoring case.

use std::borrow::Cow;

use ahash::{AHashMap, AHashSet};
use serde::Deserialize;

use super::guard_words::{
    ABROAD, AFTER, BEFORE, BEFORE_OBLAST, FIRST_NAMES, KIND_WORDS, ORGANISATIONS, REGIONS_AFTER_NA,
    TITLES, UNIT_WORDS,
};
use super::{is_apostrophe, oblasts};

/// Words that introduce a list after a plural area word ("districts, including …").
const LIST_LEADS: &[&str] = &["including", "such as", "namely", "notably", "as"];

/// Marks between a plural area word and the list it introduces: "the regions: Sumy, Kharkiv",
/// "the five regions -- Donetsk, Kherson, Lugansk", "two districts of the Kherson region -
/// Beryslav and Kherson", "regions (Donetsk, Luhansk)"; a hyphen typed for a dash: "three
/// communities-Myrove, Pokrovsk, and Marhanets".
const LIST_MARKS: &[&str] = &[":", " --", " —", " –", " -", " (", "-"];

/// `t` without an oblast named at its end after "of" ("two districts of the Kherson region"
/// → "two districts"), so that the plural before it introduces the list after it.
fn without_oblast_of(t: &str) -> &str {
    let Some((head, last)) = t.rsplit_once(' ') else {
        return t;
    };
    if !oblasts::is_singular_oblast_word(last) {
        return t;
    }
    // Up to three capitalised words of the oblast's name, after "of" or "of the".
    let mut head = head;
    for _ in 0..3 {
        match head.rsplit_once(' ') {
            Some((h, w)) if w.chars().next().is_some_and(char::is_uppercase) => head = h,
            _ => break,
        }
    }
    let head = head.strip_suffix(" the").unwrap_or(head);
    head.strip_suffix(" of").map_or(t, str::trim_end)
}

/// Numbers before a plural area word that a list of that many names follows ("two provinces,
/// Luhansk and Donetsk").
const COUNTS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
];

/// Why an occurrence of a name is not a mention of the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guard {
    /// An area or thing word follows ("region", "direction", "громада", "river").
    After(String),
    /// Words before it make it an area ("region of", "comprising", "the river").
    Before(String),
    /// Listed before or after a plural area word, given ("the Donetsk, Luhansk and Zaporizhzhia
    /// regions", "regions of Sumy and Donetsk", "districts, including Pokrovsk and Bakhmut").
    Listed(String),
    /// A person's first name followed by a surname, or a surname after a first name or title.
    Person(String),
    /// Part of an organisation's or unit's name.
    Organisation(String),
    /// An oblast's own name ("Харківщину", "на Буковині"), or a city's name used for its
    /// region or river ("на Запоріжжі", "на Дніпрі").
    Region(String),
    /// A Ukrainian word that names only small places, or a town's case form that reads as an
    /// adjective, at the start of a sentence ("Нове рішення…", "Українська армія…").
    SentenceStart,
    /// A word for a kind of settlement before the settlement's name ("Селище Хотінь").
    Kind(String),
    /// A former name with today's after it ("Ярошівка (тепер Українське)"), as written.
    Former(String),
    /// The end of a longer name the gazetteer lacks ("Нижнє Піщане"), as written.
    Longer(String),
    /// One of the places a road, route or pipeline is called by ("траса Київ – Чоп", "the
    /// Izium-Sloviansk highway"), the chain of names as written.
    Road(String),
    /// The text names the river of this name elsewhere (given as written there): "4 км від
    /// Дніпра" beside "від річки Дніпро".
    SameRiver(String),
}

/// Words a site adds to the built-in guards (`[guards]` in `cities.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardWords {
    /// Words that, right after a name, make it an area or a thing ("depot", "station").
    #[serde(default)]
    pub words_after: Vec<String>,
    /// Words (one or more, space-separated) that, right before a name, make it an area
    /// ("outskirts of"): a trailing `+` ("regions of+") covers a list of names after it.
    #[serde(default)]
    pub words_before: Vec<String>,
    /// First names: a place name that is one, followed by a capitalised word, is a person.
    #[serde(default)]
    pub first_names: Vec<String>,
    /// Titles ("Mayor"): a capitalised place name after one is a person's name.
    #[serde(default)]
    pub titles: Vec<String>,
    /// Places abroad whose Latin name a village of Ukraine shares ("Rostov"): the village is
    /// linked only when a place near it is named.
    #[serde(default)]
    pub places_abroad: Vec<String>,
    /// Names of outlets, units, clubs ("Kyiv Post", "OTG Luhansk"): a name inside one is not
    /// a mention.
    #[serde(default)]
    pub organisations: Vec<String>,
}

/// The guard lists, ready for lookups.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Guards {
    after: AHashMap<String, bool>,
    /// Word sequences in text order, and whether they cover a list after them.
    before: Vec<(Vec<String>, bool)>,
    /// The one-word sequences of `before` that cover a list after them ("вулиць"), for
    /// [`Guards::plural_before_list`].
    covers_after: AHashSet<String>,
    first_names: AHashSet<String>,
    titles: AHashSet<String>,
    abroad: AHashSet<String>,
    organisations: Vec<String>,
    /// Where each run of three characters occurs in the organisations' names: (organisation,
    /// byte offset) by the run, in the order a search of each name would find them (see
    /// [`Guards::organisation`]).
    org_heads: AHashMap<String, Vec<(u32, u32)>>,
}

impl Default for Guards {
    fn default() -> Guards {
        Guards::builtin()
    }
}

impl Guards {
    /// The built-in lists.
    pub(super) fn builtin() -> Guards {
        let mut g = Guards {
            after: AFTER.iter().map(|(w, p)| (w.to_string(), *p)).collect(),
            before: Vec::new(),
            covers_after: AHashSet::new(),
            first_names: FIRST_NAMES.iter().map(|w| w.to_string()).collect(),
            titles: TITLES.iter().map(|w| w.to_string()).collect(),
            abroad: ABROAD.iter().map(|w| w.to_string()).collect(),
            organisations: ORGANISATIONS.iter().map(|w| w.to_string()).collect(),
            org_heads: AHashMap::new(),
        };
        for b in BEFORE {
            g.add_before(b);
        }
        g.index_organisations();
        g
    }

    /// Indexes the organisations' names by their runs of three characters. Searching every
    /// name for each occurrence's first three characters was 9 % of the instructions of a build
    /// of the 1,000-dispatch benchmark corpus (callgrind): a lookup finds the same offsets.
    fn index_organisations(&mut self) {
        self.org_heads.clear();
        for (i, org) in self.organisations.iter().enumerate() {
            let bounds: Vec<usize> = org
                .char_indices()
                .map(|(k, _)| k)
                .chain([org.len()])
                .collect();
            let mut seen: Vec<&str> = Vec::new();
            for w in bounds.windows(4) {
                let head = &org[w[0]..w[3]];
                if seen.contains(&head) {
                    continue;
                }
                seen.push(head);
                let at = self.org_heads.entry(head.to_string()).or_default();
                at.extend(org.match_indices(head).map(|(m, _)| (i as u32, m as u32)));
            }
        }
    }

    /// Adds a site's words.
    pub(super) fn extend(&mut self, w: &GuardWords) {
        let GuardWords {
            words_after,
            words_before,
            first_names,
            titles,
            places_abroad,
            organisations,
        } = w;
        for a in words_after {
            self.after.insert(fold(a), false);
        }
        for b in words_before {
            self.add_before(b);
        }
        self.first_names.extend(first_names.iter().map(|n| fold(n)));
        self.titles.extend(titles.iter().map(|n| fold(n)));
        self.abroad.extend(places_abroad.iter().map(|n| fold(n)));
        self.organisations.extend(organisations.iter().cloned());
        self.index_organisations();
    }

    fn add_before(&mut self, b: &str) {
        let (b, plural) = match b.strip_suffix('+') {
            Some(b) => (b, true),
            None => (b, false),
        };
        let words: Vec<String> = b.split_whitespace().map(fold).collect();
        if let [word] = &words[..]
            && plural
        {
            self.covers_after.insert(word.clone());
        }
        if !words.is_empty() {
            self.before.push((words, plural));
        }
    }

    /// Whether `word` is a first name ("Maria", "Bohdan").
    pub(super) fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(folded(word).as_ref())
    }

    /// Whether `word` is the name of a place abroad ("Rostov").
    pub(super) fn is_abroad(&self, word: &str) -> bool {
        self.abroad.contains(folded(word).as_ref())
    }

    /// Whether `word` is an area word that follows a name ("громада", "regions").
    pub(super) fn is_area_after(&self, word: &str) -> bool {
        self.after.contains_key(folded(word).as_ref())
    }

    /// Whether `word` after a list of names is a plural area word that covers them.
    pub(super) fn is_plural_after(&self, word: &str) -> bool {
        self.after.get(folded(word).as_ref()) == Some(&true)
    }

    /// Why the occurrence of `name` (a gazetteer name) at `start..end` of `text` is not a
    /// mention, if it is not; with `Some(true)` beside it for a plural area word that covers a
    /// list before it, `Some(false)` for one that covers a list after it.
    pub(super) fn check(
        &self,
        text: &str,
        start: usize,
        end: usize,
        name: &str,
    ) -> Option<(Guard, Option<bool>)> {
        let mut next = next_word(text, end);
        // "the Izium-Donetsk City salient": the area word after "City" (or "city") counts.
        if next.eq_ignore_ascii_case("city") {
            let after_city = word_after(text, next);
            if self.after.contains_key(folded(after_city).as_ref()) {
                next = after_city;
            }
        }
        // "Sumy's regional military administration", "Kharkiv’s governor": the word after a
        // possessive counts.
        if matches!(next, "'s" | "’s" | "ʼs") {
            let after_s = word_after(text, next);
            if self.after.contains_key(folded(after_s).as_ref()) {
                next = after_s;
            }
        }
        // "Semenivka and Novhorod-Siverska communities": the area word after the compound a
        // name starts counts for the name.
        if let Some(rest) = text[end..].strip_prefix('-')
            && rest.starts_with(char::is_uppercase)
        {
            let after_compound = word_after(text, next_word(text, end + 1));
            if self.after.contains_key(folded(after_compound).as_ref()) {
                next = after_compound;
            }
        }
        if let Some(plural) = self.after.get(folded(next).as_ref()) {
            return Some((Guard::After(next.to_string()), plural.then_some(true)));
        }
        if let Some(body) = council(text, next) {
            return Some((Guard::After(body), None));
        }
        if let Some(bank) = river_bank(text, next) {
            return Some((Guard::After(bank), None));
        }
        let prev = prev_words(text, start, 3);
        let word = &text[start..end];
        if oblasts::is_oblast_name(word)
            || (prev.last().is_some_and(|p| p == "на")
                && REGIONS_AFTER_NA.contains(&folded(word).as_ref()))
        {
            return Some((Guard::Region(word.to_string()), None));
        }
        // "на Гуляйпільському – два рази": a direction with its noun left out.
        let before = prev.last().map_or("", |p| p.as_ref());
        if super::words::elliptic_direction(text, word, before) {
            return Some((Guard::After("напрямку".to_string()), None));
        }
        if super::words::elliptic_raion(text, start, word, before) {
            return Some((Guard::After("районі".to_string()), None));
        }
        for (words, plural) in &self.before {
            let n = words.len();
            // Sevastopol is a city with a region's status: its governor's city.
            if words.first().is_some_and(|w| w.starts_with("governor")) && word == "Sevastopol" {
                continue;
            }
            // "р." after a year is the year's ("у 2014 р. Донецьк"), not a river's.
            if words[..] == ["р"]
                && prev.len() >= 2
                && prev[prev.len() - 2].chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            if prev.len() >= n && prev[prev.len() - n..].iter().eq(words) {
                return Some((Guard::Before(words.join(" ")), plural.then_some(false)));
            }
        }
        if let Some(plural) = self.plural_before_list(&text[..start]) {
            return Some((Guard::Listed(plural.to_string()), Some(false)));
        }
        if oblasts::is_latin_name(name)
            && let Some(b) = oblast_words_before(&prev)
        {
            return Some((Guard::Before(b.to_string()), None));
        }
        if let Some(g) = self.person(text, start, end, name, prev.last()) {
            return Some((g, None));
        }
        if let Some(g) = super::things::check(text, start, end, name) {
            return Some((g, None));
        }
        if let Some(unit) = quoted_unit(text, start, end) {
            return Some((Guard::Organisation(unit), None));
        }
        self.organisation(text, start, end)
            .map(|o| (Guard::Organisation(o), None))
    }

    /// The plural area word that `before` (the text before a name) ends with, introducing a
    /// list: "several districts, including Volnovakha, Pokrovsk and Bakhmut", "the regions:
    /// Sumy, Kharkiv", "two provinces, Luhansk and Donetsk" (after a bare comma, only with a
    /// number before the plural: "in both regions, Kharkiv was hit worst" names the city).
    pub(super) fn plural_before_list<'t>(&self, before: &'t str) -> Option<&'t str> {
        let t = before.trim_end_matches([' ', '\u{a0}']);
        let lead = LIST_LEADS.iter().find_map(|l| {
            let cut = t.len().checked_sub(l.len())?;
            let head = t.get(..cut)?;
            (t[cut..].eq_ignore_ascii_case(l) && head.ends_with([' ', ','])).then_some((head, *l))
        });
        // "such communities as Bilopillia, Krasnopillia": "as" leads only after "such".
        let such = lead.is_some_and(|(_, l)| l == "as");
        // (`bare`: the plural right before the name, as in "annexed five Ukrainian regions
        // Donetsk, Kherson, Lugansk": only after a number, which may come a word earlier.)
        let (t, led, bare) = match lead.map(|(head, _)| head) {
            Some(head) => (head.trim_end().trim_end_matches(','), true, false),
            None => match LIST_MARKS.iter().find_map(|m| t.strip_suffix(m)) {
                Some(head) => (head, true, false),
                None => match t.strip_suffix(',') {
                    Some(head) => (head, false, false),
                    None => (t, false, true),
                },
            },
        };
        let t = without_oblast_of(t.trim_end());
        let at = t
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
        let plural = &t[at..];
        // (Or a plural that covers the list after it, as "вулиць" in "у межах вулиць:
        // Білогірська, …, Святогірська".)
        let key = folded(plural);
        if self.after.get(key.as_ref()) != Some(&true) && !self.covers_after.contains(key.as_ref())
        {
            return None;
        }
        let mut before_plural = t[..at].trim_end().rsplit([' ', '\u{a0}']);
        let count = before_plural.next().unwrap_or("");
        let is_count = |w: &str| {
            COUNTS.contains(&lowercase(w).as_ref())
                || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty()
        };
        if bare {
            return (is_count(count) || before_plural.next().is_some_and(is_count))
                .then_some(plural);
        }
        if such {
            return count.eq_ignore_ascii_case("such").then_some(plural);
        }
        // "в Київській області - Бородянку та Мощуне": "області" after an adjective in the
        // singular is one oblast (its locative), not "oblasts".
        if count.ends_with("ій") {
            return None;
        }
        (led || is_count(count)).then_some(plural)
    }

    fn person(
        &self,
        text: &str,
        start: usize,
        end: usize,
        name: &str,
        prev: Option<&Cow<'_, str>>,
    ) -> Option<Guard> {
        let after = &text[end..];
        let gap = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
        let next = next_word(text, end);
        let next_capital = (1..=2).contains(&gap)
            && next.chars().next().is_some_and(char::is_uppercase)
            && !self.after.contains_key(folded(next).as_ref());
        let first_name = self.first_names.contains(folded(name).as_ref());
        if next_capital && first_name {
            return Some(Guard::Person(format!("{} {next}", &text[start..end])));
        }
        // Two first names joined: "Nadiia and Anatoliy were on their way", "Богдан і Надія".
        if first_name
            && let Some((a, join, b)) = super::things::joined_names(text, start, end)
            && [a, b]
                .iter()
                .all(|w| self.first_names.contains(folded(w).as_ref()))
        {
            return Some(Guard::Person(format!("{a} {join} {b}")));
        }
        let prev = prev?;
        let before = text[..start].trim_end_matches([' ', '\u{a0}']);
        let raw_prev = before
            .rsplit(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
            .next()
            .unwrap_or("");
        let capitalised = raw_prev.chars().next().is_some_and(char::is_uppercase);
        let adjacent = before.len() < start && start - before.len() <= 2;
        // A title before a case form of the name is the title's place, not a surname: "Мер
        // Харкова Ігор Терехов" (the mayor of Kharkiv), but "Мер Садовий".
        let title = self.titles.contains(prev.as_ref()) && fold(&text[start..end]) == fold(name);
        if adjacent
            && capitalised
            && (self.first_names.contains(prev.as_ref()) || title || self.is_first_name_form(prev))
        {
            return Some(Guard::Person(format!("{raw_prev} {}", &text[start..end])));
        }
        None
    }

    /// Whether the folded Cyrillic word `w` is a case form of a first name ("олега",
    /// "сергія", "геннадія", "миколи", "петра", "василя": Олег, Сергій, Геннадій, Микола,
    /// Петро, Василь), so that "Геннадія Труханова" is a person as "Геннадій Труханов" is.
    fn is_first_name_form(&self, w: &str) -> bool {
        const ENDINGS: &[&str] = &[
            "ові", "еві", "ою", "ею", "ом", "ем", "а", "я", "у", "ю", "и", "і",
        ];
        if !w.starts_with(super::is_cyrillic) {
            return false;
        }
        ENDINGS
            .iter()
            .filter_map(|e| w.strip_suffix(e))
            .any(|stem| {
                stem.chars().count() >= 2
                    && ["", "о", "а", "й", "ь"]
                        .iter()
                        .any(|add| self.first_names.contains(&format!("{stem}{add}")))
            })
    }

    /// The organisation whose name holds the occurrence at `start..end`.
    fn organisation(&self, text: &str, start: usize, end: usize) -> Option<String> {
        let word = &text[start..end];
        // An occurrence has three letters at least (see `usable`).
        let head_end = word.char_indices().nth(3).map_or(word.len(), |(k, _)| k);
        let at = self
            .org_heads
            .get(&word[..head_end])
            .map_or(&[][..], Vec::as_slice);
        for &(i, k) in at {
            let org = &self.organisations[i as usize];
            let Some(from) = start.checked_sub(k as usize) else {
                continue;
            };
            let Some(to) = from.checked_add(org.len()) else {
                continue;
            };
            if to < end || !text.is_char_boundary(from) {
                continue;
            }
            let Some(span) = text.get(from..to) else {
                continue;
            };
            let boundary = text[to..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if boundary && eq_fold(span, org) {
                return Some(org.clone());
            }
        }
        None
    }
}

/// A body called after a place by its kind of settlement ("the Osokorivka village council",
/// "the Kyiv City Military Administration"): `next` (the word after the name, a slice of
/// `text`) and the word after it, when they name one.
fn council<'t>(text: &'t str, next: &'t str) -> Option<String> {
    if !matches!(
        folded(next).as_ref(),
        "village" | "city" | "town" | "settlement"
    ) {
        return None;
    }
    let body = word_after(text, next);
    matches!(
        folded(body).as_ref(),
        "council" | "councils" | "administration" | "military" | "state" | "hromada" | "community"
    )
    .then(|| format!("{next} {body}"))
}

/// A river's bank named with its possessive ("from the Dnipro's eastern bank", "the Donets's
/// left bank"): `next` (the word after the name, a slice of `text`) is "'s", and a bank or
/// shore follows, perhaps after a compass or side adjective.
fn river_bank<'t>(text: &'t str, next: &'t str) -> Option<String> {
    if folded(next) != "s" {
        return None;
    }
    let mut word = next;
    for _ in 0..2 {
        word = word_after(text, word);
        match folded(word).as_ref() {
            "bank" | "banks" | "shore" | "shores" | "riverbank" => {
                return Some(format!("{next} {word}"));
            }
            "left" | "right" | "eastern" | "western" | "east" | "west" | "northern"
            | "southern" | "opposite" | "other" => {}
            _ => return None,
        }
    }
    None
}

/// Opening and closing quotation marks.
pub(super) const OPENING: [char; 5] = ['"', '“', '«', '„', '\''];
pub(super) const CLOSING: [char; 5] = ['"', '”', '»', '“', '\''];

/// The quotation marks right around `from..to` of `text`, when both are there («Дніпро»).
pub(super) fn quotes_around(text: &str, from: usize, to: usize) -> Option<(char, char)> {
    let open = text[..from]
        .chars()
        .next_back()
        .filter(|c| OPENING.contains(c))?;
    let close = text[to..].chars().next().filter(|c| CLOSING.contains(c))?;
    Some((open, close))
}

/// A unit's, club's or body's name in quotation marks (the name all of it) next to an
/// abbreviation in capitals before it or a unit word before or after it (ОСУВ «Дніпро», ОТУ
/// "Донецьк", the "Dnipro" group; see [`UNIT_WORDS`]), as written.
fn quoted_unit(text: &str, start: usize, end: usize) -> Option<String> {
    let (open, close) = quotes_around(text, start, end)?;
    let before = &text[..start - open.len_utf8()];
    let close = close.len_utf8();
    let quoted = &text[before.len()..end + close];
    let next = next_word(text, end + close);
    if UNIT_WORDS.contains(&fold(next).as_str()) {
        return Some(format!("{quoted} {next}"));
    }
    // (The abbreviation may stand in brackets: "угруповання військ (ОСУВ) "Дніпро"".)
    let prev = before.trim_end_matches([' ', '\u{a0}']);
    let prev = prev.strip_suffix(')').unwrap_or(prev);
    let word_start = prev.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
        i + prev[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &prev[word_start..];
    let abbreviation = word.chars().count() >= 2 && word.chars().all(char::is_uppercase);
    (abbreviation || UNIT_WORDS.contains(&fold(word).as_str())).then(|| format!("{word} {quoted}"))
}

/// Lower case without apostrophes.
pub(super) fn fold(w: &str) -> String {
    w.chars()
        .filter(|c| !is_apostrophe(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The phrase of [`BEFORE_OBLAST`] that the folded words `prev` (those right before a Latin
/// name, in text order) end with, if one: the name is then its oblast ("the north of Donetsk",
/// "all in Donetsk").
pub(super) fn oblast_words_before<S: AsRef<str>>(prev: &[S]) -> Option<&'static str> {
    BEFORE_OBLAST.iter().copied().find(|b| {
        let n = b.split(' ').count();
        prev.len() >= n
            && prev[prev.len() - n..]
                .iter()
                .map(AsRef::as_ref)
                .eq(b.split(' '))
    })
}

/// [`fold`], borrowing `w` when folding leaves it as it is (most words after and before a
/// name). With the organisation index, the guards fell from 16 % to 4 % of the instructions of
/// a build of the 1,000-dispatch benchmark corpus (callgrind).
fn folded(w: &str) -> Cow<'_, str> {
    if !w.contains(is_apostrophe) && is_lower(w) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(fold(w))
    }
}

/// `w.to_lowercase()`, borrowing `w` when it is in lower case already.
pub(super) fn lowercase(w: &str) -> Cow<'_, str> {
    if is_lower(w) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// Whether every character of `w` is its own lower case.
fn is_lower(w: &str) -> bool {
    w.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    })
}

fn eq_fold(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The word after byte `end` (spaces and quotation marks skipped), as written.
pub(super) fn next_word(text: &str, end: usize) -> &str {
    let next = text[end..].trim_start_matches([' ', '\u{a0}', '\n', '"', '“', '”', '«', '»', '„']);
    let len = next
        .find(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .unwrap_or(next.len());
    &next[..len]
}

/// The guard for the word at `start..end` of `text` when it is a kind of settlement ("Селище",
/// "Село") followed by a capitalised word: it says what that word names ("Селище Хотінь").
pub(super) fn kind_word(text: &str, start: usize, end: usize) -> Option<Guard> {
    let next = next_word(text, end);
    (KIND_WORDS.contains(&lowercase(&text[start..end]).as_ref())
        && next.starts_with(char::is_uppercase))
    .then(|| Guard::Kind(format!("{} {next}", &text[start..end])))
}

/// The word after `word`, a slice of `text` (as [`next_word`] finds it).
pub(super) fn word_after<'t>(text: &'t str, word: &'t str) -> &'t str {
    let end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
    next_word(text, end)
}

/// Whether `head` ends in a short lower-case Cyrillic word (an abbreviation before a dot).
fn is_abbreviation(head: &str) -> bool {
    let word: Vec<char> = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    (1..=5).contains(&word.len())
        && word
            .iter()
            .all(|c| super::is_cyrillic(*c) && c.is_lowercase())
}

/// Up to `n` words before byte `start`, folded, in text order; stops at punctuation (so
/// "region, Donetsk" is not "region Donetsk").
fn prev_words(text: &str, start: usize, n: usize) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    let mut rest = &text[..start];
    while out.len() < n {
        let t = rest.trim_end_matches([' ', '\u{a0}', '\n']);
        if t.len() == rest.len() && !out.is_empty() {
            break;
        }
        // An abbreviation right before the name is its word: "вул.Пушкіна", "вул. Пушкіна"
        // ("вул" is in `BEFORE`); only a short lower-case Cyrillic one, so that a sentence's
        // end ("... the river. Kupiansk") stays one.
        let t = match t.strip_suffix('.') {
            Some(head) if out.is_empty() && is_abbreviation(head) => head,
            _ => t,
        };
        let word_start = t
            .rfind(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
            .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
        let word = &t[word_start..];
        if word.is_empty() {
            break;
        }
        out.push(folded(word));
        rest = &t[..word_start];
    }
    out.reverse();
    out
}
