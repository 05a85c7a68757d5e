"""Helpers of Mesure's HTTP tests: a plain HTTP client (one connection per
request, no pipelining: Kore 4.1 does not answer pipelined requests), the
test database through psql, and the checks every response must pass.

Only the Python standard library: the tests run on a fresh Debian machine.
"""
import html
import http.client
import json as _json
import os
import re
import subprocess
import urllib.parse

BASE = os.environ.get("MESURE_TEST_BASE", "http://127.0.0.1:8888")
DB = os.environ.get("MESURE_TEST_DB", "")
KORE_LOG = os.environ.get("MESURE_TEST_KORE_LOG", "")

_u = urllib.parse.urlsplit(BASE)
HOST, PORT = _u.hostname, _u.port


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # lower-cased names; last value wins
        self.all_headers = []           # (name, value) in order
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return _json.loads(self.body)

    def header(self, name):
        return self.headers.get(name.lower())

    def cookies(self):
        """Set-Cookie headers as {name: full header value}."""
        out = {}
        for k, v in self.all_headers:
            if k == "set-cookie":
                out[v.split("=", 1)[0]] = v
        return out

    def __repr__(self):
        return "<%d %s>" % (self.status, self.body[:200])


def request(method, path, body=None, headers=None, timeout=30):
    """One request on a new connection. body: bytes, str or dict (sent as
    application/x-www-form-urlencoded, lists giving repeated fields)."""
    hdrs = {"Host": "%s:%d" % (HOST, PORT), "Connection": "close"}
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body, doseq=True)
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    if isinstance(body, str):
        body = body.encode("utf-8")
    hdrs.update(headers or {})
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=hdrs)
        r = conn.getresponse()
        data = r.read()
        resp = Response(r.status, {k.lower(): v for k, v in r.getheaders()},
                        data)
        resp.all_headers = [(k.lower(), v) for k, v in r.getheaders()]
        return resp
    finally:
        conn.close()


def get(path, **kw):
    return request("GET", path, **kw)


def post(path, body=None, **kw):
    return request("POST", path, body=body, **kw)


def post_json(path, obj, headers=None):
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    return request("POST", path, body=_json.dumps(obj), headers=h)


def sql(query, *params):
    """Rows of a query on the test database, as lists of strings (None for
    NULL). Parameters are psql variables :'p1', :'p2', … – quoted by psql,
    never spliced by hand."""
    args = ["psql", DB, "-X", "-q", "-A", "-t", "-F", "\x1f",
            "-P", "null=\x1e", "-v", "ON_ERROR_STOP=1"]
    for i, p in enumerate(params, 1):
        args += ["-v", "p%d=%s" % (i, p)]
    out = subprocess.run(args, input=query, capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError("SQL failed: %s\n%s" % (query, out.stderr))
    rows = []
    # split("\n"), not splitlines(): the NULL marker \x1e is a line
    # break for splitlines().
    for line in out.stdout.split("\n"):
        if line == "":
            continue
        rows.append([None if c == "\x1e" else c for c in line.split("\x1f")])
    return rows


def sql_value(query, *params):
    rows = sql(query, *params)
    assert rows, "no row for: " + query
    return rows[0][0]


SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": None,
    "content-security-policy": None,
    "cache-control": None,
    "content-type": None,
}


def check_security_headers(r):
    """The headers every response carries (DESIGN §4, issue #4)."""
    for name, want in SECURITY_HEADERS.items():
        got = r.header(name)
        assert got is not None, "missing %s on %d" % (name, r.status)
        if want is not None:
            assert got == want, "%s: %r" % (name, got)
    csp = r.header("content-security-policy")
    assert "default-src 'self'" in csp and "frame-ancestors" in csp, csp
    assert "unsafe-inline" not in csp, csp
    ctype = r.header("content-type")
    if ctype.startswith("text/") or "json" in ctype:
        assert "charset=utf-8" in ctype, ctype


def expect(r, status, what=""):
    assert r.status == status, "%s: expected %d, got %d: %s" % (
        what, status, r.status, r.body[:300])


def no_server_error(r, what=""):
    assert r.status < 500 or r.status == 503, "%s: %d %s" % (
        what, r.status, r.body[:300])


def strip_tags(page):
    return re.sub(r"<[^>]+>", " ", page)


def page_text(r):
    """What a person reads: tags removed, entities decoded."""
    return html.unescape(strip_tags(r.text))
