//! The accumulator: folds calls into the groups, the total, the departments
//! and the accountability table, without keeping the calls.

use chrono::{DateTime, FixedOffset};

pub(crate) mod evaluation;
pub(crate) mod group;
pub(crate) mod record;
pub(crate) mod sketch;
pub(crate) mod status;

pub use evaluation::{Component, ComponentScore, DepartmentScore, Evaluation, Weights};
pub use group::{Dimension, MAX_DIMENSIONS, Period};
pub use record::{Accountable, CallRecord, RoundRecord, StageRecord};
pub use status::{PerStage, Rate, StageStatus, StatusCounts};

use crate::Id;
use crate::call::{Call, CallFacts};
use crate::catalog::{Catalog, Stage};
use rustc_hash::FxHashMap as FxMap;

use crate::call::Names;
use crate::compliance::{
    AccountabilityRow, GroupRow, InputStats, KeyValue, ListInfo, LogError, Report, ReportConfig,
    StageRow, Unattributed,
};
use group::Key;
pub(crate) use record::Judged;
use record::{StageEval, Times, call_status, department_of, eval_stages, stage_times};
use sketch::Sketch;

const NONE: u32 = u32::MAX;

/// Counts by [`StageStatus`], indexed by its discriminant (the order of
/// [`StageStatus::ALL`] and of the fields of [`StatusCounts`]).
#[derive(Clone, Copy, Debug, Default)]
struct Counts([u64; 6]);

impl Counts {
    #[inline(always)]
    fn add(&mut self, s: StageStatus) {
        if let Some(c) = self.0.get_mut(s as usize) {
            *c += 1;
        }
    }

    fn merge(&mut self, o: &Counts) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a += b;
        }
    }

    fn get(&self) -> StatusCounts {
        let [
            met,
            missed,
            open_overdue,
            open_on_track,
            not_due,
            undetermined,
        ] = self.0;
        StatusCounts {
            met,
            missed,
            open_overdue,
            open_on_track,
            not_due,
            undetermined,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct StageAcc {
    status: Counts,
    overrun: u64,
    times: Sketch,
    responded: u64,
    resolved: u64,
    evaluated: u64,
    satisfied: u64,
}

#[derive(Clone, Debug, Default)]
struct GroupAcc {
    calls: u64,
    status: Counts,
    stages: PerStage<StageAcc>,
    withdrawn: u64,
    returned: u64,
    reopened: u64,
    paused: u64,
    extended: u64,
    supervised: u64,
}

impl StageAcc {
    fn merge(&mut self, o: &StageAcc) {
        self.status.merge(&o.status);
        self.overrun += o.overrun;
        self.times.merge(&o.times);
        self.responded += o.responded;
        self.resolved += o.resolved;
        self.evaluated += o.evaluated;
        self.satisfied += o.satisfied;
    }
}

/// Adds stage `s` of a call: its status, overrun and times, and what the
/// stage alone counts (the response for arrival; resolution and
/// satisfaction for the reply).
#[inline(always)]
fn add_stage(
    stages: &mut PerStage<StageAcc>,
    s: Stage,
    ev: &StageEval<'_>,
    call: Judged<'_>,
    facts: &CallFacts,
) {
    let acc = stages.get_mut(s);
    acc.status.add(ev.status);
    if ev.status == StageStatus::Missed {
        acc.overrun += ev.overrun.max(0) as u64;
    }
    match ev.times {
        Times::None => {}
        Times::One(t) => acc.times.add(t),
        Times::Many => {
            for t in stage_times(call, s) {
                acc.times.add(t);
            }
        }
    }
    match s {
        Stage::Dispatch => {}
        Stage::Arrival => {
            acc.responded += u64::from(facts.arrived && ev.status.is_due());
        }
        Stage::Reply => {
            acc.resolved += u64::from(facts.closed && ev.status.is_due());
            acc.evaluated += u64::from(facts.evaluations > 0);
            acc.satisfied += u64::from(facts.first_satisfied == Some(true));
        }
    }
}

/// The distinct keys a call's stages and the call as a whole go to: which
/// stages (a bit per stage) and whether the call-level counts go there.
struct Targets<K> {
    items: [(K, u8, bool); 4],
    n: usize,
}

impl<K: Copy + PartialEq> Targets<K> {
    fn new(stages: [K; 3], home: K) -> Targets<K> {
        let mut t = Targets {
            items: [(home, 0, false); 4],
            n: 0,
        };
        let all = stages
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, 1u8 << i, false))
            .chain(std::iter::once((home, 0, true)));
        for (k, bit, whole) in all {
            match t.items.iter_mut().take(t.n).find(|(x, _, _)| *x == k) {
                Some(item) => {
                    item.1 |= bit;
                    item.2 |= whole;
                }
                None => {
                    if let Some(slot) = t.items.get_mut(t.n) {
                        *slot = (k, bit, whole);
                        t.n += 1;
                    }
                }
            }
        }
        t
    }

    fn iter(&self) -> impl Iterator<Item = (K, u8, bool)> + '_ {
        self.items.iter().take(self.n).copied()
    }
}

