//! Build script: makes the built-in gazetteer (`data/gazetteer.tsv`), its mention matcher and
//! the map outline (`data/ukraine-outline.json`) at compile time, so that a build decodes them
//! instead of making them on every start (see `src/places/embedded.rs`).
//!
//! It compiles the very modules the library uses (by path), so the tables cannot drift from
//! the code; a unit test compares them with freshly made ones all the same.

#![allow(dead_code, unreachable_pub, unused_imports)]

#[path = "src/bytemask.rs"]
mod bytemask;
#[path = "src/urls.rs"]
mod urls;

// Siblings here as in `src/places/` (`mentions` names `super::gazetteer`).
#[path = "src/places/gazetteer.rs"]
mod gazetteer;
#[path = "src/places/mentions.rs"]
mod mentions;
#[path = "src/places/outline.rs"]
mod outline;
#[path = "src/places/text.rs"]
mod text;

use std::path::PathBuf;

fn main() {
    let sources = [
        "build.rs",
        "data/gazetteer.tsv",
        "src/bytemask.rs",
        "src/urls.rs",
        "src/places/gazetteer.rs",
        "src/places/gazetteer",
        "src/places/mentions.rs",
        "src/places/mentions",
        "src/places/outline.rs",
        "src/places/text.rs",
        "data/ukraine-outline.json",
    ];
    for f in sources {
        println!("cargo::rerun-if-changed={f}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let gazetteer = gazetteer::Gazetteer::from_tsv(gazetteer::EMBEDDED);
    let matcher = mentions::Matcher::new(&gazetteer);
    // The slug of every non-ASCII name (romanising Cyrillic is the slow part of `slugify`),
    // for the alias redirect pages.
    let mut slugs: Vec<(&str, urls::Slug)> = gazetteer
        .iter()
        .flat_map(|(_, p)| p.all_names())
        .filter(|n| !n.is_ascii())
        .map(|n| (n, urls::slugify(n)))
        .collect();
    slugs.sort();
    slugs.dedup();
    let slugs: Vec<(text::Text, text::Text)> = slugs
        .into_iter()
        .map(|(n, s)| (n.into(), s.as_str().into()))
        .collect();
    // The three tables' strings, in one text file (see `text::arena_of`).
    let strings = text::arena_of(|| {
        write(&out.join("gazetteer.postcard"), &gazetteer);
        write(&out.join("matcher.postcard"), &matcher);
        write(&out.join("name_slugs.postcard"), &slugs);
    });
    std::fs::write(out.join("strings.txt"), strings).expect("writing strings.txt");
    write(
        &out.join("outline.postcard"),
        &outline::Outline::from_geojson(outline::GEOJSON),
    );
}

fn write<T: serde::Serialize>(path: &std::path::Path, value: &T) {
    let bytes = postcard::to_allocvec(value).expect("the places tables encode");
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
