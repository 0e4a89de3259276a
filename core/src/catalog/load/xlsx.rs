//! Reading the tabular form from a workbook (county offices keep their lists
//! in spreadsheets).
//!
//! Only XLSX is read, and within limits ([`MAX_CATALOG_BYTES`](crate::catalog::MAX_CATALOG_BYTES),
//! [`MAX_WORKBOOK_UNZIPPED_BYTES`](crate::catalog::MAX_WORKBOOK_UNZIPPED_BYTES), [`MAX_SHEET_CELLS`](crate::catalog::MAX_SHEET_CELLS)): the sheets are
//! streamed cell by cell, so a workbook's size on disk bounds the memory it
//! takes. Spreadsheet readers that size their tables from what a file
//! declares (a used range up to `XFD1048576`, a cell repeated two billion
//! times) let a few kilobytes abort the process; XLS, XLSB and ODS files,
//! which the spreadsheet library reads that way, are refused with a problem
//! asking for XLSX.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, Xlsx};
use chrono::{Days, NaiveDate};

use super::super::error::ProblemCode;
use super::super::validate::Problems;
use super::super::{Catalog, CatalogError};
use super::tabular::{Table, Tables, load};
use super::{MAX_SHEET_CELLS, MAX_WORKBOOK_UNZIPPED_BYTES};

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

pub(crate) fn unreadable(out: &mut Problems, file: &str, field: &str, en: String, zh: String) {
    out.at(
        ProblemCode::Parse,
        (file.to_string(), None, field.to_string()),
        en,
        zh,
    );
}

/// Why the bytes are not a workbook this reader takes, if they are not.
pub(crate) fn refuse(bytes: &[u8]) -> Option<(String, String)> {
    if bytes.starts_with(b"PK\x03\x04") {
        return unzipped_too_large(bytes);
    }
    let what = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        (
            "an XLS (Excel 97-2003) workbook",
            "XLS（Excel 97-2003）工作簿",
        )
    } else {
        ("not a workbook", "不是工作簿")
    };
    Some((
        format!(
            "{}: only XLSX workbooks are read; save the file as .xlsx",
            what.0
        ),
        format!("{}：仅支持 XLSX 工作簿，请另存为 .xlsx", what.1),
    ))
}

/// Unpacks every part of the zip container once (a zip file's declared
/// sizes may lie), refusing a workbook that unpacks to more than
/// [`MAX_WORKBOOK_UNZIPPED_BYTES`](crate::catalog::MAX_WORKBOOK_UNZIPPED_BYTES)
/// or that has a cell reference beyond a sheet's bounds (see
/// [`bad_reference`]).
fn unzipped_too_large(bytes: &[u8]) -> Option<(String, String)> {
    // A container that cannot be read is reported by the workbook reader.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let max = super::unzipped_limit(bytes.len());
    let limit = max as u64;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        let left = limit.saturating_sub(total);
        let mut part = Counted {
            inner: part.take(left + 1),
            n: 0,
        };
        let bad = bad_reference(&mut part);
        // Count what the XML scan did not read.
        let _ = std::io::copy(&mut part, &mut std::io::sink());
        total = total.saturating_add(part.n);
        if total > limit {
            return Some((
                format!(
                    "the workbook unpacks to more than {max} bytes ({} times its size, at most {MAX_WORKBOOK_UNZIPPED_BYTES})",
                    super::MAX_WORKBOOK_RATIO
                ),
                format!(
                    "工作簿解压后超过 {max} 字节（其大小的 {} 倍，至多 {MAX_WORKBOOK_UNZIPPED_BYTES}）",
                    super::MAX_WORKBOOK_RATIO
                ),
            ));
        }
        if let Some(r) = bad {
            return Some((
                format!(
                    "{name}: the cell reference {r:?} is not a cell of a sheet (A1 to XFD1048576)"
                ),
                format!("{name}：单元格引用“{r}”超出工作表范围（A1 至 XFD1048576）"),
            ));
        }
    }
    None
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n = self.n.saturating_add(n as u64);
        Ok(n)
    }
}

