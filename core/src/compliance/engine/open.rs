//! The open calls of a replay: each call's core stored once in a slab and
//! found by its id through a hash table of slot numbers.
//!
//! The table holds each slot's hash and number, not the id: the id is
//! compared on the core in its slot, which the event is about to touch
//! anyway, and a replay of a province's log keeps tens of thousands of
//! calls open, so the table stays small (16 bytes a bucket). A slot freed
//! by a closed call is reused by the next raised one.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::Id;
use crate::call::CallCore;

/// An open call: its core and the policy it was raised under (an index
/// into the replay's policies, one per edition of the list).
#[derive(Clone, Debug)]
pub(crate) struct Open {
    pub(crate) core: CallCore,
    pub(crate) policy: u16,
    /// The ids of the events applied to it (most logs give none).
    pub(crate) event_ids: Vec<Id>,
}

#[derive(Default)]
pub(crate) struct OpenCalls {
    /// (hash of the call id, slot).
    table: HashTable<(u64, u32)>,
    slab: Vec<Open>,
    /// Slots of calls that have left (their cores wait to be overwritten).
    free: Vec<u32>,
    /// The ids of the calls that have left, with their hashes: a call id is
    /// raised once in a log (about 30 bytes a call).
    closed: HashTable<(u64, Id)>,
}

/// The hash of a call id.
#[inline]
pub(crate) fn hash(id: &Id) -> u64 {
    FxBuildHasher.hash_one(id.as_bytes())
}

impl OpenCalls {
    /// How many calls are open.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// The slot of the open call with this id (`h` its hash); `hint` is the
    /// slot the read-ahead saw it in, checked first.
    #[inline]
    pub(crate) fn find(&self, id: &Id, h: u64, hint: u32) -> Option<u32> {
        let slab = &self.slab;
        let is = |s: u32| {
            slab.get(s as usize)
                .is_some_and(|o| o.core.is_open() && o.core.id() == id)
        };
        if is(hint) {
            return Some(hint);
        }
        self.table
            .find(h, |&(_, s)| {
                slab.get(s as usize).is_some_and(|o| o.core.id() == id)
            })
            .map(|&(_, s)| s)
    }

    /// Whether a call with this id (`h` its hash) was open and has left.
    #[inline]
    pub(crate) fn has_left(&self, id: &Id, h: u64) -> bool {
        self.closed.find(h, |(_, c)| c == id).is_some()
    }

    /// The slot the call with hash `h` is likely in (the first entry of
    /// that hash): for the read-ahead, which checks the id later.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[inline]
    pub(crate) fn slot_of_hash(&self, h: u64) -> Option<u32> {
        self.table.find(h, |_| true).map(|&(_, s)| s)
    }

    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[inline]
    pub(crate) fn get(&self, slot: u32) -> Option<&Open> {
        self.slab.get(slot as usize)
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, slot: u32) -> Option<&mut Open> {
        self.slab.get_mut(slot as usize)
    }

    /// Opens a call: into a free slot if there is one, else a new one.
    #[inline]
    pub(crate) fn insert(&mut self, open: Open, h: u64) -> u32 {
        let slot = match self.free.pop() {
            Some(i) => {
                if let Some(s) = self.slab.get_mut(i as usize) {
                    *s = open;
                }
                i
            }
            None => {
                self.slab.push(open);
                u32::try_from(self.slab.len() - 1).unwrap_or(u32::MAX)
            }
        };
        self.table.insert_unique(h, (h, slot), |&(h, _)| h);
        slot
    }

    /// Takes the call in `slot` out of the table (`h`: its id's hash, if
    /// known) and hands it to `f`; its slot becomes free.
    #[inline]
    pub(crate) fn remove_with(&mut self, slot: u32, h: Option<u64>, f: impl FnOnce(&Open)) {
        let Some(open) = self.slab.get(slot as usize) else {
            return;
        };
        let h = h.unwrap_or_else(|| hash(open.core.id()));
        let Ok(entry) = self.table.find_entry(h, |&(_, s)| s == slot) else {
            return;
        };
        entry.remove();
        f(open);
        let id = open.core.id().clone();
        self.closed.insert_unique(h, (h, id), |&(h, _)| h);
        self.free.push(slot);
    }

    /// The slots of the open calls, in call id order.
    pub(crate) fn slots_by_id(&self) -> Vec<u32> {
        let id = |s: u32| self.slab.get(s as usize).map(|o| o.core.id());
        let mut slots: Vec<u32> = self.table.iter().map(|&(_, s)| s).collect();
        slots.sort_by(|&a, &b| id(a).cmp(&id(b)));
        slots
    }
}
