//! The tabular form: CSV/TSV files (and, through `xlsx`, workbook sheets).

use std::collections::HashMap;

use super::super::error::ProblemCode;
use super::super::model::{
    CatalogData, Change, Domain, Duty, DutyKind, Holder, Matter, Revision, SlaOverrides, Step,
    StepRole, Unit, UnitKind, UnitLevel,
};
use super::super::validate::{BAD_DATE, Locator, Problems, TableOrigins};
use super::super::{Catalog, CatalogError};
use super::parse_date;

/// The columns of the matters table, in the order they are written.
pub(crate) const MATTER_COLUMNS: [&str; 17] = [
    "id",
    "domain",
    "domain_zh",
    "domain_en",
    "name_zh",
    "name_en",
    "primary",
    "primary_kinds",
    "primary_text_zh",
    "supporting",
    "supporting_text_zh",
    "workflow",
    "legal_basis",
    "source",
    "sla_dispatch",
    "sla_arrival",
    "sla_reply",
];
pub(crate) const UNIT_COLUMNS: [&str; 8] = [
    "id",
    "name_zh",
    "name_en",
    "level",
    "kind",
    "department",
    "township",
    "variants_zh",
];
pub(crate) const REVISION_COLUMNS: [&str; 5] =
    ["revision", "reference", "effective", "title_zh", "action"];
const LIST_KEYS: [&str; 7] = [
    "id",
    "title_zh",
    "title_en",
    "reference",
    "effective",
    "illustrative",
    "command_centre",
];

/// The files of a list in tabular form, each as (file name, text): read by
/// [`Catalog::from_csv`] and [`Catalog::from_tsv`]. The module
/// documentation of [`crate::catalog`] lists the columns.
///
/// ```
/// use huying::catalog::{Catalog, TabularFiles};
/// let files = TabularFiles {
///     list: ("list.csv", "key,value\nid,T\nreference,R1\neffective,2025-01-01\ncommand_centre,CC\n"),
///     units: ("units.csv", "id,name_zh,name_en,level,kind\nCC,指挥中心,Command centre,county,platform\n\
///                           D1,县某局,Bureau,county,department\nT1,某镇,A town,township,township\n"),
///     matters: ("matters.csv", "id,domain,name_zh,primary,supporting\nM1,d,某事项,D1,territorial=patrol\n"),
///     revisions: None,
/// };
/// let c = Catalog::from_csv(&files)?;
/// assert_eq!(c.latest().matter("M1").unwrap().supporting.len(), 1);
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TabularFiles<'a> {
    /// The `list` table (`key`, `value`).
    pub list: (&'a str, &'a str),
    /// The `units` table.
    pub units: (&'a str, &'a str),
    /// The `matters` table.
    pub matters: (&'a str, &'a str),
    /// The `revisions` table, if the list has revisions.
    pub revisions: Option<(&'a str, &'a str)>,
}

impl<'a> TabularFiles<'a> {
    /// The four tables as CSV text, named `list.csv`, `units.csv`,
    /// `matters.csv` and `revisions.csv` in the problems reported.
    ///
    /// ```
    /// let f = huying::catalog::TabularFiles::csv("", "", "", None);
    /// assert_eq!(f.units.0, "units.csv");
    /// ```
    pub fn csv(
        list: &'a str,
        units: &'a str,
        matters: &'a str,
        revisions: Option<&'a str>,
    ) -> TabularFiles<'a> {
        Self::named(
            ["list.csv", "units.csv", "matters.csv", "revisions.csv"],
            [list, units, matters],
            revisions,
        )
    }

    /// The four tables as TSV text, named `list.tsv`, `units.tsv`,
    /// `matters.tsv` and `revisions.tsv` in the problems reported.
    ///
    /// ```
    /// let f = huying::catalog::TabularFiles::tsv("", "", "", Some(""));
    /// assert_eq!(f.revisions.unwrap().0, "revisions.tsv");
    /// ```
    pub fn tsv(
        list: &'a str,
        units: &'a str,
        matters: &'a str,
        revisions: Option<&'a str>,
    ) -> TabularFiles<'a> {
        Self::named(
            ["list.tsv", "units.tsv", "matters.tsv", "revisions.tsv"],
            [list, units, matters],
            revisions,
        )
    }

    fn named(
        [l, u, m, r]: [&'static str; 4],
        [list, units, matters]: [&'a str; 3],
        revisions: Option<&'a str>,
    ) -> TabularFiles<'a> {
        TabularFiles {
            list: (l, list),
            units: (u, units),
            matters: (m, matters),
            revisions: revisions.map(|t| (r, t)),
        }
    }
}

