//! What the build does with each image it publishes, by the file's bytes, never its name.
//!
//! Photos from the field carry EXIF (GPS position, camera serial, time), XMP, IPTC and
//! comments that can locate a reporter. [`identify`] names a file's format from its first
//! bytes (so a GPS-tagged JPEG saved as `photo.txt`, `.jfif` or with no extension is still a
//! JPEG); [`prepare`] is the one policy `build`, `serve` and `check` share: JPEG, PNG/APNG,
//! WebP and GIF are cleaned, formats whose metadata we cannot remove (TIFF and camera raws,
//! HEIC/HEIF, AVIF, JPEG XL, JPEG 2000, PSD, …) are refused unless allow-listed, everything
//! else is published as it is. [`clean`] rewrites only the container around the pixels:
//! metadata segments and chunks are dropped, pixel data is copied byte for byte, and the only
//! EXIF tag kept is the orientation, so photos still display the right way up.

use std::borrow::Cow;
use std::fmt::Display;

use file_format::FileFormat;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::{Png, PngChunk};
use img_parts::riff::RiffContent;
use img_parts::webp::{self, WebP};
use img_parts::{Bytes, ImageEXIF};

pub(crate) mod cache;
mod gif;
mod gps;
pub(crate) mod markup;
pub(crate) mod process;
pub(crate) mod settings;
mod svg;
pub(crate) mod variants;

pub(crate) use gps::has_gps;
#[cfg(test)]
use gps::{find, tiff_has_gps};

const TAG_ORIENTATION: u16 = 0x0112;
const EXIF_PREFIX: &[u8] = b"Exif\0\0";
/// PNG ancillary chunks that affect how pixels display; every other ancillary chunk goes.
const PNG_KEEP: [&[u8; 4]; 16] = [
    b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD",
    b"pHYs", b"sPLT", b"hIST", b"acTL", b"fcTL", b"fdAT",
];
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;
/// How many leading bytes identification looks at: every image signature sits in the first
/// few dozen bytes, so text, CSS and fonts cost a few comparisons, not a scan.
const SNIFF_LEN: usize = 512;
/// TIFF-like camera raw headers that `file-format` 0.29 does not know (it has one Olympus and
/// one Panasonic signature): Olympus ORF variants and Panasonic/Leica RW2/RWL in general.
const MORE_RAW_MAGIC: [&[u8; 4]; 4] = [b"IIRO", b"IIRS", b"MMOR", b"IIU\0"];

/// What cleaning found and did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ImageReport {
    /// The original carried GPS data (see [`has_gps`]).
    pub had_gps: bool,
    /// The original carried metadata that was removed.
    pub had_metadata: bool,
    /// The cleaned bytes differ from the original.
    pub stripped: bool,
}

/// Image formats, as [`identify`] tells them from a file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// JPEG (whatever the extension: `.jpg`, `.jfif`, `.jpe`, none).
    Jpeg,
    /// PNG, including APNG.
    Png,
    /// WebP.
    Webp,
    /// GIF, including animations.
    Gif,
    /// SVG (see the `svg` module): refused when it could run code or reach another host,
    /// otherwise cleaned of metadata.
    Svg,
    /// A format that can carry GPS and camera data Dateline cannot remove (see [`Kind::name`]):
    /// refused by [`clean`].
    Unstrippable(FileFormat),
}

impl Kind {
    /// The format's name for messages; formats refused for one reason share one name ("TIFF/
    /// camera raw" for TIFF and every TIFF-based or vendor raw, "HEIC/HEIF", "AVIF", …).
    pub(crate) fn name(self) -> Cow<'static, str> {
        use file_format::FileFormat as F;
        Cow::Borrowed(match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::Webp => "WebP",
            Kind::Gif => "GIF",
            Kind::Svg => "SVG",
            Kind::Unstrippable(f) => match f {
                F::TagImageFileFormat
                | F::CanonRaw
                | F::CanonRaw2
                | F::CanonRaw3
                | F::NikonElectronicFile
                | F::SonyAlphaRaw
                | F::OlympusRawFormat
                | F::PanasonicRaw
                | F::FujifilmRaw => "TIFF/camera raw",
                F::HighEfficiencyImageCoding
                | F::HighEfficiencyImageCodingSequence
                | F::HighEfficiencyImageFileFormat
                | F::HighEfficiencyImageFileFormatSequence => "HEIC/HEIF",
                F::Av1ImageFileFormat | F::Av1ImageFileFormatSequence => "AVIF",
                F::JpegXl => "JPEG XL",
                F::AdobePhotoshopDocument => "Photoshop (PSD)",
                other => return Cow::Owned(other.name().to_owned()),
            },
        })
    }
}

