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
