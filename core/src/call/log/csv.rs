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
use std::io::{BufRead, Read as Read_, Write};

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
    pub(crate) fn from_header(header: &Row) -> Result<Columns, String> {
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

    fn get<'r>(&self, r: &'r Row, k: usize) -> &'r str {
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
pub(crate) fn event_from_record(cols: &Columns, r: &Row) -> Result<Event, String> {
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
pub fn read<R: Read_>(r: R) -> Result<Vec<Event>, LogError> {
    let mut out = Vec::new();
    for_each(r, super::MAX_LINE_BYTES, |_, e| match e {
        Ok(e) => {
            out.push(e);
            Ok(())
        }
        Err(b) => Err(LogError::BadLine(b)),
    })?;
    Ok(out)
}

/// The most physical lines one row may span (its quoted text holding line
/// breaks); a quote still open after them is a bad row.
pub const MAX_ROW_LINES: usize = 64;

/// One row's fields.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row {
    text: String,
    /// Where each field ends in `text`.
    ends: Vec<usize>,
}

impl Row {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.text.get(start..end)
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).filter_map(|i| self.get(i))
    }

    fn is_blank(&self) -> bool {
        self.iter().all(|f| f.trim().is_empty())
    }
}

/// A physical line: its number and text, or the length of a line over
/// the limit.
type Physical = (u64, Result<Vec<u8>, usize>);

/// What the reader found next.
pub(crate) enum Read {
    /// A row, starting at `line`; `lines` physical lines long.
    Row {
        line: u64,
        lines: u64,
    },
    /// A blank line.
    Blank,
    /// A bad line (too long, not UTF-8, a quote left open: the reader
    /// resumes at the next line).
    Bad {
        line: u64,
        message: String,
    },
    End,
}

/// The rows of a CSV log: csv's own state machine, fed one physical line at
/// a time. A row whose quote is still open after [`MAX_ROW_LINES`] lines or
/// at the end of the file is a bad line, and reading resumes at the line
/// after its first.
pub(crate) struct RowReader<R> {
    lines: super::lines::LineReader<R>,
    core: csv_core::Reader,
    /// Lines to read again (after a row left a quote open), in order.
    again: std::collections::VecDeque<Physical>,
    out: Vec<u8>,
    ends: Vec<usize>,
    pub(crate) row: Row,
}

impl<R: BufRead> RowReader<R> {
    pub(crate) fn new(r: R, max_line: usize) -> RowReader<R> {
        RowReader {
            lines: super::lines::LineReader::new(r, max_line),
            core: csv_core::Reader::new(),
            again: Default::default(),
            out: vec![0; 1024],
            ends: vec![0; 32],
            row: Row::default(),
        }
    }

    fn line(&mut self) -> std::io::Result<Option<Physical>> {
        if let Some(l) = self.again.pop_front() {
            return Ok(Some(l));
        }
        Ok(self.lines.next_line()?.map(|(n, l)| match l {
            super::lines::Line::Text(t) => (n, Ok(t.to_vec())),
            super::lines::Line::TooLong(len) => (n, Err(len)),
        }))
    }

    /// Feeds one line (and its end) to the state machine: whether the row
    /// ended with it.
    fn feed(&mut self, text: &[u8], out_len: &mut usize, n_ends: &mut usize) -> bool {
        use csv_core::ReadRecordResult as R;
        let mut input: Vec<u8> = Vec::with_capacity(text.len() + 1);
        input.extend_from_slice(text);
        input.push(b'\n');
        let mut at = 0;
        loop {
            let (res, used, wrote, ended) = self.core.read_record(
                input.get(at..).unwrap_or_default(),
                self.out.get_mut(*out_len..).unwrap_or_default(),
                self.ends.get_mut(*n_ends..).unwrap_or_default(),
            );
            at += used;
            *out_len += wrote;
            *n_ends += ended;
            match res {
                R::Record | R::End => return true,
                R::InputEmpty => return false,
                R::OutputFull => {
                    let n = self.out.len().max(1024);
                    self.out.resize(n * 2, 0);
                }
                R::OutputEndsFull => {
                    let n = self.ends.len().max(32);
                    self.ends.resize(n * 2, 0);
                }
            }
        }
    }

