//! The workload of the board benchmarks: 5,000 calls at various stages at
//! one instant — the same calls `bench/board.mjs` builds in Node. Included
//! by `benches/board.rs` (criterion) and `examples/board_frames.rs`.

use chrono::{DateTime, Duration, FixedOffset};
use huying::calendar::Calendar;
use huying::call::{Actor, Call, CallPolicy, Channel, Event, EventKind};
use huying::catalog::Catalog;

/// The number of calls.
pub const N: usize = 5_000;

/// The instant of the frame: Friday 2025-09-26 16:00 CST.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00").unwrap_or_default()
}

/// The same calls as `bench/board.mjs` builds: raised up to 48 h before
/// `now`, each taken 0–4 steps (acknowledged, dispatched to the unit the
/// list names, signed, arrived) while the steps fall before `now`.
pub fn calls() -> Vec<Call> {
    let cal = Calendar::china();
    let list = Catalog::sample();
    let policy =
        CallPolicy::from_catalog(&list, &now()).unwrap_or_else(|_| CallPolicy::new("U008"));
    let latest = list.latest();
    let towns: Vec<String> = list.townships().map(|u| u.id.clone()).collect();
    let matters: Vec<String> = latest
        .matters()
        .filter(|m| !m.is_territorial())
        .map(|m| m.id.clone())
        .collect();
    let now = now();
    let mut out = Vec::with_capacity(N);
    for i in 0..N {
        let id = format!("B{i}");
        let (Some(township), Some(matter)) = (
            towns.get(i % towns.len().max(1)),
            matters.get((i * 7) % matters.len().max(1)),
        ) else {
            continue;
        };
        let mut t = now - Duration::minutes(((i * 7919) % 2880) as i64);
        let raised = Event::new(
            id.as_str(),
            t,
            Actor::township(township.as_str()),
            EventKind::Raised {
                township: township.as_str().into(),
                matter: matter.as_str().into(),
                channel: Channel::Text,
            },
        );
        let Ok(mut call) = Call::raise(&cal, &policy, &raised) else {
            continue;
        };
        let steps = i % 5;
        let cc = || Actor::command_centre("U008");
        let step = |call: &mut Call, t: DateTime<FixedOffset>, actor, kind| {
            t <= now && call.apply(&Event::new(id.as_str(), t, actor, kind)).is_ok()
        };
        'walk: {
            if steps < 1 {
                break 'walk;
            }
            t += Duration::minutes(1 + (i % 5) as i64);
            if !step(&mut call, t, cc(), EventKind::Acknowledged) || steps < 2 {
                break 'walk;
            }
            t += Duration::minutes(5 + (i % 40) as i64);
            let Ok(r) = list.resolve(matter, township, &t) else {
                break 'walk;
            };
            let dept = r.primary.id.clone();
            let kind = EventKind::Dispatched {
                department: dept.as_str().into(),
                supporting: Vec::new(),
            };
            if !step(&mut call, t, cc(), kind) || steps < 3 {
                break 'walk;
            }
            t += Duration::minutes(10);
            let signed = step(
                &mut call,
                t,
                Actor::department(dept.as_str()),
                EventKind::Signed,
            );
            if !signed || steps < 4 {
                break 'walk;
            }
            t += Duration::minutes(60 + (i % 180) as i64);
            step(
                &mut call,
                t,
                Actor::department(dept.as_str()),
                EventKind::Arrived,
            );
        }
        out.push(call);
    }
    out
}
