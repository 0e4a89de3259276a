//! The call lifecycle: given (events) / when (event) / then (state or
//! refusal) for every transition and every refusal; the board, reminders,
//! wake-ups and verdicts; the JSON-lines log; and property tests over random
//! event sequences from random actors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use chrono::{DateTime, Duration, FixedOffset};
use huying::calendar::Calendar;
use huying::call::{
    Actor, Call, CallError, CallPolicy, Channel, Event, EventKind, EventType, Light, Mark, Outcome,
    Role, State, StateKind, log,
};
use huying::catalog::{SlaOverrides, Stage};
use huying::sla::{DayEnd, Limit};

const CALL: &str = "C1";
const TOWN: &str = "U068";
const CC: &str = "U008";
const DEPT: &str = "U010";

/// Minutes after Tuesday 2025-06-03 09:00 (a working day).
fn at(min: i64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-06-03T09:00:00+08:00").unwrap() + Duration::minutes(min)
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ev(min: i64, actor: Actor, kind: EventKind) -> Event {
    Event::new(CALL, at(min), actor, kind)
}

fn town() -> Actor {
    Actor::township(TOWN)
}
fn cc() -> Actor {
    Actor::command_centre(CC)
}
fn dept() -> Actor {
    Actor::department(DEPT)
}

fn raised(m: i64) -> Event {
    ev(
        m,
        town(),
        EventKind::Raised {
            township: TOWN.into(),
            matter: "M001".into(),
            channel: Channel::Video,
        },
    )
}
fn ack(m: i64) -> Event {
    ev(m, cc(), EventKind::Acknowledged)
}
fn dispatch(m: i64) -> Event {
    dispatch_to(m, DEPT)
}
fn dispatch_to(m: i64, d: &str) -> Event {
    ev(
        m,
        cc(),
        EventKind::Dispatched {
            department: d.into(),
            supporting: vec![TOWN.into()],
        },
    )
}
fn sign(m: i64) -> Event {
    ev(m, dept(), EventKind::Signed)
}
fn give_back(m: i64) -> Event {
    ev(
        m,
        dept(),
        EventKind::Returned {
            reason: "不属于本部门职责".into(),
        },
    )
}
fn arrive(m: i64) -> Event {
    ev(m, dept(), EventKind::Arrived)
}
fn reply(m: i64) -> Event {
    ev(
        m,
        dept(),
        EventKind::Replied {
            result: "已处理".into(),
        },
    )
}
fn evaluate(m: i64, satisfied: bool) -> Event {
    ev(
        m,
        town(),
        EventKind::Evaluated {
            satisfied,
            comment: String::new(),
        },
    )
}
fn close(m: i64) -> Event {
    ev(m, cc(), EventKind::Closed)
}
fn withdraw(m: i64) -> Event {
    ev(
        m,
        town(),
        EventKind::Withdrawn {
            reason: "已自行解决".into(),
        },
    )
}
fn supervise(m: i64, stage: Stage) -> Event {
    ev(
        m,
        cc(),
        EventKind::Supervised {
            stage,
            note: String::new(),
        },
    )
}
fn ask(m: i64, stage: Stage, extra: Limit) -> Event {
    ev(
        m,
        dept(),
        EventKind::ExtensionRequested {
            stage,
            extra,
            reason: "等待检测报告".into(),
        },
    )
}
fn grant(m: i64, stage: Stage) -> Event {
    ev(m, cc(), EventKind::ExtensionGranted { stage, extra: None })
}
fn deny(m: i64, stage: Stage) -> Event {
    ev(
        m,
        cc(),
        EventKind::ExtensionDenied {
            stage,
            reason: String::new(),
        },
    )
}
fn pause(m: i64, stage: Stage) -> Event {
    ev(
        m,
        cc(),
        EventKind::Paused {
            stage,
            reason: "等待现场检测".into(),
        },
    )
}
fn resume(m: i64, stage: Stage) -> Event {
    ev(m, cc(), EventKind::Resumed { stage })
}
fn reminder(m: i64, stage: Stage, round: u16, mark: Mark) -> Event {
    ev(
        m,
        Actor::system("platform"),
        EventKind::ReminderSent { stage, round, mark },
    )
}

fn policy() -> CallPolicy {
    CallPolicy::new("U008")
}

/// Given these events (all accepted).
fn given(events: &[Event]) -> Call {
    given_with(&policy(), events)
}

fn given_with(p: &CallPolicy, events: &[Event]) -> Call {
    Call::from_events(&Calendar::china(), p, events).unwrap()
}

/// When `e` is applied, then it is accepted; the result equals a replay of
/// the whole log through JSON lines.
fn accepted(events: &[Event], e: Event) -> Call {
    let mut call = given(events);
    call.apply(&e).unwrap();
    let mut all = events.to_vec();
    all.push(e);
    let replayed = Call::replay(&Calendar::china(), &policy(), &log::write(&all)).unwrap();
    assert_eq!(replayed, call);
    call
}

/// When `e` is applied, then it is refused with `code` and nothing changes.
fn refused(events: &[Event], e: Event, code: &str) -> CallError {
    let mut call = given(events);
    let before = call.clone();
    let err = call.apply(&e).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(call, before);
    err
}

fn happy() -> Vec<Event> {
    vec![
        raised(0),
        ack(2),
        dispatch(10),
        sign(30),
        arrive(160),
        reply(60 * 24 * 2 + 7 * 60), // Thu 16:00
        evaluate(60 * 24 * 3, true), // Fri 09:00
        close(60 * 24 * 3 + 30),
    ]
}

fn first(n: usize) -> Vec<Event> {
    happy()[..n].to_vec()
}

// ------------------------------------------------------------ transitions

#[test]
fn raise_starts_the_dispatch_clock_and_rings() {
    let call = given(&[raised(0)]);
    assert_eq!(call.state(), State::Raised);
    assert!(call.alarm());
    assert_eq!(call.township(), TOWN);
    assert_eq!(call.matter(), "M001");
    assert_eq!(call.channel(), Channel::Video);
    let c = call.clock(Stage::Dispatch).unwrap();
    assert!(c.is_running());
    assert_eq!(c.round(), 1);
    assert_eq!(c.sla().due().unwrap(), at(30));
    assert!(call.clock(Stage::Arrival).is_none());
}

#[test]
fn acknowledge_stops_the_alarm() {
    let call = accepted(&first(1), ack(2));
    assert_eq!(call.state(), State::Acknowledged);
    assert!(!call.alarm());
    assert!(call.clock(Stage::Dispatch).unwrap().is_running());
    assert_eq!(call.command_centre().unwrap(), CC);
}

#[test]
fn dispatch_stops_dispatch_and_starts_arrival_and_reply() {
    let call = accepted(&first(2), dispatch(10));
    assert_eq!(
        call.state(),
        State::Dispatched {
            department: DEPT.into()
        }
    );
    let d = call.clock(Stage::Dispatch).unwrap();
    assert!(!d.is_running());
    assert_eq!(d.unit().unwrap(), CC);
    let a = call.clock(Stage::Arrival).unwrap();
    assert_eq!(a.sla().started(), at(10));
    assert_eq!(a.sla().due().unwrap(), at(190));
    let r = call.clock(Stage::Reply).unwrap();
    // 3 working days from Tuesday: Wed, Thu, Fri; due Fri 24:00.
    assert_eq!(r.sla().due().unwrap(), t("2025-06-07T00:00:00+08:00"));
    assert_eq!(r.unit().unwrap(), DEPT);
}

#[test]
fn dispatch_straight_from_raised_stops_the_alarm() {
    let call = accepted(&[raised(0)], dispatch(5));
    assert!(!call.alarm());
    assert_eq!(call.state().kind(), StateKind::Dispatched);
}

#[test]
fn sign_for_it() {
    let call = accepted(&first(3), sign(30));
    assert_eq!(
        call.state(),
        State::Signed {
            department: DEPT.into()
        }
    );
    // Arrival counts from dispatch, not from signature.
    assert_eq!(call.clock(Stage::Arrival).unwrap().sla().started(), at(10));
}

#[test]
fn return_before_signing_reopens_dispatch_and_rings() {
    let call = accepted(&first(3), give_back(20));
    assert_eq!(call.state(), State::Returned { by: DEPT.into() });
    assert!(call.alarm());
    let d = call.clock(Stage::Dispatch).unwrap();
    assert_eq!((d.round(), d.sla().started()), (2, at(20)));
    assert_eq!(d.sla().due().unwrap(), at(50));
    assert!(call.clock(Stage::Arrival).unwrap().is_cancelled());
    assert!(call.clock(Stage::Reply).unwrap().is_cancelled());
    // Cancelled before due: no verdict for the department.
    let v: Vec<_> = call.verdicts().collect();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].stage, Stage::Dispatch);
}

