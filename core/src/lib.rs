//! # Huying (呼应) — the township calls, the county responds
//!
//! Huying is the library that county grid-management platforms embed to run
//! "乡呼县应": a township calls the county about a matter on the
//! responsibility list, the command centre dispatches it within 30 minutes, a
//! department arrives on site within 3 hours and replies within 3 working
//! days — all counted on the official Chinese calendar.
//!
//! | module | what it models |
//! | --- | --- |
//! | [`calendar`] | the official calendar (statutory holidays, working days in lieu) and working-day arithmetic |
//! | [`hours`] | office hours (breaks, summer and winter timetables, short days) and working-time arithmetic |
//! | [`sla`] | limits (`30m`, `3h`, `3wd`, `4wh`), deadlines that explain themselves, pausable SLA clocks |
//! | [`catalog`] | the responsibility list (清单): matters, primary and supporting duties, revisions |
//! | [`call`] | the lifecycle of one call: an event-sourced state machine with alarms and reminders |
//! | [`compliance`] | compliance statistics over many calls |
//!
//! Time is always injected: nothing in this crate reads the clock. Every
//! function that takes an instant takes it from the caller. Instants within
//! a day of the ends of chrono's range (about 262,000 years away) are
//! refused with `calendar.out_of_range`, so that every instant kept or
//! returned can be written in China time and at its own offset.
//!
//! ```
//! use chrono::{NaiveDate, DateTime};
//! use huying::calendar::Calendar;
//! use huying::sla::Limit;
//! use huying::Lang;
//!
//! let cal = Calendar::china();
//! // Received Friday 2025-09-26 16:00: Sunday 09-28 is a working day in lieu.
//! let start = DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00")?;
//! let due = cal.deadline(start, &"3wd".parse::<Limit>()?)?;
//! assert_eq!(due.due().to_rfc3339(), "2025-10-01T00:00:00+08:00"); // 2025-09-30 24:00
//! assert!(due.explain(Lang::En).contains("2025-09-28"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod calendar;
pub mod call;
pub mod catalog;
pub mod compliance;
mod error;
mod id;
mod lang;
pub mod sla;
mod time;

pub use calendar::hours;
pub use error::{Error, ErrorKind};
pub use id::Id;
pub use lang::Lang;
pub use time::{CHINA_OFFSET_SECS, china_offset, local_secs, to_china};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}
