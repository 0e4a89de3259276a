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

mod data;
mod error;
mod notice;
mod years;

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use data::{DayOverride, OverrideKind};
pub use error::CalendarError;
pub use notice::{Notice, NoticeItem, parse_notice};
pub use years::{CALENDAR_FILE_ENV, CoverageWarning};

use crate::Lang;
use crate::hours::HoursTable;

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

/// A festival or named day: the reason a date is a holiday, a working day in
/// lieu or a local rest day.
///
/// ```
/// let f = huying::calendar::Festival::new("国庆节", "National Day");
/// assert_eq!(f.name(huying::Lang::Zh), "国庆节");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Festival {
    /// Chinese name, as in the notice (e.g. `国庆节`).
    pub name_zh: String,
    /// English name (e.g. `National Day`).
    pub name_en: String,
}

impl Festival {
    /// A festival with its Chinese and English names.
    ///
    /// ```
    /// let f = huying::calendar::Festival::new("春节", "Spring Festival");
    /// assert_eq!(f.name_en, "Spring Festival");
    /// ```
    pub fn new(name_zh: impl Into<String>, name_en: impl Into<String>) -> Self {
        Festival {
            name_zh: name_zh.into(),
            name_en: name_en.into(),
        }
    }

    /// The name in the given language.
    ///
    /// ```
    /// let f = huying::calendar::Festival::new("春节", "Spring Festival");
    /// assert_eq!(f.name(huying::Lang::En), "Spring Festival");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// What kind of day a date is.
///
/// ```
/// use huying::calendar::{Calendar, DayKind};
/// use chrono::NaiveDate;
/// let kind = Calendar::china().day_kind(NaiveDate::from_ymd_opt(2025, 2, 8).unwrap())?;
/// assert!(matches!(&kind, DayKind::WorkingDayInLieu { festival } if festival.name_zh == "春节"));
/// assert!(kind.is_working());
/// assert_eq!(kind.code(), "working_day_in_lieu");
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day (Monday–Friday in China).
    WorkingDay,
    /// An ordinary rest day (Saturday or Sunday in China).
    Weekend,
    /// A day in an announced statutory holiday span (法定节假日), including
    /// weekdays given off in lieu and weekend days inside the span.
    Holiday {
        /// The festival the span is for.
        festival: Festival,
    },
    /// A weekend day that is an official working day in lieu (调休上班).
    WorkingDayInLieu {
        /// The festival whose span it compensates.
        festival: Festival,
    },
    /// A rest day set locally (e.g. by a county), not by the national notice.
    LocalRestDay {
        /// Why the day is off.
        festival: Festival,
    },
}

