//! The responsibility list (issue 3): the sample, resolution, revisions,
//! admission, accountability, queries, loading from every format, and every
//! validation error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use chrono::{DateTime, FixedOffset};
use huying::Lang;
use huying::catalog::{
    AdmissionReason, Breach, Catalog, CatalogData, CatalogError, Change, Decision, Delimited,
    DutyKind, HistoryEvent, Holder, HoldingRole, Problem, ProblemCode, Stage, TabularFiles, Task,
    UnitKind,
};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalog");
const SMALL_JSON: &str = include_str!("data/catalog/small.json");

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Before the sample's 2026 revision / after it.
fn before() -> DateTime<FixedOffset> {
    t("2025-12-01T10:00:00+08:00")
}
fn after() -> DateTime<FixedOffset> {
    t("2026-03-10T10:00:00+08:00")
}

fn small() -> Catalog {
    Catalog::from_json("small.json", SMALL_JSON).unwrap()
}

fn codes(e: &CatalogError) -> Vec<&'static str> {
    e.problems().iter().map(|p| p.code.code()).collect()
}

fn invalid(data: CatalogData) -> Vec<Problem> {
    let err = Catalog::new(data).unwrap_err();
    assert_eq!(err.code(), "catalog.invalid");
    err.problems().to_vec()
}

fn has(problems: &[Problem], code: ProblemCode, field: &str) -> bool {
    problems.iter().any(|p| p.code == code && p.field == field)
}

// ---------------------------------------------------------------- sample

#[test]
fn sample_has_the_shape_of_the_article_list() {
    let c = Catalog::sample();
    let d = c.data();
    assert!(d.illustrative);
    assert!(d.reference.contains("示例") && d.revisions[0].reference.contains("示例"));
    assert_eq!(d.matters.len(), 91);
    assert_eq!(d.domains.len(), 6);
    let first = c.edition("XJ-2025").unwrap();
    assert_eq!(first.len(), 91);
    assert_eq!(first.township_primary_count(), 8);
    assert_eq!(c.latest().len(), 92);
    assert_eq!(c.latest().township_primary_count(), 9);
    assert_eq!(c.townships().count(), 14);
    let agencies = c
        .units()
        .filter(|u| u.kind == UnitKind::StationedAgency)
        .count();
    assert_eq!(agencies, 7 * 14);
    assert_eq!(d.units.len(), 34 + 14 + 98);
    assert_eq!(c.command_centre().unwrap().id, "U008");
    assert!(
        d.matters
            .iter()
            .all(|m| !m.workflow.is_empty() && !m.primary.text_zh.is_empty())
    );
    // Six matters cite a public source; the rest are illustrative.
    assert_eq!(
        d.matters
            .iter()
            .filter(|m| m.source.starts_with("http"))
            .count(),
        6
    );
    assert_eq!(
        c.townships()
            .filter(|u| u.kind == UnitKind::StreetOffice)
            .count(),
        2
    );
}

#[test]
fn sample_is_the_same_every_time_and_cheap_to_clone() {
    assert_eq!(Catalog::sample(), Catalog::sample());
}

// ---------------------------------------------------------------- resolution

#[test]
fn resolution_prefers_the_stationed_agency_in_the_township() {
    let c = Catalog::sample();
    let r = c.resolve("M001", "U068", &before()).unwrap();
    assert_eq!(r.primary.id, "U053@U068");
    assert_eq!(r.department.unwrap().id, "U010");
    // Traffic police brigade matters go to the squadron in the township.
    assert_eq!(
        c.resolve("M061", "U079", &before()).unwrap().primary.id,
        "U055@U079"
    );
    // No agency: the department itself.
    let r = c.resolve("M017", "U068", &before()).unwrap();
    assert_eq!(r.primary.id, "U011");
    assert!(r.department.is_none());
    // Territorial: the township itself.
    let r = c.resolve("M019", "U067", &before()).unwrap();
    assert_eq!(r.primary.id, "U067");
    assert!(r.department.is_none());
}

#[test]
fn resolution_of_supporting_holders_uses_agencies_too() {
    let c = Catalog::sample();
    // Wildfire control (M058): the police support with enforcement, through
    // the police station of the township.
    let r = c.resolve("M058", "U072", &before()).unwrap();
    let ids: Vec<_> = r.supporting().iter().map(|(u, _)| u.id.clone()).collect();
    assert_eq!(ids, ["U053@U072", "U014", "U050@U072"]);
}

#[test]
fn resolve_handle_agrees_with_resolve_everywhere() {
    let c = Catalog::sample();
    for at in [before(), after()] {
        for m in c
            .data()
            .matters
            .iter()
            .map(|m| m.id.as_str())
            .chain(["M101", "M102"])
        {
            for town in c.townships() {
                let by_id = c.resolve(m, &town.id, &at).map(|r| r.primary.id.clone());
                let mh = c.matter_handle(m).unwrap();
                let th = c.unit_handle(&town.id).unwrap();
                let by_handle = c
                    .resolve_handle(mh, th, &at)
                    .map(|h| c.unit_by_handle(h).unwrap().id.clone());
                assert_eq!(by_id, by_handle, "{m} in {} at {at}", town.id);
            }
        }
    }
}

