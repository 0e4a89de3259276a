//! The list as officials keep it: whatever `Catalog::import_sheet` is
//! given — a workbook (`PK…`) or any other bytes (read as CSV/TSV text) —
//! it answers with a list and a report, or a typed error, never a panic, an
//! abort or an allocation beyond the limits. Units come from the sample
//! list, so that names in the input can resolve.
//!
//! A list it reads is checked as the other loaders' are
//! (`common/catalog_check.rs`), every warning names a cell of the file it
//! read, and the list written back with `to_xlsx` reads back equal.
#![no_main]

use std::sync::OnceLock;

use chrono::NaiveDate;
use huying::catalog::{Catalog, ImportOptions, UnitSource};
use libfuzzer_sys::fuzz_target;

#[path = "../common/catalog_check.rs"]
mod catalog_check;

fn options() -> &'static ImportOptions {
    static OPTIONS: OnceLock<ImportOptions> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let effective = NaiveDate::from_ymd_opt(2025, 7, 1).expect("a date");
        ImportOptions::new(effective)
            .reference("县编办发〔2025〕12号")
            .units(UnitSource::Catalog(Catalog::sample()))
    })
}

fuzz_target!(|data: &[u8]| {
    let file = if data.starts_with(b"PK") { "fuzz.xlsx" } else { "fuzz.csv" };
    let got = Catalog::import_sheet(file, data, options());
    let imported = match got {
        Ok(i) => i,
        Err(e) => {
            catalog_check::outcome(Err(e));
            return;
        }
    };
    for w in &imported.report.warnings {
        assert!(w.code.code().starts_with("catalog."));
        assert!(w.file.starts_with(file), "{w}");
    }
    let catalog = imported.catalog.clone();
    catalog_check::outcome(Ok(imported.catalog));
    let book = match catalog.to_xlsx() {
        Ok(b) => b,
        Err(e) => {
            assert_eq!(e.code(), "catalog.write", "{e:?}");
            return;
        }
    };
    let again = Catalog::import_sheet("again.xlsx", &book, options())
        .expect("a list written by to_xlsx reads back");
    assert_eq!(again.catalog.data(), catalog.data());
});
