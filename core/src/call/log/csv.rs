//! Event logs as CSV: one event per row, flat columns, for analysts whose
//! platform exports tables rather than JSON lines.
//!
//! The first row is a header; columns are found **by name**, in any order;
//! unknown columns are ignored and optional ones may be absent. Values:
//!
//! | column | for | value |
//! | --- | --- | --- |
//! | `call` | every event (required) | the call id |
//! | `at` | every event (required) | RFC 3339 instant with offset (`2025-10-09T10:00:00+08:00`) |
//! | `type` | every event (required) | the event type: `raised`, `dispatched`, … (as in the JSON log) |
//! | `role` | every event (required) | `township`, `command_centre`, `department`, `system` |
//! | `unit` | every event (required) | the acting unit's id |
//! | `township`, `matter`, `channel` | `raised` | ids; `video` or `text` |
//! | `department`, `supporting` | `dispatched` | the unit; supporting units separated by `;` |
//! | `stage` | clock events | `dispatch`, `arrival`, `reply` |
//! | `round`, `mark` | `reminder_sent` | `1`, …; `50%`, `breach` |
//! | `extra` | `extension_requested` (required), `extension_granted` (empty: as asked) | a limit: `2wd`, `1h` |
//! | `satisfied` | `evaluated` | `true` / `false` (or `1` / `0`) |
//! | `text` | words of the event | the reason (`returned`, `withdrawn`, `paused`, `extension_requested`, `extension_denied`), result (`replied`), comment (`evaluated`) or note (`supervised`) |
//! | `id` | any (optional) | the event's own id |
//! | `v` | any (optional) | the schema version, 1 if empty |
//!
//! A header without a required column fails the whole file (line 1), since
//! no row could be read.
//!
//! ```
//! use huying::call::log;
//! let events = log::read(log::EXAMPLE)?;
//! let mut out = Vec::new();
//! log::csv::write(&events, &mut out)?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("call,at,type,role,unit,"));
//! assert_eq!(log::csv::read(text.as_bytes())?, events);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Borrow;
use std::io::{Read, Write};

use crate::call::{Actor, Channel, Event, EventKind, EventType, Id, Role};
use crate::catalog::Stage;
use crate::compliance::{BadLine, BadLineKind, LogError};

/// The columns written, in order.
///
/// ```
/// assert_eq!(huying::call::log::csv::COLUMNS[..5], ["call", "at", "type", "role", "unit"]);
/// ```
pub const COLUMNS: [&str; 18] = [
    "call",
    "at",
    "type",
    "role",
    "unit",
    "township",
    "matter",
    "channel",
    "department",
    "supporting",
    "stage",
    "round",
    "mark",
    "extra",
    "satisfied",
    "text",
    "id",
    "v",
];

const REQUIRED: [usize; 5] = [0, 1, 2, 3, 4];

/// Where each known column is in a file's header.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    at: [Option<usize>; 18],
}

impl Columns {
    /// The columns of a header row.
    pub(crate) fn from_header(header: &csv::StringRecord) -> Result<Columns, String> {
        let mut at = [None; 18];
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            if let Some(k) = COLUMNS.iter().position(|c| *c == name) {
                if let Some(slot) = at.get_mut(k) {
                    slot.get_or_insert(i);
                }
            }
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .filter(|&&k| at.get(k).copied().flatten().is_none())
            .filter_map(|&k| COLUMNS.get(k).copied())
            .collect();
        if missing.is_empty() {
            Ok(Columns { at })
        } else {
            Err(format!(
                "the header lacks the required column(s) {}",
                missing.join(", ")
            ))
        }
    }

    fn get<'r>(&self, r: &'r csv::StringRecord, k: usize) -> &'r str {
        self.at
            .get(k)
            .copied()
            .flatten()
            .and_then(|i| r.get(i))
            .map_or("", trim)
    }
}

