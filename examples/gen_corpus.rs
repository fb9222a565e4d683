//! The benchmark corpus: N synthetic war-reporting dispatches, deterministic, for dateline,
//! Hugo or Zola (the project's own generator; `bench/*.sh` call it).
//!
//! Usage: `cargo run --release --example gen_corpus -- --articles N --out DIR
//! [--engine dateline|hugo|zola] [--seed S] [--force] [--translate CODE]` (engine `dateline`
//! and seed 42 by default; `--force` deletes a non-empty DIR first; `--translate uk` gives
//! every dateline article a translation `<slug>.uk.md` beside it, with the same front matter
//! and text but for the title (`… (uk)`, so that no translation is an untranslated one),
//! and the site a `config.toml` with `[languages.uk]`: the two-language benchmark).
//! Prints a one-line JSON summary. `--list-cities` prints the city names the bodies use, one
//! per line (the synthetic mention evaluation's truth, `data/eval/run.sh`).
//!
//! Article `i` comes from its own PRNG stream (seed, i), so its text (title, date, cities,
//! tags, body) is the same for every engine and every N; only the layout and front matter
//! differ:
//! - title: 4–8 words and "in <first city>"; date: uniform over 2022-01-01 .. 2025-12-31 UTC,
//!   to the second; 1–4 distinct cities, weighted 1/rank^0.7 (so Bakhmut has the biggest city
//!   page); 1–3 distinct tags of 24; file name `<slugified title>-<i>.md`.
//! - body: 600–900 words of CommonMark (see `gen_corpus/article.rs`).
//! - dateline: `content/<slug>.md`, front matter `title`, `date`, `cities`, `tags` (TOML);
//!   hugo: `content/articles/<slug>.md` with the same keys, plus `hugo.toml` and layouts;
//!   zola: `content/articles/<slug>.md` with `cities`/`tags` under `[taxonomies]`, plus
//!   `config.toml`, section files and templates (`gen_corpus/sites.rs`).
//!
//! The cities are the 59 towns of the shared generator (`gen_corpus.py`, whose corpus this
//! one matches in shape), in the same rank order, each resolved in dateline's built-in
//! gazetteer and written as the gazetteer names it: an unknown name stops the program. (The
//! shared list had "Mariinka", which is Marinka spelt otherwise and unknown to the gazetteer;
//! Novohrodivka, a front-line town, takes its rank.)

#[path = "gen_corpus/article.rs"]
mod article;
#[path = "gen_corpus/sites.rs"]
mod sites;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::exit;

use article::{Article, Maker, Words};
use dateline::places::{Gazetteer, Resolution};

/// The corpus's towns, most written about first (the rank gives the weight).
const CITY_RANKING: [&str; 59] = [
    "Bakhmut",
    "Soledar",
    "Chasiv Yar",
    "Mariupol",
    "Kyiv",
    "Kharkiv",
    "Avdiivka",
    "Kherson",
    "Zaporizhzhia",
    "Donetsk",
    "Kramatorsk",
    "Sloviansk",
    "Pokrovsk",
    "Vuhledar",
    "Lyman",
    "Izium",
    "Kupiansk",
    "Odesa",
    "Mykolaiv",
    "Dnipro",
    "Lviv",
    "Sumy",
    "Chernihiv",
    "Irpin",
    "Bucha",
    "Sievierodonetsk",
    "Lysychansk",
    "Toretsk",
    "Kostiantynivka",
    "Orikhiv",
    "Robotyne",
    "Marinka",
    "Huliaipole",
    "Nikopol",
    "Enerhodar",
    "Melitopol",
    "Berdiansk",
    "Novohrodivka",
    "Krasnohorivka",
    "Siversk",
    "Kurakhove",
    "Selydove",
    "Myrnohrad",
    "Druzhkivka",
    "Svatove",
    "Kreminna",
    "Vovchansk",
    "Kupiansk-Vuzlovyi",
    "Balakliia",
    "Okhtyrka",
    "Trostianets",
    "Makariv",
    "Hostomel",
    "Borodianka",
    "Chuhuiv",
    "Pisochyn",
    "Oleshky",
    "Nova Kakhovka",
    "Beryslav",
];

