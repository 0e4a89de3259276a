//! The lifecycle of one township call (乡呼县应): an event-sourced state
//! machine with roles, stage clocks, alarms and reminders.
//!
//! A township **raises** a call about a matter, by video or text. The county
//! **command centre** acknowledges it (the alarm stops) and **dispatches** it
//! to the responsible department within 30 minutes, naming the supporting
//! units to notify. The department **signs**, or **returns** it with a reason
//! (the command centre re-dispatches); **arrives** on site within 3 hours;
//! **replies** with the result within 3 working days. The township
//! **evaluates**: satisfied, the command centre **closes** the call; not
//! satisfied, it goes back for rework with a new reply clock. Along the way
//! the township may **withdraw**, the command centre **supervises** overdue
//! stages and **pauses** or **resumes** a clock, and the department asks for
//! an **extension**, which the command centre grants or denies.
//!
//! The design follows the event-sourcing and sans-I/O patterns:
//!
//! - [`Event`]s are facts with a time, an [`Actor`] and a kind; they serialize
//!   to JSON lines with a `type` and a schema version `v` ([`log`]).
//! - [`CallCore`] holds the one implementation of the rules, sans-I/O: the
//!   caller passes the calendar and policy to each step ([`Context`]) and
//!   owns the [`Names`] its units are numbered in. [`Call`] is that core
//!   with its own calendar, policy and names, for platforms and bindings.
//! - [`Call::apply`] validates an event against the typed [`State`], the
//!   actor's rights and the stage clocks, then folds it in; a refusal
//!   ([`CallError`], with a stable code) changes nothing. State = fold(events):
//!   [`Call::from_events`] and [`Call::replay`] rebuild an equal call.
//! - Core never reads the clock. [`Call::at`] says what to show and do at a
//!   given `now` ([`CallView`]: alarm, countdowns with lights, reminders due,
//!   stages to supervise); [`Call::next_wakeup`] says when to look again;
//!   [`Call::poll_reminders`] hands out each reminder once and records it as
//!   a `reminder_sent` event for the log.
//! - Each stage has an SLA clock ([`crate::sla::SlaClock`]) per round
//!   ([`StageClock`]), with limits from a [`CallPolicy`] (defaults
//!   30 min / 3 h / 3 working days, overridable per matter from the list);
//!   [`Call::verdicts`] says, once per ended clock, whether it was met.
//! - The responsibility list is optional: the command centre names the
//!   department; with a [`Catalog`](crate::catalog::Catalog) the policy takes
//!   the matters' own limits ([`CallPolicy::from_catalog`]), and
//!   [`Call::responsible_unit`] and [`Call::dispatch_event`] propose the unit
//!   and name the supporting units to notify.
//!
//! ```
//! use huying::calendar::Calendar;
//! use huying::call::{Actor, Call, CallPolicy, Channel, Event, EventKind, Light, Outcome, StateKind};
//! use huying::catalog::Stage;
//!
//! let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
//! let cal = Calendar::china();
//! let policy = CallPolicy::new("U008");
//! let ev = |at, actor, kind| Event::new("C7", t(at), actor, kind);
//!
//! let mut call = Call::raise(&cal, &policy, &ev("2025-09-26T16:00:00+08:00", Actor::township("U068"),
//!     EventKind::Raised { township: "U068".into(), matter: "M001".into(), channel: Channel::Video }))?;
//! assert!(call.alarm());
//!
//! // 20 minutes later the dispatch light is yellow and a 50% reminder is due.
//! let view = call.at(t("2025-09-26T16:25:00+08:00"))?;
//! assert_eq!(view.countdowns[0].light, Light::Yellow);
//! assert_eq!(call.poll_reminders(t("2025-09-26T16:25:00+08:00"))?.len(), 1);
//!
//! call.apply(&ev("2025-09-26T16:26:00+08:00", Actor::command_centre("U008"),
//!     EventKind::Dispatched { department: "U053@U068".into(), supporting: vec!["U068".into()] }))?;
//! // The reply is due at 24:00 of the 3rd working day: Sunday 09-28 is a working day in lieu.
//! let reply = call.at(t("2025-09-26T17:00:00+08:00"))?.countdowns.into_iter()
//!     .find(|c| c.stage == Stage::Reply).unwrap();
//! assert_eq!(reply.due.unwrap().to_rfc3339(), "2025-10-01T00:00:00+08:00");
//!
//! // Only the department it was dispatched to may sign.
//! let wrong = ev("2025-09-26T16:40:00+08:00", Actor::department("U010"), EventKind::Signed);
//! assert_eq!(call.apply(&wrong).unwrap_err().code(), "call.not_authorized");
//! call.apply(&ev("2025-09-26T16:40:00+08:00", Actor::department("U053@U068"), EventKind::Signed))?;
//! assert_eq!(call.state().kind(), StateKind::Signed);
//! assert_eq!(call.verdicts().next().unwrap().outcome, Outcome::Met);
//! # Ok::<(), huying::call::CallError>(())
//! ```

mod board;
#[allow(clippy::module_inception)]
mod call;
mod clocks;
mod core;
mod error;
mod events;
mod facts;
mod identity;
mod list;
pub mod log;
mod names;
mod policy;
mod state;
mod verdict;
mod view;

pub use self::call::{Call, ClockView};
pub use self::core::{CallCore, Context};
pub use board::{BoardError, BoardRow, board_at};
pub use clocks::StageClock;
pub use error::CallError;
pub use events::{Actor, Channel, Event, EventKind, EventType, Mark, Role};
pub use facts::CallFacts;
pub use names::{Name, Names};
pub use policy::CallPolicy;
pub use state::{State, StateKind};
pub use verdict::{Outcome, Verdict};
pub use view::{CallView, Countdown, Light, Overdue, PendingExtension, Recipient, Reminder};

pub use crate::Id;

/// The unit id of the platform's system actor, which records reminders
/// ([`Call::poll_reminders`]).
///
/// ```
/// assert_eq!(huying::call::Actor::system(huying::call::SYSTEM_UNIT).unit, "platform");
/// ```
pub const SYSTEM_UNIT: &str = "platform";
