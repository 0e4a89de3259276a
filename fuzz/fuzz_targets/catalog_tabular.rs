//! Responsibility lists in the tabular form (CSV or TSV files): loading
//! never panics; a list that loads writes and reads back unchanged.
//!
//! Input: the first byte picks the delimiter (even: `,`, odd: tab); the
//! rest is the files `list`, `units`, `matters` and optionally `revisions`,
//! separated by the byte 0x1E (record separator). `fuzz/seed.sh` writes the
//! project's sample files in this form.
#![no_main]

use huying::catalog::{Catalog, TabularFiles};
use libfuzzer_sys::fuzz_target;

#[path = "../common/catalog_check.rs"]
mod catalog_check;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.split('\u{1e}');
    let list = parts.next().unwrap_or("");
    let units = parts.next().unwrap_or("");
    let matters = parts.next().unwrap_or("");
    let revisions = parts.next();
    let files = TabularFiles {
        list: ("list", list),
        units: ("units", units),
        matters: ("matters", matters),
        revisions: revisions.map(|r| ("revisions", r)),
    };
    let loaded = if mode % 2 == 0 {
        Catalog::from_csv(&files)
    } else {
        Catalog::from_tsv(&files)
    };
    catalog_check::outcome(loaded);
});