/// What the groups need of a call beyond its units, and where in a key
/// its unit and department go.
#[derive(Clone, Copy, Debug)]
struct Needs {
    town: bool,
    matter: bool,
    date: bool,
    /// The place of the unit in a group key, if the groups have it.
    unit_at: Option<usize>,
    /// The place of the department in a group key, if the groups have it.
    dept_at: Option<usize>,
}

/// The units of a call's stages, their departments, and the edition in
/// force when it was raised.
struct CallUnits {
    /// The reply's unit is the call's home unit.
    stage_unit: PerStage<u32>,
    stage_dept: PerStage<u32>,
    edition: u32,
}

struct CallLevel {
    status: StageStatus,
    withdrawn: bool,
    returned: bool,
    reopened: bool,
    paused: bool,
    extended: bool,
    supervised: bool,
}

impl GroupAcc {
    /// Adds the stages whose bit is set in `stages`, and the call-level counts if given.
    #[inline]
    fn add(
        &mut self,
        evals: &PerStage<StageEval<'_>>,
        call: Judged<'_>,
        facts: &CallFacts,
        stages: u8,
        whole: Option<&CallLevel>,
    ) {
        if stages & 1 != 0 {
            add_stage(
                &mut self.stages,
                Stage::Dispatch,
                &evals.dispatch,
                call,
                facts,
            );
        }
        if stages & 2 != 0 {
            add_stage(
                &mut self.stages,
                Stage::Arrival,
                &evals.arrival,
                call,
                facts,
            );
        }
        if stages & 4 != 0 {
            add_stage(&mut self.stages, Stage::Reply, &evals.reply, call, facts);
        }
        if let Some(c) = whole {
            self.add_call(c);
        }
    }

    /// Adds another accumulator: the same as adding its calls and stages.
    fn merge(&mut self, o: &GroupAcc) {
        self.calls += o.calls;
        self.status.merge(&o.status);
        for s in Stage::ALL {
            self.stages.get_mut(s).merge(o.stages.get(s));
        }
        self.withdrawn += o.withdrawn;
        self.returned += o.returned;
        self.reopened += o.reopened;
        self.paused += o.paused;
        self.extended += o.extended;
        self.supervised += o.supervised;
    }

    #[inline]
    fn add_call(&mut self, c: &CallLevel) {
        self.calls += 1;
        self.status.add(c.status);
        self.withdrawn += u64::from(c.withdrawn);
        self.returned += u64::from(c.returned);
        self.reopened += u64::from(c.reopened);
        self.paused += u64::from(c.paused);
        self.extended += u64::from(c.extended);
        self.supervised += u64::from(c.supervised);
    }

