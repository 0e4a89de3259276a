#!/usr/bin/env bash
# Compares the replay's wall time of two or more builds by letting them take
# turns on the same machine (a single run of either can drift by a fifth on
# a shared VM): each round runs every binary once, each run generates the
# log and replays it REPEATS times; at the end, the min and median replay of
# each binary; for two binaries, also how often the second was faster
# in a round and the median of the rounds' changes (a round runs both
# within seconds, so the VM's phase moves both alike).
#
#   scripts/alternate.sh BIN_A BIN_B [...]      (ROUNDS=4 CALLS=1000000 REPEATS=3 BY=department)
#
# Build a binary per revision from its own worktree, e.g.:
#   git worktree add /tmp/rev-a <rev> && (cd /tmp/rev-a &&
#     CARGO_TARGET_DIR=/tmp/target-a cargo build --release -p huying --example replay_timing)
#   cp /tmp/target-a/release/examples/replay_timing /tmp/replay-a
set -euo pipefail
if [ "$#" -lt 2 ]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
rounds=${ROUNDS:-4}
declare -A times
# Per round, the median replay of each binary (for the paired comparison).
declare -A rounds_of
for _ in $(seq "$rounds"); do
  for b in "$@"; do
    t=$("$b" "${CALLS:-1000000}" "${REPEATS:-3}" "${BY:-department}" 2>/dev/null | awk '{print $1}')
    times[$b]="${times[$b]:-} $t"
    m=$(echo $t | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rounds_of[$b]="${rounds_of[$b]:-} $m"
  done
done
for b in "$@"; do
  echo "$b: $(echo ${times[$b]} | tr ' ' '\n' | sort -n |
    awk '{a[NR]=$1} END {printf "min %.3f s, median %.3f s, %d replays", a[1], a[int((NR+1)/2)], NR}')"
done
# Two binaries: each round's medians side by side (the VM's phase moves
# both), and how often the second was the faster.
if [ "$#" -eq 2 ]; then
  paste <(echo ${rounds_of[$1]} | tr ' ' '\n') <(echo ${rounds_of[$2]} | tr ' ' '\n') |
    awk '{print $2 / $1 - 1, ($2 < $1)}' | sort -g |
    awk '{d[NR] = $1; f += $2} END {
      printf "second vs first, round by round: faster in %d of %d rounds, median change %+.1f %%\n", f, NR, 100 * d[int((NR + 1) / 2)]}'
fi
