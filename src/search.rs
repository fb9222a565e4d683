//! The search index: the dispatches (and nothing else) indexed by Pagefind, as a library,
//! during the build, from memory.
//!
//! Each dispatch becomes one record ([`documents`]), handed to Pagefind as text
//! (`add_custom_record`) rather than as HTML for it to parse: its headline, the text of its
//! body (what the dispatch page prints, without the theme's navigation, which would match
//! every query), and a line naming its cities in every spelling the gazetteer knows, so that
//! "Chasov Yar" finds a dispatch filed as "Chasiv Yar"; Pagefind's filters (city, tag,
//! author, year), a sort key (the date) and metadata (the headline, the date as the edition
//! writes it, the place in its language). The text is laid out as Pagefind's own HTML reader
//! lays out a page (see [`text`]): the same words, weights and excerpts, without its parse.
//!
//! Pagefind is async (tokio); its runtime lives in [`index`] and nowhere else, on a thread of
//! its own (so a build run from inside another runtime, as `serve` does, is unaffected): the
//! rest of the build stays synchronous. One call indexes one language: a site with several
//! languages calls it once per language, each into its own folder, side by side.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::content::Page;
use crate::site::Site;

/// Where the index goes, relative to a language's root (`/pagefind/`).
pub(crate) const BUNDLE_DIR: &str = "pagefind";

/// One dispatch as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Its URL relative to its edition's root, without the leading slash (`2023/02/bakhmut/`,
    /// also for `/uk/2023/02/bakhmut/`): the search page puts its own way back to that root
    /// in front.
    pub url: String,
    /// The text Pagefind indexes and quotes from (see [`text`]).
    pub text: String,
    /// `title`, `date` (as the edition prints it), `place` (the dateline, when there is one).
    pub meta: BTreeMap<String, String>,
    /// `city`, `tag`, `author`, `year`.
    pub filters: BTreeMap<String, Vec<String>>,
    /// `date`: seconds since 1970.
    pub sort: BTreeMap<String, String>,
}

/// The documents of every published dispatch of `site`, in site order.
pub(crate) fn documents(site: &Site) -> Vec<Document> {
    site.pages.par_iter().map(|p| document(site, p)).collect()
}

/// The document of one dispatch (see the module comment).
pub(crate) fn document(site: &Site, p: &Page) -> Document {
    let g = &site.gazetteer;
    let name = |id: &crate::places::PlaceId| g.get(*id).name.to_string();
    let mut meta = BTreeMap::from([
        ("title".to_string(), p.title.clone()),
        // The date as the edition's pages print it (`5 лютого 2023 р.`): the search page
        // shows this text as it is.
        (
            "date".to_string(),
            p.date.human_in(&site.config.strings().locale),
        ),
    ]);
    if let Some(d) = &p.dateline {
        meta.insert("place".to_string(), name(d));
    }
    let filters = BTreeMap::from([
        ("city".to_string(), p.cities.iter().map(name).collect()),
        ("tag".to_string(), p.tags.clone()),
        ("author".to_string(), p.authors.clone()),
        ("year".to_string(), vec![p.date.year().to_string()]),
    ]);
    let filters = filters.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    let sort = BTreeMap::from([("date".to_string(), p.date.unix().to_string())]);
    let url = p.url.as_str().trim_start_matches('/');
    let prefix = &site.config.lang().prefix;
    Document {
        url: url.strip_prefix(prefix.as_str()).unwrap_or(url).to_string(),
        text: text(site, p),
        meta,
        filters,
        sort,
    }
}

/// The text of a dispatch as Pagefind's HTML reader would make it of a page with the headline
/// in an `<h1>`, the body, and the places line in a `<p>`: blocks (paragraphs, headings, list
/// items, cells) end with a full stop unless they end in punctuation, and headings are
/// weighted as it weights `<h1>`–`<h6>` (7 down to 2), with the markers it uses for that (its
/// indexer reads them in any text and keeps them out of the excerpts).
fn text(site: &Site, p: &Page) -> String {
    let mut s = String::with_capacity(p.body.text.len() + p.title.len() + 256);
    block(&mut s, &p.title, Some(1));
    let mut headings = p.body.toc.iter().peekable();
    for line in p.body.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let level = headings.next_if(|h| h.text.trim() == line).map(|h| h.level);
        block(&mut s, line, level);
    }
    // Every spelling of the dispatch's places, as text the index reads.
    let g = &site.gazetteer;
    let mut names: Vec<&str> = Vec::new();
    for id in p.cities.iter().chain(p.dateline.as_ref()) {
        let place = g.get(*id);
        let all = [&place.name, &place.name_uk, &place.name_ru].into_iter();
        for n in all.chain(&place.aliases) {
            if !n.is_empty() && !names.contains(&n.as_str()) {
                names.push(n);
            }
        }
    }
    if !names.is_empty() {
        // A result's excerpt may come from this line: labelled in the edition's language.
        let label = site.config.strings().get("places_in_story");
        block(&mut s, &format!("{label}: {}", names.join(", ")), None);
    }
    s.truncate(s.trim_end().len());
    s
}

