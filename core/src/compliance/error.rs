//! Why a log line was skipped or refused, and why a report or a generator
//! could not be made.

use serde::{Deserialize, Serialize};

/// What was wrong with a line of an event log.
///
/// ```
/// use huying::compliance::BadLineKind;
/// assert_eq!(BadLineKind::UnknownCall.code(), "unknown_call");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BadLineKind {
    /// The line is not an event: bad JSON or CSV, an unknown type, a missing
    /// field, a newer schema version, invalid UTF-8.
    Unreadable,
    /// The call refused the event (wrong state, wrong actor, time going
    /// backwards, …); the call is unchanged.
    Refused,
    /// The event is for a call that is not open: never raised in this log,
    /// or already closed or withdrawn.
    UnknownCall,
    /// A second `raised` event for a call id already raised in the log
    /// (open, or closed or withdrawn): code `call.duplicate_id`.
    DuplicateCall,
}

impl BadLineKind {
    /// The stable code: `unreadable`, `refused`, `unknown_call`, `duplicate_call`.
    ///
    /// ```
    /// assert_eq!(huying::compliance::BadLineKind::Refused.code(), "refused");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            BadLineKind::Unreadable => "unreadable",
            BadLineKind::Refused => "refused",
            BadLineKind::UnknownCall => "unknown_call",
            BadLineKind::DuplicateCall => "duplicate_call",
        }
    }
}

/// A line of an event log that could not be used, with its 1-based line
/// number. Skipped lines are counted in the report and the first of them
/// listed ([`InputStats`](super::InputStats)); with
/// [`OnError::Fail`](super::OnError::Fail) the first one stops the replay.
///
/// ```
/// use huying::compliance::{BadLine, BadLineKind};
/// let b = BadLine {
///     line: 7,
///     call: Some("C1".into()),
///     kind: BadLineKind::Refused,
///     code: "call.invalid_transition".into(),
///     message: "a call that is raised cannot take `signed`".into(),
/// };
/// assert_eq!(b.to_string(), "line 7 (call C1): a call that is raised cannot take `signed`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadLine {
    /// The 1-based line number in the log (for CSV, the header is line 1).
    pub line: u64,
    /// The call the line is about, when it could be read.
    pub call: Option<String>,
    /// What was wrong.
    pub kind: BadLineKind,
    /// The specific code: the call module's refusal code (e.g.
    /// `call.invalid_transition`), `call.bad_event` for an unreadable line,
    /// or `compliance.unknown_call` / `call.duplicate_id` / `call.duplicate_event`.
    pub code: String,
    /// What was wrong, in words.
    pub message: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.call {
            Some(c) => write!(f, "line {} (call {c}): {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// An error of the compliance module: a bad line (under
/// [`OnError::Fail`](super::OnError::Fail)), a failed read, bad report
/// settings, or a generator that cannot run.
///
/// ```
/// use huying::compliance::LogError;
/// let e = LogError::Config { problem: "weights must not all be zero".into() };
/// assert_eq!(e.code(), "compliance.config");
/// let e: huying::Error = e.into();
/// assert_eq!(e.code(), "compliance.config");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    /// A line that could not be used, with its number.
    #[error("{0}")]
    BadLine(BadLine),
    /// Reading the log failed (I/O).
    #[error("reading the log failed: {message}")]
    Io {
        /// The I/O error, in words.
        message: String,
    },
    /// Report settings out of range (weights, dimensions, …).
    #[error("bad report settings: {problem}")]
    Config {
        /// What is wrong.
        problem: String,
    },
    /// The generator cannot run with these settings (a period the calendar
    /// or the list does not cover, …).
    #[error("cannot generate calls: {problem}")]
    Generator {
        /// What is wrong.
        problem: String,
    },
}

impl LogError {
    /// A stable code: `compliance.bad_line`, `compliance.io`,
    /// `compliance.config`, `compliance.generator`.
    ///
    /// ```
    /// let e = huying::compliance::LogError::Io { message: "disk full".into() };
    /// assert_eq!(e.code(), "compliance.io");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            LogError::BadLine(_) => "compliance.bad_line",
            LogError::Io { .. } => "compliance.io",
            LogError::Config { .. } => "compliance.config",
            LogError::Generator { .. } => "compliance.generator",
        }
    }
}

impl From<std::io::Error> for LogError {
    fn from(e: std::io::Error) -> LogError {
        LogError::Io {
            message: e.to_string(),
        }
    }
}
