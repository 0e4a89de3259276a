//! Where a call stands: a typed state, each variant holding only what is
//! valid in it, and the events each state accepts.
//!
//! ```text
//!            ┌────────── returned ──────────┐
//!            ▼                              │
//! raised ─► acknowledged ─► dispatched ─► signed ─► arrived ─► replied ─► evaluated ─► closed
//!   │            │              ▲                                 │  ▲        (satisfied)
//!   └── dispatched (implies ────┘                   rework ◄──────┘  │
//!       acknowledgement)                       (not satisfied) ── replied
//!
//! withdrawn: from any open state before the reply;  closed: also straight from replied
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{EventKind, EventType, Id};

/// The state of a call. Variants after dispatch hold the department the call
/// is dispatched to; [`State::Returned`] holds the unit that returned it.
///
/// ```
/// use huying::call::{State, StateKind};
/// let s = State::Dispatched { department: "U010".into() };
/// assert_eq!(s.kind(), StateKind::Dispatched);
/// assert_eq!(s.department().map(|d| d.as_str()), Some("U010"));
/// assert!(!s.alarm());
/// assert!(State::Raised.alarm());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    /// Raised; the alarm rings until the command centre acknowledges or dispatches.
    Raised,
    /// Acknowledged by the command centre, not yet dispatched.
    Acknowledged,
    /// Returned by a department as not its own; the alarm rings again until
    /// the command centre acknowledges or re-dispatches.
    Returned {
        /// The unit that returned it.
        by: Id,
    },
    /// Dispatched, not yet signed for.
    Dispatched {
        /// The responsible unit.
        department: Id,
    },
    /// Signed for by the department.
    Signed {
        /// The responsible unit.
        department: Id,
    },
    /// The department is (or was) on site; the reply is due.
    Arrived {
        /// The responsible unit.
        department: Id,
    },
    /// Sent back for rework after an unsatisfied evaluation; a new reply is due.
    Rework {
        /// The responsible unit.
        department: Id,
    },
    /// Replied; the township is to evaluate.
    Replied {
        /// The responsible unit.
        department: Id,
    },
    /// Evaluated as satisfied; to be closed.
    Evaluated {
        /// The responsible unit.
        department: Id,
    },
    /// Closed (final).
    Closed {
        /// The responsible unit.
        department: Id,
    },
    /// Withdrawn by the township (final).
    Withdrawn,
}

/// The kind of a [`State`], without its data.
///
/// ```
/// use huying::call::StateKind;
/// assert_eq!(StateKind::Rework.code(), "rework");
/// assert!(StateKind::Closed.is_final());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StateKind {
    /// See [`State::Raised`].
    Raised,
    /// See [`State::Acknowledged`].
    Acknowledged,
    /// See [`State::Returned`].
    Returned,
    /// See [`State::Dispatched`].
    Dispatched,
    /// See [`State::Signed`].
    Signed,
    /// See [`State::Arrived`].
    Arrived,
    /// See [`State::Rework`].
    Rework,
    /// See [`State::Replied`].
    Replied,
    /// See [`State::Evaluated`].
    Evaluated,
    /// See [`State::Closed`].
    Closed,
    /// See [`State::Withdrawn`].
    Withdrawn,
}

use EventType as T;

