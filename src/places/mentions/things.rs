//! Names of things and people that hold a place's name, found by their shape rather than by a
//! list: a club's seat in brackets after its quoted name («Карпати» (Львів), «Інгулець»
//! (Петрове)), a quoted club after its city's adjective or in a fixture (хмельницьке «Поділля»,
//! «Полтава» - «Епіцентр»), a quoted name that joins a place's name to another word
//! («Гірник-Спорт», «Чернігів-ШВСМ», «Дніпро-1»), an institution or plant called by a city's
//! adjective ("Донецький національний університет", "Авдіївського КХЗ"), a person named after
//! initials ("Т.Г. Шевченка", "A. Komar") or after "імені" ("університет імені Шевченка"), and a
//! former name with today's in brackets ("Ярошівка (тепер Українське)"), a quoted title
//! («Велике будівництво»), a brand in Latin letters in a Cyrillic text ("Poltava Today") and an
//! outlet's edition joined by a dot ("Depo.Кропивницький"), two first names joined ("Nadiia and
//! Anatoliy"), a name after an age ("75-year-old Liubov from Avdiivka"), a river after "the"
//! ("along the Dnipro") and the end of a longer name the gazetteer lacks ("Нижнє Піщане").
//!
//! Sports and culture pages list clubs this way by the dozen: a First League round's fixtures
//! name fifteen cities, none of them as a place the story is about.

use super::guards::{CLOSING, Guard, OPENING, next_word, quotes_around, word_after};

/// Why the occurrence at `start..end` of `text` names a thing or a person, if it does.
/// (`name` is the name the occurrence spells.)
pub(super) fn check(text: &str, start: usize, end: usize, name: &str) -> Option<Guard> {
    seat(text, start, end)
        .or_else(|| former(text, start, end))
        .or_else(|| quoted_compound(text, start, end))
        .or_else(|| quoted_title(text, start, end))
        .or_else(|| latin_brand(text, start, end))
        .or_else(|| dotted(text, start))
        .or_else(|| river_by_article(text, start, end))
        .or_else(|| longer(text, start, end))
        .or_else(|| institution(text, start, end, name))
        .or_else(|| person(text, start, end))
        .or_else(|| aged(text, start, end))
        .or_else(|| super::roads::road_end(text, start, end))
}

/// Words after a name that an age before it makes a person's: "75-year-old Liubov from
/// Avdiivka", "75-річна Любов з Авдіївки". (A lower-case word other than these makes the name
/// the person's home: "a 59-year-old Nikopol resident", "62-річна херсонка".)
const AFTER_AGED: &[&str] = &[
    "from",
    "of",
    "who",
    "whose",
    "and",
    "said",
    "says",
    "told",
    "recalls",
    "recalled",
    "was",
    "is",
    "has",
    "had",
    "з",
    "із",
    "зі",
    "яка",
    "який",
    "та",
    "і",
    "розповідає",
    "розповіла",
    "розповів",
    "каже",
];

/// A name right after an age ("75-year-old Liubov", "75-річна Любов"), followed by punctuation
/// or by a word of [`AFTER_AGED`]: a person's first name.
fn aged(text: &str, start: usize, end: usize) -> Option<Guard> {
    let before = text[..start].strip_suffix([' ', '\u{a0}'])?;
    let age = &before[before
        .rfind([' ', '\u{a0}', '\n', '('])
        .map_or(0, |i| i + 1)..];
    let (years, unit) = age.split_once('-')?;
    if years.is_empty() || !years.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let unit = unit.to_lowercase();
    if unit != "year-old" && !unit.starts_with("річн") {
        return None;
    }
    let rest = &text[end..];
    let ends = rest.starts_with(|c: char| c.is_ascii_punctuation() && c != '-' && c != '\'')
        || rest.starts_with(['—', '–'])
        || AFTER_AGED.contains(&next_word(text, end).to_lowercase().as_str());
    ends.then(|| Guard::Person(format!("{age} {}", &text[start..end])))
}

