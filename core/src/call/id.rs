//! Identifiers of calls, units and matters: small strings kept inline.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::bytes::{half, word};

/// An identifier: a call id, a unit id (`U010`, `U053@U068`) or a matter id
/// (`M001`).
///
/// Ids of up to 24 bytes (8 Chinese characters) are stored inline, so cloning
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
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(CompactString);

impl PartialEq for Id {
    /// Byte equality. Ids are compared on every event, so short ones are
    /// compared by a few overlapping machine words instead of a call to `memcmp`.
    #[inline]
    fn eq(&self, other: &Id) -> bool {
        eq_bytes(self.0.as_bytes(), other.0.as_bytes())
    }
}

/// Byte equality of two ids by overlapping words.
#[inline]
fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        // Three windows of 8 bytes at 0, the middle and the end cover n ≤ 24.
        8..=24 => {
            let m = (n - 8) / 2;
            word(a, 0) == word(b, 0) && word(a, m) == word(b, m) && word(a, n - 8) == word(b, n - 8)
        }
        // Two windows of 4 bytes at 0 and at the end cover n < 8.
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

/// A short list of ids: none or one inline (the common case: the township
/// supports), more on the heap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Ids {
    #[default]
    None,
    One(Id),
    Many(Box<[Id]>),
}

impl Ids {
    pub(crate) fn as_slice(&self) -> &[Id] {
        match self {
            Ids::None => &[],
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(ids) => ids,
        }
    }

    pub(crate) fn set(&mut self, ids: &[Id]) {
        if self.as_slice() != ids {
            *self = match ids {
                [] => Ids::None,
                [one] => Ids::One(one.clone()),
                many => Ids::Many(many.into()),
            };
        }
    }
}

impl Eq for Id {}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.0.as_str().cmp(other.0.as_str())
    }
}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_str().hash(state);
    }
}

impl Id {
    /// An id from text.
    ///
    /// ```
    /// assert_eq!(huying::call::Id::new("C-2025-0001").as_str(), "C-2025-0001");
    /// ```
    pub fn new(s: &str) -> Id {
        Id(CompactString::new(s))
    }

    /// The id as text.
    ///
    /// ```
    /// assert_eq!(huying::call::Id::from("M001").as_str(), "M001");
    /// ```
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id::new(s)
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(CompactString::from(s))
    }
}

impl From<&String> for Id {
    fn from(s: &String) -> Id {
        Id::new(s)
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}
