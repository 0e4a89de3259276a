//! What an import is told and what it tells back: [`ImportOptions`] and
//! [`UnitSource`] in, [`Imported`] (the list and its [`ImportReport`] of
//! warnings and [`Guess`]es) out.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::catalog::{Catalog, CatalogError, Problem};

/// Where the units named in an officials' sheet are looked up.
///
/// ```
/// use huying::catalog::{Catalog, UnitSource};
/// let from_list = UnitSource::Catalog(Catalog::sample());
/// assert!(matches!(from_list, UnitSource::Catalog(_)));
/// assert!(matches!(UnitSource::default(), UnitSource::Workbook));
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum UnitSource {
    /// The workbook's own units sheet (named `单位`, see
    /// [`aliases::UNIT_SHEETS`](crate::catalog::aliases::UNIT_SHEETS)).
    #[default]
    Workbook,
    /// The units of an existing list, with their other names
    /// ([`Unit::variants_zh`](crate::catalog::Unit::variants_zh)) and its command centre.
    Catalog(Catalog),
    /// A units table of its own: an XLSX workbook (its units sheet, else
    /// its first sheet) or a CSV/TSV file, with the columns of
    /// [`aliases::UNIT_HEADERS`](crate::catalog::aliases::UNIT_HEADERS).
    File {
        /// The file's name, for the problems reported.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
}

impl UnitSource {
    /// A units table read from a file.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Read`] when the file cannot be read.
    ///
    /// ```
    /// let err = huying::catalog::UnitSource::read("/no/such/units.xlsx").unwrap_err();
    /// assert_eq!(err.code(), "catalog.read");
    /// ```
    pub fn read(path: impl AsRef<Path>) -> Result<UnitSource, CatalogError> {
        let path = path.as_ref();
        Ok(UnitSource::File {
            name: file_name(path),
            bytes: super::super::file::read_bytes(path)?,
        })
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("list")
        .to_string()
}

/// What the caller tells [`Catalog::import_sheet`]: the date the list takes
/// effect (required: core never reads the clock), and optionally its
/// approval reference (文号), id, titles, command centre, the sheet to read
/// and where its units are.
///
/// ```
/// use chrono::NaiveDate;
/// use huying::catalog::{Catalog, ImportOptions, UnitSource};
/// let o = ImportOptions::new(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
///     .reference("县编办发〔2025〕12号")
///     .units(UnitSource::Catalog(Catalog::sample()));
/// assert_eq!(o.reference.as_deref(), Some("县编办发〔2025〕12号"));
/// assert_eq!(o.effective.to_string(), "2025-07-01");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ImportOptions {
    /// The date from which the list is in force (00:00, UTC+08:00).
    pub effective: NaiveDate,
    /// The approval reference (文号). Without it, a title row that gives
    /// one (`文号：…`, or a text with `〔2025〕…号`) is read; without that,
    /// the list's reference is `未注明文号` and the report warns.
    pub reference: Option<String>,
    /// The list's id (default `list-` and the effective date).
    pub id: Option<String>,
    /// The Chinese title (default: the sheet's title row, without a leading
    /// `附件1`).
    pub title_zh: Option<String>,
    /// The English title (default empty).
    pub title_en: Option<String>,
    /// The command centre, by name or id (default: the unit marked in the
    /// units table, the list's own, or the one unit named 指挥中心).
    pub command_centre: Option<String>,
    /// The sheet that holds the matters (default: the first sheet, other
    /// than the units sheet, with a header row).
    pub sheet: Option<String>,
    /// Where the units are looked up.
    pub units: UnitSource,
}

impl ImportOptions {
    /// Options with the effective date, and everything else by default.
    ///
    /// ```
    /// let o = huying::catalog::ImportOptions::new(chrono::NaiveDate::MIN);
    /// assert!(o.reference.is_none() && o.id.is_none());
    /// ```
    pub fn new(effective: NaiveDate) -> ImportOptions {
        ImportOptions {
            effective,
            reference: None,
            id: None,
            title_zh: None,
            title_en: None,
            command_centre: None,
            sheet: None,
            units: UnitSource::Workbook,
        }
    }

    /// Sets the approval reference (文号).
    ///
    /// ```
    /// let o = huying::catalog::ImportOptions::new(chrono::NaiveDate::MIN).reference("X〔2025〕1号");
    /// assert_eq!(o.reference.as_deref(), Some("X〔2025〕1号"));
    /// ```
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// Sets the list's id.
    ///
    /// ```
    /// let o = huying::catalog::ImportOptions::new(chrono::NaiveDate::MIN).id("XJ-2025");
    /// assert_eq!(o.id.as_deref(), Some("XJ-2025"));
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the Chinese title.
    ///
    /// ```
    /// let o = huying::catalog::ImportOptions::new(chrono::NaiveDate::MIN).title_zh("某县清单");
    /// assert_eq!(o.title_zh.as_deref(), Some("某县清单"));
    /// ```
    pub fn title_zh(mut self, title: impl Into<String>) -> Self {
        self.title_zh = Some(title.into());
        self
    }

    /// Sets the English title.
    ///
    /// ```
    /// let o = huying::catalog::ImportOptions::new(chrono::NaiveDate::MIN).title_en("A county list");
    /// assert_eq!(o.title_en.as_deref(), Some("A county list"));
    /// ```
    pub fn title_en(mut self, title: impl Into<String>) -> Self {
        self.title_en = Some(title.into());
        self
    }

    /// Sets the command centre, by name or id.
    ///
    /// ```
    /// let o = huying::catalog::ImportOptions::new(chrono::NaiveDate::MIN).command_centre("县网格化服务管理中心");
    /// assert!(o.command_centre.is_some());
    /// ```
    pub fn command_centre(mut self, unit: impl Into<String>) -> Self {
        self.command_centre = Some(unit.into());
        self
    }

    /// Sets the sheet that holds the matters.
    ///
    /// ```
    /// let o = huying::catalog::ImportOptions::new(chrono::NaiveDate::MIN).sheet("附件1");
    /// assert_eq!(o.sheet.as_deref(), Some("附件1"));
    /// ```
    pub fn sheet(mut self, name: impl Into<String>) -> Self {
        self.sheet = Some(name.into());
        self
    }

    /// Sets where the units are looked up.
    ///
    /// ```
    /// use huying::catalog::{Catalog, ImportOptions, UnitSource};
    /// let o = ImportOptions::new(chrono::NaiveDate::MIN).units(UnitSource::Catalog(Catalog::sample()));
    /// assert!(matches!(o.units, UnitSource::Catalog(_)));
    /// ```
    pub fn units(mut self, units: UnitSource) -> Self {
        self.units = units;
        self
    }
}

/// Something the import understood that the sheet did not say in so many
/// words: where the header is, what an unusual header means, a merged or
/// empty cell filled from above, a unit found by a short name, the township
/// read from `各乡镇（街道）`, … An official checks these.
///
/// ```
/// use huying::{catalog::Guess, Lang};
/// let g = Guess {
///     cell: "E5".into(),
///     text: "县住建局".into(),
///     meaning_en: "read as 县住房和城乡建设局 (U012)".into(),
///     meaning_zh: "读作 县住房和城乡建设局（U012）".into(),
/// };
/// assert_eq!(g.meaning(Lang::Zh), "读作 县住房和城乡建设局（U012）");
/// assert_eq!(g.to_string(), "E5 县住建局: read as 县住房和城乡建设局 (U012)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Guess {
    /// The cell or range (`E5`, `A4:A9`, `C3`), or the sheet when it is about
    /// the whole sheet (empty).
    pub cell: String,
    /// What the sheet says there.
    pub text: String,
    /// What it was taken to mean, in English.
    pub meaning_en: String,
    /// What it was taken to mean, in Chinese.
    pub meaning_zh: String,
}