/// A club's (or firm's) seat in brackets after its quoted name («Карпати» (Львів)); a quoted
/// name that is a place's with a seat after it («Інгулець» (Петрове)), after a city's adjective
/// ("хмельницьке «Поділля»") or before another quoted name in a fixture («Полтава» - «Епіцентр»).
fn seat(text: &str, start: usize, end: usize) -> Option<Guard> {
    let word = &text[start..end];
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    if let Some(b) = before.strip_suffix('(')
        && text[end..].starts_with(')')
        && let Some(name) = quoted_before(b.trim_end_matches([' ', '\u{a0}']))
    {
        return Some(Guard::Organisation(format!("{name} ({word})")));
    }
    let (open, close) = quotes_around(text, start, end)?;
    let after = &text[end..];
    // A club after its city's adjective: "хмельницьке «Поділля»", "тернопільська «Нива»".
    let adjective = text[..start - open.len_utf8()]
        .trim_end_matches([' ', '\u{a0}'])
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if adjective.starts_with(|c: char| super::is_cyrillic(c) && c.is_lowercase())
        && CITY_ADJECTIVE.iter().any(|e| adjective.ends_with(e))
    {
        return Some(Guard::Organisation(format!(
            "{adjective} {open}{word}{close}"
        )));
    }
    let rest = after[close.len_utf8()..].trim_start_matches([' ', '\u{a0}']);
    // A fixture: «Полтава» - «Епіцентр».
    if let Some(other) = rest.strip_prefix(['-', '–', '—'])
        && other
            .trim_start_matches([' ', '\u{a0}'])
            .starts_with(|c| OPENING.contains(&c) || CLOSING.contains(&c))
    {
        return Some(Guard::Organisation(format!("{open}{word}{close} - …")));
    }
    let seat = rest.strip_prefix('(')?;
    let seat = &seat[..seat.find(')')?];
    (seat.starts_with(char::is_uppercase) && seat.len() <= 60 && !seat.contains(['(', '\n']))
        .then(|| Guard::Organisation(format!("{open}{word}{close} ({seat})")))
}

/// A former name with today's after it in brackets: "Ярошівка (тепер Українське)", "Artemivsk
/// (now Bakhmut)": the place is today's name's, which the text names too.
fn former(text: &str, start: usize, end: usize) -> Option<Guard> {
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    if let Some(renamed) = renamed(after) {
        return Some(Guard::Former(format!("{} {renamed}", &text[start..end])));
    }
    let rest = after.strip_prefix('(')?;
    let now = ["тепер ", "нині ", "зараз ", "now ", "today ", "currently "]
        .iter()
        .find(|w| rest.starts_with(*w))?;
    let today = &rest[now.len()..];
    let today = &today[..today.find(')')?];
    (today.starts_with(char::is_uppercase) && today.len() <= 60)
        .then(|| Guard::Former(format!("{} ({now}{today})", &text[start..end])))
}

/// What `after` (the text after a name) says the name became, as written, when it says so: "was
/// renamed Khutir-Mykhailivskyi", "(Sumy region) renamed Khutir-Mykhailivskyi".
fn renamed(after: &str) -> Option<&str> {
    // (An oblast in brackets first: "Druzhba (Sumy region) renamed …"; or a few words: "Druzhba in
    // Sumy Oblast was renamed …".)
    let rest = match after.strip_prefix('(') {
        Some(r) => r[head(r, 60).find(')')? + 1..].trim_start_matches([' ', '\u{a0}']),
        // (Looked for in the next 60 bytes only: a text of 50 MB has a million names.)
        None => match head(after, 60).find("was renamed ") {
            Some(i) if i <= 40 && !after[..i].contains(['.', ',', ';', '\n']) => &after[i..],
            _ => after,
        },
    };
    // (Not an arrow: a list of proposed names, "Pavlohrad ⮕ Matviyiv", keeps today's.)
    let rest = ["was renamed ", "is renamed ", "renamed "]
        .iter()
        .find_map(|w| rest.strip_prefix(w))?;
    let rest = ["into ", "to ", "as "]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let cut = head(rest, 80);
    let end = cut.find([',', '.', ';', '\n']).unwrap_or(cut.len());
    let new = rest[..end].trim_end();
    (new.starts_with(char::is_uppercase) && new.len() <= 60)
        .then_some(&after[..after.len() - rest.len() + new.len()])
}

/// The first `n` bytes of `s` (fewer, to end on a character).
fn head(s: &str, n: usize) -> &str {
    &s[..s.floor_char_boundary(n)]
}

