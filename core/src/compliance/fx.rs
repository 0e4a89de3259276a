//! A small, fast, non-cryptographic hasher for the replay's maps (call ids,
//! interned names), and a string interner. Hash flooding is not a concern:
//! the keys are the analyst's own log.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use crate::bytes::{half, word};
use crate::call::Id;

/// The multiplicative hash used by rustc (`FxHasher`).
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }

    /// Whole words, then the tail (with its length) in one or two loads:
    /// the general path of [`Hasher::write`].
    #[inline]
    fn write_words(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(word(c, 0));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail in one or two loads instead of byte by byte: the last
            // eight bytes (reaching back into the last whole word), or the
            // first and last four (overlapping).
            let n = bytes.len();
            let tail = if n >= 8 {
                word(bytes, n - 8)
            } else if n >= 4 {
                u64::from(half(bytes, 0)) | (u64::from(half(bytes, n - 4)) << 32)
            } else {
                rest.iter().fold(0u64, |w, &b| (w << 8) | u64::from(b))
            };
            self.add(tail ^ ((rest.len() as u64) << 59));
        }
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        if (8..=16).contains(&n) {
            // Call ids' lengths: the first word and the last eight bytes
            // (for 16 the second word, with no length mark), as
            // `write_words` takes them, without its bookkeeping.
            self.add(word(bytes, 0));
            if n > 8 {
                self.add(word(bytes, n - 8) ^ (((n % 8) as u64) << 59));
            }
            return;
        }
        self.write_words(bytes);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // A final mix: the high half folded onto the low one, a multiply,
        // and the product's middle bits folded back onto its low ones. The
        // multiply alone carries a change only upwards, so ids differing in
        // their last bytes (where running numbers are) clustered in the low
        // bits the tables index by; with the folds they spread like any
        // others (1.22 probes an insert at 30 % load for every id shape
        // tried), and the high bits the open-call index keeps as a tag come
        // straight from the product.
        let mut h = self.hash;
        h ^= h >> 32;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^ (h >> 29)
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Strings interned to dense `u32` ids.
///
/// The names are kept as [`Id`]s, so that looking up an [`Id`] (a unit,
/// a township, a matter) compares the stored name a word at a time
/// instead of calling `memcmp`; a `&str` is looked up the same way.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    map: FxMap<Id, u32>,
    names: Vec<Id>,
}

impl Interner {
    /// The id of `s` (a `&str` or an [`Id`]), interning it if new.
    #[inline]
    pub(crate) fn id<Q>(&mut self, s: &Q) -> u32
    where
        Id: Borrow<Q>,
        Q: Hash + Eq + AsRef<str> + ?Sized,
    {
        match self.map.get(s) {
            Some(&i) => i,
            None => self.insert(s.as_ref()),
        }
    }

    /// Interns a name not seen before (kept out of line: it happens once
    /// per name).
    #[cold]
    #[inline(never)]
    fn insert(&mut self, s: &str) -> u32 {
        let i = self.names.len() as u32;
        self.names.push(Id::from(s));
        self.map.insert(Id::from(s), i);
        i
    }

    /// How many names are interned (their ids are `0..len`).
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The string of an id (empty for an id never issued).
    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", Id::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> u64 {
        let mut x = FxHasher::default();
        s.hash(&mut x);
        x.finish()
    }

    #[test]
    fn ids_of_8_to_16_bytes_hash_as_words_and_tail() {
        // The short cut gives what whole words and a tail give.
        let text = b"XJ2025070100001234567890abcdef";
        for n in 0..text.len() {
            let bytes = &text[..n];
            let mut slow = FxHasher::default();
            slow.write_words(bytes);
            let mut fast = FxHasher::default();
            fast.write(bytes);
            assert_eq!(fast.finish(), slow.finish(), "{n} bytes");
        }
    }

    #[test]
    fn distinct_keys_hash_apart_and_interning_is_dense() {
        assert_ne!(h("C0000001"), h("C0000002"));
        assert_ne!(h("ab"), h("ab\0"));
        let mut i = Interner::default();
        assert_eq!(i.id("U010"), 0);
        assert_eq!(i.id("U011"), 1);
        assert_eq!(i.id("U010"), 0);
        assert_eq!(i.name(1), "U011");
        assert_eq!(i.name(9), "");
    }
}
