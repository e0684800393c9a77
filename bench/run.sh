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
app_port=${BENCH_APP_PORT:-8096}
mgmt_port=${BENCH_MGMT_PORT:-9096}
bare_port=${BENCH_BARE_PORT:-8097}
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
# The JDKs compared for start-up: the build's (java on PATH, 17) and the runtime the Dockerfile
# ships (Temurin 25 with a JDK AOT cache, ADR 0021). Throughput and footprint run on the runtime.
java17=${BENCH_JAVA17:-java}
java25=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java25" ] || java25=
java_run=${BENCH_JAVA:-${java25:-$java17}}
# The JVM options of the container (Dockerfile, ADR 0022): what a 512 MB container gets.
heap_opts=${BENCH_HEAP_OPTS:--Xmx205m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError}
gaps_seconds=${BENCH_GAPS_SECONDS:-60}

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
# The JDK and its options come from $jvm (an array: java binary, then options); plain java
# when it is empty.
jvm=()
start_jar() { # jar port log [VAR=value ...]
  local jar=$1 port=$2 logfile=$3
  shift 3
  local cmd=("${jvm[@]}")
  [ "${#cmd[@]}" -gt 0 ] || cmd=(java)
  started_ns=$(now_ns)
  env "$@" QUARKUS_HTTP_PORT="$port" "${cmd[@]}" -jar "$jar" >"$logfile" 2>&1 &
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
import_runs() { # label: sets $import_best and $import_list, on the JDK in $jvm
  local i list=()
  for i in $(seq 1 "$runs"); do
    import_seconds "$1-$i"
    log "import $1 run $i: ${import_result:-n/a} s"
    list+=("${import_result:-n/a}")
  done
  import_list="${list[*]}"
  import_best=$(min_of "${list[@]}")
}
jvm=()
import_runs 17
import_s=($import_list)
import17_best=$import_best

# --- Startup: process start to first HTTP 200, registry already seeded -----------------
# On each JDK, app and bare app alternate, best of $runs each: Java 17 as built, and Temurin 25
# with a JDK AOT cache made by one training run of each jar (JEP 483/514/515): start with
# -XX:AOTCacheOutput, send the requests a visitor sends, stop; the JVM writes the cache at exit.
# Both caches are made as the Dockerfile makes the app's: without AOT class linking
# (BENCH_AOT_TRAIN_OPTS), which starts faster still but costs a fifth of the throughput
# (docs/adr/0021).
read -r -a aot_train_opts <<<"${BENCH_AOT_TRAIN_OPTS:--XX:-AOTClassLinking}"
aot_train() { # jar port ready-url cache [paths...] ; uses app_env for the app
  local jar=$1 port=$2 url=$3 cache=$4 path
  shift 4
  jvm=("$java25" "-XX:AOTCacheOutput=$cache" "${aot_train_opts[@]}")
  if [ "$jar" = "$app_jar" ]; then
    jvm+=("${heap_arr[@]}")
    start_jar "$jar" "$port" "$results/aot-train-app.log" "${app_env[@]}"
  else
    start_jar "$jar" "$port" "$results/aot-train-bare.log"
  fi
  wait_200 "$url" "$started_pid" "$started_ns" || true
  for path in "$@"; do
    curl -s -o /dev/null --compressed "http://127.0.0.1:$port$path" || true
  done
  stop_pid "$started_pid"
  jvm=()
  [ -s "$cache" ] || log "no AOT cache written to $cache (see $results/aot-train-*.log)"
}

startup_on() { # label app-jvm... -- bare-jvm...
  local label=$1 i
  shift
  local app_jvm=() bare_jvm=()
  while [ "$1" != -- ]; do app_jvm+=("$1"); shift; done
  shift
  bare_jvm=("$@")
  local a=() b=()
  for i in $(seq 1 "$runs"); do
    jvm=("${app_jvm[@]}")
    start_app "$results/app-startup-$label-$i.log"
    wait_200 "$(mgmt_url /q/health/ready)" "$started_pid" "$started_ns" || true
    stop_pid "$started_pid"
    a+=("${ready_ms:-n/a}")
    jvm=("${bare_jvm[@]}")
    start_bare "$results/bare-startup-$label-$i.log"
    wait_200 "$(bare_url /bare)" "$started_pid" "$started_ns" || true
    stop_pid "$started_pid"
    b+=("${ready_ms:-n/a}")
    log "startup $label run $i: app ${a[-1]} ms, bare ${b[-1]} ms"
  done
  jvm=()
  start_app_ms=$(min_of "${a[@]}")
  start_bare_ms=$(min_of "${b[@]}")
  start_runs="app ${a[*]} ms, bare ${b[*]} ms"
}

startup_on 17 "$java17" -- "$java17"
app_start_best=$start_app_ms bare_start_best=$start_bare_ms start17_runs=$start_runs
if [ -n "$java25" ]; then
  read -r -a heap_arr <<<"$heap_opts"
  # The app's training run is its first start on an empty schema, as a new container's is: it
  # seeds the registry, then gets a visitor's requests. Trained and run with the container's
  # heap options, so the cache is made for what runs.
  psql_q -c "DROP SCHEMA IF EXISTS $schema CASCADE"
  aot_train "$app_jar" "$app_port" "$(mgmt_url /q/health/ready)" "$work/app.aot" \
    /api/v1/ping /api/v1/ports/938 /ports/938 /api/v1/gaps /api/v1/registry / /login /ports/80
  aot_train "$bare_jar" "$bare_port" "$(bare_url /bare)" "$work/bare.aot" /bare
  app25=("$java25" "-XX:AOTCache=$work/app.aot" "${heap_arr[@]}")
  jvm=("${app25[@]}")
  import_runs 25aot
  import25_best=$import_best import25_list=$import_list
  startup_on 25aot "${app25[@]}" -- "$java25" "-XX:AOTCache=$work/bare.aot"
  app25_best=$start_app_ms bare25_best=$start_bare_ms start25_runs=$start_runs
  startup_on 25 "$java25" "${heap_arr[@]}" -- "$java25"
  app25plain_best=$start_app_ms bare25plain_best=$start_bare_ms start25plain_runs=$start_runs
fi

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

# Samples the resident set of a process every 0.5 s into a file until it exits or is stopped.
rss_sampler() { # pid file
  while kill -0 "$1" 2>/dev/null; do
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null >>"$2" || true
    sleep 0.5
  done
}
max_mb() { sort -n "$1" 2>/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'; }
# GC pauses from a -Xlog:gc log: "count total-ms max-ms".
gc_pauses() {
  grep -oE 'Pause .* ([0-9.]+)ms$' "$1" 2>/dev/null | grep -oE '[0-9.]+ms$' | tr -d 'ms' |
    awk '{ n++; t += $1; if ($1 > m) m = $1 } END { printf "%d %.0f %.1f", n, t, m }'
}

# The bare app runs beside the app throughout; it is measured right before and after the app's
# endpoints, so the ceiling and the app see the same minute of a shared machine.
jvm=("$java_run")
start_bare "$results/bare-throughput.log"
bare_pid=$started_pid
wait_200 "$(bare_url /bare)" "$started_pid" "$started_ns" || die "bare app did not start (see $results/bare-throughput.log)"
measure bare "$(bare_url /bare)" && bare_rps1=$rps

# The app as the container runs it: the runtime JDK with its AOT cache, the heap limit, GC log.
aot_opt=()
if [ -s "$work/app.aot" ] && [ "$java_run" = "$java25" ]; then aot_opt=("-XX:AOTCache=$work/app.aot"); fi
read -r -a heap_arr <<<"$heap_opts"
jvm=("$java_run" "${aot_opt[@]}" "${heap_arr[@]}" "-Xlog:gc:file=$results/gc-limited.log")
start_app "$results/app-throughput.log"
app_pid=$started_pid
rss_sampler "$app_pid" "$work/rss-limited.txt" &
pids+=($!)
wait_200 "$(mgmt_url /q/health/ready)" "$started_pid" "$started_ns" || die "app did not start (see $results/app-throughput.log)"
idle_rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status")
measure ping "$(app_url /api/v1/ping)" && ping_rps=$rps
measure status-json "$(app_url /api/v1/ports/938)" && status_rps=$rps
measure port-page "$(app_url /ports/938)" && page_rps=$rps
measure bare-again "$(bare_url /bare)" && bare_rps2=$rps
bare_rps=$(awk -v a="${bare_rps1:-}" -v b="${bare_rps2:-}" 'BEGIN { if (a && b) printf "%.0f", (a + b) / 2; else if (a || b) printf "%.0f", a + b }')

# Compression: the port page's bytes on the wire with and without gzip; the others must come
# compressed when asked.
page_plain=$(curl -s -o /dev/null -w '%{size_download}' "$(app_url /ports/938)")
page_gzip=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$(app_url /ports/938)")
compressed_types=()
for u in /ports/938 /api/v1/ports/938 /api/v1/registry/export?format=csv /api/v1/registry/export?format=xml; do
  enc=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "$(app_url "$u")" | tr -d '\r' |
    awk -F': ' 'tolower($1) == "content-encoding" { print $2 } tolower($1) == "content-type" { t = $2 } END { print t }' | paste -sd' ')
  compressed_types+=("$u: ${enc:-none}")
done

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
  measure anon-json "$(app_url /api/v1/ports/938)" && anon_rps=$rps
  measure token-json "$(app_url /api/v1/ports/938)" "Authorization: Bearer $token" && token_rps=$rps
else
  log "could not make an API token for $bench_user; token reads not measured"
fi
basic_header="Authorization: Basic $(printf '%s' "$bench_user:$bench_pass" | base64 -w0)"
measure basic-json "$(app_url /api/v1/ports/938)" "$basic_header" && basic_rps=$rps

# Footprint: the gaps of the whole registry for $gaps_seconds (the load that took RSS to 1.2 GB
# without a heap limit), then the status JSON once more.
wrk -t"$threads" -c"$connections" -d"${gaps_seconds}s" "$(app_url /api/v1/gaps)" >"$results/wrk-gaps-limited.txt"
gaps_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$results/wrk-gaps-limited.txt")
rss_limited=$(max_mb "$work/rss-limited.txt")
stop_pid "$app_pid"
read -r gc_n gc_total gc_max <<<"$(gc_pauses "$results/gc-limited.log")"

# The same jar and JDK without a heap limit (the JVM's defaults on this machine; no AOT
# cache: it was made for the other options), for the
# throughput the limit costs.
jvm=("$java_run" "-Xlog:gc:file=$results/gc-default.log")
start_app "$results/app-throughput-default.log"
app_pid=$started_pid
rss_sampler "$app_pid" "$work/rss-default.txt" &
pids+=($!)
wait_200 "$(mgmt_url /q/health/ready)" "$started_pid" "$started_ns" || die "app did not start (see $results/app-throughput-default.log)"
# warmed up as the limited run was (ping, status JSON, page), then measured
measure ping-default "$(app_url /api/v1/ping)"
measure port-page-default "$(app_url /ports/938)"
measure status-json-default "$(app_url /api/v1/ports/938)" && status_default_rps=$rps
wrk -t"$threads" -c"$connections" -d"${gaps_seconds}s" "$(app_url /api/v1/gaps)" >"$results/wrk-gaps-default.txt"
gaps_default_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$results/wrk-gaps-default.txt")
rss_default=$(max_mb "$work/rss-default.txt")
stop_pid "$app_pid"
read -r gcd_n gcd_total gcd_max <<<"$(gc_pauses "$results/gc-default.log")"
stop_pid "$bare_pid"
jvm=()
log "req/s: bare ${bare_rps:-n/a}, ping ${ping_rps:-n/a}, status JSON ${status_rps:-n/a}, port page ${page_rps:-n/a}, token ${token_rps:-n/a}, basic ${basic_rps:-n/a}; RSS max ${rss_limited:-n/a} MB limited, ${rss_default:-n/a} MB default"

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

status_ratio=$(ratio "$status_rps" "$bare_rps")
page_ratio=$(ratio "$page_rps" "$bare_rps")
ping_ratio=$(ratio "$ping_rps" "$bare_rps")
token_ratio=$(ratio "$token_rps" "${anon_rps:-$status_rps}")
basic_ratio=$(ratio "$basic_rps" "${anon_rps:-$status_rps}")
start_ratio=$(ratio "$app_start_best" "$bare_start_best")
start25_ratio=$(ratio "${app25_best:-}" "${bare25_best:-}")
start25plain_ratio=$(ratio "${app25plain_best:-}" "${bare25plain_best:-}")
copy_s=$(if [ -n "$copy_best" ]; then awk -v ms="$copy_best" 'BEGIN { printf "%.3f", ms / 1000 }'; fi)
import_ratio=$(ratio "${import25_best:-$import17_best}" "$copy_s")
import17_ratio=$(ratio "$import17_best" "$copy_s")
page_saving=$(if [ -n "$page_plain" ] && [ "${page_plain:-0}" -gt 0 ]; then awk -v a="$page_plain" -v b="$page_gzip" 'BEGIN { printf "%.2f", 1 - b / a }'; fi)
limit_cost=$(ratio "$status_rps" "${status_default_rps:-}")
gaps_limit_cost=$(ratio "${gaps_rps:-}" "${gaps_default_rps:-}")
status_met=$(check "$status_ratio" ge 0.70)
page_met=$(check "$page_ratio" ge 0.60)
token_met=$(check "$token_ratio" ge 0.50)
import_met=$(check "$import_ratio" le 10)
start_met=$(check "${start25_ratio:-$start_ratio}" le 2)
start17_met=$(check "$start_ratio" le 2)
compress_met=$(check "$page_saving" ge 0.60)
rss_met=$(check "$rss_limited" le 399)
limit_met=$(check "$limit_cost" ge 0.90)
gaps_limit_met=$(check "$gaps_limit_cost" ge 0.90)

{
  echo "# Port Registry benchmark"
  echo
  echo "- When: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JDKs: build and start-up baseline $("$java17" -version 2>&1 | head -1); runtime $("$java_run" -version 2>&1 | head -1)"
  echo "- Throughput: wrk -t$threads -c$connections -d$duration on loopback after a ${warmup} warm-up, app with \`$heap_opts\`${aot_opt:+ and its AOT cache}; start-up and import best of $runs"
  echo "- Data: $entry_rows records and $people_rows people from $(basename "$seed_xml")"
  echo
  echo "| Metric | Value | Ratio | Target | Met? |"
  echo "|---|---|---|---|---|"
  echo "| Bare Quarkus: \`GET /bare\` (before and after the app's runs) | $(or_na "$bare_rps" req/s) | 1.00× | — | — |"
  echo "| Our ping: \`GET /api/v1/ping\` | $(or_na "$ping_rps" req/s) | $(x "$ping_ratio" bare) | — | — |"
  echo "| Status JSON: \`GET /api/v1/ports/938\` | $(or_na "$status_rps" req/s) | $(x "$status_ratio" bare) | ≥ 0.70× bare | $status_met |"
  echo "| Port page: \`GET /ports/938\` | $(or_na "$page_rps" req/s) | $(x "$page_ratio" bare) | ≥ 0.60× bare | $page_met |"
  echo "| Status JSON with an API token (\`Authorization: Bearer\`) | $(or_na "$token_rps" req/s) | $(x "$token_ratio" anonymous) | ≥ 0.50× anonymous ($(or_na "${anon_rps:-}" req/s) just before) | $token_met |"
  echo "| Status JSON with HTTP Basic (BCrypt per request) | $(or_na "$basic_rps" req/s) | $(x "$basic_ratio" anonymous) | — | — |"
  echo "| Port page transfer: gzip vs identity | $(or_na "$page_gzip" B) of $(or_na "$page_plain" B) | $(or_na "$page_saving") smaller | ≥ 0.60 smaller | $compress_met |"
  echo "| Raw \`COPY\` of the same rows (baseline) | $(or_na "$copy_best" ms) | — | — | — |"
  echo "| Full XML import, Java 17 | $(or_na "$import17_best" s) | $(x "$import17_ratio" COPY) | — | — |"
  echo "| Full XML import, Temurin 25 + AOT cache (what ships) | $(or_na "${import25_best:-}" s) | $(x "$import_ratio" COPY) | ≤ 10× COPY | $import_met |"
  echo "| Start-up, Java 17: bare app / Port Registry | $(or_na "$bare_start_best" ms) / $(or_na "$app_start_best" ms) | $(x "$start_ratio" bare) | ≤ 2× bare | $start17_met |"
  echo "| Start-up, Temurin 25, no AOT cache: bare / Port Registry | $(or_na "${bare25plain_best:-}" ms) / $(or_na "${app25plain_best:-}" ms) | $(x "$start25plain_ratio" bare) | — | — |"
  echo "| Start-up, Temurin 25 + AOT cache (what ships): bare / Port Registry | $(or_na "${bare25_best:-}" ms) / $(or_na "${app25_best:-}" ms) | $(x "$start25_ratio" bare) | ≤ 2× bare | $start_met |"
  echo "| RSS with the heap limit: idle / max under load (all runs above + ${gaps_seconds} s of \`/gaps\`) | $(or_na "$idle_rss" MB) / $(or_na "$rss_limited" MB) | — | < 400 MB | $rss_met |"
  echo "| RSS without a limit (JVM defaults): max under status JSON + ${gaps_seconds} s of \`/gaps\` | $(or_na "$rss_default" MB) | — | — | — |"
  echo "| Status JSON, limit vs defaults | $(or_na "$status_rps") / $(or_na "${status_default_rps:-}") req/s | $(x "$limit_cost") | ≥ 0.90× | $limit_met |"
  echo "| Gaps \`GET /api/v1/gaps\`, limit vs defaults | $(or_na "${gaps_rps:-}") / $(or_na "${gaps_default_rps:-}") req/s | $(x "$gaps_limit_cost") | ≥ 0.90× | $gaps_limit_met |"
  echo "| GC pauses with the limit: count, total, longest | ${gc_n:-n/a}, ${gc_total:-n/a} ms, ${gc_max:-n/a} ms | — | reported | — |"
  echo "| GC pauses without a limit: count, total, longest | ${gcd_n:-n/a}, ${gcd_total:-n/a} ms, ${gcd_max:-n/a} ms | — | reported | — |"
  echo
  echo "Runs: COPY ${copy_ms[*]} ms; import Java 17 ${import_s[*]} s, Temurin 25 + AOT ${import25_list:-n/a} s; start-up Java 17 $start17_runs; Temurin 25 + AOT ${start25_runs:-n/a}; Temurin 25 ${start25plain_runs:-n/a}."
  echo "Bare before/after the app: ${bare_rps1:-n/a} / ${bare_rps2:-n/a} req/s. Compressed when asked: ${compressed_types[*]}."
  echo "wrk output, GC logs and app logs: bench/results/."
} >"$results/latest.md"

cat "$results/latest.md"
log "written to bench/results/latest.md"

for met in "$status_met" "$page_met" "$token_met" "$import_met" "$start_met" "$compress_met" "$rss_met" "$limit_met"; do
  [ "$met" = yes ] || exit 2
done
