//! JSON lines, the log format of record: one event per line, each an
//! object with `type` (the event type), `v` (the schema version, now 1), an
//! optional event `id`, the `call` id, the instant `at` (RFC 3339 with
//! offset), the `actor` (`{"role": …, "unit": …}`), and the facts of the
//! type beside them (the table in [`crate::call::log`]).
//!
//! Unknown fields are ignored, so a later minor addition still loads; a
//! version newer than this library's is refused rather than misread.
//!
//! Event ids, when given, are unique within a log: [`read`] and
//! [`Call::replay`] refuse a line that repeats an earlier line's id
//! ([`CallError::DuplicateEvent`], `call.duplicate_event`), such as an
//! event delivered twice. [`Call::apply`] and [`Call::from_events`] do not
//! look at ids: a platform that may deliver an event twice drops the
//! repeat by its id before applying it.
//!
//! ```
//! use huying::call::log;
//! let events = log::read(log::EXAMPLE)?;
//! assert_eq!(events.len(), 8);
//! assert_eq!(log::write(&events), log::EXAMPLE);
//! # Ok::<(), huying::call::CallError>(())
//! ```

use std::borrow::Borrow;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::call::{
    Actor, Call, CallError, CallPolicy, Channel, Event, EventKind, EventType, Id, Mark,
};
use crate::catalog::Stage;
use crate::sla::Limit;

/// The schema version this library writes, and the newest it reads.
///
/// ```
/// assert_eq!(huying::call::log::SCHEMA_VERSION, 1);
/// ```
pub const SCHEMA_VERSION: u32 = 1;

/// A complete example log: a video call about matter `M001` raised by
/// township `U068`, acknowledged and dispatched by the command centre `U008`
/// to department `U010` (with `U068` supporting), signed, on site, replied,
/// evaluated as satisfied and closed — every stage on time.
///
/// ```
/// assert_eq!(huying::call::log::EXAMPLE.lines().count(), 8);
/// ```
pub const EXAMPLE: &str = r#"{"type":"raised","v":1,"id":"E1","call":"C2025-0001","at":"2025-06-03T09:00:00+08:00","actor":{"role":"township","unit":"U068"},"township":"U068","matter":"M001","channel":"video"}
{"type":"acknowledged","v":1,"id":"E2","call":"C2025-0001","at":"2025-06-03T09:02:00+08:00","actor":{"role":"command_centre","unit":"U008"}}
{"type":"dispatched","v":1,"id":"E3","call":"C2025-0001","at":"2025-06-03T09:10:00+08:00","actor":{"role":"command_centre","unit":"U008"},"department":"U010","supporting":["U068"]}
{"type":"signed","v":1,"id":"E4","call":"C2025-0001","at":"2025-06-03T09:30:00+08:00","actor":{"role":"department","unit":"U010"}}
{"type":"arrived","v":1,"id":"E5","call":"C2025-0001","at":"2025-06-03T11:40:00+08:00","actor":{"role":"department","unit":"U010"}}
{"type":"replied","v":1,"id":"E6","call":"C2025-0001","at":"2025-06-05T16:00:00+08:00","actor":{"role":"department","unit":"U010"},"result":"已责令停止违法占地并恢复原状"}
{"type":"evaluated","v":1,"id":"E7","call":"C2025-0001","at":"2025-06-06T09:00:00+08:00","actor":{"role":"township","unit":"U068"},"satisfied":true,"comment":"满意"}
{"type":"closed","v":1,"id":"E8","call":"C2025-0001","at":"2025-06-06T09:30:00+08:00","actor":{"role":"command_centre","unit":"U008"}}
"#;

impl Serialize for EventType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for EventType {
    /// From its code, read as the deserializer has the text.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::call::events::from_text(d, str::parse)
    }
}

