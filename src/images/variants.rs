//! Responsive variants of the photos a dispatch shows: the plan (from the file's header only,
//! so pages can be written without decoding) and the pixels (decode once, resize from the
//! largest variant down, encode).
//!
//! A JPEG, PNG or WebP (by its bytes) becomes one file per width in lossy WebP, and a file in a
//! fallback format (JPEG, or PNG when the image has an alpha channel) at the variant widths
//! nearest the configured `fallback_widths`. Widths are the
//! configured ones no wider than the photo (never upscaled), plus the photo's own width when
//! it is narrower than the widest. EXIF orientation is applied to the pixels first; an RGB
//! colour profile is converted to sRGB (profiles of other colour spaces, such as CMYK, are
//! dropped after the decoder's own conversion to RGB); encoders write no metadata at all.
//! GIFs and animated PNG/WebP are published as they are (cleaned), not resized: [`plan`]
//! returns None for them.

use std::io::Cursor;

use fast_image_resize::{PixelType, Resizer, images::Image};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits, metadata::Orientation};

use super::settings::ImageSettings;
use super::{Kind, identify};

/// Longest side, in pixels, a photo may declare: larger ones are refused before decoding
/// (a 50,000×50,000 "decompression bomb" would need 7.5 GB).
pub(crate) const MAX_SIDE: u32 = 12_000;
/// Most memory one decode may allocate.
const MAX_ALLOC: u64 = 512 << 20;

/// The format of the fallback `<img>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fallback {
    /// JPEG, for photos without transparency.
    Jpeg,
    /// PNG, for images with an alpha channel.
    Png,
}

impl Fallback {
    /// File extension.
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Fallback::Jpeg => "jpg",
            Fallback::Png => "png",
        }
    }
}

/// What one photo becomes, known from its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Width as displayed (after orientation).
    pub width: u32,
    /// Height as displayed.
    pub height: u32,
    /// Variant widths, ascending.
    pub widths: Vec<u32>,
    /// The widths (of `widths`) also made in the fallback format, ascending.
    pub fallbacks: Vec<u32>,
    /// Format of the fallback variants.
    pub fallback: Fallback,
}

impl Plan {
    /// The height of the variant `width` pixels wide (at least 1).
    pub(crate) fn height_at(&self, width: u32) -> u32 {
        let h = (u64::from(width) * u64::from(self.height) + u64::from(self.width) / 2)
            / u64::from(self.width);
        u32::try_from(h).unwrap_or(u32::MAX).max(1)
    }

    /// The width of the `src` of the fallback `<img>`: the fallback closest to 800 pixels,
    /// which a phone or a feed reader shows well.
    pub(crate) fn default_width(&self) -> u32 {
        nearest(&self.fallbacks, 800).unwrap_or(self.width)
    }
}

/// The width of `widths` nearest `to` (the narrower of two as near).
fn nearest(widths: &[u32], to: u32) -> Option<u32> {
    widths.iter().copied().min_by_key(|w| (w.abs_diff(to), *w))
}

/// One encoded variant.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    /// Width in pixels.
    pub width: u32,
    /// `webp`, `jpg` or `png`.
    pub ext: &'static str,
    /// The file.
    pub bytes: Vec<u8>,
}

/// The name of a variant of `name` (a file name or a relative URL): the extension of its last
/// segment is replaced by `.<width>.<ext>` (`photo.jpg` → `photo.800.webp`).
pub(crate) fn variant_name(name: &str, width: u32, ext: &str) -> String {
    let last = name.rfind('/').map_or(0, |i| i + 1);
    let stem = match name[last..].rfind('.') {
        Some(dot) if dot > 0 => &name[..last + dot],
        _ => name,
    };
    format!("{stem}.{width}.{ext}")
}

/// What becomes of `bytes` when a dispatch shows it: Some(plan) for a still JPEG, PNG or
/// WebP; None for anything published as it is (GIF, animations, files that are not images).
/// Errors (empty, unreadable or oversized images) say what to do.
pub(crate) fn plan(bytes: &[u8], settings: &ImageSettings) -> Result<Option<Plan>, String> {
    if bytes.is_empty() {
        return Err("this image is empty (0 bytes); copy the photo again".into());
    }
    let kind = match identify(bytes) {
        Some(k @ (Kind::Jpeg | Kind::Png | Kind::Webp)) => k,
        _ => return Ok(None),
    };
    if is_animated(kind, bytes) {
        return Ok(None);
    }
    let mut decoder = decoder(bytes, kind)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let turned = decoder.orientation().is_ok_and(turns);
    let (width, height) = if turned { (h, w) } else { (w, h) };
    let fallback = match decoder.color_type().has_alpha() {
        true => Fallback::Png,
        false => Fallback::Jpeg,
    };
    let widest = settings.widths.last().copied().unwrap_or(width);
    let mut widths: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&v| v <= width)
        .collect();
    if width < widest && !widths.contains(&width) {
        widths.push(width);
    }
    let mut fallbacks: Vec<u32> = (settings.fallback_widths.iter())
        .filter_map(|&f| nearest(&widths, f))
        .collect();
    fallbacks.sort_unstable();
    fallbacks.dedup();
    Ok(Some(Plan {
        width,
        height,
        widths,
        fallbacks,
        fallback,
    }))
}