#[test]
fn resolution_errors() {
    let c = Catalog::sample();
    fn code<T>(r: Result<T, CatalogError>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }
    assert_eq!(
        code(c.resolve("M001", "U010", &before())),
        "catalog.not_a_township"
    );
    assert_eq!(
        code(c.resolve("M001", "U999", &before())),
        "catalog.unknown_unit"
    );
    assert_eq!(
        code(c.resolve("M999", "U068", &before())),
        "catalog.unknown_matter"
    );
    assert_eq!(
        code(c.resolve("M075", "U068", &after())),
        "catalog.unknown_matter"
    );
    assert_eq!(
        code(c.resolve("M101", "U068", &before())),
        "catalog.unknown_matter"
    );
    assert_eq!(
        code(c.resolve("M001", "U068", &t("2025-06-30T23:59:59+08:00"))),
        "catalog.before_list"
    );
    assert!(
        c.resolve("M001", "U068", &t("2025-06-30T16:00:00Z"))
            .is_ok()
    ); // 07-01 00:00 China
    // Handles from another catalog are refused, never a panic.
    let s = small();
    let far = c.matter_handle("M091").unwrap();
    let town = c.unit_handle("U079").unwrap();
    assert!(
        s.resolve_handle(far, s.unit_handle("T1").unwrap(), &after())
            .is_err()
    );
    assert!(
        s.resolve_handle(s.matter_handle("M1").unwrap(), town, &after())
            .is_err()
    );
    let e = c.resolve_handle(
        c.matter_handle("M001").unwrap(),
        c.unit_handle("U010").unwrap(),
        &after(),
    );
    assert_eq!(
        e.unwrap_err(),
        CatalogError::NotATownship { id: "U010".into() }
    );
}

// ---------------------------------------------------------------- revisions

#[test]
fn as_of_switches_at_midnight_china_time() {
    let c = Catalog::sample();
    assert_eq!(
        c.as_of(&t("2026-02-28T23:59:59+08:00")).unwrap().id(),
        "XJ-2025"
    );
    assert_eq!(
        c.as_of(&t("2026-03-01T00:00:00+08:00")).unwrap().id(),
        "XJ-2026-R1"
    );
    assert_eq!(c.as_of(&t("2026-02-28T15:59:59Z")).unwrap().id(), "XJ-2025");
    assert_eq!(
        c.as_of(&t("2026-02-28T16:00:00Z")).unwrap().id(),
        "XJ-2026-R1"
    );
    assert_eq!(
        c.as_of(&t("2099-01-01T00:00:00+08:00")).unwrap().id(),
        "XJ-2026-R1"
    );
    let e = c.as_of(&t("2025-01-01T00:00:00+08:00")).unwrap_err();
    assert_eq!(e.code(), "catalog.before_list");
    assert!(e.to_string().contains("2025-07-01"));
    // The matter text in force changes with the edition.
    let m = |at| c.as_of(&at).unwrap().matter("M056").unwrap().sla.arrival;
    assert_eq!(m(before()), None);
    assert_eq!(m(after()), Some(huying::sla::Limit::Hours(1)));
}

#[test]
fn diff_between_editions() {
    let c = Catalog::sample();
    let d = c.diff("XJ-2025", "XJ-2026-R1").unwrap();
    let ids = |v: &[&huying::catalog::Matter]| v.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.added), ["M101", "M102"]);
    assert_eq!(ids(&d.removed), ["M075"]);
    let modified: Vec<_> = d
        .modified
        .iter()
        .map(|m| (m.after.id.as_str(), m.fields.clone()))
        .collect();
    assert_eq!(
        modified,
        [
            ("M056", vec!["sla"]),
            ("M090", vec!["primary", "supporting", "workflow"])
        ]
    );
    let back = c.diff("XJ-2026-R1", "XJ-2025").unwrap();
    assert_eq!(ids(&back.added), ["M075"]);
    assert_eq!(ids(&back.removed), ["M101", "M102"]);
    assert!(c.diff("XJ-2026-R1", "XJ-2026-R1").unwrap().is_empty());
    assert_eq!(
        c.diff("XJ-2025", "nope").unwrap_err().code(),
        "catalog.unknown_edition"
    );
    let s = d.summary(Lang::Zh);
    assert!(
        s.contains("+ M101 预付式消费") && s.contains("- M075 劣质散煤") && s.contains("~ M056")
    );
}

#[test]
fn history_of_a_matter() {
    let c = Catalog::sample();
    let events = |id| {
        c.history(id)
            .unwrap()
            .iter()
            .map(|h| (h.edition.id().to_string(), h.event))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        events("M001"),
        [("XJ-2025".to_string(), HistoryEvent::Added)]
    );
    assert_eq!(
        events("M075"),
        [
            ("XJ-2025".to_string(), HistoryEvent::Added),
            ("XJ-2026-R1".to_string(), HistoryEvent::Removed)
        ]
    );
    assert_eq!(
        events("M101"),
        [("XJ-2026-R1".to_string(), HistoryEvent::Added)]
    );
    let h = c.history("M090").unwrap();
    assert_eq!(h[1].event, HistoryEvent::Modified);
    assert_eq!(h[0].matter.primary.holder, Holder::Unit("U013".into()));
    assert!(h[1].matter.is_territorial());
    assert_eq!(
        h[1].edition.revision().unwrap().reference,
        "县编办发〔2026〕3号（示例）"
    );
    assert_eq!(
        c.history("M999").unwrap_err().code(),
        "catalog.unknown_matter"
    );
}

// ---------------------------------------------------------------- admission

