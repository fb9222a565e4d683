//! The newsroom's day (#24): errors that teach, mentions outside code, standalone pages and
//! menus, links by source path, and `dateline new` options.

use crate::support::SiteTest;

/// A dispatch with three misspelt keys: all three are reported in one run, each at its line.
#[test]
fn every_unknown_key_of_a_file_is_reported_at_once() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/typos.md",
        "+++\ntitle = \"Typos\"\ndate = 2023-01-01\ncitys = [\"Kyiv\"]\nautor = \"Olena\"\ntgas = [\"x\"]\n+++\n\nBody.\n",
    );
    t.build()
        .failure()
        .stderr_contains(
            "content/2023/typos.md:4:1: error: unknown key `citys`; did you mean `cities`?",
        )
        .stderr_contains(
            "content/2023/typos.md:5:1: error: unknown key `autor`; did you mean `authors`?",
        )
        .stderr_contains(
            "content/2023/typos.md:6:1: error: unknown key `tgas`; did you mean `tags`?",
        )
        .stderr_contains("3 errors in 1 file");
}

/// Quotes inside a title and an unclosed quote get advice, at the parser's location.
#[test]
fn toml_quote_mistakes_get_hints() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/said.md",
        "+++\ntitle = \"He said \"hold\"\"\ndate = 2023-01-01\n+++\n",
    )
    .file(
        "content/2023/open.md",
        "+++\ntitle = \"Unclosed\ndate = 2023-01-01\n+++\n",
    );
    t.build()
        .failure()
        .stderr_contains("content/2023/said.md:2:")
        .stderr_contains(
            "write it in single quotes ('He said \"hold\"') or escape each inner quote as \\\"",
        )
        .stderr_contains("content/2023/open.md:2:")
        .stderr_contains("a quote is not closed");
}

/// A value error is placed by the parser's spans: a `dateline` line above `date` is not blamed.
#[test]
fn front_matter_errors_are_located_by_spans() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/spans.md",
        "+++\ntitle = \"Spans\"\ndateline = \"Kyiv\"\ncities = [\"Kyiv\"]\ndate = 2023-01-01\nimage_alt = \"no image\"\n+++\n",
    );
    t.build().failure().stderr_contains(
        "content/2023/spans.md:6:1: error: `image_alt` and `image_caption` describe the lead photo",
    );
    t.file(
        "content/2023/spans.md",
        "+++\ntitle = \"Spans\"\ndateline = \"Kyiv\"\ncities = [\"Kyiv\"]\ndate = 10:30:00\n+++\n",
    );
    t.build()
        .failure()
        .stderr_contains("content/2023/spans.md:5:1: error: `date`: a time without a date");
}

fn theme_with(t: &mut SiteTest, name: &str, text: &str) {
    t.file("config.toml", "title = \"T\"\ntheme = \"mine\"\n")
        .file(&format!("themes/mine/templates/{name}"), text);
}

/// An undefined field in a template: one error naming template, line and expression, with the
/// count of pages it broke.
#[test]
fn template_errors_are_reported_once_with_the_expression() {
    let mut t = SiteTest::fixture("basic");
    let article = dateline::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "article.html")
        .unwrap()
        .1
        .replacen("{{ page.title }}", "{{ page.titel | upper }}", 1);
    theme_with(&mut t, "article.html", &article);
    t.build()
        .failure()
        .stderr_contains("themes/mine/templates/article.html:")
        .stderr_contains("template `article.html` (rendering content/")
        .stderr_contains("other pages: 4 pages affected)")
        .stderr_contains("in `{{ page.titel | upper }}`: a value in it is undefined")
        .stderr_contains("1 error in 1 file");
}

