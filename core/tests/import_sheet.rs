//! The county's own spreadsheet (issue 25): the list as officials keep it —
//! a title row, a Chinese header with its usual variants, 领域 merged down,
//! units by name, duties as phrases — read into a list with a report of
//! what was understood, and written back in the same layout.
//!
//! The workbooks are made here with rust_xlsxwriter, cell by cell, the way
//! a county office lays them out.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use chrono::{DateTime, NaiveDate};
use huying::catalog::{
    Catalog, CatalogData, CatalogError, DutyKind, Holder, ImportOptions, Imported, Matter,
    ProblemCode, StepRole, UnitKind, UnitLevel, UnitSource,
};

// ------------------------------------------------------------ helpers

/// A merged range: first row, first column, last row, last column (0-based).
type Range = (u32, u16, u32, u16);

/// A sheet: its name, its rows of cells (0-based from A1) and its merged
/// ranges (the text of a range is the text of its first cell).
struct Sheet<'a> {
    name: &'a str,
    rows: Vec<Vec<&'a str>>,
    merged: Vec<Range>,
}

fn in_range(r: u32, c: u16, m: &Range) -> bool {
    (m.0..=m.2).contains(&r) && (m.1..=m.3).contains(&c)
}

/// A workbook of the sheets, written the way Excel writes them.
fn workbook(sheets: &[Sheet<'_>]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let wrap = Format::new().set_text_wrap();
    for s in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(s.name).unwrap();
        for (r, row) in s.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if text.is_empty() || s.merged.iter().any(|m| in_range(r, c, m)) {
                    continue;
                }
                sheet.write_string_with_format(r, c, *text, &wrap).unwrap();
            }
        }
        for m in &s.merged {
            let text = s.rows[m.0 as usize][m.1 as usize];
            sheet.merge_range(m.0, m.1, m.2, m.3, text, &wrap).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// Rows as CSV, the way Excel saves them (quoted where needed).
fn csv(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn effective() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
}

/// Units from the sample list (its 146 units with their other names).
fn with_sample_units() -> ImportOptions {
    ImportOptions::new(effective()).units(UnitSource::Catalog(Catalog::sample()))
}

const HEADER: [&str; 9] = [
    "序 号",
    "领域",
    "事项\n名称",
    "主责单位",
    "主体责任",
    "配合单位",
    "配合责任内容",
    "法律依据",
    "备注",
];

/// The officials' list: a title and a reference above the header, the
/// header in the words of one county (`主责单位`, `配合单位`, a line break
/// in `事项名称`), 序号 written `1.`, `3、` and `（五）`, 自然资源 merged down
/// B4:B6 and a primary unit merged D5:D6, a heading row `（二）生态环境`, a
/// matter whose primary holder is the township, units by short names and
/// other names, a duty phrase Huying does not know, full-width commas, and
/// a note below.
fn county_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["附件1 ××县属地管理事项主体责任和配合责任清单"],
        vec!["（县编办发〔2025〕12号）"],
        HEADER.to_vec(),
        vec![
            "1.",
            "自然资源",
            "违法占用土地（非农建设）查处",
            "县自然资源局",
            "负责土地执法动态巡查",
            "各乡镇（街道）",
            "日常巡查、及时上报、协助执法",
            "《土地管理法》第七十七条",
            "",
        ],
        vec![
            "2",
            "",
            "农村乱占耕地建房问题整治",
            "县自然资源局",
            "牵头摸排认定",
            "属地乡镇",
            "1.巡查\n2.劝阻制止\n3.建立台账",
            "",
            "重点",
        ],
        vec![
            "3、",
            "",
            "非法采矿（盗采砂石土）\n查处",
            "",
            "矿产资源执法监察",
            "乡镇（街道）、县公安局",
            "巡查发现报告\n协助执法",
            "",
            "",
        ],
        vec!["（二）生态环境"],
        vec![
            "4",
            "",
            "露天焚烧农作物秸秆管控",
            "属地乡镇",
            "乡镇主责：组织网格化包保、巡查劝阻、宣传",
            "县农业农村局，市生态环境局夏津分局",
            "县农业农村局负责秸秆综合利用指导\n生态环境分局负责火点监测通报与执法",
            "",
            "",
        ],
        vec![
            "（五）",
            "应急管理领域",
            "建设工程施工安全隐患",
            " 住建局 ",
            "监督检查",
            "各乡镇",
            "先期处置，信息报送，文书送达",
            "",
            "",
        ],
        vec!["注：本清单由县委编办负责解释。"],
    ]
}

