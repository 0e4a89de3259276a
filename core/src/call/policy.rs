//! The rules a county sets for its calls: time limits per stage (with
//! per-matter overrides from the list), the warning threshold of the lights,
//! and when to send reminders.

use std::sync::Arc;

use super::{CallError, Id, Mark};
use crate::catalog::{SlaOverrides, Stage};
use crate::compliance::fx::FxMap;
use crate::sla::{DayEnd, Limit};

/// A county's call policy. A cheap handle: cloning it shares the settings.
///
/// The defaults are the article's: dispatch within 30 minutes, arrival on
/// site within 3 hours, reply within 3 working days (day limits end at 24:00
/// of the last day); lights turn yellow at 80 % of a limit; reminders go out
/// at 50 % and 80 % of each limit and at its breach.
///
/// The limits in force for a call are fixed when it is raised, from the
/// matter's overrides if the policy has them, else the policy's limits.
///
/// ```
/// use huying::call::CallPolicy;
/// use huying::catalog::{SlaOverrides, Stage};
/// use huying::sla::Limit;
/// let p = CallPolicy::default()
///     .with_limit(Stage::Reply, Limit::WorkingDays(5))
///     .with_matter("M001", SlaOverrides { arrival: Some(Limit::Hours(1)), ..Default::default() })
///     .with_reminders(&[50, 90])?
///     .with_warning(0.75)?;
/// assert_eq!(p.limit(Stage::Reply), Limit::WorkingDays(5));
/// assert_eq!(p.limit_for("M001", Stage::Arrival), Limit::Hours(1));
/// assert_eq!(p.limit_for("M001", Stage::Reply), Limit::WorkingDays(5));
/// assert_eq!(p.limit_for("M999", Stage::Arrival), Limit::Hours(3));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CallPolicy {
    inner: Arc<Inner>,
}

#[derive(Clone, PartialEq)]
struct Inner {
    limits: [Limit; 3],
    day_end: DayEnd,
    warning: f64,
    reminders: Vec<u8>,
    breach_reminder: bool,
    command_centre: Option<Id>,
    /// Matters' own limits, sorted by matter id.
    matters: Vec<(Id, SlaOverrides)>,
    /// The three limits of each matter with its own, by matter id: found
    /// by a hash when a call is raised (rebuilt after every edit).
    resolved: FxMap<Id, [Limit; 3]>,
}

impl std::fmt::Debug for Inner {
    /// The policy as set (the look-up table derived from it left out).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("limits", &self.limits)
            .field("day_end", &self.day_end)
            .field("warning", &self.warning)
            .field("reminders", &self.reminders)
            .field("breach_reminder", &self.breach_reminder)
            .field("command_centre", &self.command_centre)
            .field("matters", &self.matters)
            .finish()
    }
}

impl Inner {
    /// Rebuilds the look-up table from the matters and the standard limits.
    fn resolve(&mut self) {
        let standard = self.limits;
        self.resolved = self
            .matters
            .iter()
            .map(|(m, o)| {
                let mut limits = standard;
                for (l, s) in limits.iter_mut().zip(Stage::ALL) {
                    if let Some(own) = o.get(s) {
                        *l = own;
                    }
                }
                (m.clone(), limits)
            })
            .collect();
    }
}

impl Default for CallPolicy {
    fn default() -> Self {
        CallPolicy {
            inner: Arc::new(Inner {
                limits: Stage::ALL.map(Stage::default_limit),
                day_end: DayEnd::Midnight,
                warning: 0.8,
                reminders: vec![50, 80],
                breach_reminder: true,
                command_centre: None,
                matters: Vec::new(),
                resolved: FxMap::default(),
            }),
        }
    }
}

/// Index of a stage in per-stage arrays.
pub(crate) fn ix(stage: Stage) -> usize {
    match stage {
        Stage::Dispatch => 0,
        Stage::Arrival => 1,
        Stage::Reply => 2,
    }
}

