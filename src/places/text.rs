//! Place names and other gazetteer text: borrowed from the tables `build.rs` compiled into
//! the binary, or owned (places a site adds in `cities.toml`, unknown city names).
//!
//! Decoding the built-in gazetteer and matcher then copies none of their tens of thousands of
//! strings (see `places::embedded`). Reads like a `&str`; compares, orders and hashes as one.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// A string, borrowed for the life of the program or owned.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(#[serde(borrow)] Cow<'static, str>);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Cow::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Cow::Owned(s.to_string()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0.into_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compares_and_hashes_as_a_str() {
        use std::hash::BuildHasher;
        let t = Text::from("Kyiv");
        assert_eq!(t, "Kyiv");
        assert_eq!(&*t, "Kyiv");
        assert_eq!(t.to_string(), "Kyiv");
        let s = std::hash::RandomState::new();
        assert_eq!(s.hash_one(&t), s.hash_one("Kyiv"));
        let mut m = std::collections::HashMap::new();
        m.insert(t, 1);
        assert_eq!(m.get("Kyiv"), Some(&1));
        // Decoded from a table with the program's lifetime, it is borrowed.
        let bytes: &'static [u8] = Box::leak(
            postcard::to_allocvec(&Text::from("Бахмут"))
                .unwrap()
                .into_boxed_slice(),
        );
        let d: Text = postcard::from_bytes(bytes).unwrap();
        assert!(matches!(d.0, Cow::Borrowed("Бахмут")));
    }
}