/// The endings of a city's adjective, in every gender and case ("хмельницьке", "кременчуцький",
/// "вишгородським").
const CITY_ADJECTIVE: &[&str] = &[
    "ський",
    "цький",
    "ська",
    "цька",
    "ське",
    "цьке",
    "ського",
    "цького",
    "ської",
    "цької",
    "ському",
    "цькому",
    "ській",
    "цькій",
    "ським",
    "цьким",
    "ською",
    "цькою",
    "ські",
    "цькі",
    "ських",
    "цьких",
];

/// The quoted name `b` ends with («Карпати», "Karpaty"), marks included: short, on one line.
fn quoted_before(b: &str) -> Option<&str> {
    let close = b.chars().next_back().filter(|c| CLOSING.contains(c))?;
    let inner = &b[..b.len() - close.len_utf8()];
    let open = inner.rfind(OPENING)?;
    let name = &b[open..];
    (name.chars().count() <= 50 && !name.contains('\n')).then_some(name)
}

/// A quoted name of capitalised words (or numbers) joined by hyphens, of which the occurrence is
/// one: «Гірником-Спорт», «Чернігів-ШВСМ», «Кудрівка-Нива», «Дніпро-1». A quoted place's name
/// alone («Покровськ») is not one.
fn quoted_compound(text: &str, start: usize, end: usize) -> Option<Guard> {
    let part = |c: char| c.is_alphanumeric() || c == '-';
    let from = text[..start].trim_end_matches(part).len();
    let to = end + text[end..].find(|c| !part(c)).unwrap_or(text.len() - end);
    let compound = &text[from..to];
    if compound.len() == end - start
        || !compound
            .split('-')
            .all(|p| p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    {
        return None;
    }
    let (open, close) = quotes_around(text, from, to)?;
    Some(Guard::Organisation(format!("{open}{compound}{close}")))
}

/// A quoted title that starts with the name and goes on in lower case: «Велике будівництво» (a
/// programme), «Нова пошта» (a firm), or with one or two capitalised words: «Буджак Реліф» (a
/// charity). (Not a quoted phrase that goes on with a preposition or a conjunction: «Київ і
/// Харків», «Харків у вогні» name the cities.)
fn quoted_title(text: &str, start: usize, end: usize) -> Option<Guard> {
    let open = text[..start]
        .chars()
        .next_back()
        .filter(|c| OPENING.contains(c))?;
    let rest = &text[end..];
    let close = head(rest, 80).find(CLOSING)?;
    let inside = &rest[..close];
    let first = inside.split_whitespace().next()?;
    let words = inside.split_whitespace().count();
    let spaced = inside.starts_with([' ', '\u{a0}']);
    let lower =
        spaced && first.starts_with(|c: char| c.is_lowercase()) && first.chars().count() > 3;
    let capitals = spaced
        && words <= 2
        && inside.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
        });
    ((lower || capitals) && words <= 3 && !inside.contains('\n')).then(|| {
        let close = rest[close..].chars().next().unwrap_or('»');
        Guard::Organisation(format!("{open}{}{inside}{close}", &text[start..end]))
    })
}

/// A Latin name followed by a capitalised Latin word in a text written in Cyrillic: a brand or
/// an outlet ("Про це розповідає Poltava Today", "гурт Kalush Orchestra"). A Ukrainian text
/// writes a place in Cyrillic. (Looked at only around the name: the letters within 300 bytes
/// either side, more of them Cyrillic than Latin.)
fn latin_brand(text: &str, start: usize, end: usize) -> Option<Guard> {
    let word = &text[start..end];
    let next = next_word(text, end);
    if !word.is_ascii() || !next.starts_with(|c: char| c.is_ascii_uppercase()) || !next.is_ascii() {
        return None;
    }
    let around = &text
        [text.floor_char_boundary(start.saturating_sub(300))..text.floor_char_boundary(end + 300)];
    let (mut cyrillic, mut latin) = (0, 0);
    for c in around.chars().filter(|c| c.is_alphabetic()) {
        if super::is_cyrillic(c) {
            cyrillic += 1;
        } else if c.is_ascii() {
            latin += 1;
        }
    }
    (cyrillic > latin).then(|| Guard::Organisation(format!("{word} {next}")))
}

