"""Signing in and out, sessions, CSRF, throttling, passwords, links and
re-authentication (issue #4), as a browser would meet them."""
import hashlib
import re
import statistics
import time

from test_auth_helpers import *


def session_row(token):
    h = hashlib.sha256(token.encode()).hexdigest()
    rows = sql("select id, user_id from sessions where token_hash = "
               "decode(:'p1', 'hex')", h)
    return rows[0] if rows else None


def test_signin_page_is_public_french_first_and_in_english():
    r = get("/connexion")
    expect(r, 200)
    check_security_headers(r)
    assert r.header("cache-control") == "no-store"
    text = page_text(r)
    assert "Connexion" in text and "Adresse e-mail" in text
    assert 'autocomplete="current-password"' in r.text
    r = get("/connexion?lang=en")
    assert "Sign in" in page_text(r) and '<html lang="en"' in r.text


def test_signin_opens_a_session_with_a_strict_cookie():
    c = Client()
    r = c.post("/connexion", {"email": ADMIN, "password": DEMO_PASSWORD},
               csrf=False)
    expect(r, 303)
    assert r.header("location") == "/espace"
    cookie = r.cookies()[COOKIE]
    assert re.match(r"^mesure_session=[0-9a-f]{64}; Path=/; HttpOnly; "
                    r"SameSite=Strict$", cookie), cookie
    # Only the token's SHA-256 is stored, never the token.
    assert session_row(c.token) is not None
    assert sql_value("select count(*) from sessions where encode(token_hash,"
                     " 'hex') = :'p1'", c.token) == "0"
    home = c.get("/espace")
    expect(home, 200)
    assert "Administration" in page_text(home)
    assert home.header("cache-control") == "no-store"


def test_signin_goes_back_to_the_page_asked_for():
    c = Client()
    r = c.get("/compte/sessions")
    expect(r, 303)
    form = c.get(r.header("location"))
    m = re.search(r'name="suite" value="([^"]*)"', form.text)
    assert m and m.group(1) == "/compte/sessions", m
    r = c.post("/connexion", {"email": COORD, "password": DEMO_PASSWORD,
                              "suite": m.group(1)}, csrf=False)
    assert r.header("location") == "/compte/sessions"
    # Never to another host.
    r = Client().post("/connexion", {"email": COORD, "password":
                                     DEMO_PASSWORD,
                                     "suite": "//evil.example/x"}, csrf=False)
    assert r.header("location") == "/espace"


def test_wrong_password_and_unknown_account_look_the_same():
    clear_throttle()
    known, unknown = [], []
    bodies = set()
    for i in range(4):
        for who, out in ((COORD, known),
                         ("nobody%d@action-numerique.example" % i, unknown)):
            c = Client()
            t0 = time.monotonic()
            r = c.post("/connexion", {"email": who, "password":
                                      "Not-the-password-%d" % i}, csrf=False)
            out.append(time.monotonic() - t0)
            expect(r, 200)
            assert "Adresse e-mail ou mot de passe incorrect." in page_text(r)
            assert COOKIE not in r.cookies()
            bodies.add(r.text.replace(who, "EMAIL"))
    assert len(bodies) == 1, "the pages differ"
    k, u = statistics.median(known), statistics.median(unknown)
    # Both pay for one argon2id check (~25 ms): no shortcut for unknowns.
    assert u > 0.01 and 0.5 < k / u < 2.0, (k, u)
    clear_throttle()


def test_disabled_account_cannot_sign_in_and_loses_its_sessions():
    c = signed_in(MED_CENTRE)
    uid = user_id(MED_CENTRE)
    admin = signed_in(ADMIN)
    r = admin.post("/admin/utilisateurs/%s/desactiver" % uid)
    expect(r, 303)
    try:
        r = c.get("/espace")
        expect(r, 303)
        assert r.header("location").startswith("/connexion?expiree=1")
        r = Client().post("/connexion", {"email": MED_CENTRE,
                                         "password": DEMO_PASSWORD},
                          csrf=False)
        expect(r, 200)
        assert "Adresse e-mail ou mot de passe incorrect." in page_text(r)
    finally:
        expect(admin.post("/admin/utilisateurs/%s/activer" % uid), 303)
    signed_in(MED_CENTRE)


