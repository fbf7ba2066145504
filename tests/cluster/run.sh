#!/usr/bin/env bash
# The cluster test: starts PostgreSQL, a mail sink, two app nodes and nginx (scripts/cluster.sh), runs the checks in
# check.py through them, stops it all, and ends with the line "N passed, N failed". Needs the Release build.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib/throwaway-pg.sh
DIR="$(mktemp -d /tmp/samstyring-cluster-test.XXXXXX)"
trap 'bash scripts/cluster.sh stop "$DIR" >/dev/null 2>&1; rm -rf "$DIR"' EXIT
if ! bash scripts/cluster.sh start "$DIR"; then
  for f in "$DIR"/log/*.log; do echo "== $f"; tail -n 20 "$f"; done >&2
  echo "FAIL the cluster started"
  echo "0 passed, 1 failed"
  exit 1
fi
PSQL="$(find_pg_bindir)/psql" "$PYTHON" tests/cluster/check.py "$DIR"
rc=$?
if [ "$rc" -ne 0 ]; then for f in "$DIR"/log/node-*.log; do echo "== $f (warnings and errors)"; grep -E -A3 "^(fail|crit|warn):" "$f" | tail -n 40; done >&2; fi
exit "$rc"
