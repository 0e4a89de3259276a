#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]
//! Compliance: hand-computed reports for small logs (a holiday week, a
//! rework, a return, a pause, withdrawn and open calls), bad lines, CSV,
//! the generator, and properties over generated logs.

use chrono::{DateTime, FixedOffset};
use huying::Lang;
use huying::calendar::Calendar;
use huying::call::{Actor, Channel, Event, EventKind, log};
use huying::catalog::{Catalog, Stage};
use huying::compliance::generate::{Generator, GeneratorConfig};
use huying::compliance::{
    Accountable, BadLineKind, CallRecord, Dimension, LogError, OnError, Period, Replay, Report,
    ReportConfig, StageStatus, StatusCounts,
};

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn raised(call: &str, at: &str, town: &str, matter: &str) -> Event {
    Event::new(
        call,
        t(at),
        Actor::township(town),
        EventKind::Raised {
            township: town.into(),
            matter: matter.into(),
            channel: Channel::Video,
        },
    )
}

fn cc(call: &str, at: &str, kind: EventKind) -> Event {
    Event::new(call, t(at), Actor::command_centre("U008"), kind)
}

fn dep(call: &str, at: &str, unit: &str, kind: EventKind) -> Event {
    Event::new(call, t(at), Actor::department(unit), kind)
}

fn town(call: &str, at: &str, unit: &str, kind: EventKind) -> Event {
    Event::new(call, t(at), Actor::township(unit), kind)
}

fn dispatched(call: &str, at: &str, unit: &str, town: &str) -> Event {
    cc(
        call,
        at,
        EventKind::Dispatched {
            department: unit.into(),
            supporting: vec![town.into()],
        },
    )
}

fn replied(call: &str, at: &str, unit: &str) -> Event {
    dep(
        call,
        at,
        unit,
        EventKind::Replied {
            result: "已处置".into(),
        },
    )
}

fn evaluated(call: &str, at: &str, unit: &str, satisfied: bool) -> Event {
    town(
        call,
        at,
        unit,
        EventKind::Evaluated {
            satisfied,
            comment: String::new(),
        },
    )
}

/// Seven calls, each written out by hand (see the expectations below).
fn small_log() -> Vec<Event> {
    let mut v = Vec::new();
    // C1: on time at every stage.
    v.extend([
        raised("C1", "2025-10-14T09:00:00+08:00", "U068", "M001"),
        dispatched("C1", "2025-10-14T09:10:00+08:00", "U053@U068", "U068"),
        dep(
            "C1",
            "2025-10-14T09:20:00+08:00",
            "U053@U068",
            EventKind::Signed,
        ),
        dep(
            "C1",
            "2025-10-14T10:40:00+08:00",
            "U053@U068",
            EventKind::Arrived,
        ),
        replied("C1", "2025-10-15T15:00:00+08:00", "U053@U068"),
        evaluated("C1", "2025-10-16T09:00:00+08:00", "U068", true),
        cc("C1", "2025-10-16T09:30:00+08:00", EventKind::Closed),
    ]);
    // C2: the reply clock runs across National Day 2025: dispatched Monday
    // 09-29 10:00, the 3 working days are 09-30, 10-09 and 10-10, so the
    // reply is due 10-10 24:00; replied on Saturday 10-11 (a working day
    // in lieu) at 09:00, 9 hours late.
    v.extend([
        raised("C2", "2025-09-29T09:50:00+08:00", "U070", "M074"),
        dispatched("C2", "2025-09-29T10:00:00+08:00", "U052@U070", "U070"),
        dep(
            "C2",
            "2025-09-29T10:30:00+08:00",
            "U052@U070",
            EventKind::Signed,
        ),
        dep(
            "C2",
            "2025-09-29T12:00:00+08:00",
            "U052@U070",
            EventKind::Arrived,
        ),
        replied("C2", "2025-10-11T09:00:00+08:00", "U052@U070"),
        evaluated("C2", "2025-10-11T10:00:00+08:00", "U070", true),
        cc("C2", "2025-10-11T11:00:00+08:00", EventKind::Closed),
    ]);
    // C3: dispatched 10 minutes late; the first reply is on time but the
    // township is not satisfied; the rework's reply (due 10-24 24:00) comes
    // on Monday 10-27 09:00.
    v.extend([
        raised("C3", "2025-10-20T08:00:00+08:00", "U068", "M001"),
        dispatched("C3", "2025-10-20T08:40:00+08:00", "U053@U068", "U068"),
        dep(
            "C3",
            "2025-10-20T09:00:00+08:00",
            "U053@U068",
            EventKind::Signed,
        ),
        dep(
            "C3",
            "2025-10-20T10:00:00+08:00",
            "U053@U068",
            EventKind::Arrived,
        ),
        replied("C3", "2025-10-21T10:00:00+08:00", "U053@U068"),
        evaluated("C3", "2025-10-21T14:00:00+08:00", "U068", false),
        replied("C3", "2025-10-27T09:00:00+08:00", "U053@U068"),
        evaluated("C3", "2025-10-27T15:00:00+08:00", "U068", true),
        cc("C3", "2025-10-27T16:00:00+08:00", EventKind::Closed),
    ]);
    // C4: withdrawn before dispatch.
    v.extend([
        raised("C4", "2025-10-22T09:00:00+08:00", "U071", "M017"),
        town(
            "C4",
            "2025-10-22T09:10:00+08:00",
            "U071",
            EventKind::Withdrawn {
                reason: "已自行解决".into(),
            },
        ),
    ]);
    // C5: still open at as-of, the reply overdue (due 10-30 24:00).
    v.extend([
        raised("C5", "2025-10-27T09:00:00+08:00", "U072", "M017"),
        dispatched("C5", "2025-10-27T09:20:00+08:00", "U011", "U072"),
        dep("C5", "2025-10-27T09:30:00+08:00", "U011", EventKind::Signed),
        dep(
            "C5",
            "2025-10-27T11:00:00+08:00",
            "U011",
            EventKind::Arrived,
        ),
    ]);
    // C6: still open at as-of, on track (reply due 11-05 24:00).
    v.extend([
        raised("C6", "2025-10-31T15:00:00+08:00", "U068", "M001"),
        dispatched("C6", "2025-10-31T15:20:00+08:00", "U053@U068", "U068"),
        dep(
            "C6",
            "2025-10-31T15:30:00+08:00",
            "U053@U068",
            EventKind::Signed,
        ),
        dep(
            "C6",
            "2025-10-31T17:00:00+08:00",
            "U053@U068",
            EventKind::Arrived,
        ),
    ]);
    // C7: dispatched to the wrong bureau, returned and re-dispatched; the
    // reply clock is paused two days (due moves from 10-16 24:00 to
    // 10-20 24:00); replied in time.
    v.extend([
        raised("C7", "2025-10-13T09:00:00+08:00", "U070", "M001"),
        dispatched("C7", "2025-10-13T09:10:00+08:00", "U012", "U070"),
        dep(
            "C7",
            "2025-10-13T09:40:00+08:00",
            "U012",
            EventKind::Returned {
                reason: "非本单位职责".into(),
            },
        ),
        dispatched("C7", "2025-10-13T09:50:00+08:00", "U053@U070", "U070"),
        dep(
            "C7",
            "2025-10-13T10:00:00+08:00",
            "U053@U070",
            EventKind::Signed,
        ),
        dep(
            "C7",
            "2025-10-13T12:00:00+08:00",
            "U053@U070",
            EventKind::Arrived,
        ),
        cc(
            "C7",
            "2025-10-14T10:00:00+08:00",
            EventKind::Paused {
                stage: Stage::Reply,
                reason: "等待检测报告".into(),
            },
        ),
        cc(
            "C7",
            "2025-10-16T10:00:00+08:00",
            EventKind::Resumed {
                stage: Stage::Reply,
            },
        ),
        replied("C7", "2025-10-20T16:00:00+08:00", "U053@U070"),
        evaluated("C7", "2025-10-21T09:00:00+08:00", "U070", true),
        cc("C7", "2025-10-21T10:00:00+08:00", EventKind::Closed),
    ]);
    // Global time order, as a platform would log them.
    v.sort_by_key(|e| e.at);
    v
}

