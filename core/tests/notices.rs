//! The State Council's holiday notices, 2004–2026, read from their published
//! texts (`tests/data/notices/`, provenance in its README) and compared day by
//! day with the embedded calendar; then malformed notices, each refused at its
//! line and column, and the loading routes (a calendar, a file, TSV/JSON).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use huying::calendar::{Calendar, CalendarError, DayKind, Notice, OverrideKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/notices")
}

struct Fixture {
    name: String,
    text: String,
    notice: Notice,
}

/// Every fixture, read, in the order they apply: by year, a year's notice
/// before the separate notices that changed it.
fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let notice = Notice::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            out.push(Fixture { name, text, notice });
        }
    }
    out.sort_by_key(|f| (f.notice.year(), f.notice.is_amendment(), f.name.clone()));
    out
}

/// The notice year that owns a row of the embedded data: December's New
/// Year's Day rows belong to the next year's notice.
fn owner(date: NaiveDate, festival_zh: &str) -> i32 {
    if date.month() == 12 && festival_zh == "元旦" {
        date.year() + 1
    } else {
        date.year()
    }
}

type Rows = BTreeMap<NaiveDate, (OverrideKind, String)>;

fn rows_of(cal: &Calendar) -> Rows {
    let mut out = BTreeMap::new();
    for year in cal.years() {
        for (date, kind) in cal.special_days(year).unwrap() {
            let k = match kind {
                DayKind::Holiday { .. } => OverrideKind::Holiday,
                DayKind::WorkingDayInLieu { .. } => OverrideKind::Workday,
                _ => continue,
            };
            out.insert(date, (k, kind.festival().unwrap().name_zh.clone()));
        }
    }
    out
}

/// A label from a notice matches the data's when it is the same festival, or
/// one of the festivals of a line naming several (中秋节、国庆节): the data
/// names each day of such a span by one of them.
fn same_festival(notice: &str, data: &str) -> bool {
    notice.split('、').any(|x| x == data)
}

#[test]
fn every_annual_notice_2004_to_2026_and_the_separate_ones_are_there() {
    let all = fixtures();
    for year in 2004..=2026 {
        assert!(
            all.iter()
                .any(|f| f.notice.year() == year && !f.notice.is_amendment()),
            "no notice for {year}"
        );
    }
    let separate: Vec<(i32, &str)> = all
        .iter()
        .filter(|f| f.notice.is_amendment())
        .map(|f| (f.notice.year(), f.name.as_str()))
        .collect();
    assert_eq!(
        separate,
        [
            (2015, "2015-victory-day"),
            (2019, "2019-labour-day-change"),
            (2020, "2020-spring-extension")
        ]
    );
}

#[test]
fn each_notice_gives_exactly_the_embedded_days_it_owns() {
    let china = Calendar::china();
    let data = rows_of(&china);
    let all = fixtures();
    let mut report = Vec::new();
    let mut compared = 0;
    for f in all.iter().filter(|f| !f.notice.is_amendment()) {
        let year = f.notice.year();
        assert_eq!(f.name, year.to_string());
        let dated = f.text.trim_end().ends_with('日') && !f.text.trim_end().ends_with("上班。");
        assert_eq!(
            f.notice.issued().is_some(),
            dated,
            "{}: date of issue",
            f.name
        );
        // The days a later notice of the same year changed are that notice's.
        let amended: BTreeMap<NaiveDate, _> = all
            .iter()
            .filter(|a| a.notice.is_amendment() && a.notice.year() == year)
            .flat_map(|a| a.notice.resolve(&china).unwrap())
            .map(|r| (r.date, (r.kind, r.festival.name_zh)))
            .collect();
        let got: Rows = f
            .notice
            .days()
            .into_iter()
            .map(|r| (r.date, (r.kind, r.festival.name_zh)))
            .filter(|(date, _)| !amended.contains_key(date))
            .collect();
        let want: Rows = data
            .iter()
            .filter(|(date, (_, fest))| owner(**date, fest) == year && !amended.contains_key(date))
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        for (date, (kind, fest)) in &got {
            compared += 1;
            match want.get(date) {
                Some((k, f)) if k == kind && same_festival(fest, f) => {}
                other => report.push(format!(
                    "{year}: {date} notice {kind:?} {fest}, data {other:?}"
                )),
            }
        }
        for (date, v) in &want {
            if !got.contains_key(date) {
                report.push(format!("{year}: {date} data {v:?}, not in the notice"));
            }
        }
        // And each separate notice's days are the data's.
        for (date, (kind, fest)) in &amended {
            match data.get(date) {
                Some((k, f)) if k == kind && same_festival(fest, f) => {}
                other => report.push(format!(
                    "{year} (separate): {date} {kind:?} {fest}, data {other:?}"
                )),
            }
        }
    }
    assert!(
        report.is_empty(),
        "{} differences:\n{}",
        report.len(),
        report.join("\n")
    );
    assert!(compared > 700, "only {compared} days compared");
}

