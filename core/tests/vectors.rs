//! The shared test vectors in `tests/vectors/` (repository root): inputs and
//! expected outputs or error codes that the Python binding's tests
//! (`bindings-python/tests/test_vectors.py`) run too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate};
use serde_json::Value;

use huying::Lang;
use huying::calendar::Calendar;
use huying::sla::{DayEnd, Limit};

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(v["version"], 1, "{name}: unknown vector version");
    v
}

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap()
}

fn cases<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    let list = v[key].as_array().unwrap_or_else(|| panic!("no {key} list"));
    assert!(!list.is_empty(), "{key}: no cases");
    list
}

/// Checks a result against a case: `expected` (compared by `same`) or `error` (a code).
fn check<T: std::fmt::Debug>(
    case: &Value,
    got: Result<T, huying::Error>,
    same: impl Fn(&T, &Value) -> bool,
) {
    match (case.get("error"), got) {
        (Some(code), Err(e)) => assert_eq!(e.code(), code.as_str().unwrap(), "{case}"),
        (Some(code), Ok(v)) => panic!("{case}: expected error {code}, got {v:?}"),
        (None, Ok(v)) => assert!(same(&v, &case["expected"]), "{case}: got {v:?}"),
        (None, Err(e)) => panic!("{case}: unexpected error {e}"),
    }
}

#[test]
fn calendar_is_working_day() {
    let cal = Calendar::china();
    for case in cases(&load("calendar.json"), "is_working_day") {
        let got = cal
            .is_working_day(date(&case["date"]))
            .map_err(huying::Error::from);
        check(case, got, |v, want| Some(*v) == want.as_bool());
    }
}

#[test]
fn calendar_add_working_days() {
    let cal = Calendar::china();
    for case in cases(&load("calendar.json"), "add_working_days") {
        let n = case["n"].as_i64().unwrap();
        let got = cal
            .add_working_days(date(&case["date"]), n)
            .map_err(huying::Error::from);
        check(case, got, |v, want| *v == date(want));
        // The day-number fast path agrees.
        let unix = |d: NaiveDate| (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
        let fast = cal
            .add_working_days_unix(unix(date(&case["date"])), n)
            .map_err(huying::Error::from);
        check(case, fast, |v, want| *v == unix(date(want)));
    }
}

#[test]
fn calendar_working_days_between() {
    let cal = Calendar::china();
    for case in cases(&load("calendar.json"), "working_days_between") {
        let got = cal
            .working_days_between(date(&case["a"]), date(&case["b"]))
            .map_err(huying::Error::from);
        check(case, got, |v, want| Some(*v) == want.as_i64());
    }
}

#[test]
fn calendar_day_kind() {
    day_kinds("calendar.json");
}

/// Every holiday period boundary of 2004–2026, and every working day in
/// lieu (`holidays.json`, generated from the official data).
#[test]
fn holiday_period_boundaries() {
    let v = load("holidays.json");
    assert!(v["periods"].as_u64().unwrap() >= 140, "too few periods");
    day_kinds("holidays.json");
    // The answer to is_working_day agrees with the kind.
    let cal = Calendar::china();
    for case in cases(&v, "day_kind") {
        let working = matches!(
            case["expected"].as_str().unwrap(),
            "working_day" | "working_day_in_lieu"
        );
        assert_eq!(
            cal.is_working_day(date(&case["date"])).unwrap(),
            working,
            "{case}"
        );
    }
}

fn day_kinds(file: &str) {
    let cal = Calendar::china();
    for case in cases(&load(file), "day_kind") {
        let got = cal
            .day_kind(date(&case["date"]))
            .map_err(huying::Error::from);
        check(case, got, |k, want| {
            let festival_ok = match (k.festival(), case.get("festival_zh")) {
                (Some(f), Some(zh)) => {
                    f.name_zh == zh.as_str().unwrap()
                        && f.name_en == case["festival_en"].as_str().unwrap()
                }
                (None, None) => true,
                _ => false,
            };
            Some(k.code()) == want.as_str() && festival_ok
        });
    }
}

#[test]
fn deadlines() {
    for case in cases(&load("deadlines.json"), "cases") {
        let mut cal = Calendar::china();
        if let Some(s) = case.get("schedule") {
            cal = cal
                .with_schedule(s.as_str().unwrap().parse().unwrap())
                .unwrap();
        }
        let policy = match case.get("policy").and_then(Value::as_str) {
            None | Some("midnight") => DayEnd::Midnight,
            Some("close_of_business") => DayEnd::CloseOfBusiness,
            Some(other) => panic!("unknown policy {other}"),
        };
        let start = DateTime::parse_from_rfc3339(case["start"].as_str().unwrap()).unwrap();
        let got = case["limit"]
            .as_str()
            .unwrap()
            .parse::<Limit>()
            .map_err(huying::Error::from)
            .and_then(|limit| Ok(cal.deadline_with(start, &limit, policy)?));
        let Some(want) = case.get("expected_due") else {
            check(case, got, |_, _| false);
            continue;
        };
        let d = got.unwrap_or_else(|e| panic!("{case}: unexpected error {e}"));
        assert_eq!(d.due().to_rfc3339(), want.as_str().unwrap(), "{case}");
        assert_eq!(d.due_text(), case["due_text"].as_str().unwrap(), "{case}");
        // The epoch-seconds fast path agrees.
        let fast = cal
            .due_epoch_secs(start.timestamp(), &d.limit(), policy)
            .unwrap();
        assert_eq!(fast, d.due().timestamp(), "{case}");
        for (key, lang) in [("explain_en", Lang::En), ("explain_zh", Lang::Zh)] {
            let text = d.explain(lang);
            for snippet in case
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                assert!(
                    text.contains(snippet.as_str().unwrap()),
                    "{case}: {key} lacks {snippet}:\n{text}"
                );
            }
        }
    }
}

