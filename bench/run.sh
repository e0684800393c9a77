#!/usr/bin/env bash
# Port Registry benchmark: one command, one machine, every number against its own
# baseline measured in the same run. See bench/README.md.
#
#   bench/run.sh                      build, measure, print and write bench/results/latest.md
#   BENCH_SKIP_BUILD=1 bench/run.sh   reuse target/ and bench/bare/target/
#
# Exit status: 0 all targets met, 2 a target missed or could not be measured, 1 error.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)

# --- Settings (environment overrides) -----------------------------------------------
app_port=${BENCH_APP_PORT:-8090}
mgmt_port=${BENCH_MGMT_PORT:-8092}
bare_port=${BENCH_BARE_PORT:-8091}
schema=${BENCH_SCHEMA:-portreg_bench}
copy_schema=${BENCH_COPY_SCHEMA:-portreg_bench_copy}
runs=${BENCH_RUNS:-3}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-32}
duration=${BENCH_DURATION:-15s}
warmup=${BENCH_WARMUP:-5s}
ready_timeout=${BENCH_READY_TIMEOUT:-300}
iana_dir=${PORTREG_IANA_DIR:-$repo/../shared/data/iana}
seed_xml="$iana_dir/service-names-port-numbers.xml"
results="$repo/bench/results"
app_jar="$repo/target/quarkus-app/quarkus-run.jar"
bare_jar="$repo/bench/bare/target/quarkus-app/quarkus-run.jar"

