//! The official calendar: which dates are working days.
//!
//! Mainland China works Monday to Friday, except that the State Council's
//! annual holiday notice (国务院办公厅关于部分节假日安排的通知) makes some
//! weekdays statutory holidays (法定节假日) and some weekend days working days
//! in lieu (调休上班). [`Calendar::china`] embeds the notices for 2004–2026
//! ([`DATA_VERSION`]); any date outside the covered years is an error
//! ([`CalendarError::NotCovered`]) from every function — never a guess.
//!
//! All day arithmetic is O(1): the calendar precomputes, for every covered
//! day, its kind and a running count of working days, and the index of every
//! working day.
//!
//! ```
//! use chrono::NaiveDate;
//! use huying::calendar::{Calendar, DayKind};
//!
//! let cal = Calendar::china();
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert!(cal.is_working_day(d(2025, 9, 28))?); // Sunday, working day in lieu
//! assert!(!cal.is_working_day(d(2025, 10, 1))?); // National Day
//! // Counting starts the day after: Tue 09-30, Thu 10-09, Fri 10-10.
//! assert_eq!(cal.add_working_days(d(2025, 9, 29), 3)?, d(2025, 10, 10));
//! assert_eq!(cal.working_days_between(d(2025, 9, 29), d(2025, 10, 10))?, 3);
//! assert!(matches!(cal.day_kind(d(2025, 10, 1))?, DayKind::Holiday { .. }));
//! assert!(cal.is_working_day(d(2027, 1, 4)).is_err()); // 2027 is not covered
//! # Ok::<(), huying::calendar::CalendarError>(())
//! ```

mod builder;
mod data;
mod days;
mod error;
pub mod hours;
mod notice;
mod years;

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};

pub use builder::CalendarBuilder;
pub use data::{DayOverride, OverrideKind};
pub use days::{DayKind, Festival};
pub use error::CalendarError;
pub use notice::{Notice, NoticeItem, parse_notice};
pub use years::{CALENDAR_FILE_ENV, CoverageWarning};

use hours::HoursTable;

/// Version of the embedded official calendar data.
///
/// ```
/// assert!(huying::calendar::DATA_VERSION.contains("2004-2026"));
/// ```
pub const DATA_VERSION: &str = huying_calendar_data::VERSION;

/// The most years a calendar may cover (400), within the years 1 to 9999:
/// its tables take a few bytes per day, so a calendar stays under a
/// megabyte, and a loaded file naming a far year is refused rather than
/// tabulated.
///
/// ```
/// use huying::calendar::{Calendar, MAX_CALENDAR_YEARS};
/// let ok = Calendar::builder("x").years(2001..=2000 + MAX_CALENDAR_YEARS).build();
/// assert!(ok.is_ok());
/// let err = Calendar::builder("x").years(2001..=2001 + MAX_CALENDAR_YEARS).build().unwrap_err();
/// assert_eq!(err.code(), "calendar.bad_data");
/// ```
pub const MAX_CALENDAR_YEARS: i32 = 400;

// Per-day kind codes in the tables.
const K_WORKING: u8 = 0;
const K_WEEKEND: u8 = 1;
const K_HOLIDAY: u8 = 2;
const K_IN_LIEU: u8 = 3;
const K_LOCAL_REST: u8 = 4;
const NO_FESTIVAL: u16 = u16::MAX;

/// Seconds in a day.
pub(crate) const DAY_SECS: i64 = 86_400;

/// What a calendar is made of; the tables are derived from it.
#[derive(Clone, Debug)]
struct Spec {
    name: String,
    version: String,
    /// Working weekdays, Monday first.
    weekly: [bool; 7],
    first_year: i32,
    last_year: i32,
    overrides: BTreeMap<NaiveDate, (OverrideKind, Festival)>,
}

/// Precomputed per-day tables over the covered years.
#[derive(Clone, Debug, Default)]
struct Tables {
    /// Unix day number of 1 January of the first covered year.
    base_day: i64,
    /// Kind code per day.
    kind: Vec<u8>,
    /// Festival index per day, `NO_FESTIVAL` for plain days.
    festival: Vec<u16>,
    festivals: Vec<Festival>,
    /// `cum[i]` = working days among days `0..i`; one longer than `kind`.
    cum: Vec<u32>,
    /// Day index of each working day, in order.
    work: Vec<u32>,
    /// The date of each working day, in order (one look-up fewer for
    /// `add_working_days` on dates).
    work_dates: Vec<NaiveDate>,
    /// Day index of 1 January of each covered year.
    year_start: Vec<u32>,
    /// The date of each day index.
    dates: Vec<NaiveDate>,
}

#[derive(Debug)]
struct Inner {
    spec: Spec,
    t: Tables,
    hours: Option<HoursTable>,
}

