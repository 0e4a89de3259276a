//! Calendar, office hours, limits, deadlines and clocks: table tests for the
//! worked examples, a day-by-day check of the whole embedded calendar, and
//! property tests for the arithmetic's invariants.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Weekday};
use huying::Lang;
use huying::calendar::{Calendar, CalendarError, DayKind, Festival};
use huying::hours::Schedule;
use huying::sla::{ClockError, ClockPhase, DayEnd, Limit, SlaClock};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn lunch() -> Calendar {
    Calendar::china()
        .with_schedule("08:30-12:00,14:00-17:30".parse().unwrap())
        .unwrap()
}

// ---------------------------------------------------------------- the data

/// Every date of 2004–2026 against the rows of the data file, read here
/// independently of the library's reader.
#[test]
fn every_date_matches_the_official_data() {
    let text = include_str!("../../calendar-data/data/cn-holidays.tsv");
    let mut rows = std::collections::HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("date\t"))
    {
        let f: Vec<&str> = line.split('\t').collect();
        rows.insert(
            NaiveDate::parse_from_str(f[0], "%Y-%m-%d").unwrap(),
            (f[1].to_string(), f[2].to_string(), f[3].to_string()),
        );
    }
    assert_eq!(rows.len(), 766);
    let cal = Calendar::china();
    let mut checked = 0;
    let mut working = 0;
    for date in d(2004, 1, 1).iter_days().take_while(|x| x.year() <= 2026) {
        let kind = cal.day_kind(date).unwrap();
        match rows.get(&date) {
            Some((k, en, zh)) if k == "holiday" => {
                assert_eq!(
                    kind,
                    DayKind::Holiday {
                        festival: Festival::new(zh.clone(), en.clone())
                    },
                    "{date}"
                );
            }
            Some((k, en, zh)) => {
                assert_eq!(k, "workday");
                assert!(
                    matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                    "{date}"
                );
                assert_eq!(
                    kind,
                    DayKind::WorkingDayInLieu {
                        festival: Festival::new(zh.clone(), en.clone())
                    },
                    "{date}"
                );
            }
            None if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) => {
                assert_eq!(kind, DayKind::Weekend, "{date}")
            }
            None => assert_eq!(kind, DayKind::WorkingDay, "{date}"),
        }
        assert_eq!(cal.is_working_day(date).unwrap(), kind.is_working());
        working += usize::from(kind.is_working());
        checked += 1;
    }
    assert_eq!(checked, 8401);
    // The running counts agree with the per-day kinds.
    assert_eq!(
        cal.working_days_between(d(2003 + 1, 1, 1), d(2026, 12, 31))
            .unwrap(),
        working as i64 - i64::from(cal.is_working_day(d(2004, 1, 1)).unwrap())
    );
}

#[test]
fn years_outside_the_data_are_errors_never_guesses() {
    let cal = Calendar::china();
    let nc = |year| CalendarError::NotCovered { year };
    assert_eq!(cal.is_working_day(d(2027, 1, 4)), Err(nc(2027)));
    assert_eq!(cal.is_working_day(d(2003, 12, 31)), Err(nc(2003)));
    assert_eq!(cal.day_kind(d(2027, 1, 4)), Err(nc(2027)));
    assert_eq!(cal.add_working_days(d(2026, 12, 30), 3), Err(nc(2027)));
    assert_eq!(cal.add_working_days(d(2004, 1, 2), -3), Err(nc(2003)));
    assert_eq!(
        cal.working_days_between(d(2026, 12, 1), d(2027, 1, 5)),
        Err(nc(2027))
    );
    assert_eq!(cal.next_working_day(d(2026, 12, 31)), Err(nc(2027)));
    assert_eq!(cal.special_days(2027), Err(nc(2027)));
    let late = t("2026-12-30T10:00:00+08:00");
    assert_eq!(
        cal.deadline(late, &Limit::WorkingDays(3)).unwrap_err(),
        nc(2027)
    );
    assert_eq!(
        lunch()
            .add_working_time(late, Duration::hours(40))
            .unwrap_err(),
        nc(2027)
    );
    // Natural-time limits need no calendar data.
    assert_eq!(
        cal.deadline(t("2030-01-01T10:00:00+08:00"), &Limit::Minutes(30))
            .unwrap()
            .due(),
        t("2030-01-01T10:30:00+08:00")
    );
}