    fn row(&self, key: Vec<KeyValue>) -> GroupRow {
        let stages = PerStage::from_fn(|s| {
            let a = self.stages.get(s);
            let status = a.status.get();
            StageRow {
                status,
                on_time_rate: status.on_time_rate(),
                missed_overrun_secs: a.overrun,
                timed: a.times.len(),
                median_secs: a.times.quantile(0.5),
                p90_secs: a.times.quantile(0.9),
                exact: a.times.is_exact(),
            }
        });
        let (arr, rep) = (&self.stages.arrival, &self.stages.reply);
        let status = self.status.get();
        GroupRow {
            key,
            calls: self.calls,
            status,
            on_time_rate: status.on_time_rate(),
            response: Rate::new(arr.responded, arr.status.get().due()),
            resolution: Rate::new(rep.resolved, rep.status.get().due()),
            satisfaction: Rate::new(rep.satisfied, rep.evaluated),
            stages,
            withdrawn: self.withdrawn,
            returned: self.returned,
            reopened: self.reopened,
            paused: self.paused,
            extended: self.extended,
            supervised: self.supervised,
        }
    }
}

/// Folds calls into a [`Report`]: per group, the total, the department
/// evaluation and accountability by the list. Memory grows with the number
/// of groups and distinct ids, not with the calls.
///
/// Add each call once, when it is over (closed or withdrawn) or at the end
/// (still open): [`Replay`](crate::compliance::Replay) does this while it streams a log.
/// An open call is judged at the configured `as_of`, or, without one, at the
/// latest instant the tally has seen (its own events included).
///
/// ```
/// use huying::{calendar::Calendar, call::{log, Call, CallPolicy}, catalog::Catalog};
/// use huying::compliance::{Dimension, InputStats, ReportConfig, Tally};
/// let events = log::read(log::EXAMPLE)?;
/// let call = Call::from_events(&Calendar::china(), &CallPolicy::new("U008"), &events)?;
/// let mut t = Tally::new(&ReportConfig::new(None).by(&[Dimension::Township]), Some(&Catalog::sample()))?;
/// t.add(&call);
/// let report = t.finish(InputStats::default());
/// assert_eq!(report.groups[0].key[0].name_zh, "夏津县南城镇");
/// assert_eq!(report.groups[0].satisfaction.rate, Some(1.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Tally {
    config: ReportConfig,
    catalog: Option<Catalog>,
    /// Whether the groups need the township, the matter (or its domain),
    /// the date: what is not needed is not looked up; and where a key
    /// holds the unit and the department.
    needs: Needs,
    latest: Option<DateTime<FixedOffset>>,
    /// The configured `as_of` in local seconds (every call is judged then).
    as_of_ls: Option<i64>,
    ids: Names,
    /// Interned unit → interned department (or NONE until computed).
    rollup: Vec<u32>,
    /// (matter, edition) → interned domain.
    domains: FxMap<(u32, u32), u32>,
    /// (matter, township, edition) → for each stage, once the list was
    /// asked: its answer.
    accountable: FxMap<(Id, Id, u32), PerStage<Option<Answer>>>,
    dash: u32,
    command_centre: u32,
    /// The command centre's id as a unit of a clock (compared without a look-up).
    command_centre_id: Id,
    /// The groups, unless they are the departments (grouped by department
    /// alone).
    groups: FxMap<Key, GroupAcc>,
    /// Grouped by department alone: the groups are the department table.
    groups_are_departments: bool,
    /// By interned department id. Every stage of a call and the call itself
    /// are added to exactly one department, so the total is their sum.
    departments: Vec<Option<GroupAcc>>,
    /// Missed stages by interned accountable unit (all zero for an id
    /// that is none).
    blame: Vec<PerStage<u64>>,
    /// Missed stages the list cannot attribute, by interned error code.
    unattributed: Vec<PerStage<u64>>,
}

/// The entry of an interned id in a table indexed by id, the table grown
/// with `fill` as needed (the department accumulators, the unit →
/// department roll-up, the accountability counts).
#[inline]
fn entry_of<T>(table: &mut Vec<T>, id: u32, fill: impl FnMut() -> T) -> Option<&mut T> {
    let i = id as usize;
    if table.len() <= i {
        table.resize_with(i + 1, fill);
    }
    table.get_mut(i)
}