/// The image format of a file from its first bytes; None for files that are not images, and
/// for image formats with nowhere to keep a location (BMP, icons, cursors, PNM, QOI,
/// farbfeld). An SVG is known by its root element, wherever it starts. Every other image format is [`Kind::Unstrippable`]: an unknown image format is
/// refused, not published.
///
/// Uses `file-format` (no dependencies, no features) rather than `infer`, which in 0.22 knows
/// no Olympus, Panasonic, Fuji, CR3 or older Canon raws and only HEIF files branded `heic`.
pub(crate) fn identify(bytes: &[u8]) -> Option<Kind> {
    use file_format::FileFormat as F;
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    Some(match FileFormat::from_bytes(head) {
        F::JointPhotographicExpertsGroup => Kind::Jpeg,
        F::PortableNetworkGraphics | F::AnimatedPortableNetworkGraphics => Kind::Png,
        F::Webp => Kind::Webp,
        F::GraphicsInterchangeFormat => Kind::Gif,
        F::ScalableVectorGraphics => Kind::Svg,
        F::WindowsBitmap
        | F::WindowsIcon
        | F::WindowsCursor
        | F::PortableBitmap
        | F::PortableGraymap
        | F::PortablePixmap
        | F::PortableArbitraryMap
        | F::QuiteOkImage
        | F::Farbfeld => return None,
        f if f.kind() == file_format::Kind::Image => Kind::Unstrippable(f),
        _ if head
            .get(..4)
            .is_some_and(|m| MORE_RAW_MAGIC.iter().any(|r| &r[..] == m)) =>
        {
            Kind::Unstrippable(F::TagImageFileFormat)
        }
        _ if svg::is_svg(bytes) => Kind::Svg,
        _ => return None,
    })
}

/// What [`prepare`] does with files carrying metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Policy {
    /// Clean JPEG, PNG, WebP and GIF (`strip_image_metadata`); when false, they are published
    /// as they are, but one carrying GPS is refused unless `allowed`.
    pub strip: bool,
    /// The file is listed in `image_metadata_allow`: published even if it is in a format we
    /// cannot clean or (with stripping off) carries GPS.
    pub allowed: bool,
}

/// The bytes to publish for a file, whatever its name, and whether an image was cleaned: the
/// one path every published file (content bundles, `static/`, the theme) takes, in `build`
/// and `serve` alike. Errors are messages that say what to do.
pub(crate) fn prepare(bytes: Vec<u8>, policy: Policy) -> Result<(Vec<u8>, bool), String> {
    let Some(kind) = identify(&bytes) else {
        return Ok((bytes, false));
    };
    match kind {
        Kind::Unstrippable(_) if policy.allowed => Ok((bytes, false)),
        Kind::Unstrippable(_) => Err(refuse(kind)),
        // scripts are refused whatever the metadata policy
        Kind::Svg if !policy.strip => svg::clean(&bytes).map(|_| (bytes, false)),
        _ if !policy.strip => {
            if has_gps(&bytes) && !policy.allowed {
                return Err("this image carries GPS coordinates that could reveal a position; remove them, turn `strip_image_metadata` back on, or list the file in `image_metadata_allow`".into());
            }
            Ok((bytes, false))
        }
        _ => clean(kind, bytes).map(|(b, report)| (b, report.stripped)),
    }
}

