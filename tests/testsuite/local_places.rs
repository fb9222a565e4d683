//! A site's own places end to end: `cities.toml` (new places, local aliases, descriptions, and
//! when the mention matcher is rebuilt) and unknown cities in datelines.

use std::collections::BTreeSet;

use crate::places::{assert_only_redirect, map_links, map_svg, places_in, site, story};

#[test]
fn cities_toml_adds_a_place_with_a_dot_and_local_aliases_and_descriptions() {
    let mut t = site();
    t.file(
        "cities.toml",
        "[[city]]\nname = \"Dachne Camp\"\noblast = \"Donetsk Oblast\"\nlat = 48.45\nlon = 37.6\n\
         description = \"A volunteer camp west of the front.\"\n\n\
         [[city]]\nname = \"Bakhmut\"\naliases = [\"Bakhmut Fortress\"]\n\
         description = \"Salt-mining town in Donetsk Oblast.\"\n",
    );
    story(
        &mut t,
        "camp",
        "2023-04-01T10:00:00+03:00",
        &["Dachne Camp"],
        "Text.",
    );
    story(
        &mut t,
        "fortress",
        "2023-04-02T10:00:00+03:00",
        &["Bakhmut Fortress"],
        "Text.",
    );
    story(
        &mut t,
        "drive",
        "2023-04-03T10:00:00+03:00",
        &["Kyiv"],
        "Volunteers drove the vans on to Dachne Camp.",
    );
    t.build().success().stderr_lacks("unknown city");
    t.file_contains("output/cities/dachne-camp/index.html", "Story camp")
        .file_contains(
            "output/cities/dachne-camp/index.html",
            "A volunteer camp west of the front.",
        )
        .file_contains("output/cities/bakhmut/index.html", "Story fortress")
        .file_contains(
            "output/cities/bakhmut/index.html",
            "Salt-mining town in Donetsk Oblast.",
        );
    assert_only_redirect(&t, "bakhmut-fortress", "bakhmut");
    // The new place is matched in text too.
    assert_eq!(
        places_in(&t, "output/2023/04/drive/index.html"),
        ["Kyiv", "Dachne Camp"]
    );
    // The new place has coordinates, so a dot on the map.
    let links = map_links(&map_svg(&t.read("output/cities/index.html")));
    let hrefs: BTreeSet<&str> = links.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        hrefs,
        BTreeSet::from(["bakhmut/", "dachne-camp/", "kyiv/"]),
        "{links:?}"
    );
}

/// A `cities.toml` that only describes known places keeps the built-in mention matcher; one
/// that gives a known place a new alias makes a matcher that finds the alias in text.
#[test]
fn cities_toml_descriptions_keep_mentions_and_new_aliases_are_matched() {
    for (extra, want) in [
        ("", vec!["Kyiv", "Kramatorsk"]),
        (
            "aliases = [\"Bakhmoot\"]\n",
            vec!["Kyiv", "Bakhmut", "Kramatorsk"],
        ),
    ] {
        let mut t = site();
        t.file(
            "cities.toml",
            &format!("[[city]]\nname = \"Bakhmut\"\n{extra}description = \"Salt-mining town.\"\n"),
        );
        story(
            &mut t,
            "drive",
            "2023-04-03T10:00:00+03:00",
            &["Kyiv"],
            "Volunteers drove from Kramatorsk to Bakhmoot.",
        );
        story(
            &mut t,
            "salt",
            "2023-04-04T10:00:00+03:00",
            &["Bakhmut"],
            "Text.",
        );
        t.build().success();
        assert_eq!(
            places_in(&t, "output/2023/04/drive/index.html"),
            want,
            "{extra:?}"
        );
        t.file_contains("output/cities/bakhmut/index.html", "Salt-mining town.");
    }
}

/// The dateline is put in the body when the file is parsed; an unknown city written two ways
/// becomes one place named as the newest dispatch writes it, and the older dispatch's dateline
/// follows that name (as the city page does), not its own spelling.
#[test]
fn dateline_of_an_unknown_city_written_two_ways_follows_the_place() {
    let mut t = site();
    story(
        &mut t,
        "newer",
        "2023-05-02T10:00:00+03:00",
        &["Novyi-Khutir"],
        "First.",
    );
    story(
        &mut t,
        "older",
        "2023-05-01T10:00:00+03:00",
        &["Novyi Khutir"],
        "Second.",
    );
    t.build().success();
    for page in [
        "output/2023/05/newer/index.html",
        "output/2023/05/older/index.html",
    ] {
        t.file_contains(page, "<span class=\"dateline\">NOVYI-KHUTIR, ");
        t.file_lacks(page, "NOVYI KHUTIR");
    }
    t.file_contains(
        "output/lite/2023/05/older/index.html",
        "<span class=\"dateline\">NOVYI-KHUTIR, 1 May 2023 —</span> Second.",
    );
    // Feeds carry the body without the dateline.
    t.file_contains("output/atom.xml", "&lt;p&gt;Second.&lt;/p&gt;");
}