impl CallPolicy {
    /// The default policy (same as [`CallPolicy::default`]).
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::Stage, sla::Limit};
    /// assert_eq!(CallPolicy::new().limit(Stage::Dispatch), Limit::Minutes(30));
    /// ```
    pub fn new() -> CallPolicy {
        CallPolicy::default()
    }

    fn edit(mut self, f: impl FnOnce(&mut Inner)) -> CallPolicy {
        let inner = Arc::make_mut(&mut self.inner);
        f(inner);
        inner.resolve();
        self
    }

    /// The standard limit of a stage.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::Stage, sla::Limit};
    /// assert_eq!(CallPolicy::default().limit(Stage::Reply), Limit::WorkingDays(3));
    /// ```
    pub fn limit(&self, stage: Stage) -> Limit {
        self.inner
            .limits
            .get(ix(stage))
            .copied()
            .unwrap_or_else(|| stage.default_limit())
    }

    /// The limit of a stage for a matter: the matter's override, else the
    /// standard limit.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::{SlaOverrides, Stage}, sla::Limit};
    /// let p = CallPolicy::default().with_matter("M007", SlaOverrides { dispatch: Some(Limit::Minutes(10)), ..Default::default() });
    /// assert_eq!(p.limit_for("M007", Stage::Dispatch), Limit::Minutes(10));
    /// ```
    pub fn limit_for(&self, matter: &str, stage: Stage) -> Limit {
        self.limits_for(matter)
            .get(ix(stage))
            .copied()
            .unwrap_or_else(|| self.limit(stage))
    }

    /// Whether two handles share one policy (then they are equal).
    pub(crate) fn same(&self, other: &CallPolicy) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// The three limits of a matter, by stage index.
    pub(crate) fn limits_for<Q>(&self, matter: &Q) -> [Limit; 3]
    where
        Id: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.inner
            .resolved
            .get(matter)
            .copied()
            .unwrap_or(self.inner.limits)
    }

    /// Sets the standard limit of a stage.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::Stage, sla::Limit};
    /// let p = CallPolicy::default().with_limit(Stage::Arrival, Limit::Hours(2));
    /// assert_eq!(p.limit(Stage::Arrival), Limit::Hours(2));
    /// ```
    pub fn with_limit(self, stage: Stage, limit: Limit) -> CallPolicy {
        self.edit(|i| {
            if let Some(l) = i.limits.get_mut(ix(stage)) {
                *l = limit;
            }
        })
    }

    /// Sets a matter's own limits (from the list's SLA overrides). Empty
    /// overrides remove the matter's entry.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::{SlaOverrides, Stage}, sla::Limit};
    /// let p = CallPolicy::default().with_matter("M001", SlaOverrides { reply: Some(Limit::WorkingDays(1)), ..Default::default() });
    /// assert_eq!(p.limit_for("M001", Stage::Reply), Limit::WorkingDays(1));
    /// ```
    pub fn with_matter(self, matter: impl Into<Id>, overrides: SlaOverrides) -> CallPolicy {
        let matter = matter.into();
        self.edit(
            |i| match i.matters.binary_search_by(|(k, _)| k.cmp(&matter)) {
                Ok(at) if overrides.is_empty() => {
                    i.matters.remove(at);
                }
                Ok(at) => {
                    if let Some(slot) = i.matters.get_mut(at) {
                        slot.1 = overrides;
                    }
                }
                Err(_) if overrides.is_empty() => {}
                Err(at) => i.matters.insert(at, (matter, overrides)),
            },
        )
    }

    /// The policy with these matters' own limits and no others, in one edit
    /// (a list's edition sets hundreds): the last of a repeated matter wins,
    /// as with [`CallPolicy::with_matter`].
    pub(crate) fn with_all_matters(
        self,
        matters: impl IntoIterator<Item = (Id, SlaOverrides)>,
    ) -> CallPolicy {
        self.edit(|i| {
            let mut all: Vec<(Id, SlaOverrides)> = matters.into_iter().collect();
            // Stable: a repeated matter keeps its order, and the last is kept.
            all.sort_by(|a, b| a.0.cmp(&b.0));
            let mut kept: Vec<(Id, SlaOverrides)> = Vec::with_capacity(all.len());
            for (m, o) in all {
                match kept.last_mut() {
                    Some(last) if last.0 == m => last.1 = o,
                    _ => kept.push((m, o)),
                }
            }
            kept.retain(|(_, o)| !o.is_empty());
            i.matters = kept;
        })
    }

    /// The matters' own limits, as `(matter, overrides)` pairs by matter id.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::SlaOverrides, sla::Limit};
    /// let p = CallPolicy::default().with_matter("M001", SlaOverrides { reply: Some(Limit::WorkingDays(1)), ..Default::default() });
    /// assert_eq!(p.matters().count(), 1);
    /// ```
    pub fn matters(&self) -> impl Iterator<Item = (&str, &SlaOverrides)> {
        self.inner.matters.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// When day limits end on their last day (24:00 by default, or close of
    /// business, which needs a calendar with a schedule).
    ///
    /// ```
    /// use huying::{call::CallPolicy, sla::DayEnd};
    /// assert_eq!(CallPolicy::default().with_day_end(DayEnd::CloseOfBusiness).day_end(), DayEnd::CloseOfBusiness);
    /// ```
    pub fn with_day_end(self, day_end: DayEnd) -> CallPolicy {
        self.edit(|i| i.day_end = day_end)
    }

    /// The day-end rule.
    ///
    /// ```
    /// assert_eq!(huying::call::CallPolicy::default().day_end(), huying::sla::DayEnd::Midnight);
    /// ```
    pub fn day_end(&self) -> DayEnd {
        self.inner.day_end
    }

    /// Sets the fraction of a limit at which a light turns yellow (0 < f ≤ 1).
    ///
    /// # Errors
    /// [`CallError::BadPolicy`] for a fraction outside (0, 1].
    ///
    /// ```
    /// let p = huying::call::CallPolicy::default();
    /// assert_eq!(p.clone().with_warning(0.9)?.warning(), 0.9);
    /// assert_eq!(p.with_warning(1.5).unwrap_err().code(), "call.bad_policy");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn with_warning(self, fraction: f64) -> Result<CallPolicy, CallError> {
        if !(fraction > 0.0 && fraction <= 1.0) {
            return Err(CallError::BadPolicy {
                problem: format!(
                    "the warning fraction must be above 0 and at most 1, not {fraction}"
                ),
            });
        }
        Ok(self.edit(|i| i.warning = fraction))
    }

    /// The fraction of a limit at which a light turns yellow.
    ///
    /// ```
    /// assert_eq!(huying::call::CallPolicy::default().warning(), 0.8);
    /// ```
    pub fn warning(&self) -> f64 {
        self.inner.warning
    }

    /// Sets the percentages of a limit at which reminders go out (1–100; the
    /// breach reminder is set apart, see [`CallPolicy::with_breach_reminder`]).
    ///
    /// # Errors
    /// [`CallError::BadPolicy`] for a percentage outside 1–100.
    ///
    /// ```
    /// let p = huying::call::CallPolicy::default().with_reminders(&[80, 50, 80])?;
    /// assert_eq!(p.reminders(), &[50, 80]);
    /// assert!(huying::call::CallPolicy::default().with_reminders(&[0]).is_err());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn with_reminders(self, percents: &[u8]) -> Result<CallPolicy, CallError> {
        if let Some(p) = percents.iter().find(|p| !(1..=100).contains(*p)) {
            return Err(CallError::BadPolicy {
                problem: format!("a reminder percentage must be 1 to 100, not {p}"),
            });
        }
        let mut v = percents.to_vec();
        v.sort_unstable();
        v.dedup();
        Ok(self.edit(|i| i.reminders = v))
    }

    /// The reminder percentages, ascending.
    ///
    /// ```
    /// assert_eq!(huying::call::CallPolicy::default().reminders(), &[50, 80]);
    /// ```
    pub fn reminders(&self) -> &[u8] {
        &self.inner.reminders
    }

    /// Whether a reminder goes out when a stage's due time passes (default yes).
    ///
    /// ```
    /// let p = huying::call::CallPolicy::default().with_breach_reminder(false);
    /// assert!(!p.breach_reminder());
    /// ```
    pub fn with_breach_reminder(self, on: bool) -> CallPolicy {
        self.edit(|i| i.breach_reminder = on)
    }

    /// Whether a reminder goes out at breach.
    ///
    /// ```
    /// assert!(huying::call::CallPolicy::default().breach_reminder());
    /// ```
    pub fn breach_reminder(&self) -> bool {
        self.inner.breach_reminder
    }

    /// The reminder marks in order: the percentages, then the breach if on.
    ///
    /// ```
    /// use huying::call::{CallPolicy, Mark};
    /// let marks: Vec<Mark> = CallPolicy::default().marks().collect();
    /// assert_eq!(marks, [Mark::Percent(50), Mark::Percent(80), Mark::Breach]);
    /// ```
    pub fn marks(&self) -> impl DoubleEndedIterator<Item = Mark> + '_ {
        self.inner
            .reminders
            .iter()
            .map(|&p| Mark::Percent(p))
            .chain(self.inner.breach_reminder.then_some(Mark::Breach))
    }

    /// Names the command centre's unit. When set, only that unit may act as
    /// the command centre, and reminders of the dispatch stage name it.
    ///
    /// ```
    /// let p = huying::call::CallPolicy::default().with_command_centre("U008");
    /// assert_eq!(p.command_centre().map(|u| u.as_str()), Some("U008"));
    /// ```
    pub fn with_command_centre(self, unit: impl Into<Id>) -> CallPolicy {
        let unit = unit.into();
        self.edit(|i| i.command_centre = Some(unit))
    }

    /// The command centre's unit, if named.
    ///
    /// ```
    /// assert!(huying::call::CallPolicy::default().command_centre().is_none());
    /// ```
    pub fn command_centre(&self) -> Option<&Id> {
        self.inner.command_centre.as_ref()
    }
}
