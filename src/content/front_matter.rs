//! Front matter: splitting the `+++` block from the body and parsing it strictly.
//!
//! Owns `RawFrontMatter` (the keys a reporter may write; unknown keys are errors with a
//! suggestion) and `split`, which keeps TOML's line numbers true to the file (the block starts
//! on line 2). CRLF files and a leading BOM are accepted.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location};
use crate::tomlerr::KeyLines;

/// A source entry: who reported it and where.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Outlet or document name.
    pub name: String,
    /// Link, optional.
    #[serde(default)]
    pub url: Option<String>,
}

/// One correction as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    /// When the correction was made.
    pub date: toml::value::Datetime,
    /// What was corrected.
    pub note: String,
}

/// The front matter keys, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    /// Headline (required).
    pub title: String,
    /// Publication date (required).
    pub date: toml::value::Datetime,
    /// Last substantive update.
    pub updated: Option<toml::value::Datetime>,
    /// Keep out of the site until this moment (embargo).
    pub publish_after: Option<toml::value::Datetime>,
    /// URL slug override.
    pub slug: Option<String>,
    /// Summary override (plain text).
    pub summary: Option<String>,
    /// Bylines.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Places the dispatch is about.
    #[serde(default)]
    pub cities: Vec<String>,
    /// Topics.
    #[serde(default)]
    pub tags: Vec<String>,
    /// City the dispatch was filed from; defaults to the first city.
    pub dateline: Option<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Shown before the body.
    pub content_warning: Option<String>,
    /// Sources cited.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Corrections log.
    #[serde(default)]
    pub corrections: Vec<RawCorrection>,
    /// Lead photo: a file beside the dispatch, shown above the body and shared as its image.
    pub image: Option<String>,
    /// The lead photo's alt text.
    pub image_alt: Option<String>,
    /// The lead photo's caption (`"Caption — Photo: Name/Agency"` credits as in the body).
    pub image_caption: Option<String>,
    /// Live coverage: the bundle's other Markdown files are its updates.
    #[serde(default)]
    pub live: bool,
    /// When live coverage ended (or will end); live until then.
    pub coverage_end: Option<toml::value::Datetime>,
}

/// A file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// TOML text between the `+++` lines.
    pub front: &'a str,
    /// Markdown after the closing `+++`.
    pub body: &'a str,
    /// Lines before the TOML text (the opening `+++`): add to TOML line numbers.
    pub front_line_offset: usize,
}

/// Splits `text` (already LF-normalised, BOM stripped).
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Error> {
    if text.trim().is_empty() {
        return Err(Error::content(
            Location::file(path),
            "the file is empty; a dispatch starts with a `+++` line, then title and date, then `+++`",
        ));
    }
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "+++" {
        return Err(Error::content(
            Location::at(path, 1, 1),
            "no front matter: the first line must be `+++`, followed by `title = \"…\"`, `date = …` and a closing `+++`",
        ));
    }
    let after_open = first_line.len() + 1;
    let rest = text.get(after_open..).unwrap_or("");
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                front,
                body,
                front_line_offset: 1,
            });
        }
        offset += line.len();
    }
    Err(Error::content(
        Location::at(path, 1, 1),
        "the front matter opened here is never closed; add a line `+++` after the last key",
    ))
}

/// Parses the TOML of a split dispatch, with the lines of its keys; or every problem found.
pub fn parse(split: &Split<'_>, path: &Path) -> Result<(RawFrontMatter, KeyLines), Vec<Error>> {
    parse_as(split, path)
}

/// [`parse`] for any front matter (a live update's, a standalone page's).
pub fn parse_as<T: serde::de::DeserializeOwned>(
    split: &Split<'_>,
    path: &Path,
) -> Result<(T, KeyLines), Vec<Error>> {
    crate::tomlerr::parse_all(split.front, path, split.front_line_offset).map_err(|all| {
        all.into_iter()
            .map(|(loc, msg)| Error::content(loc, msg))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_match_the_file() {
        let text = "+++\ntitle = \"x\"\ndate = 2023-01-01\ncitys = []\n+++\nbody\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.body, "body\n");
        let err = parse(&s, Path::new("a.md")).unwrap_err()[0].to_string();
        assert!(
            err.starts_with("a.md:4:1: error: unknown key `citys`; did you mean `cities`?"),
            "{err}"
        );
    }

    #[test]
    fn broken_shapes_are_named() {
        let p = Path::new("a.md");
        assert!(split("", p).unwrap_err().to_string().contains("empty"));
        assert!(
            split("# hi\n", p)
                .unwrap_err()
                .to_string()
                .contains("first line must be `+++`")
        );
        assert!(
            split("+++\ntitle = \"x\"\n", p)
                .unwrap_err()
                .to_string()
                .contains("never closed")
        );
        let s = split("+++\ntitle = \"x\"\ndate = \"yesterday\"\n+++\n", p).unwrap();
        let e = parse(&s, p).unwrap_err()[0].to_string();
        assert!(e.starts_with("a.md:3:"), "{e}");
    }
}