impl DayKind {
    /// Whether work is done on such a day.
    ///
    /// ```
    /// assert!(huying::calendar::DayKind::WorkingDay.is_working());
    /// assert!(!huying::calendar::DayKind::Weekend.is_working());
    /// ```
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::WorkingDay | DayKind::WorkingDayInLieu { .. })
    }

    /// A stable code: `working_day`, `weekend`, `holiday`,
    /// `working_day_in_lieu` or `local_rest_day`.
    ///
    /// ```
    /// assert_eq!(huying::calendar::DayKind::Weekend.code(), "weekend");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            DayKind::WorkingDay => "working_day",
            DayKind::Weekend => "weekend",
            DayKind::Holiday { .. } => "holiday",
            DayKind::WorkingDayInLieu { .. } => "working_day_in_lieu",
            DayKind::LocalRestDay { .. } => "local_rest_day",
        }
    }

    /// The festival behind the day, if any.
    ///
    /// ```
    /// assert!(huying::calendar::DayKind::WorkingDay.festival().is_none());
    /// ```
    pub fn festival(&self) -> Option<&Festival> {
        match self {
            DayKind::WorkingDay | DayKind::Weekend => None,
            DayKind::Holiday { festival }
            | DayKind::WorkingDayInLieu { festival }
            | DayKind::LocalRestDay { festival } => Some(festival),
        }
    }

    /// A short description, e.g. `国庆节 法定节假日` or `National Day — statutory holiday`.
    ///
    /// ```
    /// use huying::{calendar::{DayKind, Festival}, Lang};
    /// let k = DayKind::Holiday { festival: Festival::new("国庆节", "National Day") };
    /// assert_eq!(k.describe(Lang::En), "National Day — statutory holiday");
    /// assert_eq!(k.describe(Lang::Zh), "国庆节 法定节假日");
    /// ```
    pub fn describe(&self, lang: Lang) -> String {
        let what = match self {
            DayKind::WorkingDay => lang.pick("工作日", "working day"),
            DayKind::Weekend => lang.pick("周末休息日", "weekend"),
            DayKind::Holiday { .. } => lang.pick("法定节假日", "statutory holiday"),
            DayKind::WorkingDayInLieu { .. } => lang.pick("调休上班", "working day in lieu"),
            DayKind::LocalRestDay { .. } => lang.pick("本地休息日", "local rest day"),
        };
        match (self.festival(), lang) {
            (Some(f), Lang::Zh) => format!("{} {what}", f.name_zh),
            (Some(f), Lang::En) => format!("{} — {what}", f.name_en),
            (None, _) => what.to_string(),
        }
    }
}

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
                    weekly: MON_TO_FRI,
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

    /// Whether the date is a working day.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if the date's year is not covered.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = huying::calendar::Calendar::china();
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2025, 1, 26).unwrap())?);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let i = self.day_index(date)?;
        Ok(self.working_at(i))
    }

    /// [`Calendar::is_working_day`] on a Unix day number (days since
    /// 1970-01-01, as in numpy's `datetime64[D]`): the fast path for batch work.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if the day lies outside the covered years.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china();
    /// assert!(cal.is_working_unix_day(20359)?); // Sunday 2025-09-28, a working day in lieu
    /// assert!(!cal.is_working_unix_day(20362)?); // 2025-10-01, National Day
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn is_working_unix_day(&self, day: i64) -> Result<bool, CalendarError> {
        let i = self.index_of_unix_day(day, false)?;
        Ok(self.working_at(i))
    }

    /// The kind of the date, with the festival behind it.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if the date's year is not covered.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huying::calendar::{Calendar, DayKind};
    /// let k = Calendar::china().day_kind(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap())?;
    /// assert_eq!(k.festival().unwrap().name_zh, "国庆节");
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind, CalendarError> {
        let i = self.day_index(date)?;
        Ok(self.kind_at(i))
    }

    /// The first working day strictly after `date`.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if `date` or the answer lies outside the covered years.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// let cal = huying::calendar::Calendar::china();
    /// assert_eq!(cal.next_working_day(d(9, 30))?, d(10, 9));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(date, 1)
    }

    /// The last working day strictly before `date`.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if `date` or the answer lies outside the covered years.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// let cal = huying::calendar::Calendar::china();
    /// assert_eq!(cal.previous_working_day(d(10, 9))?, d(9, 30));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn previous_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(date, -1)
    }

    /// The `n`-th working day after `date` (before it when `n` is negative).
    /// `date` itself is never counted, as Chinese law counts periods: the day
    /// of receipt is not a day of the period. `n = 0` gives `date` itself.
    ///
    /// For `n ≥ 0`, `working_days_between(date, result) == n`.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if `date` or the answer lies outside the covered years.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// let cal = huying::calendar::Calendar::china();
    /// // Friday 09-26: Sunday 09-28 is a working day in lieu.
    /// assert_eq!(cal.add_working_days(d(9, 26), 3)?, d(9, 30));
    /// assert_eq!(cal.add_working_days(d(10, 9), -2)?, d(9, 29));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn add_working_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        // Tables both ways (year start + ordinal in, the date table out): no
        // day-count arithmetic.
        let i = self.day_index(date)?;
        if n == 0 {
            return Ok(date);
        }
        self.working_day_ordinal(i, n)
            .and_then(|k| self.inner.t.work_dates.get(k).copied())
            .ok_or_else(|| self.beyond(n > 0))
    }

    /// The 0-based ordinal among working days of the day `n` (≠ 0) working
    /// days from day index `i` (the day itself not counted).
    #[inline]
    fn working_day_ordinal(&self, i: usize, n: i64) -> Option<usize> {
        let t = &self.inner.t;
        let through = i64::from(*t.cum.get(i + 1)?);
        // Ordinal (1-based) of the working day wanted.
        let target = if n > 0 || self.working_at(i) {
            through.checked_add(n)?
        } else {
            through.checked_add(n)?.checked_add(1)?
        };
        usize::try_from(target.checked_sub(1)?).ok()
    }

    /// [`Calendar::add_working_days`] on Unix day numbers (days since
    /// 1970-01-01, as in numpy's `datetime64[D]`): the fast path for batch
    /// work, with no date conversion.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if `day` or the answer lies outside the covered years.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china();
    /// // 20357 is Friday 2025-09-26; Sunday 09-28 is a working day in lieu.
    /// assert_eq!(cal.add_working_days_unix(20357, 3)?, 20361); // Tuesday 2025-09-30
    /// assert_eq!(cal.add_working_days_unix(20361, -3)?, 20357);
    /// assert_eq!(cal.add_working_days_unix(0, 1).unwrap_err().code(), "calendar.not_covered");
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn add_working_days_unix(&self, day: i64, n: i64) -> Result<i64, CalendarError> {
        let i = self.index_of_unix_day(day, false)?;
        if n == 0 {
            return Ok(day);
        }
        self.working_day_ordinal(i, n)
            .and_then(|k| self.inner.t.work.get(k))
            .map(|&j| self.inner.t.base_day + i64::from(j))
            .ok_or_else(|| self.beyond(n > 0))
    }

    /// The `n`-th (≥ 1) working day after the Unix day `day`, without error
    /// values: `None` when `day` or the answer is not covered (the batch
    /// deadline path; [`Calendar::add_working_days_unix`] with its errors).
    #[inline]
    pub(crate) fn working_day_after_unix(&self, day: i64, n: i64) -> Option<i64> {
        let t = &self.inner.t;
        let i = usize::try_from(day.checked_sub(t.base_day)?).ok()?;
        let k = self.working_day_ordinal(i, n)?;
        Some(t.base_day + i64::from(*t.work.get(k)?))
    }

    /// The number of working days in `(a, b]` — after `a`, up to and including
    /// `b`; negative when `b` is before `a`.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if either date lies outside the covered years.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// let cal = huying::calendar::Calendar::china();
    /// assert_eq!(cal.working_days_between(d(9, 30), d(10, 8))?, 0);
    /// assert_eq!(cal.working_days_between(d(10, 10), d(9, 26))?, -5);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, CalendarError> {
        self.working_days_between_unix(unix_day(a), unix_day(b))
    }

    /// [`Calendar::working_days_between`] on Unix day numbers (days since
    /// 1970-01-01): the fast path for batch work.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if either day lies outside the covered years.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china();
    /// // 2025-09-30 to 2025-10-08: the National Day holiday, no working day.
    /// assert_eq!(cal.working_days_between_unix(20361, 20369)?, 0);
    /// assert_eq!(cal.working_days_between_unix(20357, 20361)?, 3);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn working_days_between_unix(&self, a: i64, b: i64) -> Result<i64, CalendarError> {
        let (i, j) = (
            self.index_of_unix_day(a, false)?,
            self.index_of_unix_day(b, false)?,
        );
        let t = &self.inner.t;
        Ok(i64::from(cum(t, j + 1)) - i64::from(cum(t, i + 1)))
    }

    /// Every date of a year that is not a plain working day or weekend:
    /// holidays, working days in lieu and local rest days, in date order.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if the year is not covered.
    ///
    /// ```
    /// let days = huying::calendar::Calendar::china().special_days(2025)?;
    /// assert_eq!(days.iter().filter(|(_, k)| k.code() == "working_day_in_lieu").count(), 5);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn special_days(&self, year: i32) -> Result<Vec<(NaiveDate, DayKind)>, CalendarError> {
        if !self.years().contains(&year) {
            return Err(CalendarError::NotCovered { year });
        }
        Ok(self
            .inner
            .spec
            .overrides
            .range(ymd(year, 1, 1)?..=ymd(year, 12, 31)?)
            .filter_map(|(&date, _)| {
                let kind = self.day_kind(date).ok()?;
                kind.festival().is_some().then_some((date, kind))
            })
            .collect())
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
            None => crate::hours::instant(ls),
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

