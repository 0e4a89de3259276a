//! The open calls of a replay: each call stored once in a slab, found by
//! its id through a table of slot numbers.
//!
//! The table holds 4-byte slot numbers, not ids: the id is compared on the
//! call in its slot, which the event is about to touch anyway. A replay of
//! a province's log keeps tens of thousands of calls open; their index then
//! stays in cache and an event costs one trip to memory (its call), not
//! three (the table's control bytes, its key, its call). The facts counted
//! from every event live apart from the calls, 20 bytes a slot, for the
//! same reason.

use std::hash::Hasher;

use hashbrown::HashTable;

use super::CallFacts;
use super::fx::FxHasher;
use crate::call::{Call, Id};

/// The open calls, by id.
///
/// A slot whose call has left keeps that call (dead, reached by no index
/// entry) until a new call takes the slot: the slab is a plain vector of
/// calls, so a slot's lines can be named — and prefetched — without
/// reading anything in it.
#[derive(Default)]
pub(crate) struct OpenCalls {
    /// Per open call: its slot (low 32 bits) and the high 32 bits of its
    /// id's hash, to find the slot of an id without touching the call.
    index: HashTable<u64>,
    slab: Vec<Call>,
    /// Whether the call in each slot is open (a free slot keeps a dead one).
    live: Vec<bool>,
    facts: Vec<CallFacts>,
    free: Vec<u32>,
}

/// The hash of a call id in the index.
#[inline]
pub(crate) fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

fn entry(slot: u32, h: u64) -> u64 {
    (h & !0xffff_ffff) | u64::from(slot)
}

fn slot_of(e: u64) -> u32 {
    e as u32
}

fn same_tag(e: u64, h: u64) -> bool {
    (e ^ h) >> 32 == 0
}

impl OpenCalls {
    /// How many calls are open.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// The slot of an open call, by the id and its [`hash`], trying first
    /// the slot [`OpenCalls::prefetch_head`] named for it (which may have
    /// changed hands since).
    pub(crate) fn find(&self, id: &Id, h: u64, hint: u32) -> Option<u32> {
        let i = hint as usize;
        if self.live.get(i) == Some(&true) && self.slab.get(i).map(Call::id) == Some(id) {
            return Some(hint);
        }
        let slab = &self.slab;
        self.index
            .find(h, |&e| {
                same_tag(e, h) && slab.get(slot_of(e) as usize).map(Call::id) == Some(id)
            })
            .map(|&e| slot_of(e))
    }

    /// Hints the processor to fetch the head of the call whose id has this
    /// [`hash`] (if open), and gives the slot to [`OpenCalls::prefetch_clocks`]
    /// later: the index and the tag alone name the slot, nothing in the call
    /// is read.
    #[inline]
    pub(crate) fn prefetch_head(&self, h: u64) -> u32 {
        match self.index.find(h, |&e| same_tag(e, h)) {
            Some(&e) => {
                let i = slot_of(e) as usize;
                if let Some(call) = self.slab.get(i) {
                    call.prefetch_head();
                }
                #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
                if let Some(f) = self.facts.get(i) {
                    safe_arch::prefetch_t0(f);
                }
                slot_of(e)
            }
            None => u32::MAX,
        }
    }

    /// Hints the processor to fetch the clocks of the call in a slot
    /// (reads the head of its clock list, which
    /// [`OpenCalls::prefetch_head`] asked for earlier). A slot that has
    /// changed hands since is only a wasted hint.
    #[inline]
    pub(crate) fn prefetch_clocks(&self, slot: u32) {
        if let Some(call) = self.slab.get(slot as usize) {
            call.prefetch_clocks();
        }
    }

    /// The open call in a slot, and its facts.
    pub(crate) fn get_mut(&mut self, slot: u32) -> Option<(&mut Call, &mut CallFacts)> {
        let call = self.slab.get_mut(slot as usize)?;
        let facts = self.facts.get_mut(slot as usize)?;
        Some((call, facts))
    }

    /// Stores a call that is not open yet (the caller checked with
    /// [`OpenCalls::find`]) and gives its slot.
    pub(crate) fn insert(&mut self, call: Call, facts: CallFacts, h: u64) -> u32 {
        let slot = match self.free.pop() {
            Some(i) => {
                if let Some(s) = self.slab.get_mut(i as usize) {
                    *s = call;
                }
                if let Some(l) = self.live.get_mut(i as usize) {
                    *l = true;
                }
                if let Some(f) = self.facts.get_mut(i as usize) {
                    *f = facts;
                }
                i
            }
            None => {
                self.slab.push(call);
                self.live.push(true);
                self.facts.push(facts);
                u32::try_from(self.slab.len() - 1).unwrap_or(u32::MAX)
            }
        };
        let slab = &self.slab;
        self.index.insert_unique(h, entry(slot, h), |&e| {
            slab.get(slot_of(e) as usize).map_or(0, |c| hash(c.id()))
        });
        slot
    }

    /// Hands the call in a slot and its facts to `f`, then drops it from
    /// the index (the slot is free; the call stays until it is reused).
    pub(crate) fn remove_with(&mut self, slot: u32, f: impl FnOnce(&Call, &CallFacts)) {
        let Some(call) = self.slab.get(slot as usize) else {
            return;
        };
        let h = hash(call.id());
        let Ok(found) = self.index.find_entry(h, |&e| slot_of(e) == slot) else {
            return;
        };
        found.remove();
        let facts = self
            .facts
            .get_mut(slot as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        f(call, &facts);
        if let Some(l) = self.live.get_mut(slot as usize) {
            *l = false;
        }
        self.free.push(slot);
    }

    /// The slots of the open calls in call id order.
    pub(crate) fn slots_by_id(&self) -> Vec<u32> {
        let id = |s: u32| self.slab.get(s as usize).map(Call::id);
        let mut slots: Vec<u32> = self.index.iter().map(|&e| slot_of(e)).collect();
        slots.sort_by(|&a, &b| id(a).cmp(&id(b)));
        slots
    }
}