/// Decodes `bytes` once and encodes every variant of `plan`, widest first, each resized from
/// the one before (Lanczos3): WebP at every width, the fallback format at `plan.fallbacks`.
pub(crate) fn make(
    bytes: &[u8],
    plan: &Plan,
    settings: &ImageSettings,
) -> Result<Vec<Variant>, String> {
    let kind = identify(bytes).ok_or("not an image")?;
    // decoders fill in a cut-short file with grey: the container check refuses it
    super::clean(kind, bytes.to_vec())?;
    let mut decoder = decoder(bytes, kind)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(kind, e))?;
    img.apply_orientation(orientation);
    if (img.width(), img.height()) != (plan.width, plan.height) {
        return Err(unreadable(
            kind,
            "its header and its pixels disagree on its size",
        ));
    }
    let alpha = plan.fallback == Fallback::Png;
    let (pixels, pt) = match alpha {
        true => (img.into_rgba8().into_raw(), PixelType::U8x4),
        false => (img.into_rgb8().into_raw(), PixelType::U8x3),
    };
    let resize_err = |e: &dyn std::fmt::Display| format!("could not resize this image: {e}");
    let mut src =
        Image::from_vec_u8(plan.width, plan.height, pixels, pt).map_err(|e| resize_err(&e))?;
    let mut resizer = Resizer::new();
    let mut out = Vec::with_capacity(plan.widths.len() * 2);
    for (i, &w) in plan.widths.iter().rev().enumerate() {
        let h = plan.height_at(w);
        if (w, h) != (src.width(), src.height()) {
            let mut dst = Image::new(w, h, pt);
            resizer
                .resize(&src, &mut dst, None)
                .map_err(|e| resize_err(&e))?;
            src = dst;
        }
        if i == 0
            && let Some(icc) = &icc
        {
            to_srgb(src.buffer_mut(), icc, alpha);
        }
        if plan.fallbacks.contains(&w) {
            let fallback = match plan.fallback {
                Fallback::Jpeg => encode_jpeg(src.buffer(), w, h, settings.jpeg_quality)?,
                Fallback::Png => encode_png(src.buffer(), w, h)?,
            };
            out.push(Variant {
                width: w,
                ext: plan.fallback.ext(),
                bytes: fallback,
            });
        }
        out.push(Variant {
            width: w,
            ext: "webp",
            bytes: encode_webp(src.buffer(), w, h, alpha, settings)?,
        });
    }
    // narrowest first, WebP before its fallback
    out.reverse();
    Ok(out)
}

fn turns(o: Orientation) -> bool {
    use Orientation as O;
    matches!(
        o,
        O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
    )
}

fn unreadable(kind: Kind, e: impl std::fmt::Display) -> String {
    format!(
        "this {} cannot be read ({e}); it may be cut short or damaged: export it again",
        kind.name()
    )
}

/// A decoder for `bytes` with memory limits set; reads the header only.
fn decoder(bytes: &[u8], kind: Kind) -> Result<impl ImageDecoder + '_, String> {
    let format = match kind {
        Kind::Png => image::ImageFormat::Png,
        Kind::Webp => image::ImageFormat::WebP,
        _ => image::ImageFormat::Jpeg,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => too_big(super::dimensions(bytes)),
        e => unreadable(kind, e),
    })
}

fn check_size(w: u32, h: u32) -> Result<(), String> {
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(too_big(Some((w, h))));
    }
    Ok(())
}

fn too_big(dims: Option<(u32, u32)>) -> String {
    let size = dims.map_or_else(String::new, |(w, h)| format!(" of {w}×{h} pixels"));
    format!(
        "this image declares a size{size} that Dateline will not decode (at most {MAX_SIDE} pixels a side); export it smaller"
    )
}

