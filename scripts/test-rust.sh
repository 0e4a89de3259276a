#!/usr/bin/env bash
# Rust: format, lints, unit + integration + property + doc tests of the workspace's Rust crates.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== rust: fmt"
cargo fmt --all -- --check
echo "== rust: clippy"
cargo clippy -p huying -p huying-calendar-data --all-targets -- -D warnings
echo "== rust: tests (unit, integration, examples; benches are compiled by clippy above, run with cargo bench)"
cargo test -p huying --lib --tests --examples
cargo test -p huying-calendar-data
echo "== rust: doc tests"
cargo test -p huying --doc
echo "== rust: rustdoc (broken or redundant links are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc -p huying -p huying-calendar-data --no-deps --quiet
