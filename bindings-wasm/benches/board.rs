//! The board helper natively: 5,000 calls at various stages, every running
//! countdown with due, remaining and light — `Frame::fill`, exactly the work
//! `Board.at` does in wasm before copying the columns into typed arrays.
//! Compare with `node bench/board.mjs` (same calls, same instant).
//!
//! `cargo bench -p huying-wasm --bench board`; `cargo run --release -p
//! huying-wasm --example board_frames` times single frames the way the Node
//! script does.
#![allow(missing_docs)]

#[cfg(not(target_arch = "wasm32"))]
#[path = "workload/mod.rs"]
mod workload;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, black_box};
    use huying_wasm::frame::Frame;

    use super::workload::{calls, now};

    pub fn bench(c: &mut Criterion) {
        let calls = calls();
        let now = now();
        let mut frame = Frame::default();
        frame.fill(&calls, now);
        eprintln!(
            "board: {} calls, {} countdowns, {} errors at {now}",
            calls.len(),
            frame.len(),
            frame.errors.len()
        );
        c.bench_function("board_at_5000_calls", |b| {
            b.iter(|| {
                frame.fill(black_box(&calls), black_box(now));
                black_box(frame.len())
            })
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(benches, native::bench);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
