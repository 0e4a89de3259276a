//! Streaming replay of an event log: keeps only the open calls, folds each
//! call into the tally when it closes or is withdrawn, and reports every
//! bad line.

use std::borrow::Borrow;
use std::fmt;
use std::io::BufRead;
#[cfg(feature = "csv")]
use std::io::Read;
use std::str::FromStr;

use chrono::DateTime;

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod ahead;
mod open;

use open::{Open, OpenCalls, hash};

use crate::calendar::Calendar;
use crate::call::{CallCore, CallError, CallPolicy, Context, Event, EventKind, Names};
use crate::catalog::Catalog;
use crate::compliance::tally::Judged;
use crate::compliance::{
    BadLine, BadLineKind, CallRecord, InputStats, LogError, Report, ReportConfig, Tally,
};

/// What to do with a bad line: skip it (it is counted and listed in the
/// report) or stop the replay with an error.
///
/// ```
/// use huying::compliance::OnError;
/// assert_eq!("fail".parse::<OnError>(), Ok(OnError::Fail));
/// assert_eq!(OnError::default(), OnError::Skip);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OnError {
    /// Skip the line, count it, list it (up to the report's limit).
    #[default]
    Skip,
    /// Stop at the first bad line with [`LogError::BadLine`].
    Fail,
}

impl FromStr for OnError {
    type Err = String;
    fn from_str(s: &str) -> Result<OnError, String> {
        match s.trim() {
            "skip" => Ok(OnError::Skip),
            "fail" => Ok(OnError::Fail),
            other => Err(format!("unknown error mode {other:?}: skip or fail")),
        }
    }
}

/// The format of an event log.
///
/// ```
/// use huying::compliance::LogFormat;
/// assert_eq!(LogFormat::from_path("calls-2025.csv"), LogFormat::Csv);
/// assert_eq!(LogFormat::from_path("calls.jsonl"), LogFormat::JsonLines);
/// assert_eq!("csv".parse::<LogFormat>(), Ok(LogFormat::Csv));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogFormat {
    /// JSON lines, the call module's log format ([`crate::call::log`]).
    JsonLines,
    /// Flat CSV ([`csv`](crate::call::log::csv)).
    Csv,
}

impl LogFormat {
    /// CSV for a `.csv` path (any case), else JSON lines.
    ///
    /// ```
    /// assert_eq!(huying::compliance::LogFormat::from_path("X.CSV"), huying::compliance::LogFormat::Csv);
    /// ```
    pub fn from_path(path: &str) -> LogFormat {
        if path.to_ascii_lowercase().ends_with(".csv") {
            LogFormat::Csv
        } else {
            LogFormat::JsonLines
        }
    }
}

impl FromStr for LogFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<LogFormat, String> {
        match s.trim() {
            "jsonl" | "json" | "jsonlines" | "json-lines" => Ok(LogFormat::JsonLines),
            "csv" => Ok(LogFormat::Csv),
            other => Err(format!("unknown log format {other:?}: jsonl or csv")),
        }
    }
}

/// How many events a reader parses before handing them to the replay (which
/// reads ahead within them).
const BATCH: usize = 1024;

/// A sink for per-call records.
type Sink = Box<dyn FnMut(&CallRecord)>;

