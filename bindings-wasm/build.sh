#!/usr/bin/env bash
# Builds the `huying` npm package and the countdown board's build:
#
# - pkg/web, pkg/node: the full package (every feature: reports, lists from
#   CSV/XLSX) for the browser (ES module) and Node;
# - pkg/board: the board's build (`--no-default-features`: the calendar, the
#   list, calls and the board), copied next to the countdown board
#   (examples/web/pkg), for a widget page that loads it on every visit.
#
# Both are compiled with the `wasm` profile (opt-level z, fat LTO) and
# optimized with wasm-opt -Oz (binaryen, from the package's devDependencies:
# Debian's binaryen 108 cannot read the reference-types code Rust emits now).
# Needs the wasm32 target and the wasm-bindgen CLI of exactly the pinned
# version (scripts/test-wasm.sh installs both). `--dev` builds the full
# package only, without optimisation (faster, larger).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
profile=wasm
[ "${1:-}" = "--dev" ] && profile=dev
# Wherever cargo puts its output (CARGO_TARGET_DIR, config, or ./target).
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')
dir=$profile; [ "$profile" = dev ] && dir=debug
wasm="$target_dir/wasm32-unknown-unknown/$dir/huying_wasm.wasm"
wasm_opt=node_modules/.bin/wasm-opt

optimize() { # in place
  [ "$profile" = dev ] && return
  # The features Rust's wasm32 target emits, and no others (not stringref).
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$1" -o "$1.opt"
  mv "$1.opt" "$1"
}

report() {
  echo "$1: $(wc -c < "$2") bytes, $(gzip -9 -c "$2" | wc -c) gzipped ($profile)"
}

# The full package.
cargo build -p huying-wasm --target wasm32-unknown-unknown --profile "$profile"
rm -rf pkg/web pkg/node pkg/board
wasm-bindgen "$wasm" --target web --out-dir pkg/web --out-name huying
wasm-bindgen "$wasm" --target nodejs --out-dir pkg/node --out-name huying
# The package is "type": "module"; the Node build is CommonJS.
echo '{ "type": "commonjs" }' > pkg/node/package.json
optimize pkg/web/huying_bg.wasm
optimize pkg/node/huying_bg.wasm
report "full package (pkg/web/huying_bg.wasm)" pkg/web/huying_bg.wasm

rm -rf "$root/examples/web/pkg"
mkdir -p "$root/examples/web/pkg"
if [ "$profile" = dev ]; then
  cp pkg/web/huying.js pkg/web/huying_bg.wasm pkg/web/huying.d.ts "$root/examples/web/pkg/"
  exit 0
fi

# The board's build.
cargo build -p huying-wasm --no-default-features --target wasm32-unknown-unknown --profile "$profile"
wasm-bindgen "$wasm" --target web --out-dir pkg/board --out-name huying
optimize pkg/board/huying_bg.wasm
report "board's build (pkg/board/huying_bg.wasm)" pkg/board/huying_bg.wasm
cp pkg/board/huying.js pkg/board/huying_bg.wasm pkg/board/huying.d.ts "$root/examples/web/pkg/"
