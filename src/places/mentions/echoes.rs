//! A name read once as something else is read so again in the same text.
//!
//! One river, one sense: where a text names a river ("від річки Дніпро", "на лівому березі
//! Дніпра", "the Dnipro River"), the same name elsewhere in it is the river too ("4 км від
//! Дніпра", "the Dnipro"), not the city called after it, unless a word says it is the city
//! ("місто Дніпро", "у Дніпрі", "the city of Dnipro"). In English only "the" before the name
//! reads as the river (a city takes no article: "strikes on Dnipro" stays the city). Ukraine's
//! rivers that share a settlement's name (Дніпро, Десна, Інгулець, Оскіл, Сула) are named this
//! way in reports from the towns along them.
//!
//! One person, one sense: a surname the text gives after a first name ("Vitaliy Kim") is that
//! person when it stands alone later ("Kim said"), not a village once so called; so is a first
//! name given with another ("Nadiia and Anatoliy", then "explains Nadiia").
//!
//! One club, one sense: a name that a club's (or firm's) name gives before a place's name
//! ("Zorya Luhansk", «Інгулець» (Петрове)) is the club when it stands alone elsewhere ("Zorya
//! will host United"), not a village so called. (Not the place after it: "Shakhtar Donetsk"
//! leaves "in Donetsk" the city; nor a name before a word that is no place's: the "Kyiv" of
//! "Kyiv Post" is still the city elsewhere.)

use super::Occurrence;
use super::guards::{Guard, fold};

/// Words that make an area guard a river's: the word itself or the first word of a guard's
/// words ("березі", "bank of the").
const RIVER_WORDS: &[&str] = &[
    "river",
    "rivers",
    "річка",
    "річки",
    "річці",
    "річкою",
    "река",
    "реки",
    "bank",
    "banks",
    "березі",
    "берега",
    "берегу",
    "береги",
    "берегах",
    "берегом",
];

/// Words before a Cyrillic name that say it is the city (in lower case): "місто Дніпро", "м.
/// Дніпро", "у Дніпрі".
const CITY_BEFORE: &[&str] = &["місто", "міста", "місті", "містом", "м", "у", "в"];

/// Whether `guard` reads the name as a river.
fn is_river(guard: &Guard) -> bool {
    let words = match guard {
        Guard::After(w) | Guard::Before(w) | Guard::Listed(w) => w,
        _ => return false,
    };
    words
        .split(' ')
        .any(|w| RIVER_WORDS.contains(&fold(w).as_str()))
}

/// Guards the occurrences of a name the text also names as a river (see the module
/// documentation), but those a word says are the city.
pub(super) fn same_river(text: &str, occ: &mut [Occurrence]) {
    let rivers: Vec<(u32, String)> = occ
        .iter()
        .filter_map(|o| {
            let g = o.guard.as_ref()?;
            is_river(g).then(|| (o.name, text[o.start..o.end].to_string()))
        })
        .collect();
    if rivers.is_empty() {
        return;
    }
    for o in occ.iter_mut().filter(|o| o.guard.is_none()) {
        let Some((_, river)) = rivers.iter().find(|(n, _)| *n == o.name) else {
            continue;
        };
        let prev = text[..o.start]
            .trim_end_matches([' ', '\u{a0}'])
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let river_reading = if text[o.start..o.end].is_ascii() {
            prev.eq_ignore_ascii_case("the")
        } else {
            !CITY_BEFORE.contains(&fold(prev).as_str())
        };
        if river_reading {
            o.guard = Some(Guard::SameRiver(river.clone()));
        }
    }
}

/// Guards the occurrences of a name the text also gives as a person's surname (see the module
/// documentation).
pub(super) fn same_person(text: &str, occ: &mut [Occurrence]) {
    let people: Vec<(u32, String)> = occ
        .iter()
        .filter_map(|o| match &o.guard {
            Some(Guard::Person(p)) if names_alone(p, &text[o.start..o.end]) => {
                Some((o.name, p.clone()))
            }
            _ => None,
        })
        .collect();
    for o in occ.iter_mut().filter(|o| o.guard.is_none()) {
        if let Some((_, p)) = people.iter().find(|(n, _)| *n == o.name) {
            o.guard = Some(Guard::Person(p.clone()));
        }
    }
}

/// Whether the person `p` (a guard's words) is called `word` when named alone: by the surname
/// after a first name ("Vitaliy Kim": Kim), or by either of two first names joined ("Nadiia and
/// Anatoliy").
fn names_alone(p: &str, word: &str) -> bool {
    let mut parts = p.split(' ');
    let pair = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(join), Some(b), None) if super::things::JOINERS.contains(&join) => {
            a == word || b == word
        }
        _ => false,
    };
    pair || (p.ends_with(word) && p.contains(' '))
}

/// Guards the occurrences of a name the text also gives as a club's before a place's name (see
/// the module documentation).
pub(super) fn same_club(occ: &mut [Occurrence]) {
    let clubs: Vec<(u32, String)> = occ
        .iter()
        .enumerate()
        .filter_map(|(i, o)| match &o.guard {
            Some(Guard::Organisation(org))
                if occ[i + 1..].iter().any(|p| {
                    p.name != o.name
                        && p.start < o.end + org.len()
                        && p.guard.as_ref() == o.guard.as_ref()
                }) =>
            {
                Some((o.name, org.clone()))
            }
            _ => None,
        })
        .collect();
    if clubs.is_empty() {
        return;
    }
    for o in occ.iter_mut().filter(|o| o.guard.is_none()) {
        if let Some((_, org)) = clubs.iter().find(|(n, _)| *n == o.name) {
            o.guard = Some(Guard::Organisation(org.clone()));
        }
    }
}
