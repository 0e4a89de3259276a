use chrono::{DateTime, FixedOffset, TimeZone, Utc};

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
/// `div_euclid(86400)` gives the China date's day number: the instants a
/// [`CallCore`](crate::call::CallCore) step takes.
///
/// ```
/// let t = chrono::DateTime::parse_from_rfc3339("1970-01-02T00:00:00+08:00").unwrap();
/// assert_eq!(huying::local_secs(&t), 86_400);
/// ```
pub fn local_secs(t: &DateTime<FixedOffset>) -> i64 {
    t.timestamp() + i64::from(CHINA_OFFSET_SECS)
}

/// [`local_secs`] for instants that mostly fall on the day of the one
/// before (a log in time order): the day's first local second is kept for
/// the last UTC date seen, so most instants cost a date compare and an add
/// instead of the date's day count.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LocalSecs {
    date: chrono::NaiveDate,
    base: i64,
}

impl Default for LocalSecs {
    fn default() -> LocalSecs {
        let date = chrono::NaiveDate::default();
        LocalSecs {
            date,
            base: day_base(date),
        }
    }
}

/// The local second of the midnight (UTC) starting `date`.
fn day_base(date: chrono::NaiveDate) -> i64 {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() + i64::from(CHINA_OFFSET_SECS)
}