const TAGS: [&str; 24] = [
    "shelling",
    "frontline",
    "civilians",
    "evacuation",
    "drones",
    "artillery",
    "energy",
    "humanitarian aid",
    "reconstruction",
    "mines",
    "infrastructure",
    "logistics",
    "interviews",
    "analysis",
    "diplomacy",
    "medicine",
    "prisoners",
    "railways",
    "water",
    "schools",
    "volunteers",
    "air defence",
    "occupation",
    "agriculture",
];

#[derive(Clone, Copy, PartialEq)]
enum Engine {
    Dateline,
    Hugo,
    Zola,
}

struct Args {
    articles: usize,
    out: PathBuf,
    engine: Engine,
    seed: u64,
    force: bool,
    translate: Option<String>,
}

const USAGE: &str = "usage: gen_corpus --articles N --out DIR [--engine dateline|hugo|zola] \
[--seed S] [--force] [--translate CODE]   or: gen_corpus --list-cities";

fn fail(msg: &str) -> ! {
    eprintln!("gen_corpus: {msg}");
    exit(2)
}

fn parse_args() -> Args {
    let (mut articles, mut out, mut engine, mut seed, mut force) =
        (None, None, Engine::Dateline, 42, false);
    let mut translate = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| fail(USAGE));
        match a.as_str() {
            "--articles" | "-n" => articles = value().parse().ok(),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => {
                seed = value()
                    .parse()
                    .unwrap_or_else(|_| fail("--seed takes a number"))
            }
            "--force" => force = true,
            // The names the bodies use, one per line: what data/eval/score.py counts as truth.
            "--list-cities" => {
                println!("{}", cities().join("\n"));
                std::process::exit(0);
            }
            "--translate" => translate = Some(value()),
            "--engine" => {
                engine = match value().as_str() {
                    "dateline" => Engine::Dateline,
                    "hugo" => Engine::Hugo,
                    "zola" => Engine::Zola,
                    other => fail(&format!("unknown engine {other:?}; {USAGE}")),
                }
            }
            _ => fail(USAGE),
        }
    }
    match (articles, out) {
        (Some(articles), Some(out)) => Args {
            articles,
            out,
            engine,
            seed,
            force,
            translate,
        },
        _ => fail(USAGE),
    }
}

/// The ranked towns as the gazetteer names them.
fn cities() -> Vec<&'static str> {
    let g = Gazetteer::embedded();
    let names = CITY_RANKING.iter().map(|&name| match g.resolve(name) {
        Resolution::Found(id) => g.get(id).name.to_string(),
        _ => fail(&format!("{name:?} is not one place in the gazetteer")),
    });
    // Leaked once: the names live as long as the program.
    names.map(|n| &*Box::leak(n.into_boxed_str())).collect()
}

/// Cumulative integer weights 1/rank^0.7 (scaled to 10^9, so that drawing is exact).
fn city_weights(n: usize) -> Vec<u64> {
    let mut total = 0;
    (1..=n)
        .map(|rank| {
            total += (1e9 / (rank as f64).powf(0.7)).round() as u64;
            total
        })
        .collect()
}

/// A TOML basic string (the text is plain: quotes and backslashes are the only escapes).
fn toml_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn toml_list(items: &[&str]) -> String {
    let parts: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", parts.join(", "))
}

fn front_matter(a: &Article, engine: Engine) -> String {
    let date = jiff::Timestamp::from_second(a.date).expect("date in range");
    let mut fm = format!(
        "+++\ntitle = {}\ndate = {}\n",
        toml_str(&a.title),
        date.strftime("%Y-%m-%dT%H:%M:%SZ")
    );
    if engine == Engine::Zola {
        fm.push_str("\n[taxonomies]\n");
    }
    fm.push_str(&format!(
        "cities = {}\ntags = {}\n+++\n\n",
        toml_list(&a.cities),
        toml_list(&a.tags)
    ));
    fm
}

