//! A deterministic generator of realistic call logs, for the example, the
//! tests and the benchmarks.
//!
//! Given a list (the sample county's by default), a seed, a number of calls
//! and a period, it raises calls from the list's townships about the
//! matters the county holds the primary duty for (per the edition in force
//! at each raise), on working days more than on rest days, more in summer,
//! mostly in office hours; and plays each call through: acknowledgement,
//! dispatch by the list to the responsible unit (the department's stationed
//! agency in the township where it has one), signature, arrival on site,
//! reply counted in working days — so National Day and Spring Festival
//! stretch the reply clocks — evaluation and closing. A mix of calls
//! ([`Mix`]) is late at dispatch, arrival or reply, returned after a wrong
//! dispatch, paused, extended, sent back for rework (not satisfied) or
//! withdrawn; late stages are often supervised. Each department has its own
//! diligence and each township its own strictness, drawn from the seed, so
//! rankings differ.
//!
//! **Determinism**: the only randomness is SplitMix64 (integer
//! arithmetic only, no floating point), seeded per day and per call from
//! the seed; the same seed gives the same log on every platform. Events
//! come in global time order (ties by call), each call's in its own order.
//! Generation streams: memory grows with the calls in flight, not with the
//! log.
//!
//! ```
//! use huying::{calendar::Calendar, catalog::Catalog};
//! use huying::compliance::generate::{Generator, GeneratorConfig};
//! let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig { calls: 50, ..Default::default() })?;
//! let events: Vec<_> = g.events().collect();
//! assert!(events.len() > 300);
//! assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
//! let again: Vec<_> = g.events().collect();
//! assert_eq!(events, again);
//! # Ok::<(), huying::compliance::LogError>(())
//! ```

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::io::Write;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, Weekday};

use super::LogError;
use crate::calendar::Calendar;
use crate::call::{Actor, Channel, Event, EventKind, Id};
use crate::catalog::{Catalog, MatterHandle, Stage, UnitHandle, UnitKind};
use crate::sla::{DayEnd, Limit, SlaClock};
use rustc_hash::FxHashMap as FxMap;

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fast, well-mixed
/// 64-bit generator. The same seed gives the same numbers everywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator from a seed.
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), without modulo bias worth
    /// mentioning (Lemire's multiply-shift).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + self.below(span) as i64
    }

    /// True with probability `per_mille / 1000`.
    pub(crate) fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < u64::from(per_mille)
    }
}

/// Mixes a seed with a tag and an index into an independent stream's seed.
fn stream(seed: u64, tag: u64, i: u64) -> u64 {
    let mut r = SplitMix64::new(seed ^ tag.rotate_left(32) ^ i.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    r.next_u64()
}

/// How often each kind of call happens, in calls per thousand. A
/// department's diligence scales the late ones (×0.5 to ×2), a township's
/// strictness the unsatisfied ones.
///
/// ```
/// let m = huying::compliance::generate::Mix::default();
/// assert_eq!(m.withdrawn, 30);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mix {
    /// Withdrawn by the township (before dispatch, before arrival or before the reply).
    pub withdrawn: u32,
    /// First dispatched to the wrong department, which returns it.
    pub misdispatched: u32,
    /// Dispatched late (after 30 minutes).
    pub late_dispatch: u32,
    /// Arriving late.
    pub late_arrival: u32,
    /// Replying late.
    pub late_reply: u32,
    /// The reply clock paused a few days (waiting for an inspection).
    pub paused: u32,
    /// An extension of the reply asked for (granted four times in five).
    pub extension: u32,
    /// Not satisfied at evaluation: sent back for rework.
    pub unsatisfied: u32,
    /// Dispatched without a separate acknowledgement.
    pub no_acknowledgement: u32,
    /// Closed without an evaluation.
    pub closed_unevaluated: u32,
    /// Of the late stages, supervised before they were done.
    pub supervised_when_late: u32,
}

impl Default for Mix {
    fn default() -> Mix {
        Mix {
            withdrawn: 30,
            misdispatched: 40,
            late_dispatch: 50,
            late_arrival: 70,
            late_reply: 90,
            paused: 40,
            extension: 40,
            unsatisfied: 70,
            no_acknowledgement: 700,
            closed_unevaluated: 30,
            supervised_when_late: 600,
        }
    }
}

