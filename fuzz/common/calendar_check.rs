//! The checks shared by the calendar loader targets.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use huying::calendar::{Calendar, CalendarError};

/// The base calendar: the embedded data's last three years (2024–2026), so
/// that rebuilding it, as every load does, is cheap enough to fuzz fast.
fn base() -> &'static Calendar {
    static BASE: OnceLock<Calendar> = OnceLock::new();
    BASE.get_or_init(|| {
        Calendar::china()
            .to_builder()
            .version("fuzz")
            .years(FIRST..=LAST)
            .build()
            .expect("base calendar")
    })
}

const FIRST: i32 = 2024;
const LAST: i32 = 2026;

/// A fingerprint of what a calendar says: its range and every special day
/// of the base years.
fn fingerprint(cal: &Calendar) -> (std::ops::RangeInclusive<i32>, usize, String) {
    let special: usize = (FIRST..=LAST)
        .map(|y| cal.special_days(y).map_or(0, |d| d.len()))
        .sum();
    (cal.years(), special, cal.data_version().to_string())
}

/// Extends the base calendar with `load` and checks the outcome.
pub fn extend(load: impl FnOnce(&mut Calendar) -> Result<(), CalendarError>) {
    let mut cal = base().clone();
    let before = fingerprint(&cal);
    match load(&mut cal) {
        Err(e) => {
            assert!(
                [
                    "calendar.bad_data",
                    "calendar.not_contiguous",
                    "calendar.not_covered",
                    "calendar.bad_schedule",
                ]
                .contains(&e.code()),
                "{e:?}"
            );
            // Nothing already loaded is lost.
            assert_eq!(fingerprint(&cal), before, "{e}");
        }
        Ok(()) => {
            let years = cal.years();
            assert!(*years.start() <= FIRST && *years.end() >= LAST, "{years:?}");
            let first = NaiveDate::from_ymd_opt(*years.start(), 1, 1).expect("first day");
            let last = NaiveDate::from_ymd_opt(*years.end(), 12, 31).expect("last day");
            assert!(cal.is_working_day(first).is_ok());
            assert!(cal.is_working_day(last).is_ok());
            assert!(
                cal.is_working_day(last.succ_opt().expect("day after"))
                    .is_err()
            );
            let total = cal.working_days_between(first, last).expect("between");
            for n in [1, 3, 250] {
                if let Ok(d) = cal.add_working_days(first, n) {
                    assert_eq!(cal.working_days_between(first, d), Ok(n));
                    assert!(cal.is_working_day(d).expect("covered"));
                } else {
                    assert!(n > total);
                }
                if let Ok(d) = cal.add_working_days(last, -n) {
                    assert!(d < last && d.year() >= *years.start());
                }
            }
            for y in years.clone().take(3) {
                let _ = cal.special_days(y).expect("covered year");
            }
        }
    }
}