/// The accumulator of a department, made when first needed.
#[inline]
fn dept_acc(departments: &mut Vec<Option<GroupAcc>>, dept: u32) -> Option<&mut GroupAcc> {
    entry_of(departments, dept, || None).map(|slot| slot.get_or_insert_with(GroupAcc::default))
}

/// The ids of a table indexed by id that counted something, with their counts.
fn counted(table: &[PerStage<u64>]) -> impl Iterator<Item = (u32, &PerStage<u64>)> {
    (0u32..)
        .zip(table)
        .filter(|(_, n)| n.iter().any(|(_, n)| *n > 0))
}

/// Whom the list holds accountable for a missed stage: Ok(interned unit) or
/// Err(interned error code).
type Answer = Result<u32, u32>;

/// Asks the list whom it holds accountable for a missed stage of a call
/// ([`Catalog::accountable`]).
#[cold]
fn ask_list(catalog: Option<&Catalog>, ids: &mut Names, call: Judged<'_>, stage: Stage) -> Answer {
    let Some(c) = catalog else {
        return Err(ids.id("compliance.no_list"));
    };
    match c.accountable(
        call.matter(),
        call.township(),
        stage.into(),
        &call.raised_at(),
    ) {
        Ok(a) => match a.units.first() {
            Some(u) => Ok(ids.id(u.id.as_str())),
            None => Err(ids.id("compliance.no_unit")),
        },
        Err(e) => Err(ids.id(e.code())),
    }
}