/// What to generate.
///
/// The default: seed 2025, 600 calls (the article's county took 176 in its
/// first months), over the 365 days from 2025-07-01 — the sample list's
/// first year, when it took effect, across National Day 2025, Spring
/// Festival 2026 and the list's revision of 2026-03-01.
///
/// ```
/// let c = huying::compliance::generate::GeneratorConfig::default();
/// assert_eq!((c.seed, c.calls, c.days), (2025, 600, 365));
/// assert_eq!(c.from.to_string(), "2025-07-01");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// The seed.
    pub seed: u64,
    /// How many calls to raise over the period.
    pub calls: u64,
    /// The first day.
    pub from: NaiveDate,
    /// How many days.
    pub days: u32,
    /// The mix of calls.
    pub mix: Mix,
}

impl Default for GeneratorConfig {
    fn default() -> GeneratorConfig {
        GeneratorConfig {
            seed: 2025,
            calls: 600,
            from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default(),
            days: 365,
            mix: Mix::default(),
        }
    }
}

/// The most calls a generator raises.
///
/// ```
/// use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
/// let c = GeneratorConfig { calls: MAX_CALLS + 1, ..Default::default() };
/// assert!(Generator::new(&Catalog::sample(), &Calendar::china(), c).is_err());
/// ```
pub const MAX_CALLS: u64 = 50_000_000;

#[derive(Clone, Debug)]
struct MatterPlan {
    id: Id,
    handle: MatterHandle,
    weight: u64,
    limits: [Limit; 3],
}

#[derive(Clone, Debug)]
struct EditionPlan {
    start: i64,
    matters: Vec<MatterPlan>,
    total: u64,
}

#[derive(Clone, Debug)]
struct Town {
    id: Id,
    handle: UnitHandle,
    weight: u64,
    strictness: u32,
}

/// A seeded generator of a county's calls. See the [module docs](self).
///
/// ```
/// use huying::{calendar::Calendar, catalog::Catalog};
/// use huying::compliance::generate::{Generator, GeneratorConfig};
/// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig::default())?;
/// assert_eq!(g.period_end().to_rfc3339(), "2026-07-01T00:00:00+08:00");
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    cal: Calendar,
    catalog: Catalog,
    config: GeneratorConfig,
    command_centre: Id,
    towns: Vec<Town>,
    towns_total: u64,
    editions: Vec<EditionPlan>,
    /// County departments that hold a primary duty (for wrong dispatches).
    departments: Vec<Id>,
    /// Department → diligence factor (percent: 50 = half as often late).
    diligence: FxMap<String, u32>,
    /// Calls per day of the period.
    per_day: Vec<u32>,
    id_width: usize,
}

fn bad(problem: impl Into<String>) -> LogError {
    LogError::Generator {
        problem: problem.into(),
    }
}

/// Unix seconds of 00:00 China time on a date.
fn midnight(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
        - i64::from(crate::CHINA_OFFSET_SECS)
}

fn instant(ts: i64) -> DateTime<FixedOffset> {
    DateTime::from_timestamp(ts, 0)
        .unwrap_or_default()
        .with_timezone(&crate::china_offset())
}

fn date_of(ts: i64) -> NaiveDate {
    instant(ts).date_naive()
}

fn limit_secs(l: Limit) -> i64 {
    match l {
        Limit::Minutes(m) => i64::from(m) * 60,
        Limit::Hours(h) | Limit::WorkingHours(h) => i64::from(h) * 3600,
        Limit::Days(d) | Limit::WorkingDays(d) => i64::from(d) * 86_400,
    }
}

const DOMAIN_WEIGHTS: [(&str, u64); 6] = [
    ("natural_resources", 22),
    ("ecology_environment", 18),
    ("urban_rural_construction", 20),
    ("emergency_management", 10),
    ("market_supervision", 12),
    ("comprehensive_enforcement", 18),
];

/// Relative call volume per month (January first): more in summer.
const SEASON: [u64; 12] = [80, 75, 95, 100, 110, 120, 125, 120, 110, 105, 95, 85];

const TAG_DAY: u64 = 0xd1;
const TAG_CALL: u64 = 0xca11;
const TAG_UNIT: u64 = 0x0717;

