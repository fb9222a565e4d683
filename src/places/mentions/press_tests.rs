//! Tests of the matcher on the phrasing of news reports (wire copy, Ukrainian outlets): the
//! adjective "український" at the start of a sentence, oblasts' own names that villages bear,
//! a mayor named with the city, salients and offensives.

use super::Matcher;
use super::tests::{assert_none, names, qualified, qualified_with};
use crate::places::gazetteer::Gazetteer;

/// The community (hromada) of the place called `name` that `text` names, if it names one: which
/// of the namesakes in one oblast the matcher took.
fn hromada_of(text: &str, name: &str) -> Option<String> {
    let g = Gazetteer::embedded();
    let m = Matcher::new(&g);
    m.find(text, &[], &g)
        .into_iter()
        .find(|id| g.get(*id).name == name)
        .map(|id| g.get(id).hromada.to_string())
}

/// Asserts that the places found in `text` include `place` ("Name (Oblast)").
fn assert_finds(text: &str, place: &str) {
    let found = qualified(text);
    assert!(found.iter().any(|p| p == place), "{text}: {found:?}");
}

#[test]
fn ukrainian_adjectives_at_a_sentence_start_are_not_ukrainsk() {
    assert_none(&[
        "Українська армія відступила з позицій.",
        "Бої тривають. Українські військові відбили штурм.",
        "Українське радіо повідомило.",
        "Українську делегацію очолив міністр.",
        "Слов’янська ТЕС знеструмлена.",
    ]);
    // The town itself is still found in its case forms.
    assert_eq!(names("Бої біля Українська тривають.", &[]), ["Ukrainsk"]);
    assert_eq!(names("Вибухи у Покровську.", &[]), ["Pokrovsk"]);
    assert_eq!(names("Тиша в Українську.", &[]), ["Ukrainsk"]);
}

#[test]
fn an_oblasts_own_name_is_never_the_village_of_that_name() {
    // Харківщина is also a village in Sumy Oblast, 10 km from Sumy.
    assert!(qualified_with("Ворог атакував Харківщину вночі.", &["Sumy"]).is_empty());
    assert_eq!(
        names(
            "Ворог атакував Сумщину і Харківщину: Білопілля під ударом.",
            &[]
        ),
        ["Bilopillia"]
    );
    assert!(names("На Буковині тихо.", &[]).is_empty());
    // "на Запоріжжі" is the oblast; "у Запоріжжі" the city.
    assert!(names("На Запоріжжі ворог завдав 500 ударів.", &[]).is_empty());
    assert_eq!(
        names("У Запоріжжі пролунали вибухи.", &[]),
        ["Zaporizhzhia"]
    );
}

#[test]
fn a_title_before_a_citys_case_form_is_the_citys_title() {
    assert_eq!(names("Мер Харкова Ігор Терехов заявив.", &[]), ["Kharkiv"]);
    assert_eq!(
        names("Міський голова Мелітополя Іван Федоров.", &[]),
        ["Melitopol"]
    );
}

#[test]
fn salients_and_offensives_are_areas() {
    assert!(names("Russian forces tried to cut off the Siversk salient.", &[]).is_empty());
    assert!(names("the Kharkiv offensive of May 2024", &[]).is_empty());
    assert_eq!(names("Russian forces entered Siversk.", &[]), ["Siversk"]);
}

#[test]
fn an_oblast_named_after_a_village_decides_it_and_anchors_nothing() {
    // Hroza: a village in Kharkiv Oblast and one 32 km from Dnipro. "The Dnipropetrovsk region"
    // is no support for the second; "in Ukraine's Kharkiv region" scopes the first.
    let text = "A strike on the village of Hroza in Ukraine's Kharkiv region killed 52. The \
                soldier was first buried in the Dnipropetrovsk region.";
    assert_eq!(qualified(text), ["Hroza (Kharkiv Oblast)"]);
    // Both oblasts named, neither next to the village: the one on the front (Kupiansk Raion, a
    // raion of the Kupiansk direction) is meant, not the one by Dnipro (`Rule::FrontInOblast`).
    let text =
        "Hroza mourned. Soldiers from the Kharkiv region and the Dnipropetrovsk region came.";
    assert_eq!(qualified(text), ["Hroza (Kharkiv Oblast)"]);
    assert_eq!(
        qualified("Обстріляли Грозу на Харківщині."),
        ["Hroza (Kharkiv Oblast)"]
    );
}

