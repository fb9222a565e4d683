//! The search index: the dispatches (and nothing else) indexed by Pagefind, as a library,
//! during the build, from memory.
//!
//! Each dispatch becomes one small HTML document ([`documents`]): its headline, its rendered
//! body (the HTML the dispatch page prints, without the theme's navigation, which would match
//! every query), Pagefind's filters (city, tag, author, year), a sort key (the date) and
//! metadata (the date as the edition writes it, the place in its language) in ignored
//! elements, and a line naming its cities in every spelling
//! the gazetteer knows, so that "Chasov Yar" finds a dispatch filed as "Chasiv Yar". No theme
//! needs Pagefind's attributes, and no published page carries them.
//!
//! Pagefind is async (tokio); its runtime lives in [`index`] and nowhere else, on a thread of
//! its own (so a build run from inside another runtime, as `serve` does, is unaffected): the
//! rest of the build stays synchronous. One call indexes one language: a site with several
//! languages calls it once per language, each into its own folder.

use std::fmt::Write;

use rayon::prelude::*;

use crate::content::Page;
use crate::escape::html;
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
    /// The document Pagefind reads.
    pub html: String,
}

/// The documents of every published dispatch of `site`, in site order.
pub(crate) fn documents(site: &Site) -> Vec<Document> {
    site.pages.par_iter().map(|p| document(site, p)).collect()
}

/// The document of one dispatch (see the module comment).
pub(crate) fn document(site: &Site, p: &Page) -> Document {
    let g = &site.gazetteer;
    let mut s = String::with_capacity(p.html.undated_len() + 1024);
    let title = html(&p.title);
    let _ = write!(
        s,
        "<!doctype html><html lang=\"{}\"><head><title>{title}</title></head><body><h1>{title}</h1><div data-pagefind-ignore>",
        html(&site.config.lang().code)
    );
    let mut span = |kind: &str, key: &str, value: &str| {
        let _ = write!(
            s,
            "<span data-pagefind-{kind}=\"{key}\">{}</span>",
            html(value)
        );
    };
    for c in &p.cities {
        span("filter", "city", &g.get(*c).name);
    }
    for t in &p.tags {
        span("filter", "tag", t);
    }
    for a in &p.authors {
        span("filter", "author", a);
    }
    span("filter", "year", &p.date.year().to_string());
    span("sort", "date", &p.date.unix().to_string());
    // The date as the edition's pages print it (`5 лютого 2023 р.`): the search page shows
    // this text as it is.
    span(
        "meta",
        "date",
        &p.date.human_in(&site.config.strings().locale),
    );
    if let Some(d) = p.dateline {
        span("meta", "place", &g.get(d).name);
    }
    s.push_str("</div>");
    for part in p.html.undated() {
        s.push_str(part);
    }
    // Every spelling of the dispatch's places, as text the index reads.
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
        s.push_str("<p>");
        s.push_str(&html(site.config.strings().get("places_in_story")));
        s.push_str(": ");
        s.push_str(&html(&names.join(", ")));
        s.push_str(".</p>");
    }
    s.push_str("</body></html>");
    let url = p.url.as_str().trim_start_matches('/');
    let prefix = &site.config.lang().prefix;
    Document {
        url: url.strip_prefix(prefix.as_str()).unwrap_or(url).to_string(),
        html: s,
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
    let options = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let run = async move {
        let mut ix = PagefindIndex::new(Some(options)).map_err(|e| err(e.to_string()))?;
        let t = std::time::Instant::now();
        for d in docs {
            let url = format!("/{}", d.url);
            ix.add_html_file(None, Some(url.clone()), d.html)
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
            "+++\ntitle = \"Shelling <near> the canal\"\ndate = 2023-03-10T08:00:00+02:00\ncities = [\"Chasiv Yar\"]\ntags = [\"shelling\"]\nauthors = [\"Desk\"]\n+++\n\nThe canal.\n",
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
        for part in [
            "<h1>Shelling &lt;near&gt; the canal</h1>",
            "<span data-pagefind-filter=\"city\">Chasiv Yar</span>",
            "<span data-pagefind-filter=\"tag\">shelling</span>",
            "<span data-pagefind-filter=\"author\">Desk</span>",
            "<span data-pagefind-filter=\"year\">2023</span>",
            "<span data-pagefind-sort=\"date\">1678428000</span>",
            "<span data-pagefind-meta=\"date\">10 March 2023</span>",
            "The canal.",
            "Chasov Yar",
            "Часів Яр",
            "Часов Яр",
        ] {
            assert!(d.html.contains(part), "{part} missing from {}", d.html);
        }
    }
}
