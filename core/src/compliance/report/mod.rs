//! The compliance report: the total, one row per group, the department
//! evaluation, accountability by the list, and what was read.

mod render;

pub use render::{Cell, ReportTable, TextOptions};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::compliance::{
    BadLine, Dimension, Evaluation, LogError, PerStage, Rate, StatusCounts, Weights,
};

/// How a report is made: the instant it judges open calls at, what it
/// groups by, the evaluation weights, and how many bad lines it lists.
///
/// ```
/// use huying::compliance::{Dimension, ReportConfig};
/// let as_of = chrono::DateTime::parse_from_rfc3339("2026-07-01T00:00:00+08:00")?;
/// let c = ReportConfig::new(Some(as_of)).by(&[Dimension::Department]);
/// assert_eq!(c.by, [Dimension::Department]);
/// assert_eq!(c.max_bad_lines, 100);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportConfig {
    /// The report's instant. Events after it are ignored (counted in
    /// [`InputStats::after_as_of`]); open calls are judged at it. `None`:
    /// the latest event read.
    pub as_of: Option<DateTime<FixedOffset>>,
    /// The dimensions to group by, combined; empty for the total only.
    pub by: Vec<Dimension>,
    /// The department evaluation's weights.
    pub weights: Weights,
    /// How many skipped lines the report lists (all are counted).
    pub max_bad_lines: usize,
}

impl ReportConfig {
    /// A configuration with no grouping, default weights, 100 bad lines listed.
    ///
    /// ```
    /// assert!(huying::compliance::ReportConfig::new(None).by.is_empty());
    /// ```
    pub fn new(as_of: Option<DateTime<FixedOffset>>) -> ReportConfig {
        ReportConfig {
            as_of,
            by: Vec::new(),
            weights: Weights::default(),
            max_bad_lines: 100,
        }
    }

    /// Groups by these dimensions, combined.
    ///
    /// ```
    /// use huying::compliance::{Dimension, Period, ReportConfig};
    /// let c = ReportConfig::new(None).by(&[Dimension::Township, Dimension::Period(Period::Quarter)]);
    /// assert_eq!(c.by.len(), 2);
    /// ```
    pub fn by(mut self, by: &[Dimension]) -> ReportConfig {
        self.by = by.to_vec();
        self
    }

    /// Uses these evaluation weights.
    ///
    /// ```
    /// use huying::compliance::{ReportConfig, Weights};
    /// let w: Weights = "reply=1".parse()?;
    /// assert_eq!(ReportConfig::new(None).weights(w).weights.reply, 1.0);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn weights(mut self, weights: Weights) -> ReportConfig {
        self.weights = weights;
        self
    }

    /// Checks the settings.
    ///
    /// # Errors
    /// [`LogError::Config`] for repeated or too many dimensions, or bad weights.
    ///
    /// ```
    /// use huying::compliance::{Dimension, ReportConfig};
    /// let c = ReportConfig::new(None).by(&[Dimension::Matter, Dimension::Matter]);
    /// assert_eq!(c.check().unwrap_err().code(), "compliance.config");
    /// ```
    pub fn check(&self) -> Result<(), LogError> {
        crate::compliance::tally::group::check_dimensions(&self.by)?;
        self.weights.check()
    }
}

/// A value of a dimension: an id (or period label) with its names.
///
/// ```
/// use huying::compliance::KeyValue;
/// let k = KeyValue { id: "U010".into(), name_zh: "县自然资源局".into(), name_en: "County Natural Resources Bureau".into() };
/// assert_eq!(k.name(huying::Lang::Zh), "县自然资源局");
/// assert_eq!(KeyValue::plain("2025-10").name(huying::Lang::En), "2025-10");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KeyValue {
    /// The id (unit, matter, domain code) or the period label.
    pub id: String,
    /// The Chinese name.
    pub name_zh: String,
    /// The English name.
    pub name_en: String,
}

impl KeyValue {
    /// A value whose names are its id.
    ///
    /// ```
    /// assert_eq!(huying::compliance::KeyValue::plain("U999").name_zh, "U999");
    /// ```
    pub fn plain(id: &str) -> KeyValue {
        KeyValue {
            id: id.to_string(),
            name_zh: id.to_string(),
            name_en: id.to_string(),
        }
    }

    /// The name in a language.
    ///
    /// ```
    /// assert_eq!(huying::compliance::KeyValue::plain("x").name(huying::Lang::Zh), "x");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// One stage in a group: its counts, on-time rate, and times.
///
/// Times are natural time from a round's start to its stop (pauses
/// included), over every round stopped by its event — not cancelled ones —
/// with the quantile rule of the module docs.
///
/// ```
/// let s = huying::compliance::StageRow::default();
/// assert_eq!(s.on_time_rate, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageRow {
    /// Stages by status.
    pub status: StatusCounts,
    /// met / due (`None` when nothing is due).
    pub on_time_rate: Option<f64>,
    /// Natural seconds past due, summed over missed stages.
    pub missed_overrun_secs: u64,
    /// Rounds timed (stopped by their event).
    pub timed: u64,
    /// Median time, seconds.
    pub median_secs: Option<u32>,
    /// 90th-percentile time, seconds.
    pub p90_secs: Option<u32>,
    /// Whether the quantiles are exact (else from the histogram, within 0.8 %).
    pub exact: bool,
}

