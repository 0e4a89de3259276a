//! Responsibility lists in JSON: loading never panics; a list that loads
//! writes and reads back unchanged, in JSON and in the tabular form.
#![no_main]

use huying::catalog::Catalog;
use libfuzzer_sys::fuzz_target;

#[path = "../common/catalog_check.rs"]
mod catalog_check;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    catalog_check::outcome(Catalog::from_json("fuzz.json", &text));
});
