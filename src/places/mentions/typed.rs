//! How writers type what the names hold: other marks for an apostrophe ("Куп‘янськ",
//! "Kup`iansk"), and Latin letters that look like Cyrillic ones inside a Cyrillic word
//! ("Бiлозерське" with a Latin i: a Russian keyboard layout has no і, and writers who use one
//! type the Latin letter; "Bipiвка" in a regional administration's evacuation list), and
//! Cyrillic ones inside a Latin word ("Prydniprovskе" with a Cyrillic е, in an English list of
//! shelled villages copied from a Ukrainian one). The text is read as if typed with the right
//! letters.

use std::borrow::Cow;

/// `text` as the matcher reads it: [`with_apostrophes`], then [`with_right_letters`].
pub(super) fn normalised(text: &str) -> Cow<'_, str> {
    match with_apostrophes(text) {
        Cow::Borrowed(t) => with_right_letters(t),
        Cow::Owned(t) => match with_right_letters(&t) {
            Cow::Borrowed(_) => Cow::Owned(t),
            Cow::Owned(u) => Cow::Owned(u),
        },
    }
}

/// `text` with the other marks typed for an apostrophe between two letters ("Куп‘янськ",
/// "Kup`iansk") replaced by an apostrophe of the same length in UTF-8 (‘ ′ → ’, ` → ', ´ → ʼ),
/// so that every byte offset stays as it was; borrowed when it has none. Folding them into the
/// names' spellings instead would double the spellings of every name with an apostrophe.
pub(super) fn with_apostrophes(text: &str) -> Cow<'_, str> {
    // (A search per mark: a walk over the text's characters cost 1.5 % of the 10k build.)
    let b = text.as_bytes();
    let typed = memchr::memchr(b'`', b).is_some()
        || ["‘", "′", "´"]
            .iter()
            .any(|m| memchr::memmem::find(b, m.as_bytes()).is_some());
    if !typed {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let between = prev.is_some_and(char::is_alphabetic)
            && chars.peek().is_some_and(|n| n.is_alphabetic());
        out.push(match c {
            '‘' | '′' if between => '’',
            '`' if between => '\'',
            '´' if between => 'ʼ',
            c => c,
        });
        prev = Some(c);
    }
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

/// The Cyrillic letter a Latin one looks like, if one does. (Not the `unicode-security` crate's
/// confusable skeleton: it maps every script toward Latin prototypes, the opposite direction, and
/// would rewrite every Cyrillic word the matcher's spellings are written in; twenty letters
/// typed on the wrong layout are what real text has.)
fn cyrillic_twin(c: char) -> Option<char> {
    TWINS.iter().find(|(l, _)| *l == c).map(|(_, k)| *k)
}

/// The Latin letter a Cyrillic one looks like, if one does: [`cyrillic_twin`] read backwards.
fn latin_twin(c: char) -> Option<char> {
    TWINS.iter().find(|(_, k)| *k == c).map(|(l, _)| *l)
}

/// Latin letters and the Cyrillic letters they look like.
const TWINS: [(char, char); 20] = [
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('i', 'і'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('I', 'І'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
];

/// `text` with the Latin letters of each word that mixes them with Cyrillic ones replaced by
/// their Cyrillic twins, where every Latin letter of the word has one ("Bipiвка" → "Вірівка";
/// not "iPhone-ом"); else its Cyrillic letters by their Latin twins, where every one has one
/// ("Prydniprovskе" → "Prydniprovske"); borrowed when no word mixes them. The twins differ in
/// length in UTF-8, so offsets into the result are not offsets into `text` (see [`Back`]).
pub(super) fn with_right_letters(text: &str) -> Cow<'_, str> {
    // Only where an ASCII letter touches a Cyrillic one (every Cyrillic letter of Ukrainian is two
    // bytes, the first 0xD0, 0xD1 or 0xD2): a byte test, then the exact one by words.
    let b = text.as_bytes();
    // (Most texts have no Cyrillic letter at all: a vectorised search turns them away.)
    if memchr::memchr3(0xD0, 0xD1, 0xD2, b).is_none() {
        return Cow::Borrowed(text);
    }
    let cyrillic_lead = |b: u8| (0xD0..=0xD2).contains(&b);
    let touches = (0..b.len()).any(|i| {
        b[i].is_ascii_alphabetic()
            && ((i > 1 && (0x80..0xC0).contains(&b[i - 1]) && cyrillic_lead(b[i - 2]))
                || b.get(i + 1).copied().is_some_and(cyrillic_lead))
    });
    if !touches {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut changed = false;
    let mut rest = text;
    while !rest.is_empty() {
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let mixed =
            word.chars().any(super::is_cyrillic) && word.chars().any(|c| !super::is_cyrillic(c));
        let twins = |c: char, twin: fn(char) -> Option<char>, own: bool| {
            own == super::is_cyrillic(c) || twin(c).is_some()
        };
        if mixed && word.chars().all(|c| twins(c, cyrillic_twin, true)) {
            out.extend(word.chars().map(|c| cyrillic_twin(c).unwrap_or(c)));
            changed = true;
        } else if mixed && word.chars().all(|c| twins(c, latin_twin, false)) {
            out.extend(word.chars().map(|c| latin_twin(c).unwrap_or(c)));
            changed = true;
        } else {
            out.push_str(word);
        }
        let gap = rest[len..]
            .find(char::is_alphabetic)
            .map_or(rest.len(), |k| len + k);
        out.push_str(&rest[len..gap]);
        rest = &rest[gap..];
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Byte offsets of `read` (`text` as [`normalised`] read it: as many characters) back into
/// `text`. Asked in increasing order, it walks each text once: counting from the start for
/// every name was quadratic in a long text typed with Latin look-alikes.
pub(super) struct Back<'a> {
    text: &'a str,
    read: &'a str,
    /// The last offset asked, in `read` and in `text`.
    at: (usize, usize),
}

impl<'a> Back<'a> {
    pub(super) fn new(text: &'a str, read: &'a str) -> Self {
        Back {
            text,
            read,
            at: (0, 0),
        }
    }

    /// The byte offset in `text` of byte offset `at` of `read`.
    pub(super) fn offset(&mut self, at: usize) -> usize {
        if self.text.len() == self.read.len() {
            return at;
        }
        if at < self.at.0 {
            self.at = (0, 0);
        }
        let k = self.read[self.at.0..at].chars().count();
        let rest = &self.text[self.at.1..];
        let step = rest.char_indices().nth(k).map_or(rest.len(), |(i, _)| i);
        self.at = (at, self.at.1 + step);
        self.at.1
    }
}
