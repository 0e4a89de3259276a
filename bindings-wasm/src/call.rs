//! `Call` and `CallPolicy`: the lifecycle of one township call (乡呼县应),
//! event-sourced (`huying::call`).
//!
//! Events cross the boundary as plain objects in the shape of the JSON-lines
//! log (`{type, call, at, actor: {role, unit}, …facts}`), with `at` a `Date`,
//! epoch milliseconds or an RFC 3339 string, and `v` optional (default 1).
//! Events coming out have `at` as a `Date`.

use huying::calendar::Calendar as CoreCalendar;
use huying::call::{
    Actor, Call as CoreCall, CallPolicy as CorePolicy, Countdown, Event, Overdue, PendingExtension,
    Reminder,
};
use huying::catalog::Stage;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::calendar::{Calendar, DayEndArg, day_end, limit};
use crate::catalog::Catalog;
use crate::error::{self, OrThrow};
use crate::js::{Obj, array};
use crate::time::{self, InstantArg};

#[wasm_bindgen]
extern "C" {
    /// An event to record: see `CallEventInput` in the TypeScript types.
    #[wasm_bindgen(typescript_type = "CallEventInput")]
    pub type EventArg;

    /// A list of events.
    #[wasm_bindgen(typescript_type = "CallEventInput[]")]
    pub type EventsArg;

    /// A stage: `"dispatch"`, `"arrival"` or `"reply"`.
    #[wasm_bindgen(typescript_type = "Stage")]
    pub type StageArg;

    /// Who acts: `{ role, unit }`.
    #[wasm_bindgen(typescript_type = "Actor")]
    #[derive(Clone)]
    pub type ActorArg;

    /// Reminder marks in percent of the limit.
    #[wasm_bindgen(typescript_type = "number[]")]
    pub type PercentsArg;
}

/// A stage from its code.
pub(crate) fn stage(v: &JsValue) -> Result<Stage, JsValue> {
    v.as_string()
        .and_then(|s| s.parse::<Stage>().ok())
        .ok_or_else(|| {
            error::input(
                "input.bad_value",
                format!(
                    "stage: expected \"dispatch\", \"arrival\" or \"reply\", got {}",
                    time::describe(v)
                ),
            )
        })
}

/// An event from a plain object (or a JSON line).
pub(crate) fn event_in(v: &JsValue) -> Result<Event, JsValue> {
    if let Some(line) = v.as_string() {
        return Event::from_json_line(&line).or_throw();
    }
    if !v.is_object() || v.is_array() {
        return Err(error::input(
            "input.bad_event",
            format!("event: expected an object, got {}", time::describe(v)),
        ));
    }
    // A shallow copy: the caller's object is not changed.
    let o = js_sys::Object::assign(&js_sys::Object::new(), v.unchecked_ref());
    let key = |k: &str| JsValue::from_str(k);
    let at = js_sys::Reflect::get(&o, &key("at")).unwrap_or(JsValue::UNDEFINED);
    if at.as_string().is_none() && !at.is_undefined() {
        let t = time::instant(&at, "event.at")?;
        let _ = js_sys::Reflect::set(&o, &key("at"), &JsValue::from_str(&t.to_rfc3339()));
    }
    if js_sys::Reflect::get(&o, &key("v")).map_or(true, |v| v.is_undefined()) {
        let _ = js_sys::Reflect::set(&o, &key("v"), &JsValue::from_f64(1.0));
    }
    let json = js_sys::JSON::stringify(&o)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error::input("input.bad_event", "event: cannot be written as JSON"))?;
    Event::from_json_line(&json).or_throw()
}

/// An event as a plain object, `at` as a `Date`.
pub(crate) fn event_out(e: &Event) -> JsValue {
    let o = js_sys::JSON::parse(&e.to_json_line()).unwrap_or_else(|_| js_sys::Object::new().into());
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("at"), &time::date(&e.at).into());
    o
}

fn ms(d: chrono::Duration) -> f64 {
    d.num_milliseconds() as f64
}

fn opt_id(o: Obj, key: &str, id: Option<&huying::call::Id>) -> Obj {
    o.opt_str(key, id.map(|u| u.as_str()))
}

