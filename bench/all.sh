#!/usr/bin/env bash
# Every figure issue 14 asks for, in one run: bash bench/all.sh
#   1. bench/run.sh   — the large dataset on SQLite and PostgreSQL: latency with the read cache on and off (pages, lists,
#                       an initiative's page, the overview JSON), reporting season (64 clients, 5 % status reports, lost-write
#                       check), cold start, and on the demo data the API, HTTP Basic and an API token against /livez;
#   2. bench/pages.sh — the public pages, feed and chart against /livez, two nodes through nginx against one, the
#                       200-client mix of public pages, and peak memory.
# Writes bench/results/all-YYYY-MM-DD.md (both reports, one after the other). Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DATE="$(date -u +%F)"
OUT="${BENCH_OUT:-bench/results/all-$DATE.md}"
TMP="$(mktemp -d /tmp/samstyring-bench-all.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
started="$(date -u +%FT%TZ)"
BENCH_OUT="$TMP/portfolio.md" bash bench/run.sh >&2
BENCH_OUT="$TMP/pages.md" bash bench/pages.sh >&2
{
  echo "# Alle ytelsesmål i sak 14 i én kjøring ($DATE)"
  echo
  echo "\`bash bench/all.sh\`, startet $started, ferdig $(date -u +%FT%TZ). To deler: \`bench/run.sh\` (stort datasett, begge databaser)" \
       "og \`bench/pages.sh\` (offentlige sider, to noder bak nginx)."
  echo
  sed 's/^# /## /; s/^## \([^#]\)/### \1/' "$TMP/portfolio.md" | sed '1s/^### /## /'
  echo
  sed 's/^# /## /' "$TMP/pages.md"
} >"$OUT"
echo "$OUT"
