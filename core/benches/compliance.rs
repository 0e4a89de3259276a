//! Compliance at analyst scale: `cargo bench -p huying --bench compliance`.
//!
//! Target (issue 5): 1M calls (about 7–8M events) from the generator,
//! replayed through the call state machine and folded into a report, in
//! ≤ 1 s single-threaded. The events are generated once, before timing
//! (`HUYING_BENCH_CALLS` changes the count). Also timed: the generator
//! itself, and reading 100k calls from JSON lines and from CSV (parse +
//! replay + report).
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
use huying::call::Event;
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
