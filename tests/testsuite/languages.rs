//! Two languages: the bundled blog's Ukrainian edition (every page `lang="uk"` with no English
//! interface string, reciprocal hreflang links whose targets exist, Ukrainian dates, place
//! and topic names, shared photos, per-language feeds and sitemaps), CLDR plurals and dates in
//! both languages, and the errors and warnings of translations.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::SiteTest;

const CONFIG: &str = "title = \"Desk\"\nbase_url = \"https://example.org/desk\"\n\n[languages.uk]\ntitle = \"Редакція\"\n";

/// A copy of the bundled blog, built.
fn bundled() -> SiteTest {
    let mut t = SiteTest::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "themes"] {
        crate::support::copy_dir(&repo.join(dir), &t.path(dir));
    }
    t.file(
        "config.toml",
        &std::fs::read_to_string(repo.join("config.toml")).unwrap(),
    );
    t.build().success();
    t
}

/// Every `.html` file under `dir`.
fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The English interface strings a page could show: every value of the built-in English table
/// cut at its `{placeholders}`, keeping the pieces long enough to mean something.
fn english_strings() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.toml");
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut values = Vec::new();
    for v in table.values() {
        match v {
            toml::Value::String(s) => values.push(s.clone()),
            toml::Value::Table(forms) => {
                values.extend(forms.values().filter_map(|f| f.as_str().map(String::from)))
            }
            _ => {}
        }
    }
    let mut pieces = BTreeSet::new();
    for v in values {
        // Text between placeholders and tags (`not_found_try` holds links).
        for piece in v.split(['{', '}', '<', '>']) {
            let piece = piece.trim();
            let words = piece
                .chars()
                .all(|c| c.is_alphanumeric() || " .,;:()-".contains(c));
            if words
                && piece.len() >= 5
                && piece.chars().any(|c| c.is_ascii_uppercase() || c == ' ')
            {
                pieces.insert(piece.to_string());
            }
        }
    }
    pieces.into_iter().collect()
}

/// Pages of every kind the Ukrainian edition of the bundled blog must have.
const UK_PAGE_KINDS: [&str; 17] = [
    "index.html",
    "404.html",
    "2022/04/kramatorsk-station-live/index.html",
    "2023/02/bakhmut-encirclement/index.html",
    "about/index.html",
    "tips/index.html",
    "corrections/index.html",
    "archive/index.html",
    "archive/2022/11/index.html",
    "search/index.html",
    "cities/index.html",
    "tags/index.html",
    "lite/index.html",
    "lite/archive/index.html",
    "lite/archive/2022/11/index.html",
    "lite/2022/04/kramatorsk-station-live/index.html",
    "lite/2023/02/bakhmut-encirclement/index.html",
];

/// Fails when the page `path` is not `lang="uk"` or shows one of the `english` strings.
fn assert_speaks_ukrainian(path: &Path, html: &str, english: &[String]) {
    assert!(html.contains("<html lang=\"uk\">"), "{}", path.display());
    // JSON-LD's keys (`inLanguage`) are not interface strings.
    let mut html = html.to_string();
    while let Some(a) = html.find("<script type=\"application/ld+json\">") {
        let b = a + html[a..].find("</script>").unwrap();
        html.replace_range(a..b, "");
    }
    for s in english {
        assert!(!html.contains(s.as_str()), "{} shows `{s}`", path.display());
    }
}

/// `hreflang` → `href` of a page's alternate links.
fn alternates(html: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in html
        .lines()
        .filter(|l| l.contains("hreflang=") && l.starts_with("<link"))
    {
        let attr = |name: &str| {
            let start = line.find(&format!("{name}=\""))? + name.len() + 2;
            Some(line[start..start + line[start..].find('"')?].to_string())
        };
        out.insert(attr("hreflang").unwrap(), attr("href").unwrap());
    }
    out
}

/// The output file of an absolute URL of the bundled blog.
fn file_of(out: &Path, url: &str) -> PathBuf {
    let path = url
        .strip_prefix("https://dateline.example.org/")
        .unwrap_or_else(|| panic!("not a URL of the site: {url}"));
    if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    }
}

