//! The built-in gazetteer and its mention matcher, decoded from the tables `build.rs` makes
//! of `data/gazetteer.tsv` at compile time.
//!
//! `build.rs` runs the same code a build would ([`Gazetteer::from_tsv`], [`Matcher::new`]) and
//! encodes the results with postcard; decoding them is a few million instructions where
//! making them took some 130 million on every start, a sixth of a 1,000-dispatch build. A test
//! checks that the decoded tables equal freshly made ones.

use super::outline::Outline;
use super::{Gazetteer, Matcher, Text};
use crate::urls::Slug;

static GAZETTEER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.postcard"));
static MATCHER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/matcher.postcard"));
static NAME_SLUGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/name_slugs.postcard"));
static OUTLINE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/outline.postcard"));
/// The three tables' strings: their `Text`s point into it (see `text::arena_of`).
static STRINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/strings.txt"));

/// Decodes one of the tables whose strings are in `STRINGS`.
fn decode<T: serde::Deserialize<'static>>(bytes: &'static [u8], what: &str) -> T {
    super::text::with_arena(STRINGS, || postcard::from_bytes(bytes))
        .unwrap_or_else(|e| panic!("build.rs encodes the {what}: {e}"))
}

/// `slugify` of every non-ASCII name of the built-in gazetteer (Cyrillic names and aliases),
/// sorted by name: romanising them is the slow part of making the alias redirect pages. The
/// strings are borrowed from the table, not copied.
pub struct NameSlugs(Vec<(Text, Text)>);

impl NameSlugs {
    /// Decodes the table.
    pub fn embedded() -> NameSlugs {
        NameSlugs(decode(NAME_SLUGS, "name slugs"))
    }

    /// `slugify(name)`, from the table when it holds the name.
    pub fn slug(&self, name: &str) -> Slug {
        match self.0.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            Ok(i) => crate::urls::slugify(&self.0[i].1),
            Err(_) => crate::urls::slugify(name),
        }
    }
}

impl Gazetteer {
    /// The built-in gazetteer (`Gazetteer::from_tsv` of `data/gazetteer.tsv`).
    pub fn embedded() -> Gazetteer {
        let mut g: Gazetteer = decode(GAZETTEER, "built-in gazetteer");
        g.shrink_to_fit();
        g
    }
}

impl Outline {
    /// The map outline (`Outline::from_geojson` of `data/ukraine-outline.json`).
    pub fn embedded() -> Outline {
        postcard::from_bytes(OUTLINE).expect("build.rs encodes the outline")
    }
}

impl Matcher {
    /// The matcher of the built-in gazetteer (`Matcher::new(&Gazetteer::embedded())`).
    pub fn embedded() -> Matcher {
        let mut m: Matcher = decode(MATCHER, "built-in matcher");
        m.shrink_to_fit();
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::gazetteer::EMBEDDED;

    #[test]
    fn decoded_tables_are_the_ones_the_code_makes() {
        let made = Gazetteer::from_tsv(EMBEDDED);
        let decoded = Gazetteer::embedded();
        assert_eq!(decoded.len(), made.len());
        assert!(
            decoded == made,
            "build.rs's gazetteer differs from Gazetteer::from_tsv"
        );
        assert!(
            Matcher::embedded() == Matcher::new(&made),
            "build.rs's matcher differs from Matcher::new"
        );
        assert!(
            Outline::embedded() == Outline::from_geojson(super::super::outline::GEOJSON),
            "build.rs's outline differs from Outline::from_geojson"
        );
        let slugs = NameSlugs::embedded();
        let names: Vec<&str> = made.iter().flat_map(|(_, p)| p.all_names()).collect();
        assert!(names.contains(&"Бахмут"));
        for n in names.into_iter().filter(|n| !n.is_ascii()) {
            let i = slugs.0.binary_search_by(|(k, _)| k.as_str().cmp(n));
            assert!(i.is_ok(), "{n} is in the table");
            assert_eq!(slugs.slug(n), crate::urls::slugify(n), "{n}");
        }
    }
}
