//! The embedded official data and the readers for calendar rows (TSV, JSON).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CalendarError, Festival};

/// The embedded official calendar, `date, kind, name, name_zh` (tab-separated), one row per
/// date that differs from the Monday–Friday rule (see [`super::DATA_VERSION`]).
///
/// ```
/// assert!(huying::calendar::CHINA_TSV.starts_with("date\tkind\tname\tname_zh"));
/// ```
pub const CHINA_TSV: &str = include_str!("../../data/cn-holidays.tsv");

/// How a dated override changes a day.
///
/// ```
/// use huying::calendar::OverrideKind;
/// assert_eq!("workday".parse::<OverrideKind>(), Ok(OverrideKind::Workday));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OverrideKind {
    /// A statutory holiday (a day of an announced rest span).
    Holiday,
    /// A working day in lieu (调休上班).
    Workday,
    /// A local rest day.
    Rest,
}

impl std::str::FromStr for OverrideKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "holiday" => Ok(OverrideKind::Holiday),
            "workday" => Ok(OverrideKind::Workday),
            "rest" => Ok(OverrideKind::Rest),
            other => Err(format!(
                "unknown kind {other:?}: expected \"holiday\", \"workday\" or \"rest\""
            )),
        }
    }
}

/// One dated override of the weekly pattern.
///
/// ```
/// use huying::calendar::{DayOverride, OverrideKind, Festival};
/// let o = DayOverride {
///     date: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
///     kind: OverrideKind::Holiday,
///     festival: Festival::new("元旦", "New Year's Day"),
/// };
/// assert_eq!(o.kind, OverrideKind::Holiday);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayOverride {
    /// The date.
    pub date: NaiveDate,
    /// What the date becomes.
    pub kind: OverrideKind,
    /// The festival or reason.
    pub festival: Festival,
}

fn bad(source: &str, line: usize, field: &str, message: String) -> CalendarError {
    CalendarError::BadData {
        source_name: source.to_string(),
        line,
        field: field.to_string(),
        message,
    }
}

/// Reads `date, kind, name, name_zh` (tab-separated) rows (a header line is optional).
pub(crate) fn parse_tsv(text: &str, source: &str) -> Result<Vec<DayOverride>, CalendarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let mut cols = raw.split('\t');
        let date_s = cols.next().unwrap_or("").trim();
        if line == 1 && date_s == "date" {
            continue;
        }
        let kind_s = cols.next().unwrap_or("").trim();
        let name = cols.next().unwrap_or("").trim();
        let name_zh = cols.next().unwrap_or("").trim();
        let date = NaiveDate::parse_from_str(date_s, "%Y-%m-%d").map_err(|_| {
            bad(
                source,
                line,
                "date",
                format!("{date_s:?} is not a date: expected YYYY-MM-DD"),
            )
        })?;
        let kind = kind_s
            .parse::<OverrideKind>()
            .map_err(|m| bad(source, line, "kind", m))?;
        if !seen.insert(date) {
            return Err(bad(source, line, "date", format!("{date} is listed twice")));
        }
        rows.push(DayOverride {
            date,
            kind,
            festival: Festival::new(name_zh, name),
        });
    }
    Ok(rows)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRow {
    date: NaiveDate,
    kind: OverrideKind,
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_zh: String,
}

/// Reads a JSON list of `{"date", "kind", "name", "name_zh"}` objects.
pub(crate) fn parse_json(text: &str, source: &str) -> Result<Vec<DayOverride>, CalendarError> {
    let rows: Vec<JsonRow> = serde_json::from_str(text).map_err(|e| {
        bad(
            source,
            e.line(),
            "json",
            format!("{e}; expected a list of {{\"date\": \"YYYY-MM-DD\", \"kind\": \"holiday|workday|rest\", \"name\": …, \"name_zh\": …}}"),
        )
    })?;
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| {
            if !seen.insert(r.date) {
                return Err(bad(
                    source,
                    0,
                    &format!("[{i}].date"),
                    format!("{} is listed twice", r.date),
                ));
            }
            Ok(DayOverride {
                date: r.date,
                kind: r.kind,
                festival: Festival::new(r.name_zh, r.name),
            })
        })
        .collect()
}