impl Generator {
    /// A generator over a list and a calendar.
    ///
    /// # Errors
    /// [`LogError::Generator`] when the period starts before the list took
    /// effect, the calendar does not cover the period (and two months after
    /// it, for the last calls' clocks), the list has no township or no
    /// county-primary matter, or more than [`MAX_CALLS`] calls are asked.
    ///
    /// ```
    /// use huying::{calendar::Calendar, catalog::Catalog};
    /// use huying::compliance::generate::{Generator, GeneratorConfig};
    /// let early = GeneratorConfig { from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), ..Default::default() };
    /// let err = Generator::new(&Catalog::sample(), &Calendar::china(), early).unwrap_err();
    /// assert_eq!(err.code(), "compliance.generator");
    /// assert!(err.to_string().contains("2025-07-01"));
    /// ```
    pub fn new(
        catalog: &Catalog,
        cal: &Calendar,
        config: GeneratorConfig,
    ) -> Result<Generator, LogError> {
        if config.calls > MAX_CALLS {
            return Err(bad(format!(
                "at most {MAX_CALLS} calls, not {}",
                config.calls
            )));
        }
        if config.days == 0 {
            return Err(bad("the period has no days"));
        }
        let effective = catalog.data().effective;
        if config.from < effective {
            return Err(bad(format!(
                "the period starts {} but the list {} takes effect {effective}: calls are judged by the list in force",
                config.from,
                catalog.data().id
            )));
        }
        let last = config
            .from
            .checked_add_days(Days::new(u64::from(config.days) + 62))
            .ok_or_else(|| bad("the period is out of range"))?;
        for d in [config.from, last] {
            if !cal.covers(d) {
                return Err(bad(format!(
                    "the calendar {} ({}) does not cover {d}: it covers {:?}",
                    cal.name(),
                    cal.data_version(),
                    cal.years()
                )));
            }
        }
        let seed = config.seed;
        let hash = |tag: u64, s: &str| {
            let mut h = 0xcbf2_9ce4_8422_2325u64;
            for b in s.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            stream(seed, tag, h)
        };
        let towns: Vec<Town> = catalog
            .townships()
            .filter_map(|u| {
                let base = match u.kind {
                    UnitKind::StreetOffice => 4,
                    _ if u.name_zh.ends_with('乡') => 1,
                    _ => 2,
                };
                let base = if u.name_zh.ends_with("街道") {
                    4
                } else {
                    base
                };
                Some(Town {
                    id: Id::from(u.id.as_str()),
                    handle: catalog.unit_handle(&u.id)?,
                    weight: base * 10 + hash(TAG_UNIT, &u.id) % 10,
                    strictness: 60 + (hash(TAG_UNIT + 1, &u.id) % 90) as u32,
                })
            })
            .collect();
        let towns_total = towns.iter().map(|t| t.weight).sum();
        if towns.is_empty() {
            return Err(bad("the list has no township"));
        }
        let mut departments: Vec<Id> = Vec::new();
        let mut editions = Vec::new();
        for e in catalog.editions() {
            let mut matters = Vec::new();
            for m in e.matters().filter(|m| !m.is_territorial()) {
                let Some(handle) = catalog.matter_handle(&m.id) else {
                    continue;
                };
                let dw = DOMAIN_WEIGHTS
                    .iter()
                    .find(|(d, _)| *d == m.domain)
                    .map_or(10, |(_, w)| *w);
                matters.push(MatterPlan {
                    id: Id::from(m.id.as_str()),
                    handle,
                    weight: dw * (2 + hash(TAG_UNIT + 2, &m.id) % 4),
                    limits: Stage::ALL.map(|s| m.sla.limit(s)),
                });
                if let crate::catalog::Holder::Unit(u) = &m.primary.holder {
                    if !departments.iter().any(|d| d == u.as_str()) {
                        departments.push(Id::from(u.as_str()));
                    }
                }
            }
            let total = matters.iter().map(|m| m.weight).sum();
            editions.push(EditionPlan {
                start: e.start().timestamp(),
                matters,
                total,
            });
        }
        if editions.iter().all(|e| e.matters.is_empty()) {
            return Err(bad("the list has no matter with a county primary holder"));
        }
        departments.sort();
        let diligence = catalog
            .units()
            .map(|u| (u.id.clone(), 50 + (hash(TAG_UNIT + 3, &u.id) % 151) as u32))
            .collect();
        // Calls per day, in proportion to each day's weight.
        let weights: Vec<u64> = (0..config.days)
            .map(|i| {
                let d = config.from + Days::new(u64::from(i));
                let working = cal
                    .is_working_day(d)
                    .unwrap_or(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
                let season = SEASON.get(d.month0() as usize).copied().unwrap_or(100);
                season * if working { 100 } else { 35 }
            })
            .collect();
        let total: u128 = weights.iter().map(|&w| u128::from(w)).sum();
        let mut per_day = Vec::with_capacity(weights.len());
        let (mut cum, mut given) = (0u128, 0u64);
        for w in &weights {
            cum += u128::from(*w);
            let upto = (u128::from(config.calls) * cum / total.max(1)) as u64;
            per_day.push((upto - given) as u32);
            given = upto;
        }
        let max_day = per_day.iter().copied().max().unwrap_or(0);
        let id_width = max_day.to_string().len().max(4);
        Ok(Generator {
            cal: cal.clone(),
            catalog: catalog.clone(),
            command_centre: Id::from(catalog.data().command_centre.as_str()),
            config,
            towns,
            towns_total,
            editions,
            departments,
            diligence,
            per_day,
            id_width,
        })
    }

    /// The settings.
    ///
    /// ```
    /// # use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
    /// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig::default())?;
    /// assert_eq!(g.config().calls, 600);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn config(&self) -> &GeneratorConfig {
        &self.config
    }

