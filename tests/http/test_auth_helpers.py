"""Helpers of the accounts tests (issue #4): a browser-like client that
keeps its cookies and CSRF token and comes from its own address (through
X-Forwarded-For, which Kore trusts from loopback, as from the TLS proxy),
the demo accounts, and a second organisation with its own users, sites,
funder and convention, to prove tenant isolation.

No test_ functions here: tests/http/run.py loads this file and runs none.
"""
import random
import re

from mesure import *

DEMO_PASSWORD = "Digilab-Orleans-2026"
ADMIN = "admin@action-numerique.example"
COORD = "coordination@action-numerique.example"
MED = "mediation@action-numerique.example"          # La Source, Argonne
MED_CENTRE = "mediation.centre@action-numerique.example"
FUNDER = "financeur@fondation-orleans.example"      # Fondation Orléans

# The second organisation (made by other_org()).
ADMIN2 = "admin@entraide-loiret.example"
COORD2 = "coordination@entraide-loiret.example"
MED2 = "mediation@entraide-loiret.example"
FUNDER2 = "financeur@fondation-test.example"

COOKIE = "mesure_session"


def random_ip():
    """An address of the test's own, so that throttling counts apart."""
    return "198.18.%d.%d" % (random.randint(0, 255), random.randint(1, 254))


class Client:
    """One browser: cookies, the last CSRF token seen, its own address."""

    def __init__(self, ip=None):
        self.cookies = {}
        self.ip = ip or random_ip()
        self.csrf = None

    def headers(self, extra=None):
        h = {"X-Forwarded-For": self.ip}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv
                                    for kv in self.cookies.items())
        h.update(extra or {})
        return h

    def _keep(self, r):
        for name, v in r.cookies().items():
            value = v.split(";", 1)[0].split("=", 1)[1]
            if "Max-Age=0" in v or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if "html" in (r.header("content-type") or ""):
            m = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.text)
            if m:
                self.csrf = m.group(1)
        return r

    def get(self, path, headers=None):
        return self._keep(request("GET", path, headers=self.headers(headers)))

    def post(self, path, data=None, csrf=True, origin=BASE, headers=None):
        """A form post as a browser sends it: Origin, and the CSRF token
        unless csrf is False (or a string: that token instead)."""
        body = dict(data or {})
        if csrf is True and self.csrf:
            body["csrf"] = self.csrf
        elif isinstance(csrf, str):
            body["csrf"] = csrf
        h = {}
        if origin:
            h["Origin"] = origin
        h.update(headers or {})
        return self._keep(request("POST", path, body=body,
                                  headers=self.headers(h)))

    def signin(self, email, password=DEMO_PASSWORD, expect=303):
        r = self.post("/connexion", {"email": email, "password": password},
                      csrf=False)
        assert r.status == expect, "sign-in of %s: %d %s" % (
            email, r.status, page_text(r)[:300] if r.body else "")
        if expect == 303:
            self.get("/espace")
        return r

    @property
    def token(self):
        return self.cookies.get(COOKIE)


def signed_in(email, password=DEMO_PASSWORD):
    c = Client()
    c.signin(email, password)
    return c


def user_id(email):
    return sql_value("select id from users where lower(email) = lower(:'p1')",
                     email)


def other_org():
    """Entraide Loiret: a second organisation, with its own site, project,
    funder and convention, and four users whose password is the demo's.
    Idempotent."""
    sql("""
    insert into organisations (slug, name)
        values ('entraide-loiret', 'Entraide Loiret') on conflict do nothing;
    insert into sites (organisation_id, code, name, address, city, phone)
        select id, 'montargis-gare', 'Point Montargis Gare',
            '1 place de la Gare', 'Montargis', '02 38 00 00 00'
        from organisations where slug = 'entraide-loiret'
        on conflict do nothing;
    update sites set active = true where code = 'montargis-gare';
    insert into funders (name, kind) values ('Fondation Test Loiret',
        'foundation') on conflict do nothing;
    insert into projects (organisation_id, code, name)
        select id, 'accueil-numerique', 'Accueil numérique Montargis'
        from organisations where slug = 'entraide-loiret'
        on conflict do nothing;
    insert into conventions (project_id, funder_id, reference, title,
        amount_cents, starts_on, ends_on)
        select p.id, f.id, 'FTL-2026', 'Accueil numérique – Montargis',
            800000, '2026-01-01', '2027-12-31'
        from projects p, funders f
        where p.code = 'accueil-numerique'
            and f.name = 'Fondation Test Loiret'
        on conflict do nothing;
    insert into users (organisation_id, funder_id, managed_by, email,
        display_name, role, password_hash, password_changed_at)
        select case when u.role = 'funder' then null else o.id end,
            case when u.role = 'funder' then f.id end, o.id, u.email,
            u.name, u.role, a.password_hash, now()
        from organisations o, funders f,
            (select password_hash from users
             where email = 'admin@action-numerique.example') a,
            (values ('admin@entraide-loiret.example', 'Anna Admin2', 'admin'),
             ('coordination@entraide-loiret.example', 'Colin Coord2',
              'coordinator'),
             ('mediation@entraide-loiret.example', 'Mona Med2', 'mediator'),
             ('financeur@fondation-test.example', 'Fred Funder2', 'funder'))
            as u(email, name, role)
        where o.slug = 'entraide-loiret' and f.name = 'Fondation Test Loiret'
        on conflict do nothing;
    insert into user_sites (user_id, site_id)
        select u.id, s.id from users u, sites s
        where u.email = 'mediation@entraide-loiret.example'
            and s.code = 'montargis-gare'
        on conflict do nothing;
    """)


def other_org_put_away():
    """Take the second organisation's site off the public home page, which
    lists every active site (other suites count the four Digilab ones)."""
    sql("update sites set active = false where code = 'montargis-gare'")


def clear_throttle():
    sql("delete from auth_throttle")
