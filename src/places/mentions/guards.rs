//! Guards: uses of a place's name that name something else. "The Donetsk region", "the
//! Kharkiv direction", "на Авдіївському напрямку", "Святогірська громада" (an area called after
//! the place), "Volodymyr Zelensky" (a person), "the Kyiv Independent" (an outlet),
//! "Siverskyi Donets" (a river).
//!
//! The word lists are data: the built-in ones below, which a site extends in the `[guards]`
//! table of its `cities.toml` ([`GuardWords`]). Words are compared in lower case without
//! apostrophes; organisation names as written, ignoring case.

use ahash::{AHashMap, AHashSet};
use serde::Deserialize;

use super::is_apostrophe;

/// Why an occurrence of a name is not a mention of the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guard {
    /// An area or thing word follows ("region", "direction", "громада", "river").
    After(String),
    /// Words before it make it an area ("region of", "comprising", "the river").
    Before(String),
    /// Listed before or after a plural area word ("the Donetsk, Luhansk and Zaporizhzhia
    /// regions", "regions of Sumy and Donetsk").
    Listed,
    /// A person's first name followed by a surname, or a surname after a first name or title.
    Person(String),
    /// Part of an organisation's or unit's name.
    Organisation(String),
    /// A Ukrainian word that names only small places, at the start of a sentence ("Нове
    /// рішення…").
    SentenceStart,
}

/// Words a site adds to the built-in guards (`[guards]` in `cities.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardWords {
    /// Words that, right after a name, make it an area or a thing ("front", "bridge").
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
    /// Names of outlets, units, clubs ("Kyiv Post", "OTG Luhansk"): a name inside one is not
    /// a mention.
    #[serde(default)]
    pub organisations: Vec<String>,
}

/// Area words after a name; `true` for plurals, which cover the names listed before them.
const AFTER: &[(&str, bool)] = &[
    ("region", false),
    ("regions", true),
    ("regional", false),
    ("oblast", false),
    ("oblasts", true),
    ("province", false),
    ("provinces", true),
    ("raion", false),
    ("raions", true),
    ("district", false),
    ("districts", true),
    ("republic", false),
    ("peoples", false),
    ("river", false),
    ("canal", false),
    ("basin", false),
    ("reservoir", false),
    ("dam", false),
    ("nuclear", false),
    ("hydroelectric", false),
    ("direction", false),
    ("counteroffensive", false),
    ("counter", false),
    ("directions", true),
    ("axis", false),
    ("border", true),
    ("borders", true),
    ("axes", true),
    ("sector", false),
    ("community", false),
    ("communities", true),
    ("hromada", false),
    ("hromadas", true),
    ("territorial", false),
    ("область", false),
    ("області", true),
    ("областю", false),
    ("областей", true),
    ("обл", false),
    ("области", true),
    ("район", false),
    ("району", false),
    ("районі", false),
    ("районом", false),
    ("районах", true),
    ("республіка", false),
    ("республіки", false),
    ("республіці", false),
    ("республика", false),
    ("республики", false),
    ("народна", false),
    ("народної", false),
    ("народная", false),
    ("народной", false),
    ("річка", false),
    ("річки", false),
    ("річці", false),
    ("река", false),
    ("реки", false),
    ("водосховище", false),
    ("водосховища", false),
    ("канал", false),
    ("каналу", false),
    ("каналі", false),
    ("громада", false),
    ("громади", false),
    ("громаді", false),
    ("громаду", false),
    ("громадою", false),
    ("громад", true),
    ("територіальна", false),
    ("територіальної", false),
    ("територіальній", false),
    ("територіальну", false),
    ("міська", false),
    ("міської", false),
    ("міській", false),
    ("селищна", false),
    ("селищної", false),
    ("селищній", false),
    ("сільська", false),
    ("сільської", false),
    ("сільській", false),
    ("обласна", false),
    ("обласної", false),
    ("обласній", false),
    ("районна", false),
    ("районної", false),
    ("районній", false),
    ("ова", false),
    ("напрямок", false),
    ("напрямку", false),
    ("напрямі", false),
    ("напрямки", true),
    ("напрямках", true),
    ("направление", false),
    ("направлении", false),
    ("направлениях", true),
];

/// Words right before a name that make it an area, a river or a share of an area; `+` at the
/// end: a plural that covers a list of names after it.
const BEFORE: &[&str] = &[
    "river",
    "the river",
    "річка",
    "річки",
    "река",
    "siverskyi",
    "sivers'kyi",
    "seversky",
    "severskiy",
    "сіверський",
    "сіверського",
    "сіверському",
    "северский",
    "северского",
    "region of",
    "regions of+",
    "oblast of",
    "oblasts of+",
    "province of",
    "provinces of+",
    "comprising+",
    "the north of",
    "the south of",
    "the east of",
    "the west of",
    "the centre of",
    "the center of",
    "percent of",
    "per cent of",
    "government of",
    "administration of",
    "governor of",
    "service of",
    "police of",
    "sea of",
];

