"""The faults suite (issue #8 "Reliability"): what happens to responses
when the database goes away, when a worker dies, and when two Kore
instances share one database. Run by tests/faults/run.sh, one scenario
per instance (started with tests/lib/instance.sh):

    faults.py outage    PostgreSQL stopped for ~5 s under load
    faults.py crash     a worker killed (kill -9) under load
    faults.py twin BASE_B KORE_LOG_B   a second kore on the same database

The long forms (make faults-long) change numbers only:
FAULTS_DOWN_SECONDS (default 5) is how long PostgreSQL stays down,
FAULTS_KILLS (default 1) how many workers are killed one after another;
FAULTS_TABLETS (default 4) and FAULTS_API_PAUSE (default 0.05 s between
a tablet's sends) shape the load, which must stay under a tablet's rate
limit for as long as the run lasts (below).

Each check prints "ok - …" or "not ok - …"; the last line is
"N passed, N failed". Only the Python standard library.
"""
import html
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "http"))
from mesure import DB, HOST, PORT, sql_value  # noqa: E402
from surveylib import SAT_OK, enrol  # noqa: E402

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KORE_LOG = os.environ.get("MESURE_TEST_KORE_LOG", "")
KORE_PID = int(os.environ.get("MESURE_TEST_KORE_PID", "0"))
PG_DIR = os.environ.get("MESURE_TEST_PG_DIR", "")
DOWN_SECONDS = float(os.environ.get("FAULTS_DOWN_SECONDS", "5"))
KILLS = int(os.environ.get("FAULTS_KILLS", "1"))
TABLETS = int(os.environ.get("FAULTS_TABLETS", "4"))
API_PAUSE = float(os.environ.get("FAULTS_API_PAUSE", "0.05"))

API_SAT = {"accueil": 5, "explications": "4", "demarche_reussie": "oui",
           "autonome": "nsp", "rassure": "oui"}

passed = 0
failed = 0


def text_of(r):
    return html.unescape(re.sub(r"<[^>]+>", " ",
                                r.body.decode("utf-8", "replace")))


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what + (": " + str(detail) if detail else ""))
    sys.stdout.flush()
    return ok


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


def request(method, path, body=None, headers=None, host=HOST, port=PORT,
            timeout=15):
    """One request on its own connection; status 0 if the connection
    failed (refused, reset, timed out)."""
    h = {"Host": "%s:%d" % (host, port), "Connection": "close"}
    h.update(headers or {})
    if isinstance(body, str):
        body = body.encode("utf-8")
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        hdrs = {}
        for k, v in r.getheaders():
            k = k.lower()
            hdrs[k] = v if k != "set-cookie" else hdrs.get(k, []) + [v]
        return Resp(r.status, hdrs, r.read())
    except (OSError, http.client.HTTPException) as e:
        return Resp(0, {}, str(e).encode())
    finally:
        conn.close()


_n = [0]
_nlock = threading.Lock()


def addr():
    """A client address of its own (the rate limit counts per address)."""
    with _nlock:
        _n[0] += 1
        n = _n[0] + (os.getpid() % 100) * 5000
    return "10.%d.%d.%d" % (100 + (n >> 16 & 63), n >> 8 & 255, n & 255)


def post_api(b, cookie=None, port=PORT):
    h = {"Content-Type": "application/json", "X-Forwarded-For": addr()}
    if cookie:
        h["Cookie"] = "mesure_kiosk=" + cookie
    return request("POST", "/api/v1/responses", json.dumps(b), h, port=port)


def post_form(path, fields, cookie=None, port=PORT):
    h = {"Content-Type": "application/x-www-form-urlencoded",
         "X-Forwarded-For": addr()}
    if cookie:
        h["Cookie"] = "mesure_kiosk=" + cookie
    return request("POST", path, urllib.parse.urlencode(fields), h,
                   port=port)


def api_body(rid=None):
    return {"id": rid or str(uuid.uuid4()), "survey": "satisfaction",
            "site": "la-source", "lang": "fr", "answers": dict(API_SAT)}