/// One group of the report (or the total, with an empty key).
///
/// The rates, defined for 12345-style reporting:
///
/// - **on-time rate** (按时办结率, and per stage 按时转办/到达/答复率): met /
///   due, where due (应结案) = met + missed + open-overdue at `as_of`;
/// - **response rate** (响应率): calls whose department arrived on site (in
///   time or not) / calls whose arrival was due — did the county respond at
///   all;
/// - **resolution rate** (解决率): calls closed (办结) after a reply / calls
///   whose reply was due;
/// - **satisfaction rate** (满意率): calls the township was satisfied with at
///   its first evaluation / calls evaluated (a call sent back for rework is
///   not satisfied, whatever came after).
///
/// Response counts go with the arrival stage's group, resolution and
/// satisfaction with the reply's; counts about the call as a whole with the
/// unit that last held it (see [`Dimension`]).
///
/// ```
/// let g = huying::compliance::GroupRow::default();
/// assert_eq!(g.calls, 0);
/// assert_eq!(g.response.rate, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    /// One value per dimension grouped by (empty for the total).
    pub key: Vec<KeyValue>,
    /// Calls raised.
    pub calls: u64,
    /// Calls by status as a whole.
    pub status: StatusCounts,
    /// Calls met / calls due (按时办结率).
    pub on_time_rate: Option<f64>,
    /// Each stage.
    pub stages: PerStage<StageRow>,
    /// Response rate (响应率).
    pub response: Rate,
    /// Resolution rate (解决率).
    pub resolution: Rate,
    /// Satisfaction rate (满意率).
    pub satisfaction: Rate,
    /// Calls withdrawn by the township.
    pub withdrawn: u64,
    /// Calls returned by a department at least once.
    pub returned: u64,
    /// Calls sent back for rework at least once (返工).
    pub reopened: u64,
    /// Calls with a paused clock.
    pub paused: u64,
    /// Calls with an extension granted.
    pub extended: u64,
    /// Calls supervised (督办) at least once.
    pub supervised: u64,
}

/// Missed stages by the unit that answers for them per the list in force
/// when each call was raised (依单监管问责).
///
/// ```
/// let a = huying::compliance::AccountabilityRow::default();
/// assert_eq!(a.total, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountabilityRow {
    /// The unit the list names.
    pub unit: KeyValue,
    /// For a stationed agency: its department.
    pub department: Option<KeyValue>,
    /// Missed stages, per stage.
    pub missed: PerStage<u64>,
    /// Missed stages in all.
    pub total: u64,
}

/// Missed stages the list could not attribute, by reason code (e.g.
/// `catalog.before_list`, `catalog.unknown_matter`, `compliance.no_list`).
///
/// ```
/// let u = huying::compliance::Unattributed { code: "catalog.before_list".into(), missed: Default::default() };
/// assert_eq!(u.missed.reply, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Unattributed {
    /// Why the list could not say.
    pub code: String,
    /// Missed stages, per stage.
    pub missed: PerStage<u64>,
}

/// What was read. Every line of the input is accounted for, once:
/// `lines == blank + applied + after_as_of + skipped`.
///
/// ```
/// let i = huying::compliance::InputStats::default();
/// assert_eq!(i.skipped, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InputStats {
    /// Lines read (physical lines of the file, blank lines and the CSV
    /// header included; events passed in directly count one line each).
    pub lines: u64,
    /// Lines that hold no event: blank lines, the CSV header, and the
    /// continuation lines of CSV rows whose quoted text spans lines.
    #[serde(default)]
    pub blank: u64,
    /// Events applied to their calls.
    #[serde(default)]
    pub applied: u64,
    /// Events read and considered (applied, after `as_of`, or refused).
    pub events: u64,
    /// Calls raised (by `as_of`).
    pub calls: u64,
    /// Lines skipped as bad (each listed in `bad_lines`, up to the limit).
    pub skipped: u64,
    /// Events after `as_of`, ignored.
    pub after_as_of: u64,
    /// The first bad lines.
    pub bad_lines: Vec<BadLine>,
    /// The most calls open at once during the replay (memory high-water mark).
    pub max_open_calls: u64,
    /// Calls still open at the end.
    pub open_at_end: u64,
}

/// The list a report was judged by.
///
/// ```
/// let l = huying::compliance::ListInfo { id: "XJ-2025".into(), editions: vec!["XJ-2025".into()], illustrative: true };
/// assert!(l.illustrative);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListInfo {
    /// The list's id.
    pub id: String,
    /// Its editions (the list, then each revision), oldest first.
    pub editions: Vec<String>,
    /// Whether it is an illustrative sample.
    pub illustrative: bool,
}

/// The compliance report. Render it with [`Report::to_text`],
/// [`Report::to_csv`], [`Report::ranking_csv`] or [`Report::to_json`].
///
/// ```
/// use huying::{calendar::Calendar, call::log, catalog::Catalog};
/// use huying::compliance::{Dimension, Replay, ReportConfig};
/// let mut r = Replay::new(&Calendar::china(), Some(&Catalog::sample()), ReportConfig::new(None).by(&[Dimension::Department]))?;
/// r.read_json_lines(log::EXAMPLE.as_bytes())?;
/// let report = r.finish();
/// assert_eq!(report.total.calls, 1);
/// assert_eq!(report.total.on_time_rate, Some(1.0));
/// assert_eq!(report.groups.len(), 2); // the command centre (dispatch) and U010
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The instant open calls were judged at (`None`: no events at all).
    pub as_of: Option<DateTime<FixedOffset>>,
    /// The dimensions grouped by.
    pub by: Vec<Dimension>,
    /// The list judged by, if any.
    pub list: Option<ListInfo>,
    /// Every call.
    pub total: GroupRow,
    /// One row per group, sorted by key (periods in time order).
    pub groups: Vec<GroupRow>,
    /// The department evaluation.
    pub evaluation: Evaluation,
    /// Missed stages by accountable unit, most first.
    pub accountability: Vec<AccountabilityRow>,
    /// Missed stages the list could not attribute.
    pub unattributed: Vec<Unattributed>,
    /// What was read.
    pub input: InputStats,
}
