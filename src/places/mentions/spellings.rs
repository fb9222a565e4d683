//! Every spelling the matcher looks for, and the names each one may spell.
//!
//! A name is looked for as written, in its other apostrophes and hyphenations, through its
//! Cyrillic case stems, in its declined two-word forms, with its soft signs written as
//! apostrophes (Rodyns'ke), in the press's romanisation of я ю є ї as ya yu ye yi
//! (Verkhnokamyanske for the official Verkhnokamianske) and, for cities, in capitals.
//!
//! Several names may share a spelling: "Торецьк" is the town Toretsk and the stem of the
//! village Торецьке, "Тернов" the stem of Терново and of Тернове. Every name keeps the
//! spelling; which of them a word in a text spells depends on its ending ("Торецька": the town,
//! "Торецького": the village), and when several fit ("Тернового") the word names a *group*:
//! all their places, for the context to decide among (see `context`), as for any namesakes.

use ahash::{AHashMap, AHashSet};

use super::super::gazetteer::{Gazetteer, Place, PlaceId};
use super::stems::{case_stems, phrase_forms};
use super::{Pat, is_apostrophe, is_cyrillic, letters_at_least};

/// Every spelling of the names (`targets[i]` are the places `names[i]` names), sorted by text
/// and then name, without repeats: the names as written, their variants and case stems.
pub(super) fn spellings_of(
    g: &Gazetteer,
    names: &[String],
    targets: &[Vec<PlaceId>],
) -> Vec<(String, Pat)> {
    let mut out: Vec<(String, Pat)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let strict = targets[i].iter().all(|id| g.get(*id).ordinary);
        let pat = |endings, bare| Pat {
            name: i as u32,
            endings,
            strict,
            bare,
        };
        // The name itself (a consonant-final Cyrillic name takes its endings directly), its
        // case stems (never a word without an ending), its written-out forms.
        let mut spellings: Vec<(String, Pat)> = vec![(n.clone(), pat(&[], true))];
        for (stem, endings) in case_stems(n) {
            if stem == *n {
                spellings[0].1.endings = endings;
            } else {
                spellings.push((stem, pat(endings, false)));
            }
        }
        spellings.extend(phrase_forms(n).into_iter().map(|f| (f, pat(&[], true))));
        spellings.extend(soft_sign_romanised(n).map(|f| (f, pat(&[], true))));
        // A city with a plural name in its genitive plural, which has no ending: з Сум, до
        // Черкас (too short for a case stem, and too rare a word to be anything else).
        let city = targets[i].iter().any(|id| g.get(*id).kind == "city");
        if city && n.starts_with(is_cyrillic) && n.ends_with(['и', 'і']) && !n.ends_with("ії") {
            let stem: String = n.chars().take(n.chars().count() - 1).collect();
            match spellings.iter_mut().find(|(s, _)| *s == stem) {
                // The case stem is a word as written too ("з Прилук", "у Прилуках"), unless it
                // is another name (Черкас, a village, beside Черкаси).
                Some((_, p)) => {
                    p.bare |= names.binary_search_by(|m| m.as_str().cmp(&stem)).is_err();
                }
                None => spellings.push((stem, pat(&[], true))),
            }
        }
        // A city whose stem is too short for a case stem, its other case forms written out:
        // у Сумах, Сумами; у Бучі, Бучею.
        if city && n.starts_with(is_cyrillic) && n.chars().count() == 4 {
            let stem: String = n.chars().take(3).collect();
            let endings: &[&str] = match n.chars().last() {
                Some('и' | 'і') => &["ах", "ам", "ами"],
                Some('а') => &["і", "и", "у", "ою", "ею"],
                _ => &[],
            };
            spellings.extend(
                endings
                    .iter()
                    .map(|e| (format!("{stem}{e}"), pat(&[], true))),
            );
        }
        for (s, p) in std::mem::take(&mut spellings) {
            out.extend(folds(&s).into_iter().map(|v| (v, p)));
            out.push((s, p));
        }
        // Capitals only for names of cities, as written (no case forms): datelines ("KYIV —"),
        // a match's venue line ("АРЕНА ЛЬВІВ, ЛЬВІВ"), and fewer spellings.
        if city && (n.is_ascii() || n.starts_with(is_cyrillic)) && letters_at_least(n, 4) {
            out.push((n.to_uppercase(), pat(&[], true)));
        }
    }
    out.sort_by(|a, b| (&a.0, a.1.name).cmp(&(&b.0, b.1.name)));
    // One spelling per name: the first (the name as written, or its first stem).
    out.dedup_by(|b, a| a.0 == b.0 && a.1.name == b.1.name);
    // A name as written is never another name's written-out variant ("Donetsk" is not
    // Донецьк's Donets'k without its apostrophe); other names' stems may share it.
    out.retain(|(t, p)| {
        !p.bare
            || names[p.name as usize] == *t
            || names.binary_search_by(|n| n.as_str().cmp(t)).is_err()
    });
    out
}

