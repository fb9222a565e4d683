#!/usr/bin/env bash
# A/B timing of two dateline binaries on one corpus: builds alternate (A, B, A, B, …) into a
# fresh output each time, so that a change in the machine's load hits both alike, and prints
# the median and the fastest wall time, the median and lowest CPU time (user + system) and the
# peak memory of each. On a shared machine the spread between runs of one binary can exceed
# the difference being measured: compare medians over many runs, and the minimums.
#
# Usage: bench/ab.sh SITE RUNS BIN_A BIN_B      (e.g. bench/ab.sh /dev/shm/dl-10000 9 old new)
# Env:   OUT=DIR   where the outputs go (default: /dev/shm/dl-ab-out, removed at the end)
set -euo pipefail
[ $# -eq 4 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
site=$1 runs=$2 a=$3 b=$4
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
out=${OUT:-/dev/shm/dl-ab-out}
work=$(mktemp -d)
trap 'rm -rf "$work" "$out"' EXIT
for _ in $(seq 1 "$runs"); do
  for w in a b; do
    bin=$a; [ "$w" = b ] && bin=$b
    rm -rf "$out"
    timeout 600 /usr/bin/time -o "$work/t" -f "%e %U %S %M" \
      "$bin" build --root "$site" --output "$out" >/dev/null 2>"$work/err" \
      || { echo "$bin failed:" >&2; tail -5 "$work/err" >&2; exit 1; }
    cat "$work/t" >>"$work/$w"
  done
done
for w in a b; do
  bin=$a; [ "$w" = b ] && bin=$b
  python3 - "$work/$w" "${w^^} $bin" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
wall = [r[0] for r in rows]
cpu = [r[1] + r[2] for r in rows]
print(f"{sys.argv[2]}: wall median {statistics.median(wall):.3f} s, min {min(wall):.3f} s"
      f" | cpu median {statistics.median(cpu):.2f} s, min {min(cpu):.2f} s"
      f" | peak {max(r[3] for r in rows) / 1024:.0f} MiB ({len(rows)} runs)")
PY
done
