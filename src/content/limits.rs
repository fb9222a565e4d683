//! Limits on front matter: sizes that would make the output grow faster than the input, and
//! source URLs that may not be published. Each refusal names the key's line.

use std::path::Path;

use crate::content::Doc;
use crate::error::{Error, Location};

/// Most cities, tags or authors one dispatch may have: every one of its lists repeats the
/// dispatch, so the output grows with their product (10,000 tags once wrote 2.6 GB).
pub const MAX_TERMS: usize = 50;
/// Longest title, summary and term name (characters): each is repeated on every list page.
const MAX_TITLE: usize = 300;
const MAX_SUMMARY: usize = 1000;
const MAX_NAME: usize = 100;

/// Refuses front matter whose size would make the output grow faster than the input, and
/// source URLs that may not be published.
pub(super) fn check(doc: &Doc, rel: &Path) -> Result<(), Error> {
    let at = |key: &str, msg: String| Error::content(Location::at(rel, doc.key_line(key), 1), msg);
    for (key, list) in [
        ("cities", &doc.city_names),
        ("tags", &doc.tags),
        ("authors", &doc.authors),
    ] {
        if list.len() > MAX_TERMS {
            return Err(at(
                key,
                format!(
                    "{} {key}; a dispatch may have at most {MAX_TERMS} (each one repeats it on another page and feed); keep the ones readers would follow",
                    list.len()
                ),
            ));
        }
        if let Some(long) = list.iter().find(|n| n.chars().count() > MAX_NAME) {
            return Err(at(
                key,
                format!(
                    "`{}…` in `{key}` is longer than {MAX_NAME} characters; use a short name",
                    long.chars().take(30).collect::<String>()
                ),
            ));
        }
    }
    if doc.title.chars().count() > MAX_TITLE {
        return Err(at(
            "title",
            format!(
                "`title` is {} characters long; keep it under {MAX_TITLE} (it is repeated in every list)",
                doc.title.chars().count()
            ),
        ));
    }
    if let Some(n) = doc
        .summary_text
        .as_ref()
        .map(|s| s.chars().count())
        .filter(|n| *n > MAX_SUMMARY)
    {
        return Err(at(
            "summary",
            format!(
                "`summary` is {n} characters long; keep it under {MAX_SUMMARY} (it is repeated in every list)"
            ),
        ));
    }
    for s in &doc.sources {
        if let Some(url) = &s.url
            && let crate::sanitize::UrlCheck::Refused(what) = crate::sanitize::check_url(url)
        {
            return Err(Error::content(
                Location::at(rel, doc.value_line("sources.url", url), 1),
                format!(
                    "source `{}` has the URL `{}`: {what} are not published; use an http, https or mailto address",
                    s.name,
                    url.escape_debug()
                ),
            ));
        }
    }
    Ok(())
}
