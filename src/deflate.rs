//! Deflate in memory (raw RFC 1951 at zlib-rs's fastest level), for what `serve` keeps packed
//! between rebuilds: the served files other than pages (`serve::store`) and the last good
//! build's dispatch bodies (`content::body`). Text deflates to about a fifth of its size and
//! inflates in tens of microseconds per page.
//!
//! A leaf module: it imports nothing from the crate, so any stage may use it.

use std::io::{Read as _, Write as _};

/// `bytes` deflated, without spare capacity.
pub(crate) fn pack(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::fast(),
    );
    enc.write_all(bytes).expect("writing to a Vec cannot fail");
    let mut packed = enc.finish().expect("writing to a Vec cannot fail");
    packed.shrink_to_fit();
    packed
}

/// Whether packing `len` bytes into `packed` bytes is worth keeping (it saves an eighth).
pub(crate) fn worth_it(packed: usize, len: usize) -> bool {
    packed + packed / 8 < len
}

/// The `len` bytes [`pack`] made `packed` of.
pub(crate) fn unpack(packed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    (flate2::read::DeflateDecoder::new(packed))
        .read_to_end(&mut out)
        .expect("inflating what `pack` deflated cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_packs_small_and_comes_back_whole() {
        let html = "<p>Bakhmut, Kramatorsk, Sloviansk</p>\n".repeat(200);
        let packed = pack(html.as_bytes());
        assert!(packed.len() * 5 < html.len(), "{}", packed.len());
        assert!(worth_it(packed.len(), html.len()));
        assert_eq!(unpack(&packed, html.len()), html.as_bytes());
        assert!(!worth_it(90, 100));
    }
}
