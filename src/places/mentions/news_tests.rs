//! Tests of the matcher on round 9's news phrasing (journalists' reports in both languages):
//! communities and starosta districts called after places, a river named twice, a word for a
//! kind of settlement before a name, an oblast named once for a name used again, first names
//! that are villages in a list, and case forms of plural and neuter names.

use super::tests::{assert_finds, assert_none, assert_not};

#[test]
fn communities_and_their_lists_are_areas() {
    assert_not(
        "Russian troops attacked the community of Kutsurub in Mykolaiv Oblast.",
        "Kutsurub (Mykolaiv Oblast)",
    );
    for place in [
        "Krasnopillia (Sumy Oblast)",
        "Velyka Pysarivka (Sumy Oblast)",
    ] {
        assert_not(
            "Russian shelling hit the communities of Krasnopillia and Velyka Pysarivka in Sumy Oblast.",
            place,
        );
    }
    // The area word after a compound the name starts ("Novhorod-Siverska").
    assert_not(
        "He visited Semenivka and Novhorod-Siverska communities in the Chernihiv region.",
        "Semenivka (Chernihiv Oblast)",
    );
    assert_none(&["староста Новопетрівського старостинського округу розповів про обстріли"]);
}

#[test]
fn bodies_regions_and_rivers_in_lists() {
    assert_none(&[
        "Russia claims to have annexed Luhansk, Donetsk, Zaporizhzhya and Kherson.",
        "The Chernihiv police said two pensioners were evacuated.",
        "It lies south of the mouths of the Pivdennyi Buh and Dnipro rivers.",
        "Following Ukraine's Kharkiv and Kherson counteroffensives, the front moved.",
        "речник угруповання військ «Дніпро» Віктор Трегубов",
    ]);
}

#[test]
fn a_river_named_once_is_the_river_elsewhere() {
    let text = "Бої за Кринки (2 км від річки Дніпро) тривають. \
                Міст на північ від Олешок (4 км від Дніпра) обстрілюють.";
    assert_not(text, "Dnipro (Dnipropetrovsk Oblast)");
    assert_finds(text, "Oleshky (Kherson Oblast)");
    // A word that says it is the city keeps the city.
    assert_finds(
        "На лівому березі Дніпра тихо. Ракета влучила в місто Дніпро.",
        "Dnipro (Dnipropetrovsk Oblast)",
    );
    // In English only "the" before the name reads as the river.
    assert_not(
        "Troops crossed the Dnipro River near Kherson and held the Dnipro islands.",
        "Dnipro (Dnipropetrovsk Oblast)",
    );
    assert_finds(
        "Troops crossed the Dnipro River near Kherson. A missile hit Dnipro.",
        "Dnipro (Dnipropetrovsk Oblast)",
    );
}

#[test]
fn a_word_for_a_kind_of_settlement_is_no_village() {
    let text = "Селище Хотінь на Сумщині продовжує перебувати під контролем ЗСУ.";
    assert_not(text, "Selyshche (Sumy Oblast)");
    assert_finds(text, "Khotin (Sumy Oblast)");
}

#[test]
fn an_oblast_named_once_holds_for_the_name_elsewhere() {
    let text = "Бої між Андріївкою та Олексіївкою на Сумщині.\n\
                Населений пункт Андріївка у Сумській області під контролем ЗСУ.\n\
                Андріївка перебуває під повним контролем угруповання.";
    assert_not(text, "Andriivka (Donetsk Oblast)");
    // "на Запоріжжі" names the oblast, not the city.
    let text = "Загарбники просунулися у селах Успенівка та Новомиколаївка на Запоріжжі.\n\
                На Покровському напрямку бої біля Покровська, на Гуляйпільському – в районі Успенівки.";
    assert_not(text, "Uspenivka (Donetsk Oblast)");
    assert_not(text, "Novomykolaivka (Donetsk Oblast)");
}

#[test]
fn a_first_name_in_a_list_of_villages_near_it_is_the_village() {
    assert_finds(
        "The enemy fired at Antonivka, Bilozerka, Stanislav, Sadove and Kherson.",
        "Stanislav (Kherson Oblast)",
    );
    assert_not(
        "Stanislav said the shelling went on.",
        "Stanislav (Kherson Oblast)",
    );
}

