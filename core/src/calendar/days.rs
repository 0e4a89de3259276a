//! Days: what kind each date is, and working-day arithmetic over them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;
use crate::Lang;

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

impl Calendar {
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
}
