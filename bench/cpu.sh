#!/usr/bin/env bash
# CPU time per request (docs/performance.md, "Second round"): the bare app and Port Registry
# from target/ side by side, each URL loaded with wrk; the process's utime + stime from
# /proc/<pid>/stat before and after, divided by the requests wrk counted. Steadier than req/s on
# a busy machine, and what a profile's shares apply to.
#
#   bench/cpu.sh                      after bench/run.sh (or ./mvnw package and the bare app built)
#   BENCH_CPU_JVM_OPTS="-XX:AOTCache=app.aot" bench/cpu.sh   the app with extra JVM options
#
# The app runs on the bench's schema (portreg_bench, seeded from IANA's XML if empty), with the
# container's heap options, on Temurin 25 when present.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
app_port=${BENCH_APP_PORT:-8096}
mgmt_port=${BENCH_MGMT_PORT:-9096}
bare_port=${BENCH_BARE_PORT:-8097}
warmup=${BENCH_WARMUP:-20s}
duration=${BENCH_DURATION:-8s}
rounds=${BENCH_ROUNDS:-2}
java=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java" ] || java=java
read -r -a heap <<<"${BENCH_HEAP_OPTS:--Xmx205m -XX:+UseSerialGC}"
read -r -a extra <<<"${BENCH_CPU_JVM_OPTS:-}"
seed_xml=${PORTREG_IANA_DIR:-$repo/../shared/data/iana}/service-names-port-numbers.xml
[ -f "$seed_xml" ] || seed_xml=none
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)" >&2; exit 1; }
tck=$(getconf CLK_TCK)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

until_200() { # url pid
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || { echo "process $2 exited before $1 answered" >&2; exit 1; }
    sleep 0.1
  done
}

QUARKUS_HTTP_PORT=$bare_port "$java" "${heap[@]}" -jar bench/bare/target/quarkus-app/quarkus-run.jar \
  >/dev/null 2>&1 &
bare=$!
pids+=("$bare")
PORTREG_DB_SCHEMA=${BENCH_SCHEMA:-portreg_bench} PORTREG_REGISTRY_SEED=$seed_xml \
  QUARKUS_HTTP_PORT=$app_port QUARKUS_MANAGEMENT_PORT=$mgmt_port QUARKUS_MAILER_MOCK=true \
  PORTREG_SECURITY_SECRET_KEY=bench-only-secret-key-not-secret-0001 \
  "$java" "${heap[@]}" "${extra[@]}" -jar target/quarkus-app/quarkus-run.jar >/dev/null 2>&1 &
app=$!
pids+=("$app")
until_200 "http://127.0.0.1:$bare_port/bare" "$bare"
until_200 "http://127.0.0.1:$mgmt_port/q/health/ready" "$app"

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # label pid url
  local before after out n rps
  before=$(cpu "$2")
  out=$(wrk -t2 -c32 -d"$duration" "$3")
  after=$(cpu "$2")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  printf '| %s | %s | %d µs |\n' "$1" "$rps" $(((after - before) * 1000000 / tck / n))
}

urls=("bare|$bare|http://127.0.0.1:$bare_port/bare"
  "status JSON|$app|http://127.0.0.1:$app_port/api/v1/ports/938"
  "port page|$app|http://127.0.0.1:$app_port/ports/938")
for u in "${urls[@]}"; do wrk -t2 -c32 -d"$warmup" "${u##*|}" >/dev/null; done
echo "| Round, URL | req/s | CPU per request |"
echo "|---|---|---|"
for r in $(seq 1 "$rounds"); do
  for u in "${urls[@]}"; do
    IFS='|' read -r label pid url <<<"$u"
    measure "$r, $label" "$pid" "$url"
  done
done
