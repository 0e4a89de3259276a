//! The list as officials keep it: one sheet with a title, a header in
//! Chinese, the 领域 column merged down over its matters, units written by
//! name and supporting duties as a phrase — read into a list, with a report
//! of what was understood ([`Catalog::import_sheet`]), and written back in
//! the same layout ([`Catalog::to_xlsx`]).
//!
//! | file | what it does |
//! | --- | --- |
//! | `aliases` | the words of a sheet, in one place (public: [`aliases`]) |
//! | `report` | the options in, the report out |
//! | `grid` | a sheet's cells, merged ranges filled; CSV/TSV in any of Excel's encodings |
//! | `header` | finding the header row among the title rows |
//! | `units` | the units table (a sheet `单位`, a units file or a list) |
//! | `names` | units by the names officials write, and the closest names |
//! | `words` | what a cell's words mean (the township, a duty phrase, …) |
//! | `matters` | the matter rows |
//! | `write` | `to_xlsx` |

pub mod aliases;
mod grid;
mod header;
mod matters;
mod names;
mod report;
mod units;
mod words;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod write;

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Xlsx};

use self::aliases::{MATTER_HEADERS, UNIT_SHEETS, fold};
use self::grid::{Grid, Merge};
use self::header::{Header, M_COLUMNS, MATTERS_REQUIRED, find_header};
use self::matters::Import;
use self::names::{Found, Names};
pub use self::report::{Guess, ImportOptions, ImportReport, Imported, UnitSource};
use self::units::UnitTable;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) use self::words::{is_territorial, unit_names};
use self::words::{reference_in, title_in};
use super::super::error::{Problem, ProblemCode};
use super::super::model::{CatalogData, Unit, UnitLevel};
use super::super::validate::{Locator, Problems, SheetOrigins};
use super::super::{Catalog, CatalogError};
use super::xlsx;

/// Problems, warnings and guesses of an import.
#[derive(Default)]
struct Sink {
    errors: Problems,
    warnings: Vec<Problem>,
    guesses: Vec<Guess>,
    /// Guesses about a text that recurs (a unit name): index in `guesses`
    /// and the number of cells.
    repeated: HashMap<(String, String), (usize, usize)>,
}

impl Sink {
    fn error(&mut self, code: ProblemCode, at: (&str, u32, String), en: String, zh: String) {
        let (file, row, cell) = at;
        self.errors
            .at(code, (file.to_string(), Some(row + 1), cell), en, zh);
    }

    fn warn(&mut self, code: ProblemCode, at: (&str, u32, String), en: String, zh: String) {
        let (file, row, cell) = at;
        self.warnings.push(Problem {
            code,
            file: file.to_string(),
            row: Some(row + 1),
            field: cell,
            message_en: en,
            message_zh: zh,
        });
    }

    fn guess(&mut self, cell: String, text: &str, en: String, zh: String) {
        self.guesses.push(Guess {
            cell,
            text: text.to_string(),
            meaning_en: en,
            meaning_zh: zh,
        });
    }

    /// A guess about a text that may recur: said once, with the number of
    /// cells it was made for.
    fn guess_once(&mut self, kind: &str, cell: String, text: &str, en: String, zh: String) {
        let key = (kind.to_string(), text.to_string());
        if let Some((_, n)) = self.repeated.get_mut(&key) {
            *n += 1;
            return;
        }
        self.repeated.insert(key, (self.guesses.len(), 1));
        self.guess(cell, text, en, zh);
    }

    /// Adds the number of cells to the guesses made for several.
    fn count_repeats(&mut self) {
        for (i, n) in self.repeated.values() {
            if let (Some(g), true) = (self.guesses.get_mut(*i), *n > 1) {
                g.meaning_en.push_str(&format!(" ({n} cells)"));
                g.meaning_zh.push_str(&format!("（共 {n} 处）"));
            }
        }
    }
}

