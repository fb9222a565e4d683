//! The oblasts a text names: "Donetsk Oblast", "the Sumy region", "region of Kharkiv", "на
//! Донеччині", "у Харківській області". Context for namesakes (see `context.rs`); the table below
//! is data (Latin names, Cyrillic adjective stems, stems that name the oblast alone).

use std::collections::BTreeSet;

use super::guards::Guard;
use super::{Occurrence, is_apostrophe};

/// One oblast's names as a text may give them: Latin names (followed by an area word, or
/// standing alone when `alone`), Cyrillic adjective stems (followed by "област…"), and
/// Cyrillic stems that name the oblast on their own ("Донеччина", "Буковина").
struct Oblast {
    iso: &'static str,
    latin: &'static [&'static str],
    adjective: &'static [&'static str],
    alone: &'static [&'static str],
}

const fn ob(
    iso: &'static str,
    latin: &'static [&'static str],
    adjective: &'static [&'static str],
    alone: &'static [&'static str],
) -> Oblast {
    Oblast {
        iso,
        latin,
        adjective,
        alone,
    }
}

const OBLASTS: &[Oblast] = &[
    ob(
        "UA-05",
        &["Vinnytsia", "Vinnytsya", "Vinnitsa"],
        &["Вінницьк", "Винницк"],
        &["Вінниччин"],
    ),
    ob(
        "UA-07",
        &["Volyn", "Volhynia"],
        &["Волинськ", "Волынск"],
        &["Волин", "Волын"],
    ),
    ob(
        "UA-09",
        &["Luhansk", "Lugansk"],
        &["Луганськ", "Луганск"],
        &["Луганщин"],
    ),
    ob(
        "UA-12",
        &["Dnipropetrovsk", "Dnepropetrovsk", "Dnipro"],
        &["Дніпропетровськ", "Днепропетровск"],
        &["Дніпропетровщин", "Дніпровщин"],
    ),
    ob("UA-14", &["Donetsk"], &["Донецьк", "Донецк"], &["Донеччин"]),
    ob(
        "UA-18",
        &["Zhytomyr", "Zhitomir"],
        &["Житомирськ", "Житомирск"],
        &["Житомирщин"],
    ),
    ob(
        "UA-21",
        &["Zakarpattia", "Transcarpathia", "Transcarpathian"],
        &["Закарпатськ"],
        &["Закарпатт"],
    ),
    ob(
        "UA-23",
        &[
            "Zaporizhzhia",
            "Zaporizhia",
            "Zaporozhye",
            "Zaporizhzhya",
            "Zaporizhya",
        ],
        &["Запорізьк", "Запорожск"],
        &["Запоріжчин"],
    ),
    ob(
        "UA-26",
        &["Ivano-Frankivsk"],
        &["Івано-Франківськ"],
        &["Прикарпатт", "Івано-Франківщин"],
    ),
    ob(
        "UA-32",
        &["Kyiv", "Kiev"],
        &["Київськ", "Киевск"],
        &["Київщин"],
    ),
    ob(
        "UA-35",
        &["Kirovohrad", "Kirovograd"],
        &["Кіровоградськ", "Кировоградск"],
        &["Кіровоградщин"],
    ),
    ob(
        "UA-46",
        &["Lviv", "Lvov"],
        &["Львівськ", "Львовск"],
        &["Львівщин"],
    ),
    ob(
        "UA-48",
        &["Mykolaiv", "Nikolaev", "Mykolayiv", "Nikolayev"],
        &["Миколаївськ", "Николаевск"],
        &["Миколаївщин"],
    ),
    ob(
        "UA-51",
        &["Odesa", "Odessa"],
        &["Одеськ", "Одесск"],
        &["Одещин"],
    ),
    ob(
        "UA-53",
        &["Poltava"],
        &["Полтавськ", "Полтавск"],
        &["Полтавщин"],
    ),
    ob(
        "UA-56",
        &["Rivne", "Rovno"],
        &["Рівненськ", "Ровенск"],
        &["Рівненщин"],
    ),
    ob("UA-59", &["Sumy"], &["Сумськ", "Сумск"], &["Сумщин"]),
    ob(
        "UA-61",
        &["Ternopil"],
        &["Тернопільськ", "Тернопольск"],
        &["Тернопільщин"],
    ),
    ob(
        "UA-63",
        &["Kharkiv", "Kharkov"],
        &["Харківськ", "Харьковск"],
        &["Харківщин"],
    ),
    ob(
        "UA-65",
        &["Kherson"],
        &["Херсонськ", "Херсонск"],
        &["Херсонщин"],
    ),
    ob(
        "UA-68",
        &["Khmelnytskyi", "Khmelnytsky", "Khmelnitsky"],
        &["Хмельницьк", "Хмельницк"],
        &["Хмельниччин"],
    ),
    ob(
        "UA-71",
        &["Cherkasy", "Cherkassy"],
        &["Черкаськ", "Черкасск"],
        &["Черкащин"],
    ),
    ob(
        "UA-74",
        &["Chernihiv", "Chernigov"],
        &["Чернігівськ", "Черниговск"],
        &["Чернігівщин"],
    ),
    ob(
        "UA-77",
        &["Chernivtsi", "Chernovtsy"],
        &["Чернівецьк", "Черновицк"],
        &["Буковин"],
    ),
    CRIMEA,
];

