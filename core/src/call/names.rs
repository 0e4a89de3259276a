//! The name table of call cores: unit and matter ids interned to numbers.
//!
//! A [`CallCore`](super::CallCore) keeps the units it names — its township
//! and matter, the department it is dispatched to, the command centre, the
//! supporting units, each clock's accountable unit — as [`Name`]s, numbers
//! in a table its caller owns: a [`Call`](super::Call) keeps its own, a
//! compliance replay one for the whole log, so a unit named by a million
//! calls is stored once and compared as a number. It is the crate's one
//! interner: the compliance tally numbers its group keys in one too.

use std::borrow::Borrow;
use std::hash::Hash;

use rustc_hash::FxHashMap;

use crate::Id;

/// A unit's or a matter's number in a [`Names`] table.
///
/// ```
/// let mut names = huying::call::Names::default();
/// let a = names.intern(&"U068".into());
/// assert_eq!(names.get(a).as_str(), "U068");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(u32);

impl Name {
    /// The number (`0..names.len()`).
    ///
    /// ```
    /// let mut names = huying::call::Names::default();
    /// assert_eq!(names.intern(&"U010".into()).index(), 0);
    /// ```
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Ids interned to dense numbers ([`Name`]s).
///
/// ```
/// use huying::call::Names;
/// let mut names = Names::default();
/// let u = names.intern(&"U010".into());
/// assert_eq!(names.intern(&"U010".into()), u);
/// assert_eq!(names.find("U010"), Some(u));
/// assert_eq!(names.find("U999"), None);
/// assert_eq!(names.len(), 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Names {
    map: FxHashMap<Id, u32>,
    ids: Vec<Id>,
}

impl PartialEq for Names {
    /// Equal when they number the same ids alike.
    fn eq(&self, o: &Names) -> bool {
        self.ids == o.ids
    }
}

impl Names {
    /// The number of `id`, interning it if new.
    #[inline]
    pub fn intern(&mut self, id: &Id) -> Name {
        Name(self.id(id))
    }

    /// Interns an id not seen before (out of line: once per id).
    #[cold]
    #[inline(never)]
    fn insert(&mut self, id: &str) -> Name {
        let n = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(Id::from(id));
        self.map.insert(Id::from(id), n);
        Name(n)
    }

    /// [`Names::intern`] of an [`Id`] or a `&str`, as a plain number for
    /// tables indexed by it.
    #[inline]
    pub(crate) fn id<Q>(&mut self, id: &Q) -> u32
    where
        Id: Borrow<Q>,
        Q: Hash + Eq + AsRef<str> + ?Sized,
    {
        match self.map.get(id) {
            Some(&n) => n,
            None => self.insert(id.as_ref()).0,
        }
    }

    /// The text of a plain number ([`Names::id`]; empty for one not issued).
    #[inline]
    pub(crate) fn name(&self, n: u32) -> &str {
        self.get(Name(n)).as_str()
    }

    /// The number of `id`, if interned.
    pub fn find(&self, id: &str) -> Option<Name> {
        self.map.get(id).map(|&n| Name(n))
    }

    /// The id of a number (an empty id for a number this table did not issue).
    #[inline]
    pub fn get(&self, n: Name) -> &Id {
        static EMPTY: std::sync::OnceLock<Id> = std::sync::OnceLock::new();
        self.ids
            .get(n.index())
            .unwrap_or_else(|| EMPTY.get_or_init(Id::default))
    }

    /// How many ids are interned (their numbers are `0..len`).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no id is interned.
    ///
    /// ```
    /// assert!(huying::call::Names::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