/// Removes all metadata except a rebuilt orientation-only EXIF block (kept only when the
/// orientation is 2–8), leaving pixel data byte-identical.
///
/// JPEG: drops every APPn and COM segment except APP0 JFIF (its thumbnail removed), APP2
/// ICC_PROFILE and APP14 Adobe, also between progressive scans, and everything after the
/// end-of-image marker (MPF extra images, appended data). PNG: keeps critical chunks and the
/// ancillary chunks that affect display (colour, transparency, density, APNG); drops eXIf,
/// tEXt, zTXt, iTXt, tIME and any other. WebP: keeps VP8X, VP8, VP8L, ALPH, ANIM, ANMF and
/// ICCP; drops EXIF, XMP and unknown chunks, and clears the VP8X EXIF/XMP flags. GIF: see
/// the `gif` module (comments, XMP and other application extensions go).
///
/// Errors: [`Kind::Unstrippable`] formats are refused; files that do not parse as their kind
/// are rejected, as are files still showing GPS data after cleaning.
pub(crate) fn clean(kind: Kind, bytes: Vec<u8>) -> Result<(Vec<u8>, ImageReport), String> {
    if let Kind::Unstrippable(_) = kind {
        return Err(refuse(kind));
    }
    let name = kind.name();
    let had_gps = has_gps(&bytes);
    let input = Bytes::from(bytes);
    let cleaned = match kind {
        Kind::Png => clean_png(input.clone()),
        Kind::Webp => clean_webp(input.clone()),
        Kind::Gif => gif::clean(&input)
            .map(|(b, dropped)| (Bytes::from(b), dropped))
            .map_err(String::from),
        Kind::Svg => return svg_report(&input, had_gps),
        _ => clean_jpeg(input.clone()),
    };
    let (out, dropped) = cleaned.map_err(|problem| invalid(&name, problem))?;
    if has_gps(&out) {
        return Err(format!(
            "GPS data remains in this {name} after cleaning; re-export it without location data"
        ));
    }
    let report = ImageReport {
        had_gps,
        had_metadata: dropped || had_gps,
        stripped: out != input,
    };
    Ok((out.into(), report))
}

/// Pixel dimensions (width, height) as displayed, for width/height attributes on `<img>`,
/// of a file identified by its bytes: swapped when the EXIF orientation rotates by 90°
/// (5–8), as browsers apply it. None when unreadable, and for formats we do not publish.
pub(crate) fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let b = Bytes::copy_from_slice(bytes);
    let ((w, h), exif) = match identify(bytes)? {
        Kind::Jpeg => {
            let jpeg = Jpeg::from_bytes(b).ok()?;
            let (w, h) = jpeg.dimensions()?;
            ((w.into(), h.into()), jpeg.exif())
        }
        Kind::Png => Png::from_bytes(b)
            .ok()
            .and_then(|p| Some((p.dimensions()?, p.exif())))?,
        Kind::Webp => WebP::from_bytes(b)
            .ok()
            .and_then(|w| Some((w.dimensions()?, w.exif())))?,
        Kind::Gif => (gif::dimensions(bytes)?, None),
        Kind::Svg | Kind::Unstrippable(_) => return None,
    };
    let turned = exif.and_then(|e| orientation(&e)).is_some_and(|o| o >= 5);
    Some(if turned { (h, w) } else { (w, h) })
}

/// [`clean`] for an SVG: its refusals are its own messages, not "not a valid SVG".
fn svg_report(input: &Bytes, had_gps: bool) -> Result<(Vec<u8>, ImageReport), String> {
    let (out, dropped) = svg::clean(input)?;
    let report = ImageReport {
        had_gps,
        had_metadata: dropped || had_gps,
        stripped: out != input[..],
    };
    Ok((out, report))
}

fn refuse(kind: Kind) -> String {
    let name = kind.name();
    format!(
        "this file is in {name} format, which can carry GPS and camera data that Dateline \
         cannot remove; export it as JPEG, PNG or WebP, or list it in `image_metadata_allow`"
    )
}

fn invalid(name: &str, problem: impl Display) -> String {
    format!("not a valid {name}: {problem}; re-export it")
}

/// Returns the cleaned JPEG and whether anything was dropped.
fn clean_jpeg(input: Bytes) -> Result<(Bytes, bool), String> {
    let mut jpeg = Jpeg::from_bytes(input.clone()).map_err(|e| e.to_string())?;
    let segments = jpeg.segments();
    let Some((sos, header)) = segments.split_last() else {
        return Err("no image data".into());
    };
    if sos.marker() != markers::SOS || !sos.has_entropy() {
        return Err("no image data".into());
    }
    if !header.iter().any(|s| is_sof(s.marker())) {
        return Err("no frame header".into());
    }
    // a parsed SOS segment's entropy is the rest of the file
    let entropy_len = sos.len_with_entropy() - sos.len();
    let (scans, mut dropped) = walk_scans(&input[input.len() - entropy_len..])?;
    let rotation = jpeg.exif().and_then(|e| orientation(&e));
    let mut kept: Vec<JpegSegment> = header.iter().filter_map(keep_jpeg_segment).collect();
    dropped |= kept != header;
    kept.push(JpegSegment::new_with_entropy(
        markers::SOS,
        sos.contents().clone(),
        scans.into(),
    ));
    *jpeg.segments_mut() = kept;
    jpeg.set_exif(rotation.map(orientation_exif));
    Ok((jpeg.encoder().bytes(), dropped))
}