// Each open state's lifecycle events, then the clock events (supervise,
// pause, resume, extension, reminder), valid wherever a clock may run.
const RAISED: [EventType; 10] = [
    T::Acknowledged,
    T::Dispatched,
    T::Withdrawn,
    T::Supervised,
    T::Paused,
    T::Resumed,
    T::ExtensionRequested,
    T::ExtensionGranted,
    T::ExtensionDenied,
    T::ReminderSent,
];
const ACKNOWLEDGED: [EventType; 9] = [
    T::Dispatched,
    T::Withdrawn,
    T::Supervised,
    T::Paused,
    T::Resumed,
    T::ExtensionRequested,
    T::ExtensionGranted,
    T::ExtensionDenied,
    T::ReminderSent,
];
const RETURNED: [EventType; 10] = [
    T::Acknowledged,
    T::Dispatched,
    T::Withdrawn,
    T::Supervised,
    T::Paused,
    T::Resumed,
    T::ExtensionRequested,
    T::ExtensionGranted,
    T::ExtensionDenied,
    T::ReminderSent,
];
const DISPATCHED: [EventType; 10] = [
    T::Signed,
    T::Returned,
    T::Withdrawn,
    T::Supervised,
    T::Paused,
    T::Resumed,
    T::ExtensionRequested,
    T::ExtensionGranted,
    T::ExtensionDenied,
    T::ReminderSent,
];
const SIGNED: [EventType; 10] = [
    T::Arrived,
    T::Returned,
    T::Withdrawn,
    T::Supervised,
    T::Paused,
    T::Resumed,
    T::ExtensionRequested,
    T::ExtensionGranted,
    T::ExtensionDenied,
    T::ReminderSent,
];
const ARRIVED: [EventType; 9] = [
    T::Replied,
    T::Withdrawn,
    T::Supervised,
    T::Paused,
    T::Resumed,
    T::ExtensionRequested,
    T::ExtensionGranted,
    T::ExtensionDenied,
    T::ReminderSent,
];
const REPLIED: [EventType; 2] = [T::Evaluated, T::Closed];
const EVALUATED: [EventType; 1] = [T::Closed];

impl StateKind {
    /// The stable code: `raised`, `acknowledged`, `returned`, `dispatched`,
    /// `signed`, `arrived`, `rework`, `replied`, `evaluated`, `closed`, `withdrawn`.
    ///
    /// ```
    /// assert_eq!(huying::call::StateKind::Acknowledged.code(), "acknowledged");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            StateKind::Raised => "raised",
            StateKind::Acknowledged => "acknowledged",
            StateKind::Returned => "returned",
            StateKind::Dispatched => "dispatched",
            StateKind::Signed => "signed",
            StateKind::Arrived => "arrived",
            StateKind::Rework => "rework",
            StateKind::Replied => "replied",
            StateKind::Evaluated => "evaluated",
            StateKind::Closed => "closed",
            StateKind::Withdrawn => "withdrawn",
        }
    }

    /// Whether the call is over (closed or withdrawn).
    ///
    /// ```
    /// assert!(huying::call::StateKind::Withdrawn.is_final());
    /// assert!(!huying::call::StateKind::Replied.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        matches!(self, StateKind::Closed | StateKind::Withdrawn)
    }

    /// The events the state accepts: its lifecycle events, then, where a
    /// clock may run, the clock events (supervise, pause, resume, extension,
    /// reminder).
    ///
    /// ```
    /// use huying::call::{EventType, StateKind};
    /// assert_eq!(StateKind::Replied.expected(), &[EventType::Evaluated, EventType::Closed]);
    /// assert!(StateKind::Signed.expected().contains(&EventType::Arrived));
    /// assert!(StateKind::Closed.expected().is_empty());
    /// ```
    pub fn expected(self) -> &'static [EventType] {
        match self {
            StateKind::Raised => &RAISED,
            StateKind::Acknowledged => &ACKNOWLEDGED,
            StateKind::Returned => &RETURNED,
            StateKind::Dispatched => &DISPATCHED,
            StateKind::Signed => &SIGNED,
            StateKind::Arrived | StateKind::Rework => &ARRIVED,
            StateKind::Replied => &REPLIED,
            StateKind::Evaluated => &EVALUATED,
            StateKind::Closed | StateKind::Withdrawn => &[],
        }
    }

    /// Whether the state accepts events of type `t`.
    ///
    /// ```
    /// use huying::call::{EventType, StateKind};
    /// assert!(StateKind::Raised.accepts(EventType::Dispatched));
    /// assert!(!StateKind::Raised.accepts(EventType::Signed));
    /// ```
    #[inline]
    pub fn accepts(self, t: EventType) -> bool {
        self.mask() & (1u32 << (t as u32)) != 0
    }

    /// The expected events as a bit set over `EventType as u32`.
    #[inline]
    fn mask(self) -> u32 {
        const fn bits(mut types: &[EventType]) -> u32 {
            let mut m = 0u32;
            while let [t, rest @ ..] = types {
                m |= 1u32 << (*t as u32);
                types = rest;
            }
            m
        }
        const MASKS: [u32; 11] = [
            bits(&RAISED),
            bits(&ACKNOWLEDGED),
            bits(&RETURNED),
            bits(&DISPATCHED),
            bits(&SIGNED),
            bits(&ARRIVED),
            bits(&ARRIVED),
            bits(&REPLIED),
            bits(&EVALUATED),
            0,
            0,
        ];
        MASKS.get(self as usize).copied().unwrap_or(0)
    }
}

