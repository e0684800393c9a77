#!/usr/bin/env bash
# What each part of the request pipeline costs (bench/README.md, "The other scripts"): one build
# of the app per variant, with one feature switched off at build time, each started in turn; its
# status JSON and ping are measured between two runs of the bare Quarkus endpoint (running
# beside it) in the same minute, and the ratios to bare are compared between variants.
#
#   bench/pipeline.sh            all variants, BENCH_ROUNDS (2) rounds each
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
results="$repo/bench/results"
mkdir -p "$results"
rounds=${BENCH_ROUNDS:-2}
dur=${BENCH_DURATION:-8s}
app_port=8096 mgmt_port=9096 bare_port=8097
java_bin=${BENCH_JAVA:-java}
export PGHOST=127.0.0.1 PGUSER=postgres PGPASSWORD=postgres PGDATABASE=postgres
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 143' TERM INT
log() { printf '[pipeline %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
wait_200() { until curl -sf -o /dev/null --max-time 2 "$1"; do sleep 0.05; done; }
rps() { wrk -t2 -c32 -d"${BENCH_WARMUP:-15s}" "$1" >/dev/null; wrk -t2 -c32 -d"$dur" "$1" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }'; }

QUARKUS_HTTP_PORT=$bare_port "$java_bin" -jar bench/bare/target/quarkus-app/quarkus-run.jar \
  >"$results/pipeline-bare.log" 2>&1 &
pids+=($!)
wait_200 "http://127.0.0.1:$bare_port/bare"

# name|build-time settings ("-" for none). Micrometer's HTTP binder and proactive authentication
# are fixed at build time (a runtime override is ignored with a warning), so each variant is its
# own build, made here unless BENCH_SKIP_BUILD=1. (The CSRF filter cannot be left out: the forms'
# token provider, account/FormToken, needs it.)
variants=(
  "as shipped|-"
  "no HTTP metrics (Micrometer http-server binder)|-Dquarkus.micrometer.binder.http-server.enabled=false"
  "lazy authentication (auth.proactive=false)|-Dquarkus.http.auth.proactive=false"
  "both off|-Dquarkus.micrometer.binder.http-server.enabled=false -Dquarkus.http.auth.proactive=false"
)
slug() { echo "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-' | cut -c1-24; }
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  for v in "${variants[@]}"; do
    name=${v%%|*} setting=${v#*|}
    props=()
    [ "$setting" = - ] || read -r -a props <<<"$setting"
    log "building: $name"
    ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true "${props[@]}" >"$results/pipeline-build.log" 2>&1
    rm -rf "$results/pipeline-$(slug "$name")"
    cp -r target/quarkus-app "$results/pipeline-$(slug "$name")"
  done
fi
echo "| Variant | status JSON req/s | bare req/s (same minute) | ratio | ping ratio |" >"$results/pipeline.md"
echo "|---|---|---|---|---|" >>"$results/pipeline.md"
for r in $(seq 1 "$rounds"); do
  for v in "${variants[@]}"; do
    name=${v%%|*}
    dir=${BENCH_VARIANT_DIR:-$results}/pipeline-$(slug "$name")
    env PORTREG_DB_SCHEMA=${BENCH_SCHEMA:-portreg_bench} PORTREG_REGISTRY_SEED=none \
      QUARKUS_HTTP_PORT=$app_port QUARKUS_MANAGEMENT_PORT=$mgmt_port QUARKUS_MAILER_MOCK=true \
      PORTREG_SECURITY_SECRET_KEY=bench-only-secret-key-not-secret-0001 \
      $java_bin ${BENCH_JAVA_OPTS:-} -jar "$dir/quarkus-run.jar" >"$results/pipeline-app.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    wait_200 "http://127.0.0.1:$mgmt_port/q/health/ready"
    bare=$(rps "http://127.0.0.1:$bare_port/bare")
    status=$(rps "http://127.0.0.1:$app_port/api/v1/ports/938")
    ping=$(rps "http://127.0.0.1:$app_port/api/v1/ping")
    bare2=$(rps "http://127.0.0.1:$bare_port/bare")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    b=$(((bare + bare2) / 2))
    row=$(awk -v s="$status" -v p="$ping" -v b="$b" -v n="$name" \
      'BEGIN { printf "| %s | %d | %d | %.2f× | %.2f× |", n, s, b, s / b, p / b }')
    log "round $r: $row"
    echo "$row" >>"$results/pipeline.md"
  done
done
cat "$results/pipeline.md"