/// One build of the bundled blog (photos are processed on a fresh copy: slow without
/// optimisations) for both checks.
#[test]
fn the_bundled_blog_is_bilingual() {
    let t = bundled();
    hreflang_links_are_reciprocal_and_every_target_exists(&t);
    the_ukrainian_edition_speaks_ukrainian_on_every_page(&t);
}

fn the_ukrainian_edition_speaks_ukrainian_on_every_page(t: &SiteTest) {
    let out = t.out();
    let english = english_strings();
    assert!(english.iter().any(|s| s == "Places in this story"));
    let pages = html_files(&out.join("uk"));
    assert!(pages.len() > 30, "{} pages", pages.len());
    // Every kind of page is among them: the scan below covers them all.
    for kind in UK_PAGE_KINDS {
        assert!(t.exists(&format!("output/uk/{kind}")), "no uk/{kind}");
    }
    for p in &pages {
        assert_speaks_ukrainian(p, &std::fs::read_to_string(p).unwrap(), &english);
    }
    // Archive months in the nominative; the menu's own entries translated; the search
    // script's texts, with Ukrainian plural forms, on its form.
    let archive = t.read("output/uk/archive/index.html");
    assert!(archive.contains(">Листопад 2022 <"), "nominative month");
    assert!(archive.contains("дописів"));
    let menu = t.read("output/uk/index.html");
    assert!(menu.contains("<a href=\"about/\">Про нас</a>"), "{menu}");
    assert!(menu.contains("<a href=\"tips/\">Контакти</a>"));
    let search = t.read("output/uk/search/index.html");
    assert!(search.contains("data-found-one=\"Знайдено {count} допис.\""));
    assert!(search.contains("data-found-few=\"Знайдено {count} дописи.\""));
    assert!(search.contains("data-found-many=\"Знайдено {count} дописів.\""));
    assert!(search.contains("<title>Пошук · Дейтлайн</title>"));
    assert!(
        t.read("output/search/index.html")
            .contains("data-found-other=\"{count} dispatches found.\"")
    );
    // The live dispatch's translation: its own updates, photos shared with the English page.
    let live = t.read("output/uk/2022/04/kramatorsk-station-live/index.html");
    assert!(live.contains(">Головні події</h2>") && live.contains("Онлайн-репортаж завершено о"));
    assert!(live.contains("Ракети влучили у вокзал Краматорська під час евакуації"));
    assert!(live.contains("src=\"../../../../2022/04/kramatorsk-station-live/forecourt.800.jpg\""));
    assert!(t.exists("output/2022/04/kramatorsk-station-live/forecourt.800.jpg"));
    // Dates, places and topics in Ukrainian; the slugs stay.
    let seed = t.read("output/uk/2023/02/bakhmut-encirclement/index.html");
    assert!(seed.contains("5 лютого 2023"), "genitive month");
    assert!(seed.contains("<span class=\"dateline\">БАХМУТ, 5 лютого"));
    assert!(seed.contains("<a href=\"../../../cities/chasiv-yar/\">Часів Яр</a>"));
    assert!(seed.contains(">фронт</a>"));
    assert!(seed.contains("\"inLanguage\":\"uk\""));
    assert!(
        seed.contains('«') && !seed.contains('“'),
        "Ukrainian quotes"
    );
    assert!(
        t.read("output/uk/cities/bakhmut/index.html")
            .contains("<h1>Бахмут")
    );
    // The map's dots count in Ukrainian; an ended live dispatch says so in lists.
    let cities = t.read("output/uk/cities/index.html");
    assert!(cities.contains("<title>Бахмут: 1 допис</title>") && !cities.contains(" dispatch"));
    // The text-only edition names a photo in Ukrainian.
    let lite = t.read("output/uk/lite/2023/02/bakhmut-encirclement/index.html");
    assert!(lite.contains("[Зображення: Дорога до Бахмута") && !lite.contains("[Image:"));
    let front = t.read("output/uk/index.html");
    assert!(front.contains("· Онлайн-репортаж завершено</p>"), "{front}");
    let english_seed = t.read("output/2023/02/bakhmut-encirclement/index.html");
    assert!(english_seed.contains("5 February 2023"));
    assert!(english_seed.contains("<html lang=\"en\">"));
    // The photos are published once, beside the English page; the Ukrainian page shows them.
    assert!(seed.contains("src=\"../../../../2023/02/bakhmut-encirclement/smoke.800.jpg\""));
    assert!(t.exists("output/2023/02/bakhmut-encirclement/smoke.800.jpg"));
    let uk_folder = std::fs::read_dir(out.join("uk/2023/02/bakhmut-encirclement")).unwrap();
    let names: Vec<String> = uk_folder
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["index.html"]);
    // Feeds, sitemaps and the 404 page per language.
    let feed = t.read("output/uk/atom.xml");
    roxmltree::Document::parse(&feed).unwrap();
    assert!(feed.contains("xml:lang=\"uk\"") && feed.contains("Бахмут в облозі"));
    assert!(!feed.contains("Bakhmut under siege"));
    roxmltree::Document::parse(&t.read("output/uk/rss.xml")).unwrap();
    assert!(
        t.read("output/uk/404.html")
            .contains("Сторінку не знайдено")
    );
    let robots = t.read("output/robots.txt");
    assert!(robots.contains("Sitemap: https://dateline.example.org/uk/sitemap.xml"));
    assert!(!t.exists("output/uk/robots.txt"));
}

