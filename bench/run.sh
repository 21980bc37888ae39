#!/usr/bin/env bash
# Every benchmark figure in one table (`lodestar bench all`), with a release build: latency on the
# 10,000-initiative demo (SQLite, and PostgreSQL when BENCH_POSTGRES_URL names a database), Monte Carlo,
# the optimiser on the shared generator's n=1000 and n=5000 instances, and the largest MS Project sample.
#
#   bench/run.sh                                   # builds lodestar (release) first
#   LODESTAR=/path/to/lodestar bench/run.sh
#   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:54329/bench bench/run.sh
#
# Instances and the SQLite portfolio are kept in $OUT (default /tmp/lodestar-bench) between runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
OUT="${OUT:-/tmp/lodestar-bench}"
mkdir -p "$OUT"
if [ -z "${LODESTAR:-}" ]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$ROOT/.build-release" --product lodestar >&2)
    LODESTAR="$ROOT/.build-release/release/lodestar"
fi

arguments=(--database "$OUT/demo-10000.sqlite")
[ -n "${BENCH_POSTGRES_URL:-}" ] && arguments+=(--postgres "$BENCH_POSTGRES_URL")
for n in 1000 5000; do
    instance="$OUT/optimizer-s1-n$n.json"
    if [ ! -s "$instance" ] && [ -f "$SHARED/bench/optimizer/gen.py" ]; then
        python3 "$SHARED/bench/optimizer/gen.py" --seed 1 --n "$n" --pools 10 --quarters 8 --tightness 0.5 -o "$instance"
    fi
    [ -s "$instance" ] && arguments+=(--optimizer-instance "$instance")
done
largest=$(ls -S "$SHARED"/samples/mspdi/*.xml 2>/dev/null | head -n 1 || true)
[ -n "$largest" ] && arguments+=(--import-file "$largest")

# Run from the repository so the table names its commit.
cd "$ROOT" && "$LODESTAR" bench all "${arguments[@]}"