impl fmt::Display for StateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl State {
    /// The kind of state.
    ///
    /// ```
    /// assert_eq!(huying::call::State::Withdrawn.kind(), huying::call::StateKind::Withdrawn);
    /// ```
    #[inline]
    pub fn kind(&self) -> StateKind {
        match self {
            State::Raised => StateKind::Raised,
            State::Acknowledged => StateKind::Acknowledged,
            State::Returned { .. } => StateKind::Returned,
            State::Dispatched { .. } => StateKind::Dispatched,
            State::Signed { .. } => StateKind::Signed,
            State::Arrived { .. } => StateKind::Arrived,
            State::Rework { .. } => StateKind::Rework,
            State::Replied { .. } => StateKind::Replied,
            State::Evaluated { .. } => StateKind::Evaluated,
            State::Closed { .. } => StateKind::Closed,
            State::Withdrawn => StateKind::Withdrawn,
        }
    }

    /// The unit the call is dispatched to, while it is (and after, for a
    /// replied, evaluated or closed call).
    ///
    /// ```
    /// assert!(huying::call::State::Acknowledged.department().is_none());
    /// ```
    pub fn department(&self) -> Option<&Id> {
        self.unit().filter(|_| self.kind().names_department())
    }

    /// Whether the alarm rings: raised or returned, until the command centre
    /// acknowledges or dispatches.
    ///
    /// ```
    /// assert!(huying::call::State::Returned { by: "U010".into() }.alarm());
    /// ```
    pub fn alarm(&self) -> bool {
        self.kind().alarm()
    }

    /// The state after an accepted lifecycle event: consumes the state and
    /// returns the next. Clock events (and anything the state does not
    /// accept, which validation has already refused) leave it as it is.
    ///
    /// ```
    /// use huying::call::{EventKind, State};
    /// let s = State::Raised.next(&EventKind::Dispatched { department: "U010".into(), supporting: vec![] }, &"U010".into());
    /// assert_eq!(s, State::Dispatched { department: "U010".into() });
    /// let s = s.next(&EventKind::Signed, &"U010".into());
    /// assert_eq!(s, State::Signed { department: "U010".into() });
    /// ```
    ///
    /// `actor` is the acting unit (it names who returned a call).
    #[inline]
    pub fn next(mut self, event: &EventKind, actor: &Id) -> State {
        self.advance(event, actor);
        self
    }

    /// [`State::next`] in place.
    #[inline]
    pub(crate) fn advance(&mut self, event: &EventKind, actor: &Id) {
        let Some((kind, unit)) = self.kind().after(event) else {
            return;
        };
        let mut named = self.unit().cloned().unwrap_or_default();
        unit.apply(&mut named, actor);
        *self = State::from_parts(kind, &named);
    }

    /// The state of this kind naming `unit` (the department, or the unit
    /// that returned the call; ignored by a kind that names none).
    pub(crate) fn from_parts(kind: StateKind, unit: &Id) -> State {
        let department = unit.clone();
        match kind {
            StateKind::Raised => State::Raised,
            StateKind::Acknowledged => State::Acknowledged,
            StateKind::Returned => State::Returned { by: department },
            StateKind::Dispatched => State::Dispatched { department },
            StateKind::Signed => State::Signed { department },
            StateKind::Arrived => State::Arrived { department },
            StateKind::Rework => State::Rework { department },
            StateKind::Replied => State::Replied { department },
            StateKind::Evaluated => State::Evaluated { department },
            StateKind::Closed => State::Closed { department },
            StateKind::Withdrawn => State::Withdrawn,
        }
    }

