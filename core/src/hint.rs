//! Cache hints for the replay's read-ahead.

/// Asks the processor to bring the cache line holding `x` in: a hint, not a
/// load (it reads nothing and cannot fault). `safe_arch::prefetch_t0` on x86
/// (a safe function: core forbids unsafe code and std's prefetch is
/// unstable); nothing on other targets.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    safe_arch::prefetch_t0(x);
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    let _ = x;
}

/// [`prefetch`] for data read once (the log's events): asked for without
/// displacing what the replay keeps in the outer caches.
#[inline(always)]
pub(crate) fn prefetch_once<T>(x: &T) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    safe_arch::prefetch_nta(x);
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    let _ = x;
}