fn county_merges() -> Vec<Range> {
    vec![
        (0, 0, 0, 8), // the title across A1:I1
        (1, 0, 1, 8), // the reference
        (3, 1, 5, 1), // 自然资源 down B4:B6
        (4, 3, 5, 3), // 县自然资源局 down D5:D6
        (6, 0, 6, 8), // the heading （二）生态环境
        (9, 0, 9, 8), // the note
    ]
}

fn county_book(rows: Vec<Vec<&str>>) -> Vec<u8> {
    workbook(&[Sheet {
        name: "附件1",
        rows,
        merged: county_merges(),
    }])
}

fn import(file: &str, bytes: &[u8], options: &ImportOptions) -> Imported {
    match Catalog::import_sheet(file, bytes, options) {
        Ok(i) => i,
        Err(e) => panic!("{e}\n{:#?}", e.problems()),
    }
}

fn problems(r: Result<Imported, CatalogError>) -> Vec<huying::catalog::Problem> {
    let e = r.unwrap_err();
    assert_eq!(e.code(), "catalog.invalid");
    e.problems().to_vec()
}

fn unit(id: &str) -> Holder {
    Holder::Unit(id.into())
}

fn matter<'a>(i: &'a Imported, id: &str) -> &'a Matter {
    i.catalog.latest().matter(id).unwrap()
}

fn guessed(i: &Imported, cell: &str, text: &str) -> bool {
    i.report
        .guesses
        .iter()
        .any(|g| g.cell == cell && g.text == text)
}

// ------------------------------------------------------------ the workbook

