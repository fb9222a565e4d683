//! Raions as context for namesakes: the raions a text names ("Makiivka and Troitske in
//! Svatove Raion", "у Сватівському районі"), the raions along the front-line directions it
//! names ("на Покровському напрямку": Pokrovsk Raion), and the raion most of a paragraph's
//! unambiguous places lie in. A raion named after a town is an area, not a mention of the town
//! (the guard word "raion" / "район" after it), but it says where the namesakes are.
//!
//! The table of directions below is data: each direction's adjective stem, the town it is
//! called after (an anchor, as before), and the raions (oblast ISO code, the codifier's
//! Ukrainian raion name as in `gazetteer.tsv`'s `raion` column) the General Staff's reports
//! list its villages in. Extend it when a new direction appears in the reports.

use std::collections::BTreeSet;

use super::super::gazetteer::{Gazetteer, Place, PlaceId};
use super::guards::fold;

/// A raion: oblast ISO code and the codifier's Ukrainian name ("Покровський").
pub(super) type Raion<'a> = (&'a str, &'a str);

/// A community (hromada) as the tables name it: its oblast's ISO code, its raion and its
/// Ukrainian name ("Шевченківська").
pub(super) type Hromada<'a> = (&'a str, &'a str, &'a str);

/// A front-line direction the General Staff names by an adjective.
pub(super) struct Direction {
    /// The adjective's stem ("Покровськ" for "на Покровському напрямку").
    pub stem: &'static str,
    /// The canonical name of the town it is called after, if one town is meant.
    pub place: Option<&'static str>,
    /// The raions its villages lie in.
    pub raions: &'static [Raion<'static>],
}

const fn d(
    stem: &'static str,
    place: Option<&'static str>,
    raions: &'static [Raion<'static>],
) -> Direction {
    Direction {
        stem,
        place,
        raions,
    }
}

const DONETSK_POKROVSK: Raion = ("UA-14", "Покровський");
const DONETSK_KRAMATORSK: Raion = ("UA-14", "Краматорський");
const DONETSK_BAKHMUT: Raion = ("UA-14", "Бахмутський");
const DONETSK_HORLIVKA: Raion = ("UA-14", "Горлівський");
const DONETSK_VOLNOVAKHA: Raion = ("UA-14", "Волноваський");
const DONETSK_KALMIUSKE: Raion = ("UA-14", "Кальміуський");
const LUHANSK_SIEVIERODONETSK: Raion = ("UA-09", "Сіверськодонецький");
const LUHANSK_SVATOVE: Raion = ("UA-09", "Сватівський");
const KHARKIV_KUPIANSK: Raion = ("UA-63", "Куп’янський");
const KHARKIV_IZIUM: Raion = ("UA-63", "Ізюмський");
const KHARKIV_CHUHUIV: Raion = ("UA-63", "Чугуївський");
const KHARKIV_KHARKIV: Raion = ("UA-63", "Харківський");
const DNIPRO_SYNELNYKOVE: Raion = ("UA-12", "Синельниківський");
const ZAP_POLOHY: Raion = ("UA-23", "Пологівський");
const ZAP_ZAPORIZHZHIA: Raion = ("UA-23", "Запорізький");
const ZAP_VASYLIVKA: Raion = ("UA-23", "Василівський");
const ZAP_MELITOPOL: Raion = ("UA-23", "Мелітопольський");
const ZAP_BERDIANSK: Raion = ("UA-23", "Бердянський");
const KHERSON_KHERSON: Raion = ("UA-65", "Херсонський");
const KHERSON_BERYSLAV: Raion = ("UA-65", "Бериславський");
const SUMY_SUMY: Raion = ("UA-59", "Сумський");
const SUMY_SHOSTKA: Raion = ("UA-59", "Шосткинський");
const SUMY_OKHTYRKA: Raion = ("UA-59", "Охтирський");

