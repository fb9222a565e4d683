//! The scan's table over the spellings: which names are usable, the buckets of spellings by
//! their leading bytes, the bit set of first byte pairs, and the search for the next capital.
//! (Split from `mentions.rs`; see that module's documentation for why a hash lookup per word
//! start, not an automaton.)

use ahash::AHashMap;

use super::super::gazetteer::{Gazetteer, PlaceId};
use super::{Buckets, letters_at_least, spellings};

/// Every usable name in the gazetteer, sorted (so that ids and the order of equally long
/// spellings are the same on every build), with the places it names.
pub(super) fn usable_names(g: &Gazetteer) -> (Vec<String>, Vec<Vec<PlaceId>>) {
    let mut map: AHashMap<std::borrow::Cow<'_, str>, Vec<PlaceId>> = AHashMap::new();
    let variants = spellings::shared_variants(g);
    let russian_names = spellings::russian_romanised_by_name(g);
    for (id, p) in g.iter() {
        let war = spellings::RUSSIAN_STYLE_OBLASTS.contains(&p.oblast_iso.as_str());
        let russian = war.then(|| {
            let mut v = spellings::russian_style(&p.name_uk, &p.name);
            v.extend(
                russian_names
                    .get(p.name_uk.as_str())
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            v
        });
        let press = spellings::press_romanised(&p.name_uk)
            .into_iter()
            .chain(russian.into_iter().flatten())
            .filter(|v| !p.all_names().any(|n| n == v))
            .map(std::borrow::Cow::Owned);
        let shared = variants
            .get(p.name_uk.as_str())
            .into_iter()
            .flatten()
            .map(|v| std::borrow::Cow::Borrowed(*v));
        for n in p
            .all_names()
            .map(std::borrow::Cow::Borrowed)
            .chain(press)
            .chain(shared)
        {
            if usable(&n) {
                let v = map.entry(n).or_default();
                if !v.contains(&id) {
                    v.push(id);
                }
            }
        }
    }
    let mut named: Vec<(std::borrow::Cow<'_, str>, Vec<PlaceId>)> = map.into_iter().collect();
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let targets: Vec<Vec<PlaceId>> = named.iter().map(|(_, t)| t.clone()).collect();
    let names: Vec<String> = named.into_iter().map(|(n, _)| n.into_owned()).collect();
    (names, targets)
}

/// The lookup tables over the sorted spellings: buckets by leading bytes (longest spelling
/// first), the bit set of first byte pairs, and the range of non-ASCII first bytes.
pub(super) fn index(texts: &[String]) -> (Buckets, Box<[u64; 1024]>, (u8, u8)) {
    let mut buckets = Buckets::new();
    let mut pairs = Box::new([0u64; 1024]);
    for (i, t) in texts.iter().enumerate() {
        let b = t.as_bytes();
        let pair = pair_index(b[0], b[1]);
        pairs[pair / 64] |= 1 << (pair % 64);
        buckets.entry(lead(b).to_vec()).or_default().push(i as u32);
    }
    let high = texts
        .iter()
        .map(|t| t.as_bytes()[0])
        .filter(|b| !b.is_ascii());
    let high_starts = (high.clone().min().unwrap_or(0xFF), high.max().unwrap_or(0));
    for bucket in buckets.values_mut() {
        // Longest first; equally long spellings in a fixed order (the table's is not).
        bucket.sort_unstable_by_key(|i| {
            let t = &texts[*i as usize];
            (std::cmp::Reverse(t.len()), t)
        });
    }
    (buckets, pairs, high_starts)
}

/// A name worth matching in prose: capitalised, at least three letters.
fn usable(n: &str) -> bool {
    n.chars().next().is_some_and(char::is_uppercase) && letters_at_least(n, 3)
}

/// The first byte from `i` on that is an ASCII capital or in the range `high` of non-ASCII
/// bytes (empty when its start is above its end): where a spelling may start. Sixteen bytes
/// at a time, as most bytes of prose are neither.
pub(crate) fn next_capital(bytes: &[u8], mut i: usize, high: (u8, u8)) -> Option<usize> {
    while let Some(chunk) = bytes.get(i..i + 16) {
        let v = crate::bytemask::Bytes16::load(chunk.try_into().unwrap_or(&[0; 16]));
        let high_mask = if high.0 <= high.1 {
            v.in_range(high.0, high.1)
        } else {
            0
        };
        let mask = v.in_range(b'A', b'Z') | high_mask;
        if mask != 0 {
            return Some(i + mask.trailing_zeros() as usize);
        }
        i += 16;
    }
    (i..bytes.len())
        .find(|&k| bytes[k].is_ascii_uppercase() || (high.0..=high.1).contains(&bytes[k]))
}

/// What spellings are filed under, and looked up by: for a Latin word its whole first run of
/// ASCII letters (a Latin spelling must end where the word does, so that run must be the
/// same in the text), else the first three bytes (a Cyrillic stem ends inside the word).
/// `b` holds at least three bytes.
pub(super) fn lead(b: &[u8]) -> &[u8] {
    if b[0].is_ascii() {
        let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        &b[..n.max(1)]
    } else {
        &b[..3]
    }
}

pub(super) fn pair_index(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// The pairs bit set, stored as a sequence (serde's arrays stop at 32).
pub(super) mod pair_bits {
    pub(in super::super) fn serialize<S: serde::Serializer>(
        bits: &[u64; 1024],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(bits.iter())
    }

    pub(in super::super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Box<[u64; 1024]>, D::Error> {
        let v: Vec<u64> = serde::Deserialize::deserialize(d)?;
        v.into_boxed_slice()
            .try_into()
            .map_err(|_| serde::de::Error::custom("the pairs bit set holds 1,024 words"))
    }
}
