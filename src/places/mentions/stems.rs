//! Case stems of one-word Cyrillic place names: "з Харкова", "у Бахмуті", "в Авдіївці"
//! name Kharkiv, Bakhmut and Avdiivka, so the matcher also looks for each name's stem followed
//! by one of the case endings Ukrainian and Russian nouns and adjectives take.

use super::is_cyrillic;

const HARD: &[&str] = &["а", "у", "ом", "і", "е", "ові"];
// Ukrainian names in -ськ, -цьк: the locative takes -у (у Покровську, у Донецьку), so -і and -е
// are other words ("Українські", "Українське" are adjectives, not forms of Українськ).
const HARD_SK: &[&str] = &["а", "у", "ом", "ові"];
const SOFT: &[&str] = &["я", "ю", "ем", "і", "е"];
// Also the adjective's forms, for names that are feminine adjectives (Тернова → Тернової).
const FEM: &[&str] = &["и", "і", "у", "ою", "ею", "ой", "ей", "е", "ої", "ій"];
const FEM_SOFT: &[&str] = &["ї", "і", "ю", "ею", "єю", "и", "е", "ей"];
const NEUTER: &[&str] = &["а", "і", "у", "ом", "е"];
const ADJ: &[&str] = &["ого", "ому", "им", "ім", "ом"];
const ADJ_NEUTER_SOFT: &[&str] = &["я", "ю", "ем"];
const IV: &[&str] = &["а", "у", "ом", "і", "ові"];
const LOC_TSI: &[&str] = &["і"];
const PLURAL: &[&str] = &["ах", "ам", "ами", "ів", "ях", "ям", "ями", "ей"];
// Neuter soft adjectives in -нє (Хатнє → Хатнього, Хатньому; Хатнім).
const ADJ_SOFT: &[&str] = &["ого", "ому"];
const LOC_IM: &[&str] = &["ім"];
// Neuter nouns in -е (Гуляйполе → Гуляйполя, Гуляйполі, Гуляйполем; Городище → Городища).
const NOUN_E_SOFT: &[&str] = &["я", "ю", "і", "ем"];
const NOUN_E_HARD: &[&str] = &["а", "у", "і", "ем"];
// The genitive plural of a feminine noun in -ки, after its fleeting vowel (Ступочо + к,
// Олешо + к).
const GEN_OK: &[&str] = &["к"];
// A neuter noun in -я after a doubled consonant or an apostrophe (Добропілля → Добропіллю,
// під Добропіллям, у Добропіллі; Межиріччя, Надвір’я).
const NEUTER_YA: &[&str] = &["ю", "ям", "і"];

/// Every set of case endings a spelling may have (the first: none), so that a table of
/// spellings can name its sets by number.
pub(super) const ENDING_SETS: [&[&str]; 18] = [
    &[],
    HARD,
    SOFT,
    FEM,
    FEM_SOFT,
    NEUTER,
    ADJ,
    ADJ_NEUTER_SOFT,
    IV,
    LOC_TSI,
    PLURAL,
    ADJ_SOFT,
    LOC_IM,
    NOUN_E_SOFT,
    NOUN_E_HARD,
    HARD_SK,
    GEN_OK,
    NEUTER_YA,
];

/// A spelling's case endings, stored as their number in [`ENDING_SETS`].
pub(super) mod endings {
    use super::ENDING_SETS;

    pub(crate) fn serialize<S: serde::Serializer>(
        set: &&'static [&'static str],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let i = ENDING_SETS.iter().position(|e| e == set);
        let i = i.ok_or_else(|| serde::ser::Error::custom("case endings outside ENDING_SETS"))?;
        s.serialize_u8(i as u8)
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<&'static [&'static str], D::Error> {
        let i: u8 = serde::Deserialize::deserialize(d)?;
        ENDING_SETS
            .get(usize::from(i))
            .copied()
            .ok_or_else(|| serde::de::Error::custom("case endings outside ENDING_SETS"))
    }
}

/// Whether a Ukrainian name ends in -ськ, -цьк or -зьк (Покровськ, Донецьк): its locative takes
/// -у, and its genitive and locative are a feminine adjective's forms.
pub(super) fn ends_in_sk(name: &str) -> bool {
    ["ськ", "цьк", "зьк"].iter().any(|e| name.ends_with(e))
}

