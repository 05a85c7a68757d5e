"""Hostile requests (issue #8): malformed, oversized, wrongly encoded and
injection requests against every route of conf/routes/*.conf, anonymous
and signed in (coordinator, mediator, administrator, funder), GET and
POST. Never a 5xx, the Kore workers never die, and an error is a 4xx with
something a person can read.

The routes are read from the configuration: a regex route gets a sample
path made from its regex (tests/http/test_hostile.py:sample_path), so a new
route is covered without touching this file. Ids in samples are made as
long as the regex allows: they match no row, so a POST that gets through
(signed in, with the CSRF token) changes nothing.

Requests go through a raw socket: http.client refuses the request lines
this file sends, and Kore may close the connection before a 2 MB body has
been read.

Kore's own refusals come before the module and are accepted as they are:
a request line it cannot parse (bytes it does not allow, a NUL) gets its
bare "400" with an empty body; a header block over http_header_max (8 KB)
gets the connection closed without an answer. Everything else is answered
by Mesure and must carry a message.

Also: free text stored through real forms (a survey comment) comes back
escaped in the pages that show it and literal in the PDF report.
"""
import glob
import os
import random
import re
import socket
import subprocess
import time
import urllib.parse

from test_auth_helpers import *

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPT = "<script>alert(1)</script>"
SQLI = "' OR '1'='1'; drop table responses; --"
PARAMS = ("q", "id", "suite", "lang", "trimestre", "periode", "site",
          "page", "du", "au", "action", "email", "name", "cible", "statut",
          "reponse", "question", "texte", "password", "code", "format")


# The routes ------------------------------------------------------------------

def routes():
    """(pattern, handler) of every route line of conf/routes/*.conf."""
    out = []
    for fn in sorted(glob.glob(os.path.join(TOP, "conf", "routes", "*.conf"))):
        with open(fn, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\s*route\s+(\S+)\s+(\S+)\s*$", line)
                if m:
                    out.append((m.group(1), m.group(2)))
    return out


def _class_chars(spec):
    chars, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            chars += [chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1)]
            i += 3
        else:
            chars.append(spec[i])
            i += 1
    return chars


def _gen(rx):
    out, i = "", 0
    while i < len(rx):
        c = rx[i]
        digits = False
        if c == "[":
            j = rx.index("]", i + 2)
            chars = _class_chars(rx[i + 1:j])
            digits = all(ch.isdigit() for ch in chars)
            atom = next((ch for ch in "a1" if ch in chars), chars[0])
            i = j + 1
        elif c == "(":
            depth, j = 0, i
            while True:
                depth += {"(": 1, ")": -1}.get(rx[j], 0)
                if depth == 0:
                    break
                j += 1
            atom = _gen(rx[i + 1:j].split("|")[0])
            i = j + 1
        elif c == "\\":
            atom, i = rx[i + 1], i + 2
        elif c == ".":
            atom, i = "x", i + 1
        else:
            atom, i = c, i + 1
        n = 1
        if i < len(rx) and rx[i] == "{":
            j = rx.index("}", i)
            lo, _, hi = rx[i + 1:j].partition(",")
            lo = int(lo)
            hi = int(hi) if hi else lo
            # Ids as long as allowed: no such row.
            n = hi if digits else max(lo, 1)
            i = j + 1
        elif i < len(rx) and rx[i] in "*+?":
            i += 1
        out += atom * n
    return out


def sample_path(pattern):
    """A path the route serves: the route itself, or one made from its
    regex (first alternative, first letter or digit of each class)."""
    if not pattern.startswith("^"):
        return pattern
    body = pattern[1:-1] if pattern.endswith("$") else pattern[1:]
    return _gen(body)


def real_paths():
    """Paths with rows behind them (the demo's), so that hostile query
    strings reach the handlers' deeper steps too."""
    coord = user_id(COORD)
    visit = sql_value("select min(id) from visits")
    rep = sql("select min(id) from reports")[0][0]
    out = ["/s/satisfaction/la-source", "/s/satisfaction/la-source/merci",
           "/kiosk/la-source", "/kiosk/la-source/carte",
           "/qr/satisfaction/la-source.svg", "/qr/satisfaction/la-source.png",
           "/affiche/satisfaction/la-source", "/questionnaires/satisfaction",
           "/questionnaires/satisfaction/v1.json",
           "/admin/utilisateurs/%s" % coord, "/visites/%s" % visit,
           "/visites/%s/suite" % visit, "/assets/style.css"]
    if rep:
        out.append("/rapports/%s.pdf" % rep)
    return out