fn hreflang_links_are_reciprocal_and_every_target_exists(t: &SiteTest) {
    let out = t.out();
    let mut with_alternates = 0;
    for p in html_files(&out) {
        let html = std::fs::read_to_string(&p).unwrap();
        let alts = alternates(&html);
        if alts.is_empty() {
            continue;
        }
        with_alternates += 1;
        let canonical = html
            .lines()
            .find_map(|l| l.strip_prefix("<link rel=\"canonical\" href=\""))
            .and_then(|l| l.strip_suffix("\">"))
            .unwrap_or_else(|| panic!("{} has no canonical link", p.display()));
        assert!(
            alts.values().any(|u| u == canonical),
            "{}: its own version is not among its alternates",
            p.display()
        );
        assert_eq!(alts.get("x-default"), alts.get("en"), "{}", p.display());
        for (lang, url) in &alts {
            let target = file_of(&out, url);
            let other = std::fs::read_to_string(&target)
                .unwrap_or_else(|_| panic!("{}: {lang} → {url} does not exist", p.display()));
            if lang != "x-default" {
                assert!(other.contains(&format!("<html lang=\"{lang}\">")));
            }
            assert_eq!(alternates(&other), alts, "{url} does not link back alike");
        }
    }
    // Three translated dispatches and the lists both editions have (front page, cities,
    // topics), in two languages.
    assert!(
        with_alternates >= 12,
        "{with_alternates} pages with alternates"
    );
    // The month archive and the search page are in both editions: the switch leads from one
    // to the other.
    for page in ["archive", "search"] {
        let uk = t.read(&format!("output/uk/{page}/index.html"));
        assert!(
            uk.contains(&format!(
                "<a href=\"../../{page}/\" hreflang=\"en\" lang=\"en\">English</a>"
            )),
            "/uk/{page}/ switches to /{page}/"
        );
    }
    // A dispatch in one language has none, but the language switch leads to the other
    // edition's front page.
    let only = t.read("output/uk/2024/05/kharkiv-metro-school/index.html");
    assert!(alternates(&only).is_empty());
    assert!(only.contains("<a href=\"../../../../\" hreflang=\"en\" lang=\"en\">English</a>"));
    assert!(!t.exists("output/2024/05/kharkiv-metro-school/index.html"));
    let sitemap = t.read("output/sitemap.xml");
    roxmltree::Document::parse(&sitemap).unwrap();
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"uk\" href=\"https://dateline.example.org/uk/2023/02/bakhmut-encirclement/\"/>"));
}