#[test]
fn the_officials_workbook_is_read_as_they_keep_it() {
    let got = import(
        "county.xlsx",
        &county_book(county_rows()),
        &with_sample_units(),
    );
    let c = &got.catalog;
    let d = c.data();
    // Title rows: the title without 附件1, the reference out of its brackets.
    assert_eq!(d.title_zh, "××县属地管理事项主体责任和配合责任清单");
    assert_eq!(d.reference, "县编办发〔2025〕12号");
    assert_eq!(d.effective, effective());
    assert_eq!(d.command_centre, "U008");
    // Matter ids from 序号 written 1. / 2 / 3、 / 4 / （五）; the heading and the note are no matters.
    let ids: Vec<&str> = c.latest().matters().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["M001", "M002", "M003", "M004", "M005"]);
    // 领域: merged down, then from the heading, then with 领域 dropped from its name.
    let domains: Vec<(&str, &str)> = d
        .domains
        .iter()
        .map(|x| (x.code.as_str(), x.name_zh.as_str()))
        .collect();
    assert_eq!(
        domains,
        [
            ("natural_resources", "自然资源"),
            ("ecology_environment", "生态环境"),
            ("emergency_management", "应急管理"),
        ]
    );
    let of: Vec<&str> = c.latest().matters().map(|m| m.domain.as_str()).collect();
    assert_eq!(
        of,
        [
            "natural_resources",
            "natural_resources",
            "natural_resources",
            "ecology_environment",
            "emergency_management"
        ]
    );

    let m1 = matter(&got, "M001");
    assert_eq!(m1.name_zh, "违法占用土地（非农建设）查处");
    assert_eq!(m1.primary.holder, unit("U010"));
    assert_eq!(m1.primary.text_zh, "负责土地执法动态巡查");
    assert_eq!(m1.legal_basis, "《土地管理法》第七十七条");
    assert_eq!(m1.supporting.len(), 1);
    assert_eq!(m1.supporting[0].holder, Holder::Territorial);
    assert_eq!(
        m1.supporting[0].kinds,
        [
            DutyKind::Patrol,
            DutyKind::Report,
            DutyKind::AssistEnforcement
        ]
    );
    assert_eq!(m1.supporting[0].text_zh, "日常巡查、及时上报、协助执法");

    // Numbered items in a cell; the township as 属地乡镇.
    let m2 = matter(&got, "M002");
    assert_eq!(m2.supporting[0].holder, Holder::Territorial);
    assert_eq!(
        m2.supporting[0].kinds,
        [DutyKind::Patrol, DutyKind::Dissuade, DutyKind::Ledger]
    );
    assert_eq!(m2.supporting[0].text_zh, "1.巡查\n2.劝阻制止\n3.建立台账");

    // The merged primary unit; a line break inside the name; two supporting
    // units with a line each.
    let m3 = matter(&got, "M003");
    assert_eq!(m3.name_zh, "非法采矿（盗采砂石土）查处");
    assert_eq!(m3.primary.holder, unit("U010"));
    let s: Vec<(&Holder, &[DutyKind], &str)> = m3
        .supporting
        .iter()
        .map(|s| (&s.holder, s.kinds.as_slice(), s.text_zh.as_str()))
        .collect();
    assert_eq!(
        s,
        [
            (
                &Holder::Territorial,
                &[DutyKind::Patrol, DutyKind::Report][..],
                "巡查发现报告"
            ),
            (
                &unit("U018"),
                &[DutyKind::AssistEnforcement][..],
                "协助执法"
            ),
        ]
    );

    // The township holds the primary duty: its kinds come from its text.
    let m4 = matter(&got, "M004");
    assert!(m4.is_territorial());
    assert_eq!(
        m4.primary.kinds,
        [
            DutyKind::Organize,
            DutyKind::Patrol,
            DutyKind::Dissuade,
            DutyKind::Publicize
        ]
    );
    // 市生态环境局夏津分局 is an other name of the sample's U011.
    let holders: Vec<&Holder> = m4.supporting.iter().map(|s| &s.holder).collect();
    assert_eq!(holders, [&unit("U017"), &unit("U011")]);
    assert_eq!(m4.supporting[0].kinds, [DutyKind::Coordinate]);
    assert_eq!(
        m4.supporting[1].text_zh,
        "生态环境分局负责火点监测通报与执法"
    );

    // A short name with stray spaces; full-width commas; an unknown phrase
    // kept in the text with no kind, and warned about with its cell.
    let m5 = matter(&got, "M005");
    assert_eq!(m5.primary.holder, unit("U012"));
    assert_eq!(
        m5.supporting[0].kinds,
        [DutyKind::FirstResponse, DutyKind::Report]
    );
    assert_eq!(m5.supporting[0].text_zh, "先期处置，信息报送，文书送达");
    let w = &got.report.warnings;
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].code, ProblemCode::UnknownDuty);
    assert_eq!(
        (w[0].file.as_str(), w[0].row, w[0].field.as_str()),
        ("county.xlsx#附件1", Some(9), "G9")
    );
    assert!(w[0].message_zh.contains("文书送达") && w[0].message_en.contains("文书送达"));

    // The report: where the header is, the rows read, and what was guessed.
    let r = &got.report;
    assert_eq!(
        (r.file.as_str(), r.header_row, r.rows_read),
        ("county.xlsx#附件1", 3, 5)
    );
    assert!(guessed(&got, "D3", "主责单位"), "{:#?}", r.guesses);
    assert!(guessed(&got, "F3", "配合单位"));
    assert!(guessed(&got, "I3", "备注")); // not read
    assert!(guessed(
        &got,
        "A1",
        "附件1 ××县属地管理事项主体责任和配合责任清单"
    ));
    assert!(guessed(&got, "A2", "（县编办发〔2025〕12号）"));
    assert!(guessed(&got, "B4:B6", "自然资源"));
    assert!(guessed(&got, "D5:D6", "县自然资源局"));
    assert!(guessed(&got, "A7", "（二）生态环境"));
    assert!(guessed(&got, "B8", "")); // 领域 continued from the heading
    assert!(guessed(&got, "A10", "注：本清单由县委编办负责解释。"));
    assert!(guessed(&got, "D9", "住建局"));
    assert!(guessed(&got, "F4", "各乡镇（街道）"));
    let text = r.to_text(huying::Lang::Zh);
    assert!(text.contains("G9") && text.contains("D5:D6"), "{text}");

    // The list works: Nancheng town's natural resources office answers for M001.
    let at = DateTime::parse_from_rfc3339("2025-08-01T09:00:00+08:00").unwrap();
    assert_eq!(
        c.resolve("M001", "U068", &at).unwrap().primary.id,
        "U053@U068"
    );
    assert_eq!(c.latest().township_primary_count(), 1);
}

