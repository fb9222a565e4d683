//! Texts a translation still has in its original's language.
//!
//! A translation (`x.uk.md` beside `x.md`) starts as a copy of its original's front matter
//! (`dateline new --translate`), or is written by hand without some of its texts. Either way
//! a Ukrainian page must not show English text as if it were Ukrainian. Once every edition is
//! loaded ([`crate::site::link`], on every build, so an edit of either file is seen), each
//! version in another language is compared with the version in the site's default language
//! ([`reconcile`]). A text the same in both is taken to be in the default language (the
//! originals'), unless it is in the other language's script only (Cyrillic for Ukrainian): a
//! Ukrainian original translated into English (`--translate x.uk.md --lang en`) is then the
//! one left untranslated. For each text the same as in the other version, or missing where
//! the other has one, the build warns at the file and line, and the page gets:
//!
//! - `title` the same: the warning only (a page needs its headline).
//! - `summary` the same: the translation's own opening instead, as when no summary is written
//!   (lists, feeds, the meta description). A missing summary is that already: no warning.
//! - `image_alt`, `image_caption` the same, or missing while the translation shows the same
//!   photo: the other version's text, marked `lang="en"` (a screen reader then reads it with
//!   English rules). A description in another language is better than none for a reader who
//!   cannot see the photo, and a caption carries the photo's credit.
//! - `content_warning` the same, or missing: the other version's, marked `lang="en"`: a reader
//!   is warned in some language rather than not at all.
//!
//! This module decides and edits the versions' [`Doc`]s; it never reads files.

use std::path::Path;
use std::sync::Arc;

use crate::content::{Doc, Page};
use crate::error::{Location, Warning};

/// A text of the front matter a translation has its own of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// `title`.
    Title,
    /// `summary`.
    Summary,
    /// `content_warning`.
    ContentWarning,
    /// `image_alt`.
    ImageAlt,
    /// `image_caption`.
    ImageCaption,
}

impl Text {
    /// Its front-matter key.
    pub fn key(self) -> &'static str {
        match self {
            Text::Title => "title",
            Text::Summary => "summary",
            Text::ContentWarning => "content_warning",
            Text::ImageAlt => "image_alt",
            Text::ImageCaption => "image_caption",
        }
    }
}

/// A text of a translation as [`compare`] found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The same as the original's.
    Same(Text),
    /// Not written, though the original has it (and, for the photo's texts, the same photo).
    Missing(Text),
}

impl Found {
    /// The text found.
    pub fn text(self) -> Text {
        match self {
            Found::Same(t) | Found::Missing(t) => t,
        }
    }
}

/// The texts of `translation` that are the same as `original`'s, or missing where the
/// original has one (only those a reader is worse off without: photo texts, content warning).
pub fn compare(original: &Doc, translation: &Doc) -> Vec<Found> {
    let mut found = Vec::new();
    let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => !a.trim().is_empty() && a.trim() == b.trim(),
        _ => false,
    };
    let written = |s: Option<&str>| s.is_some_and(|s| !s.trim().is_empty());
    if same(Some(&original.title), Some(&translation.title)) {
        found.push(Found::Same(Text::Title));
    }
    if same(
        original.summary_text.as_deref(),
        translation.summary_text.as_deref(),
    ) {
        found.push(Found::Same(Text::Summary));
    }
    let (o, t) = (
        original.content_warning.as_deref(),
        translation.content_warning.as_deref(),
    );
    if same(o, t) {
        found.push(Found::Same(Text::ContentWarning));
    } else if written(o) && !written(t) {
        found.push(Found::Missing(Text::ContentWarning));
    }
    if let (Some(o), Some(t)) = (&original.image, &translation.image)
        && o.src == t.src
    {
        for (text, o, t) in [
            (Text::ImageAlt, &o.alt, &t.alt),
            (Text::ImageCaption, &o.caption, &t.caption),
        ] {
            if same(Some(o), Some(t)) {
                found.push(Found::Same(text));
            } else if written(Some(o)) && !written(Some(t)) {
                found.push(Found::Missing(text));
            }
        }
    }
    found
}

