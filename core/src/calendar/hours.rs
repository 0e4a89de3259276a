//! Office hours: working intervals with breaks, seasonal timetables and
//! per-date overrides, and working-time arithmetic over them.
//!
//! No national rule fixes office hours; a county sets its own, often with a
//! summer and a winter timetable. A [`Schedule`] describes them; a calendar
//! compiled with [`Calendar::with_schedule`] answers working-time questions
//! in O(log n) using a running count of working seconds per day.
//!
//! ```
//! use chrono::{DateTime, Duration};
//! use huying::calendar::Calendar;
//! use huying::hours::Schedule;
//!
//! let schedule: Schedule = "08:30-12:00,14:00-17:30".parse()?;
//! let cal = Calendar::china().with_schedule(schedule)?;
//! let t = DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
//! // 2 h before lunch, then 2 h after it.
//! let due = cal.add_working_time(t, Duration::hours(4))?;
//! assert_eq!(due.to_rfc3339(), "2025-06-03T16:00:00+08:00");
//! assert_eq!(cal.working_time_between(t, due)?, Duration::hours(4));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarError, DAY_SECS};
use crate::time::{CHINA_OFFSET_SECS, from_local_secs, local_secs};

/// An `(hour, minute)` time of day, `(24, 0)` allowed as an end.
pub type HourMinute = (u32, u32);

/// The opening and closing instants of a day's office hours.
pub type OpenClose = (DateTime<FixedOffset>, DateTime<FixedOffset>);

/// The working intervals of one day, e.g. `08:30-12:00,14:00-17:30`.
///
/// Intervals are sorted and do not overlap; `24:00` may end the last one.
/// An empty timetable (`""` or `closed`) means no working hours.
///
/// ```
/// use huying::hours::Timetable;
/// let t: Timetable = "08:30-12:00, 14:00-17:30".parse()?;
/// assert_eq!(t.to_string(), "08:30-12:00,14:00-17:30");
/// assert_eq!(t.working_seconds(), 7 * 3600);
/// assert!("14:00-12:00".parse::<Timetable>().is_err());
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Timetable {
    /// (start, end) in seconds from midnight.
    intervals: Vec<(u32, u32)>,
}

impl Timetable {
    /// A timetable from (start, end) pairs of `NaiveTime`-like `(hour, minute)`.
    ///
    /// # Errors
    /// [`CalendarError::BadSchedule`] if an interval is empty, reversed,
    /// overlaps another or ends after 24:00.
    ///
    /// ```
    /// let t = huying::hours::Timetable::new(&[((8, 30), (12, 0)), ((14, 0), (17, 30))])?;
    /// assert_eq!(t.to_string(), "08:30-12:00,14:00-17:30");
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn new(intervals: &[(HourMinute, HourMinute)]) -> Result<Self, CalendarError> {
        let mut v = Vec::with_capacity(intervals.len());
        for &((h1, m1), (h2, m2)) in intervals {
            v.push((hm_secs(h1, m1)?, hm_secs(h2, m2)?));
        }
        Self::from_secs(v)
    }

    fn from_secs(mut v: Vec<(u32, u32)>) -> Result<Self, CalendarError> {
        v.sort_unstable();
        let mut prev_end = 0;
        for &(s, e) in &v {
            if s >= e {
                return Err(schedule_err(format!(
                    "interval {}-{} is empty or reversed",
                    hhmm(s),
                    hhmm(e)
                )));
            }
            if e > DAY_SECS as u32 {
                return Err(schedule_err(format!(
                    "interval ends after 24:00: {}",
                    hhmm(e)
                )));
            }
            if s < prev_end {
                return Err(schedule_err(format!(
                    "intervals overlap at {}: expected sorted, disjoint intervals",
                    hhmm(s)
                )));
            }
            prev_end = e;
        }
        Ok(Timetable { intervals: v })
    }

