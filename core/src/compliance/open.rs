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
#[derive(Default)]
pub(crate) struct OpenCalls {
    index: HashTable<u32>,
    slab: Vec<Option<Call>>,
    facts: Vec<CallFacts>,
    free: Vec<u32>,
}

fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

fn id_at(slab: &[Option<Call>], slot: u32) -> Option<&Id> {
    slab.get(slot as usize)
        .and_then(Option::as_ref)
        .map(Call::id)
}

impl OpenCalls {
    /// How many calls are open.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// The slot of an open call.
    pub(crate) fn find(&self, id: &Id) -> Option<u32> {
        let slab = &self.slab;
        self.index
            .find(hash(id), |&s| id_at(slab, s) == Some(id))
            .copied()
    }

    /// The open call in a slot, and its facts.
    pub(crate) fn get_mut(&mut self, slot: u32) -> Option<(&mut Call, &mut CallFacts)> {
        let call = self.slab.get_mut(slot as usize).and_then(Option::as_mut)?;
        let facts = self.facts.get_mut(slot as usize)?;
        Some((call, facts))
    }

    /// Stores a call that is not open yet (the caller checked with
    /// [`OpenCalls::find`]) and gives its slot.
    pub(crate) fn insert(&mut self, call: Call, facts: CallFacts) -> u32 {
        let h = hash(call.id());
        let slot = match self.free.pop() {
            Some(i) => {
                if let Some(s) = self.slab.get_mut(i as usize) {
                    *s = Some(call);
                }
                if let Some(f) = self.facts.get_mut(i as usize) {
                    *f = facts;
                }
                i
            }
            None => {
                self.slab.push(Some(call));
                self.facts.push(facts);
                u32::try_from(self.slab.len() - 1).unwrap_or(u32::MAX)
            }
        };
        let slab = &self.slab;
        self.index
            .insert_unique(h, slot, |&s| id_at(slab, s).map_or(0, |id| hash(id)));
        slot
    }

    /// Hands the call in a slot and its facts to `f`, then drops it from
    /// the slot and the index.
    pub(crate) fn remove_with(&mut self, slot: u32, f: impl FnOnce(&Call, &CallFacts)) {
        let Some(entry) = self.slab.get_mut(slot as usize) else {
            return;
        };
        let Some(call) = entry.as_ref() else {
            return;
        };
        let facts = self
            .facts
            .get_mut(slot as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        f(call, &facts);
        if let Ok(e) = self.index.find_entry(hash(call.id()), |&s| s == slot) {
            e.remove();
        }
        *entry = None;
        self.free.push(slot);
    }

    /// The slots of the open calls in call id order.
    pub(crate) fn slots_by_id(&self) -> Vec<u32> {
        let mut slots: Vec<u32> = self.index.iter().copied().collect();
        slots.sort_by(|&a, &b| id_at(&self.slab, a).cmp(&id_at(&self.slab, b)));
        slots
    }
}
