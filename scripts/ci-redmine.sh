#!/usr/bin/env bash
# A real Redmine (Debian's package) on 127.0.0.1 for the connector's tests, started from a copy of
# the shared peer scripts (../shared/peers/redmine beside the repository), seeded with a little data.
#
#   eval "$(bash scripts/ci-redmine.sh start)"   # prints the exports the tests read; logs go to stderr
#   bash scripts/ci-redmine.sh stop              # stops the puma it started (by its PID file)
#
# When Redmine cannot be started, `start` prints no exports and the Redmine tests skip with a message.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
peer="${REDMINE_PEER_DIR:-$repo/../shared/peers/redmine}"
work="${REDMINE_WORK_DIR:-/tmp/lodestar-redmine-peer}"
port="${REDMINE_PORT:-3000}"

case "${1:-start}" in
    start)
        if [ ! -f "$peer/start.sh" ]; then
            echo "ci-redmine: no Redmine peer scripts at $peer; the Redmine tests will skip" >&2
            exit 0
        fi
        mkdir -p "$work"
        cp -r "$peer/." "$work/"
        chmod -R u+w "$work"
        if (cd "$work" && REDMINE_PORT="$port" PUMA_WORKERS=1 PUMA_THREADS=4 bash start.sh >&2 &&
            python3 seed.py --url "http://127.0.0.1:$port" --projects 2 --issues 40 >&2); then
            echo "export LODESTAR_TEST_REDMINE_URL=http://127.0.0.1:$port"
            echo "export LODESTAR_TEST_REDMINE_KEY=$(cat "$work/state/default/api_key")"
        else
            echo "ci-redmine: Redmine did not start; the Redmine tests will skip" >&2
        fi
        ;;
    stop)
        [ -f "$work/start.sh" ] && (cd "$work" && bash start.sh stop) >&2
        ;;
    *)
        echo "usage: $0 start|stop" >&2
        exit 2
        ;;
esac
exit 0