/// One table: a header and numbered rows of trimmed cells.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub file: String,
    pub header: Vec<String>,
    /// (1-based row number in the source, cells).
    pub rows: Vec<(u32, Vec<String>)>,
}

impl Table {
    /// Reads delimited text; a malformed file is a `catalog.parse` problem.
    pub(crate) fn delimited(
        file: &str,
        text: &str,
        delimiter: u8,
        out: &mut Problems,
    ) -> Option<Table> {
        if super::too_large(file, text.len(), out) {
            return None;
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut table = Table {
            file: file.to_string(),
            ..Table::default()
        };
        for record in reader.records() {
            match record {
                Ok(r) => {
                    let line = r.position().map_or(0, |p| p.line()) as u32;
                    let cells: Vec<String> = r.iter().map(|c| c.trim().to_string()).collect();
                    if table.header.is_empty() {
                        table.header = cells;
                    } else if cells.iter().any(|c| !c.is_empty()) {
                        table.rows.push((line, cells));
                    }
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line() as u32);
                    out.at(
                        ProblemCode::Parse,
                        (file.to_string(), line, String::new()),
                        format!("cannot read the file: {e}"),
                        format!("无法读取文件：{e}"),
                    );
                    return None;
                }
            }
        }
        Some(table)
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Reports each required column that is missing; true when all are there.
    fn require(&self, columns: &[&str], out: &mut Problems) -> bool {
        let mut ok = true;
        for c in columns.iter().filter(|c| self.col(c).is_none()) {
            ok = false;
            out.at(
                ProblemCode::Parse,
                (self.file.clone(), Some(1), (*c).to_string()),
                format!("the column {c:?} is missing from the header"),
                format!("表头缺少列 {c}"),
            );
        }
        ok
    }
}

/// One row being read, with the problems it raises.
struct Row<'t, 'p> {
    table: &'t Table,
    num: u32,
    cells: &'t [String],
    out: &'p mut Problems,
}

impl<'t> Row<'t, '_> {
    fn get(&self, col: &str) -> &'t str {
        self.table
            .col(col)
            .and_then(|i| self.cells.get(i))
            .map_or("", String::as_str)
    }

    fn problem(&mut self, code: ProblemCode, col: &str, en: String, zh: String) {
        let at = (self.table.file.clone(), Some(self.num), col.to_string());
        self.out.at(code, at, en, zh);
    }

    fn required(&mut self, col: &str) -> String {
        let v = self.get(col).to_string();
        if v.is_empty() {
            self.problem(
                ProblemCode::MissingField,
                col,
                format!("the {col} cell is empty"),
                format!("{col} 列为空"),
            );
        }
        v
    }

    fn parsed<T: std::str::FromStr>(&mut self, col: &str, required: bool) -> Option<T> {
        let v = self.get(col).to_string();
        if v.is_empty() {
            if required {
                self.required(col);
            }
            return None;
        }
        let parsed = v.parse().ok();
        if parsed.is_none() {
            self.problem(
                ProblemCode::InvalidValue,
                col,
                format!("cannot read {v:?} in column {col}"),
                format!("{col} 列的值“{v}”无法识别"),
            );
        }
        parsed
    }

    fn date(&mut self, col: &str) -> chrono::NaiveDate {
        let v = self.required(col);
        if v.is_empty() {
            return BAD_DATE;
        }
        parse_date(&v).unwrap_or_else(|| {
            self.problem(
                ProblemCode::InvalidValue,
                col,
                format!("{v:?} is not a date (expected YYYY-MM-DD)"),
                format!("“{v}”不是日期（应为 YYYY-MM-DD）"),
            );
            BAD_DATE
        })
    }

    fn kinds(&mut self, col: &str, text: &str) -> Vec<DutyKind> {
        let mut kinds = Vec::new();
        for code in split(text, &[',', '，', '、', ' ']) {
            match code.parse() {
                Ok(k) => kinds.push(k),
                Err(_) => self.problem(
                    ProblemCode::UnknownDuty,
                    col,
                    format!("{code:?} is not a duty code (patrol, report, dissuade, assist_enforcement, …)"),
                    format!("“{code}”不是有效的责任类型代码"),
                ),
            }
        }
        kinds
    }

    fn holder(&mut self, col: &str, text: &str) -> Holder {
        text.parse().unwrap_or_else(|_| {
            self.required(col);
            Holder::Territorial
        })
    }

    fn matter(&mut self, domains: &mut Domains) -> Matter {
        let id = self.required("id");
        let primaries = split(self.get("primary"), &[';', '；', ',', '，', '、']);
        if primaries.len() > 1 {
            self.problem(
                ProblemCode::MultiplePrimary,
                "primary",
                format!(
                    "matter {id} has {} primary duty holders; the list must name one",
                    primaries.len()
                ),
                format!(
                    "事项 {id} 有 {} 个主体责任单位，清单只能明确一个",
                    primaries.len()
                ),
            );
        }
        let holder = match primaries.first() {
            Some(p) => self.holder("primary", p),
            None => {
                self.problem(
                    ProblemCode::NoPrimary,
                    "primary",
                    format!("matter {id} has no primary duty holder"),
                    format!("事项 {id} 未明确主体责任单位"),
                );
                Holder::Territorial
            }
        };
        let kinds_text = self.get("primary_kinds").to_string();
        let primary = Duty {
            holder,
            kinds: self.kinds("primary_kinds", &kinds_text),
            text_zh: self.get("primary_text_zh").to_string(),
        };
        let mut supporting = Vec::new();
        let supporting_text = self.get("supporting").to_string();
        for entry in split(&supporting_text, &[';', '；', '\n']) {
            let (h, codes) = entry
                .split_once(['=', ':', '：'])
                .map_or((entry, ""), |(h, c)| (h.trim(), c));
            let holder = self.holder("supporting", h);
            let kinds = self.kinds("supporting", codes);
            supporting.push(Duty {
                holder,
                kinds,
                text_zh: String::new(),
            });
        }
        let texts = self.get("supporting_text_zh").to_string();
        if !texts.is_empty() {
            let texts: Vec<&str> = texts.split('\n').map(str::trim).collect();
            if texts.len() == supporting.len() {
                for (d, t) in supporting.iter_mut().zip(texts) {
                    d.text_zh = t.to_string();
                }
            } else {
                self.problem(
                    ProblemCode::InvalidValue,
                    "supporting_text_zh",
                    format!(
                        "{} lines of text for {} supporting holders: give one line per holder",
                        texts.len(),
                        supporting.len()
                    ),
                    format!(
                        "配合责任说明有 {} 行，配合单位有 {} 个：应每个单位一行",
                        texts.len(),
                        supporting.len()
                    ),
                );
            }
        }
        let mut workflow = Vec::new();
        let workflow_text = self.get("workflow").to_string();
        for step in split(&workflow_text, &['→']) {
            let parsed = step.split_once([':', '：']).and_then(|(role, text)| {
                Some(Step::new(role.parse::<StepRole>().ok()?, text.trim()))
            });
            match parsed {
                Some(s) => workflow.push(s),
                None => self.problem(
                    ProblemCode::InvalidValue,
                    "workflow",
                    format!("step {step:?} does not start with a role (grid:, township:, primary:, county:, command_centre:, joint:)"),
                    format!("流程步骤“{step}”未以角色开头（如 grid:、township:、primary:）"),
                ),
            }
        }
        let domain = self.required("domain");
        let (zh, en) = (
            self.get("domain_zh").to_string(),
            self.get("domain_en").to_string(),
        );
        domains.note(&domain, &zh, &en, self);
        Matter {
            domain,
            name_zh: self.required("name_zh"),
            name_en: self.get("name_en").to_string(),
            primary,
            supporting,
            workflow,
            legal_basis: self.get("legal_basis").to_string(),
            source: self.get("source").to_string(),
            sla: SlaOverrides {
                dispatch: self.parsed("sla_dispatch", false),
                arrival: self.parsed("sla_arrival", false),
                reply: self.parsed("sla_reply", false),
            },
            id,
        }
    }
}