impl Tally {
    /// An empty tally.
    ///
    /// # Errors
    /// [`LogError::Config`] for bad settings ([`ReportConfig::check`]).
    ///
    /// ```
    /// use huying::compliance::{ReportConfig, Tally};
    /// assert_eq!(Tally::new(&ReportConfig::new(None), None)?.calls(), 0);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn new(config: &ReportConfig, catalog: Option<&Catalog>) -> Result<Tally, LogError> {
        config.check()?;
        let mut ids = Names::default();
        let dash = ids.id("-");
        let command_centre = catalog
            .map(|c| c.data().command_centre.as_str())
            .filter(|cc| !cc.is_empty())
            .map_or(dash, |cc| ids.id(cc));
        let command_centre_id = Id::from(ids.name(command_centre));
        Ok(Tally {
            config: config.clone(),
            catalog: catalog.cloned(),
            needs: Needs {
                town: config.by.contains(&Dimension::Township),
                matter: config
                    .by
                    .iter()
                    .any(|d| matches!(d, Dimension::Matter | Dimension::Domain)),
                date: config.by.iter().any(|d| matches!(d, Dimension::Period(_))),
                unit_at: config.by.iter().position(|d| *d == Dimension::Unit),
                dept_at: config.by.iter().position(|d| *d == Dimension::Department),
            },

            latest: None,
            as_of_ls: config.as_of.as_ref().map(crate::time::local_secs),
            ids,
            rollup: Vec::new(),
            domains: FxMap::default(),
            accountable: FxMap::default(),
            dash,
            command_centre,
            command_centre_id,
            groups: FxMap::default(),
            groups_are_departments: config.by == [Dimension::Department],
            departments: Vec::new(),
            blame: Vec::new(),
            unattributed: Vec::new(),
        })
    }

    /// How many calls have been added.
    ///
    /// ```
    /// let t = huying::compliance::Tally::new(&Default::default(), None)?;
    /// assert_eq!(t.calls(), 0);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn calls(&self) -> u64 {
        // Each call is added to its home department once.
        self.departments.iter().flatten().map(|d| d.calls).sum()
    }

    /// The configured `as_of`, or the latest instant seen.
    pub(crate) fn as_of(&self) -> Option<DateTime<FixedOffset>> {
        self.config.as_of.or(self.latest)
    }

    /// Notes an instant seen in the log (for a report without `as_of`).
    pub(crate) fn note(&mut self, at: DateTime<FixedOffset>) {
        if self.latest.is_none_or(|l| at > l) {
            self.latest = Some(at);
        }
    }

    #[inline]
    fn dept(&mut self, unit: u32) -> u32 {
        match self.rollup.get(unit as usize) {
            Some(&d) if d != NONE => d,
            _ => self.dept_slow(unit),
        }
    }

    #[cold]
    fn dept_slow(&mut self, unit: u32) -> u32 {
        let d = match self.catalog.as_ref() {
            Some(c) => {
                let name = self.ids.name(unit).to_string();
                let dept = department_of(Some(c), &name).to_string();
                self.ids.id(dept.as_str())
            }
            None => unit,
        };
        if let Some(slot) = entry_of(&mut self.rollup, unit, || NONE) {
            *slot = d;
        }
        d
    }

    fn domain(&mut self, matter: u32, matter_id: &str, edition: u32) -> u32 {
        if let Some(&d) = self.domains.get(&(matter, edition)) {
            return d;
        }
        let code = self
            .catalog
            .as_ref()
            .and_then(|c| c.editions().nth(edition as usize))
            .and_then(|e| e.matter(matter_id))
            .map(|m| m.domain.clone());
        let d = code.map_or(self.dash, |c| self.ids.id(c.as_str()));
        self.domains.insert((matter, edition), d);
        d
    }

    /// Counts the missed stages of a call against whom the list in force
    /// when it was raised (`edition`) holds accountable. The list is asked
    /// once per matter, township, edition and stage.
    fn blame_missed(&mut self, call: Judged<'_>, statuses: &PerStage<StageStatus>, edition: u32) {
        let key = (call.matter().clone(), call.township().clone(), edition);
        let known = self.accountable.entry(key).or_default();
        for (s, status) in statuses.iter() {
            if *status != StageStatus::Missed {
                continue;
            }
            let who = *known
                .get_mut(s)
                .get_or_insert_with(|| ask_list(self.catalog.as_ref(), &mut self.ids, call, s));
            let counts = match who {
                Ok(unit) => entry_of(&mut self.blame, unit, PerStage::default),
                Err(code) => entry_of(&mut self.unattributed, code, PerStage::default),
            };
            if let Some(n) = counts {
                *n.get_mut(s) += 1;
            }
        }
    }

    /// A call's group key without its unit and department (`NONE` in
    /// their places): the parts all its stages share.
    fn shared_key(&self, town: u32, matter: u32, domain: u32, date: chrono::NaiveDate) -> Key {
        Key::new(self.config.by.iter().map(|d| match d {
            Dimension::Department | Dimension::Unit => NONE,
            Dimension::Township => town,
            Dimension::Matter => matter,
            Dimension::Domain => domain,
            Dimension::Period(p) => p.index(date),
        }))
    }

    /// Folds in one call (its clocks and the facts of its events). Events
    /// after the report's `as_of` must not have been applied to it.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{log, Call, CallPolicy}};
    /// use huying::compliance::{ReportConfig, Tally};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), log::EXAMPLE)?;
    /// let mut t = Tally::new(&ReportConfig::new(None), None)?;
    /// t.add(&call);
    /// assert_eq!(t.calls(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&mut self, call: &Call) {
        self.add_judged(Judged::of(call));
    }

    /// [`Tally::add`] of a call as the tally judges it (the replay's cores).
    #[inline]
    pub(crate) fn add_judged(&mut self, call: Judged<'_>) {
        let facts = call.facts();
        // Judged at the configured `as_of`, else at the latest instant seen
        // (which only then needs keeping).
        let as_of_ls = match self.as_of_ls {
            Some(t) => t,
            None => {
                let at = call.last_event_at();
                self.note(at);
                crate::time::local_secs(&self.latest.unwrap_or(at))
            }
        };
        let evals = eval_stages(call, as_of_ls);
        let statuses = PerStage {
            dispatch: evals.dispatch.status,
            arrival: evals.arrival.status,
            reply: evals.reply.status,
        };
        let missed = statuses.iter().any(|(_, s)| *s == StageStatus::Missed);
        let level = CallLevel {
            status: call_status(call, &statuses),
            withdrawn: facts.withdrawn,
            returned: facts.returns > 0,
            reopened: facts.unsatisfied > 0,
            paused: facts.pauses > 0,
            extended: facts.extensions_granted > 0,
            supervised: facts.supervisions > 0,
        };
        // The unit of each stage; the same unit is interned once.
        let unit_of = |s: Stage| evals.get(s).clock.and_then(|c| call.unit(c));
        // Most dispatch clocks are the command centre's: known without a look-up.
        let ud = match unit_of(Stage::Dispatch) {
            None => self.command_centre,
            Some(u) if *u == self.command_centre_id => self.command_centre,
            Some(u) => self.ids.id(u),
        };
        let ua = unit_of(Stage::Arrival).map(|u| self.ids.id(u));
        let ur = match (unit_of(Stage::Reply), unit_of(Stage::Arrival), ua) {
            (Some(r), Some(a), Some(ia)) if r == a => Some(ia),
            (r, _, _) => r.map(|u| self.ids.id(u)),
        };
        // The home unit answers for the reply too: it is the reply's unit,
        // else the arrival's, else the dispatch's.
        let home = ur.or(ua).unwrap_or(ud);
        let stage_unit = PerStage {
            dispatch: ud,
            arrival: ua.unwrap_or(home),
            reply: home,
        };
        let stage_dept = PerStage {
            dispatch: self.dept(stage_unit.dispatch),
            arrival: self.dept(stage_unit.arrival),
            reply: self.dept(stage_unit.reply),
        };

        // The edition in force when the call was raised, only when the
        // accountability table or the groups (by matter or domain) need it.
        let edition = if missed || self.needs.matter {
            self.edition(call)
        } else {
            NONE
        };

        // Accountability by the list, for each missed stage.
        if missed {
            self.blame_missed(call, &statuses, edition);
        }

        // The departments (for the evaluation and the total): each stage
        // to its department, the call to its home department (the reply's).
        if let Some(acc) = dept_acc(&mut self.departments, stage_dept.dispatch) {
            add_stage(
                &mut acc.stages,
                Stage::Dispatch,
                &evals.dispatch,
                call,
                facts,
            );
        }
        if let Some(acc) = dept_acc(&mut self.departments, stage_dept.arrival) {
            add_stage(&mut acc.stages, Stage::Arrival, &evals.arrival, call, facts);
        }
        if let Some(acc) = dept_acc(&mut self.departments, stage_dept.reply) {
            add_stage(&mut acc.stages, Stage::Reply, &evals.reply, call, facts);
            acc.add_call(&level);
        }

        if !self.config.by.is_empty() && !self.groups_are_departments {
            let call_units = CallUnits {
                stage_unit,
                stage_dept,
                edition,
            };
            self.add_to_groups(call, facts, &evals, &level, &call_units);
        }
    }

    /// The index of the list's edition in force when a call was raised
    /// (NONE without a list, or before it).
    fn edition(&self, call: Judged<'_>) -> u32 {
        self.catalog
            .as_ref()
            .and_then(|c| c.as_of(&call.raised_at()).ok())
            .map_or(NONE, |e| e.index() as u32)
    }

    /// Adds a call to its groups: each stage to the group of its key, the
    /// call as a whole to its home unit's. The township, matter, domain and
    /// date are looked up only when the groups need them.
    #[inline(always)]
    fn add_to_groups(
        &mut self,
        call: Judged<'_>,
        facts: &CallFacts,
        evals: &PerStage<StageEval<'_>>,
        level: &CallLevel,
        units: &CallUnits,
    ) {
        let needs = self.needs;
        let date = if needs.date {
            crate::to_china(call.raised_at()).date_naive()
        } else {
            chrono::NaiveDate::MIN
        };
        let town = if needs.town {
            self.ids.id(call.township())
        } else {
            NONE
        };
        let (matter, domain) = if needs.matter {
            let m = self.ids.id(call.matter());
            (m, self.domain(m, call.matter(), units.edition))
        } else {
            (NONE, NONE)
        };
        // The stages' keys differ only in the unit and the department, and
        // only where the groups have them: the other parts are found once,
        // and the stages' targets told apart by that pair.
        let base = self.shared_key(town, matter, domain, date);
        let pair = |s: Stage| {
            let part = |at: Option<usize>, v: &PerStage<u32>| at.map_or(NONE, |_| *v.get(s));
            (
                part(needs.unit_at, &units.stage_unit),
                part(needs.dept_at, &units.stage_dept),
            )
        };
        let home = pair(Stage::Reply);
        let stage_pairs = [pair(Stage::Dispatch), pair(Stage::Arrival), home];
        for ((unit, dept), stages, whole) in Targets::new(stage_pairs, home).iter() {
            let mut key = base;
            for (at, v) in [(needs.unit_at, unit), (needs.dept_at, dept)] {
                if let Some(part) = at.and_then(|i| key.parts.get_mut(i)) {
                    *part = v;
                }
            }
            let acc = self.groups.entry(key).or_default();
            acc.add(evals, call, facts, stages, whole.then_some(level));
        }
    }

    fn unit_value(&self, id: &str) -> KeyValue {
        if id == "-" {
            return KeyValue {
                id: "-".into(),
                name_zh: "（未知）".into(),
                name_en: "(unknown)".into(),
            };
        }
        match self.catalog.as_ref().and_then(|c| c.unit(id)) {
            Some(u) => KeyValue {
                id: id.to_string(),
                name_zh: u.name_zh.clone(),
                name_en: u.name_en.clone(),
            },
            None => KeyValue::plain(id),
        }
    }

    fn value(&self, dim: Dimension, part: u32) -> KeyValue {
        let id = self.ids.name(part);
        match dim {
            Dimension::Period(p) => KeyValue::plain(&p.label(part)),
            Dimension::Department | Dimension::Unit | Dimension::Township => self.unit_value(id),
            Dimension::Matter => {
                let m = self.catalog.as_ref().and_then(|c| {
                    c.editions()
                        .filter_map(|e| e.matter(id))
                        .last()
                        .map(|m| KeyValue {
                            id: id.to_string(),
                            name_zh: m.name_zh.clone(),
                            name_en: m.name_en.clone(),
                        })
                });
                m.unwrap_or_else(|| KeyValue::plain(id))
            }
            Dimension::Domain => {
                let d = self.catalog.as_ref().and_then(|c| {
                    c.data()
                        .domains
                        .iter()
                        .find(|d| d.code == id)
                        .map(|d| KeyValue {
                            id: id.to_string(),
                            name_zh: d.name_zh.clone(),
                            name_en: d.name_en.clone(),
                        })
                });
                d.unwrap_or_else(|| {
                    if id == "-" {
                        self.unit_value(id)
                    } else {
                        KeyValue::plain(id)
                    }
                })
            }
        }
    }

    /// The groups in the report's order: periods by time, the rest by id.
    ///
    /// Each interned id is ranked by its text once; a key's sort key is its
    /// parts with ids replaced by their ranks (periods keep their number):
    /// distinct for distinct keys, so the order is total.
    fn sorted_groups(&self) -> Vec<(&Key, &GroupAcc)> {
        let mut by_text: Vec<u32> = (0..self.ids.len() as u32).collect();
        by_text.sort_unstable_by(|&a, &b| self.ids.name(a).cmp(self.ids.name(b)));
        // The interner gives distinct texts distinct ids, so an id's rank is
        // its place in that order (from 1; an id never issued, NONE, ranks 0).
        let mut rank = vec![0u32; by_text.len()];
        for (r, id) in (1u32..).zip(by_text) {
            if let Some(slot) = rank.get_mut(id as usize) {
                *slot = r;
            }
        }
        let sort_key = |k: &Key| {
            let mut ranked = [0u32; MAX_DIMENSIONS];
            for ((slot, d), part) in ranked.iter_mut().zip(&self.config.by).zip(k.parts()) {
                *slot = match d {
                    Dimension::Period(_) => part,
                    _ => rank.get(part as usize).copied().unwrap_or(0),
                };
            }
            ranked
        };
        let mut groups: Vec<_> = self
            .groups
            .iter()
            .map(|(k, acc)| (sort_key(k), k, acc))
            .collect();
        groups.sort_unstable_by_key(|g| g.0);
        groups.into_iter().map(|(_, k, acc)| (k, acc)).collect()
    }

    /// The report, with what was read.
    ///
    /// ```
    /// use huying::compliance::{InputStats, ReportConfig, Tally};
    /// let r = Tally::new(&ReportConfig::new(None), None)?.finish(InputStats::default());
    /// assert_eq!(r.total.calls, 0);
    /// assert!(r.as_of.is_none());
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn finish(self, input: InputStats) -> Report {
        // A key's values are found once per dimension and part, then copied.
        let mut values: FxMap<(usize, u32), KeyValue> = FxMap::default();
        let groups = self
            .sorted_groups()
            .into_iter()
            .map(|(k, acc)| {
                let key = (0..)
                    .zip(&self.config.by)
                    .zip(k.parts())
                    .map(|((i, d), p)| {
                        values
                            .entry((i, p))
                            .or_insert_with(|| self.value(*d, p))
                            .clone()
                    })
                    .collect();
                acc.row(key)
            })
            .collect();
        let mut depts: Vec<(u32, &GroupAcc)> = (0u32..)
            .zip(&self.departments)
            .filter_map(|(d, acc)| Some((d, acc.as_ref()?)))
            .collect();
        depts.sort_by(|a, b| self.ids.name(a.0).cmp(self.ids.name(b.0)));
        let mut total = GroupAcc::default();
        for (_, acc) in &depts {
            total.merge(acc);
        }
        let dept_rows: Vec<GroupRow> = depts
            .into_iter()
            .map(|(d, acc)| acc.row(vec![self.unit_value(self.ids.name(d))]))
            .collect();
        let groups = if self.groups_are_departments {
            dept_rows.clone()
        } else {
            groups
        };
        let evaluation = Evaluation::rank(&self.config.weights, &dept_rows);
        let mut accountability: Vec<AccountabilityRow> = counted(&self.blame)
            .map(|(u, missed)| {
                let id = self.ids.name(u);
                let department = self
                    .catalog
                    .as_ref()
                    .map(|c| department_of(Some(c), id))
                    .filter(|d| *d != id)
                    .map(|d| self.unit_value(d));
                AccountabilityRow {
                    unit: self.unit_value(id),
                    department,
                    missed: *missed,
                    total: missed.iter().map(|(_, n)| *n).sum(),
                }
            })
            .collect();
        accountability.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| a.unit.id.cmp(&b.unit.id))
        });
        let mut unattributed: Vec<Unattributed> = counted(&self.unattributed)
            .map(|(code, missed)| Unattributed {
                code: self.ids.name(code).to_string(),
                missed: *missed,
            })
            .collect();
        unattributed.sort_by(|a, b| a.code.cmp(&b.code));
        let list = self.catalog.as_ref().map(|c| ListInfo {
            id: c.data().id.clone(),
            editions: c.editions().map(|e| e.id().to_string()).collect(),
            illustrative: c.data().illustrative,
        });
        Report {
            as_of: self.as_of(),
            by: self.config.by.clone(),
            list,
            total: total.row(Vec::new()),
            groups,
            evaluation,
            accountability,
            unattributed,
            input,
        }
    }
}

impl Default for ReportConfig {
    fn default() -> ReportConfig {
        ReportConfig::new(None)
    }
}
