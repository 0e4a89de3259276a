//! The integer fast paths used for batch work (`*_unix`, `*_epoch_secs`)
//! give exactly the answers — or the errors — of the date-time functions,
//! including at and beyond the edges of the covered years.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;

use huying::calendar::Calendar;
use huying::sla::{DayEnd, Limit};

fn office() -> Calendar {
    Calendar::china()
        .with_schedule("08:30-12:00,14:00-17:30".parse().unwrap())
        .unwrap()
}

fn instant(epoch: i64) -> DateTime<FixedOffset> {
    huying::china_offset().timestamp_opt(epoch, 0).unwrap()
}

fn unix_day(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days()
}

/// Epoch seconds from 2003-12-25 to 2027-01-05: the covered years and a
/// little on each side.
fn epochs() -> impl Strategy<Value = i64> {
    1_072_310_400i64..1_799_107_200i64
}

fn limits() -> impl Strategy<Value = Limit> {
    prop_oneof![
        (1u32..200).prop_map(Limit::Minutes),
        (1u32..100).prop_map(Limit::Hours),
        (1u32..40).prop_map(Limit::Days),
        (1u32..40).prop_map(Limit::WorkingDays),
        (1u32..80).prop_map(Limit::WorkingHours),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn add_working_days_unix_agrees(day in 12_410i64..20_830, n in -30i64..30) {
        let cal = Calendar::china();
        let date = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Duration::days(day);
        let slow = cal.add_working_days(date, n).map(unix_day);
        prop_assert_eq!(cal.add_working_days_unix(day, n), slow);
        let wd = cal.working_days_between(date, date + Duration::days(n));
        prop_assert_eq!(cal.working_days_between_unix(day, day + n), wd);
        prop_assert_eq!(cal.is_working_unix_day(day), cal.is_working_day(date));
    }

    #[test]
    fn due_epoch_secs_agrees(epoch in epochs(), limit in limits(), cob in any::<bool>()) {
        let cal = office();
        let policy = if cob { DayEnd::CloseOfBusiness } else { DayEnd::Midnight };
        let slow = cal.due(instant(epoch), &limit, policy).map(|t| t.timestamp());
        prop_assert_eq!(cal.due_epoch_secs(epoch, &limit, policy), slow);
    }

    #[test]
    fn working_time_epoch_secs_agrees(epoch in epochs(), minutes in -6000i64..6000) {
        let cal = office();
        let amount = Duration::minutes(minutes);
        let slow = cal.add_working_time(instant(epoch), amount).map(|t| t.timestamp());
        prop_assert_eq!(cal.add_working_time_epoch_secs(epoch, amount.num_seconds()), slow);
        let other = epoch + minutes * 60;
        let between = cal.working_time_between(instant(epoch), instant(other)).map(|d| d.num_seconds());
        prop_assert_eq!(cal.working_time_between_epoch_secs(epoch, other), between);
    }
}

#[test]
fn edges_of_coverage_and_range() {
    let cal = office();
    let first = unix_day(NaiveDate::from_ymd_opt(2004, 1, 1).unwrap());
    let last = unix_day(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    // The day before coverage: an error from the day functions...
    assert_eq!(
        cal.add_working_days_unix(first - 1, 1).unwrap_err().code(),
        "calendar.not_covered"
    );
    // ...but a day limit received on 2003-12-31 counts from 2004-01-01, as `due` does.
    let eve = 1_072_800_000; // 2003-12-31 00:00 China time
    assert_eq!(
        cal.due_epoch_secs(eve, &Limit::WorkingDays(1), DayEnd::Midnight),
        cal.due(instant(eve), &Limit::WorkingDays(1), DayEnd::Midnight)
            .map(|t| t.timestamp())
    );
    assert!(cal.add_working_days_unix(last, 1).is_err());
    // Midnight after the last covered day is a valid working-time position.
    let end = (last + 1) * 86_400 - 8 * 3600;
    assert_eq!(
        cal.add_working_time_epoch_secs(end, -3600),
        cal.add_working_time(instant(end), Duration::hours(-1))
            .map(|t| t.timestamp())
    );
    assert_eq!(cal.add_working_time_epoch_secs(end, 0), Ok(end));
    for huge in [
        i64::MIN,
        i64::MAX,
        -1_000_000_000_000_001,
        1_000_000_000_000_001,
    ] {
        assert_eq!(
            cal.due_epoch_secs(huge, &Limit::Minutes(1), DayEnd::Midnight)
                .unwrap_err()
                .code(),
            "calendar.out_of_range"
        );
        assert_eq!(
            cal.add_working_time_epoch_secs(huge, 60)
                .unwrap_err()
                .code(),
            "calendar.out_of_range"
        );
        assert!(cal.add_working_days_unix(huge, i64::MAX).is_err());
        assert!(cal.add_working_days_unix(20_000, i64::MIN).is_err());
    }
    assert_eq!(
        cal.add_working_time_epoch_secs(1_750_000_000, i64::MAX)
            .unwrap_err()
            .code(),
        "calendar.out_of_range"
    );
    assert_eq!(
        Calendar::china()
            .add_working_time_epoch_secs(1_750_000_000, 60)
            .unwrap_err()
            .code(),
        "calendar.no_schedule"
    );
}
