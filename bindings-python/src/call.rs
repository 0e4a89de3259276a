//! `Call` (the lifecycle of one township call) and `CallPolicy`.
//!
//! Events go in and come out in the core's JSON-lines log form: a dict (or
//! one JSON line) such as `{"type": "signed", "v": 1, "call": "C1", "at":
//! ..., "actor": {"role": "department", "unit": "U010"}}`. `at` may be a
//! `datetime` (naive = China time) or an RFC 3339 string. Boards, reminders
//! and verdicts come back as dicts in the core's JSON form (instants as
//! RFC 3339 strings).

use chrono::{DateTime, FixedOffset};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use std::collections::HashMap;

use huying::call::{Actor, Call, CallError, CallPolicy, Event};
use huying::catalog::{SlaOverrides, Stage};

use crate::calendar::PyCalendar;
use crate::catalog::{PyCatalog, json_value};
use crate::convert::{Instant, LimitArg, policy_name};
use crate::errors::{CoreError, to_py};
use crate::sla::PyLimit;

impl CoreError for CallError {
    fn code(&self) -> &'static str {
        CallError::code(self)
    }
    fn decorate(&self, exc: &Bound<'_, PyAny>) -> PyResult<()> {
        match self {
            CallError::AtLine { line, .. } | CallError::BadEvent { line, .. } => {
                exc.setattr("line", *line)
            }
            _ => Ok(()),
        }
    }
}

/// An event given from Python: a dict in the log form, or one JSON line.
pub(crate) struct EventArg(pub Event);

impl<'a, 'py> FromPyObject<'a, 'py> for EventArg {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let line = event_line(&ob)?;
        Event::from_json_line(&line).map(EventArg).map_err(to_py)
    }
}

/// One event as a JSON line: a string as it is, a dict in the log form
/// dumped (a `datetime` under `at` as RFC 3339; a naive one is China time).
pub(crate) fn event_line(ob: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = ob.cast::<PyString>() {
        return Ok(s.to_string());
    }
    let dict = ob
        .cast::<PyDict>()
        .map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(
                "expected an event: a dict in the log form or a JSON line",
            )
        })?
        .copy()?;
    if let Some(at) = dict.get_item("at")? {
        if let Ok(Instant(t)) = at.extract::<Instant>() {
            dict.set_item("at", t.to_rfc3339())?;
        }
    }
    ob.py()
        .import("json")?
        .call_method1("dumps", (dict,))?
        .extract()
}

fn stage(code: &str) -> PyResult<Stage> {
    code.parse::<Stage>()
        .map_err(|e| PyValueError::new_err(format!("{e}: expected dispatch, arrival or reply")))
}

/// The policy of calls: whose identities to believe, stage limits (default
/// 30m / 3h / 3wd), per-matter overrides, day-end rule, warning fraction,
/// reminder marks. Each `with_*` method returns a new policy.
///
/// The platform authenticates who sent an event; Huying checks what that
/// identity may do. `CallPolicy.from_catalog(list, at)` checks every unit
/// against the list; `CallPolicy(command_centre)` names the command centre
/// (only it acts as one) and believes the other units;
/// `CallPolicy.trust_everyone()` believes every claim (tests, demos).
#[pyclass(name = "CallPolicy", module = "huying", frozen)]
#[derive(Clone)]
pub(crate) struct PyCallPolicy(pub CallPolicy);

#[pymethods]
impl PyCallPolicy {
    /// The standard policy of a county whose command centre is the unit
    /// `command_centre`: only it acts as the command centre, and it neither
    /// raises nor answers calls; the other units' claims are believed.
    #[new]
    fn new(command_centre: &str) -> Self {
        PyCallPolicy(CallPolicy::new(command_centre))
    }

    /// The standard policy believing every claim (tests and demonstrations).
    #[staticmethod]
    fn trust_everyone() -> Self {
        PyCallPolicy(CallPolicy::trust_everyone())
    }

    /// The same policy checking every unit against the list.
    fn with_list(&self, catalog: &PyCatalog) -> Self {
        PyCallPolicy(self.0.clone().with_list(&catalog.0))
    }

    /// Whether the policy believes every claim.
    #[getter]
    fn trusts_everyone(&self) -> bool {
        self.0.trusts_everyone()
    }

    /// Whether the policy checks identities against a list.
    #[getter]
    fn checks_list(&self) -> bool {
        self.0.list().is_some()
    }

    /// With another limit for a stage (`dispatch`, `arrival`, `reply`).
    fn with_limit(&self, stage: &str, limit: LimitArg) -> PyResult<Self> {
        Ok(PyCallPolicy(
            self.0.clone().with_limit(self::stage(stage)?, limit.0),
        ))
    }

    /// The standard policy under the list in force at `at`: its command
    /// centre, the limits its matters set for themselves, and every unit
    /// checked against the list.
    #[staticmethod]
    fn from_catalog(catalog: &PyCatalog, at: Instant) -> PyResult<Self> {
        CallPolicy::from_catalog(&catalog.0, &at.0)
            .map(PyCallPolicy)
            .map_err(to_py)
    }

