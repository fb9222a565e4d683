//! Places end to end: front-matter city names (aliases, Cyrillic, ambiguous, unknown), mention
//! detection in dispatch text, alias redirects, the SVG map, per-city feeds and timelines. A
//! site's own places (`cities.toml`, unknown cities) are in `local_places`.

use std::collections::BTreeSet;

use crate::support::{SiteTest, links, resolve_link, toml_string, xml_unescape};

const CONFIG: &str =
    "title = \"Places desk\"\nbase_url = \"https://example.org\"\nlanguage = \"en\"\n";

/// An empty site with a config.
pub(crate) fn site() -> SiteTest {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    t
}

/// Writes `content/<slug>.md` with these cities and body.
pub(crate) fn story(t: &mut SiteTest, slug: &str, date: &str, cities: &[&str], body: &str) {
    let list: Vec<String> = cities.iter().map(|c| toml_string(c)).collect();
    t.file(
        &format!("content/{slug}.md"),
        &format!(
            "+++\ntitle = {}\ndate = {date}\ncities = [{}]\n+++\n\n{body}\n",
            toml_string(&title_of(slug)),
            list.join(", ")
        ),
    );
}

/// "kyiv-one" → "Story kyiv-one": a title that appears nowhere else.
fn title_of(slug: &str) -> String {
    format!("Story {slug}")
}

/// The names listed under "Places in this story" on a built dispatch page.
pub(crate) fn places_in(t: &SiteTest, page: &str) -> Vec<String> {
    let html = t.read(page);
    let Some(start) = html.find("<section class=\"places\"") else {
        return Vec::new();
    };
    let section = &html[start..start + html[start..].find("</section>").expect("closed")];
    anchors(section).into_iter().map(|(_, text)| text).collect()
}

/// Every `<a href="…">text</a>` in an HTML fragment: (href, text), entities decoded.
fn anchors(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<a href=\"") {
        let after = &rest[i + 9..];
        let q = after.find('"').expect("quoted href");
        let gt = after.find('>').expect("tag end");
        let end = after.find("</a>").expect("closed a");
        out.push((xml_unescape(&after[..q]), xml_unescape(&after[gt + 1..end])));
        rest = &after[end..];
    }
    out
}

/// The one `<svg class="map…">…</svg>` in a page, parsed as XML (panics when malformed).
pub(crate) fn map_svg(html: &str) -> String {
    let start = html.find("<svg class=\"map").expect("a map svg");
    let end = start + html[start..].find("</svg>").expect("closed svg") + "</svg>".len();
    let svg = html[start..end].to_string();
    if let Err(e) = roxmltree::Document::parse(&svg) {
        panic!("map svg is not well-formed XML: {e}\n{svg}");
    }
    svg
}

/// The links of a map: (href, title text) per `<a>`; asserts each has exactly one `<title>`.
pub(crate) fn map_links(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("parsed before");
    doc.descendants()
        .filter(|n| n.has_tag_name("a"))
        .map(|a| {
            let titles: Vec<_> = a
                .descendants()
                .filter(|n| n.has_tag_name("title"))
                .collect();
            assert_eq!(titles.len(), 1, "one <title> per map link: {svg}");
            let text = titles[0].text().unwrap_or_default().to_string();
            assert!(!text.trim().is_empty(), "empty <title> in {svg}");
            (a.attribute("href").expect("href").to_string(), text)
        })
        .collect()
}

/// Whether `output/cities/<slug>/index.html` is an alias redirect page (or absent), never a
/// city page of its own.
pub(crate) fn assert_only_redirect(t: &SiteTest, slug: &str, target: &str) {
    let dir = t.path(&format!("output/cities/{slug}"));
    if !dir.exists() {
        return;
    }
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        ["index.html"],
        "only a redirect page under cities/{slug}/"
    );
    let html = t.read(&format!("output/cities/{slug}/index.html"));
    assert!(
        html.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url=../{target}/\">"
        )),
        "cities/{slug}/ is not a redirect to {target}:\n{html}"
    );
    assert!(
        !html.contains("Story "),
        "cities/{slug}/ lists dispatches:\n{html}"
    );
}

