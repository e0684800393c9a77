#!/usr/bin/env python3
"""The change log's benchmark (bench/README.md, "The change log"): one command, three parts.

    bench/changelog.py [propagation] [size] [series]     # all three when none is named

- propagation: two app processes (A, B) on one database; N request completions on A, each
  timed from A's answer (it comes after the commit) until B's API shows the port assigned.
- size: request completions (the registry action) and read latencies on IANA's registry
  (14.5k entries) and on the synthetic one 18 times its size (bench/synthetic.py), with the
  heap after a full GC as the snapshot's memory.
- series: IANA's versions (history/ and today's XML) imported in date order by an empty app
  (a directory as seed source), against a raw COPY of the same rows; time per version.

Needs the packaged app (target/quarkus-app), PostgreSQL as for the tests, wrk, jcmd, psql.
Writes bench/results/changelog.md and the apps' logs beside it.
"""
import base64, csv, glob, json, os, re, shutil, statistics, subprocess, sys, tempfile, time
import urllib.error, urllib.request
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(REPO, "bench", "results")
JAR = os.path.join(REPO, "target", "quarkus-app", "quarkus-run.jar")
IANA = os.environ.get("PORTREG_IANA_DIR", os.path.join(REPO, "..", "shared", "data", "iana"))
XML = os.path.join(IANA, "service-names-port-numbers.xml")
N = int(os.environ.get("BENCH_COMPLETIONS", "10"))
JAVA = os.environ.get("BENCH_JAVA", "java")
JAVA_OPTS = os.environ.get("BENCH_JAVA_OPTS", "").split()
PG = dict(os.environ, PGHOST="127.0.0.1", PGUSER="postgres", PGPASSWORD="postgres",
          PGDATABASE="postgres")
OPERATOR, FIRST_PW, PW = "perf-operator", "Velvet cactus orbit 2931", "Granite tulip harbour 77"
out = []


def log(msg):
    print("[changelog %s] %s" % (time.strftime("%H:%M:%S", time.gmtime()), msg), file=sys.stderr)


