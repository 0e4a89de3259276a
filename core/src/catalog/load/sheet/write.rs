//! Writing a list in the officials' layout: the matters sheet (a title
//! row, the reference, the header of [`MATTER_HEADERS`], the 领域 cells
//! merged over their matters) and the units sheet `单位`.
//!
//! Only where the writer can read the system clock: it stamps a workbook's
//! creation time when it makes one, so `to_xlsx` sets that time to the
//! edition's effective date (the same list gives the same bytes) and is not
//! built for `wasm32-unknown-unknown`, where reading the clock aborts.

use chrono::Datelike;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use super::aliases::{MATTER_HEADERS, MATTERS_SHEET, NONE_WORD, TERRITORIAL_NAME, UNIT_HEADERS};
use super::names::{Found, Names};
use super::{is_territorial, unit_names};
use crate::Lang;
use crate::catalog::{
    Catalog, CatalogData, CatalogError, DutyKind, Edition, Holder, Matter, Stage, UnitLevel,
};

/// The matter columns after `法律依据`, written only when a matter has
/// something in them.
const OFFICIAL_COLUMNS: usize = 10;

fn level_zh(level: UnitLevel) -> &'static str {
    match level {
        UnitLevel::County => "县级",
        UnitLevel::Township => "乡镇级",
        UnitLevel::Village => "村级",
        UnitLevel::Grid => "网格",
    }
}

/// How units are written: by name where the name reads back as the unit,
/// else by id.
struct Writer<'d> {
    data: &'d CatalogData,
    by_name: Vec<bool>,
}

impl<'d> Writer<'d> {
    fn new(data: &'d CatalogData) -> Writer<'d> {
        let names = Names::new(&data.units);
        let by_name = data
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                names.find(&u.name_zh) == Found::One(i, super::names::How::Name)
                    && !is_territorial(&u.name_zh)
                    && unit_names(&u.name_zh).0.len() == 1
            })
            .collect();
        Writer { data, by_name }
    }

    fn unit(&self, id: &str) -> String {
        match self.data.units.iter().position(|u| u.id == id) {
            Some(i) if self.by_name.get(i).copied().unwrap_or(false) => self
                .data
                .units
                .get(i)
                .map_or_else(|| id.to_string(), |u| u.name_zh.clone()),
            _ => id.to_string(),
        }
    }

    fn holder(&self, h: &Holder) -> String {
        match h {
            Holder::Territorial => TERRITORIAL_NAME.to_string(),
            Holder::Unit(id) => self.unit(id),
        }
    }
}

fn kinds_zh(kinds: &[DutyKind]) -> String {
    kinds
        .iter()
        .map(|k| k.name(Lang::Zh))
        .collect::<Vec<_>>()
        .join("、")
}