fn task<'a>(matter: Option<&'a str>, duty: DutyKind) -> Task<'a> {
    Task {
        from: "U010",
        township: "U068",
        matter,
        duty,
    }
}

#[test]
fn admission_admits_what_the_list_gives_the_township() {
    let c = Catalog::sample();
    let a = c
        .admit(&task(Some("M001"), DutyKind::Patrol), &before())
        .unwrap();
    assert_eq!(
        (a.decision, a.reason.clone()),
        (Decision::Admitted, AdmissionReason::TownshipDuty)
    );
    assert_eq!(a.edition, "XJ-2025");
    // The township holds the primary duty: any task within the matter.
    let a = c
        .admit(&task(Some("M019"), DutyKind::Ledger), &before())
        .unwrap();
    assert_eq!(
        (a.decision, a.reason),
        (Decision::Admitted, AdmissionReason::TownshipPrimary)
    );
}

#[test]
fn admission_refuses_a_duty_the_list_does_not_give() {
    let c = Catalog::sample();
    let a = c
        .admit(&task(Some("M001"), DutyKind::Mediate), &before())
        .unwrap();
    assert_eq!(a.decision, Decision::Refused);
    let AdmissionReason::DutyNotListed { listed } = &a.reason else {
        panic!("{a:?}")
    };
    assert_eq!(
        listed,
        &[
            DutyKind::Patrol,
            DutyKind::Report,
            DutyKind::Dissuade,
            DutyKind::AssistEnforcement
        ]
    );
    assert!(a.explain(Lang::Zh).starts_with("不予准入："));
    assert!(
        a.explain(Lang::Zh)
            .contains("巡查、上报、劝阻制止、协助执法")
    );
    assert!(a.explain(Lang::En).contains("not mediate"));
    // No township duty at all.
    let mut data = small().data().clone();
    data.matters[2].supporting.clear();
    let c = Catalog::new(data).unwrap();
    let tk = Task {
        from: "MS",
        township: "T1",
        matter: Some("M3"),
        duty: DutyKind::Report,
    };
    let a = c.admit(&tk, &t("2025-06-01T00:00:00+08:00")).unwrap();
    assert_eq!(
        (a.decision, a.reason),
        (Decision::Refused, AdmissionReason::NoTownshipDuty)
    );
}

#[test]
fn admission_needs_approval_off_the_list() {
    let c = Catalog::sample();
    for m in [None, Some("M999")] {
        let a = c.admit(&task(m, DutyKind::Ledger), &before()).unwrap();
        assert_eq!(
            (a.decision, a.reason),
            (Decision::NeedsApproval, AdmissionReason::NotOnList)
        );
    }
    // Removed by the revision: off the list from 2026-03-01.
    let a = c
        .admit(&task(Some("M075"), DutyKind::Report), &before())
        .unwrap();
    assert_eq!(a.decision, Decision::Admitted);
    let a = c
        .admit(&task(Some("M075"), DutyKind::Report), &after())
        .unwrap();
    assert_eq!(a.decision, Decision::NeedsApproval);
    assert_eq!(a.edition, "XJ-2026-R1");
}

#[test]
fn admission_follows_the_revision() {
    let c = Catalog::sample();
    // Open-air barbecues: township only patrols before 2026-03-01, holds the primary duty after.
    let tk = task(Some("M090"), DutyKind::Organize);
    assert_eq!(c.admit(&tk, &before()).unwrap().decision, Decision::Refused);
    let a = c.admit(&tk, &after()).unwrap();
    assert_eq!(
        (a.decision, a.reason),
        (Decision::Admitted, AdmissionReason::TownshipPrimary)
    );
}

#[test]
fn admission_errors() {
    let c = Catalog::sample();
    let mut tk = task(Some("M001"), DutyKind::Patrol);
    tk.from = "U068";
    assert_eq!(
        c.admit(&tk, &before()).unwrap_err().code(),
        "catalog.not_a_county_unit"
    );
    tk.from = "U404";
    assert_eq!(
        c.admit(&tk, &before()).unwrap_err().code(),
        "catalog.unknown_unit"
    );
    let mut tk = task(Some("M001"), DutyKind::Patrol);
    tk.township = "U015";
    assert_eq!(
        c.admit(&tk, &before()).unwrap_err().code(),
        "catalog.not_a_township"
    );
    let early = t("2024-01-01T00:00:00+08:00");
    assert_eq!(
        c.admit(&task(None, DutyKind::Patrol), &early)
            .unwrap_err()
            .code(),
        "catalog.before_list"
    );
}

// ---------------------------------------------------------------- accountability

