//! Lists of names: a plural area word after a list covers all its names ("the Donetsk, Luhansk
//! and Zaporizhzhia regions", "на Лиманському та Краматорському напрямках", also through items
//! that are no gazetteer names, and a singular one after a list of areas' adjectives), one
//! before a list covers the names after it ("regions of Sumy and Donetsk", also after items
//! that are no names), and an oblast named after a list puts its names in it ("Клюси, Хрінівка
//! Чернігівської області").

use super::guards::{Guard, lowercase};
use super::{Matcher, Occurrence, guard_words, is_apostrophe, oblasts};

impl Matcher {
    /// Marks as [`Guard::Listed`] the last name of a list whose last items are no gazetteer
    /// names, before a plural area word ("на Лиманському та Краматорському напрямках": no
    /// name ends in "Краматорському"), so that [`cover_lists`] covers the list from there.
    pub(super) fn cover_ends(&self, text: &str, occ: &mut [Occurrence]) {
        for i in 0..occ.len() {
            if !open_to_cover(&occ[i]) {
                continue;
            }
            let to = occ.get(i + 1).map_or(text.len(), |o| o.start);
            // A list ends with its line ("…та Куп’янському напрямках.\n\nПро це…").
            let tail = text[occ[i].end..to].split('\n').next().unwrap_or("");
            // Walk the list's words (items, joining words) up to a plural area word; anything
            // else (a lower-case word, punctuation) ends the list. Most names are followed by
            // a lower-case word: one look.
            let mut at = None;
            // Whether every item so far is an area's adjective: then a singular area word ends
            // the list too ("Новорайська, Милівська та Тягинська територіальна громада").
            let mut adjectives = is_area_adjective(&text[occ[i].start..occ[i].end]);
            for w in tail.split([' ', '\u{a0}', ',']) {
                // `w` is a slice of `tail`: its offset there.
                let here = w.as_ptr() as usize - tail.as_ptr() as usize;
                if w.is_empty() {
                    continue;
                }
                let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                if self.guards.is_plural_after(bare)
                    || (adjectives && self.guards.is_area_after(bare))
                {
                    at = Some(here);
                    break;
                }
                // (A compound's second part counts with its first: "Seredyna-Bud, Novoslobid and
                // Yunakivska communities", where only "Seredyna" is a name.)
                let item = w.trim_start_matches('-').starts_with(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || is_apostrophe(c));
                adjectives &= !item || is_area_adjective(w);
                if !(item
                    || is_joint_word(w)
                    || OTHER.contains(&lowercase(w).as_ref())
                    || guard_words::LIST_ADJECTIVES.contains(&lowercase(w).as_ref()))
                {
                    break;
                }
            }
            let Some(at) = at else {
                continue;
            };
            let before = tail[..at].trim_end();
            // "Donetsk, Kherson, and other fronts": the list ends with "other" before its plural,
            // where the plural is the noun ("and other frontline villages" names villages).
            let word = tail[at..].split([' ', '\u{a0}', ',']).next().unwrap_or("");
            let plural = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            let after = tail[at + word.len()..].trim_start();
            let noun = plural.len() < word.len()
                || after.is_empty()
                || after.starts_with(|c: char| !c.is_alphanumeric())
                || after
                    .split(' ')
                    .next()
                    .is_some_and(|w| OTHER_THEN.contains(&w));
            let other = noun
                && OTHER.iter().any(|o| {
                    before
                        .strip_suffix(o)
                        .is_some_and(|joint| !joint.trim().is_empty() && is_list_joint(joint))
                });
            let Some((joint, last)) = before.rsplit_once(char::is_whitespace) else {
                continue;
            };
            let item = last.chars().next().is_some_and(char::is_uppercase)
                && last
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || is_apostrophe(c));
            let form = &text[occ[i].start..occ[i].end];
            if (other
                || item
                    && is_list_joint(joint)
                    && !joint.trim().is_empty()
                    && same_case(form, last))
                && reads_as_area(form)
            {
                occ[i].guard = Some(Guard::Listed(plural.to_string()));
                occ[i].cover = Some(true);
            }
        }
    }

    /// Marks as [`Guard::Listed`] a name in a list of areas' adjectives whose first items are
    /// no gazetteer names, after a plural area word that introduces the list: "по трьох
    /// районах - Нікопольському, Синельниківському та Дніпровському" (no name is
    /// "Нікопольському"), "вулицями Полтавська, Покровська".
    pub(super) fn cover_starts(&self, text: &str, occ: &mut [Occurrence]) {
        for o in occ.iter_mut().filter(|o| o.guard.is_none()) {
            let word = &text[o.start..o.end];
            if !is_area_adjective(word) {
                continue;
            }
            // Walk back over the list's items to its first (within the line).
            let line = text[..o.start].rfind('\n').map_or(0, |k| k + 1);
            let (mut head, mut first) = (o.start, None);
            loop {
                let before = text[line..head].trim_end_matches([' ', '\u{a0}']);
                let Some(rest) = before.strip_suffix(',').or_else(|| {
                    let (rest, joint) = before.rsplit_once(' ')?;
                    is_joint_word(joint).then_some(rest)
                }) else {
                    break;
                };
                let rest = rest.trim_end_matches([' ', '\u{a0}']);
                let from = rest
                    .trim_end_matches(|c: char| c.is_alphabetic() || c == '-' || is_apostrophe(c))
                    .len();
                let item = &rest[from..];
                if !(item.starts_with(char::is_uppercase) && is_area_adjective(item)) {
                    break;
                }
                head = line + from;
                first = Some(item);
            }
            // The first item's guard, if it covers the list after it.
            if let Some(item) = first
                && let Some((guard, Some(false))) =
                    self.guards.check(text, head, head + item.len(), item)
            {
                o.guard = Some(Guard::Listed(covering_word(&Some(guard))));
                o.cover = Some(false);
            }
        }
    }
}