#[test]
fn a_named_community_stands_for_its_raion() {
    // Mykolaivka: 97 places, the best known in Donetsk Oblast; four in Chernihiv Oblast, one in
    // Семенівська громада (Novhorod-Siverskyi Raion).
    let text = "Армія рф обстріляла прикордонні громади Чернігівщини.\n\nСеменівська громада:\n\
                - два вибухи зафіксували в районі Миколаївки.";
    assert_eq!(qualified(text), ["Mykolaivka (Chernihiv Oblast)"]);
}

#[test]
fn airports_and_newspapers_are_not_their_places() {
    assert!(names("Flights from Boryspil International Airport stopped.", &[]).is_empty());
    assert!(names("Рейси з аеропорту «Бориспіль» скасовано.", &[]).is_empty());
    assert!(names("За даними видання New York Times, у Бахмуті бої.", &[]) == ["Bakhmut"]);
}

#[test]
fn a_village_in_the_texts_oblast_beats_a_better_known_one_outside_it() {
    // Придніпровське: a village of 2,400 in Dnipropetrovsk Oblast (near Novovorontsovka, across
    // the reservoir) and a codifier village 5 km from Kherson.
    let text = "Росіяни атакували Херсонську область.\n\nПід обстрілами перебували Антонівка, \
                Придніпровське, Чорнобаївка, Херсон, Нововоронцовка, Дудчани.";
    assert_finds(text, "Prydniprovske (Kherson Oblast)");
    assert!(!qualified(text).contains(&"Prydniprovske (Dnipropetrovsk Oblast)".to_string()));
}

#[test]
fn a_full_stop_after_a_settlement_abbreviation_ends_no_sentence() {
    // "Зоря" (dawn) at a sentence start is a word; after "с." it is the village.
    assert!(names("Зоря зійшла над Бахмутом. ", &[]) == ["Bakhmut"]);
    assert_finds(
        "Прильоти по с. Зоря та м. Бахмут Донецької області.",
        "Zoria (Donetsk Oblast)",
    );
}

#[test]
fn governors_and_first_names_in_any_case_and_spelling() {
    // Труханов is Trukhaniv's Russian name; Hennadiy is the press's spelling of Геннадій.
    for text in [
        "За словами Геннадія Труханова, удар був масованим.",
        "Odesa Mayor Hennadiy Trukhanov said.",
    ] {
        assert!(
            !names(text, &[]).contains(&"Trukhaniv".to_string()),
            "{text}"
        );
    }
    assert!(names("Mykolaiv governor Vitaliy Kim said.", &[]).is_empty());
    assert_eq!(names("Kyiv Mayor Vitali Klitschko said.", &[]), ["Kyiv"]);
}

#[test]
fn a_council_or_administration_called_after_a_place_is_a_body() {
    assert!(names("Land in the Osokorivka village council was damaged.", &[]).is_empty());
    assert!(names("The Kyiv City Military Administration said.", &[]).is_empty());
    assert_eq!(names("Kyiv city was hit again.", &[]), ["Kyiv"]);
}

#[test]
fn a_list_of_communities_names_no_town() {
    let text = "Під ударом були Нікополь, Марганецька, Червоногригорівська, Покровська та \
                Мирівська громади. Ворог атакував Межівську, Покровську, Васильківську громади.";
    assert_eq!(names(text, &[]), ["Nikopol"]);
}

#[test]
fn banks_time_zones_units_and_territories_are_not_the_place() {
    for text in [
        "Kherson is shelled from the Dnipro’s eastern bank.",
        "Troops appeared at about 10:00 Kyiv time.",
        "Clashes with Ukraine's Aidar Battalion followed.",
        "The Kharkiv military-civilian administration moved.",
        "Russia held 80 percent of the territory of Luhansk.",
    ] {
        let found = names(text, &[]);
        assert!(found.iter().all(|n| n == "Kherson"), "{text}: {found:?}");
    }
}

#[test]
fn a_former_name_far_nearer_the_texts_places_is_that_place() {
    // Pervomaiske, 3 km from Pisky, is Avdiivske since 2024; today's Pervomaiske of Donetsk
    // Oblast is 50 km away.
    let text = "Russian forces took Pisky, between Opytne and Krasnohorivka, then advanced west \
                towards Pervomaiske.";
    assert_eq!(
        qualified(text),
        [
            "Avdiivske (Donetsk Oblast)",
            "Krasnohorivka (Donetsk Oblast)",
            "Opytne (Donetsk Oblast)",
            "Pisky (Donetsk Oblast)"
        ]
    );
}

