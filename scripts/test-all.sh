#!/usr/bin/env bash
# Runs every test of the project: Rust (unit, integration, doc, property),
# Python (pytest), WASM/JS (node:test), the browser end-to-end test and Java
# (JUnit 5 through Maven).
# Installs what the tests need first (idempotent). Used verbatim by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-rust.sh
for part in python wasm java; do
  if [ -f "scripts/test-$part.sh" ]; then
    bash "scripts/test-$part.sh"
  fi
done
echo "all test suites passed"
