//! The units table: a sheet `单位`, a units file, or a list's units.

use calamine::Reader;

use super::super::xlsx;
use super::aliases::{UNIT_HEADERS, YES_WORDS, fold, tidy_name, tidy_words};
use super::grid::Grid;
use super::header::{U, U_COLUMNS, UNIT_COLUMNS_ALL, find_header};
use super::names::{Found, Names};
use super::words::unit_names;
use super::{Sink, is_units_sheet, is_xls, sheet_grid};
use crate::catalog::{Catalog, ProblemCode, Unit, UnitKind, UnitLevel};

/// A units table: the units, the command centre it marks, and where each
/// unit came from.
pub(super) struct UnitTable {
    pub units: Vec<Unit>,
    pub command_centre: Option<String>,
    /// The file (or `file#sheet`), for the problems reported.
    pub file: String,
    /// The 1-based row of each unit (none for a list's units).
    pub rows: Vec<u32>,
    /// The column letters of each field, by the tabular form's names.
    pub columns: Vec<(&'static str, String)>,
}

impl UnitTable {
    /// The units of a list, with its command centre.
    pub(super) fn of(c: &Catalog) -> UnitTable {
        let d = c.data();
        UnitTable {
            units: d.units.clone(),
            command_centre: Some(d.command_centre.clone()),
            file: format!("{}（{}）", d.title_zh, d.id),
            rows: Vec::new(),
            columns: Vec::new(),
        }
    }
}

/// A units table from a file (XLSX or CSV/TSV).
pub(super) fn from_file(name: &str, bytes: &[u8], sink: &mut Sink) -> Option<UnitTable> {
    let grid = if bytes.starts_with(b"PK\x03\x04") {
        let mut book = xlsx::open(name, bytes, &mut sink.errors)?;
        let names = book.sheet_names();
        let sheet = names
            .iter()
            .find(|n| is_units_sheet(n))
            .or_else(|| names.first())
            .cloned()?;
        sheet_grid(&mut book, name, &sheet, &mut sink.errors)?.0
    } else if is_xls(bytes) {
        let _ = xlsx::open(name, bytes, &mut sink.errors);
        return None;
    } else {
        Grid::delimited(name, bytes, &mut sink.errors)?
    };
    from_grid(&grid, sink)
}

/// The level and kind a unit's name suggests.
fn kind_from_name(name: &str, stationed: bool) -> (UnitLevel, UnitKind) {
    let f = fold(name);
    if stationed {
        (UnitLevel::Township, UnitKind::StationedAgency)
    } else if ["街道", "街道办事处", "街道办"]
        .iter()
        .any(|s| f.ends_with(s))
    {
        (UnitLevel::Township, UnitKind::StreetOffice)
    } else if ["镇", "乡", "镇人民政府", "乡人民政府"]
        .iter()
        .any(|s| f.ends_with(s))
    {
        (UnitLevel::Township, UnitKind::Township)
    } else if ["指挥中心", "服务管理中心", "服务中心", "热线"]
        .iter()
        .any(|s| f.contains(s))
    {
        (UnitLevel::County, UnitKind::Platform)
    } else {
        (UnitLevel::County, UnitKind::Department)
    }
}

fn level_word(s: &str) -> Option<UnitLevel> {
    s.parse().ok().or(match fold(s).as_str() {
        "县" | "县直" => Some(UnitLevel::County),
        "乡镇" | "乡" | "镇" | "街道" | "乡镇(街道)" => Some(UnitLevel::Township),
        "村" | "社区" => Some(UnitLevel::Village),
        _ => None,
    })
}

fn kind_word(s: &str) -> Option<UnitKind> {
    s.parse().ok().or(match fold(s).as_str() {
        "部门" | "县直单位" => Some(UnitKind::Department),
        "镇" | "乡" | "乡镇政府" => Some(UnitKind::Township),
        "街道办事处" => Some(UnitKind::StreetOffice),
        "中心" | "平台" => Some(UnitKind::Platform),
        _ => None,
    })
}

/// A unit's id, or what is wrong (in English and Chinese).
type Resolved = Result<String, (String, String)>;

/// A units table from a grid.
pub(super) fn from_grid(grid: &Grid, sink: &mut Sink) -> Option<UnitTable> {
    let Some(header) = find_header(grid, &UNIT_HEADERS, &[U::Name as usize]) else {
        sink.errors.at(
            ProblemCode::Parse,
            (grid.file.clone(), None, String::new()),
            "the units table has no header row with 单位名称 in its first 30 rows".into(),
            "单位表前 30 行中没有含“单位名称”的表头".into(),
        );
        return None;
    };
    let col = |u: U| header.col(u as usize);
    let text = |row: u32, u: U| col(u).map_or("", |i| grid.get(row, i));
    let cell = |row: u32, u: U| {
        col(u).map_or_else(
            || UNIT_HEADERS.get(u as usize).map_or("", |h| h.0).to_string(),
            |i| grid.cell(row, i),
        )
    };
    let file = grid.file.as_str();
    let mut units = Vec::new();
    let mut rows = Vec::new();
    let mut refs: Vec<(usize, U, String)> = Vec::new();
    let mut marked: Vec<(usize, u32)> = Vec::new();
    let mut guessed_kinds = 0usize;
    for (&row, _) in grid.rows.range(header.last + 1..) {
        let name = tidy_name(text(row, U::Name));
        if name.is_empty() {
            if UNIT_COLUMNS_ALL.iter().any(|&u| !text(row, u).is_empty()) {
                sink.error(
                    ProblemCode::MissingField,
                    (file, row, cell(row, U::Name)),
                    "the unit has no name (单位名称)".into(),
                    "单位名称为空".into(),
                );
            }
            continue;
        }
        let id = match col(U::Id) {
            Some(_) => {
                let id = tidy_name(text(row, U::Id));
                if id.is_empty() {
                    sink.error(
                        ProblemCode::MissingField,
                        (file, row, cell(row, U::Id)),
                        format!("the unit {name} has no 编号"),
                        format!("单位 {name} 缺少编号"),
                    );
                }
                id
            }
            None => format!("U{:03}", units.len() + 1),
        };
        let stationed = !text(row, U::Department).is_empty() && !text(row, U::Township).is_empty();
        let (gl, gk) = kind_from_name(&name, stationed);
        let level_text = text(row, U::Level);
        let kind_text = text(row, U::Kind);
        let mut read = |u: U, t: &str| -> bool {
            let ok = if u == U::Level {
                level_word(t).is_some()
            } else {
                kind_word(t).is_some()
            };
            if !ok && !t.is_empty() {
                sink.error(
                    ProblemCode::InvalidValue,
                    (file, row, cell(row, u)),
                    format!(
                        "cannot read “{t}” as a unit's {}",
                        if u == U::Level {
                            "level (县级, 乡镇级, …)"
                        } else {
                            "kind (县直部门, 乡镇, 街道, 派驻机构, …)"
                        }
                    ),
                    format!(
                        "“{t}”无法识别为{}",
                        if u == U::Level {
                            "单位层级（县级、乡镇级等）"
                        } else {
                            "单位类别（县直部门、乡镇、街道、派驻机构等）"
                        }
                    ),
                );
            }
            ok
        };
        let level_ok = read(U::Level, level_text);
        let kind_ok = read(U::Kind, kind_text);
        let kind = if kind_ok {
            kind_word(kind_text).unwrap_or(gk)
        } else {
            gk
        };
        let level = if level_ok {
            level_word(level_text).unwrap_or(gl)
        } else if kind_ok {
            if kind.is_township() || kind == UnitKind::StationedAgency {
                UnitLevel::Township
            } else {
                UnitLevel::County
            }
        } else {
            gl
        };
        if level_text.is_empty() || kind_text.is_empty() {
            guessed_kinds += 1;
        }
        let idx = units.len();
        for u in [U::Department, U::Township] {
            let t = tidy_name(text(row, u));
            if !t.is_empty() {
                refs.push((idx, u, t));
            }
        }
        if YES_WORDS
            .iter()
            .any(|w| fold(w) == fold(text(row, U::CommandCentre)))
        {
            marked.push((idx, row));
        }
        units.push(Unit {
            id,
            name_zh: name,
            name_en: tidy_words(text(row, U::NameEn)),
            level,
            kind,
            department: None,
            township: None,
            variants_zh: unit_names(text(row, U::Variants)).0,
        });
        rows.push(row);
    }
    if col(U::Id).is_none() && !units.is_empty() {
        sink.guess(
            String::new(),
            "编号",
            format!(
                "the units table has no 编号 column: units numbered U001 to U{:03} in order",
                units.len()
            ),
            format!("单位表无“编号”列：按顺序编为 U001 至 U{:03}", units.len()),
        );
    }
    if guessed_kinds > 0 {
        sink.guess(
            String::new(),
            "层级/类别",
            format!("the level or kind of {guessed_kinds} unit(s) read from the name (街道 a street office, 镇 or 乡 a township, else a county department)"),
            format!("{guessed_kinds} 个单位的层级或类别由名称推断（街道为街道办事处，镇、乡为乡镇，其余为县直部门）"),
        );
    }
    // Departments and townships by id or name.
    let resolved: Vec<(usize, U, Resolved)> = {
        let names = Names::new(&units);
        refs.into_iter()
            .map(|(idx, u, t)| {
                let r = match names.find(&t) {
                    Found::One(i, _) => names
                        .unit(i)
                        .map(|x| x.id.clone())
                        .ok_or_else(|| (String::new(), String::new())),
                    Found::Many(_) => Err((
                        format!("“{t}” names more than one unit: write its 编号 or full name"),
                        format!("“{t}”可指多个单位：请写明编号或全称"),
                    )),
                    Found::None(near) if near.is_empty() => Err((
                        format!("no unit of the table is named “{t}”"),
                        format!("单位表中没有“{t}”"),
                    )),
                    Found::None(near) => {
                        let near = near.join("、");
                        Err((
                            format!("no unit of the table is named “{t}”; the closest: {near}"),
                            format!("单位表中没有“{t}”；最接近的有：{near}"),
                        ))
                    }
                };
                (idx, u, r)
            })
            .collect()
    };
    for (idx, u, r) in resolved {
        let row = rows.get(idx).copied().unwrap_or(0);
        match r {
            Ok(id) => {
                if let Some(unit) = units.get_mut(idx) {
                    if u == U::Department {
                        unit.department = Some(id);
                    } else {
                        unit.township = Some(id);
                    }
                }
            }
            Err((en, zh)) => {
                let code = if u == U::Department {
                    ProblemCode::UnknownDepartment
                } else {
                    ProblemCode::UnknownTownship
                };
                sink.error(code, (file, row, cell(row, u)), en, zh);
            }
        }
    }
    let command_centre = match marked.as_slice() {
        [] => None,
        [(i, _)] => units.get(*i).map(|u| u.id.clone()),
        [_, (_, row), ..] => {
            sink.error(
                ProblemCode::CommandCentre,
                (file, *row, cell(*row, U::CommandCentre)),
                "more than one unit is marked as the command centre".into(),
                "标为指挥中心的单位不止一个".into(),
            );
            None
        }
    };
    let columns = U_COLUMNS
        .iter()
        .filter_map(|&(u, name)| col(u).map(|i| (name, grid.column(i))))
        .collect();
    Some(UnitTable {
        units,
        command_centre,
        file: grid.file.clone(),
        rows: rows.iter().map(|r| r + 1).collect(),
        columns,
    })
}