#[test]
fn accountability_for_each_stage() {
    let c = Catalog::sample();
    let who = |m, town, b: Breach, at| {
        let a = c.accountable(m, town, b, &at).unwrap();
        a.units.iter().map(|u| u.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        who("M001", "U068", Stage::Dispatch.into(), before()),
        ["U008"]
    );
    assert_eq!(
        who("M001", "U068", Stage::Arrival.into(), before()),
        ["U053@U068"]
    );
    assert_eq!(who("M017", "U068", Stage::Reply.into(), before()), ["U011"]);
    assert_eq!(who("M019", "U071", Stage::Reply.into(), before()), ["U071"]);
    // The revision moved open-air barbecues to the township.
    assert_eq!(
        who("M090", "U068", Stage::Arrival.into(), before()),
        ["U054@U068"]
    );
    assert_eq!(
        who("M090", "U068", Stage::Arrival.into(), after()),
        ["U068"]
    );
    let a = c
        .accountable("M001", "U068", Stage::Arrival.into(), &before())
        .unwrap();
    assert_eq!(a.department.unwrap().id, "U010");
    assert!(
        a.explain(Lang::Zh)
            .contains("夏津县南城镇自然资源所（县自然资源局派驻机构）")
    );
    assert!(
        a.explain(Lang::En)
            .contains("(stationed agency of County Natural Resources Bureau)")
    );
}

/// Arrival and reply are answered alike, by the primary holder: every
/// matter of every edition of the sample list, in every township.
#[test]
fn arrival_and_reply_are_answered_alike() {
    let list = Catalog::sample();
    let mut pairs = 0;
    for e in list.editions() {
        let at = e.start();
        for m in e.matters() {
            for t in list.townships() {
                let ask = |s: Stage| {
                    list.accountable(&m.id, &t.id, s.into(), &at)
                        .map(|a| a.units.iter().map(|u| u.id.clone()).collect::<Vec<_>>())
                        .map_err(|err| err.code())
                };
                assert_eq!(ask(Stage::Arrival), ask(Stage::Reply), "{} {}", m.id, t.id);
                pairs += 1;
            }
        }
    }
    assert!(pairs > 100, "{pairs}");
}

#[test]
fn accountability_for_a_supporting_duty() {
    let c = Catalog::sample();
    let who = |m, d: DutyKind| {
        let a = c.accountable(m, "U068", d.into(), &before()).unwrap();
        a.units.iter().map(|u| u.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(who("M001", DutyKind::Report), ["U068"]);
    // The township's own coded duties on a township-primary matter.
    assert_eq!(who("M019", DutyKind::Organize), ["U068"]);
    // A county department supporting a township-primary matter.
    assert_eq!(who("M019", DutyKind::Verify), ["U011"]);
    assert_eq!(who("M058", DutyKind::Coordinate), ["U053@U068", "U014"]);
    let e = c
        .accountable("M001", "U068", DutyKind::Mediate.into(), &before())
        .unwrap_err();
    assert_eq!(
        e,
        CatalogError::DutyNotListed {
            matter: "M001".into(),
            duty: "mediate".into()
        }
    );
    assert_eq!(huying::Error::from(e).code(), "catalog.duty_not_listed");
}

// ---------------------------------------------------------------- queries

#[test]
fn duties_of_units() {
    let c = Catalog::sample();
    let e = c.edition("XJ-2025").unwrap();
    let count = |id, role| {
        e.duties_of(id)
            .unwrap()
            .iter()
            .filter(|h| h.role == role)
            .count()
    };
    assert_eq!(count("U068", HoldingRole::Primary), 8);
    assert_eq!(count("U068", HoldingRole::Supporting), 83);
    assert_eq!(count("U010", HoldingRole::Primary), 14);
    // The stationed office acts for its department in its township.
    assert_eq!(count("U053@U068", HoldingRole::Primary), 14);
    assert_eq!(count("U010", HoldingRole::Supporting), 2); // M058, M087
    assert_eq!(count("U008", HoldingRole::Primary), 0);
    assert_eq!(
        e.duties_of("U404").unwrap_err().code(),
        "catalog.unknown_unit"
    );
    let first = &e.duties_of("U013").unwrap()[0];
    assert_eq!(
        (first.matter.id.as_str(), first.role),
        ("M041", HoldingRole::Primary)
    );
    assert_eq!(c.latest().duties_of("U068").unwrap().len(), 92);
}

#[test]
fn responsibility_matrix_csv() {
    let s = small();
    let csv = s.edition("T-2025").unwrap().matrix_csv(Lang::En);
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "id,matter,domain,township (territorial),County Natural Resources Bureau,County Market Supervision Administration",
            "M1,Illegal land occupation,Natural resources,\"supporting: patrol, report, dissuade\",primary,",
            "M2,Open burning of straw,Natural resources,\"primary: organize, patrol\",supporting: verify,",
            "M3,Unlicensed business,Market supervision,supporting: report,,primary",
        ]
    );
    let zh = s.latest().matrix_csv(Lang::Zh);
    assert!(zh.contains("M4,预付卡纠纷处置,市场监管,配合：矛盾调处、上报,,主体"));
    // The sample: one row per matter in force, parseable CSV.
    let c = Catalog::sample();
    let m = c.latest().matrix_csv(Lang::Zh);
    let mut r = csv::ReaderBuilder::new().from_reader(m.as_bytes());
    let width = r.headers().unwrap().len();
    let rows: Vec<_> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 92);
    assert!(rows.iter().all(|x| x.len() == width));
}

#[test]
fn keyword_search() {
    let c = Catalog::sample();
    let e = c.latest();
    let ids = |q: &str| e.search(q).iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids("采砂"), ["M007", "M008"]); // 盗采砂石土, 河道非法采砂
    assert_eq!(ids("秸秆"), ["M019"]);
    assert!(ids("食品").contains(&"M068".to_string()));
    assert_eq!(ids("  "), Vec::<String>::new());
    assert_eq!(ids("不存在的关键词"), Vec::<String>::new());
    assert_eq!(ids("应急管理 烟花"), ["M054"]); // domain name + keyword
    assert_eq!(ids("barbecue"), ["M090"]);
    assert_eq!(ids("古树"), ["M102"]);
    assert!(c.edition("XJ-2025").unwrap().search("古树").is_empty());
}