fn instant(v: &Value) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap()
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str()
}

/// `resolve`, `admit` and `accountable` on the sample list.
#[test]
fn catalog_rules() {
    use huying::catalog::{Breach, Catalog, DutyKind, Task};
    let v = load("catalog.json");
    assert_eq!(v["catalog"], "sample");
    let c = Catalog::sample();
    for case in cases(&v, "resolve") {
        let got = c
            .resolve(
                case["matter"].as_str().unwrap(),
                case["township"].as_str().unwrap(),
                &instant(&case["at"]),
            )
            .map_err(huying::Error::from);
        check(case, got, |r, want| {
            let supporting: Vec<Value> = r
                .supporting()
                .iter()
                .map(|(u, d)| {
                    serde_json::json!({
                        "unit": u.id,
                        "kinds": d.kinds.iter().map(|k| k.code()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            r.edition.id() == want["edition"]
                && r.primary.id == want["primary"]
                && r.department.map(|d| d.id.as_str()) == opt_str(&want["department"])
                && Value::from(supporting) == want["supporting"]
        });
    }
    for case in cases(&v, "admit") {
        let task = Task {
            from: case["from"].as_str().unwrap(),
            township: case["township"].as_str().unwrap(),
            matter: case["matter"].as_str(),
            duty: case["duty"].as_str().unwrap().parse::<DutyKind>().unwrap(),
        };
        let got = c
            .admit(&task, &instant(&case["at"]))
            .map_err(huying::Error::from);
        check(case, got, |a, want| {
            a.decision.code() == want["decision"]
                && a.reason.code() == want["reason"]
                && a.edition == want["edition"]
        });
    }
    for case in cases(&v, "accountable") {
        let breach = case["breach"].as_str().unwrap().parse::<Breach>().unwrap();
        let got = c
            .accountable(
                case["matter"].as_str().unwrap(),
                case["township"].as_str().unwrap(),
                breach,
                &instant(&case["at"]),
            )
            .map_err(huying::Error::from);
        check(case, got, |a, want| {
            let units: Vec<&str> = a.units.iter().map(|u| u.id.as_str()).collect();
            Value::from(units) == want["units"]
                && a.department.map(|d| d.id.as_str()) == opt_str(&want["department"])
                && a.edition.id() == want["edition"]
        });
    }
}

/// Call event sequences: states after each event, refusals, and what
/// `Call::at` shows (`calls.json`).
#[test]
fn call_sequences() {
    use huying::call::{Call, CallPolicy, Event};
    let v = load("calls.json");
    assert_eq!(v["policy"]["command_centre"], "U008");
    let cal = Calendar::china();
    let policy = CallPolicy::new("U008");
    let event = |e: &Value| Event::from_json_line(&e.to_string()).unwrap();
    for case in cases(&v, "cases") {
        let name = case["name"].as_str().unwrap();
        let steps = case["steps"].as_array().unwrap();
        let mut call = Call::raise(&cal, &policy, &event(&steps[0]["event"])).unwrap();
        assert_eq!(call.kind().code(), steps[0]["state"], "{name}");
        for step in &steps[1..] {
            if let Some(e) = step.get("event") {
                let before = call.clone();
                let got = call.apply(&event(e)).map(|()| call.kind().code());
                check(step, got.map_err(huying::Error::from), |_, _| true);
                match step.get("state") {
                    Some(s) => assert_eq!(call.kind().code(), s, "{name}: {step}"),
                    None => assert_eq!(call, before, "{name}: a refusal changed the call"),
                }
                continue;
            }
            let want = &step["expected"];
            let b = call.at(instant(&step["at"])).unwrap();
            assert_eq!(b.state.code(), want["state"], "{name}: {step}");
            assert_eq!(Value::from(b.alarm), want["alarm"], "{name}: {step}");
            let countdowns: serde_json::Map<String, Value> = b
                .countdowns
                .iter()
                .map(|c| {
                    (
                        c.stage.code().to_string(),
                        serde_json::json!({
                            "light": c.light.code(),
                            "due": c.due.map(|d| d.timestamp()),
                            "round": c.round,
                        }),
                    )
                })
                .collect();
            let want_countdowns: serde_json::Map<String, Value> = want["countdowns"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, c)| {
                    let mut c = c.clone();
                    c["due"] = instant(&c["due"]).timestamp().into();
                    (k.clone(), c)
                })
                .collect();
            assert_eq!(countdowns, want_countdowns, "{name}: {step}");
            let reminders: Vec<&str> = b.reminders.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(Value::from(reminders), want["reminders"], "{name}: {step}");
            let wake = b.next_wakeup.map(|t| t.timestamp());
            let want_wake = want["next_wakeup"]
                .as_str()
                .map(|_| instant(&want["next_wakeup"]).timestamp());
            assert_eq!(wake, want_wake, "{name}: {step}");
        }
    }
}

/// The value at a dotted path in a JSON value (`length`: an array's length).
fn at_path(v: &Value, path: &str) -> Value {
    let mut cur = v;
    for key in path.split('.') {
        if key == "length" {
            if let Some(a) = cur.as_array() {
                return Value::from(a.len());
            }
        }
        cur = match key.parse::<usize>() {
            Ok(i) if cur.is_array() => &cur[i],
            _ => &cur[key],
        };
    }
    cur.clone()
}

/// Equal JSON values, numbers within 1e-9.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_json(v, w))
        }
        _ => a == b,
    }
}

/// Small compliance reports (`compliance.json`).
#[test]
fn compliance_reports() {
    use huying::catalog::Catalog;
    use huying::compliance::{Dimension, Replay, ReportConfig};
    let v = load("compliance.json");
    for case in cases(&v, "cases") {
        let name = case["name"].as_str().unwrap();
        let list = match case["catalog"].as_str() {
            Some("sample") => Some(Catalog::sample()),
            None => None,
            Some(other) => panic!("unknown list {other}"),
        };
        let by: Vec<Dimension> = case["by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap().parse().unwrap())
            .collect();
        let as_of = case["as_of"].as_str().map(|_| instant(&case["as_of"]));
        let mut r = Replay::new(
            &Calendar::china(),
            list.as_ref(),
            ReportConfig::new(as_of).by(&by),
        )
        .unwrap();
        let text: Vec<&str> = case["log"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        r.read_json_lines(text.join("\n").as_bytes()).unwrap();
        let report = serde_json::to_value(r.finish()).unwrap();
        for pair in case["expected"].as_array().unwrap() {
            let path = pair[0].as_str().unwrap();
            let got = at_path(&report, path);
            assert!(
                same_json(&got, &pair[1]),
                "{name}: {path} is {got}, expected {}",
                pair[1]
            );
        }
    }
}

/// One error case of errors.json, done: the error it fails with.
fn error_case(case: &Value) -> huying::Error {
    use huying::call::{Call, CallPolicy, log};
    use huying::catalog::Catalog;
    use huying::compliance::{Dimension, Replay, ReportConfig};
    let s = |k: &str| case[k].as_str().unwrap();
    let policy = || CallPolicy::new(s("policy"));
    let mut cal = Calendar::china();
    let r: Result<(), huying::Error> = match s("op") {
        "is_working_day" => cal
            .is_working_day(date(&case["date"]))
            .map(drop)
            .map_err(Into::into),
        "extend_from_tsv" => cal.extend_from_tsv(s("text"), "vector").map_err(Into::into),
        "extend_from_notice" => cal
            .extend_from_notice(s("text"))
            .map(drop)
            .map_err(Into::into),
        "deadline" => s("limit")
            .parse::<Limit>()
            .map_err(huying::Error::from)
            .and_then(|l| {
                cal.deadline(instant(&case["start"]), &l)
                    .map(drop)
                    .map_err(Into::into)
            }),
        "schedule" => s("text")
            .parse::<huying::hours::Schedule>()
            .map(drop)
            .map_err(Into::into),
        "limit" => s("text").parse::<Limit>().map(drop).map_err(Into::into),
        "catalog_json" => Catalog::from_json("vector.json", s("text"))
            .map(drop)
            .map_err(Into::into),
        "resolve" => Catalog::sample()
            .resolve(s("matter"), s("township"), &instant(&case["at"]))
            .map(drop)
            .map_err(Into::into),
        "call" => {
            let events: Vec<huying::call::Event> = case["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| serde_json::from_value(e.clone()).unwrap())
                .collect();
            Call::from_events(&cal, &policy(), &events)
                .map(drop)
                .map_err(Into::into)
        }
        "call_log" => Call::replay(&cal, &policy(), s("text"))
            .map(drop)
            .map_err(Into::into),
        "policy_warning" => policy()
            .with_warning(case["fraction"].as_f64().unwrap())
            .map(drop)
            .map_err(Into::into),
        "report" => {
            let by: Vec<Dimension> = case["by"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap().parse().unwrap())
                .collect();
            Replay::new(&cal, None, ReportConfig::new(None).by(&by))
                .map(drop)
                .map_err(Into::into)
        }
        other => panic!("unknown op {other}"),
    };
    let _ = log::EXAMPLE;
    r.expect_err(s("name"))
}

#[test]
fn errors_have_their_code_and_family() {
    let v = load("errors.json");
    let mut kinds = std::collections::BTreeSet::new();
    for case in cases(&v, "cases") {
        let err = error_case(case);
        let name = case["name"].as_str().unwrap();
        assert_eq!(err.code(), case["code"].as_str().unwrap(), "{name}: {err}");
        assert_eq!(err.kind().name(), case["kind"].as_str().unwrap(), "{name}");
        kinds.insert(err.kind().name());
    }
    assert!(kinds.len() >= 12, "{kinds:?}");
}

/// The vector files: each is run by this suite (and by pytest and node).
#[test]
fn every_vector_file_is_run_here() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "calendar.json",
            "calls.json",
            "catalog.json",
            "compliance.json",
            "deadlines.json",
            "errors.json",
            "holidays.json"
        ]
    );
}
