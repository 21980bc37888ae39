#!/usr/bin/env bash
# Load, side by side with Redmine: the same wrk settings against Redmine (the Debian package, SQLite) and
# against Lodestar (release build, SQLite, 10,000-initiative demo portfolio), one table of both; then
# mixed read/write load on Lodestar at 64 connections, after which every acknowledged write must be in the
# database; the server's resident memory is sampled throughout.
#
#   bench/load/run.sh                              # builds lodestar (release); 5 minutes of mixed load
#   LODESTAR=/path/to/lodestar DURATION=60 bench/load/run.sh
#   SKIP_REDMINE=1 bench/load/run.sh               # Lodestar only (the table then has no Redmine columns)
#
# Env: SQLITE_JOURNAL (wal: Redmine's journal mode; in "delete" mode its reads stall under this load),
# THREADS (2), CONNS (16), WRK_DURATION (15s), WARMUP (5s) for the side-by-side runs; MIXED_CONNS (64),
# DURATION (300, seconds) for the mixed run; INITIATIVES (10000); PORT (8188); OUT (/tmp/lodestar-load:
# the cached demo database, this run's copy of it, the Redmine copy, logs and wrk output).
# Needs: wrk, sqlite3, curl, python3; Redmine's start.sh installs its Debian packages (root).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=$(pwd)
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
WRK_DURATION=${WRK_DURATION:-15s}
WARMUP=${WARMUP:-5s}
MIXED_CONNS=${MIXED_CONNS:-64}
DURATION=${DURATION:-300}
INITIATIVES=${INITIATIVES:-10000}
PORT=${PORT:-8188}
OUT=${OUT:-/tmp/lodestar-load}
PEER_SOURCE=${PEER_SOURCE:-$HERE/../shared/peers/redmine}
[[ -d "$PEER_SOURCE" ]] || PEER_SOURCE=/work/shared/peers/redmine
mkdir -p "$OUT"
RESULTS="$OUT/results-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
export LUA_DIR="$HERE/bench/load/lua"

if [[ -z "${LODESTAR:-}" ]]; then
    swift build -c release --scratch-path .build-release --product lodestar >&2
    LODESTAR=.build-release/release/lodestar
fi

SERVER=""
stop_server() { # by its pid: SIGTERM (it answers what it accepted, then exits), SIGKILL after 5 s
    [[ -n "$SERVER" ]] || return 0
    kill "$SERVER" 2>/dev/null || return 0
    for _ in $(seq 1 25); do kill -0 "$SERVER" 2>/dev/null || return 0; sleep 0.2; done
    kill -9 "$SERVER" 2>/dev/null || true
}
PEER=""
stop_redmine() { [[ -n "$PEER" ]] && (cd "$PEER" && bash start.sh stop > /dev/null 2>&1) || true; }
SAMPLER=""
stop_all() { [[ -n "$SAMPLER" ]] && kill "$SAMPLER" 2>/dev/null; stop_server; stop_redmine; }
trap stop_all EXIT

# ---- Redmine: a scratch copy of the peer folder, started, seeded, measured and stopped ------------------
if [[ -z "${SKIP_REDMINE:-}" ]]; then
    PEER="$OUT/redmine-peer"
    rm -rf "$PEER.new" && cp -r "$PEER_SOURCE" "$PEER.new"
    if [[ -d "$PEER/state" ]]; then cp -r "$PEER/state" "$PEER.new/"; fi   # its pid file and key, if any
    rm -rf "$PEER" && mv "$PEER.new" "$PEER"
    echo "Redmine: starting, seeding and measuring (log in $RESULTS/redmine.log) ..." >&2
    (
        cd "$PEER"
        SQLITE_JOURNAL=${SQLITE_JOURNAL:-wal} bash start.sh   # Redmine at its best on SQLite, as its README's figures
        python3 seed.py
        THREADS=$THREADS CONNS=$CONNS DURATION=$WRK_DURATION WARMUP=$WARMUP bash bench.sh
    ) > "$RESULTS/redmine.log" 2>&1 || { tail -20 "$RESULTS/redmine.log" >&2; exit 1; }
    stop_redmine
    cp "$(ls -d "$PEER"/results/*-sqlite | tail -1)/summary.jsonl" "$RESULTS/redmine.jsonl"
