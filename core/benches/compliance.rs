//! Compliance at analyst scale: `cargo bench -p huying --bench compliance`.
//!
//! Target (issue 5): 1M calls (about 7–8M events) from the generator,
//! replayed through the call state machine and folded into a report, in
//! ≤ 1 s single-threaded. The events are generated once, before timing
//! (`HUYING_BENCH_CALLS` changes the count). Also timed: a floor — the
//! least any replay of the same events must do (find each event's call in a
//! flat table and touch a small record; no validation, no calendar, no
//! report) — the generator itself, and reading 100k calls from JSON lines
//! and from CSV (parse + replay + report).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use huying::calendar::Calendar;
use huying::call::{Event, EventKind, Id};
use huying::catalog::Catalog;
use huying::compliance::generate::{Generator, GeneratorConfig};
use huying::compliance::{Dimension, Period, Replay, Report, ReportConfig};

fn generator(calls: u64) -> Generator {
    Generator::new(
        &Catalog::sample(),
        &Calendar::china(),
        GeneratorConfig {
            calls,
            ..GeneratorConfig::default()
        },
    )
    .unwrap()
}

fn replay(g: &Generator, events: &[Event], by: &[Dimension]) -> Report {
    let list = Catalog::sample();
    let mut r = Replay::new(
        &Calendar::china(),
        Some(&list),
        ReportConfig::new(Some(g.period_end())).by(by),
    )
    .unwrap();
    r.push_events(events).unwrap();
    r.finish()
}

