//! Bad input, in a short bounded pass: every loader and parser against empty
//! input, invalid UTF-8, huge input, the ends of the calendar's range,
//! instants far in the past and future, duplicate and out-of-order events,
//! and a log cut off in the middle of a line. Each gets a typed error (its
//! stable code is checked) or the documented behaviour, and nothing already
//! loaded is lost. Then proptests: arbitrary text never panics a parser.
//!
//! The crashes the fuzz targets found (`fuzz/README.md`) are regression
//! tests here, with their inputs inline.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::io::Write;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use huying::calendar::{Calendar, CalendarError, MAX_CALENDAR_YEARS};
use huying::call::{Actor, Call, CallError, CallPolicy, Channel, Event, EventKind, Light, log};
use huying::catalog::{
    Catalog, CatalogError, ImportOptions, MAX_CATALOG_BYTES, MAX_SHEET_CELLS,
    MAX_WORKBOOK_UNZIPPED_BYTES, Stage, TabularFiles, UnitSource,
};
use huying::hours::{Schedule, Timetable};
use huying::sla::{DayEnd, Limit, MAX_LIMIT_AMOUNT, SlaClock};
use proptest::prelude::*;

// ----- helpers -----

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn china() -> FixedOffset {
    huying::china_offset()
}

/// What a calendar says, to check that a refused load changed nothing.
fn fingerprint(cal: &Calendar) -> (std::ops::RangeInclusive<i32>, Vec<String>) {
    let special = cal
        .years()
        .flat_map(|y| cal.special_days(y).unwrap())
        .map(|(date, kind)| format!("{date} {}", kind.code()))
        .collect();
    (cal.years(), special)
}

/// The codes of a refused list's problems.
fn problem_codes(e: &CatalogError) -> Vec<&'static str> {
    assert_eq!(e.code(), "catalog.invalid");
    e.problems().iter().map(|p| p.code.code()).collect()
}

/// The single `catalog.parse` problem of a refused file, in English.
fn parse_problem(r: Result<Catalog, CatalogError>) -> String {
    let e = r.unwrap_err();
    assert_eq!(problem_codes(&e), ["catalog.parse"], "{e}");
    e.problems()[0].message_en.clone()
}

fn small_json() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/catalog/small.json"
    ))
    .unwrap()
}

fn small_xlsx() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/catalog/small.xlsx"
    ))
    .unwrap()
}

fn raised(at: DateTime<FixedOffset>) -> Event {
    Event::new(
        "C1",
        at,
        Actor::township("U068"),
        EventKind::Raised {
            township: "U068".into(),
            matter: "M001".into(),
            channel: Channel::Text,
        },
    )
}

fn dispatched(at: DateTime<FixedOffset>) -> Event {
    Event::new(
        "C1",
        at,
        Actor::command_centre("U008"),
        EventKind::Dispatched {
            department: "U010".into(),
            supporting: vec![],
        },
    )
}

/// A stored zip of `(name, bytes)` parts.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

// ----- empty input -----

#[test]
fn empty_limit_and_schedule_text() {
    assert_eq!("".parse::<Limit>().unwrap_err().code(), "limit.parse");
    assert_eq!("   ".parse::<Limit>().unwrap_err().code(), "limit.parse");
    // Documented: an empty timetable (or a schedule given as one) is closed.
    assert_eq!("".parse::<Timetable>().unwrap(), Timetable::default());
    assert_eq!(
        "".parse::<Schedule>().unwrap().default,
        Timetable::default()
    );
    assert_eq!(
        Schedule::from_json("").unwrap_err().code(),
        "calendar.bad_schedule"
    );
    assert_eq!(
        Schedule::from_json("{}").unwrap_err().code(),
        "calendar.bad_schedule"
    );
}

#[test]
fn empty_calendar_files_are_refused_and_change_nothing() {
    let mut cal = Calendar::china();
    let before = fingerprint(&cal);
    for (text, tsv) in [
        ("", true),
        ("date\tkind\tname\tname_zh\n", true),
        ("\n\n# comment only\n", true),
        ("", false),
        ("[]", false),
    ] {
        let r = if tsv {
            cal.extend_from_tsv(text, "empty.tsv")
        } else {
            cal.extend_from_json(text, "empty.json")
        };
        assert_eq!(r.unwrap_err().code(), "calendar.bad_data", "{text:?}");
        assert_eq!(fingerprint(&cal), before);
    }
}

#[test]
fn empty_catalog_files_are_one_parse_problem_or_missing_columns() {
    parse_problem(Catalog::from_json("empty.json", ""));
    parse_problem(Catalog::from_xlsx("empty.xlsx", b""));
    let files = TabularFiles {
        list: ("list.csv", ""),
        units: ("units.csv", ""),
        matters: ("matters.csv", ""),
        revisions: None,
    };
    let e = Catalog::from_csv(&files).unwrap_err();
    // Every required column of every table is reported missing.
    let codes = problem_codes(&e);
    assert_eq!(codes.iter().filter(|c| **c == "catalog.parse").count(), 10);
    assert!(codes.iter().all(|c| c.starts_with("catalog.")));
}

#[test]
fn empty_call_logs() {
    let cal = Calendar::china();
    let p = CallPolicy::new("U008");
    // Documented: an empty log reads as no events; a call needs one.
    assert_eq!(log::read("").unwrap(), vec![]);
    assert_eq!(log::read("\n \n\t\n").unwrap(), vec![]);
    assert_eq!(Call::replay(&cal, &p, "").unwrap_err().code(), "call.empty");
    assert_eq!(
        Call::replay(&cal, &p, "\n\n").unwrap_err().code(),
        "call.empty"
    );
    assert_eq!(
        Call::from_events(&cal, &p, Vec::<Event>::new())
            .unwrap_err()
            .code(),
        "call.empty"
    );
    assert_eq!(
        Event::from_json_line("").unwrap_err().code(),
        "call.bad_event"
    );
    assert_eq!(
        Event::from_json_line("{}").unwrap_err().code(),
        "call.bad_event"
    );
}