#[test]
fn a_calendar_built_from_the_notices_alone_is_the_embedded_calendar_on_every_day() {
    let mut cal = Calendar::builder("from the notices")
        .years(2004..=2004)
        .build()
        .unwrap();
    for f in fixtures() {
        cal.extend_from_notice(&f.text)
            .unwrap_or_else(|e| panic!("{}: {e}", f.name));
    }
    let china = Calendar::china();
    assert_eq!(cal.years(), china.years());
    let mut days = 0;
    let mut working = 0;
    for date in d(2004, 1, 1).iter_days().take_while(|x| x.year() <= 2026) {
        let (a, b) = (cal.day_kind(date).unwrap(), china.day_kind(date).unwrap());
        assert_eq!(a.code(), b.code(), "{date}: {a:?} vs {b:?}");
        if let (Some(fa), Some(fb)) = (a.festival(), b.festival()) {
            assert!(
                same_festival(&fa.name_zh, &fb.name_zh),
                "{date}: {fa:?} vs {fb:?}"
            );
        }
        days += 1;
        working += usize::from(a.is_working());
    }
    assert_eq!(days, 8401);
    // 2004-01-01 was a holiday: the working days of (01-01, 2026-12-31] are all of them.
    assert_eq!(
        working as i64,
        china
            .working_days_between(d(2004, 1, 1), d(2026, 12, 31))
            .unwrap()
    );
}

/// The notices as ASCII and as full-width punctuation read alike: the
/// fixtures' copies have ASCII commas, colons and brackets; the notices as
/// published use the full-width forms.
#[test]
fn full_width_and_ascii_punctuation_read_alike() {
    for f in fixtures() {
        let wide: String = f
            .text
            .chars()
            .map(|c| match c {
                ',' => '，',
                ':' => '：',
                '(' => '（',
                ')' => '）',
                ';' => '；',
                '0'..='9' if f.notice.year() == 2011 => {
                    char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()
                }
                c => c,
            })
            .collect();
        let narrow: String = f
            .text
            .chars()
            .map(|c| match c {
                '，' => ',',
                '：' => ':',
                '（' => '(',
                '）' => ')',
                '。' => '.',
                c => c,
            })
            .collect();
        for text in [wide, narrow] {
            let n = Notice::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            assert_eq!(n.days(), f.notice.days(), "{}", f.name);
        }
    }
}

fn bad(body: &str) -> CalendarError {
    let text = format!("国务院办公厅关于2026年部分节假日安排的通知\n{body}\n");
    Notice::parse(&text).expect_err(body)
}

fn at(err: &CalendarError) -> (usize, usize, String) {
    match err {
        CalendarError::BadNotice {
            line,
            column,
            message,
            ..
        } => (*line, *column, message.clone()),
        other => panic!("not a notice error: {other:?}"),
    }
}