const AS_OF: &str = "2025-11-01T00:00:00+08:00";

fn report(events: &[Event], by: &[Dimension]) -> Report {
    let list = Catalog::sample();
    let mut r = Replay::new(
        &Calendar::china(),
        Some(&list),
        ReportConfig::new(Some(t(AS_OF))).by(by),
    )
    .unwrap()
    .on_error(OnError::Fail);
    r.push_events(events).unwrap();
    r.finish()
}

fn counts(met: u64, missed: u64, overdue: u64, on_track: u64, not_due: u64) -> StatusCounts {
    StatusCounts {
        met,
        missed,
        open_overdue: overdue,
        open_on_track: on_track,
        not_due,
        undetermined: 0,
    }
}

#[test]
fn hand_computed_total() {
    let r = report(&small_log(), &[]);
    let tot = &r.total;
    assert_eq!(tot.calls, 7);
    // C1, C7 met; C2, C3 missed; C5 overdue; C6 on track; C4 never due.
    assert_eq!(tot.status, counts(2, 2, 1, 1, 1));
    assert_eq!(tot.on_time_rate, Some(0.4));
    assert_eq!(tot.stages.dispatch.status, counts(5, 1, 0, 0, 1));
    assert_eq!(tot.stages.arrival.status, counts(6, 0, 0, 0, 1));
    assert_eq!(tot.stages.reply.status, counts(2, 2, 1, 1, 1));
    assert_eq!(tot.stages.reply.on_time_rate, Some(0.4));
    // Missed by: C3's dispatch 600 s; C2's reply 9 h, C3's rework 2 d 9 h.
    assert_eq!(tot.stages.dispatch.missed_overrun_secs, 600);
    assert_eq!(tot.stages.reply.missed_overrun_secs, 32_400 + 205_200);
    // Dispatch times (every round stopped by a dispatch, C7 has two):
    // 600, 600, 2400, 1200, 1200, 600, 600 → median 600, p90 2400.
    assert_eq!(tot.stages.dispatch.timed, 7);
    assert_eq!(tot.stages.dispatch.median_secs, Some(600));
    assert_eq!(tot.stages.dispatch.p90_secs, Some(2400));
    // Arrival: 5400, 7200, 4800, 6000, 6000, 7800 → median 6000, p90 7800.
    assert_eq!(tot.stages.arrival.median_secs, Some(6000));
    assert_eq!(tot.stages.arrival.p90_secs, Some(7800));
    assert!(tot.stages.arrival.exact);
    // 12345-style rates.
    assert_eq!((tot.response.num, tot.response.den), (6, 6));
    assert_eq!((tot.resolution.num, tot.resolution.den), (4, 5));
    assert_eq!((tot.satisfaction.num, tot.satisfaction.den), (3, 4));
    assert_eq!(
        (
            tot.withdrawn,
            tot.returned,
            tot.reopened,
            tot.paused,
            tot.extended,
            tot.supervised
        ),
        (1, 1, 1, 1, 0, 0)
    );
    assert_eq!(r.input.open_at_end, 2);
    assert_eq!(r.input.calls, 7);
    assert_eq!(r.input.skipped, 0);
}

#[test]
fn hand_computed_by_department_and_evaluation() {
    let r = report(&small_log(), &[Dimension::Department]);
    let ids: Vec<&str> = r.groups.iter().map(|g| g.key[0].id.as_str()).collect();
    assert_eq!(ids, ["U008", "U010", "U011", "U015"]);
    let g = |id: &str| r.groups.iter().find(|g| g.key[0].id == id).unwrap();
    // The command centre answers for dispatch; C4 never left it.
    let u008 = g("U008");
    assert_eq!(u008.key[0].name_zh, "县网格化服务管理中心");
    assert_eq!(u008.calls, 1);
    assert_eq!(u008.withdrawn, 1);
    assert_eq!(u008.stages.dispatch.status, counts(5, 1, 0, 0, 1));
    assert_eq!(u008.stages.arrival.status.total(), 1); // C4's, never started
    // Natural resources, through its offices in U068 and U070: C1, C3, C6, C7.
    let u010 = g("U010");
    assert_eq!(u010.calls, 4);
    assert_eq!(u010.status, counts(2, 1, 0, 1, 0));
    assert_eq!(u010.stages.arrival.status, counts(4, 0, 0, 0, 0));
    assert_eq!(u010.stages.reply.status, counts(2, 1, 0, 1, 0));
    assert_eq!((u010.satisfaction.num, u010.satisfaction.den), (2, 3));
    assert_eq!((u010.resolution.num, u010.resolution.den), (3, 3));
    let u011 = g("U011");
    assert_eq!(u011.status, counts(0, 0, 1, 0, 0));
    assert_eq!((u011.resolution.num, u011.resolution.den), (0, 1));
    assert_eq!(u011.satisfaction.rate, None);
    let u015 = g("U015");
    assert_eq!(u015.stages.reply.status, counts(0, 1, 0, 0, 0));
    // The sum over groups is the total.
    let total =
        |f: &dyn Fn(&huying::compliance::GroupRow) -> u64| r.groups.iter().map(f).sum::<u64>();
    assert_eq!(total(&|g| g.calls), r.total.calls);
    assert_eq!(total(&|g| g.stages.reply.status.due()), 5);

    // Evaluation: arrival 0.3, reply 0.4, satisfaction 0.3.
    let e = &r.evaluation;
    let order: Vec<(&str, u32)> = e
        .ranking
        .iter()
        .map(|d| (d.department.id.as_str(), d.rank))
        .collect();
    assert_eq!(order, [("U010", 1), ("U015", 2), ("U011", 3)]);
    let score = |id: &str| {
        e.ranking
            .iter()
            .find(|d| d.department.id == id)
            .unwrap()
            .score
    };
    assert!((score("U010") - 100.0 * (0.3 + 0.4 * 2.0 / 3.0 + 0.3 * 2.0 / 3.0)).abs() < 1e-9);
    assert!((score("U015") - 60.0).abs() < 1e-9);
    // No evaluation for U011: arrival and reply re-weighted.
    assert!((score("U011") - 100.0 * 0.3 / 0.7).abs() < 1e-9);
    assert_eq!(e.unranked.len(), 1);
    assert_eq!(e.unranked[0].id, "U008");

    // Accountability by the list in force when each call was raised.
    let acc: Vec<(&str, u64, u64, u64)> = r
        .accountability
        .iter()
        .map(|a| {
            (
                a.unit.id.as_str(),
                a.missed.dispatch,
                a.missed.arrival,
                a.missed.reply,
            )
        })
        .collect();
    assert_eq!(
        acc,
        [
            ("U008", 1, 0, 0),
            ("U052@U070", 0, 0, 1),
            ("U053@U068", 0, 0, 1)
        ]
    );
    assert_eq!(r.accountability[1].department.as_ref().unwrap().id, "U015");
    assert!(r.unattributed.is_empty());
}