#[test]
fn lower_case_directions_and_lines_of_advance() {
    // "на горлівському напрямку" names the Horlivka direction; a dash inside a line is no
    // sentence start.
    assert_eq!(
        qualified("Бої тривають на горлівському напрямку: постраждав Нью-Йорк."),
        ["Niu-York (Donetsk Oblast)"]
    );
    assert_finds(
        "Сили просуваються за напрямком Мала Токмачка — Очеретувате.",
        "Ocheretuvate (Zaporizhzhia Oblast)",
    );
}

#[test]
fn a_lagoon_called_lyman_is_not_the_town() {
    assert!(names("The river flows into the Molochnyi Lyman.", &[]).is_empty());
    assert_eq!(names("Russian forces shelled Lyman.", &[]), ["Lyman"]);
}

#[test]
fn oblast_centres_in_a_list_of_strikes_keep_their_names() {
    // Черкаси and Полтава are also villages (one 70 km from Lutsk, one 24 km from Kupiansk);
    // "Хмельницькому" and "Кропивницькому" are also forms of villages' names.
    let text = "Вибухи пролунали у Луцьку, Черкасах, Полтаві, Куп’янську, Хмельницькому, \
                Кропивницькому, Кременчуці та Кривому Розі.";
    assert_eq!(
        qualified(text),
        [
            "Cherkasy (Cherkasy Oblast)",
            "Khmelnytskyi (Khmelnytskyi Oblast)",
            "Kremenchuk (Poltava Oblast)",
            "Kropyvnytskyi (Kirovohrad Oblast)",
            "Kryvyi Rih (Dnipropetrovsk Oblast)",
            "Kupiansk (Kharkiv Oblast)",
            "Lutsk (Volyn Oblast)",
            "Poltava (Poltava Oblast)",
        ]
    );
    // A village the text firmly supports still takes the name from a city of 340,000.
    let text = "На Луганщині бої на Куп’янському напрямку. Артилерія вдарила по Макіївці.";
    assert_eq!(qualified(text), ["Makiivka (Luhansk Oblast)"]);
}

#[test]
fn an_oblasts_military_administration_names_the_oblast() {
    // Макіївка: a city of 340,000 near Donetsk and a village by Svatove.
    let text = "Повідомив голова Луганської ОВА. По Невському і Макіївці б'ють постійно, \
                зазначив він, як і по Сватовому.";
    assert!(
        qualified(text).contains(&"Makiivka (Luhansk Oblast)".to_string()),
        "{:?}",
        qualified(text)
    );
}

#[test]
fn a_city_of_fifty_thousand_yields_only_to_firm_support() {
    // Павлоград: a city of 100,000 and a settlement 34 km from Siversk (placed at its
    // community's centre); Лозова: a city of 54,000 and villages, one by Vovchansk.
    let text = "Під обстрілом були Сіверськ, Вовчанськ, Лозова, Павлоград і Нікополь.";
    let found = qualified(text);
    for city in [
        "Pavlohrad (Dnipropetrovsk Oblast)",
        "Lozova (Kharkiv Oblast)",
    ] {
        assert!(found.contains(&city.to_string()), "{found:?}");
    }
}

#[test]
fn a_name_placed_in_its_raion_once_keeps_that_sense() {
    let text = "Сили оборони діють в районі Добропілля Покровського району (Донецька обл.).\n\n\
                Українські підрозділи наступають в районах Добропілля, а також поблизу Оріхова.";
    assert_eq!(
        qualified(text),
        [
            "Dobropillia (Donetsk Oblast)",
            "Orikhiv (Zaporizhzhia Oblast)"
        ]
    );
}

#[test]
fn estuaries_and_fronts_are_not_their_places() {
    assert!(
        names(
            "A bridge across the Bilhorod-Dnistrovskyi Estuary was hit.",
            &[]
        )
        .is_empty()
    );
    assert!(names("На ділянках Запорізького фронту ворог атакує.", &[]).is_empty());
}

