#!/usr/bin/env bash
# WASM/JS: the `huying` npm package (bindings-wasm/) and the countdown board
# (examples/web/). Installs what it needs first, idempotently: the wasm32
# target, the wasm-bindgen CLI of exactly the pinned version, Chromium (Debian
# package), and the Node packages from package-lock.json. Then builds the
# package for the browser and Node, and runs the node:test suite (with the
# shared vectors in tests/vectors/), `tsc --noEmit` over the typed usage file,
# and the end-to-end test of the board in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

echo "== wasm: toolchain"
targets=$(rustup target list --installed)
if ! grep -qx wasm32-unknown-unknown <<<"$targets"; then
  rustup target add wasm32-unknown-unknown
fi
# The CLI must match the pinned crate exactly (`wasm-bindgen = "=X.Y.Z"`).
pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' bindings-wasm/Cargo.toml)
if [ -z "$pinned" ]; then
  echo "bindings-wasm/Cargo.toml must pin wasm-bindgen exactly (\"=X.Y.Z\")" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$pinned" ]; then
  echo "installing wasm-bindgen-cli $pinned (found: ${have:-none})"
  # --locked first; if the CLI's own lock file names a crate version the
  # registry no longer serves, resolve afresh (still exactly $pinned).
  cargo install wasm-bindgen-cli --version "=$pinned" --locked \
    || cargo install wasm-bindgen-cli --version "=$pinned"
fi
# Chromium for the end-to-end test; a CJK font and emoji so that the
# screenshot of the (Chinese) board is legible.
debs=()
[ -x /usr/bin/chromium ] || debs+=(chromium)
fonts=$(fc-list 2>/dev/null || true)
zh_fonts=$(fc-list :lang=zh 2>/dev/null || true)
[ -n "$zh_fonts" ] || debs+=(fonts-wqy-microhei)
grep -qi emoji <<<"$fonts" || debs+=(fonts-noto-color-emoji)
if [ ${#debs[@]} -gt 0 ]; then
  echo "installing Debian packages: ${debs[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${debs[@]}"
fi

echo "== wasm: rust (lints and unit tests of the binding)"
cargo fmt -p huying-wasm -- --check
cargo clippy -p huying-wasm --no-deps --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p huying-wasm --no-deps --no-default-features --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p huying-wasm --no-deps --all-targets -- -D warnings
cargo test -p huying-wasm --lib

echo "== wasm: node packages"
cd bindings-wasm
npm ci --no-audit --no-fund

echo "== wasm: build (web + node, and the board's build)"
bash build.sh
# The board's build is what a widget page loads on every visit: keep it
# within 300 KB gzipped (BENCHMARKS.md gives the figures).
board_gz=$(gzip -9 -c pkg/board/huying_bg.wasm | wc -c)
if [ "$board_gz" -gt 307200 ]; then
  echo "the board's build is $board_gz bytes gzipped, over 300 KB" >&2
  exit 1
fi

echo "== wasm: node:test"
node --test tests/

echo "== wasm: tsc --noEmit"
npx --no-install tsc --noEmit -p tsconfig.json

echo "== wasm: end-to-end (headless Chromium)"
mkdir -p "$root/artifacts"
node --test e2e/

echo "wasm suites passed"
