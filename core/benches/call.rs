//! The call lifecycle: `cargo bench -p huying --bench call`.
//! Target (issue 4): replay 1M calls of realistic event sequences at
//! ≥ 10M events per second.
//!
//! The calls are drawn from 4,096 distinct sequences spread over 2025 (every
//! kind of day, three matters with their own limits, 20 townships, 40
//! departments): most go raise → acknowledge → dispatch → sign → arrive →
//! reply → evaluate → close; some are returned and re-dispatched, sent back
//! for rework, paused and extended, supervised, reminded, or withdrawn.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods, // a benchmark reads the clock to time itself
    missing_docs
)]

use std::hint::black_box;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use huying::calendar::Calendar;
use huying::call::{Actor, Call, CallPolicy, Channel, Event, EventKind, Mark, log};
use huying::catalog::{SlaOverrides, Stage};
use huying::sla::Limit;

const TEMPLATES: usize = 4096;
const CALLS: usize = 1_000_000;

/// The calls per replay pass: 1M, or `HUYING_CALLS` (for profiling runs).
fn calls() -> usize {
    std::env::var("HUYING_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CALLS)
}

/// A small deterministic generator (no dependency on `rand`).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn policy() -> CallPolicy {
    CallPolicy::new("U008")
        .with_command_centre("U008")
        .with_matter(
            "M002",
            SlaOverrides {
                arrival: Some(Limit::Hours(1)),
                ..Default::default()
            },
        )
        .with_matter(
            "M003",
            SlaOverrides {
                reply: Some(Limit::WorkingDays(5)),
                ..Default::default()
            },
        )
}

/// One realistic call: its events, in order.
fn sequence(i: usize, rng: &mut Lcg) -> Vec<Event> {
    let base = DateTime::parse_from_rfc3339("2025-01-02T08:00:00+08:00").unwrap();
    let start =
        base + Duration::days(rng.below(355) as i64) + Duration::minutes(rng.below(600) as i64);
    let id = format!("C2025-{i:06}");
    let town = format!("U{:03}", 60 + rng.below(20));
    let dept = format!("U{:03}", 10 + rng.below(40));
    let other = format!("U{:03}@{town}", 50 + rng.below(5));
    let matter = ["M001", "M002", "M003"][rng.below(3) as usize];
    let cc = Actor::command_centre("U008");
    let mut t = start;
    let mut out = Vec::with_capacity(12);
    let mut push = |mins: u64, actor: Actor, kind: EventKind, t: &mut DateTime<FixedOffset>| {
        *t += Duration::minutes(mins as i64);
        out.push(Event::new(id.as_str(), *t, actor, kind));
    };
    push(
        0,
        Actor::township(town.as_str()),
        EventKind::Raised {
            township: town.as_str().into(),
            matter: matter.into(),
            channel: if rng.below(3) == 0 {
                Channel::Video
            } else {
                Channel::Text
            },
        },
        &mut t,
    );
    let kind = rng.below(100);
    if kind < 3 {
        push(
            1 + rng.below(10),
            cc.clone(),
            EventKind::Acknowledged,
            &mut t,
        );
        push(
            5 + rng.below(60),
            Actor::township(town.as_str()),
            EventKind::Withdrawn {
                reason: "已自行解决".into(),
            },
            &mut t,
        );
        return out;
    }
    push(
        1 + rng.below(5),
        cc.clone(),
        EventKind::Acknowledged,
        &mut t,
    );
    if (3..7).contains(&kind) {
        // A late dispatch, reminded and supervised.
        push(
            36,
            Actor::system("platform"),
            EventKind::ReminderSent {
                stage: Stage::Dispatch,
                round: 1,
                mark: Mark::Breach,
            },
            &mut t,
        );
        push(
            2,
            cc.clone(),
            EventKind::Supervised {
                stage: Stage::Dispatch,
                note: String::new(),
            },
            &mut t,
        );
    }
    let mut department = dept.clone();
    push(
        5 + rng.below(25),
        cc.clone(),
        EventKind::Dispatched {
            department: department.as_str().into(),
            supporting: vec![town.as_str().into()],
        },
        &mut t,
    );
    if (7..17).contains(&kind) {
        // Returned, then re-dispatched to the stationed agency.
        push(
            10 + rng.below(30),
            Actor::department(department.as_str()),
            EventKind::Returned {
                reason: "不属于本部门职责".into(),
            },
            &mut t,
        );
        department = other.clone();
        push(
            5 + rng.below(20),
            cc.clone(),
            EventKind::Dispatched {
                department: department.as_str().into(),
                supporting: vec![],
            },
            &mut t,
        );
    }
    let d = Actor::department(department.as_str());
    push(5 + rng.below(40), d.clone(), EventKind::Signed, &mut t);
    push(30 + rng.below(200), d.clone(), EventKind::Arrived, &mut t);
    if (17..22).contains(&kind) {
        // Waiting for a test report: paused, resumed, extended.
        push(
            60,
            cc.clone(),
            EventKind::Paused {
                stage: Stage::Reply,
                reason: "等待检测报告".into(),
            },
            &mut t,
        );
        push(
            600,
            cc.clone(),
            EventKind::Resumed {
                stage: Stage::Reply,
            },
            &mut t,
        );
        let extra = if matter == "M003" { 2 } else { 1 };
        push(
            30,
            d.clone(),
            EventKind::ExtensionRequested {
                stage: Stage::Reply,
                extra: Limit::WorkingDays(extra),
                reason: "需补充材料".into(),
            },
            &mut t,
        );
        push(
            20,
            cc.clone(),
            EventKind::ExtensionGranted {
                stage: Stage::Reply,
                extra: None,
            },
            &mut t,
        );
    }
    push(
        600 + rng.below(4000),
        d.clone(),
        EventKind::Replied {
            result: "已处理完毕".into(),
        },
        &mut t,
    );
    if (22..30).contains(&kind) {
        push(
            60 + rng.below(600),
            Actor::township(town.as_str()),
            EventKind::Evaluated {
                satisfied: false,
                comment: "未整改到位".into(),
            },
            &mut t,
        );
        push(
            600 + rng.below(2000),
            d.clone(),
            EventKind::Replied {
                result: "已返工".into(),
            },
            &mut t,
        );
    }
    push(
        60 + rng.below(600),
        Actor::township(town.as_str()),
        EventKind::Evaluated {
            satisfied: true,
            comment: String::new(),
        },
        &mut t,
    );
    push(10 + rng.below(60), cc, EventKind::Closed, &mut t);
    out
}

