#!/usr/bin/env python3
"""Checks a running cluster (scripts/cluster.sh start DIR) through nginx and its two nodes.

Usage: check.py DIR   (reads DIR/cluster.env). Prints "PASS name" or "FAIL name: why" per check, then
"N passed, N failed"; exits 1 on any failure. Only the standard library, and psql for the database.
"""
import base64, concurrent.futures, http.cookiejar, json, os, re, shlex, signal, subprocess, sys, threading, time, uuid
import urllib.error, urllib.request

DIR = sys.argv[1]
ENV = {}
for line in open(os.path.join(DIR, "cluster.env")):
    if "=" in line:
        k, v = line.strip().split("=", 1)
        ENV[k] = shlex.split(v)[0] if v else ""
A, B, LB = ENV["NODE_A"], ENV["NODE_B"], ENV["LB"]
BASIC = "Basic " + base64.b64encode(b"kontor:samstyring").decode()
RESULTS = []


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url, method="GET", body=None, headers=None, opener=None, timeout=10):
    """(status, headers, bytes) without following redirects; HTTP errors are answers, not exceptions."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    opener = opener or urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def api(base, path, payload=None, method=None):
    body = json.dumps(payload).encode() if payload is not None else None
    headers = {"Authorization": BASIC, "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    status, _, data = request(base + path, method or ("POST" if body is not None else "GET"), body, headers)
    return status, (json.loads(data) if data[:1] in (b"{", b"[") else data)


def psql(sql):
    cmd = [os.environ.get("PSQL", "psql"), "-X", "-qAt", "-h", "127.0.0.1", "-p", ENV["PG_PORT"], "-U", "samstyring", "-d", "samstyring", "-c", sql]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "PGPASSWORD": "samstyring"}).stdout.strip()


def check(name):
    def wrap(fn):
        started = time.monotonic()
        try:
            note = fn()
            RESULTS.append(True)
            print(f"PASS {name} ({time.monotonic() - started:.1f} s){': ' + note if note else ''}", flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported, the run goes on
            RESULTS.append(False)
            print(f"FAIL {name}: {type(e).__name__}: {e}", flush=True)
        return fn
    return wrap


def new_body(base, slug):
    return api(base, "/api/v1/bodies", {
        "slug": slug, "name": "Klyngetest " + slug, "shortName": None, "establishedOn": "2030-01-01", "kind": "board",
        "description": "Laget av klyngetesten.", "quorumRule": "majority", "quorumCount": None, "nationalSolutionId": None,
        "mandate": "Teste flere noder.",
    })


def bodies(base):
    status, _, data = request(base + "/api/v1/bodies", headers={"Accept": "application/json"})
    assert status == 200, f"GET /api/v1/bodies on {base}: {status}"
    return data.decode()


@check("a write through node A is read on node B within 100 ms")
def _():
    latest = 0.0
    for _ in range(5):
        slug = "klynge-" + uuid.uuid4().hex[:8]
        assert slug not in bodies(B)  # fills B's cache
        status, _ = new_body(A, slug)
        assert status == 201, f"create on A: {status}"
        acknowledged = time.monotonic()
        while True:
            asked = time.monotonic() - acknowledged
            assert asked < 0.1, "every read on B started within 100 ms of A's acknowledgement was without it"
            if slug in bodies(B):
                break
            time.sleep(0.005)
        latest = max(latest, asked)
    return f"seen by a read on B started at most {latest * 1000:.0f} ms after A acknowledged the write (5 writes)"


def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))


@check("a login made through node A works on node B")
def _():
    opener = browser()
    status, _, page = request(A + "/logg-inn", opener=opener)
    assert status == 200, f"GET /logg-inn on A: {status}"
    token = re.search(rb'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
    assert token, "no antiforgery token in the login form"
    # The form from A is posted to B (antiforgery keys shared), and the cookie B sets is used on A (sign-in keys shared).
    form = urllib.parse.urlencode({"UserName": "kontor", "Password": "samstyring", "returnUrl": "/",
                                   "__RequestVerificationToken": token.group(1).decode()}).encode()
    status, headers, _ = request(B + "/logg-inn", "POST", form, {"Content-Type": "application/x-www-form-urlencoded"}, opener)
    assert status == 302 and "logg-inn" not in (headers.get("Location") or ""), f"POST /logg-inn on B: {status} -> {headers.get('Location')}"
    for node in (A, B):
        status, headers, _ = request(node + "/kontor", opener=opener)
        assert status == 200, f"GET /kontor on {node} after signing in: {status} {headers.get('Location') or ''}"


@check("an attachment uploaded through node A downloads from node B")
def _():
    slug = "vedlegg-" + uuid.uuid4().hex[:8]
    assert new_body(A, slug)[0] == 201
    status, meeting = api(A, "/api/v1/meetings", {"body": slug, "date": "2031-03-04", "startTime": "10:00", "endTime": "12:00",
                                                  "location": "Rom 1", "isVideo": False, "kind": "ordinary", "version": None})
    assert status == 201, f"plan meeting: {status} {meeting}"
    status, case = api(A, f"/api/v1/meetings/{meeting['id']}/cases", {
        "title": "Sak med vedlegg", "type": "orientering", "from": "Sekretariatet", "officers": "Test", "purpose": "Test.",
        "background": "Test.", "proposedDecision": "Tas til orientering.", "confidential": False, "legalBasis": None,
        "commentDeadline": None, "commentDeadlineNote": None, "presenter": "Test", "startsAt": None})
    assert status == 201, f"add case: {status} {case}"
    content = b"%PDF-1.4\n% klyngetest " + uuid.uuid4().hex.encode() + b"\n" + os.urandom(200_000) + b"\n%%EOF\n"
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in (("label", "1"), ("title", "Klyngevedlegg")):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="klynge.pdf"\r\n'
                 f'Content-Type: application/pdf\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    status, _, data = request(A + f"/api/v1/cases/{case['id']}/attachments", "POST", b"".join(parts),
                              {"Authorization": BASIC, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status == 201, f"upload on A: {status} {data[:300]!r}"
    attachment = json.loads(data)
    status, _, downloaded = request(B + f"/api/v1/attachments/{attachment['id']}", headers={"Authorization": BASIC})
    assert status == 200, f"download on B: {status} {downloaded[:300]!r}"
    assert downloaded == content, f"B served {len(downloaded)} bytes that differ from the {len(content)} uploaded"


@check("the scheduled sender runs once per firing across the nodes, and each message is delivered once")
def _():
    addresses = [f"klynge.{uuid.uuid4().hex[:8]}@example.no" for _ in range(6)]
    for address in addresses:
        status, _, data = request(LB + "/api/v1/subscriptions", "POST", json.dumps({"email": address, "topic": "roadmap"}).encode(),
                                  {"Content-Type": "application/json"})
        assert status == 202, f"subscribe {address}: {status} {data[:200]!r}"
    deadline = time.monotonic() + 20
    while True:
        mail = open(os.path.join(DIR, "mail.log"), encoding="utf-8", errors="replace").read()
        counts = {a: len(re.findall(r"^To: " + re.escape(a) + r"$", mail, re.M)) for a in addresses}
        if all(counts.values()) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    time.sleep(2)  # a second copy, had there been one, would arrive by now
    mail = open(os.path.join(DIR, "mail.log"), encoding="utf-8", errors="replace").read()
    counts = {a: len(re.findall(r"^To: " + re.escape(a) + r"$", mail, re.M)) for a in addresses}
    assert all(c == 1 for c in counts.values()), f"deliveries per address: {counts}"
    # Quartz's history for the cluster: the sender is one job that never runs twice at once, and its trigger fires once a
    # second. Had both nodes run each firing, runs would overlap, and there would be about two per second.
    rows = [r.split("|") for r in psql("SELECT instance_name, fired_time, run_time FROM qrtz_execution_history "
                                       "WHERE job_name = 'outbox-sender' AND trigger_name = 'outbox-every' ORDER BY fired_time").splitlines()]
    runs = [(int(f) / 10_000_000, (int(f) + int(t)) / 10_000_000) for _, f, t in rows]  # .NET ticks to seconds
    nodes = {r[0] for r in rows}
    assert len(runs) >= 5, f"only {len(runs)} runs of the sender recorded"
    overlaps = [(a, b) for a, b in zip(runs, runs[1:]) if b[0] < a[1] - 0.005]
    assert not overlaps, f"{len(overlaps)} runs started before the previous one ended"
    span = runs[-1][0] - runs[0][0]
    assert len(runs) <= 1.25 * span + 3, f"{len(runs)} runs in {span:.0f} s of a trigger that fires once a second"
    return f"{len(runs)} runs in {span:.0f} s on {len(nodes)} node(s), none overlapping"


@check("killing node A mid-load loses no acknowledged write, and nginx moves to node B")
def _():
    run_for, kill_at = 8.0, 3.0
    acknowledged, failures, lock = [], [], threading.Lock()
    start = time.monotonic()
    killed_at = [None]

    def worker():
        while time.monotonic() - start < run_for:
            slug = "last-" + uuid.uuid4().hex[:10]
            try:
                status, _ = new_body(LB, slug)
            except Exception as e:  # noqa: BLE001 - a refused connection counts as a failed request
                status = type(e).__name__
            with lock:
                (acknowledged if status == 201 else failures).append((time.monotonic(), slug, status))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(worker) for _ in range(8)]
        time.sleep(kill_at)
        os.kill(int(ENV["NODE_A_PID"]), signal.SIGKILL)
        killed_at[0] = time.monotonic()
        for f in futures:
            f.result()
    assert acknowledged, "no write was acknowledged"
    after_kill = [f for f in failures if f[0] > killed_at[0] + 1.0]
    assert not after_kill, f"{len(after_kill)} requests failed more than 1 s after the kill, e.g. {after_kill[0][2]}"
    assert any(t > killed_at[0] + 1.0 for t, _, _ in acknowledged), "no write was acknowledged after the kill"
    stored = set(psql("SELECT \"Slug\" FROM bodies WHERE \"Slug\" LIKE 'last-%'").split())
    lost = [s for _, s, _ in acknowledged if s not in stored]
    assert not lost, f"{len(lost)} acknowledged writes are not in the database, e.g. {lost[0]}"
    listed = bodies(B)
    assert all(s in listed for _, s, _ in acknowledged), "node B does not list every acknowledged write"
    return f"{len(acknowledged)} writes acknowledged and stored, {len(failures)} refused while A went down"


passed, failed = RESULTS.count(True), RESULTS.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