/// Stems of a one-word Cyrillic name with the case endings that may follow each (Ukrainian
/// and Russian nouns and adjectives), e.g. Харків → ("Харков", а у ом і ові): "з Харкова".
/// Stems shorter than four letters are left out: too many other words start that way.
pub(super) fn case_stems(name: &str) -> Vec<(String, &'static [&'static str])> {
    if !name.chars().next().is_some_and(is_cyrillic) || name.contains(' ') {
        return Vec::new();
    }
    // Рай-Олександрівка → в Рай-Олександрівці: the last part declines, however short (the
    // head makes the stem long enough: Середина-Буда → Середина-Буди).
    if let Some((head, last)) = name.rsplit_once('-') {
        return word_stems(last, 2)
            .into_iter()
            .map(|(stem, endings)| (format!("{head}-{stem}"), endings))
            .collect();
    }
    word_stems(name, 4)
}

/// The stems of one word (see `case_stems`) of at least `min` letters.
fn word_stems(name: &str, min: usize) -> Vec<(String, &'static [&'static str])> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < min {
        return Vec::new();
    }
    let cut = |n: usize| chars[..chars.len() - n].iter().collect::<String>();
    let ends = |s: &str| name.ends_with(s);
    let vowel = |c: char| "аеєиіїоуюяыэё".contains(c);
    let mut out: Vec<(String, &'static [&'static str])> = Vec::new();
    if ends("ів") || ends("їв") {
        // Харків → Харкова, Київ → Києва, Львів → Львова; after a hushing consonant "ев":
        // Коростишів → Коростишева, Бердичів → Бердичева.
        let hushing = chars.len() > 2 && "жчшщ".contains(chars[chars.len() - 3]);
        let stem = match (ends("їв"), hushing) {
            (true, _) => "єв",
            (false, true) => "ев",
            (false, false) => "ов",
        };
        out.push((format!("{}{stem}", cut(2)), IV));
    } else if ["ий", "ій", "ый", "ой", "ое", "ее"].iter().any(|e| ends(e)) {
        // Хмельницький → Хмельницького, Каменское → Каменского.
        out.push((cut(2), ADJ));
    } else if ends("нє") {
        // Хатнє → Хатнього, Хатньому, Хатнім.
        out.push((format!("{}ь", cut(1)), ADJ_SOFT));
        out.push((cut(1), LOC_IM));
    } else if ends("ье") {
        // Запорожье → Запорожья.
        out.push((cut(1), ADJ_NEUTER_SOFT));
    } else if ends("поле") || ends("це") {
        // Nouns, not adjectives: Гуляйполе → Гуляйполя, Сільце → Сільця.
        out.push((cut(1), NOUN_E_SOFT));
    } else if ends("ище") {
        // Городище → Городища, у Городищі.
        out.push((cut(1), NOUN_E_HARD));
    } else if ends("е") {
        // Кам’янське → Кам’янського.
        out.push((cut(1), ADJ));
    } else if ends("ь") {
        out.push((cut(1), SOFT));
        if ends("ець") {
            // The е drops: Кременець → Кременця, у Кременці.
            out.push((format!("{}ц", cut(3)), SOFT));
        }
        // Промінь → Променя.
        out.extend(alternated(&cut(1), 'е').map(|s| (s, SOFT)));
    } else if ends("а") {
        out.push((cut(1), FEM));
        // The locative's к, г, х turn into ц, з, с: Авдіївка → в Авдіївці, Комишуваха → у
        // Комишувасі, Перемога → у Перемозі.
        for (back, front) in [("ка", "ц"), ("га", "з"), ("ха", "с")] {
            if ends(back) {
                out.push((format!("{}{front}", cut(2)), LOC_TSI));
            }
        }
    } else if ends("я") {
        let doubled = chars.len() > 2 && chars[chars.len() - 2] == chars[chars.len() - 3];
        if doubled || chars.len() > 1 && super::is_apostrophe(chars[chars.len() - 2]) {
            out.push((cut(1), NEUTER_YA));
        } else {
            out.push((cut(1), FEM_SOFT));
        }
    } else if (ends("і") || ends("и")) && !ends("ії") {
        // Колодязі → у Колодязях, Піски → біля Пісків: plural names.
        out.push((cut(1), PLURAL));
        let consonant_ki = ends("ки") && chars.len() > 2 && !vowel(chars[chars.len() - 3]);
        if consonant_ki && !ends("кки") {
            // A feminine plural's genitive has a fleeting vowel: Ступочки → Ступочок, Олешки →
            // Олешок, Кринки → Кринок (and the Russian-style Ступочек).
            out.push((format!("{}о", cut(2)), GEN_OK));
            out.push((format!("{}е", cut(2)), GEN_OK));
        }
    } else if ends("о") {
        out.push((cut(1), NEUTER));
    } else if ends_in_sk(name) {
        out.push((name.to_string(), HARD_SK));
    } else if chars.last().is_some_and(|c| !vowel(*c) && *c != 'й') {
        out.push((name.to_string(), HARD));
        // Сокіл → Сокола.
        out.extend(alternated(name, 'о').map(|s| (s, HARD)));
        // The locative's г, х, к turn: Бурлук → у Бурлуці.
        out.extend(palatalised(name).map(|s| (s, LOC_TSI)));
        if ends("ок") {
            // The о drops: Райгородок → Райгородка, у Райгородку (a form Райгородка's forms
            // share: the word then names both, for the context to decide).
            out.push((format!("{}к", cut(2)), HARD));
        }
    }
    out.retain(|(stem, _)| stem.chars().count() >= min);
    out
}

