#!/usr/bin/env bash
# Starts a private, throwaway PostgreSQL cluster for tests and development (trust auth on loopback: never for production).
# Idempotent. Prints the connection string on stdout. Installs Debian's postgresql when missing (needs root).
set -euo pipefail
PGPORT="${PGPORT:-55432}"
PGROOT="${PGROOT:-/tmp/eduduty-pg}"
PGUSER_APP="${PGUSER_APP:-eduduty}"
PGPASS_APP="${PGPASS_APP:-eduduty}"
PGDB_APP="${PGDB_APP:-eduduty}"
export DEBIAN_FRONTEND=noninteractive

PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/postgres" ]; then
  echo "PostgreSQL is not installed; installing Debian's postgresql package" >&2
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql >&2
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# initdb and postgres refuse to run as root.
if [ "$(id -u)" = 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi
if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres -m 700 "$PGROOT"; else install -d -m 700 "$PGROOT"; fi

if [ ! -s "$PGROOT/data/PG_VERSION" ]; then
  as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
  if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
    echo "port $PGPORT already serves another PostgreSQL (not $PGROOT); set PGPORT" >&2
    exit 1
  fi
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 start \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
fi
for _ in $(seq 1 60); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 0.5; done
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"

psql_pg() { as_pg "$PGBIN/psql" -v ON_ERROR_STOP=1 -h "$PGROOT" -p "$PGPORT" -U postgres -d postgres -tAq "$@"; }
[ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname='$PGUSER_APP'")" = "1" ] \
  || psql_pg -c "CREATE ROLE \"$PGUSER_APP\" LOGIN CREATEDB PASSWORD '$PGPASS_APP'"
# Tests drop their databases WITH (FORCE); PostgreSQL refuses to end an autovacuum worker in that database for a role that
# is not a member of pg_signal_backend ("must be a member of the role whose process is being terminated").
psql_pg -c "GRANT pg_signal_backend TO \"$PGUSER_APP\"" 2>/dev/null
[ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='$PGDB_APP'")" = "1" ] \
  || psql_pg -c "CREATE DATABASE \"$PGDB_APP\" OWNER \"$PGUSER_APP\""
echo "Host=127.0.0.1;Port=$PGPORT;Database=$PGDB_APP;Username=$PGUSER_APP;Password=$PGPASS_APP"
