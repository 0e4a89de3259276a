//! The rules a county sets for its calls: whose identities to believe, time
//! limits per stage (with per-matter overrides from the list), the warning
//! threshold of the lights, and when to send reminders.

use std::sync::Arc;

use super::{CallError, Id, Mark};
use crate::catalog::{Catalog, SlaOverrides, Stage};
use crate::sla::{DayEnd, Limit};
use rustc_hash::FxHashMap as FxMap;

/// A county's call policy. A cheap handle: cloning it shares the settings.
///
/// **Who is who.** The platform that embeds Huying authenticates who sent an
/// event; Huying checks what that identity may do. A policy says how much it
/// knows about identities, and there are three kinds:
///
/// - [`CallPolicy::from_catalog`] (or [`CallPolicy::with_list`]): every
///   unit is checked against the responsibility list — only a township or
///   street office raises, evaluates and withdraws, and only its own calls;
///   only the list's command centre acts as the command centre; a call is
///   dispatched only to a department, a stationed agency or a similar
///   county body (or, for a territorial matter, to the township that raised
///   it), never to the command centre; supporting units and matters must be
///   on the list in force ([`CallError::UnknownUnit`],
///   [`CallError::WrongRole`], [`CallError::UnknownMatter`]).
/// - [`CallPolicy::new`]: the command centre named. Only it acts as the
///   command centre, and it neither raises nor answers calls; the other
///   units' claims are believed (there is no list to check them against).
/// - [`CallPolicy::trust_everyone`]: every claim believed, for tests and
///   demonstrations; the name says so.
///
/// The limits are the article's: dispatch within 30 minutes, arrival on
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
/// let p = CallPolicy::new("U008")
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

/// Whose claims a policy believes (see [`CallPolicy`]).
#[derive(Clone)]
pub(crate) enum Identity {
    /// Every claim.
    Everyone,
    /// The named command centre's; the other units' are believed.
    CommandCentre,
    /// Every unit checked against the list (indexed for the checks).
    List(Catalog, Arc<super::identity::ListIndex>),
}

impl PartialEq for Identity {
    fn eq(&self, o: &Identity) -> bool {
        match (self, o) {
            (Identity::Everyone, Identity::Everyone) => true,
            (Identity::CommandCentre, Identity::CommandCentre) => true,
            (Identity::List(a, _), Identity::List(b, _)) => a.same(b),
            _ => false,
        }
    }
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Identity::Everyone => f.write_str("Everyone"),
            Identity::CommandCentre => f.write_str("CommandCentre"),
            Identity::List(l, _) => write!(f, "List({})", l.data().id),
        }
    }
}

#[derive(Clone, PartialEq)]
struct Inner {
    limits: [Limit; 3],
    day_end: DayEnd,
    warning: f64,
    reminders: Vec<u8>,
    breach_reminder: bool,
    command_centre: Option<Id>,
    identity: Identity,
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
            .field("identity", &self.identity)
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

impl Inner {
    fn standard(command_centre: Option<Id>, identity: Identity) -> Inner {
        Inner {
            limits: Stage::ALL.map(Stage::default_limit),
            day_end: DayEnd::Midnight,
            warning: 0.8,
            reminders: vec![50, 80],
            breach_reminder: true,
            command_centre,
            identity,
            matters: Vec::new(),
            resolved: FxMap::default(),
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
    /// The standard policy of a county whose command centre is the unit
    /// `command_centre`: only that unit acts as the command centre, and it
    /// neither raises nor answers calls; the other units' claims are
    /// believed (see [`CallPolicy`]; [`CallPolicy::from_catalog`] checks
    /// them against the list).
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::Stage, sla::Limit};
    /// let p = CallPolicy::new("U008");
    /// assert_eq!(p.limit(Stage::Dispatch), Limit::Minutes(30));
    /// assert_eq!(p.command_centre().map(|u| u.as_str()), Some("U008"));
    /// assert!(!p.trusts_everyone());
    /// ```
    pub fn new(command_centre: impl Into<Id>) -> CallPolicy {
        CallPolicy {
            inner: Arc::new(Inner::standard(
                Some(command_centre.into()),
                Identity::CommandCentre,
            )),
        }
    }

    /// The standard policy believing every claim: any unit may act as the
    /// command centre, a township, or the department a call is dispatched
    /// to, as its events say. For tests and demonstrations; a platform uses
    /// [`CallPolicy::from_catalog`] or [`CallPolicy::new`].
    ///
    /// ```
    /// let p = huying::call::CallPolicy::trust_everyone();
    /// assert!(p.trusts_everyone());
    /// assert!(p.command_centre().is_none());
    /// ```
    pub fn trust_everyone() -> CallPolicy {
        CallPolicy {
            inner: Arc::new(Inner::standard(None, Identity::Everyone)),
        }
    }

    /// Whether the policy believes every claim ([`CallPolicy::trust_everyone`]).
    ///
    /// ```
    /// assert!(!huying::call::CallPolicy::new("U008").trusts_everyone());
    /// ```
    pub fn trusts_everyone(&self) -> bool {
        matches!(self.inner.identity, Identity::Everyone)
    }

    /// The list the policy checks identities against, if it has one
    /// ([`CallPolicy::from_catalog`], [`CallPolicy::with_list`]).
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::Catalog};
    /// assert!(CallPolicy::new("U008").list().is_none());
    /// assert!(CallPolicy::new("U008").with_list(&Catalog::sample()).list().is_some());
    /// ```
    pub fn list(&self) -> Option<&Catalog> {
        match &self.inner.identity {
            Identity::List(l, _) => Some(l),
            _ => None,
        }
    }

