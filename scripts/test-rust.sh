#!/usr/bin/env bash
# Rust: format, lints, unit + integration + property + doc tests of the workspace's Rust crates.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== rust: fmt"
cargo fmt --all -- --check
echo "== rust: clippy"
cargo clippy -p huying --all-targets -- -D warnings
echo "== rust: tests"
cargo test -p huying --all-targets
echo "== rust: doc tests"
cargo test -p huying --doc