// ---------------------------------------------------------------- loading

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DATA}/{name}")).unwrap()
}

fn tabular(dir: &str, ext: &str) -> [(String, String); 4] {
    ["list", "units", "matters", "revisions"].map(|t| {
        let name = format!("{t}.{ext}");
        let text = read(&format!("{dir}/{name}"));
        (name, text)
    })
}

fn files<'a>(t: &'a [(String, String); 4]) -> TabularFiles<'a> {
    TabularFiles {
        list: (&t[0].0, &t[0].1),
        units: (&t[1].0, &t[1].1),
        matters: (&t[2].0, &t[2].1),
        revisions: Some((&t[3].0, &t[3].1)),
    }
}

/// Rows of delimited text.
fn rows(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// A workbook of the tabular form, written with rust_xlsxwriter. `effective`
/// cells become real date cells when `dates` is set.
fn workbook(d: &Delimited, names: [&str; 4], dates: bool) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (name, text) in names
        .iter()
        .zip([&d.list, &d.units, &d.matters, &d.revisions])
    {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows(text, d.delimiter).iter().enumerate() {
            for (col, cell) in row.iter().enumerate() {
                let date = chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d")
                    .ok()
                    .filter(|_| dates);
                if let Some(date) = date {
                    use chrono::Datelike;
                    let dt = ExcelDateTime::from_ymd(
                        date.year() as u16,
                        date.month() as u8,
                        date.day() as u8,
                    )
                    .unwrap();
                    sheet
                        .write_datetime_with_format(r as u32, col as u16, &dt, &date_format)
                        .unwrap();
                } else if !cell.is_empty() {
                    sheet.write_string(r as u32, col as u16, cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

const SHEETS: [&str; 4] = ["list", "units", "matters", "revisions"];

/// Regenerates the committed fixtures from `small.json`: run with
/// `HUYING_WRITE_FIXTURES=1 cargo test -p huying --test catalog fixtures`.
#[test]
fn fixtures_are_current() {
    let c = small();
    let csv = c.to_delimited(b',');
    let tsv = c.to_delimited(b'\t');
    if std::env::var_os("HUYING_WRITE_FIXTURES").is_some() {
        for (dir, d, ext) in [("csv", &csv, "csv"), ("tsv", &tsv, "tsv")] {
            std::fs::create_dir_all(format!("{DATA}/{dir}")).unwrap();
            for (t, text) in SHEETS
                .iter()
                .zip([&d.list, &d.units, &d.matters, &d.revisions])
            {
                std::fs::write(format!("{DATA}/{dir}/{t}.{ext}"), text).unwrap();
            }
        }
        std::fs::write(format!("{DATA}/small.xlsx"), workbook(&csv, SHEETS, true)).unwrap();
    }
    let on_disk = tabular("csv", "csv");
    assert_eq!(
        on_disk[2].1, csv.matters,
        "run with HUYING_WRITE_FIXTURES=1 to regenerate"
    );
}

#[test]
fn the_four_sample_files_hold_the_same_list() {
    let json = small();
    assert_eq!(json.data().id, "T-2025");
    let csv = tabular("csv", "csv");
    let tsv = tabular("tsv", "tsv");
    assert_eq!(Catalog::from_csv(&files(&csv)).unwrap().data(), json.data());
    assert_eq!(Catalog::from_tsv(&files(&tsv)).unwrap().data(), json.data());
    let xlsx = std::fs::read(format!("{DATA}/small.xlsx")).unwrap();
    assert_eq!(
        Catalog::from_xlsx("small.xlsx", &xlsx).unwrap().data(),
        json.data()
    );
}

#[test]
fn json_round_trips_the_sample() {
    let c = Catalog::sample();
    let json = c.to_json();
    let again = Catalog::from_json("sample.json", &json).unwrap();
    assert_eq!(again.data(), c.data());
    assert_eq!(again.to_json(), json);
    // serde on Catalog itself validates.
    let via_serde: Catalog = serde_json::from_str(&json).unwrap();
    assert_eq!(via_serde, c);
    let bad = json.replacen("\"U008\"", "\"U404\"", 1);
    assert!(serde_json::from_str::<Catalog>(&bad).is_err());
}

#[test]
fn tabular_round_trips_the_sample() {
    let c = Catalog::sample();
    for delimiter in [b',', b'\t'] {
        let d = c.to_delimited(delimiter);
        let again = if delimiter == b',' {
            Catalog::from_csv(&d.files())
        } else {
            Catalog::from_tsv(&d.files())
        };
        assert_eq!(again.unwrap().data(), c.data());
    }
    let xlsx = workbook(&c.to_delimited(b','), SHEETS, false);
    assert_eq!(
        Catalog::from_xlsx("sample.xlsx", &xlsx).unwrap().data(),
        c.data()
    );
}

#[test]
fn xlsx_with_chinese_sheet_names_and_date_cells() {
    let c = small();
    let book = workbook(
        &c.to_delimited(b','),
        ["清单", "单位", "事项", "调整"],
        true,
    );
    assert_eq!(
        Catalog::from_xlsx("县清单.xlsx", &book).unwrap().data(),
        c.data()
    );
}

#[test]
fn tabular_without_revisions() {
    let c = small();
    let d = c.to_delimited(b',');
    let mut f = d.files();
    f.revisions = None;
    let loaded = Catalog::from_csv(&f).unwrap();
    assert!(loaded.data().revisions.is_empty());
    assert_eq!(loaded.data().matters, c.data().matters);
}

// ---------------------------------------------------------------- validation

#[test]
fn parse_errors_in_every_format() {
    let e = Catalog::from_json("a.json", "{\n  \"id\": ").unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code, p.file.as_str(), p.row),
        (ProblemCode::Parse, "a.json", Some(2))
    );
    assert_eq!(
        codes(&Catalog::from_json("a.json", "[1,2]").unwrap_err()),
        ["catalog.invalid_value"]
    );
    let d = small().to_delimited(b',');
    let broken = format!("{}\"unterminated,\n", d.units);
    let mut f = d.files();
    f.units.1 = &broken;
    // A quote left open swallows the rest of the file: the CSV reader accepts
    // it as one long cell, so this is reported by row checks, not a panic.
    assert!(Catalog::from_csv(&f).is_err());
    let e = Catalog::from_xlsx("x.xlsx", b"PK\x03\x04 not really").unwrap_err();
    assert_eq!(codes(&e), ["catalog.parse"]);
    // A workbook without its units sheet.
    let book = workbook(&d, ["list", "people", "matters", "revisions"], false);
    let e = Catalog::from_xlsx("x.xlsx", &book).unwrap_err();
    assert_eq!(codes(&e), ["catalog.parse"]);
    assert_eq!(e.problems()[0].field, "units");
    // A table without a required column.
    let units = d.units.replacen("kind", "type", 1);
    let mut f = d.files();
    f.units.1 = &units;
    let e = Catalog::from_csv(&f).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code, p.file.as_str(), p.row, p.field.as_str()),
        (ProblemCode::Parse, "units.csv", Some(1), "kind")
    );
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let d = small().to_delimited(b',');
    // Four problems on three rows of the matters table.
    let mut rows = rows(&d.matters, b',');
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (p, s, name, sla) = (
        col("primary"),
        col("supporting"),
        col("name_zh"),
        col("sla_arrival"),
    );
    rows[1][p] = "NR;MS".into(); // line 2
    rows[2][s] = "NR=verify,guess".into(); // line 3
    rows[3][name] = String::new(); // line 4
    rows[3][sla] = "soon".into();
    let text = write_csv(&rows);
    let mut f = d.files();
    f.matters.1 = &text;
    let e = Catalog::from_csv(&f).unwrap_err();
    let got: Vec<_> = e
        .problems()
        .iter()
        .map(|p| (p.code.code(), p.file.as_str(), p.row, p.field.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "catalog.multiple_primary",
                "matters.csv",
                Some(2),
                "primary"
            ),
            ("catalog.unknown_duty", "matters.csv", Some(3), "supporting"),
            ("catalog.missing_field", "matters.csv", Some(4), "name_zh"),
            (
                "catalog.invalid_value",
                "matters.csv",
                Some(4),
                "sla_arrival"
            ),
        ]
    );
    for p in e.problems() {
        assert!(!p.message_en.is_empty() && !p.message_zh.is_empty());
        assert!(p.to_string().starts_with("matters.csv:"));
    }
    assert!(e.to_string().contains("4 problem(s)"));
}

#[test]
fn duplicate_ids() {
    let mut d = small().data().clone();
    d.units[2].id = "NR".into();
    d.matters[1].id = "M1".into();
    d.domains[1].code = "nr".into();
    d.revisions[0].id = "T-2025".into();
    let p = invalid(d);
    assert!(has(&p, ProblemCode::DuplicateId, "units[2].id"));
    assert!(has(&p, ProblemCode::DuplicateId, "matters[1].id"));
    assert!(has(&p, ProblemCode::DuplicateId, "domains[1].code"));
    assert!(has(&p, ProblemCode::DuplicateId, "revisions[0].id"));
    // A revision adding a matter already on the list.
    let mut d = small().data().clone();
    let m1 = d.matters[0].clone();
    d.revisions[0].changes.push(Change::Add(m1));
    assert!(has(
        &invalid(d),
        ProblemCode::DuplicateId,
        "revisions[0].changes[3].add.id"
    ));
}

#[test]
fn unknown_units() {
    let mut d = small().data().clone();
    d.matters[0].primary.holder = Holder::Unit("XX".into());
    d.matters[0].supporting[0].holder = Holder::Unit("YY".into());
    if let Change::Add(m) = &mut d.revisions[0].changes[0] {
        m.primary.holder = Holder::Unit("ZZ".into());
    }
    let p = invalid(d);
    assert!(has(
        &p,
        ProblemCode::UnknownUnit,
        "matters[0].primary.holder"
    ));
    assert!(has(
        &p,
        ProblemCode::UnknownUnit,
        "matters[0].supporting[0].holder"
    ));
    assert!(has(
        &p,
        ProblemCode::UnknownUnit,
        "revisions[0].changes[0].add.primary.holder"
    ));
    assert!(
        p.iter()
            .any(|x| x.message_zh.contains("单位 XX 不在单位名单中"))
    );
}

#[test]
fn zero_or_two_primary_holders() {
    let json = SMALL_JSON.replacen(
        "\"primary\": {\"holder\": \"NR\", \"text_zh\": \"依法调查处理违法用地\"}",
        "\"primary\": [{\"holder\": \"NR\"}, {\"holder\": \"MS\"}]",
        1,
    );
    let json = json.replacen("\"primary\": {\"holder\": \"MS\"},", "", 1);
    let json = json.replacen(
        "\"primary\": {\"holder\": \"territorial\"",
        "\"primary\": {\"holder\": \"\"",
        1,
    );
    let e = Catalog::from_json("p.json", &json).unwrap_err();
    let got: Vec<_> = e
        .problems()
        .iter()
        .map(|p| (p.code.code(), p.field.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("catalog.multiple_primary", "matters[0].primary"),
            ("catalog.no_primary", "matters[1].primary.holder"),
            ("catalog.no_primary", "matters[2].primary"),
        ]
    );
    assert_eq!(
        codes(
            &Catalog::from_json(
                "p.json",
                &SMALL_JSON.replacen("\"primary\": {\"holder\": \"MS\"}", "\"primary\": []", 1)
            )
            .unwrap_err()
        ),
        ["catalog.no_primary"]
    );
    // In a table: an empty primary cell.
    let d = small().to_delimited(b'\t');
    let matters = d.matters.replacen(
        "\tNR\t\t依法调查处理违法用地",
        "\t\t\t依法调查处理违法用地",
        1,
    );
    let mut f = d.files();
    f.matters.1 = &matters;
    let e = Catalog::from_tsv(&f).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code, p.row, p.field.as_str()),
        (ProblemCode::NoPrimary, Some(2), "primary")
    );
}

