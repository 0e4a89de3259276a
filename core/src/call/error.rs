//! Why a call refused an event, or a log could not be read.

use chrono::{DateTime, FixedOffset};

use super::{Actor, EventType, Id, StateKind};
use crate::catalog::Stage;
use crate::sla::ClockError;

/// A refused event, a bad policy or an unreadable log line.
///
/// A refusal changes nothing: the call is as it was before the event.
/// Each kind has a stable [`code`](CallError::code).
///
/// ```
/// use huying::call::{Actor, Call, CallPolicy, Event, EventKind, Channel};
/// use huying::calendar::Calendar;
/// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let raised = Event::new("C1", t("2025-06-03T10:00:00+08:00"), Actor::township("U068"),
///     EventKind::Raised { township: "U068".into(), matter: "M001".into(), channel: Channel::Video });
/// let mut call = Call::raise(&Calendar::china(), &CallPolicy::new("U008"), &raised)?;
/// // A township may not dispatch.
/// let e = Event::new("C1", t("2025-06-03T10:05:00+08:00"), Actor::township("U068"),
///     EventKind::Dispatched { department: "U010".into(), supporting: vec![] });
/// let err = call.apply(&e).unwrap_err();
/// assert_eq!(err.code(), "call.not_authorized");
/// assert!(err.to_string().contains("only the command centre"));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CallError {
    /// The actor has no right to record this event on this call.
    #[error("{actor} may not record `{action}` on this call: {reason}")]
    NotAuthorized {
        /// Who tried.
        actor: Actor,
        /// The event type tried.
        action: EventType,
        /// Why not.
        reason: &'static str,
    },
    /// The event does not fit the call's state.
    #[error(
        "a call that is {state} cannot take `{event}`; expected one of: {}",
        list(expected)
    )]
    InvalidTransition {
        /// The call's state.
        state: StateKind,
        /// The event type given.
        event: EventType,
        /// The lifecycle events the state accepts.
        expected: &'static [EventType],
    },
    /// The event's instant is before the latest event of the call.
    #[error("time went backwards: {at} is before {last}, the call's latest event")]
    TimeBackwards {
        /// The instant given.
        at: DateTime<FixedOffset>,
        /// The latest instant of the call.
        last: DateTime<FixedOffset>,
    },
    /// The event belongs to another call.
    #[error("the event is for call {got}, not {expected}")]
    WrongCall {
        /// This call's id.
        expected: Id,
        /// The call id of the event.
        got: Id,
    },
    /// A stage's clock is not in a state the event needs (not running, not
    /// paused, already paused, or the extension does not fit it).
    #[error("the {stage} clock {problem}")]
    Stage {
        /// The stage named by the event.
        stage: Stage,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// An extension event without the matching request, or a second request
    /// while one is pending.
    #[error("extension: {problem}")]
    Extension {
        /// What is wrong.
        problem: &'static str,
    },
    /// A reminder recorded twice, out of order, or before it was due.
    #[error("reminder {mark} of the {stage} clock (round {round}) {problem}")]
    Reminder {
        /// The stage.
        stage: Stage,
        /// The round.
        round: u16,
        /// The mark.
        mark: super::Mark,
        /// What is wrong.
        problem: &'static str,
    },
    /// A fact of the event is not acceptable (e.g. an empty department).
    #[error("`{event}`: {problem}")]
    BadPayload {
        /// The event type.
        event: EventType,
        /// What is wrong.
        problem: &'static str,
    },
    /// A log, or the events given, do not start with `raised`.
    #[error("a call's first event must be `raised`, not `{got}`")]
    NotRaised {
        /// The first event's type.
        got: EventType,
    },
    /// There were no events at all.
    #[error("no events: a call starts with `raised`")]
    Empty,
    /// A unit the list does not have (see [`CallPolicy`](super::CallPolicy)).
    #[error("unit {unit:?} is not on the list ({context})")]
    UnknownUnit {
        /// The unit.
        unit: Id,
        /// In what part it appeared.
        context: &'static str,
    },
    /// A unit acting in a part its kind does not play: a department raising
    /// a call, a call dispatched to the command centre or to another
    /// township (see [`CallPolicy`](super::CallPolicy)).
    #[error("{unit} ({kind}) may not be part of `{action}`: {problem}")]
    WrongRole {
        /// The unit.
        unit: Id,
        /// Its kind on the list (`township`, `department`…), or "the command centre".
        kind: String,
        /// The event type.
        action: EventType,
        /// What the rule is.
        problem: &'static str,
    },
    /// A matter that is not on the list in force when the call is raised.
    #[error("matter {matter:?} is not on the list in force (edition {edition})")]
    UnknownMatter {
        /// The matter.
        matter: Id,
        /// The edition in force.
        edition: String,
    },
    /// A policy setting out of range.
    #[error("bad call policy: {problem}")]
    BadPolicy {
        /// What is wrong.
        problem: String,
    },
    /// A line of a JSON-lines log that cannot be read as an event.
    #[error("line {line}: {reason}")]
    BadEvent {
        /// The 1-based line number (1 for a single event).
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A line of a log whose event id was used by an earlier line (see
    /// [`log::read`](super::log::read)): a log is not a place for the same
    /// event twice, say from a delivery that was retried.
    #[error("line {line}: event id {id:?} was already used at line {first}")]
    DuplicateEvent {
        /// The 1-based line number of the repeat.
        line: usize,
        /// The event id.
        id: Id,
        /// The line where the id was first used.
        first: usize,
    },
    /// An event of a log refused at a line (see [`Call::replay`](super::Call::replay)).
    #[error("line {line}: {source}")]
    AtLine {
        /// The 1-based line number.
        line: usize,
        /// The refusal.
        source: Box<CallError>,
    },
    /// The responsibility list could not answer (an unknown matter or
    /// township, an instant before the list).
    #[error(transparent)]
    Catalog(#[from] crate::catalog::CatalogError),
    /// A stage's clock could not count (e.g. a year the calendar does not cover).
    #[error(transparent)]
    Clock(#[from] ClockError),
}

fn list(types: &[EventType]) -> String {
    if types.is_empty() {
        return "nothing (the call is over)".to_string();
    }
    types
        .iter()
        .map(|t| t.code())
        .collect::<Vec<_>>()
        .join(", ")
}

impl CallError {
    /// A stable code: `call.not_authorized`, `call.invalid_transition`,
    /// `call.time_backwards`, `call.wrong_call`, `call.stage`,
    /// `call.extension`, `call.reminder`, `call.bad_payload`,
    /// `call.not_raised`, `call.empty`, `call.bad_policy`, `call.unknown_unit`,
    /// `call.wrong_role`, `call.unknown_matter`, `call.bad_event`,
    /// `call.duplicate_event`, or the clock's or calendar's code (e.g.
    /// `calendar.not_covered`). A
    /// refusal at a line of a log has the code of the refusal.
    ///
    /// ```
    /// let e = huying::call::CallError::BadEvent { line: 3, reason: "missing field `at`".into() };
    /// assert_eq!(e.code(), "call.bad_event");
    /// assert_eq!(e.to_string(), "line 3: missing field `at`");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CallError::NotAuthorized { .. } => "call.not_authorized",
            CallError::InvalidTransition { .. } => "call.invalid_transition",
            CallError::TimeBackwards { .. } => "call.time_backwards",
            CallError::WrongCall { .. } => "call.wrong_call",
            CallError::Stage { .. } => "call.stage",
            CallError::Extension { .. } => "call.extension",
            CallError::Reminder { .. } => "call.reminder",
            CallError::BadPayload { .. } => "call.bad_payload",
            CallError::NotRaised { .. } => "call.not_raised",
            CallError::Empty => "call.empty",
            CallError::BadPolicy { .. } => "call.bad_policy",
            CallError::UnknownUnit { .. } => "call.unknown_unit",
            CallError::WrongRole { .. } => "call.wrong_role",
            CallError::UnknownMatter { .. } => "call.unknown_matter",
            CallError::BadEvent { .. } => "call.bad_event",
            CallError::DuplicateEvent { .. } => "call.duplicate_event",
            CallError::AtLine { source, .. } => source.code(),
            CallError::Catalog(e) => e.code(),
            CallError::Clock(e) => e.code(),
        }
    }
}
