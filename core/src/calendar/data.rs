//! The embedded official data and the readers for calendar rows (TSV, JSON).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CalendarError, Festival};

/// The embedded official calendar: the `huying-calendar-data` crate's table.
pub(crate) const CHINA_TSV: &str = huying_calendar_data::TSV;

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

/// Rows read from a calendar file, with what its header declares.
#[derive(Debug, Default)]
pub(crate) struct DataRows {
    pub(crate) rows: Vec<DayOverride>,
    /// `# years: A-B`: the years the file covers whole.
    pub(crate) years: Option<(i32, i32)>,
}

/// Reads `date, kind, name, name_zh` (tab-separated) rows. A header row
/// (`date\tkind…`) is optional; `#` lines are comments, and `# years: A-B`
/// declares the years the file covers whole.
pub(crate) fn parse_tsv(text: &str, source: &str) -> Result<DataRows, CalendarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = DataRows::default();
    let mut seen = std::collections::HashSet::new();
    let mut first_row = true;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let raw = raw.trim_end_matches('\r');
        if let Some(rest) = raw.strip_prefix("# years:") {
            let years = rest
                .trim()
                .split_once('-')
                .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
                .filter(|(a, b)| a <= b);
            out.years = Some(years.ok_or_else(|| {
                bad(
                    source,
                    line,
                    "years",
                    format!(
                        "{:?} is not a range of years: expected `# years: 2027-2027`",
                        rest.trim()
                    ),
                )
            })?);
            continue;
        }
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let mut cols = raw.split('\t');
        let date_s = cols.next().unwrap_or("").trim();
        if std::mem::take(&mut first_row) && date_s == "date" {
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
        out.rows.push(DayOverride {
            date,
            kind,
            festival: Festival::new(name_zh, name),
        });
    }
    Ok(out)
}

/// Writes rows in the format [`parse_tsv`] reads, with a `# years:` header
/// when given.
pub(crate) fn write_tsv(rows: &[DayOverride], years: Option<(i32, i32)>) -> String {
    let mut out = String::new();
    if let Some((a, b)) = years {
        out.push_str(&format!("# years: {a}-{b}\n"));
    }
    out.push_str("date\tkind\tname\tname_zh\n");
    for r in rows {
        let kind = match r.kind {
            OverrideKind::Holiday => "holiday",
            OverrideKind::Workday => "workday",
            OverrideKind::Rest => "rest",
        };
        out.push_str(&format!(
            "{}\t{kind}\t{}\t{}\n",
            r.date, r.festival.name_en, r.festival.name_zh
        ));
    }
    out
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct JsonRow {
    date: NaiveDate,
    kind: OverrideKind,
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_zh: String,
}

/// A JSON calendar file: a list of rows, or `{"years": [A, B], "days": [rows]}`
/// when it declares the years it covers whole.
#[derive(Deserialize, Serialize)]
#[serde(untagged)]
enum JsonFile {
    Rows(Vec<JsonRow>),
    Declared {
        years: (i32, i32),
        days: Vec<JsonRow>,
    },
}

const JSON_EXPECTED: &str = "expected a list of {\"date\": \"YYYY-MM-DD\", \"kind\": \"holiday|workday|rest\", \"name\": …, \"name_zh\": …}, or {\"years\": [A, B], \"days\": [that list]}";

/// Reads a JSON list of `{"date", "kind", "name", "name_zh"}` objects, or an
/// object `{"years": [A, B], "days": [...]}`.
pub(crate) fn parse_json(text: &str, source: &str) -> Result<DataRows, CalendarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: JsonFile = serde_json::from_str(text).map_err(|e| {
        // An untagged enum's error says only that no variant matched: read
        // the list form again for the position and cause of the error.
        let detail = serde_json::from_str::<Vec<JsonRow>>(text)
            .err()
            .unwrap_or(e);
        bad(
            source,
            detail.line(),
            "json",
            format!("{detail}; {JSON_EXPECTED}"),
        )
    })?;
    let (years, rows) = match file {
        JsonFile::Rows(rows) => (None, rows),
        JsonFile::Declared { years, days } => {
            if years.0 > years.1 {
                return Err(bad(
                    source,
                    0,
                    "years",
                    format!("[{}, {}] is not a range of years", years.0, years.1),
                ));
            }
            (Some(years), days)
        }
    };
    let mut seen = std::collections::HashSet::new();
    let rows = rows
        .into_iter()
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
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DataRows { rows, years })
}

/// Writes rows as [`parse_json`] reads them: `{"years": [A, B], "days": [...]}`
/// when the years are given, else a plain list.
pub(crate) fn write_json(rows: &[DayOverride], years: Option<(i32, i32)>) -> String {
    let days: Vec<JsonRow> = rows
        .iter()
        .map(|r| JsonRow {
            date: r.date,
            kind: r.kind,
            name: r.festival.name_en.clone(),
            name_zh: r.festival.name_zh.clone(),
        })
        .collect();
    let file = match years {
        Some(years) => JsonFile::Declared { years, days },
        None => JsonFile::Rows(days),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}