/// The first cell reference of a part (`<c r>`, `<row r>`, `<dimension
/// ref>`, `<mergeCell ref>`) beyond a sheet's bounds, or a range whose end
/// comes before its start, if any. The spreadsheet library turns a
/// reference into numbers with arithmetic that overflows past them (a panic
/// in debug builds, a wrong cell in release builds); Excel never writes one.
/// The part is read as the library reads it, so a part the library cannot
/// read stops the scan where the library would stop too.
fn bad_reference(part: &mut impl Read) -> Option<String> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let e = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => e,
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => continue,
        };
        let (key, check) = match e.local_name().as_ref() {
            b"c" => (&b"r"[..], Check::Cell),
            b"row" => (&b"r"[..], Check::Row),
            b"dimension" | b"mergeCell" => (&b"ref"[..], Check::Dimension),
            _ => continue,
        };
        for a in e.attributes() {
            let Ok(a) = a else {
                break; // the library stops at a broken attribute too
            };
            if a.key.as_ref() == key {
                let ok = match check {
                    Check::Cell => cell(&a.value).is_some(),
                    Check::Row => row(&a.value).is_some(),
                    Check::Dimension => dimension(&a.value),
                };
                if !ok {
                    return Some(String::from_utf8_lossy(&a.value).into_owned());
                }
                break;
            }
        }
    }
}

/// What a reference names.
enum Check {
    Cell,
    Row,
    Dimension,
}

/// A row number, 1 to 1,048,576.
fn row(r: &[u8]) -> Option<u32> {
    if r.is_empty() || r.len() > 7 || !r.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = r.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (1..=1_048_576).contains(&n).then_some(n)
}

/// A cell `A1` to `XFD1048576`, as (row, column).
fn cell(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, digits) = r.split_at(letters);
    if col.is_empty() || col.len() > 3 {
        return None;
    }
    let col = col.iter().fold(0u32, |n, c| {
        n * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
    });
    (col <= 16_384).then_some((row(digits)?, col))
}

/// A used range, `A1` or `A1:XFD1048576`, its start not after its end.
fn dimension(r: &[u8]) -> bool {
    let mut parts = r.split(|&b| b == b':');
    match (
        parts.next().and_then(cell),
        parts.next().map(cell),
        parts.next(),
    ) {
        (Some(_), None, None) => true,
        (Some(a), Some(Some(b)), None) => a.0 <= b.0 && a.1 <= b.1,
        _ => false,
    }
}

/// The non-empty cells of a sheet as text, by 0-based row; each row's
/// cells start at the sheet's first non-empty column (`first_col`, 0-based)
/// and run to the row's last cell.
#[derive(Debug, Default)]
pub(crate) struct SheetCells {
    pub first_col: u32,
    pub rows: BTreeMap<u32, Vec<String>>,
}

/// The cells of one sheet, streamed cell by cell (at most
/// [`MAX_SHEET_CELLS`], however far apart they are).
pub(crate) fn cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    file: &str,
    name: &str,
    out: &mut Problems,
) -> Option<SheetCells> {
    let too_large = |out: &mut Problems| {
        unreadable(
            out,
            file,
            name,
            format!("the sheet {name:?} has more than {MAX_SHEET_CELLS} cells"),
            format!("工作表“{name}”超过 {MAX_SHEET_CELLS} 个单元格"),
        );
    };
    let cannot = |out: &mut Problems, e: calamine::XlsxError| {
        unreadable(
            out,
            file,
            name,
            format!("cannot read the sheet {name:?}: {e}"),
            format!("无法读取工作表“{name}”：{e}"),
        );
    };
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(e) => {
            cannot(out, e);
            return None;
        }
    };
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    loop {
        match reader.next_cell() {
            Ok(Some(cell)) => {
                let value = cell.get_value();
                if matches!(value, DataRef::Empty) {
                    continue;
                }
                if cells.len() >= MAX_SHEET_CELLS {
                    too_large(out);
                    return None;
                }
                let (row, col) = cell.get_position();
                cells.push((row, col, cell_text(&Data::from(value.clone()))));
            }
            Ok(None) => break,
            Err(e) => {
                cannot(out, e);
                return None;
            }
        }
    }
    // Rows from the first non-empty column, each as long as its last cell:
    // at most MAX_SHEET_CELLS cells in all, however far apart the cells are.
    let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut stored = 0usize;
    for (row, col, text) in cells {
        let i = (col - first_col) as usize;
        let cells = rows.entry(row).or_default();
        if cells.len() <= i {
            stored = stored.saturating_add(i + 1 - cells.len());
            if stored > MAX_SHEET_CELLS {
                too_large(out);
                return None;
            }
            cells.resize(i + 1, String::new());
        }
        if let Some(c) = cells.get_mut(i) {
            *c = text;
        }
    }
    Some(SheetCells { first_col, rows })
}