impl Guess {
    /// The meaning in the given language.
    ///
    /// ```
    /// let g = huying::catalog::Guess { cell: String::new(), text: String::new(),
    ///     meaning_en: "x".into(), meaning_zh: "甲".into() };
    /// assert_eq!(g.meaning(huying::Lang::En), "x");
    /// ```
    pub fn meaning(&self, lang: Lang) -> &str {
        lang.pick(&self.meaning_zh, &self.meaning_en)
    }
}

impl std::fmt::Display for Guess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.cell, self.text, self.meaning_en)
    }
}

/// What an import read and understood, for an official to check: the sheet,
/// the header row, the rows read, the warnings (each with its cell: a duty
/// phrase not understood, kept as text; no approval reference) and the
/// guesses made.
///
/// ```
/// use huying::catalog::{Catalog, ImportOptions};
/// let sample = Catalog::sample();
/// let book = sample.to_xlsx()?;
/// let first = sample.editions().next().unwrap();
/// let got = Catalog::import_sheet("sample.xlsx", &book, &ImportOptions::new(first.effective()))?;
/// let r = &got.report;
/// assert_eq!((r.file.as_str(), r.header_row, r.rows_read), ("sample.xlsx#事项清单", 3, 92));
/// assert!(r.to_text(huying::Lang::Zh).contains("第 3 行"));
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The sheet read (`file#sheet`, or the file for CSV).
    pub file: String,
    /// The 1-based row of the header (its first row, for a header of two rows).
    pub header_row: u32,
    /// The matter rows read.
    pub rows_read: usize,
    /// Warnings: what was kept but not understood, with its cell.
    pub warnings: Vec<Problem>,
    /// Guesses: what was understood, with its cell.
    pub guesses: Vec<Guess>,
}

