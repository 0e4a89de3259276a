//! `Calendar`, `CalendarBuilder`, `DayKind`, `Festival` and `Schedule`.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use huying::calendar::{
    Calendar, CalendarBuilder, CoverageWarning, DayKind, Festival, OverrideKind,
};
use huying::hours::Schedule;

use crate::arrays;
use crate::convert::{Day, Instant, LimitArg};
use crate::errors::to_py;
use crate::sla::PyDeadline;

/// A working-day calendar over a contiguous range of covered years.
/// `Calendar.china()` is mainland China from the State Council's notices;
/// any date outside the covered years raises `CalendarNotCoveredError`.
///
/// Dates are `datetime.date`s (a `datetime` stands for its China date);
/// instants are `datetime.datetime`s — aware in any offset, or naive meaning
/// China time (UTC+08:00). Instants come back aware, in UTC+08:00.
#[pyclass(name = "Calendar", module = "huying")]
#[derive(Clone)]
pub(crate) struct PyCalendar(pub Calendar);

#[pymethods]
impl PyCalendar {
    /// Mainland China, from the State Council's annual holiday notices.
    #[staticmethod]
    fn china() -> Self {
        PyCalendar(Calendar::china())
    }

    /// Starts a calendar of one's own (weekly pattern, years, overrides).
    #[staticmethod]
    fn builder(name: &str) -> PyCalendarBuilder {
        PyCalendarBuilder(Calendar::builder(name))
    }

    /// A builder holding this calendar's pattern, years and overrides (not its schedule).
    fn to_builder(&self) -> PyCalendarBuilder {
        PyCalendarBuilder(self.0.to_builder())
    }

    /// The calendar's name.
    #[getter]
    fn name(&self) -> &str {
        self.0.name()
    }

    /// The version of the data the calendar was built from.
    #[getter]
    fn data_version(&self) -> &str {
        self.0.data_version()
    }

    /// The first and last covered years, inclusive.
    #[getter]
    fn years(&self) -> (i32, i32) {
        let y = self.0.years();
        (*y.start(), *y.end())
    }

    /// Whether the date's year is covered.
    fn covers(&self, date: Day) -> bool {
        self.0.covers(date.0)
    }

    /// Whether the date is a working day.
    fn is_working_day(&self, date: Day) -> PyResult<bool> {
        self.0.is_working_day(date.0).map_err(to_py)
    }

    /// The kind of the date, with the festival behind it.
    fn day_kind(&self, date: Day) -> PyResult<PyDayKind> {
        self.0.day_kind(date.0).map(PyDayKind).map_err(to_py)
    }

    /// The first working day strictly after `date`.
    fn next_working_day(&self, date: Day) -> PyResult<NaiveDate> {
        self.0.next_working_day(date.0).map_err(to_py)
    }

    /// The last working day strictly before `date`.
    fn previous_working_day(&self, date: Day) -> PyResult<NaiveDate> {
        self.0.previous_working_day(date.0).map_err(to_py)
    }

    /// The `n`-th working day after `date` (before it when `n` < 0); `date`
    /// itself is never counted; `n = 0` gives `date`.
    fn add_working_days(&self, date: Day, n: i64) -> PyResult<NaiveDate> {
        self.0.add_working_days(date.0, n).map_err(to_py)
    }

    /// Working days in `(a, b]`; negative when `b` is before `a`.
    fn working_days_between(&self, a: Day, b: Day) -> PyResult<i64> {
        self.0.working_days_between(a.0, b.0).map_err(to_py)
    }

    /// Holidays, working days in lieu and local rest days of a year, in order.
    fn special_days(&self, year: i32) -> PyResult<Vec<(NaiveDate, PyDayKind)>> {
        let days = self.0.special_days(year).map_err(to_py)?;
        Ok(days.into_iter().map(|(d, k)| (d, PyDayKind(k))).collect())
    }