// ----- invalid UTF-8 -----

/// The loaders take text: bytes are decoded first, and invalid UTF-8
/// decoded with `from_utf8_lossy` becomes U+FFFD.
fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn invalid_utf8_in_a_calendar_date_is_bad_data_naming_the_line() {
    let mut cal = Calendar::china();
    let before = fingerprint(&cal);
    let text = lossy(b"date\tkind\tname\tname_zh\n2027-01-01\tholiday\tNew Year\t\xe5\x85\x83\xe6\x97\xa6\n2027-\xff1-02\tholiday\tNew Year\tx\n");
    match cal.extend_from_tsv(&text, "notice.tsv").unwrap_err() {
        CalendarError::BadData { line, field, .. } => {
            assert_eq!((line, field.as_str()), (3, "date"))
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(fingerprint(&cal), before);
    let json = lossy(b"[{\"date\":\"2027-01-01\",\"kind\":\"holi\xffday\"}]");
    assert_eq!(
        cal.extend_from_json(&json, "n.json").unwrap_err().code(),
        "calendar.bad_data"
    );
    assert_eq!(fingerprint(&cal), before);
}

#[test]
fn invalid_utf8_in_a_calendar_name_is_kept_as_the_replacement_character() {
    // Documented behaviour: a name is free text; U+FFFD is kept as it came.
    let mut cal = Calendar::china();
    let text = lossy(b"2027-01-01\tholiday\tNew Year\t\xe5\x85\xff\n");
    cal.extend_from_tsv(&text, "notice.tsv").unwrap();
    let kind = cal.day_kind(d(2027, 1, 1)).unwrap();
    assert!(kind.festival().unwrap().name_zh.contains('\u{fffd}'));
}

#[test]
fn invalid_utf8_in_limits_schedules_and_log_lines() {
    assert_eq!(
        lossy(b"3\xffwd").parse::<Limit>().unwrap_err().code(),
        "limit.parse"
    );
    assert_eq!(
        lossy(b"08:30-12:\xff00")
            .parse::<Timetable>()
            .unwrap_err()
            .code(),
        "calendar.bad_schedule"
    );
    let mut text = log::EXAMPLE.as_bytes().to_vec();
    // Break the UTF-8 of line 6's Chinese result.
    let at = text.windows(3).position(|w| w == "已".as_bytes()).unwrap();
    text[at + 1] = 0xff;
    let text = lossy(&text);
    // Documented: free text keeps U+FFFD; the log still replays.
    let events = log::read(&text).unwrap();
    assert!(
        matches!(&events[5].kind, EventKind::Replied { result } if result.contains('\u{fffd}'))
    );
    // In a field that must be a code, it is a bad line.
    let bad = lossy(
        &log::EXAMPLE
            .replacen("\"signed\"", "\"sig\u{fffd}ned\"", 1)
            .into_bytes(),
    );
    match log::read(&bad).unwrap_err() {
        CallError::BadEvent { line, .. } => assert_eq!(line, 4),
        e => panic!("{e:?}"),
    }
}

#[test]
fn invalid_utf8_in_catalog_files() {
    let json = lossy(&[small_json().as_bytes(), b"\xff"].concat());
    parse_problem(Catalog::from_json("small.json", &json));
    // In a workbook, the bytes go to the reader as they are.
    let sheet = b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>k\xffey</t></is></c></row></sheetData></worksheet>";
    let book = xlsx_container(sheet);
    let e = Catalog::from_xlsx("bad.xlsx", &book).unwrap_err();
    assert!(problem_codes(&e).iter().all(|c| c.starts_with("catalog.")));
}

/// A minimal XLSX container whose three sheets are `sheet`.
fn xlsx_container(sheet: &[u8]) -> Vec<u8> {
    let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    let rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="list" sheetId="1" r:id="rId1"/><sheet name="units" sheetId="2" r:id="rId2"/><sheet name="matters" sheetId="3" r:id="rId3"/></sheets></workbook>"#;
    let book_rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    zip_of(&[
        ("[Content_Types].xml", types),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", book_rels),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

// ----- huge input -----

#[test]
fn limits_over_the_largest_amount_are_errors() {
    assert_eq!(
        format!("{MAX_LIMIT_AMOUNT}m").parse::<Limit>(),
        Ok(Limit::Minutes(MAX_LIMIT_AMOUNT))
    );
    for s in [
        format!("{}m", MAX_LIMIT_AMOUNT + 1),
        "4294967296wd".to_string(),
        format!("{}h", "9".repeat(10_000)),
        format!("3{}", "d".repeat(100_000)),
    ] {
        assert_eq!(s.parse::<Limit>().unwrap_err().code(), "limit.parse");
    }
    // Extending past the largest amount is refused, and changes nothing.
    let at = t("2025-06-03T10:00:00+08:00");
    let mut c = SlaClock::start(&Calendar::china(), Limit::Minutes(MAX_LIMIT_AMOUNT), at).unwrap();
    let due = c.due().unwrap();
    assert_eq!(
        c.extend(Limit::Minutes(1)).unwrap_err().code(),
        "clock.bad_state"
    );
    assert_eq!(
        (c.limit(), c.due().unwrap()),
        (Limit::Minutes(MAX_LIMIT_AMOUNT), due)
    );
}

#[test]
fn catalog_files_over_the_limit_are_refused_before_reading() {
    let huge = " ".repeat(MAX_CATALOG_BYTES + 1);
    #[allow(clippy::disallowed_methods)] // a test's own stopwatch, not library time
    let started = std::time::Instant::now();
    assert!(parse_problem(Catalog::from_json("huge.json", &huge)).contains("over the limit"));
    let files = TabularFiles {
        list: ("list.csv", "key,value\n"),
        units: ("units.csv", &huge),
        matters: ("matters.csv", ""),
        revisions: None,
    };
    let e = Catalog::from_csv(&files).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code.code(), p.file.as_str()),
        ("catalog.parse", "units.csv")
    );
    assert!(p.message_en.contains("over the limit"));
    let bytes = huge.into_bytes();
    assert!(parse_problem(Catalog::from_xlsx("huge.xlsx", &bytes)).contains("over the limit"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // At the limit, the file is read (and here, is not JSON).
    let at_limit = " ".repeat(MAX_CATALOG_BYTES);
    assert!(parse_problem(Catalog::from_json("big.json", &at_limit)).contains("not valid JSON"));
}

/// Regression: a 6 KB workbook with cells at A1 and XFD1048576 made the
/// spreadsheet reader lay out 17 billion cells and abort the process
/// ("memory allocation of 549755813888 bytes failed").
#[test]
fn a_workbook_with_far_apart_cells_is_read_within_the_cell_limit() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    for name in ["list", "units", "matters"] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        sheet.write_string(0, 0, "id").unwrap();
        if name == "list" {
            sheet.write_string(1_048_575, 16_383, "far").unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 10_000);
    let e = Catalog::from_xlsx("far.xlsx", &bytes).unwrap_err();
    assert!(problem_codes(&e).contains(&"catalog.parse"), "{e}");
    assert!(e.problems()[0].message_en.contains("\"key\""), "{e}");
}

#[test]
fn a_sheet_over_the_cell_limit_is_refused() {
    // 70 rows each reaching column XFD: 70 × 16,384 > 1,000,000 cells.
    let mut rows = String::new();
    for r in 1..=70 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c><c r="XFD{r}" t="inlineStr"><is><t>y</t></is></c></row>"#
        ));
    }
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    let e = Catalog::from_xlsx("wide.xlsx", &xlsx_container(sheet.as_bytes())).unwrap_err();
    // Each of the three sheets (one XML part here) is refused.
    assert!(problem_codes(&e).iter().all(|c| *c == "catalog.parse"));
    let msg = &e.problems()[0].message_en;
    assert!(
        msg.contains(&format!("more than {MAX_SHEET_CELLS} cells")),
        "{msg}"
    );
}

#[test]
fn a_workbook_that_unpacks_past_the_limit_is_refused() {
    // One 1 MiB part of spaces, deflated once and stored 257 times.
    let one = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("x", opts).unwrap();
        w.write_all(&vec![b' '; 1 << 20]).unwrap();
        w.finish().unwrap().into_inner()
    };
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(one)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let parts = MAX_WORKBOOK_UNZIPPED_BYTES / (1 << 20) + 1;
    for i in 0..parts {
        w.raw_copy_file_rename(src.by_index(0).unwrap(), format!("xl/part{i}.xml"))
            .unwrap();
    }
    let bomb = w.finish().unwrap().into_inner();
    assert!(bomb.len() < MAX_CATALOG_BYTES);
    let msg = parse_problem(Catalog::from_xlsx("bomb.xlsx", &bomb));
    assert!(msg.contains("unpacks to more than"), "{msg}");
}