fn is_sof(m: u8) -> bool {
    matches!(m, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF)
}

/// The segment to keep in place of `s` (before the first scan), or None to drop it.
fn keep_jpeg_segment(s: &JpegSegment) -> Option<JpegSegment> {
    let c = s.contents();
    match s.marker() {
        // JFIF is 14 bytes; anything after is a thumbnail, which may show an uncropped photo
        markers::APP0 if c.starts_with(b"JFIF\0") && c.len() > 14 => {
            let mut jfif = c[..14].to_vec();
            jfif[12..14].copy_from_slice(&[0, 0]);
            Some(JpegSegment::new_with_contents(markers::APP0, jfif.into()))
        }
        markers::APP0 if c.starts_with(b"JFIF\0") => Some(s.clone()),
        markers::APP2 if c.starts_with(b"ICC_PROFILE\0") => Some(s.clone()),
        markers::APP14 if c.starts_with(b"Adobe") => Some(s.clone()),
        markers::APP0..=markers::APP15 | markers::COM => None,
        _ => Some(s.clone()),
    }
}

/// Walks the data after the first SOS header up to the EOI marker, keeping scans and tables
/// byte for byte but dropping APPn/COM segments between scans and everything after EOI.
/// Returns the kept bytes and whether anything was dropped.
fn walk_scans(data: &[u8]) -> Result<(Vec<u8>, bool), &'static str> {
    const CUT: &str = "the file is cut short (no end-of-image marker)";
    let mut out = Vec::with_capacity(data.len());
    let (mut keep_from, mut i, mut dropped) = (0, 0, false);
    loop {
        let rest = data.get(i..).unwrap_or_default();
        let at = i + rest.iter().position(|&b| b == 0xFF).ok_or(CUT)?;
        let marker = *data.get(at + 1).ok_or(CUT)?;
        match marker {
            // byte stuffing, fill bytes, restart markers, TEM: no length
            0x00 | 0x01 | 0xFF | markers::RST0..=markers::RST7 => i = at + 1,
            markers::EOI => {
                out.extend_from_slice(&data[keep_from..at + 2]);
                return Ok((out, dropped || at + 2 < data.len()));
            }
            _ => {
                let len = data.get(at + 2..at + 4).ok_or(CUT)?;
                let end = at + 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
                if end < at + 4 || end > data.len() {
                    return Err("a segment after the first scan has a bad length");
                }
                if matches!(marker, markers::APP0..=markers::APP15 | markers::COM) {
                    out.extend_from_slice(&data[keep_from..at]);
                    keep_from = end;
                    dropped = true;
                }
                i = end;
            }
        }
    }
}

/// Returns the cleaned PNG and whether anything was dropped.
fn clean_png(input: Bytes) -> Result<(Bytes, bool), String> {
    let mut png = Png::from_bytes(input).map_err(|e| e.to_string())?;
    let kinds: Vec<[u8; 4]> = png.chunks().iter().map(PngChunk::kind).collect();
    if kinds.first() != Some(b"IHDR") || kinds.last() != Some(b"IEND") || !kinds.contains(b"IDAT") {
        return Err("missing its IHDR, IDAT or IEND chunk".into());
    }
    let rotation = png.exif().and_then(|e| orientation(&e));
    png.chunks_mut()
        .retain(|c| c.kind()[0].is_ascii_uppercase() || PNG_KEEP.contains(&&c.kind()));
    let dropped = png.chunks().len() != kinds.len();
    if let Some(o) = rotation {
        png.set_exif(Some(orientation_exif(o)));
    }
    Ok((png.encoder().bytes(), dropped))
}