/// The JSON form written: common fields, then the facts of the kind.
#[derive(Serialize)]
struct Out<'a> {
    #[serde(rename = "type")]
    ty: EventType,
    v: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Id>,
    call: &'a Id,
    #[serde(serialize_with = "instant")]
    at: &'a DateTime<FixedOffset>,
    actor: &'a Actor,
    #[serde(skip_serializing_if = "Option::is_none")]
    township: Option<&'a Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matter: Option<&'a Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<Channel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    supporting: Option<&'a [Id]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<Stage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<Mark>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: Option<Limit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    satisfied: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// The JSON form read: every fact optional; which are required depends on `type`.
#[derive(Deserialize)]
struct In {
    #[serde(rename = "type")]
    ty: EventType,
    v: u32,
    id: Option<Id>,
    call: Id,
    #[serde(deserialize_with = "read_instant")]
    at: DateTime<FixedOffset>,
    actor: Actor,
    township: Option<Id>,
    matter: Option<Id>,
    channel: Option<Channel>,
    department: Option<Id>,
    supporting: Option<Vec<Id>>,
    stage: Option<Stage>,
    round: Option<u16>,
    mark: Option<Mark>,
    extra: Option<Limit>,
    satisfied: Option<bool>,
    result: Option<String>,
    reason: Option<String>,
    comment: Option<String>,
    note: Option<String>,
}

/// An instant from RFC 3339 text ([`crate::time::parse_instant`]: the
/// common shape read directly, anything else as chrono reads it), read from
/// the text as the deserializer has it (nothing allocated).
fn read_instant<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    crate::call::events::from_text(d, crate::time::parse_instant)
}

/// An instant as RFC 3339 text (as chrono writes it), or in UTC for one
/// whose wall-clock time at its offset cannot be written: writing an event
/// never panics.
fn instant<S: serde::Serializer>(t: &&DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    if crate::time::writable(t) {
        t.serialize(s)
    } else {
        t.to_utc().serialize(s)
    }
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s).filter(|s| !s.is_empty())
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = Out {
            ty: self.event_type(),
            v: SCHEMA_VERSION,
            id: self.id.as_ref(),
            call: &self.call,
            at: &self.at,
            actor: &self.actor,
            township: None,
            matter: None,
            channel: None,
            department: None,
            supporting: None,
            stage: None,
            round: None,
            mark: None,
            extra: None,
            satisfied: None,
            result: None,
            reason: None,
            comment: None,
            note: None,
        };
        match &self.kind {
            EventKind::Raised {
                township,
                matter,
                channel,
            } => {
                o.township = Some(township);
                o.matter = Some(matter);
                o.channel = Some(*channel);
            }
            EventKind::Acknowledged
            | EventKind::Signed
            | EventKind::Arrived
            | EventKind::Closed => {}
            EventKind::Dispatched {
                department,
                supporting,
            } => {
                o.department = Some(department);
                o.supporting = Some(supporting);
            }
            EventKind::Returned { reason } => o.reason = Some(reason),
            EventKind::Withdrawn { reason } => o.reason = non_empty(reason),
            EventKind::Replied { result } => o.result = Some(result),
            EventKind::Evaluated { satisfied, comment } => {
                o.satisfied = Some(*satisfied);
                o.comment = non_empty(comment);
            }
            EventKind::Supervised { stage, note } => {
                o.stage = Some(*stage);
                o.note = non_empty(note);
            }
            EventKind::ExtensionRequested {
                stage,
                extra,
                reason,
            } => {
                o.stage = Some(*stage);
                o.extra = Some(*extra);
                o.reason = Some(reason);
            }
            EventKind::ExtensionGranted { stage, extra } => {
                o.stage = Some(*stage);
                o.extra = *extra;
            }
            EventKind::ExtensionDenied { stage, reason } => {
                o.stage = Some(*stage);
                o.reason = non_empty(reason);
            }
            EventKind::Paused { stage, reason } => {
                o.stage = Some(*stage);
                o.reason = Some(reason);
            }
            EventKind::Resumed { stage } => o.stage = Some(*stage),
            EventKind::ReminderSent { stage, round, mark } => {
                o.stage = Some(*stage);
                o.round = Some(*round);
                o.mark = Some(*mark);
            }
        }
        o.serialize(s)
    }
}

