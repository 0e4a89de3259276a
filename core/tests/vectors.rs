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
    let cal = Calendar::china();
    for case in cases(&load("calendar.json"), "day_kind") {
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
