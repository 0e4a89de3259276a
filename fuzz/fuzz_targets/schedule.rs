//! Office-hours schedules (a timetable string or JSON with seasons and
//! dated overrides): parsing never panics; a parsed schedule writes and
//! reads back unchanged, compiles against the calendar, and its
//! working-time arithmetic agrees with itself.
#![no_main]

use std::sync::OnceLock;

use chrono::{DateTime, Duration, FixedOffset};
use huying::calendar::Calendar;
use huying::hours::{Schedule, Timetable};
use huying::sla::{DayEnd, Limit};
use libfuzzer_sys::fuzz_target;

fn calendar() -> &'static Calendar {
    // A short calendar keeps compiling a schedule cheap: 2025–2026 as in China.
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| {
        Calendar::china()
            .to_builder()
            .years(2025..=2026)
            .build()
            .expect("calendar")
    })
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("instant")
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(tt) = text.parse::<Timetable>() {
        assert_eq!(tt.to_string().parse::<Timetable>().as_ref(), Ok(&tt));
        assert!((0..=86_400).contains(&tt.working_seconds()));
    }
    let schedule = match text.parse::<Schedule>() {
        Ok(s) => s,
        Err(e) => {
            assert_eq!(e.code(), "calendar.bad_schedule", "{e:?}");
            return;
        }
    };
    let json = serde_json::to_string(&schedule).expect("serialize");
    assert_eq!(Schedule::from_json(&json).as_ref(), Ok(&schedule), "{json}");
    let Ok(cal) = calendar().with_schedule(schedule) else {
        return;
    };
    for start in [
        "2025-06-03T10:00:00+08:00",
        "2025-09-30T16:00:00+08:00",
        "2025-01-01T00:00:00+08:00",
        "2026-12-31T23:59:59+08:00",
    ] {
        let start = t(start);
        let _ = cal.is_working_time(start);
        let _ = cal.business_hours(start.date_naive());
        for amount in [
            Duration::zero(),
            Duration::minutes(1),
            Duration::hours(4),
            Duration::hours(-3),
            Duration::days(40),
        ] {
            if let Ok(due) = cal.add_working_time(start, amount) {
                assert_eq!(
                    cal.working_time_between(start, due),
                    Ok(amount),
                    "{start} + {amount}"
                );
            }
        }
        for limit in [Limit::WorkingHours(4), Limit::WorkingDays(3)] {
            if let Ok(d) = cal.deadline_with(start, &limit, DayEnd::CloseOfBusiness) {
                assert!(d.due() >= start);
                let _ = d.explain(huying::Lang::Zh);
            }
        }
    }
});