#[test]
fn unknown_filters_and_unclosed_blocks_name_their_template() {
    let mut t = SiteTest::fixture("basic");
    theme_with(
        &mut t,
        "404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ site.title | shout }}\n{% endblock main %}\n",
    );
    t.build()
        .failure()
        .stderr_contains("themes/mine/templates/404.html:3:")
        .stderr_contains("template `404.html`")
        .stderr_contains("Unknown filter `shout`");
    theme_with(
        &mut t,
        "404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if site.title %}\n<p>x</p>\n{% endblock main %}\n",
    );
    t.build()
        .failure()
        .stderr_contains("themes/mine/templates/404.html:5:")
        .stderr_contains("`{% if site.title %}` opened at line 3 is not closed: add `{% endif %}`");
}

#[test]
fn an_empty_site_says_where_it_looked() {
    let mut t = SiteTest::empty();
    t.build()
        .success()
        .stderr_contains("warning: no dispatches: there is no folder ")
        .stderr_contains("content");
}

/// Place names in code, code blocks and link URLs are not mentions; the same names in prose are.
#[test]
fn mentions_skip_code_and_urls() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/how-to.md",
        "+++\ntitle = \"How to file\"\ndate = 2023-06-01T10:00:00+03:00\ncities = [\"Kyiv\"]\n+++\n\nRun `dateline new --city Kharkiv`, then:\n\n```\ndateline build --city Kherson\n```\n\nSee <https://example.org/zaporizhzhia/> and [the map](https://example.org/sumy/).\n",
    )
    .file(
        "content/2023/prose.md",
        "+++\ntitle = \"Prose\"\ndate = 2023-06-02T10:00:00+03:00\ncities = [\"Kyiv\"]\n+++\n\nTrains from Kharkiv reached Sumy.\n",
    );
    t.build().success();
    let kharkiv = t.read("output/cities/kharkiv/index.html");
    assert!(kharkiv.contains("Prose"), "{kharkiv}");
    assert!(!kharkiv.contains("How to file"), "{kharkiv}");
    let how = t.read("output/2023/06/how-to/index.html");
    for name in ["Kharkiv", "Kherson", "Zaporizhzhia", "Sumy"] {
        assert!(
            !how.contains(&format!("/cities/{}/", name.to_lowercase())),
            "{name} listed as a place in the story"
        );
    }
}

/// Wire-service spellings resolve to the gazetteer's place: Mariinka (Reuters, AP) is Marinka,
/// Pisky is the village by Donetsk airport, Avdeevka is Avdiivka.
#[test]
fn wire_spellings_resolve() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2023/wires.md",
        "+++\ntitle = \"Wires\"\ndate = 2023-06-01T10:00:00+03:00\ncities = [\"Mariinka\", \"Pisky (Donetsk)\", \"Avdeevka\", \"Hulyaipole\"]\n+++\n\nText.\n",
    );
    t.build().success().stderr_lacks("unknown city");
    for slug in ["marinka", "pisky-donetsk", "avdiivka", "huliaipole"] {
        assert!(
            t.read(&format!("output/cities/{slug}/index.html"))
                .contains("Wires"),
            "{slug}"
        );
    }
}

/// A site with an About page, a menu naming it, and dispatches linking by source path.
fn newsroom_site() -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(t.root().join("config.toml")).unwrap();
    t.file(
        "content/pages/about.md",
        "+++\ntitle = \"About us\"\ndescription = \"Who we are.\"\n+++\n\nWe report from [Bakhmut](@/2023/bakhmut-encirclement/index.md#life-in-a-besieged-city) and [Kyiv](/2022/11/kyiv-blackouts/).\n\n## Contact\n\nWrite to the desk.\n",
    )
    .file(
        "content/2024/follow-up.md",
        "+++\ntitle = \"Follow-up\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nSee [the earlier dispatch](@/2023/chasiv-yar-shelling.md) and [about us](@/pages/about.md#contact).\n",
    )
    .file(
        "config.toml",
        &format!(
            "{}\n[[menu]]\nname = \"Latest\"\nurl = \"/\"\n\n[[menu]]\nname = \"About\"\nurl = \"@/pages/about.md\"\n\n[[menu]]\nname = \"Cities\"\nurl = \"/cities/\"\n",
            config
        ),
    );
    t
}