fn templates() -> Vec<Vec<Event>> {
    let mut rng = Lcg(0x5eed);
    let cal = Calendar::china();
    let p = policy();
    (0..TEMPLATES)
        .map(|i| {
            let s = sequence(i, &mut rng);
            Call::from_events(&cal, &p, &s).unwrap_or_else(|e| panic!("template {i}: {e}"));
            s
        })
        .collect()
}

/// The templates as one stored log: every event back to back, as a platform
/// reads them from its event store, and each call's range in it.
struct Stored {
    events: Vec<Event>,
    calls: Vec<std::ops::Range<usize>>,
}

fn stored(t: &[Vec<Event>]) -> Stored {
    let mut events = Vec::with_capacity(t.iter().map(Vec::len).sum());
    let mut calls = Vec::with_capacity(t.len());
    for s in t {
        let start = events.len();
        events.extend(s.iter().cloned());
        calls.push(start..events.len());
    }
    Stored { events, calls }
}

/// Replays `CALLS` calls, cycling through the stored log; returns the number
/// of events and a checksum so nothing is optimised away.
fn replay_all(cal: &Calendar, p: &CallPolicy, log: &Stored) -> (u64, u64) {
    let mut events = 0u64;
    let mut check = 0u64;
    for i in 0..calls() {
        let s = &log.events[log.calls[i % log.calls.len()].clone()];
        let call = Call::from_events(cal, p, s).unwrap();
        events += s.len() as u64;
        check = check.wrapping_add(call.event_count() as u64);
    }
    (events, check)
}