    /// 00:00 of the first day (China time).
    ///
    /// ```
    /// # use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
    /// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig::default())?;
    /// assert_eq!(g.period_start().to_rfc3339(), "2025-07-01T00:00:00+08:00");
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn period_start(&self) -> DateTime<FixedOffset> {
        instant(midnight(self.config.from))
    }

    /// 00:00 of the day after the last (China time): the natural `as_of`.
    /// Calls raised near the end are still open then; their later events
    /// are generated too.
    ///
    /// ```
    /// # use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
    /// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig { days: 31, ..Default::default() })?;
    /// assert_eq!(g.period_end().to_rfc3339(), "2025-08-01T00:00:00+08:00");
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn period_end(&self) -> DateTime<FixedOffset> {
        instant(midnight(self.config.from) + i64::from(self.config.days) * 86_400)
    }

    /// Every event, in global time order, generated as they are taken.
    ///
    /// ```
    /// # use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
    /// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig { calls: 10, ..Default::default() })?;
    /// let first = g.events().next().unwrap();
    /// assert_eq!(first.event_type(), huying::call::EventType::Raised);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn events(&self) -> Events<'_> {
        Events {
            g: self,
            day: 0,
            seq: 0,
            today: VecDeque::new(),
            heap: BinaryHeap::new(),
            live: FxMap::default(),
        }
    }

    /// Writes the log as JSON lines; returns the number of events.
    ///
    /// # Errors
    /// [`LogError::Io`].
    ///
    /// ```
    /// # use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
    /// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig { calls: 5, ..Default::default() })?;
    /// let mut out = Vec::new();
    /// let n = g.write_json_lines(&mut out)?;
    /// assert_eq!(String::from_utf8(out).unwrap().lines().count() as u64, n);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn write_json_lines<W: Write>(&self, mut w: W) -> Result<u64, LogError> {
        let mut n = 0;
        for e in self.events() {
            w.write_all(e.to_json_line().as_bytes())?;
            w.write_all(b"\n")?;
            n += 1;
        }
        w.flush()?;
        Ok(n)
    }

    /// Writes the log as CSV ([`csv`](crate::call::log::csv)); returns the number
    /// of events.
    ///
    /// # Errors
    /// [`LogError::Io`].
    ///
    /// ```
    /// # use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
    /// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig { calls: 5, ..Default::default() })?;
    /// let mut out = Vec::new();
    /// let n = g.write_csv(&mut out)?;
    /// assert_eq!(String::from_utf8(out).unwrap().lines().count() as u64, n + 1);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    #[cfg(feature = "csv")]
    pub fn write_csv<W: Write>(&self, w: W) -> Result<u64, LogError> {
        let mut out = crate::call::log::csv::Writer::new(w)?;
        let mut n = 0;
        for e in self.events() {
            out.write(&e)?;
            n += 1;
        }
        out.finish()?.flush()?;
        Ok(n)
    }

    /// The raise instants of a day's calls, sorted.
    fn raises(&self, day: u32) -> Vec<i64> {
        let k = self.per_day.get(day as usize).copied().unwrap_or(0);
        let date = self.config.from + Days::new(u64::from(day));
        let base = midnight(date);
        let mut r = SplitMix64::new(stream(self.config.seed, TAG_DAY, u64::from(day)));
        let mut out: Vec<i64> = (0..k)
            .map(|_| {
                let slot = r.below(100);
                let (lo, hi) = match slot {
                    0..45 => (8 * 3600 + 1800, 12 * 3600),
                    45..85 => (14 * 3600, 18 * 3600),
                    85..95 => (18 * 3600, 22 * 3600),
                    95..98 => (22 * 3600, 24 * 3600 - 1),
                    _ => (6 * 3600, 8 * 3600 + 1800),
                };
                base + r.range(lo, hi - 1)
            })
            .collect();
        out.sort_unstable();
        out
    }

    fn pick_town(&self, r: &mut SplitMix64) -> Option<&Town> {
        let mut x = r.below(self.towns_total);
        for t in &self.towns {
            if x < t.weight {
                return Some(t);
            }
            x -= t.weight;
        }
        self.towns.last()
    }

    fn edition_at(&self, ts: i64) -> Option<&EditionPlan> {
        let i = self.editions.partition_point(|e| e.start <= ts);
        self.editions.get(i.saturating_sub(1))
    }

    /// A working day's office instant: 08:30–12:00 or 14:00–17:30.
    fn office_time(r: &mut SplitMix64, d: NaiveDate) -> i64 {
        let secs = r.range(0, 7 * 3600 - 1);
        let local = if secs < 12_600 {
            8 * 3600 + 1800 + secs
        } else {
            14 * 3600 + secs - 12_600
        };
        midnight(d) + local
    }

    /// The working days from `a` to `b`, inclusive.
    fn working_days(&self, a: NaiveDate, b: NaiveDate) -> Vec<NaiveDate> {
        a.iter_days()
            .take_while(|d| *d <= b)
            .take(60)
            .filter(|d| self.cal.is_working_day(*d).unwrap_or(false))
            .collect()
    }

    /// A reply instant for a reply clock due at `due`: on time, on a
    /// working day up to the due day, or late, on one of the three working
    /// days after it.
    fn reply_time(&self, r: &mut SplitMix64, after: i64, due: i64, late: bool) -> i64 {
        let due_day = date_of(due - 1);
        if late {
            let k = r.range(1, 3);
            let d = self
                .cal
                .add_working_days(due_day, k)
                .unwrap_or(due_day + Days::new(k as u64));
            return Self::office_time(r, d).max(due + 3600);
        }
        let days = self.working_days(date_of(after), due_day);
        let pick = days.get(r.below(days.len() as u64) as usize).copied();
        match pick.map(|d| Self::office_time(r, d)) {
            Some(t) if t > after + 600 && t < due => t,
            _ => {
                let room = (due - after - 600).max(600);
                after + r.range(600, room.min(4 * 3600))
            }
        }
    }

    /// The events of the call `seq` raised at `t0`, in order.
    fn call(&self, seq: u64, t0: i64, id: &Id) -> Vec<Event> {
        let mut r = SplitMix64::new(stream(self.config.seed, TAG_CALL, seq));
        let mix = self.config.mix;
        let mut s = Script {
            call: id.clone(),
            events: Vec::with_capacity(10),
            last: t0 - 60,
        };
        let (Some(town), Some(ed)) = (self.pick_town(&mut r), self.edition_at(t0)) else {
            return Vec::new();
        };
        let Some(m) = ({
            let mut x = r.below(ed.total);
            let mut found = ed.matters.last();
            for m in &ed.matters {
                if x < m.weight {
                    found = Some(m);
                    break;
                }
                x -= m.weight;
            }
            found
        }) else {
            return Vec::new();
        };
        let unit = self
            .catalog
            .resolve_handle(m.handle, town.handle, &instant(t0))
            .ok()
            .and_then(|h| self.catalog.unit_by_handle(h))
            .map(|u| Id::from(u.id.as_str()));
        let Some(unit) = unit else {
            return Vec::new();
        };
        let dept = super::tally::record::department_of(Some(&self.catalog), &unit).to_string();
        let diligence = self.diligence.get(&dept).copied().unwrap_or(100);
        let late = |r: &mut SplitMix64, per_mille: u32| {
            r.below(100_000) < u64::from(per_mille) * u64::from(diligence)
        };
        let cc = Actor::command_centre(self.command_centre.clone());
        let twn = Actor::township(town.id.clone());
        let [dispatch_limit, arrival_limit, reply_limit] = m.limits;
        let (dl, al) = (limit_secs(dispatch_limit), limit_secs(arrival_limit));

        s.push(
            t0,
            twn.clone(),
            EventKind::Raised {
                township: town.id.clone(),
                matter: m.id.clone(),
                channel: if r.chance(600) {
                    Channel::Video
                } else {
                    Channel::Text
                },
            },
        );
        let withdraw = r.chance(mix.withdrawn).then(|| r.below(3));
        if !r.chance(mix.no_acknowledgement) {
            s.push(t0 + r.range(30, 300), cc.clone(), EventKind::Acknowledged);
        }
        if withdraw == Some(0) {
            s.push(
                s.last + r.range(300, 1500),
                twn.clone(),
                EventKind::Withdrawn {
                    reason: "问题已自行解决".into(),
                },
            );
            return s.events;
        }
        // Dispatch (and a wrong one first, now and then).
        let mut clock_start = t0;
        let supervise_late =
            |s: &mut Script, r: &mut SplitMix64, stage: Stage, due: i64, done: i64| {
                if done - due > 900 && r.chance(mix.supervised_when_late) {
                    let at = due + r.range(300, (done - due - 300).max(300));
                    if at < done && at > s.last {
                        s.push(
                            at,
                            cc.clone(),
                            EventKind::Supervised {
                                stage,
                                note: "超时督办".into(),
                            },
                        );
                    }
                }
            };
        let dispatch_at = |r: &mut SplitMix64, from: i64| {
            if r.chance(mix.late_dispatch) {
                from + dl + r.range(120, 5400)
            } else {
                from + r.range(180, (dl - 120).max(180))
            }
        };
        if r.chance(mix.misdispatched) && self.departments.len() > 1 {
            let others: Vec<&Id> = self
                .departments
                .iter()
                .filter(|d| d.as_str() != dept)
                .collect();
            if let Some(wrong) = others.get(r.below(others.len() as u64) as usize) {
                let wrong = (*wrong).clone();
                let td = dispatch_at(&mut r, t0).max(s.last + 60);
                supervise_late(&mut s, &mut r, Stage::Dispatch, t0 + dl, td);
                s.push(
                    td,
                    cc.clone(),
                    EventKind::Dispatched {
                        department: wrong.clone(),
                        supporting: vec![town.id.clone()],
                    },
                );
                let wa = Actor::department(wrong);
                if r.chance(500) {
                    s.push(s.last + r.range(300, 1800), wa.clone(), EventKind::Signed);
                }
                s.push(
                    s.last + r.range(600, 7200),
                    wa,
                    EventKind::Returned {
                        reason: "非本单位职责，申请退回重新派遣".into(),
                    },
                );
                clock_start = s.last;
                if r.chance(500) {
                    s.push(
                        s.last + r.range(60, 300),
                        cc.clone(),
                        EventKind::Acknowledged,
                    );
                }
            }
        }
        let td = dispatch_at(&mut r, clock_start).max(s.last + 60);
        supervise_late(&mut s, &mut r, Stage::Dispatch, clock_start + dl, td);
        s.push(
            td,
            cc.clone(),
            EventKind::Dispatched {
                department: unit.clone(),
                supporting: vec![town.id.clone()],
            },
        );
        let td = s.last;
        let dep = Actor::department(unit.clone());
        s.push(td + r.range(180, 2400), dep.clone(), EventKind::Signed);
        if withdraw == Some(1) {
            s.push(
                s.last + r.range(600, 3600),
                twn.clone(),
                EventKind::Withdrawn {
                    reason: "群众诉求已化解".into(),
                },
            );
            return s.events;
        }
        // Arrival on site.
        let due_a = td + al;
        let ta = if late(&mut r, mix.late_arrival) {
            due_a + r.range(600, 5 * 3600)
        } else {
            let lo = s.last + 600;
            lo + r.range(0, (due_a - 300 - lo).max(0))
        };
        let ta = ta.max(s.last + 60);
        supervise_late(&mut s, &mut r, Stage::Arrival, due_a, ta);
        s.push(ta, dep.clone(), EventKind::Arrived);
        // The reply clock, counted in working days from the dispatch.
        let mut clock =
            SlaClock::start_with(&self.cal, reply_limit, DayEnd::Midnight, instant(td)).ok();
        let due_of = |c: &Option<SlaClock>| {
            c.as_ref()
                .and_then(|c| c.due().ok())
                .map_or(td + 3 * 86_400, |d| d.timestamp())
        };
        if r.chance(mix.paused) {
            let at = s.last + r.range(1800, 6 * 3600);
            if at < due_of(&clock) - 7200 {
                s.push(
                    at,
                    cc.clone(),
                    EventKind::Paused {
                        stage: Stage::Reply,
                        reason: "等待第三方检测鉴定结果".into(),
                    },
                );
                let back = s.last + r.range(86_400, 5 * 86_400);
                s.push(
                    back,
                    cc.clone(),
                    EventKind::Resumed {
                        stage: Stage::Reply,
                    },
                );
                if let Some(c) = clock.as_mut() {
                    let _ = c.pause(instant(at), "pause");
                    let _ = c.resume(instant(s.last));
                }
            }
        }
        if r.chance(mix.extension) && reply_limit.is_days() {
            let at = s.last + r.range(3600, 20 * 3600);
            if at < due_of(&clock) - 3600 {
                let extra = reply_limit.with_amount(2);
                s.push(
                    at,
                    dep.clone(),
                    EventKind::ExtensionRequested {
                        stage: Stage::Reply,
                        extra,
                        reason: "需协调多部门联合处置".into(),
                    },
                );
                let decide = s.last + r.range(1800, 6 * 3600);
                if r.chance(800) {
                    s.push(
                        decide,
                        cc.clone(),
                        EventKind::ExtensionGranted {
                            stage: Stage::Reply,
                            extra: None,
                        },
                    );
                    if let Some(c) = clock.as_mut() {
                        let _ = c.extend(extra);
                    }
                } else {
                    s.push(
                        decide,
                        cc.clone(),
                        EventKind::ExtensionDenied {
                            stage: Stage::Reply,
                            reason: "理由不充分".into(),
                        },
                    );
                }
            }
        }
        let due_r = due_of(&clock);
        if withdraw == Some(2) {
            s.push(
                s.last + r.range(3600, 30 * 3600),
                twn.clone(),
                EventKind::Withdrawn {
                    reason: "当事人已自行整改".into(),
                },
            );
            return s.events;
        }
        let late_r = late(&mut r, mix.late_reply);
        let tr = self
            .reply_time(&mut r, s.last, due_r, late_r)
            .max(s.last + 60);
        supervise_late(&mut s, &mut r, Stage::Reply, due_r, tr);
        s.push(
            tr,
            dep.clone(),
            EventKind::Replied {
                result: "已现场核查处置，问题已整改到位".into(),
            },
        );
        if r.chance(mix.closed_unevaluated) {
            s.push(s.last + r.range(1800, 20 * 3600), cc, EventKind::Closed);
            return s.events;
        }
        let mut rework = 0;
        loop {
            let te = s.last + r.range(3600, 30 * 3600);
            let unhappy = rework < 2
                && r.below(100_000) < u64::from(mix.unsatisfied) * u64::from(town.strictness);
            s.push(
                te,
                twn.clone(),
                EventKind::Evaluated {
                    satisfied: !unhappy,
                    comment: if unhappy {
                        "整改不到位，要求返工"
                    } else {
                        "满意"
                    }
                    .into(),
                },
            );
            if !unhappy {
                break;
            }
            rework += 1;
            let te = s.last;
            let due = SlaClock::start_with(&self.cal, reply_limit, DayEnd::Midnight, instant(te))
                .ok()
                .and_then(|c| c.due().ok())
                .map_or(te + 3 * 86_400, |d| d.timestamp());
            let late_rw = late(&mut r, mix.late_reply);
            let tr = self.reply_time(&mut r, te, due, late_rw).max(s.last + 60);
            s.push(
                tr,
                dep.clone(),
                EventKind::Replied {
                    result: "已返工整改完毕".into(),
                },
            );
        }
        s.push(s.last + r.range(600, 20 * 3600), cc, EventKind::Closed);
        s.events
    }
}