/// One language version of a dispatch, for [`reconcile`].
pub struct Version<'a> {
    /// The page.
    pub page: &'a mut Page,
    /// Its language code.
    pub lang: &'a str,
    /// Its edition's warnings.
    pub warnings: &'a mut Vec<Warning>,
}

/// Compares the default-language version `a` of a dispatch with its version `b` in another
/// language, and edits the pages as the module comment says. A text `b` lacks comes from
/// `a`, and one `a` lacks from `b`. A text the same in both is taken as `a`'s language (the
/// originals'), unless it is written in the script of `b`'s language and not of `a`'s
/// (Cyrillic for `uk` beside `en`): then `a` is the translation (`dateline new --translate
/// x.uk.md --lang en` wrote it) and it is `a` that is warned about and marked.
pub fn reconcile(a: Version<'_>, b: Version<'_>) {
    let (mut for_a, mut for_b) = (Vec::new(), Vec::new());
    for f in compare(&a.page.doc, &b.page.doc) {
        match f {
            Found::Same(t) if in_language_of_b(text_of(&a.page.doc, t), a.lang, b.lang) => {
                for_a.push(f)
            }
            _ => for_b.push(f),
        }
    }
    let missing_in_a = compare(&b.page.doc, &a.page.doc);
    for_a.extend(
        missing_in_a
            .into_iter()
            .filter(|f| matches!(f, Found::Missing(_))),
    );
    let (a_doc, b_doc) = (a.page.doc.clone(), b.page.doc.clone());
    apply(b.page, &a_doc, a.lang, &for_b, b.warnings);
    apply(a.page, &b_doc, b.lang, &for_a, a.warnings);
}

/// The text `t` of `doc` (empty when not written).
fn text_of(doc: &Doc, t: Text) -> &str {
    let image = doc.image.as_ref();
    match t {
        Text::Title => &doc.title,
        Text::Summary => doc.summary_text.as_deref().unwrap_or(""),
        Text::ContentWarning => doc.content_warning.as_deref().unwrap_or(""),
        Text::ImageAlt => image.map_or("", |i| i.alt.as_str()),
        Text::ImageCaption => image.map_or("", |i| i.caption.as_str()),
    }
}

/// Whether `text`, the same in two versions, is in `b`'s language rather than `a`'s: one of
/// the two languages is written in Cyrillic, the other not, and most of the text's letters
/// are in `b`'s script.
fn in_language_of_b(text: &str, a: &str, b: &str) -> bool {
    use crate::lang::writes_cyrillic;
    let cyrillic = text
        .chars()
        .filter(|c| crate::lang::is_cyrillic(*c))
        .count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    writes_cyrillic(a) != writes_cyrillic(b)
        && cyrillic != latin
        && (cyrillic > latin) == writes_cyrillic(b)
}

/// Edits the version `page` for the texts `found` (compared with `original`, written in
/// `lang`) and adds a warning per text to `warnings` (replacing the one about a lead photo
/// without alt text, when the original's is shown).
fn apply(
    page: &mut Page,
    original: &Arc<Doc>,
    lang: &str,
    found: &[Found],
    warnings: &mut Vec<Warning>,
) {
    if found.is_empty() {
        return;
    }
    let doc = Arc::make_mut(&mut page.doc);
    // What the page now shows depends on the original too: its hash (which the render
    // cache's page signature reads) says so, so that an edit of the original re-renders it.
    let mut shown = format!("{found:?}");
    for text in [&original.summary_text, &original.content_warning] {
        shown.push_str(text.as_deref().unwrap_or(""));
    }
    shown.push_str(original.body.lead_html.as_deref().unwrap_or(""));
    doc.hash ^= crate::hash::hash(shown.as_bytes()).rotate_left(17);
    for &f in found {
        warnings.push(warning(doc, &original.source, lang, f));
        match f.text() {
            Text::Title => {}
            Text::Summary => doc.summary_text = None,
            Text::ContentWarning => {
                doc.content_warning = original.content_warning.clone();
                doc.content_warning_lang = Some(lang.to_string());
            }
            Text::ImageAlt => {
                let alt = original.image.as_ref().map_or("", |i| i.alt.as_str());
                if let Some(html) = &mut doc.body.lead_html {
                    *html = crate::markdown::figure_alt_in(html, alt, lang);
                }
                if let Some(image) = &mut doc.image {
                    let src = image.src.clone();
                    let no_alt = crate::content::no_alt_text(&src);
                    warnings.retain(|w| !(w.loc.path == doc.source && w.msg == no_alt));
                    if let Some(first) = doc.body.images.iter_mut().find(|(s, _)| *s == src) {
                        first.1 = true;
                    }
                    image.alt = alt.to_string();
                }
            }
            Text::ImageCaption => {
                let figure = original.body.lead_html.as_deref().unwrap_or("");
                if let Some(html) = &mut doc.body.lead_html {
                    *html = crate::markdown::figure_caption_from(html, figure, lang);
                }
            }
        }
    }
}

