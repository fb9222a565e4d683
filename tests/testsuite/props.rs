//! Property tests: slugs are always well formed, and no URL a user can write (a slug, a
//! permalink pattern, a static file name) maps to a file outside the output folder.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use dateline::urls::{UrlPath, slugify};
use proptest::prelude::*;

/// `^[a-z0-9]+(-[a-z0-9]+)*$` without a regex crate.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Text mixing what reporters write: Latin with accents, Ukrainian and Russian Cyrillic,
/// apostrophes, punctuation, digits, spaces and the odd control or combining character.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 ._/'’ʼ-]{0,40}",
        "[а-яА-ЯіїєґІЇЄҐёЁъЪыЫэЭ'’ʼ 0-9-]{0,40}",
        "[àáâãäåçèéêëìíîïñòóôõöøùúûüýÿßæœİıǅ\u{301}\u{0} a-z]{0,40}",
    ]
}

/// Asserts that `file` is a relative path of plain names that stays inside any base folder.
fn assert_confined(file: &Path, from: &str) -> Result<(), TestCaseError> {
    prop_assert!(file.is_relative(), "{from:?} -> {}", file.display());
    prop_assert!(file.file_name().is_some(), "{from:?} -> empty path");
    for c in file.components() {
        let Component::Normal(name) = c else {
            return Err(TestCaseError::fail(format!(
                "{from:?} -> {} has component {c:?}",
                file.display()
            )));
        };
        let name = name.to_string_lossy();
        prop_assert!(
            !name.contains(['/', '\\', '\0']) && name != "." && name != "..",
            "{from:?} -> bad name {name:?}"
        );
    }
    let base = Path::new("/srv/site/output");
    let joined = base.join(file);
    prop_assert!(joined.starts_with(base));
    // Lexically resolving `..` (there is none) must not leave the base either.
    let mut resolved = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    prop_assert!(
        resolved.starts_with(base),
        "{from:?} escapes to {}",
        resolved.display()
    );
    Ok(())
}

/// A resolved config per permalink pattern, loaded from a real `config.toml`.
fn permalinks() -> &'static [(String, dateline::Config)] {
    static CONFIGS: OnceLock<Vec<(String, dateline::Config)>> = OnceLock::new();
    CONFIGS.get_or_init(|| {
        [
            "/{year}/{month}/{slug}/",
            "/{year}/{month}/{day}/{slug}/",
            "/{slug}/",
            "/../../{year}/{slug}/",
            "/news/{slug}.html",
            "{slug}",
            "/./{month}/../{slug}/index/",
        ]
        .iter()
        .map(|pattern| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(
                dir.path().join("config.toml"),
                format!("permalink = \"{pattern}\"\n"),
            )
            .unwrap();
            let opts = dateline::BuildOptions {
                root: dir.path().to_path_buf(),
                ..Default::default()
            };
            let config = dateline::Config::load(&opts)
                .unwrap_or_else(|e| panic!("permalink {pattern}: {e}"));
            (pattern.to_string(), config)
        })
        .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn slugs_are_well_formed_and_stable(s in text()) {
        let slug = slugify(&s);
        prop_assert!(is_slug(slug.as_str()), "{s:?} -> {:?}", slug.as_str());
        let again = slugify(slug.as_str());
        prop_assert_eq!(again.as_str(), slug.as_str(), "not idempotent for {:?}", s);
    }

    #[test]
    fn any_url_maps_to_a_file_inside_the_output(s in text()) {
        let url = UrlPath::parse(&s);
        prop_assert!(url.as_str().starts_with('/'));
        prop_assert!(!url.as_str().split('/').any(|seg| seg == ".." || seg == "."), "{:?}", url);
        assert_confined(&url.file(), &s)?;
        // Normalising is stable: a URL parses to itself.
        prop_assert_eq!(&UrlPath::parse(url.as_str()), &url);
        // Joining a file name onto a URL stays confined as well.
        assert_confined(&UrlPath::parse("/cities/kyiv/").join(&s).file(), &s)?;
    }

    #[test]
    fn any_path_of_segments_maps_inside(segs in prop::collection::vec(text(), 0..6), dir in any::<bool>()) {
        let url = UrlPath::from_segments(segs.iter().map(String::as_str), dir);
        assert_confined(&url.file(), &format!("{segs:?}"))?;
    }

    #[test]
    fn permalinks_with_any_slug_stay_inside(
        slug in text(),
        year in any::<i16>(),
        month in any::<i8>(),
        day in any::<i8>(),
    ) {
        for (pattern, config) in permalinks() {
            // The raw slug (as if it bypassed slugify) and the real one.
            for s in [slug.clone(), slugify(&slug).as_str().to_string()] {
                let url = UrlPath::parse(&config.permalink.expand(year, month, day, &s));
                assert_confined(&url.file(), &format!("{pattern} with {s:?}"))?;
            }
        }
    }
}

#[test]
fn confinement_examples() {
    for (input, file) in [
        ("/../../etc/passwd", "etc/passwd"),
        ("/a/ . . /b/", "a/b/index.html"),
        ("/фото 1.jpg", "фото 1.jpg"),
        ("/..\\..\\windows/", "windows/index.html"),
        ("C:/x", "C/x"),
    ] {
        assert_eq!(UrlPath::parse(input).file(), PathBuf::from(file), "{input}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The table-driven word count agrees with the plain definition on any text.
    #[test]
    fn word_count_is_split_whitespace_with_a_letter_or_digit(
        s in prop_oneof![text(), "[a-zA-Z0-9 \t\n\r\x0b\x0c.,()'/“—-]{0,90}"]
    ) {
        let want = s
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        prop_assert_eq!(dateline::markdown::count_words(&s), want, "{:?}", s);
    }
}