#[test]
fn a_first_name_alone_is_no_village() {
    // Mariia (Luhansk Oblast) and Bohdan (Zakarpattia Oblast) are villages; Volodymyr a town.
    assert!(names("Maria, the paramedic, turned around.", &[]).is_empty());
    assert!(names("Bohdan said the convoy left.", &[]).is_empty());
    assert_eq!(names("Volodymyr, a town in Volyn.", &[]), ["Volodymyr"]);
}

#[test]
fn a_town_as_near_a_named_place_keeps_its_name_against_a_village_in_a_named_oblast() {
    // Oleshky: a town of 25,000 by Kherson, and a codifier village 15 km from Kharkiv.
    let text = "Drones struck Kyiv.\n\nA bomb hit Kharkiv. Two were killed in the Kharkiv \
                region.\n\nThe dam flooded Kherson.\n\nSaldo said Oleshky was flooded.";
    assert_finds(text, "Oleshky (Kherson Oblast)");
    assert!(!qualified(text).contains(&"Oleshky (Kharkiv Oblast)".to_string()));
}

#[test]
fn a_governor_named_with_an_oblast_names_the_oblast() {
    // Nikopol: the city of 100,000 in Dnipropetrovsk Oblast, and a village in Kharkiv Oblast.
    let text = "Two people were killed in the Kharkiv region.\n\nDnipropetrovsk Governor Serhiy \
                Lysak said Nikopol was shelled. Odesa Gov. Oleh Kiper spoke too.";
    assert_finds(text, "Nikopol (Dnipropetrovsk Oblast)");
    assert_eq!(names(text, &[]), ["Nikopol"]);
}

#[test]
fn straits_bays_bridges_groups_and_an_exclusion_zone_are_not_their_towns() {
    assert_none(&[
        "Drones hit the bridge over the Kerch Strait.",
        "A ship sank in Sevastopol Bay.",
        "Fires spread in the Chernobyl exclusion zone.",
        "The Kerch bridge was closed.",
        "The Khortytsia group of forces said the Russians lost 1,300 troops.",
    ]);
}

#[test]
fn the_uns_adjectival_oblast_names_name_oblasts() {
    // OCHA writes "Donetska Oblast"; Viroliubivka is a codifier village there.
    let text = "A strike at an aid point in Viroliubivka Village in Donetska Oblast killed three. \
                Children were injured in Liubotyn, Kharkivska Oblast.";
    assert_eq!(
        qualified(text),
        ["Liubotyn (Kharkiv Oblast)", "Viroliubivka (Donetsk Oblast)"]
    );
    assert_none(&["Hostilities in Donetska, Kharkivska and Sumska oblasts went on."]);
}

#[test]
fn a_plural_area_word_before_a_list_covers_it() {
    assert_none(&[
        "Shelling hit several districts, including Volnovakha, Pokrovsk, Kramatorsk and Bakhmut.",
        "The Donbas includes two provinces, Luhansk and Donetsk.",
        "Drones hit the regions: Sumy, Kharkiv and Chernihiv.",
    ]);
    // After a bare comma, only with a number before the plural.
    assert_eq!(
        names("In both regions, Kharkiv was hit worst.", &[]),
        ["Kharkiv"]
    );
    // Towns listed as directions still anchor their namesakes: Blahodatne by Velyka Novosilka.
    let text = "Ukraine attacked on multiple directions, including Orikhiv and Velyka Novosilka, \
                in Zaporizhzhia Oblast and Donetsk Oblast. It liberated Makarivka, Neskuchne, \
                Blahodatne and Storozheve.";
    assert_finds(text, "Blahodatne (Donetsk Oblast)");
}

#[test]
fn an_oblast_centres_name_after_a_village_and_in_is_the_oblast() {
    let text = "Russia said its forces captured Dobropillia in Zaporizhzhia.";
    assert_eq!(qualified(text), ["Dobropillia (Zaporizhzhia Oblast)"]);
    assert_eq!(
        qualified("The village of Hroza in Kharkiv was hit."),
        ["Hroza (Kharkiv Oblast)"]
    );
    // Not before a capitalised word, nor after anything but a place.
    assert_eq!(names("He moved from Bakhmut in 2014.", &[]), ["Bakhmut"]);
    assert_eq!(names("Drones hit Kharkiv.", &[]), ["Kharkiv"]);
}

