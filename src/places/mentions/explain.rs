//! What the matcher made of each name it found in a text, for `dateline places`.

use super::super::gazetteer::PlaceId;
use super::context::{Rule, Unlinked};
use super::guards::Guard;

/// One occurrence of a gazetteer name in a text and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// Byte range in the text (including a case ending).
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The gazetteer name it spells ("Бахмут" for "Бахмуті").
    pub name: String,
    /// Linked, or why not.
    pub verdict: Verdict,
}

/// What became of one occurrence.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// A mention of this place, by this rule.
    Linked(PlaceId, Rule),
    /// A name of a place, but which place is not clear enough.
    Unlinked(Unlinked),
    /// Not a place's name here.
    Guarded(Guard),
}
