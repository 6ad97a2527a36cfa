"""PostGraphile v5 side of the benchmark (Python 3.11, standard library only).

Use:

    install(workdir)                        # copy this package into workdir, npm ci there
    proc = start(workdir, database_url, port)
    params = prepare(database_url)          # row ids the workloads need, read with psql
    w = WORKLOADS["W2"]
    responses = [post(port, body) for body in w.bodies(params)]
    canonical = w.normalize(responses)
    stop(proc)

Each workload is one request on PostGraphile. `normalize` gives the canonical form that the
Rust side computes from its own API (see NOTES.md); both must be equal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
PACKAGE_FILES = ("package.json", "package-lock.json", "graphile.config.mjs")
NODE_MAJOR = 22
START_TIMEOUT_S = 60.0

# Rounds whose plan is shown to the units (api/src/gate/scope.rs, STARTED).
STARTED_ROUND_STATUSES = frozenset({"IN_PROGRESS", "CLOSED"})


# --------------------------------------------------------------------------- install / start


def node_binary(workdir: str) -> str:
    """The Node 22 binary that the `node` npm package put in workdir."""
    return str(Path(workdir) / "node_modules" / "node" / "bin" / "node")


def install(workdir: str) -> None:
    """Copy the package into workdir and install it there (npm ci, from package-lock.json).

    Raises RuntimeError with npm's output if npm fails, or if the Node binary it installed is
    not Node 22.
    """
    dest = Path(workdir)
    dest.mkdir(parents=True, exist_ok=True)
    for name in PACKAGE_FILES:
        shutil.copy2(HERE / name, dest / name)
    cmd = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    res = subprocess.run(cmd, cwd=dest, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd)}` in {dest} failed ({res.returncode}):\n{res.stdout}")
    node = node_binary(workdir)
    try:
        version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        raise RuntimeError(f"npm ci did not install a usable Node binary at {node}: {e}\n{res.stdout}") from e
    if not version.startswith(f"v{NODE_MAJOR}."):
        raise RuntimeError(f"{node} is {version}, not Node {NODE_MAJOR}")


def start(workdir: str, database_url: str, port: int) -> subprocess.Popen:
    """Start PostGraphile (Node 22) on 127.0.0.1:port and wait until it answers `{ __typename }`.

    Its output goes to workdir/postgraphile.log. The process leads its own session, so
    `stop(proc)` ends it and anything it started. Raises RuntimeError (with the log) if it exits
    or does not answer within 60 s.
    """
    wd = Path(workdir)
    log_path = wd / "postgraphile.log"
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        PORT=str(port),
        GRAPHILE_ENV="production",
        NODE_ENV="production",
    )
    cmd = [
        node_binary(workdir),
        str(wd / "node_modules" / "postgraphile" / "dist" / "cli-run.js"),
        "-C",
        str(wd / "graphile.config.mjs"),
        "-n",
        "127.0.0.1",
        "-p",
        str(port),
    ]
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=wd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"PostGraphile exited with {proc.returncode}:\n{_tail(log_path)}")
        try:
            answer = post(port, {"query": "{ __typename }"}, timeout=5.0)
            if answer.get("data", {}).get("__typename") == "Query":
                return proc
            last_error = RuntimeError(f"unexpected answer {answer!r}")
        except (OSError, urllib.error.URLError, ValueError) as e:
            last_error = e
        time.sleep(0.25)
    stop(proc)
    raise RuntimeError(
        f"PostGraphile did not answer on port {port} within {START_TIMEOUT_S:.0f} s "
        f"({last_error}):\n{_tail(log_path)}"
    )


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """End the server that `start` returned (its whole process group)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def post(port: int, body: dict, timeout: float = 60.0) -> dict:
    """POST one GraphQL request body to PostGraphile and return the decoded JSON answer."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as e:
        # GraphQL errors may come with a 4xx/5xx status and a JSON body.
        payload = e.read()
        try:
            return json.loads(payload)
        except ValueError:
            raise e from None


def _tail(path: Path, n: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return "(no log)"


# --------------------------------------------------------------------------- parameters

# The organisation (audited unit, 天城镇 in the demo data) that the account `unit1` leads.
UNIT1_SQL = """
SELECT ra.organization_id
FROM role_assignments ra JOIN users u ON u.id = ra.user_id
WHERE u.username = 'unit1' AND ra.role = 'UNIT_LEADER'
ORDER BY ra.id
LIMIT 1
"""


def psql_scalar(database_url: str, sql: str) -> str:
    """Run one query with psql and return its single value as text."""
    res = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database_url, "-c", sql],
        capture_output=True,
        text=True,
    )
    if res.returncode != 0:
        raise RuntimeError(f"psql failed ({res.returncode}): {res.stderr.strip()}")
    value = res.stdout.strip()
    if not value:
        raise RuntimeError(f"no row for: {' '.join(sql.split())}")
    return value


def prepare(database_url: str) -> dict[str, Any]:
    """The parameters the workloads need: {"unit1_org_id": <organizations.id of unit1's unit>}."""
    return {"unit1_org_id": int(psql_scalar(database_url, UNIT1_SQL))}


# --------------------------------------------------------------------------- workloads


@dataclass(frozen=True)
class Workload:
    """One pass of a workload: `bodies(params)` are the request bodies ({query, variables}) to
    send in order; `normalize(responses)` turns their answers (decoded JSON, same order) into
    the canonical form."""

    name: str
    title: str
    query: str
    bodies: Callable[[dict[str, Any]], list[dict[str, Any]]]
    normalize: Callable[[list[dict[str, Any]]], object]


def _data(responses: list[dict[str, Any]], expected: int = 1) -> dict[str, Any]:
    if len(responses) != expected:
        raise ValueError(f"expected {expected} response(s), got {len(responses)}")
    r = responses[0]
    if r.get("errors") or not r.get("data"):
        raise ValueError(f"GraphQL errors: {json.dumps(r.get('errors'), ensure_ascii=False)[:2000]}")
    return r["data"]


W1_QUERY = """query W1 {
  allInspections(orderBy: PRIMARY_KEY_ASC) {
    nodes {
      rowId
      status
      unit: organizationByUnitId { name }
      team: organizationByTeamId { name }
      round: roundByRoundId { name }
      findings: findingsByInspectionId(orderBy: PRIMARY_KEY_ASC) { totalCount nodes { rowId category description } }
      recommendations: recommendationsByInspectionId(orderBy: PRIMARY_KEY_ASC) { totalCount nodes { rowId content } }
    }
  }
}"""


def _w1_normalize(responses: list[dict[str, Any]]) -> object:
    nodes = _data(responses)["allInspections"]["nodes"]
    out = [
        [
            n["rowId"],
            n["unit"]["name"],
            n["team"]["name"],
            n["round"]["name"],
            sorted(f["rowId"] for f in n["findings"]["nodes"]),
            sorted(r["rowId"] for r in n["recommendations"]["nodes"]),
        ]
        for n in nodes
    ]
    return sorted(out, key=lambda row: row[0])


# The unit's inspections with all their tasks; which tasks unit1 sees, and whether it sees a
# task's recommendation, is decided in `normalize` from the fields fetched for it (PostGraphile's
# `condition` cannot say "feedback released, or fix-at-once in a started round").
W2_QUERY = """query W2($unitId: Int!) {
  allInspections(condition: { unitId: $unitId }, orderBy: PRIMARY_KEY_ASC) {
    nodes {
      rowId
      round: roundByRoundId { status }
      feedback: feedbackByInspectionId { releasedAt }
      tasks: rectificationTasksByInspectionId(orderBy: PRIMARY_KEY_ASC) {
        nodes {
          rowId
          content
          deadline
          status
          fixAtOnce
          recommendation: recommendationByRecommendationId {
            content
            inspectionId
            links: recommendationFindingsByRecommendationId {
              nodes { finding: findingByFindingId { includeInFeedback } }
            }
          }
          progressReports: progressReportsByTaskId(condition: { withdrawnAt: null }, orderBy: PRIMARY_KEY_ASC) {
            nodes { rowId content createdAt }
          }
          evidence: evidenceFilesByTaskId(condition: { withdrawnAt: null }) { totalCount }
        }
      }
    }
  }
}"""


def _w2_normalize(responses: list[dict[str, Any]]) -> object:
    inspections = _data(responses)["allInspections"]["nodes"]
    released_ids = {
        i["rowId"] for i in inspections if i["feedback"] is not None and i["feedback"]["releasedAt"] is not None
    }

    def visible_recommendation(rec: dict[str, Any] | None) -> str | None:
        # api/src/recommendations/scope.rs, UNIT_LEADER: of one of the unit's released
        # inspections, and answering at least one finding that the feedback carries.
        if rec is None or rec["inspectionId"] not in released_ids:
            return None
        if not any(link["finding"]["includeInFeedback"] for link in rec["links"]["nodes"]):
            return None
        return rec["content"]

    out = []
    for insp in inspections:
        released = insp["rowId"] in released_ids
        started = insp["round"]["status"] in STARTED_ROUND_STATUSES
        for t in insp["tasks"]["nodes"]:
            # api/src/rectification_tasks/scope.rs, UNIT_LEADER: released, or fix-at-once in a
            # started round.
            if not (released or (t["fixAtOnce"] and started)):
                continue
            out.append(
                [
                    t["rowId"],
                    visible_recommendation(t["recommendation"]),
                    sorted(p["rowId"] for p in t["progressReports"]["nodes"]),
                    t["evidence"]["totalCount"],
                ]
            )
    return sorted(out, key=lambda row: row[0])


# Our `inspections(first: 20)` default order CREATED_AT_DESC is `ORDER BY created_at DESC, id ASC`:
# every list breaks ties by the id, ascending (api/src/pagination.rs; the index
# idx_inspections_created_at is in that order).
W3_QUERY = """query W3 {
  allInspections(first: 20, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_ASC]) {
    nodes {
      rowId
      unit: organizationByUnitId { name }
    }
  }
}"""


def _w3_normalize(responses: list[dict[str, Any]]) -> object:
    return [[n["rowId"], n["unit"]["name"]] for n in _data(responses)["allInspections"]["nodes"]]


WORKLOADS: dict[str, Workload] = {
    "W1": Workload(
        name="W1",
        title="district: every inspection with unit, team, round, finding and recommendation ids",
        query=W1_QUERY,
        bodies=lambda params: [{"query": W1_QUERY, "variables": {}}],
        normalize=_w1_normalize,
    ),
    "W2": Workload(
        name="W2",
        title="unit1's rectification tasks with recommendation, progress reports, evidence count",
        query=W2_QUERY,
        bodies=lambda params: [{"query": W2_QUERY, "variables": {"unitId": params["unit1_org_id"]}}],
        normalize=_w2_normalize,
    ),
    "W3": Workload(
        name="W3",
        title="first page: the 20 newest inspections with unit name",
        query=W3_QUERY,
        bodies=lambda params: [{"query": W3_QUERY, "variables": {}}],
        normalize=_w3_normalize,
    ),
}


if __name__ == "__main__":
    # Smoke run: python3 adapter.py DATABASE_URL [PORT]
    import sys
    import tempfile

    url = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 18201
    with tempfile.TemporaryDirectory(prefix="pgl-") as wd:
        install(wd)
        p = start(wd, url, port)
        try:
            prm = prepare(url)
            for w in WORKLOADS.values():
                t0 = time.perf_counter()
                resp = [post(port, b) for b in w.bodies(prm)]
                ms = (time.perf_counter() - t0) * 1000
                c = w.normalize(resp)
                print(f"{w.name}: {len(c)} rows, {ms:.1f} ms")
        finally:
            stop(p)