/// The press's romanisations of a place's Ukrainian name that the official one (KMU 2010)
/// lacks: я ю є ї after a consonant or apostrophe as ya yu ye yi (the official system writes ia
/// iu ie i), the apostrophe as ' or left out, the soft sign left out: Верхньокам’янське →
/// Verkhnokamyanske, Verkhnokam'yanske; є after a vowel as e (Воєводівка → Voevodivka); і
/// before я ю є as one i (Надія → Nadia for the official Nadiia); ий at a word's end as y
/// (Хмельницький → Khmelnytsky). Empty when nothing differs.
pub(super) fn press_romanised(uk: &str) -> Vec<String> {
    if !uk.starts_with(is_cyrillic) {
        return Vec::new();
    }
    let mut out = press_vowels(uk);
    // ий at a word's end as y, as the press writes it (Хмельницький: Khmelnytsky, Kropyvnytsky;
    // Зелений Гай: Zeleny Hai), in the official spelling and in the others.
    if uk.split([' ', '-']).any(|w| w.ends_with("ий")) {
        let official = uklatn::encode(uk, uklatn::Table::Kmu55);
        for v in std::iter::once(official).chain(out.clone()) {
            let short = v
                .split_inclusive([' ', '-'])
                .map(|w| match w.strip_suffix(['-', ' ']) {
                    Some(word) => format!("{}{}", short_yi(word), &w[word.len()..]),
                    None => short_yi(w).to_string(),
                })
                .collect::<String>();
            if short != v && short.is_ascii() && !out.contains(&short) {
                out.push(short);
            }
        }
    }
    out
}

/// A romanised word ending in yi (from ий) without its i.
fn short_yi(word: &str) -> &str {
    word.strip_suffix("yi")
        .map_or(word, |w| &word[..w.len() + 1])
}

/// The press's romanisations of я ю є ї (see [`press_romanised`]).
fn press_vowels(uk: &str) -> Vec<String> {
    if !uk.contains(['я', 'ю', 'є', 'ї']) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // The third: є after a vowel as the Russian е (Воєводівка → Voevodivka).
    for (apostrophe, russian_e) in [("", false), ("'", false), ("", true)] {
        let mut latin = String::new();
        let mut run = String::new();
        let mut prev: Option<char> = None;
        for c in uk.chars() {
            let initial = prev.is_none_or(|p| p == ' ' || p == '-');
            let after_vowel = prev.is_some_and(|p| "аеєиіїоуюя".contains(p));
            let press = match c {
                'є' if russian_e && after_vowel => Some("e"),
                'я' if !initial => Some("ya"),
                'ю' if !initial => Some("yu"),
                'є' if !initial => Some("ye"),
                'ї' if !initial => Some("yi"),
                'ь' => Some(""),
                c if is_apostrophe(c) => Some(apostrophe),
                _ => None,
            };
            match press {
                Some(p) => {
                    latin.push_str(&uklatn::encode(&run, uklatn::Table::Kmu55));
                    run.clear();
                    latin.push_str(p);
                }
                None => run.push(c),
            }
            prev = Some(c);
        }
        latin.push_str(&uklatn::encode(&run, uklatn::Table::Kmu55));
        if latin.is_ascii() && !out.contains(&latin) {
            out.push(latin);
        }
    }
    // і before я ю є as one i, as in English first names (Надія: Nadia, not Nadiia).
    let official = uklatn::encode(uk, uklatn::Table::Kmu55);
    let single = official
        .replace("iia", "ia")
        .replace("iiu", "iu")
        .replace("iie", "ie");
    if single != official && single.is_ascii() && !out.contains(&single) {
        out.push(single);
    }
    out
}