/// Front-line directions named in Ukrainian by an adjective ("на Покровському напрямку").
/// (English "the Pokrovsk direction" names the town itself; see [`direction_of_place`].)
pub(super) const DIRECTIONS: &[Direction] = &[
    d("Покровськ", Some("Pokrovsk"), &[DONETSK_POKROVSK]),
    d(
        "Слов’янськ",
        Some("Sloviansk"),
        &[DONETSK_KRAMATORSK, DONETSK_BAKHMUT],
    ),
    d(
        "Слов'янськ",
        Some("Sloviansk"),
        &[DONETSK_KRAMATORSK, DONETSK_BAKHMUT],
    ),
    d(
        "Лиманськ",
        Some("Lyman"),
        &[
            DONETSK_KRAMATORSK,
            LUHANSK_SIEVIERODONETSK,
            LUHANSK_SVATOVE,
            KHARKIV_IZIUM,
        ],
    ),
    d(
        "Куп’янськ",
        Some("Kupiansk"),
        &[KHARKIV_KUPIANSK, LUHANSK_SVATOVE],
    ),
    d(
        "Куп'янськ",
        Some("Kupiansk"),
        &[KHARKIV_KUPIANSK, LUHANSK_SVATOVE],
    ),
    d(
        "Костянтинівськ",
        Some("Kostiantynivka"),
        &[DONETSK_KRAMATORSK, DONETSK_BAKHMUT],
    ),
    d(
        "Краматорськ",
        Some("Kramatorsk"),
        &[DONETSK_KRAMATORSK, DONETSK_BAKHMUT],
    ),
    d(
        "Гуляйпільськ",
        Some("Huliaipole"),
        &[ZAP_POLOHY, DNIPRO_SYNELNYKOVE],
    ),
    d(
        "Оріхівськ",
        Some("Orikhiv"),
        &[ZAP_POLOHY, ZAP_ZAPORIZHZHIA, ZAP_VASYLIVKA],
    ),
    d(
        "Торецьк",
        Some("Toretsk"),
        &[DONETSK_BAKHMUT, DONETSK_HORLIVKA, DONETSK_KRAMATORSK],
    ),
    d(
        "Бахмутськ",
        Some("Bakhmut"),
        &[DONETSK_BAKHMUT, DONETSK_HORLIVKA],
    ),
    d("Часовоярськ", Some("Chasiv Yar"), &[DONETSK_BAKHMUT]),
    d(
        "Сіверськ",
        Some("Siversk"),
        &[DONETSK_BAKHMUT, LUHANSK_SIEVIERODONETSK],
    ),
    d(
        "Курахівськ",
        Some("Kurakhove"),
        &[DONETSK_POKROVSK, DONETSK_VOLNOVAKHA],
    ),
    d("Вовчанськ", Some("Vovchansk"), &[KHARKIV_CHUHUIV]),
    d(
        "Новопавлівськ",
        Some("Novopavlivka"),
        &[DNIPRO_SYNELNYKOVE, DONETSK_POKROVSK],
    ),
    d(
        "Олександрівськ",
        None,
        &[DNIPRO_SYNELNYKOVE, DONETSK_VOLNOVAKHA, ZAP_POLOHY],
    ),
    d(
        "Добропільськ",
        None,
        &[DONETSK_POKROVSK, DONETSK_KRAMATORSK],
    ),
    d("Авдіївськ", Some("Avdiivka"), &[DONETSK_POKROVSK]),
    d("Мар’їнськ", Some("Marinka"), &[DONETSK_POKROVSK]),
    d("Вугледарськ", Some("Vuhledar"), &[DONETSK_VOLNOVAKHA]),
    d(
        "Запорізьк",
        Some("Zaporizhzhia"),
        &[ZAP_POLOHY, ZAP_ZAPORIZHZHIA, ZAP_VASYLIVKA],
    ),
    d(
        "Херсонськ",
        Some("Kherson"),
        &[KHERSON_KHERSON, KHERSON_BERYSLAV],
    ),
    // Directions of 2022–2023, still in the reports of those years.
    d(
        "Горлівськ",
        Some("Horlivka"),
        &[DONETSK_HORLIVKA, DONETSK_BAKHMUT],
    ),
    d("Лисичанськ", Some("Lysychansk"), &[LUHANSK_SIEVIERODONETSK]),
    d(
        "Сєвєродонецьк",
        Some("Sievierodonetsk"),
        &[LUHANSK_SIEVIERODONETSK],
    ),
    d("Кремінськ", Some("Kreminna"), &[LUHANSK_SIEVIERODONETSK]),
    d("Сватівськ", Some("Svatove"), &[LUHANSK_SVATOVE]),
    d("Ізюмськ", Some("Izium"), &[KHARKIV_IZIUM]),
    d(
        "Шахтарськ",
        None,
        &[DONETSK_VOLNOVAKHA, DONETSK_KALMIUSKE, DONETSK_POKROVSK],
    ),
    d(
        "Мелітопольськ",
        Some("Melitopol"),
        &[ZAP_POLOHY, ZAP_VASYLIVKA, ZAP_MELITOPOL],
    ),
    d("Бердянськ", Some("Berdiansk"), &[ZAP_POLOHY, ZAP_BERDIANSK]),
    d("Придніпровськ", None, &[KHERSON_KHERSON, KHERSON_BERYSLAV]),
    d(
        "Харківськ",
        Some("Kharkiv"),
        &[KHARKIV_KHARKIV, KHARKIV_CHUHUIV],
    ),
    // Since 2025 the General Staff's South Slobozhanskyi direction runs from Vovchansk to
    // Dvorichanske and Krasne Pershe, in Kupiansk Raion.
    d(
        "Південно-Слобожанськ",
        Some("Vovchansk"),
        &[KHARKIV_CHUHUIV, KHARKIV_KHARKIV, KHARKIV_KUPIANSK],
    ),
    d(
        "Північно-Слобожанськ",
        Some("Sumy"),
        &[SUMY_SUMY, SUMY_SHOSTKA, SUMY_OKHTYRKA],
    ),
];

