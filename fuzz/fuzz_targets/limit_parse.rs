//! Limit strings (`30m`, `3个工作日`, …): parsing never panics; a parsed
//! limit is in range, reads back from each of its written forms, and counts
//! a deadline (or refuses to, with an error) from instants at the edges of
//! the calendar.
#![no_main]

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use huying::Lang;
use huying::calendar::Calendar;
use huying::sla::{DayEnd, Limit, MAX_LIMIT_AMOUNT};
use libfuzzer_sys::fuzz_target;

fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| {
        Calendar::china()
            .with_schedule("08:30-12:00,14:00-17:30".parse().expect("timetable"))
            .expect("schedule")
    })
}

fn starts() -> &'static [DateTime<FixedOffset>] {
    static STARTS: OnceLock<Vec<DateTime<FixedOffset>>> = OnceLock::new();
    STARTS.get_or_init(|| {
        [
            "2025-09-26T16:00:00+08:00",
            "2004-01-01T00:00:00+08:00",
            "2026-12-31T23:59:59+08:00",
            "2027-01-01T00:00:00+08:00",
            "0001-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59+00:00",
        ]
        .iter()
        .map(|s| DateTime::parse_from_rfc3339(s).expect("instant"))
        .chain([
            DateTime::<chrono::Utc>::MIN_UTC.fixed_offset(),
            DateTime::<chrono::Utc>::MAX_UTC.fixed_offset(),
        ])
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let limit = match text.parse::<Limit>() {
        Ok(l) => l,
        Err(e) => {
            assert_eq!(e.code(), "limit.parse");
            return;
        }
    };
    assert!((1..=MAX_LIMIT_AMOUNT).contains(&limit.amount()));
    assert_eq!(limit.to_string().parse::<Limit>(), Ok(limit));
    assert_eq!(limit.display(Lang::Zh).parse::<Limit>(), Ok(limit));
    assert_eq!(limit.display(Lang::En).parse::<Limit>(), Ok(limit));
    let cal = calendar();
    for &start in starts() {
        for policy in [DayEnd::Midnight, DayEnd::CloseOfBusiness] {
            if let Ok(d) = cal.deadline_with(start, &limit, policy) {
                assert!(d.due() >= start, "{limit} from {start}: due {}", d.due());
                assert_eq!(cal.due(start, &limit, policy).ok(), Some(d.due()));
                let _ = d.explain(Lang::Zh);
                let _ = d.explain(Lang::En);
            }
            let _ = cal.due_epoch_secs(start.timestamp(), &limit, policy);
        }
    }
});