#[test]
fn hand_computed_by_unit_month_and_township() {
    let r = report(&small_log(), &[Dimension::Period(Period::Month)]);
    let rows: Vec<(&str, u64)> = r
        .groups
        .iter()
        .map(|g| (g.key[0].id.as_str(), g.calls))
        .collect();
    assert_eq!(rows, [("2025-09", 1), ("2025-10", 6)]);

    let r = report(&small_log(), &[Dimension::Unit]);
    let units: Vec<&str> = r.groups.iter().map(|g| g.key[0].id.as_str()).collect();
    assert_eq!(
        units,
        ["U008", "U011", "U052@U070", "U053@U068", "U053@U070"]
    );

    let r = report(&small_log(), &[Dimension::Township, Dimension::Domain]);
    let keys: Vec<(String, String, u64)> = r
        .groups
        .iter()
        .map(|g| (g.key[0].id.clone(), g.key[1].name_zh.clone(), g.calls))
        .collect();
    assert_eq!(
        keys,
        [
            ("U068".into(), "自然资源".into(), 3),
            ("U070".into(), "市场监管".into(), 1),
            ("U070".into(), "自然资源".into(), 1),
            ("U071".into(), "生态环境".into(), 1),
            ("U072".into(), "生态环境".into(), 1),
        ]
    );
}

/// The records of each call, by id.
fn records(events: &[Event]) -> Vec<CallRecord> {
    records_at(events, AS_OF)
}

fn records_at(events: &[Event], as_of: &str) -> Vec<CallRecord> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let out = Rc::new(RefCell::new(Vec::new()));
    let sink = out.clone();
    let list = Catalog::sample();
    let mut r = Replay::new(
        &Calendar::china(),
        Some(&list),
        ReportConfig::new(Some(t(as_of))),
    )
    .unwrap()
    .with_records(move |rec| sink.borrow_mut().push(rec.clone()));
    r.push_events(events).unwrap();
    r.finish();
    let mut v = out.borrow().clone();
    v.sort_by(|a, b| a.call.cmp(&b.call));
    v
}