/// One cell for several units: one line for all when they are the same,
/// else a line each (`无` for nothing).
fn per_unit(entries: &[String]) -> String {
    match entries {
        [] => String::new(),
        [first, rest @ ..] if rest.iter().all(|e| e == first) => first.clone(),
        _ => entries
            .iter()
            .map(|e| if e.is_empty() { NONE_WORD } else { e.as_str() })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A matter's cells, in the order of [`MATTER_HEADERS`].
fn matter_cells(w: &Writer<'_>, n: usize, m: &Matter) -> Vec<String> {
    let d = w.data;
    let domain = d
        .domains
        .iter()
        .find(|x| x.code == m.domain)
        .map_or(m.domain.clone(), |x| x.name_zh.clone());
    let primary_kinds = if !m.primary.kinds.is_empty() {
        kinds_zh(&m.primary.kinds)
    } else if m.primary.holder == Holder::Territorial && !m.primary.text_zh.is_empty() {
        NONE_WORD.to_string()
    } else {
        String::new()
    };
    let texts: Vec<String> = m.supporting.iter().map(|s| s.text_zh.clone()).collect();
    let kinds: Vec<String> = m
        .supporting
        .iter()
        .map(|s| {
            if s.kinds.is_empty() {
                NONE_WORD.to_string()
            } else {
                kinds_zh(&s.kinds)
            }
        })
        .collect();
    let kinds = if kinds.iter().all(|k| k == NONE_WORD) && texts.iter().all(String::is_empty) {
        String::new()
    } else {
        per_unit(&kinds)
    };
    let steps: Vec<&str> = m.workflow.iter().map(|s| s.text_zh.as_str()).collect();
    let roles: Vec<&str> = m.workflow.iter().map(|s| s.role.name(Lang::Zh)).collect();
    let sla: Vec<String> = Stage::ALL
        .iter()
        .filter_map(|&s| {
            m.sla
                .get(s)
                .map(|l| format!("{}：{}", s.name(Lang::Zh), l.display(Lang::Zh)))
        })
        .collect();
    vec![
        n.to_string(),
        m.id.clone(),
        domain,
        m.name_zh.clone(),
        w.holder(&m.primary.holder),
        m.primary.text_zh.clone(),
        m.supporting
            .iter()
            .map(|s| w.holder(&s.holder))
            .collect::<Vec<_>>()
            .join("、"),
        per_unit(&texts),
        steps.join(" → "),
        m.legal_basis.clone(),
        primary_kinds,
        kinds,
        roles.join(" → "),
        sla.join("；"),
        m.name_en.clone(),
        m.source.clone(),
    ]
}

fn width(header: &str) -> f64 {
    match header {
        "序号" => 6.0,
        "编号" | "领域" => 10.0,
        "事项名称" | "主体责任单位" | "配合责任单位" => 22.0,
        "主体责任内容" | "配合责任内容" | "工作流程" | "法律依据" => 40.0,
        _ => 16.0,
    }
}

fn write_book(
    data: &CatalogData,
    matters: &[&Matter],
    reference: &str,
    created: chrono::NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let w = Writer::new(data);
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(created.year()).unwrap_or(2000),
        created.month() as u8,
        created.day() as u8,
    )
    .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))?;
    book.set_properties(
        &DocProperties::new()
            .set_title(data.title_zh.as_str())
            .set_creation_datetime(&created),
    );
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let note = Format::new().set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let merged = body.clone().set_align(FormatAlign::Center);

    // The matters.
    let rows: Vec<Vec<String>> = matters
        .iter()
        .enumerate()
        .map(|(i, m)| matter_cells(&w, i + 1, m))
        .collect();
    let columns: Vec<usize> = (0..MATTER_HEADERS.len())
        .filter(|&c| {
            c < OFFICIAL_COLUMNS || rows.iter().any(|r| r.get(c).is_some_and(|t| !t.is_empty()))
        })
        .collect();
    let last = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    let sheet = book.add_worksheet();
    sheet.set_name(MATTERS_SHEET)?;
    sheet.merge_range(0, 0, 0, last, &data.title_zh, &title)?;
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(1, 0, 1, last, &format!("文号：{reference}"), &note)?;
    for (k, &c) in columns.iter().enumerate() {
        let k = k as u16;
        let h = MATTER_HEADERS.get(c).map_or("", |h| h.0);
        sheet.write_string_with_format(2, k, h, &head)?;
        sheet.set_column_width(k, width(h))?;
    }
    let first = 3u32;
    for (i, row) in rows.iter().enumerate() {
        let r = first + i as u32;
        for (k, &c) in columns.iter().enumerate() {
            let text = row.get(c).map_or("", String::as_str);
            let k = k as u16;
            if c == 0 {
                sheet.write_number_with_format(r, k, (i + 1) as f64, &merged)?;
            } else if c != 2 {
                sheet.write_string_with_format(r, k, text, &body)?;
            }
        }
    }
    // 领域 merged over its matters.
    let domain_col = columns.iter().position(|&c| c == 2).unwrap_or(2) as u16;
    let mut i = 0usize;
    while i < rows.len() {
        let text = rows
            .get(i)
            .and_then(|r| r.get(2))
            .cloned()
            .unwrap_or_default();
        let mut j = i + 1;
        while rows.get(j).and_then(|r| r.get(2)) == Some(&text) {
            j += 1;
        }
        let (a, b) = (first + i as u32, first + j as u32 - 1);
        if b > a {
            sheet.merge_range(a, domain_col, b, domain_col, &text, &merged)?;
        } else {
            sheet.write_string_with_format(a, domain_col, &text, &merged)?;
        }
        i = j;
    }
    sheet.set_freeze_panes(first, 0)?;

    // The units.
    let units = book.add_worksheet();
    units.set_name(super::aliases::UNIT_SHEETS[0])?;
    for (k, (h, _)) in UNIT_HEADERS.iter().enumerate() {
        units.write_string_with_format(0, k as u16, *h, &head)?;
        units.set_column_width(k as u16, if k == 1 || k == 3 { 30.0 } else { 14.0 })?;
    }
    for (i, u) in data.units.iter().enumerate() {
        let r = i as u32 + 1;
        let cells = [
            u.id.clone(),
            u.name_zh.clone(),
            u.variants_zh.join("；"),
            u.name_en.clone(),
            level_zh(u.level).to_string(),
            u.kind.name(Lang::Zh).to_string(),
            u.department
                .as_deref()
                .map(|d| w.unit(d))
                .unwrap_or_default(),
            u.township.as_deref().map(|t| w.unit(t)).unwrap_or_default(),
            if u.id == data.command_centre {
                "是".into()
            } else {
                String::new()
            },
        ];
        for (k, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                units.write_string(r, k as u16, text)?;
            }
        }
    }
    units.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