def test_session_fixation_is_impossible():
    planted = "ab" * 32
    c = Client()
    c.cookies[COOKIE] = planted
    expect(c.get("/espace"), 303)          # a made-up token opens nothing
    c.cookies[COOKIE] = planted
    c.signin(COORD)
    assert c.token != planted
    assert session_row(planted) is None
    # A second sign-in in the same browser replaces the session.
    first = c.token
    c.signin(COORD)
    assert c.token != first and session_row(first) is None
    stale = Client()
    stale.cookies[COOKIE] = first
    expect(stale.get("/espace"), 303)


def test_signout_ends_the_session_on_the_server():
    c = signed_in(COORD)
    token = c.token
    r = c.post("/deconnexion")
    expect(r, 303)
    assert r.header("location") == "/connexion?sortie=1"
    assert "Max-Age=0" in r.cookies()[COOKIE]
    assert session_row(token) is None
    replay = Client()
    replay.cookies[COOKIE] = token
    r = replay.get("/espace")
    expect(r, 303)
    assert r.header("location").startswith("/connexion?expiree=1")
    assert "Vous êtes déconnecté." in page_text(get("/connexion?sortie=1"))


def test_idle_and_absolute_expiry():
    c = signed_in(COORD)
    sid = session_row(c.token)[0]
    sql("update sessions set last_seen_at = now() - interval '29 minutes' "
        "where id = :'p1'", sid)
    expect(c.get("/espace"), 200)          # still within 30 idle minutes
    sql("update sessions set last_seen_at = now() - interval '31 minutes' "
        "where id = :'p1'", sid)
    r = c.get("/espace")
    expect(r, 303)
    assert "Votre session est terminée" in page_text(
        Client().get(r.header("location")))

    c = signed_in(COORD)
    sid = session_row(c.token)[0]
    created = sql_value("select extract(epoch from expires_at - created_at)"
                        "::int from sessions where id = :'p1'", sid)
    assert created == "43200", created          # 12 hours
    sql("update sessions set expires_at = now() - interval '1 second' "
        "where id = :'p1'", sid)
    expect(c.get("/espace"), 303)


def test_csrf_token_and_origin_are_checked():
    c = signed_in(COORD)
    token = c.token

    def still_signed_in():
        return session_row(token) is not None

    r = c.post("/deconnexion", csrf=False)
    expect(r, 403, "no token")
    assert "Cette page a expiré" in page_text(r)
    check_security_headers(r)
    expect(c.post("/deconnexion", csrf="0" * 64), 403, "wrong token")
    expect(c.post("/deconnexion", origin="https://evil.example"), 403,
           "other origin")
    expect(c.post("/deconnexion", origin="null"), 403, "null origin")
    expect(c.post("/deconnexion", origin=None,
                  headers={"Referer": "https://evil.example/page"}), 403,
           "other referer")
    expect(c.post("/deconnexion", headers={"Sec-Fetch-Site": "cross-site"}),
           403, "cross-site fetch")
    assert still_signed_in()
    # The token may also come as a header (scripts), without a form.
    r = c.post("/compte/sessions", {"all": "1"}, csrf=False,
               headers={"X-CSRF-Token": c.csrf})
    expect(r, 303, "header token")
    expect(c.post("/deconnexion"), 303, "right token and origin")
    assert not still_signed_in()


def test_signin_form_refuses_other_origins():
    r = Client().post("/connexion", {"email": COORD,
                                     "password": DEMO_PASSWORD},
                      csrf=False, origin="https://evil.example")
    expect(r, 403)
    assert COOKIE not in r.cookies()