#[test]
fn a_site_with_one_language_has_no_language_links() {
    let mut t = SiteTest::fixture("basic");
    t.build().success();
    for p in html_files(&t.out()) {
        let html = std::fs::read_to_string(&p).unwrap();
        assert!(!html.contains("hreflang"), "{}", p.display());
    }
    assert!(!t.read("output/sitemap.xml").contains("xhtml"));
}

#[test]
fn counts_and_dates_follow_cldr_in_both_languages() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    let counts = [1, 2, 5, 11, 21, 22];
    for n in counts {
        for i in 0..n {
            for (suffix, title) in [("", "Report"), (".uk", "Репортаж")] {
                t.dispatch(
                    &format!("a{n}/d{i}{suffix}.md"),
                    &format!("{title} {n}-{i}"),
                    "2023-02-05T10:00:00+02:00",
                    &format!("slug = \"a{n}-d{i}\"\nauthors = [\"Author {n}\"]"),
                );
            }
        }
    }
    t.build().success();
    let uk = [
        "1 допис",
        "2 дописи",
        "5 дописів",
        "11 дописів",
        "21 допис",
        "22 дописи",
    ];
    let en = [
        "1 dispatch",
        "2 dispatches",
        "5 dispatches",
        "11 dispatches",
        "21 dispatches",
        "22 dispatches",
    ];
    for ((n, uk), en) in counts.iter().zip(uk).zip(en) {
        let page = format!("authors/author-{n}/index.html");
        t.file_contains(&format!("output/uk/{page}"), &format!(">{uk}<"));
        t.file_contains(&format!("output/{page}"), &format!(">{en}<"));
    }
    t.file_contains("output/uk/2023/02/a1-d0/index.html", "5 лютого 2023");
    t.file_contains("output/uk/2023/02/a1-d0/index.html", "1 хвилина читання");
    t.file_contains("output/2023/02/a1-d0/index.html", "5 February 2023");
    t.file_contains("output/2023/02/a1-d0/index.html", "1 min read");
}

#[test]
fn a_translation_in_a_language_the_site_lacks_is_an_error_naming_it() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    t.dispatch("x.md", "X", "2023-02-05T10:00:00+02:00", "");
    t.dispatch("x.de.md", "X auf Deutsch", "2023-02-05T10:00:00+02:00", "");
    t.build()
        .failure()
        .stderr_contains("content/x.de.md")
        .stderr_contains("[languages.de]");
    t.file_missing("output/index.html");
}

#[test]
fn a_translation_whose_original_is_gone_builds_alone() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    t.dispatch("x.md", "Shelling", "2023-02-05T10:00:00+02:00", "");
    t.dispatch("x.uk.md", "Обстріл", "2023-02-05T10:00:00+02:00", "");
    t.build().success();
    let alternate = "<link rel=\"alternate\" hreflang=\"en\"";
    t.file_contains("output/uk/2023/02/x/index.html", alternate);
    t.remove("content/x.md");
    t.build().success();
    t.file_missing("output/2023/02/x/index.html");
    t.file_lacks("output/uk/2023/02/x/index.html", alternate);
    t.file_contains("output/uk/2023/02/x/index.html", "Обстріл");
}

#[test]
fn a_missing_interface_string_warns_naming_the_key_and_the_file() {
    let mut t = SiteTest::empty();
    t.file(
        "config.toml",
        "title = \"Desk\"\n\n[languages.pl]\ntitle = \"Redakcja\"\n",
    );
    t.file("i18n/pl.toml", "latest = \"Najnowsze\"\n");
    t.dispatch("x.pl.md", "Ostrzał", "2023-02-05T10:00:00+02:00", "");
    t.build().success().stderr_contains(
        "i18n/pl.toml: warning: no `pl` translation for the interface string `skip`",
    );
    t.file_contains("output/pl/index.html", ">Najnowsze</a>");
    // The English text stands in meanwhile.
    t.file_contains("output/pl/index.html", ">Skip to content</a>");
    t.file_contains("output/pl/2023/02/x/index.html", "5 lutego 2023");
}