/// A masculine noun ending in г, х, or к after a vowel, with that consonant as the locative's
/// і turns it (з, с, ц): Ріг → Роз(і), Бурлук → Бурлуц(і). `None` for other nouns.
fn palatalised(noun: &str) -> Option<String> {
    let chars: Vec<char> = noun.chars().collect();
    let (&last, rest) = chars.split_last()?;
    let vowel_before = rest.last().is_some_and(|c| "аеиіоуя".contains(*c));
    let front = match last {
        'г' => 'з',
        'х' => 'с',
        'к' if vowel_before => 'ц',
        _ => return None,
    };
    Some(rest.iter().chain([&front]).collect())
}

/// A word's stem with the і of its closed last syllable as it reads once an ending opens the
/// syllable (`vowel`): о in hard stems (Сокіл → Сокола, Хутір → Хутора), е in soft ones
/// (Промін(ь) → Променя). `None` when the word does not end in і and one consonant.
pub(super) fn alternated(word: &str, vowel: char) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let consonant = |c: char| c.is_alphabetic() && !"аеєиіїоуюяьй'’ʼ".contains(c);
    if n < 3 || chars[n - 2] != 'і' || !consonant(chars[n - 1]) || !consonant(chars[n - 3]) {
        return None;
    }
    let mut out: String = chars[..n - 2].iter().collect();
    out.push(vowel);
    out.push(chars[n - 1]);
    Some(out)
}

/// Case forms of a two-word Cyrillic name whose words decline together, written out: an
/// adjective and a feminine noun (Нова Каховка → Нової Каховки, Новій Каховці, Нову Каховку,
/// Новою Каховкою), or a masculine adjective or possessive and a noun ending in a consonant
/// (Часів Яр → Часового Яру, Часовому Ярі, Часовим Яром).
pub(super) fn phrase_forms(name: &str) -> Vec<String> {
    // Куп’янськ-Вузловий → Куп’янська-Вузлового, Куп’янську-Вузловому; and a neuter
    // adjective: Посад-Покровське → Посада-Покровського, у Посаді-Покровському.
    let neuter = ["ське", "цьке", "зьке", "не", "ве", "ке"]
        .iter()
        .any(|e| second_part(name).is_some_and(|s| s.ends_with(e)));
    if let Some((first, second)) = name.split_once('-')
        && !name.contains(' ')
        && (second.ends_with("ий") || neuter)
        && first.starts_with(is_cyrillic)
        && first
            .chars()
            .last()
            .is_some_and(|c| !"аеєиіїоуюяьй".contains(c))
    {
        // Хутір-Михайлівський → Хутора-Михайлівського (and, folded, Хутора Михайлівського).
        let adj = cut(second, if neuter { 1 } else { 2 });
        let heads = std::iter::once(first.to_string()).chain(alternated(first, 'о'));
        return heads
            .flat_map(|h| {
                [
                    format!("{h}а-{adj}ого"),
                    format!("{h}у-{adj}ому"),
                    format!("{h}і-{adj}ому"),
                    format!("{h}ом-{adj}им"),
                ]
            })
            .collect();
    }
    // A feminine noun in -ка and its adjective, both declined (genitive, locative, accusative,
    // instrumental): Кам’янка-Дніпровська → Кам’янки-Дніпровської, у Кам’янці-Дніпровській;
    // Андріївка-Клевцове → Андріївки-Клевцового, в Андріївці-Клевцовому.
    let feminine = second_part(name).is_some_and(|s| s.ends_with("ська") || s.ends_with("цька"));
    if let Some((first, second)) = name.split_once('-')
        && !name.contains(' ')
        && first.starts_with(is_cyrillic)
        && first.ends_with("ка")
        && (feminine || neuter)
    {
        let (n, a) = (cut(first, 1), cut(second, 1));
        let [genitive, locative, accusative, instrumental] = if neuter {
            ["ого", "ому", "е", "им"]
        } else {
            ["ої", "ій", "у", "ою"]
        };
        return vec![
            format!("{n}и-{a}{genitive}"),
            format!("{}ці-{a}{locative}", cut(first, 2)),
            format!("{n}у-{a}{accusative}"),
            format!("{n}ою-{a}{instrumental}"),
        ];
    }
    let Some((first, second)) = name.split_once(' ') else {
        return Vec::new();
    };
    if second.contains(' ') || !first.chars().next().is_some_and(is_cyrillic) {
        return Vec::new();
    }
    feminine_forms(first, second)
        .or_else(|| neuter_or_plural_forms(first, second))
        .unwrap_or_else(|| masculine_forms(first, second))
}