/// Regression (fuzz target `catalog_xlsx`, minimized to 36 bytes): a cell
/// naming a shared string the workbook does not have (`<c t="s"><v></v></c>`
/// with no shared strings, or an index past them) panicked in the
/// spreadsheet reader ("index out of bounds"). Fixed by calamine 0.32.
#[test]
fn a_cell_naming_a_missing_shared_string_is_a_parse_problem() {
    for v in ["", "0", "1718", "18446744073709551616", "x"] {
        let sheet = format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>{v}</v></c></row></sheetData></worksheet>"#
        );
        let e = Catalog::from_xlsx("strings.xlsx", &xlsx_container(sheet.as_bytes())).unwrap_err();
        assert!(problem_codes(&e).contains(&"catalog.parse"), "{v:?}: {e}");
        assert!(
            e.problems()[0].message_en.contains("shared string"),
            "{v:?}: {e}"
        );
    }
}

/// Regression (fuzz target `catalog_xlsx`, minimized to 36 bytes:
/// `<sheetData><c r="Ntownip4">`): the spreadsheet reader turns a cell
/// reference into numbers with arithmetic that overflows past a sheet's
/// bounds ("attempt to multiply with overflow" in debug builds, a wrong cell
/// in release builds). References beyond A1..XFD1048576 are refused first.
#[test]
fn a_cell_reference_beyond_a_sheet_is_a_parse_problem() {
    let sheet = |body: &str| {
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{body}</worksheet>"#
        )
    };
    for (body, r) in [
        (r#"<sheetData><c r="Ntownip4">"#, "Ntownip4"),
        (
            r#"<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>"#,
            "XFE1",
        ),
        (
            r#"<sheetData><row r="1"><c r="A1048577"><v>1</v></c></row></sheetData>"#,
            "A1048577",
        ),
        (
            r#"<sheetData><row r="1"><c r="A0"><v>1</v></c></row></sheetData>"#,
            "A0",
        ),
        (
            r#"<sheetData><row r="10000000000"><c><v>1</v></c></row></sheetData>"#,
            "10000000000",
        ),
        (r#"<dimension ref="B2:A1"/><sheetData/>"#, "B2:A1"),
        (r#"<dimension ref="A1:ZZZZ1"/><sheetData/>"#, "A1:ZZZZ1"),
    ] {
        let book = xlsx_container(sheet(body).as_bytes());
        let msg = parse_problem(Catalog::from_xlsx("refs.xlsx", &book));
        assert!(msg.contains(&format!("cell reference {r:?}")), "{msg}");
    }
    // The last cell of a sheet is a cell.
    let book = xlsx_container(
        sheet(r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#)
            .as_bytes(),
    );
    let e = Catalog::from_xlsx("edge.xlsx", &book).unwrap_err();
    assert!(
        e.problems()
            .iter()
            .all(|p| !p.message_en.contains("cell reference")),
        "{e}"
    );
}

/// Regression guard: calamine subtracts a merged range's start from its
/// end unchecked (an overflow panic in debug builds). A `<mergeCell>` that
/// ends before it starts, or reaches beyond a sheet, is refused before the
/// workbook is read, by the officials'-sheet import and the tabular loader
/// alike; a range over a whole column fills only the rows the sheet has.
#[test]
fn merged_ranges_backwards_or_beyond_a_sheet_are_parse_problems() {
    let sheet = |merge: &str| {
        let cell =
            |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{}{}{}{}</row><row r="2">{}{}{}{}</row></sheetData><mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells></worksheet>"#,
            cell("A1", "序号"),
            cell("B1", "事项名称"),
            cell("C1", "主体责任单位"),
            cell("D1", "领域"),
            cell("A2", "1"),
            cell("B2", "违法占用土地查处"),
            cell("C2", "县自然资源局"),
            cell("D2", "自然资源"),
        )
    };
    let options = ImportOptions::new(d(2025, 7, 1)).units(UnitSource::Catalog(Catalog::sample()));
    for r in ["B5:A1", "A1:XFE1", "A2:A1048577", "D2:C3"] {
        let book = xlsx_container(sheet(r).as_bytes());
        let e = Catalog::import_sheet("merged.xlsx", &book, &options).unwrap_err();
        assert_eq!(problem_codes(&e), ["catalog.parse"], "{r}");
        assert!(
            e.problems()[0].message_en.contains(&format!("{r:?}")),
            "{e}"
        );
        let msg = parse_problem(Catalog::from_xlsx("merged.xlsx", &book));
        assert!(msg.contains(&format!("cell reference {r:?}")), "{msg}");
    }
    let book = xlsx_container(sheet("D2:D1048576").as_bytes());
    let got = Catalog::import_sheet("merged.xlsx", &book, &options).unwrap();
    assert_eq!(got.catalog.latest().len(), 1);
    assert_eq!(
        got.catalog.latest().matter("M001").unwrap().domain,
        "natural_resources"
    );
}

/// A sheet of thousands of names no unit has, and a phrase of thousands of
/// parts, cost time in proportion to their size: the closest names are
/// looked for within a budget (later problems come without them), and duty
/// phrases are searched by their first character.
#[test]
fn a_big_sheet_of_unknown_names_and_long_phrases_is_read_in_bounded_time() {
    let mut csv = String::from("序号,领域,事项名称,主体责任单位,配合责任单位,配合责任内容\n");
    for i in 1..=2_500 {
        let phrase = "巡查、上报、文书送达、".repeat(if i == 1 { 2_000 } else { 1 });
        csv.push_str(&format!(
            "{i},自然资源,事项{i},未知单位{i},各乡镇,{phrase}\n"
        ));
    }
    let options = ImportOptions::new(d(2025, 7, 1)).units(UnitSource::Catalog(Catalog::sample()));
    let e = Catalog::import_sheet("big.csv", csv.as_bytes(), &options).unwrap_err();
    let p = e.problems();
    assert_eq!(p.len(), 2_500);
    assert!(p.iter().all(|p| p.code.code() == "catalog.unknown_unit"));
    assert!(p[0].message_en.contains("closest"));
    assert!(!p[2_499].message_en.contains("closest"), "{}", p[2_499]);
    assert_eq!(p[2_499].field, "D2501");
}

/// A misspelt stage in a matter's `sla` is reported, not dropped (found
/// reading the input of a fuzz finding: `"sla": {"r.ply": "5wd"}` loaded
/// as the standard reply limit).
#[test]
fn a_misspelt_sla_stage_is_reported() {
    let json = small_json().replacen(r#""arrival": "1h""#, r#""arival": "1h""#, 1);
    assert_ne!(json, small_json());
    let e = Catalog::from_json("small.json", &json).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(p.code.code(), "catalog.invalid_value");
    assert!(p.field.ends_with("sla.arival"), "{}", p.field);
}

/// Regression: a 700-byte ODS file with one cell repeated two billion times
/// made the spreadsheet reader fill memory until the process was killed.
/// Only XLSX is read; XLS, XLSB and ODS are refused with a typed problem.
#[test]
fn workbooks_other_than_xlsx_are_refused() {
    let content = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="list"><table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="2000000000"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content),
    ]);
    let msg = parse_problem(Catalog::from_xlsx("bomb.ods", &ods));
    assert!(msg.contains("only XLSX"), "{msg}");
    // An XLS (BIFF, in a compound file) by its signature.
    let xls = [
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
        &[0; 504],
    ]
    .concat();
    let msg = parse_problem(Catalog::from_xlsx("old.xls", &xls));
    assert!(msg.contains("XLS (Excel 97-2003)"), "{msg}");
    // The test workbook still reads.
    assert_eq!(
        Catalog::from_xlsx("small.xlsx", &small_xlsx())
            .unwrap()
            .data()
            .id,
        "T-2025"
    );
}