impl TryFrom<In> for Event {
    type Error = String;
    fn try_from(w: In) -> Result<Event, String> {
        if w.v == 0 || w.v > SCHEMA_VERSION {
            return Err(format!(
                "schema version {} is not supported: this library reads versions 1 to {SCHEMA_VERSION}",
                w.v
            ));
        }
        let ty = w.ty;
        let need = |field: &'static str| format!("a `{ty}` event needs `{field}`");
        let stage = || w.stage.ok_or_else(|| need("stage"));
        let kind = match ty {
            EventType::Raised => EventKind::Raised {
                township: w.township.ok_or_else(|| need("township"))?,
                matter: w.matter.ok_or_else(|| need("matter"))?,
                channel: w.channel.ok_or_else(|| need("channel"))?,
            },
            EventType::Acknowledged => EventKind::Acknowledged,
            EventType::Dispatched => EventKind::Dispatched {
                department: w.department.ok_or_else(|| need("department"))?,
                supporting: w.supporting.unwrap_or_default(),
            },
            EventType::Signed => EventKind::Signed,
            EventType::Returned => EventKind::Returned {
                reason: w.reason.ok_or_else(|| need("reason"))?,
            },
            EventType::Arrived => EventKind::Arrived,
            EventType::Replied => EventKind::Replied {
                result: w.result.ok_or_else(|| need("result"))?,
            },
            EventType::Evaluated => EventKind::Evaluated {
                satisfied: w.satisfied.ok_or_else(|| need("satisfied"))?,
                comment: w.comment.unwrap_or_default(),
            },
            EventType::Closed => EventKind::Closed,
            EventType::Withdrawn => EventKind::Withdrawn {
                reason: w.reason.unwrap_or_default(),
            },
            EventType::Supervised => EventKind::Supervised {
                stage: stage()?,
                note: w.note.unwrap_or_default(),
            },
            EventType::ExtensionRequested => EventKind::ExtensionRequested {
                stage: stage()?,
                extra: w.extra.ok_or_else(|| need("extra"))?,
                reason: w.reason.ok_or_else(|| need("reason"))?,
            },
            EventType::ExtensionGranted => EventKind::ExtensionGranted {
                stage: stage()?,
                extra: w.extra,
            },
            EventType::ExtensionDenied => EventKind::ExtensionDenied {
                stage: stage()?,
                reason: w.reason.unwrap_or_default(),
            },
            EventType::Paused => EventKind::Paused {
                stage: stage()?,
                reason: w.reason.ok_or_else(|| need("reason"))?,
            },
            EventType::Resumed => EventKind::Resumed { stage: stage()? },
            EventType::ReminderSent => EventKind::ReminderSent {
                stage: stage()?,
                round: w.round.ok_or_else(|| need("round"))?,
                mark: w.mark.ok_or_else(|| need("mark"))?,
            },
        };
        Ok(Event {
            id: w.id,
            call: w.call,
            at: w.at,
            actor: w.actor,
            kind,
        })
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Event::try_from(In::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Event {
    /// The event as one JSON line (without the newline).
    ///
    /// ```
    /// use huying::call::{Actor, Event, EventKind};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:30:00+08:00")?;
    /// let e = Event::new("C1", at, Actor::department("U010"), EventKind::Signed).with_id("E4");
    /// assert_eq!(e.to_json_line(), r#"{"type":"signed","v":1,"id":"E4","call":"C1","at":"2025-06-03T09:30:00+08:00","actor":{"role":"department","unit":"U010"}}"#);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn to_json_line(&self) -> String {
        // Serializing plain data to a string cannot fail; an empty object
        // would be refused on reading, never misread.
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }

    /// An event from one JSON line.
    ///
    /// # Errors
    /// [`CallError::BadEvent`] (line 1) for bad JSON, an unknown type, a
    /// missing fact, or a newer schema version.
    ///
    /// ```
    /// use huying::call::{Event, EventType};
    /// let e = Event::from_json_line(r#"{"type":"paused","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"command_centre","unit":"U008"},"stage":"reply","reason":"等待检测报告"}"#)?;
    /// assert_eq!(e.event_type(), EventType::Paused);
    /// let err = Event::from_json_line(r#"{"type":"paused","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"command_centre","unit":"U008"}}"#).unwrap_err();
    /// assert_eq!(err.code(), "call.bad_event");
    /// assert!(err.to_string().contains("needs `stage`"));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn from_json_line(line: &str) -> Result<Event, CallError> {
        parse_line(line, 1)
    }
}

fn parse_line(line: &str, n: usize) -> Result<Event, CallError> {
    serde_json::from_str(line).map_err(|e| CallError::BadEvent {
        line: n,
        reason: e.to_string(),
    })
}

/// The events of a JSON-lines log, in order. Blank lines are skipped.
///
/// # Errors
/// [`CallError::BadEvent`] with the 1-based line number of the first bad
/// line; [`CallError::DuplicateEvent`] for a line repeating an event id.
///
/// ```
/// let err = huying::call::log::read("\n{\"type\":\"raised\"}\n").unwrap_err();
/// assert_eq!(err.code(), "call.bad_event");
/// assert!(err.to_string().starts_with("line 2:"));
/// ```
pub fn read(text: &str) -> Result<Vec<Event>, CallError> {
    let mut seen = Seen::default();
    lines(text)
        .map(|(n, l)| {
            let e = parse_line(l, n)?;
            seen.check(&e, n)?;
            Ok(e)
        })
        .collect()
}

/// The event ids of a log's lines so far, with the line of each.
#[derive(Default)]
struct Seen(std::collections::HashMap<Id, usize>);

impl Seen {
    /// Records the event's id at line `n`, refusing an id seen before.
    fn check(&mut self, e: &Event, n: usize) -> Result<(), CallError> {
        let Some(id) = &e.id else {
            return Ok(());
        };
        match self.0.entry(id.clone()) {
            std::collections::hash_map::Entry::Occupied(first) => Err(CallError::DuplicateEvent {
                line: n,
                id: id.clone(),
                first: *first.get(),
            }),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(n);
                Ok(())
            }
        }
    }
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // A byte order mark before the first line (spreadsheet tools write one).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

/// The events as a JSON-lines log, one event per line, each line ending in a
/// newline.
///
/// ```
/// use huying::call::log;
/// let events = log::read(log::EXAMPLE)?;
/// assert_eq!(log::write(&events[..1]).lines().count(), 1);
/// # Ok::<(), huying::call::CallError>(())
/// ```
pub fn write<I>(events: I) -> String
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    let mut out = String::new();
    for e in events {
        out.push_str(&e.borrow().to_json_line());
        out.push('\n');
    }
    out
}