/// The oblasts' centres (canonical names), by ISO code.
pub(super) const CENTRES: &[(&str, &str)] = &[
    ("UA-05", "Vinnytsia"),
    ("UA-07", "Lutsk"),
    ("UA-09", "Luhansk"),
    ("UA-12", "Dnipro"),
    ("UA-14", "Donetsk"),
    ("UA-18", "Zhytomyr"),
    ("UA-21", "Uzhhorod"),
    ("UA-23", "Zaporizhzhia"),
    ("UA-26", "Ivano-Frankivsk"),
    ("UA-30", "Kyiv"),
    ("UA-35", "Kropyvnytskyi"),
    ("UA-40", "Sevastopol"),
    ("UA-43", "Simferopol"),
    ("UA-46", "Lviv"),
    ("UA-48", "Mykolaiv"),
    ("UA-51", "Odesa"),
    ("UA-53", "Poltava"),
    ("UA-56", "Rivne"),
    ("UA-59", "Sumy"),
    ("UA-61", "Ternopil"),
    ("UA-63", "Kharkiv"),
    ("UA-65", "Kherson"),
    ("UA-68", "Khmelnytskyi"),
    ("UA-71", "Cherkasy"),
    ("UA-74", "Chernihiv"),
    ("UA-77", "Chernivtsi"),
];

/// Whether the city `name` in oblast `iso` is the oblast's centre.
pub(super) fn is_centre(name: &str, iso: &str) -> bool {
    CENTRES.iter().any(|(o, c)| *o == iso && *c == name)
}

/// Crimea, named alone in English too.
const CRIMEA: Oblast = ob("UA-43", &["Crimea", "Crimean"], &["Кримськ"], &["Крим"]);

/// The oblasts' Latin adjectival names, as the UN (OCHA) and Ukrainian bodies write them in
/// English ("Donetska Oblast", "Donetska, Kharkivska and Sumska oblasts"): no place bears one,
/// so each names its oblast alone.
const LATIN_ADJECTIVES: &[(&str, &str)] = &[
    ("Vinnytska", "UA-05"),
    ("Volynska", "UA-07"),
    ("Luhanska", "UA-09"),
    ("Dnipropetrovska", "UA-12"),
    ("Donetska", "UA-14"),
    ("Zhytomyrska", "UA-18"),
    ("Zakarpatska", "UA-21"),
    ("Zaporizka", "UA-23"),
    ("Ivano-Frankivska", "UA-26"),
    ("Kyivska", "UA-32"),
    ("Kirovohradska", "UA-35"),
    ("Lvivska", "UA-46"),
    ("Mykolaivska", "UA-48"),
    ("Odeska", "UA-51"),
    ("Poltavska", "UA-53"),
    ("Rivnenska", "UA-56"),
    ("Sumska", "UA-59"),
    ("Ternopilska", "UA-61"),
    ("Kharkivska", "UA-63"),
    ("Khersonska", "UA-65"),
    ("Khmelnytska", "UA-68"),
    ("Cherkaska", "UA-71"),
    ("Chernihivska", "UA-74"),
    ("Chernivetska", "UA-77"),
];

/// The oblast that `w` is the Latin adjectival name of ("Donetska"), if it is one.
fn latin_adjective(w: &str) -> Option<&'static str> {
    LATIN_ADJECTIVES
        .iter()
        .find(|(a, _)| *a == w)
        .map(|(_, iso)| *iso)
}