def samples():
    """[(path, real)] – one sample per route, then the real paths."""
    out = [(sample_path(p), False) for p, _ in routes()]
    return out + [(p, True) for p in real_paths()]


# A raw client ----------------------------------------------------------------

class Raw:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name)

    def __repr__(self):
        return "<%s %r>" % (self.status, self.body[:200])


def raw(method, target, body=b"", headers=None, timeout=30):
    """Send one request as bytes; Raw(None, …) if the server closed the
    connection without answering."""
    if isinstance(target, str):
        target = target.encode("utf-8")
    if isinstance(body, str):
        body = body.encode("utf-8")
    hdrs = {"Host": "%s:%d" % (HOST, PORT), "Connection": "close"}
    if body or method == "POST":
        hdrs["Content-Length"] = str(len(body))
    hdrs.update(headers or {})
    head = method.encode() + b" " + target + b" HTTP/1.1\r\n"
    for k, v in hdrs.items():
        if v is None:
            continue
        if isinstance(v, str):
            v = v.encode("utf-8")
        head += k.encode() + b": " + v + b"\r\n"
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    data = b""
    try:
        try:
            s.sendall(head + b"\r\n" + body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        while True:
            try:
                b = s.recv(65536)
            except ConnectionResetError:
                break
            if not b:
                break
            data += b
    finally:
        s.close()
    if not data:
        return Raw(None, {}, b"")
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    h = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        h[k.strip().lower()] = v.strip()
    return Raw(status, h, rest)


# Who asks --------------------------------------------------------------------

ROLES = (("coordinator", COORD), ("mediator", MED), ("admin", ADMIN),
         ("funder", FUNDER))
_who = {}


def who():
    """[(name, client or None for anonymous)]: fresh sessions."""
    if not _who:
        clear_throttle()
        _who["anonymous"] = None
        for name, email in ROLES:
            _who[name] = signed_in(email)
    return list(_who.items())


def hdrs(client, extra=None, post=False):
    h = {"X-Forwarded-For": client.ip if client else random_ip()}
    if client and client.cookies:
        h["Cookie"] = "; ".join("%s=%s" % kv for kv in client.cookies.items())
    if post:
        h["Origin"] = BASE
        if client and client.csrf:
            h["X-CSRF-Token"] = client.csrf
    h.update(extra or {})
    return h


# What a hostile request may get back -------------------------------------------

def kore_log_size():
    return os.path.getsize(KORE_LOG) if KORE_LOG else 0


def kore_log_since(offset):
    if not KORE_LOG:
        return ""
    with open(KORE_LOG, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")


def bad_log_lines(text):
    return [l for l in text.splitlines()
            if re.search(r"exited|seccomp violation|sandbox violation|"
                         r"died|signal|segfault", l, re.I)]


def judge(r, what, closed_ok=False):
    """'' if r is acceptable, else why not."""
    if r.status is None:
        return "" if closed_ok else "%s: connection closed, no answer" % what
    if r.status >= 500:
        return "%s: %d %r" % (what, r.status, r.body[:200])
    ctype = r.header("content-type") or ""
    if "html" in ctype and SCRIPT.encode() in r.body:
        return "%s: %d reflects <script> unescaped" % (what, r.status)
    if b"root:x:0:0" in r.body:
        return "%s: %d serves /etc/passwd" % (what, r.status)
    if r.status < 400:
        return ""
    from_mesure = r.header("content-security-policy") is not None
    if not from_mesure:
        # Kore's parser refused it before the module ran (a URI over
        # 2000 bytes: 414; a header or request line it cannot parse:
        # 400). Its answer is bare, but it is a 4xx.
        if r.status in KORE_REFUSALS:
            return ""
        return "%s: %d without Mesure's headers (Kore's bare error)" % (
            what, r.status)
    if "json" in ctype:
        if b'"error"' not in r.body:
            return "%s: %d JSON without an error: %r" % (
                what, r.status, r.body[:200])
    else:
        words = re.findall(r"[A-Za-zÀ-ÿ]{3,}",
                           strip_tags(r.body.decode("utf-8", "replace")))
        if len(words) < 3:
            return "%s: %d without a message: %r" % (
                what, r.status, r.body[:200])
    return ""


# The requests -------------------------------------------------------------------

def q(pairs):
    return "&".join("%s=%s" % kv for kv in pairs)


def get_variants(path):
    """(label, target, headers, closed_ok): closed_ok when Kore may
    close the connection without an answer (headers over 8 KB)."""
    enc = urllib.parse.quote
    v = [
        ("long query", path + "?" + q([("q", "x" * 1900)]), {}, False),
        ("long query, many fields", path + "?" + q(
            [("f%d" % i, "%FF") for i in range(150)]), {}, False),
        ("huge query", path + "?" + q([("q", "x" * 7000)]), {}, False),
        ("query over the header limit", path + "?" + "a=1&" * 5000, {}, True),
        ("invalid UTF-8", path + "?" + q([(k, "%FF%FE%FD") for k in PARAMS]),
         {}, False),
        ("NUL in query", path + "?" + q([(k, "a%00b") for k in PARAMS]),
         {}, False),
        ("overlong percent", path + "?" + q(
            [(k, "%C0%AF%C0%AE%C0%AE%E0%80%AF") for k in PARAMS]),
         {}, False),
        ("repeated params", path + "?" + q(
            [(k, str(i)) for i in range(12) for k in PARAMS[:8]]),
         {}, False),
        ("SQL injection", path + "?" + q([(k, enc(SQLI)) for k in PARAMS]),
         {}, False),
        ("<script>", path + "?" + q([(k, enc(SCRIPT)) for k in PARAMS]),
         {}, False),
        ("traversal", path + "/../../../../etc/passwd", {}, False),
        ("encoded traversal", path + "/%2e%2e/%2e%2e/%2e%2e/etc%2fpasswd",
         {}, False),
        ("percent in path", path + "%FF%00", {}, False),
        ("raw bytes in path", path.encode() + b"\xff\xfe", {}, False),
        ("raw NUL in path", path.encode() + b"\x00x", {}, False),
        ("bad Accept-Language", path, {"Accept-Language": "\xff" * 200 +
                                       ";q=" + "9" * 400}, False),
        ("bad cookie", path, {"Cookie": "mesure_session=" + "'" * 300 +
                              "; mesure_session=%00"}, False),
    ]
    return v


def post_variants(path, token, big):
    """(label, body, content type)"""
    t = (token or "0" * 64).encode()
    form = "application/x-www-form-urlencoded"
    b = "----hostile%d" % random.randint(0, 1 << 30)
    mp = "multipart/form-data; boundary=" + b
    part = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
            "%s\r\n" % (b, t.decode())).encode()
    v = [
        ("empty, no type", b"", None),
        ("empty form", b"", form),
        ("invalid UTF-8", b"csrf=" + t + b"&" + b"&".join(
            k.encode() + b"=\xff\xfe\xc0\xaf" for k in PARAMS), form),
        ("NUL bytes", b"csrf=" + t + b"&" + b"&".join(
            k.encode() + b"=a\x00b%00c" for k in PARAMS), form),
        ("overlong percent", ("csrf=%s&" % t.decode() + q(
            [(k, "%C0%BCscript%C0%BE%E0%80%AF") for k in PARAMS])).encode(),
         form),
        ("repeated params", ("csrf=%s&csrf=%s&" % (t.decode(), "1" * 64) + q(
            [(k, str(i)) for i in range(100) for k in PARAMS])).encode(),
         form),
        ("SQL injection", urllib.parse.urlencode(
            [("csrf", t.decode())] + [(k, SQLI) for k in PARAMS]).encode(),
         form),
        ("<script>", urllib.parse.urlencode(
            [("csrf", t.decode())] + [(k, SCRIPT + "\"'&") for k in PARAMS]
        ).encode(), form),
        ("form as JSON", b'{"csrf": "' + t + b'", "q": [[[[1]]]]}', form),
        ("JSON type, form body", b"csrf=" + t + b"&q=1", "application/json"),
        ("JSON, invalid UTF-8", b'{"id": "\xff\xfe", "q": "\\u0000"}',
         "application/json"),
        ("JSON, deep", b"[" * 20000 + b"]" * 20000, "application/json"),
        ("JSON, huge number", b'{"id": 1' + b"0" * 5000 + b"}",
         "application/json"),
        ("XML", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM "
         b"'file:///etc/passwd'>]><x>&e;</x>", "application/xml"),
        ("text/plain", b"csrf=" + t + b"&q=1", "text/plain"),
        ("bad content type", b"csrf=" + t, "\xff/\x01; charset=\"\xff"),
        ("multipart, no boundary", part, "multipart/form-data"),
        ("multipart, wrong boundary", part + b"--" + b.encode() + b"--\r\n",
         "multipart/form-data; boundary=other"),
        ("multipart, truncated", part + b"--" + b.encode() +
         b"\r\nContent-Disposition: form-data; name=\"fichier\"; "
         b"filename=\"../../x.csv\"\r\n\r\nabc", mp),
        ("multipart, no headers", ("--%s\r\n\r\n\r\nxyz\r\n--%s--\r\n" % (
            b, b)).encode(), mp),
        ("multipart, long boundary", part, "multipart/form-data; boundary=" +
         "b" * 2000),
        ("multipart, traversal name", part + ("--%s\r\nContent-Disposition: "
         "form-data; name=\"fichier\"; filename=\"../../../etc/passwd\"\r\n"
         "Content-Type: text/csv\r\n\r\n%s\r\n--%s--\r\n" % (
             b, "\x00" * 10 + SCRIPT, b)).encode(), mp),
    ]
    if big:
        v.append(("2 MB form", b"csrf=" + t + b"&q=" + b"x" * (2 << 20), form))
        v.append(("2 MB multipart", part + ("--%s\r\nContent-Disposition: "
                  "form-data; name=\"fichier\"; filename=\"v.csv\"\r\n\r\n" %
                  b).encode() + b"a;b\n" * (1 << 19) + ("\r\n--%s--\r\n" %
                                                       b).encode(), mp))
    return v


# The statuses Kore's own HTTP parser answers with, before the module.
KORE_REFUSALS = (400, 413, 414, 431)

# Routes whose POST, with a valid CSRF token, would end the session.
NO_TOKEN = ("/deconnexion",)


def hammer(role, client, methods=("GET", "POST"), big=False):
    wrong = []
    before = kore_log_size()
    n = 0
    for path, real in samples():
        if "GET" in methods:
            for label, target, extra, closed_ok in get_variants(path):
                r = raw("GET", target, headers=hdrs(client, extra))
                n += 1
                why = judge(r, "%s GET %s (%s)" % (role, path, label),
                            closed_ok)
                if why:
                    wrong.append(why)
        if "POST" in methods:
            # A valid token only where a POST that got through could not
            # change anything that matters (ids that match no row).
            token = client.csrf if client and not real and \
                path not in NO_TOKEN else None
            for label, body, ctype in post_variants(path, token,
                                                    big and not real):
                extra = {"Content-Type": ctype}
                if not token:
                    extra["X-CSRF-Token"] = None
                r = raw("POST", path, body=body,
                        headers=hdrs(client, extra, post=True))
                n += 1
                why = judge(r, "%s POST %s (%s)" % (role, path, label))
                if why:
                    wrong.append(why)
    expect(get("/healthz"), 200, "still serving after %d requests" % n)
    bad = bad_log_lines(kore_log_since(before))
    assert not bad, "kore log: " + "\n".join(bad[:10])
    assert not wrong, "%d of %d:\n" % (len(wrong), n) + "\n".join(wrong[:40])
    return n


# Tests ----------------------------------------------------------------------------

def test_every_route_has_a_sample_it_serves():
    rs = routes()
    assert len(rs) >= 50, len(rs)
    assert rs[-1][0] == "^/.*$", "the fallback is not last"
    for pattern, handler in rs:
        s = sample_path(pattern)
        if pattern.startswith("^"):
            assert re.fullmatch(pattern[1:-1], s), (pattern, s)
        # The sample reaches its own handler, not an earlier route's.
        first = next(p for p, _ in rs if (p == s if not p.startswith("^")
                                          else re.fullmatch(p[1:-1], s)))
        assert first == pattern, "%s: sample %s goes to %s" % (
            pattern, s, first)


def test_the_judge_refuses_what_it_should():
    """The checks below would see a failure: a 5xx, a silent close, a
    Mesure 4xx without a message, a reflected <script>, /etc/passwd."""
    csp = {"content-security-policy": "default-src 'self'",
           "content-type": "text/html; charset=utf-8"}
    page = b"<p>La page demandee est introuvable ici.</p>"
    assert judge(Raw(500, csp, page), "x")
    assert judge(Raw(503, {}, b""), "x")
    assert judge(Raw(None, {}, b""), "x")
    assert not judge(Raw(None, {}, b""), "x", closed_ok=True)
    assert judge(Raw(400, csp, b"<p></p>"), "x")
    assert judge(Raw(422, csp, page + SCRIPT.encode()), "x")
    assert judge(Raw(200, csp, b"root:x:0:0:root"), "x")
    assert judge(Raw(404, {"content-type": "application/json",
                           "content-security-policy": "x"}, b"{}"), "x")
    assert judge(Raw(404, {}, b""), "x"), "a bare 404 is not Kore's"
    assert not judge(Raw(414, {}, b""), "x"), "Kore's URI limit"
    assert not judge(Raw(404, csp, page), "x")
    assert not judge(Raw(303, {}, b""), "x")


def test_hostile_requests_anonymous():
    hammer("anonymous", None, big=True)


def test_hostile_requests_coordinator():
    hammer("coordinator", dict(who())["coordinator"], big=True)


def test_hostile_requests_mediator():
    hammer("mediator", dict(who())["mediator"])


def test_hostile_requests_admin():
    hammer("admin", dict(who())["admin"])


def test_hostile_requests_funder():
    hammer("funder", dict(who())["funder"])


def test_sessions_survive_and_nothing_was_stored():
    """The signed-in clients are still signed in, the demo accounts are
    unchanged, and no hostile string reached a table."""
    for name, c in who():
        if c is None:
            continue
        r = c.get("/api/session")
        expect(r, 200, name + " still signed in")
    for email in (COORD, MED, ADMIN, FUNDER):
        row = sql("select disabled_at is null, display_name !~ '[<>'']' "
                  "from users where email = :'p1'", email)
        assert row == [["t", "t"]], (email, row)
    assert sql_value("select count(*) from answers where value like "
                     "'%<script>alert(1)%' or value like '%drop table%'") \
        == "0"
    assert sql_value("select count(*) from visits") != "0"
    clear_throttle()


def test_kore_workers_never_died():
    text = kore_log_since(0)
    assert not bad_log_lines(text), bad_log_lines(text)[:10]
    assert "worker 1 started" in text or not KORE_LOG


# Stored free text: escaped in pages, literal in the PDF -------------------------

EVIL = SCRIPT + " \"'& fin"


def _current_quarter():
    y, m = sql_value("select to_char(now() at time zone 'Europe/Paris', "
                     "'YYYY-MM')").split("-")
    return "%s-T%d" % (y, (int(m) - 1) // 3 + 1)


def test_stored_script_is_escaped_in_pages_and_literal_in_the_pdf():
    from surveylib import form, page_fields
    sat = "/s/satisfaction/la-source"
    f = page_fields(get(sat))
    fields = [("_id", f["_id"]), ("_v", f["_v"]), ("accueil", "5"),
              ("explications", "4"), ("demarche_reussie", "oui"),
              ("autonome", "nsp"), ("rassure", "oui"),
              ("commentaire", EVIL)]
    r = form(sat, fields)
    expect(r, 303, "survey post")
    rid = f["_id"]
    try:
        assert sql_value("select value from answers where response_id = "
                         ":'p1' and question = 'commentaire'", rid) == EVIL
        quarter = _current_quarter()
        c = signed_in(COORD)
        page = c.get("/rapports/citations?trimestre=" + quarter)
        expect(page, 200, "quotes page")
        assert rid in page.text, "the comment is not listed"
        assert SCRIPT not in page.text, "raw <script> in the quotes page"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert EVIL in page_text(page)
        # Approved as a quote, whole: the report quotes it literally.
        c.get("/rapports/citations?trimestre=" + quarter)
        r = c.post("/rapports/citations", {
            "reponse": rid, "question": "commentaire", "rang": "0",
            "trimestre": quarter, "action": "approuver", "texte": EVIL})
        expect(r, 303, "approve")
        page = c.get("/rapports/citations?trimestre=" + quarter)
        assert SCRIPT not in page.text, "raw <script> once approved"
        c.get("/rapports/nouveau")
        pdf = c.post("/rapports/nouveau", {
            "cible": "digilab|", "periode": quarter, "langue": "fr",
            "action": "apercu"})
        expect(pdf, 200, "preview")
        assert pdf.body.startswith(b"%PDF-")
        out = os.path.join(os.environ.get("MESURE_TEST_WORK", "/tmp"),
                           "hostile-quote.pdf")
        with open(out, "wb") as fh:
            fh.write(pdf.body)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", out, "-"],
                              capture_output=True, text=True).stdout
        flat = re.sub(r"\s+", " ", text)
        assert SCRIPT in flat, "the quote is not in the report: " + flat[-800:]
        assert "&lt;" not in flat and "&amp;" not in flat, "escaped twice"
        assert re.search(r"\"'& fin|[\"“”«]\s?'& fin|[\"“”«]\s?[’']& fin",
                         flat), flat[flat.find("alert"):][:120]
    finally:
        sql("delete from answer_approvals where response_id = :'p1'", rid)
        sql("delete from answers where response_id = :'p1'", rid)
        sql("delete from responses where id = :'p1'", rid)


def test_script_in_a_visit_form_comes_back_escaped():
    from test_visits_helpers import visit_form
    c = signed_in(MED)
    c.get("/visites/nouvelle")
    r = c.post("/visites/nouvelle", visit_form(
        pseudonyme=EVIL, duree="autre", duree_autre=EVIL, heure=EVIL))
    assert 400 <= r.status < 500, r
    assert SCRIPT not in r.text
    assert "&lt;script&gt;" in r.text, "the value is not shown back"