#[test]
fn a_village_called_like_a_city_abroad_needs_a_place_near_it() {
    // Rostov: a village in Sumy Oblast; in the news, the Russian city.
    let text = "Air defence shot down drones over Kursk, Voronezh, Rostov and Belgorod. \
                Officials in the Sumy region reported damage.";
    assert!(names(text, &[]).is_empty());
    assert_eq!(
        names("Shelling hit Rostov, near Shostka.", &[]),
        ["Rostov", "Shostka"]
    );
}

#[test]
fn other_marks_typed_for_an_apostrophe_are_apostrophes() {
    assert_eq!(names("Обстріли Куп‘янська тривають.", &[]), ["Kupiansk"]);
    assert_eq!(names("Обстріли Куп`янська тривають.", &[]), ["Kupiansk"]);
    // A quotation mark is not one.
    assert_eq!(names("Вибухи у ‘Харкові’.", &[]), ["Kharkiv"]);
}

#[test]
fn a_community_called_after_its_centre_stands_for_its_raion() {
    // Katerynivka: six in Donetsk Oblast; one in the Maryinka (Мар’їнська) community, another
    // by Kostiantynivka, which the text names too.
    let text = "Russians fired at Donetsk region. Two people were wounded in Krasnohorivka in the \
                Maryinka community, and Katerynivka and Kostiantynivka came under fire.";
    assert_eq!(
        hromada_of(text, "Katerynivka").as_deref(),
        Some("Мар’їнська"),
        "{:?}",
        qualified(text)
    );
}

#[test]
fn a_big_city_outside_the_paragraphs_oblasts_yields_to_a_village_of_its_list() {
    // Kamianske: a city of 230,000 in Dnipropetrovsk Oblast, which another paragraph names, and
    // a village by Stepnohirsk in Zaporizhzhia Oblast.
    let text = "Ворог атакував Запоріжжя, Оріхів, Степногірськ, Кам'янське, повідомив начальник \
                Запорізької ОВА.\n\nУ Дніпрі пошкоджено підприємство, повідомив голова \
                Дніпропетровської ОВА.";
    assert_finds(text, "Kamianske (Zaporizhzhia Oblast)");
    assert!(!qualified(text).contains(&"Kamianske (Dnipropetrovsk Oblast)".to_string()));
}

#[test]
fn an_oblast_centre_keeps_its_name_against_a_village_near_another_paragraphs_town() {
    // Poltava: the oblast centre, and a codifier village 24 km from Kupiansk.
    for text in [
        "Strikes hit Lviv, Kharkiv, Sumy and Poltava.\n\nRussian forces shelled Kupiansk in the \
         Kharkiv region.",
        "Strikes hit Lviv, Kharkiv, Sumy and Poltava. Russian forces shelled Kupiansk in the \
         Kharkiv region.",
    ] {
        assert_finds(text, "Poltava (Poltava Oblast)");
    }
    // Nikopol, a city of 100,000 whose oblast the text names, is no village in Kharkiv Oblast
    // for sharing a sentence with the Kharkiv region.
    let text = "Further north, Russian troops crossed into the Dnipropetrovsk region.\n\nRussian \
                forces also shelled Kupiansk in the Kharkiv region, and Nikopol across the river.";
    assert_finds(text, "Nikopol (Dnipropetrovsk Oblast)");
}

#[test]
fn communities_listed_are_communities_unless_none_is_called_so() {
    // Hromadas called after their centres.
    assert_none(&[
        "Russian attacks affected such communities as Bilopillia, Krasnopillia and \
                   Yunakivka.",
    ]);
    // Villages that no community is called after, though the text says "communities".
    let text = "In the Zaporizhzhia region, 253 artillery strikes hit the outskirts of dozens of \
                communities, including Prymorske, Shcherbaky and Varvarivka.";
    assert_eq!(names(text, &[]), ["Prymorske", "Shcherbaky", "Varvarivka"]);
}

#[test]
fn every_oblast_centre_is_a_city_of_the_gazetteer() {
    let g = Gazetteer::embedded();
    for (iso, name) in super::oblasts::CENTRES {
        let found = g
            .iter()
            .any(|(_, p)| p.name == *name && p.oblast_iso == *iso && p.kind == "city");
        assert!(found, "{name} ({iso})");
    }
}

