//! A sheet as officials see it: cells by row and column letter, merged
//! ranges filled in, read from an XLSX sheet or a CSV/TSV file.

use std::collections::BTreeMap;

use super::super::super::error::ProblemCode;
use super::super::super::validate::Problems;
use super::super::xlsx::CellRange;
use super::super::{MAX_SHEET_CELLS, too_large};

/// A merged range that filled cells: its rows (0-based), its columns (as
/// indexes from `first_col`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merge {
    pub rows: (u32, u32),
    pub cols: (usize, usize),
    pub text: String,
}

/// The cells of a sheet: 0-based rows; each row's cells start at column
/// `first_col` (0-based, `A` is 0).
#[derive(Debug, Default, Clone)]
pub(crate) struct Grid {
    /// The file, or `file#sheet`.
    pub file: String,
    pub first_col: u32,
    pub rows: BTreeMap<u32, Vec<String>>,
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub(crate) fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push(char::from(b'A' + d as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

impl Grid {
    /// The text of a cell (`i` counts from `first_col`).
    pub(crate) fn get(&self, row: u32, i: usize) -> &str {
        self.rows
            .get(&row)
            .and_then(|r| r.get(i))
            .map_or("", String::as_str)
    }

    /// The name of a cell as Excel shows it, e.g. `D7`.
    pub(crate) fn cell(&self, row: u32, i: usize) -> String {
        format!("{}{}", self.column(i), row.saturating_add(1))
    }

    /// The letters of a column (`i` counts from `first_col`).
    pub(crate) fn column(&self, i: usize) -> String {
        column_name(self.first_col.saturating_add(i as u32))
    }

    /// The widest row.
    pub(crate) fn width(&self) -> usize {
        self.rows.values().map(Vec::len).max().unwrap_or(0)
    }

    /// Fills each merged range with the text of its first cell, in the rows
    /// the sheet has and up to its widest row; returns the ranges that
    /// filled a cell. A sheet whose ranges would take more than a few
    /// times [`MAX_SHEET_CELLS`] steps to fill is refused.
    pub(crate) fn fill_merged(
        &mut self,
        merged: &[CellRange],
        out: &mut Problems,
    ) -> Option<Vec<Merge>> {
        let width = self.width();
        let mut budget = 4 * MAX_SHEET_CELLS;
        let mut used = Vec::new();
        for &((r0, c0), (r1, c1)) in merged {
            if c1 < self.first_col || r1 < r0 || c1 < c0 {
                continue;
            }
            let i0 = c0.saturating_sub(self.first_col) as usize;
            let i1 = ((c1 - self.first_col) as usize).min(width.saturating_sub(1));
            let text = if c0 >= self.first_col {
                self.get(r0, i0).to_string()
            } else {
                String::new()
            };
            if text.is_empty() || i0 > i1 {
                continue;
            }
            let mut filled = false;
            for (_, cells) in self.rows.range_mut(r0..=r1) {
                let steps = i1 - i0 + 1;
                if budget < steps {
                    out.at(
                        ProblemCode::Parse,
                        (self.file.clone(), None, String::new()),
                        "the sheet has too many merged cells to read".into(),
                        "工作表合并单元格过多，无法读取".into(),
                    );
                    return None;
                }
                budget -= steps;
                if cells.len() <= i1 {
                    cells.resize(i1 + 1, String::new());
                }
                for c in cells.iter_mut().take(i1 + 1).skip(i0) {
                    if c.is_empty() {
                        *c = text.clone();
                        filled = true;
                    }
                }
            }
            if filled {
                used.push(Merge {
                    rows: (r0, r1),
                    cols: (i0, i1),
                    text,
                });
            }
        }
        Some(used)
    }

    /// A CSV or TSV file in the officials' layout: UTF-8 (with or without
    /// a byte-order mark), UTF-16 with a byte-order mark (Excel's "Unicode
    /// text"), or GBK/GB18030 (Excel's "CSV" on Chinese Windows). Tab
    /// separated when the first lines have more tabs than commas.
    pub(crate) fn delimited(file: &str, bytes: &[u8], out: &mut Problems) -> Option<Grid> {
        if too_large(file, bytes.len(), out) {
            return None;
        }
        let Some(text) = decode(bytes) else {
            out.at(
                ProblemCode::Parse,
                (file.to_string(), None, String::new()),
                "the file is neither an XLSX workbook nor text in UTF-8, UTF-16 or GBK".into(),
                "文件既不是 XLSX 工作簿，也不是 UTF-8、UTF-16 或 GBK 编码的文本".into(),
            );
            return None;
        };
        let head: String = text.lines().take(30).collect();
        let delimiter = if head.matches('\t').count() > head.matches(',').count() {
            b'\t'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut grid = Grid {
            file: file.to_string(),
            ..Grid::default()
        };
        let mut stored = 0usize;
        for (n, record) in reader.records().enumerate() {
            match record {
                Ok(r) => {
                    stored = stored.saturating_add(r.len());
                    if stored > MAX_SHEET_CELLS {
                        out.at(
                            ProblemCode::Parse,
                            (file.to_string(), None, String::new()),
                            format!("the file has more than {MAX_SHEET_CELLS} cells"),
                            format!("文件超过 {MAX_SHEET_CELLS} 个单元格"),
                        );
                        return None;
                    }
                    let cells: Vec<String> = r.iter().map(|c| c.trim().to_string()).collect();
                    if cells.iter().any(|c| !c.is_empty()) {
                        grid.rows.insert(n as u32, cells);
                    }
                }
                Err(e) => {
                    out.at(
                        ProblemCode::Parse,
                        (file.to_string(), Some(n as u32 + 1), String::new()),
                        format!("cannot read the file: {e}"),
                        format!("无法读取文件：{e}"),
                    );
                    return None;
                }
            }
        }
        Some(grid)
    }
}

/// Text in UTF-8, UTF-16 (with its byte-order mark) or GB18030.
fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let encoding = match bytes {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ => encoding_rs::GB18030,
    };
    let (text, _, errors) = encoding.decode(bytes);
    (!errors).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
    }

    #[test]
    fn text_encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("序号,事项名称");
        assert_eq!(decode(&gbk).as_deref(), Some("序号,事项名称"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "序号\t名称".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).as_deref(), Some("序号\t名称"));
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").as_deref(), Some("a,b"));
        assert_eq!(decode(&[0x81, 0x20]), None);
    }

    #[test]
    fn merged_ranges_fill_the_rows_there_are() {
        let mut g = Grid {
            file: "x".into(),
            first_col: 0,
            rows: [
                (0, vec!["a".into(), "".into()]),
                (2, vec!["".into(), "b".into()]),
            ]
            .into_iter()
            .collect(),
        };
        let mut out = Problems::default();
        // A1:A1048576 and B3:XFD3.
        let used = g
            .fill_merged(&[((0, 0), (1_048_575, 0)), ((2, 1), (2, 16_383))], &mut out)
            .unwrap();
        assert_eq!(g.get(2, 0), "a");
        assert_eq!(g.rows[&2].len(), 2);
        assert_eq!(used.len(), 1);
        assert!(out.list.is_empty());
    }
}