def stored(ids):
    """{id: number of rows} for ids (every id present, 0 if absent)."""
    out = dict((i, 0) for i in ids)
    if not ids:
        return out
    for i in ids:       # our own uuid4s: safe to put in the statement
        assert re.fullmatch(r"[0-9a-f-]{36}", i), i
    rows = subprocess.run(
        ["psql", DB, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"],
        input="select id, count(*) from responses where id = "
              "any('{%s}'::uuid[]) group by id" % ",".join(ids),
        capture_output=True, text=True, check=True).stdout
    for line in rows.split("\n"):
        if line:
            i, c = line.split("|")
            out[i] = int(c)
    return out


def workers():
    out = subprocess.run(["ps", "--ppid", str(KORE_PID), "-o", "pid=,args="],
                         capture_output=True, text=True).stdout
    return sorted(int(l.split()[0]) for l in out.split("\n")
                  if "wrk" in l)


def log_trouble(path):
    """Lines of a kore log that say a worker died or the sandbox bit."""
    text = open(path, errors="replace").read()
    return [l for l in text.split("\n")
            if re.search(r"exited|seccomp violation|sandbox violation|gone|"
                         r"died", l)]


class Load:
    """A bounded load: API threads (a kiosk each, its own queue of
    responses) and one HTML form thread, until stop(). Every attempt is
    kept: (time, kind, id, status, retry-after, body)."""

    def __init__(self, cookies, form=True, port=PORT):
        self.cookies = cookies
        self.port = port
        self.log = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.api_loop, args=(c,))
                        for c in cookies]
        if form:
            self.threads.append(threading.Thread(target=self.form_loop))

    def note(self, kind, rid, r, t0, cookie=None):
        with self.lock:
            self.log.append((time.monotonic(), kind, rid, r.status,
                             r.headers.get("retry-after"), r.body,
                             r.headers.get("content-type", ""), t0, cookie))

    def api_loop(self, cookie):
        # A tablet may send a burst of 600, then 5 a second
        # (app/survey_cache.c). The short form sends about 20 a second
        # for less than 30 s, inside the burst; a long form sends under
        # 5 a second (FAULTS_API_PAUSE) from more tablets. Either way
        # every refusal here is the database's, never the rate limit's.
        while not self.stopping.is_set():
            b = api_body()
            t0 = time.monotonic()
            self.note("api", b["id"], post_api(b, cookie, self.port), t0,
                      cookie)
            time.sleep(API_PAUSE)

    def form_loop(self):
        while not self.stopping.is_set():
            rid = str(uuid.uuid4())
            t0 = time.monotonic()
            r = post_form("/s/satisfaction/la-source",
                          [("_id", rid)] + SAT_OK, port=self.port)
            self.note("form", rid, r, t0)
            time.sleep(0.1)

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join()

    def of(self, kind, t0=0, t1=float("inf")):
        """The attempts of kind sent after t0 and answered before t1."""
        return [e for e in self.log if e[1] == kind and t0 <= e[7] and
                e[0] < t1]


def acked_stored(load, what):
    ok_ids = [e[2] for e in load.log if 200 <= e[3] < 400]
    counts = stored(ok_ids)
    missing = [i for i in ok_ids if counts[i] != 1]
    check(ok_ids and not missing,
          "%s: every acknowledged response (%d) is stored once" %
          (what, len(ok_ids)), "%d missing or doubled: %s" %
          (len(missing), missing[:5]))


def resend_queue(load, what):
    """The kiosk sends its whole queue again, acknowledged or not: each
    response ends up stored exactly once, acknowledged ones say
    duplicate."""
    queue = [(e[2], e[3], e[8]) for e in load.log if e[1] == "api"]
    bad = []

    def resend(cookie):     # each tablet sends its own queue, in order
        for rid, first, c in queue:
            if c != cookie:
                continue
            r = post_api(api_body(rid), cookie, load.port)
            if r.status not in (200, 201) or (200 <= first < 300 and
                                              r.status != 200):
                bad.append((rid, first, r.status))
    ts = [threading.Thread(target=resend, args=(c,)) for c in load.cookies]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    check(not bad, "%s: the queue (%d) sent again: 201 or 200, 200 for "
          "each acknowledged one" % (what, len(queue)), bad[:5])
    bad = []
    for rid, _, cookie in queue[:40]:
        r = post_api(api_body(rid), cookie, load.port)
        if r.status != 200:
            bad.append((rid, r.status))
    check(not bad, "%s: sent a third time: 200 duplicate" % what, bad[:5])
    counts = stored([q[0] for q in queue])
    wrong = [(i, c) for i, c in counts.items() if c != 1]
    check(not wrong, "%s: every queued response stored exactly once" % what,
          "%d wrong: %s" % (len(wrong), wrong[:5]))
    forms = [e[2] for e in load.log if e[1] == "form"]
    for e in load.log:
        if e[1] == "form" and not 200 <= e[3] < 400:
            post_form("/s/satisfaction/la-source", [("_id", e[2])] + SAT_OK,
                      port=load.port)
    counts = stored(forms)
    wrong = [(i, c) for i, c in counts.items() if c != 1]
    check(not wrong, "%s: the form posts (%d), failed ones sent again, "
          "stored once each" % (what, len(forms)), wrong[:5])