/// `str::trim`, answered from the first and last bytes when they are
/// printable ASCII (most fields: nothing to trim).
#[inline]
fn trim(s: &str) -> &str {
    let plain = |b: &u8| b.is_ascii_graphic();
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if plain(a) && plain(z) => s,
        _ => s.trim(),
    }
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// One event from a CSV row.
pub(crate) fn event_from_record(cols: &Columns, r: &csv::StringRecord) -> Result<Event, String> {
    let f = |k| cols.get(r, k);
    let call = f(0);
    if call.is_empty() {
        return Err("the `call` column is empty".into());
    }
    let at = crate::time::parse_rfc3339(f(1))
        .map_err(|e| format!("`at` {:?} is not an RFC 3339 instant: {e}", f(1)))?;
    let ty: EventType = f(2).parse()?;
    let role: Role = f(3).parse()?;
    let unit = f(4);
    if unit.is_empty() {
        return Err("the `unit` column is empty".into());
    }
    let v: u32 = match opt(f(17)) {
        None => 1,
        Some(v) => v
            .parse()
            .map_err(|_| format!("`v` must be a whole number, not {v:?}"))?,
    };
    if v == 0 || v > crate::call::log::SCHEMA_VERSION {
        return Err(format!(
            "schema version {v} is not supported: this library reads versions 1 to {}",
            crate::call::log::SCHEMA_VERSION
        ));
    }
    let need = |k: usize| -> Result<&str, String> {
        opt(f(k)).ok_or_else(|| {
            format!(
                "a `{ty}` event needs `{}`",
                COLUMNS.get(k).copied().unwrap_or("?")
            )
        })
    };
    let stage = || -> Result<Stage, String> { need(10)?.parse() };
    let text = f(15).to_string();
    let kind = match ty {
        EventType::Raised => EventKind::Raised {
            township: need(5)?.into(),
            matter: need(6)?.into(),
            channel: match need(7)? {
                "video" => Channel::Video,
                "text" => Channel::Text,
                other => return Err(format!("unknown channel {other:?}: video or text")),
            },
        },
        EventType::Acknowledged => EventKind::Acknowledged,
        EventType::Dispatched => EventKind::Dispatched {
            department: need(8)?.into(),
            supporting: f(9)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Id::from)
                .collect(),
        },
        EventType::Signed => EventKind::Signed,
        EventType::Returned => EventKind::Returned { reason: text },
        EventType::Arrived => EventKind::Arrived,
        EventType::Replied => EventKind::Replied { result: text },
        EventType::Evaluated => EventKind::Evaluated {
            satisfied: match need(14)? {
                "true" | "1" | "yes" | "是" => true,
                "false" | "0" | "no" | "否" => false,
                other => return Err(format!("`satisfied` must be true or false, not {other:?}")),
            },
            comment: text,
        },
        EventType::Closed => EventKind::Closed,
        EventType::Withdrawn => EventKind::Withdrawn { reason: text },
        EventType::Supervised => EventKind::Supervised {
            stage: stage()?,
            note: text,
        },
        EventType::ExtensionRequested => EventKind::ExtensionRequested {
            stage: stage()?,
            extra: need(13)?.parse().map_err(|e| format!("`extra`: {e}"))?,
            reason: text,
        },
        EventType::ExtensionGranted => EventKind::ExtensionGranted {
            stage: stage()?,
            extra: match opt(f(13)) {
                None => None,
                Some(x) => Some(x.parse().map_err(|e| format!("`extra`: {e}"))?),
            },
        },
        EventType::ExtensionDenied => EventKind::ExtensionDenied {
            stage: stage()?,
            reason: text,
        },
        EventType::Paused => EventKind::Paused {
            stage: stage()?,
            reason: text,
        },
        EventType::Resumed => EventKind::Resumed { stage: stage()? },
        EventType::ReminderSent => EventKind::ReminderSent {
            stage: stage()?,
            round: need(11)?
                .parse()
                .map_err(|_| format!("`round` must be a whole number, not {:?}", f(11)))?,
            mark: need(12)?.parse()?,
        },
    };
    Ok(Event {
        id: opt(f(16)).map(Id::from),
        call: call.into(),
        at,
        actor: Actor::new(role, unit),
        kind,
    })
}