/// The warning for one text `f` of `doc`, whose original is at `original` (in `lang`).
fn warning(doc: &Doc, original: &Path, lang: &str, f: Found) -> Warning {
    let shown = original.display();
    let (line, msg) = match f {
        Found::Same(text) => {
            let key = text.key();
            let meanwhile = match text {
                Text::Title => String::new(),
                Text::Summary => {
                    "; meanwhile this page is summarised by its own opening paragraph".to_string()
                }
                _ => format!("; meanwhile the page marks it as `{lang}` (lang=\"{lang}\")"),
            };
            (
                doc.key_line(key),
                format!("`{key}` is the same as in {shown}: translate it{meanwhile}"),
            )
        }
        Found::Missing(text) => {
            let key = text.key();
            let at = match text {
                Text::ContentWarning => "title",
                _ => "image",
            };
            (
                doc.key_line(at),
                format!(
                    "no `{key}`, but {shown} has one: this page shows that one, marked as `{lang}` (lang=\"{lang}\"); add `{key}` here, translated"
                ),
            )
        }
    };
    Warning {
        loc: Location::at(&doc.source, line, 1),
        msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(front: &str) -> Doc {
        let text = format!("+++\ntitle = \"T\"\ndate = 2023-02-05\n{front}\n+++\n\nText.\n");
        let rel = Path::new("content/x.md");
        let split = crate::content::front_matter::split(&text, rel).unwrap();
        let (fm, lines) = crate::content::front_matter::parse(&split, rel).unwrap();
        let zone = crate::dates::Zone::utc();
        Doc::from_raw(fm, rel.into(), rel.into(), lines, &zone).unwrap()
    }

    #[test]
    fn same_and_missing_texts_are_found() {
        let original = doc(
            "summary = \"S\"\ncontent_warning = \"W\"\nimage = \"a.jpg\"\nimage_alt = \"A\"\nimage_caption = \"C\"",
        );
        assert_eq!(
            compare(&original, &doc("image = \"a.jpg\"")),
            [
                Found::Same(Text::Title),
                Found::Missing(Text::ContentWarning),
                Found::Missing(Text::ImageAlt),
                Found::Missing(Text::ImageCaption),
            ]
        );
        assert_eq!(
            compare(&original, &original),
            [
                Found::Same(Text::Title),
                Found::Same(Text::Summary),
                Found::Same(Text::ContentWarning),
                Found::Same(Text::ImageAlt),
                Found::Same(Text::ImageCaption),
            ]
        );
        // The language of a text both have, by its script.
        assert!(in_language_of_b("Дим над містом", "en", "uk"));
        assert!(!in_language_of_b("Smoke over Бахмут", "en", "uk"));
        assert!(!in_language_of_b("Дим", "uk", "en"));
        assert!(in_language_of_b("Smoke", "uk", "en"));
        assert!(!in_language_of_b("Дим", "en", "de"));
        assert!(!in_language_of_b("— 2023", "uk", "en"));
        // Another photo: its texts are its own.
        assert_eq!(
            compare(
                &original,
                &doc("content_warning = \"В\"\nimage = \"b.jpg\"")
            ),
            [Found::Same(Text::Title)]
        );
    }
}