#[test]
fn return_after_signing() {
    let call = accepted(&first(4), give_back(40));
    assert_eq!(call.state().kind(), StateKind::Returned);
}

#[test]
fn return_after_the_arrival_due_time_is_a_missed_arrival() {
    let call = accepted(&first(4), give_back(200));
    let v: Vec<_> = call
        .verdicts()
        .filter(|v| v.stage == Stage::Arrival)
        .collect();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].outcome, Outcome::Missed);
    assert!(v[0].cancelled);
    assert_eq!(v[0].overrun, Duration::minutes(10));
    assert_eq!(v[0].unit.as_ref().unwrap(), DEPT);
}

#[test]
fn acknowledge_and_redispatch_after_a_return() {
    let mut events = first(3);
    events.push(give_back(20));
    let call = accepted(&events, ack(25));
    assert_eq!(call.state(), State::Acknowledged);
    events.push(ack(25));
    let call = accepted(&events, dispatch_to(40, "U053@U068"));
    assert_eq!(
        call.state(),
        State::Dispatched {
            department: "U053@U068".into()
        }
    );
    let a = call.clock(Stage::Arrival).unwrap();
    assert_eq!((a.round(), a.unit().unwrap().as_str()), (2, "U053@U068"));
    assert_eq!(call.clock(Stage::Dispatch).unwrap().round(), 2);
    // The first department may no longer act on it.
    events.push(dispatch_to(40, "U053@U068"));
    refused(&events, sign(50), "call.not_authorized");
}

#[test]
fn redispatch_straight_from_returned() {
    let mut events = first(3);
    events.push(give_back(20));
    let call = accepted(&events, dispatch(21));
    assert_eq!(call.state().kind(), StateKind::Dispatched);
}

#[test]
fn arrive_stops_the_arrival_clock() {
    let call = accepted(&first(4), arrive(160));
    assert_eq!(
        call.state(),
        State::Arrived {
            department: DEPT.into()
        }
    );
    let a = call.clock(Stage::Arrival).unwrap();
    assert!(!a.is_running());
    let v = a.verdict().unwrap();
    assert_eq!((v.outcome, v.overrun), (Outcome::Met, Duration::zero()));
    assert!(call.clock(Stage::Reply).unwrap().is_running());
}

#[test]
fn late_arrival_is_missed_by_its_overrun() {
    let call = accepted(&first(4), arrive(250));
    let v = call.clock(Stage::Arrival).unwrap().verdict().unwrap();
    assert_eq!(
        (v.outcome, v.overrun),
        (Outcome::Missed, Duration::minutes(60))
    );
}

#[test]
fn reply_stops_the_reply_clock() {
    let call = accepted(&first(5), reply(3000));
    assert_eq!(
        call.state(),
        State::Replied {
            department: DEPT.into()
        }
    );
    assert!(!call.clock(Stage::Reply).unwrap().is_running());
}

#[test]
fn satisfied_evaluation() {
    let call = accepted(&first(6), evaluate(4400, true));
    assert_eq!(
        call.state(),
        State::Evaluated {
            department: DEPT.into()
        }
    );
}

#[test]
fn unsatisfied_evaluation_starts_a_new_reply_clock() {
    let call = accepted(&first(6), evaluate(4400, false));
    assert_eq!(
        call.state(),
        State::Rework {
            department: DEPT.into()
        }
    );
    let r = call.clock(Stage::Reply).unwrap();
    assert_eq!((r.round(), r.sla().started()), (2, at(4400)));
    assert!(r.is_running());
    // Friday 10:20 + 3 working days: Mon, Tue, Wed → due Thursday 00:00.
    assert_eq!(r.sla().due().unwrap(), t("2025-06-12T00:00:00+08:00"));
    // The rework reply.
    let mut events = first(6);
    events.push(evaluate(4400, false));
    let call = accepted(&events, reply(5000));
    assert_eq!(call.state().kind(), StateKind::Replied);
    assert_eq!(
        call.verdicts().filter(|v| v.stage == Stage::Reply).count(),
        2
    );
}

#[test]
fn close_after_evaluation_or_straight_after_the_reply() {
    let call = accepted(&first(7), close(4500));
    assert_eq!(
        call.state(),
        State::Closed {
            department: DEPT.into()
        }
    );
    assert!(!call.is_open());
    let call = accepted(&first(6), close(4500));
    assert_eq!(call.state().kind(), StateKind::Closed);
}

#[test]
fn withdraw_from_every_open_state_before_the_reply_cancels_running_clocks() {
    let mut events = first(1);
    let mut variants = vec![events.clone()];
    for e in [ack(2), dispatch(10), sign(30), arrive(160)] {
        events.push(e);
        variants.push(events.clone());
    }
    let mut returned = first(3);
    returned.push(give_back(20));
    variants.push(returned);
    let mut rework = first(6);
    rework.push(evaluate(4400, false));
    variants.push(rework);
    for given_events in variants {
        let call = accepted(&given_events, withdraw(5000));
        assert_eq!(call.state(), State::Withdrawn);
        assert!(call.clocks().iter().all(|c| !c.is_running()));
    }
    refused(&first(6), withdraw(5000), "call.invalid_transition");
}

#[test]
fn withdrawal_after_a_breach_leaves_a_missed_verdict() {
    let call = accepted(&first(1), withdraw(45));
    let v: Vec<_> = call.verdicts().collect();
    assert_eq!(v.len(), 1);
    assert_eq!(
        (v[0].stage, v[0].outcome, v[0].overrun),
        (Stage::Dispatch, Outcome::Missed, Duration::minutes(15))
    );
    // Before the due time: no verdict at all.
    assert_eq!(accepted(&first(1), withdraw(20)).verdicts().count(), 0);
}

#[test]
fn supervise_counts_on_the_running_clock() {
    let call = accepted(&first(1), supervise(40, Stage::Dispatch));
    assert_eq!(call.clock(Stage::Dispatch).unwrap().supervised(), 1);
    refused(&first(1), supervise(40, Stage::Reply), "call.stage");
    refused(&first(3), supervise(40, Stage::Dispatch), "call.stage");
}

#[test]
fn extension_requested_then_granted_moves_the_due_time() {
    let mut events = first(5);
    let call = accepted(&events, ask(200, Stage::Reply, Limit::WorkingDays(2)));
    let p = call.pending_extension().unwrap();
    assert_eq!((p.stage, p.extra), (Stage::Reply, Limit::WorkingDays(2)));
    events.push(ask(200, Stage::Reply, Limit::WorkingDays(2)));
    let call = accepted(&events, grant(210, Stage::Reply));
    assert!(call.pending_extension().is_none());
    let r = call.clock(Stage::Reply).unwrap();
    assert_eq!(r.sla().limit(), Limit::WorkingDays(5));
    // Wed, Thu, Fri, Mon, Tue → due Wednesday 2025-06-11 00:00.
    assert_eq!(r.sla().due().unwrap(), t("2025-06-11T00:00:00+08:00"));
    events.push(grant(210, Stage::Reply));
    let call = accepted(&events, reply(60 * 24 * 6));
    let v = call.clock(Stage::Reply).unwrap().verdict().unwrap();
    assert!(v.extended);
    assert_eq!(v.outcome, Outcome::Met);
}

#[test]
fn extension_granted_with_another_amount() {
    let mut events = first(4);
    events.push(ask(60, Stage::Arrival, Limit::Hours(3)));
    let e = ev(
        70,
        cc(),
        EventKind::ExtensionGranted {
            stage: Stage::Arrival,
            extra: Some(Limit::Hours(1)),
        },
    );
    let call = accepted(&events, e);
    assert_eq!(
        call.clock(Stage::Arrival).unwrap().sla().due().unwrap(),
        at(250)
    );
}

