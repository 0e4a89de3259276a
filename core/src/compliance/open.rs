//! The open calls of a replay: each call stored once in a slab, found by
//! its id through an index of slot numbers ([`SlotIndex`]).
//!
//! The index holds hash tags and slot numbers, not ids: the id is compared
//! on the call in its slot, which the event is about to touch anyway. A
//! replay of a province's log keeps tens of thousands of calls open; their
//! index then stays small (8 bytes a bucket), and the replay reading ahead
//! can ask for the index line, the call's head and clocks and its facts
//! before it needs them. The facts counted from every event live apart
//! from the calls, 20 bytes a slot, for the same reason.

use std::hash::Hasher;

use super::CallFacts;
use super::fx::FxHasher;
use super::slots::SlotIndex;
use crate::call::{Call, Id};

/// The open calls, by id.
///
/// A slot whose call has left keeps that call (dead, reached by no index
/// entry) until a new call takes the slot: the slab is a plain vector of
/// calls, so a slot's lines can be named — and prefetched — without
/// reading anything in it.
#[derive(Default)]
pub(crate) struct OpenCalls {
    /// Per open call: its slot under its id's hash tag, to find the slot
    /// of an id without touching the call.
    index: SlotIndex,
    /// The calls by slot. While the replay runs, a slot's call is open
    /// exactly when its state is not final: a call leaves when it closes or
    /// is withdrawn, and its free slot keeps it, dead, until a raise makes
    /// it new. (The calls still open at the end leave with the replay.)
    slab: Vec<Call>,
    facts: Vec<CallFacts>,
    free: Vec<u32>,
}

/// The hash of a call id in the index.
#[inline]
pub(crate) fn hash(id: &Id) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

impl OpenCalls {
    /// How many calls are open.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// The slot of an open call, by the id and its [`hash`], trying first
    /// the slot [`OpenCalls::prefetch_head`] named for it (which may have
    /// changed hands since).
    #[inline]
    pub(crate) fn find(&self, id: &Id, h: u64, hint: u32) -> Option<u32> {
        let i = hint as usize;
        if self
            .slab
            .get(i)
            .is_some_and(|c| c.is_open() && c.id() == id)
        {
            return Some(hint);
        }
        let slab = &self.slab;
        self.index
            .find(h, |s| slab.get(s as usize).map(Call::id) == Some(id))
    }

    /// Asks the processor for the index line where the id with this
    /// [`hash`] would be found (a hint; reads nothing).
    #[inline]
    pub(crate) fn prefetch_index(&self, h: u64) {
        self.index.prefetch(h);
    }

    /// Hints the processor to fetch the head of the call whose id has this
    /// [`hash`] (if open), and gives the slot to [`OpenCalls::prefetch_clocks`]
    /// later: the index and the tag alone name the slot, nothing in the call
    /// is read.
    #[inline]
    pub(crate) fn prefetch_head(&self, h: u64) -> u32 {
        match self.index.find(h, |_| true) {
            Some(slot) => {
                let i = slot as usize;
                if let Some(call) = self.slab.get(i) {
                    call.prefetch_head();
                }
                if let Some(f) = self.facts.get(i) {
                    crate::hint::prefetch(f);
                }
                slot
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
    #[inline]
    pub(crate) fn get_mut(&mut self, slot: u32) -> Option<(&mut Call, &mut CallFacts)> {
        let call = self.slab.get_mut(slot as usize)?;
        let facts = self.facts.get_mut(slot as usize)?;
        Some((call, facts))
    }

    /// The call left in the slot [`OpenCalls::occupy_free`] takes next, to
    /// be made a new call in place ([`Call::raise_into`]), if a slot is free.
    #[inline]
    pub(crate) fn free_call(&mut self) -> Option<&mut Call> {
        let &i = self.free.last()?;
        self.slab.get_mut(i as usize)
    }

    /// Opens the call [`OpenCalls::free_call`] gave, made new in place, with
    /// its facts and the [`hash`] of its id, and gives its slot.
    #[inline]
    pub(crate) fn occupy_free(&mut self, facts: CallFacts, h: u64) -> u32 {
        let Some(i) = self.free.pop() else {
            return u32::MAX;
        };
        if let Some(f) = self.facts.get_mut(i as usize) {
            *f = facts;
        }
        self.index.insert(h, i);
        i
    }

    /// Stores a call that is not open yet (the caller checked with
    /// [`OpenCalls::find`]) in a new slot, and gives its slot. The replay
    /// does so only while no slot is free: a free slot's call is made the
    /// new one in place ([`OpenCalls::free_call`], [`OpenCalls::occupy_free`]).
    #[inline]
    pub(crate) fn insert(&mut self, call: Call, facts: CallFacts, h: u64) -> u32 {
        self.slab.push(call);
        self.facts.push(facts);
        let slot = u32::try_from(self.slab.len() - 1).unwrap_or(u32::MAX);
        self.index.insert(h, slot);
        slot
    }

    /// Hands the call in a slot and its facts to `f`, then drops it from
    /// the index (the slot is free; the call stays until it is reused).
    /// `h` is the [`hash`] of its id, if the caller has it.
    #[inline]
    pub(crate) fn remove_with(
        &mut self,
        slot: u32,
        h: Option<u64>,
        f: impl FnOnce(&Call, &CallFacts),
    ) {
        let Some(call) = self.slab.get(slot as usize) else {
            return;
        };
        let h = h.unwrap_or_else(|| hash(call.id()));
        if !self.index.remove(h, slot) {
            return;
        }
        let facts = self
            .facts
            .get_mut(slot as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        f(call, &facts);
        self.free.push(slot);
    }

    /// The slots of the open calls in call id order.
    pub(crate) fn slots_by_id(&self) -> Vec<u32> {
        let id = |s: u32| self.slab.get(s as usize).map(Call::id);
        let mut slots: Vec<u32> = self.index.slots().collect();
        slots.sort_by(|&a, &b| id(a).cmp(&id(b)));
        slots
    }
}