/// A sheet's cells with its merged ranges filled.
fn sheet_grid(
    book: &mut Xlsx<Cursor<&[u8]>>,
    file: &str,
    name: &str,
    out: &mut Problems,
) -> Option<(Grid, Vec<Merge>)> {
    let cells = xlsx::cells(book, file, name, out)?;
    let mut grid = Grid {
        file: format!("{file}#{name}"),
        first_col: cells.first_col,
        rows: cells.rows,
    };
    let merged = match xlsx::merged(book, name) {
        Ok(m) => m,
        Err(e) => {
            xlsx::unreadable(
                out,
                file,
                name,
                format!("cannot read the merged cells of {name:?}: {e}"),
                format!("无法读取工作表“{name}”的合并单元格：{e}"),
            );
            return None;
        }
    };
    let used = grid.fill_merged(&merged, out)?;
    Some((grid, used))
}

/// An XLS (Excel 97-2003) workbook, which is refused (see `xlsx::refuse`).
fn is_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn is_units_sheet(name: &str) -> bool {
    let f = fold(name);
    UNIT_SHEETS.iter().any(|s| fold(s) == f)
}

/// The matters sheet of a file (its grid, merged ranges used and header),
/// and the grid of its units sheet if it has one.
#[allow(clippy::type_complexity)] // used once: a (matters, units) pair
fn read_sheets(
    file: &str,
    bytes: &[u8],
    wanted: Option<&str>,
    out: &mut Problems,
) -> Option<((Grid, Vec<Merge>, Header), Option<Grid>)> {
    let not_found = |out: &mut Problems, what: String| {
        out.at(
            ProblemCode::Parse,
            (file.to_string(), None, String::new()),
            format!("{what} has no header row with 事项名称 and 主体责任单位 (or their other names) in its first 30 rows"),
            format!("{what}前 30 行中没有含“事项名称”和“主体责任单位”（或其别称）的表头"),
        );
    };
    if is_xls(bytes) {
        let _ = xlsx::open(file, bytes, out);
        return None;
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        let grid = Grid::delimited(file, bytes, out)?;
        let Some(header) = find_header(&grid, &MATTER_HEADERS, &MATTERS_REQUIRED) else {
            not_found(out, format!("the file {file}"));
            return None;
        };
        return Some(((grid, Vec::new(), header), None));
    }
    let mut book = xlsx::open(file, bytes, out)?;
    let names = book.sheet_names();
    let units_sheet = names.iter().find(|n| is_units_sheet(n)).cloned();
    let units = match &units_sheet {
        Some(n) => Some(sheet_grid(&mut book, file, n, out)?.0),
        None => None,
    };
    let candidates: Vec<String> = match wanted {
        Some(w) => match names.iter().find(|n| n.trim() == w.trim()) {
            Some(n) => vec![n.clone()],
            None => {
                out.at(
                    ProblemCode::Parse,
                    (file.to_string(), None, String::new()),
                    format!(
                        "the workbook has no sheet named {w:?} (it has {})",
                        names.join(", ")
                    ),
                    format!(
                        "工作簿中没有名为“{w}”的工作表（现有：{}）",
                        names.join("、")
                    ),
                );
                return None;
            }
        },
        None => names
            .iter()
            .filter(|n| Some(*n) != units_sheet.as_ref())
            .cloned()
            .collect(),
    };
    for name in &candidates {
        let (grid, used) = sheet_grid(&mut book, file, name, out)?;
        if let Some(header) = find_header(&grid, &MATTER_HEADERS, &MATTERS_REQUIRED) {
            return Some(((grid, used, header), units));
        }
    }
    let what = match candidates.as_slice() {
        [one] => format!("the sheet {one:?}"),
        _ => "no sheet of the workbook".to_string(),
    };
    not_found(out, what);
    None
}

