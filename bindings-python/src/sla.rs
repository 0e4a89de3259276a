//! `Limit`, `Deadline`, `SlaClock`, `ClockStatus` and `Pause`.

use chrono::{DateTime, Duration, FixedOffset};
use pyo3::prelude::*;

use huying::sla::{ClockStatus, Deadline, Limit, Pause, SlaClock};

use crate::calendar::PyCalendar;
use crate::convert::{Instant, LimitArg, policy_name};
use crate::errors::to_py;

/// A time limit: `30m`, `3h`, `3d`, `3wd` (working days), `4wh` (working
/// hours), or the Chinese forms `30分钟`, `3个工作日`, `4个工作时`.
#[pyclass(name = "Limit", module = "huying", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyLimit(pub Limit);

#[pymethods]
impl PyLimit {
    /// Parses a limit; raises `LimitParseError` on text that is not one.
    #[new]
    fn new(text: &str) -> PyResult<Self> {
        text.parse::<Limit>().map(PyLimit).map_err(to_py)
    }

    /// Parses a limit (same as the constructor).
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        Self::new(text)
    }

    /// The number of units.
    #[getter]
    fn amount(&self) -> u32 {
        self.0.amount()
    }

    /// Whether only working time counts (working days or working hours).
    #[getter]
    fn is_working_time(&self) -> bool {
        self.0.is_working_time()
    }

    /// Whether the limit counts whole days (the day of receipt not counted).
    #[getter]
    fn is_days(&self) -> bool {
        self.0.is_days()
    }

    /// The same kind of limit with another amount.
    fn with_amount(&self, amount: u32) -> Self {
        PyLimit(self.0.with_amount(amount))
    }

    /// The limit in words: `3个工作日` (`lang="zh"`) or `3 working days` (`"en"`).
    #[pyo3(signature = (lang = "zh"))]
    fn display(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.display(crate::convert::lang(lang)?))
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Limit('{}')", self.0)
    }
}

/// A computed deadline: start, limit, due instant, and an explanation of
/// every day counted or skipped.
#[pyclass(name = "Deadline", module = "huying", frozen)]
pub(crate) struct PyDeadline(pub Deadline);

#[pymethods]
impl PyDeadline {
    /// The instant the limit ends, in China time (UTC+08:00); a day limit
    /// ending at 24:00 gives 00:00 of the next day.
    #[getter]
    fn due(&self) -> DateTime<FixedOffset> {
        self.0.due()
    }

    /// The triggering instant, in China time.
    #[getter]
    fn start(&self) -> DateTime<FixedOffset> {
        self.0.start()
    }

    /// The limit counted.
    #[getter]
    fn limit(&self) -> PyLimit {
        PyLimit(self.0.limit())
    }

    /// The day-end policy: `"midnight"` or `"close_of_business"`.
    #[getter]
    fn policy(&self) -> &'static str {
        policy_name(self.0.policy())
    }

    /// The due time as people write it, e.g. `2025-09-30 24:00`.
    #[getter]
    fn due_text(&self) -> String {
        self.0.due_text()
    }

    /// The rule applied, every day counted or skipped and why, and the due
    /// time, in Chinese (`"zh"`) or English (`"en"`).
    #[pyo3(signature = (lang = "zh"))]
    fn explain(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.explain(crate::convert::lang(lang)?))
    }

    fn __str__(&self) -> String {
        self.0.due_text()
    }

    fn __repr__(&self) -> String {
        format!(
            "Deadline(start={}, limit='{}', due='{}')",
            self.0.start().to_rfc3339(),
            self.0.limit(),
            self.0.due_text()
        )
    }
}

/// A pause on an SLA clock's record.
#[pyclass(name = "Pause", module = "huying", frozen, get_all)]
pub(crate) struct PyPause {
    /// When the pause began.
    start: DateTime<FixedOffset>,
    /// When the clock resumed (`None` while still paused).
    end: Option<DateTime<FixedOffset>>,
    /// Why the clock was paused.
    reason: String,
}

impl From<&Pause> for PyPause {
    fn from(p: &Pause) -> Self {
        PyPause {
            start: p.from,
            end: p.to,
            reason: p.reason.clone(),
        }
    }
}

#[pymethods]
impl PyPause {
    fn __repr__(&self) -> String {
        format!(
            "Pause(start={}, end={}, reason={:?})",
            self.start.to_rfc3339(),
            self.end
                .map_or_else(|| "None".to_string(), |t| t.to_rfc3339()),
            self.reason
        )
    }
}

