# A throwaway PostgreSQL cluster on a free loopback port, for the tests and the local cluster (source this file).
#   pg_throwaway_start DIR   initdb in DIR/pgdata, start it, create the login role samstyring/samstyring (CREATEDB);
#                            sets PG_BIN, PG_PORT, PG_SOCK, PG_LOG and PG_STARTED=1
#   pg_throwaway_stop DIR    stop it (immediate); safe to call twice
# Needs PostgreSQL's binaries under /usr/lib/postgresql/*/bin. As root, the cluster runs as the postgres user.

PYTHON="${PYTHON:-python3}"
[ -x /usr/bin/python3 ] && PYTHON=/usr/bin/python3

find_pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then
      echo "$d"; return 0
    fi
  done
  return 1
}

as_pg() {
  # initdb/postgres refuse to run as root: run them as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
    else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

free_port() {
  if command -v "$PYTHON" >/dev/null 2>&1; then
    "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p
  for p in $(seq 55432 55532); do
    if ! ss -ltn 2>/dev/null | awk '{print $4}' | grep -qE "[:.]$p\$"; then echo "$p"; return; fi
  done
  return 1
}

PG_STARTED=0
pg_throwaway_start() {
  local dir="$1" max_connections="${2:-200}"
  PG_BIN="$(find_pg_bindir)" || { echo "error: PostgreSQL binaries not found under /usr/lib/postgresql/*/bin" >&2; return 1; }
  local data="$dir/pgdata"
  PG_SOCK="$dir/sock"; PG_LOG="$dir/log/postgres.log"
  mkdir -p "$data" "$PG_SOCK" "$dir/log"
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "error: no 'postgres' user to run the cluster as" >&2; return 1; }
    chown -R postgres: "$data" "$PG_SOCK" "$dir/log"
  fi
  local pw="$dir/pwfile"
  echo "postgres" > "$pw"; chmod 644 "$pw"
  as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --pwfile="$pw" \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; echo "error: initdb failed" >&2; return 1; }
  # TCP connections must use passwords (as the app does); the unix socket stays trust.
  printf 'host all all 127.0.0.1/32 scram-sha-256\nlocal all all trust\n' > "$data/pg_hba.conf"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$data/pg_hba.conf"
  local attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT="$(free_port)"
    if as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$PG_LOG" -w -t 60 \
        -o "-p $PG_PORT -k $PG_SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=$max_connections" \
        start >/dev/null; then
      PG_STARTED=1; break
    fi
    echo "PostgreSQL failed to start on port $PG_PORT (attempt $attempt)" >&2
  done
  if [ "$PG_STARTED" -ne 1 ]; then cat "$PG_LOG" >&2 || true; echo "error: could not start PostgreSQL" >&2; return 1; fi
  as_pg "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE samstyring LOGIN PASSWORD 'samstyring' CREATEDB;" >/dev/null
}

pg_throwaway_stop() {
  local dir="$1"
  if [ "$PG_STARTED" -eq 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir/pgdata" -m immediate stop >/dev/null 2>&1 || true
    PG_STARTED=0
  fi
}