/// Area words that make a Latin oblast name name the oblast ("Kharkiv Gov. Oleh Syniehubov",
/// in the American press, is the oblast's governor; "the Lugansk People's Republic", in Russian
/// claims, is Luhansk Oblast).
const LATIN_AREA: &[&str] = &[
    "oblast",
    "people's",
    "people’s",
    "region",
    "province",
    "regional",
    "governor",
    "gov",
    "oblasts",
    "regions",
    "provinces",
    "rma",
    "rsa",
    "ova",
    "oda",
];

/// Whether `w` is an English word for one oblast ("region", "Oblast", "province"; the plurals,
/// "regional" and "governor" are `areas::is_oblast_word` too).
pub(super) fn is_singular_oblast_word(w: &str) -> bool {
    ["region", "oblast", "province"]
        .iter()
        .any(|a| w.eq_ignore_ascii_case(a))
}

/// Whether `w` is a Latin name of an oblast ("Sumy", "Crimean", "Sumska").
pub(super) fn is_latin_name(w: &str) -> bool {
    OBLASTS.iter().any(|o| o.latin.contains(&w))
        || (w.ends_with("ka") && latin_adjective(w).is_some())
}

/// The oblast whose Latin name `w` is ("Dnipropetrovsk", "Lugansk").
pub(super) fn latin_oblast(w: &str) -> Option<&'static str> {
    OBLASTS.iter().find(|o| o.latin.contains(&w)).map(|o| o.iso)
}

/// Adds to `out` the oblasts that the capitalised word `w` names, between the two words before
/// it (`prev2`) and the word after it.
pub(super) fn oblasts_of_word(
    w: &str,
    next: &str,
    prev2: [&str; 2],
    out: &mut BTreeSet<&'static str>,
) {
    let area_next = LATIN_AREA.iter().any(|a| next.eq_ignore_ascii_case(a));
    let area_before =
        (prev2[1] == "of" && is_singular_oblast_word(prev2[0])) || oblast_words_before(prev2);
    // Every Cyrillic stem starts with a Cyrillic capital: an ASCII word can only be a Latin
    // name, and one without an area word beside it only Crimea's (most capitalised words of
    // English prose).
    let ascii = w.as_bytes().first().is_some_and(u8::is_ascii);
    // "Near the border with Donetsk Oblast": a neighbour, not where the place lies.
    if ascii && prev2[1] == "with" && prev2[0].starts_with("border") {
        return;
    }
    if let Some(iso) = latin_adjective(w) {
        out.insert(iso);
        return;
    }
    if let Some(iso) = region_after_na(prev2[1], w) {
        out.insert(iso);
        return;
    }
    if ascii && !area_next && !area_before {
        if CRIMEA.latin.contains(&w) {
            out.insert(CRIMEA.iso);
        }
        return;
    }
    // "Луганської ОВА" (the oblast's military administration) names the oblast too, as do
    // "Луганської обласної військової адміністрації", "Луганської ВЦА" (military-civil) and
    // "облдержадміністрації".
    let oblast_next = next.starts_with("област")
        || next.starts_with("обласн")
        || next.starts_with("облдерж")
        || matches!(next, "обл" | "ОВА" | "ОДА" | "ОВР" | "ОДР" | "ВЦА" | "ОВЦА");
    for o in OBLASTS {
        if named(o, w, area_next || area_before, oblast_next) {
            out.insert(o.iso);
        }
    }
}

/// Whether the two words before a Latin name end one of the guard words that make it its
/// oblast ("New Village In Ukraine's Donetsk", "all in Donetsk": see
/// `guards::oblast_words_before`), so that the text names that oblast.
fn oblast_words_before(prev2: [&str; 2]) -> bool {
    // ("Rusyn Yar-all in Donetsk": a hyphen typed for a dash joins the word before.)
    let prev = prev2.map(|w| super::guards::fold(w.rsplit('-').next().unwrap_or(w)));
    super::guards::oblast_words_before(&prev).is_some()
}

