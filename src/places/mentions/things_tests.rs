//! Tests of the matcher on round 12's kinds of text (sports, culture and business pages;
//! hromadas' own news; ministries in English): clubs and their seats, institutions and plants
//! called after towns, people named by initials or after "імені", former names in brackets,
//! words typed with Latin look-alike letters, communities named with "ОТГ", and raions named by
//! a Latin adjective.

use super::tests::{assert_finds, assert_none, assert_not, qualified};

#[test]
fn clubs_and_their_seats_are_not_places() {
    // A First League round: every city is a club's seat or name.
    assert_none(&[
        "пройдуть матчі «Прикарпаття» (Івано-Франківськ), «Карпати» (Львів) - «Вікторія» (Суми)",
        "«Металіст» (Харків) - «Металург» (Запоріжжя) запланований на неділю",
        "зустрінеться з «Гірником-Спорт» та клубом «Чернігів-ШВСМ»",
        "зіграють хмельницьке «Поділля» та донецькі «Шахтар», «Металург» і «Олімпік»",
        "Дніпро-1 і «Дніпро-1» виграли",
        "відбудуться поєдинки «Полтава» - »Епіцентр»",
        "Луганці ж знайшли притулок на стадіоні.",
        "the Avanhard Stadium and Slavutych Arena; the round 2 game against FC Lviv",
    ]);
    // A club named before its city is the club when it stands alone later; the city is still
    // the city.
    let text = "Zorya Luhansk host United in Odesa. Zorya have not played in Luhansk since 2014.";
    assert_not(text, "Zoria (Dnipropetrovsk Oblast)");
    assert_finds(text, "Luhansk (Luhansk Oblast)");
    assert_finds(text, "Odesa (Odesa Oblast)");
    // A referee's town in brackets is a place; so is a city in capitals.
    let text = "АРЕНА ЛЬВІВ, ЛЬВІВ. ГОЛОВНИЙ АРБІТР — ВІТАЛІЙ РОМАНОВ (ДНІПРО).";
    assert_finds(text, "Lviv (Lviv Oblast)");
    assert_finds(text, "Dnipro (Dnipropetrovsk Oblast)");
    // A quoted place's name alone is still the place.
    assert_finds(
        "у селі «Покровськ» і в Донецькій області",
        "Pokrovsk (Donetsk Oblast)",
    );
}

#[test]
fn institutions_plants_and_people_called_after_places() {
    assert_none(&[
        "Донецький національний університет імені Василя Стуса переїхав",
        "Донецький академічний обласний драматичний театр",
        "Луганський університет імені Шевченка знайшов прихисток",
        "зупинили Авдіївського КХЗ, ММК ім. Ілліча",
        "на майдані Т.Г. Шевченка прощалися із захисником",
        "A. Komar was head of the kolhosp",
        "Kalush Orchestra розпочинають тур; Mount Hoverla; шахтоуправління «Покровське»",
    ]);
    // A mayor's council word keeps the city.
    assert_finds(
        "Хмельницький міський голова Олександр Симчишин",
        "Khmelnytskyi (Khmelnytskyi Oblast)",
    );
    // Initials are not an abbreviation of a country.
    assert_finds("the U.S. Kyiv embassy reopened", "Kyiv (Kyiv City)");
}

#[test]
fn a_former_name_in_brackets_is_todays_place() {
    let text = "уродженця села Ярошівка (тепер Українське) Прилуцького району на Чернігівщині";
    assert_not(text, "Yaroshivka (Sumy Oblast)");
    assert_finds(text, "Ukrainske (Chernihiv Oblast)");
}

#[test]
fn latin_look_alike_letters_in_cyrillic_words() {
    // Latin i, B, p typed in a Donetsk evacuation list.
    let text = "Білозерської громади: міста Бiлозерське. Добропільської громади: села \
                Вiкторiвка, Bipiвка, Копанi.";
    let found = qualified(text);
    for place in [
        "Bilozerske (Donetsk Oblast)",
        "Viktorivka (Donetsk Oblast)",
        "Virivka (Donetsk Oblast)",
        "Kopani (Donetsk Oblast)",
    ] {
        assert!(found.iter().any(|f| f == place), "{place} in {found:?}");
    }
    // Words of one script are left as they are.
    assert_none(&["iPhone, Pixel, BMW X5"]);
}

#[test]
fn communities_named_with_otg_and_their_small_villages() {
    let text = "У Студениківській ОТГ висадили калину. Олег Гордієнко, 27 років, Пристроми.";
    assert_finds(text, "Prystromy (Kyiv Oblast)");
    let text = "старосту у Комишуваській об’єднаній територіальній громаді: Новотроїцьке, \
                Новорозівка, Жовта Круча, Славне, Веселе, Блакитне.";
    assert_finds(text, "Novotroitske (Zaporizhzhia Oblast)");
    assert_finds(text, "Blakytne (Zaporizhzhia Oblast)");
    // A council called after its town is a body, not a place.
    assert_none(&["Світлинами поділилася Малинська міськрада."]);
}

#[test]
fn raions_named_by_a_latin_adjective() {
    let text = "captured two soldiers near the village of Novodmytrivka, Pokrovsky district";
    assert_finds(text, "Novodmytrivka (Donetsk Oblast)");
    // A fold of two capitalised words beats the spelling of the first.
    let text = "from the villages of Illinivka, Berestok, Vodiane Druge, Hnativka";
    assert_finds(text, "Vodiane Druhe (Donetsk Oblast)");
    assert_not(text, "Vodiane (Donetsk Oblast)");
}

#[test]
fn folds_away_from_the_front_and_a_plural_citys_genitive() {
    // The press's spellings of a village in Zhytomyr Oblast, placed by its raion.
    let text = "destroyed in the villages of Huta-Zabilotska and Rakovichi of Zhytomyr district";
    assert_finds(text, "Rakovychi (Zhytomyr Oblast)");
    // "з Прилук": the genitive plural has no ending; "у Прилуках" one.
    for text in [
        "Вона родом з Прилук, на Чернігівщині.",
        "Вона живе у Прилуках, на Чернігівщині.",
    ] {
        assert_finds(text, "Pryluky (Chernihiv Oblast)");
    }
}

#[test]
fn villages_of_one_community_named_together_are_its() {
    // A hromada's own page: three villages, no hromada, raion or oblast named.
    let text = "Тоді як в селі Садове жителі уже мають водогін, то в селі Кугаївці лише ведуться \
                роботи, зі сторони села Бережанка.";
    for place in [
        "Sadove (Khmelnytskyi Oblast)",
        "Kuhaivtsi (Khmelnytskyi Oblast)",
        "Berezhanka (Khmelnytskyi Oblast)",
    ] {
        assert_finds(text, place);
    }
    // The villages of one community beat an oblast the paragraph names for another reason.
    let text = "Від ТОВ «ЛДК» з Миколаївщини жителям сіл Киселівка, Зелений Гай, Барвінок, Клапая \
                роздали консерви.";
    assert_finds(text, "Kyselivka (Kherson Oblast)");
    assert_not(text, "Kyselivka (Mykolaiv Oblast)");
}