// ---------------------------------------------------- worked examples (DOMAIN §3)

#[test]
fn worked_examples_of_the_domain_brief() {
    let cal = Calendar::china();
    let cases = [
        // (received, limit, due as written)
        ("2025-09-26T16:00:00+08:00", "3wd", "2025-09-30 24:00"),
        ("2025-09-29T10:00:00+08:00", "3wd", "2025-10-10 24:00"),
        ("2025-09-26T16:00:00+08:00", "3个工作日", "2025-09-30 24:00"),
        ("2025-09-26T16:00:00+08:00", "30m", "2025-09-26 16:30"),
        ("2025-09-26T16:00:00+08:00", "3h", "2025-09-26 19:00"),
        ("2025-09-30T22:00:00+08:00", "3小时", "2025-10-01 01:00"),
        ("2025-09-26T16:00:00+08:00", "3d", "2025-09-29 24:00"),
        // Spring Festival 2025: 01-26 (Sun) and 02-08 (Sat) are working days in lieu.
        ("2025-01-24T09:00:00+08:00", "1wd", "2025-01-26 24:00"),
        ("2025-01-27T09:00:00+08:00", "1wd", "2025-02-05 24:00"),
        ("2025-02-07T09:00:00+08:00", "1wd", "2025-02-08 24:00"),
        // Received on a holiday: counting starts the next working day.
        ("2025-10-03T11:00:00+08:00", "3wd", "2025-10-11 24:00"),
        // Received at 00:00: that day is still the day of receipt.
        ("2025-09-29T00:00:00+08:00", "1wd", "2025-09-30 24:00"),
        // Another offset: 2025-09-26 08:00Z is 16:00 in China.
        ("2025-09-26T08:00:00Z", "3wd", "2025-09-30 24:00"),
    ];
    for (start, limit, due) in cases {
        let dl = cal.deadline(t(start), &limit.parse().unwrap()).unwrap();
        assert_eq!(dl.due_text(), due, "{start} + {limit}");
        assert_eq!(dl.to_string(), due);
        assert_eq!(dl.due().offset().local_minus_utc(), 8 * 3600);
    }
}

#[test]
fn working_hours_deadlines_skip_breaks_nights_and_holidays() {
    let cal = lunch();
    let cases = [
        (
            "2025-06-03T10:00:00+08:00",
            "4wh",
            "2025-06-03T16:00:00+08:00",
        ),
        (
            "2025-06-03T08:00:00+08:00",
            "4wh",
            "2025-06-03T14:30:00+08:00",
        ),
        (
            "2025-06-03T12:30:00+08:00",
            "1wh",
            "2025-06-03T15:00:00+08:00",
        ),
        (
            "2025-06-03T17:00:00+08:00",
            "1wh",
            "2025-06-04T09:00:00+08:00",
        ),
        (
            "2025-09-30T16:00:00+08:00",
            "4wh",
            "2025-10-09T11:00:00+08:00",
        ),
        // Ends exactly at the lunch break: the earliest instant is 12:00, not 14:00.
        (
            "2025-06-03T08:30:00+08:00",
            "4个工作时",
            "2025-06-03T14:30:00+08:00",
        ),
        (
            "2025-06-03T09:00:00+08:00",
            "3wh",
            "2025-06-03T12:00:00+08:00",
        ),
        // Friday afternoon into Saturday 09-28? No: 2025-09-27 is a weekend, 09-28 works.
        (
            "2025-09-26T17:00:00+08:00",
            "1wh",
            "2025-09-28T09:00:00+08:00",
        ),
    ];
    for (start, limit, due) in cases {
        let dl = cal.deadline(t(start), &limit.parse().unwrap()).unwrap();
        assert_eq!(dl.due(), t(due), "{start} + {limit}");
    }
    assert_eq!(
        Calendar::china()
            .deadline(t("2025-06-03T10:00:00+08:00"), &Limit::WorkingHours(4))
            .unwrap_err(),
        CalendarError::NoSchedule
    );
}

