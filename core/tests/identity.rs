//! Who may act as whom (issue: identity is self-declared): given a policy,
//! when a unit acts in a part, then it is accepted or refused with its code.
//! With the list, every identity is checked against it; with only the
//! command centre named, the command centre is; trusting everyone exists
//! only under that name, and a report made without a list says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use chrono::{DateTime, Duration, FixedOffset};
use huying::calendar::Calendar;
use huying::call::{Actor, Call, CallPolicy, Channel, Event, EventKind, StateKind};
use huying::catalog::Catalog;
use huying::compliance::{Replay, ReportConfig};

const TOWN: &str = "U068"; // 南城镇
const OTHER_TOWN: &str = "U069";
const CC: &str = "U008"; // the command centre
const DEPT: &str = "U010";
const AGENCY: &str = "U053@U068"; // the natural resources office in 南城镇

fn at(min: i64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00").unwrap() + Duration::minutes(min)
}

fn listed() -> CallPolicy {
    CallPolicy::from_catalog(&Catalog::sample(), &at(0)).unwrap()
}

fn raise_as(actor: Actor, township: &str, matter: &str) -> Event {
    Event::new(
        "C1",
        at(0),
        actor,
        EventKind::Raised {
            township: township.into(),
            matter: matter.into(),
            channel: Channel::Text,
        },
    )
}

fn raised(policy: &CallPolicy, matter: &str) -> Call {
    Call::raise(
        &Calendar::china(),
        policy,
        &raise_as(Actor::township(TOWN), TOWN, matter),
    )
    .unwrap()
}

fn dispatch(to: &str, supporting: &[&str]) -> Event {
    Event::new(
        "C1",
        at(5),
        Actor::command_centre(CC),
        EventKind::Dispatched {
            department: to.into(),
            supporting: supporting.iter().map(|s| (*s).into()).collect(),
        },
    )
}

fn refusal(policy: &CallPolicy, e: &Event) -> String {
    Call::raise(&Calendar::china(), policy, e)
        .unwrap_err()
        .code()
        .to_string()
}

/// A territorial matter of the sample list (the township holds the primary duty).
fn territorial() -> String {
    let list = Catalog::sample();
    list.as_of(&at(0))
        .unwrap()
        .matters()
        .find(|m| m.is_territorial())
        .unwrap()
        .id
        .clone()
}

