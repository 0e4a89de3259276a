//! Calendar overrides from JSON text: as `calendar_tsv`, through
//! `Calendar::extend_from_json`.
#![no_main]

use huying::calendar::Calendar;
use libfuzzer_sys::fuzz_target;

#[path = "../common/calendar_check.rs"]
mod calendar_check;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    calendar_check::extend(|cal: &mut Calendar| cal.extend_from_json(&text, "fuzz.json"));
});
