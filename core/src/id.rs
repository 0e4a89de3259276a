//! Identifiers of calls, units and matters: small strings kept inline.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest id kept inline (in the id's own 24 bytes).
const INLINE: usize = 23;

/// An identifier: a call id, a unit id (`U010`, `U053@U068`) or a matter id
/// (`M001`).
///
/// Ids of up to 23 bytes (7 Chinese characters) are stored inline, so cloning
/// them and reading them from JSON allocates nothing; longer ones go to the
/// heap. An `Id` reads like a `&str`.
///
/// ```
/// use huying::call::Id;
/// let id = Id::from("U053@U068");
/// assert_eq!(id, "U053@U068");
/// assert!(id.starts_with("U053"));
/// assert_eq!(serde_json::to_string(&id)?, "\"U053@U068\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub struct Id(Repr);

// An id's text is inline exactly when it is short enough: two ids are equal
// when their representations are, and two inline ones are compared as 24
// plain bytes (the replay compares ids on every event).
#[derive(Clone)]
enum Repr {
    Inline(Inline),
    Heap(Box<str>),
}

/// Up to [`INLINE`] bytes of text, then zeros, and the length (whose unused
/// values tell a heap id apart, so an `Id` is 24 bytes).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Inline {
    bytes: [u8; INLINE],
    len: Len,
}

macro_rules! lengths {
    ($($l:ident = $n:literal),*) => {
        /// A length an inline id can have.
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        enum Len { $($l = $n),* }
        /// The lengths by value.
        const LENS: [Len; INLINE + 1] = [$(Len::$l),*];
    };
}
lengths!(
    L0 = 0,
    L1 = 1,
    L2 = 2,
    L3 = 3,
    L4 = 4,
    L5 = 5,
    L6 = 6,
    L7 = 7,
    L8 = 8,
    L9 = 9,
    L10 = 10,
    L11 = 11,
    L12 = 12,
    L13 = 13,
    L14 = 14,
    L15 = 15,
    L16 = 16,
    L17 = 17,
    L18 = 18,
    L19 = 19,
    L20 = 20,
    L21 = 21,
    L22 = 22,
    L23 = 23
);

impl Inline {
    fn new(s: &str) -> Option<Inline> {
        let len = *LENS.get(s.len())?;
        let mut bytes = [0u8; INLINE];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(Inline { bytes, len })
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len as usize).unwrap_or_default()
    }
}

impl Clone for Id {
    #[inline]
    fn clone(&self) -> Id {
        Id(self.0.clone())
    }

    /// Copies an inline id over an inline one as plain bytes (nothing to
    /// drop); otherwise as `clone`.
    #[inline]
    fn clone_from(&mut self, source: &Id) {
        match (&mut self.0, &source.0) {
            (Repr::Inline(a), Repr::Inline(b)) => *a = *b,
            (me, other) => *me = other.clone(),
        }
    }
}

impl Default for Id {
    fn default() -> Id {
        Id(Repr::Inline(Inline {
            bytes: [0; INLINE],
            len: Len::L0,
        }))
    }
}

impl PartialEq for Id {
    /// Text equality: two inline ids compare as plain bytes, a word at a
    /// time; an inline id never equals a heap one (the text decides which).
    #[inline]
    fn eq(&self, other: &Id) -> bool {
        match (&self.0, &other.0) {
            (Repr::Inline(a), Repr::Inline(b)) => a == b,
            (Repr::Heap(a), Repr::Heap(b)) => a == b,
            _ => false,
        }
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id (a string)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id::new(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Id, E> {
                Ok(Id::from(v))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Id, E> {
                std::str::from_utf8(v)
                    .map(Id::new)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(v), &self))
            }
        }
        d.deserialize_str(Text)
    }
}

impl Eq for Id {}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    /// The order of the text (byte by byte, as `str` orders).
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl std::hash::Hash for Id {
    /// Hashes as the text does (`str`'s hash: the bytes, then `0xff`), so a
    /// map keyed by ids is searched by `&str` alike.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.as_bytes());
        state.write_u8(0xff);
    }
}