#[test]
fn holiday_week_reply_clock() {
    let recs = records(&small_log());
    let c2 = &recs[1];
    assert_eq!(c2.call, "C2");
    let reply = &c2.stages.reply;
    assert_eq!(reply.status, StageStatus::Missed);
    assert_eq!(reply.due.unwrap(), t("2025-10-11T00:00:00+08:00"));
    assert_eq!(reply.stopped.unwrap(), t("2025-10-11T09:00:00+08:00"));
    assert_eq!(reply.overrun_secs, 9 * 3600);
    assert_eq!(reply.department.as_deref(), Some("U015"));
    match reply.accountable.as_ref().unwrap() {
        Accountable::Unit {
            unit,
            department,
            edition,
            ..
        } => {
            assert_eq!(unit, "U052@U070");
            assert_eq!(department.as_deref(), Some("U015"));
            assert_eq!(edition, "XJ-2025");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c2.stages.arrival.status, StageStatus::Met);
    assert!(c2.stages.arrival.accountable.is_none());
    // Had it been dispatched on Tuesday 09-30 16:00, the third working day
    // would be Saturday 10-11, a working day in lieu.
    let mut v = vec![
        raised("H", "2025-09-30T15:50:00+08:00", "U070", "M074"),
        dispatched("H", "2025-09-30T16:00:00+08:00", "U052@U070", "U070"),
        dep(
            "H",
            "2025-09-30T16:10:00+08:00",
            "U052@U070",
            EventKind::Signed,
        ),
        dep(
            "H",
            "2025-09-30T17:00:00+08:00",
            "U052@U070",
            EventKind::Arrived,
        ),
    ];
    v.push(replied("H", "2025-10-11T17:00:00+08:00", "U052@U070"));
    let h = &records(&v)[0];
    assert_eq!(h.stages.reply.status, StageStatus::Met);
    assert_eq!(h.stages.reply.due.unwrap(), t("2025-10-12T00:00:00+08:00"));
}

#[test]
fn reopened_call_is_missed_by_its_rework() {
    let recs = records(&small_log());
    let c3 = &recs[2];
    assert_eq!(c3.call, "C3");
    assert_eq!(c3.status, StageStatus::Missed);
    assert_eq!(c3.facts.unsatisfied, 1);
    assert_eq!(c3.facts.first_satisfied, Some(false));
    let reply = &c3.stages.reply;
    assert_eq!(reply.rounds.len(), 2);
    assert_eq!(reply.rounds[0].status, StageStatus::Met);
    assert_eq!(reply.rounds[1].status, StageStatus::Missed);
    assert_eq!(reply.rounds[1].started, t("2025-10-21T14:00:00+08:00"));
    assert_eq!(reply.due.unwrap(), t("2025-10-25T00:00:00+08:00"));
    assert_eq!(reply.overrun_secs, 2 * 86_400 + 9 * 3600);
    let dispatch = &c3.stages.dispatch;
    assert_eq!(dispatch.status, StageStatus::Missed);
    assert_eq!(dispatch.overrun_secs, 600);
    assert!(matches!(
        dispatch.accountable.as_ref().unwrap(),
        Accountable::Unit { unit, .. } if unit == "U008"
    ));
}

#[test]
fn returned_paused_withdrawn_and_open_calls() {
    let recs = records(&small_log());
    let c4 = &recs[3];
    assert_eq!(c4.status, StageStatus::NotDue);
    assert_eq!(c4.stages.dispatch.status, StageStatus::NotDue);
    assert!(c4.stages.dispatch.rounds[0].cancelled);
    assert_eq!(c4.holder.as_deref(), Some("U008"));
    let c5 = &recs[4];
    assert_eq!(c5.status, StageStatus::OpenOverdue);
    assert_eq!(c5.stages.reply.status, StageStatus::OpenOverdue);
    assert_eq!(c5.stages.reply.due.unwrap(), t("2025-10-31T00:00:00+08:00"));
    assert_eq!(c5.stages.reply.overrun_secs, 86_400);
    let c6 = &recs[5];
    assert_eq!(c6.stages.reply.status, StageStatus::OpenOnTrack);
    assert_eq!(c6.stages.reply.due.unwrap(), t("2025-11-06T00:00:00+08:00"));
    let c7 = &recs[6];
    assert_eq!(c7.facts.returns, 1);
    assert_eq!(c7.stages.dispatch.rounds.len(), 2);
    assert_eq!(c7.stages.dispatch.status, StageStatus::Met);
    let arrival = &c7.stages.arrival;
    assert_eq!(arrival.rounds.len(), 2);
    assert_eq!(arrival.rounds[0].unit.as_deref(), Some("U012"));
    assert_eq!(arrival.rounds[0].status, StageStatus::NotDue);
    assert_eq!(arrival.unit.as_deref(), Some("U053@U070"));
    let reply = &c7.stages.reply;
    assert_eq!(reply.status, StageStatus::Met);
    assert_eq!(reply.paused_secs, 2 * 86_400);
    assert_eq!(reply.due.unwrap(), t("2025-10-21T00:00:00+08:00"));
}

#[test]
fn events_after_as_of_are_ignored_and_counted() {
    let list = Catalog::sample();
    let mut r = Replay::new(
        &Calendar::china(),
        Some(&list),
        ReportConfig::new(Some(t("2025-10-14T10:00:00+08:00"))),
    )
    .unwrap();
    r.push_events(small_log()).unwrap();
    let rep = r.finish();
    // By 10:00 on 10-14: C2 (replied late only on 10-11: closed), C7
    // (raised 10-13), C1 (dispatched 09:10, arriving later).
    assert_eq!(rep.total.calls, 3);
    assert_eq!(rep.input.open_at_end, 2);
    assert!(rep.input.after_as_of > 0);
    assert_eq!(
        rep.input.after_as_of + rep.input.events - rep.input.after_as_of,
        small_log().len() as u64
    );
}

#[test]
fn as_of_is_judged_in_whole_seconds_and_any_offset() {
    // The example call is raised at 09:00 China time; as_of is that second
    // (written in UTC). The same second with a fraction is not after it;
    // the next second is.
    let count_after = |at: &str| {
        let mut events = log::read(log::EXAMPLE).unwrap();
        events.truncate(1);
        events[0].at = t(at);
        let as_of = t("2025-06-03T01:00:00+00:00");
        let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(Some(as_of))).unwrap();
        r.push_events(&events).unwrap();
        r.finish().input.after_as_of
    };
    assert_eq!(count_after("2025-06-03T09:00:00+08:00"), 0);
    assert_eq!(count_after("2025-06-03T09:00:00.999+08:00"), 0);
    assert_eq!(count_after("2025-06-03T09:00:01+08:00"), 1);
    assert_eq!(count_after("2025-06-03T02:00:01+01:00"), 1);
    assert_eq!(count_after("2025-06-03T08:59:59+08:00"), 0);
}

#[test]
fn report_renders_in_both_languages_and_formats() {
    let r = report(&small_log(), &[Dimension::Department]);
    let zh = r.to_text(Lang::Zh);
    assert!(zh.contains("按时办结率 40.0%"), "{zh}");
    assert!(zh.contains("县自然资源局"));
    assert!(zh.contains("部门考核评价"));
    assert!(zh.contains("依单问责"));
    let en = r.to_text(Lang::En);
    assert!(en.contains("on time 40.0%"), "{en}");
    assert!(en.contains("County Natural Resources Bureau"));
    let csv = r.to_csv(Lang::En);
    assert_eq!(csv.lines().count(), 1 + 1 + 4);
    assert!(csv.lines().nth(2).unwrap().starts_with("group,U008,"));
    let ranking = r.ranking_csv(Lang::Zh);
    assert!(
        ranking
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("1,U010,县自然资源局,76.67,")
    );
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["total"]["calls"], 7);
    assert_eq!(json["evaluation"]["ranking"][0]["department"]["id"], "U010");
    assert_eq!(json["by"][0], "department");
}

#[test]
fn json_lines_csv_and_events_give_the_same_report() {
    let events = small_log();
    let by = [Dimension::Department, Dimension::Period(Period::Week)];
    let direct = report(&events, &by);
    let list = Catalog::sample();
    let config = ReportConfig::new(Some(t(AS_OF))).by(&by);
    let mut j = Replay::new(&Calendar::china(), Some(&list), config.clone()).unwrap();
    j.read_json_lines(log::write(&events).as_bytes()).unwrap();
    let mut csv = Vec::new();
    huying::call::log::csv::write(&events, &mut csv).unwrap();
    let mut c = Replay::new(&Calendar::china(), Some(&list), config).unwrap();
    c.read_csv(csv.as_slice()).unwrap();
    let (j, c) = (j.finish(), c.finish());
    assert_eq!(j.groups, direct.groups);
    assert_eq!(c.groups, direct.groups);
    assert_eq!(c.total, direct.total);
    assert_eq!(c.input.lines, events.len() as u64 + 1);
    assert_eq!(
        huying::call::log::csv::read(csv.as_slice()).unwrap(),
        events
    );
}

