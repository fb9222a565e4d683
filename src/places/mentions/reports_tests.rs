//! Tests of the matcher on round 15's kinds of text (wire services' and Ukrainian outlets' war
//! news, oblast administrations' daily summaries): a community of one name in a raion the text
//! names, a list's items that are only a name, a raion with its noun left out, rivers after
//! "р.", streets after "вулиць:", directions joined before "напрямків", regions listed after
//! a number, a possessive before "regional", and "the centre of" a city; and long texts (a live
//! blog of thousands of paragraphs, a text typed with Latin look-alike letters) keep their
//! offsets. Round 17's humanitarian and evacuation news: a town and a codifier village of one
//! name in the oblast named right after it, Cyrillic look-alikes in a Latin name, charities and
//! the Red Cross, a name after an age, a community's list in the genitive, a hyphen for a dash,
//! and "a village in Donetsk", which is the oblast; a road or a water main called by its ends.

use super::super::gazetteer::Gazetteer;
use super::Matcher;
use super::tests::{assert_finds, assert_none, assert_not, shared};

#[test]
fn a_community_in_the_raion_named() {
    // Zolochivska: Lviv Oblast's and Kharkiv Oblast's; the raion says which.
    let text = "По Богодухівському р-ну, Золочівській ТГ вдарила авіація.\n\
                Після чого ворог випустив КАБи по Золочеву.";
    assert_finds(text, "Zolochiv (Kharkiv Oblast)");
    assert_not(text, "Zolochiv (Lviv Oblast)");
}

#[test]
fn a_list_item_that_is_only_a_name_is_no_sentence() {
    let text = "Пресслужба Покровської територіальної громади: евакуація з селищ:\n\
                - Покровське;\n- Гай;\n- Орли;\n- Тихе;\n- Вовче.";
    for place in [
        "Hai (Dnipropetrovsk Oblast)",
        "Orly (Dnipropetrovsk Oblast)",
        "Tykhe (Dnipropetrovsk Oblast)",
        "Vovche (Dnipropetrovsk Oblast)",
    ] {
        assert_finds(text, place);
    }
    // An item that goes on is a sentence: "Тихе" here is the adjective.
    assert_none(&["Що відомо:\n- Тихе місто стало мішенню."]);
}

#[test]
fn areas_rivers_and_streets_of_daily_reports() {
    assert_none(&[
        "у Куп’янському районі пошкоджено будинок, в Ізюмському - автомобіль",
        "Села, що лежать на правому березі р. Дніпро.",
        "у межах вулиць: Білогірська, Василівська, Святогірська, Семенівська.",
        "з евакуації з Купʼянського та Борівського напрямків евакуйовано 160 осіб",
    ]);
    // A village after "у" and a dash with no raion named stays the village.
    assert_finds(
        "Обстріляли Ізюмське на Харківщині. У Ізюмському - пошкоджено два будинки.",
        "Iziumske (Kharkiv Oblast)",
    );
}

#[test]
fn regions_of_wire_copy() {
    assert_none(&[
        "So far, Russia has annexed five Ukrainian regions Donetsk, Kherson, Lugansk, \
         Zaporizhzhia, and Crimea.",
        "Oleg Grygorov, the head of Sumy's regional military administration, said.",
    ]);
    // "The centre of" a city is the city.
    assert_finds(
        "In the centre of Kherson, a 36-year-old man was injured.",
        "Kherson (Kherson Oblast)",
    );
    assert_finds(
        "the centre of Pokrovsk was coming under enemy control",
        "Pokrovsk (Donetsk Oblast)",
    );
}

/// Each name's offsets in `text` as `explain` gives them, with the words there.
fn spans(m: &Matcher, g: &Gazetteer, text: &str) -> Vec<(usize, String)> {
    m.explain(text, &[], g)
        .into_iter()
        .map(|e| (e.start, text[e.start..e.end].to_string()))
        .collect()
}

#[test]
fn long_texts_keep_their_offsets() {
    let (g, m) = shared();
    // 3,000 paragraphs, the same few names again and again (a live blog): every name is
    // explained where it is written.
    let para = "Обстріляли Покровськ і Мирноград, загинула жінка.\n\n";
    let text = para.repeat(3_000);
    let found = spans(m, g, &text);
    assert_eq!(found.len(), 6_000);
    for (i, (start, word)) in found.iter().enumerate() {
        let k = i / 2;
        assert_eq!(*start, k * para.len() + if i % 2 == 0 { 21 } else { 43 });
        assert_eq!(
            word,
            if i % 2 == 0 {
                "Покровськ"
            } else {
                "Мирноград"
            }
        );
    }
    // Latin look-alikes (a Latin "i" in "Бiлозерське"): offsets are the text's as written.
    let para = "Обстріляли Бiлозерське і Мирноград.\n";
    let text = para.repeat(500);
    let found = spans(m, g, &text);
    assert_eq!(found.len(), 1_000);
    assert!(found.iter().step_by(2).all(|(_, w)| w == "Бiлозерське"));
    assert!(
        found
            .iter()
            .skip(1)
            .step_by(2)
            .all(|(_, w)| w == "Мирноград")
    );
    assert_eq!(found[998].0, 499 * para.len() + 21);
}

#[test]
fn a_year_before_a_name_is_no_river() {
    assert_finds(
        "У квітні 2014 р. Донецьк захопили бойовики.",
        "Donetsk (Donetsk Oblast)",
    );
}