    /// The same policy checking every unit against `list` (see
    /// [`CallPolicy`]); its command centre becomes the list's, if the list
    /// names one.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::Catalog};
    /// let p = CallPolicy::trust_everyone().with_list(&Catalog::sample());
    /// assert_eq!(p.command_centre().map(|u| u.as_str()), Some("U008"));
    /// ```
    pub fn with_list(self, list: &Catalog) -> CallPolicy {
        let cc = list.command_centre().map(|u| Id::new(&u.id));
        let index = Arc::new(super::identity::ListIndex::new(list));
        let list = list.clone();
        self.edit(|i| {
            if cc.is_some() {
                i.command_centre = cc;
            }
            i.identity = Identity::List(list, index);
        })
    }

    pub(crate) fn identity(&self) -> &Identity {
        &self.inner.identity
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
    /// assert_eq!(CallPolicy::new("U008").limit(Stage::Reply), Limit::WorkingDays(3));
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
    /// let p = CallPolicy::new("U008").with_matter("M007", SlaOverrides { dispatch: Some(Limit::Minutes(10)), ..Default::default() });
    /// assert_eq!(p.limit_for("M007", Stage::Dispatch), Limit::Minutes(10));
    /// ```
    pub fn limit_for(&self, matter: &str, stage: Stage) -> Limit {
        self.limits_for(matter)
            .get(ix(stage))
            .copied()
            .unwrap_or_else(|| self.limit(stage))
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
    /// let p = CallPolicy::new("U008").with_limit(Stage::Arrival, Limit::Hours(2));
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
    /// let p = CallPolicy::new("U008").with_matter("M001", SlaOverrides { reply: Some(Limit::WorkingDays(1)), ..Default::default() });
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
    /// let p = CallPolicy::new("U008").with_matter("M001", SlaOverrides { reply: Some(Limit::WorkingDays(1)), ..Default::default() });
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
    /// assert_eq!(CallPolicy::new("U008").with_day_end(DayEnd::CloseOfBusiness).day_end(), DayEnd::CloseOfBusiness);
    /// ```
    pub fn with_day_end(self, day_end: DayEnd) -> CallPolicy {
        self.edit(|i| i.day_end = day_end)
    }

    /// The day-end rule.
    ///
    /// ```
    /// assert_eq!(huying::call::CallPolicy::new("U008").day_end(), huying::sla::DayEnd::Midnight);
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
    /// let p = huying::call::CallPolicy::new("U008");
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
    /// assert_eq!(huying::call::CallPolicy::new("U008").warning(), 0.8);
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
    /// let p = huying::call::CallPolicy::new("U008").with_reminders(&[80, 50, 80])?;
    /// assert_eq!(p.reminders(), &[50, 80]);
    /// assert!(huying::call::CallPolicy::new("U008").with_reminders(&[0]).is_err());
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
    /// assert_eq!(huying::call::CallPolicy::new("U008").reminders(), &[50, 80]);
    /// ```
    pub fn reminders(&self) -> &[u8] {
        &self.inner.reminders
    }

    /// Whether a reminder goes out when a stage's due time passes (default yes).
    ///
    /// ```
    /// let p = huying::call::CallPolicy::new("U008").with_breach_reminder(false);
    /// assert!(!p.breach_reminder());
    /// ```
    pub fn with_breach_reminder(self, on: bool) -> CallPolicy {
        self.edit(|i| i.breach_reminder = on)
    }

    /// Whether a reminder goes out at breach.
    ///
    /// ```
    /// assert!(huying::call::CallPolicy::new("U008").breach_reminder());
    /// ```
    pub fn breach_reminder(&self) -> bool {
        self.inner.breach_reminder
    }

    /// The reminder marks in order: the percentages, then the breach if on.
    ///
    /// ```
    /// use huying::call::{CallPolicy, Mark};
    /// let marks: Vec<Mark> = CallPolicy::new("U008").marks().collect();
    /// assert_eq!(marks, [Mark::Percent(50), Mark::Percent(80), Mark::Breach]);
    /// ```
    pub fn marks(&self) -> impl DoubleEndedIterator<Item = Mark> + '_ {
        self.inner
            .reminders
            .iter()
            .map(|&p| Mark::Percent(p))
            .chain(self.inner.breach_reminder.then_some(Mark::Breach))
    }

    /// Names the command centre's unit: only that unit may act as the
    /// command centre, and reminders of the dispatch stage name it. A policy
    /// that believed everyone now believes the other units only.
    ///
    /// ```
    /// let p = huying::call::CallPolicy::trust_everyone().with_command_centre("U009");
    /// assert_eq!(p.command_centre().map(|u| u.as_str()), Some("U009"));
    /// assert!(!p.trusts_everyone());
    /// ```
    pub fn with_command_centre(self, unit: impl Into<Id>) -> CallPolicy {
        let unit = unit.into();
        self.edit(|i| {
            i.command_centre = Some(unit);
            if matches!(i.identity, Identity::Everyone) {
                i.identity = Identity::CommandCentre;
            }
        })
    }

    /// The command centre's unit, if named.
    ///
    /// ```
    /// assert!(huying::call::CallPolicy::trust_everyone().command_centre().is_none());
    /// ```
    pub fn command_centre(&self) -> Option<&Id> {
        self.inner.command_centre.as_ref()
    }
}
