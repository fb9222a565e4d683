//! Word counts: runs of non-space characters holding at least one letter or digit, as
//! `split_whitespace` would find them with `char::is_alphanumeric`.
//!
//! Text is taken 64 bytes at a time as bit masks (spaces, ASCII letters and digits): a word
//! starts at the first letter or digit of each run of non-space bytes, which the masks give
//! with a shift, an add and a popcount (the add carries "a space came before" across runs of
//! punctuation: `(AP)`, `“Yes`). Chunks whose only non-ASCII characters are the common
//! punctuation of smart typography (’ “ ” — …: never letters, never spaces) take the same path;
//! any other chunk is walked a character at a time. Must give exactly what the slow path
//! gives, which the tests check on random text.

use crate::bytemask::Bytes16;

/// Counts the words of `text`.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut counted, mut i) = (0usize, false, 0usize);
    while let Some(chunk) = bytes.get(i..i + 64) {
        let m = Masks::of(chunk.try_into().unwrap_or(&[0; 64]));
        if !m.plain() {
            i = count_chars(text, i, i + 64, &mut words, &mut counted);
            continue;
        }
        let other = !(m.space | m.alnum);
        // Bit k set: the significant byte before k (skipping punctuation) is a space, or k
        // starts the text's first word. `t + other` carries from the first punctuation byte
        // after a space to the byte after its run.
        let after_space = (m.space << 1) | u64::from(!counted);
        let t = after_space & other;
        let after_run = t.wrapping_add(other) & !other;
        words += (m.alnum & (after_space | after_run)).count_ones() as usize;
        let significant = m.space | m.alnum;
        if significant != 0 {
            counted = m.alnum >> (63 - significant.leading_zeros()) & 1 == 1;
        }
        i += 64;
    }
    count_chars(text, i, text.len(), &mut words, &mut counted);
    words
}

/// Counts words a character at a time from byte `i` (a char boundary) until at least `end`;
/// returns where it stopped (a char boundary).
fn count_chars(
    text: &str,
    mut i: usize,
    end: usize,
    words: &mut usize,
    counted: &mut bool,
) -> usize {
    let mut chars = text[i..].chars();
    while i < end {
        let Some(c) = chars.next() else { break };
        i += c.len_utf8();
        let alnum = c.is_alphanumeric();
        *words += usize::from(alnum && !*counted);
        *counted = (*counted || alnum) && !c.is_whitespace();
    }
    i
}

/// Bit masks of 64 bytes (bit k is byte k).
#[derive(Debug, Default, PartialEq)]
struct Masks {
    /// ASCII white space (`char::is_whitespace` below 0x80).
    space: u64,
    /// ASCII letters and digits.
    alnum: u64,
    /// Bytes of 0x80 and above.
    high: u64,
    /// 0xE2 (the first byte of U+2000–U+2FFF).
    e2: u64,
    /// 0x80.
    x80: u64,
    /// 0x8B–0xA7 and 0xB0–0xBF: after E2 80, punctuation that is not a space.
    punct: u64,
}

impl Masks {
    /// Whether the fast path may take the chunk: all ASCII, or its non-ASCII bytes are whole
    /// `E2 80 xx` punctuation characters (U+200B–U+2027, U+2030–U+203F) inside the chunk.
    fn plain(&self) -> bool {
        if self.high == 0 {
            return true;
        }
        let lead = self.e2;
        lead >> 62 == 0
            && self.high == lead | lead << 1 | lead << 2
            && (lead << 1) & !self.x80 == 0
            && (lead << 2) & !self.punct == 0
    }

    fn of(chunk: &[u8; 64]) -> Masks {
        let mut m = Masks::default();
        for (k, part) in chunk.chunks_exact(16).enumerate() {
            let v = Bytes16::load(part.try_into().unwrap_or(&[0; 16]));
            let bits = |mask: u16| u64::from(mask) << (16 * k);
            m.space |= bits(v.eq(b' ') | v.in_range(b'\t', b'\r'));
            m.alnum |= bits(v.with_0x20().in_range(b'a', b'z') | v.in_range(b'0', b'9'));
            let high = v.high();
            if high != 0 {
                // Only chunks with non-ASCII bytes need the masks of `plain`.
                m.high |= bits(high);
                m.e2 |= bits(v.eq(0xE2));
                m.x80 |= bits(v.eq(0x80));
                m.punct |= bits(v.in_range(0x8B, 0xA7) | v.in_range(0xB0, 0xBF));
            }
        }
        m
    }
}

/// `text` if it has at most `max` characters, else its first `max - 1` cut back to the last
/// space and followed by an ellipsis. Borrows the text to measure it; copies only what stays.
pub fn shorten(text: &str, max: usize) -> String {
    // Fewer than `max` bytes are fewer than `max` characters.
    if text.len() <= max {
        return text.to_string();
    }
    let mut chars = text.char_indices();
    let Some((at, _)) = chars.nth(max - 1).filter(|_| chars.next().is_some()) else {
        return text.to_string();
    };
    let cut = &text[..at];
    let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
    [cut, "…"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> usize {
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn words_are_counted_like_split_whitespace_with_a_letter_or_digit() {
        for text in [
            "",
            "  one two\tthree\nfour  ",
            "— dash – and … marks 24 km/h",
            "Бахмут, Часів Яр і Костянтинівка",
            "a\u{a0}b\u{2003}c",
            "x - y -- z 1",
            "a\u{b}b\u{c}c\u{85}d\u{1c}e",
        ] {
            assert_eq!(count_words(text), reference(text), "{text:?}");
        }
    }

    /// Random texts long enough for several chunks, from pieces that stress the chunk
    /// edges: punctuation runs, smart quotes and dashes (fast path), non-breaking and other
    /// Unicode spaces, Cyrillic (slow path), characters cut by a chunk edge.
    #[test]
    fn random_texts_match_the_reference() {
        let pieces = [
            "a",
            "Kyiv",
            " ",
            "  ",
            "\n",
            "\t",
            "(",
            ")",
            "-",
            ",",
            ".",
            "3,000",
            "“",
            "”",
            "’",
            "—",
            "…",
            "x",
            "9",
            "(AP)",
            "“Yes",
            "'",
            "\u{b}",
            "\u{1c}",
            "\u{a0}",
            "\u{2003}",
            "\u{2028}",
            "\u{202f}",
            "Бахмут",
            "і",
            "é",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        // The first 24 pieces never force the slow path; half the texts use only those.
        let fast = 24;
        let smart = |c: char| c.is_ascii() || "“”’—…".contains(c);
        assert!(pieces[..fast].iter().all(|p| p.chars().all(smart)));
        for n in 0..4000 {
            let len = (next() % 120) as usize;
            let from = if n % 2 == 0 { fast } else { pieces.len() };
            let text: String = (0..len)
                .map(|_| pieces[(next() % from as u64) as usize])
                .collect();
            assert_eq!(count_words(&text), reference(&text), "{text:?}");
        }
    }
}