/// Words between a place and the oblast it lies in: "Hroza in Ukraine's Kharkiv region",
/// "Pisky, in the Donetsk region", "Kreminna in eastern Luhansk Oblast", "у Бахмуті на
/// Донеччині", "в Ізюмі у Харківській області".
const OBLAST_LEADS: &[&str] = &[
    "in",
    // "Viroliubivka Village in Donetska Oblast" (OCHA).
    "village",
    "town",
    "city",
    "the",
    "ukraine's",
    "ukraine’s",
    "eastern",
    "western",
    "northern",
    "southern",
    "northeastern",
    "southeastern",
    "northwestern",
    "southwestern",
    "north-eastern",
    "south-eastern",
    "north-western",
    "south-western",
    "на",
    "у",
    "в",
];

/// The oblast named right after byte `end` of `text` ("Чернігівської області", "Luhansk
/// Oblast", "in the Kharkiv region", "на Харківщині"; also after a comma: then `true` beside
/// it).
pub(super) fn oblast_after(text: &str, end: usize) -> Option<(&'static str, bool)> {
    let rest = text[end..].trim_start_matches([' ', '\u{a0}']);
    let (mut rest, comma) = match rest.strip_prefix(',') {
        Some(r) => (r.trim_start_matches([' ', '\u{a0}']), true),
        None => (rest, false),
    };
    let mut lead = "";
    for _ in 0..3 {
        let word = rest.split([' ', '\u{a0}']).next().unwrap_or("");
        if word.len() == rest.len() || !OBLAST_LEADS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        lead = word;
        rest = rest[word.len()..].trim_start_matches([' ', '\u{a0}']);
    }
    let first = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if let Some(iso) = region_after_na(lead, first) {
        return Some((iso, comma));
    }
    if !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let own_name = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .and_then(oblast_of_own_name);
    if let Some(iso) = own_name {
        return Some((iso, comma));
    }
    let mut words = rest
        .split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c) || c == '-'))
        .take(2);
    let (w, next) = (words.next()?, words.next().unwrap_or(""));
    if !rest[w.len()..].starts_with([' ', '\u{a0}']) {
        return None;
    }
    let latin_area = ["oblast", "region", "province"]
        .iter()
        .any(|a| next.eq_ignore_ascii_case(a));
    let cyrillic_area = next.starts_with("област") || next == "обл";
    if let Some(iso) = latin_adjective(w) {
        return Some((iso, comma));
    }
    OBLASTS
        .iter()
        .find(|o| {
            (latin_area && o.latin.contains(&w))
                || (cyrillic_area && o.adjective.iter().any(|s| w.starts_with(s)))
        })
        .map(|o| (o.iso, comma))
}

/// The oblast a city's name after "на" stands for ("на Запоріжжі": the region, where the city
/// would take "у"); see `guard_words::REGIONS_AFTER_NA`. Not "на Дніпрі", which is as often the
/// river.
fn region_after_na(prev: &str, w: &str) -> Option<&'static str> {
    (matches!(prev, "на" | "На") && w == "Запоріжжі").then_some("UA-23")
}

/// An oblast's Latin name alone right after byte `end` of `text` and "in" (", in", "in
/// Ukraine's", "in eastern"), ending its clause: "Zelenyi Hai and Dobropillia in Zaporizhzhia",
/// where the city's name stands for its oblast. With the oblast, where its name starts.
pub(super) fn oblast_alone_after(text: &str, end: usize) -> Option<(&'static str, usize)> {
    let rest = text[end..].trim_start_matches([' ', '\u{a0}']);
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let rest = rest
        .trim_start_matches([' ', '\u{a0}'])
        .strip_prefix("in ")?;
    let mut rest = rest.trim_start_matches([' ', '\u{a0}']);
    let word = rest.split([' ', '\u{a0}']).next().unwrap_or("");
    let lead = word.to_lowercase();
    let lead = lead.as_str();
    if word.len() < rest.len()
        && OBLAST_LEADS.contains(&lead)
        && !matches!(
            lead,
            "in" | "village" | "town" | "city" | "the" | "на" | "у" | "в"
        )
    {
        rest = rest[word.len()..].trim_start_matches([' ', '\u{a0}']);
    }
    let w = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()?;
    let after = rest[w.len()..].trim_start_matches([' ', '\u{a0}']);
    // The clause ends (a punctuation mark, the text's end) or goes on in lower case ("and", "on
    // Sunday"): not "Kharkiv City", nor "Kharkiv Oblast" (which `oblast_after` reads).
    if after.starts_with(char::is_uppercase) || after.starts_with(char::is_numeric) {
        return None;
    }
    let o = OBLASTS
        .iter()
        .find(|o| o.iso != CRIMEA.iso && o.latin.contains(&w))?;
    Some((o.iso, text.len() - rest.len()))
}