impl Call {
    /// The call rebuilt from a JSON-lines log (see [`log`](self)).
    ///
    /// # Errors
    /// [`CallError::BadEvent`] for an unreadable line;
    /// [`CallError::DuplicateEvent`] for a line repeating an event id;
    /// [`CallError::AtLine`] wrapping the refusal of an event, with its line;
    /// [`CallError::Empty`] for a log without events. The error names the
    /// first bad line: the lines before it are sound, and replaying them
    /// alone gives the call as it stood.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy, StateKind}};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.state().kind(), StateKind::Closed);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn replay(cal: &Calendar, policy: &CallPolicy, log: &str) -> Result<Call, CallError> {
        let mut it = lines(log);
        let (n, first) = it.next().ok_or(CallError::Empty)?;
        let at = |n: usize| {
            move |e: CallError| match e {
                e @ CallError::BadEvent { .. } => e,
                e => CallError::AtLine {
                    line: n,
                    source: Box::new(e),
                },
            }
        };
        let mut seen = Seen::default();
        let first = parse_line(first, n)?;
        seen.check(&first, n)?;
        let mut call = Call::raise(cal, policy, &first).map_err(at(n))?;
        for (n, l) in it {
            let e = parse_line(l, n)?;
            seen.check(&e, n)?;
            call.apply(&e).map_err(at(n))?;
        }
        Ok(call)
    }
}