const MON_TO_FRI: [bool; 7] = [true, true, true, true, true, false, false];

/// Builds a [`Calendar`]: a weekly pattern, covered years, dated overrides.
///
/// ```
/// use huying::calendar::{Calendar, Festival};
/// use chrono::NaiveDate;
/// let d = |m, d| NaiveDate::from_ymd_opt(2030, m, d).unwrap();
/// let cal = Calendar::builder("my county")
///     .years(2030..=2030)
///     .holiday(d(1, 1), Festival::new("元旦", "New Year's Day"))
///     .working_day(d(1, 5), Festival::new("元旦", "New Year's Day"))
///     .build()?;
/// assert!(!cal.is_working_day(d(1, 1))?);
/// assert!(cal.is_working_day(d(1, 5))?);
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug)]
pub struct CalendarBuilder {
    spec: Spec,
    pending: Vec<DayOverride>,
}

impl CalendarBuilder {
    /// A builder for a Monday–Friday calendar with no covered year yet.
    ///
    /// ```
    /// let b = huying::calendar::CalendarBuilder::new("x").years(2030..=2031);
    /// assert_eq!(b.build()?.years(), 2030..=2031);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        CalendarBuilder {
            spec: Spec {
                name: name.into(),
                version: String::new(),
                weekly: MON_TO_FRI,
                first_year: 1,
                last_year: 0,
                overrides: BTreeMap::new(),
            },
            pending: Vec::new(),
        }
    }

    /// The data version string reported by [`Calendar::data_version`].
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::builder("x").version("v2").years(2030..=2030).build()?;
    /// assert_eq!(cal.data_version(), "v2");
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.spec.version = version.into();
        self
    }

    /// Which weekdays are working days, Monday first.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::builder("x").weekly([true; 7]).years(2030..=2030).build()?;
    /// assert!(cal.is_working_day(chrono::NaiveDate::from_ymd_opt(2030, 1, 6).unwrap())?);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn weekly(mut self, working: [bool; 7]) -> Self {
        self.spec.weekly = working;
        self
    }

    /// The covered years.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::builder("x").years(2030..=2032).build()?;
    /// assert_eq!(cal.years(), 2030..=2032);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn years(mut self, years: RangeInclusive<i32>) -> Self {
        self.spec.first_year = *years.start();
        self.spec.last_year = *years.end();
        self
    }

    /// Marks a date as a statutory holiday.
    ///
    /// ```
    /// use huying::calendar::{Calendar, Festival};
    /// let d = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    /// let cal = Calendar::builder("x").years(2030..=2030).holiday(d, Festival::new("元旦", "New Year")).build()?;
    /// assert_eq!(cal.day_kind(d)?.code(), "holiday");
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn holiday(self, date: NaiveDate, festival: Festival) -> Self {
        self.push(date, OverrideKind::Holiday, festival)
    }

    /// Marks a date as a working day in lieu.
    ///
    /// ```
    /// use huying::calendar::{Calendar, Festival};
    /// let d = chrono::NaiveDate::from_ymd_opt(2030, 1, 5).unwrap();
    /// let cal = Calendar::builder("x").years(2030..=2030).working_day(d, Festival::new("元旦", "New Year")).build()?;
    /// assert!(cal.is_working_day(d)?);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn working_day(self, date: NaiveDate, festival: Festival) -> Self {
        self.push(date, OverrideKind::Workday, festival)
    }

    /// Marks a date as a local rest day (set by the county, not the notice).
    ///
    /// ```
    /// use huying::calendar::{Calendar, Festival};
    /// let d = chrono::NaiveDate::from_ymd_opt(2030, 1, 7).unwrap();
    /// let cal = Calendar::builder("x").years(2030..=2030).rest_day(d, Festival::new("县庆", "County day")).build()?;
    /// assert_eq!(cal.day_kind(d)?.code(), "local_rest_day");
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn rest_day(self, date: NaiveDate, reason: Festival) -> Self {
        self.push(date, OverrideKind::Rest, reason)
    }

    /// Adds many dated overrides at once.
    ///
    /// ```
    /// use huying::calendar::{Calendar, DayOverride, OverrideKind, Festival};
    /// let d = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    /// let o = DayOverride { date: d, kind: OverrideKind::Holiday, festival: Festival::new("元旦", "New Year") };
    /// let cal = Calendar::builder("x").years(2030..=2030).overrides(vec![o]).build()?;
    /// assert!(!cal.is_working_day(d)?);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn overrides(mut self, rows: impl IntoIterator<Item = DayOverride>) -> Self {
        self.pending.extend(rows);
        self
    }

    fn push(mut self, date: NaiveDate, kind: OverrideKind, festival: Festival) -> Self {
        self.pending.push(DayOverride {
            date,
            kind,
            festival,
        });
        self
    }

    /// Builds the calendar and its tables.
    ///
    /// # Errors
    /// [`CalendarError::BadData`] if an override lies outside the covered
    /// years, or the range is empty, longer than [`MAX_CALENDAR_YEARS`] or
    /// outside the years 1 to 9999.
    ///
    /// ```
    /// let err = huying::calendar::Calendar::builder("x").years(2031..=2030).build().unwrap_err();
    /// assert_eq!(err.code(), "calendar.bad_data");
    /// ```
    pub fn build(self) -> Result<Calendar, CalendarError> {
        let CalendarBuilder { mut spec, pending } = self;
        let bad = |field: &str, message: String| CalendarError::BadData {
            source_name: spec.name.clone(),
            line: 0,
            field: field.into(),
            message,
        };
        if spec.first_year > spec.last_year
            || i64::from(spec.last_year) - i64::from(spec.first_year)
                >= i64::from(MAX_CALENDAR_YEARS)
        {
            return Err(bad(
                "years",
                format!(
                    "covered years {}..={} must be a non-empty range of at most {MAX_CALENDAR_YEARS} years",
                    spec.first_year, spec.last_year
                ),
            ));
        }
        if spec.first_year < 1 || spec.last_year > 9999 {
            return Err(bad(
                "years",
                format!(
                    "years must lie in 1..=9999, got {}..={}",
                    spec.first_year, spec.last_year
                ),
            ));
        }
        for o in pending {
            if !(spec.first_year..=spec.last_year).contains(&o.date.year()) {
                return Err(bad(
                    "date",
                    format!(
                        "{} lies outside the covered years {}..={}",
                        o.date, spec.first_year, spec.last_year
                    ),
                ));
            }
            spec.overrides.insert(o.date, (o.kind, o.festival));
        }
        let t = build_tables(&spec)?;
        Ok(Calendar {
            inner: Arc::new(Inner {
                spec,
                t,
                hours: None,
            }),
        })
    }
}