/// Words that may stand before a name inside a list that a plural area word covers ("the rest
/// of Luhansk, northern Donetsk, and eastern Kharkiv Oblasts"): compass and size adjectives.
pub(super) const LIST_ADJECTIVES: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "occupied",
    "liberated",
    "neighbouring",
    "neighboring",
    "північної",
    "південної",
    "східної",
    "західної",
    "північна",
    "південна",
    "східна",
    "західна",
];

/// Common Ukrainian (and Russian) first names, as romanised in the press and in Cyrillic.
const FIRST_NAMES: &[&str] = &[
    "volodymyr",
    "vladimir",
    "oleksandr",
    "olexander",
    "oleksander",
    "alexander",
    "aleksandr",
    "oleksandra",
    "mykola",
    "nikolai",
    "serhii",
    "serhiy",
    "sergei",
    "sergey",
    "andrii",
    "andriy",
    "andrei",
    "andrey",
    "yurii",
    "yuriy",
    "yuri",
    "ivan",
    "petro",
    "pavlo",
    "pavel",
    "mykhailo",
    "mykhaylo",
    "mikhail",
    "vasyl",
    "viktor",
    "victor",
    "vitalii",
    "vitaliy",
    "vitali",
    "dmytro",
    "dmitry",
    "oleh",
    "oleg",
    "ihor",
    "igor",
    "anatolii",
    "anatoliy",
    "bohdan",
    "taras",
    "yaroslav",
    "roman",
    "maksym",
    "denys",
    "kyrylo",
    "vadym",
    "ruslan",
    "yevhen",
    "yevgeny",
    "valerii",
    "valeriy",
    "stepan",
    "hryhorii",
    "fedir",
    "semen",
    "marko",
    "ostap",
    "borys",
    "leonid",
    "myroslav",
    "sviatoslav",
    "stanislav",
    "oleksii",
    "oleksiy",
    "olena",
    "olha",
    "olga",
    "iryna",
    "tetiana",
    "tetyana",
    "nataliia",
    "natalia",
    "yuliia",
    "yulia",
    "kateryna",
    "oksana",
    "svitlana",
    "hanna",
    "anna",
    "mariia",
    "maria",
    "liudmyla",
    "lyudmyla",
    "larysa",
    "nadiia",
    "halyna",
    "valentyna",
    "lesia",
    "sofiia",
    "viktoriia",
    "anastasiia",
    "khrystyna",
    "inna",
    "vira",
    "liubov",
    "zoia",
    "володимир",
    "владимир",
    "олександр",
    "олександра",
    "александр",
    "микола",
    "николай",
    "сергій",
    "сергей",
    "андрій",
    "андрей",
    "юрій",
    "юрий",
    "іван",
    "иван",
    "петро",
    "павло",
    "павел",
    "михайло",
    "михаил",
    "василь",
    "віктор",
    "виктор",
    "віталій",
    "виталий",
    "дмитро",
    "дмитрий",
    "олег",
    "ігор",
    "игорь",
    "анатолій",
    "богдан",
    "тарас",
    "ярослав",
    "роман",
    "максим",
    "денис",
    "кирило",
    "вадим",
    "руслан",
    "євген",
    "евгений",
    "валерій",
    "степан",
    "григорій",
    "федір",
    "семен",
    "марко",
    "остап",
    "борис",
    "леонід",
    "мирослав",
    "святослав",
    "станіслав",
    "олексій",
    "алексей",
    "олена",
    "ольга",
    "ірина",
    "тетяна",
    "наталія",
    "юлія",
    "катерина",
    "оксана",
    "світлана",
    "ганна",
    "марія",
    "людмила",
    "лариса",
    "надія",
    "галина",
    "валентина",
    "леся",
    "софія",
    "вікторія",
    "анастасія",
    "христина",
    "віра",
    "любов",
];

/// Titles before a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "mayor",
    "governor",
    "general",
    "gen",
    "colonel",
    "col",
    "commander",
    "lieutenant",
    "captain",
    "sergeant",
    "пан",
    "пані",
    "президент",
    "міністр",
    "мер",
    "губернатор",
    "генерал",
    "полковник",
    "командир",
];

/// Outlets, units, clubs and bodies whose names hold a place's name.
const ORGANISATIONS: &[&str] = &[
    "Kyiv Post",
    "Kyiv Independent",
    "Kiev Independent",
    "Kyiv School of Economics",
    "Kyiv International Institute of Sociology",
    "Kyiv Patriarchate",
    "Kharkiv Human Rights Protection Group",
    "Dynamo Kyiv",
    "Dynamo Kiev",
    "Shakhtar Donetsk",
    "Zorya Luhansk",
    "Metalist Kharkiv",
    "Chornomorets Odesa",
    "Karpaty Lviv",
    "Vorskla Poltava",
    "Operational Tactical Group Luhansk",
    "Operational-Tactical Group Luhansk",
    "Operational-tactical group Luhansk",
    "OTG Luhansk",
    "OTG \"Luhansk\"",
    "OTG “Luhansk”",
    "Luhansk OTG",
    "Operational Tactical Group Donetsk",
    "Operational-Tactical Group Donetsk",
    "OTG Donetsk",
    "ОТУ «Луганськ»",
    "ОТУ \"Луганськ\"",
    "ОТУ Луганськ",
    "ОТУ «Донецьк»",
    "ОТУ \"Донецьк\"",
    "ОТУ Донецьк",
    "Київ Пост",
    "Шахтар Донецьк",
    "Шахтар (Донецьк)",
    "Динамо Київ",
    "Динамо (Київ)",
    "Зоря Луганськ",
    "Зоря (Луганськ)",
];