fn write(path: &Path, text: &str) -> usize {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    }
    fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    text.len()
}

/// Empties or creates `out`, writes the engine's site files; returns the articles' folder.
fn prepare(out: &Path, engine: Engine, force: bool) -> PathBuf {
    let non_empty = fs::read_dir(out).is_ok_and(|mut d| d.next().is_some());
    if non_empty {
        if !force {
            fail(&format!(
                "{} exists and is not empty (use --force)",
                out.display()
            ));
        }
        fs::remove_dir_all(out).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
    }
    let (config, files): (_, &[(&str, &str)]) = match engine {
        Engine::Dateline => return out.join("content"),
        Engine::Hugo => (("hugo.toml", sites::HUGO_CONFIG), sites::HUGO_FILES),
        Engine::Zola => (("config.toml", sites::ZOLA_CONFIG), sites::ZOLA_FILES),
    };
    write(&out.join(config.0), config.1);
    for (rel, text) in files {
        write(&out.join(rel), text);
    }
    out.join("content/articles")
}

fn main() {
    let args = parse_args();
    let content = prepare(&args.out, args.engine, args.force);
    fs::create_dir_all(&content).unwrap_or_else(|e| fail(&format!("{}: {e}", content.display())));
    let (words, cities) = (Words::new(), cities());
    let weights = city_weights(cities.len());
    let maker = Maker {
        words: &words,
        cities: &cities,
        city_weights: &weights,
        tags: &TAGS,
    };
    let (mut md_bytes, mut body_bytes, mut words_total) = (0, 0, 0);
    let (mut cities_used, mut tags_used) = (Vec::new(), Vec::new());
    for i in 0..args.articles {
        let a = maker.article(args.seed, i);
        let doc = front_matter(&a, args.engine) + &a.body;
        md_bytes += write(&content.join(format!("{}.md", a.slug)), &doc);
        if let Some(code) = args
            .translate
            .as_deref()
            .filter(|_| args.engine == Engine::Dateline)
        {
            // The same text, but a title of its own: a translation that kept the original's
            // title would be warned about (an untranslated text), 10,000 times.
            let own = format!("title = {}", toml_str(&format!("{} ({code})", a.title)));
            let translated = doc.replacen(&format!("title = {}", toml_str(&a.title)), &own, 1);
            md_bytes += write(&content.join(format!("{}.{code}.md", a.slug)), &translated);
        }
        body_bytes += a.body.len();
        words_total += a.words;
        cities_used.extend_from_slice(&a.cities);
        tags_used.extend_from_slice(&a.tags);
        cities_used.sort_unstable();
        cities_used.dedup();
        tags_used.sort_unstable();
        tags_used.dedup();
    }
    if let Some(code) = args
        .translate
        .as_deref()
        .filter(|_| args.engine == Engine::Dateline)
    {
        write(
            &args.out.join("config.toml"),
            &format!("[languages.{code}]\ntitle = \"Dateline ({code})\"\n"),
        );
    }
    let n = args.articles;
    let engine = match args.engine {
        Engine::Dateline => "dateline",
        Engine::Hugo => "hugo",
        Engine::Zola => "zola",
    };
    // index.html files a Hugo or Zola build of the corpus emits: articles, home pages, the
    // /page/1/ redirect, city and tag pages, /cities/ and /tags/ (404.html is not one).
    let expected =
        n + n.div_ceil(10).max(1) + usize::from(n > 10) + cities_used.len() + tags_used.len() + 2;
    let summary = serde_json::json!({
        "engine": engine, "seed": args.seed, "articles": n, "words_total": words_total,
        "md_bytes_total": md_bytes, "body_bytes_total": body_bytes,
        "distinct_cities": cities_used.len(), "distinct_tags": tags_used.len(),
        "expected_index_html": expected,
    });
    println!("{summary}");
}
