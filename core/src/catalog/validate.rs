//! Validation: every problem of a list, each with file, row, field, an
//! English and a Chinese message, and a stable code.
//!
//! Loading runs in two passes. The readers (JSON, CSV/TSV, XLSX) turn text
//! into a [`CatalogData`], reporting what they cannot read (bad values,
//! unknown duty codes, missing or doubled primary holders) and carrying on
//! with a placeholder. Then [`check`] looks at the whole list: ids, references
//! between units and matters, stationed agencies, revisions. A [`Locator`]
//! turns a model path (`matters[3].primary.holder`) back into the place in
//! the source file, so both passes report in the user's terms.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::error::{Problem, ProblemCode};
use super::model::{CatalogData, Change, Holder, Matter, TERRITORIAL, UnitKind, UnitLevel};

/// A placeholder date for a date that could not be read; order checks skip it.
pub(crate) const BAD_DATE: NaiveDate = NaiveDate::MIN;

/// Where each element of a [`CatalogData`] came from.
#[derive(Debug, Clone)]
pub(crate) enum Locator {
    /// JSON or an in-memory list: the location is the path itself.
    Path {
        /// The file name.
        file: String,
    },
    /// Tables (CSV/TSV files or workbook sheets).
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    Tables(Box<TableOrigins>),
    /// An officials' sheet: the cell of each matter's and unit's fields.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    Sheet(Box<SheetOrigins>),
}

/// Where the matters and units of a list read from an officials' sheet are:
/// rows, and the column letters of the fields the sheet has (by the
/// tabular form's column names).
#[derive(Debug, Clone, Default)]
pub(crate) struct SheetOrigins {
    pub matters_file: String,
    /// The 1-based row of each matter.
    pub matter_rows: Vec<u32>,
    pub matter_columns: Vec<(&'static str, String)>,
    /// The 1-based row where each domain first appears.
    pub domain_rows: Vec<u32>,
    pub units_file: String,
    /// The 1-based row of each unit (empty when the units came from a list).
    pub unit_rows: Vec<u32>,
    pub unit_columns: Vec<(&'static str, String)>,
}

impl SheetOrigins {
    fn locate(&self, path: &str) -> (String, Option<u32>, String) {
        let (name, idx, rest) = head(path);
        let place = |file: &str, rows: &[u32], columns: &[(&str, String)], column: &str| {
            let row = idx.and_then(|i| rows.get(i).copied());
            let letters = columns.iter().find(|c| c.0 == column).map(|c| c.1.as_str());
            let field = match (letters, row) {
                (Some(l), Some(r)) => format!("{l}{r}"),
                _ => column.to_string(),
            };
            (file.to_string(), row, field)
        };
        match name {
            "matters" => {
                let mut column = matter_column(rest);
                if column == "id" && !self.matter_columns.iter().any(|c| c.0 == "id") {
                    column = "seq".into();
                }
                if column.starts_with("sla_") {
                    column = "sla".into();
                }
                place(
                    &self.matters_file,
                    &self.matter_rows,
                    &self.matter_columns,
                    &column,
                )
            }
            "domains" => place(
                &self.matters_file,
                &self.domain_rows,
                &self.matter_columns,
                "domain",
            ),
            "units" => {
                let (field, _, _) = head(rest);
                place(&self.units_file, &self.unit_rows, &self.unit_columns, field)
            }
            key => (self.matters_file.clone(), None, key.to_string()),
        }
    }
}

/// The source rows of a list read from tables.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableOrigins {
    /// The list (key/value) table: file and the row of each key.
    pub list_file: String,
    pub list_rows: HashMap<String, u32>,
    /// The units table: file and the row of each unit.
    pub units_file: String,
    pub unit_rows: Vec<u32>,
    /// The matters table: file and the row of each matter.
    pub matters_file: String,
    pub matter_rows: Vec<u32>,
    /// Domains are read from the matter rows: the row that defined each.
    pub domain_rows: Vec<(String, u32)>,
    /// The revisions table: file and, per revision, the row of each change.
    pub revisions_file: String,
    pub change_rows: Vec<Vec<u32>>,
}

impl Locator {
    /// The (file, row, field) of a model path.
    pub(crate) fn locate(&self, path: &str) -> (String, Option<u32>, String) {
        match self {
            Locator::Path { file } => (file.clone(), None, path.to_string()),
            Locator::Tables(t) => t.locate(path),
            Locator::Sheet(s) => s.locate(path),
        }
    }
}

/// Splits `name[3].rest` into (`name`, Some(3), `rest`).
fn head(path: &str) -> (&str, Option<usize>, &str) {
    let (first, rest) = path.split_once('.').unwrap_or((path, ""));
    match first.split_once('[') {
        Some((name, idx)) => {
            let idx = idx.trim_end_matches(']').parse().ok();
            (name, idx, rest)
        }
        None => (first, None, rest),
    }
}

/// The column of a matter field path (`primary.holder` → `primary`).
pub(crate) fn matter_column(rest: &str) -> String {
    let (name, _, sub) = head(rest);
    let (sub, _, _) = head(sub);
    match (name, sub) {
        ("primary", "holder") => "primary".into(),
        ("primary", "kinds") => "primary_kinds".into(),
        ("primary", "text_zh") => "primary_text_zh".into(),
        ("supporting", "text_zh") => "supporting_text_zh".into(),
        ("sla", s) if !s.is_empty() => format!("sla_{s}"),
        (name, _) => name.into(),
    }
}

impl TableOrigins {
    fn locate(&self, path: &str) -> (String, Option<u32>, String) {
        let (name, idx, rest) = head(path);
        let at = |rows: &[u32], i: Option<usize>| i.and_then(|i| rows.get(i).copied());
        match name {
            "units" => {
                let (field, _, _) = head(rest);
                (
                    self.units_file.clone(),
                    at(&self.unit_rows, idx),
                    field.to_string(),
                )
            }
            "matters" => (
                self.matters_file.clone(),
                at(&self.matter_rows, idx),
                matter_column(rest),
            ),
            "domains" => {
                let row = idx.and_then(|i| self.domain_rows.get(i)).map(|d| d.1);
                (self.matters_file.clone(), row, "domain".into())
            }
            "revisions" => {
                let rows = idx.and_then(|i| self.change_rows.get(i));
                let (field, cidx, sub) = head(rest);
                if field == "changes" {
                    let row = rows.and_then(|r| at(r, cidx));
                    let (action, _, msub) = head(sub);
                    let column = if msub.is_empty() || action == "remove" {
                        if action == "remove" {
                            "id".to_string()
                        } else {
                            "action".to_string()
                        }
                    } else {
                        matter_column(msub)
                    };
                    (self.revisions_file.clone(), row, column)
                } else {
                    let row = rows.and_then(|r| r.first().copied());
                    (self.revisions_file.clone(), row, field.to_string())
                }
            }
            key => (
                self.list_file.clone(),
                self.list_rows.get(key).copied(),
                key.to_string(),
            ),
        }
    }
}

/// Collects problems.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub list: Vec<Problem>,
}

