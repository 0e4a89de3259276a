//! Times `Frame::fill` (the board helper) natively frame by frame, the way
//! `bench/board.mjs` times `board.at` in Node: the same 5,000 calls, 200
//! frames to warm up, then single frames timed; mean, median, p95 and min.
//!
//! `cargo run --release -p huying-wasm --example board_frames [frames]`
// A benchmark reads the wall clock; the library never does.
#![allow(clippy::disallowed_methods, missing_docs)]

#[cfg(not(target_arch = "wasm32"))]
#[path = "../benches/workload/mod.rs"]
mod workload;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::hint::black_box;
    use std::time::Instant;

    use huying_wasm::frame::Frame;

    let frames: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000)
        .max(1);
    let t0 = Instant::now();
    let calls = workload::calls();
    let built = t0.elapsed();
    let now = workload::now();
    let mut frame = Frame::default();
    frame.fill(&calls, now);
    println!(
        "board: {} calls, {} countdowns, {} errors (built in {} ms)",
        calls.len(),
        frame.len(),
        frame.errors.len(),
        built.as_millis()
    );
    for _ in 0..200 {
        frame.fill(black_box(&calls), black_box(now));
    }
    let mut times: Vec<f64> = Vec::with_capacity(frames);
    let mut sink = 0;
    for _ in 0..frames {
        let a = Instant::now();
        frame.fill(black_box(&calls), black_box(now));
        times.push(a.elapsed().as_secs_f64() * 1e6);
        sink += frame.len();
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / frames as f64;
    let q = |p: f64| {
        times
            .get(((p * frames as f64) as usize).min(frames - 1))
            .copied()
            .unwrap_or(f64::NAN)
    };
    println!(
        "Frame::fill (5,000 calls, {} countdowns): mean {mean:.0} µs, median {:.0} µs, p95 {:.0} µs, min {:.0} µs over {frames} frames ({sink} rows)",
        frame.len(),
        q(0.5),
        q(0.95),
        q(0.0)
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