pub(crate) fn countdown_obj(c: &Countdown) -> JsValue {
    let o = Obj::new()
        .str("stage", c.stage.code())
        .num("round", c.round.into());
    opt_id(o, "unit", c.unit.as_ref())
        .str("limit", &c.limit.to_string())
        .val("started", &time::date(&c.started).into())
        .val(
            "due",
            &c.due.map_or(JsValue::NULL, |d| time::date(&d).into()),
        )
        .num("elapsed", ms(c.elapsed))
        .num("remaining", ms(c.remaining))
        .num("overrun", ms(c.overrun))
        .num("fraction", c.fraction)
        .str("light", c.light.code())
        .bool("paused", c.paused)
        .num("supervised", c.supervised.into())
        .val("pendingCalendar", &opt_year(c.pending_calendar))
        .into()
}

fn opt_year(year: Option<i32>) -> JsValue {
    year.map_or(JsValue::NULL, |y| JsValue::from_f64(y.into()))
}

pub(crate) fn reminder_obj(r: &Reminder) -> JsValue {
    let to = array(r.to.iter().map(|t| {
        opt_id(
            Obj::new().str("role", t.role.code()),
            "unit",
            t.unit.as_ref(),
        )
        .into()
    }));
    Obj::new()
        .str("id", &r.id)
        .str("call", r.call.as_str())
        .str("stage", r.stage.code())
        .num("round", r.round.into())
        .str("mark", &r.mark.to_string())
        .val("due", &time::date(&r.due).into())
        .val("to", &to.into())
        .val("event", &event_out(&r.event))
        .into()
}

fn overdue_obj(o: &Overdue) -> JsValue {
    let x = Obj::new()
        .str("stage", o.stage.code())
        .num("round", o.round.into());
    opt_id(x, "unit", o.unit.as_ref())
        .val("due", &time::date(&o.due).into())
        .num("overrun", ms(o.overrun))
        .num("supervised", o.supervised.into())
        .into()
}

fn extension_obj(p: &PendingExtension) -> JsValue {
    Obj::new()
        .str("stage", p.stage.code())
        .num("round", p.round.into())
        .str("extra", &p.extra.to_string())
        .str("reason", &p.reason)
        .val("asked", &time::date(&p.asked).into())
        .into()
}

fn opt_date(t: Option<chrono::DateTime<chrono::FixedOffset>>) -> JsValue {
    t.map_or(JsValue::NULL, |t| time::date(&t).into())
}

/// The rules a call runs by: the calendar, the stage limits (30 min / 3 h /
/// 3 working days by default, overridable per matter), the warning
/// fraction for the yellow light, the reminder marks and the command centre.
/// Immutable: each `with…` returns a new policy.
#[wasm_bindgen]
#[derive(Clone)]
pub struct CallPolicy {
    pub(crate) inner: CorePolicy,
    pub(crate) cal: CoreCalendar,
}

