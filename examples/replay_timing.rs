//! Wall time of the compliance replay, for comparing two builds side by
//! side on a noisy machine (`scripts/alternate.sh`).
//!
//! ```text
//! cargo run --release -p huying --example replay_timing -- [CALLS] [REPEATS] [BY]
//! ```
//!
//! Generates the sample county's log of `CALLS` calls (default 1,000,000)
//! once, then replays it into a report `REPEATS` times (default 3), grouped
//! by `BY` (default `department`; e.g. `department,month,township`), and
//! prints one line per replay: its seconds, the calls and the skipped lines.
//! The criterion benchmark (`cargo bench -p huying --bench compliance`)
//! measures the same work; this program lets two builds take turns on the
//! same machine, where a single run of either can drift by a fifth.
#![allow(missing_docs)]

use std::time::Instant;

use huying::calendar::Calendar;
use huying::call::Event;
use huying::catalog::Catalog;
use huying::compliance::generate::{Generator, GeneratorConfig};
use huying::compliance::{Dimension, Replay, ReportConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let calls: u64 = args
        .next()
        .map_or(Ok(1_000_000), |s| s.replace('_', "").parse())?;
    let repeats: u32 = args.next().map_or(Ok(3), |s| s.parse())?;
    let by = args
        .next()
        .unwrap_or_else(|| "department".into())
        .split(',')
        .map(str::parse)
        .collect::<Result<Vec<Dimension>, _>>()?;
    let (cal, list) = (Calendar::china(), Catalog::sample());
    let g = Generator::new(
        &list,
        &cal,
        GeneratorConfig {
            calls,
            ..GeneratorConfig::default()
        },
    )?;
    let events: Vec<Event> = g.events().collect();
    eprintln!("{} events of {calls} calls", events.len());
    for _ in 0..repeats {
        // A wall-clock measurement is this program's job (the library never
        // reads the clock).
        #[allow(clippy::disallowed_methods)]
        let t = Instant::now();
        let mut r = Replay::new(
            &cal,
            Some(&list),
            ReportConfig::new(Some(g.period_end())).by(&by),
        )?;
        r.push_events(&events)?;
        let report = r.finish();
        println!(
            "{:.3} s  calls {} skipped {}",
            t.elapsed().as_secs_f64(),
            report.total.calls,
            report.input.skipped
        );
    }
    Ok(())
}
