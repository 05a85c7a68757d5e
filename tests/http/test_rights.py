"""The people's rights (issue #8, app/privacy_rights.c): a coordinator
finds everything linked to a follow-up card's code or to a person code,
exports it (after a password check) and erases it (CSRF, password check,
confirmation); after the erasure nothing is found, the signed reports'
bytes and the figures (visit_cells / visit_people rollups, answer rollups,
the dashboard) are unchanged. Other roles and other organisations get
nothing."""
import hashlib
import json

from test_auth_helpers import *
from test_reports_web import make_report

CARD = "ABCD EFHJ KMNP"          # a code in the cards' alphabet
CARD_HASH = hashlib.sha256(b"ABCDEFHJKMNP").hexdigest()
ORG = "(select id from organisations where slug = 'action-numerique')"

_subjects = {}


def subjects():
    """Two people of Action Numérique with visits whose follow-up cards
    were answered: one found by person code, one by a card whose code the
    test sets (only the SHA-256 of a code is stored)."""
    if not _subjects:
        rows = sql("""
            select b.pseudonym, min(i.id)
            from beneficiaries b
            join visits v on v.beneficiary_id = b.id
            join invitations i on i.visit_id = v.id
            join responses r on r.invitation_id = i.id
            where b.organisation_id = %s and b.pseudonym is not null
            group by b.id, b.pseudonym
            having count(distinct v.id) >= 3
            order by count(distinct v.id) desc, b.pseudonym
            limit 2""" % ORG)
        assert len(rows) == 2, rows
        _subjects["pseudonym"] = rows[0][0]
        _subjects["card_person"] = rows[1][0]
        _subjects["card_invitation"] = rows[1][1]
        sql("update invitations set token_hash = decode(:'p1', 'hex') "
            "where id = :'p2'", CARD_HASH, rows[1][1])
    return _subjects


def figures():
    """The organisation's figures as the dashboards and reports read
    them: the rollups of every quarter, and the activity of each."""
    return sql_value("""
        select md5(string_agg(x, ',' order by x)) from (
            select c::text x from visit_cells_range(%(o)s,
                '2024-01-01', '2027-01-01') c
            union all select p::text from visit_people_range(%(o)s,
                '2024-01-01', '2027-01-01') p
            union all select a::text from answer_rollup_rows(%(o)s,
                '2024-01-01', '2027-01-01') a
            union all select g::text || a::text
                from generate_series('2024-01-01'::date, '2026-10-01',
                    interval '3 months') g
                cross join lateral visit_activity(%(o)s, g::date,
                    (g + interval '3 months')::date) a
            union all select count(*)::text from visits
            union all select count(*)::text from responses
            union all select count(*)::text from invitations) s
        """ % {"o": ORG})


def reports_digest():
    return sql_value("select md5(string_agg(encode(sha256(pdf), 'hex') || "
                     "status, ',' order by id)) from reports")


def stale_reauth(client):
    h = hashlib.sha256(client.token.encode()).hexdigest()
    sql("update sessions set reauth_at = now() - interval '11 minutes' "
        "where token_hash = decode(:'p1', 'hex')", h)


def confirm(client):
    r = client.post("/connexion/confirmer", {"password": DEMO_PASSWORD,
                                             "suite": "/donnees-personnelles"})
    expect(r, 303, "password confirmed")


def test_find_by_person_code_shows_the_visits_and_responses():
    s = subjects()
    coord = signed_in(COORD)
    home = coord.get("/espace")
    assert 'href="/donnees-personnelles"' in home.text
    r = coord.get("/donnees-personnelles")
    expect(r, 200)
    check_security_headers(r)
    assert r.header("cache-control") == "no-store"
    r = coord.get("/donnees-personnelles?pseudonyme=" + s["pseudonym"].lower())
    expect(r, 200)
    text = page_text(r)
    assert s["pseudonym"] in text, text[:2000]
    n_visits = int(sql_value("select count(*) from visits v join "
                             "beneficiaries b on b.id = v.beneficiary_id "
                             "where b.pseudonym = :'p1'", s["pseudonym"]))
    assert r.text.count('class="rgpd-visit"') == n_visits
    assert r.text.count('class="rgpd-response"') >= 1
    assert 'action="/donnees-personnelles/effacer"' in r.text
    assert "/donnees-personnelles/export?pseudonyme=" + s["pseudonym"] in r.text


def test_find_by_card_code():
    s = subjects()
    coord = signed_in(COORD)
    r = coord.get("/donnees-personnelles?carte=" + CARD.lower().replace(" ", "-"))
    expect(r, 200)
    assert s["card_person"] in page_text(r)
    assert r.text.count('class="rgpd-invitation"') >= 1
    assert r.text.count('class="rgpd-response"') >= 1


