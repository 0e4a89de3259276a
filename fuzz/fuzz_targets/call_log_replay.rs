//! Call logs (JSON lines): reading and replaying never panic, and
//!
//! - a line that cannot be read is a `call.bad_event` naming its line, and
//!   one repeating an accepted event's id a `call.duplicate_event`;
//! - every event that reads back writes back the same (`to_json_line`);
//! - a refused event leaves the live call unchanged;
//! - replaying the accepted events gives the live call (from the events,
//!   and from their log text);
//! - `Call::replay` of the whole text succeeds exactly when every line is
//!   read and accepted, and otherwise names the first bad line;
//! - the board, wake-ups and reminders at later instants answer or refuse,
//!   and recording the reminders keeps the log replayable.
//!
//! Calendar: `Calendar::china()`; policy: `CallPolicy::default()`.
#![no_main]

use chrono::Duration;
use huying::calendar::Calendar;
use std::collections::HashSet;

use huying::call::{Call, CallError, CallPolicy, Event, Id, log};
use libfuzzer_sys::fuzz_target;

/// The line a replay error names.
fn line_of(e: &CallError) -> Option<usize> {
    match e {
        CallError::BadEvent { line, .. }
        | CallError::AtLine { line, .. }
        | CallError::DuplicateEvent { line, .. } => Some(*line),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cal = Calendar::china();
    let policy = CallPolicy::default();

    let mut live: Option<Call> = None;
    let mut accepted: Vec<Event> = Vec::new();
    let mut ids: HashSet<Id> = HashSet::new();
    let mut first_error: Option<usize> = None;
    let mut any_line = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        any_line = true;
        let event = match Event::from_json_line(line) {
            Ok(e) => e,
            Err(e) => {
                assert_eq!(e.code(), "call.bad_event", "{e:?}");
                first_error.get_or_insert(n);
                continue;
            }
        };
        let written = event.to_json_line();
        assert_eq!(
            Event::from_json_line(&written).as_ref(),
            Ok(&event),
            "{written}"
        );
        if event.id.as_ref().is_some_and(|id| ids.contains(id)) {
            // A repeated id: the log readers refuse it; so does this loop.
            first_error.get_or_insert(n);
            continue;
        }
        match live.as_mut() {
            None => match Call::raise(&cal, &policy, &event) {
                Ok(call) => {
                    live = Some(call);
                    ids.extend(event.id.clone());
                    accepted.push(event);
                }
                Err(_) => {
                    first_error.get_or_insert(n);
                }
            },
            Some(call) => {
                let before = call.clone();
                match call.apply(&event) {
                    Ok(()) => {
                        ids.extend(event.id.clone());
                        accepted.push(event);
                    }
                    Err(e) => {
                        assert_eq!(*call, before, "refused {e:?} but changed the call");
                        first_error.get_or_insert(n);
                    }
                }
            }
        }
    }

    if let Some(call) = &live {
        assert_eq!(log::read(&log::write(&accepted)).as_ref(), Ok(&accepted));
        let again = Call::from_events(&cal, &policy, &accepted).expect("accepted events replay");
        assert_eq!(&again, call);
        let again = Call::replay(&cal, &policy, &log::write(&accepted)).expect("their log replays");
        assert_eq!(&again, call);
    }

    match Call::replay(&cal, &policy, &text) {
        Ok(call) => {
            assert_eq!(first_error, None);
            assert_eq!(Some(&call), live.as_ref());
        }
        Err(e) => {
            if any_line {
                assert_eq!(line_of(&e), first_error, "{e:?}");
            } else {
                assert_eq!(e.code(), "call.empty");
            }
        }
    }

    let Some(mut call) = live else {
        return;
    };
    let last = call.last_event_at();
    for later in [
        Duration::zero(),
        Duration::minutes(20),
        Duration::hours(5),
        Duration::days(9),
    ] {
        let Some(now) = last.checked_add_signed(later) else {
            continue;
        };
        let board = call.at(now);
        let wake = call.next_wakeup(now);
        if let (Ok(b), Ok(w)) = (&board, &wake) {
            assert_eq!(b.next_wakeup, *w);
            if let Some(w) = w {
                assert!(*w >= now);
            }
        }
        let before = call.clone();
        match call.poll_reminders(now) {
            Ok(sent) => {
                for r in sent {
                    accepted.push(r.event);
                }
                let again = Call::from_events(&cal, &policy, &accepted).expect("reminders replay");
                assert_eq!(again, call);
            }
            Err(_) => assert_eq!(call, before),
        }
        let _ = call.verdicts().count();
    }
});