# psql talks to the same PostgreSQL the app uses by default (application.properties).
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres} PGDATABASE=${PGDATABASE:-postgres}

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ns() { date +%s%N; }
psql_q() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# --- Every process this script starts is stopped when it exits ----------------------
pids=()
work=$(mktemp -d "${TMPDIR:-/tmp}/portreg-bench.XXXXXX")
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts a Quarkus jar in the background; sets $started_pid and $started_ns (the
# moment just before the JVM is launched).
start_jar() { # jar port log [VAR=value ...]
  local jar=$1 port=$2 logfile=$3
  shift 3
  started_ns=$(now_ns)
  env "$@" QUARKUS_HTTP_PORT="$port" java -jar "$jar" >"$logfile" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
}

stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Polls url until HTTP 200; sets $ready_ms to the milliseconds since start_ns.
# Fails if the process dies or ready_timeout passes. (Results go in globals, not
# through $(...), so every process is started by this shell and the trap sees it.)
wait_200() { # url pid start_ns
  local url=$1 pid=$2 t0=$3 code deadline
  ready_ms=
  deadline=$(($(date +%s) + ready_timeout))
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    if [ "$code" = 200 ]; then
      ready_ms=$((($(now_ns) - t0) / 1000000))
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { log "process $pid exited before $url answered 200"; return 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { log "no 200 from $url after ${ready_timeout}s"; return 1; }
    sleep 0.02
  done
}

port_free() { ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }

# Health and metrics answer on the management interface; mails go to the mock mailer.
app_env=(PORTREG_DB_SCHEMA="$schema" PORTREG_REGISTRY_SEED="$seed_xml"
  QUARKUS_MANAGEMENT_PORT="$mgmt_port" QUARKUS_MAILER_MOCK=true
  PORTREG_SECURITY_SECRET_KEY=bench-only-secret-key-not-secret-0001)
start_app() { start_jar "$app_jar" "$app_port" "$1" "${app_env[@]}"; }
start_bare() { start_jar "$bare_jar" "$bare_port" "$1"; }
app_url() { echo "http://127.0.0.1:$app_port$1"; }
mgmt_url() { echo "http://127.0.0.1:$mgmt_port$1"; }
bare_url() { echo "http://127.0.0.1:$bare_port$1"; }

# Smallest number among the arguments; nothing when none is a number.
min_of() { printf '%s\n' "$@" | { grep -E '^[0-9.]+$' || true; } | sort -g | head -1; }

# --- Preconditions --------------------------------------------------------------------
[ -f "$seed_xml" ] || die "no IANA XML at $seed_xml (set PORTREG_IANA_DIR)"
command -v python3 >/dev/null || die "python3 is needed for the COPY baseline"
command -v psql >/dev/null || die "psql is needed for the COPY baseline"
psql_q -tAc 'select 1' >/dev/null || die "cannot log in to PostgreSQL as $PGUSER@$PGHOST:$PGPORT/$PGDATABASE"
port_free "$app_port" || die "port $app_port is already in use"
port_free "$bare_port" || die "port $bare_port is already in use"
port_free "$mgmt_port" || die "port $mgmt_port is already in use"
mkdir -p "$results"

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q wrk || { as_root apt-get update -q && as_root apt-get install -y -q wrk; }
fi

# --- Build ----------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the app (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
  log "building the bare app (bench/bare)"
  ./mvnw -B -q -f bench/bare/pom.xml package -DskipTests
fi
[ -f "$app_jar" ] || die "missing $app_jar"
[ -f "$bare_jar" ] || die "missing $bare_jar"

# --- Import: raw COPY baseline --------------------------------------------------------
# The same records and people as the XML, as tab-separated text for COPY.
python3 - "$seed_xml" "$work" <<'PY'
import json, sys, xml.etree.ElementTree as ET
ns = {"i": "http://www.iana.org/assignments"}
root = ET.parse(sys.argv[1]).getroot()

def esc(v):
    if v is None:
        return r"\N"
    return (str(v).replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))

def text(el, tag):
    child = el.find("i:" + tag, ns)
    return None if child is None else "".join(child.itertext()).strip()

with open(sys.argv[2] + "/entries.tsv", "w", encoding="utf-8") as out:
    for pos, r in enumerate(root.findall("i:record", ns), 1):
        number = text(r, "number")
        lo, _, hi = (number or "").partition("-")
        refs = [{"type": x.get("type"), "data": x.get("data")} for x in r.findall("i:xref", ns)]
        def person(tag):
            el = r.find("i:" + tag + "/i:xref", ns)
            return None if el is None else el.get("data")
        row = [pos, text(r, "name"), lo or None, (hi or lo) or None, text(r, "protocol"),
               text(r, "description") or "", person("assignee"), person("contact"),
               r.get("date"), r.get("updated"), json.dumps(refs), text(r, "sc"),
               text(r, "unauthorized"), text(r, "note")]
        out.write("\t".join(esc(v) for v in row) + "\n")

with open(sys.argv[2] + "/people.tsv", "w", encoding="utf-8") as out:
    for p in root.findall("i:people/i:person", ns):
        row = [p.get("id"), text(p, "name"), text(p, "org"), text(p, "uri"), text(p, "updated")]
        out.write("\t".join(esc(v) for v in row) + "\n")
PY
entry_rows=$(wc -l <"$work/entries.tsv")
people_rows=$(wc -l <"$work/people.tsv")
log "COPY baseline: $entry_rows records and $people_rows people"

psql_q <<SQL
DROP SCHEMA IF EXISTS $copy_schema CASCADE;
CREATE SCHEMA $copy_schema;
CREATE TABLE $copy_schema.registry_entry (
  position integer, service_name text, port_from integer, port_to integer, transport text,
  description text, assignee_id text, contact_id text, registered text, modified text,
  refs jsonb, service_code bigint, unauthorized text, notes text);
CREATE TABLE $copy_schema.person (id text, name text, org text, uri text, updated text);
SQL

copy_ms=()
for i in $(seq 1 "$runs"); do
  psql_q -c "TRUNCATE $copy_schema.registry_entry, $copy_schema.person"
  t0=$(now_ns)
  psql_q -c "\\copy $copy_schema.registry_entry FROM '$work/entries.tsv'" \
    -c "\\copy $copy_schema.person FROM '$work/people.tsv'"
  copy_ms+=($((($(now_ns) - t0) / 1000000)))
  log "COPY run $i: ${copy_ms[-1]} ms"
done
psql_q -c "DROP SCHEMA $copy_schema CASCADE"
copy_best=$(min_of "${copy_ms[@]}")

# --- Import: the app's full XML import ------------------------------------------------
# Placeholder until the importer is exposed: drop the bench schema, start the app so it
# seeds itself from the XML, and read the time it logs ("registry seeded ... in N ms").
# Sets $import_result to seconds, or empty when the app logged no such line.
import_seconds() { # run-number
  local logfile="$results/app-import-$1.log" ms
  import_result=
  psql_q -c "DROP SCHEMA IF EXISTS $schema CASCADE"
  start_app "$logfile"
  if ! wait_200 "$(mgmt_url /q/health/ready)" "$started_pid" "$started_ns"; then
    stop_pid "$started_pid"
    return 0
  fi
  stop_pid "$started_pid"
  ms=$({ grep -ioE 'registry seeded.* in [0-9]+ ?ms' "$logfile" || true; } | tail -1 | grep -oE '[0-9]+ ?ms$' | tr -dc '0-9' || true)
  if [ -n "$ms" ]; then
    import_result=$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')
  else
    log "no 'registry seeded ... in N ms' line in $logfile"
  fi
}
import_s=()
for i in $(seq 1 "$runs"); do
  import_seconds "$i"
  log "import run $i: ${import_result:-n/a} s"
  import_s+=("${import_result:-n/a}")
done
import_best=$(min_of "${import_s[@]}")

# --- Startup: process start to first HTTP 200, registry already seeded -----------------
app_start_ms=()
bare_start_ms=()
for i in $(seq 1 "$runs"); do
  start_app "$results/app-startup-$i.log"
  wait_200 "$(mgmt_url /q/health/ready)" "$started_pid" "$started_ns" || true
  stop_pid "$started_pid"
  app_start_ms+=("${ready_ms:-n/a}")
  start_bare "$results/bare-startup-$i.log"
  wait_200 "$(bare_url /bare)" "$started_pid" "$started_ns" || true
  stop_pid "$started_pid"
  bare_start_ms+=("${ready_ms:-n/a}")
  log "startup run $i: app ${app_start_ms[-1]} ms, bare ${bare_start_ms[-1]} ms"
done
app_start_best=$(min_of "${app_start_ms[@]}")
bare_start_best=$(min_of "${bare_start_ms[@]}")

# --- Throughput: wrk on loopback, after a warm-up ---------------------------------------
# Sets $rps to requests/second, or empty when the URL does not answer 200 throughout.
# An optional header (such as "Authorization: Bearer ...") is sent with every request.
measure() { # name url [header]
  local name=$1 url=$2 header=${3:-} code out="$results/wrk-$1.txt"
  local hdr=()
  if [ -n "$header" ]; then hdr=(-H "$header"); fi
  rps=
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${hdr[@]}" "$url" || true)
  if [ "$code" != 200 ]; then
    log "$name: $url answers HTTP $code, not measured"
    echo "$url answered HTTP $code" >"$out"
    return 0
  fi
  wrk -t"$threads" -c"$connections" -d"$warmup" "${hdr[@]}" "$url" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "${hdr[@]}" "$url" >"$out"
  if grep -q 'Non-2xx or 3xx responses' "$out"; then
    log "$name: some responses were not 2xx/3xx (see $out), not counted"
    return 0
  fi
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
}

start_bare "$results/bare-throughput.log"
wait_200 "$(bare_url /bare)" "$started_pid" "$started_ns" || die "bare app did not start (see $results/bare-throughput.log)"
measure bare "$(bare_url /bare)" && bare_rps=$rps
stop_pid "$started_pid"

start_app "$results/app-throughput.log"
wait_200 "$(mgmt_url /q/health/ready)" "$started_pid" "$started_ns" || die "app did not start (see $results/app-throughput.log)"
measure ping "$(app_url /api/v1/ping)" && ping_rps=$rps
measure status-json "$(app_url /api/v1/ports/938)" && status_rps=$rps
measure port-page "$(app_url /ports/938)" && page_rps=$rps
# Authenticated reads of the same endpoint: a personal API token (Bearer), and HTTP Basic
# (a BCrypt check per request) for comparison. A fresh account and token for each run.
bench_user="bench-$(date +%s)"
bench_pass="Quartz harbour lantern $RANDOM"
curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"$bench_user\",\"password\":\"$bench_pass\",\"name\":\"Bench\",\"email\":\"$bench_user@example.org\"}" \
  "$(app_url /api/v1/accounts)" || true
token=$(curl -s -u "$bench_user:$bench_pass" -H 'Content-Type: application/json' \
  -d '{"name":"bench","expiresInDays":1}' "$(app_url /api/v1/accounts/me/tokens)" |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("token",""))' 2>/dev/null || true)
if [ -n "$token" ]; then
  measure token-json "$(app_url /api/v1/ports/938)" "Authorization: Bearer $token" && token_rps=$rps
else
  log "could not make an API token for $bench_user; token reads not measured"
fi
basic_header="Authorization: Basic $(printf '%s' "$bench_user:$bench_pass" | base64 -w0)"
measure basic-json "$(app_url /api/v1/ports/938)" "$basic_header" && basic_rps=$rps
stop_pid "$started_pid"
log "req/s: bare ${bare_rps:-n/a}, ping ${ping_rps:-n/a}, status JSON ${status_rps:-n/a}, port page ${page_rps:-n/a}, token ${token_rps:-n/a}, basic ${basic_rps:-n/a}"

# --- Results ---------------------------------------------------------------------------
# ratio a b: a/b with two decimals, empty when either is missing.
ratio() {
  if [ -n "$1" ] && [ -n "$2" ]; then
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b }'
  fi
}
# check value op limit: yes/no, n/a when value is missing.
check() {
  if [ -z "$1" ]; then
    echo "n/a"
  else
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "ge") ? v >= l : v <= l; print ok ? "yes" : "no" }'
  fi
}
or_na() { if [ -n "$1" ]; then echo "$1${2:+ $2}"; else echo "n/a"; fi; } # value [unit]
x() { if [ -n "$1" ]; then echo "$1×${2:+ $2}"; else echo "n/a"; fi; } # ratio [of-what]