impl Id {
    /// An id from text.
    ///
    /// ```
    /// assert_eq!(huying::call::Id::new("C-2025-0001").as_str(), "C-2025-0001");
    /// ```
    pub fn new(s: &str) -> Id {
        match Inline::new(s) {
            Some(i) => Id(Repr::Inline(i)),
            None => Id(Repr::Heap(s.into())),
        }
    }

    /// The id as text.
    ///
    /// ```
    /// assert_eq!(huying::call::Id::from("M001").as_str(), "M001");
    /// ```
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // The bytes were a whole `str`: they are valid UTF-8.
            Repr::Inline(i) => std::str::from_utf8(i.as_bytes()).unwrap_or_default(),
            Repr::Heap(s) => s,
        }
    }

    /// The id's bytes (its text, without the check `as_str` makes).
    ///
    /// ```
    /// assert_eq!(huying::call::Id::from("M001").as_bytes(), b"M001");
    /// ```
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline(i) => i.as_bytes(),
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// The id's length in bytes.
    ///
    /// ```
    /// assert_eq!(huying::call::Id::from("M001").len(), 4);
    /// ```
    #[inline]
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Inline(i) => i.len as usize,
            Repr::Heap(s) => s.len(),
        }
    }

    /// Whether the id is empty.
    ///
    /// ```
    /// assert!(huying::call::Id::default().is_empty());
    /// ```
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id::new(s)
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        match Inline::new(&s) {
            Some(i) => Id(Repr::Inline(i)),
            None => Id(Repr::Heap(s.into_boxed_str())),
        }
    }
}

impl From<&String> for Id {
    fn from(s: &String) -> Id {
        Id::new(s)
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::hash::{BuildHasher, Hash};

    #[test]
    fn an_id_is_three_words() {
        assert_eq!(std::mem::size_of::<Id>(), 24);
        assert_eq!(std::mem::size_of::<Option<Id>>(), 24);
    }

    #[test]
    fn short_ids_stay_inline_and_long_ones_go_to_the_heap() {
        let short = "一二三四五六七"; // 21 bytes
        let long = "一二三四五六七八"; // 24 bytes
        assert!(matches!(Id::from(short).0, Repr::Inline(_)));
        assert!(matches!(Id::from(long.to_string()).0, Repr::Heap(_)));
        assert!(matches!(Id::from("x".repeat(23)).0, Repr::Inline(_)));
        assert!(matches!(Id::new(&"x".repeat(24)).0, Repr::Heap(_)));
        assert_eq!(Id::from(long).as_str(), long);
    }

    proptest! {
        /// Equality, order and hash are the text's, inline or not.
        #[test]
        fn an_id_behaves_as_its_text(a in "[a-zA-Z0-9@一二]{0,30}", b in "[a-zA-Z0-9@一二]{0,30}") {
            let (ia, ib) = (Id::new(&a), Id::from(b.clone()));
            prop_assert_eq!(ia.as_str(), a.as_str());
            prop_assert_eq!(ia.as_bytes(), a.as_bytes());
            prop_assert_eq!(ia.len(), a.len());
            prop_assert_eq!(ia == ib, a == b);
            prop_assert_eq!(ia == *b.as_str(), a == b);
            prop_assert_eq!(ia.cmp(&ib), a.cmp(&b));
            let s = std::hash::RandomState::new();
            prop_assert_eq!(s.hash_one(&ia), s.hash_one(a.as_str()));
            let mut h = rustc_hash::FxHasher::default();
            ia.hash(&mut h);
            let mut g = rustc_hash::FxHasher::default();
            a.as_str().hash(&mut g);
            prop_assert_eq!(std::hash::Hasher::finish(&h), std::hash::Hasher::finish(&g));
            let json = serde_json::to_string(&ia).unwrap();
            prop_assert_eq!(serde_json::from_str::<Id>(&json).unwrap(), ia.clone());
            // Copied over another id (inline or heap, either way), it is
            // the text copied.
            let mut c = ib.clone();
            c.clone_from(&ia);
            prop_assert_eq!(c.as_str(), a.as_str());
            prop_assert_eq!(c.clone(), ia.clone());
        }
    }
}
