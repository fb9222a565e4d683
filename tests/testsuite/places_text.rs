//! Issue #28 (Places II) through the binary: guards, codifier villages decided from context,
//! guard words a site adds in `cities.toml`, and `dateline places`.

use crate::places::{places_in, site, story};

const BODY: &str = "Volodymyr Zelensky said the Kyiv Independent was wrong. Shelling hit \
                    Kolodiazi and Torske; у Рай-Олександрівці теж. The Donetsk region held.";

#[test]
fn a_dispatch_lists_villages_near_its_city_and_not_people_outlets_or_regions() {
    let mut t = site();
    story(
        &mut t,
        "lyman",
        "2023-06-01T10:00:00+03:00",
        &["Lyman"],
        BODY,
    );
    t.build().success();
    let mut places = places_in(&t, "output/2023/06/lyman/index.html");
    places.sort();
    assert_eq!(
        places,
        ["Kolodiazi", "Lyman", "Rai-Oleksandrivka", "Torske"],
        "Volodymyr (a person), Kyiv (an outlet) and Donetsk (a region) are not places here"
    );
    // Without a city near them or their oblast named, the codifier's small villages are not
    // guessed.
    let mut t = site();
    let body = BODY.replace("The Donetsk region held.", "");
    story(&mut t, "far", "2023-06-01T10:00:00+03:00", &["Lviv"], &body);
    t.build().success();
    let places = places_in(&t, "output/2023/06/far/index.html");
    assert!(
        !places
            .iter()
            .any(|p| p == "Kolodiazi" || p == "Rai-Oleksandrivka"),
        "{places:?}"
    );
}

#[test]
fn guard_words_from_cities_toml_keep_names_out() {
    let mut t = site();
    let body = "The Sumy Herald reported shelling; the Kharkiv depot held.";
    story(
        &mut t,
        "herald",
        "2023-06-01T10:00:00+03:00",
        &["Kyiv"],
        body,
    );
    t.build().success();
    assert_eq!(
        places_in(&t, "output/2023/06/herald/index.html"),
        ["Kyiv", "Kharkiv", "Sumy"]
    );
    t.file(
        "cities.toml",
        "[guards]\norganisations = [\"Sumy Herald\"]\nwords_after = [\"depot\"]\n",
    );
    t.build().success();
    assert_eq!(places_in(&t, "output/2023/06/herald/index.html"), ["Kyiv"]);
    // An unknown key in the table is an error naming the file.
    t.file(
        "cities.toml",
        "[guards]\norganisation = [\"Sumy Herald\"]\n",
    );
    t.build().failure().stderr_contains("cities.toml");
}

#[test]
fn places_command_says_which_rule_linked_or_skipped_each_name() {
    let mut t = site();
    let root = t.root().to_string_lossy().to_string();
    t.run(&["places", "--root", &root, "--city", "Lyman", BODY])
        .success();
    let out = t.stdout().to_string();
    for want in [
        "1:1\tVolodymyr\tskipped part of a person's name: `Volodymyr Zelensky`",
        "Kyiv\tskipped part of an organisation's name: `Kyiv Independent`",
        "Kolodiazi\tlinked  Kolodiazi (Donetsk Oblast): the only namesake near Lyman",
        "Рай-Олександрівці\tlinked  Rai-Oleksandrivka (Donetsk Oblast)",
        "Donetsk\tskipped names an area or thing: `region` follows",
    ] {
        assert!(out.contains(want), "{want:?} not in:\n{out}");
    }
    t.run(&["places", "--root", &root, "--city", "Oleksandrivka", "text"])
        .failure()
        .stderr_contains("matches several places");
}