impl ImportReport {
    /// The report in words, a line per warning and guess.
    ///
    /// ```
    /// let r = huying::catalog::ImportReport { file: "a.xlsx#清单".into(), header_row: 2,
    ///     rows_read: 5, warnings: vec![], guesses: vec![] };
    /// assert!(r.to_text(huying::Lang::En).starts_with("a.xlsx#清单: header in row 2, 5 matter rows read"));
    /// ```
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = match lang {
            Lang::Zh => format!(
                "{}：表头在第 {} 行，读取事项 {} 行；提醒 {} 条，推断 {} 条。\n",
                self.file,
                self.header_row,
                self.rows_read,
                self.warnings.len(),
                self.guesses.len()
            ),
            Lang::En => format!(
                "{}: header in row {}, {} matter rows read; {} warning(s), {} guess(es).\n",
                self.file,
                self.header_row,
                self.rows_read,
                self.warnings.len(),
                self.guesses.len()
            ),
        };
        if !self.warnings.is_empty() {
            out.push_str(lang.pick("提醒：\n", "Warnings:\n"));
            for w in &self.warnings {
                out.push_str(&format!("  {}：{}\n", w.field, w.message(lang)));
            }
        }
        if !self.guesses.is_empty() {
            out.push_str(lang.pick("推断：\n", "Guesses:\n"));
            for g in &self.guesses {
                let sep = lang.pick("：", ": ");
                out.push_str(&format!(
                    "  {} {}{sep}{}\n",
                    g.cell,
                    g.text,
                    g.meaning(lang)
                ));
            }
        }
        out
    }
}

/// A list imported from an officials' sheet, and the report of the import.
///
/// ```
/// use huying::catalog::{Catalog, ImportOptions};
/// let book = Catalog::sample().to_xlsx()?;
/// let got = Catalog::import_sheet("sample.xlsx", &book,
///     &ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()))?;
/// assert_eq!(got.catalog.latest().len(), 92);
/// assert!(got.report.warnings.is_empty());
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Imported {
    /// The list read.
    pub catalog: Catalog,
    /// What was read and understood.
    pub report: ImportReport,
}