#[test]
fn calendar_ranges_are_bounded() {
    // Documented: at most 400 covered years, within years 1 to 9999.
    // Regression: the span of `i32::MIN..=i32::MAX` overflowed (a panic in
    // debug builds) before the check could refuse it.
    for years in [
        2000..=2000 + MAX_CALENDAR_YEARS,
        0..=10,
        9990..=10_000,
        i32::MIN..=i32::MAX,
        1..=i32::MAX,
        i32::MIN..=1,
    ] {
        let e = Calendar::builder("x").years(years).build().unwrap_err();
        assert_eq!(e.code(), "calendar.bad_data");
    }
    let mut cal = Calendar::china();
    let before = fingerprint(&cal);
    // A year past 9999, and a run of notices reaching past 400 years.
    let far = "+10000-01-01\tholiday\tx\tx\n";
    assert_eq!(
        cal.extend_from_tsv(far, "far.tsv").unwrap_err().code(),
        "calendar.not_contiguous"
    );
    let long: String = (2027..=2404)
        .map(|y| format!("{y}-01-01\tholiday\tNew Year\t元旦\n"))
        .collect();
    match cal.extend_from_tsv(&long, "long.tsv").unwrap_err() {
        CalendarError::BadData { field, message, .. } => {
            assert_eq!(field, "years");
            assert!(message.contains("at most 400 years"), "{message}");
        }
        e => panic!("{e}"),
    }
    assert_eq!(fingerprint(&cal), before);
}