#[wasm_bindgen]
impl CallPolicy {
    /// The standard policy (30 min / 3 h / 3 working days, yellow from 80%,
    /// reminders at 50% and 80% and at the due time) on `Calendar.china()`,
    /// of a county whose command centre is the unit `commandCentre`: only it
    /// acts as the command centre, and it neither raises nor answers calls;
    /// the other units' claims are believed. The platform authenticates who
    /// sent an event; Huying checks what that identity may do
    /// (`fromCatalog` checks every unit against the list).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(js_name = commandCentre)] command_centre: &str) -> CallPolicy {
        CallPolicy {
            inner: CorePolicy::new(command_centre),
            cal: CoreCalendar::china(),
        }
    }

    /// The standard policy believing every claim (tests and demonstrations).
    #[wasm_bindgen(js_name = trustEveryone)]
    pub fn trust_everyone() -> CallPolicy {
        CallPolicy {
            inner: CorePolicy::trust_everyone(),
            cal: CoreCalendar::china(),
        }
    }

    /// The same policy checking every unit against the list.
    #[wasm_bindgen(js_name = withList)]
    pub fn with_list(&self, catalog: &Catalog) -> CallPolicy {
        CallPolicy {
            inner: self.inner.clone().with_list(&catalog.inner),
            cal: self.cal.clone(),
        }
    }

    /// Whether the policy believes every claim.
    #[wasm_bindgen(getter, js_name = trustsEveryone)]
    pub fn trusts_everyone(&self) -> bool {
        self.inner.trusts_everyone()
    }

    /// Whether the policy checks identities against a list.
    #[wasm_bindgen(getter, js_name = checksList)]
    pub fn checks_list(&self) -> bool {
        self.inner.list().is_some()
    }

    /// The standard policy under the list in force at `at`: its command
    /// centre, the limits its matters set for themselves and every unit
    /// checked against the list, on
    /// `Calendar.china()` (see `withCalendar`). A policy fixes a call's limits
    /// when the call is raised: build one per edition when the list changes.
    #[wasm_bindgen(js_name = fromCatalog)]
    pub fn from_catalog(catalog: &Catalog, at: &InstantArg) -> Result<CallPolicy, JsValue> {
        let at = time::instant(at, "at")?;
        Ok(CallPolicy {
            inner: CorePolicy::from_catalog(&catalog.inner, &at).or_throw()?,
            cal: CoreCalendar::china(),
        })
    }

    /// The same policy with another limit for a stage (`"30m"`, `"2h"`, `"5wd"`…).
    #[wasm_bindgen(js_name = withLimit)]
    pub fn with_limit(&self, stage: &StageArg, limit_: &str) -> Result<CallPolicy, JsValue> {
        let (s, l) = (self::stage(stage)?, limit(limit_)?);
        Ok(CallPolicy {
            inner: self.inner.clone().with_limit(s, l),
            cal: self.cal.clone(),
        })
    }

    /// The same policy with the yellow light from this fraction of a limit (e.g. `0.8`).
    #[wasm_bindgen(js_name = withWarning)]
    pub fn with_warning(&self, fraction: f64) -> Result<CallPolicy, JsValue> {
        let inner = self.inner.clone().with_warning(fraction).or_throw()?;
        Ok(CallPolicy {
            inner,
            cal: self.cal.clone(),
        })
    }

    /// The same policy with reminders at these percents of a limit (e.g. `[50, 80]`).
    #[wasm_bindgen(js_name = withReminders)]
    pub fn with_reminders(&self, percents: &PercentsArg) -> Result<CallPolicy, JsValue> {
        let v: &JsValue = percents;
        let list = v.dyn_ref::<js_sys::Array>().ok_or_else(|| {
            error::input("input.bad_value", "percents: expected an array of numbers")
        })?;
        let mut marks = Vec::with_capacity(list.length() as usize);
        for x in list.iter() {
            match x.as_f64() {
                Some(n) if (0.0..=255.0).contains(&n) && n.fract() == 0.0 => marks.push(n as u8),
                _ => {
                    return Err(error::input(
                        "input.out_of_range",
                        format!(
                            "percents: expected whole numbers, got {}",
                            time::describe(&x)
                        ),
                    ));
                }
            }
        }
        let inner = self.inner.clone().with_reminders(&marks).or_throw()?;
        Ok(CallPolicy {
            inner,
            cal: self.cal.clone(),
        })
    }

    /// The same policy with or without the reminder at the due time.
    #[wasm_bindgen(js_name = withBreachReminder)]
    pub fn with_breach_reminder(&self, on: bool) -> CallPolicy {
        CallPolicy {
            inner: self.inner.clone().with_breach_reminder(on),
            cal: self.cal.clone(),
        }
    }

    /// The same policy with another day end for working-day limits.
    #[wasm_bindgen(js_name = withDayEnd)]
    pub fn with_day_end(&self, day_end_: &DayEndArg) -> Result<CallPolicy, JsValue> {
        let d = day_end(Some(day_end_))?;
        Ok(CallPolicy {
            inner: self.inner.clone().with_day_end(d),
            cal: self.cal.clone(),
        })
    }

    /// The same policy naming the command centre (who acknowledges and dispatches).
    #[wasm_bindgen(js_name = withCommandCentre)]
    pub fn with_command_centre(&self, unit: &str) -> CallPolicy {
        CallPolicy {
            inner: self.inner.clone().with_command_centre(unit),
            cal: self.cal.clone(),
        }
    }

    /// The same policy on another calendar.
    #[wasm_bindgen(js_name = withCalendar)]
    pub fn with_calendar(&self, calendar: &Calendar) -> CallPolicy {
        CallPolicy {
            inner: self.inner.clone(),
            cal: calendar.inner.clone(),
        }
    }

    /// A call from its `raised` event, under this policy.
    pub fn raise(&self, event: &EventArg) -> Result<Call, JsValue> {
        let inner = CoreCall::raise(&self.cal, &self.inner, &event_in(event)?).or_throw()?;
        Ok(Call { inner })
    }

    /// A call rebuilt from its events (the first must be `raised`), under this policy.
    #[wasm_bindgen(js_name = fromEvents)]
    pub fn from_events(&self, events: &EventsArg) -> Result<Call, JsValue> {
        let events = events_in(events)?;
        let inner = CoreCall::from_events(&self.cal, &self.inner, &events).or_throw()?;
        Ok(Call { inner })
    }

    /// A call rebuilt from its JSON-lines log, under this policy.
    pub fn replay(&self, log: &str) -> Result<Call, JsValue> {
        let inner = CoreCall::replay(&self.cal, &self.inner, log).or_throw()?;
        Ok(Call { inner })
    }

    /// The limit of a stage, for a matter if given (its own limit from the list).
    pub fn limit(&self, stage: &StageArg, matter: Option<String>) -> Result<String, JsValue> {
        let s = self::stage(stage)?;
        Ok(match matter {
            Some(m) => self.inner.limit_for(&m, s),
            None => self.inner.limit(s),
        }
        .to_string())
    }

    /// The fraction of a limit from which the light is yellow.
    #[wasm_bindgen(getter)]
    pub fn warning(&self) -> f64 {
        self.inner.warning()
    }

    /// The reminder marks, in percent of a limit.
    #[wasm_bindgen(getter, unchecked_return_type = "number[]")]
    pub fn reminders(&self) -> js_sys::Array {
        array(
            self.inner
                .reminders()
                .iter()
                .map(|&p| JsValue::from_f64(p.into())),
        )
    }

    /// Whether a reminder goes out at the due time.
    #[wasm_bindgen(getter, js_name = breachReminder)]
    pub fn breach_reminder(&self) -> bool {
        self.inner.breach_reminder()
    }

    /// The command centre's unit id, if named.
    #[wasm_bindgen(getter, js_name = commandCentre)]
    pub fn command_centre(&self) -> Option<String> {
        self.inner.command_centre().map(|u| u.as_str().to_string())
    }

    /// The calendar the policy counts on.
    #[wasm_bindgen(getter)]
    pub fn calendar(&self) -> Calendar {
        Calendar {
            inner: self.cal.clone(),
        }
    }
}

