//! The HTML of the photos a dispatch shows: each `<img>` whose file sits beside the dispatch
//! becomes a `<picture>` with a WebP `srcset` and a JPEG/PNG fallback (see
//! [`super::variants`]), with `width`/`height` so nothing jumps while photos load; and the
//! reverse, [`plain_img`], for places that want one plain `<img>` (feeds, lists, the
//! text-only edition).

use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

use super::settings::ImageSettings;
use super::variants::{Plan, variant_name};

/// Rewrites every `<img src="…"` tag of `html` whose file is in `dir`: a photo gets its
/// `<picture>`, an image published as it is (GIF, animation) its width and height. Images
/// that cannot be read are left alone: the build reports them. Also returns the variant of
/// the first photo to share (`og:image`): the widest fallback up to [`SHARE_WIDTH`].
///
/// `base` is put before every URL written (empty for files beside the page; see
/// `content::shared_bundle` for a translation showing its original's photos).
pub(crate) fn rewrite(
    html: &str,
    dir: &Path,
    settings: &ImageSettings,
    base: &str,
) -> (String, Option<String>) {
    let mut share = None;
    const OPEN: &str = "<img src=\"";
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let (Some(q), Some(gt)) = (after.find('"'), after.find('>')) else {
            out.push_str(&rest[i..]);
            return (out, share);
        };
        if gt < q {
            out.push_str(OPEN);
            rest = after;
            continue;
        }
        let (written, attrs) = (&after[..q], &after[q + 1..gt]);
        rest = &after[gt + 1..];
        let bytes = local(written).and_then(|s| std::fs::read(dir.join(s)).ok());
        let based;
        let src = if base.is_empty() || local(written).is_none() {
            written
        } else {
            based = [base, written].concat();
            &based
        };
        let plan = bytes.as_deref().map(|b| super::variants::plan(b, settings));
        match plan {
            Some(Ok(Some(plan))) => {
                picture(&mut out, src, attrs, &plan, settings);
                share.get_or_insert_with(|| {
                    let w = (plan.fallbacks.iter().rev())
                        .find(|&&w| w <= SHARE_WIDTH)
                        .map_or(plan.default_width(), |w| *w);
                    variant_name(src, w, plan.fallback.ext())
                });
            }
            Some(Ok(None)) => {
                let _ = write!(out, "{OPEN}{src}\"");
                if let Some((w, h)) = bytes.as_deref().and_then(super::dimensions) {
                    let _ = write!(out, " width=\"{w}\" height=\"{h}\"");
                }
                let _ = write!(out, "{attrs}>");
            }
            _ => {
                let _ = write!(out, "{OPEN}{src}\"{attrs}>");
            }
        }
    }
    out.push_str(rest);
    (out, share)
}

/// Width of the variant shared as a dispatch's image: what `og:image` consumers want.
pub(crate) const SHARE_WIDTH: u32 = 1200;

/// The file a `src` names relative to the dispatch's folder (HTML entities undone), or None
/// for URLs, absolute paths and paths out of the folder.
pub(crate) fn local(src: &str) -> Option<String> {
    let ok = !src.contains(':') && !src.starts_with('/') && !src.contains("..") && !src.is_empty();
    ok.then(|| src.replace("&amp;", "&"))
}

/// Writes the `<picture>` of a photo: `src` as written (attribute-escaped), `attrs` the
/// attributes that followed it (alt, loading, decoding).
fn picture(out: &mut String, src: &str, attrs: &str, plan: &Plan, settings: &ImageSettings) {
    let set = |ext: &str, widths: &[u32]| {
        let list: Vec<String> = (widths.iter())
            .map(|&w| format!("{} {w}w", variant_name(src, w, ext)))
            .collect();
        list.join(", ")
    };
    let sizes = &settings.sizes;
    let fallback = plan.fallback.ext();
    let dw = plan.default_width();
    let _ = write!(
        out,
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{dw}\" height=\"{}\"{attrs}></picture>",
        set("webp", &plan.widths),
        variant_name(src, dw, fallback),
        set(fallback, &plan.fallbacks),
        plan.height_at(dw),
    );
}

/// Turns every `<picture>` back into its fallback `<img>` without `srcset`/`sizes`: for feeds
/// (whose readers resolve only `src`), list summaries and the text-only edition. Borrows
/// `html` back when it has no picture.
pub(crate) fn plain_img(html: &str) -> Cow<'_, str> {
    if !html.contains("<picture>") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<picture>") {
        out.push_str(&rest[..i]);
        let inner = &rest[i + "<picture>".len()..];
        let Some(end) = inner.find("</picture>") else {
            out.push_str(inner);
            return Cow::Owned(out);
        };
        let img = inner[..end].find("<img ").map_or("", |j| &inner[j..end]);
        out.push_str(&drop_attr(&drop_attr(img, " srcset=\""), " sizes=\""));
        rest = &inner[end + "</picture>".len()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `tag` without the attribute starting with `start` (` name="`).
fn drop_attr(tag: &str, start: &str) -> String {
    match tag.find(start) {
        Some(i) => {
            let after = &tag[i + start.len()..];
            let end = after.find('"').map_or(after.len(), |j| j + 1);
            [&tag[..i], &after[end..]].concat()
        }
        None => tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_img_keeps_the_fallback_only() {
        let html = "<p>a</p><figure><picture><source type=\"image/webp\" srcset=\"p.480.webp 480w\" sizes=\"40rem\"><img src=\"p.480.jpg\" srcset=\"p.480.jpg 480w\" sizes=\"40rem\" width=\"480\" height=\"320\" alt=\"x\"></picture></figure>";
        assert_eq!(
            plain_img(html),
            "<p>a</p><figure><img src=\"p.480.jpg\" width=\"480\" height=\"320\" alt=\"x\"></figure>"
        );
        assert!(matches!(plain_img("<p>x</p>"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_local_sources_are_read() {
        assert_eq!(local("a&amp;b.jpg").as_deref(), Some("a&b.jpg"));
        for s in ["https://x/y.jpg", "/abs.jpg", "../up.jpg", ""] {
            assert_eq!(local(s), None, "{s}");
        }
    }
}
