//! The one hash: XXH3-64 (seed 0) from `twox-hash`, which picks AVX2 at run time. Every output
//! and input file is hashed (250 MB at 10,000 dispatches), and build keys (inputs digest, page
//! fingerprints, feed signatures) are streamed through the same function.
//!
//! A leaf module: it imports nothing from the crate, so any stage may use it.

pub(crate) use twox_hash::XxHash3_64 as Hasher;

/// XXH3-64 of `bytes`.
pub fn hash(bytes: &[u8]) -> u64 {
    Hasher::oneshot(bytes)
}

/// XXH3-128 of `parts` one after another, for keys that name content (the image cache).
pub(crate) fn hash128(parts: &[&[u8]]) -> u128 {
    let mut h = twox_hash::XxHash3_128::with_seed(0);
    for p in parts {
        h.write(p);
    }
    h.finish_128()
}

/// A streaming XXH3-64 (seed 0), for values fed through `std::hash::Hash`.
pub(crate) fn hasher() -> Hasher {
    Hasher::with_seed(0)
}

#[cfg(test)]
mod tests {
    use std::hash::Hasher as _;

    /// The reference vectors of XXH3-64 (xxHash's own sanity check, seed 0), and streaming in
    /// pieces gives the one-shot value.
    #[test]
    fn xxh3_64_as_specified() {
        assert_eq!(super::hash(b""), 0x2D06_8005_38D3_94C2);
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for len in [0, 1, 3, 16, 17, 128, 129, 240, 241, 1024, 5000, 100_000] {
            let d = &data[..len];
            let mut h = super::hasher();
            for piece in d.chunks(97) {
                h.write(piece);
            }
            assert_eq!(h.finish(), super::hash(d), "{len}");
        }
    }
}
