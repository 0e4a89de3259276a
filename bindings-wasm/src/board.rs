//! `Board`: many calls at once — the command centre's wall of countdowns
//! (`huying::call::board_at`), fast enough to refresh thousands every frame.
//!
//! `board.at(now)` answers in typed arrays (one entry per running
//! countdown), so a frame costs one call into wasm and no object per row.

use std::collections::HashMap;

use huying::call::{Call as CoreCall, board_at};
use wasm_bindgen::prelude::*;

use crate::call::{Call, CallPolicy, EventArg, countdown_obj, event_in, reminder_obj};
use crate::error::{self, OrThrow};
use crate::frame::Frame;
use crate::js::{Obj, array};
use crate::time::{self, InstantArg};

fn codes(list: &[&str]) -> JsValue {
    array(list.iter().map(|s| JsValue::from_str(s))).into()
}

/// Many calls under one policy, by id, in the order they were added; the
/// wall of countdowns of all of them at an instant.
#[wasm_bindgen]
pub struct Board {
    policy: CallPolicy,
    calls: Vec<CoreCall>,
    index: HashMap<String, usize>,
    frame: Frame,
}

impl Board {
    fn slot(&self, id: &str) -> Result<usize, JsValue> {
        self.index.get(id).copied().ok_or_else(|| {
            error::make(
                "board.unknown_call",
                &format!("no call {id:?} on the board"),
            )
            .into()
        })
    }

    fn reindex(&mut self) {
        self.index = self
            .calls
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id().as_str().to_string(), i))
            .collect();
    }

    fn insert(&mut self, call: CoreCall) {
        let id = call.id().as_str().to_string();
        match self.index.get(&id) {
            Some(&i) => {
                if let Some(slot) = self.calls.get_mut(i) {
                    *slot = call;
                }
            }
            None => {
                self.index.insert(id, self.calls.len());
                self.calls.push(call);
            }
        }
    }
}