#[test]
fn with_the_list_only_a_township_raises_and_only_about_a_matter_in_force() {
    let p = listed();
    // Given the sample list, when a department raises as "township U010": wrong role.
    assert_eq!(
        refusal(&p, &raise_as(Actor::township(DEPT), DEPT, "M001")),
        "call.wrong_role"
    );
    // The command centre raising as a township: wrong role.
    assert_eq!(
        refusal(&p, &raise_as(Actor::township(CC), CC, "M001")),
        "call.wrong_role"
    );
    // A unit not on the list.
    assert_eq!(
        refusal(&p, &raise_as(Actor::township("XYZ"), "XYZ", "M001")),
        "call.unknown_unit"
    );
    // A matter not on the list in force.
    assert_eq!(
        refusal(&p, &raise_as(Actor::township(TOWN), TOWN, "M999")),
        "call.unknown_matter"
    );
    // M101 is added by the revision of 2026-03-01: not yet in force in December 2025.
    assert_eq!(
        refusal(&p, &raise_as(Actor::township(TOWN), TOWN, "M101")),
        "call.unknown_matter"
    );
    // A township in its own name, about a matter on the list: accepted.
    let call = raised(&p, "M001");
    assert_eq!(call.kind(), StateKind::Raised);
    let err = Call::raise(
        &Calendar::china(),
        &p,
        &raise_as(Actor::township("XYZ"), "XYZ", "M001"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("XYZ"), "{err}");
}

#[test]
fn with_the_list_a_call_goes_only_to_a_unit_that_answers_calls() {
    let p = listed();
    let cases: [(&str, &[&str], Option<&str>); 6] = [
        ("ZZZ", &[], Some("call.unknown_unit")),
        (CC, &[], Some("call.wrong_role")),
        (OTHER_TOWN, &[], Some("call.wrong_role")),
        // The raising township itself, for a matter that is not territorial.
        (TOWN, &[], Some("call.wrong_role")),
        (DEPT, &["NOBODY"], Some("call.unknown_unit")),
        (AGENCY, &[TOWN], None),
    ];
    for (to, supporting, want) in cases {
        let mut call = raised(&p, "M001");
        let before = call.clone();
        let got = call
            .apply(&dispatch(to, supporting))
            .err()
            .map(|e| e.code().to_string());
        assert_eq!(got.as_deref(), want, "dispatch to {to} {supporting:?}");
        if want.is_some() {
            assert_eq!(call, before, "a refusal changes nothing");
        }
    }
    // For a territorial matter the township that raised it answers it.
    let mut call = raised(&p, &territorial());
    call.apply(&dispatch(TOWN, &[])).unwrap();
    assert_eq!(call.kind(), StateKind::Dispatched);
    // ... but not another township.
    let mut call = raised(&p, &territorial());
    assert_eq!(
        call.apply(&dispatch(OTHER_TOWN, &[])).unwrap_err().code(),
        "call.wrong_role"
    );
}

#[test]
fn with_the_list_only_its_command_centre_acts_as_one() {
    let p = listed();
    let mut call = raised(&p, "M001");
    let as_cc = |unit: &str| {
        Event::new(
            "C1",
            at(2),
            Actor::command_centre(unit),
            EventKind::Acknowledged,
        )
    };
    assert_eq!(
        call.apply(&as_cc(DEPT)).unwrap_err().code(),
        "call.not_authorized"
    );
    assert_eq!(
        call.apply(&as_cc(TOWN)).unwrap_err().code(),
        "call.not_authorized"
    );
    call.apply(&as_cc(CC)).unwrap();
}

#[test]
fn with_only_the_command_centre_named_it_neither_raises_nor_answers() {
    let p = CallPolicy::new(CC);
    assert!(p.list().is_none() && !p.trusts_everyone());
    assert_eq!(
        refusal(&p, &raise_as(Actor::township(CC), CC, "M001")),
        "call.wrong_role"
    );
    let mut call = raised(&p, "M001");
    // A township acknowledging its own call: only the command centre may.
    let ack = Event::new(
        "C1",
        at(1),
        Actor::command_centre(TOWN),
        EventKind::Acknowledged,
    );
    assert_eq!(call.apply(&ack).unwrap_err().code(), "call.not_authorized");
    assert_eq!(
        call.apply(&dispatch(CC, &[])).unwrap_err().code(),
        "call.wrong_role"
    );
    call.apply(&dispatch(DEPT, &[])).unwrap();
}

/// The case: with nobody checked, a township acknowledges,
/// dispatches to itself, replies and evaluates its own call.
fn self_served() -> Vec<Event> {
    let town = |role| Actor {
        role,
        unit: TOWN.into(),
    };
    use huying::call::Role;
    vec![
        raise_as(Actor::township(TOWN), TOWN, "M001"),
        Event::new(
            "C1",
            at(1),
            town(Role::CommandCentre),
            EventKind::Acknowledged,
        ),
        Event::new(
            "C1",
            at(2),
            town(Role::CommandCentre),
            EventKind::Dispatched {
                department: TOWN.into(),
                supporting: vec![],
            },
        ),
        Event::new("C1", at(3), town(Role::Department), EventKind::Signed),
        Event::new("C1", at(4), town(Role::Department), EventKind::Arrived),
        Event::new(
            "C1",
            at(5),
            town(Role::Department),
            EventKind::Replied {
                result: "done".into(),
            },
        ),
        Event::new(
            "C1",
            at(6),
            Actor::township(TOWN),
            EventKind::Evaluated {
                satisfied: true,
                comment: String::new(),
            },
        ),
    ]
}

#[test]
fn trusting_everyone_is_a_policy_of_its_own_name() {
    let cal = Calendar::china();
    let events = self_served();
    // Only a policy that says it trusts everyone takes this history...
    let call = Call::from_events(&cal, &CallPolicy::trust_everyone(), &events).unwrap();
    assert_eq!(call.kind(), StateKind::Evaluated);
    // ... a named command centre or the list refuse it at the first step that is not the township's.
    for p in [CallPolicy::new(CC), listed()] {
        let err = Call::from_events(&cal, &p, &events).unwrap_err();
        assert_eq!(err.code(), "call.not_authorized", "{err}");
        assert!(err.to_string().contains("acknowledged"), "{err}");
    }
}

#[test]
fn a_report_with_the_list_refuses_false_identities_and_one_without_says_it_did_not_check() {
    let cal = Calendar::china();
    let mut text = String::new();
    for e in self_served() {
        text.push_str(&huying::call::log::write(&[e]));
    }
    // With the list: the self-served call stops at its first false step;
    // the later lines are bad lines of a call that is not taken further.
    let list = Catalog::sample();
    let mut r = Replay::new(&cal, Some(&list), ReportConfig::new(None)).unwrap();
    r.read_json_lines(text.as_bytes()).unwrap();
    let report = r.finish();
    assert_eq!(report.input.bad_lines[0].line, 2);
    assert_eq!(report.input.bad_lines[0].code, "call.not_authorized");
    assert_eq!(report.total.calls, 1);
    assert!(
        !report
            .to_text(huying::Lang::En)
            .contains("were not checked")
    );
    // Without a list, the report takes the events as they are, and says so.
    let mut r = Replay::new(&cal, None, ReportConfig::new(None)).unwrap();
    r.read_json_lines(text.as_bytes()).unwrap();
    let report = r.finish();
    assert!(report.input.bad_lines.is_empty());
    assert!(
        report
            .to_text(huying::Lang::En)
            .contains("identities were not checked")
    );
    assert!(report.to_text(huying::Lang::Zh).contains("身份未经核验"));
}
