//! Sixteen bytes at a time as bit masks (bit k is byte k): which bytes equal a value or fall
//! in a range. The text scans (word counts, place-name starts) classify every byte of every
//! dispatch, so this is SSE2 on x86_64 (part of every x86_64 target) and a plain loop
//! elsewhere; both give the same masks, which the tests check on every byte value.

/// Sixteen bytes, loaded for classifying.
#[derive(Clone, Copy)]
pub(crate) struct Bytes16 {
    #[cfg(target_arch = "x86_64")]
    v: std::arch::x86_64::__m128i,
    #[cfg(not(target_arch = "x86_64"))]
    v: [u8; 16],
}

#[cfg(target_arch = "x86_64")]
impl Bytes16 {
    /// Loads sixteen bytes.
    #[inline(always)]
    pub(crate) fn load(chunk: &[u8; 16]) -> Bytes16 {
        // SAFETY: SSE2 is part of every x86_64 target; an unaligned load of the 16 bytes of
        // the array.
        let v = unsafe { std::arch::x86_64::_mm_loadu_si128(chunk.as_ptr().cast()) };
        Bytes16 { v }
    }

    /// The bytes with 0x20 set (ASCII letters in lower case; other bytes changed too).
    #[inline(always)]
    pub(crate) fn with_0x20(self) -> Bytes16 {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of every x86_64 target.
        let v = unsafe { _mm_or_si128(self.v, _mm_set1_epi8(0x20)) };
        Bytes16 { v }
    }

    /// Bytes equal to `b`.
    #[inline(always)]
    pub(crate) fn eq(self, b: u8) -> u16 {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of every x86_64 target.
        unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(self.v, _mm_set1_epi8(b as i8))) as u16 }
    }

    /// Bytes in `lo..=hi` (unsigned; `lo <= hi`).
    #[inline(always)]
    pub(crate) fn in_range(self, lo: u8, hi: u8) -> u16 {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of every x86_64 target. `b - lo <= hi - lo` (wrapping,
        // unsigned) is `min(b - lo, hi - lo) == b - lo`.
        unsafe {
            let x = _mm_sub_epi8(self.v, _mm_set1_epi8(lo as i8));
            let le = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8((hi - lo) as i8)), x);
            _mm_movemask_epi8(le) as u16
        }
    }

    /// Bytes of 0x80 and above.
    #[inline(always)]
    pub(crate) fn high(self) -> u16 {
        // SAFETY: SSE2 is part of every x86_64 target.
        unsafe { std::arch::x86_64::_mm_movemask_epi8(self.v) as u16 }
    }
}

#[cfg(not(target_arch = "x86_64"))]
impl Bytes16 {
    /// Loads sixteen bytes.
    #[inline(always)]
    pub fn load(chunk: &[u8; 16]) -> Bytes16 {
        Bytes16 { v: *chunk }
    }

    /// The bytes with 0x20 set (ASCII letters in lower case; other bytes changed too).
    #[inline(always)]
    pub fn with_0x20(self) -> Bytes16 {
        Bytes16 {
            v: self.v.map(|b| b | 0x20),
        }
    }

    /// Bytes equal to `b`.
    #[inline(always)]
    pub fn eq(self, b: u8) -> u16 {
        self.mask(|x| x == b)
    }

    /// Bytes in `lo..=hi`.
    #[inline(always)]
    pub fn in_range(self, lo: u8, hi: u8) -> u16 {
        self.mask(|x| (lo..=hi).contains(&x))
    }

    /// Bytes of 0x80 and above.
    #[inline(always)]
    pub fn high(self) -> u16 {
        self.mask(|x| x >= 0x80)
    }

    fn mask(self, f: impl Fn(u8) -> bool) -> u16 {
        let mut m = 0u16;
        for (k, &b) in self.v.iter().enumerate() {
            m |= u16::from(f(b)) << k;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_agree_with_plain_comparisons_on_every_byte() {
        let ranges = [
            (0, 0),
            (9, 13),
            (b'A', b'Z'),
            (0x8B, 0xA7),
            (0xB0, 0xBF),
            (0, 255),
        ];
        for start in (0..256).step_by(16) {
            let chunk: [u8; 16] = std::array::from_fn(|k| (start + k) as u8);
            let v = Bytes16::load(&chunk);
            let want =
                |f: &dyn Fn(u8) -> bool| (0..16).fold(0u16, |m, k| m | u16::from(f(chunk[k])) << k);
            for (lo, hi) in ranges {
                assert_eq!(v.in_range(lo, hi), want(&|b| (lo..=hi).contains(&b)));
            }
            for b in [0u8, b' ', 0x80, 0xE2, 0xFF] {
                assert_eq!(v.eq(b), want(&|x| x == b));
            }
            assert_eq!(v.high(), want(&|x| x >= 0x80));
            let lower = v.with_0x20();
            assert_eq!(
                lower.in_range(b'a', b'z'),
                want(&|x| (x | 0x20).is_ascii_lowercase())
            );
        }
    }
}