    /// Total working seconds in the day.
    ///
    /// ```
    /// let t: huying::hours::Timetable = "09:00-10:00".parse()?;
    /// assert_eq!(t.working_seconds(), 3600);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn working_seconds(&self) -> i64 {
        self.intervals.iter().map(|&(s, e)| i64::from(e - s)).sum()
    }

    /// The intervals as (start, end) seconds from midnight.
    ///
    /// ```
    /// let t: huying::hours::Timetable = "09:00-10:00".parse()?;
    /// assert_eq!(t.intervals(), &[(9 * 3600, 10 * 3600)]);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn intervals(&self) -> &[(u32, u32)] {
        &self.intervals
    }

    /// Working seconds from midnight up to `secs` past midnight.
    fn worked_before(&self, secs: i64) -> i64 {
        self.intervals
            .iter()
            .map(|&(s, e)| (secs.min(i64::from(e)) - i64::from(s)).max(0))
            .sum()
    }

    /// The earliest second-of-day by which `amount` (> 0) working seconds have elapsed.
    fn instant_of(&self, mut amount: i64) -> Option<i64> {
        for &(s, e) in &self.intervals {
            let len = i64::from(e - s);
            if amount <= len {
                return Some(i64::from(s) + amount);
            }
            amount -= len;
        }
        None
    }
}

fn schedule_err(message: String) -> CalendarError {
    CalendarError::BadSchedule { message }
}

fn hm_secs(h: u32, m: u32) -> Result<u32, CalendarError> {
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return Err(schedule_err(format!(
            "{h:02}:{m:02} is not a time of day: expected HH:MM from 00:00 to 24:00"
        )));
    }
    Ok(h * 3600 + m * 60)
}

fn hhmm(secs: u32) -> String {
    format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

fn parse_hm(s: &str) -> Result<u32, CalendarError> {
    let s = s.trim();
    let (h, m) = s
        .split_once(':')
        .or_else(|| s.split_once('：'))
        .ok_or_else(|| schedule_err(format!("{s:?} is not a time: expected HH:MM")))?;
    let h = h
        .trim()
        .parse::<u32>()
        .map_err(|_| schedule_err(format!("{s:?} is not a time: expected HH:MM")))?;
    let m = m
        .trim()
        .parse::<u32>()
        .map_err(|_| schedule_err(format!("{s:?} is not a time: expected HH:MM")))?;
    hm_secs(h, m)
}

impl FromStr for Timetable {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() || s.eq_ignore_ascii_case("closed") || s == "休息" {
            return Ok(Timetable::default());
        }
        let mut v = Vec::new();
        for part in s.split([',', '，', '、', ';']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (a, b) = part
                .split_once(['-', '–', '—', '~', '～', '至'])
                .ok_or_else(|| {
                    schedule_err(format!(
                        "{part:?} is not an interval: expected HH:MM-HH:MM, e.g. 08:30-12:00"
                    ))
                })?;
            v.push((parse_hm(a)?, parse_hm(b)?));
        }
        Timetable::from_secs(v)
    }
}

impl fmt::Display for Timetable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.intervals.is_empty() {
            return f.write_str("closed");
        }
        for (i, &(s, e)) in self.intervals.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}-{}", hhmm(s), hhmm(e))?;
        }
        Ok(())
    }
}