#[test]
fn a_bundle_translation_keeps_its_originals_month() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    t.dispatch("x/index.md", "Shelling", "2023-02-05T10:00:00+02:00", "");
    t.dispatch("x/index.uk.md", "Обстріл", "2023-03-01T10:00:00+02:00", "");
    t.build()
        .failure()
        .stderr_contains("content/x/index.uk.md:3:1")
        .stderr_contains("keeps its original's year and month");
}

/// A live dispatch and its Ukrainian translation, each with one update.
fn live_site() -> SiteTest {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    let front = "date = 2024-02-17T09:00:00+02:00\nauthors = [\"Olena Kovalenko\"]\ncities = [\"Avdiivka\"]\nlive = true\ncoverage_end = 2024-02-17T20:00:00+02:00";
    for (file, title, update, note) in [
        (
            "index.md",
            "Live: Avdiivka",
            "Troops pull back",
            "An earlier version misnamed the road.",
        ),
        (
            "index.uk.md",
            "Наживо: Авдіївка",
            "Війська відходять",
            "У попередній версії була неправильна назва дороги.",
        ),
    ] {
        t.file(
            &format!("content/2024/live/{file}"),
            &format!("+++\ntitle = \"{title}\"\n{front}\n+++\n\nText.\n"),
        );
        t.file(
            &format!("content/2024/live/updates/a{}", &file["index".len()..]),
            &format!("+++\ntime = 2024-02-17T10:05:00+02:00\ntitle = \"{update}\"\nkey = true\nauthors = [\"Marco Rossi\", \"Olena Kovalenko\"]\n[[corrections]]\ndate = 2024-02-17T11:00:00+02:00\nnote = \"{note}\"\n+++\n\nText.\n"),
        );
    }
    t
}

#[test]
fn a_live_dispatch_speaks_the_editions_language_on_air_and_after() {
    let mut t = live_site();
    let english = english_strings();
    let page = "output/uk/2024/02/live/index.html";
    let lite = "output/uk/lite/2024/02/live/index.html";
    t.build_at("2024-02-17T12:00:00+02:00", &[]).success();
    for p in [page, lite] {
        assert_speaks_ukrainian(Path::new(p), &t.read(p), &english);
    }
    let html = t.read(page);
    for s in [
        "<strong class=\"live-label\">Наживо</strong> Останнє оновлення",
        ">Головні події</h2>",
        ">Оновлення, спершу новіші</h2>",
        "title=\"Посилання на це оновлення\"",
        "<strong class=\"key-label\">Головна подія</strong> · Автори: <a",
        "<strong>Виправлення</strong>",
        "Війська відходять",
        "title=\"Наживо: Авдіївка: оновлення наживо\"",
    ] {
        assert!(html.contains(s), "no `{s}` in {html}");
    }
    assert!(!html.contains("Troops pull back"));
    t.file_contains(lite, "<strong>НАЖИВО</strong>, останнє оновлення 10:05");
    let lite_index = "output/uk/lite/index.html";
    assert_speaks_ukrainian(Path::new(lite_index), &t.read(lite_index), &english);
    t.file_contains(lite_index, "<li><strong>НАЖИВО</strong> <a");
    // The feeds' own words too: the site feed shows the newest update under a heading.
    for feed in ["output/uk/atom.xml", "output/uk/rss.xml"] {
        t.file_contains(feed, "&lt;h2&gt;Останнє оновлення, 10:05&lt;/h2&gt;");
    }
    t.file_contains("output/atom.xml", "&lt;h2&gt;Last update, 10:05&lt;/h2&gt;");
    t.file_contains(lite, "Головна подія. Автори: Marco Rossi");
    // The English page keeps its own update and English labels.
    t.file_contains("output/2024/02/live/index.html", "Troops pull back");
    t.file_contains("output/2024/02/live/index.html", "Last update");
    t.build_at("2024-02-17T21:00:00+02:00", &[]).success();
    assert_speaks_ukrainian(Path::new(page), &t.read(page), &english);
    t.file_contains(page, "Онлайн-репортаж завершено о <time");
    t.file_contains(lite, "Онлайн-репортаж завершено о 20:00");
}

