//! "Did you mean …?": the one way every message picks the known name closest to a mistyped
//! one (a front-matter key, a heading id, an image beside a dispatch, a source path, a
//! published page). One rule everywhere, so a typo is caught the same way in each place.
//!
//! A leaf: it knows strings only.

/// The entry of `known` closest to `word`, if it is close enough to be a likely typo: at
/// most a third of its length away (and at least 2), counting a swap of two neighbouring
/// characters as one edit and ignoring case. Ties go to the first in sort order. Entries
/// whose length alone puts them too far are not compared, so a long list (every page of a
/// site) costs little.
pub(crate) fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let lower = word.to_lowercase();
    known
        .into_iter()
        .filter_map(|k| {
            let k_len = k.chars().count();
            let most = limit(k_len);
            // The distance is at least the difference in length.
            if k_len.abs_diff(len) > most {
                return None;
            }
            let d = strsim::damerau_levenshtein(&lower, &k.to_lowercase());
            (d <= most).then_some((d, k))
        })
        .min()
        .map(|(_, k)| k)
}

/// The most edits a name of `len` characters may be away from a word to be suggested for it.
fn limit(len: usize) -> usize {
    2.max(len / 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_nearest_close_enough_name() {
        assert_eq!(
            closest("citys", ["title", "cities", "tags"]),
            Some("cities")
        );
        assert_eq!(closest("zzzzzz", ["title"]), None);
        // A swap is one edit; case does not count.
        assert_eq!(closest("Contcat", ["contact", "about"]), Some("contact"));
        // Paths: a third of the length.
        let pages = ["/2023/02/bakhmut-encirclement/", "/2022/11/kyiv-blackouts/"];
        assert_eq!(
            closest("/2023/02/bakhmut-encirclment/", pages),
            Some(pages[0])
        );
        assert_eq!(closest("/2026/12/nope/", pages), None);
        // Ties: the first in sort order.
        assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
    }
}