fi

# ---- Lodestar: a fresh copy of the cached demo portfolio, a PMO token, the server ----------------------
PRISTINE="$OUT/demo-$INITIATIVES.sqlite"
if [[ ! -f "$PRISTINE" ]]; then
    echo "Generating the $INITIATIVES-initiative demo portfolio into $PRISTINE (once) ..." >&2
    "$LODESTAR" demo --database "$PRISTINE.tmp" --initiatives "$INITIATIVES" > "$OUT/demo.log"
    sqlite3 "$PRISTINE.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
    mv "$PRISTINE.tmp" "$PRISTINE"
fi
DB="$OUT/run.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
cp "$PRISTINE" "$DB"
PMO=$(sqlite3 "$DB" "select email from users where role = 'pmo' order by email limit 1")
export LODESTAR_TOKEN=$("$LODESTAR" token create --database "$DB" --email "$PMO" --name "load bench" | tail -1)
export IDS_FILE="$RESULTS/initiative-ids.txt"
sqlite3 "$DB" "select id from initiatives order by random() limit 5000" > "$IDS_FILE"
export RUN_PREFIX="L$(date -u +%H%M%S)"

"$LODESTAR" serve --database "$DB" --port "$PORT" > "$RESULTS/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/health" > /dev/null || { echo "lodestar did not come up; see $RESULTS/server.log" >&2; exit 1; }
# Measured in steady state: after start the server warms its portfolio caches and runs the scheduled jobs
# it missed (about 10 s of CPU on the 10k portfolio), which would land in the first run's tail latency.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
BOOT_STARTED=$(date +%s)
for _ in $(seq 1 60); do   # until it used under 5 % of a core over 2 s, at most 2 minutes
    before=$(cpu_ticks); sleep 2; after=$(cpu_ticks)
    (( after - before <= 10 )) && break
done
echo "Lodestar: boot work done after $(( $(date +%s) - BOOT_STARTED )) s" >&2
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER/status"; }
URL="http://127.0.0.1:$PORT"

run_wrk() { # name script connections duration; appends the RESULT line to lodestar.jsonl
    local name=$1 script=$2 connections=$3 duration=$4
    sleep 2
    if [[ "$WARMUP" != "0" && "$WARMUP" != "0s" && "$name" != mixed ]]; then
        RUN_PREFIX="${RUN_PREFIX}w$name" wrk -t"$THREADS" -c"$connections" -d"$WARMUP" --timeout 10s \
            -s "$LUA_DIR/$script" "$URL" > "$RESULTS/$name.warmup.txt" 2>&1
    fi
    wrk -t"$THREADS" -c"$connections" -d"$duration" --timeout 10s --latency -s "$LUA_DIR/$script" "$URL" > "$RESULTS/$name.txt" 2>&1
    local line
    line=$(sed -n 's/^RESULT //p' "$RESULTS/$name.txt")
    [[ -n "$line" ]] || { cat "$RESULTS/$name.txt" >&2; exit 1; }
    echo "{\"name\":\"$name\",${line#\{}" >> "$RESULTS/lodestar.jsonl"
}

echo "Lodestar: measuring (server log in $RESULTS/server.log) ..." >&2
run_wrk issues_list list.lua "$CONNS" "$WRK_DURATION"
RSS_LOADED=$(rss_kib)   # the portfolio read through the API (and its pages warmed) by the list run
run_wrk issue_show show.lua "$CONNS" "$WRK_DURATION"
run_wrk issue_create create.lua "$CONNS" "$WRK_DURATION"

# ---- mixed read/write load, memory sampled every 5 s ---------------------------------------------------
export RUN_PREFIX="M$(date -u +%H%M%S)"
( while kill -0 "$SERVER" 2>/dev/null; do echo "$(date -u +%s) $(rss_kib)"; sleep 5; done ) > "$RESULTS/rss.log" 2>/dev/null &
SAMPLER=$!
echo "Lodestar: $DURATION s of mixed load at $MIXED_CONNS connections ..." >&2
run_wrk mixed mixed.lua "$MIXED_CONNS" "${DURATION}s"
kill "$SAMPLER" 2>/dev/null; SAMPLER=""
stop_server
sqlite3 "$DB" "PRAGMA integrity_check" > "$RESULTS/integrity.txt"
sqlite3 "$DB" "select count(*), coalesce(sum(version - 1), 0) from initiatives where code like '$RUN_PREFIX-%'" > "$RESULTS/mixed-rows.txt"