#[test]
fn new_translate_writes_the_translation_beside_its_original() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    t.dispatch(
        "2023/x.md",
        "Shelling",
        "2023-02-05T10:00:00+02:00",
        "cities = [\"Bakhmut\"]\ntags = [\"frontline\"]",
    );
    t.dispatch("2023/b/index.md", "Bundle", "2023-02-06T10:00:00+02:00", "");
    t.dispatch(
        "2024/live/index.md",
        "Live",
        "2024-02-17T09:00:00+02:00",
        "live = true\ncoverage_end = 2024-02-17T20:00:00+02:00",
    );
    t.file(
        "content/2024/live/updates/a.md",
        "+++\ntime = 2024-02-17T10:05:00+02:00\ntitle = \"Troops pull back\"\nkey = true\n+++\n\nText.\n",
    );
    let root = t.root().display().to_string();
    let abs = |rel: &str| t.root().join(rel).display().to_string();
    let (x, b, live, update) = (
        abs("content/2023/x.md"),
        abs("content/2023/b"),
        abs("content/2024/live/index.md"),
        abs("content/2024/live/updates/a.md"),
    );
    t.run(&[
        "new",
        "--translate",
        &x,
        "--lang",
        "uk",
        "Обстріл",
        "--root",
        &root,
    ])
    .success()
    .stdout_contains("x.uk.md");
    let made = t.read("content/2023/x.uk.md");
    assert!(made.starts_with("+++\ntitle = \"Обстріл\"\ndate = 2023-02-05T10:00:00+02:00\n"));
    assert!(made.contains("cities = [\"Bakhmut\"]\ntags = [\"frontline\"]\n+++\n"));
    // Untitled: the original's title stays, to translate (the build warns until it is).
    t.run(&["new", "--translate", &b, "--lang", "uk", "--root", &root])
        .success()
        .stderr_contains("the build warns at each one left as the original has it");
    t.file_contains("content/2023/b/index.uk.md", "title = \"Bundle\"");
    // A live dispatch, then its update, which keeps its time (so both editions give it the
    // same anchor).
    t.run(&["new", "--translate", &live, "--lang", "uk", "--root", &root])
        .success()
        .stderr_contains("translate its updates one by one");
    t.run(&[
        "new",
        "--translate",
        &update,
        "--lang",
        "uk",
        "--root",
        &root,
    ])
    .success();
    t.file_contains(
        "content/2024/live/updates/a.uk.md",
        "time = 2024-02-17T10:05:00+02:00",
    );
    t.run(&["new", "--translate", &x, "--lang", "uk", "--root", &root])
        .failure()
        .stderr_contains("x.uk.md exists already");
    t.file_contains("content/2023/x.uk.md", "Обстріл");
    t.run(&["new", "--translate", &x, "--lang", "de", "--root", &root])
        .failure()
        .stderr_contains("`de` is not a language of this site (it has en, uk): add [languages.de]");
    t.file_missing("content/2023/x.de.md");
    // A new dispatch in Ukrainian only.
    t.run(&["new", "Новий допис", "--lang", "uk", "--root", &root])
        .success()
        .stdout_contains("novyi-dopys.uk.md");
    t.build_at("2024-02-17T12:00:00+02:00", &[])
        .success()
        .stderr_contains("content/2023/b/index.uk.md:2:1: warning: `title` is the same as in content/2023/b/index.md: translate it");
    t.file_contains("output/uk/2023/02/x/index.html", "Обстріл");
    t.file_contains("output/uk/2023/02/x/index.html", "hreflang=\"en\"");
    t.file_contains(
        "output/uk/2024/02/live/index.html",
        "id=\"update-20240217-1005\"",
    );
}

