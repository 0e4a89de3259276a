//! The events of a call: what happened, when, and who did it.
//!
//! An event is a fact the platform has recorded. A [`Call`](super::Call)
//! accepts or refuses it; the accepted events, in order, are the call's log
//! (JSON lines, see [`log`](super::log)).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::Id;
use crate::catalog::Stage;
use crate::sla::Limit;

/// The role in which a unit acts on a call.
///
/// ```
/// use huying::call::Role;
/// assert_eq!(Role::CommandCentre.code(), "command_centre");
/// assert_eq!("department".parse::<Role>(), Ok(Role::Department));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// A township or street office (乡镇 / 街道): raises, evaluates, withdraws.
    Township,
    /// The county command centre (指挥中心): acknowledges, dispatches,
    /// supervises, grants or denies extensions, pauses and resumes clocks, closes.
    CommandCentre,
    /// The unit a call is dispatched to: a county department or its stationed
    /// agency (派驻机构). Signs, returns, arrives, replies, asks for extensions.
    Department,
    /// The platform itself, recording that it sent a reminder.
    System,
}

impl Role {
    /// The stable code: `township`, `command_centre`, `department`, `system`.
    ///
    /// ```
    /// assert_eq!(huying::call::Role::Township.code(), "township");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Role::Township => "township",
            Role::CommandCentre => "command_centre",
            Role::Department => "department",
            Role::System => "system",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        match s {
            "township" => Ok(Role::Township),
            "command_centre" => Ok(Role::CommandCentre),
            "department" => Ok(Role::Department),
            "system" => Ok(Role::System),
            other => Err(format!("unknown role {other:?}")),
        }
    }
}

impl<'de> Deserialize<'de> for Role {
    /// From its code ([`Role::code`]), read as the deserializer has the text.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Role, D::Error> {
        from_text(d, str::parse)
    }
}

/// A value read from a string by `parse`, from the text as the
/// deserializer has it (borrowed or in its scratch space: nothing
/// allocated, unlike reading a `String` first).
pub(crate) fn from_text<'de, D, T, E>(d: D, parse: fn(&str) -> Result<T, E>) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    E: fmt::Display,
{
    struct Text<T, E>(fn(&str) -> Result<T, E>);
    impl<T, E: fmt::Display> serde::de::Visitor<'_> for Text<T, E> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<Er: serde::de::Error>(self, s: &str) -> Result<T, Er> {
            (self.0)(s).map_err(Er::custom)
        }
    }
    d.deserialize_str(Text(parse))
}

/// Who did something: a role and the unit acting in it.
///
/// ```
/// use huying::call::{Actor, Role};
/// let a = Actor::department("U053@U068");
/// assert_eq!(a.role, Role::Department);
/// assert_eq!(a.to_string(), "department U053@U068");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The role.
    pub role: Role,
    /// The unit's id.
    pub unit: Id,
}

impl Actor {
    /// An actor in any role.
    ///
    /// ```
    /// use huying::call::{Actor, Role};
    /// assert_eq!(Actor::new(Role::Township, "U068"), Actor::township("U068"));
    /// ```
    pub fn new(role: Role, unit: impl Into<Id>) -> Actor {
        Actor {
            role,
            unit: unit.into(),
        }
    }

    /// A township acting.
    ///
    /// ```
    /// assert_eq!(huying::call::Actor::township("U068").unit, "U068");
    /// ```
    pub fn township(unit: impl Into<Id>) -> Actor {
        Actor::new(Role::Township, unit)
    }

    /// The command centre acting.
    ///
    /// ```
    /// assert_eq!(huying::call::Actor::command_centre("U008").role, huying::call::Role::CommandCentre);
    /// ```
    pub fn command_centre(unit: impl Into<Id>) -> Actor {
        Actor::new(Role::CommandCentre, unit)
    }

    /// A department (or stationed agency) acting.
    ///
    /// ```
    /// assert_eq!(huying::call::Actor::department("U010").role, huying::call::Role::Department);
    /// ```
    pub fn department(unit: impl Into<Id>) -> Actor {
        Actor::new(Role::Department, unit)
    }

