//! Loading a list: JSON (canonical), CSV/TSV files and XLSX workbooks.
//!
//! The tabular form (CSV, TSV, or the sheets of a workbook) has four tables:
//!
//! | table | columns |
//! | --- | --- |
//! | `list` | `key`, `value`: rows `id`, `title_zh`, `title_en`, `reference`, `effective`, `illustrative`, `command_centre` |
//! | `units` | `id`, `name_zh`, `name_en`, `level`, `kind`, `department`, `township` |
//! | `matters` | `id`, `domain`, `domain_zh`, `domain_en`, `name_zh`, `name_en`, `primary`, `primary_kinds`, `primary_text_zh`, `supporting`, `supporting_text_zh`, `workflow`, `legal_basis`, `source`, `sla_dispatch`, `sla_arrival`, `sla_reply` |
//! | `revisions` (optional) | `revision`, `reference`, `effective`, `title_zh`, `action`, then the matter columns |
//!
//! Cells: `primary` is a unit id or `territorial` (two ids, separated by `;`,
//! are reported as two primary holders); duty codes are separated by `,`;
//! `supporting` is `holder=code,code; holder=code`; `supporting_text_zh`
//! has one line per supporting holder; `workflow` is `role:text → role:text`;
//! `action` is `add`, `remove` or `modify` (or 新增, 取消, 调整); dates are
//! `YYYY-MM-DD` (or a date cell in a workbook). Extra columns are ignored.
//! Domains are read from the matter rows.

mod export;
mod json;
mod tabular;
mod xlsx;

use chrono::NaiveDate;

pub use export::Delimited;
pub use tabular::TabularFiles;

/// Reads a date as `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY年M月D日`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}
