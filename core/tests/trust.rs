//! Logs lose nothing silently (issue 24): each finding, given / when / then,
//! and the property that a report's input section accounts for every line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use huying::calendar::Calendar;
use huying::call::log;
use huying::catalog::Catalog;
use huying::compliance::generate::{Generator, GeneratorConfig};
use huying::compliance::{InputStats, OnError, Replay, Report, ReportConfig};
use proptest::prelude::*;

fn replay_jsonl(text: &str) -> Report {
    let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None)).unwrap();
    r.read_json_lines(text.as_bytes()).unwrap();
    r.finish()
}

fn replay_csv(text: &[u8]) -> Report {
    let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None)).unwrap();
    r.read_csv(text).unwrap();
    r.finish()
}

fn codes(i: &InputStats) -> Vec<(u64, &str)> {
    i.bad_lines
        .iter()
        .map(|b| (b.line, b.code.as_str()))
        .collect()
}

/// Every line of the input, once: blank, applied, after `as_of`, or bad.
fn adds_up(i: &InputStats) -> bool {
    i.lines == i.blank + i.applied + i.after_as_of + i.skipped
}

/// A generated log of `calls` calls, as JSON lines.
fn generated(calls: u64) -> String {
    let g = Generator::new(
        &Catalog::sample(),
        &Calendar::china(),
        GeneratorConfig {
            calls,
            ..GeneratorConfig::default()
        },
    )
    .unwrap();
    let mut out = Vec::new();
    g.write_json_lines(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn csv_of(jsonl: &str) -> Vec<u8> {
    let mut out = Vec::new();
    log::csv::write(log::read(jsonl).unwrap(), &mut out).unwrap();
    out
}

#[test]
fn a_bom_at_the_start_of_a_json_lines_log_is_dropped() {
    // Given a log saved with a byte order mark, when it is replayed or read,
    // then its first `raised` is read like any line.
    let text = format!("\u{feff}{}", log::EXAMPLE);
    let report = replay_jsonl(&text);
    assert_eq!(report.input.skipped, 0, "{:?}", report.input.bad_lines);
    assert_eq!(report.total.calls, 1);
    assert_eq!(report.total.status.met, 1);
    assert_eq!(log::read(&text).unwrap().len(), 8);
    // A BOM anywhere else is no line ending's business: the line is bad.
    let inner = log::EXAMPLE.replacen("\n{", "\n\u{feff}{", 1);
    assert_eq!(codes(&replay_jsonl(&inner).input), [(2, "call.bad_event")]);
}

#[test]
fn a_bom_at_the_start_of_a_csv_log_is_dropped() {
    let mut text = b"\xef\xbb\xbf".to_vec();
    text.extend(csv_of(log::EXAMPLE));
    let report = replay_csv(&text);
    assert_eq!(report.input.skipped, 0);
    assert_eq!(report.total.status.met, 1);
}

#[test]
fn an_unterminated_quote_costs_its_row_not_the_rest_of_the_file() {
    // Given a 50-call CSV log with one row whose text opens a quote it never
    // closes, when it is replayed, then that row is one bad line at its line
    // and every other row is judged.
    let jsonl = generated(50);
    let csv = String::from_utf8(csv_of(&jsonl)).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    let events = rows.len() as u64 - 1;
    // A `replied` row: its text column gets a stray quote.
    let k = rows.iter().position(|r| r.contains(",replied,")).unwrap();
    let mut broken: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    broken[k] = broken[k].replacen(",replied,", ",replied,\"", 1);
    let text = broken.join("\n") + "\n";
    let clean = replay_csv(csv.as_bytes());
    let report = replay_csv(text.as_bytes());
    let line = k as u64 + 1;
    let bad = codes(&report.input);
    assert_eq!(
        bad[0],
        (line, "call.bad_event"),
        "{:?}",
        report.input.bad_lines
    );
    assert!(report.input.bad_lines[0].message.contains("never closed"));
    // The call's later events are refused or unknown (it lost its reply), but
    // every line is there: read, and accounted for.
    assert_eq!(report.input.lines, events + 1);
    assert_eq!(report.input.events, events - 1);
    assert!(adds_up(&report.input), "{:?}", report.input);
    assert_eq!(report.total.calls, clean.total.calls);
    // Under `fail`, it stops there.
    let mut strict = Replay::new(&Calendar::china(), None, ReportConfig::new(None))
        .unwrap()
        .on_error(OnError::Fail);
    let err = strict.read_csv(text.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "compliance.bad_line");
    assert!(err.to_string().contains(&format!("line {line}")), "{err}");
}

#[test]
fn quoted_text_may_span_lines() {
    // A reply whose text holds line breaks is one row over three lines.
    let mut events = log::read(log::EXAMPLE).unwrap();
    if let huying::call::EventKind::Replied { result } = &mut events[5].kind {
        *result = "first line\nsecond, with a \"quote\"\nthird".into();
    } else {
        panic!("event 6 is the reply");
    }
    let mut csv = Vec::new();
    log::csv::write(&events, &mut csv).unwrap();
    assert_eq!(log::csv::read(csv.as_slice()).unwrap(), events);
    let report = replay_csv(&csv);
    assert_eq!(report.input.skipped, 0);
    assert_eq!(report.input.lines, 1 + 8 + 2);
    assert_eq!(report.input.blank, 1 + 2); // the header, two continuations
    assert!(adds_up(&report.input));
}

#[test]
fn a_closed_call_raised_again_is_a_bad_line_not_a_second_call() {
    // Given a log whose call is closed, when the same id is raised again,
    // then the raise is a bad line `call.duplicate_id` and the report counts
    // one call.
    let first = log::EXAMPLE.lines().next().unwrap();
    let again = first.replace("2025-06-03T09:00:00", "2025-06-04T09:00:00");
    let text = format!("{}{again}\n", log::EXAMPLE);
    let report = replay_jsonl(&text);
    assert_eq!(report.total.calls, 1);
    assert_eq!(codes(&report.input), [(9, "call.duplicate_id")]);
    assert!(report.input.bad_lines[0].message.contains("closed"));
    // And while open, the same.
    let two = format!("{first}\n{}\n", first.replace("09:00:00", "09:01:00"));
    assert_eq!(codes(&replay_jsonl(&two).input), [(2, "call.duplicate_id")]);
}

#[test]
fn a_duplicate_event_id_is_refused_and_applied_once() {
    // Given an event delivered twice (the same event id), when the log is
    // replayed, then the second copy is a bad line `call.duplicate_event`.
    let lines: Vec<&str> = log::EXAMPLE.lines().collect();
    // The supervision of a late stage would count twice; here a reminder-free
    // copy of `signed` (E4) comes again after it.
    let mut text: Vec<&str> = lines[..4].to_vec();
    text.push(lines[3]);
    text.extend(&lines[4..]);
    let text = text.join("\n") + "\n";
    let report = replay_jsonl(&text);
    assert_eq!(codes(&report.input), [(5, "call.duplicate_event")]);
    assert_eq!(report.input.applied, 8);
    assert_eq!(report.total.status.met, 1);
    // The same id on another call's event is no duplicate of it.
    let other = log::EXAMPLE.replace("C2025-0001", "C2025-0002");
    let both = format!("{}{other}", log::EXAMPLE);
    assert_eq!(replay_jsonl(&both).input.skipped, 0);
}

#[test]
fn a_line_over_the_limit_is_a_bad_line_and_reading_goes_on() {
    // Given a log with a 10 MiB line without a newline in it, when it is
    // replayed with a 1 MiB limit, then the line is bad, named by its length,
    // and the events after it are judged.
    let mut text = "{\"type\":\"raised\",\"x\":\"".to_string();
    text.push_str(&"y".repeat(10 << 20));
    text.push('\n');
    text.push_str(log::EXAMPLE);
    for csv in [false, true] {
        let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))
            .unwrap()
            .max_line_bytes(1 << 20);
        if csv {
            let mut t = String::from_utf8(csv_of(log::EXAMPLE)).unwrap();
            t.insert_str(
                t.find('\n').unwrap() + 1,
                &format!("{}\n", "z".repeat(10 << 20)),
            );
            r.read_csv(t.as_bytes()).unwrap();
        } else {
            r.read_json_lines(text.as_bytes()).unwrap();
        }
        let report = r.finish();
        let line = if csv { 2 } else { 1 };
        assert_eq!(codes(&report.input), [(line, "call.bad_event")]);
        assert!(
            report.input.bad_lines[0]
                .message
                .contains("over the limit of 1048576 bytes")
        );
        assert_eq!(report.total.status.met, 1);
        assert!(adds_up(&report.input));
    }
}