// ----- the ends of the supported range: 2004-01-01 to 2026-12-31 -----

#[test]
fn dates_at_the_ends_of_the_embedded_calendar() {
    let cal = Calendar::china();
    assert_eq!(cal.years(), 2004..=2026);
    assert_eq!(cal.is_working_day(d(2004, 1, 1)), Ok(false)); // New Year's Day
    assert_eq!(cal.is_working_day(d(2004, 1, 2)), Ok(true));
    assert_eq!(cal.is_working_day(d(2026, 12, 31)), Ok(true));
    for (day, year) in [(d(2027, 1, 1), 2027), (d(2003, 12, 31), 2003)] {
        assert_eq!(
            cal.is_working_day(day),
            Err(CalendarError::NotCovered { year })
        );
        assert_eq!(
            cal.day_kind(day).unwrap_err().code(),
            "calendar.not_covered"
        );
    }
    // Arithmetic reaching past either end is NotCovered, never a guess.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 30), 1),
        Ok(d(2026, 12, 31))
    );
    assert_eq!(
        cal.add_working_days(d(2026, 12, 31), 1),
        Err(CalendarError::NotCovered { year: 2027 })
    );
    assert_eq!(
        cal.add_working_days(d(2004, 1, 2), -1),
        Err(CalendarError::NotCovered { year: 2003 })
    );
    assert_eq!(
        cal.working_days_between(d(2004, 1, 1), d(2027, 1, 1)),
        Err(CalendarError::NotCovered { year: 2027 })
    );
    let all = cal
        .working_days_between(d(2004, 1, 1), d(2026, 12, 31))
        .unwrap();
    assert!((5500..6000).contains(&all), "{all}");
    assert_eq!(
        cal.special_days(2027).unwrap_err(),
        CalendarError::NotCovered { year: 2027 }
    );
}

#[test]
fn deadlines_at_the_ends_of_the_embedded_calendar() {
    let cal = Calendar::china()
        .with_schedule("08:30-12:00,14:00-17:30".parse().unwrap())
        .unwrap();
    let late = t("2026-12-31T16:00:00+08:00");
    for limit in [
        Limit::WorkingDays(1),
        Limit::WorkingDays(3),
        Limit::WorkingHours(2),
    ] {
        assert_eq!(
            cal.deadline(late, &limit).unwrap_err(),
            CalendarError::NotCovered { year: 2027 },
            "{limit}"
        );
    }
    // Documented: natural minutes, hours and days need no calendar.
    let due = cal.deadline(late, &Limit::Days(1)).unwrap().due();
    assert_eq!(due, t("2027-01-02T00:00:00+08:00"));
    let due = cal.deadline(late, &Limit::Hours(9)).unwrap().due();
    assert_eq!(due, t("2027-01-01T01:00:00+08:00"));
    // The last working hours of the range count; one more is not covered.
    assert_eq!(
        cal.add_working_time(late, Duration::minutes(90)).unwrap(),
        t("2026-12-31T17:30:00+08:00")
    );
    assert_eq!(
        cal.add_working_time(late, Duration::minutes(91))
            .unwrap_err()
            .code(),
        "calendar.not_covered"
    );
    let early = t("2004-01-01T00:00:00+08:00");
    assert_eq!(
        cal.deadline(early, &Limit::WorkingDays(1)).unwrap().due(),
        t("2004-01-03T00:00:00+08:00") // Friday 01-02 is the first working day
    );
    assert_eq!(
        cal.add_working_time(early, Duration::minutes(-1))
            .unwrap_err()
            .code(),
        "calendar.not_covered"
    );
}

// ----- instants far in the past and the future -----

fn far_instants() -> Vec<DateTime<FixedOffset>> {
    let west = FixedOffset::west_opt(5 * 3600).unwrap();
    vec![
        t("0001-01-01T00:00:00+00:00"),
        t("0000-01-01T00:00:00+23:59"),
        t("9999-12-31T23:59:59-23:59"),
        DateTime::<Utc>::MIN_UTC.fixed_offset(),
        DateTime::<Utc>::MAX_UTC.fixed_offset(),
        DateTime::<Utc>::MIN_UTC.with_timezone(&china()),
        DateTime::<Utc>::MAX_UTC.with_timezone(&china()),
        DateTime::<Utc>::MIN_UTC.with_timezone(&west),
        DateTime::<Utc>::MAX_UTC.with_timezone(&west),
    ]
}

/// Every instant the library hands back can be written (chrono panics
/// writing one whose wall-clock time lies beyond its range).
fn written(t: DateTime<FixedOffset>) -> String {
    let s = t.to_rfc3339();
    let _ = huying::to_china(t).to_rfc3339();
    s
}

const FAR_CODES: [&str; 2] = ["calendar.not_covered", "calendar.out_of_range"];