impl Serialize for Timetable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timetable {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A month and day, `MM-DD`, for seasons that recur every year.
///
/// ```
/// let md: huying::hours::MonthDay = "05-01".parse()?;
/// assert_eq!(md.to_string(), "05-01");
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl FromStr for MonthDay {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || {
            schedule_err(format!(
                "{s:?} is not a month-day: expected MM-DD, e.g. 05-01"
            ))
        };
        let (m, d) = s.trim().split_once('-').ok_or_else(err)?;
        let month = m.parse::<u32>().map_err(|_| err())?;
        let day = d.parse::<u32>().map_err(|_| err())?;
        // Validate against a leap year so 02-29 is allowed.
        NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(err)?;
        Ok(MonthDay { month, day })
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A seasonal timetable, from one month-day to another inclusive, every year
/// (the range may wrap the new year, e.g. `10-01` to `04-30`).
///
/// ```
/// use huying::hours::{Season, Timetable};
/// let s = Season { name: "summer".into(), from: "05-01".parse()?, to: "09-30".parse()?, hours: "08:30-12:00,14:30-17:30".parse()? };
/// assert!(s.contains(chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()));
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Season {
    /// A name, e.g. `summer` or `夏季作息`.
    pub name: String,
    /// First day of the season.
    pub from: MonthDay,
    /// Last day of the season.
    pub to: MonthDay,
    /// The working intervals during the season.
    pub hours: Timetable,
}

impl Season {
    /// Whether `date` falls in the season.
    ///
    /// ```
    /// use huying::hours::Season;
    /// let winter = Season { name: "winter".into(), from: "10-01".parse()?, to: "04-30".parse()?, hours: "09:00-17:00".parse()? };
    /// assert!(winter.contains(chrono::NaiveDate::from_ymd_opt(2025, 1, 10).unwrap()));
    /// assert!(!winter.contains(chrono::NaiveDate::from_ymd_opt(2025, 7, 10).unwrap()));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        let md = MonthDay {
            month: date.month(),
            day: date.day(),
        };
        if self.from <= self.to {
            self.from <= md && md <= self.to
        } else {
            md >= self.from || md <= self.to
        }
    }
}

/// Office hours: a default timetable, seasonal variants (first match wins)
/// and per-date overrides (a short day). Hours apply only on the calendar's
/// working days.
///
/// Parses from a timetable string, or from JSON:
/// `{"default": "08:30-12:00,14:00-17:00", "seasons": [{"name": "summer",
/// "from": "05-01", "to": "09-30", "hours": "08:30-12:00,14:30-17:30"}],
/// "overrides": {"2025-12-31": "08:30-12:00"}}`.
///
/// ```
/// use huying::hours::Schedule;
/// let s = Schedule::from_json(r#"{"default": "08:30-12:00,14:00-17:00",
///   "seasons": [{"name": "summer", "from": "05-01", "to": "09-30", "hours": "08:30-12:00,14:30-17:30"}],
///   "overrides": {"2025-12-31": "08:30-12:00"}}"#)?;
/// let d = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// assert_eq!(s.timetable_for(d(7, 1)).to_string(), "08:30-12:00,14:30-17:30");
/// assert_eq!(s.timetable_for(d(12, 1)).to_string(), "08:30-12:00,14:00-17:00");
/// assert_eq!(s.timetable_for(d(12, 31)).to_string(), "08:30-12:00");
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The timetable outside any season.
    pub default: Timetable,
    /// Seasonal timetables; the first that contains a date wins.
    #[serde(default)]
    pub seasons: Vec<Season>,
    /// Timetables for single dates.
    #[serde(default)]
    pub overrides: BTreeMap<NaiveDate, Timetable>,
}

impl Schedule {
    /// A schedule with one timetable all year.
    ///
    /// ```
    /// let s = huying::hours::Schedule::new("09:00-17:00".parse()?);
    /// assert!(s.seasons.is_empty());
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn new(default: Timetable) -> Self {
        Schedule {
            default,
            seasons: Vec::new(),
            overrides: BTreeMap::new(),
        }
    }

