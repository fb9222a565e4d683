//! Parsing one content file into a `Doc`: its text read and normalised, front matter split
//! and checked, Markdown rendered and cleaned, photos and bundles found, and the place names
//! its text holds (the expensive, cacheable part of loading; see the module above).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::{Ctx, Doc, SourceLink, body, front_matter, limits, links, live};
use crate::config::Config;
use crate::error::{Error, Location, Warning};
use crate::places::{Gazetteer, Resolution};
use crate::urls::UrlPath;

/// Reads, parses and renders one file, with the place names it holds.
pub fn parse_file(abs: &Path, rel: &Path, update: bool, ctx: &Ctx<'_>) -> Result<Doc, Vec<Error>> {
    Ok(place_names(
        parse_unplaced(abs, rel, update, ctx.config)?,
        ctx,
    ))
}

/// Reads, parses and renders one file without looking for place names yet (the build starts
/// on the Markdown while the gazetteer loads); [`place_names`] finishes it. `update`: the file
/// is an update of a live dispatch (see [`walk::Walked::is_update`]).
pub fn parse_unplaced(
    abs: &Path,
    rel: &Path,
    update: bool,
    config: &Config,
) -> Result<Doc, Vec<Error>> {
    let one = |e: Error| vec![e];
    let raw = crate::fs::read_text_bytes(abs, rel).map_err(one)?;
    let bytes_hash = (crate::hash::hash(&raw), raw.len());
    let hash = bytes_hash.0 ^ crate::hash::hash(rel.as_os_str().as_encoded_bytes());
    let (text, controls) = source_text(&raw, rel).map_err(one)?;
    let split = front_matter::split(&text, rel).map_err(one)?;
    let (rel_buf, abs_buf) = (rel.to_path_buf(), abs.to_path_buf());
    let zone = &config.timezone;
    let (resolved, lines) = if update {
        let (raw, lines) = front_matter::parse_as(&split, rel)?;
        let doc = live::update_doc(raw, rel_buf, abs_buf, lines.clone(), zone);
        (doc, lines)
    } else {
        let (fm, lines) = front_matter::parse(&split, rel)?;
        (
            Doc::from_raw(fm, rel_buf, abs_buf, lines.clone(), zone),
            lines,
        )
    };
    let key_at = |key: &str| Location::at(rel, lines.key(key), 1);
    let mut doc = resolved.map_err(|(key, msg)| vec![Error::content(key_at(key), msg)])?;
    doc.hash = hash;
    doc.bytes_hash = bytes_hash;
    let c = config;
    doc.url = UrlPath::parse(&c.permalink.expand(
        doc.date.year(),
        doc.date.month(),
        doc.date.day(),
        doc.slug.as_str(),
    ));
    limits::check(&doc, rel).map_err(one)?;
    let body_at = split.body.as_ptr() as usize - text.as_ptr() as usize;
    let (mut html, mut body) = crate::markdown::render(split.body, &config.html);
    let edition = config.languages.edition_of(rel).unwrap_or(0);
    if config.i18n[edition].locale.guillemets() {
        // «Ukrainian quotes» and the Ukrainian apostrophe (see `lang::ukrainian_quotes`).
        for text in [&mut html, &mut body.summary_html, &mut body.text] {
            *text = crate::lang::ukrainian_quotes(text, &mut 0);
        }
        for h in &mut body.toc {
            h.text = crate::lang::ukrainian_quotes(&h.text, &mut 0);
        }
    }
    doc.html_removed = std::mem::take(&mut body.removed)
        .into_iter()
        .map(|(at, msg)| Warning {
            loc: location_of(&text, body_at + at, rel),
            msg,
        })
        .collect();
    if let Some((at, c)) = controls.first() {
        doc.notes.push(Warning {
            loc: location_of(&text, *at, rel),
            msg: format!(
                "{} control character{} (first U+{:04X}) removed: they are invisible and break feeds; check the text around here",
                controls.len(),
                if controls.len() == 1 { "" } else { "s" },
                u32::from(*c)
            ),
        });
    }
    let dir = photo_dir(abs, update);
    let dir = dir.as_path();
    // A translated update's photos are the bundle's, beside the default-language page.
    let base = match update
        .then(|| live::translated_page_url(abs, config))
        .flatten()
    {
        Some((index, url)) => shared_bundle(&index, &UrlPath::parse(&url)),
        None => shared_bundle(abs, &doc.url),
    };
    if let Some(lead) = &doc.image {
        let figure = crate::markdown::figure_html(&lead.src, &lead.alt, &lead.caption);
        let (figure, share) = crate::images::markup::rewrite(&figure, dir, &config.images, &base);
        body.images
            .insert(0, (lead.src.clone(), !lead.alt.trim().is_empty()));
        body.lead_html = Some(figure.replacen("<figure>", "<figure class=\"lead\">", 1));
        body.share_image = share;
    }
    if !body.images.is_empty() {
        let (rewritten, share) = crate::images::markup::rewrite(&html, dir, &config.images, &base);
        html = rewritten;
        body.share_image = body.share_image.take().or(share);
    }
    doc.source_links = links::located(&text, body_at, rel, std::mem::take(&mut body.source_links));
    doc.image_links = links::located(&text, body_at, rel, std::mem::take(&mut body.image_links));
    if let Some(lead) = &doc.image {
        doc.image_links.push(SourceLink {
            loc: Location::at(rel, lines.key("image"), 1),
            target: lead.src.clone(),
        });
    }
    doc.html = body::BodyHtml::Plain(html);
    doc.body = body;
    Ok(doc)
}

