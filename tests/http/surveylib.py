"""Helpers of the survey area's HTTP tests (test_survey*.py, test_api.py,
test_kiosk.py): forms as a browser posts them, the API, a distinct client
address per test (the rate limit counts per address), mesure-admin, the
kiosk's enrolment."""
import itertools
import os
import re
import subprocess
import urllib.parse
import uuid

from mesure import *

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ADMIN = os.path.join(TOP, "build", "mesure-admin")

# Every test gets client addresses of its own (X-Forwarded-For is trusted
# from the loopback proxy), so the per-address limit never mixes tests.
_addr = itertools.count(1)


def addr():
    n = next(_addr) + os.getpid() % 200 * 1000
    return "10.%d.%d.%d" % (n >> 16 & 255, n >> 8 & 255, n & 255)


def uid():
    return str(uuid.uuid4())


# A valid satisfaction survey, as (field, value) pairs.
SAT_OK = [("accueil", "5"), ("explications", "4"),
          ("demarche_reussie", "oui"), ("autonome", "nsp"),
          ("rassure", "oui")]


def form(path, fields, xff=None, headers=None):
    """POST fields (a list of pairs) as a browser does."""
    h = {"Content-Type": "application/x-www-form-urlencoded",
         "X-Forwarded-For": xff or addr()}
    h.update(headers or {})
    return post(path, body=urllib.parse.urlencode(fields), headers=h)


def page_fields(r):
    """The hidden fields of a served survey page: {_id, _v}."""
    out = {}
    for name in ("_id", "_v"):
        m = re.search(r'name="%s" value="([^"]*)"' % name, r.text)
        out[name] = m.group(1) if m else None
    return out


def api(body, xff=None, headers=None):
    h = {"X-Forwarded-For": xff or addr()}
    h.update(headers or {})
    return post_json("/api/v1/responses", body, headers=h)


def admin(*args, check=True):
    env = dict(os.environ, MESURE_DATABASE=DB, MESURE_PUBLIC_URL=BASE)
    out = subprocess.run([ADMIN] + list(args), capture_output=True, text=True,
                         env=env)
    if check and out.returncode != 0:
        raise AssertionError("mesure-admin %s: %s" % (args, out.stderr))
    return out


def enrol(site="la-source", pin="2468", name="Tablette test"):
    """Enrol a kiosk tablet the way a mediator does; its cookie value."""
    out = admin("kiosk-enrol", site, name, "--pin", pin).stdout
    link = re.search(r"(/kiosk/inscription/[A-Za-z0-9_-]{43})", out).group(1)
    r = post(link, body="", headers={"Content-Type":
                                     "application/x-www-form-urlencoded"})
    expect(r, 303, "enrolment")
    cookie = r.cookies()["mesure_kiosk"]
    return cookie.split(";")[0].split("=", 1)[1]


def response_rows(rid):
    return int(sql_value("select count(*) from responses where id = :'p1'",
                         rid))


def answers_of(rid):
    return sql("select question, ordinal, value from answers "
               "where response_id = :'p1' order by question, ordinal", rid)


def delete_responses(ids):
    for rid in ids:
        sql("delete from responses where id = :'p1'", rid)