    /// The policy with a matter's own limits: `limits` maps stages
    /// (`dispatch`, `arrival`, `reply`) to limits; an empty mapping drops the
    /// matter's own limits.
    fn with_matter(&self, matter: &str, limits: HashMap<String, LimitArg>) -> PyResult<Self> {
        let mut o = SlaOverrides::default();
        for (st, limit) in limits {
            o.set(self::stage(&st)?, limit.0);
        }
        Ok(PyCallPolicy(self.0.clone().with_matter(matter, o)))
    }

    /// With the day-end rule of day limits (`midnight` or `close_of_business`).
    fn with_day_end(&self, policy: &str) -> PyResult<Self> {
        Ok(PyCallPolicy(
            self.0.clone().with_day_end(crate::convert::policy(policy)?),
        ))
    }

    /// With the fraction of a limit past which a light turns yellow.
    fn with_warning(&self, fraction: f64) -> PyResult<Self> {
        self.0
            .clone()
            .with_warning(fraction)
            .map(PyCallPolicy)
            .map_err(to_py)
    }

    /// With the reminder marks, in percent of the limit (e.g. `[50, 80]`).
    fn with_reminders(&self, percents: Vec<u8>) -> PyResult<Self> {
        self.0
            .clone()
            .with_reminders(&percents)
            .map(PyCallPolicy)
            .map_err(to_py)
    }

    /// With or without a reminder at the breach.
    fn with_breach_reminder(&self, on: bool) -> Self {
        PyCallPolicy(self.0.clone().with_breach_reminder(on))
    }

    /// With the command centre's unit id.
    fn with_command_centre(&self, unit: &str) -> Self {
        PyCallPolicy(self.0.clone().with_command_centre(unit))
    }

    /// The limit of a stage.
    fn limit(&self, stage: &str) -> PyResult<PyLimit> {
        Ok(PyLimit(self.0.limit(self::stage(stage)?)))
    }

    /// The limit of a stage for a matter (its override, else the stage's).
    fn limit_for(&self, matter: &str, stage: &str) -> PyResult<PyLimit> {
        Ok(PyLimit(self.0.limit_for(matter, self::stage(stage)?)))
    }

    /// The day-end rule.
    #[getter]
    fn day_end(&self) -> &'static str {
        policy_name(self.0.day_end())
    }

    /// The warning fraction.
    #[getter]
    fn warning(&self) -> f64 {
        self.0.warning()
    }

    /// The reminder marks, in percent.
    #[getter]
    fn reminders(&self) -> Vec<u32> {
        self.0.reminders().iter().map(|&p| u32::from(p)).collect()
    }

    /// Whether a reminder goes out at the breach.
    #[getter]
    fn breach_reminder(&self) -> bool {
        self.0.breach_reminder()
    }

    /// The command centre's unit id, if set.
    #[getter]
    fn command_centre(&self) -> Option<String> {
        self.0.command_centre().map(ToString::to_string)
    }

    fn __repr__(&self) -> String {
        format!(
            "CallPolicy(dispatch='{}', arrival='{}', reply='{}', command_centre={:?})",
            self.0.limit(Stage::Dispatch),
            self.0.limit(Stage::Arrival),
            self.0.limit(Stage::Reply),
            self.0.command_centre().map(ToString::to_string)
        )
    }
}

/// One township call: raised, acknowledged, dispatched, signed, on site,
/// replied, evaluated, closed — validated event by event against its state,
/// the actors' rights and the stage clocks. It never reads the clock: pass
/// `now` to `at`, `next_wakeup` and `poll_reminders`.
#[pyclass(name = "Call", module = "huying")]
pub(crate) struct PyCall(Call);

#[pymethods]
impl PyCall {
    /// A call from its `raised` event.
    #[staticmethod]
    #[pyo3(name = "raise_")]
    fn raise_call(calendar: &PyCalendar, event: EventArg, policy: &PyCallPolicy) -> PyResult<Self> {
        Call::raise(&calendar.0, &policy.0, &event.0)
            .map(PyCall)
            .map_err(to_py)
    }

    /// A call rebuilt from its events, in order.
    #[staticmethod]
    fn from_events(
        calendar: &PyCalendar,
        events: Vec<EventArg>,
        policy: &PyCallPolicy,
    ) -> PyResult<Self> {
        Call::from_events(&calendar.0, &policy.0, events.into_iter().map(|e| e.0))
            .map(PyCall)
            .map_err(to_py)
    }

    /// A call rebuilt from its JSON-lines log; a refusal names its `line`.
    #[staticmethod]
    fn replay(calendar: &PyCalendar, log: &str, policy: &PyCallPolicy) -> PyResult<Self> {
        Call::replay(&calendar.0, &policy.0, log)
            .map(PyCall)
            .map_err(to_py)
    }

    /// Records an event; a refused one (`TransitionError`,
    /// `NotAuthorizedError`, …) changes nothing.
    fn apply(&mut self, event: EventArg) -> PyResult<()> {
        self.0.apply(&event.0).map_err(to_py)
    }