/// Adds to `out` the directions (indices into [`DIRECTIONS`]) that word `w` names, between the
/// word before it and the word after it: "на Покровському напрямку", also listed ("на
/// Костянтинівському та Покровському напрямках": both).
pub(super) fn directions_of_word(w: &str, next: &str, prev: &str, out: &mut BTreeSet<usize>) {
    let direction = next.starts_with("напрям") || next.starts_with("направлен");
    let listed = ["та", "і", "й", "и"].contains(&next);
    if direction || listed {
        // The adjective is written in lower case too ("на горлівському напрямку").
        let mut chars = w.chars();
        let capitalised: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars)
            .collect();
        for (i, dir) in DIRECTIONS.iter().enumerate() {
            if capitalised.starts_with(dir.stem) && (direction || prev.starts_with("на") || listed)
            {
                out.insert(i);
            }
        }
    }
}

/// The direction called after the town `place` (a canonical name), for English "the Pokrovsk
/// direction".
pub(super) fn direction_of_place(place: &str) -> Option<usize> {
    DIRECTIONS.iter().position(|d| d.place == Some(place))
}

/// Whether an English word after a name (or a plural before a list of names) makes it a front's
/// direction: "the Pokrovsk direction", "the Kupiansk and Lyman axes".
pub(super) fn is_direction_word(word: &str) -> bool {
    matches!(
        fold(word).as_str(),
        "direction" | "directions" | "axis" | "axes" | "sector" | "sectors" | "front" | "fronts"
    )
}

/// Whether an English word after a name (or a plural before a list) makes it a community:
/// "the Maryinka community", "the Hirske territorial community".
pub(super) fn is_community_word(word: &str) -> bool {
    matches!(
        fold(word).as_str(),
        "community"
            | "communities"
            | "hromada"
            | "hromadas"
            | "territorial"
            | "rural"
            | "ah"
            | "atc"
    )
}

/// Whether a word after a name makes it an oblast ("the Sumy region", "Донецької області").
pub(super) fn is_oblast_word(word: &str) -> bool {
    matches!(
        fold(word).as_str(),
        "region"
            | "regions"
            | "regional"
            | "oblast"
            | "oblasts"
            | "province"
            | "provinces"
            | "governor"
            | "governors"
            | "область"
            | "області"
            | "областю"
            | "областей"
            | "области"
            | "обл"
    )
}

/// Whether a word after a name makes it a raion ("Svatove Raion", "Izium district").
pub(super) fn is_raion_word(word: &str) -> bool {
    matches!(
        fold(word).as_str(),
        "raion"
            | "raions"
            | "rayon"
            | "rayons"
            | "district"
            | "districts"
            | "район"
            | "району"
            | "районі"
            | "районом"
            | "райони"
            | "районів"
            | "районах"
            | "районами"
            | "р-н"
            | "р-ну"
            | "р-ні"
    )
}

/// Whether `p` lies on the front: in a raion of one of the front-line [`DIRECTIONS`], or
/// flagged `frontline` in the gazetteer.
pub(super) fn on_front(p: &Place) -> bool {
    let r = raion_of(p);
    p.frontline || DIRECTIONS.iter().any(|d| d.raions.contains(&r))
}

/// The raion a place lies in, as the tables name raions.
pub(super) fn raion_of(p: &Place) -> Raion<'_> {
    (p.oblast_iso.as_str(), p.raion.as_str())
}