/// Splits a cell on any of the separators, trimming and dropping empty parts.
fn split<'s>(text: &'s str, seps: &[char]) -> Vec<&'s str> {
    text.split(|c| seps.contains(&c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Domains met in the matter rows, in order, with the row that defined each.
#[derive(Default)]
struct Domains {
    list: Vec<Domain>,
    rows: Vec<(String, u32)>,
}

impl Domains {
    fn note(&mut self, code: &str, zh: &str, en: &str, row: &mut Row<'_, '_>) {
        if code.is_empty() {
            return;
        }
        let zh = if zh.is_empty() { code } else { zh };
        let en = if en.is_empty() { code } else { en };
        match self.list.iter().find(|d| d.code == code) {
            None => {
                self.list.push(Domain::new(code, zh, en));
                self.rows.push((row.table.file.clone(), row.num));
            }
            Some(d) if d.name_zh != zh && !row.get("domain_zh").is_empty() => row.problem(
                ProblemCode::InvalidValue,
                "domain_zh",
                format!(
                    "domain {code} is named {:?} elsewhere, {zh:?} here",
                    d.name_zh
                ),
                format!("领域 {code} 在别处名为“{}”，此处为“{zh}”", d.name_zh),
            ),
            Some(_) => {}
        }
    }
}

/// The four tables of a list.
pub(crate) struct Tables {
    pub list: Table,
    pub units: Table,
    pub matters: Table,
    pub revisions: Option<Table>,
}

/// Reads tables into a list, reporting what cannot be read.
pub(crate) fn from_tables(t: &Tables, out: &mut Problems) -> (CatalogData, Locator) {
    let mut origins = TableOrigins {
        list_file: t.list.file.clone(),
        units_file: t.units.file.clone(),
        matters_file: t.matters.file.clone(),
        revisions_file: t
            .revisions
            .as_ref()
            .map(|r| r.file.clone())
            .unwrap_or_default(),
        ..TableOrigins::default()
    };
    // The list table.
    let mut meta: HashMap<String, (u32, String)> = HashMap::new();
    if t.list.require(&["key", "value"], out) {
        for (num, cells) in &t.list.rows {
            let row = Row {
                table: &t.list,
                num: *num,
                cells,
                out,
            };
            let key = row.get("key").to_string();
            if !LIST_KEYS.contains(&key.as_str()) {
                let mut row = row;
                row.problem(
                    ProblemCode::InvalidValue,
                    "key",
                    format!(
                        "unknown key {key:?} (expected one of {})",
                        LIST_KEYS.join(", ")
                    ),
                    format!("未知的键“{key}”"),
                );
                continue;
            }
            origins.list_rows.insert(key.clone(), *num);
            meta.insert(key, (*num, row.get("value").to_string()));
        }
    }
    let value = |k: &str| meta.get(k).map(|v| v.1.clone()).unwrap_or_default();
    let effective = match meta.get("effective") {
        Some((num, v)) => parse_date(v).unwrap_or_else(|| {
            out.at(
                ProblemCode::InvalidValue,
                (t.list.file.clone(), Some(*num), "effective".into()),
                format!("{v:?} is not a date (expected YYYY-MM-DD)"),
                format!("“{v}”不是日期（应为 YYYY-MM-DD）"),
            );
            BAD_DATE
        }),
        None => {
            out.at(
                ProblemCode::MissingField,
                (t.list.file.clone(), None, "effective".into()),
                "the list has no effective date".into(),
                "清单缺少施行日期".into(),
            );
            BAD_DATE
        }
    };
    let illustrative = matches!(value("illustrative").as_str(), "true" | "yes" | "1" | "是");
    // Units.
    let mut units = Vec::new();
    if t.units.require(&["id", "name_zh", "level", "kind"], out) {
        for (num, cells) in &t.units.rows {
            let mut row = Row {
                table: &t.units,
                num: *num,
                cells,
                out,
            };
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            units.push(Unit {
                id: row.required("id"),
                name_zh: row.required("name_zh"),
                name_en: row.get("name_en").to_string(),
                level: row.parsed("level", true).unwrap_or(UnitLevel::County),
                kind: row.parsed("kind", true).unwrap_or(UnitKind::Department),
                department: opt(row.get("department")),
                township: opt(row.get("township")),
                variants_zh: split(row.get("variants_zh"), &[';', '；'])
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            });
            origins.unit_rows.push(*num);
        }
    }
    // Matters.
    let mut domains = Domains::default();
    let mut matters = Vec::new();
    if t.matters
        .require(&["id", "domain", "name_zh", "primary"], out)
    {
        for (num, cells) in &t.matters.rows {
            let mut row = Row {
                table: &t.matters,
                num: *num,
                cells,
                out,
            };
            matters.push(row.matter(&mut domains));
            origins.matter_rows.push(*num);
        }
    }
    // Revisions: rows grouped by revision id, in order of first appearance.
    let mut revisions: Vec<Revision> = Vec::new();
    if let Some(rt) = &t.revisions {
        if rt.require(&["revision", "reference", "effective", "action", "id"], out) {
            for (num, cells) in &rt.rows {
                let mut row = Row {
                    table: rt,
                    num: *num,
                    cells,
                    out,
                };
                let rid = row.required("revision");
                let pos = match revisions.iter().position(|r| r.id == rid) {
                    Some(p) => {
                        for col in ["reference", "effective"] {
                            let first = match col {
                                "reference" => revisions.get(p).map(|r| r.reference.clone()),
                                _ => revisions.get(p).map(|r| r.effective.to_string()),
                            };
                            let here = row.get(col).to_string();
                            let same = col == "effective"
                                && parse_date(&here).map(|d| d.to_string()) == first;
                            if !here.is_empty() && first.as_deref() != Some(here.as_str()) && !same
                            {
                                row.problem(
                                    ProblemCode::InvalidValue,
                                    col,
                                    format!(
                                        "revision {rid} has {col} {here:?} here but {:?} above",
                                        first.unwrap_or_default()
                                    ),
                                    format!("调整批次 {rid} 的 {col} 前后不一致"),
                                );
                            }
                        }
                        p
                    }
                    None => {
                        revisions.push(Revision {
                            id: rid.clone(),
                            reference: row.required("reference"),
                            effective: row.date("effective"),
                            title_zh: row.get("title_zh").to_string(),
                            changes: Vec::new(),
                        });
                        origins.change_rows.push(Vec::new());
                        revisions.len() - 1
                    }
                };
                let action = row.get("action").to_string();
                let change = match action.as_str() {
                    "add" | "新增" => Some(Change::Add(row.matter(&mut domains))),
                    "modify" | "change" | "调整" | "修改" => {
                        Some(Change::Modify(row.matter(&mut domains)))
                    }
                    "remove" | "取消" | "删除" => Some(Change::Remove(row.required("id"))),
                    _ => {
                        row.problem(
                            ProblemCode::InvalidValue,
                            "action",
                            format!("unknown action {action:?}: expected add, remove or modify"),
                            format!("未知调整类型“{action}”：应为 新增(add)、取消(remove) 或 调整(modify)"),
                        );
                        None
                    }
                };
                if let (Some(c), Some(r), Some(rows)) = (
                    change,
                    revisions.get_mut(pos),
                    origins.change_rows.get_mut(pos),
                ) {
                    r.changes.push(c);
                    rows.push(*num);
                }
            }
        }
    }
    origins.domain_rows = domains.rows;
    let data = CatalogData {
        id: value("id"),
        title_zh: value("title_zh"),
        title_en: value("title_en"),
        reference: value("reference"),
        effective,
        illustrative,
        command_centre: value("command_centre"),
        domains: domains.list,
        units,
        matters,
        revisions,
    };
    (data, Locator::Tables(Box::new(origins)))
}

/// Reads tables and validates the list.
pub(crate) fn load(tables: Option<Tables>, mut out: Problems) -> Result<Catalog, CatalogError> {
    match tables {
        Some(t) if out.list.is_empty() => {
            let (data, loc) = from_tables(&t, &mut out);
            // A table that cannot be read would only make the list checks noisy.
            if out.list.iter().any(|p| p.code == ProblemCode::Parse) {
                return Err(CatalogError::Invalid { problems: out.list });
            }
            Catalog::checked(data, &loc, out)
        }
        _ => Err(CatalogError::Invalid { problems: out.list }),
    }
}

impl Catalog {
    /// Reads a list from CSV files (the tabular form), and validates it.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Invalid`] with every problem found; each names the
    /// file, the 1-based line (the header is line 1) and the column.
    ///
    /// ```
    /// use huying::catalog::Catalog;
    /// let csv = Catalog::sample().to_delimited(b',');
    /// let units = csv.units.replace("U053,自然资源所", "U053,自然资源所").replace(",U010,U068", ",U999,U068");
    /// let mut files = csv.files();
    /// files.units.1 = &units;
    /// let err = Catalog::from_csv(&files).unwrap_err();
    /// let p = &err.problems()[0];
    /// assert_eq!((p.code.code(), p.file.as_str(), p.field.as_str()), ("catalog.unknown_department", "units.csv", "department"));
    /// assert!(p.row.is_some());
    /// ```
    pub fn from_csv(files: &TabularFiles<'_>) -> Result<Catalog, CatalogError> {
        Catalog::from_delimited(files, b',')
    }

    /// Reads a list from TSV files (the tabular form), and validates it.
    ///
    /// # Errors
    ///
    /// As [`Catalog::from_csv`].
    ///
    /// ```
    /// use huying::catalog::Catalog;
    /// let tsv = Catalog::sample().to_delimited(b'\t');
    /// assert_eq!(Catalog::from_tsv(&tsv.files())?.latest().len(), 92);
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn from_tsv(files: &TabularFiles<'_>) -> Result<Catalog, CatalogError> {
        Catalog::from_delimited(files, b'\t')
    }

    fn from_delimited(files: &TabularFiles<'_>, delimiter: u8) -> Result<Catalog, CatalogError> {
        let mut out = Problems::default();
        let mut read =
            |(name, text): (&str, &str)| Table::delimited(name, text, delimiter, &mut out);
        let list = read(files.list);
        let units = read(files.units);
        let matters = read(files.matters);
        let revisions = files.revisions.map(&mut read);
        let tables = match (list, units, matters, revisions) {
            (Some(list), Some(units), Some(matters), None) => Some(Tables {
                list,
                units,
                matters,
                revisions: None,
            }),
            (Some(list), Some(units), Some(matters), Some(Some(r))) => Some(Tables {
                list,
                units,
                matters,
                revisions: Some(r),
            }),
            _ => None,
        };
        load(tables, out)
    }
}