#[test]
fn city_aliases_in_front_matter_resolve_latin_and_cyrillic() {
    let mut t = site();
    story(
        &mut t,
        "artemivsk",
        "2023-01-10T10:00:00+02:00",
        &["Artemivsk"],
        "Text.",
    );
    story(
        &mut t,
        "artemovsk-cyr",
        "2023-01-11T10:00:00+02:00",
        &["Артемовск"],
        "Text.",
    );
    story(
        &mut t,
        "chasov",
        "2023-01-12T10:00:00+02:00",
        &["Chasov Yar"],
        "Text.",
    );
    story(
        &mut t,
        "kiev",
        "2023-01-13T10:00:00+02:00",
        &["Kiev"],
        "Text.",
    );
    t.build().success().stderr_lacks("unknown city");
    t.file_contains("output/cities/bakhmut/index.html", "Story artemivsk")
        .file_contains("output/cities/bakhmut/index.html", "Story artemovsk-cyr")
        .file_lacks("output/cities/bakhmut/index.html", "Story kiev")
        .file_contains("output/cities/chasiv-yar/index.html", "Story chasov")
        .file_contains("output/cities/kyiv/index.html", "Story kiev");
    // The dispatch names its place canonically.
    assert_eq!(
        places_in(&t, "output/2023/01/artemivsk/index.html"),
        ["Bakhmut"]
    );
    assert_eq!(
        places_in(&t, "output/2023/01/artemovsk-cyr/index.html"),
        ["Bakhmut"]
    );
    // No page of its own at an alias slug, only redirects; the list shows canonical names.
    for (alias, target) in [
        ("artemivsk", "bakhmut"),
        ("artemovsk", "bakhmut"),
        ("chasov-yar", "chasiv-yar"),
        ("kiev", "kyiv"),
    ] {
        assert_only_redirect(&t, alias, target);
    }
    t.file_exists("output/cities/artemivsk/index.html")
        .file_exists("output/cities/kiev/index.html")
        .file_exists("output/cities/chasov-yar/index.html");
    let list = t.read("output/cities/index.html");
    let hrefs: BTreeSet<String> = anchors(&list).into_iter().map(|(h, _)| h).collect();
    for alias in ["artemivsk", "artemovsk", "chasov-yar", "kiev"] {
        assert!(
            !hrefs.iter().any(|h| h.ends_with(&format!("/{alias}/"))),
            "/cities/ links the alias {alias}: {hrefs:?}"
        );
    }
}

#[test]
fn ambiguous_city_is_an_error_listing_candidates_with_oblasts() {
    let mut t = site();
    story(
        &mut t,
        "village",
        "2023-05-01T10:00:00+03:00",
        &["Oleksandrivka"],
        "Text.",
    );
    t.build()
        .failure()
        .stderr_contains("content/village.md:4")
        .stderr_contains("city `Oleksandrivka` is ambiguous")
        .stderr_contains("Oleksandrivka (Donetsk Oblast)")
        .stderr_contains("Oleksandrivka (Kirovohrad Oblast)")
        .stderr_contains("Oleksandrivka (Odesa Oblast)")
        .stderr_contains("write it with its oblast");
    assert!(
        !t.exists("output/index.html"),
        "a failed build wrote output"
    );

    story(
        &mut t,
        "village",
        "2023-05-01T10:00:00+03:00",
        &["Oleksandrivka (Donetsk)"],
        "Text.",
    );
    t.build().success().stderr_lacks("ambiguous");
    t.file_contains(
        "output/cities/oleksandrivka-donetsk/index.html",
        "Story village",
    )
    .file_contains(
        "output/cities/oleksandrivka-donetsk/index.html",
        "Donetsk Oblast",
    );
    assert_eq!(
        places_in(&t, "output/2023/05/village/index.html"),
        ["Oleksandrivka"]
    );
}

#[test]
fn unknown_city_warns_with_a_suggestion_and_the_build_succeeds() {
    let mut t = site();
    story(
        &mut t,
        "typo",
        "2023-05-01T10:00:00+03:00",
        &["Chasiv Yarr"],
        "Text.",
    );
    t.build()
        .success()
        .stderr_contains("content/typo.md:4")
        .stderr_contains("unknown city `Chasiv Yarr`")
        .stderr_contains("did you mean Chasiv Yar?");
    t.file_exists("output/2023/05/typo/index.html");
}

