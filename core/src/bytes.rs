//! Words of a byte string read in one load: the id comparison and the id
//! hash read short ids a word or half a word at a time.

/// The eight bytes of `s` from `i` as a little-endian word (0 when they run
/// past the end, which the callers never ask for).
#[inline(always)]
pub(crate) fn word(s: &[u8], i: usize) -> u64 {
    s.get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
        .map_or(0, u64::from_le_bytes)
}

/// The four bytes of `s` from `i` as a little-endian half word (0 when they
/// run past the end).
#[inline(always)]
pub(crate) fn half(s: &[u8], i: usize) -> u32 {
    s.get(i..i + 4)
        .and_then(|w| <[u8; 4]>::try_from(w).ok())
        .map_or(0, u32::from_le_bytes)
}
