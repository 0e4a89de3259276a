#!/usr/bin/env bash
# Rust: format, lints, unit + integration + property + doc tests of the workspace's Rust crates.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== rust: fmt"
cargo fmt --all -- --check
echo "== rust: clippy"
cargo clippy -p huying -p huying-calendar-data --all-targets -- -D warnings
echo "== rust: features (a calendar-only build compiles no csv, calamine, zip or quick-xml)"
for features in "" "testkit" "csv" "csv,testkit" "xlsx"; do
  cargo clippy -p huying --lib --no-default-features --features "$features" -- -D warnings
done
deps=$(cargo tree -p huying --no-default-features -e normal --prefix none)
for heavy in csv calamine zip quick-xml rust_xlsxwriter encoding_rs; do
  if grep -q "^$heavy v" <<<"$deps"; then
    echo "huying without features depends on $heavy" >&2
    exit 1
  fi
done
echo "== rust: tests (unit, integration, examples; benches are compiled by clippy above, run with cargo bench)"
cargo test -p huying --lib --tests --examples
cargo test -p huying-calendar-data
echo "== rust: doc tests"
cargo test -p huying --doc
echo "== rust: rustdoc (broken or redundant links are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc -p huying -p huying-calendar-data --no-deps --quiet
