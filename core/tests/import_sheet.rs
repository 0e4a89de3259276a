//! The county's own spreadsheet (issue 25): a list in the officials' layout
//! read into a list, with a report of what was understood, and written back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use chrono::NaiveDate;
use huying::catalog::{Catalog, CatalogData, ImportOptions, Matter};

fn first_difference(a: &[&Matter], b: &[&Matter]) -> Option<String> {
    if a.len() != b.len() {
        return Some(format!("{} matters vs {}", a.len(), b.len()));
    }
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return Some(format!("{x:#?}\n-- vs --\n{y:#?}"));
        }
    }
    None
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn scratch() {
    let c = Catalog::sample();
    let book = c.to_xlsx().unwrap();
    let options = ImportOptions::new(c.latest().effective()).id(c.data().id.as_str());
    let again = Catalog::import_sheet("list.xlsx", &book, &options)
        .unwrap()
        .catalog;
    let a: Vec<_> = again.latest().matters().collect();
    let b: Vec<_> = c.latest().matters().collect();
    if let Some(d) = first_difference(&a, &b) {
        panic!("{d}");
    }
    let _ = date("2025-01-01");
    let _: Option<CatalogData> = None;
}