#[test]
fn extension_denied() {
    let mut events = first(4);
    events.push(ask(60, Stage::Arrival, Limit::Hours(1)));
    let call = accepted(&events, deny(70, Stage::Arrival));
    assert!(call.pending_extension().is_none());
    assert_eq!(
        call.clock(Stage::Arrival).unwrap().sla().due().unwrap(),
        at(190)
    );
}

#[test]
fn a_pending_extension_lapses_when_its_stage_ends() {
    let mut events = first(4);
    events.push(ask(60, Stage::Arrival, Limit::Hours(1)));
    let call = accepted(&events, arrive(100));
    assert!(call.pending_extension().is_none());
    events.push(arrive(100));
    refused(&events, grant(110, Stage::Arrival), "call.extension");
}

#[test]
fn pause_and_resume_move_the_due_time() {
    let mut events = first(4);
    let call = accepted(&events, pause(60, Stage::Arrival));
    assert!(call.clock(Stage::Arrival).unwrap().sla().is_paused());
    events.push(pause(60, Stage::Arrival));
    let call = accepted(&events, resume(120, Stage::Arrival));
    assert_eq!(
        call.clock(Stage::Arrival).unwrap().sla().due().unwrap(),
        at(250)
    );
    events.push(resume(120, Stage::Arrival));
    let call = accepted(&events, arrive(240));
    assert_eq!(
        call.clock(Stage::Arrival)
            .unwrap()
            .verdict()
            .unwrap()
            .outcome,
        Outcome::Met
    );
    let pauses = call.clock(Stage::Arrival).unwrap().sla().pauses().to_vec();
    assert_eq!(pauses.len(), 1);
    assert_eq!(pauses[0].reason, "等待现场检测");
}

#[test]
fn arrival_while_paused_resumes_and_stops() {
    let mut events = first(4);
    events.push(pause(60, Stage::Arrival));
    let call = accepted(&events, arrive(300));
    // 60 minutes paused so far of 240: the due time was 13:10 + 240 min of pause.
    let v = call.clock(Stage::Arrival).unwrap().verdict().unwrap();
    assert_eq!(v.outcome, Outcome::Met);
}

#[test]
fn reminder_sent_marks_it() {
    let call = accepted(
        &first(1),
        reminder(16, Stage::Dispatch, 1, Mark::Percent(50)),
    );
    assert_eq!(
        call.clock(Stage::Dispatch).unwrap().reminded(),
        Some(Mark::Percent(50))
    );
    // A reminder does not move the call's time: an event stamped before it applies.
    let mut events = first(1);
    events.push(reminder(16, Stage::Dispatch, 1, Mark::Percent(50)));
    accepted(&events, ack(10));
}

// --------------------------------------------------------------- refusals

#[test]
fn raise_refusals() {
    let cal = Calendar::china();
    let p = policy();
    let err = Call::raise(&cal, &p, &ack(0)).unwrap_err();
    assert_eq!(err.code(), "call.not_raised");
    let mut e = raised(0);
    e.actor = cc();
    assert_eq!(
        Call::raise(&cal, &p, &e).unwrap_err().code(),
        "call.not_authorized"
    );
    let mut e = raised(0);
    e.actor = Actor::township("U069");
    assert_eq!(
        Call::raise(&cal, &p, &e).unwrap_err().code(),
        "call.not_authorized"
    );
    let mut e = raised(0);
    e.call = "".into();
    assert_eq!(
        Call::raise(&cal, &p, &e).unwrap_err().code(),
        "call.bad_payload"
    );
    let e = Event::new(
        CALL,
        at(0),
        Actor::township(""),
        EventKind::Raised {
            township: "".into(),
            matter: "M001".into(),
            channel: Channel::Text,
        },
    );
    assert_eq!(
        Call::raise(&cal, &p, &e).unwrap_err().code(),
        "call.bad_payload"
    );
    // Minutes count without the calendar; working days need it: a dispatch
    // in a year not covered is taken (it happened), its reply clock pending
    // the calendar.
    let mut e = raised(0);
    e.at = t("2031-01-01T09:00:00+08:00");
    let mut call = Call::raise(&cal, &p, &e).unwrap();
    let mut d = dispatch(0);
    d.at = t("2031-01-01T09:10:00+08:00");
    call.apply(&d).unwrap();
    assert_eq!(call.pending_calendar(), Some(2031));
    assert_eq!(call.clock(Stage::Reply).unwrap().due(), None);
    assert_eq!(
        call.clock(Stage::Arrival).unwrap().due().unwrap(),
        t("2031-01-01T12:10:00+08:00")
    );
    let none: [Event; 0] = [];
    assert_eq!(
        Call::from_events(&cal, &p, none).unwrap_err().code(),
        "call.empty"
    );
    // Close of business without a schedule cannot count.
    let cob = policy().with_day_end(DayEnd::CloseOfBusiness);
    let err = Call::from_events(&cal, &cob, [raised(0), dispatch(5)]).unwrap_err();
    assert_eq!(err.code(), "calendar.no_schedule");
}

#[test]
fn events_that_do_not_fit_the_state() {
    let cases: Vec<(Vec<Event>, Event)> = vec![
        (first(1), sign(5)),
        (first(1), arrive(5)),
        (first(1), reply(5)),
        (first(1), evaluate(5, true)),
        (first(1), close(5)),
        (first(1), give_back(5)),
        (first(2), ack(5)),
        (first(3), ack(15)),
        (first(3), dispatch(15)),
        (first(3), arrive(15)),
        (first(4), sign(40)),
        (first(4), reply(40)),
        (first(5), give_back(200)),
        (first(5), evaluate(200, true)),
        (first(6), reply(5000)),
        (first(6), supervise(5000, Stage::Reply)),
        (first(7), evaluate(5000, false)),
        (first(8), withdraw(5000)),
        (first(8), supervise(5000, Stage::Reply)),
        (first(1), raised(5)),
    ];
    for (g, e) in cases {
        let ty = e.event_type();
        let state = given(&g).state().kind();
        match refused(&g, e, "call.invalid_transition") {
            CallError::InvalidTransition {
                state: s,
                event,
                expected,
            } => {
                assert_eq!((s, event), (state, ty));
                assert_eq!(expected, state.expected());
                assert!(!expected.contains(&ty));
            }
            other => panic!("{other:?}"),
        }
    }
    let err = refused(&first(3), arrive(15), "call.invalid_transition");
    assert_eq!(
        err.to_string(),
        "a call that is dispatched cannot take `arrived`; expected one of: signed, returned, withdrawn, supervised, paused, resumed, extension_requested, extension_granted, extension_denied, reminder_sent"
    );
    let err = refused(&first(8), close(5000), "call.invalid_transition");
    assert!(err.to_string().contains("nothing (the call is over)"));
}

#[test]
fn accepts_agrees_with_expected() {
    use StateKind as K;
    for k in [
        K::Raised,
        K::Acknowledged,
        K::Returned,
        K::Dispatched,
        K::Signed,
        K::Arrived,
        K::Rework,
        K::Replied,
        K::Evaluated,
        K::Closed,
        K::Withdrawn,
    ] {
        for &t in EventType::ALL {
            assert_eq!(k.accepts(t), k.expected().contains(&t), "{k} {t}");
        }
    }
}

#[test]
fn only_the_command_centre_acknowledges_dispatches_supervises_pauses_grants_and_closes() {
    let reject = |g: Vec<Event>, mut e: Event| {
        for actor in [town(), dept(), Actor::system("platform")] {
            e.actor = actor;
            match refused(&g, e.clone(), "call.not_authorized") {
                CallError::NotAuthorized { action, .. } => assert_eq!(action, e.event_type()),
                other => panic!("{other:?}"),
            }
        }
    };
    reject(first(1), ack(1));
    reject(first(1), dispatch(1));
    reject(first(1), supervise(40, Stage::Dispatch));
    reject(first(1), pause(5, Stage::Dispatch));
    let mut paused = first(1);
    paused.push(pause(5, Stage::Dispatch));
    reject(paused, resume(6, Stage::Dispatch));
    let mut asked = first(4);
    asked.push(ask(60, Stage::Arrival, Limit::Hours(1)));
    reject(asked.clone(), grant(61, Stage::Arrival));
    reject(asked, deny(61, Stage::Arrival));
    reject(first(7), close(5000));
}

