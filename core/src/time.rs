use chrono::{DateTime, FixedOffset, TimeZone};

/// China Standard Time is UTC+08:00 all year (no daylight saving), in seconds.
pub const CHINA_OFFSET_SECS: i32 = 8 * 3600;

/// The fixed offset of China Standard Time, UTC+08:00.
///
/// ```
/// assert_eq!(huying::china_offset().local_minus_utc(), 8 * 3600);
/// ```
pub fn china_offset() -> FixedOffset {
    CHINA
}

const CHINA: FixedOffset = match FixedOffset::east_opt(CHINA_OFFSET_SECS) {
    Some(offset) => offset,
    None => panic!("UTC+08:00 is a valid offset"), // evaluated at compile time
};

/// The same instant seen in China Standard Time.
///
/// ```
/// use chrono::DateTime;
/// let t = DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z")?;
/// assert_eq!(huying::to_china(t).to_rfc3339(), "2025-01-01T08:00:00+08:00");
/// # Ok::<(), chrono::ParseError>(())
/// ```
pub fn to_china<Tz: TimeZone>(t: DateTime<Tz>) -> DateTime<FixedOffset> {
    t.with_timezone(&china_offset())
}

/// Seconds since the Unix epoch, shifted to China wall-clock time, so that
/// `div_euclid(86400)` gives the China date's day number.
pub(crate) fn local_secs(t: &DateTime<FixedOffset>) -> i64 {
    t.timestamp() + i64::from(CHINA_OFFSET_SECS)
}

/// The instant whose China wall-clock seconds since the epoch are `secs`.
pub(crate) fn from_local_secs(secs: i64) -> Option<DateTime<FixedOffset>> {
    china_offset()
        .timestamp_opt(secs - i64::from(CHINA_OFFSET_SECS), 0)
        .single()
}
