//! Responsibility lists in workbooks: whatever `Catalog::from_xlsx` is
//! given, it answers with a list or a typed error, never a panic, an abort
//! or an allocation beyond the limits.
//!
//! Two kinds of input:
//!
//! - bytes starting with `PK` are given as they are (a whole workbook);
//! - anything else is the XML of a workbook's parts — shared strings, then
//!   the sheets `list`, `units`, `matters`, `revisions`, separated by the
//!   byte 0x1E — that the target packs into a valid XLSX container (stored,
//!   with correct checksums), so that mutations reach the spreadsheet
//!   reader rather than stopping at the zip layer. `fuzz/seed.sh` writes the
//!   test workbook's parts in this form.
#![no_main]

use std::io::{Cursor, Write};

use huying::catalog::Catalog;
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

#[path = "../common/catalog_check.rs"]
mod catalog_check;

const SHEETS: [&str; 4] = ["list", "units", "matters", "revisions"];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet4.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="list" sheetId="1" r:id="rId1"/><sheet name="units" sheetId="2" r:id="rId2"/><sheet name="matters" sheetId="3" r:id="rId3"/><sheet name="revisions" sheetId="4" r:id="rId4"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet4.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// A stored (uncompressed) XLSX container around the given parts.
fn workbook(strings: &[u8], sheets: &[&[u8]]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut put = |name: &str, body: &[u8]| {
        w.start_file(name, opts).expect("zip entry");
        w.write_all(body).expect("zip write");
    };
    put("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    put("_rels/.rels", RELS.as_bytes());
    put("xl/workbook.xml", WORKBOOK.as_bytes());
    put("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    put("xl/sharedStrings.xml", strings);
    for (i, sheet) in sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), sheet);
    }
    w.finish().expect("zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        catalog_check::outcome(Catalog::from_xlsx("fuzz.xlsx", data));
        return;
    }
    let mut parts = data.split(|&b| b == 0x1e);
    let strings = parts.next().unwrap_or_default();
    let sheets: Vec<&[u8]> = SHEETS
        .iter()
        .map(|_| parts.next().unwrap_or_default())
        .collect();
    let book = workbook(strings, &sheets);
    catalog_check::outcome(Catalog::from_xlsx("fuzz.xlsx", &book));
});