/// A name joined by a dot to the word before it, with no space: an outlet's regional edition
/// ("Depo.Кропивницький", "Суспільне.Полтава"). (A capitalised word: "смт.Нова Водолага" is an
/// abbreviation's.) Or by a hyphen to "Свято-": a church's dedication ("Свято-Успенська").
fn dotted(text: &str, start: usize) -> Option<Guard> {
    // A church's dedication: "Свято-Успенська лавра", "Свято-Покровський храм".
    if text[..start].ends_with("Свято-") {
        return Some(Guard::Organisation(format!(
            "Свято-{}",
            next_word(text, start)
        )));
    }
    let before = text[..start].strip_suffix('.')?;
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .filter(|w| w.chars().count() >= 2 && w.starts_with(char::is_uppercase))?;
    Some(Guard::Organisation(format!(
        "{word}.{}",
        next_word(text, start)
    )))
}

/// The first words of two-word names that say which of two places of a name it is: upper, lower,
/// middle (Верхнє Піщане, Нижнє Піщане; Nyzhnia Duvanka).
const UPPER_LOWER: &[&str] = &[
    "Нижнє",
    "Нижня",
    "Нижній",
    "Нижні",
    "Нижнього",
    "Нижньої",
    "Нижньому",
    "Нижніх",
    "Верхнє",
    "Верхня",
    "Верхній",
    "Верхні",
    "Верхнього",
    "Верхньої",
    "Верхньому",
    "Верхніх",
    "Середнє",
    "Середня",
    "Середній",
    "Nyzhnie",
    "Nyzhnia",
    "Nyzhnii",
    "Verkhnie",
    "Verkhnia",
    "Verkhnii",
    "Nizhneye",
    "Nizhnyaya",
    "Verkhneye",
    "Verkhnyaya",
];

