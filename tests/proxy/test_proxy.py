"""Mesure behind its production TLS proxy (tests/proxy/run.sh started
nginx with conf/nginx/mesure.conf in front of a kore run with
MESURE_TLS_PROXIED=1): what a browser on https:// gets.

- the session cookie is __Host-mesure_session with Secure, HttpOnly,
  SameSite=Strict, Path=/ and no Domain (issue #4); a cookie without the
  prefix is not taken;
- HSTS is sent, plain HTTP is sent to HTTPS;
- the Origin check speaks https, so a form from http:// is refused;
- the address in the audit log is the one nginx saw, not what the client
  wrote in X-Forwarded-For;
- a kiosk tablet's cookie gets the __Host- prefix too.
"""
import http.client
import os
import re
import socket
import ssl
import urllib.parse

from mesure import check_security_headers, sql, sql_value, page_text
from surveylib import admin

PORT = int(os.environ["MESURE_PROXY_PORT"])
HTTP_PORT = int(os.environ["MESURE_PROXY_HTTP_PORT"])
NAME = "mesure.example.org"
ORIGIN = "https://%s:%d" % (NAME, PORT)
PASSWORD = "Digilab-Orleans-2026"
COORD = "coordination@action-numerique.example"


class Conn(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 that checks the certificate for NAME, as a
    browser that resolved NAME to this machine would."""

    def __init__(self):
        ctx = ssl.create_default_context(cafile=os.environ["MESURE_PROXY_CA"])
        super().__init__(NAME, PORT, context=ctx, timeout=30)
        self._ctx = ctx

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", PORT), self.timeout)
        self.sock = self._ctx.wrap_socket(sock, server_hostname=NAME)


def https(method, path, body=None, headers=None):
    h = {"Host": "%s:%d" % (NAME, PORT), "Connection": "close"}
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
        h["Content-Type"] = "application/x-www-form-urlencoded"
    h.update(headers or {})
    c = Conn()
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        r.data = r.read()
        r.all = [(k.lower(), v) for k, v in r.getheaders()]
        return r
    finally:
        c.close()


def set_cookies(r):
    return {v.split("=", 1)[0]: v for k, v in r.all if k == "set-cookie"}


class Resp:
    """Enough of tests/http's Response for check_security_headers()."""

    def __init__(self, r):
        self.status = r.status
        self.headers = {k: v for k, v in r.all}
        self.body = r.data
        self.text = r.data.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower())


def signin(xff=None):
    """Sign in over HTTPS; the Set-Cookie header of the session."""
    page = https("GET", "/connexion")
    assert page.status == 200, page.status
    h = {"Origin": ORIGIN}
    if xff:
        h["X-Forwarded-For"] = xff
    r = https("POST", "/connexion", {"email": COORD, "password": PASSWORD},
              headers=h)
    assert r.status == 303, (r.status, r.data[:300])
    cookies = set_cookies(r)
    assert "__Host-mesure_session" in cookies, cookies
    return cookies["__Host-mesure_session"]


def token_of(cookie):
    return cookie.split(";", 1)[0].split("=", 1)[1]


def test_session_cookie_has_the_host_prefix_and_its_attributes():
    cookie = signin()
    attrs = [a.strip() for a in cookie.split(";")[1:]]
    lower = [a.lower() for a in attrs]
    for want in ("secure", "httponly", "samesite=strict", "path=/"):
        assert want in lower, (want, cookie)
    assert not any(a.startswith("domain") for a in lower), cookie
    assert len(token_of(cookie)) >= 32, cookie       # >= 128 bits, hex


def test_the_session_works_with_the_prefix_only():
    tok = token_of(signin())
    r = https("GET", "/espace",
              headers={"Cookie": "__Host-mesure_session=" + tok})
    assert r.status == 200, r.status
    assert "Camille" in page_text(Resp(r))
    # The same token under the plain name is not a session behind TLS: a
    # cookie set by plain HTTP or a sibling host cannot stand in for it.
    r = https("GET", "/espace", headers={"Cookie": "mesure_session=" + tok})
    assert r.status == 303 and r.getheader("location").startswith(
        "/connexion"), (r.status, r.getheader("location"))


def test_hsts_and_the_security_headers_through_the_proxy():
    r = https("GET", "/connexion")
    hsts = r.getheader("strict-transport-security") or ""
    assert "max-age=31536000" in hsts, hsts
    check_security_headers(Resp(r))
    # Plain HTTP goes to HTTPS.
    c = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=10)
    c.request("GET", "/connexion", headers={"Host": NAME})
    p = c.getresponse()
    assert p.status == 301, p.status
    assert p.getheader("location") == "https://%s/connexion" % NAME, \
        p.getheader("location")
    c.close()


def test_forms_from_plain_http_or_another_site_are_refused():
    tok = token_of(signin())
    page = https("GET", "/compte/sessions",
                 headers={"Cookie": "__Host-mesure_session=" + tok})
    csrf = re.search(rb'name="csrf" value="([0-9a-f]{64})"', page.data)
    assert csrf, page.data[:300]
    body = {"csrf": csrf.group(1).decode(), "all": "1"}
    for origin in ("http://%s:%d" % (NAME, PORT), "https://evil.example"):
        r = https("POST", "/compte/sessions", body, headers={
            "Cookie": "__Host-mesure_session=" + tok, "Origin": origin})
        assert r.status == 403, (origin, r.status)
    r = https("POST", "/compte/sessions", body, headers={
        "Cookie": "__Host-mesure_session=" + tok, "Origin": ORIGIN})
    assert r.status in (200, 303), r.status


def test_the_audit_log_has_the_address_nginx_saw():
    signin(xff="203.0.113.77")
    ip = sql_value("""select host(ip) from audit_log
        where action = 'auth.signin' and actor = :'p1'
        order by id desc limit 1""", COORD)
    # nginx replaces the header with the peer it saw (loopback here): a
    # client cannot write its own address into the log.
    assert ip == "127.0.0.1", ip


def test_a_kiosk_tablet_cookie_has_the_host_prefix():
    out = admin("kiosk-enrol", "la-source", "Tablette TLS", "--pin",
                "1357").stdout
    link = re.search(r"(/kiosk/inscription/[A-Za-z0-9_-]{43})", out).group(1)
    r = https("POST", link, "", headers={
        "Origin": ORIGIN,
        "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 303, (r.status, r.data[:300])
    cookies = set_cookies(r)
    kiosk = [v for k, v in cookies.items() if k.endswith("mesure_kiosk")]
    assert kiosk and kiosk[0].startswith("__Host-mesure_kiosk="), cookies
    assert "secure" in kiosk[0].lower(), kiosk


def test_the_proxied_kore_saw_no_sandbox_violation():
    with open(os.environ["MESURE_PROXY_KORE_LOG"], errors="replace") as f:
        log = f.read()
    assert "seccomp violation" not in log and "died" not in log, log[-2000:]