/// The 18 fields of an event's row, in [`COLUMNS`] order.
///
/// ```
/// use huying::call::log::{self, csv::fields};
/// let e = &log::read(log::EXAMPLE).unwrap()[2]; // dispatched
/// let f = fields(e);
/// assert_eq!((f[2].as_str(), f[8].as_str(), f[9].as_str()), ("dispatched", "U010", "U068"));
/// ```
pub fn fields(e: &Event) -> [String; 18] {
    let mut r: [String; 18] = Default::default();
    let mut set = |k: usize, v: String| {
        if let Some(slot) = r.get_mut(k) {
            *slot = v;
        }
    };
    set(0, e.call.to_string());
    set(1, e.at.to_rfc3339());
    set(2, e.event_type().code().to_string());
    set(3, e.actor.role.code().to_string());
    set(4, e.actor.unit.to_string());
    match &e.kind {
        EventKind::Raised {
            township,
            matter,
            channel,
        } => {
            set(5, township.to_string());
            set(6, matter.to_string());
            set(7, channel.code().to_string());
        }
        EventKind::Dispatched {
            department,
            supporting,
        } => {
            set(8, department.to_string());
            let s: Vec<&str> = supporting.iter().map(|s| s.as_str()).collect();
            set(9, s.join(";"));
        }
        EventKind::Returned { reason }
        | EventKind::Withdrawn { reason }
        | EventKind::ExtensionDenied { reason, .. }
        | EventKind::Paused { reason, .. } => set(15, reason.clone()),
        EventKind::Replied { result } => set(15, result.clone()),
        EventKind::Evaluated { satisfied, comment } => {
            set(14, satisfied.to_string());
            set(15, comment.clone());
        }
        EventKind::Supervised { note, .. } => set(15, note.clone()),
        EventKind::ExtensionRequested { extra, reason, .. } => {
            set(13, extra.to_string());
            set(15, reason.clone());
        }
        EventKind::ExtensionGranted { extra, .. } => {
            set(13, extra.map(|x| x.to_string()).unwrap_or_default());
        }
        EventKind::ReminderSent { round, mark, .. } => {
            set(11, round.to_string());
            set(12, mark.to_string());
        }
        _ => {}
    }
    let stage = match &e.kind {
        EventKind::Supervised { stage, .. }
        | EventKind::ExtensionRequested { stage, .. }
        | EventKind::ExtensionGranted { stage, .. }
        | EventKind::ExtensionDenied { stage, .. }
        | EventKind::Paused { stage, .. }
        | EventKind::Resumed { stage }
        | EventKind::ReminderSent { stage, .. } => Some(*stage),
        _ => None,
    };
    if let Some(s) = stage {
        set(10, s.code().to_string());
    }
    if let Some(id) = &e.id {
        set(16, id.to_string());
    }
    set(17, crate::call::log::SCHEMA_VERSION.to_string());
    r
}

/// Writes events as CSV rows, one at a time (for streaming).
///
/// ```
/// use huying::call::log::{self, csv::Writer};
/// let mut w = Writer::new(Vec::new())?;
/// for e in log::read(log::EXAMPLE)? { w.write(&e)?; }
/// let bytes = w.finish()?;
/// assert_eq!(String::from_utf8(bytes).unwrap().lines().count(), 9); // header + 8
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Writer<W: Write> {
    inner: csv::Writer<W>,
}

fn io(e: impl std::fmt::Display) -> LogError {
    LogError::Io {
        message: e.to_string(),
    }
}

impl<W: Write> Writer<W> {
    /// A writer that has written the header.
    ///
    /// # Errors
    /// [`LogError::Io`].
    ///
    /// ```
    /// let w = huying::call::log::csv::Writer::new(Vec::new())?;
    /// assert!(String::from_utf8(w.finish()?).unwrap().starts_with("call,at,type"));
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn new(w: W) -> Result<Writer<W>, LogError> {
        let mut inner = csv::Writer::from_writer(w);
        inner.write_record(COLUMNS).map_err(io)?;
        Ok(Writer { inner })
    }