/// The folder a file's photos are found in: its own, but for an update in an `updates/`
/// folder, the dispatch's folder above it (updates show photos as their page does).
fn photo_dir(abs: &Path, update: bool) -> PathBuf {
    let dir = abs.parent().unwrap_or(Path::new("."));
    if !update {
        return dir.to_path_buf();
    }
    let has = |p: &Path| p.is_file();
    live::owner_dir(abs, has).unwrap_or_else(|| dir.to_path_buf())
}

/// For a translation in a bundle that has a default-language page (`index.uk.md` beside
/// `index.md`): the way from the translation's page (`/uk/2023/02/x/`) to the bundle's files,
/// published beside the default-language page (`../../../../2023/02/x/`). A translation
/// keeps its original's date (its URL differs only by the language prefix); `Site::link`
/// checks that. Empty otherwise: the files sit beside the page.
fn shared_bundle(abs: &Path, url: &UrlPath) -> String {
    let translated_index = crate::lang::file_lang(abs).is_some()
        && crate::lang::translation_key(abs)
            .file_name()
            .is_some_and(|n| n == "index.md");
    if !translated_index || !abs.with_file_name("index.md").is_file() {
        return String::new();
    }
    let depth = url.as_str().split('/').filter(|s| !s.is_empty()).count();
    [
        "../".repeat(depth + 1).as_str(),
        url.as_str().trim_start_matches('/'),
    ]
    .concat()
}

/// The file line and column of byte `at` in `text`.
pub(crate) fn location_of(text: &str, at: usize, rel: &Path) -> Location {
    let before = &text[..at.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Location::at(rel, line, col)
}

/// Finds the gazetteer names in a parsed file's text, then keeps only the text's opening line
/// (descriptions use it; the rest was needed only for the scan, and for the search index when
/// the site has one); puts the dateline in the body HTML (see [`body`]), deflated when `ctx`
/// says so.
pub fn place_names(mut doc: Doc, ctx: &Ctx<'_>) -> Doc {
    let (config, g) = (ctx.config, ctx.gazetteer);
    let edition = config.languages.edition_of(&doc.source).unwrap_or(0);
    let ukrainian = config.languages.0[edition].code.split('-').next() == Some("uk");
    let dateline = dateline_caps(&doc, g, ukrainian).filter(|_| doc.update.is_none());
    let date = doc.date.human_in(&config.i18n[edition].locale);
    doc.html.set_dateline(dateline, &date);
    if ctx.pack {
        doc.html.pack();
    }
    doc.hits = ctx.matcher.hits(&doc.body.text);
    if doc.update.is_some() || config.search {
        // An update's whole text is its JSON-LD `articleBody`; a dispatch's, what the search
        // index reads.
        return doc;
    }
    let lead = doc
        .body
        .text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string();
    doc.body.text = lead;
    doc
}

/// The dateline a dispatch will most likely carry, in capitals: its dateline city (else its
/// first city) resolved as `assemble` resolves it, here against the gazetteer the build starts
/// from. Pages check it ([`body::BodyHtml::dated`]): a different outcome costs a copy, never a
/// wrong page.
fn dateline_caps(doc: &Doc, g: &Gazetteer, ukrainian: bool) -> Option<String> {
    let written = doc.dateline_name.as_ref().or(doc.city_names.first())?;
    let name = match g.resolve(written) {
        Resolution::Found(id) => {
            let p = g.get(id);
            if ukrainian && !p.name_uk.is_empty() {
                p.name_uk.as_str()
            } else {
                p.name.as_str()
            }
        }
        Resolution::Unknown => written.trim(),
        Resolution::Ambiguous(_) => return None,
    };
    Some(name.to_uppercase())
}

/// Forbidden control characters removed from a text: where each was, and which.
pub(crate) type Controls = Vec<(usize, char)>;

/// A content file's text as loading reads it (and every message locates in): UTF-8, BOM
/// and CRLF normalised, forbidden control characters removed, with where they were. Borrows
/// `raw` when nothing changed.
pub(crate) fn source_text<'a>(
    raw: &'a [u8],
    rel: &Path,
) -> Result<(Cow<'a, str>, Controls), Error> {
    let text = normalise(crate::fs::utf8(raw, rel)?);
    let (stripped, controls) = crate::sanitize::strip_forbidden(&text);
    let stripped = match stripped {
        Cow::Borrowed(_) => None,
        Cow::Owned(s) => Some(s),
    };
    Ok((stripped.map_or(text, Cow::Owned), controls))
}

/// Strips a BOM and turns CRLF into LF.
pub fn normalise(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}
