//! The responsibility list: `cargo bench -p huying --bench catalog`.
//! Targets (issue 3): load and validate the sample list; ≤ 100 ns per
//! (matter, township, instant) resolve look-up.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::hint::black_box;

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use huying::catalog::Catalog;

const LOOKUPS: u64 = 1_000_000;

fn bench(c: &mut Criterion) {
    let sample = Catalog::sample();
    let json = sample.to_json();
    let tsv = sample.to_delimited(b'\t');

    let mut g = c.benchmark_group("catalog_load");
    g.sample_size(20);
    g.bench_function(
        "from_json+validate (sample: 146 units, 91 matters + 1 revision)",
        |b| b.iter(|| Catalog::from_json("sample.json", black_box(&json))),
    );
    g.bench_function("from_tsv+validate (sample)", |b| {
        b.iter(|| Catalog::from_tsv(black_box(&tsv.files())))
    });
    g.bench_function("new+validate (in-memory data)", |b| {
        b.iter(|| Catalog::new(black_box(sample.data().clone())))
    });
    g.finish();

    // 1M look-ups over every matter ever listed × every township, at instants
    // spread over both editions (2025-07 to 2026-06), some before the revision.
    let matters: Vec<_> = sample
        .data()
        .matters
        .iter()
        .filter_map(|m| sample.matter_handle(&m.id))
        .collect();
    let towns: Vec<_> = sample
        .townships()
        .filter_map(|t| sample.unit_handle(&t.id))
        .collect();
    let start = DateTime::parse_from_rfc3339("2025-07-01T00:00:00+08:00").unwrap_or_default();
    let instants: Vec<DateTime<FixedOffset>> = (0..4096i64)
        .map(|i| start + Duration::seconds((i * 7_919) % (360 * 86_400)))
        .collect();
    let queries: Vec<_> = (0..LOOKUPS as usize)
        .map(|i| {
            (
                matters[i % matters.len()],
                towns[(i / 7) % towns.len()],
                instants[(i * 31) % instants.len()],
            )
        })
        .collect();
    let ids: Vec<(String, String)> = queries
        .iter()
        .take(100_000)
        .map(|(m, t, _)| {
            let m = sample.matter_id(*m).unwrap_or_default().to_string();
            let t = sample
                .unit_by_handle(*t)
                .map(|u| u.id.clone())
                .unwrap_or_default();
            (m, t)
        })
        .collect();

    let mut g = c.benchmark_group("catalog_resolve");
    g.sample_size(10);
    g.throughput(Throughput::Elements(LOOKUPS));
    g.bench_function("resolve_handle x1M", |b| {
        b.iter(|| {
            let mut found = 0u32;
            for (m, t, at) in &queries {
                if let Ok(u) = sample.resolve_handle(*m, *t, at) {
                    found = found.wrapping_add(u.index() as u32);
                }
            }
            black_box(found)
        })
    });
    g.throughput(Throughput::Elements(ids.len() as u64));
    g.bench_function("resolve by id x100k", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for ((m, t), (_, _, at)) in ids.iter().zip(&queries) {
                if let Ok(r) = sample.resolve(m, t, at) {
                    found += r.primary.id.len();
                }
            }
            black_box(found)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
