//! Removing metadata from published images without re-encoding pixels.
//!
//! Photos from the field carry EXIF (GPS position, camera serial, time), XMP, IPTC and
//! comments that can locate a reporter. [`clean`] rewrites only the container around the
//! pixels: metadata segments and chunks are dropped, pixel data is copied byte for byte, and
//! the only EXIF tag kept is the orientation, so photos still display the right way up.
//! TIFF and HEIC are refused: we cannot strip them safely.

use std::fmt::Display;
use std::path::Path;

use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::{Png, PngChunk};
use img_parts::riff::RiffContent;
use img_parts::webp::{self, WebP};
use img_parts::{Bytes, ImageEXIF};

const TAG_ORIENTATION: u16 = 0x0112;
const TAG_GPS_IFD: u16 = 0x8825;
const EXIF_PREFIX: &[u8] = b"Exif\0\0";
/// Where EXIF blocks start, and how many bytes past the match their TIFF header (or
/// "Exif\0\0" prefix) begins: JPEG APP1 and HEIC items, PNG eXIf chunks, WebP EXIF chunks.
const EXIF_MARKS: [(&[u8], usize); 3] = [(EXIF_PREFIX, 6), (b"eXIf", 4), (b"EXIF", 8)];
/// Cap on candidate EXIF blocks examined per mark, so hostile files stay cheap.
const MAX_EXIF_BLOCKS: usize = 256;
/// PNG ancillary chunks that affect how pixels display; every other ancillary chunk goes.
const PNG_KEEP: [&[u8; 4]; 16] = [
    b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD",
    b"pHYs", b"sPLT", b"hIST", b"acTL", b"fcTL", b"fdAT",
];
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;

/// What cleaning found and did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageReport {
    /// The original carried GPS data (see [`has_gps`]).
    pub had_gps: bool,
    /// The original carried metadata that was removed.
    pub had_metadata: bool,
    /// The cleaned bytes differ from the original.
    pub stripped: bool,
}

/// File kinds we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JPEG (`.jpg`, `.jpeg`).
    Jpeg,
    /// PNG, including APNG.
    Png,
    /// WebP.
    Webp,
    /// TIFF: refused by [`clean`].
    Tiff,
    /// HEIC/HEIF: refused by [`clean`].
    Heic,
}

/// The image kind of a file by extension (case-insensitive: jpg jpeg png webp tif tiff heic
/// heif); None for non-images.
pub fn kind(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => Kind::Jpeg,
        "png" => Kind::Png,
        "webp" => Kind::Webp,
        "tif" | "tiff" => Kind::Tiff,
        "heic" | "heif" => Kind::Heic,
        _ => return None,
    })
}

/// Removes all metadata except a rebuilt orientation-only EXIF block (kept only when the
/// orientation is 2–8), leaving pixel data byte-identical.
///
/// JPEG: drops every APPn and COM segment except APP0 JFIF (its thumbnail removed), APP2
/// ICC_PROFILE and APP14 Adobe, also between progressive scans, and everything after the
/// end-of-image marker (MPF extra images, appended data). PNG: keeps critical chunks and the
/// ancillary chunks that affect display (colour, transparency, density, APNG); drops eXIf,
/// tEXt, zTXt, iTXt, tIME and any other. WebP: keeps VP8X, VP8, VP8L, ALPH, ANIM, ANMF and
/// ICCP; drops EXIF, XMP and unknown chunks, and clears the VP8X EXIF/XMP flags.
///
/// Errors: TIFF and HEIC are refused; files that do not parse as their kind are rejected,
/// as are files still showing GPS data after cleaning.
pub fn clean(kind: Kind, bytes: Vec<u8>) -> Result<(Vec<u8>, ImageReport), String> {
    let name = match kind {
        Kind::Tiff => return Err(refuse("TIFF")),
        Kind::Heic => return Err(refuse("HEIC/HEIF")),
        Kind::Jpeg => "JPEG",
        Kind::Png => "PNG",
        Kind::Webp => "WebP",
    };
    let had_gps = has_gps(kind, &bytes);
    let input = Bytes::from(bytes);
    let cleaned = match kind {
        Kind::Png => clean_png(input.clone()),
        Kind::Webp => clean_webp(input.clone()),
        _ => clean_jpeg(input.clone()),
    };
    let (out, dropped) = cleaned.map_err(|problem| invalid(name, problem))?;
    if has_gps(kind, &out) {
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

/// True when the image carries GPS data: an EXIF GPS IFD pointer (tag 0x8825) in any EXIF
/// block (JPEG APP1 "Exif\0\0", PNG eXIf, WebP EXIF, also a TIFF file's own IFD0), or XMP
/// containing "GPSLatitude". Scans the raw bytes, so it also sees blocks in files that do not
/// parse and in images appended after a JPEG's end; never panics on hostile input.
pub fn has_gps(kind: Kind, bytes: &[u8]) -> bool {
    (kind == Kind::Tiff && tiff_has_gps(bytes))
        || find(bytes, b"GPSLatitude").next().is_some()
        || EXIF_MARKS.iter().any(|&(mark, skip)| {
            find(bytes, mark)
                .take(MAX_EXIF_BLOCKS)
                .any(|at| tiff_has_gps(bytes.get(at + skip..).unwrap_or_default()))
        })
}

/// Pixel dimensions (width, height) as displayed, for width/height attributes on `<img>`:
/// swapped when the EXIF orientation rotates by 90° (5–8), as browsers apply it. None when
/// unreadable, and for TIFF/HEIC.
pub fn dimensions(kind: Kind, bytes: &[u8]) -> Option<(u32, u32)> {
    let b = Bytes::copy_from_slice(bytes);
    let ((w, h), exif) = match kind {
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
        Kind::Tiff | Kind::Heic => return None,
    };
    let turned = exif.and_then(|e| orientation(&e)).is_some_and(|o| o >= 5);
    Some(if turned { (h, w) } else { (w, h) })
}

fn refuse(name: &str) -> String {
    format!(
        "{name} images are not published because their metadata (such as GPS location) cannot \
         be removed safely; export the photo as JPEG, PNG or WebP instead"
    )
}

fn invalid(name: &str, problem: impl Display) -> String {
    format!("not a valid {name}: {problem}; re-export it")
}

/// The positions where `needle` (not empty) starts in `hay`.
fn find<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let first = needle[0];
    (0..hay.len()).filter(move |&at| hay[at] == first && hay[at..].starts_with(needle))
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

/// True when `exif` (a TIFF block, with or without "Exif\0\0") has a GPS IFD pointer in IFD0.
fn tiff_has_gps(exif: &[u8]) -> bool {
    Tiff::new(exif)
        .and_then(|t| t.ifd0_entry(TAG_GPS_IFD))
        .is_some()
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
