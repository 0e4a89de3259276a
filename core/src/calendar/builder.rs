//! Building a calendar: a weekly pattern, covered years, dated overrides,
//! and the per-day tables derived from them.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::*;

pub(super) const MON_TO_FRI: [bool; 7] = [true, true, true, true, true, false, false];

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
    pub(super) spec: Spec,
    pub(super) pending: Vec<DayOverride>,
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

pub(super) fn build_tables(spec: &Spec) -> Result<Tables, CalendarError> {
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
