#!/usr/bin/env python3
"""The benchmark: this server against PostGraphile v5 on the same PostgreSQL database.

See bench/README.md. Standard library only; the load comes from `wrk`.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORKLOADS = BENCH / "workloads"
PASSWORD = "inspect-demo-2026"
OURS_PORT = 18000
THEIRS_PORT = 18002
CLK_TCK = os.sysconf("SC_CLK_TCK")


def say(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


# --- HTTP and GraphQL ------------------------------------------------------------------------


def post(port: int, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)


def data(port: int, body: dict, token: str | None = None) -> dict:
    answer = post(port, body, token)
    if answer.get("errors"):
        raise SystemExit(f"the query failed on port {port}: {json.dumps(answer['errors'], ensure_ascii=False)[:800]}")
    return answer["data"]


def document(name: str) -> str:
    return (WORKLOADS / name).read_text()


def row_id(global_id: str) -> int:
    """The row of one of our opaque ids (base64url of `Type:row`); for comparing with PostGraphile."""
    text = base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode()
    return int(text.split(":", 1)[1])


# --- Processes and /proc ---------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def postgres_cpu() -> dict[int, float]:
    """CPU so far of every PostgreSQL process alive now, by pid."""
    seen = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            if (d / "comm").read_text().strip().startswith("postgres"):
                seen[int(d.name)] = cpu_seconds(int(d.name))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return seen


def postgres_cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU the PostgreSQL processes spent between two readings (the servers' pools keep their
    backends; a process that started meanwhile counts whole, one that ended is lost)."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def memory_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def wait_until_ready(port: int, process: subprocess.Popen, seconds: int = 600) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} stopped at start (exit {process.returncode})")
        try:
            answer = post(port, {"query": "{ __typename }"})
            if answer.get("data"):
                return
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server on port {port} did not answer within {seconds} s")


def stop(process: subprocess.Popen | None) -> None:
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# --- The database ----------------------------------------------------------------------------


def database_url(admin_url: str, name: str) -> str:
    base = admin_url.split("?", 1)[0].rsplit("/", 1)[0]
    return f"{base}/{name}?sslmode=disable"


def psql(url: str, sql: str) -> str:
    out = subprocess.run(
        ["psql", url.replace("?sslmode=disable", ""), "-v", "ON_ERROR_STOP=1", "-qAtX", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


SERVER_ENV: dict[str, str] = {}


def start_ours(binary: Path, url: str, log: Path, demo: bool) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": url,
            "BIND_ADDRESS": f"127.0.0.1:{OURS_PORT}",
            "POLICY_DIR": str(ROOT / "policies"),
            "DEMO_DATA": "true" if demo else "false",
            "TOKEN_TTL_SECONDS": "86400",
            # The load comes from one account per workload; its in-flight cap is for people.
            "MAX_REQUESTS_PER_ACCOUNT": "256",
            "RUST_LOG": "warn",
        }
    )
    env.update(SERVER_ENV)
    return subprocess.Popen([str(binary)], env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def load(admin_url: str, name: str, scale: int, binary: Path, log: Path) -> str:
    """A fresh database with the demo data (times `scale`), loaded by our own server."""
    url = database_url(admin_url, name)
    psql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(admin_url, f'CREATE DATABASE "{name}"')
    say(f"loading the demo data into {name} …")
    server = start_ours(binary, url, log, demo=True)
    try:
        wait_until_ready(OURS_PORT, server)
    finally:
        stop(server)
    if scale > 1:
        say(f"multiplying the record by {scale} …")
        sql = (BENCH / "scale.sql").read_text().replace(":copies", str(scale - 1))
        psql(url, sql)
    psql(url, "VACUUM ANALYZE")
    return url


# --- wrk -------------------------------------------------------------------------------------


def lua_string(s: str) -> str:
    return "[==[" + s + "]==]"


def lua_script(requests: list[tuple[str, dict]]) -> str:
    """A wrk script that sends `requests` (token, body) in turn and counts the failed answers
    (not 200, or with `errors`)."""
    entries = ",\n".join(
        "  { token = %s, body = %s }" % (lua_string(token), lua_string(json.dumps(body, ensure_ascii=False)))
        for token, body in requests
    )
    return f"""
