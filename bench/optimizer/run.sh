#!/usr/bin/env bash
# Reproduces the optimiser table of issue 3: `lodestar optimize` (release build, one core) against
# HiGHS (60 s, one thread) on instances from the shared generator, every solution validated.
#
#   bench/optimizer/run.sh            # HiGHS solutions are cached in $OUT/highs; delete them to re-run
#
# Needs python3 with highspy (pip install highspy). Writes to $OUT (default /tmp/lodestar-optimizer-bench).
# LODESTAR=/path/to/binary skips the build (any binary with the `optimize` command).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared/bench/optimizer}"
OUT="${OUT:-/tmp/lodestar-optimizer-bench}"
HIGHS_LIMIT="${HIGHS_LIMIT:-60}"
# size:seed pairs: the small ones are solved to optimality by HiGHS, which checks the bound.
RUNS="${RUNS:-30:1 30:2 50:1 50:2 200:1 1000:1 1000:2 1000:3 5000:1 5000:2}"

mkdir -p "$OUT/instances" "$OUT/highs" "$OUT/lodestar"
if [ -z "${LODESTAR:-}" ]; then
    echo "building lodestar (release)…" >&2
    (cd "$ROOT" && nice -n 10 swift build -c release --product lodestar --scratch-path "$ROOT/.build-release" >&2)
    LODESTAR="$ROOT/.build-release/release/lodestar"
fi

field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2]); print('-' if v is None else v)" "$1" "$2"; }
valid() { python3 "$SHARED/validate.py" "$1" "$2" >/dev/null 2>&1 && echo yes || echo NO; }

rows=()
for run in $RUNS; do
    n="${run%%:*}"; seed="${run##*:}"; name="s$seed-n$n"
    inst="$OUT/instances/$name.json"
    [ -s "$inst" ] || python3 "$SHARED/gen.py" --seed "$seed" --n "$n" --pools 10 --quarters 8 --tightness 0.5 -o "$inst"

    highs="$OUT/highs/$name.json"
    if [ ! -s "$highs" ]; then
        echo "HiGHS $name ($HIGHS_LIMIT s)…" >&2
        (cd "$SHARED" && nice -n 10 python3 solve_highs.py "$inst" --time-limit "$HIGHS_LIMIT" --threads 1 -o "$highs.tmp")
        mv "$highs.tmp" "$highs"
    fi

    ours="$OUT/lodestar/$name.json"
    echo "lodestar $name…" >&2
    started=$(date +%s.%N)
    taskset -c 0 "$LODESTAR" optimize --instance "$inst" --output "$ours"
    wall=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$started" "$(date +%s.%N)")

    rows+=("$(python3 - "$n" "$seed" "$ours" "$highs" "$(valid "$inst" "$ours")" "$(valid "$inst" "$highs")" "$wall" <<'PY'
import json, sys
n, seed, ours, highs, ours_ok, highs_ok, wall = sys.argv[1:]
o, h = json.load(open(ours)), json.load(open(highs))
ratio = "-" if not h.get("objective") else f"{100 * o['objective'] / h['objective']:.2f} %"
bound_ok = "" if h.get("status") != "optimal" else (" ✓" if o["bound"] >= h["objective"] else " ✗ below optimum")
print(f"| {n} | {seed} | {o['objective']} | {h.get('objective')} | {o['bound']:.0f}{bound_ok} | "
      f"{h.get('bound')} ({h.get('status')}, {h.get('seconds')} s) | {o['seconds']:.2f} ({wall}) | {ratio} | "
      f"{100 * o['gap']:.2f} % | {ours_ok} / {highs_ok} |")
PY
)")
done

echo
echo "| n | seed | our value | HiGHS value | our bound | HiGHS bound (status, time) | our time s (wall, with JSON) | ours / HiGHS | our gap | valid (ours / HiGHS) |"
echo "|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