    /// Adds or replaces years from `date<TAB>kind<TAB>name<TAB>name_zh` rows
    /// (kind `holiday`, `workday` or `rest`). Unchanged on error.
    #[pyo3(signature = (text, source = "<tsv>"))]
    fn extend_from_tsv(&mut self, text: &str, source: &str) -> PyResult<()> {
        self.0.extend_from_tsv(text, source).map_err(to_py)
    }

    /// Adds or replaces years from a JSON list of
    /// `{"date", "kind", "name", "name_zh"}` objects. Unchanged on error.
    #[pyo3(signature = (text, source = "<json>"))]
    fn extend_from_json(&mut self, text: &str, source: &str) -> PyResult<()> {
        self.0.extend_from_json(text, source).map_err(to_py)
    }

    /// Adds a year from the State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知),
    /// as published, or a separate notice changing a covered year; returns
    /// the notice's year. Checks the text against itself (day counts,
    /// weekdays, working days in lieu on weekends): a mismatch raises
    /// `CalendarNoticeError` with `line` and `column`. Unchanged on error.
    fn extend_from_notice(&mut self, text: &str) -> PyResult<i32> {
        self.0
            .extend_from_notice(text)
            .map(|n| n.year())
            .map_err(to_py)
    }

    /// Adds the years in a file: a notice's text, `.tsv` or `.json` rows.
    fn extend_from_file(&mut self, path: std::path::PathBuf) -> PyResult<()> {
        self.0.extend_from_file(path).map_err(to_py)
    }

    /// `Calendar.china()` with the years of a file added: `path`, or the file
    /// named by the environment variable `HUYING_CALENDAR_FILE` when `path`
    /// is None and the variable is set.
    #[staticmethod]
    #[pyo3(signature = (path = None))]
    fn china_with_file(path: Option<std::path::PathBuf>) -> PyResult<Self> {
        Calendar::china_with_file(path)
            .map(PyCalendar)
            .map_err(to_py)
    }

    /// The first and last covered dates.
    fn coverage(&self) -> (NaiveDate, NaiveDate) {
        let r = self.0.coverage();
        (*r.start(), *r.end())
    }

    /// A warning when the covered range ends within `within_days` days of
    /// `today` (or has ended), else None. `today` is the caller's: Huying
    /// never reads the clock.
    #[pyo3(signature = (today, within_days = 30))]
    fn coverage_warning(&self, today: Day, within_days: u32) -> Option<PyCoverageWarning> {
        self.0
            .coverage_warning(today.0, within_days)
            .map(PyCoverageWarning)
    }

    /// The calendar's dated rows as TSV with a `# years:` header (the format
    /// `extend_from_tsv` reads).
    fn to_tsv(&self) -> String {
        self.0.to_tsv()
    }

    /// This calendar with office hours (a `Schedule`, a timetable string such
    /// as `"08:30-12:00,14:00-17:30"`, or schedule JSON).
    fn with_schedule(&self, schedule: ScheduleArg) -> PyResult<Self> {
        self.0
            .with_schedule(schedule.0)
            .map(PyCalendar)
            .map_err(to_py)
    }

    /// The office-hours schedule, if one was set.
    #[getter]
    fn schedule(&self) -> Option<PySchedule> {
        self.0.schedule().cloned().map(PySchedule)
    }

    /// Opening and closing instants of `date`'s office hours, or `None` on a rest day.
    fn business_hours(
        &self,
        date: Day,
    ) -> PyResult<Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>> {
        self.0.business_hours(date.0).map_err(to_py)
    }

    /// Whether `at` falls inside office hours.
    fn is_working_time(&self, at: Instant) -> PyResult<bool> {
        self.0.is_working_time(at.0).map_err(to_py)
    }

    /// Working time from `a` to `b` (negative when `b` is before `a`).
    fn working_time_between(&self, a: Instant, b: Instant) -> PyResult<Duration> {
        self.0.working_time_between(a.0, b.0).map_err(to_py)
    }

    /// The earliest instant by which `amount` of working time has passed since `at`.
    fn add_working_time(&self, at: Instant, amount: Duration) -> PyResult<DateTime<FixedOffset>> {
        self.0.add_working_time(at.0, amount).map_err(to_py)
    }

