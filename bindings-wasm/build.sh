#!/usr/bin/env bash
# Builds the `huying` npm package: the wasm module for the browser (ES module,
# pkg/web) and for Node (pkg/node), and copies the browser build next to the
# countdown board (examples/web/pkg). Needs the wasm32 target and the
# wasm-bindgen CLI of exactly the pinned version (scripts/test-wasm.sh
# installs both). `--dev` builds without optimisation (faster, larger).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
profile=release
[ "${1:-}" = "--dev" ] && profile=dev
# Wherever cargo puts its output (CARGO_TARGET_DIR, config, or ./target).
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')

cargo build -p huying-wasm --target wasm32-unknown-unknown --profile "$profile"
dir=$profile; [ "$profile" = dev ] && dir=debug
wasm="$target_dir/wasm32-unknown-unknown/$dir/huying_wasm.wasm"

rm -rf pkg/web pkg/node
wasm-bindgen "$wasm" --target web --out-dir pkg/web --out-name huying
wasm-bindgen "$wasm" --target nodejs --out-dir pkg/node --out-name huying
# The package is "type": "module"; the Node build is CommonJS.
echo '{ "type": "commonjs" }' > pkg/node/package.json

rm -rf "$root/examples/web/pkg"
mkdir -p "$root/examples/web/pkg"
cp pkg/web/huying.js pkg/web/huying_bg.wasm pkg/web/huying.d.ts "$root/examples/web/pkg/"
bytes=$(wc -c < pkg/web/huying_bg.wasm)
gz=$(gzip -9 -c pkg/web/huying_bg.wasm | wc -c)
echo "huying_bg.wasm: $bytes bytes, $gz gzipped ($profile)"
