//! Where a stage (or a call) stands at the report's instant, and the counts
//! and rates built from it.

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::catalog::Stage;

/// Where a stage of a call — or the call as a whole — stands at the
/// report's `as_of` instant. Exactly one applies.
///
/// For a **stage**, from its clocks (one per round: a return restarts
/// dispatch, a re-dispatch restarts arrival and reply, an unsatisfied
/// evaluation restarts the reply):
///
/// - [`Missed`](StageStatus::Missed): some round missed its due time —
///   stopped late, or cancelled (by a return or a withdrawal) after it was
///   due. A missed promise stays missed, whatever later rounds do.
/// - otherwise, if the latest round still runs:
///   [`OpenOverdue`](StageStatus::OpenOverdue) when `as_of` is past its due
///   time (pauses and extensions included), else
///   [`OpenOnTrack`](StageStatus::OpenOnTrack);
/// - otherwise [`Met`](StageStatus::Met) if some round was stopped by its due
///   time;
/// - otherwise, if a round's due time waits for a year the calendar does
///   not cover (a clock that runs into next year before its notice is
///   loaded): [`Undetermined`](StageStatus::Undetermined), shown apart and
///   left out of every rate until the year is loaded;
/// - otherwise [`NotDue`](StageStatus::NotDue): the stage never started, or
///   every round was cancelled before it was due.
///
/// For a **call**: missed if any stage is; else open-overdue if any stage
/// is; else undetermined if any stage is; else met if the reply was met; else open-on-track if the call is
/// still open; else not due (withdrawn before anything fell due).
///
/// A stage or call **is due** (应结案) when it is met, missed or
/// open-overdue: its due time has passed or it was done. Open and on-track
/// stages are not yet due and are left out of every on-time rate; overdue
/// open ones are in the denominator and count as not on time.
///
/// ```
/// use huying::compliance::StageStatus;
/// assert!(StageStatus::OpenOverdue.is_due());
/// assert!(!StageStatus::OpenOnTrack.is_due());
/// assert_eq!(StageStatus::Missed.name(huying::Lang::Zh), "超时");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Done by its due time (按时).
    Met,
    /// A due time was missed (超时).
    Missed,
    /// Still running and past its due time (在办超时).
    OpenOverdue,
    /// Still running, not yet due (在办正常).
    OpenOnTrack,
    /// Never due: not started, or cancelled before it was due (未到期).
    NotDue,
    /// Its due time waits for a year the calendar does not cover (待定):
    /// load that year's notice.
    Undetermined,
}

impl StageStatus {
    /// Every status, in report order.
    ///
    /// ```
    /// assert_eq!(huying::compliance::StageStatus::ALL.len(), 6);
    /// ```
    pub const ALL: [StageStatus; 6] = [
        StageStatus::Met,
        StageStatus::Missed,
        StageStatus::OpenOverdue,
        StageStatus::OpenOnTrack,
        StageStatus::NotDue,
        StageStatus::Undetermined,
    ];

    /// Whether the stage counts in the denominator of an on-time rate (应结案).
    ///
    /// ```
    /// assert!(huying::compliance::StageStatus::Met.is_due());
    /// ```
    pub fn is_due(self) -> bool {
        matches!(
            self,
            StageStatus::Met | StageStatus::Missed | StageStatus::OpenOverdue
        )
    }

    /// The stable code: `met`, `missed`, `open_overdue`, `open_on_track`,
    /// `not_due`, `undetermined`.
    ///
    /// ```
    /// assert_eq!(huying::compliance::StageStatus::OpenOnTrack.code(), "open_on_track");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            StageStatus::Met => "met",
            StageStatus::Missed => "missed",
            StageStatus::OpenOverdue => "open_overdue",
            StageStatus::OpenOnTrack => "open_on_track",
            StageStatus::NotDue => "not_due",
            StageStatus::Undetermined => "undetermined",
        }
    }

    /// The status in words.
    ///
    /// ```
    /// assert_eq!(huying::compliance::StageStatus::OpenOverdue.name(huying::Lang::En), "open, overdue");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            StageStatus::Met => lang.pick("按时", "met"),
            StageStatus::Missed => lang.pick("超时", "missed"),
            StageStatus::OpenOverdue => lang.pick("在办超时", "open, overdue"),
            StageStatus::OpenOnTrack => lang.pick("在办正常", "open, on track"),
            StageStatus::NotDue => lang.pick("未到期", "not due"),
            StageStatus::Undetermined => lang.pick("待定（缺日历）", "undetermined (calendar)"),
        }
    }
}