def test_bad_input_is_a_clear_4xx():
    coord = signed_in(COORD)
    r = coord.get("/donnees-personnelles?pseudonyme=ab")
    expect(r, 422)
    assert "Ce code de personne n'est pas valide" in page_text(r)
    r = coord.get("/donnees-personnelles?carte=ABC&pseudonyme=ABCD")
    expect(r, 422)
    assert "Indiquez un seul code" in page_text(r)
    r = coord.get("/donnees-personnelles?carte=<script>&lang=en")
    expect(r, 422)
    assert "This card code is not valid" in page_text(r)
    assert "<script>" not in r.text
    # Back to French (the choice sticks to the account).
    coord.get("/donnees-personnelles?lang=fr")
    r = coord.get("/donnees-personnelles?carte=&pseudonyme=")
    expect(r, 422)
    r = coord.get("/donnees-personnelles?pseudonyme=" + "A" * 300)
    expect(r, 422)
    expect(coord.get("/donnees-personnelles/export?pseudonyme=a'b"), 400)
    expect(coord.get("/donnees-personnelles/export"), 400)
    r = coord.post("/donnees-personnelles/effacer", {"pseudonyme": "x"})
    expect(r, 400)
    r = coord.get("/donnees-personnelles?pseudonyme=ZZZZ9999")
    expect(r, 200)
    assert "Aucune donnée n'est liée à ce code" in page_text(r), page_text(r)[-1500:]


def test_export_needs_a_password_check_and_contains_the_visits():
    s = subjects()
    coord = signed_in(COORD)
    stale_reauth(coord)
    path = "/donnees-personnelles/export?pseudonyme=" + s["pseudonym"]
    r = coord.get(path)
    expect(r, 303)
    assert r.header("location").startswith("/connexion/confirmer?suite=")
    confirm(coord)
    before = int(sql_value("select count(*) from audit_log "
                           "where action = 'rights.export'"))
    r = coord.get(path)
    expect(r, 200)
    assert r.header("content-type").startswith("application/json")
    assert r.header("cache-control") == "no-store"
    assert "attachment" in r.header("content-disposition")
    doc = r.json()
    assert doc["beneficiary"]["pseudonym"] == s["pseudonym"]
    ids = sorted(int(v["id"]) for v in doc["visits"])
    want = [int(x[0]) for x in sql(
        "select v.id from visits v join beneficiaries b on "
        "b.id = v.beneficiary_id where b.pseudonym = :'p1' order by v.id",
        s["pseudonym"])]
    assert ids == want
    assert len(doc["responses"]) >= 1 and doc["responses"][0]["answers"]
    assert int(sql_value("select count(*) from audit_log "
                         "where action = 'rights.export'")) == before + 1
    # The audit row does not repeat the person code.
    assert s["pseudonym"] not in sql_value(
        "select detail::text || object_id from audit_log "
        "where action = 'rights.export' order by id desc limit 1")
    r = coord.get("/donnees-personnelles/export?carte=" + CARD.replace(" ", ""))
    expect(r, 200)
    assert r.json()["beneficiary"]["pseudonym"] == s["card_person"]
    expect(coord.get("/donnees-personnelles/export?pseudonyme=ZZZZ9999"), 404)


def test_other_roles_and_organisations_get_nothing():
    s = subjects()
    other_org()
    clear_throttle()
    for email in (MED, FUNDER):
        c = signed_in(email)
        # Roles not listed on a route: the driver's 404 (app/mreq_guard.c).
        expect(c.get("/donnees-personnelles"), 404, email)
        expect(c.get("/donnees-personnelles?pseudonyme=" + s["pseudonym"]),
               404, email)
        expect(c.get("/donnees-personnelles/export?pseudonyme=" +
                     s["pseudonym"]), 404, email)
        r = c.post("/donnees-personnelles/effacer",
                   {"pseudonyme": s["pseudonym"], "confirmer": "oui"})
        expect(r, 404, email)
        assert 'href="/donnees-personnelles"' not in c.get("/espace").text
    expect(Client().get("/donnees-personnelles"), 303)
    coord2 = signed_in(COORD2)
    r = coord2.get("/donnees-personnelles?pseudonyme=" + s["pseudonym"])
    expect(r, 200)
    assert "Aucune donnée n'est liée à ce code" in page_text(r)
    assert s["pseudonym"] not in page_text(r).replace(
        'value="%s"' % s["pseudonym"], "")
    r = coord2.get("/donnees-personnelles?carte=" + CARD.replace(" ", "+"))
    assert "Aucune donnée n'est liée à ce code" in page_text(r)
    expect(coord2.get("/donnees-personnelles/export?pseudonyme=" +
                      s["pseudonym"]), 404)
    r = coord2.post("/donnees-personnelles/effacer",
                    {"pseudonyme": s["pseudonym"], "confirmer": "oui"})
    expect(r, 404)
    other_org_put_away()