/// Appends `n` in decimal, zero-padded to `width` digits.
fn push_digits(out: &mut String, n: u32, width: usize) {
    let digits = n.to_string();
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// A call's events as they are written: each strictly after the last.
struct Script {
    call: Id,
    events: Vec<Event>,
    last: i64,
}

impl Script {
    fn push(&mut self, at: i64, actor: Actor, kind: EventKind) {
        let at = at.max(self.last + 60);
        self.last = at;
        self.events
            .push(Event::new(self.call.clone(), instant(at), actor, kind));
    }
}

/// The events of a [`Generator`], in global time order (ties by call, then
/// each call's order). Holds only the calls in flight.
///
/// ```
/// # use huying::{calendar::Calendar, catalog::Catalog, compliance::generate::*};
/// let g = Generator::new(&Catalog::sample(), &Calendar::china(), GeneratorConfig { calls: 20, ..Default::default() })?;
/// let n = g.events().filter(|e| e.event_type() == huying::call::EventType::Raised).count();
/// assert_eq!(n, 20);
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
#[derive(Debug)]
pub struct Events<'a> {
    g: &'a Generator,
    day: u32,
    seq: u64,
    /// Today's raises not yet generated: (instant, call number in the day).
    today: VecDeque<(i64, u32)>,
    /// (next event's instant, call sequence) of each call in flight.
    heap: BinaryHeap<Reverse<(i64, u64)>>,
    live: FxMap<u64, VecDeque<Event>>,
}