#[test]
fn a_policy_naming_the_command_centre_refuses_other_units() {
    let p = policy().with_command_centre(CC);
    let call = given_with(&p, &first(1));
    let mut c = call.clone();
    let e = Event::new(
        CALL,
        at(1),
        Actor::command_centre("U009"),
        EventKind::Acknowledged,
    );
    let err = c.apply(&e).unwrap_err();
    assert_eq!(err.code(), "call.not_authorized");
    assert!(err.to_string().contains("another unit"));
    assert_eq!(c, call);
}

#[test]
fn only_the_dispatched_department_signs_returns_arrives_replies_and_asks() {
    let reject = |g: Vec<Event>, mut e: Event| {
        for actor in [town(), cc(), Actor::department("U011"), Actor::system("x")] {
            e.actor = actor;
            refused(&g, e.clone(), "call.not_authorized");
        }
    };
    reject(first(3), sign(30));
    reject(first(3), give_back(30));
    reject(first(4), arrive(60));
    reject(first(5), reply(300));
    reject(first(4), ask(60, Stage::Arrival, Limit::Hours(1)));
    // Not on a call before dispatch, whoever it is.
    refused(
        &first(1),
        ask(5, Stage::Arrival, Limit::Hours(1)),
        "call.not_authorized",
    );
    // Never on the dispatch stage.
    let err = refused(
        &first(4),
        ask(60, Stage::Dispatch, Limit::Minutes(10)),
        "call.not_authorized",
    );
    assert!(err.to_string().contains("dispatch stage"));
}

#[test]
fn only_the_raising_township_evaluates_and_withdraws() {
    for actor in [Actor::township("U069"), cc(), dept(), Actor::system("x")] {
        let mut e = evaluate(4400, true);
        e.actor = actor.clone();
        let err = refused(&first(6), e, "call.not_authorized");
        if actor.role == Role::Township {
            assert!(err.to_string().contains("another township"));
        }
        let mut e = withdraw(20);
        e.actor = actor;
        refused(&first(1), e, "call.not_authorized");
    }
}

#[test]
fn only_the_platform_records_reminders() {
    let mut e = reminder(16, Stage::Dispatch, 1, Mark::Percent(50));
    e.actor = cc();
    refused(&first(1), e, "call.not_authorized");
}

#[test]
fn time_going_backwards_is_refused() {
    let err = refused(&first(3), sign(5), "call.time_backwards");
    assert!(err.to_string().contains("before"));
    // The same instant is fine.
    accepted(&first(3), sign(10));
}

#[test]
fn an_event_of_another_call_is_refused() {
    let mut e = ack(1);
    e.call = "C2".into();
    refused(&first(1), e, "call.wrong_call");
}

#[test]
fn payload_refusals() {
    refused(&first(1), dispatch_to(5, ""), "call.bad_payload");
    let e = ev(
        30,
        dept(),
        EventKind::Returned {
            reason: "  ".into(),
        },
    );
    refused(&first(3), e, "call.bad_payload");
    let e = ev(
        30,
        cc(),
        EventKind::Paused {
            stage: Stage::Arrival,
            reason: String::new(),
        },
    );
    refused(&first(3), e, "call.bad_payload");
    let e = ev(
        60,
        dept(),
        EventKind::ExtensionRequested {
            stage: Stage::Arrival,
            extra: Limit::Hours(1),
            reason: String::new(),
        },
    );
    refused(&first(4), e, "call.bad_payload");
}

#[test]
fn clock_refusals() {
    // Pause twice, resume a running clock, pause a stopped one.
    let mut paused = first(4);
    paused.push(pause(60, Stage::Arrival));
    refused(&paused, pause(61, Stage::Arrival), "call.stage");
    refused(&first(4), resume(61, Stage::Arrival), "call.stage");
    let mut arrived = first(5);
    refused(&arrived, pause(170, Stage::Arrival), "call.stage");
    // Extensions: in another unit, past due, twice, granted without a request.
    refused(
        &first(4),
        ask(60, Stage::Arrival, Limit::Minutes(30)),
        "call.stage",
    );
    refused(
        &first(4),
        ask(200, Stage::Arrival, Limit::Hours(1)),
        "call.stage",
    );
    let mut asked = first(4);
    asked.push(ask(60, Stage::Arrival, Limit::Hours(1)));
    refused(
        &asked,
        ask(61, Stage::Reply, Limit::WorkingDays(1)),
        "call.extension",
    );
    refused(&asked, grant(61, Stage::Reply), "call.extension");
    refused(&first(4), grant(61, Stage::Arrival), "call.extension");
    refused(&first(4), deny(61, Stage::Arrival), "call.extension");
    let e = ev(
        61,
        cc(),
        EventKind::ExtensionGranted {
            stage: Stage::Arrival,
            extra: Some(Limit::Minutes(30)),
        },
    );
    refused(&asked, e, "call.stage");
    // Reminders: not yet due, twice, an earlier mark after a later one, wrong round.
    refused(
        &first(1),
        reminder(10, Stage::Dispatch, 1, Mark::Percent(50)),
        "call.reminder",
    );
    let mut reminded = first(1);
    reminded.push(reminder(25, Stage::Dispatch, 1, Mark::Percent(80)));
    refused(
        &reminded,
        reminder(26, Stage::Dispatch, 1, Mark::Percent(80)),
        "call.reminder",
    );
    refused(
        &reminded,
        reminder(26, Stage::Dispatch, 1, Mark::Percent(50)),
        "call.reminder",
    );
    refused(
        &first(1),
        reminder(20, Stage::Dispatch, 2, Mark::Percent(50)),
        "call.reminder",
    );
    arrived.push(reply(300));
    refused(
        &arrived,
        reminder(400, Stage::Reply, 1, Mark::Percent(50)),
        "call.invalid_transition",
    );
}

// ------------------------------------------------------------ the board

#[test]
fn board_lights_follow_the_limit() {
    let call = given(&first(1));
    let light = |m| call.at(at(m)).unwrap().countdowns[0].light;
    assert_eq!(light(0), Light::Green);
    assert_eq!(light(23), Light::Green);
    assert_eq!(light(24), Light::Yellow); // 80 % of 30 minutes
    assert_eq!(light(30), Light::Yellow); // due, not past it
    assert_eq!(light(31), Light::Red);
    let b = call.at(at(31)).unwrap();
    assert_eq!(b.supervise.len(), 1);
    assert_eq!(b.supervise[0].overrun, Duration::minutes(1));
    assert!(b.alarm);
    assert_eq!(b.countdowns[0].remaining, Duration::zero());
    // A custom threshold.
    let p = policy().with_warning(0.5).unwrap();
    let call = given_with(&p, &first(1));
    assert_eq!(call.at(at(15)).unwrap().countdowns[0].light, Light::Yellow);
}