#[test]
fn unknown_duty_codes() {
    let json = SMALL_JSON.replacen("\"dissuade\"", "\"persuade\"", 1);
    let e = Catalog::from_json("d.json", &json).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code, p.field.as_str()),
        (
            ProblemCode::UnknownDuty,
            "matters[0].supporting[0].kinds[2]"
        )
    );
    assert!(p.message_en.contains("persuade"));
    let d = small().to_delimited(b',');
    let matters = d.matters.replacen("organize,patrol", "organize,sweep", 1);
    let mut f = d.files();
    f.matters.1 = &matters;
    let e = Catalog::from_csv(&f).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code, p.row, p.field.as_str()),
        (ProblemCode::UnknownDuty, Some(3), "primary_kinds")
    );
}

#[test]
fn stationed_agencies_need_a_department_and_a_township() {
    let mut d = small().data().clone();
    let agency = d.units[5].clone();
    d.units[5].department = Some("XX".into());
    let mut a2 = agency.clone();
    a2.id = "A2".into();
    a2.department = Some("T2".into()); // a township, not a county department
    let mut a3 = agency.clone();
    a3.id = "A3".into();
    a3.department = None;
    a3.township = Some("NR".into()); // not a township
    let mut a4 = agency.clone();
    a4.id = "A4".into();
    a4.township = Some("T9".into());
    let mut a5 = agency.clone();
    a5.id = "A5".into(); // same department and township as a6
    a5.township = Some("T2".into());
    let mut a6 = a5.clone();
    a6.id = "A6".into();
    d.units.extend([a2, a3, a4, a5, a6]);
    let p = invalid(d);
    assert!(has(
        &p,
        ProblemCode::UnknownDepartment,
        "units[5].department"
    ));
    assert!(has(
        &p,
        ProblemCode::UnknownDepartment,
        "units[6].department"
    ));
    assert!(has(&p, ProblemCode::MissingField, "units[7].department"));
    assert!(has(&p, ProblemCode::UnknownTownship, "units[7].township"));
    assert!(has(&p, ProblemCode::UnknownTownship, "units[8].township"));
    assert!(has(
        &p,
        ProblemCode::DuplicateAgency,
        "units[10].department"
    ));
    assert!(
        p.iter()
            .any(|x| x.message_en.contains("department XX does not exist"))
    );
    // In a table: row and column.
    let d = small().to_delimited(b',');
    let units = d.units.replace(",NR,T1", ",NX,T1");
    let mut f = d.files();
    f.units.1 = &units;
    let e = Catalog::from_csv(&f).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code, p.row, p.field.as_str()),
        (ProblemCode::UnknownDepartment, Some(7), "department")
    );
}