def pg(cmd):
    args = [os.path.join(TOP, "mk", "pg.sh"), cmd, PG_DIR]
    if cmd == "start":
        args.append(open(os.path.join(PG_DIR, "port")).read().strip())
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def scenario_outage():
    tablets = [enrol("la-source", "2468", "Tablette panne %d" % i)
               for i in range(TABLETS)]
    staff = signin("outage")
    check(request("GET", "/espace", headers=staff).status == 200,
          "outage: a staff session before")
    before = workers()
    check(len(before) == 2, "outage: two workers before", before)
    load = Load(tablets).start()
    time.sleep(2)
    t_down = time.monotonic()
    pg("stop")
    t_stopped = time.monotonic()
    time.sleep(DOWN_SECONDS)
    # While it is down: the home page, a staff page, the kiosk page.
    home = request("GET", "/", headers={"X-Forwarded-For": addr()})
    staff_down = request("GET", "/espace", headers=staff)
    kiosk_down = request("GET", "/kiosk/la-source",
                         headers={"Cookie": "mesure_kiosk=" + tablets[0]})
    signin_down = request(
        "POST", "/connexion", "email=admin%40action-numerique.example&"
        "password=Digilab-Orleans-2026",
        {"Content-Type": "application/x-www-form-urlencoded",
         "Origin": "http://%s:%d" % (HOST, PORT), "X-Forwarded-For": addr()})
    t_restart = time.monotonic()
    pg("start")
    t_up = time.monotonic()
    time.sleep(4.5)
    load.stop()

    # Down: sent once pg_ctl stop returned, answered before pg_ctl start
    # began (it waits for the server, then checks the role: the
    # database serves again before pg("start") returns).
    api_out = load.of("api", t_stopped, t_restart)
    st = sorted(set(e[3] for e in api_out))
    check(api_out and all(e[3] == 503 for e in api_out),
          "outage: the API answers 503 while PostgreSQL is down (%d)" %
          len(api_out), st)
    check(all(e[4] and e[4].isdigit() for e in api_out if e[3] == 503),
          "outage: every API 503 has Retry-After")
    check(all(b'"unavailable"' in e[5] for e in api_out if e[3] == 503),
          "outage: the API 503 says {\"error\":\"unavailable\"}")
    allst = sorted(set(e[3] for e in load.log))
    check(not [e for e in load.log if e[3] not in (200, 201, 303, 503)],
          "outage: no 500, no dropped connection, over the whole run",
          allst)
    forms = load.of("form", t_stopped, t_restart)
    f503 = [e for e in forms if e[3] == 503]
    check(forms and len(f503) == len(forms),
          "outage: the survey form answers 503 (%d)" % len(forms),
          sorted(set(e[3] for e in forms)))
    fr = "Le service ne répond pas pour le moment"
    good = [e for e in f503 if "text/html" in e[6] and
            fr in e[5].decode("utf-8", "replace") and
            'lang="fr"' in e[5].decode("utf-8", "replace") and
            e[4] is not None]
    check(f503 and len(good) == len(f503),
          "outage: the respondent's page is a French page (html, lang fr, "
          "'%s…', Retry-After)" % fr,
          f503[:1] and f503[0][5][:300])
    check(home.status == 503 and home.headers.get("retry-after") and
          "momentanément indisponible" in text_of(home),
          "outage: the home page says in French that the service is away "
          "(503, Retry-After)", "%d %s" % (home.status, text_of(home)[:200]))
    check(staff_down.status == 503 and
          not staff_down.headers.get("set-cookie"),
          "outage: a staff page answers 503 and keeps the session (no "
          "sign-in redirect, no cookie cleared)",
          "%d %s" % (staff_down.status, staff_down.headers.get("set-cookie")))
    check(kiosk_down.status == 503 and
          not kiosk_down.headers.get("set-cookie"),
          "outage: the kiosk page answers 503, not 'not enrolled' (403)",
          kiosk_down.status)
    check(request("GET", "/espace", headers=staff).status == 200,
          "outage: the staff session still valid after")
    check(signin_down.status == 503 and
          "momentanément indisponible" in text_of(signin_down),
          "outage: signing in answers 503 in French, not 'wrong password'",
          "%d %s" % (signin_down.status, text_of(signin_down)[:200]))

    # Service resumes by itself.
    after = [e for e in load.of("api", t_up) if 200 <= e[3] < 300]
    first = after[0][0] - t_up if after else None
    check(first is not None and first < 3,
          "outage: the API stores responses again within 3 s of the "
          "database's return", first)
    tail = load.of("api", t_up + 3) + load.of("form", t_up + 3)
    check(tail and all(e[3] in (200, 201, 303) for e in tail),
          "outage: from 3 s after the return, every request succeeds "
          "(%d)" % len(tail), sorted(set(e[3] for e in tail)))
    r = request("GET", "/s/satisfaction/la-source")
    check(r.status == 200, "outage: the survey page is served after",
          r.status)

    now = workers()
    check(now == before, "outage: no worker died (same pids)",
          "%s -> %s" % (before, now))
    trouble = log_trouble(KORE_LOG)
    check(not trouble, "outage: no exited/seccomp/died line in the kore log",
          trouble[:5])
    acked_stored(load, "outage")
    resend_queue(load, "outage")

    # A quick restart with no traffic: the pooled connections look fine
    # to libpq but are dead. Each may cost one 503 (Retry-After), never a
    # 500 or a dead worker, and then service is back.
    pg("stop")
    pg("start")
    statuses = []
    for _ in range(40):
        r = post_api(api_body(), tablets[1])
        statuses.append(r.status)
        if r.status == 503 and not r.headers.get("retry-after"):
            statuses.append("503 without Retry-After")
    refused = [x for x in statuses if x != 201]
    check(set(refused) <= {503} and len(refused) <= 16 and
          statuses[-10:] == [201] * 10,
          "blip: after a quick restart, at most one 503 per pooled "
          "connection, then 201 (%d refused)" % len(refused), statuses)
    check(workers() == before and not log_trouble(KORE_LOG),
          "blip: no worker died")
    print("# outage: %d requests, %.1f s down, first 2xx %.2f s after the "
          "return, %d refused after it" % (
              len(load.log), t_up - t_down, first if first else -1,
              len([e for e in load.of("api", t_up) if e[3] != 201])))


