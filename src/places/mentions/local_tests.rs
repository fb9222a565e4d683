//! Tests of the matcher on round 10's texts (regional outlets' local news, police and
//! prosecutors' reports, humanitarian and official bulletins in English): communities named
//! by their adjective, the locative of names in "-ка" that is another village's name, and the
//! names that streets, outlets and organisations bear.

use super::tests::{assert_finds, assert_not, found};

/// The places found in `text`, each with its community ("Myrne (Шевченківська)").
fn with_hromada(text: &str) -> Vec<String> {
    found(text, &[], |p| format!("{} ({})", p.name, p.hromada))
}

#[test]
fn a_community_named_picks_its_own_village() {
    // Eight places are called Мирне; one lies in the Shevchenkove community of Mykolaiv Oblast.
    let found = with_hromada(
        "Про це повідомляється у зведенні Миколаївської обласної військової адміністрації.\n\
         Під ворожими обстрілами перебували с. Тернові Поди та с. Мирне Шевченківської громади.",
    );
    assert!(
        found.iter().any(|p| p == "Myrne (Шевченківська)"),
        "{found:?}"
    );
    // A community whose name only two oblasts' communities bear counts outside the oblasts
    // the text names: the soldiers fell in Donetsk Oblast, their villages are in Poltava Oblast.
    let text = "Унаслідок авіаудару в місті Бахмуті Донецької області загинули земляки із \
                с.Березняки та із с.Єрківці Хорольської громади.";
    assert_finds(text, "Yerkivtsi (Poltava Oblast)");
    assert_finds(text, "Berezniaky (Poltava Oblast)");
}

#[test]
fn a_locative_in_tsi_is_both_names() {
    // "Антонівці": the locative of Антонівка and the name of the village Antonivtsi.
    assert_finds(
        "Минулої доби били по Антонівці Херсонської громади.",
        "Antonivka (Kherson Oblast)",
    );
    assert_finds(
        "Село Антонівці Тернопільської області отримало нову школу.",
        "Antonivtsi (Ternopil Oblast)",
    );
    assert_not(
        "Минулої доби били по Антонівці Херсонської громади.",
        "Antonivtsi (Ternopil Oblast)",
    );
}

#[test]
fn streets_bodies_lands_and_organisations_are_not_places() {
    super::tests::assert_none(&[
        "Траурний кортеж пройде вулицями Полтавська, Покровська та Вишнева.",
        "Воїна провезуть по вулиці Чкалова - вулиці Чорновола - проспекту Шевченка.",
        "Про це повідомили у Головному управлінні Національної поліції Донецької області.",
        "Про це “Слобідському краю” повідомив керівник громади.",
        "Будинки встановила громадська організація \"Промінь\".",
    ]);
}

#[test]
fn lists_of_areas_adjectives_are_areas() {
    // A singular area word after a list of adjectives: the list's communities.
    assert_not(
        "Під вогнем опинилися Бериславська, Новорайська, Милівська та Тягинська \
         територіальна громада.",
        "Novoraisk (Kherson Oblast)",
    );
    // A plural before a list whose first items are no names: the raions.
    assert_not(
        "Ворог завдав удару по трьох районах - Нікопольському, Синельниківському та \
         Дніпровському.",
        "Dniprovske (Dnipropetrovsk Oblast)",
    );
    // A city's name before a community's adjective is still the city.
    assert_finds(
        "Обстріляли Покровськ та Добропільську громаду.",
        "Pokrovsk (Donetsk Oblast)",
    );
}

#[test]
fn a_village_placed_by_its_oblast_anchors_its_neighbours() {
    // Shestakove and Cherkaski Tyshky are the only ones of their names in Kharkiv Oblast: once
    // decided, they are near enough to tell which Oleksandrivka and Ukrainka the list means.
    let text = "Evening summary of the General Staff.\n\
                In Kharkiv Oblast, the Ukrainian military liberated the settlements of \
                Oleksandrivka, Fedorivka, Ukrayinka, Shestakovo, and part of the village of \
                Cherkaski Tyshky.";
    assert_finds(text, "Oleksandrivka (Kharkiv Oblast)");
    assert_finds(text, "Ukrainka (Kharkiv Oblast)");
}

#[test]
fn villages_near_the_places_named_beat_a_namesake_only_for_its_oblast() {
    // The Donetsk Oblast villages of the name lie near Pokrovsk; the one in Kherson Oblast
    // (the other oblast the report names) does not.
    let text = "Over the past 24 hours, the Donetsk region and the Kherson region have suffered \
                the most.\n\
                Seven people in the region were injured during the day: two each in \
                Andriyivka, Novohryhorivka, and Pokrovsk.";
    assert_not(text, "Novohryhorivka (Kherson Oblast)");
}

#[test]
fn a_land_and_a_council_name_their_community() {
    // "Хорольського краю": the Khorol community's villages, though the paragraph names only the
    // oblast where the soldiers fell.
    let text = "Громада попрощалася з полеглими захисниками із Хорольського краю. Унаслідок \
                авіаудару в місті Бахмуті Донецької області загинули земляки із с.Березняки та \
                із с.Єрківці.";
    assert_finds(text, "Yerkivtsi (Poltava Oblast)");
    // "Золочівський селищний голова": the head of a settlement's community, so the settlement
    // Zolochiv in Kharkiv Oblast, not the city in Lviv Oblast; and the village of its community.
    let text = "Про це повідомив Золочівський селищний голова Віктор Коваленко.\n\
                – Сьогодні обстріляли Золочів. Потім обстріляли Одноробівку, – розповів він.";
    assert_finds(text, "Zolochiv (Kharkiv Oblast)");
    assert_not(text, "Zolochiv (Lviv Oblast)");
    assert_finds(text, "Odnorobivka (Kharkiv Oblast)");
}

#[test]
fn names_in_iv_after_a_hushing_consonant_take_e() {
    // Коростишів → Коростишева, Коростишеві (not "Коростишова").
    assert_finds(
        "З Малина до Коростишева швидше доїхати через Київ.",
        "Korostyshiv (Zhytomyr Oblast)",
    );
    assert_finds(
        "У Коростишеві відкрили школу.",
        "Korostyshiv (Zhytomyr Oblast)",
    );
}