/// Counts of stages (or calls) by [`StageStatus`].
///
/// ```
/// use huying::compliance::{StageStatus, StatusCounts};
/// let mut c = StatusCounts::default();
/// for s in [StageStatus::Met, StageStatus::Met, StageStatus::Missed, StageStatus::OpenOverdue, StageStatus::OpenOnTrack] {
///     c.add(s);
/// }
/// assert_eq!(c.due(), 4);
/// assert_eq!(c.total(), 5);
/// assert_eq!(c.on_time_rate(), Some(0.5));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Met (按时).
    pub met: u64,
    /// Missed (超时).
    pub missed: u64,
    /// Open and overdue at `as_of` (在办超时).
    pub open_overdue: u64,
    /// Open and on track at `as_of` (在办正常).
    pub open_on_track: u64,
    /// Never due (未到期).
    pub not_due: u64,
    /// Waiting for a year of the calendar (待定).
    #[serde(default)]
    pub undetermined: u64,
}

impl StatusCounts {
    /// Counts one more of a status.
    ///
    /// ```
    /// let mut c = huying::compliance::StatusCounts::default();
    /// c.add(huying::compliance::StageStatus::NotDue);
    /// assert_eq!(c.not_due, 1);
    /// ```
    #[inline]
    pub fn add(&mut self, s: StageStatus) {
        let slot = match s {
            StageStatus::Met => &mut self.met,
            StageStatus::Missed => &mut self.missed,
            StageStatus::OpenOverdue => &mut self.open_overdue,
            StageStatus::OpenOnTrack => &mut self.open_on_track,
            StageStatus::NotDue => &mut self.not_due,
            StageStatus::Undetermined => &mut self.undetermined,
        };
        *slot += 1;
    }

    /// The count of one status.
    ///
    /// ```
    /// use huying::compliance::{StageStatus, StatusCounts};
    /// let c = StatusCounts { missed: 3, ..Default::default() };
    /// assert_eq!(c.get(StageStatus::Missed), 3);
    /// ```
    pub fn get(&self, s: StageStatus) -> u64 {
        match s {
            StageStatus::Met => self.met,
            StageStatus::Missed => self.missed,
            StageStatus::OpenOverdue => self.open_overdue,
            StageStatus::OpenOnTrack => self.open_on_track,
            StageStatus::NotDue => self.not_due,
            StageStatus::Undetermined => self.undetermined,
        }
    }

    /// Adds another set of counts.
    ///
    /// ```
    /// use huying::compliance::StatusCounts;
    /// let mut a = StatusCounts { met: 1, ..Default::default() };
    /// a.merge(&StatusCounts { met: 2, missed: 1, ..Default::default() });
    /// assert_eq!((a.met, a.missed), (3, 1));
    /// ```
    pub fn merge(&mut self, o: &StatusCounts) {
        self.met += o.met;
        self.missed += o.missed;
        self.open_overdue += o.open_overdue;
        self.open_on_track += o.open_on_track;
        self.not_due += o.not_due;
        self.undetermined += o.undetermined;
    }

    /// How many are due (应结案数): met + missed + open-overdue.
    ///
    /// ```
    /// let c = huying::compliance::StatusCounts { met: 8, missed: 1, open_overdue: 1, open_on_track: 5, not_due: 2, undetermined: 0 };
    /// assert_eq!(c.due(), 10);
    /// ```
    pub fn due(&self) -> u64 {
        self.met + self.missed + self.open_overdue
    }

    /// All counted, due or not.
    ///
    /// ```
    /// let c = huying::compliance::StatusCounts { met: 8, missed: 1, open_overdue: 1, open_on_track: 5, not_due: 2, undetermined: 1 };
    /// assert_eq!(c.total(), 18);
    /// ```
    pub fn total(&self) -> u64 {
        self.due() + self.open_on_track + self.not_due + self.undetermined
    }