/// Marks the names listed before a plural area word after them, or after one before them,
/// as [`Guard::Listed`].
pub(super) fn cover_lists(text: &str, occ: &mut [Occurrence]) {
    for i in (0..occ.len().saturating_sub(1)).rev() {
        if open_to_cover(&occ[i])
            && occ[i + 1].cover == Some(true)
            && is_list_joint(&text[occ[i].end..occ[i + 1].start])
            && reads_as_area(&text[occ[i].start..occ[i].end])
            && same_case(
                &text[occ[i].start..occ[i].end],
                &text[occ[i + 1].start..occ[i + 1].end],
            )
        {
            occ[i].guard = Some(Guard::Listed(covering_word(&occ[i + 1].guard)));
            occ[i].cover = Some(true);
        }
    }
    for i in 1..occ.len() {
        if occ[i].guard.is_none()
            && occ[i - 1].cover == Some(false)
            && is_list_joint(&text[occ[i - 1].end..occ[i].start])
        {
            occ[i].guard = Some(Guard::Listed(covering_word(&occ[i - 1].guard)));
            occ[i].cover = Some(false);
        }
    }
}

/// Whether a plural area word may cover occurrence `o`: one with no guard, or one that words
/// before it make its oblast's, which is still a list's item ("in Lugansk, Donetsk and southern
/// Ukraine's Zaporozhye and Kherson regions").
fn open_to_cover(o: &Occurrence) -> bool {
    match &o.guard {
        None => true,
        Some(Guard::Before(w)) => guard_words::BEFORE_OBLAST.contains(&w.as_str()),
        Some(_) => false,
    }
}