/// The part of a hyphenated name after its first hyphen.
fn second_part(name: &str) -> Option<&str> {
    name.split_once('-').map(|(_, s)| s)
}

/// `w` without its last `n` characters.
fn cut(w: &str, n: usize) -> String {
    let c: Vec<char> = w.chars().collect();
    c[..c.len().saturating_sub(n)].iter().collect()
}

/// Case forms of a two-word name with a feminine noun (see [`phrase_forms`]).
fn feminine_forms(first: &str, second: &str) -> Option<Vec<String>> {
    if first.ends_with("ня") && second.ends_with('а') {
        // Верхня Терса → Верхньої Терси, Верхній Терсі.
        let (a, n) = (cut(first, 1), cut(second, 1));
        return Some(vec![
            format!("{a}ьої {n}и"),
            format!("{a}ій {n}і"),
            format!("{a}ю {n}у"),
            format!("{a}ьою {n}ою"),
        ]);
    }
    let noun = first.ends_with("вка") || first.ends_with("нка");
    if noun && second.ends_with('а') && !second.ends_with("ка") {
        // A noun and its adjective: Новоселівка Перша → Новоселівки Першої, Новоселівці Першій.
        let (n, a) = (cut(first, 1), cut(second, 1));
        return Some(vec![
            format!("{n}и {a}ої"),
            format!("{}ці {a}ій", cut(first, 2)),
            format!("{n}у {a}у"),
            format!("{n}ою {a}ою"),
        ]);
    }
    if first.ends_with('а') && second.ends_with('ь') {
        // An adjective and a feminine noun in -ь: Козача Лопань → Козачої Лопані, Козачій
        // Лопані, Козачу Лопань, Козачою Лопанню.
        let (a, n) = (cut(first, 1), cut(second, 1));
        let doubled: String = n.chars().last().into_iter().collect();
        return Some(vec![
            format!("{a}ої {n}і"),
            format!("{a}ій {n}і"),
            format!("{a}у {second}"),
            format!("{a}ою {n}{doubled}ю"),
        ]);
    }
    if !(first.ends_with('а') && second.ends_with('а')) {
        return None;
    }
    // Нова Каховка → Нової Каховки, Новій Каховці, Нову Каховку, Новою Каховкою.
    let (a, n) = (cut(first, 1), cut(second, 1));
    let loc = match n.chars().last() {
        Some('к') => format!("{}ці", cut(&n, 1)),
        Some('г') => format!("{}зі", cut(&n, 1)),
        Some('х') => format!("{}сі", cut(&n, 1)),
        _ => format!("{n}і"),
    };
    let gen_ = if n.ends_with(['ж', 'ч', 'ш', 'щ']) {
        "і"
    } else {
        "и"
    };
    Some(vec![
        format!("{a}ої {n}{gen_}"),
        format!("{a}ій {loc}"),
        format!("{a}у {n}у"),
        format!("{a}ою {n}ою"),
    ])
}