/// Animated PNG (an `acTL` chunk before the image data) or WebP (the VP8X animation flag).
fn is_animated(kind: Kind, bytes: &[u8]) -> bool {
    match kind {
        Kind::Png => {
            let find = |pat: &[u8]| memchr::memmem::find(bytes, pat);
            match (find(b"acTL"), find(b"IDAT")) {
                (Some(a), Some(d)) => a < d,
                (Some(_), None) => true,
                _ => false,
            }
        }
        Kind::Webp => {
            bytes.get(12..16) == Some(b"VP8X") && bytes.get(20).is_some_and(|f| f & 2 != 0)
        }
        _ => false,
    }
}

/// Converts pixels in an RGB colour profile to sRGB in place; leaves them as they are when the
/// profile cannot be read or is not an RGB profile (the decoder already made RGB of them).
fn to_srgb(pixels: &mut [u8], icc: &[u8], alpha: bool) {
    use moxcms::{ColorProfile, Layout, TransformOptions};
    let Ok(profile) = ColorProfile::new_from_slice(icc) else {
        return;
    };
    let layout = if alpha { Layout::Rgba } else { Layout::Rgb };
    let srgb = ColorProfile::new_srgb();
    let Ok(t) = profile.create_transform_8bit(layout, &srgb, layout, TransformOptions::default())
    else {
        return;
    };
    let src = pixels.to_vec();
    if t.transform(&src, pixels).is_err() {
        pixels.copy_from_slice(&src);
    }
}

fn encode_jpeg(pixels: &[u8], w: u32, h: u32, quality: u8) -> Result<Vec<u8>, String> {
    let (w16, h16) = (u16::try_from(w), u16::try_from(h));
    let (Ok(w16), Ok(h16)) = (w16, h16) else {
        return Err("too large for JPEG".into());
    };
    let mut buf = Vec::with_capacity(pixels.len() / 10);
    // Not `set_optimized_huffman_tables`: in jpeg-encoder 0.7.1 its files decode to wrong
    // colours in zune-jpeg (the decoder `image` uses), so perhaps elsewhere too.
    let enc = jpeg_encoder::Encoder::new(&mut buf, quality);
    enc.encode(pixels, w16, h16, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("could not encode JPEG: {e}"))?;
    Ok(buf)
}

fn encode_png(pixels: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut buf = Vec::new();
    PngEncoder::new_with_quality(&mut buf, CompressionType::Default, FilterType::Adaptive)
        .write_image(pixels, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("could not encode PNG: {e}"))?;
    Ok(buf)
}