def scenario_crash():
    tablets = [enrol("la-source", "2468", "Tablette crash %d" % i)
               for i in range(TABLETS)]
    first = workers()
    check(len(first) == 2, "crash: two workers before", first)
    load = Load(tablets).start()
    time.sleep(1.5)
    for n in range(KILLS):
        # The short form has one kill and says "crash:"; the long form
        # numbers them.
        what = "crash" if KILLS == 1 else "crash %d/%d" % (n + 1, KILLS)
        before = workers()
        victim, survivor = before[n % 2], before[1 - n % 2]
        t_kill = time.monotonic()
        os.kill(victim, 9)
        time.sleep(1.0)
        during = load.of("api", t_kill, t_kill + 1.0)
        time.sleep(2.5)
        now = workers()
        check(len(now) == 2 and victim not in now and survivor in now,
              "%s: the killed worker was replaced, the other kept its pid"
              % what, "%s -> %s" % (before, now))
        ok = [e for e in during if 200 <= e[3] < 300]
        check(len(ok) >= 10, "%s: requests kept succeeding in the second "
              "after the kill (%d of %d)" % (what, len(ok), len(during)))
        tail = load.of("api", t_kill + 1.5)
        check(tail and all(200 <= e[3] < 300 for e in tail),
              "%s: every request succeeds 1.5 s after the kill (%d)" %
              (what, len(tail)), sorted(set(e[3] for e in tail)))
    load.stop()
    lost = [e for e in load.log if e[3] == 0]
    check(len(lost) <= 5 * KILLS, "crash: at most the requests in flight on "
          "the killed worker failed (%d)" % len(lost),
          [e[5][:80] for e in lost[:3]])
    bad = [e for e in load.log if e[3] not in (0, 200, 201, 303)]
    check(not bad, "crash: no error status", sorted(set(e[3] for e in bad)))
    text = open(KORE_LOG, errors="replace").read()
    check(text.count("restarting worker") == KILLS,
          "crash: kore logged %d restart(s)" % KILLS,
          text.count("restarting worker"))
    check("seccomp violation" not in text and
          "sandbox violation" not in text,
          "crash: no seccomp violation in the kore log (new worker)")
    acked_stored(load, "crash")
    resend_queue(load, "crash")
    print("# crash: %d kill(s), %d requests, %d lost in flight" % (
        KILLS, len(load.log), len(lost)))


def session_cookie(r):
    for v in r.headers.get("set-cookie", []):
        name, rest = v.split("=", 1)
        if "session" in name:
            return name, rest.split(";", 1)[0]
    return None, None