fn write_error(e: XlsxError) -> CatalogError {
    CatalogError::Write {
        message: e.to_string(),
    }
}

impl Edition<'_> {
    /// This edition written in the officials' layout: see
    /// [`Catalog::to_xlsx`].
    ///
    /// # Errors
    ///
    /// [`CatalogError::Write`] when a text does not fit in a cell (more than
    /// 32,767 characters).
    ///
    /// ```
    /// use huying::catalog::{Catalog, ImportOptions};
    /// let c = Catalog::sample();
    /// let first = c.edition("XJ-2025")?;
    /// let book = first.to_xlsx()?;
    /// let again = Catalog::import_sheet("xj-2025.xlsx", &book, &ImportOptions::new(first.effective()))?;
    /// assert_eq!(again.catalog.latest().len(), 91);
    /// assert_eq!(again.catalog.data().reference, first.reference());
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn to_xlsx(&self) -> Result<Vec<u8>, CatalogError> {
        let matters: Vec<&Matter> = self.matters().collect();
        write_book(
            &self.inner.data,
            &matters,
            self.reference(),
            self.effective(),
        )
        .map_err(write_error)
    }
}

impl Catalog {
    /// The list in force now — its latest edition — written as an XLSX
    /// workbook in the officials' layout, which
    /// [`Catalog::import_sheet`] reads back:
    ///
    /// - sheet `事项清单`: the title, `文号：…`, the header of
    ///   [`aliases::MATTER_HEADERS`](crate::catalog::aliases::MATTER_HEADERS)
    ///   and a row per matter, the 领域 cells merged over their matters;
    ///   units by name (by id where a name would read as another unit), the
    ///   township as `各乡镇（街道）`; the columns after `法律依据` (duty kinds,
    ///   who does each workflow step, time limits, English name, source)
    ///   only where a matter has something in them;
    /// - sheet `单位`: every unit with its 编号, name, other names, English
    ///   name, level, kind, department and township, and the command centre
    ///   marked `是`.
    ///
    /// A list read from a sheet, and the sample, read back the same: the same
    /// matters, units, domains, reference and command centre. What a sheet
    /// cannot hold does not come back: revisions (one edition is written),
    /// the list's English title and `illustrative` flag, its id (pass
    /// [`ImportOptions::id`](crate::catalog::ImportOptions::id)), and a
    /// domain's own code where it is not one of
    /// [`aliases::DOMAINS`](crate::catalog::aliases::DOMAINS) (it comes back
    /// as its Chinese name). Where one cell holds a line per supporting
    /// unit, a unit's text that itself has line breaks cannot be told apart
    /// from the next unit's.
    ///
    /// The workbook's creation time is the edition's effective date, so the
    /// same list gives the same bytes. Not available on
    /// `wasm32-unknown-unknown` (the writer reads the system clock there,
    /// which aborts).
    ///
    /// # Errors
    ///
    /// [`CatalogError::Write`] when a text does not fit in a cell (more than
    /// 32,767 characters).
    ///
    /// ```
    /// use huying::catalog::{Catalog, ImportOptions};
    /// let c = Catalog::sample();
    /// let book = c.to_xlsx()?;
    /// assert!(book.starts_with(b"PK"));
    /// assert_eq!(book, c.to_xlsx()?);
    /// let options = ImportOptions::new(c.latest().effective()).id(c.data().id.as_str());
    /// let again = Catalog::import_sheet("list.xlsx", &book, &options)?.catalog;
    /// assert_eq!(again.latest().matters().collect::<Vec<_>>(), c.latest().matters().collect::<Vec<_>>());
    /// assert_eq!(again.data().units, c.data().units);
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn to_xlsx(&self) -> Result<Vec<u8>, CatalogError> {
        self.latest().to_xlsx()
    }
}
