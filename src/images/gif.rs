//! Removing metadata from GIFs without touching their pixel data.
//!
//! A GIF's metadata lives in extension blocks: comments (`0xFE`), plain-text overlays (`0x01`)
//! and application extensions (`0xFF`), which is where XMP packets (`XMP DataXMP`, with GPS
//! when a camera app wrote it) and other vendors' data go. [`clean`] keeps the header, colour
//! tables, image descriptors and their LZW data byte for byte, graphic control extensions
//! (frame delays, transparency) and a well-formed `NETSCAPE2.0`/`ANIMEXTS1.0` looping
//! extension; it drops every other extension and anything after the trailer.
//!
//! Hand-written (about 60 lines) because no crate rewrites a GIF's blocks without decoding:
//! the `gif` crate decodes and re-encodes LZW frames, which would change the published bytes
//! of every animation and cost a full decode per file, where this walk only follows lengths.

const CUT: &str = "the file is cut short";

/// The cleaned GIF and whether anything was dropped.
pub(super) fn clean(data: &[u8]) -> Result<(Vec<u8>, bool), &'static str> {
    if data.len() < 13 || !(data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a")) {
        return Err("no GIF header");
    }
    let mut i = 13 + colour_table_len(data[10]);
    let mut out = data.get(..i).ok_or(CUT)?.to_vec();
    let (mut dropped, mut frames) = (false, 0);
    loop {
        match *data.get(i).ok_or(CUT)? {
            0x3B => {
                out.push(0x3B);
                dropped |= i + 1 < data.len();
                break;
            }
            0x2C => {
                let descriptor = data.get(i..i + 10).ok_or(CUT)?;
                // the descriptor, its colour table, then the LZW minimum code size byte
                let start = i + 10 + colour_table_len(descriptor[9]) + 1;
                let end = sub_blocks_end(data, start)?;
                out.extend_from_slice(&data[i..end]);
                (i, frames) = (end, frames + 1);
            }
            0x21 => {
                let end = sub_blocks_end(data, i + 2)?;
                if keep_extension(&data[i + 1..end]) {
                    out.extend_from_slice(&data[i..end]);
                } else {
                    dropped = true;
                }
                i = end;
            }
            _ => return Err("an unknown block"),
        }
    }
    if frames == 0 {
        return Err("no image data");
    }
    Ok((out, dropped))
}

/// The logical screen size (width, height).
pub(super) fn dimensions(data: &[u8]) -> Option<(u32, u32)> {
    let d = data.get(6..10)?;
    let size = |lo: u8, hi: u8| u32::from(u16::from_le_bytes([lo, hi]));
    Some((size(d[0], d[1]), size(d[2], d[3])))
}

/// The size of the colour table a packed-fields byte announces (none when its top bit is 0).
fn colour_table_len(flags: u8) -> usize {
    if flags & 0x80 == 0 {
        0
    } else {
        3 << ((flags & 0x07) + 1)
    }
}

/// Where the sub-block chain starting at `at` ends (after its zero-length terminator).
fn sub_blocks_end(data: &[u8], mut at: usize) -> Result<usize, &'static str> {
    loop {
        let n = usize::from(*data.get(at).ok_or(CUT)?);
        at += 1 + n;
        if n == 0 {
            return Ok(at);
        }
        if at > data.len() {
            return Err(CUT);
        }
    }
}

/// Whether to keep an extension (`ext` = label byte, sub-blocks, terminator): graphic control
/// (exactly one 4-byte sub-block) and looping (exactly the 11-byte name and a 3-byte count).
fn keep_extension(ext: &[u8]) -> bool {
    match ext {
        [0xF9, 4, _, _, _, _, 0] => true,
        [0xFF, 11, name @ .., 3, 1, _, _, 0] if name.len() == 11 => {
            name == b"NETSCAPE2.0" || name == b"ANIMEXTS1.0"
        }
        _ => false,
    }
}
