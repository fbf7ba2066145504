#!/usr/bin/env bash
# Pages against the JSON behind them, and two nodes behind nginx against one: bash bench/pages.sh
# Starts the local cluster (scripts/cluster.sh: PostgreSQL with the demo data, two app nodes, nginx), then with wrk
# (2 threads, 64 connections, BENCH_SECONDS each, default 8) measures requests per second of /livez and of the public
# pages, feed and chart on node A directly, and of /livez and / through nginx; then a mixed load of ten public paths
# with 200 connections for BENCH_MIX_SECONDS (default 20), with its p99 and errors, and node A's peak memory (VmHWM).
# Writes bench/results/pages-YYYY-MM-DD.md. Needs the Release build. Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
SECONDS_EACH="${BENCH_SECONDS:-8}"
MIX_SECONDS="${BENCH_MIX_SECONDS:-20}"
OUT="${BENCH_OUT:-$ROOT/bench/results/pages-$(date -u +%F).md}"
command -v wrk >/dev/null 2>&1 || { echo "[bench] installing wrk" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

DIR="$(mktemp -d /tmp/samstyring-bench-pages.XXXXXX)"
trap 'bash scripts/cluster.sh stop "$DIR" >/dev/null 2>&1; rm -rf "$DIR"' EXIT
bash scripts/cluster.sh start "$DIR"
source "$DIR/cluster.env"

PATHS=(/ /rapport /veikart /moter/1 /saker/1 /bodies/nasjonalt-e-helserad/decisions.atom /api/v1/roadmap/versions/1.0/chart.svg)
# Warm every path once (the first request renders it; what is measured is the steady state a reader meets).
for p in "${PATHS[@]}" /organer /losninger /strategi; do curl -s -o /dev/null "$NODE_A$p"; curl -s -o /dev/null "$LB$p"; done

# And a few seconds of load on each, so the JIT has tiered up before anything is measured.
for p in /livez "${PATHS[@]}"; do wrk -t2 -c16 -d2s "$NODE_A$p" >/dev/null 2>&1; done
wrk -t2 -c16 -d2s "$LB/" >/dev/null 2>&1

rps() { # url -> requests/s
  wrk -t2 -c64 -d"${SECONDS_EACH}s" "$1" 2>/dev/null | awk '/Requests\/sec/ {printf "%.0f", $2}'
}

{
  echo "# Public pages against /livez, and two nodes behind nginx ($(date -u +%F))"
  echo
  echo "\`bash bench/pages.sh\` on this machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
       "PostgreSQL with the demo data, wrk -t2 -c64 for ${SECONDS_EACH} s per row, all on one host (nginx, both nodes," \
       "PostgreSQL and wrk share the cores, so the ratios matter more than the absolute figures)."
  echo
  echo "| path (node A directly) | requests/s | share of \`/livez\` |"
  echo "|---|---|---|"
} > "$OUT.tmp"
livez="$(rps "$NODE_A/livez")"
echo "| \`/livez\` | $livez | 100 % |" >> "$OUT.tmp"
for p in "${PATHS[@]}"; do
  r="$(rps "$NODE_A$p")"
  echo "| \`$p\` | $r | $(awk -v a="$r" -v b="$livez" 'BEGIN {printf "%.0f %%", 100*a/b}') |" >> "$OUT.tmp"
done
lb_livez="$(rps "$LB/livez")"; lb_home="$(rps "$LB/")"
{
  echo
  echo "| through nginx (two nodes) | requests/s | against node A directly |"
  echo "|---|---|---|"
  echo "| \`/livez\` | $lb_livez | $(awk -v a="$lb_livez" -v b="$livez" 'BEGIN {printf "%.0f %%", 100*a/b}') |"
} >> "$OUT.tmp"
home_a="$(grep -F '| `/` |' "$OUT.tmp" | head -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')"
echo "| \`/\` | $lb_home | $(awk -v a="$lb_home" -v b="$home_a" 'BEGIN {printf "%.0f %%", 100*a/b}') |" >> "$OUT.tmp"

# The mixed load: ten public paths, round robin, 200 connections.
cat > "$DIR/mix.lua" <<'LUA'
local paths = {"/", "/rapport", "/veikart", "/moter/1", "/saker/1", "/organer", "/losninger", "/strategi",
  "/bodies/nasjonalt-e-helserad/decisions.atom", "/api/v1/roadmap/versions/1.0/chart.svg"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
mix="$(wrk -t2 -c200 -d"${MIX_SECONDS}s" --latency -s "$DIR/mix.lua" "$NODE_A" 2>&1)"
p99="$(printf '%s\n' "$mix" | awk '$1 == "99%" {print $2}')"
mix_rps="$(printf '%s\n' "$mix" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
errors="$(printf '%s\n' "$mix" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')"
hwm="$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$NODE_A_PID/status")"
{
  echo
  echo "Mixed load on node A: ten public paths, 200 connections, ${MIX_SECONDS} s: **$mix_rps requests/s, p99 $p99**," \
       "errors: ${errors:-none}. Peak memory of node A over the whole run (VmHWM): **$hwm**."
} >> "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