#[test]
fn an_unknown_unit_is_an_error_naming_its_cell_and_the_closest_names() {
    let mut rows = county_rows();
    rows[8][3] = "县住建委";
    rows[3][5] = "各乡镇（街道）、县城乡建设局";
    let p = problems(Catalog::import_sheet(
        "county.xlsx",
        &county_book(rows),
        &with_sample_units(),
    ));
    let at: Vec<(&str, Option<u32>, &str, ProblemCode)> = p
        .iter()
        .map(|p| (p.file.as_str(), p.row, p.field.as_str(), p.code))
        .collect();
    assert_eq!(
        at,
        [
            ("county.xlsx#附件1", Some(4), "F4", ProblemCode::UnknownUnit),
            ("county.xlsx#附件1", Some(9), "D9", ProblemCode::UnknownUnit),
        ]
    );
    assert!(p[1].message_zh.contains("县住建委"), "{}", p[1].message_zh);
    assert!(p[1].message_zh.contains("县住建局（县住房和城乡建设局）"));
    assert!(p[1].message_en.contains("closest"));
    assert!(p[0].message_zh.contains("县城乡建设局"));
    assert!(
        p[0].message_zh.contains("县住房和城乡建设局"),
        "{}",
        p[0].message_zh
    );
}

#[test]
fn a_duplicate_seq_is_an_error_naming_both_cells() {
    let mut rows = county_rows();
    rows[4][0] = "1";
    let p = problems(Catalog::import_sheet(
        "county.xlsx",
        &county_book(rows),
        &with_sample_units(),
    ));
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].code, ProblemCode::DuplicateId);
    assert_eq!((p[0].row, p[0].field.as_str()), (Some(5), "A5"));
    assert!(p[0].message_zh.contains("A4") && p[0].message_en.contains("A4"));
}

#[test]
fn with_an_id_column_a_duplicate_seq_is_only_a_warning_and_ids_come_from_it() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "事项编号",
            "所属领域",
            "事项名称",
            "牵头单位",
            "协办单位",
            "配合职责",
        ],
        vec![
            "1",
            "ZR-01",
            "自然资源",
            "违法占用土地查处",
            "县自然资源局",
            "各乡镇",
            "巡查",
        ],
        vec![
            "1",
            "ZR-02",
            "自然资源",
            "非法采矿查处",
            "县自然资源局",
            "各乡镇",
            "上报",
        ],
    ];
    let got = import("ids.csv", &csv(&rows), &with_sample_units());
    let ids: Vec<&str> = got
        .catalog
        .latest()
        .matters()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(ids, ["ZR-01", "ZR-02"]);
    let w: Vec<(ProblemCode, &str)> = got
        .report
        .warnings
        .iter()
        .map(|w| (w.code, w.field.as_str()))
        .collect();
    // No reference was given or written above the header; a 序号 repeats.
    assert_eq!(
        w,
        [
            (ProblemCode::MissingField, "文号"),
            (ProblemCode::DuplicateId, "A3")
        ]
    );
    assert_eq!(got.catalog.data().reference, "未注明文号");
    // A duplicate 编号 is an error.
    let mut rows = rows;
    rows[2][1] = "ZR-01";
    let p = problems(Catalog::import_sheet(
        "ids.csv",
        &csv(&rows),
        &with_sample_units(),
    ));
    assert_eq!(
        (p[0].code, p[0].field.as_str()),
        (ProblemCode::DuplicateId, "B3")
    );
    assert!(p[0].message_en.contains("B2"));
}

#[test]
fn every_problem_of_a_row_is_reported_with_its_cell() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "领域",
            "事项名称",
            "主体责任单位",
            "配合责任单位",
            "配合责任内容",
        ],
        vec!["1", "自然资源", "", "县自然资源局、县水利局", "", "巡查"],
        vec!["2", "", "非法采矿查处", "", "各乡镇", ""],
        vec!["三a", "", "河道采砂", "县水利局", "各乡镇", "巡查"],
    ];
    let p = problems(Catalog::import_sheet(
        "bad.csv",
        &csv(&rows),
        &with_sample_units(),
    ));
    let got: Vec<(&str, ProblemCode)> = p.iter().map(|p| (p.field.as_str(), p.code)).collect();
    assert_eq!(
        got,
        [
            ("C2", ProblemCode::MissingField),
            ("D2", ProblemCode::MultiplePrimary),
            ("E2", ProblemCode::MissingField), // a supporting duty with no unit
            ("D3", ProblemCode::NoPrimary),
            ("A4", ProblemCode::InvalidValue), // 三a is no number
        ],
        "{p:#?}"
    );
    assert!(p.iter().all(|p| p.file == "bad.csv" && p.row.is_some()));
}

