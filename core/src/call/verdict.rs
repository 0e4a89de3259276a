//! Verdicts: for each stage clock that ended, whether the promise was kept.
//!
//! A clock has exactly one verdict once it ends, and none before:
//!
//! - stopped by its event (dispatch, arrival, reply): **met** if it stopped
//!   by the due time then in force (pauses and extensions included), else
//!   **missed** by the natural time past it;
//! - cancelled by a return or a withdrawal: **missed** if the due time had
//!   already passed (the unit had let it lapse), else no verdict — a stage
//!   that was never due is not counted (the denominator of a rate is the
//!   stages that were due, 应结案数).
//!
//! Verdicts are computed from the clocks without allocating, so compliance
//! statistics can sweep millions of calls.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::Id;
use crate::catalog::Stage;
use crate::sla::Limit;

/// Whether a stage kept its time limit.
///
/// ```
/// assert_eq!(huying::call::Outcome::Missed.code(), "missed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Done by the due time.
    Met,
    /// Done after it, or cancelled after it.
    Missed,
}

impl Outcome {
    /// The stable code: `met` or `missed`.
    ///
    /// ```
    /// assert_eq!(huying::call::Outcome::Met.code(), "met");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Missed => "missed",
        }
    }
}

/// The verdict on one stage clock of a call.
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy, Outcome}, catalog::Stage};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
/// let v: Vec<_> = call.verdicts().collect();
/// assert_eq!(v.len(), 3);
/// assert_eq!((v[0].stage, v[0].outcome), (Stage::Dispatch, Outcome::Met));
/// assert_eq!((v[1].stage, v[1].outcome), (Stage::Arrival, Outcome::Met));
/// assert_eq!(v[2].unit.as_deref(), Some("U010"));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The stage.
    pub stage: Stage,
    /// The round of the stage's clock.
    pub round: u16,
    /// The unit that answered for it.
    pub unit: Option<Id>,
    /// The limit, with extensions.
    pub limit: Limit,
    /// When the clock started.
    pub started: DateTime<FixedOffset>,
    /// The due time in force when it ended.
    pub due: DateTime<FixedOffset>,
    /// When it stopped or was cancelled.
    pub stopped: DateTime<FixedOffset>,
    /// Met or missed.
    pub outcome: Outcome,
    /// Natural time past the due time (zero when met).
    pub overrun: Duration,
    /// Whether a return or withdrawal ended it (after its due time).
    pub cancelled: bool,
    /// Whether an extension was granted.
    pub extended: bool,
    /// How often it was supervised.
    pub supervised: u16,
}

/// A verdict in local seconds (China time), as the compliance tally takes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settled {
    pub(crate) outcome: Outcome,
    pub(crate) due: i64,
    pub(crate) started: i64,
    pub(crate) stopped: i64,
    pub(crate) overrun: i64,
    pub(crate) cancelled: bool,
}

impl Settled {
    /// The natural seconds from start to stop (within `u32`).
    #[inline]
    pub(crate) fn time(&self) -> u32 {
        (self.stopped - self.started).clamp(0, i64::from(u32::MAX)) as u32
    }
}
