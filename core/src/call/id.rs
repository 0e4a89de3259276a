//! Identifiers of calls, units and matters: small strings kept inline.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

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
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(CompactString);

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