// ------------------------------------------------------------ units sheet

/// A workbook with its own units sheet, `单位`: ids, short names, the
/// command centre marked, and two units sharing the short name 执法局.
fn with_units_sheet(matters: Vec<Vec<&str>>) -> Vec<u8> {
    let units: Vec<Vec<&str>> = vec![
        vec![
            "编号",
            "单位名称",
            "简称",
            "层级",
            "类别",
            "所属部门",
            "所在乡镇",
            "指挥中心",
        ],
        vec![
            "C01",
            "县网格化服务管理中心",
            "网格中心",
            "县级",
            "平台中心",
            "",
            "",
            "是",
        ],
        vec![
            "D01",
            "县自然资源局",
            "资源局",
            "县级",
            "县直部门",
            "",
            "",
            "",
        ],
        vec![
            "D02",
            "县综合行政执法局",
            "执法局；县城管局",
            "县级",
            "县直部门",
            "",
            "",
            "",
        ],
        vec![
            "D03",
            "县综合行政执法大队",
            "执法局",
            "县级",
            "事业单位",
            "",
            "",
            "",
        ],
        vec!["T01", "夏津县南城镇", "", "乡镇级", "乡镇", "", "", ""],
        vec!["T02", "夏津县银城街道", "", "乡镇级", "街道", "", "", ""],
        vec![
            "A01",
            "南城镇自然资源所",
            "",
            "",
            "派驻机构",
            "县自然资源局",
            "南城镇",
            "",
        ],
    ];
    workbook(&[
        Sheet {
            name: "事项",
            rows: matters,
            merged: vec![],
        },
        Sheet {
            name: "单位",
            rows: units,
            merged: vec![],
        },
    ])
}

#[test]
fn units_are_found_in_the_workbooks_units_sheet() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "领域",
            "事项名称",
            "主体责任单位",
            "配合责任单位",
            "配合责任内容",
        ],
        vec![
            "1",
            "自然资源",
            "违法占用土地查处",
            "资源局",
            "各乡镇（街道）",
            "巡查、报告",
        ],
        vec!["2", "综合执法", "占道经营治理", "县城管局", "属地", "劝导"],
    ];
    let got = import(
        "book.xlsx",
        &with_units_sheet(rows),
        &ImportOptions::new(effective()),
    );
    let c = &got.catalog;
    assert_eq!(c.data().units.len(), 7);
    assert_eq!(c.data().command_centre, "C01");
    assert_eq!(matter(&got, "M001").primary.holder, unit("D01"));
    assert_eq!(matter(&got, "M002").primary.holder, unit("D02"));
    // The stationed agency by its department's and township's names.
    let agency = c.unit("A01").unwrap();
    assert_eq!(agency.department.as_deref(), Some("D01"));
    assert_eq!(agency.township.as_deref(), Some("T01"));
    assert_eq!(agency.level, UnitLevel::Township); // from its kind
    assert_eq!(c.unit("D02").unwrap().variants_zh, ["执法局", "县城管局"]);
    let at = DateTime::parse_from_rfc3339("2025-08-01T09:00:00+08:00").unwrap();
    assert_eq!(c.resolve("M001", "T01", &at).unwrap().primary.id, "A01");
    assert!(guessed(&got, "D2", "资源局"));
}

#[test]
fn a_name_two_units_go_by_is_an_error_naming_both() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "领域",
            "事项名称",
            "主体责任单位",
            "配合责任单位",
            "配合责任内容",
        ],
        vec!["1", "综合执法", "占道经营治理", "执法局", "各乡镇", "劝导"],
    ];
    let p = problems(Catalog::import_sheet(
        "book.xlsx",
        &with_units_sheet(rows),
        &ImportOptions::new(effective()),
    ));
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].code, ProblemCode::AmbiguousUnit);
    assert_eq!(p[0].code.code(), "catalog.ambiguous_unit");
    assert_eq!(
        (p[0].file.as_str(), p[0].field.as_str()),
        ("book.xlsx#事项", "D2")
    );
    assert!(
        p[0].message_zh.contains("县综合行政执法局（D02）"),
        "{}",
        p[0].message_zh
    );
    assert!(p[0].message_zh.contains("县综合行政执法大队（D03）"));
}

