//! Calendar overrides from TSV text, loaded onto the embedded data's last
//! three years: loading never panics; a refused file leaves the calendar as
//! it was; an accepted one still covers those years and answers day
//! arithmetic across its whole range.
#![no_main]

use huying::calendar::Calendar;
use libfuzzer_sys::fuzz_target;

#[path = "../common/calendar_check.rs"]
mod calendar_check;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    calendar_check::extend(|cal: &mut Calendar| cal.extend_from_tsv(&text, "fuzz.tsv"));
});
