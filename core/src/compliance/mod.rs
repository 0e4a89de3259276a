//! Compliance statistics over many calls: who kept the promises, and who
//! did not.
//!
//! The county's evaluation office and its analysts ask one question of the
//! record. This module answers it from the calls' event logs:
//!
//! - **per call and stage** ([`CallRecord`], [`StageRecord`],
//!   [`RoundRecord`]): when each clock started, how long it was paused, when
//!   it was due and stopped, whether it was met or by how much it was
//!   missed, whether it is still open and on track or already overdue at
//!   the report's `as_of` instant — and, for a missed stage, who answers for
//!   it by the list in force when the call was raised ([`Accountable`]);
//! - **reports** ([`Report`]) grouped by department, unit, township,
//!   matter, domain and period (day, week, month, quarter, year), alone or
//!   combined ([`Dimension`]): calls due, met, missed, open-overdue,
//!   open-on-track, the on-time rate per stage, median and 90th-percentile
//!   times per stage, and the 12345-style response, resolution and
//!   satisfaction rates ([`GroupRow`] defines each);
//! - **department evaluation** (部门考核评价, [`Evaluation`]): a score per
//!   department from its on-time rates and the townships' evaluations, with
//!   configurable [`Weights`], ranked;
//! - **output**: text in Chinese or English ([`Report::to_text`]), CSV
//!   ([`Report::to_csv`], [`Report::ranking_csv`]) and JSON
//!   ([`Report::to_json`]);
//! - **input at analyst scale** ([`Replay`]): JSON-lines logs (the call
//!   module's format) or flat CSV ([`csv`](crate::call::log::csv)), millions of calls, streamed:
//!   only open calls stay in memory; bad lines are reported with their
//!   number and skipped or fatal ([`OnError`]);
//! - **a deterministic generator** of realistic logs ([`generate`]) for the
//!   example, the tests and the benchmarks.
//!
//! ## What counts as due (应结案)
//!
//! The denominator of every on-time rate is what **was due** at `as_of`,
//! not what happened to finish. A stage is due when it was done (met, or
//! missed) or when its due time has passed while it still runs
//! (open-overdue: it is late already, whatever happens next, and counts as
//! not on time). A stage still running before its due time is open and on
//! track and is left out; so is a stage that never started or was cancelled
//! (by a return or a withdrawal) before it was due. With several rounds
//! (returns, rework) a missed round makes the stage missed; see
//! [`StageStatus`] for the full rule.
//!
//! Core never reads the clock: the report's instant is given
//! ([`ReportConfig::as_of`]), or taken as the latest event in the log.
//!
//! ```
//! use huying::{calendar::Calendar, catalog::Catalog, Lang};
//! use huying::compliance::{generate::{Generator, GeneratorConfig}, Dimension, Replay, ReportConfig};
//!
//! let cal = Calendar::china();
//! let list = Catalog::sample();
//! let config = GeneratorConfig { calls: 200, ..GeneratorConfig::default() };
//! let generator = Generator::new(&list, &cal, config)?;
//! let mut replay = Replay::new(&cal, Some(&list),
//!     ReportConfig::new(Some(generator.period_end())).by(&[Dimension::Department]))?;
//! replay.push_events(generator.events())?;
//! let report = replay.finish();
//! assert_eq!(report.total.calls, 200);
//! assert_eq!(report.input.skipped, 0);
//! let due = report.total.stages.reply.status.due();
//! assert_eq!(report.groups.iter().map(|g| g.stages.reply.status.due()).sum::<u64>(), due);
//! assert!(report.to_text(Lang::Zh).contains("部门考核评价"));
//! # Ok::<(), huying::compliance::LogError>(())
//! ```

mod engine;
mod error;
#[cfg(feature = "testkit")]
pub mod generate;
mod report;
mod tally;

pub use crate::call::CallFacts;
pub use engine::{LogFormat, OnError, Replay};
pub use error::{BadLine, BadLineKind, LogError};
pub use report::{
    AccountabilityRow, Cell, GroupRow, InputStats, KeyValue, ListInfo, Report, ReportConfig,
    ReportTable, StageRow, TextOptions, Unattributed,
};
pub use tally::{
    Accountable, CallRecord, Component, ComponentScore, DepartmentScore, Dimension, Evaluation,
    MAX_DIMENSIONS, PerStage, Period, Rate, RoundRecord, StageRecord, StageStatus, StatusCounts,
    Tally, Weights,
};