#[test]
fn a_units_table_with_names_only_is_numbered_and_its_kinds_read_from_the_names() {
    let units: Vec<Vec<&str>> = vec![
        vec!["单位名称", "别名"],
        vec!["县社会治理网格化服务中心", ""],
        vec!["县住房和城乡建设局", "县住建局"],
        vec!["夏津县南城镇", ""],
        vec!["夏津县北城街道", ""],
    ];
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "领域",
            "事项名称",
            "主体责任单位",
            "配合责任单位",
            "配合责任内容",
        ],
        vec!["1", "城乡建设", "违法建设查处", "住建局", "南城镇", "巡查"],
    ];
    let options = ImportOptions::new(effective()).units(UnitSource::File {
        name: "units.csv".into(),
        bytes: csv(&units),
    });
    let got = import("list.csv", &csv(&rows), &options);
    let u: Vec<(&str, UnitLevel, UnitKind)> = got
        .catalog
        .units()
        .map(|u| (u.id.as_str(), u.level, u.kind))
        .collect();
    assert_eq!(
        u,
        [
            ("U001", UnitLevel::County, UnitKind::Platform),
            ("U002", UnitLevel::County, UnitKind::Department),
            ("U003", UnitLevel::Township, UnitKind::Township),
            ("U004", UnitLevel::Township, UnitKind::StreetOffice),
        ]
    );
    let m = matter(&got, "M001");
    assert_eq!(m.primary.holder, unit("U002"));
    assert_eq!(m.supporting[0].holder, unit("U003")); // a named township, not 属地
    assert_eq!(got.catalog.data().command_centre, "U001"); // guessed from its name
    assert!(guessed(&got, "", "编号"));
    assert!(guessed(&got, "", "层级/类别"));
    assert!(guessed(&got, "", "县社会治理网格化服务中心"));
}

#[test]
fn a_workbook_without_units_needs_them_given() {
    let e = Catalog::import_sheet(
        "county.xlsx",
        &county_book(county_rows()),
        &ImportOptions::new(effective()),
    )
    .unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(p.code, ProblemCode::Parse);
    assert!(p.message_zh.contains("单位"), "{}", p.message_zh);
}

#[test]
fn a_sheet_without_a_header_is_one_parse_problem() {
    let rows: Vec<Vec<&str>> = vec![vec!["甲", "乙"], vec!["1", "2"]];
    let e = Catalog::import_sheet("x.csv", &csv(&rows), &with_sample_units()).unwrap_err();
    assert_eq!(e.problems().len(), 1);
    assert_eq!(e.problems()[0].code, ProblemCode::Parse);
    assert!(e.problems()[0].message_en.contains("事项名称"));
    let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let e = Catalog::import_sheet("old.xls", &xls, &with_sample_units()).unwrap_err();
    assert!(
        e.problems()[0]
            .message_en
            .contains("save the file as .xlsx")
    );
}

#[test]
fn a_header_of_two_rows_under_merged_titles() {
    // 主体责任 and 配合责任 over 单位 / 内容; 序号 and 事项名称 merged down.
    let rows: Vec<Vec<&str>> = vec![
        vec!["某县属地管理事项清单"],
        vec!["序号", "领域", "事项名称", "主体责任", "", "配合责任", ""],
        vec!["", "", "", "单位", "内容", "单位", "内容"],
        vec![
            "1",
            "市场监管",
            "食品安全隐患排查",
            "县市场监管局",
            "监督检查",
            "各乡镇",
            "排查、报告",
        ],
    ];
    let book = workbook(&[Sheet {
        name: "Sheet1",
        rows,
        merged: vec![
            (0, 0, 0, 6),
            (1, 0, 2, 0),
            (1, 1, 2, 1),
            (1, 2, 2, 2),
            (1, 3, 1, 4),
            (1, 5, 1, 6),
        ],
    }]);
    let got = import("two.xlsx", &book, &with_sample_units());
    assert_eq!(got.report.header_row, 2);
    let m = matter(&got, "M001");
    assert_eq!(m.primary.holder, unit("U015"));
    assert_eq!(m.primary.text_zh, "监督检查");
    assert_eq!(m.supporting[0].kinds, [DutyKind::Patrol, DutyKind::Report]);
    assert_eq!(got.catalog.data().title_zh, "某县属地管理事项清单");
}