/// The replay reads events ahead and remembers where their calls were; a
/// call that has left since (its slot free, or taken by a new call) must
/// not take events meant for it.
#[test]
fn events_for_a_call_that_left_are_refused_even_when_its_place_is_reused() {
    let withdraw = |call, at| {
        town(
            call,
            at,
            "U068",
            EventKind::Withdrawn {
                reason: "已自行解决".into(),
            },
        )
    };
    let events = [
        raised("A", "2025-06-03T09:00:00+08:00", "U068", "M001"),
        withdraw("A", "2025-06-03T09:05:00+08:00"),
        raised("B", "2025-06-03T09:06:00+08:00", "U068", "M001"), // A's place
        cc("A", "2025-06-03T09:07:00+08:00", EventKind::Acknowledged),
        cc("B", "2025-06-03T09:08:00+08:00", EventKind::Acknowledged),
        withdraw("B", "2025-06-03T09:10:00+08:00"),
        cc("B", "2025-06-03T09:11:00+08:00", EventKind::Acknowledged),
    ];
    let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None)).unwrap();
    r.push_events(&events).unwrap();
    let rep = r.finish();
    let bad: Vec<(u64, BadLineKind, Option<&str>)> = rep
        .input
        .bad_lines
        .iter()
        .map(|b| (b.line, b.kind, b.call.as_deref()))
        .collect();
    assert_eq!(
        bad,
        [
            (4, BadLineKind::UnknownCall, Some("A")),
            (7, BadLineKind::UnknownCall, Some("B")),
        ]
    );
    assert_eq!((rep.total.calls, rep.total.withdrawn), (2, 2));
    assert_eq!(rep.input.open_at_end, 0);
}

#[test]
fn bad_json_lines_are_reported_with_their_numbers() {
    let events = small_log();
    let mut lines: Vec<String> = events.iter().map(Event::to_json_line).collect();
    lines.insert(3, "{not json".into()); // line 4
    lines.insert(5, String::new()); // a blank line 6: not bad
    lines.push(dep("C9", "2025-10-20T10:00:00+08:00", "U010", EventKind::Signed).to_json_line()); // unknown call
    lines.push(raised("C5", "2025-10-28T09:00:00+08:00", "U072", "M017").to_json_line()); // C5 is open
    lines.push(
        dep(
            "C6",
            "2025-10-31T15:40:00+08:00",
            "U011",
            EventKind::Arrived,
        )
        .to_json_line(),
    ); // refused
    let mut text = lines.join("\n");
    text.push('\n');
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\n"); // invalid UTF-8
    let n = bytes.iter().filter(|&&b| b == b'\n').count() as u64;

    let list = Catalog::sample();
    let config = ReportConfig::new(Some(t(AS_OF)));
    let mut r = Replay::new(&Calendar::china(), Some(&list), config.clone()).unwrap();
    r.read_json_lines(bytes.as_slice()).unwrap();
    let rep = r.finish();
    assert_eq!(rep.input.skipped, 5);
    assert_eq!(rep.input.lines, n);
    let bad: Vec<(u64, BadLineKind)> = rep
        .input
        .bad_lines
        .iter()
        .map(|b| (b.line, b.kind))
        .collect();
    let len = events.len() as u64 + 2;
    assert_eq!(
        bad,
        [
            (4, BadLineKind::Unreadable),
            (len + 1, BadLineKind::UnknownCall),
            (len + 2, BadLineKind::DuplicateCall),
            (len + 3, BadLineKind::Refused),
            (len + 4, BadLineKind::Unreadable),
        ]
    );
    assert_eq!(rep.input.bad_lines[3].code, "call.invalid_transition");
    assert_eq!(rep.input.bad_lines[3].call.as_deref(), Some("C6"));
    // Nothing else changed: the same report as the clean log.
    assert_eq!(rep.total, report(&events, &[]).total);
    assert!(rep.to_text(Lang::Zh).contains("跳过的坏行（共 5 行）"));

    // Fatal: stops at line 4.
    let mut r = Replay::new(&Calendar::china(), Some(&list), config)
        .unwrap()
        .on_error(OnError::Fail);
    let err = r.read_json_lines(bytes.as_slice()).unwrap_err();
    match &err {
        LogError::BadLine(b) => assert_eq!(b.line, 4),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.code(), "compliance.bad_line");
    let err: huying::Error = err.into();
    assert_eq!(err.code(), "compliance.bad_line");
}

#[test]
fn bad_csv_rows_are_reported_with_their_numbers() {
    let events = small_log();
    let mut csv = Vec::new();
    huying::call::log::csv::write(&events[..4], &mut csv).unwrap();
    let mut text = String::from_utf8(csv).unwrap();
    text.push_str("C1,yesterday,signed,department,U010,,,,,,,,,,,,,1\n"); // line 6
    text.push_str("C1,2025-10-14T09:30:00+08:00,exploded,department,U010,,,,,,,,,,,,,1\n"); // line 7
    text.push_str("\"C1\n\",2025-10-14T09:30:00+08:00,closed,command_centre,U008,,,,,,,,,,,,,1\n"); // lines 8-9
    text.push_str("C1,2025-10-14T09:31:00+08:00,evaluated,township,U068,,,,,,,,,,maybe,,,1\n"); // line 10
    let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None)).unwrap();
    r.read_csv(text.as_bytes()).unwrap();
    let rep = r.finish();
    let lines: Vec<u64> = rep.input.bad_lines.iter().map(|b| b.line).collect();
    assert_eq!(lines, [6, 7, 8, 10]);
    assert!(rep.input.bad_lines[0].message.contains("RFC 3339"));
    assert_eq!(rep.input.bad_lines[2].kind, BadLineKind::UnknownCall);
    assert!(rep.input.bad_lines[3].message.contains("satisfied"));

    // A header without the required columns fails at line 1.
    let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None)).unwrap();
    let err = r
        .read_csv("call,when,type\nC1,x,raised\n".as_bytes())
        .unwrap_err();
    assert!(err.to_string().contains("line 1"));
    assert!(err.to_string().contains("at, role, unit"));
}