#[test]
fn russian_style_spellings_name_their_places() {
    let text = "Blahovishchenske, Kizomys, Veletenskoye, Sadove, Burgunka, Antonovka and \
                Prydniprovskoye in the Kherson region came under fire.";
    for place in [
        "Veletenske (Kherson Oblast)",
        "Burhunka (Kherson Oblast)",
        "Prydniprovske (Kherson Oblast)",
        "Antonivka (Kherson Oblast)",
    ] {
        assert_finds(text, place);
    }
    assert_eq!(
        super::spellings::russian_style("Новоберислав", "Novoberyslav"),
        ["Novoberislav"]
    );
    assert_eq!(
        super::spellings::russian_style("Степове", "Stepove"),
        ["Stepovoye", "Stepovoe", "Stepovo"]
    );
}

#[test]
fn a_place_put_near_another_is_the_namesake_near_it() {
    // Novoselivka: eight in Donetsk Oblast, one 7 km from Kramatorsk and one 12 km from Lyman.
    for text in [
        "Fighting raged near Pokrovsk, Toretsk and Kramatorsk. Russia took Novoselivka near Lyman.",
        "Fighting raged near Kramatorsk. Russia took Novoselivka, 12 km (7 miles) north of Lyman.",
        "Бої біля Краматорська. Росіяни захопили Новоселівку біля Лимана.",
    ] {
        assert_eq!(
            hromada_of(text, "Novoselivka").as_deref(),
            Some("Лиманська"),
            "{text}"
        );
    }
    // Not across other words.
    let text = "Fighting raged near Kramatorsk. Russia took Novoselivka, Lyman said.";
    assert_ne!(
        hromada_of(text, "Novoselivka").as_deref(),
        Some("Лиманська")
    );
}

#[test]
fn a_paragraphs_own_places_outweigh_an_oblast_another_paragraph_names() {
    // Шевченкове: a town of 7,000 near Kupiansk, and dozens of villages, one of them in the
    // Synelnykove raion of Dnipropetrovsk Oblast, which the next paragraph names.
    let text = "Під ударом Ізюм, Балаклія, Шевченкове та Куп'янськ-Вузловий.\n\nНа \
                Дніпропетровщині під вогнем опинилися громади Синельниківського району.";
    assert_finds(text, "Shevchenkove (Kharkiv Oblast)");
    // A city listed before community adjectives and "громади" is the city.
    let text = "Ворог атакував Нікопольський район: Нікополь, Марганецьку та Червоногригорівську \
                громади.";
    assert_eq!(names(text, &[]), ["Nikopol"]);
}

#[test]
fn the_text_s_oblast_weighs_in_a_paragraph_that_names_none() {
    // Станіслав: a village in Kherson Oblast, and Ivano-Frankivsk's name until 1962.
    let text = "Розслідування обстрілів Херсонщини веде Херсонська обласна прокуратура.\n\nУ цей \
                же час ворог з артилерії обстрілював Станіслав.";
    assert_eq!(qualified(text), ["Stanislav (Kherson Oblast)"]);
    // Червоне: a village of that name today in the south of Zaporizhzhia Oblast, and Vysoke by
    // Huliaipole, so called until 2024: beside Huliaipole, the former.
    let text = "Окупанти обстріляли Запорізьку область.\n\nПостраждали Гуляйполе, Залізничне, \
                Червоне.";
    assert_finds(text, "Vysoke (Zaporizhzhia Oblast)");
    // Кам’янське among Zaporizhzhia villages: two namesakes there, neither the city.
    let text = "Поліцейські задокументували удари по Запорізькій області. Постраждали Гуляйполе, \
                Мала Токмачка, Кам’янське, Степове.";
    assert!(!qualified(text).contains(&"Kamianske (Dnipropetrovsk Oblast)".to_string()));
}

#[test]
fn an_oblasts_regional_bodies_name_the_oblast() {
    // Білогорівка: in Luhansk, Donetsk and Rivne oblasts.
    for text in [
        "Про це повідомив голова Луганської обласної військової адміністрації. Бої біля \
         Білогорівки.",
        "Про це повідомив очільник Луганської ВЦА. Бої біля Білогорівки.",
    ] {
        assert_eq!(qualified(text), ["Bilohorivka (Luhansk Oblast)"], "{text}");
    }
    // A headline's capitalised "And" joins a list as "and" does.
    assert!(
        names(
            "Russian Forces Attack Sumy Region's Shostka And Konotop Districts",
            &[]
        )
        .is_empty()
    );
    assert_eq!(
        super::spellings::russian_style("Новосадове", "Novosadove"),
        ["Novosadovoye", "Novosadovoe", "Novosadovo"]
    );
}