/// This thread's CPU time in nanoseconds (Linux `schedstat`), if known.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn bench(c: &mut Criterion) {
    let cal = Calendar::china();
    let p = policy();
    let t = templates();
    let events_per_pass: u64 = (0..calls()).map(|i| t[i % t.len()].len() as u64).sum();
    let log = stored(&t);

    // One plain timing of the whole 1M-call replay, printed as events/s, by
    // the wall clock and by the thread's CPU time (the machine is shared:
    // the CPU time says what the code costs when other work competes).
    let passes = if std::env::var_os("HUYING_CALLS").is_some() {
        1
    } else {
        3
    };
    for _ in 0..passes {
        let cpu0 = thread_cpu_ns();
        let start = Instant::now();
        let (n, check) = replay_all(&cal, &p, &log);
        let secs = start.elapsed().as_secs_f64();
        let cpu = thread_cpu_ns().zip(cpu0).map(|(b, a)| (b - a) as f64 / 1e9);
        black_box(check);
        println!(
            "replay: {} calls, {n} events in {secs:.3} s wall = {:.1} M events/s ({:.1} ns/event){}",
            calls(),
            n as f64 / secs / 1e6,
            secs * 1e9 / n as f64,
            cpu.map(|c| format!("; {c:.3} s CPU = {:.1} M events/s", n as f64 / c / 1e6))
                .unwrap_or_default()
        );
    }

    if std::env::var_os("HUYING_BREAKDOWN").is_some() {
        // Cost of each prefix of the happy path (raise, +ack, +dispatch, …).
        let happy: Vec<&Vec<Event>> = t.iter().filter(|s| s.len() == 8).collect();
        for k in 1..=8 {
            let cpu0 = thread_cpu_ns().unwrap_or(0);
            let mut x = 0usize;
            for i in 0..CALLS {
                let s = &happy[i % happy.len()][..k];
                x += Call::from_events(&cal, &p, s).unwrap().event_count();
            }
            black_box(x);
            let cpu = thread_cpu_ns().unwrap_or(0) - cpu0;
            println!(
                "prefix {k} ({}): {:.1} ns per call",
                happy[0][k - 1].event_type(),
                cpu as f64 / CALLS as f64
            );
        }
    }

    let mut g = c.benchmark_group("call_replay");
    g.sample_size(10);
    g.measurement_time(StdDuration::from_secs(20));
    g.throughput(Throughput::Elements(events_per_pass));
    g.bench_function("from_events: 1M calls (in-memory events)", |b| {
        b.iter(|| replay_all(&cal, &p, black_box(&log)))
    });
    g.finish();

    // The same calls from their JSON-lines logs (parse + replay), 100k calls.
    let logs: Vec<String> = t.iter().map(log::write).collect();
    let json_calls = 100_000usize;
    let json_events: u64 = (0..json_calls).map(|i| t[i % t.len()].len() as u64).sum();
    let mut g = c.benchmark_group("call_replay_json");
    g.sample_size(10);
    g.throughput(Throughput::Elements(json_events));
    g.bench_function("replay: 100k calls from JSON lines", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for i in 0..json_calls {
                n += Call::replay(&cal, &p, black_box(&logs[i % logs.len()]))
                    .unwrap()
                    .event_count();
            }
            n
        })
    });
    g.finish();

    // Sweeping verdicts (issue 5's input) and boards over replayed calls.
    let calls: Vec<Call> = t
        .iter()
        .map(|s| Call::from_events(&cal, &p, s).unwrap())
        .collect();
    let mut g = c.benchmark_group("call_read");
    g.throughput(Throughput::Elements(calls.len() as u64));
    g.bench_function("verdicts: 4096 calls", |b| {
        b.iter(|| {
            let mut missed = 0usize;
            for call in black_box(&calls) {
                missed += call
                    .verdicts()
                    .filter(|v| v.outcome == huying::call::Outcome::Missed)
                    .count();
            }
            missed
        })
    });
    let open: Vec<Call> = t
        .iter()
        .map(|s| Call::from_events(&cal, &p, &s[..s.len().min(4)]).unwrap())
        .collect();
    g.bench_function("at(now) board with next_wakeup: 4096 open calls", |b| {
        b.iter(|| {
            let mut shown = 0usize;
            for call in black_box(&open) {
                let now = call.last_event_at() + Duration::minutes(20);
                shown += call.at(now).unwrap().countdowns.len();
            }
            shown
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