/// Lossy WebP through libwebp's advanced API (the simple one fixes the effort at 4), which
/// writes no metadata. Not the `webp` crate: it wraps libwebp-sys 0.9 (libwebp 1.3), a second
/// copy of the C library beside the 0.14 the `image` stack and this code use.
fn encode_webp(
    pixels: &[u8],
    w: u32,
    h: u32,
    alpha: bool,
    settings: &ImageSettings,
) -> Result<Vec<u8>, String> {
    use libwebp_sys as webp;
    let channels: u32 = if alpha { 4 } else { 3 };
    let fail = |what: &str| format!("could not encode WebP ({what})");
    let width = i32::try_from(w).map_err(|_| fail("too wide"))?;
    let height = i32::try_from(h).map_err(|_| fail("too high"))?;
    let stride = i32::try_from(w * channels).map_err(|_| fail("too wide"))?;
    if pixels.len() < (w * channels) as usize * h as usize {
        return Err(fail("too few pixels"));
    }
    let mut config = webp::WebPConfig::new_with_preset(
        webp::WebPPreset::WEBP_PRESET_DEFAULT,
        f32::from(settings.webp_quality),
    )
    .map_err(|()| fail("configuration"))?;
    config.method = i32::from(settings.webp_effort);
    let mut picture = webp::WebPPicture::new().map_err(|()| fail("picture"))?;
    picture.width = width;
    picture.height = height;
    let mut writer = std::mem::MaybeUninit::<webp::WebPMemoryWriter>::uninit();
    // SAFETY: `config` and `picture` were initialised by libwebp (above) and `writer` by
    // `WebPMemoryWriterInit`; `pixels` holds `h` rows of `stride` bytes (checked above) and
    // outlives the import, which copies them into `picture`. The picture and the writer each
    // own libwebp memory, freed once below on every path; the bytes are copied out first.
    unsafe {
        webp::WebPMemoryWriterInit(writer.as_mut_ptr());
        let mut writer = writer.assume_init();
        let imported = match alpha {
            true => webp::WebPPictureImportRGBA(&mut picture, pixels.as_ptr(), stride),
            false => webp::WebPPictureImportRGB(&mut picture, pixels.as_ptr(), stride),
        };
        picture.writer = Some(webp::WebPMemoryWrite);
        picture.custom_ptr = (&raw mut writer).cast();
        let ok = imported != 0
            && webp::WebPValidateConfig(&config) != 0
            && webp::WebPEncode(&config, &mut picture) != 0;
        let bytes = match ok && !writer.mem.is_null() && writer.size > 0 {
            true => std::slice::from_raw_parts(writer.mem, writer.size).to_vec(),
            false => Vec::new(),
        };
        webp::WebPPictureFree(&mut picture);
        webp::WebPMemoryWriterClear(&mut writer);
        if bytes.is_empty() {
            return Err(fail(&format!("libwebp error {:?}", picture.error_code)));
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut buf = Vec::new();
        let px: Vec<u8> = (0..usize::from(w) * usize::from(h) * 3)
            .map(|i| (i % 251) as u8)
            .collect();
        jpeg_encoder::Encoder::new(&mut buf, 80)
            .encode(&px, w, h, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        buf
    }

    #[test]
    fn names_variants_beside_the_original() {
        assert_eq!(variant_name("photo.jpg", 800, "webp"), "photo.800.webp");
        assert_eq!(variant_name("a.b/photo", 480, "jpg"), "a.b/photo.480.jpg");
        assert_eq!(
            variant_name("img/x.y.jpeg", 1200, "jpg"),
            "img/x.y.1200.jpg"
        );
        assert_eq!(variant_name(".hidden", 16, "png"), ".hidden.16.png");
    }

    #[test]
    fn never_upscales_and_includes_a_narrower_original() {
        let s = ImageSettings::default();
        let p = plan(&jpeg(1000, 500), &s).unwrap().unwrap();
        assert_eq!(p.widths, [480, 800, 1000]);
        assert_eq!((p.width, p.height, p.height_at(480)), (1000, 500, 240));
        assert_eq!(p.fallbacks, [800, 1000]);
        let p = plan(&jpeg(300, 200), &s).unwrap().unwrap();
        assert_eq!(
            (p.widths.as_slice(), p.fallbacks.as_slice()),
            (&[300][..], &[300][..])
        );
        let p = plan(&jpeg(2000, 100), &s).unwrap().unwrap();
        assert_eq!(p.widths, [480, 800, 1200, 1600]);
        assert_eq!(p.fallbacks, [800, 1200]);
        assert_eq!(p.default_width(), 800);
        let every = ImageSettings {
            fallback_widths: vec![16, 700, 8000],
            ..s
        };
        let p = plan(&jpeg(2000, 100), &every).unwrap().unwrap();
        assert_eq!(p.fallbacks, [480, 800, 1600]);
        assert_eq!(p.default_width(), 800);
    }

    #[test]
    fn makes_every_variant_at_its_size_without_metadata() {
        let s = ImageSettings::default();
        let src = jpeg(1000, 500);
        let p = plan(&src, &s).unwrap().unwrap();
        let vs = make(&src, &p, &s).unwrap();
        let got: Vec<(u32, &str)> = vs.iter().map(|v| (v.width, v.ext)).collect();
        // fallbacks at the widths nearest 800 and 1200
        assert_eq!(
            got,
            [
                (480, "webp"),
                (800, "webp"),
                (800, "jpg"),
                (1000, "webp"),
                (1000, "jpg")
            ]
        );
        for v in &vs {
            let img = image::load_from_memory(&v.bytes).unwrap();
            assert_eq!((img.width(), img.height()), (v.width, p.height_at(v.width)));
            assert!(!crate::images::has_gps(&v.bytes));
        }
    }

    #[test]
    fn webp_effort_reaches_libwebp() {
        let src = jpeg(640, 480);
        let made = |webp_effort| {
            let s = ImageSettings {
                widths: vec![640],
                webp_effort,
                ..ImageSettings::default()
            };
            let p = plan(&src, &s).unwrap().unwrap();
            let v = make(&src, &p, &s).unwrap();
            let webp = v.into_iter().find(|v| v.ext == "webp").unwrap();
            let img = image::load_from_memory(&webp.bytes).unwrap();
            assert_eq!((img.width(), img.height()), (640, 480));
            webp.bytes
        };
        assert_ne!(made(0), made(6), "effort 0 and 6 encode differently");
    }

    #[test]
    fn refuses_empty_and_oversized_images() {
        let s = ImageSettings::default();
        assert!(plan(b"", &s).unwrap_err().contains("empty"));
        let mut bomb = jpeg(8, 8);
        // SOF0: FF C0, length (2), precision (1), height (2), width (2)
        let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bomb[sof + 5..sof + 9].copy_from_slice(&[0xC3, 0x50, 0xC3, 0x50]);
        let err = plan(&bomb, &s).unwrap_err();
        assert!(err.contains("50000×50000"), "{err}");
    }
}
