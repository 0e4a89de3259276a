//! Calendar and deadline arithmetic: `cargo bench -p huying --bench calendar`.
//! Targets (issue 2): ≤ 5 ns per add_working_days, ≤ 30 ns per working-hours deadline.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::hint::black_box;

use chrono::{DateTime, Duration, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use huying::calendar::Calendar;
use huying::sla::{DayEnd, Limit};

const N: usize = 4096;

fn dates() -> Vec<NaiveDate> {
    // Spread over 2005-2025 with a fixed stride: every kind of day appears.
    let base = NaiveDate::from_ymd_opt(2005, 1, 1).unwrap();
    (0..N)
        .map(|i| base + Duration::days((i as i64 * 1871) % 7300))
        .collect()
}

fn instants() -> Vec<DateTime<chrono::FixedOffset>> {
    let base = DateTime::parse_from_rfc3339("2005-01-01T00:00:00+08:00").unwrap();
    (0..N)
        .map(|i| base + Duration::seconds((i as i64 * 7_919_993) % (7300 * 86_400)))
        .collect()
}

fn bench(c: &mut Criterion) {
    let cal = Calendar::china();
    let lunch = cal
        .with_schedule("08:30-12:00,14:00-17:30".parse().unwrap())
        .unwrap();
    let ds = dates();
    let ts = instants();
    let mut g = c.benchmark_group("calendar");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("add_working_days(+3)", |b| {
        b.iter(|| {
            for &d in &ds {
                black_box(cal.add_working_days(black_box(d), 3).ok());
            }
        })
    });
    g.bench_function("add_working_days_unix(+3)", |b| {
        let days: Vec<i64> = ds
            .iter()
            .map(|d| (*d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days())
            .collect();
        b.iter(|| {
            for &d in &days {
                black_box(cal.add_working_days_unix(black_box(d), 3).ok());
            }
        })
    });
    g.bench_function("is_working_day", |b| {
        b.iter(|| {
            for &d in &ds {
                black_box(cal.is_working_day(black_box(d)).ok());
            }
        })
    });
    let wd3: Limit = "3wd".parse().unwrap();
    let wh4: Limit = "4wh".parse().unwrap();
    g.bench_function("due(3wd)", |b| {
        b.iter(|| {
            for &t in &ts {
                black_box(cal.due(black_box(t), &wd3, DayEnd::Midnight).ok());
            }
        })
    });
    g.bench_function("deadline(3wd) with explanation handle", |b| {
        b.iter(|| {
            for &t in &ts {
                black_box(cal.deadline(black_box(t), &wd3).ok());
            }
        })
    });
    g.bench_function("due(4wh, lunch break)", |b| {
        b.iter(|| {
            for &t in &ts {
                black_box(lunch.due(black_box(t), &wh4, DayEnd::Midnight).ok());
            }
        })
    });
    g.bench_function("due_epoch_secs(4wh, lunch break) (batch path)", |b| {
        let secs: Vec<i64> = ts.iter().map(|t| t.timestamp()).collect();
        b.iter(|| {
            for &t in &secs {
                black_box(
                    lunch
                        .due_epoch_secs(black_box(t), &wh4, DayEnd::Midnight)
                        .ok(),
                );
            }
        })
    });
    g.bench_function("deadline(4wh, lunch break)", |b| {
        b.iter(|| {
            for &t in &ts {
                black_box(lunch.deadline(black_box(t), &wh4).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