#[wasm_bindgen]
impl Board {
    /// An empty board whose calls are raised under `policy`.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: &CallPolicy) -> Board {
        Board::with_policy(policy)
    }

    /// An empty board whose calls are raised under `policy`.
    #[wasm_bindgen(js_name = withPolicy)]
    pub fn with_policy(policy: &CallPolicy) -> Board {
        Board {
            policy: policy.clone(),
            calls: Vec::new(),
            index: HashMap::new(),
            frame: Frame::default(),
        }
    }

    /// The number of calls on the board.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.calls.len()
    }

    /// The ids of the calls, in board order (`BoardFrame.call` indexes it).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn ids(&self) -> js_sys::Array {
        array(
            self.calls
                .iter()
                .map(|c| JsValue::from_str(c.id().as_str())),
        )
    }

    /// Whether a call is on the board.
    pub fn has(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The position of a call in board order, or -1.
    #[wasm_bindgen(js_name = indexOf)]
    pub fn index_of(&self, id: &str) -> i32 {
        self.index
            .get(id)
            .and_then(|&i| i32::try_from(i).ok())
            .unwrap_or(-1)
    }

    /// A copy of a call, or `undefined`.
    pub fn get(&self, id: &str) -> Option<Call> {
        let i = self.index.get(id)?;
        self.calls.get(*i).map(|c| Call { inner: c.clone() })
    }

    /// Puts a copy of a call on the board (replacing one with the same id).
    pub fn put(&mut self, call: &Call) {
        self.insert(call.inner.clone());
    }

    /// Takes a call off the board; whether it was there. Later calls move up.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(i) = self.index.get(id).copied() else {
            return false;
        };
        if i < self.calls.len() {
            self.calls.remove(i);
        }
        self.reindex();
        true
    }

    /// Raises a call from its `raised` event under the board's policy.
    /// Throws `board.duplicate` if the id is taken.
    pub fn raise(&mut self, event: &EventArg) -> Result<(), JsValue> {
        let e = event_in(event)?;
        if self.index.contains_key(e.call.as_str()) {
            let msg = format!("a call {:?} is already on the board", e.call.as_str());
            return Err(error::make("board.duplicate", &msg).into());
        }
        let call = CoreCall::raise(&self.policy.cal, &self.policy.inner, &e).or_throw()?;
        self.insert(call);
        Ok(())
    }

    /// Records an event on the call it names (`event.call`). A refusal throws
    /// and changes nothing; `board.unknown_call` if no such call.
    pub fn apply(&mut self, event: &EventArg) -> Result<(), JsValue> {
        let e = event_in(event)?;
        let i = self.slot(e.call.as_str())?;
        match self.calls.get_mut(i) {
            Some(call) => call.apply(&e).or_throw(),
            None => Err(error::make("board.unknown_call", "no such call").into()),
        }
    }

    /// A warning when the board's calendar ends within `withinDays` (default
    /// 30) days of `now` (the board's clock), or has ended: show it as a
    /// banner, and load the next year's notice. `null` otherwise.
    #[wasm_bindgen(js_name = calendarWarning, unchecked_return_type = "CoverageWarning | null")]
    pub fn calendar_warning(
        &self,
        now: &InstantArg,
        #[wasm_bindgen(js_name = withinDays)] within_days: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let today = huying::to_china(time::instant(now, "now")?).date_naive();
        crate::calendar::coverage_warning(&self.policy.cal, today, within_days)
    }

    /// Every running countdown of every call at `now`, as typed arrays (one
    /// entry per countdown; see `BoardFrame`). Calls that cannot be shown
    /// at `now` are left out and listed in `errors`.
    #[wasm_bindgen(unchecked_return_type = "BoardFrame")]
    pub fn at(&mut self, now: &InstantArg) -> Result<JsValue, JsValue> {
        let now = time::instant(now, "now")?;
        self.frame.fill(&self.calls, now);
        let f = &self.frame;
        let errors = array(f.errors.iter().map(|e| {
            let id = self.calls.get(e.call).map_or("", |c| c.id().as_str());
            Obj::new()
                .num("index", e.call as f64)
                .str("call", id)
                .val(
                    "error",
                    &error::make(e.error.code(), &e.error.to_string()).into(),
                )
                .into()
        }));
        Ok(Obj::new()
            .num("length", f.rows.len() as f64)
            .val("now", &time::date(&now).into())
            .val("call", &js_sys::Uint32Array::from(f.call.as_slice()).into())
            .val(
                "stage",
                &js_sys::Uint8Array::from(f.stage.as_slice()).into(),
            )
            .val(
                "light",
                &js_sys::Uint8Array::from(f.light.as_slice()).into(),
            )
            .val(
                "paused",
                &js_sys::Uint8Array::from(f.paused.as_slice()).into(),
            )
            .val("due", &js_sys::Float64Array::from(f.due.as_slice()).into())
            .val(
                "remaining",
                &js_sys::Float64Array::from(f.remaining.as_slice()).into(),
            )
            .val(
                "overrun",
                &js_sys::Float64Array::from(f.overrun.as_slice()).into(),
            )
            .val(
                "fraction",
                &js_sys::Float64Array::from(f.fraction.as_slice()).into(),
            )
            .val("errors", &errors.into())
            .val("stages", &codes(&["dispatch", "arrival", "reply"]))
            .val("lights", &codes(&["green", "yellow", "red", "grey"]))
            .into())
    }

    /// The same as `at`, as one plain object per countdown (slower; for a
    /// few hundred rows or for tests).
    #[wasm_bindgen(unchecked_return_type = "BoardRowInfo[]")]
    pub fn rows(&mut self, now: &InstantArg) -> Result<js_sys::Array, JsValue> {
        let now = time::instant(now, "now")?;
        let f = &mut self.frame;
        board_at(&self.calls, now, &mut f.rows, &mut f.errors);
        Ok(array(f.rows.iter().map(|r| {
            let o: JsValue = countdown_obj(&r.countdown);
            let id = self.calls.get(r.call).map_or("", |c| c.id().as_str());
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str("call"), &JsValue::from_str(id));
            o
        })))
    }

    /// What one call shows at `now` (as `Call.at`).
    #[wasm_bindgen(unchecked_return_type = "CallView")]
    pub fn view(&self, id: &str, now: &InstantArg) -> Result<JsValue, JsValue> {
        let i = self.slot(id)?;
        match self.calls.get(i) {
            Some(c) => Call { inner: c.clone() }.at(now),
            None => Err(error::make("board.unknown_call", "no such call").into()),
        }
    }

    /// The reminders (SMS) due at `now` on every call, each recorded as sent.
    /// Calls that cannot be asked at `now` are skipped.
    #[wasm_bindgen(js_name = pollReminders, unchecked_return_type = "Reminder[]")]
    pub fn poll_reminders(&mut self, now: &InstantArg) -> Result<js_sys::Array, JsValue> {
        let now = time::instant(now, "now")?;
        let out = js_sys::Array::new();
        for call in &mut self.calls {
            if let Ok(sent) = call.poll_reminders(now) {
                for r in &sent {
                    out.push(&reminder_obj(r));
                }
            }
        }
        Ok(out)
    }

    /// The earliest instant, over all calls, at which anything shown changes
    /// (see `Call.nextWakeup`), or `null`.
    #[wasm_bindgen(js_name = nextWakeup)]
    pub fn next_wakeup(&self, now: &InstantArg) -> Result<Option<js_sys::Date>, JsValue> {
        let now = time::instant(now, "now")?;
        let next = self
            .calls
            .iter()
            .filter_map(|c| c.next_wakeup(now).ok().flatten())
            .min();
        Ok(next.map(|t| time::date(&t)))
    }

    /// The ids of the calls whose alarm rings (raised or returned, not acknowledged).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn ringing(&self) -> js_sys::Array {
        array(
            self.calls
                .iter()
                .filter(|c| c.alarm())
                .map(|c| JsValue::from_str(c.id().as_str())),
        )
    }
}