def test_throttling_per_account_then_per_address():
    clear_throttle()
    ip = random_ip()
    for i in range(5):
        r = Client(ip).post("/connexion", {"email": MED, "password":
                                           "wrong-%d-password" % i},
                            csrf=False)
        expect(r, 200, "attempt %d" % (i + 1))
    # Locked for 15 s: even the right password waits, from anywhere.
    for who in (Client(ip), Client()):
        r = who.post("/connexion", {"email": MED, "password": DEMO_PASSWORD},
                     csrf=False)
        expect(r, 429)
        assert 1 <= int(r.header("retry-after")) <= 15
        assert "Trop d'essais" in page_text(r)
        assert COOKIE not in r.cookies()
    # Unknown accounts are throttled the same way.
    for i in range(5):
        Client().post("/connexion", {"email": "ghost@nowhere.example",
                                     "password": "x%d-wrong-password" % i},
                      csrf=False)
    expect(Client().post("/connexion", {"email": "ghost@nowhere.example",
                                        "password": "whatever-password"},
                         csrf=False), 429)
    assert sql_value("select count(*) from audit_log where action = "
                     "'auth.throttled' and actor = :'p1'", MED) >= "1"
    # Other accounts from that address still work...
    signed_in_from = Client(ip)
    signed_in_from.signin(COORD)
    # ...until the address has failed twenty times.
    for i in range(20):
        Client(ip).post("/connexion", {"email": "u%d@x.example" % i,
                                       "password": "wrong-pass-%d" % i},
                        csrf=False)
    expect(Client(ip).post("/connexion", {"email": COORD,
                                          "password": DEMO_PASSWORD},
                           csrf=False), 429)
    expect(Client().post("/connexion", {"email": COORD,
                                        "password": DEMO_PASSWORD},
                         csrf=False), 303)
    # The delays grow with each locked-out round.
    assert sql_value("select auth_throttle_delay('account', 6)") == "30"
    assert sql_value("select auth_throttle_delay('account', 9)") == "240"
    assert sql_value("select auth_throttle_delay('account', 40)") == "900"
    clear_throttle()
    signed_in(MED)


def test_passwords_are_stored_as_argon2id():
    for (h,) in sql("select password_hash from users where password_hash "
                    "is not null"):
        assert re.match(r"^\$argon2id\$v=19\$m=19456,t=2,p=1\$", h), h


def create_user(admin, email, role="coordinator", **extra):
    data = {"email": email, "name": "Test " + role, "role": role,
            "lang": "fr"}
    data.update(extra)
    r = admin.post("/admin/utilisateurs/nouveau", data)
    expect(r, 200, "create " + email)
    m = re.search(r'value="(http://[^"]+/mot-de-passe/([0-9a-f]{64}))"',
                  r.text)
    assert m, page_text(r)[:500]
    return m.group(1), m.group(2)


def test_new_user_sets_a_password_from_a_one_time_link():
    admin = signed_in(ADMIN)
    email = "camille.durand@action-numerique.example"
    sql("delete from users where email = :'p1'", email)
    link, token = create_user(admin, email)
    assert link.startswith(BASE + "/mot-de-passe/")
    # Only the hash of the link's token is stored.
    assert sql_value("select count(*) from password_links where token_hash "
                     "= sha256(convert_to(:'p1', 'UTF8'))", token) == "1"
    path = "/mot-de-passe/" + token
    c = Client()
    r = c.get(path)
    expect(r, 200)
    assert r.header("referrer-policy") == "same-origin"
    assert email in page_text(r)
    for bad, why in (("short", "trop court"),
                     ("Password2024!", "trop courant"),
                     ("azertyuiopqsd", "trop facile à deviner"),
                     ("camille.durand2026", "ressemble à votre nom")):
        r = c.post(path, {"password": bad, "confirm": bad}, csrf=False)
        expect(r, 422, bad)
        assert why in page_text(r), (bad, page_text(r)[:400])
    r = c.post(path, {"password": "Trois chats sur le toit",
                      "confirm": "Trois chats sur le toi"}, csrf=False)
    expect(r, 422)
    long = "Une phrase de passe vraiment longue " * 3
    r = c.post(path, {"password": long, "confirm": long}, csrf=False)
    expect(r, 303)
    assert r.header("location") == "/connexion?ok=1"
    # Once only.
    expect(Client().get(path), 404)
    r = Client().post(path, {"password": long + "x", "confirm": long + "x"},
                      csrf=False)
    expect(r, 404)
    assert "Ce lien ne marche plus" in page_text(r)
    new = Client()
    new.signin(email, long)
    assert "Tableau de bord" in page_text(new.get("/espace"))