#[test]
fn revisions_out_of_date_order() {
    let mut d = small().data().clone();
    let mut r2 = d.revisions[0].clone();
    r2.id = "R2".into();
    r2.changes.clear(); // same date as the first revision
    let mut r3 = r2.clone();
    r3.id = "R3".into();
    r3.effective = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(); // before the list
    d.revisions.extend([r2, r3]);
    let p = invalid(d);
    assert!(has(
        &p,
        ProblemCode::RevisionOrder,
        "revisions[1].effective"
    ));
    assert!(has(
        &p,
        ProblemCode::RevisionOrder,
        "revisions[2].effective"
    ));
    assert!(
        p.iter()
            .any(|x| x.message_zh.contains("须按施行日期先后排列"))
    );
    // In a table.
    let d = small().to_delimited(b',');
    let revs = d.revisions.replace("2026-03-01", "2024-12-31");
    let mut f = d.files();
    f.revisions = Some(("revisions.csv", &revs));
    let e = Catalog::from_csv(&f).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code, p.file.as_str(), p.row, p.field.as_str()),
        (
            ProblemCode::RevisionOrder,
            "revisions.csv",
            Some(2),
            "effective"
        )
    );
}

#[test]
fn revisions_changing_matters_not_in_force() {
    let mut d = small().data().clone();
    d.revisions[0].changes.push(Change::Remove("M3".into())); // already removed
    let mut ghost = d.matters[0].clone();
    ghost.id = "M9".into();
    d.revisions[0].changes.push(Change::Modify(ghost));
    let p = invalid(d);
    assert!(has(
        &p,
        ProblemCode::UnknownMatter,
        "revisions[0].changes[3].remove"
    ));
    assert!(has(
        &p,
        ProblemCode::UnknownMatter,
        "revisions[0].changes[4].modify.id"
    ));
}