local requests = {{
{entries}
}}
local threads = {{}}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end
-- The step moves on when an answer comes (wrk builds one request before it starts), so a
-- connection sends the steps of a pass in order.
local i = 1
failed = 0
function request()
  local r = requests[i]
  return wrk.format("POST", "/graphql", {{ ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. r.token }}, r.body)
end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    failed = failed + 1
  end
  i = i % #requests + 1
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + (t:get("failed") or 0)
  end
  io.write(string.format("FAILED %d\\n", total))
  io.write(string.format("P50 %d\\nP99 %d\\n", latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Workload:
    name: str
    # Each pass: (token, body) in order.
    ours: list[tuple[str, dict]]
    theirs: list[dict] = field(default_factory=list)
    sequential: bool = False
    compare: bool = True


@dataclass
class Run:
    server: str
    workload: str
    concurrency: int
    passes_per_second: float
    p50_ms: float
    p99_ms: float
    server_cpu_ms: float
    postgres_cpu_ms: float
    statements: float | None
    rss_kib: int
    failed: int
    requests_per_pass: int = 1


def run_wrk(
    script: Path, port: int, concurrency: int, seconds: int, per_pass: int, pid: int, metrics: bool
) -> tuple[float, float, float, float, float, float | None, int, int]:
    threads = concurrency if concurrency <= 8 else 8
    before = (cpu_seconds(pid), postgres_cpu(), statements_so_far(port) if metrics else None)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    after = (cpu_seconds(pid), postgres_cpu(), statements_so_far(port) if metrics else None)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    passes = max(total / per_pass, 1)
    seconds_taken = float(re.search(r"requests in ([\d.]+)(m?s)", out).group(1))
    if re.search(r"requests in [\d.]+ms", out):
        seconds_taken /= 1000
    elif re.search(r"requests in [\d.]+m,", out):
        seconds_taken *= 60
    failed = int(re.search(r"FAILED (\d+)", out).group(1))
    p50 = int(re.search(r"P50 (\d+)", out).group(1)) / 1000
    p99 = int(re.search(r"P99 (\d+)", out).group(1)) / 1000
    statements = None
    if metrics and before[2] is not None and after[2] is not None:
        # The scrapes themselves run no statement.
        statements = (after[2] - before[2]) / passes
    return (
        passes / seconds_taken,
        p50,
        p99,
        (after[0] - before[0]) * 1000 / passes,
        postgres_cpu_between(before[1], after[1]) * 1000 / passes,
        statements,
        memory_kib(pid, "VmHWM"),
        failed,
    )


def statements_so_far(port: int) -> float | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
            page = r.read().decode()
    except urllib.error.URLError:
        return None
    m = re.search(r"^inspection_sql_statements_total (\S+)$", page, re.M)
    return float(m.group(1)) if m else None


# --- The workloads ---------------------------------------------------------------------------


def login(port: int, username: str) -> str:
    body = {
        "query": "mutation($i: LoginInput!) { login(input: $i) { token } }",
        "variables": {"i": {"username": username, "password": PASSWORD}},
    }
    answer = post(port, body)
    if answer.get("errors"):
        # Before the rename of the naming sweep, login took its arguments directly.
        body = {
            "query": "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
            "variables": {"u": username, "p": PASSWORD},
        }
        answer = post(port, body)
    return answer["data"]["login"]["token"]


def our_workloads(scale: int, url: str) -> tuple[list[Workload], dict]:
    leader, unit1, office = login(OURS_PORT, "leader"), login(OURS_PORT, "unit1"), login(OURS_PORT, "office")
    w1 = document("w1_district.graphql")

    def pages(variables: dict) -> list[dict]:
        bodies, after = [], None
        while True:
            body = {"query": w1, "variables": dict(variables, after=after)}
            page = data(OURS_PORT, body, leader)["inspections"]
            bodies.append(body)
            if not page["pageInfo"]["hasNextPage"]:
                return bodies
            after = page["pageInfo"]["endCursor"]

    # W1R, the district screen of one round: the newest inspection's (the sixth, under way).
    newest = data(OURS_PORT, {"query": "{ inspections(first: 1) { nodes { round { id } } } }"}, leader)
    one_round = {"filter": {"roundId": newest["inspections"]["nodes"][0]["round"]["id"]}}
    workloads = [
        Workload("W1", [(leader, b) for b in pages({})]),
        Workload("W1R", [(leader, b) for b in pages(one_round)], compare=False),
        Workload("W2", [(unit1, {"query": document("w2_unit_tasks.graphql")})]),
        Workload("W3", [(leader, {"query": document("w3_first_page.graphql")})]),
    ]
    # M: unit1's open tasks (the only demo unit with tasks still open), each brought to RETURNED,
    # where the loop starts. Each loop adds a progress report, which W2 reads: M runs after every
    # read workload's rounds, not between them.
    tasks = data(OURS_PORT, {"query": "{ rectificationTasks(first: 100) { nodes { id status } } }"}, unit1)
    loop = document("m_verification.graphql")
    ids = [t["id"] for t in tasks["rectificationTasks"]["nodes"] if t["status"] in ("ASSIGNED", "RETURNED", "REOPENED", "IN_PROGRESS", "SUBMITTED")]
    for task in ids:
        prepare_for_loop(task, loop, unit1, office)
    steps = []
    task = ids[0] if ids else None
    if task:
        steps = [
            (unit1, {"query": loop, "operationName": "Start", "variables": {"id": task}}),
            (unit1, {"query": loop, "operationName": "Report", "variables": {"taskId": task, "content": "本周完成台账整理和制度修订。"}}),
            (unit1, {"query": loop, "operationName": "Submit", "variables": {"id": task}}),
            (office, {"query": loop, "operationName": "Return", "variables": {"id": task, "reason": "佐证材料不全，请补充后再报。"}}),
        ]
    workloads.append(Workload("M", steps, sequential=True, compare=False))
    return workloads, {"tokens": {"leader": leader, "unit1": unit1, "office": office}, "loop_tasks": ids}


def prepare_for_loop(task: str, loop: str, unit: str, office: str) -> None:
    """Brings a task to RETURNED, where the verification loop begins and ends."""
    for _ in range(4):
        status = data(OURS_PORT, {"query": "query($id: ID!) { node(id: $id) { ... on RectificationTask { status } } }", "variables": {"id": task}}, unit)["node"]["status"]
        step = {
            "ASSIGNED": (unit, "Start", {"id": task}),
            "REOPENED": (unit, "Start", {"id": task}),
            "IN_PROGRESS": (unit, "Submit", {"id": task}),
            "SUBMITTED": (office, "Return", {"id": task, "reason": "佐证材料不全，请补充后再报。"}),
        }.get(status)
        if step is None:
            return
        token, op, variables = step
        post(OURS_PORT, {"query": loop, "operationName": op, "variables": variables}, token)


def canonical_ours(workload: str, port: int, passes: list[tuple[str, dict]]) -> object:
    answers = [data(port, body, token) for token, body in passes]
    if workload == "W1":
        rows = []
        for a in answers:
            for n in a["inspections"]["nodes"]:
                rows.append(
                    [
                        row_id(n["id"]),
                        n["unit"]["name"],
                        n["team"]["name"],
                        n["round"]["name"],
                        sorted(row_id(f["id"]) for f in n["findings"]["nodes"]),
                        sorted(row_id(r["id"]) for r in n["recommendations"]["nodes"]),
                    ]
                )
        return sorted(rows)
    if workload == "W2":
        return sorted(
            [
                row_id(t["id"]),
                (t["recommendation"] or {}).get("content"),
                sorted(row_id(p["id"]) for p in t["progressReports"]),
                t["evidenceCount"],
            ]
            for t in answers[0]["rectificationTasks"]["nodes"]
        )
    if workload == "W3":
        return [[row_id(n["id"]), n["unit"]["name"]] for n in answers[0]["inspections"]["nodes"]]
    return None


# --- Main ------------------------------------------------------------------------------------


def table(runs: list[Run], theirs: bool) -> str:
    lines = [
        "| workload | c | server | requests/pass | passes/s | p50 ms | p99 ms | server CPU ms/pass | PostgreSQL CPU ms/pass | statements/pass | statements/request | peak RSS MB | failed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    keys = sorted({(r.workload, r.concurrency) for r in runs}, key=lambda k: (k[0], k[1]))
    for workload, c in keys:
        for server in ("ours", "postgraphile") if theirs else ("ours",):
            sample = [r for r in runs if (r.workload, r.concurrency, r.server) == (workload, c, server)]
            if not sample:
                continue
            med = lambda f: statistics.median(getattr(r, f) for r in sample)  # noqa: E731
            st = sample[0].statements
            rp = sample[0].requests_per_pass
            lines.append(
                f"| {workload} | {c} | {server} | {rp} | {med('passes_per_second'):.1f} | {med('p50_ms'):.2f} | {med('p99_ms'):.2f} | "
                f"{med('server_cpu_ms'):.2f} | {med('postgres_cpu_ms'):.2f} | {'' if st is None else f'{st:.1f}'} | "
                f"{'' if st is None else f'{st / rp:.1f}'} | "
                f"{max(r.rss_kib for r in sample) / 1024:.0f} | {sum(r.failed for r in sample)} |"
            )
    return "\n".join(lines)


def ratios(runs: list[Run]) -> str:
    lines = ["| workload | c | passes/s ours ÷ theirs | server CPU/pass ours ÷ theirs | PostgreSQL CPU/pass ours ÷ theirs |", "|---|---|---|---|---|"]
    for workload, c in sorted({(r.workload, r.concurrency) for r in runs}):
        def med(server: str, f: str) -> float | None:
            s = [getattr(r, f) for r in runs if (r.workload, r.concurrency, r.server) == (workload, c, server)]
            return statistics.median(s) if s else None

        o, t = med("ours", "passes_per_second"), med("postgraphile", "passes_per_second")
        if o is None or t is None:
            continue
        oc, tc = med("ours", "server_cpu_ms"), med("postgraphile", "server_cpu_ms")
        op, tp = med("ours", "postgres_cpu_ms"), med("postgraphile", "postgres_cpu_ms")
        lines.append(f"| {workload} | {c} | {o / t:.2f}× | {oc / tc:.2f} | {op / tp:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1, choices=[1, 10], help="the demo data, or ten times it")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds (ours, theirs, ours, theirs…)")
    parser.add_argument("--no-postgraphile", action="store_true", help="measure this server alone")
    parser.add_argument("--no-build", action="store_true", help="use the production binary already built")
    parser.add_argument("--workloads", default="W1,W1R,W2,W3,M")
    parser.add_argument("--binary", type=Path, help="a server binary built elsewhere (an earlier commit, to compare)")
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE", help="more settings for our server")
    parser.add_argument("--admin-url", default=os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (the load generator the benchmark drives)")
    for pair in args.server_env:
        k, _, v = pair.partition("=")
        SERVER_ENV[k] = v
    if args.binary is None and not args.no_build:
        say("building the server as a deployment does (cargo build --profile production) …")
        subprocess.run(["cargo", "build", "--profile", "production", "-p", "api"], cwd=ROOT, check=True)
    binary = args.binary or ROOT / "target" / "production" / "inspection"
    work = Path(tempfile.mkdtemp(prefix="inspection-bench-"))
    log = work / "servers.log"
    name = "inspection_bench" if args.scale == 1 else "inspection_bench_x10"
    url = load(args.admin_url, name, args.scale, binary, log)

    ours = start_ours(binary, url, log, demo=False)
    theirs = None
    try:
        wait_until_ready(OURS_PORT, ours)
        say(f"ours: idle RSS {memory_kib(ours.pid, 'VmRSS') / 1024:.0f} MB")
        workloads, params = our_workloads(args.scale, url)
        asked = args.workloads.split(",")
        chosen = [w for w in workloads if w.name in asked and w.ours]
        for w in workloads:
            if w.name in asked and not w.ours:
                say(f"{w.name}: nothing to run on this data (no open task for the verification loop); not measured")
        compare = not args.no_postgraphile
        adapter = None
        if compare:
            if shutil.which("npm") is None:
                say("npm is not installed: PostGraphile is skipped, ours is measured alone")
                compare = False
            else:
                sys.path.insert(0, str(BENCH / "postgraphile"))
                import adapter  # type: ignore  # noqa: E402

                say("installing PostGraphile v5 into a temporary folder …")
                adapter.install(str(work / "postgraphile"))
                theirs = adapter.start(str(work / "postgraphile"), url, THEIRS_PORT)
                prepared = adapter.prepare(url)
                for w in chosen:
                    if w.name in adapter.WORKLOADS:
                        w.theirs = adapter.WORKLOADS[w.name].bodies(prepared)
        # The same rows on both, before anything is timed.
        for w in chosen:
            if compare and w.compare and w.theirs:
                mine = canonical_ours(w.name, OURS_PORT, w.ours)
                answers = [post(THEIRS_PORT, b) for b in w.theirs]
                other = adapter.WORKLOADS[w.name].normalize(answers)
                if mine != other:
                    (work / f"{w.name}.ours.json").write_text(json.dumps(mine, ensure_ascii=False, indent=1))
                    (work / f"{w.name}.theirs.json").write_text(json.dumps(other, ensure_ascii=False, indent=1))
                    raise SystemExit(f"{w.name}: the two servers answer different rows (see {work})")
                say(f"{w.name}: the same {len(mine)} rows on both")
        scripts = {}
        for w in chosen:
            scripts[("ours", w.name)] = work / f"ours-{w.name}.lua"
            scripts[("ours", w.name)].write_text(lua_script(w.ours))
            if compare and w.theirs:
                scripts[("postgraphile", w.name)] = work / f"theirs-{w.name}.lua"
                scripts[("postgraphile", w.name)].write_text(lua_script([("none", b) for b in w.theirs]))
        runs: list[Run] = []
        for rep in range(args.repeat):
            for w in chosen:
                if w.sequential:
                    continue  # writes: measured once, after every read workload's rounds
                for c in (1, 8):
                    for server in ("ours", "postgraphile"):
                        if ("postgraphile" == server) and (("postgraphile", w.name) not in scripts):
                            continue
                        port, pid = (OURS_PORT, ours.pid) if server == "ours" else (THEIRS_PORT, theirs.pid)
                        per_pass = len(w.ours) if server == "ours" else len(w.theirs)
                        r = run_wrk(scripts[(server, w.name)], port, c, args.seconds, per_pass, pid, server == "ours")
                        runs.append(Run(server, w.name, c, *r, requests_per_pass=per_pass))
                        say(f"[{rep + 1}/{args.repeat}] {w.name} c={c} {server}: {r[0]:.1f} passes/s, p50 {r[1]:.2f} ms, p99 {r[2]:.2f} ms, failed {r[7]}")
        # Memory under c=32 on the district screen.
        for server in ("ours", "postgraphile"):
            if ("W1" not in [w.name for w in chosen]) or (server, "W1") not in scripts:
                continue
            port, pid = (OURS_PORT, ours.pid) if server == "ours" else (THEIRS_PORT, theirs.pid)
            w1 = next(w for w in chosen if w.name == "W1")
            per_pass = len(w1.ours) if server == "ours" else len(w1.theirs)
            r = run_wrk(scripts[(server, "W1")], port, 32, args.seconds, per_pass, pid, server == "ours")
            runs.append(Run(server, "W1", 32, *r, requests_per_pass=per_pass))
            say(f"W1 c=32 {server}: peak RSS {r[6] / 1024:.0f} MB")
        # The writing workloads last, once, at one connection (one task's loop is sequential).
        for w in chosen:
            if not w.sequential:
                continue
            r = run_wrk(scripts[("ours", w.name)], OURS_PORT, 1, args.seconds, len(w.ours), ours.pid, True)
            runs.append(Run("ours", w.name, 1, *r, requests_per_pass=len(w.ours)))
            say(f"{w.name} c=1 ours: {r[0]:.1f} passes/s, p50 {r[1]:.2f} ms, p99 {r[2]:.2f} ms, failed {r[7]}")
        print(f"\n## Benchmark, scale ×{args.scale}, {args.seconds} s per run, {args.repeat} interleaved rounds (medians)\n")
        print("PostGraphile answers each workload in one request. Latencies are per request.\n")
        print(table(runs, compare))
        if compare:
            print("\n" + ratios(runs))
        (work / "runs.json").write_text(json.dumps([r.__dict__ for r in runs], indent=1))
        say(f"\nraw results: {work / 'runs.json'}")
    finally:
        stop(ours)
        stop(theirs)


if __name__ == "__main__":
    main()