/// The raions whose Ukrainian name is the adjective `word` in some case ("Сватівському":
/// Сватівський in Luhansk Oblast).
pub(super) fn raion_of_adjective<'g>(word: &str, g: &'g Gazetteer) -> Vec<Raion<'g>> {
    by_adjective(word, g, raion_of, |p| {
        p.raion.trim_end_matches("ий").trim_end_matches("ій")
    })
}

/// The communities whose Ukrainian name is the adjective `word` in some case ("Семенівській":
/// Семенівська, in Novhorod-Siverskyi Raion of Chernihiv Oblast and in Kremenchuk Raion of
/// Poltava Oblast); with `kind`, only those whose centre is of that kind ("Золочівський
/// селищний голова": the settlement Zolochiv's in Kharkiv Oblast, not the city's in Lviv
/// Oblast).
pub(super) fn hromadas_of_adjective<'g>(
    word: &str,
    kind: Option<&str>,
    g: &'g Gazetteer,
) -> Vec<Hromada<'g>> {
    by_adjective(word, g, hromada_of, |p| {
        if p.hromada.is_empty()
            || kind.is_some_and(|k| p.kind != k || !same_head(&p.name_uk, &p.hromada))
        {
            ""
        } else {
            p.hromada.trim_end_matches('а')
        }
    })
}

/// The areas (`area` of a place: its raion or its community) of the places in a raion whose
/// area's Ukrainian adjective, cut to its stem by `stem` (empty: not this place's), is the stem
/// of `word`, an adjective in some case.
fn by_adjective<'g, A: PartialEq>(
    word: &str,
    g: &'g Gazetteer,
    area: impl Fn(&'g Place) -> A,
    stem: impl Fn(&'g Place) -> &'g str,
) -> Vec<A> {
    let w = fold(word);
    let mut out: Vec<A> = Vec::new();
    for (_, p) in g.iter() {
        if p.raion.is_empty() {
            continue;
        }
        let a = area(p);
        if out.contains(&a) {
            continue;
        }
        let s = stem(p);
        if s.is_empty() {
            continue;
        }
        let s = fold(s);
        if w.starts_with(&s) && w.chars().count() <= s.chars().count() + 3 {
            out.push(a);
        }
    }
    out
}

/// The community a place lies in.
pub(super) fn hromada_of(p: &Place) -> Hromada<'_> {
    (p.oblast_iso.as_str(), p.raion.as_str(), p.hromada.as_str())
}

/// The raions named after the places of a name followed by "Raion" ("Svatove Raion": the raion
/// of the Svatove whose raion is called after it).
pub(super) fn raion_of_name<'g>(cands: &[PlaceId], g: &'g Gazetteer) -> Vec<Raion<'g>> {
    let mut out = Vec::new();
    for id in cands {
        let p = g.get(*id);
        if same_head(&p.name_uk, &p.raion) {
            out.push(raion_of(p));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The communities of those of `cands` that are their community's centre (the community's
/// adjective starts as the place's Ukrainian name does: Мар’їнка, Мар’їнська), for "the
/// Maryinka community".
pub(super) fn hromada_of_centre<'g>(cands: &[PlaceId], g: &'g Gazetteer) -> Vec<Hromada<'g>> {
    let mut out: Vec<Hromada<'g>> = cands
        .iter()
        .map(|id| g.get(*id))
        .filter(|p| !p.raion.is_empty() && same_head(&p.name_uk, &p.hromada))
        .map(hromada_of)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether two Ukrainian words start with the same four letters (folded), as a place's name
/// and its raion's or community's adjective do; the fourth may be an і for an о or е, as a
/// closed syllable makes it (Мирове, Мирівська).
fn same_head(name: &str, adjective: &str) -> bool {
    let (a, b) = (fold(name), fold(adjective));
    let head = |s: &str| s.chars().take(4).collect::<Vec<char>>();
    let (x, y) = (head(&a), head(&b));
    a.chars().count() >= 4
        && y.len() == 4
        && x[..3] == y[..3]
        && (x[3] == y[3] || (matches!(x[3], 'о' | 'е') && y[3] == 'і'))
}

/// The raions holding at least two of `places` (the unambiguous places a paragraph names).
pub(super) fn common_raions<'g>(places: &[PlaceId], g: &'g Gazetteer) -> Vec<Raion<'g>> {
    let mut all: Vec<Raion<'g>> = places
        .iter()
        .map(|id| g.get(*id))
        .filter(|p| !p.raion.is_empty())
        .map(raion_of)
        .collect();
    all.sort();
    let mut out: Vec<Raion<'g>> = all
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    out.dedup();
    out
}