/// Case forms of a two-word plural or neuter name (see [`phrase_forms`]).
fn neuter_or_plural_forms(first: &str, second: &str) -> Option<Vec<String>> {
    if first.ends_with('і') && (second.ends_with('и') || second.ends_with('і')) {
        // Малі Щербаки → Малих Щербаків, Малим Щербакам, у Малих Щербаках. A soft adjective
        // keeps its і (Горішні Плавні → Горішніх Плавнів), a noun in -і takes я (Плавнях, Нові
        // Петрівці → Нових Петрівцях).
        let soft = [
            "Верхн",
            "Нижн",
            "Горішн",
            "Долішн",
            "Середн",
            "Передн",
            "Задн",
            "Крайн",
        ]
        .iter()
        .any(|s| first.strip_suffix('і') == Some(*s));
        let (a, n) = (cut(first, 1), cut(second, 1));
        let (y, m) = if soft {
            ("іх", "ім")
        } else {
            ("их", "им")
        };
        let v = if second.ends_with('і') { 'я' } else { 'а' };
        return Some(vec![
            format!("{a}{y} {n}ів"),
            format!("{a}{m} {n}{v}м"),
            format!("{a}{y} {n}{v}х"),
            format!("{a}{m}и {n}{v}ми"),
        ]);
    }
    if first.ends_with('е') && second.ends_with("Поле") {
        // An adjective and the noun поле: Червоне Поле → Червоного Поля, Червоному Полі.
        let (a, n) = (cut(first, 1), cut(second, 1));
        let forms = [("ого", "я"), ("ому", "ю"), ("ому", "і"), ("им", "ем")];
        return Some(
            forms
                .iter()
                .map(|(e, f)| format!("{a}{e} {n}{f}"))
                .collect(),
        );
    }
    if first.ends_with('е') && second.ends_with('е') {
        // Two neuter adjectives: Зоряне Перше → Зоряного Першого, Зоряному Першому.
        let (a, b) = (cut(first, 1), cut(second, 1));
        let forms = ["ого", "ому", "им"];
        return Some(forms.iter().map(|e| format!("{a}{e} {b}{e}")).collect());
    }
    None
}

/// Case forms of a masculine adjective or possessive and a noun ending in a consonant (see
/// [`phrase_forms`]): Часів Яр → Часового Яру, Часовому Ярі, Часовим Яром.
fn masculine_forms(first: &str, second: &str) -> Vec<String> {
    let vowel = |c: char| "аеєиіїоуюяь".contains(c);
    let mut out = Vec::new();
    let soft = second.ends_with('ь') && second.chars().count() > 2;
    if !soft && !second.chars().last().is_some_and(|c| !vowel(c) && c != 'й') {
        return out;
    }
    let possessive = first.ends_with("ів");
    let a = if first.ends_with("ий") {
        cut(first, 2)
    } else if possessive {
        format!("{}ов", cut(first, 2))
    } else if first.ends_with("ин") || first.ends_with("їн") {
        // Русин Яр → Русиного Яру (a possessive in -ин declines as an adjective).
        first.to_string()
    } else {
        return out;
    };
    if soft {
        // A soft noun: Білий Колодязь → Білого Колодязя, у Білому Колодязі; its е may drop
        // (Новий Корець → Нового Корця) or its і alternate (Великий Любінь → Великого Любеня).
        let stem = cut(second, 1);
        let dropped = second.strip_suffix("ець").map(|s| format!("{s}ц"));
        for n in [Some(stem.clone()), dropped, alternated(&stem, 'е')]
            .into_iter()
            .flatten()
        {
            out.push(format!("{a}ого {n}я"));
            out.push(format!("{a}ому {n}ю"));
            out.push(format!("{a}ому {n}і"));
            out.push(format!("{a}им {n}ем"));
        }
        return out;
    }
    // Мишурин Ріг → Мишуриного Рогу: the noun's і alternates too.
    for n in std::iter::once(second.to_string()).chain(alternated(second, 'о')) {
        out.push(format!("{a}ого {n}у"));
        out.push(format!("{a}ого {n}а"));
        out.push(format!("{a}ому {n}і"));
        out.push(format!("{a}ому {n}у"));
        out.push(format!("{a}им {n}ом"));
        if let Some(front) = palatalised(&n) {
            // Кривий Ріг → у Кривому Розі, Новий Буг → у Новому Бузі.
            out.push(format!("{a}ому {front}і"));
        }
        if possessive {
            // The possessive's short genitive: Часів Яр → біля Часова Яру.
            out.push(format!("{a}а {n}у"));
        }
    }
    out
}