/// The case endings of the oblasts' own names (Харківщин-а, -и, -і, -у, -ою; Волин-ь, -і, -ню;
/// Закарпатт-я, -ям): not -ка, so the villages Буковинка and Волинка keep their names.
const OWN_NAME_ENDINGS: &[&str] = &["а", "и", "і", "у", "ою", "ь", "я", "ю", "ям", "ню"];

/// Cities' former names that their oblasts bear today, with the oblast: Dnipro was Dnipropetrovsk
/// until 2016 and Kropyvnytskyi Kirovohrad, and the oblasts keep those names.
const FORMER_CITY_OBLAST_NAMES: &[(&str, &str)] = &[
    ("Dnipropetrovsk", "UA-12"),
    ("Дніпропетровськ", "UA-12"),
    ("Днепропетровск", "UA-12"),
    ("Kirovohrad", "UA-35"),
    ("Kirovograd", "UA-35"),
    ("Кіровоград", "UA-35"),
    ("Кировоград", "UA-35"),
];

/// Marks as [`Guard::Region`] a city's former name that is its oblast's name today, written
/// alone, where the text names that oblast: "Zelensky refuted reports of Russian troops
/// advancing into the Dnipropetrovsk region … lower population density in Dnipropetrovsk
/// compared to Donetsk" is the oblast. Where the text names no such oblast the name stays the
/// city ("Let's go to Dnipropetrovsk", in a story of 2014), and so it does in a text on the
/// renamings.
pub(super) fn former_names_of_oblasts(text: &str, occ: &mut [Occurrence]) {
    let former = |o: &Occurrence| {
        o.guard
            .is_none()
            .then(|| former_oblast(&text[o.start..o.end]))?
    };
    // (A text on the renamings speaks of the cities: "the Rada renamed Kirovohrad".)
    if !occ.iter().any(|o| former(o).is_some())
        || text.contains("renam")
        || text.contains("переймен")
    {
        return;
    }
    let named = super::words::named_in(text).oblasts;
    for o in occ.iter_mut() {
        if former(o).is_some_and(|iso| named.contains(&iso)) {
            o.guard = Some(Guard::Region(text[o.start..o.end].to_string()));
        }
    }
}

/// The oblast whose name `word` (a form of a city's former name) is today, if it is one of
/// [`FORMER_CITY_OBLAST_NAMES`].
fn former_oblast(word: &str) -> Option<&'static str> {
    FORMER_CITY_OBLAST_NAMES
        .iter()
        .find(|(n, _)| word.starts_with(n))
        .map(|(_, iso)| *iso)
}

/// Whether the Cyrillic word `w` is a form of an oblast's own name ("Харківщину", "Донеччини",
/// "на Буковині"): the oblast, never the village that bears the same name (a Харківщина lies in
/// Sumy Oblast, a Буковина in Lviv Oblast).
pub(super) fn is_oblast_name(w: &str) -> bool {
    oblast_of_own_name(w).is_some()
}

/// The oblast whose own name the Cyrillic word `w` is a form of (see [`is_oblast_name`]).
fn oblast_of_own_name(w: &str) -> Option<&'static str> {
    OBLASTS
        .iter()
        .filter(|o| o.iso != CRIMEA.iso)
        .find(|o| {
            o.alone.iter().any(|s| {
                w.strip_prefix(s)
                    .is_some_and(|ending| OWN_NAME_ENDINGS.contains(&ending))
            })
        })
        .map(|o| o.iso)
}

/// Whether word `w` names oblast `o`, with an area word beside it (`latin_area`: "Sumy region",
/// "region of Sumy") or a form of "область" after it.
fn named(o: &Oblast, w: &str, latin_area: bool, oblast_next: bool) -> bool {
    let crimea = o.iso == CRIMEA.iso && o.latin.contains(&w);
    if o.latin.contains(&w) && (latin_area || crimea) {
        return true;
    }
    // "Крим", "Криму", "Кримом", not the villages Кримське, Кримки.
    let crimea_form = matches!(w, "Крим" | "Криму" | "Кримом" | "Кримі");
    if (o.iso != CRIMEA.iso || crimea_form) && o.alone.iter().any(|s| w.starts_with(s)) {
        return true;
    }
    oblast_next && o.adjective.iter().any(|s| w.starts_with(s))
}
