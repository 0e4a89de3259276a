//! What a call's events say that its clocks do not hold.

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use super::{Event, EventKind};

/// Facts about a call that its clocks do not hold, gathered from its events:
/// signature, arrival, evaluations, returns, pauses, extensions,
/// supervision, withdrawal, closing.
///
/// A call keeps its own ([`Call::facts`](super::Call::facts)): every event it
/// accepts is observed. [`CallFacts::from_events`] gathers them from a log.
///
/// ```
/// use huying::call::{log, CallFacts};
/// let facts = CallFacts::from_events(&log::read(log::EXAMPLE)?);
/// assert!(facts.signed && facts.arrived && facts.closed);
/// assert_eq!((facts.evaluations, facts.first_satisfied), (1, Some(true)));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFacts {
    /// A department signed for the call (签收).
    pub signed: bool,
    /// A department arrived on site (到达现场).
    pub arrived: bool,
    /// How often the township evaluated the result (核查评价).
    pub evaluations: u16,
    /// Whether the first evaluation was satisfied (`None`: never evaluated).
    pub first_satisfied: Option<bool>,
    /// Unsatisfied evaluations: each sent the call back for rework (返工).
    pub unsatisfied: u16,
    /// Returns by a department as not its own (退回).
    pub returns: u16,
    /// Clock pauses.
    pub pauses: u16,
    /// Extensions requested (延期申请).
    pub extensions_requested: u16,
    /// Extensions granted.
    pub extensions_granted: u16,
    /// Supervisions by the command centre (督办).
    pub supervisions: u16,
    /// The township withdrew the call (撤回).
    pub withdrawn: bool,
    /// The command centre closed the call (结案).
    pub closed: bool,
}

impl CallFacts {
    /// Takes in one accepted event.
    ///
    /// ```
    /// use huying::call::{CallFacts, EventKind};
    /// let mut f = CallFacts::default();
    /// f.observe(&EventKind::Evaluated { satisfied: false, comment: "未整改到位".into() });
    /// f.observe(&EventKind::Evaluated { satisfied: true, comment: String::new() });
    /// assert_eq!((f.evaluations, f.unsatisfied, f.first_satisfied), (2, 1, Some(false)));
    /// ```
    pub fn observe(&mut self, kind: &EventKind) {
        let bump = |n: &mut u16| *n = n.saturating_add(1);
        match kind {
            EventKind::Signed => self.signed = true,
            EventKind::Arrived => self.arrived = true,
            EventKind::Evaluated { satisfied, .. } => {
                bump(&mut self.evaluations);
                if self.first_satisfied.is_none() {
                    self.first_satisfied = Some(*satisfied);
                }
                if !satisfied {
                    bump(&mut self.unsatisfied);
                }
            }
            EventKind::Returned { .. } => bump(&mut self.returns),
            EventKind::Paused { .. } => bump(&mut self.pauses),
            EventKind::ExtensionRequested { .. } => bump(&mut self.extensions_requested),
            EventKind::ExtensionGranted { .. } => bump(&mut self.extensions_granted),
            EventKind::Supervised { .. } => bump(&mut self.supervisions),
            EventKind::Withdrawn { .. } => self.withdrawn = true,
            EventKind::Closed => self.closed = true,
            _ => {}
        }
    }

    /// The facts of a call's events (all taken as accepted).
    ///
    /// ```
    /// use huying::call::CallFacts;
    /// assert_eq!(CallFacts::from_events(Vec::<huying::call::Event>::new()), CallFacts::default());
    /// ```
    pub fn from_events<I>(events: I) -> CallFacts
    where
        I: IntoIterator,
        I::Item: Borrow<Event>,
    {
        let mut f = CallFacts::default();
        for e in events {
            f.observe(&e.borrow().kind);
        }
        f
    }
}
