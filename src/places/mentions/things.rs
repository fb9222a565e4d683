//! Names of things and people that hold a place's name, found by their shape rather than by a
//! list: a club's seat in brackets after its quoted name («Карпати» (Львів), «Інгулець»
//! (Петрове)), a quoted club after its city's adjective or in a fixture (хмельницьке «Поділля»,
//! «Полтава» - «Епіцентр»), a quoted name that joins a place's name to another word
//! («Гірник-Спорт», «Чернігів-ШВСМ», «Дніпро-1»), an institution or plant called by a city's
//! adjective ("Донецький національний університет", "Авдіївського КХЗ"), a person named after
//! initials ("Т.Г. Шевченка", "A. Komar") or after "імені" ("університет імені Шевченка"), and a
//! former name with today's in brackets ("Ярошівка (тепер Українське)").
//!
//! Sports and culture pages list clubs this way by the dozen: a First League round's fixtures
//! name fifteen cities, none of them as a place the story is about.

use super::guards::{CLOSING, Guard, OPENING, next_word, quotes_around};

/// Why the occurrence at `start..end` of `text` names a thing or a person, if it does.
/// (`name` is the name the occurrence spells.)
pub(super) fn check(text: &str, start: usize, end: usize, name: &str) -> Option<Guard> {
    seat(text, start, end)
        .or_else(|| former(text, start, end))
        .or_else(|| quoted_compound(text, start, end))
        .or_else(|| institution(text, start, end, name))
        .or_else(|| person(text, start, end))
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
    let rest = text[end..]
        .trim_start_matches([' ', '\u{a0}'])
        .strip_prefix('(')?;
    let now = ["тепер ", "нині ", "зараз ", "now ", "today ", "currently "]
        .iter()
        .find(|w| rest.starts_with(*w))?;
    let today = &rest[now.len()..];
    let today = &today[..today.find(')')?];
    (today.starts_with(char::is_uppercase) && today.len() <= 60)
        .then(|| Guard::Former(format!("{} ({now}{today})", &text[start..end])))
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