    /// Adds a seasonal timetable.
    ///
    /// ```
    /// use huying::hours::Schedule;
    /// let s = Schedule::new("08:30-12:00,14:00-17:00".parse()?)
    ///     .with_season("summer", "05-01".parse()?, "09-30".parse()?, "08:30-12:00,14:30-17:30".parse()?);
    /// assert_eq!(s.seasons.len(), 1);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn with_season(
        mut self,
        name: &str,
        from: MonthDay,
        to: MonthDay,
        hours: Timetable,
    ) -> Self {
        self.seasons.push(Season {
            name: name.to_string(),
            from,
            to,
            hours,
        });
        self
    }

    /// Sets the timetable of one date (a short day, say).
    ///
    /// ```
    /// use huying::hours::Schedule;
    /// let d = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    /// let s = Schedule::new("09:00-17:00".parse()?).with_date(d, "09:00-12:00".parse()?);
    /// assert_eq!(s.timetable_for(d).working_seconds(), 3 * 3600);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn with_date(mut self, date: NaiveDate, hours: Timetable) -> Self {
        self.overrides.insert(date, hours);
        self
    }

    /// The timetable that applies on `date` if it is a working day.
    ///
    /// ```
    /// let s = huying::hours::Schedule::new("09:00-17:00".parse()?);
    /// assert_eq!(s.timetable_for(chrono::NaiveDate::from_ymd_opt(2025, 1, 2).unwrap()).to_string(), "09:00-17:00");
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn timetable_for(&self, date: NaiveDate) -> &Timetable {
        self.overrides
            .get(&date)
            .or_else(|| {
                self.seasons
                    .iter()
                    .find(|s| s.contains(date))
                    .map(|s| &s.hours)
            })
            .unwrap_or(&self.default)
    }

    /// Reads a schedule from JSON (see the type's docs for the shape).
    ///
    /// # Errors
    /// [`CalendarError::BadSchedule`] saying where the JSON is wrong.
    ///
    /// ```
    /// assert!(huying::hours::Schedule::from_json(r#"{"default": "25:00-26:00"}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Self, CalendarError> {
        serde_json::from_str(text).map_err(|e| schedule_err(format!("{e}")))
    }
}

impl FromStr for Schedule {
    type Err = CalendarError;
    /// A schedule from a JSON object or a single timetable string.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim_start().starts_with('{') {
            Schedule::from_json(s)
        } else {
            Ok(Schedule::new(s.parse()?))
        }
    }
}

const NO_HOURS: u16 = u16::MAX;

/// Working hours compiled against a calendar: per day, its timetable and a
/// running count of working seconds.
#[derive(Clone, Debug)]
pub(crate) struct HoursTable {
    schedule: Schedule,
    timetables: Vec<Timetable>,
    /// Timetable index per day, `NO_HOURS` on rest days.
    day: Vec<u16>,
    /// `cum[i]` = working seconds in days `0..i`; one longer than `day`.
    cum: Vec<i64>,
}

impl HoursTable {
    pub(crate) fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    fn timetable(&self, i: usize) -> Option<&Timetable> {
        self.day
            .get(i)
            .filter(|&&t| t != NO_HOURS)
            .and_then(|&t| self.timetables.get(usize::from(t)))
    }

    fn cum(&self, i: usize) -> i64 {
        self.cum.get(i).copied().unwrap_or(0)
    }

    /// Working position of second `secs` of day `i`.
    #[inline]
    fn pos_at(&self, i: usize, secs: i64) -> i64 {
        self.cum(i) + self.timetable(i).map_or(0, |t| t.worked_before(secs))
    }

    /// The first day `i` with `cum[i + 1] >= pos` (for `0 < pos <= total`):
    /// a short walk forward from `from` when the answer is not before it
    /// (the common case: a few days ahead), else a bisection.
    #[inline]
    fn day_of_pos(&self, pos: i64, from: usize) -> usize {
        let n = self.day.len();
        let mut i = from.min(n);
        if self.cum(i) < pos {
            for _ in 0..16 {
                if i >= n {
                    break;
                }
                if self.cum(i + 1) >= pos {
                    return i;
                }
                i += 1;
            }
        }
        // cum[1..=n] is sorted: the first k in 1..=n with cum[k] >= pos.
        self.cum
            .get(1..)
            .unwrap_or(&[])
            .partition_point(|&c| c < pos)
    }

    /// Second of day `i` by which `rem` (> 0) of its working seconds have passed.
    #[inline]
    fn instant_in(&self, i: usize, rem: i64) -> Option<i64> {
        self.timetable(i).and_then(|t| t.instant_of(rem))
    }

    /// Close of business of day `i` in seconds from midnight, if it has hours.
    pub(crate) fn close_of(&self, i: usize) -> Option<i64> {
        self.timetable(i)
            .and_then(|t| t.intervals.last())
            .map(|&(_, e)| i64::from(e))
    }

    /// Opening of day `i` in seconds from midnight, if it has hours.
    fn open_of(&self, i: usize) -> Option<i64> {
        self.timetable(i)
            .and_then(|t| t.intervals.first())
            .map(|&(s, _)| i64::from(s))
    }
}

