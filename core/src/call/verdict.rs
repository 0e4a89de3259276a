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

use super::{Call, Id, StageClock};
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
/// assert_eq!(v[2].unit.map(|u| u.as_str()), Some("U010"));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict<'a> {
    /// The stage.
    pub stage: Stage,
    /// The round of the stage's clock (1 for the first).
    pub round: u16,
    /// The unit that answers for it (see [`StageClock::unit`]).
    pub unit: Option<&'a Id>,
    /// The limit, with extensions.
    pub limit: Limit,
    /// When the clock started.
    pub started: DateTime<FixedOffset>,
    /// The due time in force when it ended.
    pub due: DateTime<FixedOffset>,
    /// When it stopped (or was cancelled).
    pub stopped: DateTime<FixedOffset>,
    /// Met or missed.
    pub outcome: Outcome,
    /// Natural time past the due time (zero if met).
    pub overrun: Duration,
    /// Whether a return or withdrawal ended it (only ever with `Missed`).
    pub cancelled: bool,
    /// Whether the limit was extended.
    pub extended: bool,
    /// How often the stage was supervised.
    pub supervised: u16,
}

/// Owned form of a [`Verdict`], for storing or sending.
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy, VerdictRecord}};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
/// let rows: Vec<VerdictRecord> = call.verdicts().map(VerdictRecord::from).collect();
/// assert_eq!(rows[0].unit.as_deref(), Some("U008"));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictRecord {
    /// See [`Verdict::stage`].
    pub stage: Stage,
    /// See [`Verdict::round`].
    pub round: u16,
    /// See [`Verdict::unit`].
    pub unit: Option<Id>,
    /// See [`Verdict::limit`].
    pub limit: Limit,
    /// See [`Verdict::started`].
    pub started: DateTime<FixedOffset>,
    /// See [`Verdict::due`].
    pub due: DateTime<FixedOffset>,
    /// See [`Verdict::stopped`].
    pub stopped: DateTime<FixedOffset>,
    /// See [`Verdict::outcome`].
    pub outcome: Outcome,
    /// See [`Verdict::overrun`].
    pub overrun: Duration,
    /// See [`Verdict::cancelled`].
    pub cancelled: bool,
    /// See [`Verdict::extended`].
    pub extended: bool,
    /// See [`Verdict::supervised`].
    pub supervised: u16,
}

impl From<Verdict<'_>> for VerdictRecord {
    fn from(v: Verdict<'_>) -> VerdictRecord {
        VerdictRecord {
            stage: v.stage,
            round: v.round,
            unit: v.unit.cloned(),
            limit: v.limit,
            started: v.started,
            due: v.due,
            stopped: v.stopped,
            outcome: v.outcome,
            overrun: v.overrun,
            cancelled: v.cancelled,
            extended: v.extended,
            supervised: v.supervised,
        }
    }
}

impl StageClock {
    /// The clock's verdict: `None` while it runs, or if it was cancelled
    /// before its due time.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks()[0].verdict().unwrap().outcome, huying::call::Outcome::Met);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn verdict(&self) -> Option<Verdict<'_>> {
        let v = self.settled()?;
        let due = self.clock.due().ok()?;
        let stopped = self.clock.stopped()?;
        Some(Verdict {
            stage: self.stage,
            round: self.round,
            unit: self.unit.as_ref(),
            limit: self.clock.limit(),
            started: self.clock.started(),
            due,
            stopped,
            outcome: v.outcome,
            overrun: Duration::seconds(v.overrun),
            cancelled: v.cancelled,
            extended: self.extended,
            supervised: self.supervised,
        })
    }

    /// The verdict in local seconds, without date-time conversions: the
    /// batch path of [`StageClock::verdict`] (same rules).
    #[inline]
    pub(crate) fn settled(&self) -> Option<Settled> {
        let end = self.ended()?;
        let stopped = self.clock.stopped_ls()?;
        let due = self.clock.due_ls();
        // Whole seconds, as the SLA clock counts.
        let late = stopped - due;
        if end.cancelled && late <= 0 {
            return None;
        }
        Some(Settled {
            outcome: if late <= 0 {
                Outcome::Met
            } else {
                Outcome::Missed
            },
            due,
            started: self.clock.started_ls(),
            stopped,
            overrun: late.max(0),
            cancelled: end.cancelled,
        })
    }
}

/// A verdict in local seconds (China time): see [`StageClock::settled`].
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

impl Call {
    /// The verdict on every stage clock that ended, in the order the clocks
    /// started. Each ended clock has exactly one; running clocks have none
    /// yet. A clock stopped by its event is met if it stopped by the due time
    /// in force then (pauses and extensions included), else missed; a clock
    /// cancelled by a return or withdrawal is missed if its due time had
    /// passed, and has no verdict otherwise (it was never due).
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy, Outcome}};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(call.verdicts().all(|v| v.outcome == Outcome::Met));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn verdicts(&self) -> impl Iterator<Item = Verdict<'_>> + '_ {
        self.clocks.iter().filter_map(StageClock::verdict)
    }
}