#[test]
fn board_after_dispatch_shows_the_departments_countdowns() {
    let call = given(&first(4));
    let b = call.at(at(60)).unwrap();
    assert!(!b.alarm);
    assert_eq!(b.state, StateKind::Signed);
    let stages: Vec<_> = b.countdowns.iter().map(|c| c.stage).collect();
    assert_eq!(stages, [Stage::Arrival, Stage::Reply]);
    assert_eq!(b.countdowns[0].remaining, Duration::minutes(130));
    assert_eq!(b.countdowns[0].unit.as_deref(), Some(DEPT));
    assert!(b.expected.contains(&EventType::Arrived));
    let json = serde_json::to_string(&b).unwrap();
    assert!(json.contains(r#""light":"green""#), "{json}");
}

#[test]
fn board_shows_a_pending_extension_and_paused_clocks() {
    let mut events = first(4);
    events.push(ask(60, Stage::Arrival, Limit::Hours(1)));
    events.push(pause(61, Stage::Reply));
    let call = given(&events);
    let b = call.at(at(100)).unwrap();
    assert_eq!(b.extension.as_ref().unwrap().stage, Stage::Arrival);
    assert!(b.countdowns[1].paused);
}

#[test]
fn reminders_are_sent_once_to_the_accountable_unit() {
    let mut call = given(&first(4));
    let mut log_events = first(4);
    // 50 % of 3 hours after 09:10 is 10:40.
    assert!(call.poll_reminders(at(99)).unwrap().is_empty());
    let r = call.poll_reminders(at(100)).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].stage, r[0].mark), (Stage::Arrival, Mark::Percent(50)));
    assert_eq!(r[0].id, "C1/arrival/1/50%");
    assert_eq!(r[0].to.len(), 1);
    assert_eq!(r[0].to[0].role, Role::Department);
    assert_eq!(r[0].to[0].unit.as_deref(), Some(DEPT));
    log_events.extend(r.iter().map(|r| r.event.clone()));
    assert!(call.poll_reminders(at(100)).unwrap().is_empty());
    // At breach: the department and the command centre.
    let r = call.poll_reminders(at(191)).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].mark, Mark::Breach);
    let roles: Vec<_> = r[0].to.iter().map(|x| x.role).collect();
    assert_eq!(roles, [Role::Department, Role::CommandCentre]);
    assert_eq!(r[0].to[1].unit.as_deref(), Some(CC));
    log_events.extend(r.iter().map(|r| r.event.clone()));
    // The log with the reminder events replays to the same call.
    let replayed = Call::replay(&Calendar::china(), &policy(), &log::write(&log_events)).unwrap();
    assert_eq!(replayed, call);
    assert!(replayed.at(at(200)).unwrap().reminders.is_empty());
}

#[test]
fn reminder_marks_are_configurable() {
    let p = policy()
        .with_reminders(&[90])
        .unwrap()
        .with_breach_reminder(false);
    let mut call = given_with(&p, &first(1));
    assert!(call.poll_reminders(at(26)).unwrap().is_empty());
    assert_eq!(
        call.poll_reminders(at(27)).unwrap()[0].mark,
        Mark::Percent(90)
    );
    assert!(call.poll_reminders(at(45)).unwrap().is_empty());
    assert_eq!(call.next_wakeup(at(45)).unwrap(), None);
}

#[test]
fn next_wakeup_walks_through_lights_reminders_and_breach() {
    let mut call = given(&first(4));
    let mut now = at(30);
    let mut seen = vec![];
    while let Some(w) = call.next_wakeup(now).unwrap() {
        if w == now {
            for r in call.poll_reminders(now).unwrap() {
                seen.push(format!("{} {}", r.stage, r.mark));
            }
            continue;
        }
        now = w;
        seen.push(format!("wake {}", w.format("%m-%d %H:%M:%S")));
        if now > t("2025-06-08T00:00:00+08:00") {
            break;
        }
    }
    assert_eq!(
        seen,
        [
            "wake 06-03 10:40:00",
            "arrival 50%",
            "wake 06-03 11:34:00",
            "arrival 80%",
            "wake 06-03 12:10:01",
            "arrival breach",
            // Reply: 3 working days from Wed 00:00; 50 % is Thursday 12:00.
            "wake 06-05 12:00:00",
            "reply 50%",
            "wake 06-06 09:36:00",
            "reply 80%",
            "wake 06-07 00:00:01",
            "reply breach",
        ]
    );
}

#[test]
fn next_wakeup_skips_paused_clocks() {
    let mut events = first(1);
    events.push(pause(5, Stage::Dispatch));
    let call = given(&events);
    assert_eq!(call.next_wakeup(at(100)).unwrap(), None);
    assert_eq!(given(&happy()).next_wakeup(at(10_000)).unwrap(), None);
}

#[test]
fn board_before_the_latest_event_is_refused() {
    let call = given(&first(3));
    assert_eq!(call.at(at(5)).unwrap_err().code(), "call.time_backwards");
    let mut c = call.clone();
    assert_eq!(
        c.poll_reminders(at(5)).unwrap_err().code(),
        "call.time_backwards"
    );
    assert_eq!(c, call);
}

// --------------------------------------------------------------- verdicts

#[test]
fn verdicts_of_the_happy_path() {
    let call = given(&happy());
    let v: Vec<_> = call.verdicts().collect();
    assert_eq!(v.len(), 3);
    assert!(v.iter().all(|v| v.outcome == Outcome::Met && !v.cancelled));
    assert_eq!(v[0].due, at(30));
    assert_eq!(v[0].stopped, at(10));
    assert_eq!(v[2].due, t("2025-06-07T00:00:00+08:00"));
}

#[test]
fn late_dispatch_is_missed() {
    let call = given(&[raised(0), dispatch(45)]);
    let v = call.verdicts().next().unwrap();
    assert_eq!(
        (v.outcome, v.overrun),
        (Outcome::Missed, Duration::minutes(15))
    );
    assert_eq!(v.unit.unwrap(), CC);
}

#[test]
fn matter_overrides_from_the_list() {
    let p = policy().with_matter(
        "M001",
        SlaOverrides {
            arrival: Some(Limit::Hours(1)),
            ..Default::default()
        },
    );
    let call = given_with(&p, &[raised(0), dispatch(10), sign(20), arrive(70)]);
    assert_eq!(call.limit_of(Stage::Arrival), Limit::Hours(1));
    assert_eq!(
        call.clock(Stage::Arrival)
            .unwrap()
            .verdict()
            .unwrap()
            .outcome,
        Outcome::Met
    );
    let call = given_with(&p, &[raised(0), dispatch(10), sign(20), arrive(71)]);
    assert_eq!(
        call.clock(Stage::Arrival)
            .unwrap()
            .verdict()
            .unwrap()
            .outcome,
        Outcome::Missed
    );
}

#[test]
fn the_article_example_over_the_national_day() {
    // Raised Friday 2025-09-26 15:50, dispatched 16:00: Sunday 09-28 is a
    // working day in lieu; the reply is due 2025-09-30 24:00.
    let e = |s: &str, actor, kind| Event::new("C9", t(s), actor, kind);
    let events = [
        e(
            "2025-09-26T15:50:00+08:00",
            town(),
            EventKind::Raised {
                township: TOWN.into(),
                matter: "M001".into(),
                channel: Channel::Text,
            },
        ),
        e(
            "2025-09-26T16:00:00+08:00",
            cc(),
            EventKind::Dispatched {
                department: DEPT.into(),
                supporting: vec![],
            },
        ),
    ];
    let call = given(&events);
    assert_eq!(
        call.clock(Stage::Reply).unwrap().sla().due().unwrap(),
        t("2025-10-01T00:00:00+08:00")
    );
}

// -------------------------------------------------------------------- log

#[test]
fn every_event_type_round_trips_through_json() {
    let mut all = happy();
    all.extend([
        give_back(1),
        withdraw(1),
        supervise(1, Stage::Reply),
        ask(1, Stage::Reply, Limit::WorkingDays(2)),
        grant(1, Stage::Reply),
        ev(
            1,
            cc(),
            EventKind::ExtensionGranted {
                stage: Stage::Reply,
                extra: Some(Limit::WorkingDays(1)),
            },
        ),
        deny(1, Stage::Reply),
        pause(1, Stage::Reply),
        resume(1, Stage::Reply),
        reminder(1, Stage::Reply, 2, Mark::Breach),
        ev(
            1,
            town(),
            EventKind::Evaluated {
                satisfied: false,
                comment: "未整改到位".into(),
            },
        ),
        ev(
            1,
            cc(),
            EventKind::Supervised {
                stage: Stage::Arrival,
                note: "请尽快到场".into(),
            },
        )
        .with_id("E99"),
    ]);
    let mut types: Vec<_> = all.iter().map(|e| e.event_type()).collect();
    types.sort();
    types.dedup();
    assert_eq!(types.len(), EventType::ALL.len());
    let text = log::write(&all);
    assert_eq!(log::read(&text).unwrap(), all);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["v"], 1);
        assert!(v["type"].is_string());
    }
}

#[test]
fn json_line_shape() {
    let line = ask(60, Stage::Reply, Limit::WorkingDays(2))
        .with_id("E9")
        .to_json_line();
    assert_eq!(
        line,
        r#"{"type":"extension_requested","v":1,"id":"E9","call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"department","unit":"U010"},"stage":"reply","extra":"2wd","reason":"等待检测报告"}"#
    );
}