/// Returns the cleaned WebP and whether anything was dropped.
fn clean_webp(input: Bytes) -> Result<(Bytes, bool), String> {
    use webp::{CHUNK_ALPH, CHUNK_ANIM, CHUNK_ANMF, CHUNK_ICCP, CHUNK_VP8, CHUNK_VP8L, CHUNK_VP8X};
    let mut webp = WebP::from_bytes(input).map_err(|e| e.to_string())?;
    let ids = |w: &WebP| w.chunks().iter().map(|c| c.id()).collect::<Vec<_>>();
    let before = ids(&webp);
    if ![CHUNK_VP8, CHUNK_VP8L, CHUNK_ANMF]
        .iter()
        .any(|id| before.contains(id))
    {
        return Err("no image data".into());
    }
    let rotation = webp.exif().and_then(|e| orientation(&e));
    let keep = [
        CHUNK_VP8X, CHUNK_VP8, CHUNK_VP8L, CHUNK_ALPH, CHUNK_ANIM, CHUNK_ANMF, CHUNK_ICCP,
    ];
    webp.chunks_mut().retain(|c| keep.contains(&c.id()));
    if before.contains(&webp::CHUNK_EXIF) {
        // also adds or updates the VP8X chunk and its EXIF flag
        webp.set_exif(rotation.map(orientation_exif));
    }
    let mut clear = VP8X_XMP | VP8X_EXIF;
    if webp.has_chunk(webp::CHUNK_EXIF) {
        clear = VP8X_XMP;
    }
    let vp8x = webp.chunks_mut().iter_mut().find(|c| c.id() == CHUNK_VP8X);
    if let Some(RiffContent::Data(data)) = vp8x.map(|c| c.content_mut())
        && data.first().is_some_and(|flags| flags & clear != 0)
    {
        let mut flags = data.to_vec();
        flags[0] &= !clear;
        *data = flags.into();
    }
    let dropped = ids(&webp) != before;
    Ok((webp.encoder().bytes(), dropped))
}

/// A bounds-checked reader for the TIFF structure inside an EXIF block. Reads IFD0 only and
/// follows no chains, so it cannot loop.
struct Tiff<'a> {
    data: &'a [u8],
    le: bool,
}

impl<'a> Tiff<'a> {
    /// Reads `data`, skipping an "Exif\0\0" prefix; None without a TIFF header.
    fn new(data: &'a [u8]) -> Option<Self> {
        let data = data.strip_prefix(EXIF_PREFIX).unwrap_or(data);
        let le = match data.get(..4)? {
            b"II*\0" => true,
            b"MM\0*" => false,
            _ => return None,
        };
        Some(Tiff { data, le })
    }

    /// The unsigned integer of `len` (2 or 4) bytes at `at`, in the block's byte order.
    fn uint(&self, at: usize, len: usize) -> Option<u32> {
        let b = self.data.get(at..at.checked_add(len)?)?;
        let fold = |n: u32, &byte: &u8| n << 8 | u32::from(byte);
        Some(match self.le {
            true => b.iter().rev().fold(0, fold),
            false => b.iter().fold(0, fold),
        })
    }

    /// The offset of the IFD0 entry for `tag`, which is 12 bytes: tag, type, count, value.
    fn ifd0_entry(&self, tag: u16) -> Option<usize> {
        let ifd = usize::try_from(self.uint(4, 4)?).ok()?;
        let count = self.uint(ifd, 2)?;
        // reading the count succeeded, so ifd < data.len() and no offset here can overflow
        (0..count as usize)
            .map(|i| ifd + 2 + 12 * i)
            .map_while(|at| Some((at, self.uint(at, 2)?)))
            .find_map(|(at, t)| (t == u32::from(tag)).then_some(at))
    }
}

/// The EXIF orientation when it turns or flips the image (2–8); None for 1, absent or bad.
fn orientation(exif: &[u8]) -> Option<u16> {
    let tiff = Tiff::new(exif)?;
    let entry = tiff.ifd0_entry(TAG_ORIENTATION)?;
    // type 3 is SHORT, whose value sits in the first 2 bytes of the value field
    (tiff.uint(entry + 2, 2)? == 3).then_some(())?;
    let o = tiff.uint(entry + 8, 2).filter(|o| (2..=8).contains(o))?;
    u16::try_from(o).ok()
}

/// A minimal big-endian TIFF block whose IFD0 holds only the orientation tag.
fn orientation_exif(o: u16) -> Bytes {
    let mut v = b"MM\0*\0\0\0\x08\0\x01".to_vec();
    v.extend_from_slice(&TAG_ORIENTATION.to_be_bytes());
    v.extend_from_slice(&[0, 3, 0, 0, 0, 1]);
    v.extend_from_slice(&o.to_be_bytes());
    v.extend_from_slice(&[0; 6]); // value padding, then no next IFD
    v.into()
}

#[cfg(test)]
mod tests;
