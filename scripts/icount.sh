#!/usr/bin/env bash
# Instructions per call of the compliance replay + report, counted by
# callgrind (valgrind): a run of examples/replay_timing that replays a
# generated log once, minus one that replays it zero times (generating the
# log is in both), divided by the calls. Load-independent, unlike wall time
# on a shared machine; BENCHMARKS.md gives its figures per commit.
#
#   scripts/icount.sh [BINARY] [CALLS]     (CALLS=20000, BY=department)
#
# BINARY defaults to target/release/examples/replay_timing (build it with
# `cargo build --release -p huying --example replay_timing`).
set -euo pipefail
bin=${1:-target/release/examples/replay_timing}
calls=${2:-20000}
by=${BY:-department}
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$calls" "$1" "$by" 2>&1 |
    awk '/refs:/ {gsub(",", "", $4); print $4}'
}
zero=$(count 0)
one=$(count 1)
echo "$bin: $(( (one - zero) / calls )) instructions per call ($calls calls, by $by)"