/// Appends one block of text (a heading of `level` when it is one) to `s`.
fn block(s: &mut String, text: &str, level: Option<u8>) {
    let weight = level.map(|l| 8 - l.clamp(1, 6));
    if let Some(w) = weight {
        s.push_str("___PAGEFIND_AUTO_WEIGHT___");
        s.push_str(&w.to_string());
        s.push(' ');
    }
    s.push_str(text);
    // Pagefind's rule: a block whose last character is a word character, a quote, a closing
    // parenthesis, `$` or `*` gets a full stop.
    if (text.chars().last()).is_some_and(|c| c.is_alphanumeric() || "_'\")$*".contains(c)) {
        s.push('.');
    }
    s.push(' ');
    if weight.is_some() {
        s.push_str("___END_PAGEFIND_WEIGHT___ ");
    }
}

/// Pagefind's files a page needs to search: its own UIs, which the search page does not use,
/// and the WebAssembly of languages the entry file does not name, are left out.
#[cfg(feature = "search")]
fn published(name: &std::path::Path, wasm: &[String]) -> bool {
    let n = name.to_string_lossy();
    if let Some(lang) = n
        .strip_prefix("wasm.")
        .and_then(|r| r.strip_suffix(".pagefind"))
    {
        return wasm.iter().any(|w| w == lang);
    }
    !(n.starts_with("pagefind-ui.")
        || n.starts_with("pagefind-modular-ui.")
        || n.starts_with("pagefind-component-ui.")
        || n.starts_with("pagefind-highlight.")
        || n.starts_with("playground"))
}

/// An edition's index: its files and what making them took, step by step (for
/// `build --timings`): our documents, Pagefind reading them, Pagefind building and
/// compressing the index.
#[derive(Debug, Default)]
pub(crate) struct Indexed {
    /// The files, under the edition's `pagefind/`.
    pub files: Vec<crate::output::OutFile>,
    /// `search docs`, `search add`, `search write`.
    pub timings: Vec<crate::timing::Timing>,
}

/// Builds the index of `docs`, all in `language` (an ISO 639-1 code), as files under
/// `prefix` (`pagefind/` for the site's language). Pagefind's errors name the dispatch.
#[cfg(feature = "search")]
pub(crate) fn index(
    language: &str,
    docs: Vec<Document>,
    prefix: &std::path::Path,
) -> Result<Indexed, crate::error::Error> {
    use crate::timing::Timing;
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    let err = |what: String| crate::error::Error::Usage(format!("search index: {what}"));
    let language = language.to_string();
    let options = PagefindServiceConfig::builder()
        .force_language(language.clone())
        .build();
    let run = async move {
        let mut ix = PagefindIndex::new(Some(options)).map_err(|e| err(e.to_string()))?;
        let t = std::time::Instant::now();
        for d in docs {
            let url = format!("/{}", d.url);
            let (meta, filters, sort) = (Some(d.meta), Some(d.filters), Some(d.sort));
            ix.add_custom_record(url.clone(), d.text, language.clone(), meta, filters, sort)
                .await
                .map_err(|e| err(format!("{url}: {e}")))?;
        }
        let added = Timing::since("search add", t);
        let t = std::time::Instant::now();
        let files = ix.get_files().await.map_err(|e| err(e.to_string()))?;
        Ok::<_, crate::error::Error>((files, [added, Timing::since("search write", t)]))
    };
    // Pagefind runs its own `par_iter`s. It gets a pool of its own: on the global pool, a
    // worker waiting for it while holding the only thread (`RAYON_NUM_THREADS=1`) deadlocked.
    // The runtime is started on that pool's thread, so a runtime is never nested in another.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .thread_name(|i| format!("search-{i}"))
        .build()
        .map_err(|e| err(format!("cannot start its threads: {e}")))?;
    let (files, timings) = pool.install(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| err(format!("cannot start its runtime: {e}")))?
            .block_on(run)
    })?;
    let wasm = wasm_languages(&files);
    let files = files
        .into_iter()
        .filter(|f| published(&f.filename, &wasm))
        .map(|f| crate::output::OutFile {
            path: prefix.join(&f.filename),
            bytes: f.contents.into(),
        })
        .collect();
    Ok(Indexed {
        files,
        timings: timings.to_vec(),
    })
}