/// The plural area word that covers a list, from the guard of a name it covers ("regions" for
/// "regions of", whose first word it is).
fn covering_word(guard: &Option<Guard>) -> String {
    match guard {
        Some(Guard::After(w) | Guard::Listed(w)) => w.clone(),
        Some(Guard::Before(w)) => w.split(' ').next().unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// Whether a word a plural area word after it may cover is an area's name: any Latin word ("the
/// Donetsk, Luhansk and Zaporizhzhia regions"), but in Ukrainian and Russian only an adjective in
/// -ськ-, -цьк-, -зьк- ("Марганецька, Покровська та Мирівська громади"), as areas' names are, so
/// that "Нікополь, Марганецька та Мирівська громади" still names the city.
fn reads_as_area(word: &str) -> bool {
    if !word.starts_with(super::is_cyrillic) {
        return true;
    }
    let lower = word.to_lowercase();
    let tail: String = {
        let chars: Vec<char> = lower.chars().collect();
        chars[chars.len().saturating_sub(6)..].iter().collect()
    };
    ["ськ", "цьк", "зьк", "ск", "цк", "зк"]
        .iter()
        .any(|a| tail.contains(a))
}

/// Whether a Cyrillic word is an adjective of the kind areas are called by, in some case:
/// "Тягинська", "Дніпровському" (not "Покровськ", which [`reads_as_area`] lets through).
fn is_area_adjective(word: &str) -> bool {
    adjective_ending(word).is_some()
}

/// The case ending of a Cyrillic word that is an adjective of the kind areas are called by.
fn adjective_ending(word: &str) -> Option<&'static str> {
    // (Longest first: "Лиманської" ends in "ої", not "і".)
    const ENDINGS: &[&str] = &[
        "ого", "ому", "ими", "ої", "ій", "ою", "им", "ий", "их", "ім", "а", "у", "е", "і",
    ];
    let lower = word.to_lowercase();
    ENDINGS.iter().copied().find(|e| {
        lower
            .strip_suffix(e)
            .is_some_and(|stem| ["ськ", "цьк", "зьк"].iter().any(|a| stem.ends_with(a)))
    })
}

/// Whether two items of a Cyrillic list agree in case as areas' adjectives do: "Марганецька,
/// Покровська та Мирівська громади", but not "з Добропілля, Білозерського, Святогірська та
/// Лиманської громади", where Білозерського and Святогірська are the genitives of a town's
/// names and only Лиманської the community's. (Latin words always agree.)
fn same_case(a: &str, b: &str) -> bool {
    !a.starts_with(super::is_cyrillic)
        || !b.starts_with(super::is_cyrillic)
        || adjective_ending(a) == adjective_ending(b)
}

/// Gives the occurrences an oblast named right after them its scope: after a comma the one
/// before it ("Stelmakhivka, Luhansk Oblast"), else the whole list it ends ("Блешня, Клюси,
/// Гута-Студенецька Чернігівської області; Нова Гута, Зарічне Сумської області").
pub(super) fn scope_lists(text: &str, occ: &mut [Occurrence]) {
    for i in 0..occ.len() {
        if occ[i].guard.is_some() {
            continue;
        }
        let Some((iso, comma)) = oblasts::oblast_after(text, occ[i].end).or_else(|| {
            // "Dobropillia in Zaporizhzhia": the city's name is its oblast's here.
            let (iso, at) = oblasts::oblast_alone_after(text, occ[i].end)?;
            let city = occ[i + 1..].iter_mut().find(|o| o.start == at)?;
            city.guard = Some(Guard::Region(text[city.start..city.end].to_string()));
            Some((iso, false))
        }) else {
            continue;
        };
        occ[i].scope = Some(iso);
        if comma {
            continue;
        }
        let mut j = i;
        while j > 0
            && occ[j - 1].guard.is_none()
            && occ[j - 1].scope.is_none()
            && is_list_joint(&text[occ[j - 1].end..occ[j].start])
        {
            j -= 1;
            occ[j].scope = Some(iso);
        }
    }
}

/// Gives the names of a list that an oblast and a colon introduce that oblast as their scope, to
/// the sentence's end: "three villages in Donetsk region: Zelenyi Hai, near the administrative
/// border with Dnipropetrovsk region, as well as Volodymyrivka and Mykhailivka" are Donetsk
/// Oblast's, though one community of Dnipropetrovsk Oblast holds all three names.
pub(super) fn scope_after_oblast(text: &str, occ: &mut [Occurrence]) {
    for i in 0..occ.len() {
        if occ[i].guard.is_none() {
            continue;
        }
        let rest = text[occ[i].end..].trim_start_matches([' ', '\u{a0}']);
        let word = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if word.is_empty() || !rest[word.len()..].starts_with(':') {
            continue;
        }
        let Some((iso, false)) = oblasts::oblast_after(text, occ[i].start) else {
            continue;
        };
        let colon = text.len() - rest.len() + word.len();
        let stop = text[colon..]
            .find(['.', '!', '?', '\n'])
            .map_or(text.len(), |k| colon + k);
        for o in occ[i + 1..].iter_mut().take_while(|o| o.start < stop) {
            if o.guard.is_none() && o.scope.is_none() {
                o.scope = Some(iso);
            }
        }
    }
}

/// Words between a place and a place that says where it is that say "near": "near",
/// "outside", "north of", "not far from", "біля", "поблизу" (one is needed; see [`NEAR_FILLERS`]).
const NEAR_TRIGGERS: &[&str] = &[
    "near",
    "outside",
    "close",
    "far",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "біля",
    "поблизу",
    "неподалік",
    "поруч",
    "поряд",
];

/// The other words that may stand there: "close to", "10 km (6 miles) south of the town of",
/// "not far from"; "from" says "near" only after a distance ("10 km from").
const NEAR_FILLERS: &[&str] = &[
    // "Pishchane is situated approximately 22 kilometers southeast of Kupiansk".
    "is",
    "lies",
    "located",
    "situated",
    "approximately",
    "roughly",
    "to",
    "not",
    "from",
    "just",
    "of",
    "about",
    "some",
    "around",
    "km",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "the",
    "town",
    "city",
    "village",
    "від",
    "із",
    "з",
    "км",
];

/// Gives each occurrence the name after it that says where it lies ("Andreyevka near
/// Kurakhovo", "Pisky, 10 km (6 miles) north of Donetsk", "Стельмахівка біля Сватового"), and
/// the names of the list it ends the same ("Stupochky and Predtechyne near Kostiantynivka").
pub(super) fn near_lists(text: &str, occ: &mut [Occurrence]) {
    for i in 0..occ.len().saturating_sub(1) {
        if occ[i].guard.is_some() || occ[i + 1].guard.is_some() {
            continue;
        }
        let Some(bearing) = says_near(&text[occ[i].end..occ[i + 1].start]) else {
            continue;
        };
        let near = Some((occ[i + 1].name, bearing));
        occ[i].near = near;
        let mut j = i;
        while j > 0
            && occ[j - 1].guard.is_none()
            && occ[j - 1].near.is_none()
            && is_list_joint(&text[occ[j - 1].end..occ[j].start])
        {
            j -= 1;
            occ[j].near = near;
        }
    }
}

/// Whether the text between two names says the first lies near the second (see
/// [`NEAR_TRIGGERS`]), with the bearing it gives from the second in degrees ("southeast of":
/// 135), if it gives one; a distance in parentheses ("(6 miles)") is skipped.
fn says_near(between: &str) -> Option<Option<u16>> {
    let t = between.trim().trim_start_matches(',');
    let mut words = 0;
    let (mut trigger, mut distance, mut from) = (false, false, false);
    let mut bearing = None;
    let mut depth = 0;
    for w in t.split_whitespace() {
        let open = w.starts_with('(');
        let close = w.ends_with(')');
        if open {
            depth += 1;
        }
        let inside = depth > 0;
        if close {
            depth -= 1;
        }
        if inside {
            continue;
        }
        words += 1;
        let w = lowercase(w);
        if w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            distance = true;
            continue;
        }
        let near = NEAR_TRIGGERS.contains(&w.as_ref());
        if !(near || NEAR_FILLERS.contains(&w.as_ref())) || words > 10 {
            return None;
        }
        trigger |= near;
        from |= w == "from" || w == "від";
        bearing = bearing.or_else(|| compass(&w));
    }
    (trigger || (from && distance)).then_some(bearing)
}