#[test]
fn strict_cities_makes_an_unknown_city_an_error_and_leaves_output_untouched() {
    let mut t = site();
    story(
        &mut t,
        "good",
        "2023-05-01T10:00:00+03:00",
        &["Chasiv Yar"],
        "Text.",
    );
    t.build().success();
    let before = t.snapshot_of_output_dir();
    t.file("config.toml", &format!("{CONFIG}strict_cities = true\n"));
    story(
        &mut t,
        "typo",
        "2023-05-02T10:00:00+03:00",
        &["Chasiv Yarr"],
        "Text.",
    );
    t.build()
        .failure()
        .stderr_contains("content/typo.md:4")
        .stderr_contains("did you mean Chasiv Yar?");
    let after = t.snapshot_of_output_dir();
    assert!(
        before == after,
        "a failed strict build changed the output:\n{}",
        crate::support::diff_trees(&before, &after)
    );
}

/// The seed dispatch of the bundled blog, copied into a site (with its image).
fn seed_site(cities_line: Option<&str>) -> SiteTest {
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2023/bakhmut-encirclement");
    let mut text = std::fs::read_to_string(src.join("index.md")).unwrap();
    if let Some(line) = cities_line {
        let old = "cities = [\"Bakhmut\", \"Soledar\", \"Chasiv Yar\", \"Mariupol\"]";
        assert!(text.contains(old), "the seed dispatch changed its cities");
        text = text.replace(old, line);
    }
    let mut t = site();
    t.file("content/2023/bakhmut-encirclement/index.md", &text);
    // Its photos (the body's and the lead one): a missing image fails the build.
    for e in std::fs::read_dir(&src).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".jpg") {
            t.file_bytes(
                &format!("content/2023/bakhmut-encirclement/{name}"),
                &std::fs::read(src.join(&name)).unwrap(),
            );
        }
    }
    t
}

const SEED_PAGE: &str = "output/2023/02/bakhmut-encirclement/index.html";

#[test]
fn seed_dispatch_lists_the_places_its_text_names() {
    let mut t = seed_site(None);
    t.build().success();
    let places = places_in(&t, SEED_PAGE);
    for want in ["Bakhmut", "Soledar", "Chasiv Yar", "Mariupol", "Kyiv"] {
        assert!(
            places.iter().any(|p| p == want),
            "{want} missing: {places:?}"
        );
    }
    // "said Donetsk Republic advisor": the self-proclaimed republic, not the city.
    assert!(!places.iter().any(|p| p == "Donetsk"), "{places:?}");
    assert_eq!(places.len(), 5, "{places:?}");
}

#[test]
fn seed_dispatch_finds_chasiv_yar_through_chasov_yar() {
    // Without Chasiv Yar in the front matter, only the text's "Chasov Yar" names it.
    let mut t = seed_site(Some("cities = [\"Bakhmut\", \"Soledar\", \"Mariupol\"]"));
    t.build().success();
    let places = places_in(&t, SEED_PAGE);
    for want in ["Bakhmut", "Soledar", "Chasiv Yar", "Mariupol", "Kyiv"] {
        assert!(
            places.iter().any(|p| p == want),
            "{want} missing: {places:?}"
        );
    }
    // A mention, not a dispatch of the city: listed under "Also mentioned in".
    t.file_lacks(
        "output/cities/chasiv-yar/index.html",
        "<article class=\"item\">",
    )
    .file_contains("output/cities/chasiv-yar/index.html", "Bakhmut under siege");
}

#[test]
fn tricky_words_are_not_mentions() {
    let mut t = site();
    story(
        &mut t,
        "tricky",
        "2023-06-01T10:00:00+03:00",
        &["Odesa"],
        "Kyivstar restored mobile service on Sunday. A shell hit a flat on Kharkivska street.\n\n\
         Bar staff said the New York office had called. Hat in hand, a man asked for water at a \
         bar by the port.\n\nA Lviv-based charity sent two vans.",
    );
    t.build().success();
    let places = places_in(&t, "output/2023/06/tricky/index.html");
    // "Lviv-based" names Lviv (where the charity is); the rest name no place.
    assert_eq!(places, ["Odesa", "Lviv"]);
    for slug in ["bar", "hat", "niu-york", "kharkiv", "kyiv"] {
        t.file_missing(&format!("output/cities/{slug}/index.html"));
    }
}

