#!/usr/bin/env bash
# Run all tests of the Samstyring solution: bash scripts/test.sh [extra dotnet test args, e.g. --filter X]
# Starts a throwaway PostgreSQL cluster (exported as SAMSTYRING_TEST_POSTGRES), points the
# browser tests at Chromium (SAMSTYRING_CHROMIUM), builds once, runs every test project, lints the
# OpenAPI document the web tests saved (Redocly CLI, counted as one more test) and closes with
# the line "N passed, N failed[, N skipped]".
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[test.sh] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# ---------------------------------------------------------------- prerequisites
# find_pg_bindir, as_pg, free_port, pg_throwaway_start/stop
source scripts/lib/throwaway-pg.sh

required=() optional=()
find_pg_bindir >/dev/null || required+=(postgresql)
[ -x /usr/bin/chromium ] || required+=(chromium)
command -v "$PYTHON" >/dev/null 2>&1 || required+=(python3)
command -v pdftotext >/dev/null 2>&1 || required+=(poppler-utils)  # PDF tests read the text back with pdftotext
# The feed tests read the Atom and iCalendar feeds back with Python's feedparser and icalendar (Debian packages).
"$PYTHON" -c 'import feedparser, icalendar' >/dev/null 2>&1 || optional+=(python3-feedparser python3-icalendar)
# The cluster test (tests/cluster) puts nginx in front of two app nodes and catches their mail with aiosmtpd.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || required+=(nginx)
"$PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1 || required+=(python3-aiosmtpd)
apt_updated=0
apt_update_once() { [ "$apt_updated" -eq 1 ] || { $SUDO apt-get update -qq && apt_updated=1; }; }
export DEBIAN_FRONTEND=noninteractive
if [ "${#required[@]}" -gt 0 ]; then
  log "installing missing packages: ${required[*]} ${optional[*]}"
  apt_update_once
  $SUDO apt-get install -y -qq "${required[@]}" >/dev/null
fi
if [ "${#optional[@]}" -gt 0 ]; then
  { apt_update_once && $SUDO apt-get install -y -qq "${optional[@]}" >/dev/null; } \
    || log "warning: could not install ${optional[*]} (optional)"
fi

PG_BIN="$(find_pg_bindir)" || { log "error: PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"; exit 1; }
[ -x /usr/bin/chromium ] || { log "error: /usr/bin/chromium not found"; exit 1; }

# ---------------------------------------------------------------- temp dirs + cleanup
WORK_DIR="$(mktemp -d /tmp/samstyring-test.XXXXXX)"
RESULTS_DIR="$WORK_DIR/results"
mkdir -p "$RESULTS_DIR"

stop_pg() {
  if [ "$PG_STARTED" -eq 1 ]; then
    pg_throwaway_stop "$WORK_DIR"
    log "PostgreSQL stopped"
  fi
}
cleanup() {
  local rc=$?
  stop_pg
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- PostgreSQL
pg_throwaway_start "$WORK_DIR" || exit 1
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PG_PORT"

export SAMSTYRING_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=samstyring;Password=samstyring;Database=postgres"
export SAMSTYRING_CHROMIUM=/usr/bin/chromium
# OpenApiTests saves /openapi/v1.json here for the lint below (not when a filter leaves that test out).
export SAMSTYRING_OPENAPI_OUT="$WORK_DIR/openapi.json"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------- build + test
build_rc=0
dotnet build Samstyring.slnx -c Release -nologo || build_rc=$?
if [ "$build_rc" -ne 0 ]; then
  stop_pg
  log "error: dotnet build failed (exit $build_rc)"
  echo "0 passed, 0 failed"
  exit "$build_rc"
fi

test_rc=0
# One test project at a time (-m:1): on two cores the browser suite's own app servers starved while the web tests ran
# beside them, and pages timed out; each project still runs its test classes in parallel.
dotnet test Samstyring.slnx -c Release --no-build --nologo -m:1 \
  --logger trx --results-directory "$RESULTS_DIR" "$@" 2>&1 | tee "$WORK_DIR/dotnet-test.log" || test_rc=$?
# What PostgreSQL refused during the run (the cluster and its log go away with the run).
if [ "$test_rc" -ne 0 ] && [ -f "$PG_LOG" ]; then
  grep -E "ERROR|FATAL|PANIC" "$PG_LOG" | grep -vE "terminating connection due to administrator command" | tail -n 40 >&2 || true
fi
# Stop the cluster now so that the closing summary line really is the last output.
stop_pg

# ---------------------------------------------------------------- cluster
# Two app nodes over one PostgreSQL behind nginx (tests/cluster): each check counts as one test. Skipped when a filter
# was given, like the lint below.
cluster_passed=0 cluster_failed=0
if [ "$#" -eq 0 ]; then
  echo
  echo "Cluster test (tests/cluster/run.sh):"
  cluster_out="$(bash tests/cluster/run.sh 2>&1)" || true
  printf '%s\n' "$cluster_out"
  read -r cluster_passed _ cluster_failed _ <<<"$(printf '%s\n' "$cluster_out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)" || true
  cluster_passed="${cluster_passed:-0}"; cluster_failed="${cluster_failed:-1}"
