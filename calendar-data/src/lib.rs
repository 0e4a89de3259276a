//! # huying-calendar-data — the official calendar of mainland China, as data
//!
//! The State Council publishes each year's holiday arrangement as a notice
//! (国务院办公厅关于YYYY年部分节假日安排的通知): which weekdays are statutory
//! holidays (法定节假日) and which weekend days are working days in lieu
//! (调休上班). This crate holds those notices as one table, [`TSV`], for the
//! [`huying`](https://docs.rs/huying) crate to embed; it has no code of its
//! own, so a new year is a release of this crate alone.
//!
//! The table has one row per date that differs from the Monday–Friday rule,
//! `date, kind, name, name_zh` (tab-separated): `kind` is `holiday` (a day of
//! an announced rest span) or `workday` (a weekend day worked in lieu). Its
//! header states the covered years ([`FIRST_YEAR`]..=[`LAST_YEAR`]) and the
//! [`VERSION`]. A row of December of the year before [`FIRST_YEAR`] would be
//! a working day in lieu that the first year's notice puts there.
//!
//! ```
//! assert!(huying_calendar_data::VERSION.starts_with("cn-holidays 2004-"));
//! assert!(huying_calendar_data::TSV.contains("2025-09-28\tworkday\tNational Day\t国庆节"));
//! assert!(huying_calendar_data::FIRST_YEAR <= 2004 && huying_calendar_data::LAST_YEAR >= 2026);
//! ```
//!
//! ## A new year
//!
//! `cargo run -p huying --example calendar -- add-notice NOTICE.txt` reads
//! the notice's text, checks it against itself (day counts, weekdays, working
//! days in lieu on weekends) and rewrites `data/cn-holidays.tsv` with the
//! year added and the header updated; then the crate's version is raised
//! (`2027.1.0` for the data of 2027) and released.
#![forbid(unsafe_code)]
#![no_std]

include!(concat!(env!("OUT_DIR"), "/header.rs"));

/// The table: a `#` header (years, version), then `date, kind, name, name_zh`
/// rows, tab-separated, in date order.
pub const TSV: &str = include_str!("../data/cn-holidays.tsv");