/// A name after "Нижнє", "Верхня" and the like (see [`UPPER_LOWER`]): the end of a two-word name
/// the gazetteer lacks ("у селах … Нижнє Піщане": not Піщане), or it would have matched whole.
fn longer(text: &str, start: usize, end: usize) -> Option<Guard> {
    let before = text[..start].strip_suffix([' ', '\u{a0}'])?;
    let first = UPPER_LOWER.iter().find(|w| {
        before.ends_with(*w)
            && !before[..before.len() - w.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })?;
    Some(Guard::Longer(format!("{first} {}", &text[start..end])))
}

/// The words that join two first names in a [`Guard::Person`] of a pair (see [`joined_names`]).
pub(super) const JOINERS: &[&str] = &["and", "та", "і", "й"];

/// The two words, the one at `start..end` of `text` and a capitalised one, joined by one of
/// [`JOINERS`], in text order, with the joiner.
pub(super) fn joined_names(text: &str, start: usize, end: usize) -> Option<(&str, &str, &str)> {
    let word = &text[start..end];
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    let after = word_after(text, word);
    if JOINERS.contains(&after) {
        let other = word_after(text, after);
        return capital(other).then_some((word, after, other));
    }
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let (rest, join) = before.rsplit_once([' ', '\u{a0}'])?;
    let rest = rest.trim_end_matches([' ', '\u{a0}']);
    let other = &rest[rest.rfind([' ', '\u{a0}', '\n']).map_or(0, |i| i + 1)..];
    (JOINERS.contains(&join) && capital(other)).then_some((other, join, word))
}

/// Rivers that share a settlement's name, in English.
const RIVERS: &[&str] = &[
    "Dnipro", "Desna", "Donets", "Horyn", "Inhulets", "Irpin", "Oskil", "Samara", "Sluch", "Stryi",
    "Sula", "Udy",
];

/// Words between "the" and a river's name: "the upstream Dnipro".
const RIVER_ADJECTIVES: &[&str] = &[
    "upstream",
    "downstream",
    "upper",
    "lower",
    "middle",
    "mighty",
    "entire",
    "whole",
];

/// Words after a river's name that leave it the river: a verb or a preposition, not a noun the
/// city's name would qualify ("the Dnipro hospital").
const AFTER_RIVER: &[&str] = &[
    "in", "at", "to", "from", "and", "near", "between", "into", "on", "by", "with", "which",
    "that", "as", "or", "has", "had", "was", "is", "flows", "runs", "rose", "fell", "began",
    "dropped", "where", "for", "through", "south", "north", "east", "west",
];

/// A river's name after "the" in English ("along the Dnipro", "the upstream Dnipro began to
/// drop"): the river; a city takes no article ("strikes on Dnipro"). Not before a noun the
/// city's name would qualify ("the Dnipro hospital"): only before punctuation or a word of
/// [`AFTER_RIVER`].
fn river_by_article(text: &str, start: usize, end: usize) -> Option<Guard> {
    let word = &text[start..end];
    if !RIVERS.contains(&word) {
        return None;
    }
    let mut before = text[..start]
        .trim_end_matches([' ', '\u{a0}'])
        .rsplit([' ', '\u{a0}', '\n']);
    let mut the = before.next()?;
    let mut words = the.to_string();
    if RIVER_ADJECTIVES.contains(&the) {
        the = before.next()?;
        words = format!("{the} {words}");
    }
    if !the.eq_ignore_ascii_case("the") {
        return None;
    }
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    let next = next_word(text, end);
    // (Not in a list: "the Dnipro, Kharkiv and Kyiv regions", "the Dnipro and Zaporizhzhia
    // regions" name oblasts, which the plural after them says.)
    let listed = match after.strip_prefix(',') {
        Some(rest) => rest.trim_start().starts_with(char::is_uppercase),
        None => {
            matches!(next, "and" | "or")
                && super::guards::word_after(text, next).starts_with(char::is_uppercase)
        }
    };
    let fits = after.is_empty()
        || after.starts_with([',', '.', ';', ':', ')', '–', '—', '\n'])
        || AFTER_RIVER.contains(&next);
    (fits && !listed).then_some(Guard::Before(words))
}

/// A city's adjective (a name in -ький, as written) before another adjective in lower case names
/// an institution: "Донецький національний університет", "Донецький академічний театр". (Not a
/// council's word: "Хмельницький міський голова" is the city's mayor.) So does one in any case
/// before an abbreviation in capitals: "Авдіївського КХЗ" (the coke plant).
fn institution(text: &str, start: usize, end: usize, name: &str) -> Option<Guard> {
    let word = &text[start..end];
    let next = next_word(text, end);
    // "Авдіївського КХЗ", "Запорізького КХЗ": a plant. (A case form: "обстріл м. Родинське
    // БПЛА" is the town, then the drone.)
    if word != name
        && CITY_ADJECTIVE.iter().any(|e| word.ends_with(e))
        && next.chars().count() >= 2
        && next
            .chars()
            .all(|c| super::is_cyrillic(c) && c.is_uppercase())
    {
        return Some(Guard::Organisation(format!("{word} {next}")));
    }
    if !word.ends_with("ький") {
        return None;
    }
    let adjective = next.starts_with(|c: char| super::is_cyrillic(c) && c.is_lowercase())
        && (next.ends_with("ий") || next.ends_with("ій"));
    let council = ["міськ", "селищн", "сільськ"]
        .iter()
        .any(|s| next.starts_with(s));
    (adjective && !council).then(|| Guard::Organisation(format!("{word} {next}")))
}

/// A surname after initials ("Т.Г. Шевченка", "A. Komar") or after "імені", "ім." (named after
/// a person: "університет імені Шевченка", "комбінат ім. Ілліча").
fn person(text: &str, start: usize, end: usize) -> Option<Guard> {
    let word = &text[start..end];
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    if start - before.len() > 1 {
        return None;
    }
    let head = before.strip_suffix('.').unwrap_or(before);
    let last = &head[head.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    })..];
    let dotted = head.len() < before.len();
    if (last == "імені" && !dotted) || (last == "ім" && dotted) {
        let mark = if dotted { "." } else { "" };
        return Some(Guard::Person(format!("{last}{mark} {word}")));
    }
    let mut initials = String::new();
    let mut t = before;
    while let Some(h) = t.strip_suffix('.')
        && let Some(c) = h.chars().next_back()
        && c.is_uppercase()
    {
        let rest = &h[..h.len() - c.len_utf8()];
        if !rest.is_empty() && !rest.ends_with([' ', '\u{a0}', '.', '(', '\n']) {
            break;
        }
        initials.insert(0, c);
        t = rest.trim_end_matches([' ', '\u{a0}']);
    }
    // (Not an abbreviation read as initials: "the U.S. Kyiv embassy".)
    let abbreviation = matches!(initials.as_str(), "US" | "UK" | "EU" | "UN" | "I");
    (!initials.is_empty() && !abbreviation)
        .then(|| Guard::Person(format!("{} {word}", before[t.len()..].trim_start())))
}