#[test]
fn close_of_business_policy_ends_day_limits_at_closing_time() {
    let cal = lunch();
    let start = t("2025-09-29T10:00:00+08:00");
    let dl = cal
        .deadline_with(start, &Limit::WorkingDays(3), DayEnd::CloseOfBusiness)
        .unwrap();
    assert_eq!(dl.due(), t("2025-10-10T17:30:00+08:00"));
    assert_eq!(dl.due_text(), "2025-10-10 17:30");
    assert!(
        dl.explain(Lang::En)
            .contains("close of business of working day 3")
    );
    // Without a schedule the policy cannot be applied.
    assert_eq!(
        Calendar::china()
            .deadline_with(start, &Limit::WorkingDays(3), DayEnd::CloseOfBusiness)
            .unwrap_err(),
        CalendarError::NoSchedule
    );
}

#[test]
fn explanations_name_every_day_counted_and_skipped() {
    let cal = Calendar::china();
    let dl = cal
        .deadline(t("2025-09-29T10:00:00+08:00"), &Limit::WorkingDays(3))
        .unwrap();
    let en = dl.explain(Lang::En);
    let expected_en = "Limit: 3 working days; from 2025-09-29 10:00 (Mon).
The day of receipt is not counted; counting starts the next day, skips statutory holidays and rest days, and ends at 24:00 of working day 3.
  2025-09-30 Tue  working day 1
  2025-10-01 Wed  skipped: National Day — statutory holiday
  2025-10-02 Thu  skipped: National Day — statutory holiday
  2025-10-03 Fri  skipped: National Day — statutory holiday
  2025-10-04 Sat  skipped: National Day — statutory holiday
  2025-10-05 Sun  skipped: National Day — statutory holiday
  2025-10-06 Mon  skipped: Mid-autumn Festival — statutory holiday
  2025-10-07 Tue  skipped: National Day — statutory holiday
  2025-10-08 Wed  skipped: National Day — statutory holiday
  2025-10-09 Thu  working day 2
  2025-10-10 Fri  working day 3
Due: 2025-10-10 24:00 (end of working day 3)
";
    assert_eq!(en, expected_en);
    let zh = dl.explain(Lang::Zh);
    assert!(zh.starts_with("时限：3个工作日；起算：2025-09-29 10:00（星期一）。"));
    assert!(zh.contains("  2025-10-01 星期三 不计：国庆节 法定节假日\n"));
    assert!(zh.contains("  2025-10-10 星期五 计第3个工作日\n"));
    assert!(zh.ends_with("截止：2025-10-10 24:00（第3个工作日结束）\n"));

    let friday = cal
        .deadline(t("2025-09-26T16:00:00+08:00"), &Limit::WorkingDays(3))
        .unwrap();
    assert!(
        friday
            .explain(Lang::En)
            .contains("  2025-09-27 Sat  skipped: weekend\n")
    );
    assert!(
        friday
            .explain(Lang::Zh)
            .contains("  2025-09-28 星期日 计第1个工作日 (国庆节 调休上班)\n")
    );

    let wh = lunch()
        .deadline(t("2025-09-30T16:00:00+08:00"), &Limit::WorkingHours(4))
        .unwrap();
    let text = wh.explain(Lang::En);
    assert!(
        text.contains("  2025-09-30 Tue  counted 1 h 30 min\n"),
        "{text}"
    );
    assert!(
        text.contains("  2025-10-09 Thu  counted 2 h 30 min\n"),
        "{text}"
    );
    assert!(text.ends_with("Due: 2025-10-09 11:00\n"));

    let days = cal
        .deadline(t("2025-09-29T10:00:00+08:00"), &Limit::Days(2))
        .unwrap()
        .explain(Lang::En);
    assert!(days.contains("  2025-09-30 Tue  day 1\n  2025-10-01 Wed  day 2 (National Day — statutory holiday)\nDue: 2025-10-01 24:00\n"), "{days}");

    let natural = cal
        .deadline(t("2025-09-26T16:00:00+08:00"), &Limit::Minutes(30))
        .unwrap();
    assert_eq!(
        natural.explain(Lang::Zh),
        "时限：30分钟；起算：2025-09-26 16:00（星期五）。\n按自然时间连续计算。\n截止：2025-09-26 16:30\n"
    );
}