impl LocalSecs {
    /// `local_secs(t)`.
    #[inline]
    pub(crate) fn of(&mut self, t: &DateTime<FixedOffset>) -> i64 {
        use chrono::Timelike;
        let utc = t.naive_utc();
        if utc.date() != self.date {
            self.date = utc.date();
            self.base = day_base(self.date);
        }
        self.base + i64::from(utc.time().num_seconds_from_midnight())
    }
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
pub(crate) fn check_instant(t: &DateTime<FixedOffset>) -> Result<(), OutOfRange> {
    let secs = t.timestamp();
    if (FIRST_SECS..=LAST_SECS).contains(&secs) {
        Ok(())
    } else {
        Err(out_of_range(secs))
    }
}

fn out_of_range(secs: i64) -> OutOfRange {
    OutOfRange { secs }
}

/// An instant within a day of the ends of chrono's range, `secs` from the
/// Unix epoch ([`check_instant`]); it becomes
/// [`CalendarError::OutOfRange`](crate::calendar::CalendarError::OutOfRange)
/// (this module sits below the calendar and knows none of its types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OutOfRange {
    pub(crate) secs: i64,
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

/// An instant from RFC 3339 text, as chrono's `DateTime<FixedOffset>`
/// parser reads it. The common shape `YYYY-MM-DDTHH:MM:SS` followed by `Z`
/// or `±HH:MM` is read directly (event logs hold millions of them); any
/// other text goes to chrono, so both give the same answer or error.
pub(crate) fn parse_instant(s: &str) -> Result<DateTime<FixedOffset>, chrono::ParseError> {
    match parse_plain_rfc3339(s.as_bytes()) {
        Some(t) => Ok(t),
        None => s.parse::<DateTime<FixedOffset>>(),
    }
}

/// [`DateTime::parse_from_rfc3339`] with the same direct reading of the
/// common shape as [`parse_instant`].
#[cfg(feature = "csv")]
pub(crate) fn parse_rfc3339(s: &str) -> Result<DateTime<FixedOffset>, chrono::ParseError> {
    match parse_plain_rfc3339(s.as_bytes()) {
        Some(t) => Ok(t),
        None => DateTime::parse_from_rfc3339(s),
    }
}

/// `YYYY-MM-DDTHH:MM:SS(Z|±HH:MM)` exactly (no fraction, no leap second);
/// `None` for anything else.
fn parse_plain_rfc3339(b: &[u8]) -> Option<DateTime<FixedOffset>> {
    use chrono::{NaiveDate, NaiveTime};
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let offset = match (b.len(), b.get(19)) {
        (20, Some(b'Z')) => 0,
        (25, Some(&sign @ (b'+' | b'-'))) if at(22, b':') => {
            let (oh, om) = (num(20..22)?, num(23..25)?);
            if om > 59 {
                return None;
            }
            let secs = i32::try_from(oh * 3600 + om * 60).ok()?;
            if sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || mi > 59 || sec > 59 || offset.unsigned_abs() >= 86_400 {
        return None;
    }
    let year = i32::try_from(num(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)?;
    let local = date.and_time(NaiveTime::from_hms_opt(h, mi, sec)?);
    let offset = FixedOffset::east_opt(offset)?;
    local.and_local_timezone(offset).single()
}

#[cfg(test)]
mod parse_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The day-keeping conversion gives `local_secs` for instants in
        /// any order, at any offset, with fractions of a second.
        #[test]
        fn local_secs_by_the_day_are_local_secs(
            instants in prop::collection::vec((-2_000_000_000i64..4_000_000_000, 0u32..1_000_000_000, -50_400i32..=50_400), 1..40),
        ) {
            let mut days = LocalSecs::default();
            for (secs, nanos, offset) in instants {
                let t = DateTime::from_timestamp(secs, nanos).unwrap()
                    .with_timezone(&FixedOffset::east_opt(offset).unwrap());
                prop_assert_eq!(days.of(&t), local_secs(&t));
                // The next second, most often the same day.
                let u = t + chrono::Duration::seconds(1);
                prop_assert_eq!(days.of(&u), local_secs(&u));
            }
        }

        /// On text of the common shape, valid or not, the direct reading
        /// and chrono's give the same instant (or both refuse it).
        #[test]
        fn direct_reading_equals_chrono(
            y in 0u32..=9999, mo in 0u32..=13, d in 0u32..=32,
            h in 0u32..=25, mi in 0u32..=61, sec in 0u32..=61,
            zone in 0usize..3, oh in 0u32..=25, om in 0u32..=61,
        ) {
            let zone = match zone {
                0 => "Z".to_string(),
                1 => format!("+{oh:02}:{om:02}"),
                _ => format!("-{oh:02}:{om:02}"),
            };
            let s = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{sec:02}{zone}");
            prop_assert_eq!(parse_instant(&s).ok(), s.parse::<DateTime<FixedOffset>>().ok(), "{}", s);
            prop_assert_eq!(parse_rfc3339(&s).ok(), DateTime::parse_from_rfc3339(&s).ok(), "{}", s);
        }
    }

    /// The direct reading agrees with chrono's on every shape it takes and
    /// leaves every other shape to chrono.
    #[test]
    fn plain_rfc3339_agrees_with_chrono() {
        for s in [
            "2025-06-03T09:00:00+08:00",
            "2025-06-03T09:00:00Z",
            "2025-06-03T01:00:00-05:30",
            "2024-02-29T23:59:59+00:00",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-23:59",
        ] {
            assert_eq!(
                parse_plain_rfc3339(s.as_bytes()),
                s.parse::<DateTime<FixedOffset>>().ok(),
                "{s}"
            );
            assert!(parse_plain_rfc3339(s.as_bytes()).is_some(), "{s}");
        }
        for s in [
            "2025-02-29T09:00:00+08:00",
            "2025-06-03T24:00:00+08:00",
            "2025-06-03T09:00:60+08:00",
            "2025-06-03T09:00:00.5+08:00",
            "2025-06-03 09:00:00+08:00",
            "2025-06-03T09:00:00+0800",
            "2025-06-03T09:00:00+24:00",
            "2025-06-03t09:00:00z",
            "+2025-06-03T09:00:00Z",
            "2025-6-3T09:00:00Z",
            "",
        ] {
            assert_eq!(parse_plain_rfc3339(s.as_bytes()), None, "{s}");
            assert_eq!(
                parse_instant(s).ok(),
                s.parse::<DateTime<FixedOffset>>().ok(),
                "{s}"
            );
        }
    }
}