    /// The on-time rate (按时率): met / due; `None` when nothing is due.
    /// Open-overdue stages are in the denominator, open on-track ones are not.
    ///
    /// ```
    /// let c = huying::compliance::StatusCounts { met: 9, open_overdue: 1, open_on_track: 5, ..Default::default() };
    /// assert_eq!(c.on_time_rate(), Some(0.9));
    /// assert_eq!(huying::compliance::StatusCounts::default().on_time_rate(), None);
    /// ```
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.met, self.due())
    }
}

/// `num / den`, `None` for a zero denominator.
pub(crate) fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// A rate with its numerator and denominator, as the report shows it.
///
/// ```
/// use huying::compliance::Rate;
/// let r = Rate::new(3, 4);
/// assert_eq!(r.rate, Some(0.75));
/// assert_eq!(Rate::new(0, 0).rate, None);
/// assert_eq!(r.percent(), "75.0%");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// The numerator.
    pub num: u64,
    /// The denominator.
    pub den: u64,
    /// `num / den`, in [0, 1]; `None` when the denominator is zero.
    pub rate: Option<f64>,
}

impl Rate {
    /// A rate from its parts.
    ///
    /// ```
    /// assert_eq!(huying::compliance::Rate::new(1, 2).rate, Some(0.5));
    /// ```
    pub fn new(num: u64, den: u64) -> Rate {
        Rate {
            num,
            den,
            rate: ratio(num, den),
        }
    }

    /// The rate as a percentage with one decimal, or `-` when undefined.
    ///
    /// ```
    /// assert_eq!(huying::compliance::Rate::new(0, 0).percent(), "-");
    /// ```
    pub fn percent(&self) -> String {
        percent(self.rate)
    }
}

/// A rate as a percentage with one decimal, or `-`.
pub(crate) fn percent(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// One value per stage of a call: dispatch, arrival, reply.
///
/// ```
/// use huying::compliance::PerStage;
/// use huying::catalog::Stage;
/// let mut p = PerStage::<u32>::default();
/// *p.get_mut(Stage::Reply) += 2;
/// assert_eq!(*p.get(Stage::Reply), 2);
/// assert_eq!(p.iter().map(|(_, v)| *v).sum::<u32>(), 2);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerStage<T> {
    /// Dispatch (转办).
    pub dispatch: T,
    /// Arrival on site (到达现场).
    pub arrival: T,
    /// Reply with the result (答复办理结果).
    pub reply: T,
}

impl<T> PerStage<T> {
    /// Builds the three values from a function of the stage.
    ///
    /// ```
    /// use huying::{compliance::PerStage, catalog::Stage};
    /// let p = PerStage::from_fn(|s| s.code().len());
    /// assert_eq!(p.arrival, 7);
    /// ```
    pub fn from_fn(mut f: impl FnMut(Stage) -> T) -> PerStage<T> {
        PerStage {
            dispatch: f(Stage::Dispatch),
            arrival: f(Stage::Arrival),
            reply: f(Stage::Reply),
        }
    }

    /// The value of a stage.
    ///
    /// ```
    /// use huying::{compliance::PerStage, catalog::Stage};
    /// assert_eq!(*PerStage { dispatch: 1, arrival: 2, reply: 3 }.get(Stage::Arrival), 2);
    /// ```
    #[inline]
    pub fn get(&self, s: Stage) -> &T {
        match s {
            Stage::Dispatch => &self.dispatch,
            Stage::Arrival => &self.arrival,
            Stage::Reply => &self.reply,
        }
    }

    /// The value of a stage, to change.
    ///
    /// ```
    /// use huying::{compliance::PerStage, catalog::Stage};
    /// let mut p = PerStage { dispatch: 1, arrival: 2, reply: 3 };
    /// *p.get_mut(Stage::Dispatch) = 0;
    /// assert_eq!(p.dispatch, 0);
    /// ```
    #[inline]
    pub fn get_mut(&mut self, s: Stage) -> &mut T {
        match s {
            Stage::Dispatch => &mut self.dispatch,
            Stage::Arrival => &mut self.arrival,
            Stage::Reply => &mut self.reply,
        }
    }

    /// The stages with their values, in order.
    ///
    /// ```
    /// use huying::{compliance::PerStage, catalog::Stage};
    /// let p = PerStage { dispatch: 'd', arrival: 'a', reply: 'r' };
    /// assert_eq!(p.iter().next(), Some((Stage::Dispatch, &'d')));
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (Stage, &T)> + '_ {
        Stage::ALL.into_iter().map(move |s| (s, self.get(s)))
    }
}