// ------------------------------------------------------------ CSV

/// The same list as CSV: no merges, so the cells a merge covered are empty
/// (a primary unit is written out, an empty 领域 continues the one above).
fn county_csv_rows() -> Vec<Vec<&'static str>> {
    let mut rows = county_rows();
    rows[5][3] = "县自然资源局";
    rows
}

#[test]
fn csv_and_tsv_in_the_same_layout_give_the_same_list_in_any_encoding() {
    let options = with_sample_units();
    let from_xlsx = import("county.xlsx", &county_book(county_rows()), &options);
    let text = csv(&county_csv_rows());
    let from_csv = import("county.csv", &text, &options);
    assert_eq!(from_csv.catalog.data(), from_xlsx.catalog.data());
    assert_eq!(from_csv.report.rows_read, 5);
    assert_eq!(from_csv.report.warnings[0].field, "G9");
    assert!(guessed(&from_csv, "B5:B6", "")); // 领域 continued, not merged
    // Excel's CSV on Chinese Windows is GBK; its Unicode text is UTF-16 with tabs.
    let utf8 = String::from_utf8(text).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&utf8);
    assert_eq!(
        import("county.csv", &gbk, &options).catalog.data(),
        from_xlsx.catalog.data()
    );
    let mut tsv = vec![0xFF, 0xFE];
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_writer(Vec::new());
    for r in county_csv_rows() {
        w.write_record(r).unwrap();
    }
    let tsv_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    for u in tsv_text.encode_utf16() {
        tsv.extend(u.to_le_bytes());
    }
    assert_eq!(
        import("county.txt", &tsv, &options).catalog.data(),
        from_xlsx.catalog.data()
    );
}

// ------------------------------------------------------------ round trips

fn same_list(a: &CatalogData, b: &CatalogData) {
    for (x, y) in a.matters.iter().zip(&b.matters) {
        assert_eq!(x, y);
    }
    assert_eq!(a.units, b.units);
    assert_eq!(a, b);
}

#[test]
fn import_then_to_xlsx_then_import_gives_the_same_list() {
    let options = with_sample_units();
    let first = import("county.xlsx", &county_book(county_rows()), &options);
    let book = first.catalog.to_xlsx().unwrap();
    let second = import("again.xlsx", &book, &options);
    same_list(second.catalog.data(), first.catalog.data());
    // The written workbook carries its own units: it needs nothing else.
    let alone = import("again.xlsx", &book, &ImportOptions::new(effective()));
    same_list(alone.catalog.data(), first.catalog.data());
    assert!(
        alone.report.warnings.is_empty(),
        "{:#?}",
        alone.report.warnings
    );
    // The 领域 cells are merged in the written workbook.
    assert!(
        guessed(&alone, "C4:C6", "自然资源"),
        "{:#?}",
        alone.report.guesses
    );
    // And from CSV.
    let from_csv = import("county.csv", &csv(&county_csv_rows()), &options);
    let again = import("again.xlsx", &from_csv.catalog.to_xlsx().unwrap(), &options);
    same_list(again.catalog.data(), from_csv.catalog.data());
}

#[test]
fn the_sample_list_round_trips_through_its_sheet() {
    let sample = Catalog::sample();
    for edition in sample.editions() {
        let book = edition.to_xlsx().unwrap();
        let options = ImportOptions::new(edition.effective()).id(sample.data().id.as_str());
        let got = import("sample.xlsx", &book, &options);
        let d = got.catalog.data();
        let want: Vec<&Matter> = edition.matters().collect();
        let have: Vec<&Matter> = d.matters.iter().collect();
        assert_eq!(have.len(), want.len());
        for (h, w) in have.iter().zip(&want) {
            assert_eq!(h, w);
        }
        assert_eq!(d.units, sample.data().units);
        assert_eq!(d.reference, edition.reference());
        assert_eq!(d.command_centre, "U008");
        assert_eq!(got.report.rows_read, edition.len());
        assert!(got.report.warnings.is_empty());
        assert_eq!(
            got.catalog.latest().township_primary_count(),
            edition.township_primary_count()
        );
    }
    // The same list gives the same bytes (the creation time is the effective date).
    assert_eq!(sample.to_xlsx().unwrap(), sample.to_xlsx().unwrap());
}