#[test]
fn far_instants_in_deadlines_and_working_time() {
    let cal = Calendar::china()
        .with_schedule("08:30-12:00,14:00-17:30".parse().unwrap())
        .unwrap();
    for at in far_instants() {
        for limit in [
            Limit::Minutes(30),
            Limit::Hours(3),
            Limit::Days(3),
            Limit::WorkingDays(3),
            Limit::WorkingHours(4),
            Limit::Days(MAX_LIMIT_AMOUNT),
        ] {
            for policy in [DayEnd::Midnight, DayEnd::CloseOfBusiness] {
                match cal.deadline_with(at, &limit, policy) {
                    Ok(deadline) => {
                        // Documented: natural limits count without the calendar.
                        assert!(!limit.is_working_time());
                        assert!(deadline.due() > at);
                        written(deadline.due());
                        written(deadline.start());
                        let _ = deadline.explain(huying::Lang::Zh);
                        let _ = deadline.to_string();
                    }
                    Err(e) => assert!(FAR_CODES.contains(&e.code()), "{at:?} {limit}: {e}"),
                }
                if let Err(e) = cal.due_epoch_secs(at.timestamp(), &limit, policy) {
                    assert!(FAR_CODES.contains(&e.code()), "{e}");
                }
            }
            match SlaClock::start(&cal, limit, at) {
                Ok(mut c) => {
                    written(c.started());
                    if let Ok(due) = c.due() {
                        written(due);
                    }
                    let _ = c.status(at).map(|s| written(s.due));
                    let _ = c.pause(at, "x");
                    let _ = c.resume(at);
                    let _ = c.stop(at);
                }
                Err(e) => assert!(FAR_CODES.contains(&e.code()), "{at:?} {limit}: {e}"),
            }
        }
        for r in [
            cal.add_working_time(at, Duration::hours(1)).map(written),
            cal.working_time_between(at, at).map(|_| String::new()),
            cal.is_working_time(at).map(|_| String::new()),
        ] {
            assert!(FAR_CODES.contains(&r.unwrap_err().code()));
        }
        let e = cal
            .add_working_time_epoch_secs(at.timestamp(), 60)
            .unwrap_err();
        assert!(FAR_CODES.contains(&e.code()), "{e}");
    }
    for secs in [i64::MIN, i64::MAX] {
        assert_eq!(
            cal.due_epoch_secs(secs, &Limit::Minutes(1), DayEnd::Midnight)
                .unwrap_err()
                .code(),
            "calendar.out_of_range"
        );
    }
}

/// Regression: an instant within hours of chrono's last one was taken, then
/// handed back in China time, where chrono cannot write it ("Local time out
/// of range for `NaiveDateTime`" panics when it is shown or serialized).
#[test]
fn instants_at_the_ends_of_chronos_range_are_out_of_range() {
    let cal = Calendar::china();
    let max = DateTime::<Utc>::MAX_UTC.fixed_offset();
    let e = SlaClock::start(&cal, Limit::Minutes(30), max).unwrap_err();
    assert_eq!(e.code(), "calendar.out_of_range");
    let e = Call::raise(&cal, &CallPolicy::new("U008"), &raised(max)).unwrap_err();
    assert_eq!(e.code(), "calendar.out_of_range");
    let _ = e.to_string();
    // An instant a caller made at an offset where it cannot be written is
    // refused before it is kept, compared or shown.
    let west = DateTime::<Utc>::MIN_UTC.with_timezone(&FixedOffset::west_opt(5 * 3600).unwrap());
    let mut call = Call::raise(
        &cal,
        &CallPolicy::new("U008"),
        &raised(t("2025-06-03T09:00:00+08:00")),
    )
    .unwrap();
    let before = call.clone();
    let e = call.apply(&dispatched(west)).unwrap_err();
    assert_eq!(e.code(), "calendar.out_of_range");
    let _ = e.to_string();
    assert_eq!(call, before);
    assert_eq!(call.at(west).unwrap_err().code(), "calendar.out_of_range");
    assert_eq!(
        call.next_wakeup(max).unwrap_err().code(),
        "calendar.out_of_range"
    );
    // The list says when no list was in force, in UTC if need be.
    let e = Catalog::sample().as_of(&west).unwrap_err();
    assert_eq!(e.code(), "catalog.before_list");
    assert!(e.to_string().contains("-262143"), "{e}");
    // An event holding such an instant is written in UTC, never a panic.
    let line = raised(DateTime::<Utc>::MAX_UTC.with_timezone(&china())).to_json_line();
    assert!(
        line.contains("\"at\":\"+262142-12-31T23:59:59.999999999Z\""),
        "{line}"
    );
}

#[test]
fn calls_far_from_the_calendar() {
    let cal = Calendar::china();
    let p = CallPolicy::new("U008");
    for at in far_instants() {
        match Call::raise(&cal, &p, &raised(at)) {
            Ok(mut call) => {
                // Documented: the dispatch limit (30 minutes) is natural time,
                // so a call is raised at any instant in range; the reply clock
                // counts working days, so a dispatch outside 2004–2026 is
                // taken (it happened) with the reply clock pending the
                // calendar, naming the year it needs.
                assert_eq!(written(call.raised_at()), at.to_rfc3339());
                let view = call.at(at).unwrap();
                written(view.now);
                for c in &view.countdowns {
                    if let Some(due) = c.due {
                        written(due);
                    }
                    written(c.started);
                }
                call.apply(&dispatched(at)).unwrap();
                let year = call.pending_calendar().expect("the reply waits for a year");
                assert!(!(2004..=2026).contains(&year), "{at:?}: {year}");
                let view = call.at(at).unwrap();
                assert_eq!(view.pending_calendar, Some(year));
                let reply = view
                    .countdowns
                    .iter()
                    .find(|c| c.stage == Stage::Reply)
                    .unwrap();
                assert_eq!((reply.due, reply.light), (None, Light::Grey));
                let line = log::write(&[raised(at), dispatched(at)]);
                assert_eq!(Call::replay(&cal, &p, &line).unwrap(), call);
            }
            Err(e) => assert!(FAR_CODES.contains(&e.code()), "{at:?}: {e}"),
        }
        let _ = Catalog::sample().as_of(&at).map(|e| e.id().to_string());
        let _ = Catalog::sample().resolve("M001", "U068", &at);
    }
    // Year 1 and year 9999 are kept as given.
    let call = Call::raise(&cal, &p, &raised(t("0001-01-01T00:00:00+00:00"))).unwrap();
    assert_eq!(call.raised_at().to_rfc3339(), "0001-01-01T00:00:00+00:00");
    assert!(Call::raise(&cal, &p, &raised(t("9999-12-31T23:59:59+08:00"))).is_ok());
}

// ----- events: duplicate ids, out of order, a log cut off -----

fn example_lines() -> Vec<&'static str> {
    log::EXAMPLE.lines().collect()
}