impl Events<'_> {
    /// The next raise, loading days as needed.
    fn next_raise(&mut self) -> Option<(i64, u32)> {
        while self.today.is_empty() {
            if self.day >= self.g.config.days {
                return None;
            }
            self.today = self
                .g
                .raises(self.day)
                .into_iter()
                .enumerate()
                .map(|(i, t)| (t, i as u32 + 1))
                .collect();
            self.day += 1;
        }
        self.today.front().copied()
    }

    fn start_call(&mut self, t0: i64, nth: u32) {
        self.today.pop_front();
        let date = date_of(midnight(self.g.config.from) + i64::from(self.day - 1) * 86_400);
        let mut id = String::with_capacity(24);
        id.push_str("XJ");
        let ymd = date.year().max(0) as u32 * 10_000 + date.month() * 100 + date.day();
        push_digits(&mut id, ymd, 8);
        push_digits(&mut id, nth, self.g.id_width);
        let id = Id::from(id);
        let seq = self.seq;
        self.seq += 1;
        let events: VecDeque<Event> = self.g.call(seq, t0, &id).into();
        if let Some(first) = events.front() {
            self.heap.push(Reverse((first.at.timestamp(), seq)));
            self.live.insert(seq, events);
        }
    }
}

impl Iterator for Events<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            let top = self.heap.peek().map(|Reverse(k)| *k);
            match (self.next_raise(), top) {
                (Some((t0, nth)), Some((at, seq))) if (t0, self.seq) <= (at, seq) => {
                    self.start_call(t0, nth);
                }
                (Some((t0, nth)), None) => self.start_call(t0, nth),
                (_, Some((_, seq))) => {
                    self.heap.pop();
                    let q = self.live.get_mut(&seq)?;
                    let e = q.pop_front()?;
                    match q.front() {
                        Some(next) => self.heap.push(Reverse((next.at.timestamp(), seq))),
                        None => {
                            self.live.remove(&seq);
                        }
                    }
                    return Some(e);
                }
                (None, None) => return None,
            }
        }
    }
}