#[test]
fn a_translated_update_of_an_untranslated_live_dispatch_is_an_error() {
    let mut t = live_site();
    t.remove("content/2024/live/index.uk.md");
    t.build_at("2024-02-17T12:00:00+02:00", &[])
        .failure()
        .stderr_contains("content/2024/live/updates/a.uk.md: error: this update is in `uk`, but its live dispatch has no `uk` translation");
    t.file_missing("output/index.html");
}

/// The search index's records under `dir` (`output/uk/pagefind`): Pagefind's fragments,
/// gzipped JSON after a `pagefind_dcd` signature.
#[cfg(feature = "search")]
fn search_records(dir: &Path) -> Vec<String> {
    use std::io::Read;
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir.join("fragment")).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        out.push(text.trim_start_matches("pagefind_dcd").to_string());
    }
    out
}

/// The search page shows a result's date and place as Pagefind's metadata has them: in the
/// edition's language, as the dispatch's own page prints them. So is the index's own text.
#[cfg(feature = "search")]
#[test]
fn search_results_show_dates_and_places_in_the_editions_language() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    let places = "cities = [\"Chasiv Yar\"]\ndateline = \"Chasiv Yar\"";
    t.dispatch("x.md", "Shelling", "2023-02-05T10:00:00+02:00", places);
    t.dispatch("x.uk.md", "Обстріл", "2023-02-05T10:00:00+02:00", places);
    t.build().success();
    for (edition, date, place, label) in [
        (
            "uk/",
            "5 лютого 2023\u{202f}р.",
            "Часів Яр",
            "Місця в цьому матеріалі: ",
        ),
        (
            "",
            "5 February 2023",
            "Chasiv Yar",
            "Places in this story: ",
        ),
    ] {
        let records = search_records(&t.out().join(format!("{edition}pagefind")));
        assert_eq!(records.len(), 1, "{records:?}");
        let meta = format!("\"date\":\"{date}\"");
        assert!(records[0].contains(&meta), "no {meta} in {}", records[0]);
        assert!(records[0].contains(&format!("\"place\":\"{place}\"")));
        // The line of every spelling of its places, which an excerpt may show, is labelled
        // in the edition's language.
        assert!(records[0].contains(label), "{}", records[0]);
        let page = t.read(&format!("output/{edition}2023/02/x/index.html"));
        assert!(
            page.contains(&format!(">{date}</time>")),
            "the page prints {date}"
        );
    }
}