/// The oblasts where Russia has fought or claimed ground since 2014, whose places Russian claims
/// name (and Ukrainian outlets' English lists spell the Russian way): Russian-style spellings
/// only for their places. For every place they cost the 10k build 8 % more CPU time (a third
/// more spellings to look through) for places that war news rarely names.
pub(super) const RUSSIAN_STYLE_OBLASTS: &[&str] = &[
    "UA-09", "UA-12", "UA-14", "UA-23", "UA-32", "UA-40", "UA-43", "UA-48", "UA-59", "UA-63",
    "UA-65", "UA-74",
];

/// The leading adjectives of names, romanised from Ukrainian, and their Russian forms.
const RUSSIAN_ADJECTIVES: &[(&str, &str)] = &[
    ("Nova", "Novaya"),
    ("Stara", "Staraya"),
    ("Mala", "Malaya"),
    ("Velyka", "Velikaya"),
    ("Velika", "Velikaya"),
    ("Nove", "Novoye"),
    ("Stare", "Staroye"),
    ("Male", "Maloye"),
    ("Velyke", "Velikoye"),
    ("Velike", "Velikoye"),
];

/// The Russian-style spellings the press gives a place's Ukrainian name `uk` (official Latin
/// name `official`): from Russian claims, and in Ukrainian outlets' English lists (Ukrinform's
/// "Burgunka, Antonovka, Prydniprovskoye"). г as g, и and і as i, є as e (ye first), -іїв- as
/// -eyev- or -eev- (the letters of the Russian name), then an adjective's -е as -oye or -oe,
/// -ове as -ovo and -івка as -ovka, on that spelling and on the official one. No romanisation crate writes them: they are a habit, not a system, so
/// this table is the project's own. Without the official name itself.
pub(super) fn russian_style(uk: &str, official: &str) -> Vec<String> {
    if !uk.starts_with(is_cyrillic) {
        return Vec::new();
    }
    let mut russian = String::with_capacity(uk.len());
    let mut prev = None;
    for c in uk.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let initial = prev.is_none_or(|p| p == ' ' || p == '-');
        prev = Some(c);
        let latin = match lower {
            'є' if initial => "ye",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ґ' => "g",
            'д' => "d",
            'е' | 'є' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'і' => "i",
            'ї' => "yi",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ю' => "yu",
            'я' => "ya",
            'ь' => "",
            c if is_apostrophe(c) => "",
            ' ' => " ",
            '-' => "-",
            _ => return Vec::new(),
        };
        if c != lower {
            let mut up = latin.chars();
            russian.extend(up.next().map(|f| f.to_ascii_uppercase()));
            russian.push_str(up.as_str());
        } else {
            russian.push_str(latin);
        }
    }
    let adjective = ["ське", "цьке", "зьке", "не", "ве", "ке"]
        .iter()
        .any(|e| uk.ends_with(e));
    // -іїв- as the Russian -еев- (Андріївка, Андреевка: Andreyevka; Авдіївка: Avdeyevka).
    let yev = ["eyev", "eev"].map(|e| russian.replace("iyiv", e));
    let mut out: Vec<String> = Vec::new();
    for base in [official, russian.as_str(), &yev[0], &yev[1]] {
        let mut forms = vec![base.to_string()];
        if let Some(stem) = base.strip_suffix("ivka").filter(|_| uk.ends_with("івка")) {
            forms.push(format!("{stem}ovka"));
        }
        if let Some(stem) = base.strip_suffix('e').filter(|_| adjective) {
            forms.push(format!("{stem}oye"));
            forms.push(format!("{stem}oe"));
        }
        // The Russian neuter noun's -ово (Новосадове: Novosadovo; Курахове: Kurakhovo).
        if let Some(stem) = base.strip_suffix("ove").filter(|_| uk.ends_with("ове")) {
            forms.push(format!("{stem}ovo"));
        }
        // And its -ино (Чунишине: Chunishino; Олександро-Шультине: Alexandro-Shultino).
        if let Some(stem) = base.strip_suffix("ine").filter(|_| uk.ends_with("ине")) {
            forms.push(format!("{stem}ino"));
        }
        // A leading adjective in its Russian form (Нова Полтавка: Novaya Poltavka; Мала
        // Білозерка: Malaya ...; Нове Запоріжжя: Novoye ...).
        let russian_adjective = forms.iter().find_map(|f| {
            let (first, rest) = f.split_once(' ')?;
            let ru = RUSSIAN_ADJECTIVES.iter().find(|(uk, _)| *uk == first)?.1;
            Some(format!("{ru} {rest}"))
        });
        forms.extend(russian_adjective);
        // Олександр- as the Russian Александр- (Олександро-Калинове: Alexandro-Kalinovo).
        let alexandr = forms.iter().filter_map(|f| f.strip_prefix("Oleksandr"));
        let alexandr: Vec<String> = alexandr
            .flat_map(|rest| ["Aleksandr", "Alexandr"].map(|a| format!("{a}{rest}")))
            .collect();
        for f in forms.into_iter().chain(alexandr) {
            if f != official && !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// [`russian_romanised`] of every Russian name the gazetteer gives, by the place's Ukrainian
/// name: every place of that name goes by them (the codifier's villages have no Russian name,
/// and "Novosyolovskoye in the Lugansk People's Republic" is the village of Luhansk Oblast, not
/// the Crimean settlement whose Russian name GeoNames gives).
pub(super) fn russian_romanised_by_name(g: &Gazetteer) -> AHashMap<&str, Vec<String>> {
    let wikipedia = iuliia_rust::Schema::for_name("wikipedia");
    let mut out: AHashMap<&str, Vec<String>> = AHashMap::new();
    for (_, p) in g.iter() {
        if p.name_uk.is_empty() || p.name_ru.is_empty() || p.local {
            continue;
        }
        for v in russian_romanised(&p.name_ru, &wikipedia) {
            file_under(&mut out, p.name_uk.as_str(), v);
        }
    }
    sorted(out)
}

/// Adds `v` to the spellings `out` files under the Ukrainian name `name`, once.
fn file_under<'a, T: PartialEq>(out: &mut AHashMap<&'a str, Vec<T>>, name: &'a str, v: T) {
    let all = out.entry(name).or_default();
    if !all.contains(&v) {
        all.push(v);
    }
}

/// `out` with every name's spellings sorted (the table is the same on every build).
fn sorted<T: Ord>(mut out: AHashMap<&str, Vec<T>>) -> AHashMap<&str, Vec<T>> {
    for v in out.values_mut() {
        v.sort_unstable();
    }
    out
}

/// The romanisations of a place's Russian name `ru` that Russian claims in English carry (TASS,
/// RT, wire copy quoting the Russian Ministry of Defence): the Wikipedia system (`iuliia`'s
/// "wikipedia" schema: Новая Каховка → Novaya Kakhovka, Голая Пристань → Golaya Pristan,
/// Песчановка → Peschanovka), with ё also as e (Алёшки → Alyoshki, Aleshki) and an adjective's
/// -oye also as -oe (Podstepnoye, Podstepnoe). `schema` is the crate's parsed schema (parsing
/// it is most of the cost: keep one). Empty for a name not in Cyrillic.
pub(super) fn russian_romanised(ru: &str, schema: &iuliia_rust::Schema) -> Vec<String> {
    if !ru.starts_with(is_cyrillic) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let plain = ru.replace('ё', "е");
    for name in [ru, plain.as_str()] {
        let latin = iuliia_rust::parse_by_schema(name, schema);
        let short = latin.strip_suffix("oye").map(|stem| format!("{stem}oe"));
        for v in std::iter::once(latin).chain(short) {
            if v.is_ascii() && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Latin aliases that spell a place's own name another way (the Russian romanisation Dolina for
/// Dolyna: the same consonants), by the place's Ukrainian name: every place of that name goes by
/// them, as by the name itself. GeoNames gives such spellings to its best-known place of a name
/// only, and a text that writes "Dolina" about a village near Izium means the village there, not
/// the town in Ivano-Frankivsk Oblast. Former names (other consonants) stay their place's own.
pub(super) fn shared_variants(g: &Gazetteer) -> AHashMap<&str, Vec<&str>> {
    let mut out: AHashMap<&str, Vec<&str>> = AHashMap::new();
    for (_, p) in g.iter() {
        if p.name_uk.is_empty() || p.local {
            continue;
        }
        let own = consonants(&p.name);
        for a in &p.aliases {
            let a = a.as_str();
            if a.is_ascii() && a != p.name.as_str() && consonants(a) == own {
                file_under(&mut out, p.name_uk.as_str(), a);
            }
        }
    }
    sorted(out)
}

/// Whether place `p` bears `name` today: its name, Ukrainian name or their press (or
/// Russian-style) romanisation,
/// or a spelling of its name (the same consonants, doubled ones once, Cyrillic romanised:
/// "Kharkov", "Харьков", "Odessa"), not a former name ("Stanislav" for Ivano-Frankivsk).
pub(super) fn bears(p: &Place, name: &str) -> bool {
    if p.name.as_str() == name || p.name_uk.as_str() == name {
        return true;
    }
    let latin = if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(uklatn::encode(name, uklatn::Table::Kmu55))
    };
    let skeleton = |n: &str| {
        let mut c: Vec<char> = consonants(n).chars().collect();
        c.dedup();
        c
    };
    skeleton(&latin) == skeleton(&p.name)
        || press_romanised(&p.name_uk).iter().any(|v| v == name)
        || (name.is_ascii() && russian_style(&p.name_uk, &p.name).iter().any(|v| v == name))
}

/// A Latin name's consonants in lower case, g as h (Gorlovka, Horlivka), for comparing
/// romanisations of one name.
fn consonants(n: &str) -> String {
    n.chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_alphabetic() && !"aeiouyj".contains(*c))
        .map(|c| if c == 'g' { 'h' } else { c })
        .collect()
}

/// The official romanisation of a Cyrillic name with its soft signs written as apostrophes, as
/// older romanisations and the press do (Родинське → Rodyns'ke).
fn soft_sign_romanised(n: &str) -> Option<String> {
    if !n.contains('ь') || !n.starts_with(is_cyrillic) {
        return None;
    }
    let parts: Vec<String> = n
        .split('ь')
        .map(|p| uklatn::encode(p, uklatn::Table::Kmu55))
        .collect();
    let latin = parts.join("'");
    latin.is_ascii().then_some(latin)
}

/// Other ways of writing spelling `s`: each apostrophe (' ’ ʼ, also standing for a soft sign in
/// romanisations: Rodyns'ke) as each of the others and as none (Rodynske, Словянськ); a
/// hyphen as a space and a space as a hyphen (Rai Oleksandrivka, Rai-Oleksandrivka).
pub(super) fn folds(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    if s.contains(is_apostrophe) {
        for a in ["'", "’", "ʼ", ""] {
            out.push(s.replace(is_apostrophe, a));
        }
    }
    for v in std::iter::once(s.to_string()).chain(out.clone()) {
        if v.contains('-') {
            out.push(v.replace('-', " "));
        }
        if v.contains(' ') {
            out.push(v.replace(' ', "-"));
        }
    }
    out
}

/// The groups of names that one word may spell: for every spelling several names share, each
/// set of them that one ending (or none) lets through, when their places differ. Returns, for
/// each group, its member names (sorted), in a fixed order.
pub(super) fn shared(spellings: &[(String, Pat)], targets: &[Vec<PlaceId>]) -> Vec<Vec<u32>> {
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut i = 0;
    while i < spellings.len() {
        let k = spellings[i..]
            .iter()
            .take_while(|s| s.0 == spellings[i].0)
            .count();
        let same = &spellings[i..i + k];
        i += k;
        if k < 2 {
            continue;
        }
        let mut tails: Vec<Option<&str>> = vec![None];
        for (_, p) in same {
            tails.extend(p.endings.iter().map(|e| Some(*e)));
        }
        for tail in tails {
            let members: Vec<u32> = same
                .iter()
                .filter(|(_, p)| accepts(p, tail))
                .map(|(_, p)| p.name)
                .collect();
            if members.len() > 1 && needs_group(&members, targets) && !groups.contains(&members) {
                groups.push(members);
            }
        }
    }
    // A whole name in "-ці" that is also the locative of a name in "-ка": "Антонівці" is the
    // village Antonivtsi, and Антонівка ("Антонівц" + "і"). The scan takes such a word for all
    // of them (see `Matcher::longest_at`). (Only these: other endings' overlaps are not real
    // forms of both, and "Львове" in a Ukrainian text is the village, not Russian "во Львове".)
    let mut known: AHashSet<Vec<u32>> = groups.iter().cloned().collect();
    let mut i = 0;
    while i < spellings.len() {
        let t = spellings[i].0.as_str();
        let k = spellings[i..].iter().take_while(|s| s.0 == t).count();
        let run = &spellings[i..i + k];
        i += k;
        let Some(stem) = t.strip_suffix("ці").map(|s| format!("{s}ц")) else {
            continue;
        };
        let mut members: Vec<u32> = run
            .iter()
            .filter(|(_, p)| accepts(p, None))
            .map(|(_, p)| p.name)
            .collect();
        if members.is_empty() {
            continue;
        }
        let from = spellings.partition_point(|(x, _)| *x < stem);
        members.extend(
            spellings[from..]
                .iter()
                .take_while(|(x, _)| *x == stem)
                .filter(|(_, q)| accepts(q, Some("і")))
                .map(|(_, q)| q.name),
        );
        members.sort_unstable();
        members.dedup();
        if members.len() > 1 && needs_group(&members, targets) && known.insert(members.clone()) {
            groups.push(members);
        }
    }
    groups
}

/// Whether a word that is spelling `p` followed by `tail` (no ending: `None`) may be its name.
pub(super) fn accepts(p: &Pat, tail: Option<&str>) -> bool {
    match tail {
        None => p.bare || p.endings.is_empty(),
        Some(t) => p.endings.contains(&t),
    }
}

/// Whether the places of `members` are more than those of any one of them.
fn needs_group(members: &[u32], targets: &[Vec<PlaceId>]) -> bool {
    let union = union_of(members, targets);
    !members
        .iter()
        .any(|m| targets[*m as usize].len() == union.len())
}

/// The places of all `members`, sorted, unique.
pub(super) fn union_of(members: &[u32], targets: &[Vec<PlaceId>]) -> Vec<PlaceId> {
    let mut union: Vec<PlaceId> = members
        .iter()
        .flat_map(|m| targets[*m as usize].iter().copied())
        .collect();
    union.sort();
    union.dedup();
    union
}

/// For each group (see [`shared`]): its index among names once appended after them.
pub(super) fn group_index(groups: &[Vec<u32>], first: u32) -> AHashMap<Vec<u32>, u32> {
    groups
        .iter()
        .enumerate()
        .map(|(k, m)| (m.clone(), first + k as u32))
        .collect()
}
