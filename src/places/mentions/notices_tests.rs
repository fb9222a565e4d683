//! Tests of the matcher on round 13's kinds of text (farewells to the fallen; people's stories;
//! utilities' notices: outages, water, roads, bridges and trains; farms, the Kakhovka reservoir
//! and demining): rivers after "річку" and "the", brands and outlets in a Cyrillic text, quoted
//! titles, two first names joined, universities and plants, the community named in another
//! paragraph, adjectives joined before "громад", the press's "-sky", a two-word name the
//! gazetteer lacks, and the kind of settlement a word gives; and round 14's (police news,
//! diplomacy, churches, local government): church words, renamings, "Rayon" and "AH", soft
//! two-word plurals.

use super::tests::{assert_finds, assert_none, assert_not, qualified};

#[test]
fn rivers_are_not_their_towns() {
    assert_none(&[
        "відкрито рух мостом через річку Замглай; міст через річку Десну",
        "міст через річку Ірпінь підірвали 25 лютого",
        "the construction of power stations along the Dnipro. The upstream Dnipro began to drop.",
    ]);
    // A city takes no article; a list of oblasts keeps its oblasts (the plural says so).
    assert_finds(
        "Strikes on Dnipro and the Dnipro hospital.",
        "Dnipro (Dnipropetrovsk Oblast)",
    );
    assert_not(
        "Russia struck the Dnipro, Kharkiv and Kyiv regions.",
        "Dnipro (Dnipropetrovsk Oblast)",
    );
}

#[test]
fn names_of_things_and_people() {
    assert_none(&[
        "Про це розповідає Poltava Today",
        "Про це повідомляє Depo.Кропивницький з посиланням на пресслужбу",
        "за програмою «Велике будівництво» відремонтували дорогу",
        "Her major at Berdiansk State Pedagogical University; the Trypillya Thermal Power Plant",
        "Nadiia and Anatoliy were on their way. “No,” explains Nadiia.",
        "at the intersection of Bogdan Khmelnitsky and Rosa Luxemburg streets",
        "ремонт на трубі Другого Донецького водогону",
        "people from Zaporizhzhia, Kherson, and partly Donetsk regions",
    ]);
    // A quoted phrase that goes on with a conjunction names the cities.
    assert_finds(
        "акція «Київ і Харків» зібрала кошти",
        "Kharkiv (Kharkiv Oblast)",
    );
    // The same name in Cyrillic is the city.
    assert_finds(
        "Poltava Today пише, що у Полтаві тихо",
        "Poltava (Poltava Oblast)",
    );
}

#[test]
fn communities_kinds_and_spellings_decide_namesakes() {
    // Adjectives joined before "громад" each name a community: Pokrovske of the Shyshaky
    // community, not the one in Donetsk Oblast the text also names.
    let text = "За даними Шишацької та Мачухівської громад, загинув воїн у напрямку Авдіївки \
                Донецької області. Його родина переїхала до села Покровське.";
    assert_finds(text, "Pokrovske (Poltava Oblast)");
    assert_not(text, "Pokrovske (Donetsk Oblast)");
    // The community named in one paragraph decides the name in the next, where only the oblast
    // is named and another namesake lies near a place.
    let text = "The head of the village of Petrivske in the Balakliia community spoke.\n\n\
                Near the village of Petrivske and in Pechenihy, in the Kharkiv region, deminers \
                cleared roads.";
    assert_eq!(
        qualified(text)
            .iter()
            .filter(|p| p.starts_with("Petrivske") || p.starts_with("Stepove"))
            .collect::<Vec<_>>(),
        ["Petrivske (Kharkiv Oblast)"]
    );
    // "селища": the one settlement among the namesakes in the raion the text names.
    assert_finds(
        "Загинув мешканець селища Широке, повідомила Криворізька районна адміністрація.",
        "Shyroke (Dnipropetrovsk Oblast)",
    );
    // "Нижнє Піщане" is not Піщане; the press's "-sky" is "-skyi".
    assert_not(
        "газу немає у селах Рибці та Нижнє Піщане біля Сум",
        "Pishchane (Sumy Oblast)",
    );
    let text = "evacuated by buses to Khmelnytsky, Odesa and Kropyvnytsky";
    assert_finds(text, "Khmelnytskyi (Khmelnytskyi Oblast)");
    assert_finds(text, "Kropyvnytskyi (Kirovohrad Oblast)");
}

#[test]
fn churches_renamings_and_older_romanisations() {
    assert_none(&[
        "Свято-Успенська Святогірська лавра знову стала жертвою обстрілу",
        "Від Сумської єпархії ПЦУ; парафія Московського патріархату",
        "reported by European Pravda",
    ]);
    // The community and the raion of a village, in older romanisations, are areas: the village
    // is the one in them.
    let text = "the village of Slobidka of the Kozliv rural AH of the Kozova Rayon";
    assert_eq!(qualified(text), ["Slobidka (Ternopil Oblast)"]);
    // A renaming names today's place, not the old name's namesake.
    let text = "The town of Druzhba in Sumy Oblast was renamed Khutir-Mykhailivskyi.";
    assert_finds(text, "Khutir-Mykhailivskyi (Sumy Oblast)");
    assert_not(text, "Druzhba (Sumy Oblast)");
    // A two-word plural name with a soft adjective, in its case forms.
    let text = "У Горішніх Плавнях правоохоронці розшукали чоловіка.";
    assert_finds(text, "Horishni Plavni (Poltava Oblast)");
    assert_not(text, "Plavni (Poltava Oblast)");
}