    /// The platform acting (recording reminders).
    ///
    /// ```
    /// assert_eq!(huying::call::Actor::system("scheduler").role, huying::call::Role::System);
    /// ```
    pub fn system(unit: impl Into<Id>) -> Actor {
        Actor::new(Role::System, unit)
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.role, self.unit)
    }
}

/// How a township called: by video link (视频即时联通) or text report (文本上报).
///
/// ```
/// assert_eq!(huying::call::Channel::Video.code(), "video");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A live video call.
    Video,
    /// A text report.
    Text,
}

impl Channel {
    /// The stable code: `video` or `text`.
    ///
    /// ```
    /// assert_eq!(huying::call::Channel::Text.code(), "text");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Channel::Video => "video",
            Channel::Text => "text",
        }
    }
}

/// A reminder point on a stage's clock: a percentage of the limit used
/// (`50%`, `80%`), or the breach of the due time.
///
/// Marks are ordered: every percentage comes before the breach.
///
/// ```
/// use huying::call::Mark;
/// let m: Mark = "80%".parse()?;
/// assert_eq!(m, Mark::Percent(80));
/// assert!(m < Mark::Breach);
/// assert_eq!(Mark::Breach.to_string(), "breach");
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mark {
    /// This percentage of the limit has been used (1–100).
    Percent(u8),
    /// The due time has passed.
    Breach,
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mark::Percent(p) => write!(f, "{p}%"),
            Mark::Breach => f.write_str("breach"),
        }
    }
}

impl FromStr for Mark {
    type Err = String;
    fn from_str(s: &str) -> Result<Mark, String> {
        if s == "breach" {
            return Ok(Mark::Breach);
        }
        s.strip_suffix('%')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|p| (1..=100).contains(p))
            .map(Mark::Percent)
            .ok_or_else(|| {
                format!("cannot read {s:?} as a reminder mark: expected 1% to 100% or breach")
            })
    }
}

