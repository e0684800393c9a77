#!/usr/bin/env bash
# The dev loop (bench/README.md, "Dev loop"): `./mvnw quarkus:dev` started twice, each timed from
# the command to the first 200 on readiness, then stopped. The first start can use an empty
# Maven repository (BENCH_FRESH_REPO=1: a new directory under /tmp, as on a fresh machine, so it
# downloads what it needs); the second start runs with nothing changed.
#
#   bench/devloop.sh                    two starts with the usual ~/.m2
#   BENCH_FRESH_REPO=1 bench/devloop.sh the first start with an empty repository
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
mkdir -p "$results"
http=${BENCH_DEV_PORT:-8098}
mgmt=${BENCH_DEV_MGMT_PORT:-9098}
schema=${BENCH_DEV_SCHEMA:-portreg_bench_dev}
repo_opt=()
if [ "${BENCH_FRESH_REPO:-0}" = 1 ]; then
  fresh=$(mktemp -d /tmp/portreg-devloop-m2.XXXXXX)
  repo_opt=("-Dmaven.repo.local=$fresh")
fi
export PGPASSWORD=${PGPASSWORD:-postgres}
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null || true

start_dev() { # n, then maven options
  local n=$1 t0 pid ms
  shift
  t0=$(date +%s%N)
  PORTREG_DB_SCHEMA=$schema QUARKUS_HTTP_PORT=$http QUARKUS_MANAGEMENT_PORT=$mgmt \
    setsid ./mvnw -B "$@" quarkus:dev -Ddebug=false -Dquarkus.console.enabled=false \
    >"$results/devloop-$n.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$mgmt/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "quarkus:dev exited (see $results/devloop-$n.log)" >&2; return 1; }
    sleep 0.2
  done
  ms=$((($(date +%s%N) - t0) / 1000000))
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$ms"
}

first=$(start_dev 1 "${repo_opt[@]}")
second=$(start_dev 2 "${repo_opt[@]}")
downloaded=$(grep -c 'Downloaded from' "$results/devloop-1.log" || true)
downloaded2=$(grep -c 'Downloaded from' "$results/devloop-2.log" || true)
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null || true
{
  echo "| Start | To ready | Artifacts downloaded |"
  echo "|---|---|---|"
  echo "| first \`./mvnw quarkus:dev\`$([ -n "${fresh:-}" ] && echo ' (empty Maven repository)') | $((first / 1000)).$(printf '%03d' $((first % 1000))) s | $downloaded |"
  echo "| second, nothing changed | $((second / 1000)).$(printf '%03d' $((second % 1000))) s | $downloaded2 |"
} | tee "$results/devloop.md"
if [ -n "${fresh:-}" ]; then rm -rf "$fresh"; fi
