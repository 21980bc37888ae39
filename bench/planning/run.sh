#!/usr/bin/env bash
# Times the planning answers on a large demo portfolio with a release build: the strategy map, the
# ranking, the capacity heat map (with shadow prices) and a scenario run, through the API and the pages.
#
#   bench/planning/run.sh                          # 10,000 initiatives, builds lodestar (release)
#   INITIATIVES=2000 RUNS=10 bench/planning/run.sh
#   LODESTAR=/path/to/lodestar bench/planning/run.sh
#
# Output (databases, server log) goes to $OUT (default /tmp/lodestar-planning-bench); nothing here changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
INITIATIVES=${INITIATIVES:-10000}
RUNS=${RUNS:-7}
PORT=${PORT:-8187}
OUT=${OUT:-/tmp/lodestar-planning-bench}
mkdir -p "$OUT"
if [[ -z "${LODESTAR:-}" ]]; then
    swift build -c release --scratch-path .build-release --product lodestar >&2
    LODESTAR=.build-release/release/lodestar
fi
DB="$OUT/demo-$INITIATIVES.sqlite"
if [[ ! -f "$DB" ]]; then
    echo "Generating the $INITIATIVES-initiative demo portfolio into $DB ..." >&2
    "$LODESTAR" demo --database "$DB" --initiatives "$INITIATIVES" > "$OUT/demo.log"
fi
PMO=$(sqlite3 "$DB" "select email from users where role = 'pmo' order by email limit 1")
TOKEN=$("$LODESTAR" token create --database "$DB" --email "$PMO" --name "planning bench" | tail -1)
"$LODESTAR" serve --database "$DB" --port "$PORT" > "$OUT/server.log" 2>&1 &
SERVER=$!
stop_server() { # by its pid; a server busy with boot-time jobs may ignore SIGTERM for a while
    kill "$SERVER" 2>/dev/null || return 0
    for _ in $(seq 1 25); do kill -0 "$SERVER" 2>/dev/null || return 0; sleep 0.2; done
    kill -9 "$SERVER" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.2; done

api() { curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$@"; }
FIRST=$(python3 -c "import datetime; d=datetime.date.today(); print(f'{d.year+(d.month+2)//12}-Q{((d.month+2)//3)%4+1}')")
SCENARIO=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"name\": \"Bench $(date +%s)\", \"description\": \"\", \"firstQuarter\": \"$FIRST\", \"quarters\": 8, \"budgetCaps\": [], \"capacityChanges\": [], \"forcedIn\": [], \"forcedOut\": [], \"startShifts\": [], \"weightChanges\": []}" \
    "http://127.0.0.1:$PORT/api/v1/scenarios" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

measure() { # name, then curl arguments; prints name, median and worst of $RUNS runs in ms
    local name=$1; shift
    local times=()
    for _ in $(seq 1 "$RUNS"); do times+=("$(api "$@")"); done
    printf '%s\n' "${times[@]}" | python3 -c "
import sys, statistics
t = sorted(float(x) * 1000 for x in sys.stdin)
print(f'| $name | {statistics.median(t):.0f} | {t[-1]:.0f} |')"
}
COUNT=$(sqlite3 "$DB" "select count(*) from initiatives")
echo "Planning answers on $COUNT initiatives ($(uname -m), $(nproc) cores, commit $(git rev-parse --short HEAD)), $RUNS runs each, ms:"
echo
echo "| answer | median | worst |"
echo "|---|---:|---:|"
measure "GET /api/v1/strategy (strategy map)" "http://127.0.0.1:$PORT/api/v1/strategy"
measure "GET /api/v1/priorities?limit=100 (ranking)" "http://127.0.0.1:$PORT/api/v1/priorities?limit=100"
measure "GET /api/v1/capacity (heat map data + shadow prices)" "http://127.0.0.1:$PORT/api/v1/capacity"
measure "POST /api/v1/scenarios/ID/runs (scenario run)" -X POST "http://127.0.0.1:$PORT/api/v1/scenarios/$SCENARIO/runs"
measure "page /strategy" "http://127.0.0.1:$PORT/strategy"
measure "page /priorities" "http://127.0.0.1:$PORT/priorities"
measure "page /capacity (SVG heat map)" "http://127.0.0.1:$PORT/capacity"