impl Calendar {
    /// This calendar with office hours: working-time arithmetic
    /// ([`Calendar::add_working_time`], [`Calendar::working_time_between`],
    /// [`Calendar::business_hours`]) and working-hour limits (`4wh`) become available.
    ///
    /// # Errors
    /// [`CalendarError::BadSchedule`] if the schedule has more than 65,000
    /// distinct timetables.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china().with_schedule("09:00-12:00,13:00-17:00".parse()?)?;
    /// assert!(cal.schedule().is_some());
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn with_schedule(&self, schedule: Schedule) -> Result<Calendar, CalendarError> {
        let n = self.day_count();
        let mut timetables: Vec<Timetable> = Vec::new();
        let mut day = Vec::with_capacity(n);
        let mut cum = Vec::with_capacity(n + 1);
        let mut total = 0i64;
        cum.push(0);
        for i in 0..n {
            let idx = if self.working_at(i) {
                let date = self.date_at(i)?;
                let tt = schedule.timetable_for(date);
                let pos = match timetables.iter().position(|t| t == tt) {
                    Some(p) => p,
                    None => {
                        timetables.push(tt.clone());
                        timetables.len() - 1
                    }
                };
                total += tt.working_seconds();
                u16::try_from(pos)
                    .map_err(|_| schedule_err("too many distinct timetables".into()))?
            } else {
                NO_HOURS
            };
            day.push(idx);
            cum.push(total);
        }
        Ok(self.with_hours_table(HoursTable {
            schedule,
            timetables,
            day,
            cum,
        }))
    }

    /// The office-hours schedule, if one was set.
    ///
    /// ```
    /// assert!(huying::calendar::Calendar::china().schedule().is_none());
    /// ```
    pub fn schedule(&self) -> Option<&Schedule> {
        self.hours_table().map(HoursTable::schedule)
    }

    fn hours(&self) -> Result<&HoursTable, CalendarError> {
        self.hours_table().ok_or(CalendarError::NoSchedule)
    }