/// One township call: raised by an event, moved on by events, asked what
/// to show at an instant. A refused event throws a `CallError` (or another
/// coded error) and changes nothing.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Call {
    pub(crate) inner: CoreCall,
}

/// The events of a JS array.
fn events_in(events: &JsValue) -> Result<Vec<Event>, JsValue> {
    let list = events
        .dyn_ref::<js_sys::Array>()
        .ok_or_else(|| error::input("input.bad_event", "events: expected an array of events"))?;
    list.iter().map(|e| event_in(&e)).collect()
}

#[wasm_bindgen]
impl Call {
    /// A call from its `raised` event, under `policy` (the same as
    /// `policy.raise(event)`).
    pub fn raise(event: &EventArg, policy: &CallPolicy) -> Result<Call, JsValue> {
        policy.raise(event)
    }

    /// A call rebuilt from its events, under `policy`.
    #[wasm_bindgen(js_name = fromEvents)]
    pub fn from_events(events: &EventsArg, policy: &CallPolicy) -> Result<Call, JsValue> {
        policy.from_events(events)
    }

    /// A call rebuilt from its JSON-lines log, under `policy`.
    pub fn replay(log: &str, policy: &CallPolicy) -> Result<Call, JsValue> {
        policy.replay(log)
    }

    /// Records an event; a refusal throws and changes nothing.
    pub fn apply(&mut self, event: &EventArg) -> Result<(), JsValue> {
        let e = event_in(event)?;
        self.inner.apply(&e).or_throw()
    }