/// The bearing a compass word gives, in degrees from north ("southeast": 135).
fn compass(w: &str) -> Option<u16> {
    let w = w.replace('-', "");
    let i = [
        "north",
        "northeast",
        "east",
        "southeast",
        "south",
        "southwest",
        "west",
        "northwest",
    ]
    .iter()
    .position(|c| *c == w)?;
    Some(i as u16 * 45)
}

/// The text between two names of one list: ", ", " and ", ", or ", " та "…, also with a
/// compass adjective before the second name (", northern ", ", and eastern ": see
/// `guard_words::LIST_ADJECTIVES`), and with other list items between them that are no
/// gazetteer names (", Куп’янському, " in "на Південно-Слобожанському, Куп’янському,
/// Лиманському напрямках"): single capitalised words, each after a comma or a joining word.
pub(super) fn is_list_joint(between: &str) -> bool {
    let mut t = between.trim().trim_start_matches(',').trim();
    // The first part of the next item's compound ("Seredyna-Buda, Znob-Novhorod").
    if let Some(head) = t.strip_suffix('-') {
        t = head
            .trim_end_matches(|c: char| c.is_alphabetic() || is_apostrophe(c))
            .trim();
    }
    // Up to two ("and southern Ukraine's Zaporozhye").
    for _ in 0..2 {
        if let Some((head, last)) = t.rsplit_once(' ').or(Some(("", t)))
            && guard_words::LIST_ADJECTIVES.contains(&lowercase(last).as_ref())
        {
            t = head.trim();
        }
    }
    if is_joint_word(t) {
        return true;
    }
    // Other items: "X, Y, Z and" with X, Y, Z capitalised words.
    let mut joined = true;
    for piece in t.split_inclusive(',') {
        let (body, comma) = match piece.strip_suffix(',') {
            Some(b) => (b.trim(), true),
            None => (piece.trim(), false),
        };
        let mut words = body.split_whitespace().peekable();
        // An item may have two or three words ("Nova Sloboda").
        let mut in_item = false;
        while let Some(w) = words.next() {
            if is_joint_word(w) {
                joined = true;
                in_item = false;
                continue;
            }
            // (A compound's second part goes on the name before: "Seredyna-Bud".)
            let item = w.trim_start_matches('-').starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || is_apostrophe(c));
            if !item || !(joined || in_item) {
                return false;
            }
            joined = false;
            in_item = true;
            if words.peek().is_none() && comma {
                joined = true;
            }
        }
        if comma && body.is_empty() {
            joined = true;
        }
    }
    joined
}

/// "Other" before a list's plural area word: "Donetsk, Kherson, and other fronts", "Сумська,
/// Охтирська та інші громади".
const OTHER: &[&str] = &["other", "інші", "інших", "іншими", "других"];

/// Words that may follow the plural after "other" ("and other regions of Ukraine").
const OTHER_THEN: &[&str] = &[
    "of",
    "in",
    "on",
    "along",
    "across",
    "were",
    "was",
    "have",
    "had",
    "області",
    "України",
];

/// A word that joins two items of a list ("and", "та", "-"; "And" in a headline's capitals).
fn is_joint_word(t: &str) -> bool {
    matches!(
        t,
        "" | "-" | "–" | "and" | "or" | "&" | "і" | "й" | "та" | "и" | "или" | "або"
    ) || matches!(t, "And" | "Or")
}