/// Standalone pages: their own template and URL, in the sitemap, not in lists or feeds.
#[test]
fn standalone_pages_are_built_apart_from_dispatches() {
    let mut t = newsroom_site();
    t.build().success();
    let about = t.read("output/about/index.html");
    assert!(
        about.contains("<article class=\"standalone\">") && about.contains("About us"),
        "{about}"
    );
    assert!(
        about.contains("<meta name=\"description\" content=\"Who we are.\">"),
        "{about}"
    );
    assert!(t.read("output/sitemap.xml").contains("/about/</loc>"));
    for list in [
        "output/index.html",
        "output/atom.xml",
        "output/rss.xml",
        "output/lite/index.html",
    ] {
        assert!(!t.read(list).contains("About us"), "{list}");
    }
}

/// The menu comes from `[[menu]]`, in order, with the page shown marked.
#[test]
fn the_menu_is_a_setting_and_marks_the_current_page() {
    let mut t = newsroom_site();
    t.build().success();
    let about = t.read("output/about/index.html");
    assert!(
        about.contains("<a href=\"../\">Latest</a> <a href=\"../about/\" aria-current=\"page\">About</a> <a href=\"../cities/\">Cities</a>"),
        "{about}"
    );
    let city = t.read("output/cities/kyiv/index.html");
    assert!(
        city.contains("<a href=\"../../cities/\" aria-current=\"page\">Cities</a>"),
        "{city}"
    );
    let home = t.read("output/index.html");
    assert!(
        home.contains("<a href=\"\" aria-current=\"page\">Latest</a>")
            || home.contains("<a href=\"./\" aria-current=\"page\">Latest</a>"),
        "{home}"
    );
    // A menu entry that points nowhere fails the build, naming config.toml.
    t.file(
        "config.toml",
        "title = \"T\"\n[[menu]]\nname = \"Tips\"\nurl = \"@/pages/tips.md\"\n",
    );
    t.build()
        .failure()
        .stderr_contains("config.toml: error: [[menu]]: link to `@/pages/tips.md`");
}

/// `@/` links become relative URLs in every edition; root-absolute links follow a sub-path.
#[test]
fn source_links_resolve_in_every_edition() {
    let mut t = newsroom_site();
    t.build_with(&["--base-url", "https://example.org/sub"])
        .success();
    let page = t.read("output/2024/03/follow-up/index.html");
    assert!(
        page.contains("href=\"../../../2023/03/chasiv-yar-shelling/\""),
        "{page}"
    );
    assert!(page.contains("href=\"../../../about/#contact\""), "{page}");
    assert!(!page.contains("@/"), "{page}");
    let lite = t.read("output/lite/2024/03/follow-up/index.html");
    assert!(lite.contains("2023/03/chasiv-yar-shelling/\""), "{lite}");
    assert!(!lite.contains("@/"), "{lite}");
    let about = t.read("output/about/index.html");
    assert!(
        about.contains("href=\"../2023/02/bakhmut-encirclement/#life-in-a-besieged-city\""),
        "{about}"
    );
    assert!(
        about.contains("href=\"../2022/11/kyiv-blackouts/\""),
        "{about}"
    );
    let feed = t.read("output/atom.xml");
    assert!(
        feed.contains("https://example.org/sub/2023/03/chasiv-yar-shelling/"),
        "feed"
    );
}

/// A broken `@/` link or anchor fails the build at file:line:col with the closest existing
/// path; so does a missing local image, naming the closest file beside it.
#[test]
fn broken_source_links_and_missing_images_fail_with_a_suggestion() {
    let mut t = newsroom_site();
    t.file(
        "content/2024/follow-up.md",
        "+++\ntitle = \"Follow-up\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nSee [earlier](@/2023/chasiv-yar-sheling.md)\nand [about](@/pages/about.md#contct).\n\n![A road](nophoto.jpg)\n",
    );
    t.build()
        .failure()
        .stderr_contains("content/2024/follow-up.md:7:5: error: link to `@/2023/chasiv-yar-sheling.md`: no published dispatch or page `content/2023/chasiv-yar-sheling.md`; did you mean `@/2023/chasiv-yar-shelling.md`?")
        .stderr_contains("content/2024/follow-up.md:8:5: error: link to `@/pages/about.md#contct`: `content/pages/about.md` has no heading `#contct`; did you mean `#contact`?")
;
    // A missing image alone fails too, at its place, naming the photo beside it.
    t.file("content/2024/road.jpg", "");
    t.file(
        "content/2024/follow-up.md",
        "+++\ntitle = \"Follow-up\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\n![A road](raod.jpg)\n",
    );
    t.build()
        .failure()
        .stderr_contains("content/2024/follow-up.md:7:1: error: image `raod.jpg` is missing: there is no such file beside this file; did you mean `road.jpg`?");
}