status_ratio=$(ratio "$status_rps" "$ping_rps")
token_ratio=$(ratio "$token_rps" "$status_rps")
basic_ratio=$(ratio "$basic_rps" "$status_rps")
page_ratio=$(ratio "$page_rps" "$ping_rps")
bare_ratio=$(ratio "$bare_rps" "$ping_rps")
start_ratio=$(ratio "$app_start_best" "$bare_start_best")
copy_s=$(if [ -n "$copy_best" ]; then awk -v ms="$copy_best" 'BEGIN { printf "%.3f", ms / 1000 }'; fi)
import_ratio=$(ratio "$import_best" "$copy_s")
status_met=$(check "$status_ratio" ge 0.70)
page_met=$(check "$page_ratio" ge 0.35)
token_met=$(check "$token_ratio" ge 0.50)
import_met=$(check "$import_best" le 3)
start_met=$(check "$start_ratio" le 1.5)

{
  echo "# Port Registry benchmark"
  echo
  echo "- When: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
  echo "- Load: wrk -t$threads -c$connections -d$duration on loopback after a ${warmup} warm-up; startup and import best of $runs"
  echo "- Data: $entry_rows records and $people_rows people from $(basename "$seed_xml")"
  echo
  echo "| Metric | Value | Ratio | Target | Met? |"
  echo "|---|---|---|---|---|"
  echo "| Ceiling: \`GET /api/v1/ping\` (our app) | $(or_na "$ping_rps" req/s) | $(x "$(ratio "$ping_rps" "$ping_rps")") | — | — |"
  echo "| Bare Quarkus app: \`GET /bare\` | $(or_na "$bare_rps" req/s) | $(x "$bare_ratio" ceiling) | — | — |"
  echo "| Status JSON: \`GET /api/v1/ports/938\` | $(or_na "$status_rps" req/s) | $(x "$status_ratio" ceiling) | ≥ 0.70× ceiling | $status_met |"
  echo "| Port page: \`GET /ports/938\` | $(or_na "$page_rps" req/s) | $(x "$page_ratio" ceiling) | ≥ 0.35× ceiling | $page_met |"
  echo "| Status JSON with an API token (\`Authorization: Bearer\`) | $(or_na "$token_rps" req/s) | $(x "$token_ratio" anonymous) | ≥ 0.50× anonymous | $token_met |"
  echo "| Status JSON with HTTP Basic (BCrypt per request) | $(or_na "$basic_rps" req/s) | $(x "$basic_ratio" anonymous) | — | — |"
  echo "| Raw \`COPY\` of the same rows (baseline) | $(or_na "$copy_best" ms) | — | — | — |"
  echo "| Full XML import | $(or_na "$import_best" s) | $(x "$import_ratio" COPY) | ≤ 3 s | $import_met |"
  echo "| Startup, bare app (to first 200 on \`/bare\`) | $(or_na "$bare_start_best" ms) | $(x "$(ratio "$bare_start_best" "$bare_start_best")") | — | — |"
  echo "| Startup, Port Registry (to first 200 on \`/q/health/ready\`, management port) | $(or_na "$app_start_best" ms) | $(x "$start_ratio" bare) | ≤ 1.5× bare | $start_met |"
  echo
  echo "Runs: COPY ${copy_ms[*]} ms; import ${import_s[*]} s; startup app ${app_start_ms[*]} ms, bare ${bare_start_ms[*]} ms."
  echo "wrk output and app logs: bench/results/."
} >"$results/latest.md"

cat "$results/latest.md"
log "written to bench/results/latest.md"

for met in "$status_met" "$page_met" "$token_met" "$import_met" "$start_met"; do
  [ "$met" = yes ] || exit 2
done
