//! Cache hints for the replay's read-ahead: it asks the processor for what
//! an event will read some events before it is applied (the event, its
//! facts on the heap, its call's core and clocks). Hints, not loads: they
//! read nothing and cannot fault. `safe_arch`'s prefetches on x86 (safe
//! functions: core forbids unsafe code, and std's prefetch is unstable);
//! the read-ahead is compiled only there (on other targets the replay
//! applies each event as it comes).

use crate::call::{Event, EventKind};

use super::open::Open;

/// Asks for the cache line holding `x`.
#[inline(always)]
fn prefetch<T>(x: &T) {
    safe_arch::prefetch_t0(x);
}

/// [`prefetch`] for data read once (the log's events): asked for without
/// displacing what the replay keeps in the outer caches.
#[inline(always)]
fn prefetch_once<T>(x: &T) {
    safe_arch::prefetch_nta(x);
}

/// The lines of the event the replay will read: its call id, actor and kind.
#[inline]
pub(super) fn event(e: &Event) {
    prefetch_once(&e.call);
    prefetch_once(&e.actor);
    prefetch_once(&e.kind);
}

/// The facts of the event kept on the heap that applying it reads (the
/// supporting units of a dispatch, the reason of a return, pause or
/// extension request, checked for blank).
#[inline]
pub(super) fn payload(e: &Event) {
    match &e.kind {
        EventKind::Dispatched { supporting, .. } => {
            if let Some(first) = supporting.first() {
                prefetch_once(first);
            }
        }
        EventKind::Returned { reason }
        | EventKind::Paused { reason, .. }
        | EventKind::ExtensionRequested { reason, .. } => {
            if let Some(b) = reason.as_bytes().first() {
                prefetch_once(b);
            }
        }
        _ => {}
    }
}

/// The lines of an open call other than its clocks: its id, state and facts.
#[inline]
pub(super) fn head(o: &Open) {
    prefetch(o);
    prefetch(o.core.id());
    prefetch(o.core.facts());
}

/// The lines of an open call's clocks (the first three, kept inline).
#[inline]
pub(super) fn clocks(o: &Open) {
    for c in o.core.clocks().iter().take(3) {
        prefetch(c);
    }
}