    /// The unit the state names: its department, or who returned the call.
    fn unit(&self) -> Option<&Id> {
        match self {
            State::Returned { by: unit }
            | State::Dispatched { department: unit }
            | State::Signed { department: unit }
            | State::Arrived { department: unit }
            | State::Rework { department: unit }
            | State::Replied { department: unit }
            | State::Evaluated { department: unit }
            | State::Closed { department: unit } => Some(unit),
            State::Raised | State::Acknowledged | State::Withdrawn => None,
        }
    }
}

/// What an accepted lifecycle event makes of the unit a state names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitStep<'e> {
    /// The same department.
    Keep,
    /// The department the event names (a dispatch).
    Department(&'e Id),
    /// The acting unit (who returned the call).
    Actor,
    /// None (the state names no unit).
    Clear,
}

impl UnitStep<'_> {
    /// Makes `unit`, the unit a state named, the one the next state names
    /// (`actor` is the acting unit).
    #[inline]
    pub(crate) fn apply(self, unit: &mut Id, actor: &Id) {
        match self {
            UnitStep::Keep => {}
            UnitStep::Department(d) => unit.clone_from(d),
            UnitStep::Actor => unit.clone_from(actor),
            UnitStep::Clear => *unit = Id::default(),
        }
    }
}

impl StateKind {
    /// The state after an accepted lifecycle event, and what becomes of the
    /// unit it names; `None` for an event that leaves the state as it is
    /// (clock events, and anything the state does not accept, which
    /// validation has already refused). The one table of the lifecycle's
    /// transitions: [`State::next`] and a call's own state both follow it.
    #[inline]
    pub(crate) fn after(self, event: &EventKind) -> Option<(StateKind, UnitStep<'_>)> {
        use EventKind as E;
        use StateKind as S;
        Some(match (self, event) {
            (S::Raised | S::Returned, E::Acknowledged) => (S::Acknowledged, UnitStep::Clear),
            (S::Raised | S::Acknowledged | S::Returned, E::Dispatched { department, .. }) => {
                (S::Dispatched, UnitStep::Department(department))
            }
            (S::Dispatched, E::Signed) => (S::Signed, UnitStep::Keep),
            (S::Dispatched | S::Signed, E::Returned { .. }) => (S::Returned, UnitStep::Actor),
            (S::Signed, E::Arrived) => (S::Arrived, UnitStep::Keep),
            (S::Arrived | S::Rework, E::Replied { .. }) => (S::Replied, UnitStep::Keep),
            (S::Replied, E::Evaluated { satisfied, .. }) => {
                let next = if *satisfied { S::Evaluated } else { S::Rework };
                (next, UnitStep::Keep)
            }
            (S::Replied | S::Evaluated, E::Closed) => (S::Closed, UnitStep::Keep),
            (
                S::Raised
                | S::Acknowledged
                | S::Returned
                | S::Dispatched
                | S::Signed
                | S::Arrived
                | S::Rework,
                E::Withdrawn { .. },
            ) => (S::Withdrawn, UnitStep::Clear),
            _ => return None,
        })
    }

    /// Whether a state of this kind names its department
    /// ([`State::department`]).
    #[inline]
    pub(crate) fn names_department(self) -> bool {
        !matches!(
            self,
            StateKind::Raised
                | StateKind::Acknowledged
                | StateKind::Returned
                | StateKind::Withdrawn
        )
    }

    /// Whether the alarm rings in a state of this kind ([`State::alarm`]).
    #[inline]
    pub(crate) fn alarm(self) -> bool {
        matches!(self, StateKind::Raised | StateKind::Returned)
    }
}
