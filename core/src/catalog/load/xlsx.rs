//! Reading the tabular form from a workbook (county offices keep their lists
//! in spreadsheets).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::{Days, NaiveDate};

use super::super::error::ProblemCode;
use super::super::validate::Problems;
use super::super::{Catalog, CatalogError};
use super::tabular::{Table, Tables, load};

/// The names each sheet may have (English or Chinese).
const SHEETS: [(&str, &str); 4] = [
    ("list", "清单"),
    ("units", "单位"),
    ("matters", "事项"),
    ("revisions", "调整"),
];

/// A cell as text; dates become `YYYY-MM-DD`, whole numbers lose their `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::DateTime(dt) => serial_date(dt.as_f64())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// The date of a spreadsheet serial day number (1900 date system).
fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(Days::new(serial.floor() as u64))
}

/// Reads the sheets of a workbook into tables.
fn read(file: &str, bytes: &[u8], out: &mut Problems) -> Option<Tables> {
    let mut book = match open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            out.at(
                ProblemCode::Parse,
                (file.to_string(), None, String::new()),
                format!("cannot open the workbook: {e}"),
                format!("无法打开工作簿：{e}"),
            );
            return None;
        }
    };
    let names = book.sheet_names();
    let mut tables: Vec<Option<Table>> = Vec::new();
    for (i, (en, zh)) in SHEETS.iter().enumerate() {
        let name = names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(en) || n.trim() == *zh)
            .cloned();
        let Some(name) = name else {
            if i < 3 {
                out.at(
                    ProblemCode::Parse,
                    (file.to_string(), None, (*en).to_string()),
                    format!("the workbook has no sheet named {en:?} (or {zh:?})"),
                    format!("工作簿缺少工作表“{zh}”（或 {en}）"),
                );
            }
            tables.push(None);
            continue;
        };
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                out.at(
                    ProblemCode::Parse,
                    (file.to_string(), None, name.clone()),
                    format!("cannot read the sheet {name:?}: {e}"),
                    format!("无法读取工作表“{name}”：{e}"),
                );
                tables.push(None);
                continue;
            }
        };
        let first_row = range.start().map_or(0, |(r, _)| r);
        let mut table = Table {
            file: format!("{file}#{name}"),
            ..Table::default()
        };
        for (k, row) in range.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            let num = first_row + k as u32 + 1;
            if table.header.is_empty() {
                table.header = cells;
            } else if cells.iter().any(|c| !c.is_empty()) {
                table.rows.push((num, cells));
            }
        }
        tables.push(Some(table));
    }
    let mut it = tables.into_iter();
    let (list, units, matters, revisions) = (it.next()??, it.next()??, it.next()??, it.next()?);
    Some(Tables {
        list,
        units,
        matters,
        revisions,
    })
}

impl Catalog {
    /// Reads a list from a workbook (XLSX; XLS and ODS are read too) with the
    /// sheets `list`, `units`, `matters` and optionally `revisions` (or
    /// 清单, 单位, 事项, 调整), in the tabular form; and validates it.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Invalid`] with every problem found; `file` is
    /// `name#sheet`, `row` the sheet row (the header is row 1).
    ///
    /// ```
    /// use huying::catalog::Catalog;
    /// let err = Catalog::from_xlsx("list.xlsx", b"not a workbook").unwrap_err();
    /// assert_eq!(err.problems()[0].code.code(), "catalog.parse");
    /// ```
    pub fn from_xlsx(file: &str, bytes: &[u8]) -> Result<Catalog, CatalogError> {
        let mut out = Problems::default();
        let tables = read(file, bytes, &mut out);
        load(tables, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates() {
        assert_eq!(serial_date(46082.0), NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(serial_date(-1.0), None);
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-03-01T00:00:00".into())),
            "2026-03-01"
        );
    }
}
