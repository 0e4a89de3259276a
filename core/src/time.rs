use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use crate::calendar::CalendarError;

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

/// The first instant Huying takes, in seconds from the Unix epoch: a day
/// after the first instant chrono represents. Within a day of either end of
/// its range, chrono holds instants whose wall-clock time at some offset
/// (China's included) it cannot write, and panics when asked to.
const FIRST_SECS: i64 = DateTime::<Utc>::MIN_UTC.timestamp() + 86_400;

/// The last instant Huying takes, in seconds from the Unix epoch: a day
/// before the last instant chrono represents.
const LAST_SECS: i64 = DateTime::<Utc>::MAX_UTC.timestamp() - 86_400;

/// Refuses an instant within a day of the ends of chrono's range (about
/// 262,000 years from now either way), whose wall-clock time cannot always
/// be written: every instant Huying keeps or returns can be shown in China
/// time and at its own offset.
pub(crate) fn check_instant(t: &DateTime<FixedOffset>) -> Result<(), CalendarError> {
    let secs = t.timestamp();
    if (FIRST_SECS..=LAST_SECS).contains(&secs) {
        Ok(())
    } else {
        Err(out_of_range(secs))
    }
}

fn out_of_range(secs: i64) -> CalendarError {
    CalendarError::OutOfRange {
        message: format!(
            "{secs} seconds from the epoch lies within a day of the ends of the representable range"
        ),
    }
}

/// Whether chrono can write the instant's wall-clock time at its own offset
/// (it panics writing one whose local time lies beyond its range).
pub(crate) fn writable(t: &DateTime<FixedOffset>) -> bool {
    t.naive_utc().checked_add_offset(*t.offset()).is_some()
}

/// RFC 3339 text of any instant chrono holds: at its own offset when that
/// wall-clock time can be written, else in UTC.
pub(crate) fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    if writable(t) {
        t.to_rfc3339()
    } else {
        t.to_utc().to_rfc3339()
    }
}

/// The instant whose China wall-clock seconds since the epoch are `secs`,
/// if Huying takes it (see [`check_instant`]).
pub(crate) fn from_local_secs(secs: i64) -> Option<DateTime<FixedOffset>> {
    let utc = secs.checked_sub(i64::from(CHINA_OFFSET_SECS))?;
    if !(FIRST_SECS..=LAST_SECS).contains(&utc) {
        return None;
    }
    china_offset().timestamp_opt(utc, 0).single()
}