    /// What to show and do at `now`: alarm, countdowns with lights,
    /// reminders due, stages to supervise, pending extension, next wake-up.
    fn at<'py>(&self, py: Python<'py>, now: Instant) -> PyResult<Bound<'py, PyAny>> {
        let board = self.0.at(now.0).map_err(to_py)?;
        json_value(py, &board)
    }

    /// When to look at the call again after `now` (None: nothing pending).
    fn next_wakeup(&self, now: Instant) -> PyResult<Option<DateTime<FixedOffset>>> {
        self.0.next_wakeup(now.0).map_err(to_py)
    }

    /// The reminders due at `now`, each handed out once and recorded as a
    /// `reminder_sent` event.
    fn poll_reminders<'py>(
        &mut self,
        py: Python<'py>,
        now: Instant,
    ) -> PyResult<Bound<'py, PyAny>> {
        let reminders = self.0.poll_reminders(now.0).map_err(to_py)?;
        json_value(py, &reminders)
    }

    /// One verdict per ended stage clock: met or missed, with limit and times.
    fn verdicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v: Vec<_> = self.0.verdicts().collect();
        json_value(py, &v)
    }

    /// The running countdowns at `now` (the board's countdowns alone).
    fn countdowns<'py>(&self, py: Python<'py>, now: Instant) -> PyResult<Bound<'py, PyAny>> {
        let board = self.0.at(now.0).map_err(to_py)?;
        json_value(py, &board.countdowns)
    }

    /// The unit that answers for the call's matter in its township per the
    /// list in force at `at`: the command centre's default choice for dispatch.
    fn responsible_unit(&self, catalog: &PyCatalog, at: Instant) -> PyResult<String> {
        self.0
            .responsible_unit(&catalog.0, &at.0)
            .map(|u| u.as_str().to_string())
            .map_err(to_py)
    }

    /// The `dispatched` event (a dict in the log form) to `department` by the
    /// command centre unit `actor` at `at`, naming as supporting units those
    /// the list gives the matter in the call's township (none without a list).
    #[pyo3(signature = (at, actor, department, catalog = None))]
    fn dispatch_event<'py>(
        &self,
        py: Python<'py>,
        at: Instant,
        actor: &str,
        department: &str,
        catalog: Option<&PyCatalog>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e = self
            .0
            .dispatch_event(
                at.0,
                Actor::command_centre(actor),
                department,
                catalog.map(|c| &c.0),
            )
            .map_err(to_py)?;
        json_value(py, &e)
    }

    /// The limit of a stage for this call's matter.
    fn limit_of(&self, stage: &str) -> PyResult<PyLimit> {
        Ok(PyLimit(self.0.limit_of(self::stage(stage)?)))
    }

    /// The call's id.
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// The township that raised the call.
    #[getter]
    fn township(&self) -> String {
        self.0.township().to_string()
    }

    /// The matter on the list.
    #[getter]
    fn matter(&self) -> String {
        self.0.matter().to_string()
    }

    /// `video` or `text`.
    #[getter]
    fn channel<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.channel())
    }

    /// When the call was raised (China time).
    #[getter]
    fn raised_at(&self) -> DateTime<FixedOffset> {
        self.0.raised_at()
    }

    /// The state, as a dict (`{"state": "dispatched", ...}`).
    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.state())
    }

    /// The state's code, e.g. `dispatched`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.kind())
    }

    /// Gives the call another calendar — the same with a year added (a new
    /// State Council notice, `Calendar.extend_from_notice`) — and counts the
    /// clocks that waited for it.
    fn set_calendar(&mut self, calendar: &PyCalendar) {
        self.0.set_calendar(&calendar.0);
    }

    /// The earliest year a clock of the call waits for (its due time falls
    /// past the calendar's data), or None.
    #[getter]
    fn pending_calendar(&self) -> Option<i32> {
        self.0.pending_calendar()
    }

    /// Whether the call is still open.
    #[getter]
    fn is_open(&self) -> bool {
        self.0.is_open()
    }

    /// Whether the command centre's alarm is sounding (not yet acknowledged).
    #[getter]
    fn alarm(&self) -> bool {
        self.0.alarm()
    }

    /// The department it was dispatched to, if any.
    #[getter]
    fn department(&self) -> Option<String> {
        self.0.department().map(ToString::to_string)
    }

    /// The supporting units notified.
    #[getter]
    fn supporting(&self) -> Vec<String> {
        self.0
            .supporting()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The command centre's unit, once known.
    #[getter]
    fn command_centre(&self) -> Option<String> {
        self.0.command_centre().map(ToString::to_string)
    }

    /// The extension asked for and not yet decided, as a dict, or None.
    #[getter]
    fn pending_extension<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.0.pending_extension() {
            Some(p) => json_value(py, p),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The instant of the latest event (China time).
    #[getter]
    fn last_event_at(&self) -> DateTime<FixedOffset> {
        self.0.last_event_at()
    }

    /// How many events the call has recorded.
    #[getter]
    fn event_count(&self) -> usize {
        self.0.event_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "Call(id={:?}, township={:?}, matter={:?}, events={})",
            self.0.id().to_string(),
            self.0.township().to_string(),
            self.0.matter().to_string(),
            self.0.event_count()
        )
    }
}
