#!/usr/bin/env bash
# Runs fuzz targets one after another, one job each, for a fixed time, and
# prints each target's executions and findings.
#
#   bash fuzz/run.sh [seconds] [target...]   # default: 120 s, every target
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); on a stable
# toolchain RUSTC_BOOTSTRAP=1 lets it use the nightly flags it needs.
# Seeds come from `fuzz/seed.sh`; logs go to fuzz/logs/, crashes to
# fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-120}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(limit_parse calendar_tsv calendar_json schedule catalog_json catalog_tabular catalog_xlsx catalog_sheet call_log_replay)
fi
dict() {
  case $1 in
    limit_parse) echo dicts/limit.dict ;;
    calendar_*) echo dicts/calendar.dict ;;
    schedule) echo dicts/schedule.dict ;;
    catalog_*) echo dicts/catalog.dict ;;
    call_log_replay) echo dicts/call_log.dict ;;
  esac
}
[ -d corpus ] || bash seed.sh
mkdir -p logs
export RUSTC_BOOTSTRAP=1
# Build once, then run the binaries, so that every target of a round fuzzes
# the same code (and no time goes to rebuilding between targets).
cargo fuzz build >logs/build.log 2>&1 || { tail -20 logs/build.log; exit 1; }
bin=target/x86_64-unknown-linux-gnu/release
if rev=$(git -C .. rev-parse --short HEAD 2>/dev/null); then
  git -C .. diff --quiet -- core 2>/dev/null || rev="$rev + uncommitted changes in core"
  echo "core at $rev"
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log="logs/$t.log"
  "$bin/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$secs" -dict="$(dict "$t")" \
    -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    "corpus/$t" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -E '^#[0-9]+.*cov:' "$log" | tail -1 | grep -o 'cov: [0-9]*')
  echo "$t: exit $rc, ${runs:-?} executions in ${secs}s, $cov, corpus $(ls "corpus/$t" | wc -l) files"
  grep -E 'ERROR: libFuzzer|panicked at|SUMMARY|Test unit written' "$log" | head -5
done