fi

# ---------------------------------------------------------------- OpenAPI lint
# Redocly CLI, pinned, installed once from the npm registry into a cache outside the work tree (what `npx --yes
# @redocly/cli@VERSION` would fetch on every run); rules in redocly.yaml. A failure to install counts as a failed lint.
REDOCLY_VERSION=2.77.0
REDOCLY_DIR="${SAMSTYRING_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/samstyring}/redocly-cli-$REDOCLY_VERSION"
lint_passed=0 lint_failed=0 lint_note=""
install_redocly() {
  [ -x "$REDOCLY_DIR/node_modules/.bin/redocly" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    log "installing nodejs and npm for the OpenAPI lint"
    { apt_update_once && $SUDO apt-get install -y -qq nodejs npm >/dev/null; } || return 1
  fi
  log "installing @redocly/cli@$REDOCLY_VERSION into $REDOCLY_DIR"
  local staging="$REDOCLY_DIR.partial.$$"
  rm -rf "$staging"; mkdir -p "$staging"
  # Into a staging folder first, so that an interrupted install is never taken for a complete one.
  if npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >&2; then
    rm -rf "$REDOCLY_DIR"; mv "$staging" "$REDOCLY_DIR"
  else
    rm -rf "$staging"; return 1
  fi
}
if [ -s "$SAMSTYRING_OPENAPI_OUT" ]; then
  echo
  echo "OpenAPI lint (Redocly CLI $REDOCLY_VERSION, redocly.yaml):"
  if ! install_redocly; then
    lint_failed=1; lint_note="could not install @redocly/cli@$REDOCLY_VERSION from the npm registry"
  elif REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
      "$REDOCLY_DIR/node_modules/.bin/redocly" lint --config redocly.yaml "$SAMSTYRING_OPENAPI_OUT" 2>&1; then
    lint_passed=1
  else
    lint_failed=1; lint_note="redocly lint reported errors in /openapi/v1.json (see above)"
  fi
else
  log "OpenAPI lint skipped: no test saved the document (OpenApiTests filtered out)"
fi

# ---------------------------------------------------------------- summary from .trx files
summary="$("$PYTHON" - "$RESULTS_DIR" "$WORK_DIR/dotnet-test.log" <<'PY'
import glob, os, re, sys
import xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
tot = {"passed": 0, "failed": 0, "skipped": 0, "executed": 0}
failures = []
failed_names = set()
empty = 0
files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True))
for f in files:
    root = ET.parse(f).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    g = lambda k: int(c.get(k, "0")) if c is not None else 0
    passed, failed = g("passed"), g("failed") + g("error") + g("timeout") + g("aborted")
    executed = g("executed")
    # xunit's skipped tests are results with outcome NotExecuted (the counter may stay 0)
    skipped = max(g("notExecuted"), sum(1 for r in root.iterfind("t:Results/t:UnitTestResult", ns)
                                          if r.get("outcome") == "NotExecuted"))
    # project name: the test assembly of the first unit test
    name = os.path.splitext(os.path.basename(f))[0]
    ut = root.find("t:TestDefinitions/t:UnitTest/t:TestMethod", ns)
    if ut is not None and ut.get("codeBase"):
        name = os.path.splitext(os.path.basename(ut.get("codeBase")))[0]
    if g("total") == 0 and ut is None:
        empty += 1
    else:
        print(f"  {name}: {passed} passed, {failed} failed, {skipped} skipped (total {g('total')})")
    for r in root.iterfind("t:Results/t:UnitTestResult", ns):
        if r.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
            # The first lines of what the test threw: CI keeps only this summary, not the test log.
            msg = (r.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns) or "").strip().splitlines()
            why = "".join("\n      " + m[:300] for m in msg[:6])
            failures.append(f"{name}: {r.get('testName')}{why}")
            failed_names.add(r.get("testName"))
    # A fixture that fails to set up or clean up ("[Test Class Cleanup Failure (...)]") fails the run without failing a
    # test: count it as a failure and show what it threw, so that the closing line agrees with the exit code.
    for info in root.iterfind("t:ResultSummary/t:RunInfos/t:RunInfo", ns):
        text = (info.findtext("t:Text", default="", namespaces=ns) or "").strip()
        if info.get("outcome") == "Error" and ("Failure" in text or "Exception" in text):
            failed += 1
            failures.append(f"{name}: {text[:4000]}")
    tot["passed"] += passed; tot["failed"] += failed
    tot["skipped"] += skipped; tot["executed"] += executed