#[test]
fn a_duplicate_key_in_a_list_is_an_error_with_its_path() {
    // Given a list whose first domain names itself twice, when it is loaded,
    // then the load fails naming the key and where it is.
    let json = Catalog::sample().to_json();
    let twice = json.replacen(
        "\"name_zh\":",
        "\"name_zh\": \"另一个名字\", \"name_zh\":",
        1,
    );
    let err = Catalog::from_json("list.json", &twice).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.code.code(), "catalog.parse");
    assert_eq!(p.field, "domains[0].name_zh");
    assert!(
        p.message_en.contains("appears twice in domains[0]"),
        "{}",
        p.message_en
    );
    let top = json.replacen("\"title_zh\":", "\"title_zh\": \"X\", \"title_zh\":", 1);
    let err = Catalog::from_json("list.json", &top).unwrap_err();
    assert_eq!(err.problems()[0].field, "title_zh");
}

/// Damage to a log: each kind of line a careless operator or a bad export
/// produces.
#[derive(Clone, Debug)]
enum Damage {
    Blank,
    Garbage,
    Truncate,
    Repeat,
    StrayQuote,
    Drop,
}

fn damage() -> impl Strategy<Value = Vec<(usize, Damage)>> {
    prop::collection::vec(
        (
            0usize..10_000,
            prop_oneof![
                Just(Damage::Blank),
                Just(Damage::Garbage),
                Just(Damage::Truncate),
                Just(Damage::Repeat),
                Just(Damage::StrayQuote),
                Just(Damage::Drop),
            ],
        ),
        0..12,
    )
}