#[test]
fn a_small_town_yields_to_villages_of_its_name_in_the_oblast_named() {
    assert_not(
        "Russian forces operating in the Dnipropetrovsk region seized the village of Pryvillia.",
        "Pryvillia (Luhansk Oblast)",
    );
}

#[test]
fn a_big_city_far_from_a_list_yields_to_the_village_nearest_the_text() {
    let text = "Four UAV attacks hit Mala Tokmachka and Olhivske. The invaders hit Kamyanske and \
                Yehorivka with MLRS.\nA man was injured in Stepnohirsk, in the Zaporizhzhia region.";
    assert_finds(text, "Kamianske (Zaporizhzhia Oblast)");
    assert_not(text, "Kamianske (Dnipropetrovsk Oblast)");
}

#[test]
fn case_forms_of_plural_and_neuter_names() {
    assert_finds(
        "Міст на північ від Олешок обстрілюють.",
        "Oleshky (Kherson Oblast)",
    );
    assert_finds(
        "ЗСУ просунулися на південь від Кринок.",
        "Krynky (Kherson Oblast)",
    );
    assert_finds(
        "Виступ під Добропіллям зрізали.",
        "Dobropillia (Donetsk Oblast)",
    );
}

#[test]
fn a_paragraph_names_the_oblasts_of_a_list_its_plural_covers() {
    let text = "Russian forces in the Dnipropetrovsk region seized the village of Pryvillia, \
                southwest of Verbove.\n\
                Pryvillia lies close to the boundary separating the Dnipropetrovsk and \
                Zaporizhzhia regions.";
    assert_not(text, "Pryvillia (Luhansk Oblast)");
    assert_finds(text, "Pryvillia (Dnipropetrovsk Oblast)");
}

#[test]
fn a_surname_given_once_is_the_person_again() {
    let text = "Russian troops shelled Sumy Oblast, governor Vitaliy Kim said.\n\
                Kim said there could be more people under the rubble.";
    assert_not(text, "Chetvertakove (Sumy Oblast)");
}

#[test]
fn a_bearing_from_a_place_picks_the_namesake_that_lies_that_way() {
    // Two Pishchanes lie near Kupiansk: one to the southeast (Kurylivka community), one to the
    // northeast (Petropavlivka community).
    let found = super::tests::found(
        "Pishchane is situated approximately 22 kilometers (13.6 miles) southeast of Kupiansk.",
        &[],
        |p| format!("{} ({})", p.name, p.hromada),
    );
    let hromadas: Vec<&str> = found
        .iter()
        .filter_map(|p| p.strip_prefix("Pishchane ("))
        .collect();
    assert_eq!(hromadas, ["Курилівська)"]);
    let found = super::tests::found("Pishchane lies 8 km northeast of Kupiansk.", &[], |p| {
        format!("{} ({})", p.name, p.hromada)
    });
    assert!(
        found.iter().any(|p| p == "Pishchane (Петропавлівська)"),
        "{found:?}"
    );
}

#[test]
fn a_namesake_is_no_support_for_its_own_name() {
    // The Bilohorivka in Luhansk Oblast, once decided, does not make the Bilohorivka 27 km away
    // in Donetsk Oblast (a codifier village) a rival with support.
    let text = "На Луганщині окупанти намагаються взяти в оточення лісництво.\n\n\
                Окупант зосереджує увагу на самій Білогорівці та вище по фронту у Тернах.";
    assert_finds(text, "Bilohorivka (Luhansk Oblast)");
}

#[test]
fn a_direction_with_its_noun_left_out_is_a_direction() {
    // "на Гуляйпільському – …": the Huliaipole direction (not the village Huliaipilske), whose
    // raions decide Uspenivka.
    let text = "На Покровському напрямку бої біля Покровська, на Гуляйпільському – два рази в \
                районі Успенівки.";
    assert_not(text, "Huliaipilske (Zaporizhzhia Oblast)");
    assert_finds(text, "Uspenivka (Zaporizhzhia Oblast)");
}