def psql(sql):
    return subprocess.run(["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          env=PG, check=True, capture_output=True, text=True).stdout


class App:
    """One app process on its own ports."""

    def __init__(self, name, schema, http, mgmt, seed, debug=False):
        self.name, self.schema, self.http, self.mgmt = name, schema, http, mgmt
        self.log = os.path.join(RESULTS, "changelog-%s.log" % name)
        env = dict(os.environ, PORTREG_DB_SCHEMA=schema, PORTREG_REGISTRY_SEED=seed,
                   PORTREG_REGISTRY_SEED_URL="none", QUARKUS_HTTP_PORT=str(http),
                   QUARKUS_MANAGEMENT_PORT=str(mgmt), QUARKUS_MAILER_MOCK="true",
                   PORTREG_ADMIN_USERNAME=OPERATOR, PORTREG_ADMIN_PASSWORD=FIRST_PW,
                   PORTREG_SECURITY_SECRET_KEY="bench-only-secret-key-not-secret-0001")
        if debug:
            env["QUARKUS_LOG_CATEGORY__DEV_PORTREG_REGISTRY__LEVEL"] = "DEBUG"
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen([JAVA] + JAVA_OPTS + ["-jar", JAR], env=env,
                                     stdout=open(self.log, "w"), stderr=subprocess.STDOUT)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.http, path)

    def ready(self, timeout=900):
        while time.monotonic() - self.t0 < timeout:
            if self.proc.poll() is not None:
                raise SystemExit("%s exited; see %s" % (self.name, self.log))
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/q/health/ready" % self.mgmt,
                                            timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - self.t0
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        raise SystemExit("%s not ready after %d s" % (self.name, timeout))

    def heap_after_gc_mb(self):
        subprocess.run(["jcmd", str(self.proc.pid), "GC.run"], capture_output=True)
        info = subprocess.run(["jcmd", str(self.proc.pid), "GC.heap_info"],
                              capture_output=True, text=True).stdout
        m = re.search(r"used (\d+)K", info)
        return int(m.group(1)) / 1024 if m else None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def call(app, method, path, body=None, auth=None, want=(200,)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(app.url(path), data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", auth)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    if want and status not in want:
        raise SystemExit("%s %s on %s: HTTP %d %s" % (method, path, app.name, status, text[:300]))
    return json.loads(text) if text.strip().startswith(("{", "[")) else text


def basic(user, pw):
    return "Basic " + base64.b64encode(("%s:%s" % (user, pw)).encode()).decode()


def token(app, user, pw):
    t = call(app, "POST", "/api/v1/accounts/me/tokens", {"name": "bench", "expiresInDays": 1},
             basic(user, pw), (200, 201))
    return "Bearer " + t["token"]


def actors(app):
    """The operator (password changed), an expert and a requester: their tokens."""
    call(app, "PUT", "/api/v1/accounts/me/password",
         {"currentPassword": FIRST_PW, "newPassword": PW}, basic(OPERATOR, FIRST_PW), (204,))
    op = token(app, OPERATOR, PW)
    made = {}
    for role in ("expert", "requester"):
        user = "bench-%s-%d" % (role, os.getpid())
        call(app, "POST", "/api/v1/accounts", {"username": user, "password": PW,
             "name": "Bench " + role, "email": user + "@example.org"}, None, (201,))
        psql("UPDATE %s.account SET email_verified_at = now() WHERE username = '%s'"
             % (app.schema, user))
        made[role] = token(app, user, PW)
        if role == "expert":
            call(app, "PUT", "/api/v1/accounts/%s/roles" % user, ["requester", "expert"], op)
    return op, made["expert"], made["requester"]


def free_ports(app, n, start=40000):
    gaps = call(app, "GET", "/api/v1/gaps?from=%d&to=49151&transport=tcp" % start)
    ports = []
    for g in gaps:
        ports.extend(range(g["from"], g["to"] + 1))
    return ports[:n]


def approved(app, requester, expert, port):
    body = {"kind": "new-assignment", "serviceName": "bench%d" % port, "port": str(port),
            "transports": ["tcp"], "description": "Benchmark protocol",
            "assignee": {"name": "Ann Example", "email": "ann@example.org"},
            "contact": {"name": "Ann Example", "email": "ann@example.org"},
            "reference": "draft-example-bench-01",
            "castStatement": "No broadcast, multicast or anycast.",
            "justification": "Clients behind firewalls need a fixed port."}
    rid = call(app, "POST", "/api/v1/requests", body, requester, (201,))["id"]
    call(app, "POST", "/api/v1/requests/%d/submit" % rid, None, requester)
    call(app, "POST", "/api/v1/requests/%d/review" % rid, {"decision": "approve"}, expert)
    return rid


def assigned(app, port):
    p = call(app, "GET", "/api/v1/ports/%d" % port, want=None)
    return isinstance(p, dict) and any(t.get("status") == "assigned"
                                       for t in p.get("transports", []) if t.get("transport", "tcp") == "tcp")


def completions(app, ops, ports, follower=None):
    """Completes one approved request per port; its round trip, and B's delay when given."""
    op, expert, requester = ops
    took, seen = [], []
    for port in ports:
        rid = approved(app, requester, expert, port)
        t = time.monotonic()
        call(app, "POST", "/api/v1/requests/%d/complete" % rid, None, op)
        done = time.monotonic()
        took.append((done - t) * 1000)
        if follower:
            while not assigned(follower, port):
                if time.monotonic() - done > 10:
                    raise SystemExit("B never showed port %d" % port)
                time.sleep(0.002)
            seen.append((time.monotonic() - done) * 1000)
    return took, seen


def written_ms(app, first_revision):
    """The 'revision N written in X ms' debug lines from first_revision on."""
    ms = []
    for line in open(app.log, errors="replace"):
        m = re.search(r"revision (\d+) written in (\d+) ms", line)
        if m and int(m.group(1)) >= first_revision:
            ms.append(int(m.group(2)))
    return ms


def wrk_p99(url, seconds=10):
    r = subprocess.run(["wrk", "-t2", "-c8", "-d%ds" % seconds, "--latency", url],
                       capture_output=True, text=True).stdout
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", r, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", r)
    if not m:
        return None, None
    v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return v, float(rps.group(1)) if rps else None


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fresh(schema):
    psql("DROP SCHEMA IF EXISTS %s CASCADE" % schema)


def propagation():
    schema = "portreg_bench_cl"
    fresh(schema)
    a = App("a", schema, 8096, 9096, XML)
    try:
        a.ready()
        b = App("b", schema, 8097, 9097, XML)
        try:
            b.ready()
            ops = actors(a)
            ports = free_ports(a, N + 2)
            completions(a, ops, ports[:2], b)  # warm-up
            took, seen = completions(a, ops, ports[2:], b)
        finally:
            b.stop()
    finally:
        a.stop()
    out.append("### (a) Propagation: a completion on A, served by B\n")
    out.append("| | median | max | runs |\n|---|---|---|---|")
    out.append("| A: `POST /requests/{id}/complete` round trip | %.0f ms | %.0f ms | %d |"
               % (med(took), max(took), len(took)))
    out.append("| B: from A's answer until `GET /api/v1/ports/{p}` shows it assigned | %.0f ms | %.0f ms | %d |\n"
               % (med(seen), max(seen), len(seen)))
    log("propagation: A %.0f ms, B sees it after %.0f ms (median)" % (med(took), med(seen)))
    psql("DROP SCHEMA %s CASCADE" % schema)


def size():
    """Both sizes at once (8098 and 8099), measured in turns, so both see the same load."""
    big = os.path.join(tempfile.gettempdir(), "portreg-bench-262k.xml")
    if not os.path.exists(big):
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "synthetic.py"), XML, big],
                       check=True)
    runs = {}
    for label, schema, http, seed in (("14k", "portreg_bench_s14k", 8098, XML),
                                      ("262k", "portreg_bench_s262k", 8099, big)):
        fresh(schema)
        app = App(label, schema, http, http + 1000, seed, debug=True)
        runs[label] = dict(app=app, ready=app.ready(1800), took=[], status=[], gaps=[])
    try:
        for r in runs.values():
            app = r["app"]
            r["seeded"] = int((re.findall(r"registry seeded .* in (\d+) ms",
                                          open(app.log, errors="replace").read()) or [0])[-1])
            r["heap"] = app.heap_after_gc_mb()
            r["ops"] = actors(app)
            r["ports"] = free_ports(app, N + 2)
            r["rev"] = int(call(app, "GET", "/api/v1/registry")["revision"])
            completions(app, r["ops"], r["ports"][:2])  # warm-up
        for i in range(N):  # in turns
            for r in runs.values():
                r["took"] += completions(r["app"], r["ops"], [r["ports"][2 + i]])[0]
        for _ in range(3):
            for r in runs.values():
                r["status"].append(wrk_p99(r["app"].url("/api/v1/ports/938"), 5))
                r["gaps"].append(wrk_p99(r["app"].url("/api/v1/gaps"), 5))
        for r in runs.values():
            r["written"] = written_ms(r["app"], r["rev"] + 3)
            r["heap_after"] = r["app"].heap_after_gc_mb()
    finally:
        for r in runs.values():
            r["app"].stop()
            psql("DROP SCHEMA IF EXISTS %s CASCADE" % r["app"].schema)
    small, large = runs["14k"], runs["262k"]
    for r in runs.values():
        for k in ("status", "gaps"):
            r[k] = (med([x[0] for x in r[k] if x[0]]), med([x[1] for x in r[k] if x[1]]))
    log("size: completions %s / %s" % (small["took"], large["took"]))
    out.append("### (b) A registry 18× larger: completion, lookups, memory\n")
    out.append("Both instances run at once and are measured in turns (completion on one, then the"
               " other; wrk 5 s on one, then the other, three rounds; medians).\n")
    out.append("| | 14.5k entries (IANA) | 262k (synthetic) | ratio | target |\n|---|---|---|---|---|")

    def row(name, s, l, target="", fmt="%.1f"):
        ratio = (l / s) if s and l else None
        out.append("| %s | %s | %s | %s | %s |" % (name, fmt % s if s is not None else "n/a",
                   fmt % l if l is not None else "n/a", "%.2f×" % ratio if ratio else "n/a", target))
    row("Completion (`POST .../complete`), median ms", med(small["took"]), med(large["took"]), "≤ 2×", "%.0f")
    row("of which the change set's write (debug log), median ms", med(small["written"]),
        med(large["written"]), "", "%.0f")
    row("Status lookup `GET /api/v1/ports/938`, p99 ms (wrk -c8)", small["status"][0], large["status"][0], "≤ 1.2×", "%.2f")
    row("Gaps `GET /api/v1/gaps`, p99 ms (wrk -c8)", small["gaps"][0], large["gaps"][0], "≤ 1.2×", "%.2f")
    row("Status lookup, req/s", small["status"][1], large["status"][1], "", "%.0f")
    row("Gaps, req/s", small["gaps"][1], large["gaps"][1], "", "%.0f")
    row("Heap after a full GC, seeded, MB", small["heap"], large["heap"], "reported", "%.0f")
    row("Heap after a full GC, after the load, MB", small["heap_after"], large["heap_after"], "", "%.0f")
    row("Seed import (log), ms", small["seeded"], large["seeded"], "", "%.0f")
    row("Start to ready with the seed, s", small["ready"], large["ready"], "", "%.1f")
    out.append("\nCompletions (ms): 14.5k %s; 262k %s.\n" % (
        ", ".join("%.0f" % t for t in small["took"]), ", ".join("%.0f" % t for t in large["took"])))