    /// What to show and do at `now`: the alarm, the countdowns with their
    /// lights, the reminders due, the stages to supervise, the pending
    /// extension, the events expected next and the next wake-up.
    #[wasm_bindgen(unchecked_return_type = "CallView")]
    pub fn at(&self, now: &InstantArg) -> Result<JsValue, JsValue> {
        let b = self.inner.at(time::instant(now, "now")?).or_throw()?;
        Ok(Obj::new()
            .str("call", self.inner.id().as_str())
            .val("now", &time::date(&b.now).into())
            .str("state", b.state.code())
            .bool("alarm", b.alarm)
            .val(
                "countdowns",
                &array(b.countdowns.iter().map(countdown_obj)).into(),
            )
            .val(
                "reminders",
                &array(b.reminders.iter().map(reminder_obj)).into(),
            )
            .val(
                "supervise",
                &array(b.supervise.iter().map(overdue_obj)).into(),
            )
            .val(
                "extension",
                &b.extension.as_ref().map_or(JsValue::NULL, extension_obj),
            )
            .val("expected", &expected(b.expected).into())
            .val("nextWakeup", &opt_date(b.next_wakeup))
            .val("pendingCalendar", &opt_year(b.pending_calendar))
            .into())
    }

    /// The running countdowns at `now` only (the fast path).
    #[wasm_bindgen(unchecked_return_type = "Countdown[]")]
    pub fn countdowns(&self, now: &InstantArg) -> Result<js_sys::Array, JsValue> {
        let mut out = Vec::new();
        self.inner
            .countdowns_into(time::instant(now, "now")?, &mut out)
            .or_throw()?;
        Ok(array(out.iter().map(countdown_obj)))
    }

    /// The next instant after `now` at which anything shown changes (a light,
    /// a reminder, a breach), `now` itself if reminders are due, or `null`.
    #[wasm_bindgen(js_name = nextWakeup)]
    pub fn next_wakeup(&self, now: &InstantArg) -> Result<Option<js_sys::Date>, JsValue> {
        let t = self
            .inner
            .next_wakeup(time::instant(now, "now")?)
            .or_throw()?;
        Ok(t.map(|t| time::date(&t)))
    }

    /// The reminders (SMS) due at `now` and not sent before; each is recorded
    /// as a `reminder_sent` event (append `reminder.event` to the log).
    #[wasm_bindgen(js_name = pollReminders, unchecked_return_type = "Reminder[]")]
    pub fn poll_reminders(&mut self, now: &InstantArg) -> Result<js_sys::Array, JsValue> {
        let sent = self
            .inner
            .poll_reminders(time::instant(now, "now")?)
            .or_throw()?;
        Ok(array(sent.iter().map(reminder_obj)))
    }

    /// Once per ended stage clock: whether it was met, and by how much it was missed.
    #[wasm_bindgen(unchecked_return_type = "Verdict[]")]
    pub fn verdicts(&self) -> js_sys::Array {
        array(self.inner.verdicts().map(|v| {
            let o = Obj::new()
                .str("stage", v.stage.code())
                .num("round", v.round.into());
            opt_id(o, "unit", v.unit.as_ref())
                .str("limit", &v.limit.to_string())
                .val("started", &time::date(&v.started).into())
                .val("due", &time::date(&v.due).into())
                .val("stopped", &time::date(&v.stopped).into())
                .str("outcome", v.outcome.code())
                .num("overrun", ms(v.overrun))
                .bool("cancelled", v.cancelled)
                .bool("extended", v.extended)
                .num("supervised", v.supervised.into())
                .into()
        }))
    }