/// The guard lists, ready for lookups.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Guards {
    after: AHashMap<String, bool>,
    /// Word sequences in text order, and whether they cover a list after them.
    before: Vec<(Vec<String>, bool)>,
    first_names: AHashSet<String>,
    titles: AHashSet<String>,
    organisations: Vec<String>,
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
            first_names: FIRST_NAMES.iter().map(|w| w.to_string()).collect(),
            titles: TITLES.iter().map(|w| w.to_string()).collect(),
            organisations: ORGANISATIONS.iter().map(|w| w.to_string()).collect(),
        };
        for b in BEFORE {
            g.add_before(b);
        }
        g
    }

    /// Adds a site's words.
    pub(super) fn extend(&mut self, w: &GuardWords) {
        let GuardWords {
            words_after,
            words_before,
            first_names,
            titles,
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
        self.organisations.extend(organisations.iter().cloned());
    }

    fn add_before(&mut self, b: &str) {
        let (b, plural) = match b.strip_suffix('+') {
            Some(b) => (b, true),
            None => (b, false),
        };
        let words: Vec<String> = b.split_whitespace().map(fold).collect();
        if !words.is_empty() {
            self.before.push((words, plural));
        }
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
        let next = next_word(text, end);
        if let Some(plural) = self.after.get(fold(next).as_str()) {
            return Some((Guard::After(next.to_string()), plural.then_some(true)));
        }
        let prev = prev_words(text, start, 3);
        for (words, plural) in &self.before {
            let n = words.len();
            if prev.len() >= n && prev[prev.len() - n..] == words[..] {
                return Some((Guard::Before(words.join(" ")), plural.then_some(false)));
            }
        }
        if let Some(g) = self.person(text, start, end, name, prev.last()) {
            return Some((g, None));
        }
        self.organisation(text, start, end)
            .map(|o| (Guard::Organisation(o), None))
    }

    fn person(
        &self,
        text: &str,
        start: usize,
        end: usize,
        name: &str,
        prev: Option<&String>,
    ) -> Option<Guard> {
        let after = &text[end..];
        let gap = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
        let next = next_word(text, end);
        let next_capital = (1..=2).contains(&gap)
            && next.chars().next().is_some_and(char::is_uppercase)
            && !self.after.contains_key(fold(next).as_str());
        if next_capital && self.first_names.contains(fold(name).as_str()) {
            return Some(Guard::Person(format!("{} {next}", &text[start..end])));
        }
        let prev = prev?;
        let before = text[..start].trim_end_matches([' ', '\u{a0}']);
        let raw_prev = before
            .rsplit(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
            .next()
            .unwrap_or("");
        let capitalised = raw_prev.chars().next().is_some_and(char::is_uppercase);
        let adjacent = before.len() < start && start - before.len() <= 2;
        if adjacent
            && capitalised
            && (self.first_names.contains(prev.as_str()) || self.titles.contains(prev.as_str()))
        {
            return Some(Guard::Person(format!("{raw_prev} {}", &text[start..end])));
        }
        None
    }

    /// The organisation whose name holds the occurrence at `start..end`.
    fn organisation(&self, text: &str, start: usize, end: usize) -> Option<String> {
        let word = &text[start..end];
        let head: String = word.chars().take(3).collect();
        for org in &self.organisations {
            for (k, _) in org.match_indices(head.as_str()) {
                let Some(from) = start.checked_sub(k) else {
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
        }
        None
    }
}

/// Lower case without apostrophes.
pub(super) fn fold(w: &str) -> String {
    w.chars()
        .filter(|c| !is_apostrophe(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn eq_fold(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The word after byte `end` (spaces skipped), as written.
fn next_word(text: &str, end: usize) -> &str {
    let next = text[end..].trim_start_matches([' ', '\u{a0}', '\n']);
    let len = next
        .find(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .unwrap_or(next.len());
    &next[..len]
}

/// Up to `n` words before byte `start`, folded, in text order; stops at punctuation (so
/// "region, Donetsk" is not "region Donetsk").
fn prev_words(text: &str, start: usize, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = &text[..start];
    while out.len() < n {
        let t = rest.trim_end_matches([' ', '\u{a0}', '\n']);
        if t.len() == rest.len() && !out.is_empty() {
            break;
        }
        let word_start = t
            .rfind(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
            .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
        let word = &t[word_start..];
        if word.is_empty() {
            break;
        }
        out.push(fold(word));
        rest = &t[..word_start];
    }
    out.reverse();
    out
}