/// A working-day calendar over a contiguous range of covered years.
///
/// A `Calendar` is a cheap handle: cloning it shares the tables.
///
/// ```
/// use huying::calendar::Calendar;
/// let cal = Calendar::china();
/// assert_eq!(cal.years(), 2004..=2026);
/// assert_eq!(cal.name(), "mainland China");
/// ```
#[derive(Clone, Debug)]
pub struct Calendar {
    inner: Arc<Inner>,
}

impl Calendar {
    /// Mainland China, 2004–2026, from the State Council's notices
    /// (embedded at build time from the `huying-calendar-data` crate; see
    /// [`DATA_VERSION`]). A later year is added at run time with
    /// [`Calendar::extend_from_notice`] or [`Calendar::china_with_file`].
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china();
    /// assert_eq!(cal.data_version(), huying::calendar::DATA_VERSION);
    /// ```
    pub fn china() -> Calendar {
        static CHINA: OnceLock<Calendar> = OnceLock::new();
        CHINA
            .get_or_init(|| {
                // The embedded data is checked by the test suite; should it
                // ever fail to parse, the result covers no year, so every
                // query is a `NotCovered` error rather than a guess.
                data::parse_tsv(data::CHINA_TSV, "cn-holidays.tsv")
                    .and_then(|data| {
                        let years =
                            huying_calendar_data::FIRST_YEAR..=huying_calendar_data::LAST_YEAR;
                        // A working day in lieu of December before the first
                        // year (which the first year's notice may name) lies
                        // outside the tables and changes nothing.
                        let rows = data
                            .rows
                            .into_iter()
                            .filter(|r| years.contains(&r.date.year()));
                        CalendarBuilder::new("mainland China")
                            .version(DATA_VERSION)
                            .years(years.clone())
                            .overrides(rows)
                            .build()
                    })
                    .unwrap_or_else(|_| Calendar::empty())
            })
            .clone()
    }

    /// A calendar covering no year at all: every query is `NotCovered`.
    fn empty() -> Calendar {
        Calendar {
            inner: Arc::new(Inner {
                spec: Spec {
                    name: "empty".into(),
                    version: String::new(),
                    weekly: builder::MON_TO_FRI,
                    first_year: 1,
                    last_year: 0,
                    overrides: BTreeMap::new(),
                },
                t: Tables::default(),
                hours: None,
            }),
        }
    }