    /// The call's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().as_str().to_string()
    }

    /// The township that raised it.
    #[wasm_bindgen(getter)]
    pub fn township(&self) -> String {
        self.inner.township().as_str().to_string()
    }

    /// The matter (an id on the list).
    #[wasm_bindgen(getter)]
    pub fn matter(&self) -> String {
        self.inner.matter().as_str().to_string()
    }

    /// `"video"` or `"text"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Channel")]
    pub fn channel(&self) -> String {
        self.inner.channel().code().to_string()
    }

    /// When it was raised.
    #[wasm_bindgen(getter, js_name = raisedAt)]
    pub fn raised_at(&self) -> js_sys::Date {
        time::date(&self.inner.raised_at())
    }

    /// The time of its latest event.
    #[wasm_bindgen(getter, js_name = lastEventAt)]
    pub fn last_event_at(&self) -> js_sys::Date {
        time::date(&self.inner.last_event_at())
    }

    /// The state.
    #[wasm_bindgen(getter, unchecked_return_type = "StateKind")]
    pub fn state(&self) -> String {
        self.inner.kind().code().to_string()
    }

    /// Whether the alarm rings (raised or returned, not yet acknowledged).
    #[wasm_bindgen(getter)]
    pub fn alarm(&self) -> bool {
        self.inner.alarm()
    }

    /// Gives the call another calendar — the same with a year added (a new
    /// State Council notice, `calendar.extendFromNotice`) — and counts the
    /// clocks that waited for it.
    #[wasm_bindgen(js_name = setCalendar)]
    pub fn set_calendar(&mut self, calendar: &Calendar) {
        self.inner.set_calendar(&calendar.inner);
    }

    /// The earliest year a clock of the call waits for (its due time falls
    /// past the calendar's data), or `null`.
    #[wasm_bindgen(getter, js_name = pendingCalendar, unchecked_return_type = "number | null")]
    pub fn pending_calendar(&self) -> JsValue {
        opt_year(self.inner.pending_calendar())
    }

    /// Whether the call is still open (not closed or withdrawn).
    #[wasm_bindgen(getter, js_name = isOpen)]
    pub fn is_open(&self) -> bool {
        self.inner.is_open()
    }

    /// The department it is dispatched to, if any.
    #[wasm_bindgen(getter)]
    pub fn department(&self) -> Option<String> {
        self.inner.department().map(|d| d.as_str().to_string())
    }

    /// The number of events recorded.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.event_count()
    }

    /// The event types the state accepts next.
    #[wasm_bindgen(unchecked_return_type = "EventType[]")]
    pub fn expected(&self) -> js_sys::Array {
        expected(self.inner.kind().expected())
    }

    /// The limit of a stage for this call (the matter's own, or the policy's).
    #[wasm_bindgen(js_name = limitOf)]
    pub fn limit_of(&self, stage: &StageArg) -> Result<String, JsValue> {
        Ok(self.inner.limit_of(self::stage(stage)?).to_string())
    }

    /// The unit that answers for the call's matter in its township per the
    /// list in force at `at` (the command centre's default choice for dispatch).
    #[wasm_bindgen(js_name = responsibleUnit)]
    pub fn responsible_unit(&self, catalog: &Catalog, at: &InstantArg) -> Result<String, JsValue> {
        let at = time::instant(at, "at")?;
        let unit = self
            .inner
            .responsible_unit(&catalog.inner, &at)
            .or_throw()?;
        Ok(unit.as_str().to_string())
    }

    /// The `dispatched` event to `department` by `actor` at `at`, naming as
    /// supporting units those the list gives the matter in the call's township.
    #[wasm_bindgen(js_name = dispatchEvent, unchecked_return_type = "CallEvent")]
    pub fn dispatch_event(
        &self,
        at: &InstantArg,
        actor: &ActorArg,
        department: &str,
        catalog: &Catalog,
    ) -> Result<JsValue, JsValue> {
        let at = time::instant(at, "at")?;
        let actor: Actor =
            serde_wasm_bindgen::from_value(JsValue::from(actor.clone())).map_err(|e| {
                error::input(
                    "input.bad_value",
                    format!("actor: expected {{role, unit}}: {e}"),
                )
            })?;
        let e = self
            .inner
            .dispatch_event(at, actor, department, Some(&catalog.inner))
            .or_throw()?;
        Ok(event_out(&e))
    }

    /// An independent copy.
    #[wasm_bindgen(js_name = clone)]
    pub fn clone_js(&self) -> Call {
        self.clone()
    }
}

fn expected(types: &[huying::call::EventType]) -> js_sys::Array {
    array(types.iter().map(|t| JsValue::from_str(t.code())))
}