/// The least any replay of these events must do — a reference for the
/// target, not a replay: find each event's call in a flat table, reading 32
/// events ahead as the replay does, and update a small record per open call
/// (its last instant, an event count, its department's name length),
/// dropping it when the call is closed or withdrawn; events after `as_of`
/// (Unix seconds) are skipped. No validation, no
/// calendar, no clocks, no report. `table_bits` must hold twice the calls
/// open at once. Returns the calls closed or withdrawn, and a checksum.
fn floor(events: &[Event], table_bits: u32, as_of: i64) -> (u64, u64) {
    const AHEAD: usize = 32; // the ring's length: a power of two
    const FIND: usize = 16; // events ahead at which the record is asked for
    struct Rec {
        id: Id,
        last: i64,
        n: u32,
        dept: usize,
    }
    fn hash(id: &Id) -> u64 {
        let mut h = 0u64;
        for c in id.as_bytes().chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
    #[inline(always)]
    fn prefetch<T>(x: &T) {
        #[cfg(target_arch = "x86_64")]
        safe_arch::prefetch_t0(x);
        #[cfg(not(target_arch = "x86_64"))]
        let _ = x;
    }
    const EMPTY: (u64, u32) = (0, u32::MAX);
    let mask = (1usize << table_bits) - 1;
    let mut table = vec![EMPTY; mask + 1];
    let mut slab: Vec<Rec> = Vec::new();
    let mut free: Vec<u32> = Vec::new();
    let mut ring = [0u64; AHEAD];
    for (k, e) in events.iter().take(AHEAD).enumerate() {
        ring[k] = hash(&e.call);
    }
    let (mut closed, mut sum) = (0u64, 0u64);
    for (i, e) in events.iter().enumerate() {
        // This event's hash, before its place in the ring takes the next one's.
        let h = ring[i % AHEAD];
        if let Some(f) = events.get(i + AHEAD) {
            let ha = hash(&f.call);
            ring[(i + AHEAD) % AHEAD] = ha;
            prefetch(&table[ha as usize & mask]);
        }
        if i + FIND < events.len() {
            let hf = ring[(i + FIND) % AHEAD];
            let mut j = hf as usize & mask;
            while table[j].1 != u32::MAX {
                if table[j].0 == hf {
                    prefetch(&slab[table[j].1 as usize]);
                    break;
                }
                j = (j + 1) & mask;
            }
        }
        let at = e.at.timestamp();
        if at > as_of {
            continue;
        }
        let mut j = h as usize & mask;
        let found = loop {
            let (th, s) = table[j];
            if s == u32::MAX {
                break None;
            }
            if th == h && slab[s as usize].id == e.call {
                break Some(s);
            }
            j = (j + 1) & mask;
        };
        match (&e.kind, found) {
            (EventKind::Raised { township, .. }, None) => {
                let rec = Rec {
                    id: e.call.clone(),
                    last: at,
                    n: 1,
                    dept: township.len(),
                };
                let s = match free.pop() {
                    Some(s) => {
                        slab[s as usize] = rec;
                        s
                    }
                    None => {
                        slab.push(rec);
                        (slab.len() - 1) as u32
                    }
                };
                table[j] = (h, s);
            }
            (kind, Some(s)) => {
                let r = &mut slab[s as usize];
                r.last = r.last.max(at);
                r.n += 1;
                if let EventKind::Dispatched { department, .. } = kind {
                    r.dept = department.len();
                }
                if matches!(kind, EventKind::Closed | EventKind::Withdrawn { .. }) {
                    closed += 1;
                    sum += u64::from(r.n) + r.dept as u64 + (r.last & 1) as u64;
                    // Remove entry `j`, shifting the run after it back.
                    let mut hole = j;
                    let mut k = (j + 1) & mask;
                    while table[k].1 != u32::MAX {
                        let home = table[k].0 as usize & mask;
                        if (k.wrapping_sub(hole) & mask) <= (k.wrapping_sub(home) & mask) {
                            table[hole] = table[k];
                            hole = k;
                        }
                        k = (k + 1) & mask;
                    }
                    table[hole] = EMPTY;
                    free.push(s);
                }
            }
            _ => {}
        }
    }
    (closed, sum)
}

fn bench(c: &mut Criterion) {
    let calls: u64 = std::env::var("HUYING_BENCH_CALLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let g = generator(calls);
    let events: Vec<Event> = g.events().collect();
    let report = replay(&g, &events, &[Dimension::Department]);
    eprintln!(
        "{calls} calls, {} events; at most {} calls open at once; {} skipped",
        events.len(),
        report.input.max_open_calls,
        report.input.skipped
    );

    let mut group = c.benchmark_group("compliance");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements(events.len() as u64));
    group.bench_function(format!("replay_report_{calls}_calls_by_department"), |b| {
        b.iter(|| black_box(replay(&g, &events, &[Dimension::Department])))
    });
    // Twice the calls open at once, in bits.
    let bits = (2 * report.input.max_open_calls)
        .next_power_of_two()
        .trailing_zeros();
    // The floor finds every call the replay closes.
    assert_eq!(
        floor(&events, bits, g.period_end().timestamp()).0,
        report.total.calls - report.input.open_at_end
    );
    group.bench_function(format!("floor_{calls}_calls"), |b| {
        b.iter(|| black_box(floor(&events, bits, g.period_end().timestamp())))
    });
    group.bench_function(
        format!("replay_report_{calls}_calls_by_department_month_township"),
        |b| {
            b.iter(|| {
                black_box(replay(
                    &g,
                    &events,
                    &[
                        Dimension::Department,
                        Dimension::Period(Period::Month),
                        Dimension::Township,
                    ],
                ))
            })
        },
    );
    drop(events);
    group.finish();

    let small = generator(100_000);
    let mut group = c.benchmark_group("compliance_io");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let n = small.events().count() as u64;
    group.throughput(Throughput::Elements(n));
    group.bench_function("generate_100k_calls", |b| {
        b.iter(|| black_box(small.events().count()))
    });
    let mut jsonl = Vec::new();
    small.write_json_lines(&mut jsonl).unwrap();
    let mut csv = Vec::new();
    small.write_csv(&mut csv).unwrap();
    let list = Catalog::sample();
    let cal = Calendar::china();
    let config = ReportConfig::new(Some(small.period_end())).by(&[Dimension::Department]);
    group.bench_function("read_json_lines_100k_calls", |b| {
        b.iter(|| {
            let mut r = Replay::new(&cal, Some(&list), config.clone()).unwrap();
            r.read_json_lines(jsonl.as_slice()).unwrap();
            black_box(r.finish())
        })
    });
    group.bench_function("read_csv_100k_calls", |b| {
        b.iter(|| {
            let mut r = Replay::new(&cal, Some(&list), config.clone()).unwrap();
            r.read_csv(csv.as_slice()).unwrap();
            black_box(r.finish())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