#[test]
fn other_problems() {
    // Command centre, missing fields, reserved id, unknown domain.
    let mut d = small().data().clone();
    d.command_centre = "T1".into();
    d.reference.clear();
    d.units[1].name_zh.clear();
    d.units[4].id = "territorial".into();
    d.matters[2].domain = "xx".into();
    let p = invalid(d);
    assert!(has(&p, ProblemCode::CommandCentre, "command_centre"));
    assert!(has(&p, ProblemCode::MissingField, "reference"));
    assert!(has(&p, ProblemCode::MissingField, "units[1].name_zh"));
    assert!(has(&p, ProblemCode::InvalidValue, "units[4].id"));
    assert!(has(&p, ProblemCode::UnknownDomain, "matters[2].domain"));
    // JSON: unknown fields, bad values, bad change.
    let json = SMALL_JSON
        .replacen("\"level\": \"county\"", "\"level\": \"province\"", 1)
        .replacen(
            "\"effective\": \"2026-03-01\"",
            "\"effective\": \"March 2026\"",
            1,
        )
        .replacen(
            "\"sla\": {\"arrival\": \"1h\"}",
            "\"sla\": {\"arrival\": \"soon\"}, \"colour\": 1",
            1,
        )
        .replacen("{\"remove\": \"M3\"}", "{\"drop\": \"M3\"}", 1);
    let e = Catalog::from_json("o.json", &json).unwrap_err();
    let got: Vec<_> = e
        .problems()
        .iter()
        .map(|p| (p.code.code(), p.field.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("catalog.invalid_value", "units[0].level"),
            ("catalog.invalid_value", "matters[1].colour"),
            ("catalog.invalid_value", "matters[1].sla"),
            ("catalog.invalid_value", "revisions[0].changes[1]"),
            ("catalog.invalid_value", "revisions[0].effective"),
        ]
    );
    // Tables: an unknown action and a bad date.
    let d = small().to_delimited(b',');
    let revs = d.revisions.replacen(",add,", ",adopt,", 1);
    let list = d
        .list
        .replace("effective,2025-01-01", "effective,2025-13-01");
    let mut f = d.files();
    f.revisions = Some(("revisions.csv", &revs));
    f.list.1 = &list;
    let e = Catalog::from_csv(&f).unwrap_err();
    let got: Vec<_> = e
        .problems()
        .iter()
        .map(|p| (p.code.code(), p.file.as_str(), p.field.as_str()))
        .collect();
    assert!(got.contains(&("catalog.invalid_value", "list.csv", "effective")));
    assert!(got.contains(&("catalog.invalid_value", "revisions.csv", "action")));
}

#[test]
fn every_problem_code_is_tested_and_stable() {
    let all: Vec<_> = ProblemCode::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(
        all,
        [
            "catalog.parse",
            "catalog.missing_field",
            "catalog.invalid_value",
            "catalog.duplicate_id",
            "catalog.unknown_unit",
            "catalog.no_primary",
            "catalog.multiple_primary",
            "catalog.unknown_duty",
            "catalog.unknown_department",
            "catalog.unknown_township",
            "catalog.duplicate_agency",
            "catalog.unknown_domain",
            "catalog.unknown_matter",
            "catalog.revision_order",
            "catalog.command_centre",
            "catalog.ambiguous_unit",
        ]
    );
    let json = serde_json::to_string(&ProblemCode::RevisionOrder).unwrap();
    assert_eq!(json, "\"revision_order\"");
}

#[test]
fn catalog_errors_have_codes_and_bilingual_messages() {
    let c = Catalog::sample();
    let e = c.resolve("M001", "U010", &before()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unit \"U010\" is not a township or street office / 单位 U010 不是乡镇（街道）"
    );
    let wrapped: huying::Error = e.into();
    assert_eq!(wrapped.code(), "catalog.not_a_township");
}

#[test]
fn load_reads_each_form_from_the_file_system() {
    let json = Catalog::from_json("small.json", SMALL_JSON).unwrap();
    for path in [
        format!("{DATA}/small.json"),
        format!("{DATA}/small.xlsx"),
        format!("{DATA}/csv"),
        format!("{DATA}/csv/matters.csv"),
        format!("{DATA}/tsv"),
        format!("{DATA}/tsv/units.tsv"),
    ] {
        assert_eq!(Catalog::load(&path).unwrap().data(), json.data(), "{path}");
    }
    let missing = Catalog::load(format!("{DATA}/none.json")).unwrap_err();
    assert_eq!(missing.code(), "catalog.read");
    assert!(missing.to_string().contains("none.json"));
    let empty = std::env::temp_dir().join(format!("huying-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(Catalog::load(&empty).unwrap_err().code(), "catalog.read");
    std::fs::write(empty.join("bad.json"), [0xff, 0xfe, b'{']).unwrap();
    let bad = Catalog::load(empty.join("bad.json")).unwrap_err();
    assert_eq!(bad.code(), "catalog.read");
    assert!(bad.to_string().contains("UTF-8"));
    std::fs::remove_dir_all(&empty).ok();
}
