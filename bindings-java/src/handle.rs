//! Handles: the `long` a Java object keeps for its native value.
//!
//! A handle is a `Box<T>` turned into its address by [`new`]; the Java
//! class that owns it passes it back to its own native methods only, and
//! frees it exactly once (`close()` or the cleaner, through
//! `Native.free(kind, handle)`), after which it holds 0. Each Java class
//! has one kind, so the `T` read back is always the `T` boxed.
//!
//! Shared access: the immutable values (`Calendar`, `Catalog`, `CallPolicy`,
//! `Deadline`, `Report`) are only ever read, from any thread; the mutable
//! ones (`Call`, `SlaClock`) are used under the Java object's lock
//! (`synchronized` methods), so that a `&mut` here never meets another
//! reference. A `Calendar` that takes a new year gets a new handle (see
//! `Calendar.java`); the old one lives until the calendar is freed.
#![allow(unsafe_code)] // the one place that turns handles into references

use jni::sys::{jint, jlong};

use huying::calendar::Calendar;
use huying::call::{Call, CallPolicy};
use huying::catalog::Catalog;
use huying::compliance::Report;
use huying::sla::{Deadline, SlaClock};

use crate::errors::Fail;

/// The kinds of handle, as `Native.java` numbers them.
pub(crate) const CALENDAR: jint = 1;
pub(crate) const DEADLINE: jint = 2;
pub(crate) const SLA_CLOCK: jint = 3;
pub(crate) const CATALOG: jint = 4;
pub(crate) const CALL_POLICY: jint = 5;
pub(crate) const CALL: jint = 6;
pub(crate) const REPORT: jint = 7;

/// A new handle owning `value`.
pub(crate) fn new<T>(value: T) -> jlong {
    Box::into_raw(Box::new(value)) as jlong
}

/// The value behind a live handle made by [`new`] for a `T`.
pub(crate) fn get<'a, T>(h: jlong) -> Result<&'a T, Fail> {
    let ptr = h as *const T;
    if ptr.is_null() {
        return Err(Fail::Closed);
    }
    // SAFETY: a non-zero handle is a live `Box<T>` made by `new::<T>` (the
    // Java class of that kind passes only its own handle, and sets it to 0
    // when it frees it); the value is only read.
    Ok(unsafe { &*ptr })
}

/// The value behind a live handle, to change: only for the kinds whose Java
/// methods are `synchronized`, so that no other reference exists meanwhile.
pub(crate) fn get_mut<'a, T>(h: jlong) -> Result<&'a mut T, Fail> {
    let ptr = h as *mut T;
    if ptr.is_null() {
        return Err(Fail::Closed);
    }
    // SAFETY: as in `get`; and the Java object's lock is held for the call
    // (Call and SlaClock methods are synchronized), so the borrow is unique.
    Ok(unsafe { &mut *ptr })
}

fn drop_box<T>(h: jlong) {
    let ptr = h as *mut T;
    if !ptr.is_null() {
        // SAFETY: the handle was made by `new::<T>` and is freed once:
        // `NativeRef.java` swaps it to 0 before calling `Native.free`.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// Frees a handle of the given kind (an unknown kind is left alone).
pub(crate) fn free(kind: jint, h: jlong) {
    match kind {
        CALENDAR => drop_box::<Calendar>(h),
        DEADLINE => drop_box::<Deadline>(h),
        SLA_CLOCK => drop_box::<SlaClock>(h),
        CATALOG => drop_box::<Catalog>(h),
        CALL_POLICY => drop_box::<CallPolicy>(h),
        CALL => drop_box::<Call>(h),
        REPORT => drop_box::<Report>(h),
        _ => {}
    }
}