#[test]
fn bad_lines_name_their_line() {
    let cases = [
        ("not json", "line 1:"),
        (
            r#"{"type":"teleported","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"township","unit":"U068"}}"#,
            "unknown event type",
        ),
        (
            r#"{"type":"signed","v":2,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"department","unit":"U010"}}"#,
            "schema version 2",
        ),
        (
            r#"{"type":"signed","call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"department","unit":"U010"}}"#,
            "missing field `v`",
        ),
        (
            r#"{"type":"signed","v":1,"call":"C1","at":"yesterday","actor":{"role":"department","unit":"U010"}}"#,
            "line 1:",
        ),
        (
            r#"{"type":"signed","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"mayor","unit":"U010"}}"#,
            "mayor",
        ),
        (
            r#"{"type":"dispatched","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"command_centre","unit":"U008"}}"#,
            "needs `department`",
        ),
        (
            r#"{"type":"reminder_sent","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"system","unit":"p"},"stage":"reply","round":1,"mark":"120%"}"#,
            "reminder mark",
        ),
        (
            r#"{"type":"extension_requested","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"department","unit":"U010"},"stage":"reply","extra":"2 weeks","reason":"x"}"#,
            "time limit",
        ),
    ];
    for (line, want) in cases {
        let err = Event::from_json_line(line).unwrap_err();
        assert_eq!(err.code(), "call.bad_event");
        assert!(err.to_string().contains(want), "{err} / {want}");
    }
    let text = format!("{}\n\n{}\n", raised(0).to_json_line(), "{}");
    let err = log::read(&text).unwrap_err();
    assert!(err.to_string().starts_with("line 3:"), "{err}");
}

#[test]
fn unknown_fields_are_ignored() {
    let line = r#"{"type":"signed","v":1,"call":"C1","at":"2025-06-03T10:00:00+08:00","actor":{"role":"department","unit":"U010"},"device":"pad-7"}"#;
    assert_eq!(
        Event::from_json_line(line).unwrap().event_type(),
        EventType::Signed
    );
}

#[test]
fn replay_names_the_line_of_a_refused_event() {
    let text = log::write([raised(0), ack(1), sign(2)]);
    let err = Call::replay(&Calendar::china(), &policy(), &text).unwrap_err();
    assert_eq!(err.code(), "call.invalid_transition");
    assert!(err.to_string().starts_with("line 3:"), "{err}");
    let err = Call::replay(&Calendar::china(), &policy(), "\n \n").unwrap_err();
    assert_eq!(err.code(), "call.empty");
    let wrapped: huying::Error = err.into();
    assert_eq!(wrapped.code(), "call.empty");
}

#[test]
fn the_example_log_replays() {
    let call = Call::replay(&Calendar::china(), &policy(), log::EXAMPLE).unwrap();
    assert_eq!(call.state().kind(), StateKind::Closed);
    assert_eq!(call.event_count(), 8);
    assert_eq!(log::write(log::read(log::EXAMPLE).unwrap()), log::EXAMPLE);
}

// ------------------------------------------------------------- properties

mod props {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn stage() -> impl Strategy<Value = Stage> {
        prop_oneof![
            Just(Stage::Dispatch),
            Just(Stage::Arrival),
            Just(Stage::Reply)
        ]
    }

    fn actor() -> impl Strategy<Value = Actor> {
        prop_oneof![
            4 => Just(town()),
            1 => Just(Actor::township("U069")),
            6 => Just(cc()),
            1 => Just(Actor::command_centre("U009")),
            6 => Just(dept()),
            2 => Just(Actor::department("U053@U068")),
            1 => Just(Actor::system("platform")),
        ]
    }

    fn limit() -> impl Strategy<Value = Limit> {
        prop_oneof![
            (1u32..90).prop_map(Limit::Minutes),
            (1u32..6).prop_map(Limit::Hours),
            (1u32..4).prop_map(Limit::WorkingDays),
        ]
    }

    fn mark() -> impl Strategy<Value = Mark> {
        prop_oneof![
            Just(Mark::Percent(50)),
            Just(Mark::Percent(80)),
            Just(Mark::Breach)
        ]
    }

    fn kind() -> impl Strategy<Value = EventKind> {
        prop_oneof![
            3 => Just(EventKind::Acknowledged),
            4 => prop_oneof![Just(DEPT), Just("U053@U068"), Just("")].prop_map(|d| EventKind::Dispatched {
                department: d.into(),
                supporting: vec![TOWN.into()],
            }),
            3 => Just(EventKind::Signed),
            2 => prop_oneof![Just("不属于本部门"), Just("")].prop_map(|r| EventKind::Returned { reason: r.into() }),
            3 => Just(EventKind::Arrived),
            3 => Just(EventKind::Replied { result: "ok".into() }),
            3 => any::<bool>().prop_map(|s| EventKind::Evaluated { satisfied: s, comment: String::new() }),
            2 => Just(EventKind::Closed),
            1 => prop::bool::weighted(0.2).prop_map(|w| if w { EventKind::Withdrawn { reason: String::new() } } else { EventKind::Signed }),
            2 => stage().prop_map(|s| EventKind::Supervised { stage: s, note: String::new() }),
            2 => (stage(), limit()).prop_map(|(s, l)| EventKind::ExtensionRequested { stage: s, extra: l, reason: "r".into() }),
            2 => (stage(), proptest::option::of(limit())).prop_map(|(s, l)| EventKind::ExtensionGranted { stage: s, extra: l }),
            1 => stage().prop_map(|s| EventKind::ExtensionDenied { stage: s, reason: String::new() }),
            2 => stage().prop_map(|s| EventKind::Paused { stage: s, reason: "wait".into() }),
            2 => stage().prop_map(|s| EventKind::Resumed { stage: s }),
            1 => (stage(), 1u16..3, mark()).prop_map(|(s, r, m)| EventKind::ReminderSent { stage: s, round: r, mark: m }),
            1 => Just(EventKind::Raised { township: TOWN.into(), matter: "M001".into(), channel: Channel::Text }),
        ]
    }

    /// The actor with the right to record `kind` (one of two departments).
    fn proper(kind: &EventKind, second_department: bool) -> Actor {
        match kind.event_type().role() {
            Role::Township => town(),
            Role::CommandCentre => cc(),
            Role::Department if second_department => Actor::department("U053@U068"),
            Role::Department => dept(),
            _ => Actor::system("platform"),
        }
    }

    fn delta() -> impl Strategy<Value = i64> {
        prop_oneof![
            6 => 0i64..120,
            2 => 0i64..3000,
            1 => -30i64..0,
        ]
    }

    /// A step: an event (minutes since the latest one, possibly negative,
    /// actor, kind, for another call), a poll of the reminders, or a look at
    /// the board.
    #[derive(Clone, Debug)]
    enum Step {
        Event(i64, Actor, EventKind, bool),
        /// An event the state accepts (picked by the first number), mostly
        /// by the actor with the right to it, with facts from the second.
        Guided(i64, u8, u16, bool, Actor),
        Poll(i64),
        Look(i64),
    }

    fn guided_step() -> impl Strategy<Value = Step> {
        prop_oneof![
            8 => (delta(), any::<u8>(), any::<u16>(), prop::bool::weighted(0.85), actor())
                .prop_map(|(d, pick, facts, right, a)| Step::Guided(d, pick, facts, right, a)),
            2 => (0i64..3000).prop_map(Step::Poll),
            1 => (-10i64..3000).prop_map(Step::Look),
        ]
    }