impl Catalog {
    /// Reads the list as officials keep it — an XLSX workbook or a CSV/TSV
    /// file with a title, a header in Chinese (`序号`, `领域`, `事项名称`,
    /// `主体责任单位`, `配合责任单位`, `配合责任内容`, maybe `工作流程` and
    /// `法律依据`), the 领域 column merged down over its matters, units
    /// written by name and supporting duties as a phrase — and validates it.
    ///
    /// - **Header**: the row (or two rows) among the first 30 that names the
    ///   most columns; rows above it are titles (the first is the list's
    ///   title, one with `文号：` or `〔2025〕…号` its reference). The words
    ///   each column may have are in [`aliases::MATTER_HEADERS`].
    /// - **Cells**: merged cells count in every row they cover (a 领域 or a
    ///   primary unit merged down); an empty 领域 continues the one above; a
    ///   row with one text across it (`一、自然资源`) starts a domain; a row
    ///   starting `注：` is a note. Spaces, line breaks inside names,
    ///   full-width or half-width punctuation and numbering such as `1.` or
    ///   `（一）` do not matter.
    /// - **Matter ids**: the `编号` column, else `M` and the 序号 (`M001`).
    /// - **Units by name**, looked up in [`ImportOptions::units`]: a unit's
    ///   name, a part of it, one of its other names ([`Unit::variants_zh`]),
    ///   with or without the county's prefix (`住建局`, `县住建局`); the
    ///   words of [`aliases::TERRITORIAL_WORDS`] (`各乡镇（街道）`,
    ///   `属地乡镇`) are the township where the matter arises. Several units
    ///   in a cell are separated by `、`, `，` or line breaks.
    /// - **Duties**: a `配合责任内容` phrase is cut into parts and each part
    ///   mapped to duty kinds through [`aliases::DUTY_PHRASES`]; a part with
    ///   none is kept in the duty's text and reported as a warning. Where
    ///   several supporting units share a cell of text with one line per
    ///   unit, each unit gets its line.
    ///
    /// The list takes effect on [`ImportOptions::effective`]; it has no
    /// revisions.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Invalid`] with every problem: `file` is `name#sheet`
    /// (or the file for CSV), `row` the sheet row and `field` the cell
    /// (`D7`). A name that matches no unit is `catalog.unknown_unit` with
    /// the closest known names; one that matches several is
    /// `catalog.ambiguous_unit`; a 序号 or 编号 used twice is
    /// `catalog.duplicate_id` naming both cells. A file that is not a
    /// workbook or text, or has no header, is one `catalog.parse` problem
    /// (the limits of [`Catalog::from_xlsx`] apply).
    ///
    /// ```
    /// use huying::catalog::{Catalog, Holder, ImportOptions, UnitSource};
    /// let csv = "附件1 某县属地管理事项主体责任和配合责任清单\n\
    ///     序号,领域,事项名称,主责单位,配合单位,配合责任内容\n\
    ///     1.,自然资源,违法占用土地查处,县自然资源局,各乡镇（街道）,日常巡查、及时上报、协助执法\n\
    ///     2,,农村乱占耕地建房整治,县自然资源局,属地乡镇,巡查、劝阻制止、文书送达\n";
    /// let options = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
    ///     .reference("县编办发〔2025〕12号")
    ///     .units(UnitSource::Catalog(Catalog::sample()));
    /// let got = Catalog::import_sheet("county.csv", csv.as_bytes(), &options)?;
    /// let m = got.catalog.latest().matter("M002").unwrap();
    /// assert_eq!(m.domain, "natural_resources"); // the empty 领域 continues
    /// assert_eq!(m.primary.holder, Holder::Unit("U010".into()));
    /// assert_eq!(m.supporting[0].holder, Holder::Territorial);
    /// assert_eq!(m.supporting[0].text_zh, "巡查、劝阻制止、文书送达");
    /// let w = &got.report.warnings[0];
    /// assert_eq!((w.field.as_str(), w.code.code()), ("F4", "catalog.unknown_duty"));
    /// assert!(w.message_zh.contains("文书送达"));
    ///
    /// // A unit the units table does not have: the cell, the text and the closest names.
    /// let bad = csv.replace("2,,农村乱占耕地建房整治,县自然资源局", "2,,农村乱占耕地建房整治,县住建委");
    /// let err = Catalog::import_sheet("county.csv", bad.as_bytes(), &options).unwrap_err();
    /// let p = &err.problems()[0];
    /// assert_eq!((p.field.as_str(), p.row), ("D4", Some(4)));
    /// assert!(p.message_zh.contains("县住建委") && p.message_zh.contains("县住建局"));
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn import_sheet(
        file: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<Imported, CatalogError> {
        import(file, bytes, options)
    }

    /// Reads the list as officials keep it from a file (`.xlsx`, `.csv`,
    /// `.tsv`, `.txt`): [`Catalog::import_sheet`] on its contents.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Read`] when the file cannot be read; otherwise as
    /// [`Catalog::import_sheet`].
    ///
    /// ```
    /// use huying::catalog::{Catalog, ImportOptions};
    /// let path = std::env::temp_dir().join(format!("huying-import-{}.xlsx", std::process::id()));
    /// std::fs::write(&path, Catalog::sample().to_xlsx()?).unwrap();
    /// let options = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    /// let got = Catalog::import_sheet_file(&path, &options)?;
    /// assert_eq!(got.catalog.latest().len(), 92);
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn import_sheet_file(
        path: impl AsRef<Path>,
        options: &ImportOptions,
    ) -> Result<Imported, CatalogError> {
        let path = path.as_ref();
        let bytes = super::file::read_bytes(path)?;
        import(&report::file_name(path), &bytes, options)
    }
}

fn invalid(sink: Sink) -> CatalogError {
    CatalogError::Invalid {
        problems: sink.errors.list,
    }
}

/// The units an import looks names up in.
fn units_for(
    options: &ImportOptions,
    units_sheet: Option<&Grid>,
    file: &str,
    sink: &mut Sink,
) -> Option<UnitTable> {
    match &options.units {
        UnitSource::Catalog(c) => Some(UnitTable::of(c)),
        UnitSource::File { name, bytes } => units::from_file(name, bytes, sink),
        UnitSource::Workbook => match units_sheet {
            Some(g) => units::from_grid(g, sink),
            None => {
                sink.errors.at(
                    ProblemCode::Parse,
                    (file.to_string(), None, String::new()),
                    "the list names its units in words and there is no units table to find them in: add a sheet named 单位 (with 单位名称, and 编号 if the units have ids), or give the units (a units file or a list)".into(),
                    "清单以名称写明单位，但没有可供查找的单位表：请增加名为“单位”的工作表（含“单位名称”，单位有编号的含“编号”），或另行提供单位名单（单位文件或已有清单）".into(),
                );
                None
            }
        },
    }
}

/// Guesses about the header: a column read under another name, a second
/// column of one kind, a column not read.
fn header_guesses(grid: &Grid, header: &Header, sink: &mut Sink) {
    for (i, label, field) in &header.labels {
        let cell = if header.first == header.last {
            grid.cell(header.first, *i)
        } else {
            format!(
                "{}:{}",
                grid.cell(header.first, *i),
                grid.cell(header.last, *i)
            )
        };
        let canon = field.and_then(|f| MATTER_HEADERS.get(f)).map(|h| h.0);
        let (en, zh) = match (canon, *field) {
            (Some(canon), Some(f)) if header.col(f) != Some(*i) => (
                format!("a second {canon} column: ignored"),
                format!("重复的“{canon}”列：未读取"),
            ),
            (Some(canon), _) if fold(canon) != fold(label) => {
                (format!("read as {canon}"), format!("读作“{canon}”"))
            }
            (Some(_), _) => continue,
            (None, _) => (
                "not a column Huying reads: ignored".into(),
                "非清单所需列：未读取".into(),
            ),
        };
        sink.guess(cell, label, en, zh);
    }
}

/// The title and the approval reference: the caller's, else the title rows'.
fn titles(
    grid: &Grid,
    header: &Header,
    options: &ImportOptions,
    sink: &mut Sink,
) -> (String, String) {
    // Each title row's first text, with its cell.
    let rows: Vec<(String, &String)> = grid
        .rows
        .range(..header.first)
        .filter_map(|(&row, cells)| {
            let (i, text) = cells.iter().enumerate().find(|(_, c)| !c.is_empty())?;
            Some((grid.cell(row, i), text))
        })
        .collect();
    // The reference: a row that says 文号：, else one that looks like one.
    let found: Vec<(usize, String, bool)> = rows
        .iter()
        .enumerate()
        .filter_map(|(k, (_, text))| reference_in(text).map(|(r, said)| (k, r, said)))
        .collect();
    let reference = found
        .iter()
        .find(|f| f.2)
        .or(found.first())
        .and_then(|(k, r, _)| {
            rows.get(*k)
                .map(|(cell, text)| (*k, cell.clone(), (*text).clone(), r.clone()))
        });
    let title = rows
        .iter()
        .enumerate()
        .filter(|(k, _)| reference.as_ref().is_none_or(|r| r.0 != *k))
        .find_map(|(_, (cell, text))| {
            let t = title_in(text);
            (!t.is_empty()).then(|| (cell.clone(), (*text).clone(), t))
        });
    let reference = reference.map(|(_, cell, text, r)| (cell, text, r));
    let title = match (&options.title_zh, title) {
        (Some(t), _) => t.clone(),
        (None, Some((cell, text, t))) => {
            sink.guess(
                cell,
                &text,
                format!("the list's title: {t}"),
                format!("清单标题：{t}"),
            );
            t
        }
        (None, None) => "属地管理事项清单".to_string(),
    };
    let reference = match (&options.reference, reference) {
        (Some(r), _) => r.clone(),
        (None, Some((cell, text, r))) => {
            sink.guess(
                cell,
                &text,
                format!("the list's approval reference (文号): {r}"),
                format!("清单批准文号：{r}"),
            );
            r
        }
        (None, None) => {
            sink.warn(
                ProblemCode::MissingField,
                (grid.file.as_str(), header.first, "文号".to_string()),
                format!("no approval reference (文号) was given or found above the header: recorded as {NO_REFERENCE}"),
                format!("未提供批准文号，表头上方也未写明：记为“{NO_REFERENCE}”"),
            );
            NO_REFERENCE.to_string()
        }
    };
    (title, reference)
}

/// The reference of a list whose sheet and caller give none.
const NO_REFERENCE: &str = "未注明文号";

/// Guesses about the merged cells below the header.
fn merge_guesses(grid: &Grid, header: &Header, merged: &[Merge], sink: &mut Sink) {
    // Down a column only: a text merged across a row is a heading or a note,
    // said as such.
    for m in merged
        .iter()
        .filter(|m| m.rows.1 > header.last && m.rows.1 > m.rows.0)
    {
        let range = format!(
            "{}:{}",
            grid.cell(m.rows.0.max(header.last + 1), m.cols.0),
            grid.cell(m.rows.1, m.cols.1)
        );
        let what = header
            .labels
            .iter()
            .find(|l| l.0 == m.cols.0)
            .map_or("", |l| l.1.as_str());
        let text = &m.text;
        sink.guess(
            range,
            text,
            format!("merged cells: {what} is “{text}” in each row"),
            format!("合并单元格：每行的{what}均为“{text}”"),
        );
    }
}

/// The command centre: the caller's (by name or id), else the units
/// table's, else the one county unit named 指挥中心.
fn command_centre(
    options: &ImportOptions,
    units: &UnitTable,
    imp: &mut Import<'_>,
) -> Option<String> {
    if let Some(c) = &options.command_centre {
        if let Found::One(i, _) = imp.names.find(c) {
            return imp.names.unit(i).map(|u| u.id.clone());
        }
        let near = imp.names.closest(&fold(c), 3).join("、");
        imp.sink.errors.at(
            ProblemCode::CommandCentre,
            (units.file.clone(), None, "指挥中心".into()),
            format!(
                "the command centre “{c}” is not one unit of the units table (closest: {near})"
            ),
            format!("指挥中心“{c}”不是单位表中的某一单位（最接近的有：{near}）"),
        );
        return None;
    }
    if let Some(c) = &units.command_centre {
        return Some(c.clone());
    }
    let named: Vec<&Unit> = units
        .units
        .iter()
        .filter(|u| !u.kind.is_township() && u.level == UnitLevel::County)
        .filter(|u| {
            std::iter::once(&u.name_zh)
                .chain(&u.variants_zh)
                .any(|n| n.contains("指挥中心") || n.contains("网格") && n.contains("中心"))
        })
        .collect();
    if let [one] = named.as_slice() {
        imp.sink.guess(
            String::new(),
            &one.name_zh,
            format!("the command centre: {} ({})", one.name_zh, one.id),
            format!("指挥中心：{}（{}）", one.name_zh, one.id),
        );
        return Some(one.id.clone());
    }
    imp.sink.errors.at(
        ProblemCode::CommandCentre,
        (units.file.clone(), None, "指挥中心".into()),
        "no unit is marked as the command centre: mark it with 是 in the units table's 指挥中心 column, or give it".into(),
        "未标明指挥中心：请在单位表“指挥中心”列标“是”，或另行指定".into(),
    );
    None
}

fn import(file: &str, bytes: &[u8], options: &ImportOptions) -> Result<Imported, CatalogError> {
    let mut sink = Sink::default();
    let Some(((grid, merged, header), units_sheet)) =
        read_sheets(file, bytes, options.sheet.as_deref(), &mut sink.errors)
    else {
        return Err(invalid(sink));
    };
    let units = units_for(options, units_sheet.as_ref(), file, &mut sink);
    let Some(units) = units else {
        return Err(invalid(sink));
    };
    if sink
        .errors
        .list
        .iter()
        .any(|p| p.code == ProblemCode::Parse)
    {
        return Err(invalid(sink));
    }
    header_guesses(&grid, &header, &mut sink);
    let (title_zh, reference) = titles(&grid, &header, options, &mut sink);
    merge_guesses(&grid, &header, &merged, &mut sink);
    let mut imp = Import::new(sink, Names::new(&units.units));
    let read = matters::read(&mut imp, &grid, &header);
    let command_centre = command_centre(options, &units, &mut imp);
    let mut sink = std::mem::take(&mut imp.sink);
    drop(imp);
    sink.count_repeats();
    let data = CatalogData {
        id: options
            .id
            .clone()
            .unwrap_or_else(|| format!("list-{}", options.effective)),
        title_zh,
        title_en: options.title_en.clone().unwrap_or_default(),
        reference,
        effective: options.effective,
        illustrative: false,
        command_centre: command_centre.unwrap_or_default(),
        domains: read.domains,
        units: units.units,
        matters: read.matters,
        revisions: Vec::new(),
    };
    let loc = Locator::Sheet(Box::new(SheetOrigins {
        matters_file: grid.file.clone(),
        matter_rows: read.rows,
        matter_columns: M_COLUMNS
            .iter()
            .filter_map(|&(m, name)| header.col(m as usize).map(|i| (name, grid.column(i))))
            .collect(),
        domain_rows: read.domain_rows,
        units_file: units.file,
        unit_rows: units.rows,
        unit_columns: units.columns,
    }));
    let report = ImportReport {
        file: grid.file.clone(),
        header_row: header.first + 1,
        rows_read: read.rows_read,
        warnings: std::mem::take(&mut sink.warnings),
        guesses: std::mem::take(&mut sink.guesses),
    };
    // A command centre that could not be found is said once.
    let no_centre = sink
        .errors
        .list
        .iter()
        .any(|p| p.code == ProblemCode::CommandCentre);
    let catalog = Catalog::checked(data, &loc, sink.errors).map_err(|e| match e {
        CatalogError::Invalid { mut problems } if no_centre => {
            problems
                .retain(|p| p.code != ProblemCode::CommandCentre || p.field != "command_centre");
            CatalogError::Invalid { problems }
        }
        e => e,
    })?;
    Ok(Imported { catalog, report })
}