def signin(what="twin"):
    """Sign the demo admin in on this instance: the headers to send."""
    ip = addr()
    r = request("POST", "/connexion",
                "email=admin%40action-numerique.example&password=" +
                "Digilab-Orleans-2026",
                {"Content-Type": "application/x-www-form-urlencoded",
                 "Origin": "http://%s:%d" % (HOST, PORT),
                 "X-Forwarded-For": ip})
    name, value = session_cookie(r)
    check(r.status == 303 and value, "%s: signed in on A" % what, r.status)
    return {"Cookie": "%s=%s" % (name, value), "X-Forwarded-For": ip}


def scenario_twin(base_b, log_b):
    port_b = urllib.parse.urlsplit(base_b).port
    ck = signin()
    a = request("GET", "/espace", headers=ck)
    b = request("GET", "/espace", headers=ck, port=port_b)
    check(a.status == 200 and b.status == 200 and
          "Alex Admin" in text_of(b),
          "twin: A's staff session is valid on B (/espace 200, named)",
          "%d %d" % (a.status, b.status))
    nob = request("GET", "/espace", port=port_b)
    check(nob.status == 303, "twin: without the cookie B sends to sign-in",
          nob.status)
    # Signed out on B: gone on A too.
    r = request("GET", "/api/session", headers=ck, port=port_b)
    csrf = ""
    try:
        csrf = json.loads(r.body).get("csrf", "")
    except ValueError:
        pass
    out = request("POST", "/deconnexion", "csrf=" + csrf,
                  dict(ck, **{"Content-Type":
                              "application/x-www-form-urlencoded",
                              "Origin": base_b}), port=port_b)
    a2 = request("GET", "/espace", headers=ck)
    check(out.status in (200, 303) and a2.status == 303,
          "twin: signed out on B, the session is gone on A",
          "%d %d" % (out.status, a2.status))

    token = enrol("la-source", "1357", "Tablette A")  # enrolled on A
    kb = request("GET", "/kiosk/la-source",
                 headers={"Cookie": "mesure_kiosk=" + token}, port=port_b)
    check(kb.status == 200 and b'class="sv-page kiosk"' in kb.body,
          "twin: a kiosk enrolled on A is served its page by B", kb.status)
    body = api_body()
    r = post_api(body, token, port_b)
    ch = sql_value("select channel from responses where id = :'p1'",
                   body["id"]) if r.status == 201 else None
    check(r.status == 201 and ch == "kiosk",
          "twin: B records the kiosk's response as the kiosk's",
          "%d %s" % (r.status, ch))

    body = api_body()
    ra = post_api(body, token)
    rb = post_api(body, token, port_b)
    check(ra.status == 201 and rb.status == 200,
          "twin: the same response on A then B: 201 then 200 duplicate",
          "%d %d" % (ra.status, rb.status))
    # At the same moment on both, twenty times.
    ids, statuses = [], []
    for _ in range(20):
        body = api_body()
        ids.append(body["id"])
        res = [None, None]
        go = threading.Barrier(2)

        def send(i, port):
            go.wait()
            res[i] = post_api(body, token, port).status
        ts = [threading.Thread(target=send, args=(0, PORT)),
              threading.Thread(target=send, args=(1, port_b))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        statuses.append(tuple(sorted(res)))
    check(all(s == (200, 201) for s in statuses),
          "twin: sent to A and B at once: one 201, one 200, each time",
          sorted(set(statuses)))
    counts = stored(ids)
    check(all(c == 1 for c in counts.values()),
          "twin: each of those stored exactly once",
          [c for c in counts.values() if c != 1])
    rid = str(uuid.uuid4())
    fa = post_form("/s/satisfaction/la-source", [("_id", rid)] + SAT_OK)
    fb = post_form("/s/satisfaction/la-source", [("_id", rid)] + SAT_OK,
                   port=port_b)
    check(fa.status == 303 and fb.status in (303, 409) and
          stored([rid])[rid] == 1,
          "twin: the same survey form on A then B is stored once",
          "%d %d" % (fa.status, fb.status))
    for name, path in (("A", KORE_LOG), ("B", log_b)):
        trouble = log_trouble(path)
        check(not trouble, "twin: no worker died on %s" % name, trouble[:3])


def main():
    what = sys.argv[1]
    try:
        if what == "outage":
            scenario_outage()
        elif what == "crash":
            scenario_crash()
        elif what == "twin":
            scenario_twin(sys.argv[2], sys.argv[3])
        else:
            check(False, "unknown scenario " + what)
    except Exception as e:  # a scenario that breaks is a failure
        import traceback
        traceback.print_exc()
        check(False, "%s: the scenario ran to its end" % what, repr(e))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