    /// An event of a type the call's state accepts, with varied facts.
    fn guided_event(
        call: &Call,
        m: i64,
        pick: u8,
        facts: u16,
        right: bool,
        random: &Actor,
    ) -> Option<Event> {
        let expected = call.kind().expected();
        if expected.is_empty() {
            return None;
        }
        let mut ty = expected[pick as usize % expected.len()];
        if ty == EventType::Withdrawn && facts % 5 != 0 {
            ty = expected[0];
        }
        let f = facts as usize;
        let running: Vec<Stage> = call
            .clocks()
            .iter()
            .filter(|c| c.is_running())
            .map(|c| c.stage())
            .collect();
        let stage = if f & 8 != 0 && !running.is_empty() {
            running[f % running.len()]
        } else {
            Stage::ALL[f % 3]
        };
        let clock_limit = call
            .clock(stage)
            .map(|c| c.sla().limit())
            .unwrap_or(Limit::Hours(1));
        let extra = if f & 16 != 0 {
            clock_limit.with_amount(1 + (f as u32 / 32) % 3)
        } else {
            Limit::Minutes(5)
        };
        let reason = if f % 13 == 0 { "" } else { "理由" };
        let pending = call.pending_extension().map(|p| p.stage);
        let kind = match ty {
            EventType::Acknowledged => EventKind::Acknowledged,
            EventType::Dispatched => EventKind::Dispatched {
                department: (if f % 17 == 0 {
                    ""
                } else if f & 4 != 0 {
                    "U053@U068"
                } else {
                    DEPT
                })
                .into(),
                supporting: vec![TOWN.into()],
            },
            EventType::Signed => EventKind::Signed,
            EventType::Returned => EventKind::Returned {
                reason: reason.into(),
            },
            EventType::Arrived => EventKind::Arrived,
            EventType::Replied => EventKind::Replied {
                result: "已处理".into(),
            },
            EventType::Evaluated => EventKind::Evaluated {
                satisfied: f & 1 == 0,
                comment: String::new(),
            },
            EventType::Closed => EventKind::Closed,
            EventType::Withdrawn => EventKind::Withdrawn {
                reason: String::new(),
            },
            EventType::Supervised => EventKind::Supervised {
                stage,
                note: String::new(),
            },
            EventType::ExtensionRequested => EventKind::ExtensionRequested {
                stage,
                extra,
                reason: reason.into(),
            },
            EventType::ExtensionGranted => EventKind::ExtensionGranted {
                stage: if f & 2 != 0 {
                    pending.unwrap_or(stage)
                } else {
                    stage
                },
                extra: (f & 64 != 0).then_some(extra),
            },
            EventType::ExtensionDenied => EventKind::ExtensionDenied {
                stage: pending.unwrap_or(stage),
                reason: String::new(),
            },
            EventType::Paused => EventKind::Paused {
                stage,
                reason: reason.into(),
            },
            EventType::Resumed => EventKind::Resumed { stage },
            EventType::ReminderSent => EventKind::ReminderSent {
                stage,
                round: call.clock(stage).map_or(1, |c| c.round()),
                mark: [Mark::Percent(50), Mark::Percent(80), Mark::Breach][f % 3],
            },
            _ => return None,
        };
        let actor = if right {
            match ty.role() {
                Role::Department => {
                    Actor::department(call.department().map_or(DEPT, |d| d.as_str()))
                }
                _ => proper(&kind, false),
            }
        } else {
            random.clone()
        };
        Some(ev(m, actor, kind))
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            8 => (delta(), prop::bool::weighted(0.8), prop::bool::weighted(0.2), actor(), kind(), prop::bool::weighted(0.03))
                .prop_map(|(d, right, second, a, k, other)| {
                    let a = if right { proper(&k, second) } else { a };
                    Step::Event(d, a, k, other)
                }),
            2 => (0i64..3000).prop_map(Step::Poll),
            1 => (-10i64..3000).prop_map(Step::Look),
        ]
    }

    fn run(steps: &[Step]) {
        let cal = Calendar::china();
        let p = policy();
        let mut call = Call::raise(&cal, &p, &raised(0)).unwrap();
        let mut log_events = vec![raised(0)];
        let mut now = 0i64;
        let mut sent = HashSet::new();
        for s in steps {
            match s {
                Step::Event(..) | Step::Guided(..) => {
                    let (e, m) = match s {
                        Step::Event(d, a, k, other) => {
                            let mut e = ev(now + d, a.clone(), k.clone());
                            if *other {
                                e.call = "C2".into();
                            }
                            (e, now + d)
                        }
                        Step::Guided(d, pick, facts, right, a) => {
                            match guided_event(&call, now + d, *pick, *facts, *right, a) {
                                Some(e) => (e, now + d),
                                None => continue,
                            }
                        }
                        _ => continue,
                    };
                    let before = call.clone();
                    match call.apply(&e) {
                        Ok(()) => {
                            log_events.push(e);
                            now = now.max(m);
                        }
                        Err(err) => {
                            assert_eq!(call, before, "refused {err} changed the call");
                            assert!(
                                err.code().starts_with("call.") || err.code().starts_with("clock."),
                                "{err}"
                            );
                        }
                    }
                }
                Step::Poll(d) => {
                    let m = now + d;
                    let before = call.clone();
                    match call.poll_reminders(at(m)) {
                        Ok(rs) => {
                            for r in rs {
                                assert!(sent.insert(r.id.clone()), "reminder {} twice", r.id);
                                log_events.push(r.event);
                            }
                        }
                        Err(err) => {
                            assert_eq!(call, before);
                            assert_eq!(err.code(), "call.time_backwards");
                        }
                    }
                }
                Step::Look(d) => {
                    let m = now + d;
                    match call.at(at(m)) {
                        Ok(b) => {
                            if let Some(w) = b.next_wakeup {
                                assert!(w >= at(m));
                            }
                            assert_eq!(b.alarm, call.alarm());
                        }
                        Err(err) => assert_eq!(err.code(), "call.time_backwards"),
                    }
                }
            }
        }
        // Replay of the serialized log equals the live call.
        let text = log::write(&log_events);
        let replayed = Call::replay(&cal, &p, &text).unwrap();
        assert_eq!(replayed, call);
        // Every ended clock has exactly one verdict, unless cancelled before due.
        let mut keys = HashSet::new();
        for c in call.clocks() {
            match c.verdict() {
                Some(v) => {
                    assert!(!c.is_running());
                    assert!(keys.insert((v.stage, v.round)));
                    assert_eq!(v.outcome == Outcome::Met, v.overrun == Duration::zero());
                    if v.cancelled {
                        assert_eq!(v.outcome, Outcome::Missed);
                    }
                }
                None => assert!(c.is_running() || c.is_cancelled()),
            }
        }
        assert_eq!(keys.len(), call.verdicts().count());
        // Rounds of each stage are 1, 2, … in order.
        for st in Stage::ALL {
            let rounds: Vec<u16> = call
                .clocks()
                .iter()
                .filter(|c| c.stage() == st)
                .map(|c| c.round())
                .collect();
            assert_eq!(rounds, (1..=rounds.len() as u16).collect::<Vec<_>>());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::default())]

        #[test]
        fn random_sequences_from_random_actors(steps in prop::collection::vec(step(), 0..80)) {
            run(&steps);
        }

        #[test]
        fn random_sequences_the_state_accepts(steps in prop::collection::vec(guided_step(), 0..80)) {
            run(&steps);
        }

        /// Between `now` and the next wake-up nothing shown changes; at the
        /// wake-up something does.
        #[test]
        fn next_wakeup_is_exact(steps in prop::collection::vec(step(), 0..25), probe in 0i64..6000) {
            let cal = Calendar::china();
            let mut call = Call::raise(&cal, &policy(), &raised(0)).unwrap();
            let mut now = 0i64;
            for s in &steps {
                if let Step::Event(d, a, k, _) = s {
                    if call.apply(&ev(now + d, a.clone(), k.clone())).is_ok() {
                        now = now.max(now + d);
                    }
                }
            }
            let t0 = at(now + probe);
            let shown = |b: &huying::call::CallView| {
                (
                    b.countdowns.iter().map(|c| c.light).collect::<Vec<_>>(),
                    b.reminders.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
                    b.supervise.len(),
                )
            };
            let b0 = call.at(t0).unwrap();
            match call.next_wakeup(t0).unwrap() {
                None => {
                    let later = call.at(t0 + Duration::days(30)).unwrap();
                    prop_assert_eq!(shown(&later), shown(&b0));
                }
                Some(w) if w == t0 => prop_assert!(!b0.reminders.is_empty()),
                Some(w) => {
                    prop_assert!(w > t0);
                    let before = call.at(w - Duration::seconds(1)).unwrap();
                    prop_assert_eq!(shown(&before), shown(&b0));
                    let at_w = call.at(w).unwrap();
                    prop_assert_ne!(shown(&at_w), shown(&b0));
                }
            }
        }
    }
}

