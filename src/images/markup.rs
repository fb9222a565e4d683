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
        let read = local(written).and_then(|s| planned(&dir.join(s), settings));
        let based;
        let src = if base.is_empty() || local(written).is_none() {
            written
        } else {
            based = [base, written].concat();
            &based
        };
        let (bytes, plan) = read.unzip();
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

/// How much of a photo [`planned`] reads: more than any header holds (EXIF with its thumbnail
/// is at most 64 KB; ICC profiles and PNG text chunks before the pixels are rarely larger).
const HEAD: u64 = 256 << 10;

/// The start of the file at `path` and the plan of its variants (`variants::plan` reads
/// headers only); or the whole file and its plan when the start does not settle it: a header
/// that does not parse, or a PNG whose pixels (and so whether it is animated) lie further on.
/// Reading 256 KB instead of a 2–9 MB photo on every render is what keeps a rebuild with many
/// photos quick (BENCHMARKS.md, "Photos").
fn planned(path: &Path, settings: &ImageSettings) -> Option<(Vec<u8>, PlanResult)> {
    use std::io::Read;
    let mut start = Vec::new();
    let file = std::fs::File::open(path).ok()?;
    file.take(HEAD).read_to_end(&mut start).ok()?;
    let plan = super::variants::plan(&start, settings);
    let whole = (start.len() as u64) < HEAD;
    let png = super::identify(&start) == Some(super::Kind::Png);
    let settled = plan.is_ok() && (!png || memchr::memmem::find(&start, b"IDAT").is_some());
    if whole || settled {
        return Some((start, plan));
    }
    let all = std::fs::read(path).ok()?;
    let plan = super::variants::plan(&all, settings);
    Some((all, plan))
}

/// What `variants::plan` says of a file.
type PlanResult = Result<Option<Plan>, String>;

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
    fn a_large_photo_is_planned_from_its_start() {
        let dir = tempfile::tempdir().unwrap();
        let mut seed = 7u32;
        let noise: Vec<u8> = (0..1200 * 900 * 3)
            .map(|_| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (seed >> 24) as u8
            })
            .collect();
        let mut jpeg = Vec::new();
        jpeg_encoder::Encoder::new(&mut jpeg, 95)
            .encode(&noise, 1200, 900, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        assert!(jpeg.len() as u64 > HEAD, "{}", jpeg.len());
        let path = dir.path().join("big.jpg");
        std::fs::write(&path, &jpeg).unwrap();
        let s = ImageSettings::default();
        let (start, from_start) = planned(&path, &s).unwrap();
        assert_eq!(start.len() as u64, HEAD);
        let plan = |b: &[u8]| super::super::variants::plan(b, &s).unwrap().unwrap();
        assert_eq!(from_start.unwrap().unwrap(), plan(&jpeg));
        // a PNG whose start holds no pixels is read whole
        let mut png = small_png();
        let idat = memchr::memmem::find(&png, b"IDAT").unwrap() - 4;
        let mut text = (HEAD as u32).to_be_bytes().to_vec();
        text.extend_from_slice(b"tEXt");
        text.resize(text.len() + HEAD as usize, b'a');
        text.extend_from_slice(&[0; 4]);
        png.splice(idat..idat, text);
        std::fs::write(&path, &png).unwrap();
        assert_eq!(planned(&path, &s).unwrap().0.len(), png.len());
    }

    fn small_png() -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(4, 4)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn only_local_sources_are_read() {
        assert_eq!(local("a&amp;b.jpg").as_deref(), Some("a&b.jpg"));
        for s in ["https://x/y.jpg", "/abs.jpg", "../up.jpg", ""] {
            assert_eq!(local(s), None, "{s}");
        }
    }
}
