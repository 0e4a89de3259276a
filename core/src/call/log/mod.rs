//! Event logs: the formats a call's events are kept and exchanged in, all
//! in this module — [`jsonl`] (JSON lines, the format of record; its items
//! are re-exported here, so `log::read` is JSON lines) and [`csv`] (flat
//! columns, for platforms that export tables). A new format (Parquet, say)
//! is a module beside them with the same shape: `read`, `write`, and a
//! streaming reader the compliance replay can take
//! ([`crate::compliance::Replay`]).
//!
//! Every format carries the same facts per event type:
//!
//! | `type` | facts |
//! | --- | --- |
//! | `raised` | `township`, `matter`, `channel` (`video` / `text`) |
//! | `acknowledged`, `signed`, `arrived`, `closed` | — |
//! | `dispatched` | `department`, `supporting` (list, may be absent) |
//! | `returned`, `withdrawn` | `reason` (may be absent for a withdrawal) |
//! | `replied` | `result` |
//! | `evaluated` | `satisfied`, `comment` (may be absent) |
//! | `supervised` | `stage`, `note` (may be absent) |
//! | `extension_requested` | `stage`, `extra` (a limit: `2wd`), `reason` |
//! | `extension_granted` | `stage`, `extra` (absent: as asked) |
//! | `extension_denied` | `stage`, `reason` (may be absent) |
//! | `paused` | `stage`, `reason` |
//! | `resumed` | `stage` |
//! | `reminder_sent` | `stage`, `round`, `mark` (`50%`, `breach`) |
//!
//! ```
//! # #[cfg(feature = "csv")] {
//! use huying::call::log;
//! let events = log::read(log::EXAMPLE)?;
//! let mut table = Vec::new();
//! log::csv::write(&events, &mut table)?;
//! assert_eq!(log::csv::read(table.as_slice())?, events);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "csv")]
pub mod csv;
pub mod jsonl;
mod lines;

pub use lines::MAX_LINE_BYTES;
pub(crate) use lines::{Line, LineReader};

pub use jsonl::*;