def copy_rows(path):
    """The rows of one registry file as COPY text, the way bench/run.sh's baseline does."""
    rows = []
    if path.endswith(".csv"):
        with open(path, newline="", encoding="utf-8") as f:
            r = csv.reader(f)
            next(r)
            for row in r:
                rows.append((row + [""] * 12)[:12])
    else:
        ns = {"i": "http://www.iana.org/assignments"}
        for rec in ET.parse(path).getroot().findall("i:record", ns):
            rows.append(["".join(c.itertext()).strip() for c in rec][:12])
    esc = lambda v: v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return "".join("\t".join(esc(v) for v in (row + [""] * 12)[:12]) + "\n" for row in rows), len(rows)


def series():
    files = sorted(glob.glob(os.path.join(IANA, "history", "iana-*.*"))) + [XML]
    d = tempfile.mkdtemp(prefix="portreg-series-")
    for f in files:
        os.symlink(f, os.path.join(d, os.path.basename(f)))
    # raw COPY baseline: every version's rows into one plain table
    texts = [copy_rows(f) for f in files]
    psql("DROP SCHEMA IF EXISTS portreg_bench_copy CASCADE; CREATE SCHEMA portreg_bench_copy;"
         " CREATE TABLE portreg_bench_copy.r (%s)" % ", ".join("c%d text" % i for i in range(12)))
    tsv = os.path.join(tempfile.gettempdir(), "portreg-series-%d.tsv" % os.getpid())
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("".join(t for t, _ in texts))
    copies = []
    for _ in range(3):
        psql("TRUNCATE portreg_bench_copy.r")
        t = time.monotonic()
        subprocess.run(["psql", "-X", "-q", "-c", "\\copy portreg_bench_copy.r FROM '%s'" % tsv],
                       env=PG, check=True)
        copies.append((time.monotonic() - t) * 1000)
    psql("DROP SCHEMA portreg_bench_copy CASCADE")
    os.remove(tsv)
    schema = "portreg_bench_series"
    fresh(schema)
    app = App("series", schema, 8099, 9099, d, debug=True)
    try:
        app.ready(1800)
    finally:
        app.stop()
    shutil.rmtree(d)
    text = open(app.log, errors="replace").read()
    per = [(m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))) for m in re.finditer(
        r"(?:seed|import) of \S*?([^/\s]+) by .*?revision (\d+), (\d+) entries in (\d+) ms", text)]
    written = [int(m) for m in re.findall(r"revision \d+ written in (\d+) ms", text)]
    total = re.search(r"series of (\d+) IANA versions imported .* in (\d+) ms", text)
    psql("DROP SCHEMA %s CASCADE" % schema)
    rows = sum(n for _, n in texts)
    out.append("### (c) IANA's series imported in order, against a raw COPY\n")
    out.append("| Version | Revision | Entries | Import ms | of which written ms |\n|---|---|---|---|---|")
    for i, (name, rev, entries, ms) in enumerate(per):
        out.append("| %s | %d | %d | %d | %s |" % (name, rev, entries, ms,
                   written[i] if i < len(written) else "n/a"))
    if total:
        n, ms = int(total.group(1)), int(total.group(2))
        first = [p[3] for p in per[:3]]
        last = [p[3] for p in per[-3:]]
        out.append("\n%d versions in %d ms (%.0f ms a version); the first three %s ms, the last three"
                   " %s ms: the time per version does not grow with the log, so the series is linear"
                   " in versions. Raw COPY of all %d rows of the %d files into one plain table: best"
                   " %.0f ms (%s): the series takes %.1f× that.\n"
                   % (n, ms, ms / n, "/".join(map(str, first)), "/".join(map(str, last)), rows,
                      len(files), min(copies), ", ".join("%.0f" % c for c in copies), ms / min(copies)))
    log("series: %s" % (total.group(0) if total else "no series line"))


def main():
    os.makedirs(RESULTS, exist_ok=True)
    parts = sys.argv[1:] or ["propagation", "size", "series"]
    out.append("# The change log: benchmark\n")
    out.append("- When: %s UTC, commit %s; load average at start %s\n" % (
        time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
                       text=True).stdout.strip(), open("/proc/loadavg").read().split()[0]))
    for p in parts:
        {"propagation": propagation, "size": size, "series": series}[p]()
    out.append("- Load average at the end: %s" % open("/proc/loadavg").read().split()[0])
    text = "\n".join(out) + "\n"
    with open(os.path.join(RESULTS, "changelog.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