    /// Writes one event.
    ///
    /// # Errors
    /// [`LogError::Io`].
    ///
    /// ```
    /// # use huying::call::log::{self, csv::Writer};
    /// let mut w = Writer::new(Vec::new())?;
    /// w.write(&log::read(log::EXAMPLE).unwrap()[0])?;
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn write(&mut self, e: &Event) -> Result<(), LogError> {
        self.inner.write_record(fields(e)).map_err(io)
    }

    /// Flushes and returns the inner writer.
    ///
    /// # Errors
    /// [`LogError::Io`].
    ///
    /// ```
    /// let out = huying::call::log::csv::Writer::new(Vec::new())?.finish()?;
    /// assert!(!out.is_empty());
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn finish(self) -> Result<W, LogError> {
        self.inner.into_inner().map_err(io)
    }
}

/// Writes events as a CSV log (header first).
///
/// # Errors
/// [`LogError::Io`].
///
/// ```
/// let mut out = Vec::new();
/// huying::call::log::csv::write(Vec::<huying::call::Event>::new(), &mut out)?;
/// assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
pub fn write<I, W>(events: I, w: W) -> Result<(), LogError>
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
    W: Write,
{
    let mut out = Writer::new(w)?;
    for e in events {
        out.write(e.borrow())?;
    }
    out.finish().map(|_| ())
}

/// Reads every event of a CSV log, failing at the first bad row.
///
/// # Errors
/// [`LogError::BadLine`] with the row's line number (the header is line 1);
/// [`LogError::Io`].
///
/// ```
/// let err = huying::call::log::csv::read("call,at\nC1,x\n".as_bytes()).unwrap_err();
/// assert!(err.to_string().contains("line 1"));
/// ```
pub fn read<R: Read>(r: R) -> Result<Vec<Event>, LogError> {
    let mut out = Vec::new();
    for_each(r, |_, e| match e {
        Ok(e) => {
            out.push(e);
            Ok(())
        }
        Err(b) => Err(LogError::BadLine(b)),
    })?;
    Ok(out)
}

/// Calls `f` with each row's line number and its event (or why it is bad).
pub(crate) fn for_each<R: Read>(
    r: R,
    mut f: impl FnMut(u64, Result<Event, BadLine>) -> Result<(), LogError>,
) -> Result<u64, LogError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(r);
    let mut rec = csv::StringRecord::new();
    let unreadable = |line: u64, call: Option<String>, message: String| BadLine {
        line,
        call,
        kind: BadLineKind::Unreadable,
        code: "call.bad_event".into(),
        message,
    };
    // The header.
    let cols = match rdr.read_record(&mut rec) {
        Ok(false) => return Ok(0),
        Ok(true) => {
            let line = rec.position().map_or(1, |p| p.line());
            Columns::from_header(&rec).map_err(|m| LogError::BadLine(unreadable(line, None, m)))?
        }
        Err(e) => return Err(csv_err(e)),
    };
    let mut last_line = 1;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let line = rec.position().map_or(last_line + 1, |p| p.line());
                last_line = line;
                if rec.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                let ev = event_from_record(&cols, &rec).map_err(|m| {
                    let call = opt(cols.get(&rec, 0)).map(str::to_string);
                    unreadable(line, call, m)
                });
                f(line, ev)?;
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { pos, err } => {
                    let line = pos.as_ref().map_or(last_line + 1, |p| p.line());
                    last_line = line;
                    f(
                        line,
                        Err(unreadable(line, None, format!("invalid UTF-8: {err}"))),
                    )?;
                }
                _ => return Err(csv_err(e)),
            },
        }
    }
    Ok(last_line)
}

fn csv_err(e: csv::Error) -> LogError {
    LogError::Io {
        message: e.to_string(),
    }
}

#[cfg(test)]
mod trim_tests {
    use proptest::prelude::*;

    proptest! {
        /// The short cut trims as `str::trim` does, white space of any
        /// kind (the vertical tab, the ideographic space) included.
        #[test]
        fn trims_as_str_does(s in "[ \t\n\r\x0b\x0c\u{3000}\u{a0}a-zA-Z0-9,;:一-]{0,12}") {
            prop_assert_eq!(super::trim(&s), s.trim());
        }
    }
}
