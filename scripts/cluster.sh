#!/usr/bin/env bash
# Several Samstyring nodes over one PostgreSQL, behind nginx, all on loopback ports:
#   bash scripts/cluster.sh              start, print the addresses, and stop everything on Ctrl-C
#   bash scripts/cluster.sh start DIR    start in the background, with its state and logs in DIR (DIR/cluster.env)
#   bash scripts/cluster.sh stop DIR     stop what `start DIR` started
# It runs: a throwaway PostgreSQL (database `samstyring`), a mail sink (Debian's python3-aiosmtpd, every message in
# DIR/mail.log), two app nodes (A, B) from the Release build, each with a data directory of its own, so nothing but the
# database is shared, and nginx balancing between them. Build first: dotnet build -c Release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
source scripts/lib/throwaway-pg.sh

log() { printf '[cluster] %s\n' "$*" >&2; }
WEB_DLL="$ROOT/src/Samstyring.Web/bin/Release/net10.0/Samstyring.Web.dll"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

wait_http() { # url seconds
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    curl -sf -o /dev/null --max-time 2 "$1" && return 0
    sleep 0.1
  done
  return 1
}

start_node() { # name port
  local name="$1" port="$2"
  mkdir -p "$DIR/node-$name/home"
  # The content root is the project folder, for wwwroot. Every node has its own data directory and its own HOME, as
  # if on a machine of its own (ASP.NET Core would otherwise share its key ring through ~/.aspnet on this one).
  ( cd "$ROOT/src/Samstyring.Web" && exec env \
      ConnectionStrings__Samstyring="Host=127.0.0.1;Port=$PG_PORT;Username=samstyring;Password=samstyring;Database=samstyring" \
      Samstyring__DataDirectory="$DIR/node-$name" \
      Samstyring__PublicUrl="http://127.0.0.1:$LB_PORT" \
      Samstyring__Mail__Host=127.0.0.1 Samstyring__Mail__Port="$SMTP_PORT" Samstyring__Mail__PollSeconds=1 \
      HOME="$DIR/node-$name/home" \
      dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" >"$DIR/log/node-$name.log" 2>&1 ) &
  echo $! > "$DIR/node-$name.pid"
  wait_http "http://127.0.0.1:$port/livez" 120 || { tail -n 30 "$DIR/log/node-$name.log" >&2; log "error: node $name did not start"; return 1; }
  log "node $name on http://127.0.0.1:$port (pid $(cat "$DIR/node-$name.pid"))"
}

write_nginx_conf() {
  mkdir -p "$DIR/nginx/tmp"
  cat > "$DIR/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/log/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DIR/nginx/tmp/body;
  proxy_temp_path $DIR/nginx/tmp/proxy;
  fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
  scgi_temp_path $DIR/nginx/tmp/scgi;
  client_max_body_size 60m;
  upstream samstyring {
    server 127.0.0.1:$A_PORT max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$B_PORT max_fails=1 fail_timeout=10s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://samstyring;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A node that is down or refuses: try the other. Only requests that never reached a node (or are idempotent)
      # are sent again, so a write is never made twice.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
CONF
}

start_all() {
  mkdir -p "$DIR/log"
  [ -f "$WEB_DLL" ] || { log "error: $WEB_DLL not found: run dotnet build -c Release first"; return 1; }
  [ -x "$NGINX" ] || { log "error: nginx not found (apt-get install nginx)"; return 1; }
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { log "error: python3-aiosmtpd not found (apt-get install python3-aiosmtpd)"; return 1; }

  pg_throwaway_start "$DIR" 300
  as_pg "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE samstyring OWNER samstyring ENCODING 'UTF8' TEMPLATE template0;" >/dev/null
  echo "$PG_PORT" > "$DIR/pg.port"
  log "PostgreSQL on 127.0.0.1:$PG_PORT"

  SMTP_PORT="$(free_port)"
  /usr/bin/python3 -u -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" >"$DIR/mail.log" 2>&1 &
  echo $! > "$DIR/smtp.pid"
  A_PORT="$(free_port)"; B_PORT="$(free_port)"; LB_PORT="$(free_port)"

  # A first: it migrates and seeds the empty database; B then starts over a ready one.
  start_node a "$A_PORT"
  start_node b "$B_PORT"
  write_nginx_conf
  "$NGINX" -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx" -e "$DIR/log/nginx-error.log"
  wait_http "http://127.0.0.1:$LB_PORT/livez" 10 || { log "error: nginx did not answer"; return 1; }
  cat > "$DIR/cluster.env" <<ENV
CLUSTER_DIR=$DIR
PG_PORT=$PG_PORT
PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=samstyring;Password=samstyring;Database=samstyring"
SMTP_PORT=$SMTP_PORT
NODE_A=http://127.0.0.1:$A_PORT
NODE_B=http://127.0.0.1:$B_PORT
NODE_A_PID=$(cat "$DIR/node-a.pid")
NODE_B_PID=$(cat "$DIR/node-b.pid")
LB=http://127.0.0.1:$LB_PORT
ENV
  log "nginx on http://127.0.0.1:$LB_PORT (demo users, e.g. kontor / samstyring); mail in $DIR/mail.log"
}

stop_all() {
  [ -d "$DIR" ] || return 0
  [ -f "$DIR/nginx/nginx.pid" ] && "$NGINX" -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx" -e "$DIR/log/nginx-error.log" -s stop 2>/dev/null || true
  local f
  for f in "$DIR"/node-*.pid "$DIR"/smtp.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 1
  for f in "$DIR"/node-*.pid "$DIR"/smtp.pid; do
    [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  if [ -f "$DIR/pgdata/postmaster.pid" ]; then
    PG_BIN="$(find_pg_bindir)"; PG_STARTED=1
    pg_throwaway_stop "$DIR"
  fi
}

case "${1:-}" in
  start)
    DIR="$(realpath -m "${2:?usage: cluster.sh start DIR}")"; mkdir -p "$DIR"
    start_all ;;
  stop)
    DIR="$(realpath -m "${2:?usage: cluster.sh stop DIR}")"
    stop_all ;;
  "")
    DIR="$(mktemp -d /tmp/samstyring-cluster.XXXXXX)"
    trap 'stop_all; rm -rf "$DIR"' EXIT
    trap 'exit 130' INT TERM
    start_all
    log "running; Ctrl-C stops it all"
    while true; do sleep 3600; done ;;
  *)
    echo "usage: bash scripts/cluster.sh [start DIR | stop DIR]" >&2; exit 2 ;;
esac