fn damaged(lines: &[String], hits: &[(usize, Damage)]) -> Vec<String> {
    let mut out = lines.to_vec();
    for (at, d) in hits {
        if out.is_empty() {
            break;
        }
        let i = at % out.len();
        match d {
            Damage::Blank => out.insert(i, "   ".into()),
            Damage::Garbage => out.insert(i, "not an event, \"at all".into()),
            Damage::Truncate => {
                let l = &out[i];
                let cut = l.len() / 2;
                let cut = (0..=cut)
                    .rev()
                    .find(|&c| l.is_char_boundary(c))
                    .unwrap_or(0);
                out[i] = l[..cut].to_string();
            }
            Damage::Repeat => {
                let l = out[i].clone();
                out.insert(i, l);
            }
            Damage::StrayQuote => out[i].push('"'),
            Damage::Drop => {
                out.remove(i);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever is done to a log, its report's input section adds up to the
    /// lines of the file, in both formats, and under `as_of`.
    #[test]
    fn the_input_section_adds_up_to_the_lines_of_the_file(hits in damage(), csv in any::<bool>(), cut in any::<bool>()) {
        let jsonl = generated(8);
        let lines: Vec<String> = if csv {
            String::from_utf8(csv_of(&jsonl)).unwrap().lines().map(str::to_string).collect()
        } else {
            jsonl.lines().map(str::to_string).collect()
        };
        // The header stays the header.
        let (head, body) = if csv { (lines[..1].to_vec(), lines[1..].to_vec()) } else { (vec![], lines) };
        let mut all = head;
        all.extend(damaged(&body, &hits));
        let text = all.join("\n") + "\n";
        let as_of = cut.then(|| chrono::DateTime::parse_from_rfc3339("2025-07-01T00:00:00+08:00").unwrap());
        let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(as_of)).unwrap();
        if csv {
            r.read_csv(text.as_bytes()).unwrap();
        } else {
            r.read_json_lines(text.as_bytes()).unwrap();
        }
        let i = r.finish().input;
        prop_assert_eq!(i.lines, all.len() as u64);
        prop_assert!(adds_up(&i), "{:?}", i);
    }
}