/// The default theme ships a small icon: linked (fingerprinted) and at /favicon.ico.
#[test]
fn a_favicon_is_shipped_and_linked() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    let home = t.read("output/index.html");
    let link = home
        .split("<link rel=\"icon\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("an icon link")
        .to_string();
    assert!(
        link.starts_with("favicon.") && link.ends_with(".svg"),
        "{link}"
    );
    assert!(t.exists(&format!("output/{link}")));
    assert!(
        std::fs::metadata(t.path("output/favicon.ico"))
            .unwrap()
            .len()
            < 2048
    );
    // A site's own icon wins.
    t.file("static/favicon.ico", "not really an icon");
    t.build().success();
    assert_eq!(t.read("output/favicon.ico"), "not really an icon");
}

/// `dateline new`: `--bundle` makes a folder, `--slug` names the file, a repeated title gets a
/// free name (and a taken `--slug` names one).
#[test]
fn new_takes_bundle_and_slug_and_finds_a_free_name() {
    let mut t = SiteTest::fixture("basic");
    let root = t.root().display().to_string();
    let year = |t: &SiteTest| {
        let out = t.stdout().trim().to_string();
        out.trim_start_matches("Created ").to_string()
    };
    t.run(&[
        "new",
        "Shelling in Kharkiv",
        "--city",
        "Kharkiv",
        "--bundle",
        "--root",
        &root,
    ])
    .success();
    let bundle = year(&t);
    assert!(
        bundle.ends_with("/shelling-in-kharkiv/index.md"),
        "{bundle}"
    );
    assert!(std::path::Path::new(&bundle).is_file());
    t.run(&[
        "new",
        "Shelling in Kharkiv",
        "--city",
        "Kharkiv",
        "--root",
        &root,
    ])
    .success()
    .stderr_contains(
        "already has a dispatch `shelling-in-kharkiv`; this one is `shelling-in-kharkiv-2`",
    );
    assert!(
        year(&t).ends_with("/shelling-in-kharkiv-2.md"),
        "{}",
        t.stdout()
    );
    t.run(&["new", "Another", "--slug", "Kharkiv Metro", "--root", &root])
        .success();
    assert!(year(&t).ends_with("/kharkiv-metro.md"), "{}", t.stdout());
    t.run(&["new", "Again", "--slug", "kharkiv-metro", "--root", &root])
        .failure()
        .stderr_contains("choose another --slug, e.g. --slug kharkiv-metro-2");
}

/// A relative link to a Markdown file builds with a warning at its line naming the `@/` form.
#[test]
fn relative_markdown_links_are_warned_about() {
    let mut t = SiteTest::fixture("basic");
    t.file(
        "content/2024/note.md",
        "+++\ntitle = \"Note\"\ndate = 2024-03-01T10:00:00+02:00\ncities = [\"Kyiv\"]\n+++\n\nSee [earlier](../2023/chasiv-yar-shelling.md)\nand [gone](../2023/obstril-kharkova.md).\n",
    );
    t.build()
        .success()
        .stderr_contains("content/2024/note.md:7: warning: link to `../2023/chasiv-yar-shelling.md` works only in an editor")
        .stderr_contains("write it `@/2023/chasiv-yar-shelling.md`")
        .stderr_contains("content/2024/note.md:8: warning: link to `../2023/obstril-kharkova.md` points nowhere");
}