// ------------------------------------------------------------ custom calendars

#[test]
fn a_new_year_can_be_loaded_at_run_time() {
    let mut cal = Calendar::china();
    let tsv = "date\tkind\tname\tname_zh\n\
               2027-01-01\tholiday\tNew Year's Day\t元旦\n\
               2027-02-06\tholiday\tSpring Festival\t春节\n\
               2027-02-20\tworkday\tSpring Festival\t春节\n";
    cal.extend_from_tsv(tsv, "notice-2027.tsv").unwrap();
    assert_eq!(cal.years(), 2004..=2027);
    assert!(!cal.is_working_day(d(2027, 1, 1)).unwrap());
    assert!(cal.is_working_day(d(2027, 2, 20)).unwrap());
    assert!(cal.is_working_day(d(2027, 1, 4)).unwrap());
    // Arithmetic crosses the old boundary.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 31), 1).unwrap(),
        d(2027, 1, 4)
    );
    // The shared China calendar is untouched.
    assert!(Calendar::china().is_working_day(d(2027, 1, 4)).is_err());
    // A gap is refused, and the calendar is unchanged.
    let err = cal
        .extend_from_json(r#"[{"date":"2029-01-01","kind":"holiday"}]"#, "2029.json")
        .unwrap_err();
    assert_eq!(err.code(), "calendar.not_contiguous");
    assert_eq!(cal.years(), 2004..=2027);
}

#[test]
fn reloading_a_year_replaces_it_whole() {
    let mut cal = Calendar::china();
    cal.extend_from_json(
        r#"[{"date":"2026-03-02","kind":"rest","name":"County day","name_zh":"县庆"}]"#,
        "fix.json",
    )
    .unwrap();
    assert_eq!(
        cal.day_kind(d(2026, 3, 2)).unwrap().code(),
        "local_rest_day"
    );
    // The other 2026 rows were replaced: 2026-01-01 is a plain weekday now.
    assert_eq!(cal.day_kind(d(2026, 1, 1)).unwrap(), DayKind::WorkingDay);
}