def test_a_new_link_kills_the_previous_one_and_expired_links_fail():
    admin = signed_in(ADMIN)
    email = "lien.test@action-numerique.example"
    sql("delete from users where email = :'p1'", email)
    _, first = create_user(admin, email)
    uid = user_id(email)
    r = admin.post("/admin/utilisateurs/%s/lien" % uid)
    expect(r, 200)
    second = re.search(r"/mot-de-passe/([0-9a-f]{64})", r.text).group(1)
    expect(Client().get("/mot-de-passe/" + first), 404)
    expect(Client().get("/mot-de-passe/" + second), 200)
    sql("update password_links set expires_at = now() - interval '1 second'"
        " where user_id = :'p1'", uid)
    expect(Client().get("/mot-de-passe/" + second), 404)
    expect(Client().get("/mot-de-passe/" + "0" * 64), 404)


def test_reauthentication_guards_sensitive_pages():
    admin = signed_in(ADMIN)
    sid = session_row(admin.token)[0]
    sql("update sessions set reauth_at = now() - interval '11 minutes' "
        "where id = :'p1'", sid)
    r = admin.get("/admin/utilisateurs/nouveau")
    expect(r, 303)
    assert r.header("location") == \
        "/connexion/confirmer?suite=/admin/utilisateurs/nouveau"
    page = admin.get(r.header("location"))
    assert "Confirmez votre mot de passe" in page_text(page)
    # A POST without a fresh check is not carried out either.
    uid = user_id(MED)
    r = admin.post("/admin/utilisateurs/%s/lien" % uid,
                   headers={"Referer": BASE + "/admin/utilisateurs/%s" % uid})
    expect(r, 303)
    assert r.header("location").startswith("/connexion/confirmer?suite=")
    r = admin.post("/connexion/confirmer", {"password": "not-it-at-all",
                                            "suite": "/admin/utilisateurs/"
                                            "nouveau"})
    expect(r, 200)
    assert "Mot de passe incorrect." in page_text(r)
    r = admin.post("/connexion/confirmer", {"password": DEMO_PASSWORD,
                                            "suite": "/admin/utilisateurs/"
                                            "nouveau"})
    expect(r, 303)
    assert r.header("location") == "/admin/utilisateurs/nouveau"
    expect(admin.get("/admin/utilisateurs/nouveau"), 200)
    assert admin.get("/api/session").json()["reauth_fresh"] is True