#[test]
fn wire_reports_of_round_16() {
    // An oblast and a colon give the list after it its oblast, though one community of another
    // oblast holds all three names.
    let text = "Ukrainian defenders pushed out Russian forces from three villages in Donetsk \
                region: Zelenyi Hai, near the administrative border with Dnipropetrovsk region, \
                as well as Volodymyrivka and Mykhailivka.";
    for place in [
        "Zelenyi Hai (Dnipropetrovsk Oblast)",
        "Mykhailivka (Dnipropetrovsk Oblast)",
    ] {
        assert_not(text, place);
    }
    // A city's former name that its oblast bears today is the oblast where the text names it.
    assert_none(&[
        "Russian troops advanced into the Dnipropetrovsk region, with its lower population \
         density in Dnipropetrovsk.",
        "the Ukrainian operational-tactical group Khortytsia indicated an assault",
    ]);
    assert_finds(
        "She said: \"Let's go to Dnipropetrovsk.\"",
        "Dnipro (Dnipropetrovsk Oblast)",
    );
    // A dateline is where the reporter files from, no anchor for a village's namesakes.
    assert_not(
        "KYIV, Ukraine — Russian forces pushed into Urozhaine, a southern village.",
        "Urozhaine (Chernihiv Oblast)",
    );
    assert_finds(
        "KYIV, Ukraine — Russian forces pushed into Urozhaine, a southern village.",
        "Kyiv (Kyiv City)",
    );
}

#[test]
fn evacuation_news_of_round_17() {
    // The oblast right after the name leaves a town and a codifier village: the town, as when
    // the oblast is named elsewhere.
    assert_finds(
        "З Козацького на Херсонщині евакуювали всі родини з дітьми.",
        "Kozatske (Kherson Oblast)",
    );
    // A Cyrillic е typed in a Latin name.
    assert_finds(
        "Over the past day, Antonivka, Prydniprovsk\u{435} and Sadove in Kherson Oblast were \
         shelled.",
        "Prydniprovske (Kherson Oblast)",
    );
    // A charity's quoted name, the Red Cross, a coffee chain, a person after her age.
    assert_none(&[
        "Пункт відкрито завдяки благодійним фондам «IBC» та «Буджак Реліф».",
        "Також долучилися представники UNHCR, Червоного Хреста та інші фонди.",
        "In a branch of the coffee chain Lviv Croissants, people leave notes.",
        "In the Dnipropetrovsk region, 75-year-old Liubov, who was injured, found shelter.",
    ]);
    assert_finds(
        "A 59-year-old Nikopol resident was injured.",
        "Nikopol (Dnipropetrovsk Oblast)",
    );
    // Only the item in the community's case is the community's: the others are towns.
    let text = "Серед пасажирів — маломобільні громадяни з Добропілля, Білозерського, \
                Святогірська та Лиманської громади.";
    assert_finds(text, "Bilozerske (Donetsk Oblast)");
    assert_finds(text, "Sviatohirsk (Donetsk Oblast)");
    // A hyphen typed for a dash after "communities"; Myrove is the centre of Мирівська громада.
    let text = "The strikes hit Nikopol and three communities-Myrove, Pokrovsk, and Marhanets.";
    assert_not(text, "Pokrovsk (Donetsk Oblast)");
    assert_not(
        "The strikes hit two communities: Myrove and Pokrovsk.",
        "Myrove (Donetsk Oblast)",
    );
}

#[test]
fn a_village_in_an_oblast_centres_name_is_the_oblast() {
    // The oblast, which then supports its villages.
    let text = "Russian Forces Capture New Village In Ukraine's Donetsk: Vovchenka";
    assert_not(text, "Donetsk (Donetsk Oblast)");
    assert_finds(text, "Vovchenka (Donetsk Oblast)");
    let text = "The army seized Sukhetske, Pankivka and Rusyn Yar-all in Donetsk.";
    assert_not(text, "Donetsk (Donetsk Oblast)");
    assert_finds(text, "Rusyn Yar (Donetsk Oblast)");
    // Such a name is still an item of the list a plural covers.
    assert_none(&[
        "Putin declared a state of emergency in Lugansk, Donetsk and southern Ukraine's \
         Zaporozhye and Kherson regions.",
    ]);
    // A place south-west of the city is by the city.
    assert_finds(
        "Staromaiorske, located southwest of the Russian-held city of Donetsk.",
        "Donetsk (Donetsk Oblast)",
    );
}

#[test]
fn a_road_called_by_its_ends_names_neither() {
    assert_none(&[
        "Рух на трасі Київ – Чоп ускладнений.",
        "Траса Київ – Одеса перекрита.",
        "Вода зникла через аварію магістрального водопроводу Запоріжжя – Марганець – Нікополь \
         – Покров.",
        "Ukrainian troops risk losing control of the critical Pokrovsk-Kostyantynivka supply \
         route.",
        "The Kyiv-Chop Highway is closed.",
    ]);
    // A road between villages is what the story is about, and so are they.
    assert_finds(
        "На нараді у Сунках обговорили ремонт дороги «Сунки-Голов'ятине-Малий Бузуків» на \
         Черкащині.",
        "Holoviatyne (Cherkasy Oblast)",
    );
    // Without a road's word, the names are places.
    assert_finds(
        "Між Покровськом та Мирноградом: Покровськ – Мирноград.",
        "Myrnohrad (Donetsk Oblast)",
    );
}