impl Serialize for Mark {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Mark {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What happened, with the facts that belong to it.
///
/// ```
/// use huying::call::{EventKind, EventType};
/// let k = EventKind::Dispatched { department: "U010".into(), supporting: vec!["U068".into()] };
/// assert_eq!(k.event_type(), EventType::Dispatched);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventKind {
    /// A township calls the county about a matter (must be the first event).
    Raised {
        /// The calling township (must be the actor's unit).
        township: Id,
        /// The matter on the list.
        matter: Id,
        /// Video or text.
        channel: Channel,
    },
    /// The command centre has seen the call: the alarm stops.
    Acknowledged,
    /// The command centre forwards the call to the responsible unit (转办),
    /// naming the supporting units to notify.
    Dispatched {
        /// The unit that must respond (a department or stationed agency).
        department: Id,
        /// Units with a supporting duty, notified of the call.
        supporting: Vec<Id>,
    },
    /// The department signs for the call (签收).
    Signed,
    /// The department returns the call as not its own (退回).
    Returned {
        /// Why.
        reason: String,
    },
    /// The department is on site (到达现场).
    Arrived,
    /// The department replies with the result (答复办理结果).
    Replied {
        /// The result, in words.
        result: String,
    },
    /// The township checks the result and evaluates it (核查 / 评价).
    Evaluated {
        /// Satisfied; if not, the call goes back for rework.
        satisfied: bool,
        /// The township's comment.
        comment: String,
    },
    /// The command centre closes the call (结案).
    Closed,
    /// The township withdraws the call (撤回).
    Withdrawn {
        /// Why.
        reason: String,
    },
    /// The command centre supervises a stage (督办).
    Supervised {
        /// The stage supervised.
        stage: Stage,
        /// A note (may be empty).
        note: String,
    },
    /// The department asks for more time on a stage (延期申请).
    ExtensionRequested {
        /// The stage: arrival or reply.
        stage: Stage,
        /// How much more, in the unit of the stage's limit.
        extra: Limit,
        /// Why.
        reason: String,
    },
    /// The command centre grants the pending extension.
    ExtensionGranted {
        /// The stage of the pending request.
        stage: Stage,
        /// The time granted, if not what was asked (same unit).
        extra: Option<Limit>,
    },
    /// The command centre denies the pending extension.
    ExtensionDenied {
        /// The stage of the pending request.
        stage: Stage,
        /// Why.
        reason: String,
    },
    /// The command centre pauses a stage's clock (time not counted).
    Paused {
        /// The stage.
        stage: Stage,
        /// Why (e.g. waiting for an inspection report).
        reason: String,
    },
    /// The command centre resumes a paused clock.
    Resumed {
        /// The stage.
        stage: Stage,
    },
    /// The platform sent the reminders of a stage's clock up to a mark
    /// (see [`Call::poll_reminders`](super::Call::poll_reminders)).
    ReminderSent {
        /// The stage.
        stage: Stage,
        /// The clock's round (1 for the first clock of the stage).
        round: u16,
        /// The mark reached; earlier marks count as sent too.
        mark: Mark,
    },
}

impl EventKind {
    /// The type of the event.
    ///
    /// ```
    /// use huying::call::{EventKind, EventType};
    /// assert_eq!(EventKind::Signed.event_type(), EventType::Signed);
    /// ```
    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::Raised { .. } => EventType::Raised,
            EventKind::Acknowledged => EventType::Acknowledged,
            EventKind::Dispatched { .. } => EventType::Dispatched,
            EventKind::Signed => EventType::Signed,
            EventKind::Returned { .. } => EventType::Returned,
            EventKind::Arrived => EventType::Arrived,
            EventKind::Replied { .. } => EventType::Replied,
            EventKind::Evaluated { .. } => EventType::Evaluated,
            EventKind::Closed => EventType::Closed,
            EventKind::Withdrawn { .. } => EventType::Withdrawn,
            EventKind::Supervised { .. } => EventType::Supervised,
            EventKind::ExtensionRequested { .. } => EventType::ExtensionRequested,
            EventKind::ExtensionGranted { .. } => EventType::ExtensionGranted,
            EventKind::ExtensionDenied { .. } => EventType::ExtensionDenied,
            EventKind::Paused { .. } => EventType::Paused,
            EventKind::Resumed { .. } => EventType::Resumed,
            EventKind::ReminderSent { .. } => EventType::ReminderSent,
        }
    }
}

macro_rules! event_types {
    ($($variant:ident => $code:literal, $role:expr, $doc:literal;)*) => {
        /// The type of an event, without its facts: the `type` tag of the JSON line.
        ///
        /// ```
        /// use huying::call::{EventType, Role};
        /// assert_eq!(EventType::ExtensionRequested.code(), "extension_requested");
        /// assert_eq!("dispatched".parse::<EventType>(), Ok(EventType::Dispatched));
        /// assert_eq!(EventType::Dispatched.role(), Role::CommandCentre);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum EventType {
            $(#[doc = $doc] $variant,)*
        }

        impl EventType {
            /// Every event type.
            ///
            /// ```
            /// assert_eq!(huying::call::EventType::ALL.len(), 17);
            /// ```
            pub const ALL: &'static [EventType] = &[$(EventType::$variant,)*];

            /// The stable code, as in the JSON `type` field (`raised`, `dispatched`, …).
            ///
            /// ```
            /// assert_eq!(huying::call::EventType::Raised.code(), "raised");
            /// ```
            pub fn code(self) -> &'static str {
                match self {
                    $(EventType::$variant => $code,)*
                }
            }

            /// The role that may record an event of this type.
            ///
            /// ```
            /// use huying::call::{EventType, Role};
            /// assert_eq!(EventType::Evaluated.role(), Role::Township);
            /// ```
            pub fn role(self) -> Role {
                match self {
                    $(EventType::$variant => $role,)*
                }
            }
        }

        impl FromStr for EventType {
            type Err = String;
            fn from_str(s: &str) -> Result<EventType, String> {
                match s {
                    $($code => Ok(EventType::$variant),)*
                    other => Err(format!("unknown event type {other:?}")),
                }
            }
        }
    };
}