#[test]
fn a_repeated_event_id_is_refused_by_the_log_readers() {
    let cal = Calendar::china();
    let p = CallPolicy::new("U008");
    let lines = example_lines();
    // Line 2 (E2, acknowledged) delivered twice.
    let twice = [&lines[..2], &lines[1..]].concat().join("\n");
    let e = Call::replay(&cal, &p, &twice).unwrap_err();
    assert_eq!(e.code(), "call.duplicate_event");
    assert_eq!(
        e,
        CallError::DuplicateEvent {
            line: 3,
            id: "E2".into(),
            first: 2
        }
    );
    assert_eq!(log::read(&twice).unwrap_err(), e);
    // Another event reusing an id is refused too.
    let reused = log::EXAMPLE.replace("\"id\":\"E5\"", "\"id\":\"E3\"");
    assert_eq!(
        log::read(&reused).unwrap_err(),
        CallError::DuplicateEvent {
            line: 5,
            id: "E3".into(),
            first: 3
        }
    );
    // Events without ids are not compared.
    let anonymous: String = log::EXAMPLE
        .lines()
        .map(|l| {
            format!(
                "{}\n",
                l.replacen(&format!(",\"id\":\"{}\"", id_of(l)), "", 1)
            )
        })
        .collect();
    assert_eq!(
        Call::replay(&cal, &p, &anonymous).unwrap(),
        Call::replay(&cal, &p, log::EXAMPLE).unwrap()
    );
    // Documented: apply and from_events do not look at ids (the platform
    // drops a repeat by id). The state machine refuses most repeats itself.
    let events = log::read(log::EXAMPLE).unwrap();
    let mut call = Call::from_events(&cal, &p, &events[..2]).unwrap();
    let before = call.clone();
    assert_eq!(
        call.apply(&events[1]).unwrap_err().code(),
        "call.invalid_transition"
    );
    assert_eq!(call, before);
}

fn id_of(line: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn events_out_of_order_are_refused_at_their_line() {
    let cal = Calendar::china();
    let p = CallPolicy::new("U008");
    let lines = example_lines();
    let at_line = |text: &str| match Call::replay(&cal, &p, text).unwrap_err() {
        CallError::AtLine { line, source } => (line, source.code()),
        e => panic!("{e:?}"),
    };
    // Arrived (line 5) before signed (line 4): a department arrives after
    // signing for the call.
    let mut swapped = lines.clone();
    swapped.swap(3, 4);
    assert_eq!(at_line(&swapped.join("\n")), (4, "call.invalid_transition"));
    // An event stamped before the previous one.
    let back = log::EXAMPLE.replace("2025-06-03T11:40:00+08:00", "2025-06-03T09:20:00+08:00");
    assert_eq!(at_line(&back), (5, "call.time_backwards"));
    // The first event must be the raising.
    assert_eq!(at_line(&lines[1..].join("\n")), (1, "call.not_raised"));
    // An event of another call.
    let other = [lines[0], &lines[1].replace("C2025-0001", "C2025-0002")].join("\n");
    assert_eq!(at_line(&other), (2, "call.wrong_call"));
    // A live call refusing an event out of order is unchanged.
    let events = log::read(log::EXAMPLE).unwrap();
    let mut call = Call::from_events(&cal, &p, &events[..5]).unwrap();
    let before = call.clone();
    assert_eq!(
        call.apply(&Event {
            at: events[2].at,
            ..events[5].clone()
        })
        .unwrap_err()
        .code(),
        "call.time_backwards"
    );
    assert_eq!(call, before);
}

#[test]
fn a_log_cut_off_mid_line_names_the_line_and_keeps_what_came_before() {
    let cal = Calendar::china();
    let p = CallPolicy::new("U008");
    let whole = log::EXAMPLE.trim_end();
    let last_line_start = whole.rfind('\n').unwrap() + 1;
    let seven = Call::replay(&cal, &p, &whole[..last_line_start]).unwrap();
    assert_eq!(seven.event_count(), 7);
    // Cut at every byte of the last line (lossily, as bytes off a disk).
    for cut in last_line_start + 1..whole.len() {
        let text = lossy(&whole.as_bytes()[..cut]);
        match Call::replay(&cal, &p, &text).unwrap_err() {
            CallError::BadEvent { line, .. } => assert_eq!(line, 8),
            e => panic!("cut at {cut}: {e:?}"),
        }
        assert_eq!(
            log::read(&text).unwrap_err().code(),
            "call.bad_event",
            "cut at {cut}"
        );
        // The complete lines before the cut replay as they were.
        let complete = &text[..text.rfind('\n').unwrap() + 1];
        assert_eq!(Call::replay(&cal, &p, complete).unwrap(), seven);
    }
    // Cut inside a Chinese character (line 6): still a typed error.
    let six = whole.find("已责令").unwrap() + 1;
    let text = lossy(&whole.as_bytes()[..six]);
    match log::read(&text).unwrap_err() {
        CallError::BadEvent { line, .. } => assert_eq!(line, 6),
        e => panic!("{e:?}"),
    }
    // Documented: a log without its final newline is complete.
    assert_eq!(Call::replay(&cal, &p, whole).unwrap().event_count(), 8);
}

#[test]
fn a_calendar_that_fails_to_extend_is_unchanged() {
    let mut cal = Calendar::china()
        .with_schedule("08:30-12:00,14:00-17:30".parse().unwrap())
        .unwrap();
    let before = fingerprint(&cal);
    // Good rows, then a bad one.
    let tsv = "2027-01-01\tholiday\tNew Year\t元旦\n2027-02-30\tholiday\tx\tx\n";
    assert_eq!(
        cal.extend_from_tsv(tsv, "2027.tsv").unwrap_err(),
        CalendarError::BadData {
            source_name: "2027.tsv".into(),
            line: 2,
            field: "date".into(),
            message: "\"2027-02-30\" is not a date: expected YYYY-MM-DD".into()
        }
    );
    // A year that would leave a gap.
    let e = cal
        .extend_from_tsv("2029-01-01\tholiday\tNew Year\t元旦\n", "2029.tsv")
        .unwrap_err();
    assert_eq!(
        e,
        CalendarError::NotContiguous {
            year: 2027,
            covered: "2004-2026".into()
        }
    );
    // A date listed twice.
    let twice = "2027-01-01\tholiday\ta\ta\n2027-01-01\tworkday\tb\tb\n";
    assert_eq!(
        cal.extend_from_tsv(twice, "x.tsv").unwrap_err().code(),
        "calendar.bad_data"
    );
    let json = r#"[{"date":"2027-01-01","kind":"holiday"},{"date":"2027-01-01","kind":"rest"}]"#;
    assert_eq!(
        cal.extend_from_json(json, "x.json").unwrap_err().code(),
        "calendar.bad_data"
    );
    assert_eq!(fingerprint(&cal), before);
    assert!(cal.schedule().is_some());
    // And a good file after all that extends it, keeping the schedule.
    cal.extend_from_tsv("2027-01-01\tholiday\tNew Year\t元旦\n", "2027.tsv")
        .unwrap();
    assert_eq!(cal.years(), 2004..=2027);
    assert!(cal.schedule().is_some());
}

#[test]
fn a_list_that_fails_to_load_leaves_the_one_in_use() {
    let in_use = Catalog::from_json("small.json", &small_json()).unwrap();
    let broken = small_json()[..100].to_string();
    assert!(Catalog::from_json("small.json", &broken).is_err());
    assert_eq!(in_use.data().id, "T-2025");
    assert!(!in_use.latest().is_empty());
}

// ----- arbitrary text never panics a parser -----

fn cal_2025() -> &'static Calendar {
    static CAL: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CAL.get_or_init(Calendar::china)
}