    /// The deadline of `limit` (a `Limit` or a string such as `"3wd"`) from
    /// `start`, as the law counts; `policy="close_of_business"` ends day
    /// limits at close of business (needs a schedule).
    #[pyo3(signature = (start, limit, policy = "midnight"))]
    fn deadline(&self, start: Instant, limit: LimitArg, policy: &str) -> PyResult<PyDeadline> {
        let p = crate::convert::policy(policy)?;
        self.0
            .deadline_with(start.0, &limit.0, p)
            .map(PyDeadline)
            .map_err(to_py)
    }

    /// The due instant only (no explanation): faster than `deadline`.
    #[pyo3(signature = (start, limit, policy = "midnight"))]
    fn due(
        &self,
        start: Instant,
        limit: LimitArg,
        policy: &str,
    ) -> PyResult<DateTime<FixedOffset>> {
        let p = crate::convert::policy(policy)?;
        self.0.due(start.0, &limit.0, p).map_err(to_py)
    }

    // ----- numpy batch work: see arrays.rs -----

    /// `is_working_day` over a `datetime64[D]` array: a `bool` array.
    fn is_working_day_array<'py>(&self, dates: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        arrays::is_working_day(&self.0, dates)
    }

    /// `add_working_days` over a `datetime64[D]` array; `n` is an int or an
    /// int array of the same shape. NaT stays NaT.
    #[pyo3(signature = (dates, n, errors = "raise"))]
    fn add_working_days_array<'py>(
        &self,
        dates: &Bound<'py, PyAny>,
        n: &Bound<'py, PyAny>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        arrays::add_working_days(&self.0, dates, n, errors)
    }

    /// `working_days_between` over two `datetime64[D]` arrays: an `int64` array.
    fn working_days_between_array<'py>(
        &self,
        a: &Bound<'py, PyAny>,
        b: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        arrays::working_days_between(&self.0, a, b)
    }

    /// Due instants of `limit` from a `datetime64[s|ms|us|ns]` array of UTC
    /// instants, in the same unit (whole seconds). NaT stays NaT.
    #[pyo3(signature = (starts, limit, policy = "midnight", errors = "raise"))]
    fn deadline_array<'py>(
        &self,
        starts: &Bound<'py, PyAny>,
        limit: LimitArg,
        policy: &str,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = crate::convert::policy(policy)?;
        arrays::deadline(&self.0, starts, limit.0, p, errors)
    }

    /// `add_working_time` over a `datetime64[s|ms|us|ns]` array of UTC
    /// instants, in the same unit (whole seconds). NaT stays NaT.
    #[pyo3(signature = (starts, amount, errors = "raise"))]
    fn add_working_time_array<'py>(
        &self,
        starts: &Bound<'py, PyAny>,
        amount: Duration,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        arrays::add_working_time(&self.0, starts, amount, errors)
    }

    fn __repr__(&self) -> String {
        let y = self.0.years();
        format!(
            "Calendar(name={:?}, years={}..={}, schedule={})",
            self.0.name(),
            y.start(),
            y.end(),
            if self.0.schedule().is_some() {
                "set"
            } else {
                "None"
            }
        )
    }
}

/// A festival or named day: the reason for a holiday or a working day in lieu.
#[pyclass(name = "Festival", module = "huying", frozen)]
pub(crate) struct PyFestival(Festival);

#[pymethods]
impl PyFestival {
    /// Chinese name, as in the notice (e.g. `国庆节`).
    #[getter]
    fn name_zh(&self) -> &str {
        &self.0.name_zh
    }

    /// English name (e.g. `National Day`).
    #[getter]
    fn name_en(&self) -> &str {
        &self.0.name_en
    }

    /// The name in `lang` (`"zh"` or `"en"`).
    #[pyo3(signature = (lang = "zh"))]
    fn name(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.name(crate::convert::lang(lang)?).to_string())
    }

    fn __repr__(&self) -> String {
        format!("Festival({:?}, {:?})", self.0.name_zh, self.0.name_en)
    }
}