/// The WebAssembly each language of the index loads (`languages.<code>.wasm` in
/// `pagefind-entry.json`; a language Pagefind has no stemmer for, like Ukrainian, has `null`
/// there and loads `unknown`).
#[cfg(feature = "search")]
fn wasm_languages(files: &[pagefind::api::SyntheticFile]) -> Vec<String> {
    files
        .iter()
        .find(|f| f.filename.as_os_str() == "pagefind-entry.json")
        .and_then(|f| serde_json::from_slice::<serde_json::Value>(&f.contents).ok())
        .and_then(|v| v.get("languages")?.as_object().cloned())
        .map(|langs| {
            (langs.values())
                .map(|l| match l.get("wasm").and_then(|w| w.as_str()) {
                    Some(w) => w.to_string(),
                    None => "unknown".to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The search index of one edition of a site (nothing when `search = false`), under
/// `pagefind/` in its language's folder (`uk/pagefind/`).
pub(crate) fn files(site: &Site) -> Result<Indexed, crate::error::Error> {
    if !site.config.search {
        return Ok(Indexed::default());
    }
    #[cfg(feature = "search")]
    {
        let lang = site.config.lang();
        let prefix = std::path::Path::new(&lang.prefix).join(BUNDLE_DIR);
        let t = std::time::Instant::now();
        let docs = documents(site);
        let made = crate::timing::Timing::since("search docs", t);
        let mut indexed = index(&lang.code, docs, &prefix)?;
        indexed.timings.insert(0, made);
        Ok(indexed)
    }
    #[cfg(not(feature = "search"))]
    unreachable!("config refuses `search = true` without the feature")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_has_filters_sort_meta_and_every_spelling_of_its_cities() {
        let dir = tempfile::tempdir().unwrap();
        let now =
            crate::dates::Date::parse("2024-05-01T12:00:00Z", &crate::dates::Zone::utc()).unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/a.md"),
            "+++\ntitle = \"Shelling <near> the canal\"\ndate = 2023-03-10T08:00:00+02:00\ncities = [\"Chasiv Yar\"]\ntags = [\"shelling\"]\nauthors = [\"Desk\"]\n+++\n\nThe canal.\n\nHeavy fire!\n\n## At the bridge\n\nWater (rising)\n",
        )
        .unwrap();
        let opts = crate::config::BuildOptions {
            root: dir.path().to_path_buf(),
            ..Default::default()
        };
        let config = crate::config::Config::load(&opts).unwrap();
        let site = Site::load(config, now).unwrap();
        let docs = documents(&site);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.url, "2023/03/a/");
        let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            (pairs.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            d.meta,
            map(&[
                ("title", "Shelling <near> the canal"),
                ("date", "10 March 2023"),
                ("place", "Chasiv Yar")
            ])
        );
        assert_eq!(d.sort, map(&[("date", "1678428000")]));
        let filters: Vec<(&str, Vec<&str>)> = (d.filters.iter())
            .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            filters,
            [
                ("author", vec!["Desk"]),
                ("city", vec!["Chasiv Yar"]),
                ("tag", vec!["shelling"]),
                ("year", vec!["2023"]),
            ]
        );
        assert!(
            d.text.starts_with(
                "___PAGEFIND_AUTO_WEIGHT___7 Shelling <near> the canal. ___END_PAGEFIND_WEIGHT___ The canal. Heavy fire! ___PAGEFIND_AUTO_WEIGHT___6 At the bridge. ___END_PAGEFIND_WEIGHT___ Water (rising). Places in this story: Chasiv Yar, "
            ),
            "{}",
            d.text
        );
        for name in ["Chasov Yar", "Часів Яр", "Часов Яр"] {
            assert!(d.text.contains(name), "{name} missing from {}", d.text);
        }
        assert!(d.text.ends_with('.'), "{}", d.text);
    }
}