impl Problems {
    /// A problem at an explicit place.
    pub(crate) fn at(
        &mut self,
        code: ProblemCode,
        (file, row, field): (String, Option<u32>, String),
        en: String,
        zh: String,
    ) {
        self.list.push(Problem {
            code,
            file,
            row,
            field,
            message_en: en,
            message_zh: zh,
        });
    }

    /// A problem at a model path.
    pub(crate) fn path(
        &mut self,
        loc: &Locator,
        code: ProblemCode,
        path: &str,
        en: String,
        zh: String,
    ) {
        self.at(code, loc.locate(path), en, zh);
    }
}

/// Checks a whole list and adds every problem found.
pub(crate) fn check(data: &CatalogData, loc: &Locator, out: &mut Problems) {
    let mut c = Checker {
        data,
        loc,
        out,
        units: HashMap::new(),
        domains: HashSet::new(),
    };
    c.header();
    c.units();
    c.domains();
    c.matters_and_revisions();
}

struct Checker<'a, 'p> {
    data: &'a CatalogData,
    loc: &'a Locator,
    out: &'p mut Problems,
    /// Unit id → (level, kind), first occurrence.
    units: HashMap<&'a str, (UnitLevel, UnitKind)>,
    domains: HashSet<&'a str>,
}

impl<'a> Checker<'a, '_> {
    fn missing(&mut self, path: &str, what_en: &str, what_zh: &str) {
        self.out.path(
            self.loc,
            ProblemCode::MissingField,
            path,
            format!("{what_en} is missing"),
            format!("缺少{what_zh}"),
        );
    }

    fn header(&mut self) {
        let d = self.data;
        if d.id.trim().is_empty() {
            self.missing("id", "the list id", "清单编号");
        }
        if d.reference.trim().is_empty() {
            self.missing("reference", "the approval reference (文号)", "批准文号");
        }
    }

    fn units(&mut self) {
        let d = self.data;
        for (i, u) in d.units.iter().enumerate() {
            let path = format!("units[{i}]");
            if u.id.trim().is_empty() {
                self.missing(&format!("{path}.id"), "the unit id", "单位编号");
                continue;
            }
            if u.id == TERRITORIAL {
                self.out.path(
                    self.loc,
                    ProblemCode::InvalidValue,
                    &format!("{path}.id"),
                    format!(
                        "{TERRITORIAL:?} is reserved for territorial duties and cannot be a unit id"
                    ),
                    format!("“{TERRITORIAL}”表示属地责任，不能用作单位编号"),
                );
            }
            if self.units.contains_key(u.id.as_str()) {
                self.out.path(
                    self.loc,
                    ProblemCode::DuplicateId,
                    &format!("{path}.id"),
                    format!("unit id {} is used more than once", u.id),
                    format!("单位编号 {} 重复", u.id),
                );
            } else {
                self.units.insert(&u.id, (u.level, u.kind));
            }
            if u.name_zh.trim().is_empty() {
                self.missing(
                    &format!("{path}.name_zh"),
                    "the Chinese name",
                    "单位中文名称",
                );
            }
        }
        // References need every id first.
        let mut agencies: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, u) in d.units.iter().enumerate() {
            let path = format!("units[{i}]");
            let stationed = u.kind == UnitKind::StationedAgency;
            match (&u.department, stationed) {
                (None, true) => self.missing(
                    &format!("{path}.department"),
                    "the department of a stationed agency",
                    "派驻机构所属部门",
                ),
                (None, false) => {}
                (Some(dep), _) => match self.units.get(dep.as_str()) {
                    Some((UnitLevel::County, kind)) if !kind.is_township() => {}
                    Some(_) => self.out.path(
                        self.loc,
                        ProblemCode::UnknownDepartment,
                        &format!("{path}.department"),
                        format!("{}: department {dep} is not a county unit", u.id),
                        format!("{}：所属部门 {dep} 不是县级单位", u.id),
                    ),
                    None => self.out.path(
                        self.loc,
                        ProblemCode::UnknownDepartment,
                        &format!("{path}.department"),
                        format!("{}: department {dep} does not exist", u.id),
                        format!("{}：所属部门 {dep} 不存在", u.id),
                    ),
                },
            }
            match (&u.township, stationed) {
                (None, true) => self.missing(
                    &format!("{path}.township"),
                    "the township of a stationed agency",
                    "派驻机构所在乡镇",
                ),
                (None, false) => {}
                (Some(t), _) => match self.units.get(t.as_str()) {
                    Some((_, kind)) if kind.is_township() => {}
                    found => {
                        let (en, zh) = if found.is_some() {
                            ("is not a township", "不是乡镇（街道）")
                        } else {
                            ("does not exist", "不存在")
                        };
                        self.out.path(
                            self.loc,
                            ProblemCode::UnknownTownship,
                            &format!("{path}.township"),
                            format!("{}: township {t} {en}", u.id),
                            format!("{}：所在乡镇 {t} {zh}", u.id),
                        );
                    }
                },
            }
            if let (true, Some(dep), Some(town)) = (stationed, &u.department, &u.township) {
                if let Some(prev) = agencies.insert((dep, town), i) {
                    let other = d.units.get(prev).map_or("", |p| p.id.as_str());
                    self.out.path(
                        self.loc,
                        ProblemCode::DuplicateAgency,
                        &format!("{path}.department"),
                        format!(
                            "{} and {other} are both stationed agencies of {dep} in {town}",
                            u.id
                        ),
                        format!("{} 与 {other} 均为 {dep} 派驻 {town} 的机构", u.id),
                    );
                }
            }
        }
        match self.units.get(d.command_centre.as_str()) {
            Some((UnitLevel::County, kind)) if !kind.is_township() => {}
            found => {
                let (en, zh) = if found.is_some() {
                    ("is not a county unit", "不是县级单位")
                } else {
                    ("is not a unit of the list", "不是清单中的单位")
                };
                let id = &d.command_centre;
                self.out.path(
                    self.loc,
                    ProblemCode::CommandCentre,
                    "command_centre",
                    format!("the command centre {id:?} {en}"),
                    format!("指挥中心 {id} {zh}"),
                );
            }
        }
    }

    fn domains(&mut self) {
        for (i, dom) in self.data.domains.iter().enumerate() {
            if dom.code.trim().is_empty() {
                self.missing(&format!("domains[{i}].code"), "the domain code", "领域代码");
            } else if !self.domains.insert(&dom.code) {
                self.out.path(
                    self.loc,
                    ProblemCode::DuplicateId,
                    &format!("domains[{i}].code"),
                    format!("domain {} is defined more than once", dom.code),
                    format!("领域 {} 重复定义", dom.code),
                );
            }
        }
    }

    fn holder(&mut self, h: &Holder, path: &str, matter: &str) {
        if let Holder::Unit(id) = h {
            if !self.units.contains_key(id.as_str()) {
                self.out.path(
                    self.loc,
                    ProblemCode::UnknownUnit,
                    path,
                    format!("matter {matter}: unit {id} is not in the list of units"),
                    format!("事项 {matter}：单位 {id} 不在单位名单中"),
                );
            }
        }
    }

    fn matter(&mut self, m: &Matter, path: &str) {
        if m.id.trim().is_empty() {
            self.missing(&format!("{path}.id"), "the matter id", "事项编号");
        }
        if m.name_zh.trim().is_empty() {
            self.missing(
                &format!("{path}.name_zh"),
                "the Chinese name",
                "事项中文名称",
            );
        }
        if !self.domains.contains(m.domain.as_str()) {
            self.out.path(
                self.loc,
                ProblemCode::UnknownDomain,
                &format!("{path}.domain"),
                format!("matter {}: domain {:?} is not defined", m.id, m.domain),
                format!("事项 {}：领域 {} 未定义", m.id, m.domain),
            );
        }
        self.holder(&m.primary.holder, &format!("{path}.primary.holder"), &m.id);
        for (k, s) in m.supporting.iter().enumerate() {
            self.holder(&s.holder, &format!("{path}.supporting[{k}].holder"), &m.id);
        }
    }

    fn matters_and_revisions(&mut self) {
        let d = self.data;
        let mut in_force: HashSet<&str> = HashSet::new();
        for (i, m) in d.matters.iter().enumerate() {
            let path = format!("matters[{i}]");
            self.matter(m, &path);
            if !m.id.trim().is_empty() && !in_force.insert(&m.id) {
                self.out.path(
                    self.loc,
                    ProblemCode::DuplicateId,
                    &format!("{path}.id"),
                    format!("matter id {} is used more than once", m.id),
                    format!("事项编号 {} 重复", m.id),
                );
            }
        }
        let mut ids: HashSet<&str> = HashSet::from([d.id.as_str()]);
        let mut last = (d.effective, d.id.as_str());
        for (r, rev) in d.revisions.iter().enumerate() {
            let path = format!("revisions[{r}]");
            if rev.id.trim().is_empty() {
                self.missing(&format!("{path}.id"), "the revision id", "调整批次编号");
            } else if !ids.insert(&rev.id) {
                self.out.path(
                    self.loc,
                    ProblemCode::DuplicateId,
                    &format!("{path}.id"),
                    format!(
                        "revision id {} is used more than once (or is the list id)",
                        rev.id
                    ),
                    format!("调整批次编号 {} 重复（或与清单编号相同）", rev.id),
                );
            }
            if rev.reference.trim().is_empty() {
                self.missing(
                    &format!("{path}.reference"),
                    "the approval reference (文号)",
                    "批准文号",
                );
            }
            if rev.effective != BAD_DATE && last.0 != BAD_DATE && rev.effective <= last.0 {
                self.out.path(
                    self.loc,
                    ProblemCode::RevisionOrder,
                    &format!("{path}.effective"),
                    format!(
                        "revision {} takes effect on {}, not after {} ({}); revisions must be in increasing date order",
                        rev.id, rev.effective, last.1, last.0
                    ),
                    format!(
                        "调整批次 {} 施行日期 {} 不晚于 {}（{}）；各批次须按施行日期先后排列",
                        rev.id, rev.effective, last.1, last.0
                    ),
                );
            }
            if rev.effective != BAD_DATE {
                last = (rev.effective, &rev.id);
            }
            for (c, change) in rev.changes.iter().enumerate() {
                let cpath = format!("{path}.changes[{c}]");
                match change {
                    Change::Add(m) => {
                        self.matter(m, &format!("{cpath}.add"));
                        if !in_force.insert(&m.id) {
                            self.out.path(
                                self.loc,
                                ProblemCode::DuplicateId,
                                &format!("{cpath}.add.id"),
                                format!(
                                    "revision {} adds matter {}, which is already on the list",
                                    rev.id, m.id
                                ),
                                format!("调整批次 {} 新增的事项 {} 已在清单中", rev.id, m.id),
                            );
                        }
                    }
                    Change::Remove(id) => {
                        if !in_force.remove(id.as_str()) {
                            self.not_in_force(&format!("{cpath}.remove"), &rev.id, id);
                        }
                    }
                    Change::Modify(m) => {
                        self.matter(m, &format!("{cpath}.modify"));
                        if !in_force.contains(m.id.as_str()) {
                            self.not_in_force(&format!("{cpath}.modify.id"), &rev.id, &m.id);
                        }
                    }
                }
            }
        }
    }

    fn not_in_force(&mut self, path: &str, rev: &str, id: &str) {
        self.out.path(
            self.loc,
            ProblemCode::UnknownMatter,
            path,
            format!("revision {rev} changes matter {id}, which is not on the list at that time"),
            format!("调整批次 {rev} 调整的事项 {id} 当时不在清单中"),
        );
    }
}