/// Replays an event log into a compliance [`Report`], streaming.
///
/// Events of different calls may be interleaved in any way, as long as each
/// call's own events come in their order (the call refuses time going
/// backwards and transitions out of order). Only open calls are kept: a
/// call is folded into the tally and dropped when it is closed or
/// withdrawn, so memory grows with the calls open at once, not with the log
/// ([`InputStats::max_open_calls`]).
///
/// Events after the report's `as_of` are ignored and counted. Each bad line
/// — unreadable, refused by its call, for a call that is not open, or a
/// second `raised` — is reported with its line number and skipped or fatal
/// by [`OnError`]; skipped lines are counted in the report.
///
/// The call policy per call comes from the list in force when it was
/// raised: the list's command centre and each matter's own limits (see
/// [`crate::call::CallPolicy::with_matter`]), with every unit checked
/// against the list ([`crate::call::CallPolicy::from_catalog`]); without a
/// list, [`crate::call::CallPolicy::trust_everyone`], and the report says
/// that identities were not checked. [`Replay::with_policy`] sets one
/// policy for all.
///
/// ```
/// use huying::{calendar::Calendar, catalog::Catalog, call::log};
/// use huying::compliance::{OnError, Replay, ReportConfig};
/// let mut text = log::EXAMPLE.to_string();
/// text.push_str("not an event\n");
/// let mut r = Replay::new(&Calendar::china(), Some(&Catalog::sample()), ReportConfig::new(None))?;
/// r.read_json_lines(text.as_bytes())?;
/// let report = r.finish();
/// assert_eq!(report.total.calls, 1);
/// assert_eq!(report.input.skipped, 1);
/// assert_eq!(report.input.bad_lines[0].line, 9);
///
/// let mut strict = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?.on_error(OnError::Fail);
/// let err = strict.read_json_lines(text.as_bytes()).unwrap_err();
/// assert_eq!(err.code(), "compliance.bad_line");
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
pub struct Replay {
    cal: Calendar,
    catalog: Option<Catalog>,
    /// (start of the edition, Unix seconds; policy), oldest first.
    policies: Vec<(i64, CallPolicy)>,
    /// The first instant after the report's `as_of` (its next whole
    /// second: events are judged in whole seconds), in local seconds
    /// ([`crate::time::local_secs`]): a whole second, so an event is after
    /// it exactly when its local second is.
    after_ls: Option<i64>,
    /// Events' local seconds, kept by the day.
    days: crate::time::LocalSecs,
    on_error: OnError,
    max_bad: usize,
    /// The longest line the readers take ([`Replay::max_line_bytes`]).
    max_line: usize,
    tally: Tally,
    /// The open calls (each stored once, never moved while open).
    open: OpenCalls,
    /// The names the open calls' units are numbered in: one table for the log.
    names: Names,
    stats: InputStats,
    sink: Option<Sink>,
}

impl fmt::Debug for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replay")
            .field("open", &self.open.len())
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

/// The index of the policy in force at Unix second `ts`, of the policies by start.
fn policy_for(policies: &[(i64, CallPolicy)], ts: i64) -> u16 {
    let i = policies.partition_point(|(s, _)| *s <= ts);
    u16::try_from(i.saturating_sub(1)).unwrap_or(0)
}

/// The policy of an index ([`policy_for`]).
fn policy_at(policies: &[(i64, CallPolicy)], i: u16) -> &CallPolicy {
    policies
        .get(usize::from(i))
        .map(|(_, p)| p)
        .unwrap_or_else(|| policy_default())
}

/// The call policy of each edition of a list ([`CallPolicy::from_catalog`]
/// at the edition's start), and before the list the default policy with
/// the list's command centre.
fn policies(catalog: Option<&Catalog>) -> Vec<(i64, CallPolicy)> {
    // Without a list there is nothing to check an identity against: the
    // report says so (its `identities_checked` is false).
    let Some(c) = catalog else {
        return vec![(i64::MIN, CallPolicy::trust_everyone())];
    };
    let before = match c.command_centre() {
        Some(cc) => CallPolicy::new(cc.id.as_str()),
        None => CallPolicy::trust_everyone(),
    };
    let mut out = vec![(i64::MIN, before.clone())];
    for e in c.editions() {
        let start = e.start();
        let p = CallPolicy::from_catalog(c, &start).unwrap_or_else(|_| before.clone());
        out.push((start.timestamp(), p));
    }
    out
}