proptest! {
    #[test]
    fn small_parsers_never_panic(s in "\\PC{0,40}", b in proptest::collection::vec(any::<u8>(), 0..40)) {
        for text in [s.clone(), lossy(&b)] {
            if let Err(e) = text.parse::<Limit>() {
                prop_assert_eq!(e.code(), "limit.parse");
            }
            let _ = text.parse::<Timetable>();
            let _ = text.parse::<Schedule>();
            let _ = text.parse::<huying::hours::MonthDay>();
            let _ = text.parse::<huying::call::Mark>();
            let _ = text.parse::<huying::call::Role>();
            let _ = text.parse::<huying::call::EventType>();
            let _ = text.parse::<huying::calendar::OverrideKind>();
            let _ = text.parse::<huying::catalog::Holder>();
            let _ = text.parse::<huying::catalog::DutyKind>();
            if let Err(e) = Event::from_json_line(&text) {
                prop_assert_eq!(e.code(), "call.bad_event");
            }
        }
    }

    #[test]
    fn calendar_loaders_never_panic_and_change_nothing_on_error(
        rows in proptest::collection::vec(
            ("(20[0-3][0-9]|\\PC{0,4})-[01][0-9]-[0-3][0-9]", "holiday|workday|rest|\\PC{0,3}", "\\PC{0,6}"),
            0..6,
        ),
        junk in "\\PC{0,30}",
    ) {
        let tsv: String = rows
            .iter()
            .map(|(date, kind, name)| format!("{date}\t{kind}\t{name}\t{name}\n"))
            .chain([junk.clone()])
            .collect();
        let json = serde_json::to_string(
            &rows
                .iter()
                .map(|(date, kind, name)| serde_json::json!({"date": date, "kind": kind, "name": name}))
                .collect::<Vec<_>>(),
        )
        .unwrap();
        for (text, is_tsv) in [(tsv, true), (json, false), (junk, true), (String::new(), false)] {
            let mut cal = cal_2025().clone();
            let before = cal.years();
            let r = if is_tsv {
                cal.extend_from_tsv(&text, "p.tsv")
            } else {
                cal.extend_from_json(&text, "p.json")
            };
            if r.is_err() {
                prop_assert_eq!(cal.years(), before);
            } else {
                prop_assert!(cal.years().contains(&2004) && cal.years().contains(&2026));
            }
        }
    }

    #[test]
    fn call_logs_never_panic_and_name_the_line(
        keep in proptest::collection::vec(any::<bool>(), 8),
        cut in 0usize..2000,
        junk in "\\PC{0,20}",
    ) {
        let cal = cal_2025();
        let p = CallPolicy::new("U008");
        let kept: Vec<&str> = log::EXAMPLE
            .lines()
            .zip(&keep)
            .filter_map(|(l, k)| k.then_some(l))
            .collect();
        let mut text = kept.join("\n");
        let cut = cut.min(text.len());
        text = lossy(&text.as_bytes()[..cut]);
        text.push_str(&junk);
        let lines = text.lines().count();
        match Call::replay(cal, &p, &text) {
            Ok(call) => prop_assert!(call.event_count() <= lines),
            Err(CallError::BadEvent { line, .. } | CallError::AtLine { line, .. }) => {
                prop_assert!(line >= 1 && line <= lines);
            }
            Err(e) => prop_assert!(["call.empty", "call.duplicate_event"].contains(&e.code()), "{e:?}"),
        }
        let _ = log::read(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn catalog_loaders_never_panic(
        text in "\\PC{0,200}",
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
        edits in proptest::collection::vec((0usize..4000, any::<u8>()), 0..8),
    ) {
        for r in [
            Catalog::from_json("p.json", &text),
            Catalog::from_json("p.json", &lossy(&bytes)),
            Catalog::from_xlsx("p.xlsx", &bytes),
            Catalog::from_csv(&TabularFiles {
                list: ("list.csv", &text),
                units: ("units.csv", &text),
                matters: ("matters.csv", &text),
                revisions: Some(("revisions.csv", &text)),
            }),
        ] {
            if let Err(e) = r {
                prop_assert!(e.problems().iter().all(|p| p.code.code().starts_with("catalog.")));
            }
        }
        // The test list, with a few bytes changed.
        let mut json = small_json().into_bytes();
        let mut book = small_xlsx();
        for &(at, byte) in &edits {
            if let Some(b) = json.get_mut(at) {
                *b = byte;
            }
            if let Some(b) = book.get_mut(at) {
                *b = byte;
            }
        }
        let _ = Catalog::from_json("p.json", &lossy(&json));
        let _ = Catalog::from_xlsx("p.xlsx", &book);
    }
}