def test_change_password_ends_the_other_sessions():
    email = "change.test@action-numerique.example"
    admin = signed_in(ADMIN)
    sql("delete from users where email = :'p1'", email)
    _, token = create_user(admin, email)
    Client().post("/mot-de-passe/" + token,
                  {"password": "Premier mot de passe solide",
                   "confirm": "Premier mot de passe solide"}, csrf=False)
    a = signed_in(email, "Premier mot de passe solide")
    b = signed_in(email, "Premier mot de passe solide")
    r = a.post("/compte/mot-de-passe", {"current": "pas le bon du tout",
                                        "password": "Second mot de passe "
                                        "solide", "confirm": "Second mot de "
                                        "passe solide"})
    expect(r, 422)
    assert "Le mot de passe actuel est incorrect." in page_text(r)
    r = a.post("/compte/mot-de-passe", {"current": "Premier mot de passe "
                                        "solide", "password": "motdepasse123",
                                        "confirm": "motdepasse123"})
    expect(r, 422)
    r = a.post("/compte/mot-de-passe", {"current": "Premier mot de passe "
                                        "solide", "password": "Second mot de"
                                        " passe solide", "confirm":
                                        "Second mot de passe solide"})
    expect(r, 200)
    assert "Votre mot de passe est changé." in page_text(r)
    expect(a.get("/espace"), 200)
    expect(b.get("/espace"), 303)
    signed_in(email, "Second mot de passe solide")


def test_my_sessions_lists_and_ends_the_other_ones():
    a = signed_in(FUNDER)
    b = signed_in(FUNDER)
    page = a.get("/compte/sessions")
    expect(page, 200)
    assert "Cet appareil (session en cours)" in page_text(page)
    other = session_row(b.token)[0]
    assert 'name="id" value="%s"' % other in page.text
    # Someone else's session cannot be ended from here.
    foreign = session_row(signed_in(COORD).token)[0]
    expect(a.post("/compte/sessions", {"id": foreign}), 404)
    expect(a.post("/compte/sessions", {"id": other}), 303)
    expect(b.get("/espace"), 303)
    expect(a.get("/espace"), 200)
    c = signed_in(FUNDER)
    expect(a.post("/compte/sessions", {"all": "1"}), 303)
    expect(c.get("/espace"), 303)
    expect(a.get("/espace"), 200)


def test_language_choice_is_kept_for_the_person():
    c = signed_in(COORD)
    assert '<html lang="fr"' in c.get("/espace").text
    assert "Dashboard" in page_text(c.get("/espace?lang=en"))
    try:
        assert '<html lang="en"' in c.get("/compte").text
        assert sql_value("select lang from users where email = :'p1'",
                         COORD) == "en"
    finally:
        c.get("/espace?lang=fr")


def test_every_response_carries_the_security_headers():
    c = signed_in(ADMIN)
    anon = Client()
    responses = [
        anon.get("/connexion"), anon.get("/espace"), anon.get("/api/session"),
        anon.post("/connexion", {"email": "a@b.example", "password": "x"},
                  csrf=False),
        anon.get("/mot-de-passe/" + "1" * 64),
        c.get("/espace"), c.get("/admin/utilisateurs"), c.get("/api/session"),
        c.get("/admin/journal"), c.get("/compte/sessions"),
        c.post("/deconnexion", csrf=False),
        c.get("/admin/utilisateurs/999999"),
        signed_in(MED).get("/admin/journal"),
    ]
    for r in responses:
        check_security_headers(r)
        csp = r.header("content-security-policy")
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "http:" not in csp and "https:" not in csp, csp
        assert r.header("referrer-policy")
    for r in responses[5:]:
        assert r.header("cache-control") == "no-store", r


def test_method_not_allowed_on_staff_routes():
    c = signed_in(COORD)
    r = c.post("/espace")
    expect(r, 405)
    assert "GET" in r.header("allow")
    r = c.get("/deconnexion")
    expect(r, 405)


def test_malformed_forms_are_refused_cleanly():
    c = signed_in(COORD)
    for body in ("csrf=%zz", "a=1&" * 2000, "%00=1"):
        r = request("POST", "/compte/sessions", body=body,
                    headers=c.headers({"Origin": BASE, "Content-Type":
                                       "application/x-www-form-urlencoded"}))
        assert r.status in (400, 403, 413), (body[:20], r.status)
    r = request("POST", "/connexion", body="email=" + "a" * 70000,
                headers={"Origin": BASE, "Content-Type":
                         "application/x-www-form-urlencoded"})
    expect(r, 413)