    /// The next row into `self.row`.
    pub(crate) fn next(&mut self) -> std::io::Result<Read> {
        let Some((first, text)) = self.line()? else {
            return Ok(Read::End);
        };
        let text = match text {
            Ok(t) => t,
            Err(len) => {
                return Ok(Read::Bad {
                    line: first,
                    message: format!(
                        "the line is {len} bytes long, over the limit of {} bytes",
                        self.lines_max()
                    ),
                });
            }
        };
        if text.iter().all(u8::is_ascii_whitespace) {
            return Ok(Read::Blank);
        }
        self.core.reset();
        let (mut out_len, mut n_ends) = (0, 0);
        let mut taken: Vec<Physical> = Vec::new();
        let mut ended = self.feed(&text, &mut out_len, &mut n_ends);
        while !ended {
            let next = if taken.len() + 1 < MAX_ROW_LINES {
                self.line()?
            } else {
                None
            };
            match next {
                Some((n, Ok(t))) => {
                    ended = self.feed(&t, &mut out_len, &mut n_ends);
                    taken.push((n, Ok(t)));
                }
                other => {
                    // A quote left open: this line is bad; the lines after
                    // it are read again as rows of their own.
                    self.again.extend(taken);
                    if let Some(o) = other {
                        self.again.push_back(o);
                    }
                    self.core.reset();
                    return Ok(Read::Bad {
                        line: first,
                        message: "a quote (\") opened on this line is never closed".into(),
                    });
                }
            }
        }
        let bytes = self.out.get(..out_len).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(t) => {
                self.row.text.clear();
                self.row.text.push_str(t);
                self.row.ends.clear();
                self.row
                    .ends
                    .extend_from_slice(self.ends.get(..n_ends).unwrap_or_default());
                Ok(Read::Row {
                    line: first,
                    lines: 1 + taken.len() as u64,
                })
            }
            Err(e) => Ok(Read::Bad {
                line: first,
                message: format!("invalid UTF-8: {e}"),
            }),
        }
    }

    fn lines_max(&self) -> usize {
        self.lines.max()
    }
}

/// How the lines of a CSV log were taken: the lines read, and of them the
/// blank ones, the header and the continuation lines of rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counted {
    pub(crate) lines: u64,
    pub(crate) blank: u64,
}

/// Calls `f` with each row's line number and its event (or why it is bad);
/// lines longer than `max_line` bytes are bad lines.
pub(crate) fn for_each<R: Read_>(
    r: R,
    max_line: usize,
    mut f: impl FnMut(u64, Result<Event, BadLine>) -> Result<(), LogError>,
) -> Result<Counted, LogError> {
    let mut rows = RowReader::new(std::io::BufReader::new(r), max_line);
    let unreadable = |line: u64, call: Option<String>, message: String| BadLine {
        line,
        call,
        kind: BadLineKind::Unreadable,
        code: "call.bad_event".into(),
        message,
    };
    let mut counted = Counted::default();
    // The header: the first row.
    let cols = loop {
        match rows.next()? {
            Read::End => return Ok(counted),
            Read::Blank => {
                counted.lines += 1;
                counted.blank += 1;
            }
            Read::Bad { line, message } => {
                return Err(LogError::BadLine(unreadable(line, None, message)));
            }
            Read::Row { line, lines } => {
                counted.lines += lines;
                counted.blank += lines;
                break Columns::from_header(&rows.row)
                    .map_err(|m| LogError::BadLine(unreadable(line, None, m)))?;
            }
        }
    };
    loop {
        match rows.next()? {
            Read::End => return Ok(counted),
            Read::Blank => {
                counted.lines += 1;
                counted.blank += 1;
            }
            Read::Bad { line, message } => {
                counted.lines += 1;
                f(line, Err(unreadable(line, None, message)))?;
            }
            Read::Row { line, lines } => {
                counted.lines += lines;
                counted.blank += lines - 1;
                if rows.row.is_blank() {
                    counted.blank += 1;
                    continue;
                }
                let ev = event_from_record(&cols, &rows.row).map_err(|m| {
                    let call = opt(cols.get(&rows.row, 0)).map(str::to_string);
                    unreadable(line, call, m)
                });
                f(line, ev)?;
            }
        }
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
