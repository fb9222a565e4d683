//! The `[images]` table of `config.toml`: raw (strict) and resolved, with defaults for a
//! reader on a 2G connection.
//!
//! Widths 480/800/1200/1600: a 390 px phone at 2× density picks the 800 variant (about
//! 50–70 KB as WebP at quality 70), an old phone at 1× the 480 (about 20–30 KB); only wide
//! screens fetch more. WebP quality 70 and JPEG quality 75 keep photos clean at these sizes
//! while staying about a third of quality 90.
//!
//! Fallback (JPEG/PNG) copies are made at 800 and 1200 px only: browsers without WebP are few
//! and get the 800 one, and 1200 is what feeds and link previews (`og:image`) take. WebP effort
//! 2 (libwebp's `method`): on photos it encodes about 2.5× faster than libwebp's default 4,
//! with files within a few per cent in size and quality (measured in BENCHMARKS.md, "Photos").

use serde::Deserialize;

/// `[images]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImages {
    widths: Option<Vec<u32>>,
    webp_quality: Option<u8>,
    jpeg_quality: Option<u8>,
    webp_effort: Option<u8>,
    fallback_widths: Option<Vec<u32>>,
    publish_originals: Option<bool>,
    sizes: Option<String>,
}

/// How photos a dispatch shows are published (see [`crate::images::variants`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageSettings {
    /// Variant widths in pixels, ascending, without repeats.
    pub widths: Vec<u32>,
    /// Lossy WebP quality, 1–100.
    pub webp_quality: u8,
    /// JPEG fallback quality, 1–100.
    pub jpeg_quality: u8,
    /// libwebp's effort (`method`), 0 (fastest) to 6 (smallest files).
    pub webp_effort: u8,
    /// The widths wanted in the fallback format, ascending: each becomes the variant width
    /// nearest to it (see [`crate::images::variants::plan`]).
    pub fallback_widths: Vec<u32>,
    /// Also publish the original (metadata stripped) beside its variants.
    pub publish_originals: bool,
    /// The `sizes` attribute: how wide the image shows at each viewport width.
    pub sizes: String,
}

/// Smallest and largest variant width accepted.
const WIDTH_RANGE: std::ops::RangeInclusive<u32> = 16..=8192;
/// Default widths.
pub(crate) const DEFAULT_WIDTHS: [u32; 4] = [480, 800, 1200, 1600];
/// Default fallback widths: the `<img src>` of old browsers and feeds, and the shared image.
pub(crate) const DEFAULT_FALLBACK_WIDTHS: [u32; 2] = [800, 1200];
/// Default `sizes`: the default theme's column is 40rem wide with 1rem padding each side.
pub(crate) const DEFAULT_SIZES: &str = "(max-width: 42rem) calc(100vw - 2rem), 40rem";

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: DEFAULT_WIDTHS.to_vec(),
            webp_quality: 70,
            jpeg_quality: 75,
            webp_effort: 2,
            fallback_widths: DEFAULT_FALLBACK_WIDTHS.to_vec(),
            publish_originals: false,
            sizes: DEFAULT_SIZES.to_string(),
        }
    }
}

impl ImageSettings {
    /// Checks and completes `[images]`; errors say what to write instead.
    pub fn resolve(raw: RawImages) -> Result<ImageSettings, String> {
        let RawImages {
            widths,
            webp_quality,
            jpeg_quality,
            webp_effort,
            fallback_widths,
            publish_originals,
            sizes,
        } = raw;
        let d = ImageSettings::default();
        let widths = width_list("widths", widths.unwrap_or(d.widths))?;
        let fallback_widths = width_list(
            "fallback_widths",
            fallback_widths.unwrap_or(d.fallback_widths),
        )?;
        let webp_effort = match webp_effort {
            Some(e) if e > 6 => {
                return Err(format!(
                    "[images] webp_effort = {e} is out of range; use 0 (fastest) to 6 (smallest files)"
                ));
            }
            e => e.unwrap_or(d.webp_effort),
        };
        let quality = |key: &str, q: Option<u8>, default: u8| match q {
            Some(q) if !(1..=100).contains(&q) => Err(format!(
                "[images] {key} = {q} is out of range; use 1 to 100 (about 70 suits slow connections)"
            )),
            q => Ok(q.unwrap_or(default)),
        };
        let sizes = sizes.unwrap_or(d.sizes);
        if sizes.trim().is_empty() || sizes.contains(['"', '<', '>', '&']) {
            return Err("[images] sizes must be a media-condition list such as \"(max-width: 42rem) 100vw, 40rem\" (no quotes, `<`, `>` or `&`)".into());
        }
        Ok(ImageSettings {
            widths,
            webp_quality: quality("webp_quality", webp_quality, d.webp_quality)?,
            jpeg_quality: quality("jpeg_quality", jpeg_quality, d.jpeg_quality)?,
            webp_effort,
            fallback_widths,
            publish_originals: publish_originals.unwrap_or(d.publish_originals),
            sizes,
        })
    }

    /// What the pixels of a variant depend on (not `sizes` or `publish_originals`): part of
    /// the cache key, with a version bumped whenever processing changes.
    pub fn fingerprint(&self) -> String {
        let list = |ws: &[u32]| ws.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        format!(
            "v2 widths={} fallback={} webp={}/{} jpeg={}",
            list(&self.widths),
            list(&self.fallback_widths),
            self.webp_quality,
            self.webp_effort,
            self.jpeg_quality
        )
    }
}

/// A list of widths (`key` of `[images]`), sorted without repeats; at least one, each in range.
fn width_list(key: &str, mut widths: Vec<u32>) -> Result<Vec<u32>, String> {
    if widths.is_empty() {
        return Err(format!(
            "[images] {key} must list at least one width, e.g. [480, 800]"
        ));
    }
    if let Some(w) = widths.iter().find(|w| !WIDTH_RANGE.contains(w)) {
        return Err(format!(
            "[images] {key}: width {w} is out of range; use widths from {} to {} pixels",
            WIDTH_RANGE.start(),
            WIDTH_RANGE.end()
        ));
    }
    widths.sort_unstable();
    widths.dedup();
    Ok(widths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_defaults_and_refuses_bad_values() {
        let s = ImageSettings::resolve(RawImages::default()).unwrap();
        assert_eq!(s, ImageSettings::default());
        let raw = RawImages {
            widths: Some(vec![800, 480, 800]),
            ..Default::default()
        };
        assert_eq!(ImageSettings::resolve(raw).unwrap().widths, [480, 800]);
        for raw in [
            RawImages {
                widths: Some(vec![]),
                ..Default::default()
            },
            RawImages {
                widths: Some(vec![9000]),
                ..Default::default()
            },
            RawImages {
                webp_quality: Some(0),
                ..Default::default()
            },
            RawImages {
                jpeg_quality: Some(101),
                ..Default::default()
            },
            RawImages {
                webp_effort: Some(7),
                ..Default::default()
            },
            RawImages {
                fallback_widths: Some(vec![]),
                ..Default::default()
            },
            RawImages {
                sizes: Some("100vw\"><script>".into()),
                ..Default::default()
            },
        ] {
            assert!(ImageSettings::resolve(raw).is_err());
        }
    }
}