/// A translation's summary, photo texts and content warning left as the original wrote them
/// (copied by `dateline new --translate`, or not written): a warning at each, and the
/// Ukrainian page never shows English as Ukrainian. The summary becomes the translation's own
/// opening; the photo texts and the warning are the original's, marked `lang="en"`.
#[test]
fn a_translations_untranslated_texts_warn_and_are_never_shown_as_ukrainian() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    t.file_bytes("content/x/smoke.jpg", &crate::photos::jpeg(64, 48));
    let front = "date = 2023-02-05T10:00:00+02:00\nsummary = \"Troops hold the line.\"\nimage = \"smoke.jpg\"";
    t.file(
        "content/x/index.md",
        &format!("+++\ntitle = \"Shelling\"\n{front}\nimage_alt = \"Smoke over the town\"\nimage_caption = \"Smoke — Photo: Desk\"\ncontent_warning = \"Graphic injuries\"\n+++\n\nThe town.\n"),
    );
    t.file(
        "content/x/index.uk.md",
        &format!("+++\ntitle = \"Обстріл\"\n{front}\nimage_caption = \"Smoke — Photo: Desk\"\n+++\n\nМісто тримається.\n"),
    );
    t.build().success();
    for (line, warning) in [
        (
            4,
            "`summary` is the same as in content/x/index.md: translate it",
        ),
        (
            6,
            "`image_caption` is the same as in content/x/index.md: translate it",
        ),
        (5, "no `image_alt`, but content/x/index.md has one"),
        (2, "no `content_warning`, but content/x/index.md has one"),
    ] {
        t.stderr_contains(&format!(
            "content/x/index.uk.md:{line}:1: warning: {warning}"
        ));
    }
    t.stderr_lacks("`title`");
    // Nothing else: the lead photo without alt text is reported once, by the warning above.
    assert_eq!(t.stderr().matches("warning:").count(), 4, "{}", t.stderr());
    let page = t.read("output/uk/2023/02/x/index.html");
    assert!(
        page.contains("alt=\"Smoke over the town\" lang=\"en\""),
        "{page}"
    );
    assert!(page.contains(
        "<figcaption lang=\"en\">Smoke <span class=\"credit\">Photo: Desk</span></figcaption>"
    ));
    assert!(page.contains(
        "<strong>Попередження про зміст</strong> <span lang=\"en\">Graphic injuries</span></aside>"
    ));
    assert!(page.contains("<meta name=\"description\" content=\"Місто тримається.\">"));
    assert!(!page.contains("Troops hold the line"));
    let list = t.read("output/uk/index.html");
    assert!(list.contains("<span lang=\"en\">Graphic injuries</span>"));
    assert!(list.contains("Місто тримається.") && !list.contains("Troops hold the line"));
    let feed = t.read("output/uk/atom.xml");
    assert!(feed.contains(
        "Попередження про зміст:&lt;/strong&gt; &lt;span lang=\"en\"&gt;Graphic injuries"
    ));
    assert!(!feed.contains("Troops hold the line"));
    // The English page is as written.
    let english = t.read("output/2023/02/x/index.html");
    assert!(english.contains("alt=\"Smoke over the town\" loading="));
    assert!(english.contains("<figcaption>Smoke"));
    // Once translated, no warning and no marks.
    t.file(
        "content/x/index.uk.md",
        &format!("+++\ntitle = \"Обстріл\"\n{}\nimage_alt = \"Дим над містом\"\nimage_caption = \"Дим — Фото: Desk\"\ncontent_warning = \"Важкі поранення\"\n+++\n\nМісто тримається.\n", front.replace("Troops hold the line.", "Тримаються.")),
    );
    t.build().success().stderr_lacks("warning");
    for mark in [
        "<span lang=\"en\">",
        "lang=\"en\" loading",
        "<figcaption lang",
    ] {
        t.file_lacks("output/uk/2023/02/x/index.html", mark);
    }
    t.file_contains("output/uk/2023/02/x/index.html", "<figcaption>Дим");
}

/// A Ukrainian original translated into English (`dateline new --translate x.uk.md --lang
/// en`): a text both versions have in Cyrillic is the English version's to translate, so the
/// English page is warned about and marks it `lang="uk"`; the Ukrainian page is left alone.
#[test]
fn an_english_translation_of_a_ukrainian_original_is_the_one_warned_about() {
    let mut t = SiteTest::empty();
    t.file("config.toml", CONFIG);
    let front = "date = 2023-02-05T10:00:00+02:00\nsummary = \"Місто тримається.\"\ncontent_warning = \"Важкі поранення\"";
    t.file(
        "content/y.uk.md",
        &format!("+++\ntitle = \"Обстріл\"\n{front}\n+++\n\nМісто.\n"),
    );
    t.file(
        "content/y.md",
        &format!("+++\ntitle = \"Shelling\"\n{front}\n+++\n\nThe town.\n"),
    );
    t.build().success();
    t.stderr_contains(
        "content/y.md:4:1: warning: `summary` is the same as in content/y.uk.md: translate it",
    );
    t.stderr_contains("content/y.md:5:1: warning: `content_warning` is the same as in content/y.uk.md: translate it; meanwhile the page marks it as `uk`");
    assert_eq!(t.stderr().matches("warning:").count(), 2, "{}", t.stderr());
    t.file_contains(
        "output/2023/02/y/index.html",
        "<span lang=\"uk\">Важкі поранення</span>",
    );
    t.file_contains(
        "output/2023/02/y/index.html",
        "<meta name=\"description\" content=\"The town.\">",
    );
    t.file_contains(
        "output/uk/2023/02/y/index.html",
        "<meta name=\"description\" content=\"Місто тримається.\">",
    );
    t.file_lacks("output/uk/2023/02/y/index.html", "<span lang=");
}
