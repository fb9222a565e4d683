//! Place names and other gazetteer text: borrowed from the tables `build.rs` compiled into
//! the binary, or owned (places a site adds in `cities.toml`, unknown city names).
//!
//! Decoding the built-in gazetteer and matcher then copies none of their tens of thousands of
//! strings, and checks none of them (see [`with_arena`]). Reads like a `&str`; compares,
//! orders and hashes as one.

use std::borrow::{Borrow, Cow};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::Deref;

use ahash::AHashMap;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string, borrowed for the life of the program or owned.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Cow<'static, str>);

/// The strings an encoding wrote so far, and where each one is (start, length).
type Arena = (String, AHashMap<String, (u32, u32)>);

thread_local! {
    /// Set while [`arena_of`] encodes.
    static ENCODING: RefCell<Option<Arena>> = const { RefCell::new(None) };
    /// Set while [`with_arena`] decodes: the string every `Text` points into.
    static DECODING: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Runs `encode` (which serialises tables holding `Text`s) with every `Text` written as its
/// place (start, length) in one string, and returns that string: `build.rs` stores it as a
/// text file, whose UTF-8 the compiler checks once (`include_str!`), where decoding each of
/// 95,000 strings would check it again on every start. Equal strings are stored once.
pub fn arena_of(encode: impl FnOnce()) -> String {
    ENCODING.set(Some((String::new(), AHashMap::new())));
    encode();
    ENCODING.take().map(|(arena, _)| arena).unwrap_or_default()
}

/// Runs `decode` (which deserialises tables `arena_of` encoded) with every `Text` borrowed
/// from `arena`, the string `arena_of` returned.
pub fn with_arena<T>(arena: &'static str, decode: impl FnOnce() -> T) -> T {
    struct Reset(Option<&'static str>);
    impl Drop for Reset {
        fn drop(&mut self) {
            DECODING.set(self.0);
        }
    }
    let _reset = Reset(DECODING.replace(Some(arena)));
    decode()
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let place = ENCODING.with_borrow_mut(|enc| {
            let (arena, at) = enc.as_mut()?;
            Some(*at.entry(self.0.to_string()).or_insert_with(|| {
                let start = u32::try_from(arena.len()).expect("the arena stays under 4 GiB");
                arena.push_str(&self.0);
                (start, self.0.len() as u32)
            }))
        });
        match place {
            Some(place) => place.serialize(s),
            None => s.serialize_str(&self.0),
        }
    }
}

/// A `Text` as any other format holds it: a string, borrowed when the input lives as long.
#[derive(Deserialize)]
#[serde(transparent)]
struct Plain(#[serde(borrow)] Cow<'static, str>);

impl<'de: 'static> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        let Some(arena) = DECODING.get() else {
            return Plain::deserialize(d).map(|p| Text(p.0));
        };
        let (start, len) = <(u32, u32)>::deserialize(d)?;
        let (start, len) = (start as usize, len as usize);
        arena
            .get(start..start + len)
            .map(|s| Text(Cow::Borrowed(s)))
            .ok_or_else(|| D::Error::custom("a string outside the built-in tables' text"))
    }
}

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

    #[test]
    fn tables_encoded_with_an_arena_point_into_it() {
        let table: Vec<Text> = ["Бахмут", "Bakhmut", "Бахмут", ""]
            .into_iter()
            .map(Text::from)
            .collect();
        // Decoding borrows, so the encoded tables live as long as the program.
        let leak = |v: Vec<u8>| -> &'static [u8] { Box::leak(v.into_boxed_slice()) };
        let mut bytes: &'static [u8] = &[];
        let arena = arena_of(|| bytes = leak(postcard::to_allocvec(&table).unwrap()));
        assert_eq!(arena, "БахмутBakhmut", "each string once");
        let arena: &'static str = Box::leak(arena.into_boxed_str());
        let decoded: Vec<Text> = with_arena(arena, || postcard::from_bytes(bytes).unwrap());
        assert_eq!(decoded, table);
        assert!(decoded.iter().all(|t| matches!(t.0, Cow::Borrowed(_))));
        // Outside the two calls, a `Text` is a string again.
        let plain = leak(postcard::to_allocvec(&table).unwrap());
        assert_eq!(postcard::from_bytes::<Vec<Text>>(plain).unwrap(), table);
        // A place beyond the arena is an error, not a panic.
        let bad = leak(postcard::to_allocvec(&vec![(10u32, 90u32)]).unwrap());
        assert!(with_arena("short", || postcard::from_bytes::<Vec<Text>>(bad)).is_err());
    }
}