/// What kind of day a date is: `working_day`, `weekend`, `holiday`,
/// `working_day_in_lieu` or `local_rest_day`.
#[pyclass(name = "DayKind", module = "huying", frozen)]
pub(crate) struct PyDayKind(DayKind);

#[pymethods]
impl PyDayKind {
    /// The stable code of the kind.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// Whether work is done on such a day.
    #[getter]
    fn is_working(&self) -> bool {
        self.0.is_working()
    }

    /// The festival behind the day, if any.
    #[getter]
    fn festival(&self) -> Option<PyFestival> {
        self.0.festival().cloned().map(PyFestival)
    }

    /// A short description, e.g. `国庆节 法定节假日` or `National Day — statutory holiday`.
    #[pyo3(signature = (lang = "zh"))]
    fn describe(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.describe(crate::convert::lang(lang)?))
    }

    /// Equal to a `DayKind` of the same kind and festival, or to its code string.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        if let Ok(k) = other.cast::<PyDayKind>() {
            return k.get().0 == self.0;
        }
        other.extract::<String>().is_ok_and(|s| s == self.0.code())
    }

    /// Hashes as its code string, so that equal objects hash alike.
    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        PyString::new(py, self.0.code()).hash()
    }

    fn __str__(&self) -> &'static str {
        self.0.code()
    }

    fn __repr__(&self) -> String {
        match self.0.festival() {
            Some(f) => format!("DayKind({:?}, festival={:?})", self.0.code(), f.name_zh),
            None => format!("DayKind({:?})", self.0.code()),
        }
    }
}

/// Builds a `Calendar` of one's own. Each method returns a new builder.
#[pyclass(name = "CalendarBuilder", module = "huying", frozen)]
pub(crate) struct PyCalendarBuilder(CalendarBuilder);

#[pymethods]
impl PyCalendarBuilder {
    /// A builder for a Monday–Friday calendar with no covered year yet.
    #[new]
    fn new(name: &str) -> Self {
        PyCalendarBuilder(CalendarBuilder::new(name))
    }

    /// The data version string.
    fn version(&self, version: &str) -> Self {
        PyCalendarBuilder(self.0.clone().version(version))
    }

    /// Which weekdays are working days: seven booleans, Monday first.
    fn weekly(&self, working: Vec<bool>) -> PyResult<Self> {
        let days: [bool; 7] = working.try_into().map_err(|v: Vec<bool>| {
            PyValueError::new_err(format!(
                "expected 7 booleans (Monday first), got {}",
                v.len()
            ))
        })?;
        Ok(PyCalendarBuilder(self.0.clone().weekly(days)))
    }

    /// The covered years, `first` to `last` inclusive.
    fn years(&self, first: i32, last: i32) -> Self {
        PyCalendarBuilder(self.0.clone().years(first..=last))
    }

    /// Marks `date` a statutory holiday of the festival.
    #[pyo3(signature = (date, name_zh, name_en = ""))]
    fn holiday(&self, date: Day, name_zh: &str, name_en: &str) -> Self {
        PyCalendarBuilder(
            self.0
                .clone()
                .holiday(date.0, Festival::new(name_zh, name_en)),
        )
    }

    /// Marks `date` a working day in lieu for the festival.
    #[pyo3(signature = (date, name_zh, name_en = ""))]
    fn working_day(&self, date: Day, name_zh: &str, name_en: &str) -> Self {
        PyCalendarBuilder(
            self.0
                .clone()
                .working_day(date.0, Festival::new(name_zh, name_en)),
        )
    }

    /// Marks `date` a local rest day (set by the county).
    #[pyo3(signature = (date, name_zh, name_en = ""))]
    fn rest_day(&self, date: Day, name_zh: &str, name_en: &str) -> Self {
        PyCalendarBuilder(
            self.0
                .clone()
                .rest_day(date.0, Festival::new(name_zh, name_en)),
        )
    }

