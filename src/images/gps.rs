//! Finding GPS data wherever an image can hold it, for sites that turn stripping off and for
//! `dateline check`.
//!
//! Places looked at: EXIF blocks (JPEG APP1, PNG `eXIf`, WebP `EXIF`, HEIC items, a TIFF or
//! camera raw file's own IFD0), XMP packets in any container (JPEG APP1, PNG `iTXt`, WebP
//! `XMP `, GIF application extensions: `GPSLatitude`, `GPSLongitude` or any `exif:GPS…`
//! property), compressed PNG text (`zTXt`, compressed `iTXt`, inflated with a size cap), and
//! ImageMagick's hex "Raw profile type exif/xmp" PNG text, which carries a whole EXIF block.

use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};

use super::{EXIF_PREFIX, Tiff};

const TAG_GPS_IFD: u16 = 0x8825;
/// Where EXIF blocks start, and how many bytes past the match their TIFF header (or
/// "Exif\0\0" prefix) begins: JPEG APP1 and HEIC items, PNG eXIf chunks, WebP EXIF chunks.
const EXIF_MARKS: [(&[u8], usize); 3] = [(EXIF_PREFIX, 6), (b"eXIf", 4), (b"EXIF", 8)];
/// Cap on candidate EXIF blocks examined per mark, so hostile files stay cheap.
const MAX_EXIF_BLOCKS: usize = 256;
/// XMP property names that hold a position (`exif:GPS…` covers the EXIF namespace's whole GPS
/// group; the bare names catch other prefixes bound to that namespace).
const XMP_GPS: [&[u8]; 3] = [b"GPSLatitude", b"GPSLongitude", b"exif:GPS"];
/// Largest inflated size of one compressed PNG text chunk. Real captions and XMP packets are a
/// few kilobytes; a chunk that inflates past this (a decompression bomb, or something hiding
/// in bulk) counts as carrying GPS, because we will not look inside it.
pub(super) const MAX_INFLATED: usize = 8 << 20;
/// Largest inflated size over all text chunks of one PNG, for the same reason.
const MAX_INFLATED_TOTAL: usize = 64 << 20;

/// True when the image carries GPS data in any place listed in the module docs. Scans the raw
/// bytes, so it also sees blocks in files that do not parse and in images appended after a
/// JPEG's end; never panics on hostile input.
pub(crate) fn has_gps(bytes: &[u8]) -> bool {
    tiff_has_gps(bytes) || raw_has_gps(bytes) || png_text_has_gps(bytes)
}

/// The positions where `needle` (not empty) starts in `hay`.
pub(super) fn find<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(hay, needle)
}

/// GPS in XMP text or in an EXIF block found anywhere in `bytes`.
fn raw_has_gps(bytes: &[u8]) -> bool {
    XMP_GPS
        .iter()
        .any(|name| find(bytes, name).next().is_some())
        || EXIF_MARKS.iter().any(|&(mark, skip)| {
            find(bytes, mark)
                .take(MAX_EXIF_BLOCKS)
                .any(|at| tiff_has_gps(bytes.get(at + skip..).unwrap_or_default()))
        })
}

/// True when `exif` (a TIFF block, with or without "Exif\0\0") has a GPS IFD pointer in IFD0.
pub(super) fn tiff_has_gps(exif: &[u8]) -> bool {
    Tiff::new(exif)
        .and_then(|t| t.ifd0_entry(TAG_GPS_IFD))
        .is_some()
}

/// GPS in a PNG's text chunks once decompressed or hex-decoded; false for other files.
fn png_text_has_gps(bytes: &[u8]) -> bool {
    let Some(mut rest) = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n") else {
        return false;
    };
    let mut budget = MAX_INFLATED_TOTAL;
    // Walks chunks as far as they are whole: length, type, data, CRC (not checked here).
    while let Some((len, rest2)) = rest.split_first_chunk::<4>() {
        let len = u32::from_be_bytes(*len) as usize;
        let Some((kind, rest3)) = rest2.split_first_chunk::<4>() else {
            break;
        };
        let data = rest3.get(..len).unwrap_or(rest3);
        let found = match kind {
            b"tEXt" => text_has_gps(data, Text::Plain, &mut budget),
            b"zTXt" => text_has_gps(data, Text::Z, &mut budget),
            b"iTXt" => text_has_gps(data, Text::I, &mut budget),
            _ => false,
        };
        if found {
            return true;
        }
        rest = rest3.get(len.saturating_add(4)..).unwrap_or_default();
    }
    false
}

/// The three PNG text chunk layouts.
#[derive(Clone, Copy)]
enum Text {
    /// `keyword\0text`
    Plain,
    /// `keyword\0 method zlib-data`
    Z,
    /// `keyword\0 compressed? method language\0 translated-keyword\0 text-or-zlib-data`
    I,
}

/// GPS in one text chunk's `data`; `budget` is what may still be inflated for this file.
fn text_has_gps(data: &[u8], layout: Text, budget: &mut usize) -> bool {
    let Some(nul) = memchr::memchr(0, data) else {
        return false;
    };
    let (keyword, rest) = (&data[..nul], &data[nul + 1..]);
    let (compressed, text) = match layout {
        Text::Plain => (false, rest),
        Text::Z => (true, rest.get(1..).unwrap_or_default()),
        Text::I => {
            let flag = rest.first() == Some(&1);
            let after = rest.get(2..).unwrap_or_default();
            // skip the language tag and the translated keyword
            let text = after.splitn(3, |&b| b == 0).nth(2).unwrap_or_default();
            (flag, text)
        }
    };
    if !compressed {
        return raw_profile_has_gps(keyword, text);
    }
    let limit = MAX_INFLATED.min(*budget);
    let text = match decompress_to_vec_zlib_with_limit(text, limit) {
        Ok(t) => t,
        Err(e) if e.status == TINFLStatus::HasMoreOutput => return true,
        // corrupt or cut short: look at what did inflate
        Err(e) => e.output,
    };
    *budget -= text.len();
    raw_has_gps(&text) || raw_profile_has_gps(keyword, &text)
}

/// GPS in ImageMagick's "Raw profile type NAME" text (`\nNAME\n  LENGTH\nHEX…`), which holds a
/// whole EXIF block or XMP packet as hex digits.
fn raw_profile_has_gps(keyword: &[u8], text: &[u8]) -> bool {
    if !keyword.starts_with(b"Raw profile type") {
        return false;
    }
    // the hex digits start after the third newline
    let hex = text.splitn(4, |&b| b == b'\n').nth(3).unwrap_or_default();
    let digits: Vec<u8> = hex
        .iter()
        .filter_map(|&b| char::from(b).to_digit(16))
        .map(|d| d as u8)
        .collect();
    let decoded: Vec<u8> = digits.chunks_exact(2).map(|p| p[0] << 4 | p[1]).collect();
    tiff_has_gps(&decoded) || raw_has_gps(&decoded)
}