#[test]
fn the_list_in_force_when_raised_decides_accountability() {
    // M090 (open-air barbecues) became territorial on 2026-03-01.
    let mk = |id: &str, day: &str| {
        vec![
            raised(id, &format!("{day}T09:00:00+08:00"), "U068", "M090"),
            cc(
                id,
                &format!("{day}T10:00:00+08:00"),
                EventKind::Acknowledged,
            ),
        ]
    };
    let mut v = mk("before", "2026-02-26");
    v.extend(mk("after", "2026-03-02"));
    let recs = records_at(&v, "2026-04-01T00:00:00+08:00");
    let by_edition: Vec<(String, String)> = recs
        .iter()
        .map(|r| match r.stages.dispatch.accountable.as_ref().unwrap() {
            Accountable::Unit { unit, edition, .. } => (unit.clone(), edition.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    // Dispatch is the command centre's either way; the edition differs.
    assert_eq!(
        by_edition,
        [
            ("U008".to_string(), "XJ-2026-R1".to_string()),
            ("U008".to_string(), "XJ-2025".to_string())
        ]
    );
    // Before the list: the list cannot say.
    let early = vec![
        raised("E", "2025-03-03T09:00:00+08:00", "U068", "M001"),
        cc("E", "2025-03-03T10:00:00+08:00", EventKind::Acknowledged),
    ];
    let list = Catalog::sample();
    let mut r = Replay::new(
        &Calendar::china(),
        Some(&list),
        ReportConfig::new(Some(t("2025-03-04T00:00:00+08:00"))),
    )
    .unwrap();
    r.push_events(&early).unwrap();
    let rep = r.finish();
    assert_eq!(rep.total.stages.dispatch.status.open_overdue, 1);
    // Only missed stages are attributed; an overdue open one is not yet.
    assert!(rep.unattributed.is_empty());
    let recs = records_at(
        &[
            raised("E", "2025-03-03T09:00:00+08:00", "U068", "M001"),
            dispatched("E", "2025-03-03T10:00:00+08:00", "U053@U068", "U068"),
        ],
        "2025-03-04T00:00:00+08:00",
    );
    assert!(matches!(
        recs[0].stages.dispatch.accountable.as_ref().unwrap(),
        Accountable::Unknown { code, .. } if code == "catalog.before_list"
    ));
}

fn generated(calls: u64, seed: u64) -> (Generator, Vec<Event>) {
    let g = Generator::new(
        &Catalog::sample(),
        &Calendar::china(),
        GeneratorConfig {
            calls,
            seed,
            ..GeneratorConfig::default()
        },
    )
    .unwrap();
    let events: Vec<Event> = g.events().collect();
    (g, events)
}

#[test]
fn the_generator_is_deterministic_valid_and_varied() {
    let (g, events) = generated(4000, 7);
    let (_, again) = generated(4000, 7);
    assert_eq!(events, again);
    let (_, other) = generated(4000, 8);
    assert_ne!(events, other);
    assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
    let list = Catalog::sample();
    let mut r = Replay::new(
        &Calendar::china(),
        Some(&list),
        ReportConfig::new(None), // every event counts
    )
    .unwrap()
    .on_error(OnError::Fail);
    r.push_events(&events).unwrap();
    let rep = r.finish();
    let t = &rep.total;
    assert_eq!(t.calls, 4000);
    assert_eq!(rep.input.skipped, 0);
    // Every kind of call is there.
    for (what, n) in [
        ("withdrawn", t.withdrawn),
        ("returned", t.returned),
        ("reopened", t.reopened),
        ("paused", t.paused),
        ("extended", t.extended),
        ("supervised", t.supervised),
        ("missed dispatch", t.stages.dispatch.status.missed),
        ("missed arrival", t.stages.arrival.status.missed),
        ("missed reply", t.stages.reply.status.missed),
    ] {
        assert!(n > 10, "{what}: {n}");
    }
    // About seven or eight events a call; the on-time rates are plausible.
    let per_call = events.len() as f64 / 4000.0;
    assert!((7.0..9.0).contains(&per_call), "{per_call}");
    for (_, s) in t.stages.iter() {
        let r = s.on_time_rate.unwrap();
        assert!((0.75..0.99).contains(&r), "{r}");
    }
    // Calls across the year: National Day 2025 and Spring Festival 2026.
    let in_day = |d: &str| {
        events.iter().any(|e| {
            e.at.date_naive().to_string() == d && e.event_type() == huying::call::EventType::Replied
        })
    };
    assert!(in_day("2025-10-09") && in_day("2026-02-24"));
    // Raised on holidays too, but fewer.
    assert_eq!(g.period_end(), huying::to_china(g.period_end()));
    // Memory follows the calls in flight, not the log.
    assert!(
        rep.input.max_open_calls < 200,
        "{}",
        rep.input.max_open_calls
    );
}

#[test]
fn the_generator_writes_what_the_replay_reads() {
    let (g, events) = generated(300, 11);
    let mut jsonl = Vec::new();
    let n = g.write_json_lines(&mut jsonl).unwrap();
    assert_eq!(n, events.len() as u64);
    assert_eq!(
        log::read(std::str::from_utf8(&jsonl).unwrap()).unwrap(),
        events
    );
    let mut csv = Vec::new();
    g.write_csv(&mut csv).unwrap();
    assert_eq!(
        huying::call::log::csv::read(csv.as_slice()).unwrap(),
        events
    );
}

/// Interleaves the calls of a log at random, each call's events kept in
/// their order: "shuffled lines" as a platform's export could give them.
fn interleave(events: &[Event], seed: u64) -> Vec<Event> {
    let mut per_call: Vec<std::collections::VecDeque<Event>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for e in events {
        let i = *index.entry(e.call.clone()).or_insert_with(|| {
            per_call.push(Default::default());
            per_call.len() - 1
        });
        per_call[i].push_back(e.clone());
    }
    // SplitMix64, as the generator draws (a seeded shuffle is all this needs).
    let mut state = seed;
    let mut below = |n: u64| {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    };
    let mut out = Vec::with_capacity(events.len());
    let mut live: Vec<usize> = (0..per_call.len()).collect();
    while !live.is_empty() {
        let k = below(live.len() as u64) as usize;
        let i = live[k];
        out.push(per_call[i].pop_front().unwrap());
        if per_call[i].is_empty() {
            live.swap_remove(k);
        }
    }
    out
}

mod props {
    use super::*;
    use huying::call::{Call, CallPolicy, Id};
    use huying::compliance::{CallFacts, InputStats, Tally};
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Drops an event (a call never raised, a step missing), repeats one (a
    /// second raise, a transition out of order), or moves one forward (an
    /// event for a call that has not come yet or has gone), at each edit.
    fn perturb(log: &mut Vec<Event>, edits: &[(usize, u8)]) {
        for &(at, what) in edits {
            if log.is_empty() {
                break;
            }
            let i = at % log.len();
            match what {
                0 => {
                    log.remove(i);
                }
                1 => {
                    let e = log[i].clone();
                    log.insert((i + 7).min(log.len()), e);
                }
                _ => {
                    let e = log.remove(i);
                    log.insert(i.saturating_sub(40), e);
                }
            }
        }
    }

    /// The oracle of `the_replay_is_the_plainest_replay`: the report of a
    /// log and its bad lines (line, code), by the book and nothing more.
    fn plainest_replay(
        log: &[Event],
        list: &Catalog,
        config: &ReportConfig,
    ) -> (Report, Vec<(u64, String)>) {
        let cal = Calendar::china();
        let as_of = config.as_of.unwrap().timestamp();
        let mut tally = Tally::new(config, Some(list)).unwrap();
        let mut open: HashMap<Id, (Call, CallFacts)> = HashMap::new();
        // Every id raised so far: a call id is raised once in a log.
        let mut raised = std::collections::HashSet::new();
        let mut bad = Vec::new();
        for (i, e) in log.iter().enumerate() {
            let line = i as u64 + 1;
            // Judged in whole seconds: an event in the second after `as_of` is after it.
            if e.at.timestamp() > as_of {
                continue;
            }
            if let EventKind::Raised { .. } = e.kind {
                if raised.contains(&e.call) {
                    bad.push((line, "call.duplicate_id".to_string()));
                    continue;
                }
                // The list's edition in force when raised; before the list,
                // the default policy with the list's command centre.
                let policy = CallPolicy::from_catalog(list, &e.at).unwrap_or_else(|_| {
                    let cc = list.command_centre().unwrap();
                    CallPolicy::new(cc.id.as_str())
                });
                match Call::raise(&cal, &policy, e) {
                    Ok(call) => {
                        let facts = CallFacts::from_events([e]);
                        raised.insert(e.call.clone());
                        open.insert(e.call.clone(), (call, facts));
                    }
                    Err(err) => bad.push((line, err.code().to_string())),
                }
                continue;
            }
            let Some((call, facts)) = open.get_mut(&e.call) else {
                bad.push((line, "compliance.unknown_call".to_string()));
                continue;
            };
            match call.apply(e) {
                Ok(()) => {
                    facts.observe(&e.kind);
                    if !call.is_open() {
                        let (call, facts) = open.remove(&e.call).unwrap();
                        // The call keeps the facts of its events itself.
                        assert_eq!(call.facts(), &facts);
                        tally.add(&call);
                    }
                }
                Err(err) => bad.push((line, err.code().to_string())),
            }
        }
        let mut rest: Vec<(Call, CallFacts)> = open.into_values().collect();
        rest.sort_by(|a, b| a.0.id().as_str().cmp(b.0.id().as_str()));
        for (call, facts) in &rest {
            assert_eq!(call.facts(), facts);
            tally.add(call);
        }
        (tally.finish(InputStats::default()), bad)
    }

    fn dims() -> impl Strategy<Value = Vec<Dimension>> {
        let all = vec![
            Dimension::Department,
            Dimension::Unit,
            Dimension::Township,
            Dimension::Matter,
            Dimension::Domain,
            Dimension::Period(Period::Day),
            Dimension::Period(Period::Week),
            Dimension::Period(Period::Month),
            Dimension::Period(Period::Quarter),
            Dimension::Period(Period::Year),
        ];
        proptest::sample::subsequence(all, 0..=3)
    }

    fn run(events: &[Event], by: &[Dimension], as_of: DateTime<FixedOffset>) -> Report {
        let list = Catalog::sample();
        let mut r = Replay::new(
            &Calendar::china(),
            Some(&list),
            ReportConfig::new(Some(as_of)).by(by),
        )
        .unwrap();
        r.push_events(events).unwrap();
        r.finish()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// The groups come in the order of their keys: by id, and periods
        /// by time, which is the order of their zero-padded labels.
        #[test]
        fn groups_come_in_the_order_of_their_keys(
            seed in 0u64..1_000_000,
            calls in 1u64..200,
            by in dims(),
        ) {
            let (g, events) = generated(calls, seed);
            let r = run(&events, &by, g.period_start() + chrono::Duration::days(400));
            let keys: Vec<Vec<&str>> = r
                .groups
                .iter()
                .map(|row| row.key.iter().map(|v| v.id.as_str()).collect())
                .collect();
            for pair in keys.windows(2) {
                prop_assert!(pair[0] < pair[1], "{:?} before {:?}", pair[0], pair[1]);
            }
        }

        #[test]
        fn groups_sum_to_the_total_and_rates_are_rates(
            seed in 0u64..1_000_000,
            calls in 1u64..120,
            by in dims(),
            cut in 0i64..400,
        ) {
            let (g, events) = generated(calls, seed);
            let as_of = g.period_start() + chrono::Duration::days(cut);
            let r = run(&events, &by, as_of);
            prop_assert_eq!(r.input.skipped, 0);
            let t = &r.total;
            if !by.is_empty() {
                let sum = |f: &dyn Fn(&huying::compliance::GroupRow) -> u64| r.groups.iter().map(f).sum::<u64>();
                prop_assert_eq!(sum(&|g| g.calls), t.calls);
                for s in StageStatus::ALL {
                    prop_assert_eq!(sum(&|g| g.status.get(s)), t.status.get(s));
                    for st in Stage::ALL {
                        prop_assert_eq!(sum(&|g| g.stages.get(st).status.get(s)), t.stages.get(st).status.get(s));
                    }
                }
                for st in Stage::ALL {
                    prop_assert_eq!(sum(&|g| g.stages.get(st).timed), t.stages.get(st).timed);
                    prop_assert_eq!(sum(&|g| g.stages.get(st).missed_overrun_secs), t.stages.get(st).missed_overrun_secs);
                }
                for (a, b) in [(sum(&|g| g.response.num), t.response.num), (sum(&|g| g.response.den), t.response.den),
                    (sum(&|g| g.resolution.num), t.resolution.num), (sum(&|g| g.resolution.den), t.resolution.den),
                    (sum(&|g| g.satisfaction.num), t.satisfaction.num), (sum(&|g| g.satisfaction.den), t.satisfaction.den),
                    (sum(&|g| g.withdrawn), t.withdrawn), (sum(&|g| g.reopened), t.reopened), (sum(&|g| g.returned), t.returned)] {
                    prop_assert_eq!(a, b);
                }
            }
            // The department table (for the evaluation) sums to the total too.
            let ranked: u64 = r.evaluation.ranking.iter().map(|d| d.calls).sum();
            prop_assert!(ranked <= t.calls);
            // Every call is counted once per stage; every rate is a rate.
            for st in Stage::ALL {
                prop_assert_eq!(t.stages.get(st).status.total(), t.calls);
            }
            prop_assert_eq!(t.status.total(), t.calls);
            for row in r.groups.iter().chain(std::iter::once(&r.total)) {
                let rates = [row.on_time_rate, row.response.rate, row.resolution.rate, row.satisfaction.rate,
                    row.stages.dispatch.on_time_rate, row.stages.arrival.on_time_rate, row.stages.reply.on_time_rate];
                for x in rates.into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&x), "{x}");
                }
                for x in [&row.response, &row.resolution, &row.satisfaction] {
                    prop_assert!(x.num <= x.den);
                }
                for (_, s) in row.stages.iter() {
                    if let (Some(m), Some(p)) = (s.median_secs, s.p90_secs) {
                        prop_assert!(m <= p);
                    }
                }
            }
            for d in &r.evaluation.ranking {
                prop_assert!((0.0..=100.0).contains(&d.score));
            }
        }

        #[test]
        fn interleaving_the_calls_does_not_change_the_report(
            seed in 0u64..1_000_000,
            calls in 1u64..80,
            by in dims(),
            cut in 0i64..400,
            shuffle in any::<u64>(),
        ) {
            let (g, events) = generated(calls, seed);
            let as_of = g.period_start() + chrono::Duration::days(cut);
            let a = run(&events, &by, as_of);
            let b = run(&interleave(&events, shuffle), &by, as_of);
            prop_assert_eq!(&a.total, &b.total);
            prop_assert_eq!(&a.groups, &b.groups);
            prop_assert_eq!(&a.evaluation, &b.evaluation);
            prop_assert_eq!(&a.accountability, &b.accountability);
            prop_assert_eq!(a.input.after_as_of, b.input.after_as_of);
            prop_assert_eq!(b.input.skipped, 0);
        }

        /// `push_events` reads events ahead and remembers where their calls
        /// were; the report must be the one of taking the events one by one
        /// with `push`, bad lines included, in logs where calls leave and
        /// their places are taken while events for them are still coming.
        #[test]
        fn reading_ahead_changes_nothing(
            seed in 0u64..1_000_000,
            calls in 1u64..60,
            shuffle in any::<u64>(),
            edits in prop::collection::vec((0usize..10_000, 0u8..3), 0..40),
        ) {
            let (g, events) = generated(calls, seed);
            let mut log = interleave(&events, shuffle);
            perturb(&mut log, &edits);
            let list = Catalog::sample();
            let config = ReportConfig::new(Some(g.period_end())).by(&[Dimension::Department]);
            let mut ahead = Replay::new(&Calendar::china(), Some(&list), config.clone()).unwrap();
            ahead.push_events(&log).unwrap();
            let mut one = Replay::new(&Calendar::china(), Some(&list), config).unwrap();
            for (i, e) in log.iter().enumerate() {
                one.push(i as u64 + 1, e).unwrap();
            }
            let (a, b) = (ahead.finish(), one.finish());
            prop_assert_eq!(&a.total, &b.total);
            prop_assert_eq!(&a.groups, &b.groups);
            prop_assert_eq!(&a.accountability, &b.accountability);
            prop_assert_eq!(a.input.skipped, b.input.skipped);
            prop_assert_eq!(&a.input.bad_lines, &b.input.bad_lines);
            prop_assert_eq!(a.input.max_open_calls, b.input.max_open_calls);
        }

        /// The replay against the plainest one there is: every open call in
        /// a `HashMap` by its id, each event applied with `Call::apply` and
        /// each call folded with `Tally::add` when it closes or is
        /// withdrawn, the rest at the end. No table of slots, no reading
        /// ahead, no place reused: the same report and the same bad lines
        /// (line and code), in logs with calls raised twice, steps missing
        /// and events for calls that have not come yet or have gone.
        #[test]
        fn the_replay_is_the_plainest_replay(
            seed in 0u64..1_000_000,
            calls in 1u64..80,
            shuffle in any::<u64>(),
            edits in prop::collection::vec((0usize..10_000, 0u8..3), 0..40),
            by in dims(),
        ) {
            let (g, events) = generated(calls, seed);
            let mut log = interleave(&events, shuffle);
            perturb(&mut log, &edits);
            let list = Catalog::sample();
            let mut config = ReportConfig::new(Some(g.period_end())).by(&by);
            config.max_bad_lines = usize::MAX;
            let mut replay = Replay::new(&Calendar::china(), Some(&list), config.clone()).unwrap();
            replay.push_events(&log).unwrap();
            let got = replay.finish();
            let (want, bad) = plainest_replay(&log, &list, &config);
            prop_assert_eq!(&got.total, &want.total);
            prop_assert_eq!(&got.groups, &want.groups);
            prop_assert_eq!(&got.evaluation, &want.evaluation);
            prop_assert_eq!(&got.accountability, &want.accountability);
            let got_bad: Vec<(u64, String)> =
                got.input.bad_lines.iter().map(|b| (b.line, b.code.clone())).collect();
            prop_assert_eq!(got_bad, bad);
        }

        /// The readers hand events to the replay in batches (which it reads
        /// ahead in); a log longer than a batch, with unreadable lines and
        /// refused events, gives the report of taking its events one by one,
        /// and lists its bad lines in the order of the log.
        #[test]
        fn readers_keep_the_order_of_the_log(
            seed in 0u64..1_000_000,
            calls in 150u64..260,
            shuffle in any::<u64>(),
            drops in prop::collection::vec(0usize..100_000, 0..12),
            garbage in prop::collection::vec(0usize..100_000, 0..12),
        ) {
            let (g, events) = generated(calls, seed);
            let mut log = interleave(&events, shuffle);
            for d in drops {
                if !log.is_empty() {
                    let i = d % log.len();
                    log.remove(i);
                }
            }
            let mut lines: Vec<String> = log.iter().map(Event::to_json_line).collect();
            for at in garbage {
                let i = at % (lines.len() + 1);
                lines.insert(i, "{\"type\":".into());
            }
            let text = lines.join("\n");
            let list = Catalog::sample();
            let mut config = ReportConfig::new(Some(g.period_end())).by(&[Dimension::Department]);
            config.max_bad_lines = usize::MAX; // every bad line listed, on both sides
            let mut read = Replay::new(&Calendar::china(), Some(&list), config.clone()).unwrap();
            read.read_json_lines(text.as_bytes()).unwrap();
            let mut one = Replay::new(&Calendar::china(), Some(&list), config).unwrap();
            let mut unreadable = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                match Event::from_json_line(l) {
                    Ok(e) => one.push(i as u64 + 1, &e).unwrap(),
                    Err(_) => unreadable.push(i as u64 + 1),
                }
            }
            let (a, b) = (read.finish(), one.finish());
            prop_assert!(log.len() > 1024 || calls < 200);
            prop_assert_eq!(&a.total, &b.total);
            prop_assert_eq!(&a.groups, &b.groups);
            let in_order = a.input.bad_lines.windows(2).all(|w| w[0].line < w[1].line);
            prop_assert!(in_order);
            let (bad_read, refused): (Vec<_>, Vec<_>) = a
                .input
                .bad_lines
                .iter()
                .partition(|l| l.kind == BadLineKind::Unreadable);
            prop_assert_eq!(bad_read.iter().map(|l| l.line).collect::<Vec<_>>(), unreadable);
            prop_assert_eq!(refused.into_iter().cloned().collect::<Vec<_>>(), b.input.bad_lines);
        }
    }
}