#[test]
fn bad_calendar_data_names_the_line_and_field() {
    let mut cal = Calendar::china();
    let cases = [
        (
            "date\tkind\tname\tname_zh\n2027-01-01\tholiday\tx\ty\n2027-13-01\tholiday\tx\ty\n",
            3,
            "date",
        ),
        ("2027-01-01\tfeast\tx\ty\n", 1, "kind"),
        (
            "2027-01-01\tholiday\tx\ty\n2027-01-01\tworkday\tx\ty\n",
            2,
            "date",
        ),
    ];
    for (text, line, field) in cases {
        match cal.extend_from_tsv(text, "bad.tsv").unwrap_err() {
            CalendarError::BadData {
                source_name,
                line: l,
                field: f,
                message,
            } => {
                assert_eq!(
                    (source_name.as_str(), l, f.as_str()),
                    ("bad.tsv", line, field),
                    "{message}"
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let err = cal
        .extend_from_json(
            "[{\"date\": \"2027-01-01\",\n \"kind\": \"party\"}]",
            "x.json",
        )
        .unwrap_err();
    assert_eq!(err.code(), "calendar.bad_data");
    assert!(err.to_string().starts_with("x.json:2:"), "{err}");
    assert_eq!(
        cal.extend_from_tsv("", "empty.tsv").unwrap_err().code(),
        "calendar.bad_data"
    );
    assert_eq!(cal.years(), 2004..=2026);
}

#[test]
fn a_calendar_of_ones_own() {
    let cal = Calendar::builder("six-day county")
        .weekly([true, true, true, true, true, true, false])
        .years(2030..=2031)
        .holiday(d(2030, 1, 1), Festival::new("元旦", "New Year's Day"))
        .rest_day(d(2030, 1, 3), Festival::new("县庆", "County day"))
        .build()
        .unwrap();
    assert!(cal.is_working_day(d(2030, 1, 5)).unwrap()); // Saturday
    assert!(!cal.is_working_day(d(2030, 1, 6)).unwrap()); // Sunday
    assert_eq!(
        cal.add_working_days(d(2029 + 1, 1, 1), 2).unwrap(),
        d(2030, 1, 4)
    );
    assert_eq!(
        Calendar::builder("x")
            .years(2030..=2030)
            .holiday(d(2031, 1, 1), Festival::new("元旦", "New Year"))
            .build()
            .unwrap_err()
            .code(),
        "calendar.bad_data"
    );
}

// --------------------------------------------------------------------- hours

#[test]
fn seasonal_timetables_and_short_days() {
    let schedule = Schedule::from_json(
        r#"{"default": "08:30-12:00,14:00-17:00",
            "seasons": [{"name": "summer", "from": "05-01", "to": "09-30", "hours": "08:30-12:00,14:30-17:30"}],
            "overrides": {"2025-12-31": "08:30-12:00"}}"#,
    )
    .unwrap();
    let cal = Calendar::china().with_schedule(schedule).unwrap();
    let close = |date| cal.business_hours(date).unwrap().map(|(_, c)| c);
    assert_eq!(close(d(2025, 7, 1)), Some(t("2025-07-01T17:30:00+08:00")));
    assert_eq!(close(d(2025, 11, 3)), Some(t("2025-11-03T17:00:00+08:00")));
    assert_eq!(close(d(2025, 12, 31)), Some(t("2025-12-31T12:00:00+08:00")));
    assert_eq!(close(d(2025, 10, 1)), None);
    // The short day carries 3.5 h; the next working day is 2026-01-04 (a Sunday in lieu).
    assert_eq!(
        cal.add_working_time(t("2025-12-31T11:00:00+08:00"), Duration::hours(2))
            .unwrap(),
        t("2026-01-04T09:30:00+08:00")
    );
    assert_eq!(
        cal.working_time_between(
            t("2025-07-01T08:00:00+08:00"),
            t("2025-07-01T20:00:00+08:00")
        )
        .unwrap(),
        Duration::hours(6) + Duration::minutes(30)
    );
    assert!(Schedule::from_json(r#"{"default": "08:30-12:00", "bogus": 1}"#).is_err());
    assert!("12:00-08:00".parse::<Schedule>().is_err());
    assert!("08:00-12:00,11:00-13:00".parse::<Schedule>().is_err());
    assert!("08:00-24:30".parse::<Schedule>().is_err());
}

// -------------------------------------------------------------------- limits

#[test]
fn limits_parse_and_display_in_both_languages() {
    let cases = [
        ("30m", Limit::Minutes(30), "30m", "30分钟", "30 minutes"),
        ("30分钟", Limit::Minutes(30), "30m", "30分钟", "30 minutes"),
        ("3h", Limit::Hours(3), "3h", "3小时", "3 hours"),
        ("3 小时", Limit::Hours(3), "3h", "3小时", "3 hours"),
        ("1h", Limit::Hours(1), "1h", "1小时", "1 hour"),
        (
            "3wd",
            Limit::WorkingDays(3),
            "3wd",
            "3个工作日",
            "3 working days",
        ),
        (
            "3个工作日",
            Limit::WorkingDays(3),
            "3wd",
            "3个工作日",
            "3 working days",
        ),
        (
            "3 working days",
            Limit::WorkingDays(3),
            "3wd",
            "3个工作日",
            "3 working days",
        ),
        (
            "4wh",
            Limit::WorkingHours(4),
            "4wh",
            "4个工作时",
            "4 working hours",
        ),
        (
            "4个工作时",
            Limit::WorkingHours(4),
            "4wh",
            "4个工作时",
            "4 working hours",
        ),
        (
            "4个工作小时",
            Limit::WorkingHours(4),
            "4wh",
            "4个工作时",
            "4 working hours",
        ),
        ("2d", Limit::Days(2), "2d", "2天", "2 days"),
        ("2天", Limit::Days(2), "2d", "2天", "2 days"),
    ];
    for (text, limit, short, zh, en) in cases {
        let parsed: Limit = text.parse().unwrap();
        assert_eq!(parsed, limit, "{text}");
        assert_eq!(parsed.to_string(), short);
        assert_eq!(parsed.display(Lang::Zh), zh);
        assert_eq!(parsed.display(Lang::En), en);
        assert_eq!(zh.parse::<Limit>().unwrap(), limit);
        assert_eq!(
            serde_json::to_string(&limit).unwrap(),
            format!("\"{short}\"")
        );
    }
    for bad in [
        "",
        "wd",
        "3",
        "3 weeks",
        "0m",
        "-3h",
        "3.5h",
        "99999999999wd",
        "100001m",
        "三个工作日",
    ] {
        let err = bad.parse::<Limit>().unwrap_err();
        assert_eq!(err.code(), "limit.parse");
        assert!(
            err.to_string()
                .contains("expected a whole number and a unit"),
            "{bad}: {err}"
        );
    }
}

// --------------------------------------------------------------------- clocks

#[test]
fn a_clock_pauses_extends_and_gives_one_verdict() {
    let cal = Calendar::china();
    let mut c =
        SlaClock::start(&cal, Limit::WorkingDays(3), t("2025-09-26T16:00:00+08:00")).unwrap();
    assert_eq!(c.due().unwrap(), t("2025-10-01T00:00:00+08:00"));
    // A pause over the weekend day costs nothing; a pause on a working day moves the due time.
    c.pause(t("2025-09-27T09:00:00+08:00"), "等待检测").unwrap();
    c.resume(t("2025-09-27T18:00:00+08:00")).unwrap();
    assert_eq!(c.due().unwrap(), t("2025-10-01T00:00:00+08:00"));
    c.pause(t("2025-09-29T10:00:00+08:00"), "等待检测").unwrap();
    // While paused, the due time seen at `now` keeps moving.
    assert_eq!(
        c.due_at(t("2025-09-29T12:00:00+08:00")).unwrap(),
        t("2025-10-09T02:00:00+08:00")
    );
    let s = c.status(t("2025-09-29T12:00:00+08:00")).unwrap();
    assert!(s.paused);
    assert_eq!(s.elapsed, Duration::hours(24 + 10));
    c.resume(t("2025-09-29T11:00:00+08:00")).unwrap();
    // One hour paused on a working day: the due time moves one hour past the holiday.
    assert_eq!(c.due().unwrap(), t("2025-10-09T01:00:00+08:00"));
    assert_eq!(c.pauses().len(), 2);
    c.extend(Limit::WorkingDays(1)).unwrap();
    assert_eq!(c.due().unwrap(), t("2025-10-10T01:00:00+08:00"));
    assert_eq!(
        c.extend(Limit::Hours(1)).unwrap_err().code(),
        "clock.unit_mismatch"
    );
    assert_eq!(
        c.resume(t("2025-09-30T09:00:00+08:00")).unwrap_err(),
        ClockError::BadState {
            op: "resume",
            state: "running"
        }
    );
    let s = c.status(t("2025-10-05T09:00:00+08:00")).unwrap();
    assert_eq!(s.phase, ClockPhase::OnTrack);
    // Counted: Sun 09-28, Mon 09-29 less the hour paused, Tue 09-30 = 71 h of 96 h.
    assert_eq!(s.remaining, Duration::hours(25));
    c.stop(t("2025-10-10T00:30:00+08:00")).unwrap();
    let s = c.status(t("2025-10-20T00:00:00+08:00")).unwrap();
    assert_eq!(s.phase, ClockPhase::Met);
    assert_eq!(
        c.stop(t("2025-10-21T00:00:00+08:00")).unwrap_err().code(),
        "clock.bad_state"
    );
    assert_eq!(
        c.status(t("2025-10-01T00:00:00+08:00")).unwrap_err().code(),
        "clock.time_backwards"
    );
}

#[test]
fn a_reply_on_a_holiday_after_the_deadline_is_late() {
    // Due 2025-09-30 24:00; a reply on 10-01 (a holiday) is after the due instant.
    let mut c = SlaClock::start(
        &Calendar::china(),
        Limit::WorkingDays(3),
        t("2025-09-26T16:00:00+08:00"),
    )
    .unwrap();
    assert_eq!(
        c.status(t("2025-09-30T23:00:00+08:00")).unwrap().phase,
        ClockPhase::Warning
    );
    assert_eq!(
        c.status(t("2025-10-01T10:00:00+08:00")).unwrap().phase,
        ClockPhase::Breached
    );
    c.stop(t("2025-10-01T10:00:00+08:00")).unwrap();
    let s = c.status(t("2025-10-02T00:00:00+08:00")).unwrap();
    assert_eq!(s.phase, ClockPhase::Missed);
    assert_eq!(s.overrun, Duration::hours(10));
}

// ------------------------------------------------------------------ properties

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..8401).prop_map(|k| d(2004, 1, 1) + Duration::days(k))
}

fn any_instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..(8300 * 86400)).prop_map(|s| t("2004-01-01T00:00:00+08:00") + Duration::seconds(s))
}

/// Day by day: the obvious, slow definition.
fn slow_add(cal: &Calendar, date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let step = if n >= 0 { 1 } else { -1 };
    let mut left = n.abs();
    let mut cur = date;
    while left > 0 {
        cur = cur.checked_add_signed(Duration::days(step))?;
        if cal.is_working_day(cur).ok()? {
            left -= 1;
        }
    }
    Some(cur)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn add_working_days_agrees_with_counting_day_by_day(date in any_date(), n in -40i64..40) {
        let cal = Calendar::china();
        prop_assert_eq!(cal.add_working_days(date, n).ok(), slow_add(&cal, date, n));
    }

    #[test]
    fn adding_then_counting_gives_n_back(date in any_date(), n in 0i64..300) {
        let cal = Calendar::china();
        if let Ok(r) = cal.add_working_days(date, n) {
            prop_assert_eq!(cal.working_days_between(date, r).unwrap(), n);
            prop_assert!(n == 0 || cal.is_working_day(r).unwrap());
        }
    }

    #[test]
    fn counting_is_antisymmetric_and_additive(a in any_date(), b in any_date(), c in any_date()) {
        let cal = Calendar::china();
        let w = |x, y| cal.working_days_between(x, y).unwrap();
        prop_assert_eq!(w(a, b), -w(b, a));
        prop_assert_eq!(w(a, b) + w(b, c), w(a, c));
    }

    #[test]
    fn results_are_monotone_in_the_start(a in any_date(), gap in 0i64..30, n in 1i64..20) {
        let cal = Calendar::china();
        let b = a + Duration::days(gap);
        if let (Ok(ra), Ok(rb)) = (cal.add_working_days(a, n), cal.add_working_days(b, n)) {
            prop_assert!(ra <= rb);
        }
    }

    #[test]
    fn deadlines_are_never_before_their_start_and_monotone(
        s in any_instant(), gap in 0i64..(5 * 86400), which in 0usize..6, n in 1u32..10
    ) {
        let cal = lunch();
        let limit = [Limit::Minutes(n * 10), Limit::Hours(n), Limit::Days(n), Limit::WorkingDays(n), Limit::WorkingHours(n), Limit::WorkingDays(n)][which];
        let policy = if which == 5 { DayEnd::CloseOfBusiness } else { DayEnd::Midnight };
        let s2 = s + Duration::seconds(gap);
        if let (Ok(a), Ok(b)) = (cal.deadline_with(s, &limit, policy), cal.deadline_with(s2, &limit, policy)) {
            prop_assert!(a.due() > s);
            prop_assert!(a.due() <= b.due());
        }
    }

    #[test]
    fn working_time_add_and_between_are_inverse(s in any_instant(), mins in 0i64..(60 * 40)) {
        let cal = lunch();
        if let Ok(due) = cal.add_working_time(s, Duration::minutes(mins)) {
            prop_assert!(due >= s);
            prop_assert_eq!(cal.working_time_between(s, due).unwrap(), Duration::minutes(mins));
            // Nothing earlier would do.
            if mins > 0 {
                let before = due - Duration::seconds(1);
                prop_assert!(cal.working_time_between(s, before).unwrap() < Duration::minutes(mins));
            }
        }
    }

    #[test]
    fn pausing_moves_the_due_time_by_the_paused_amount(
        s in any_instant(), pause_at in 0i64..(3 * 86400), pause_len in 1i64..(2 * 86400), which in 0usize..4
    ) {
        let cal = lunch();
        let limit = [Limit::Hours(3), Limit::WorkingDays(3), Limit::WorkingHours(4), Limit::Minutes(30)][which];
        let Ok(mut c) = SlaClock::start(&cal, limit, s) else { return Ok(()) };
        let before = c.due().unwrap();
        let p = s + Duration::seconds(pause_at);
        let r = p + Duration::seconds(pause_len);
        if c.pause(p, "test").is_err() || c.resume(r).is_err() {
            return Ok(());
        }
        let after = c.due().unwrap();
        prop_assert!(after >= before);
        match limit {
            // Natural time: exactly the pause.
            Limit::Hours(_) | Limit::Minutes(_) => prop_assert_eq!(after - before, Duration::seconds(pause_len)),
            // Working hours: exactly the working time paused, measured on the calendar.
            Limit::WorkingHours(_) => {
                let paused = cal.working_time_between(p.max(s), r).unwrap();
                prop_assert_eq!(cal.working_time_between(before, after).unwrap(), paused);
            }
            _ => {}
        }
    }
}

#[test]
fn an_sla_clock_counts_whole_seconds() {
    let mut c = SlaClock::start(
        &Calendar::china(),
        Limit::Minutes(30),
        t("2025-06-03T10:00:00.700+08:00"),
    )
    .unwrap();
    assert_eq!(c.started(), t("2025-06-03T10:00:00+08:00"));
    assert_eq!(c.due().unwrap(), t("2025-06-03T10:30:00+08:00"));
    // Within the due second: met.
    c.stop(t("2025-06-03T10:30:00.900+08:00")).unwrap();
    assert_eq!(c.stopped(), Some(t("2025-06-03T10:30:00+08:00")));
    let s = c.status(t("2025-06-03T11:00:00+08:00")).unwrap();
    assert_eq!(s.phase, ClockPhase::Met);
}