#[test]
fn an_ordinary_word_place_is_mentioned_with_its_oblast_as_context() {
    let mut t = site();
    story(
        &mut t,
        "bar",
        "2023-06-01T10:00:00+03:00",
        &["Vinnytsia"],
        "Volunteers drove from Vinnytsia to Bar, two hours south-west.",
    );
    t.build().success();
    assert_eq!(
        places_in(&t, "output/2023/06/bar/index.html"),
        ["Vinnytsia", "Bar"]
    );
    t.file_contains("output/cities/bar/index.html", "Story bar");
}

#[test]
fn alias_redirect_pages_and_netlify_redirects() {
    let mut t = site();
    story(
        &mut t,
        "siege",
        "2023-02-05T10:00:00+02:00",
        &["Bakhmut"],
        "Text.",
    );
    t.build().success();
    let page = "output/cities/artemivsk/index.html";
    t.file_contains(
        page,
        "<meta http-equiv=\"refresh\" content=\"0; url=../bakhmut/\">",
    )
    .file_contains(
        page,
        "<link rel=\"canonical\" href=\"https://example.org/cities/bakhmut/\">",
    )
    .file_contains(page, "<meta name=\"robots\" content=\"noindex\">")
    .file_lacks(page, "Story siege");
    let redirects = t.read("output/_redirects");
    assert!(
        redirects
            .lines()
            .any(|l| l == "/cities/artemivsk/ /cities/bakhmut/ 301"),
        "_redirects lacks the Artemivsk line:\n{redirects}"
    );
    // Every line is a well-formed rule pointing at a real city page.
    for l in redirects.lines() {
        let parts: Vec<&str> = l.split(' ').collect();
        assert_eq!(parts.len(), 3, "bad line {l:?}");
        assert_eq!(parts[2], "301");
        t.file_exists(&format!("output{}index.html", parts[1]));
    }
}

#[test]
fn cities_map_is_well_formed_with_one_titled_link_per_city_with_dispatches() {
    let mut t = site();
    story(
        &mut t,
        "k1",
        "2023-01-10T10:00:00+02:00",
        &["Kyiv"],
        "Text.",
    );
    story(
        &mut t,
        "k2",
        "2023-01-11T10:00:00+02:00",
        &["Kyiv", "Lviv"],
        "Text.",
    );
    story(
        &mut t,
        "b1",
        "2023-01-12T10:00:00+02:00",
        &["Bakhmut"],
        "Near Odesa & <Kherson>.",
    );
    // Unknown: no coordinates, so no dot.
    story(
        &mut t,
        "u1",
        "2023-01-13T10:00:00+02:00",
        &["Nowhereville"],
        "Text.",
    );
    t.build().success();
    let svg = map_svg(&t.read("output/cities/index.html"));
    let links = map_links(&svg);
    let hrefs: Vec<&str> = links.iter().map(|(h, _)| h.as_str()).collect();
    let unique: BTreeSet<&str> = hrefs.iter().copied().collect();
    assert_eq!(unique.len(), hrefs.len(), "a city linked twice: {hrefs:?}");
    // Mentioned-only cities (Odesa, Kherson) and the unknown one get no dot.
    assert_eq!(
        unique,
        BTreeSet::from(["bakhmut/", "kyiv/", "lviv/"]),
        "{links:?}"
    );
    for (href, title) in &links {
        let name = match href.as_str() {
            "bakhmut/" => "Bakhmut",
            "kyiv/" => "Kyiv",
            _ => "Lviv",
        };
        assert!(title.contains(name), "{href}: {title}");
    }
    assert!(
        links.iter().any(|(_, t)| t == "Kyiv: 2 dispatches"),
        "{links:?}"
    );
    // Each dot's link resolves to a city page; the locator maps parse too.
    for (href, _) in &links {
        t.file_exists(&format!("output/cities/{href}index.html"));
        map_svg(&t.read(&format!("output/cities/{href}index.html")));
    }
}