/// Where an SLA clock stands at an instant.
#[pyclass(name = "ClockStatus", module = "huying", frozen, get_all)]
pub(crate) struct PyClockStatus {
    /// `on_track`, `warning`, `breached`, `met` or `missed`.
    phase: &'static str,
    /// Whether the clock is paused at that instant.
    paused: bool,
    /// The due instant (for a paused clock: as if it resumed then).
    due: DateTime<FixedOffset>,
    /// Time counted so far, in the limit's measure.
    elapsed: Duration,
    /// Time left, in the limit's measure (never negative).
    remaining: Duration,
    /// `elapsed` as a fraction of the limit; may exceed 1.
    fraction: f64,
    /// Natural time past the due instant (zero if not past it).
    overrun: Duration,
}

impl From<ClockStatus> for PyClockStatus {
    fn from(s: ClockStatus) -> Self {
        PyClockStatus {
            phase: s.phase.code(),
            paused: s.paused,
            due: s.due,
            elapsed: s.elapsed,
            remaining: s.remaining,
            fraction: s.fraction,
            overrun: s.overrun,
        }
    }
}

#[pymethods]
impl PyClockStatus {
    fn __repr__(&self) -> String {
        format!(
            "ClockStatus(phase={:?}, paused={}, due={}, fraction={:.3})",
            self.phase,
            if self.paused { "True" } else { "False" },
            self.due.to_rfc3339(),
            self.fraction
        )
    }
}

/// The SLA clock of one target: started, paused and resumed with reasons,
/// extended, stopped — at instants the caller gives (it never reads the clock).
#[pyclass(name = "SlaClock", module = "huying")]
pub(crate) struct PySlaClock(SlaClock);

#[pymethods]
impl PySlaClock {
    /// Starts a clock for `limit` at `at` on `calendar`.
    #[staticmethod]
    #[pyo3(signature = (calendar, limit, at, policy = "midnight"))]
    fn start(calendar: &PyCalendar, limit: LimitArg, at: Instant, policy: &str) -> PyResult<Self> {
        let p = crate::convert::policy(policy)?;
        SlaClock::start_with(&calendar.0, limit.0, p, at.0)
            .map(PySlaClock)
            .map_err(to_py)
    }

    /// Pauses the clock at `at` for `reason`.
    fn pause(&mut self, at: Instant, reason: &str) -> PyResult<()> {
        self.0.pause(at.0, reason).map_err(to_py)
    }

    /// Resumes a paused clock; the due time moves by the paused amount.
    fn resume(&mut self, at: Instant) -> PyResult<()> {
        self.0.resume(at.0).map_err(to_py)
    }

    /// Extends the limit by `extra`, in the limit's own unit.
    fn extend(&mut self, extra: LimitArg) -> PyResult<()> {
        self.0.extend(extra.0).map_err(to_py)
    }

    /// Stops the clock at `at` (the target was reached).
    fn stop(&mut self, at: Instant) -> PyResult<()> {
        self.0.stop(at.0).map_err(to_py)
    }

    /// The limit, including extensions.
    #[getter]
    fn limit(&self) -> PyLimit {
        PyLimit(self.0.limit())
    }

    /// The day-end policy.
    #[getter]
    fn policy(&self) -> &'static str {
        policy_name(self.0.policy())
    }

    /// When the clock was started (China time).
    #[getter]
    fn started(&self) -> DateTime<FixedOffset> {
        self.0.started()
    }

    /// When the clock was stopped, if it was.
    #[getter]
    fn stopped(&self) -> Option<DateTime<FixedOffset>> {
        self.0.stopped()
    }

    /// Whether the clock is paused now.
    #[getter]
    fn is_paused(&self) -> bool {
        self.0.is_paused()
    }

    /// The pauses on the record, in order.
    #[getter]
    fn pauses(&self) -> Vec<PyPause> {
        self.0.pauses().iter().map(PyPause::from).collect()
    }

    /// The latest instant the clock has seen.
    #[getter]
    fn last_instant(&self) -> DateTime<FixedOffset> {
        self.0.last_instant()
    }

    /// The due instant with the pauses and extensions so far.
    fn due(&self) -> PyResult<DateTime<FixedOffset>> {
        self.0.due().map_err(to_py)
    }

    /// The due instant as seen at `now` (a paused clock as if resumed at `now`).
    fn due_at(&self, now: Instant) -> PyResult<DateTime<FixedOffset>> {
        self.0.due_at(now.0).map_err(to_py)
    }

    /// The status at `now`; `warning` is the fraction of the limit past
    /// which a running clock is in `warning`.
    #[pyo3(signature = (now, warning = 0.8))]
    fn status(&self, now: Instant, warning: f64) -> PyResult<PyClockStatus> {
        self.0
            .status_with(now.0, warning)
            .map(PyClockStatus::from)
            .map_err(to_py)
    }

    fn __repr__(&self) -> String {
        format!(
            "SlaClock(limit='{}', started={}, paused={}, stopped={})",
            self.0.limit(),
            self.0.started().to_rfc3339(),
            if self.0.is_paused() { "True" } else { "False" },
            self.0
                .stopped()
                .map_or_else(|| "None".to_string(), |t| t.to_rfc3339())
        )
    }
}