impl Replay {
    /// A replay into a report with these settings, judged by this list.
    ///
    /// # Errors
    /// [`LogError::Config`] for bad settings.
    ///
    /// ```
    /// use huying::{calendar::Calendar, compliance::{Replay, ReportConfig}};
    /// let r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// assert_eq!(r.open_calls(), 0);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn new(
        cal: &Calendar,
        catalog: Option<&Catalog>,
        config: ReportConfig,
    ) -> Result<Replay, LogError> {
        let after = config.as_of.and_then(|t| {
            let next = DateTime::from_timestamp(t.timestamp().checked_add(1)?, 0)?;
            Some(next.fixed_offset())
        });
        Ok(Replay {
            cal: cal.clone(),
            catalog: catalog.cloned(),
            policies: policies(catalog),
            after_ls: after.as_ref().map(crate::time::local_secs),
            days: crate::time::LocalSecs::default(),
            on_error: OnError::Skip,
            max_bad: config.max_bad_lines,
            max_line: crate::call::log::MAX_LINE_BYTES,
            tally: Tally::new(&config, catalog)?,
            open: OpenCalls::default(),
            names: Names::default(),
            stats: InputStats::default(),
            sink: None,
        })
    }

    /// Uses one call policy for every call (instead of the list's).
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::CallPolicy, catalog::Stage, sla::Limit};
    /// use huying::compliance::{Replay, ReportConfig};
    /// let p = CallPolicy::new("U008").with_limit(Stage::Reply, Limit::WorkingDays(5));
    /// let r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?.with_policy(p);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn with_policy(mut self, policy: CallPolicy) -> Replay {
        self.policies = vec![(i64::MIN, policy)];
        self
    }

    /// The longest line the readers take, in bytes (line ending excluded;
    /// [`crate::call::log::MAX_LINE_BYTES`] by default): a longer line is a
    /// bad line, skipped to its end without being kept, so memory stays
    /// bounded whatever the file holds.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut text = "x".repeat(5000);
    /// text.push('\n');
    /// text.push_str(log::EXAMPLE);
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?.max_line_bytes(1024);
    /// r.read_json_lines(text.as_bytes())?;
    /// let report = r.finish();
    /// assert_eq!(report.input.bad_lines[0].line, 1);
    /// assert!(report.input.bad_lines[0].message.contains("over the limit of 1024 bytes"));
    /// assert_eq!(report.total.calls, 1);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn max_line_bytes(mut self, max: usize) -> Replay {
        self.max_line = max;
        self
    }

    /// Skips bad lines (the default) or fails at the first.
    ///
    /// ```
    /// use huying::{calendar::Calendar, compliance::{OnError, Replay, ReportConfig}};
    /// let r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?.on_error(OnError::Fail);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn on_error(mut self, on_error: OnError) -> Replay {
        self.on_error = on_error;
        self
    }

    /// Hands each call's [`CallRecord`] to `sink` when the call leaves
    /// memory (closed or withdrawn, or at the end, still open, in call id
    /// order). For per-call output; the report does not need it.
    ///
    /// ```
    /// use std::{cell::RefCell, rc::Rc};
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig, StageStatus}};
    /// let seen = Rc::new(RefCell::new(Vec::new()));
    /// let s = seen.clone();
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?
    ///     .with_records(move |rec| s.borrow_mut().push(rec.status));
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// r.finish();
    /// assert_eq!(*seen.borrow(), [StageStatus::Met]);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn with_records(mut self, sink: impl FnMut(&CallRecord) + 'static) -> Replay {
        self.sink = Some(Box::new(sink));
        self
    }

    /// How many calls are open (in memory) now.
    ///
    /// ```
    /// # use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// r.read_json_lines(log::EXAMPLE.lines().next().unwrap().as_bytes())?;
    /// assert_eq!(r.open_calls(), 1);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn open_calls(&self) -> usize {
        self.open.len()
    }

    /// What has been read so far.
    ///
    /// ```
    /// # use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// assert_eq!(r.stats().events, 8);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn stats(&self) -> &InputStats {
        &self.stats
    }

    /// Counts a bad line; fails under [`OnError::Fail`].
    #[cold]
    fn bad(&mut self, b: BadLine) -> Result<(), LogError> {
        self.stats.skipped += 1;
        if self.on_error == OnError::Fail {
            return Err(LogError::BadLine(b));
        }
        if self.stats.bad_lines.len() < self.max_bad {
            self.stats.bad_lines.push(b);
        }
        Ok(())
    }

    #[cold]
    fn refused(line: u64, e: &Event, kind: BadLineKind, code: &str, message: String) -> BadLine {
        BadLine {
            line,
            call: Some(e.call.to_string()),
            kind,
            code: code.to_string(),
            message,
        }
    }

    /// Folds the call in `slot` into the tally and frees the slot; `h` is
    /// the hash of its id, if known.
    fn fold(&mut self, slot: u32, h: Option<u64>) {
        // Judged where it lies (it is not moved out first).
        let (tally, sink, catalog) = (&mut self.tally, &mut self.sink, self.catalog.as_ref());
        let (names, cal) = (&self.names, &self.cal);
        self.open.remove_with(slot, h, |open| {
            let call = Judged {
                core: &open.core,
                names,
                cal,
            };
            tally.add_judged(call);
            if let Some(sink) = sink.as_mut() {
                let at = tally.as_of().unwrap_or_else(|| call.last_event_at());
                sink(&CallRecord::of(call, at, catalog));
            }
        });
    }

    /// Takes one event, read at a 1-based `line` of the log (for reports).
    ///
    /// # Errors
    /// [`LogError::BadLine`] for a refused event under [`OnError::Fail`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// for (i, e) in log::read(log::EXAMPLE).unwrap().iter().enumerate() {
    ///     r.push(i as u64 + 1, e)?;
    /// }
    /// assert_eq!(r.open_calls(), 0); // closed: folded and dropped
    /// assert_eq!(r.finish().total.calls, 1);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn push(&mut self, line: u64, e: &Event) -> Result<(), LogError> {
        self.push_hashed(line, e, hash(&e.call), u32::MAX)
    }

    /// [`Replay::push`] with the hash of the event's call id known, and the
    /// slot its call was seen in when the event was read ahead (or
    /// `u32::MAX`).
    fn push_hashed(&mut self, line: u64, e: &Event, h: u64, hint: u32) -> Result<(), LogError> {
        self.stats.events += 1;
        let ls = self.days.of(&e.at);
        match self.after_ls {
            Some(a) => {
                if ls >= a {
                    self.stats.after_as_of += 1;
                    return Ok(());
                }
            }
            // The latest instant seen counts only in a report without
            // `as_of`: with `after` set there is one, and it is the
            // tally's `as_of` whatever the tally has seen.
            None => self.tally.note(e.at),
        }
        if let EventKind::Raised { .. } = e.kind {
            let open = self.open.find(&e.call, h, hint).is_some();
            if open || self.open.has_left(&e.call, h) {
                let b = Self::refused(
                    line,
                    e,
                    BadLineKind::DuplicateCall,
                    "call.duplicate_id",
                    format!(
                        "call {} is raised a second time (it is {}): a call id is raised once",
                        e.call,
                        if open { "open" } else { "closed or withdrawn" }
                    ),
                );
                return self.bad(b);
            }
            let p = policy_for(&self.policies, e.at.timestamp());
            let cx = Context::new(&self.cal, policy_at(&self.policies, p));
            return match CallCore::raise(cx, &mut self.names, e, ls) {
                Ok(core) => {
                    let event_ids = e.id.iter().cloned().collect();
                    self.open.insert(
                        Open {
                            core,
                            policy: p,
                            event_ids,
                        },
                        h,
                    );
                    self.stats.calls += 1;
                    self.stats.applied += 1;
                    self.stats.max_open_calls =
                        self.stats.max_open_calls.max(self.open.len() as u64);
                    Ok(())
                }
                Err(err) => {
                    let b =
                        Self::refused(line, e, BadLineKind::Refused, err.code(), err.to_string());
                    self.bad(b)
                }
            };
        }
        let Some(slot) = self.open.find(&e.call, h, hint) else {
            let b = Self::refused(
                line,
                e,
                BadLineKind::UnknownCall,
                "compliance.unknown_call",
                format!(
                    "call {} is not open: never raised in this log, or already closed or withdrawn",
                    e.call
                ),
            );
            return self.bad(b);
        };
        let (policies, cal, names) = (&self.policies, &self.cal, &mut self.names);
        let applied = match self.open.get_mut(slot) {
            // `find` matched the call by its id.
            Some(open) => {
                if let Some(id) = &e.id {
                    if open.event_ids.contains(id) {
                        let b = Self::refused(
                            line,
                            e,
                            BadLineKind::Refused,
                            "call.duplicate_event",
                            format!(
                                "event {id} of call {} was applied before: an event is applied once",
                                e.call
                            ),
                        );
                        return self.bad(b);
                    }
                }
                let cx = Context::new(cal, policy_at(policies, open.policy));
                let applied = open.core.apply(cx, names, e, ls);
                if let (Ok(()), Some(id)) = (&applied, &e.id) {
                    open.event_ids.push(id.clone());
                }
                applied.map(|()| open.core.is_open())
            }
            None => Ok(true),
        };
        match applied {
            Ok(still_open) => {
                self.stats.applied += 1;
                if !still_open {
                    self.fold(slot, Some(h));
                }
                Ok(())
            }
            Err(err) => {
                let b = Self::refused(line, e, BadLineKind::Refused, err.code(), err.to_string());
                self.bad(b)
            }
        }
    }

    /// Takes events in order, numbering them from line 1.
    ///
    /// # Errors
    /// As [`Replay::push`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// r.push_events(&log::read(log::EXAMPLE).unwrap())?;
    /// assert_eq!(r.stats().events, 8);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn push_events<I>(&mut self, events: I) -> Result<(), LogError>
    where
        I: IntoIterator,
        I::Item: Borrow<Event>,
    {
        self.push_ahead((1u64..).zip(events), true)
    }

    /// Takes events with their line numbers, in order, reading ahead.
    ///
    /// The events of a big log's open calls interleave: an event's call was
    /// last touched hours of log ago and has left the caches. Each event is
    /// taken `AHEAD` events before it is applied, and what it will read is
    /// asked for in steps, each step finding its addresses in lines the step
    /// before brought in: the event itself; its id's hash and its facts on
    /// the heap; its call (found in the table) and the call's clocks. The
    /// result is that of [`Replay::push`] on each event in turn; each event
    /// counts as a line read when `count_lines` (the readers count their
    /// lines themselves).
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    fn push_ahead<I, E>(&mut self, events: I, count_lines: bool) -> Result<(), LogError>
    where
        I: IntoIterator<Item = (u64, E)>,
        E: Borrow<Event>,
    {
        const AHEAD: usize = 32; // a power of two: the ring's length
        const HASH: usize = 24;
        const HEAD: usize = 16;
        const CLOCKS: usize = 8;
        const MASK: usize = AHEAD - 1;
        // The events read and not yet applied: the one read `k` events ago
        // is at `(taken - 1 - k) & MASK`; beside it, its line, and once
        // reached by those steps its id's hash and the slot its call was
        // seen in (a place not reached yet holds a stale hash or slot: a
        // wasted hint, overwritten before the event is applied).
        let mut ring: [Option<E>; AHEAD] = std::array::from_fn(|_| None);
        let mut lines = [0u64; AHEAD];
        let mut hashes = [0u64; AHEAD];
        let mut slots = [u32::MAX; AHEAD];
        let mut taken = 0usize;
        for (line, e) in events {
            // The place of the event read `AHEAD` events ago: apply it first.
            let at = taken & MASK;
            ahead::event(e.borrow());
            if let (Some(r), Some(l), Some(&h), Some(&slot)) = (
                ring.get_mut(at),
                lines.get_mut(at),
                hashes.get(at),
                slots.get(at),
            ) {
                let old_line = std::mem::replace(l, line);
                if let Some(old) = r.replace(e) {
                    self.stats.lines += u64::from(count_lines);
                    self.push_hashed(old_line, old.borrow(), h, slot)?;
                }
            }
            let i = taken.wrapping_sub(AHEAD - HASH) & MASK;
            if let (Some(Some(w)), Some(hh)) = (ring.get(i), hashes.get_mut(i)) {
                let e = w.borrow();
                *hh = hash(&e.call);
                ahead::payload(e);
            }
            let i = taken.wrapping_sub(AHEAD - HEAD) & MASK;
            if let (Some(&h), Some(s)) = (hashes.get(i), slots.get_mut(i)) {
                *s = self.open.slot_of_hash(h).unwrap_or(u32::MAX);
                if let Some(o) = self.open.get(*s) {
                    ahead::head(o);
                }
            }
            if let Some(&s) = slots.get(taken.wrapping_sub(AHEAD - CLOCKS) & MASK) {
                if let Some(o) = self.open.get(s) {
                    ahead::clocks(o);
                }
            }
            taken = taken.wrapping_add(1);
        }
        // The last events (fewer than `AHEAD`), oldest first: hashed here,
        // their places not known ahead.
        for k in 0..AHEAD {
            let i = (taken + k) & MASK;
            if let (Some(r), Some(&line)) = (ring.get_mut(i), lines.get(i)) {
                if let Some(e) = r.take() {
                    self.stats.lines += u64::from(count_lines);
                    let e = e.borrow();
                    self.push_hashed(line, e, hash(&e.call), u32::MAX)?;
                }
            }
        }
        Ok(())
    }

    /// Takes events with their line numbers, in order (no read-ahead on this
    /// target: see the x86 version).
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    fn push_ahead<I, E>(&mut self, events: I, count_lines: bool) -> Result<(), LogError>
    where
        I: IntoIterator<Item = (u64, E)>,
        E: Borrow<Event>,
    {
        for (line, e) in events {
            self.stats.lines += u64::from(count_lines);
            let e = e.borrow();
            self.push_hashed(line, e, hash(&e.call), u32::MAX)?;
        }
        Ok(())
    }

    /// Takes one line a reader has read: an event joins the batch (handed
    /// to the read-ahead when full); a bad line is counted after the events
    /// before it are applied, so bad lines stay in the order of the log.
    fn read_one(
        &mut self,
        batch: &mut Vec<(u64, Event)>,
        line: u64,
        ev: Result<Event, BadLine>,
    ) -> Result<(), LogError> {
        match ev {
            Ok(e) => {
                batch.push((line, e));
                if batch.len() == BATCH {
                    self.push_ahead(batch.drain(..), false)?;
                }
                Ok(())
            }
            Err(b) => {
                self.push_ahead(batch.drain(..), false)?;
                self.bad(b)
            }
        }
    }

    /// Reads a JSON-lines log ([`crate::call::log`]), line by line. Blank
    /// lines are skipped; every other line that is not an event is a bad
    /// line.
    ///
    /// # Errors
    /// [`LogError::Io`]; [`LogError::BadLine`] under [`OnError::Fail`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// assert_eq!(r.finish().total.status.met, 1);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn read_json_lines<R: BufRead>(&mut self, r: R) -> Result<(), LogError> {
        let mut lines = crate::call::log::LineReader::new(r, self.max_line);
        let mut batch = Vec::with_capacity(BATCH);
        let unreadable = |line, message| BadLine {
            line,
            call: None,
            kind: BadLineKind::Unreadable,
            code: "call.bad_event".into(),
            message,
        };
        let max = self.max_line;
        loop {
            let Some((n, line)) = lines.next_line()? else {
                return self.push_ahead(batch.drain(..), false);
            };
            self.stats.lines += 1;
            let ev = match line {
                crate::call::log::Line::TooLong(len) => Err(unreadable(
                    n,
                    format!("the line is {len} bytes long, over the limit of {max} bytes"),
                )),
                crate::call::log::Line::Text(bytes) => match std::str::from_utf8(bytes) {
                    Ok(s) if s.trim().is_empty() => {
                        self.stats.blank += 1;
                        continue;
                    }
                    Ok(s) => Event::from_json_line(s.trim()).map_err(|err| {
                        let message = match err {
                            CallError::BadEvent { reason, .. } => reason,
                            other => other.to_string(),
                        };
                        unreadable(n, message)
                    }),
                    Err(e) => Err(unreadable(n, format!("invalid UTF-8: {e}"))),
                },
            };
            self.read_one(&mut batch, n, ev)?;
        }
    }

    /// Reads a CSV log ([`csv`](crate::call::log::csv)); the header is line 1.
    ///
    /// # Errors
    /// [`LogError::Io`]; [`LogError::BadLine`] for a header without the
    /// required columns, and for a bad row under [`OnError::Fail`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut csv = Vec::new();
    /// log::csv::write(log::read(log::EXAMPLE).unwrap(), &mut csv)?;
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// r.read_csv(csv.as_slice())?;
    /// assert_eq!(r.finish().total.calls, 1);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    #[cfg(feature = "csv")]
    pub fn read_csv<R: Read>(&mut self, r: R) -> Result<(), LogError> {
        let mut batch = Vec::with_capacity(BATCH);
        let max = self.max_line;
        let counted = crate::call::log::csv::for_each(r, max, |line, ev| {
            self.read_one(&mut batch, line, ev)
        })?;
        self.push_ahead(batch.drain(..), false)?;
        self.stats.lines += counted.lines;
        self.stats.blank += counted.blank;
        Ok(())
    }

    /// Reads a log in either format.
    ///
    /// # Errors
    /// As [`Replay::read_json_lines`] and [`Replay::read_csv`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{LogFormat, Replay, ReportConfig}};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// r.read(log::EXAMPLE.as_bytes(), LogFormat::JsonLines)?;
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn read<R: BufRead>(&mut self, r: R, format: LogFormat) -> Result<(), LogError> {
        match format {
            LogFormat::JsonLines => self.read_json_lines(r),
            #[cfg(feature = "csv")]
            LogFormat::Csv => self.read_csv(r),
            #[cfg(not(feature = "csv"))]
            LogFormat::Csv => {
                let _ = r;
                Err(LogError::Config {
                    problem: "this build of huying reads no CSV logs (its `csv` feature is off)"
                        .into(),
                })
            }
        }
    }

    /// Folds the calls still open (judged at `as_of`, or at the latest event
    /// read) and returns the report.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig, StageStatus}};
    /// let as_of = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(Some(as_of)))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// let report = r.finish();
    /// assert_eq!(report.input.after_as_of, 4); // from the arrival at 11:40 on
    /// assert_eq!(report.input.open_at_end, 1);
    /// assert_eq!(report.total.stages.dispatch.status.met, 1);
    /// assert_eq!(report.total.stages.arrival.status.open_on_track, 1);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn finish(mut self) -> Report {
        let open = self.open.slots_by_id();
        self.stats.open_at_end = open.len() as u64;
        for slot in open {
            self.fold(slot, None);
        }
        let stats = std::mem::take(&mut self.stats);
        self.tally.finish(stats)
    }
}

fn policy_default() -> &'static CallPolicy {
    static DEFAULT: std::sync::OnceLock<CallPolicy> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(CallPolicy::trust_everyone)
}
