"""The kiosk tablet (issue #3): enrolment by a one-time link, the kiosk
page only for an enrolled tablet of that site, responses recorded as the
kiosk's, the staff's follow-up card."""
import re

from mesure import *
from surveylib import *


def test_enrolment_link_is_one_time_and_sets_a_strict_cookie():
    out = admin("kiosk-enrol", "centre", "Tablette du hall", "--pin", "9753").stdout
    assert "Staff PIN to leave the kiosk: 9753" in out
    link = re.search(r"(/kiosk/inscription/[A-Za-z0-9_-]{43})", out).group(1)
    # Opening the link (a preview, a prefetch) does not use it up.
    for _ in range(2):
        r = get(link)
        expect(r, 200, "enrol page")
        assert "Digilab Centre" in page_text(r) and "Tablette du hall" in page_text(r)
    r = post(link, body="", headers={"Content-Type":
                                     "application/x-www-form-urlencoded"})
    expect(r, 303, "enrol")
    assert r.header("location") == "/kiosk/centre"
    cookie = r.cookies()["mesure_kiosk"]
    for attr in ("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="):
        assert attr in cookie, cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    # Only the token's SHA-256 is stored.
    assert sql_value("select count(*) from devices where token_hash = "
                     "sha256(convert_to(:'p1', 'UTF8'))", token) == "1"
    assert sql_value("select count(*) from devices where encode(token_hash, "
                     "'escape') like '%' || :'p1' || '%'", token[:20]) == "0"
    # Used: gone.
    expect(post(link, body="", headers={
        "Content-Type": "application/x-www-form-urlencoded"}), 410, "again")
    expect(get(link), 410, "used link")
    expect(get("/kiosk/inscription/" + "A" * 43), 410, "unknown link")
    expect(get("/kiosk/inscription/short"), 404, "malformed link")


def test_kiosk_page_needs_an_enrolled_tablet_of_the_site():
    r = get("/kiosk/la-source")
    expect(r, 403, "no cookie")
    assert "pas inscrite" in page_text(r)
    r = get("/kiosk/la-source", headers={"Cookie": "mesure_kiosk=" + "x" * 43})
    expect(r, 403, "unknown token")
    token = enrol("la-source", "1357")
    r = get("/kiosk/la-source", headers={"Cookie": "mesure_kiosk=" + token})
    expect(r, 200, "kiosk")
    assert r.header("cache-control") == "no-store"
    page = r.text
    assert 'class="sv-page kiosk"' in page
    assert 'id="k-bar"' in page and 'data-idle="90"' in page
    salt = re.search(r'data-pin-salt="([0-9a-f]{32})"', page).group(1)
    digest = re.search(r'data-pin-hash="([0-9a-f]{64})"', page).group(1)
    import hashlib
    assert hashlib.sha256((salt + "1357").encode()).hexdigest() == digest
    assert '<input type="hidden" name="_kiosk" value="1">' in page
    assert "Votre avis sur le Digilab" in page
    # Another site's kiosk sends the tablet to its own.
    r = get("/kiosk/argonne", headers={"Cookie": "mesure_kiosk=" + token})
    expect(r, 303, "other site")
    assert r.header("location") == "/kiosk/la-source"
    # The outcomes survey on the kiosk.
    r = get("/kiosk/la-source?survey=resultats",
            headers={"Cookie": "mesure_kiosk=" + token})
    assert "Et depuis votre passage" in r.text


def test_kiosk_responses_are_the_kiosks_and_revocation_stops_it():
    token = enrol("la-source", "2222")
    ck = {"Cookie": "mesure_kiosk=" + token}
    b = {"id": uid(), "survey": "satisfaction", "site": "la-source",
         "lang": "en", "answers": dict(SAT_OK)}
    expect(api(b, headers=ck), 201, "kiosk post")
    assert sql_value("select channel from responses where id = :'p1'",
                     b["id"]) == "kiosk"
    assert sql_value("select last_seen_at is not null from devices where "
                     "token_hash = sha256(convert_to(:'p1', 'UTF8'))", token) == "t"
    # The plain form of the kiosk (no JavaScript) thanks and goes back.
    rid = uid()
    r = form("/s/satisfaction/la-source", [("_id", rid), ("_kiosk", "1")] +
             SAT_OK, headers=ck)
    expect(r, 303, "kiosk form")
    assert r.header("location").endswith("merci?lang=fr&kiosk=1")
    t = get(r.header("location"))
    assert 'href="/kiosk/la-source"' in t.text and "Personne suivante" in t.text
    assert sql_value("select channel from responses where id = :'p1'", rid) == "kiosk"
    # A kiosk sends its queue in a burst after an outage: not limited.
    ids = []
    for i in range(60):
        bb = dict(b, id=uid())
        ids.append(bb["id"])
        expect(api(bb, xff="10.250.0.1", headers=ck), 201, "burst %d" % i)
    dev = sql_value("select id from devices where token_hash = "
                    "sha256(convert_to(:'p1', 'UTF8'))", token)
    admin("kiosk-revoke", dev)
    expect(get("/kiosk/la-source", headers=ck), 403, "revoked")
    b2 = dict(b, id=uid())
    expect(api(b2, headers=ck), 201, "revoked tablet still heard")
    assert sql_value("select channel from responses where id = :'p1'",
                     b2["id"]) == "api"
    assert "revoked" in admin("kiosk-list").stdout
    delete_responses([b["id"], rid, b2["id"]] + ids)


def test_kiosk_prints_a_follow_up_card():
    token = enrol("argonne", "4444")
    ck = {"Cookie": "mesure_kiosk=" + token,
          "Content-Type": "application/x-www-form-urlencoded"}
    r = post("/kiosk/argonne/carte", body="lang=fr", headers=ck)
    expect(r, 200, "card")
    assert r.header("cache-control") == "no-store"
    code = re.search(r"<strong>([A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{4})</strong>",
                     r.text).group(1)
    assert "Digilab Argonne" in r.text and "07 67 67 17 71" in r.text
    assert "<svg" in r.text and "Valable jusqu" in page_text(r)
    compact = code.replace(" ", "")
    assert sql_value("select kind || ' ' || (expires_at > now() + interval "
                     "'100 days')::text from invitations where token_hash = "
                     "sha256(convert_to(:'p1', 'UTF8'))", compact) == "card true"
    # Without the tablet's cookie, or from another site's tablet: no card.
    expect(post("/kiosk/argonne/carte", body="lang=fr", headers={
        "Content-Type": "application/x-www-form-urlencoded"}), 403, "no cookie")
    expect(post("/kiosk/la-source/carte", body="lang=fr", headers=ck), 403,
           "other site")
    expect(get("/kiosk/argonne/carte", headers=ck), 405, "GET")


def test_kiosk_service_worker_is_served_under_kiosk():
    r = get("/kiosk/sw.js")
    expect(r, 200, "service worker")
    assert r.header("content-type") == "text/javascript; charset=utf-8"
    assert "mesure-kiosk-v1" in r.text and "networkFirst" in r.text
    check_security_headers(r)
    expect(post("/kiosk/sw.js", body="x"), 405, "POST")