#[test]
fn a_malformed_notice_is_an_error_at_its_line_and_column() {
    // (body, line, column, words the message must contain)
    let cases: [(&str, usize, usize, &str); 12] = [
        // The stated count is not the span.
        (
            "一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。",
            2,
            6,
            "says 4 days",
        ),
        ("一、元旦：1月1日至3日放假4天。", 2, 6, "says 4 days"),
        // The weekday in brackets is not the date's (the column is the bracket's).
        (
            "二、春节：2月15日（农历腊月二十八、周六）至23日放假调休，共9天。",
            2,
            11,
            "Sunday",
        ),
        (
            "一、元旦：1月1日放假。1月4日（星期六）上班。",
            2,
            17,
            "Saturday",
        ),
        // A working day in lieu on a weekday.
        (
            "一、元旦：1月1日放假。1月5日（星期一）上班。",
            2,
            13,
            "not a weekend day",
        ),
        // A sentence of a festival's line that says nothing readable.
        ("一、元旦：1月1日放假，天气晴朗。", 2, 13, "cannot read"),
        // A date that is not one, and a date of another year.
        ("二、春节：2月30日放假。", 2, 6, "is not a date"),
        (
            "二、春节：2027年2月6日放假。",
            2,
            6,
            "outside the year 2026",
        ),
        // A span that runs backwards.
        ("二、春节：2月23日至15日放假。", 2, 12, "not a span"),
        // A date both a holiday and a working day.
        (
            "二、春节：2月15日至23日放假调休，共9天。2月21日（周六）上班。",
            2,
            1,
            "both a holiday and a working day",
        ),
        // A festival the notices do not know, with no festival in the title.
        ("八、植树节：3月12日放假。", 2, 3, "which festival"),
        // The explanation names a day outside the holidays it explains.
        (
            "一、元旦：1月1日至3日放假，共3天。其中1月4日为法定假日。",
            2,
            22,
            "a holiday of this line",
        ),
    ];
    let mut wrong = Vec::new();
    for (body, line, column, words) in cases {
        let err = bad(body);
        assert_eq!(err.code(), "calendar.bad_notice", "{body}");
        let (l, c, m) = at(&err);
        assert!(m.contains(words), "{body}: {m}");
        if (l, c) != (line, column) {
            wrong.push(format!(
                "{body}: ({l}, {c}) expected ({line}, {column}): {m}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_text_that_is_not_a_notice_says_what_it_lacks() {
    let no_year = Notice::parse("一、元旦：1月1日放假。\n").unwrap_err();
    assert!(at(&no_year).2.contains("which year"), "{no_year}");
    let no_items =
        Notice::parse("国务院办公厅关于2026年部分节假日安排的通知\n节日快乐。\n").unwrap_err();
    assert!(at(&no_items).2.contains("no festival"), "{no_items}");
    let empty = Notice::parse("").unwrap_err();
    assert_eq!(empty.code(), "calendar.bad_notice");
}

/// A made-up notice for 2027, in the published form (the real one was not
/// out when this was written): a holiday span across the weekend, a working
/// day in lieu in December 2026, a lunar aside, several festivals on a line.
const NOTICE_2027: &str = "国务院办公厅关于2027年部分节假日安排的通知\n\
    国办发明电〔2026〕99号\n\
    各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
    经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。\n\
    一、元旦：1月1日（周五）至3日（周日）放假，共3天。2026年12月26日（周六）上班。\n\
    二、春节：2月6日（农历除夕、周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。\n\
    三、中秋节、国庆节：10月1日（周五）至8日（周五）放假调休，共8天。10月9日（周六）上班。\n\
    国务院办公厅\n\
    2026年11月20日\n";

#[test]
fn a_new_year_extends_the_calendar_and_keeps_the_year_before() {
    let mut cal = Calendar::china();
    let before_2026 = rows_of(&cal)
        .into_iter()
        .filter(|(date, _)| date.year() == 2026)
        .collect::<Rows>();
    let notice = cal.extend_from_notice(NOTICE_2027).unwrap();
    assert_eq!(
        (notice.year(), notice.issued()),
        (2027, Some(d(2026, 11, 20)))
    );
    assert_eq!(cal.years(), 2004..=2027);
    assert_eq!(cal.coverage(), d(2004, 1, 1)..=d(2027, 12, 31));
    // The December working day lands in 2026, which keeps all its own days.
    assert!(cal.is_working_day(d(2026, 12, 26)).unwrap());
    let after_2026 = rows_of(&cal)
        .into_iter()
        .filter(|(date, _)| date.year() == 2026 && *date != d(2026, 12, 26))
        .collect::<Rows>();
    assert_eq!(after_2026, before_2026);
    assert!(!cal.is_working_day(d(2027, 2, 8)).unwrap());
    assert!(cal.is_working_day(d(2027, 2, 20)).unwrap());
    // Across the year end: received Thursday 2026-12-31, three working days
    // are Mon 01-04, Tue 01-05, Wed 01-06.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 31), 3).unwrap(),
        d(2027, 1, 6)
    );
    // Loading the same notice again changes nothing.
    let again = {
        let mut c = cal.clone();
        c.extend_from_notice(NOTICE_2027).unwrap();
        rows_of(&c)
    };
    assert_eq!(again, rows_of(&cal));
    // Its TSV and JSON forms load to the same calendar.
    for (form, load) in [
        (
            notice.to_tsv(),
            Calendar::extend_from_tsv as fn(&mut Calendar, &str, &str) -> Result<(), CalendarError>,
        ),
        (notice.to_json(), Calendar::extend_from_json),
    ] {
        let mut c = Calendar::china();
        load(&mut c, &form, "2027").unwrap();
        assert_eq!(rows_of(&c), rows_of(&cal), "{form}");
    }
}

#[test]
fn a_bad_notice_leaves_the_calendar_unchanged() {
    let mut cal = Calendar::china();
    let broken = NOTICE_2027.replace("共8天。2月20日", "共7天。2月20日");
    let err = cal.extend_from_notice(&broken).unwrap_err();
    let (line, _, message) = at(&err);
    assert_eq!(line, 6, "{message}");
    assert_eq!(cal.years(), 2004..=2026);
    assert!(cal.is_working_day(d(2027, 1, 4)).is_err());
    // A year that would leave a gap.
    let far = NOTICE_2027
        .replace("2027年", "2029年")
        .replace("2026年12月26日（周六）上班。", "");
    let err = cal.extend_from_notice(&far).unwrap_err();
    assert_eq!(err.code(), "calendar.bad_notice", "{err}"); // 2029's weekdays differ
    let err = Calendar::china()
        .extend_from_notice(
            "国务院办公厅关于2029年部分节假日安排的通知\n一、元旦：1月1日（周一）放假。\n",
        )
        .unwrap_err();
    assert_eq!(err.code(), "calendar.not_contiguous");
}

#[test]
fn the_separate_notices_change_only_the_days_they_name() {
    let all = fixtures();
    let text = |name: &str| all.iter().find(|f| f.name == name).unwrap().text.clone();
    // 2020 as first announced: Saturday 02-01 was a working day.
    let mut cal = Calendar::china();
    cal.extend_from_notice(&text("2020")).unwrap();
    assert!(cal.is_working_day(d(2020, 2, 1)).unwrap());
    assert!(cal.is_working_day(d(2020, 1, 31)).unwrap());
    // The extension of 2020-01-26: to Sunday 02-02, back to work on Monday 02-03.
    let ext = cal
        .extend_from_notice(&text("2020-spring-extension"))
        .unwrap();
    assert!(ext.is_amendment());
    for day in [d(2020, 1, 31), d(2020, 2, 1), d(2020, 2, 2)] {
        assert!(!cal.is_working_day(day).unwrap(), "{day}");
    }
    assert!(cal.is_working_day(d(2020, 2, 3)).unwrap());
    assert!(cal.is_working_day(d(2020, 1, 19)).unwrap());
    // A separate notice about a year the calendar does not cover.
    let mut short = Calendar::builder("x").years(2004..=2010).build().unwrap();
    let err = short
        .extend_from_notice(&text("2015-victory-day"))
        .unwrap_err();
    assert_eq!(err, CalendarError::NotCovered { year: 2015 });
}

#[test]
fn several_notices_in_one_file_load_in_order() {
    let all = fixtures();
    let text = |name: &str| all.iter().find(|f| f.name == name).unwrap().text.clone();
    let dir = std::env::temp_dir().join(format!("huying-notices-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("2020.txt");
    std::fs::write(
        &path,
        format!("{}\n{}", text("2020"), text("2020-spring-extension")),
    )
    .unwrap();
    let mut cal = Calendar::china();
    cal.extend_from_file(&path).unwrap();
    assert!(!cal.is_working_day(d(2020, 2, 1)).unwrap());
    // A mistake in the second notice names its line in the file.
    let lines_of_first = text("2020").lines().count();
    let broken = text("2020-spring-extension").replace("星期日),2月3日", "星期六),2月3日");
    std::fs::write(&path, format!("{}{}", text("2020"), broken)).unwrap();
    let err = Calendar::china().extend_from_file(&path).unwrap_err();
    let (line, _, message) = at(&err);
    assert_eq!(line, lines_of_first + 5, "{message}");
    assert!(err.to_string().contains("2020.txt"), "{err}");
    // A file that does not exist, and one in TSV.
    let err = Calendar::china()
        .extend_from_file(dir.join("missing.txt"))
        .unwrap_err();
    assert_eq!(err.code(), "calendar.bad_data");
    let tsv = dir.join("2027.tsv");
    std::fs::write(&tsv, Notice::parse(NOTICE_2027).unwrap().to_tsv()).unwrap();
    let cal = Calendar::china_with_file(Some(&tsv)).unwrap();
    assert_eq!(cal.years(), 2004..=2027);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_coverage_warning_comes_within_its_window_and_names_the_year() {
    let cal = Calendar::china();
    assert!(cal.coverage_warning(d(2026, 12, 1), 29).is_none());
    let w = cal.coverage_warning(d(2026, 12, 1), 30).unwrap();
    assert_eq!(
        (w.last, w.days_left, w.year_needed),
        (d(2026, 12, 31), 30, 2027)
    );
    let mut later = cal.clone();
    later.extend_from_notice(NOTICE_2027).unwrap();
    assert!(later.coverage_warning(d(2026, 12, 1), 30).is_none());
    // Every error a missing year causes says which year and how to add it.
    let err = cal.add_working_days(d(2026, 12, 28), 5).unwrap_err();
    assert_eq!(err, CalendarError::NotCovered { year: 2027 });
    let text = err.to_string();
    assert!(
        text.contains("2027") && text.contains("extend_from_notice"),
        "{text}"
    );
}

/// No fact is refused at the year end: a call dispatched on 30 December 2026
/// is taken, its reply clock waits for 2027 (no due time, a grey light, the
/// year named), the department still signs; once 2027's notice is loaded the
/// clock counts, exactly as a call raised after the notice would.
#[test]
fn a_call_at_the_year_end_waits_for_next_years_notice_then_counts() {
    use huying::call::{Actor, Call, CallPolicy, Channel, Event, EventKind, Light};
    use huying::catalog::Stage;
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let policy = CallPolicy::new("U008");
    let mut cal = Calendar::china();
    let raised = Event::new(
        "C1",
        t("2026-12-30T09:00:00+08:00"),
        Actor::township("U068"),
        EventKind::Raised {
            township: "U068".into(),
            matter: "M001".into(),
            channel: Channel::Video,
        },
    );
    let dispatched = Event::new(
        "C1",
        t("2026-12-30T09:10:00+08:00"),
        Actor::command_centre("U008"),
        EventKind::Dispatched {
            department: "U010".into(),
            supporting: vec![],
        },
    );
    let signed = Event::new(
        "C1",
        t("2026-12-31T09:00:00+08:00"),
        Actor::department("U010"),
        EventKind::Signed,
    );
    let mut call = Call::raise(&cal, &policy, &raised).unwrap();
    call.apply(&dispatched).unwrap();
    call.apply(&signed).unwrap();
    assert_eq!(call.pending_calendar(), Some(2027));
    let view = call.at(t("2026-12-31T10:00:00+08:00")).unwrap();
    assert_eq!(view.pending_calendar, Some(2027));
    let reply = |v: &huying::call::CallView| {
        v.countdowns
            .iter()
            .find(|c| c.stage == Stage::Reply)
            .cloned()
            .unwrap()
    };
    let r = reply(&view);
    assert_eq!(
        (r.due, r.light, r.pending_calendar),
        (None, Light::Grey, Some(2027))
    );
    assert_eq!(r.remaining, chrono::Duration::zero());

    cal.extend_from_notice(NOTICE_2027).unwrap();
    call.set_calendar(&cal);
    assert_eq!(call.pending_calendar(), None);
    let r = reply(&call.at(t("2026-12-31T10:00:00+08:00")).unwrap());
    // 31 December, then 4 and 5 January (1-3 January are the holiday).
    assert_eq!(r.due, Some(t("2027-01-06T00:00:00+08:00")));
    assert_eq!((r.light, r.pending_calendar), (Light::Green, None));
    // The same as a call replayed on the extended calendar from the start.
    let fresh = Call::from_events(&cal, &policy, [raised, dispatched, signed]).unwrap();
    assert_eq!(reply(&fresh.at(t("2026-12-31T10:00:00+08:00")).unwrap()), r);
}