event_types! {
    Raised => "raised", Role::Township, "A township calls.";
    Acknowledged => "acknowledged", Role::CommandCentre, "The command centre acknowledges (the alarm stops).";
    Dispatched => "dispatched", Role::CommandCentre, "The command centre dispatches to a department.";
    Signed => "signed", Role::Department, "The department signs for the call.";
    Returned => "returned", Role::Department, "The department returns the call.";
    Arrived => "arrived", Role::Department, "The department arrives on site.";
    Replied => "replied", Role::Department, "The department replies with the result.";
    Evaluated => "evaluated", Role::Township, "The township evaluates the result.";
    Closed => "closed", Role::CommandCentre, "The command centre closes the call.";
    Withdrawn => "withdrawn", Role::Township, "The township withdraws the call.";
    Supervised => "supervised", Role::CommandCentre, "The command centre supervises a stage.";
    ExtensionRequested => "extension_requested", Role::Department, "The department asks for an extension.";
    ExtensionGranted => "extension_granted", Role::CommandCentre, "The command centre grants the extension.";
    ExtensionDenied => "extension_denied", Role::CommandCentre, "The command centre denies the extension.";
    Paused => "paused", Role::CommandCentre, "The command centre pauses a clock.";
    Resumed => "resumed", Role::CommandCentre, "The command centre resumes a clock.";
    ReminderSent => "reminder_sent", Role::System, "The platform sent reminders up to a mark.";
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One event of a call: which call, when, who, and what.
///
/// In JSON (one line per event, see [`log`](super::log)) the facts of the
/// kind sit beside `type`, `v` (schema version), `id`, `call`, `at` and `actor`:
///
/// ```
/// use huying::call::{Actor, Event, EventKind};
/// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:20:00+08:00")?;
/// let e = Event::new("C1", at, Actor::command_centre("U008"),
///     EventKind::Dispatched { department: "U010".into(), supporting: vec!["U068".into()] });
/// assert_eq!(e.to_json_line(),
///     r#"{"type":"dispatched","v":1,"call":"C1","at":"2025-06-03T10:20:00+08:00","actor":{"role":"command_centre","unit":"U008"},"department":"U010","supporting":["U068"]}"#);
/// assert_eq!(Event::from_json_line(&e.to_json_line())?, e);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The event's own id, if the platform gives one.
    pub id: Option<Id>,
    /// The call it belongs to.
    pub call: Id,
    /// When it happened (any offset; shown in China time).
    pub at: DateTime<FixedOffset>,
    /// Who did it.
    pub actor: Actor,
    /// What happened.
    pub kind: EventKind,
}

impl Event {
    /// An event without an event id.
    ///
    /// ```
    /// use huying::call::{Actor, Event, EventKind};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
    /// let e = Event::new("C1", at, Actor::command_centre("U008"), EventKind::Acknowledged);
    /// assert!(e.id.is_none());
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn new(
        call: impl Into<Id>,
        at: DateTime<FixedOffset>,
        actor: Actor,
        kind: EventKind,
    ) -> Event {
        Event {
            id: None,
            call: call.into(),
            at,
            actor,
            kind,
        }
    }

    /// The same event with an event id.
    ///
    /// ```
    /// use huying::call::{Actor, Event, EventKind};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
    /// let e = Event::new("C1", at, Actor::command_centre("U008"), EventKind::Acknowledged).with_id("E2");
    /// assert_eq!(e.id.as_deref(), Some("E2"));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn with_id(mut self, id: impl Into<Id>) -> Event {
        self.id = Some(id.into());
        self
    }

    /// The type of the event.
    ///
    /// ```
    /// use huying::call::{Actor, Event, EventKind, EventType};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
    /// assert_eq!(Event::new("C1", at, Actor::department("U010"), EventKind::Signed).event_type(), EventType::Signed);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn event_type(&self) -> EventType {
        self.kind.event_type()
    }
}