    /// The opening and closing instants of `date`'s office hours, or `None`
    /// on a rest day or a day without hours.
    ///
    /// # Errors
    /// [`CalendarError::NoSchedule`] without a schedule; [`CalendarError::NotCovered`].
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    /// let (open, close) = cal.business_hours(chrono::NaiveDate::from_ymd_opt(2025, 9, 28).unwrap())?.unwrap();
    /// assert_eq!(open.to_rfc3339(), "2025-09-28T08:30:00+08:00"); // Sunday, a working day in lieu
    /// assert_eq!(close.to_rfc3339(), "2025-09-28T17:30:00+08:00");
    /// assert!(cal.business_hours(chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap())?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn business_hours(&self, date: NaiveDate) -> Result<Option<OpenClose>, CalendarError> {
        let h = self.hours()?;
        let i = self.day_index(date)?;
        let (Some(open), Some(close)) = (h.open_of(i), h.close_of(i)) else {
            return Ok(None);
        };
        let base = crate::calendar::unix_day(date) * DAY_SECS;
        Ok(Some((instant(base + open)?, instant(base + close)?)))
    }

    /// Whether `t` falls inside office hours.
    ///
    /// # Errors
    /// [`CalendarError::NoSchedule`] without a schedule; [`CalendarError::NotCovered`].
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    /// let t = chrono::DateTime::parse_from_rfc3339("2025-06-03T12:30:00+08:00")?;
    /// assert!(!cal.is_working_time(t)?); // lunch break
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_working_time(&self, t: DateTime<FixedOffset>) -> Result<bool, CalendarError> {
        let h = self.hours()?;
        let ls = local_secs(&t);
        let i = self.index_of_unix_day(ls.div_euclid(DAY_SECS), false)?;
        let secs = ls.rem_euclid(DAY_SECS);
        Ok(h.timetable(i).is_some_and(|tt| {
            tt.intervals
                .iter()
                .any(|&(s, e)| i64::from(s) <= secs && secs < i64::from(e))
        }))
    }

    /// Working time from `a` to `b` (negative when `b` is before `a`).
    ///
    /// # Errors
    /// [`CalendarError::NoSchedule`] without a schedule; [`CalendarError::NotCovered`].
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    /// let p = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// // Tue 09-30 16:00 to Thu 10-09 09:00: 1.5 h + 0.5 h across the National Day holiday.
    /// let d = cal.working_time_between(p("2025-09-30T16:00:00+08:00"), p("2025-10-09T09:00:00+08:00"))?;
    /// assert_eq!(d, chrono::Duration::minutes(120));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn working_time_between(
        &self,
        a: DateTime<FixedOffset>,
        b: DateTime<FixedOffset>,
    ) -> Result<Duration, CalendarError> {
        let pa = self.wh_pos(local_secs(&a))?;
        let pb = self.wh_pos(local_secs(&b))?;
        Ok(Duration::seconds(pb - pa))
    }

    /// The earliest instant by which `amount` of working time has passed
    /// since `t` (before `t` for a negative amount). A start outside office
    /// hours starts counting at the next opening.
    ///
    /// # Errors
    /// [`CalendarError::NoSchedule`] without a schedule; [`CalendarError::NotCovered`]
    /// if the answer lies outside the covered years.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    /// let t = chrono::DateTime::parse_from_rfc3339("2025-09-30T16:00:00+08:00")?;
    /// let due = cal.add_working_time(t, chrono::Duration::hours(4))?;
    /// assert_eq!(due.to_rfc3339(), "2025-10-09T11:00:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_working_time(
        &self,
        t: DateTime<FixedOffset>,
        amount: Duration,
    ) -> Result<DateTime<FixedOffset>, CalendarError> {
        self.instant_at(self.add_working_time_local(local_secs(&t), amount.num_seconds())?)
    }

    /// [`Calendar::add_working_time`] on seconds since the Unix epoch (UTC),
    /// with the amount in seconds: the fast path for batch work (numpy
    /// `datetime64[s]`), with no date-time conversion.
    ///
    /// # Errors
    /// As [`Calendar::add_working_time`]; [`CalendarError::OutOfRange`] for
    /// an instant beyond ±10¹⁵ seconds.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    /// let t = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
    /// let due = cal.add_working_time_epoch_secs(t.timestamp(), 4 * 3600)?;
    /// assert_eq!(due, chrono::DateTime::parse_from_rfc3339("2025-06-03T16:00:00+08:00")?.timestamp());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_working_time_epoch_secs(
        &self,
        epoch_secs: i64,
        amount_secs: i64,
    ) -> Result<i64, CalendarError> {
        if let Some(due) = self.add_working_time_fast(epoch_secs, amount_secs) {
            return Ok(due);
        }
        let ls = epoch_to_local(epoch_secs)?;
        Ok(self.add_working_time_local(ls, amount_secs)? - i64::from(CHINA_OFFSET_SECS))
    }

    /// The common case of [`Calendar::add_working_time_epoch_secs`] without
    /// error values: `None` sends the caller to the general path, which
    /// gives the same answer or the error. Same arithmetic as
    /// `add_working_time_local` (`wh_pos` then `wh_at`).
    #[inline]
    pub(crate) fn add_working_time_fast(&self, epoch_secs: i64, amount_secs: i64) -> Option<i64> {
        let h = self.hours_table()?;
        if amount_secs == 0 || !(-MAX_EPOCH_SECS..=MAX_EPOCH_SECS).contains(&epoch_secs) {
            return None;
        }
        let offset = i64::from(CHINA_OFFSET_SECS);
        let ls = epoch_secs + offset;
        let (day, secs) = (ls.div_euclid(DAY_SECS), ls.rem_euclid(DAY_SECS));
        let n = h.day.len();
        let i = usize::try_from(day - self.base_day())
            .ok()
            .filter(|&i| i < n + usize::from(secs == 0))?;
        let target = h.pos_at(i, secs).checked_add(amount_secs)?;
        if target <= 0 || target > h.cum(n) {
            return None;
        }
        let j = h.day_of_pos(target, i);
        let at = h.instant_in(j, target - h.cum(j))?;
        Some((self.base_day() + j as i64) * DAY_SECS + at - offset)
    }

    /// [`Calendar::working_time_between`] on seconds since the Unix epoch
    /// (UTC), answering in seconds: the fast path for batch work.
    ///
    /// # Errors
    /// As [`Calendar::working_time_between`]; [`CalendarError::OutOfRange`]
    /// for an instant beyond ±10¹⁵ seconds.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    /// let p = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
    /// let secs = cal.working_time_between_epoch_secs(p("2025-09-30T16:00:00+08:00"), p("2025-10-09T09:00:00+08:00"))?;
    /// assert_eq!(secs, 120 * 60);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn working_time_between_epoch_secs(&self, a: i64, b: i64) -> Result<i64, CalendarError> {
        let pa = self.wh_pos(epoch_to_local(a)?)?;
        let pb = self.wh_pos(epoch_to_local(b)?)?;
        Ok(pb - pa)
    }

    /// Local-seconds of the instant `amount_secs` of working time after `ls`.
    fn add_working_time_local(&self, ls: i64, amount_secs: i64) -> Result<i64, CalendarError> {
        let p = self.wh_pos(ls)?;
        if amount_secs == 0 {
            return Ok(ls); // not the earliest instant at `p`, which may be before `ls`
        }
        let target = p
            .checked_add(amount_secs)
            .ok_or_else(|| CalendarError::OutOfRange {
                message: format!("{amount_secs} s of working time is too long"),
            })?;
        self.wh_at(target, ls.div_euclid(DAY_SECS))
    }

    /// Working seconds from the start of coverage to local-seconds `ls`.
    pub(crate) fn wh_pos(&self, ls: i64) -> Result<i64, CalendarError> {
        let h = self.hours()?;
        let day = ls.div_euclid(DAY_SECS);
        let secs = ls.rem_euclid(DAY_SECS);
        let i = self.index_of_unix_day(day, secs == 0)?;
        Ok(h.pos_at(i, secs))
    }

    /// The earliest local-seconds instant at working position `pos`;
    /// `hint_day` is a Unix day at or before the answer, to search from.
    pub(crate) fn wh_at(&self, pos: i64, hint_day: i64) -> Result<i64, CalendarError> {
        let h = self.hours()?;
        let n = h.day.len();
        if pos <= 0 {
            if pos < 0 {
                return Err(self.beyond(false));
            }
            return Ok(self.base_day() * DAY_SECS);
        }
        if pos > h.cum(n) {
            return Err(self.beyond(true));
        }
        let start = usize::try_from(hint_day - self.base_day())
            .unwrap_or(0)
            .min(n);
        let i = h.day_of_pos(pos, start);
        let secs = h
            .instant_in(i, pos - h.cum(i))
            .ok_or_else(|| self.beyond(true))?;
        Ok((self.base_day() + i as i64) * DAY_SECS + secs)
    }
}

/// Largest magnitude of epoch seconds the fast paths accept (about 31
/// million years), so that the arithmetic on them cannot overflow.
const MAX_EPOCH_SECS: i64 = 1_000_000_000_000_000;

/// China local-seconds of `epoch_secs`, refusing magnitudes past [`MAX_EPOCH_SECS`].
pub(crate) fn epoch_to_local(epoch_secs: i64) -> Result<i64, CalendarError> {
    if !(-MAX_EPOCH_SECS..=MAX_EPOCH_SECS).contains(&epoch_secs) {
        return Err(CalendarError::OutOfRange {
            message: format!("{epoch_secs} seconds from the epoch"),
        });
    }
    Ok(epoch_secs + i64::from(CHINA_OFFSET_SECS))
}

/// The instant at China local-seconds `ls`.
pub(crate) fn instant(ls: i64) -> Result<DateTime<FixedOffset>, CalendarError> {
    from_local_secs(ls).ok_or_else(|| CalendarError::OutOfRange {
        message: format!("{ls} seconds from the epoch"),
    })
}