// ------------------------------------------------------------------ list

mod list {
    use super::*;
    use huying::catalog::Catalog;

    #[test]
    fn a_policy_from_the_list_takes_its_command_centre_and_matter_limits() {
        let list = Catalog::sample();
        let p = CallPolicy::from_catalog(&list, &t("2025-12-01T09:00:00+08:00")).unwrap();
        assert_eq!(p.command_centre().unwrap(), "U008");
        assert_eq!(p.limit_for("M026", Stage::Arrival), Limit::Hours(2));
        assert_eq!(p.limit_for("M082", Stage::Arrival), Limit::Hours(1));
        assert_eq!(p.limit_for("M001", Stage::Arrival), Limit::Hours(3));
        // The edition replaces limits set before.
        let p = policy()
            .with_matter(
                "M001",
                SlaOverrides {
                    reply: Some(Limit::WorkingDays(9)),
                    ..Default::default()
                },
            )
            .with_edition(&list.latest());
        assert_eq!(p.limit_for("M001", Stage::Reply), Limit::WorkingDays(3));
    }

    #[test]
    fn dispatch_with_the_list_names_the_supporting_units() {
        let list = Catalog::sample();
        // The sample list is in force from 2025-07-01.
        let later = |e: &Event| {
            let mut e = e.clone();
            e.at += Duration::days(200);
            e
        };
        let call = given(&[later(&raised(0)), later(&ack(2))]);
        let at = at(10) + Duration::days(200);
        let unit = call.responsible_unit(&list, &at).unwrap();
        assert_eq!(unit, "U053@U068");
        let e = call.dispatch_event(at, cc(), &unit, Some(&list)).unwrap();
        match &e.kind {
            EventKind::Dispatched {
                department,
                supporting,
            } => {
                assert_eq!(department, &unit);
                assert!(!supporting.is_empty());
                assert!(supporting.iter().all(|s| *s != unit));
                assert!(supporting.iter().any(|s| *s == TOWN));
            }
            other => panic!("{other:?}"),
        }
        let mut call = call;
        call.apply(&e).unwrap();
        assert_eq!(call.department().unwrap(), &unit);
        assert!(call.supporting().iter().any(|s| *s == TOWN));
        // Without a list: the chosen unit and nobody else.
        let e = given(&first(2))
            .dispatch_event(at, cc(), DEPT, None)
            .unwrap();
        assert_eq!(
            e.kind,
            EventKind::Dispatched {
                department: DEPT.into(),
                supporting: vec![]
            }
        );
    }

    #[test]
    fn the_list_refuses_what_it_does_not_know() {
        let list = Catalog::sample();
        let e = Event::new(
            CALL,
            at(0),
            town(),
            EventKind::Raised {
                township: TOWN.into(),
                matter: "M999".into(),
                channel: Channel::Text,
            },
        );
        let call = Call::raise(&Calendar::china(), &policy(), &e).unwrap();
        let err = call
            .responsible_unit(&list, &t("2025-12-01T09:00:00+08:00"))
            .unwrap_err();
        assert!(err.code().starts_with("catalog."), "{}", err.code());
        let err = given(&first(1))
            .dispatch_event(t("2020-01-01T00:00:00+08:00"), cc(), DEPT, Some(&list))
            .unwrap_err();
        assert_eq!(err.code(), "catalog.before_list");
    }
}

#[test]
fn instants_at_the_ends_of_time_are_refused_not_panicked_on() {
    use chrono::{TimeZone, Utc};
    for edge in [
        DateTime::<Utc>::MAX_UTC.fixed_offset(),
        DateTime::<Utc>::MIN_UTC.fixed_offset(),
        Utc.timestamp_opt(DateTime::<Utc>::MAX_UTC.timestamp() - 3600, 0)
            .unwrap()
            .fixed_offset(),
    ] {
        let mut e = ack(0);
        e.at = edge;
        let mut call = given(&first(1));
        let before = call.clone();
        if let Err(err) = call.apply(&e) {
            assert!(!err.code().is_empty());
            assert_eq!(call, before);
        }
        let mut r = raised(0);
        r.at = edge;
        let _ = Call::raise(&Calendar::china(), &policy(), &r);
    }
}

/// The instant, type and role of a JSON line are read from their text
/// whether it is plain or escaped; anything else is a bad line.
#[test]
fn log_lines_read_escaped_and_plain_text_alike() {
    let line = |ty: &str, at: &str, role: &str| {
        format!(
            r#"{{"v":1,"type":"{ty}","call":"C1","at":"{at}","actor":{{"role":"{role}","unit":"U068"}},"township":"U068","matter":"M001","channel":"video"}}"#
        )
    };
    let plain =
        huying::call::log::read(&line("raised", "2025-06-03T09:00:00+08:00", "township")).unwrap();
    let escaped = huying::call::log::read(&line(
        "r\\u0061ised",
        "2025-06-03T09:00:00\\u002B08:00",
        "towns\\u0068ip",
    ))
    .unwrap();
    assert_eq!(plain, escaped);
    assert_eq!(plain[0].at, t("2025-06-03T09:00:00+08:00"));
    for bad in [
        line("raised", "2025-06-03T09:00:00+08:00", "mayor"),
        line("rised", "2025-06-03T09:00:00+08:00", "township"),
        line("raised", "2025-06-03 nine o'clock", "township"),
        line("raised", "2025-06-03T09:00:00+08:00", "township")
            .replace(r#""role":"township""#, r#""role":3"#),
        line("raised", "2025-06-03T09:00:00+08:00", "township")
            .replace(r#""at":"2025-06-03T09:00:00+08:00""#, r#""at":20250603"#),
    ] {
        let err = huying::call::log::read(&bad).unwrap_err();
        assert_eq!(err.code(), "call.bad_event", "{bad}");
    }
}

/// The events of `calls` generated calls, call by call.
fn generated_histories(calls: u64) -> Vec<Vec<Event>> {
    use huying::compliance::generate::{Generator, GeneratorConfig};
    let g = Generator::new(
        &huying::catalog::Catalog::sample(),
        &Calendar::china(),
        GeneratorConfig {
            calls,
            ..GeneratorConfig::default()
        },
    )
    .unwrap();
    let mut by_call: std::collections::BTreeMap<huying::Id, Vec<Event>> = Default::default();
    for e in g.events() {
        by_call.entry(e.call.clone()).or_default().push(e);
    }
    by_call.into_values().collect()
}

/// A call's state, kept as a kind and a unit, is at every step the state
/// `State::next` gives for the events it accepted; a refused event changes
/// neither (generated histories, and each with its events shuffled so that
/// many are refused).
#[test]
fn the_call_state_is_state_next() {
    use huying::call::State;
    let cal = Calendar::china();
    let policy = CallPolicy::new("U008");
    let (mut steps, mut refused, mut kinds) = (0, 0, std::collections::BTreeSet::new());
    for (i, history) in generated_histories(400).iter().enumerate() {
        let mut events = history.clone();
        if i % 2 == 1 {
            // A fixed shuffle of all but the raise.
            let n = events.len();
            for k in 1..n {
                events.swap(k, 1 + (k * 7 + i) % (n - 1).max(1));
            }
        }
        let Ok(mut call) = Call::raise(&cal, &policy, &events[0]) else {
            continue;
        };
        let mut state = State::Raised;
        for e in &events[1..] {
            let before = call.clone();
            match call.apply(e) {
                Ok(()) => state = state.next(&e.kind, &e.actor.unit),
                Err(_) => {
                    refused += 1;
                    assert_eq!(call, before, "a refused event changed the call: {e:?}");
                }
            }
            assert_eq!(call.state(), state, "{e:?}");
            assert_eq!(call.kind(), state.kind());
            assert_eq!(call.department(), state.department());
            kinds.insert(state.kind());
            steps += 1;
        }
    }
    assert!(steps > 2000 && refused > 200, "{steps} {refused}");
    assert!(kinds.len() >= 9, "{kinds:?}");
}