    /// Starts a calendar of one's own: a weekly pattern, covered years, dated
    /// overrides and local rest days.
    ///
    /// ```
    /// use huying::calendar::Calendar;
    /// use chrono::NaiveDate;
    /// let cal = Calendar::builder("six-day week")
    ///     .weekly([true, true, true, true, true, true, false])
    ///     .years(2030..=2030)
    ///     .build()?;
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2030, 1, 5).unwrap())?); // Saturday
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn builder(name: impl Into<String>) -> CalendarBuilder {
        CalendarBuilder::new(name)
    }

    /// A builder holding this calendar's pattern, years and overrides, to add
    /// local rest days or change it. The working-hours schedule is not kept.
    ///
    /// ```
    /// use huying::calendar::{Calendar, Festival};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(); // a Monday
    /// let cal = Calendar::china()
    ///     .to_builder()
    ///     .rest_day(day, Festival::new("县庆", "County anniversary"))
    ///     .build()?;
    /// assert!(!cal.is_working_day(day)?);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn to_builder(&self) -> CalendarBuilder {
        CalendarBuilder {
            spec: self.inner.spec.clone(),
            pending: Vec::new(),
        }
    }

    /// The calendar's name.
    ///
    /// ```
    /// assert_eq!(huying::calendar::Calendar::china().name(), "mainland China");
    /// ```
    pub fn name(&self) -> &str {
        &self.inner.spec.name
    }

    /// The version of the data the calendar was built from.
    ///
    /// ```
    /// assert!(!huying::calendar::Calendar::china().data_version().is_empty());
    /// ```
    pub fn data_version(&self) -> &str {
        &self.inner.spec.version
    }

    /// The covered years (an empty range when none is covered).
    ///
    /// ```
    /// assert!(huying::calendar::Calendar::china().years().contains(&2025));
    /// ```
    pub fn years(&self) -> RangeInclusive<i32> {
        self.inner.spec.first_year..=self.inner.spec.last_year
    }

    /// Whether the date's year is covered.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = huying::calendar::Calendar::china();
    /// assert!(!cal.covers(NaiveDate::from_ymd_opt(2003, 12, 31).unwrap()));
    /// ```
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years().contains(&date.year())
    }

    // ----- internals shared with hours and sla -----

    pub(crate) fn hours_table(&self) -> Option<&HoursTable> {
        self.inner.hours.as_ref()
    }

    pub(crate) fn with_hours_table(&self, hours: HoursTable) -> Calendar {
        Calendar {
            inner: Arc::new(Inner {
                spec: self.inner.spec.clone(),
                t: self.inner.t.clone(),
                hours: Some(hours),
            }),
        }
    }

    /// Number of covered days.
    pub(crate) fn day_count(&self) -> usize {
        self.inner.t.kind.len()
    }

    /// Unix day number of the first covered day.
    pub(crate) fn base_day(&self) -> i64 {
        self.inner.t.base_day
    }

    /// Index of `date` in the tables.
    pub(crate) fn day_index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        // Year table + ordinal: no day-count arithmetic on the hot path.
        let year = date.year();
        usize::try_from(i64::from(year) - i64::from(self.inner.spec.first_year))
            .ok()
            .and_then(|k| self.inner.t.year_start.get(k))
            .map(|&start| start as usize + date.ordinal0() as usize)
            .ok_or(CalendarError::NotCovered { year })
    }

    /// Index of the Unix day `day`, allowing one past the end.
    pub(crate) fn index_of_unix_day(
        &self,
        day: i64,
        allow_end: bool,
    ) -> Result<usize, CalendarError> {
        let n = day.saturating_sub(self.inner.t.base_day);
        let limit = self.day_count() + usize::from(allow_end);
        usize::try_from(n)
            .ok()
            .filter(|&i| i < limit)
            .ok_or_else(|| CalendarError::NotCovered {
                year: date_of_unix_day(day).map_or(
                    if n < 0 {
                        self.inner.spec.first_year - 1
                    } else {
                        self.inner.spec.last_year + 1
                    },
                    |d| d.year(),
                ),
            })
    }

    pub(crate) fn working_at(&self, i: usize) -> bool {
        matches!(
            self.inner.t.kind.get(i),
            Some(&K_WORKING) | Some(&K_IN_LIEU)
        )
    }

    pub(crate) fn kind_at(&self, i: usize) -> DayKind {
        let t = &self.inner.t;
        let festival = || {
            t.festival
                .get(i)
                .and_then(|&f| t.festivals.get(usize::from(f)))
                .cloned()
                .unwrap_or_else(|| Festival::new("", ""))
        };
        match t.kind.get(i).copied().unwrap_or(K_WEEKEND) {
            K_WORKING => DayKind::WorkingDay,
            K_HOLIDAY => DayKind::Holiday {
                festival: festival(),
            },
            K_IN_LIEU => DayKind::WorkingDayInLieu {
                festival: festival(),
            },
            K_LOCAL_REST => DayKind::LocalRestDay {
                festival: festival(),
            },
            _ => DayKind::Weekend,
        }
    }

    pub(crate) fn date_at(&self, i: usize) -> Result<NaiveDate, CalendarError> {
        self.inner
            .t
            .dates
            .get(i)
            .copied()
            .ok_or(CalendarError::NotCovered {
                year: self.inner.spec.last_year + 1,
            })
    }

    /// The instant at China local-seconds `ls`, using the date table when
    /// the day is covered (no calendar arithmetic), else chrono's.
    pub(crate) fn instant_at(
        &self,
        ls: i64,
    ) -> Result<chrono::DateTime<chrono::FixedOffset>, CalendarError> {
        let day = ls.div_euclid(DAY_SECS);
        let secs = ls.rem_euclid(DAY_SECS) as u32;
        let fast = usize::try_from(day - self.inner.t.base_day)
            .ok()
            .and_then(|i| self.inner.t.dates.get(i))
            .and_then(|date| {
                let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)?;
                let utc = date
                    .and_time(time)
                    .checked_sub_offset(crate::china_offset())?;
                Some(chrono::DateTime::from_naive_utc_and_offset(
                    utc,
                    crate::china_offset(),
                ))
            });
        match fast {
            Some(t) => Ok(t),
            None => hours::instant(ls),
        }
    }

    /// Working days among days `0..i`.
    pub(crate) fn cum_before(&self, i: usize) -> u32 {
        cum(&self.inner.t, i)
    }

    /// Day index of the working day with 0-based ordinal `k`.
    pub(crate) fn work_day(&self, k: usize) -> Option<usize> {
        self.inner.t.work.get(k).map(|&d| d as usize)
    }

    /// The error for an answer past the end (or before the start) of coverage.
    pub(crate) fn beyond(&self, forward: bool) -> CalendarError {
        let spec = &self.inner.spec;
        CalendarError::NotCovered {
            year: if forward {
                spec.last_year + 1
            } else {
                spec.first_year - 1
            },
        }
    }
}

fn cum(t: &Tables, i: usize) -> u32 {
    t.cum
        .get(i)
        .copied()
        .unwrap_or_else(|| t.cum.last().copied().unwrap_or(0))
}

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, CalendarError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or(CalendarError::NotCovered { year: y })
}

const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// Days since 1970-01-01.
pub(crate) fn unix_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE
}

/// The date of a Unix day number.
pub(crate) fn date_of_unix_day(day: i64) -> Option<NaiveDate> {
    day.checked_add(UNIX_EPOCH_DAYS_FROM_CE)
        .and_then(|d| i32::try_from(d).ok())
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}
