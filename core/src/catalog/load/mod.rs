//! Loading a list: JSON (canonical), CSV/TSV files and XLSX workbooks, and
//! the list as officials keep it (`sheet`: one sheet in Chinese, units by
//! name, duties as phrases).
//!
//! The tabular form (CSV, TSV, or the sheets of a workbook) has four tables:
//!
//! | table | columns |
//! | --- | --- |
//! | `list` | `key`, `value`: rows `id`, `title_zh`, `title_en`, `reference`, `effective`, `illustrative`, `command_centre` |
//! | `units` | `id`, `name_zh`, `name_en`, `level`, `kind`, `department`, `township`, `variants_zh` |
//! | `matters` | `id`, `domain`, `domain_zh`, `domain_en`, `name_zh`, `name_en`, `primary`, `primary_kinds`, `primary_text_zh`, `supporting`, `supporting_text_zh`, `workflow`, `legal_basis`, `source`, `sla_dispatch`, `sla_arrival`, `sla_reply` |
//! | `revisions` (optional) | `revision`, `reference`, `effective`, `title_zh`, `action`, then the matter columns |
//!
//! Cells: `primary` is a unit id or `territorial` (two ids, separated by `;`,
//! are reported as two primary holders); duty codes are separated by `,`;
//! `supporting` is `holder=code,code; holder=code`; `supporting_text_zh`
//! has one line per supporting holder; `workflow` is `role:text → role:text`;
//! `variants_zh` has a unit's other names separated by `;`;
//! `action` is `add`, `remove` or `modify` (or 新增, 取消, 调整); dates are
//! `YYYY-MM-DD` (or a date cell in a workbook). Extra columns are ignored.
//! Domains are read from the matter rows.
//!
//! Limits: a file (JSON text, each CSV/TSV file, a workbook) may be at most
//! [`MAX_CATALOG_BYTES`]; a workbook may unpack to at most
//! [`MAX_WORKBOOK_UNZIPPED_BYTES`] and have at most [`MAX_SHEET_CELLS`]
//! cells per sheet. Over a limit, loading stops with one `catalog.parse`
//! problem before the content is read, so a hostile or broken file costs
//! bounded memory and time.

#[cfg(feature = "csv")]
mod export;
mod file;
mod json;
#[cfg(feature = "xlsx")]
mod sheet;
#[cfg(feature = "csv")]
mod tabular;
#[cfg(feature = "xlsx")]
mod xlsx;

use chrono::NaiveDate;

#[cfg(feature = "csv")]
pub use export::Delimited;
#[cfg(feature = "xlsx")]
pub use sheet::{Guess, ImportOptions, ImportReport, Imported, UnitSource, aliases};
#[cfg(feature = "csv")]
pub use tabular::TabularFiles;

/// The largest file a list is read from, in bytes (16 MiB): a JSON text,
/// each CSV or TSV file, or an XLSX workbook. A county's list of a few
/// thousand matters is well under 1 MiB.
///
/// ```
/// use huying::catalog::{Catalog, MAX_CATALOG_BYTES};
/// let huge = " ".repeat(MAX_CATALOG_BYTES + 1);
/// let err = Catalog::from_json("huge.json", &huge).unwrap_err();
/// assert_eq!(err.problems()[0].code.code(), "catalog.parse");
/// assert!(err.problems()[0].message_en.contains("over the limit"));
/// ```
pub const MAX_CATALOG_BYTES: usize = 16 * 1024 * 1024;

/// The most an XLSX workbook may unpack to, in bytes (256 MiB): its parts
/// are counted by unpacking them, so a small file that inflates to
/// gigabytes (a "zip bomb") is refused before it is read. A workbook may
/// also unpack to at most [`MAX_WORKBOOK_RATIO`] times its own size (and
/// always to 16 MiB), so that the time and memory a workbook costs are
/// bounded by the file, not by this limit.
pub const MAX_WORKBOOK_UNZIPPED_BYTES: usize = 256 * 1024 * 1024;

/// How many times its size a workbook may unpack to (64): Excel's files
/// unpack to 3–20 times theirs; a file of tiny repeated tags to thousands.
///
/// ```
/// assert_eq!(huying::catalog::MAX_WORKBOOK_RATIO, 64);
/// ```
pub const MAX_WORKBOOK_RATIO: usize = 64;

/// The most a workbook of `len` bytes may unpack to.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) fn unzipped_limit(len: usize) -> usize {
    // Both bounds are constants, the lower below the upper.
    len.saturating_mul(MAX_WORKBOOK_RATIO)
        .clamp(16 * 1024 * 1024, MAX_WORKBOOK_UNZIPPED_BYTES)
}

/// The most cells a sheet of a workbook may have (1,000,000), counting each
/// row from the sheet's first column to its last cell: a sheet with two
/// cells at `A1` and `XFD1048576` is refused rather than laid out.
pub const MAX_SHEET_CELLS: usize = 1_000_000;

/// The problem for a file over [`MAX_CATALOG_BYTES`], if it is.
pub(crate) fn too_large(file: &str, len: usize, out: &mut super::validate::Problems) -> bool {
    if len <= MAX_CATALOG_BYTES {
        return false;
    }
    out.at(
        super::error::ProblemCode::Parse,
        (file.to_string(), None, String::new()),
        format!("the file is {len} bytes, over the limit of {MAX_CATALOG_BYTES} bytes"),
        format!("文件为 {len} 字节，超过上限 {MAX_CATALOG_BYTES} 字节"),
    );
    true
}

/// Reads a date as `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY年M月D日`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}