const EXAMPLE_BOOK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/county-list.xlsx"
);

/// The workbook a user can try (`examples/data/county-list.xlsx`): the
/// sample's first edition in the officials' layout. Regenerate with
/// `HUYING_WRITE_FIXTURES=1 cargo test -p huying --test import_sheet example`.
#[test]
fn the_example_workbook_is_the_sample_list() {
    let sample = Catalog::sample();
    let first = sample.edition("XJ-2025").unwrap();
    let book = first.to_xlsx().unwrap();
    if std::env::var_os("HUYING_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(std::path::Path::new(EXAMPLE_BOOK).parent().unwrap()).unwrap();
        std::fs::write(EXAMPLE_BOOK, &book).unwrap();
    }
    let on_disk = std::fs::read(EXAMPLE_BOOK).expect("run with HUYING_WRITE_FIXTURES=1");
    assert!(on_disk.len() < 50_000);
    let options = ImportOptions::new(first.effective()).id("XJ-2025");
    let got = Catalog::import_sheet_file(EXAMPLE_BOOK, &options).unwrap();
    assert_eq!(
        got.catalog.data(),
        import("fresh.xlsx", &book, &options).catalog.data(),
        "run with HUYING_WRITE_FIXTURES=1 to regenerate"
    );
    assert_eq!(got.report.rows_read, 91);
}

#[test]
fn workflow_roles_are_read_from_the_steps_without_a_roles_column() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "领域",
            "事项名称",
            "主体责任单位",
            "配合责任单位",
            "配合责任内容",
            "工作流程",
        ],
        vec![
            "1",
            "自然资源",
            "违法占用土地查处",
            "县自然资源局",
            "各乡镇",
            "巡查",
            "网格员巡查发现→乡镇上报->主体部门立案查处 → 结果反馈",
        ],
    ];
    let got = import("w.csv", &csv(&rows), &with_sample_units());
    let steps: Vec<(StepRole, &str)> = matter(&got, "M001")
        .workflow
        .iter()
        .map(|s| (s.role, s.text_zh.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (StepRole::Grid, "网格员巡查发现"),
            (StepRole::Township, "乡镇上报"),
            (StepRole::Primary, "主体部门立案查处"),
            (StepRole::Primary, "结果反馈"),
        ]
    );
    assert!(guessed(&got, "", "工作流程"));
}

#[test]
fn a_row_that_says_wenhao_is_the_reference_even_below_a_title_that_looks_like_one() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["关于县编办发〔2024〕3号清单的调整（××县属地管理事项清单）"],
        vec!["文号：县编办发〔2025〕12号"],
        vec![
            "序号",
            "领域",
            "事项名称",
            "主体责任单位",
            "配合责任单位",
            "配合责任内容",
        ],
        vec![
            "1",
            "自然资源",
            "违法占用土地查处",
            "县自然资源局",
            "各乡镇",
            "巡查",
        ],
    ];
    let got = import("titles.csv", &csv(&rows), &with_sample_units());
    let d = got.catalog.data();
    assert_eq!(d.reference, "县编办发〔2025〕12号");
    assert_eq!(
        d.title_zh,
        "关于县编办发〔2024〕3号清单的调整（××县属地管理事项清单）"
    );
    // Written back and read again, both stay where they were.
    let again = import(
        "again.xlsx",
        &got.catalog.to_xlsx().unwrap(),
        &with_sample_units(),
    );
    assert_eq!(again.catalog.data(), d);
}

#[test]
fn the_sheet_to_read_can_be_named() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "领域",
            "事项名称",
            "主体责任单位",
            "配合责任单位",
            "配合责任内容",
        ],
        vec![
            "1",
            "自然资源",
            "违法占用土地查处",
            "资源局",
            "各乡镇",
            "巡查",
        ],
    ];
    let book = with_units_sheet(rows);
    let got = import(
        "book.xlsx",
        &book,
        &ImportOptions::new(effective()).sheet("事项"),
    );
    assert_eq!(got.report.file, "book.xlsx#事项");
    let e = Catalog::import_sheet(
        "book.xlsx",
        &book,
        &ImportOptions::new(effective()).sheet("附件2"),
    )
    .unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(p.code, ProblemCode::Parse);
    assert!(
        p.message_zh.contains("附件2") && p.message_zh.contains("事项、单位"),
        "{}",
        p.message_zh
    );
}