def test_erasure_needs_csrf_and_a_password_check():
    s = subjects()
    coord = signed_in(COORD)
    page = "/donnees-personnelles?pseudonyme=" + s["pseudonym"]
    coord.get(page)
    data = {"pseudonyme": s["pseudonym"], "confirmer": "oui"}
    expect(coord.post("/donnees-personnelles/effacer", data, csrf=False), 403)
    expect(coord.post("/donnees-personnelles/effacer", data,
                      origin="http://evil.example"), 403)
    r = coord.post("/donnees-personnelles/effacer",
                   {"pseudonyme": s["pseudonym"]})
    expect(r, 422, "not confirmed")
    stale_reauth(coord)
    r = coord.post("/donnees-personnelles/effacer", data,
                   headers={"Referer": BASE + page})
    expect(r, 303)
    assert r.header("location").startswith("/connexion/confirmer?suite=")
    assert sql_value("select count(*) from beneficiaries where pseudonym = "
                     ":'p1'", s["pseudonym"]) == "1", "erased without reauth"


def test_erasure_keeps_signed_reports_and_figures():
    s = subjects()
    make_report()
    sql("select visit_rollup_refresh(%s, '2024-01-01', '2027-01-01'), "
        "answer_rollup_refresh(%s)" % (ORG, ORG))
    fig, rep = figures(), reports_digest()
    coord = signed_in(COORD)
    dash_before = page_text(coord.get("/tableau-de-bord"))
    audit = int(sql_value("select count(*) from audit_log "
                          "where action = 'rights.erase'"))
    for field, value, person in (("pseudonyme", s["pseudonym"],
                                  s["pseudonym"]),
                                 ("carte", CARD, s["card_person"])):
        coord.get("/donnees-personnelles?%s=%s" % (field, value.replace(" ", "+")))
        r = coord.post("/donnees-personnelles/effacer",
                       {field: value, "confirmer": "oui"})
        expect(r, 303, "erase " + field)
        assert r.header("location") == "/donnees-personnelles?efface=1"
        t = page_text(coord.get(r.header("location")))
        assert "sont effacées" in t, t[-1500:]
        r = coord.get("/donnees-personnelles?%s=%s" % (field, value.replace(" ", "+")))
        expect(r, 200)
        assert "Aucune donnée n'est liée à ce code" in page_text(r)
        r = coord.get("/donnees-personnelles?pseudonyme=" + person)
        assert "Aucune donnée n'est liée à ce code" in page_text(r)
        expect(coord.get("/donnees-personnelles/export?%s=%s" % (
            field, value.replace(" ", ""))), 404)
        r = coord.post("/donnees-personnelles/effacer",
                       {field: value, "confirmer": "oui"})
        expect(r, 404, "erased twice")
    assert int(sql_value("select count(*) from audit_log "
                         "where action = 'rights.erase'")) == audit + 2
    assert sql_value("select count(*) from beneficiaries where pseudonym "
                     "in (:'p1', :'p2')", s["pseudonym"],
                     s["card_person"]) == "0"
    assert sql_value("select count(*) from invitations where token_hash = "
                     "decode(:'p1', 'hex')", CARD_HASH) == "0"
    # The card can no longer open a survey.
    expect(get("/r/" + CARD.replace(" ", "")), 404)
    assert reports_digest() == rep, "signed reports changed"
    assert figures() == fig, "figures changed"
    sql("select visit_rollup_refresh(%s, '2024-01-01', '2027-01-01'), "
        "answer_rollup_refresh(%s)" % (ORG, ORG))
    assert figures() == fig, "figures changed after a rebuild"
    assert page_text(coord.get("/tableau-de-bord")) == dash_before
    # The visits of the erased person still show, without a code.
    vid = sql_value("select min(v.id) from visits v join beneficiaries b "
                    "on b.id = v.beneficiary_id where b.erased_at is not null")
    assert vid
    expect(coord.get("/visites"), 200)
    expect(coord.get("/visites/activite"), 200)
    r = coord.get("/visites/%s" % vid)
    expect(r, 200)
    for p in (s["pseudonym"], s["card_person"]):
        assert p not in r.text
    out = subprocess_audit_verify()
    assert out == 0, "audit chain broken"


def subprocess_audit_verify():
    import os
    import subprocess
    top = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    r = subprocess.run([os.path.join(top, "build", "mesure-admin"),
                        "audit-verify"], capture_output=True, text=True,
                       env=dict(os.environ, MESURE_DATABASE=DB))
    return r.returncode


def test_privacy_page_links_to_the_register():
    for lang, words in (("fr", "Lire le registre des traitements"),
                        ("en", "Read the register of processing")):
        r = get("/confidentialite?lang=" + lang)
        expect(r, 200)
        assert 'href="/confidentialite/registre"' in r.text
        assert words in page_text(r)
    r = get("/confidentialite/registre")
    expect(r, 200)
    check_security_headers(r)
    assert r.header("content-type") == "text/plain; charset=utf-8"
    text = r.body.decode()
    assert "Registre des activités de traitement" in text
    assert "Droits des personnes" in text
    assert "/donnees-personnelles" in text
