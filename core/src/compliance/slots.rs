//! The replay's index of open calls: 32-bit hash tags to slot numbers in
//! one flat table, linear probing, no tombstones (a removal shifts the run
//! after it back).
//!
//! A general hash table hides where a lookup will land; this one names it
//! ([`SlotIndex::prefetch`]), so the replay can ask for the line a lookup
//! needs many events before making it. An entry is 8 bytes: the low 32 bits
//! of the key's hash (its tag, which also gives its home bucket) and a slot
//! number. The table is kept at most half full.

/// An unused bucket (no slot is `u32::MAX`: the slab would need 2³² calls).
const EMPTY: u64 = u64::MAX;

/// Tags of hashes to slot numbers; a tag may map to several slots (the
/// caller tells them apart).
#[derive(Clone, Debug, Default)]
pub(crate) struct SlotIndex {
    /// A power of two long, or empty.
    table: Vec<u64>,
    len: usize,
}

#[inline]
fn tag(h: u64) -> u32 {
    h as u32
}

#[inline]
fn entry(h: u64, slot: u32) -> u64 {
    (u64::from(tag(h)) << 32) | u64::from(slot)
}

#[inline]
fn entry_tag(e: u64) -> u32 {
    (e >> 32) as u32
}

#[inline]
fn entry_slot(e: u64) -> u32 {
    e as u32
}

/// Puts an entry in the first free bucket from its home (the table has one).
fn place(table: &mut [u64], e: u64) {
    let mask = table.len().wrapping_sub(1);
    let mut i = entry_tag(e) as usize & mask;
    for _ in 0..table.len() {
        match table.get_mut(i) {
            Some(b) if *b == EMPTY => {
                *b = e;
                return;
            }
            _ => i = (i + 1) & mask,
        }
    }
}

impl SlotIndex {
    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline]
    fn mask(&self) -> usize {
        self.table.len().wrapping_sub(1)
    }

    /// Asks the processor for the line where a lookup of `h` starts (a
    /// hint; reads nothing).
    #[inline]
    pub(crate) fn prefetch(&self, h: u64) {
        if let Some(b) = self.table.get(tag(h) as usize & self.mask()) {
            crate::hint::prefetch(b);
        }
    }

    /// The first slot under `h`'s tag that `is` accepts.
    #[inline]
    pub(crate) fn find(&self, h: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        let (t, mask) = (tag(h), self.mask());
        let mut i = t as usize & mask;
        // At most half full: a run ends at an empty bucket.
        for _ in 0..self.table.len() {
            let e = *self.table.get(i)?;
            if e == EMPTY {
                return None;
            }
            if entry_tag(e) == t && is(entry_slot(e)) {
                return Some(entry_slot(e));
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Adds `slot` under `h`'s tag.
    pub(crate) fn insert(&mut self, h: u64, slot: u32) {
        if (self.len + 1) * 2 > self.table.len() {
            let cap = (self.table.len() * 2).max(16);
            let old = std::mem::replace(&mut self.table, vec![EMPTY; cap]);
            for e in old.into_iter().filter(|&e| e != EMPTY) {
                place(&mut self.table, e);
            }
        }
        place(&mut self.table, entry(h, slot));
        self.len += 1;
    }

    /// Removes `slot` from under `h`'s tag; whether it was there.
    pub(crate) fn remove(&mut self, h: u64, slot: u32) -> bool {
        let want = entry(h, slot);
        let mask = self.mask();
        let mut hole = tag(h) as usize & mask;
        let mut found = false;
        for _ in 0..self.table.len() {
            match self.table.get(hole) {
                Some(&e) if e == want => {
                    found = true;
                    break;
                }
                Some(&e) if e != EMPTY => hole = (hole + 1) & mask,
                _ => break,
            }
        }
        if !found {
            return false;
        }
        // Shift back each later entry of the run that may sit in the hole
        // (the hole lies between its home and where it is).
        let mut k = (hole + 1) & mask;
        for _ in 0..self.table.len() {
            let e = match self.table.get(k) {
                Some(&e) if e != EMPTY => e,
                _ => break,
            };
            let home = entry_tag(e) as usize & mask;
            if (k.wrapping_sub(home) & mask) >= (k.wrapping_sub(hole) & mask) {
                if let Some(b) = self.table.get_mut(hole) {
                    *b = e;
                }
                hole = k;
            }
            k = (k + 1) & mask;
        }
        if let Some(b) = self.table.get_mut(hole) {
            *b = EMPTY;
        }
        self.len -= 1;
        true
    }

    /// Every slot, in table order.
    pub(crate) fn slots(&self) -> impl Iterator<Item = u32> + '_ {
        self.table
            .iter()
            .filter(|&&e| e != EMPTY)
            .map(|&e| entry_slot(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[test]
    fn finds_what_was_put_and_not_what_was_taken() {
        let mut ix = SlotIndex::default();
        assert_eq!(ix.find(7, |_| true), None);
        assert!(!ix.remove(7, 1));
        // Three slots under one tag, and one under a tag with the same home.
        for s in [1, 2, 3] {
            ix.insert(0xabcd_0000_0000_0005, s);
        }
        ix.insert(0x0000_0001_0000_0015, 9);
        assert_eq!(ix.len(), 4);
        assert_eq!(ix.find(5, |s| s == 2), Some(2));
        assert_eq!(ix.find(0x15, |_| true), Some(9));
        assert!(ix.remove(5, 1));
        assert!(!ix.remove(5, 1));
        assert_eq!(ix.find(5, |s| s == 1), None);
        assert_eq!(ix.find(5, |s| s == 3), Some(3));
        assert_eq!(ix.find(0x15, |_| true), Some(9));
        let mut all: Vec<u32> = ix.slots().collect();
        all.sort_unstable();
        assert_eq!(all, [2, 3, 9]);
    }

    proptest! {
        /// Against a map, through growth and removals that shift runs back:
        /// a few tags (so runs collide and wrap around the table's end).
        #[test]
        fn agrees_with_a_map(ops in prop::collection::vec((any::<bool>(), 0u64..24, 0u32..40), 0..400)) {
            let mut ix = SlotIndex::default();
            let mut model: BTreeMap<u32, u64> = BTreeMap::new(); // slot -> hash
            for (put, k, slot) in ops {
                // Distinct tags (the low 32 bits) whose homes crowd the
                // last buckets, so runs collide and wrap; the high bits are
                // not the index's business.
                let h = (k * 0x9e37_79b9) << 32 | (u64::from(u32::MAX) - k % 6 - (k / 6) * 1024);
                if put && !model.contains_key(&slot) {
                    ix.insert(h, slot);
                    model.insert(slot, h);
                } else if !put {
                    let there = model.get(&slot) == Some(&h);
                    prop_assert_eq!(ix.remove(h, slot), there);
                    if there {
                        model.remove(&slot);
                    }
                }
                prop_assert_eq!(ix.len(), model.len());
                for (&s, &mh) in &model {
                    prop_assert_eq!(ix.find(mh, |x| x == s), Some(s));
                }
                prop_assert_eq!(ix.find(h, |x| !model.contains_key(&x)), None);
            }
        }
    }
}