# ---- the report ----------------------------------------------------------------------------------------
python3 - "$RESULTS" "$RSS_LOADED" "$INITIATIVES" "$THREADS" "$CONNS" "$WRK_DURATION" "$MIXED_CONNS" "$DURATION" \
    "$(git rev-parse --short HEAD)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" <<'EOF' | tee "$RESULTS/summary.md"
import json, os, sys
out, rss_loaded, initiatives, threads, conns, duration, mixed_conns, mixed_secs, commit, cores, cpu = sys.argv[1:]
def load(name):
    path = os.path.join(out, name)
    return {r["name"]: r for r in map(json.loads, open(path))} if os.path.exists(path) else {}
redmine, lodestar = load("redmine.jsonl"), load("lodestar.jsonl")
def errors(r): return r["err_status"] + r["err_connect"] + r["err_read"] + r["err_write"] + r["err_timeout"]
def cell(r): return f"{r['rps']:.1f} ({r['p50_ms']:.1f}/{r['p99_ms']:.1f})" if r else "–"
print(f"Lodestar {commit} (release, SQLite, {initiatives} initiatives) against Redmine 5.0 (Debian, SQLite journal '{os.environ.get('SQLITE_JOURNAL', 'wal')}', puma 2x5);")
print(f"{cores} cores ({cpu}); wrk {threads} threads, {conns} connections, {duration} per endpoint after a warm-up.")
print()
print("| endpoint | Redmine req/s (p50/p99 ms) | Lodestar req/s (p50/p99 ms) | ratio | errors Redmine / Lodestar |")
print("|---|---:|---:|---:|---|")
rows = [("issues_list", "list 100 (`/issues.json?limit=100` / `/api/v1/initiatives?limit=100&offset=…`)"),
        ("issue_show", "read one (`/issues/ID.json` / `/api/v1/initiatives/ID`, random ids)"),
        ("issue_create", "create one (`POST /issues.json` / `POST /api/v1/initiatives`)")]
for key, label in rows:
    r, l = redmine.get(key), lodestar.get(key)
    ratio = f"{l['rps'] / r['rps']:.0f}×" if r and l and r["rps"] else "–"
    print(f"| {label} | {cell(r)} | {cell(l)} | {ratio} | {errors(r) if r else '–'} / {errors(l) if l else '–'} |")
m = lodestar["mixed"]
rows_found, updates_found = map(int, open(os.path.join(out, "mixed-rows.txt")).read().strip().split("|"))
integrity = open(os.path.join(out, "integrity.txt")).read().strip()
samples = [line.split() for line in open(os.path.join(out, "rss.log")) if len(line.split()) == 2]
mib = lambda kib: f"{int(kib) / 1024:.0f} MiB"
print()
print(f"Mixed load, {mixed_secs} s at {mixed_conns} connections (45 % list pages, 35 % single reads, 15 % creates, 5 % PATCH with If-Match):")
print(f"- {m['requests']} requests, {m['rps']:.1f} req/s, p50 {m['p50_ms']:.1f} ms, p99 {m['p99_ms']:.1f} ms, max {m['max_ms']:.1f} ms; "
      f"errors: {errors(m)} (status {m['err_status']}, of them 412 {m['stale']}; socket connect/read/write/timeout "
      f"{m['err_connect']}/{m['err_read']}/{m['err_write']}/{m['err_timeout']})")
verdict = "all there" if rows_found >= m["created"] and updates_found >= m["updated"] else "WRITES MISSING"
print(f"- acknowledged creates {m['created']}, rows in the database {rows_found}; acknowledged PATCHes {m['updated']}, "
      f"versions gained {updates_found}: {verdict}; integrity_check: {integrity}")
if samples:
    print(f"- resident memory: {mib(rss_loaded)} after the 10k portfolio was first listed; during the mixed run "
          f"{mib(samples[0][1])} at the start, {mib(max(int(s[1]) for s in samples))} at most, {mib(samples[-1][1])} at the end "
          f"({len(samples)} samples, 5 s apart)")
EOF
echo "results in $RESULTS" >&2