fn build_tables(spec: &Spec) -> Result<Tables, CalendarError> {
    let first = ymd(spec.first_year, 1, 1)?;
    let end = ymd(spec.last_year, 12, 31)?;
    let base_day = unix_day(first);
    let ndays = usize::try_from(unix_day(end) - base_day + 1).unwrap_or(0);
    let mut t = Tables {
        base_day,
        kind: Vec::with_capacity(ndays),
        festival: Vec::with_capacity(ndays),
        festivals: Vec::new(),
        cum: Vec::with_capacity(ndays + 1),
        work: Vec::with_capacity(ndays),
        work_dates: Vec::with_capacity(ndays),
        year_start: Vec::new(),
        dates: Vec::with_capacity(ndays),
    };
    let mut index: BTreeMap<(String, String), u16> = BTreeMap::new();
    let mut count: u32 = 0;
    t.cum.push(0);
    for (i, date) in first.iter_days().take(ndays).enumerate() {
        let weekday = date.weekday().num_days_from_monday() as usize;
        let plain_working = spec.weekly.get(weekday).copied().unwrap_or(false);
        let (kind, fest) = match spec.overrides.get(&date) {
            Some((k, f)) => {
                let key = (f.name_zh.clone(), f.name_en.clone());
                let next = u16::try_from(t.festivals.len()).unwrap_or(NO_FESTIVAL - 1);
                let idx = *index.entry(key).or_insert_with(|| {
                    t.festivals.push(f.clone());
                    next
                });
                let code = match k {
                    OverrideKind::Holiday => K_HOLIDAY,
                    OverrideKind::Workday => K_IN_LIEU,
                    OverrideKind::Rest => K_LOCAL_REST,
                };
                (code, idx)
            }
            None if plain_working => (K_WORKING, NO_FESTIVAL),
            None => (K_WEEKEND, NO_FESTIVAL),
        };
        if date.ordinal0() == 0 {
            t.year_start.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        t.dates.push(date);
        t.kind.push(kind);
        t.festival.push(fest);
        if kind == K_WORKING || kind == K_IN_LIEU {
            t.work.push(u32::try_from(i).unwrap_or(u32::MAX));
            t.work_dates.push(date);
            count += 1;
        }
        t.cum.push(count);
    }
    Ok(t)
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