/// The Atom feed at `path`, parsed: (feed id, entry ids).
fn feed_ids(t: &SiteTest, path: &str) -> (String, Vec<String>) {
    let xml = t.read(path);
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
    let root = doc.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2005/Atom", "feed")));
    let id_of = |n: roxmltree::Node<'_, '_>| {
        n.children()
            .find(|c| c.has_tag_name("id"))
            .and_then(|c| c.text())
            .expect("an id")
            .to_string()
    };
    let entries = root
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .map(id_of)
        .collect();
    (id_of(root), entries)
}

#[test]
fn city_feed_lists_that_citys_dispatches_then_those_that_mention_it() {
    let mut t = site();
    story(
        &mut t,
        "kyiv-a",
        "2023-01-10T10:00:00+02:00",
        &["Kyiv"],
        "Text.",
    );
    story(
        &mut t,
        "kyiv-lviv",
        "2023-02-10T10:00:00+02:00",
        &["Kyiv", "Lviv"],
        "Text.",
    );
    story(
        &mut t,
        "lviv-a",
        "2023-03-10T10:00:00+02:00",
        &["Lviv"],
        "Text.",
    );
    // Mentions Kyiv in its text only: not a Kyiv dispatch, but the Kyiv page lists it under
    // "Also mentioned in", and so does the Kyiv feed (newest first with the rest).
    story(
        &mut t,
        "odesa-a",
        "2023-04-10T10:00:00+03:00",
        &["Odesa"],
        "Trains to Kyiv ran late.",
    );
    t.build().success();
    let (id, entries) = feed_ids(&t, "output/cities/kyiv/atom.xml");
    assert_eq!(id, "https://example.org/cities/kyiv/atom.xml");
    assert_eq!(
        entries,
        [
            "https://example.org/2023/04/odesa-a/",
            "https://example.org/2023/02/kyiv-lviv/",
            "https://example.org/2023/01/kyiv-a/",
        ]
    );
    let (_, entries) = feed_ids(&t, "output/cities/lviv/atom.xml");
    assert_eq!(
        entries,
        [
            "https://example.org/2023/03/lviv-a/",
            "https://example.org/2023/02/kyiv-lviv/",
        ]
    );
    // The city page links its feed.
    let page = std::path::Path::new("cities/kyiv/index.html");
    let html = t.read("output/cities/kyiv/index.html");
    assert!(
        links(&html)
            .iter()
            .filter_map(|l| resolve_link(page, l))
            .any(|r| r.is_ok_and(|p| p == std::path::Path::new("cities/kyiv/atom.xml"))),
        "the Kyiv page does not link its feed"
    );
}

#[test]
fn city_page_timeline_is_grouped_by_month_newest_first() {
    let mut t = site();
    story(
        &mut t,
        "dec",
        "2022-12-31T23:00:00+02:00",
        &["Kyiv"],
        "Text.",
    );
    story(
        &mut t,
        "jan-a",
        "2023-01-05T10:00:00+02:00",
        &["Kyiv"],
        "Text.",
    );
    story(
        &mut t,
        "jan-b",
        "2023-01-20T10:00:00+02:00",
        &["Kyiv"],
        "Text.",
    );
    story(
        &mut t,
        "mar",
        "2023-03-02T10:00:00+02:00",
        &["Kyiv"],
        "Text.",
    );
    t.build().success();
    let html = t.read("output/cities/kyiv/index.html");
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for sec in html.split("<section class=\"month\">").skip(1) {
        let sec = &sec[..sec.find("</section>").expect("closed section")];
        let label = &sec[sec.find("<h2>").unwrap() + 4..sec.find("</h2>").unwrap()];
        let titles = anchors(sec)
            .into_iter()
            .map(|(_, text)| text)
            .filter(|text| text.starts_with("Story "))
            .collect();
        groups.push((label.to_string(), titles));
    }
    let want: Vec<(String, Vec<String>)> = [
        ("March 2023", vec!["mar"]),
        ("January 2023", vec!["jan-b", "jan-a"]),
        ("December 2022", vec!["dec"]),
    ]
    .into_iter()
    .map(|(l, s)| (l.to_string(), s.into_iter().map(title_of).collect()))
    .collect();
    assert_eq!(groups, want, "{html}");
}