if empty:
    print(f"  ({empty} test project(s) ran no tests)")
if not files:
    print("  (no .trx result files found)")
# Cross-check with the console summaries ("Passed!  - Failed: 0, Passed: 3, Skipped: 0, Total: 3, ... - X.dll"):
# projects finishing in the same second may collide on the default .trx name.
console = []
try:
    with open(sys.argv[2], encoding="utf-8", errors="replace") as fh:
        for line in fh:
            m = re.search(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+),\s*Total:\s*(\d+).*?-\s*(\S+?)\.dll", line)
            if m:
                console.append(tuple(int(x) for x in m.groups()[:4]) + (m.group(5),))
            m = re.match(r"\s+Failed (\S.*?) \[[^\]]*\]\s*$", line)
            if m and m.group(1) not in failed_names:
                failures.append("(console): " + m.group(1))
except OSError:
    pass
if len(console) > len(files):
    print(f"  note: {len(console)} test runs but {len(files)} .trx files; totals taken from the console summaries")
    tot = {"failed": sum(c[0] for c in console), "passed": sum(c[1] for c in console),
           "skipped": sum(c[2] for c in console), "executed": sum(c[0] + c[1] for c in console)}
if failures:
    print("Failing tests:")
    for x in failures:
        print("  FAILED " + x)
print(f"TOTALS {tot['passed']} {tot['failed']} {tot['skipped']} {tot['executed']} {len(files)}")
PY
)"
totals_line="$(printf '%s\n' "$summary" | tail -n 1)"
read -r _ n_passed n_failed n_skipped n_executed n_files <<<"$totals_line"

n_passed=$((n_passed + lint_passed + cluster_passed)); n_failed=$((n_failed + lint_failed + cluster_failed))

echo
echo "Test summary (per project):"
printf '%s\n' "$summary" | sed '$d'
if [ $((cluster_passed + cluster_failed)) -gt 0 ]; then
  echo "  Cluster test: $cluster_passed passed, $cluster_failed failed"
  [ "$cluster_failed" -eq 0 ] || printf '%s\n' "$cluster_out" | grep '^FAIL' | sed 's/^/  /'
fi
if [ $((lint_passed + lint_failed)) -gt 0 ]; then
  echo "  OpenAPI lint: $lint_passed passed, $lint_failed failed"
  [ "$lint_failed" -eq 0 ] || echo "  FAILED OpenAPI lint: $lint_note"
fi

rc=0
if [ "$test_rc" -ne 0 ]; then rc=$test_rc; log "dotnet test exited with $test_rc"; fi
if [ "$n_failed" -gt 0 ]; then rc=1; fi
if [ "$n_executed" -eq 0 ] && [ "$n_passed" -eq 0 ]; then log "error: no tests were run"; rc=1; fi

closing="$n_passed passed, $n_failed failed"
if [ "$n_skipped" -gt 0 ]; then closing="$closing, $n_skipped skipped"; fi
echo "$closing"
exit "$rc"