/// A range of cells, 0-based: ((first row, first column), (last row, last
/// column)).
pub(crate) type CellRange = ((u32, u32), (u32, u32));

/// The merged ranges of a sheet. Their references were checked before the
/// workbook was opened ([`bad_reference`]).
pub(crate) fn merged(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Vec<CellRange>, String> {
    match book.worksheet_merge_cells(name) {
        None => Ok(Vec::new()),
        Some(Ok(ranges)) => Ok(ranges.iter().map(|d| (d.start, d.end)).collect()),
        Some(Err(e)) => Err(e.to_string()),
    }
}

/// One sheet as a table: its first row is the header, rows and columns are
/// counted from the sheet's first non-empty cell, as the sheet is shown.
fn sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    file: &str,
    name: &str,
    out: &mut Problems,
) -> Option<Table> {
    let sheet = cells(book, file, name, out)?;
    let mut table = Table {
        file: format!("{file}#{name}"),
        ..Table::default()
    };
    for (row, cells) in sheet.rows {
        if table.header.is_empty() {
            table.header = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push((row.saturating_add(1), cells));
        }
    }
    Some(table)
}

/// Opens a workbook, after the checks that keep a hostile file's cost
/// bounded: its size, its kind (XLSX only), what it unpacks to and its cell
/// references. What fails is one `catalog.parse` problem.
pub(crate) fn open<'b>(
    file: &str,
    bytes: &'b [u8],
    out: &mut Problems,
) -> Option<Xlsx<Cursor<&'b [u8]>>> {
    if super::too_large(file, bytes.len(), out) {
        return None;
    }
    if let Some((en, zh)) = refuse(bytes) {
        unreadable(out, file, "", en, zh);
        return None;
    }
    match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => Some(b),
        Err(e) => {
            unreadable(
                out,
                file,
                "",
                format!("cannot open the workbook (only XLSX workbooks are read): {e}"),
                format!("无法打开工作簿（仅支持 XLSX）：{e}"),
            );
            None
        }
    }
}

/// Reads the sheets of a workbook into tables.
fn read(file: &str, bytes: &[u8], out: &mut Problems) -> Option<Tables> {
    let mut book = open(file, bytes, out)?;
    let names = book.sheet_names();
    let mut tables: Vec<Option<Table>> = Vec::new();
    for (i, (en, zh)) in SHEETS.iter().enumerate() {
        let name = names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(en) || n.trim() == *zh)
            .cloned();
        let Some(name) = name else {
            if i < 3 {
                unreadable(
                    out,
                    file,
                    en,
                    format!("the workbook has no sheet named {en:?} (or {zh:?})"),
                    format!("工作簿缺少工作表“{zh}”（或 {en}）"),
                );
            }
            tables.push(None);
            continue;
        };
        tables.push(sheet(&mut book, file, &name, out));
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
    /// Reads a list from an XLSX workbook with the sheets `list`, `units`,
    /// `matters` and optionally `revisions` (or 清单, 单位, 事项, 调整), in
    /// the tabular form; and validates it.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Invalid`] with every problem found; `file` is
    /// `name#sheet`, `row` the sheet row (the header is row 1). A file that
    /// is not XLSX (XLS, XLSB, ODS are refused: save them as .xlsx), or
    /// that is over the limits ([`MAX_CATALOG_BYTES`](crate::catalog::MAX_CATALOG_BYTES),
    /// [`MAX_WORKBOOK_UNZIPPED_BYTES`], [`MAX_SHEET_CELLS`]), is one
    /// `catalog.parse` problem.
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