    /// Builds the calendar; raises `CalendarDataError` on bad years or overrides.
    fn build(&self) -> PyResult<PyCalendar> {
        self.0.clone().build().map(PyCalendar).map_err(to_py)
    }

    fn __repr__(&self) -> &'static str {
        "CalendarBuilder(...)"
    }
}

/// Office hours: a default timetable, seasonal timetables and per-date
/// overrides. Made from a timetable string (`"08:30-12:00,14:00-17:30"`) or
/// from JSON (`{"default": ..., "seasons": [...], "overrides": {...}}`).
#[pyclass(name = "Schedule", module = "huying", frozen)]
#[derive(Clone)]
pub(crate) struct PySchedule(Schedule);

#[pymethods]
impl PySchedule {
    /// Parses a timetable string or schedule JSON; raises `ScheduleError`.
    #[new]
    fn new(text: &str) -> PyResult<Self> {
        text.parse::<Schedule>().map(PySchedule).map_err(to_py)
    }

    /// Parses schedule JSON; raises `ScheduleError`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Schedule::from_json(text).map(PySchedule).map_err(to_py)
    }

    /// The timetable that applies on `date` if it is a working day, e.g. `08:30-12:00,14:00-17:30`.
    fn timetable_for(&self, date: Day) -> String {
        self.0.timetable_for(date.0).to_string()
    }

    /// The default timetable.
    #[getter]
    fn default(&self) -> String {
        self.0.default.to_string()
    }

    /// The schedule as JSON (what `from_json` reads).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!("Schedule({:?})", self.0.default.to_string())
    }
}

/// A schedule given as a `Schedule` or as text.
pub(crate) struct ScheduleArg(Schedule);

impl<'a, 'py> FromPyObject<'a, 'py> for ScheduleArg {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = ob.cast::<PySchedule>() {
            return Ok(ScheduleArg(s.get().0.clone()));
        }
        let text: String = ob.extract()?;
        text.parse::<Schedule>().map(ScheduleArg).map_err(to_py)
    }
}

/// The calendar's covered range ends soon (or has ended): what to warn of.
#[pyclass(name = "CoverageWarning", module = "huying", frozen)]
pub(crate) struct PyCoverageWarning(CoverageWarning);

#[pymethods]
impl PyCoverageWarning {
    /// The last covered date.
    #[getter]
    fn last(&self) -> NaiveDate {
        self.0.last
    }

    /// Days from `today` to the last covered date (negative once passed).
    #[getter]
    fn days_left(&self) -> i64 {
        self.0.days_left
    }

    /// The year whose notice must be loaded.
    #[getter]
    fn year_needed(&self) -> i32 {
        self.0.year_needed
    }

    /// The warning in words (`"zh"` or `"en"`), saying what to do.
    #[pyo3(signature = (lang = "zh"))]
    fn message(&self, lang: &str) -> PyResult<String> {
        let lang = crate::convert::lang(lang)?;
        Ok(self.0.message(lang))
    }

    fn __repr__(&self) -> String {
        format!(
            "CoverageWarning(last={}, days_left={}, year_needed={})",
            self.0.last, self.0.days_left, self.0.year_needed
        )
    }
}

/// Reads the State Council's holiday notice (as published) into its days:
/// a list of `(date, "holiday" | "workday", festival_zh)`, in date order.
/// Raises `CalendarNoticeError` (with `line` and `column`) when the text
/// cannot be read or does not agree with itself.
#[pyfunction]
pub(crate) fn parse_notice(text: &str) -> PyResult<Vec<(NaiveDate, &'static str, String)>> {
    let notice = huying::calendar::Notice::parse(text).map_err(to_py)?;
    Ok(notice
        .days()
        .into_iter()
        .map(|d| {
            let kind = match d.kind {
                OverrideKind::Holiday => "holiday",
                OverrideKind::Workday => "workday",
                OverrideKind::Rest => "rest",
            };
            (d.date, kind, d.festival.name_zh)
        })
        .collect())
}
