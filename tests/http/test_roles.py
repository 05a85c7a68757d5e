"""Roles and tenant isolation (issue #4): each role reaches what it should
and nothing else, and another organisation's objects answer 404 – a table
of role x route x expected status, with a second organisation."""
from test_auth_helpers import *

# Filled once: a signed-in client per role, and user ids to aim at.
_clients = {}


def clients():
    if not _clients:
        other_org()
        clear_throttle()
        _clients["anonymous"] = Client()
        for role, email in (("admin", ADMIN), ("coordinator", COORD),
                            ("mediator", MED), ("funder", FUNDER),
                            ("admin2", ADMIN2), ("coordinator2", COORD2),
                            ("mediator2", MED2), ("funder2", FUNDER2)):
            _clients[role] = signed_in(email)
    return _clients


def matrix():
    own = user_id(COORD)            # a user of Action Numérique
    other = user_id(COORD2)         # a user of Entraide Loiret
    # route: {role: status}; roles not listed get the "staff" default.
    A, C, M, F, A2 = "admin", "coordinator", "mediator", "funder", "admin2"
    staff = {A: 200, C: 200, M: 200, F: 200, A2: 200, "anonymous": 303}
    admin_only = {A: 200, C: 404, M: 404, F: 404, A2: 200, "anonymous": 303}
    return [
        ("/espace", staff),
        ("/compte", staff),
        ("/compte/sessions", staff),
        ("/compte/mot-de-passe", staff),
        ("/connexion/confirmer", staff),
        ("/api/session", dict(staff, anonymous=401)),
        ("/admin/utilisateurs", admin_only),
        ("/admin/utilisateurs/nouveau", admin_only),
        ("/admin/journal", admin_only),
        ("/questionnaires", {A: 404, C: 200, M: 404, F: 404, A2: 404,
                             "anonymous": 303}),
        # Visits (issue #5): mediators and coordinators; an administrator
        # may read the lists; never a funder.
        ("/visites/nouvelle", {A: 404, C: 200, M: 200, F: 404, A2: 404,
                               "anonymous": 303}),
        ("/visites", {A: 200, C: 200, M: 200, F: 404, A2: 200,
                      "anonymous": 303}),
        ("/visites/activite", {A: 200, C: 200, M: 404, F: 404, A2: 200,
                               "anonymous": 303}),
        ("/visites/import", {A: 200, C: 200, M: 404, F: 404, A2: 200,
                             "anonymous": 303}),
        ("/tablettes", {A: 200, C: 200, M: 200, F: 404, A2: 200,
                        "anonymous": 303}),
        # Reports (issue #7) and the dashboard (issue #6).
        ("/rapports", {A: 200, C: 200, M: 404, F: 200, A2: 200,
                       "anonymous": 303}),
        ("/rapports/nouveau", {A: 404, C: 200, M: 404, F: 404, A2: 404,
                               "anonymous": 303}),
        ("/rapports/citations", {A: 404, C: 200, M: 404, F: 404, A2: 404,
                                 "anonymous": 303}),
        # Projects, conventions and exports (issue #6): coordinators.
        ("/projets", {A: 404, C: 200, M: 404, F: 404, A2: 404,
                      "anonymous": 303}),
        ("/financeurs", {A: 404, C: 200, M: 404, F: 404, A2: 404,
                         "anonymous": 303}),
        ("/exports", {A: 404, C: 200, M: 404, F: 404, A2: 404,
                      "anonymous": 303}),
        ("/exports/dictionnaire.csv", {A: 404, C: 200, M: 404, F: 404,
                                       A2: 404, "anonymous": 303}),
        ("/tableau-de-bord", {A: 404, C: 200, M: 404, F: 404, A2: 404,
                              "anonymous": 303}),
        # The people's rights (issue #8): coordinators and administrators;
        # the export and the erasure check their input first (400).
        ("/donnees-personnelles", {A: 200, C: 200, M: 404, F: 404, A2: 200,
                                   "anonymous": 303}),
        ("/donnees-personnelles/export", {A: 400, C: 400, M: 404, F: 404,
                                          A2: 400, "anonymous": 303}),
        ("/donnees-personnelles/effacer", {A: 405, C: 405, M: 404, F: 404,
                                           A2: 405, "anonymous": 303}),
        ("/verify", {r: 200 for r in staff}),
        ("/questionnaires/satisfaction", {A: 404, C: 200, M: 404, F: 404,
                                          A2: 404, "anonymous": 303}),
        ("/admin/utilisateurs/%s" % own, dict(admin_only, admin2=404)),
        ("/admin/utilisateurs/%s" % other, dict(admin_only, admin=404)),
        ("/admin/utilisateurs/999999999", dict(admin_only, admin=404,
                                               admin2=404)),
        # Public pages stay public for everyone.
        ("/", {r: 200 for r in staff}),
        ("/connexion", {r: 200 for r in staff}),
        ("/healthz", {r: 200 for r in staff}),
    ]


def test_role_by_route_table():
    cs = clients()
    wrong = []
    for path, want in matrix():
        for role, status in want.items():
            r = cs[role].get(path)
            if r.status != status:
                wrong.append("%s %s: %d, expected %d" % (role, path,
                                                         r.status, status))
            check_security_headers(r)
    assert not wrong, "\n".join(wrong)


def test_forbidden_page_looks_like_a_missing_one():
    cs = clients()
    forbidden = cs["mediator"].get("/admin/utilisateurs")
    missing = cs["mediator"].get("/nulle-part")
    assert forbidden.status == missing.status == 404
    assert page_text(forbidden) == page_text(missing).replace(
        "/nulle-part", "/admin/utilisateurs")


def test_unauthenticated_page_goes_to_signin_and_comes_back():
    r = Client().get("/admin/utilisateurs?x=1")
    expect(r, 303)
    assert r.header("location") == \
        "/connexion?suite=/admin/utilisateurs%3Fx%3D1", r.header("location")
    r = Client().get("/api/session")
    expect(r, 401)
    assert r.json() == {"error": "unauthenticated"}
    assert r.header("content-type").startswith("application/json")


def test_other_organisation_actions_answer_404_and_change_nothing():
    cs = clients()
    own = user_id(COORD)
    for verb in ("desactiver", "lien", "activer"):
        r = cs["admin2"].post("/admin/utilisateurs/%s/%s" % (own, verb))
        expect(r, 404, verb)
    r = cs["admin2"].post("/admin/utilisateurs/%s" % own, {
        "email": "pwned@entraide-loiret.example", "name": "Pwned",
        "role": "admin", "lang": "fr"})
    expect(r, 404, "edit")
    row = sql("select email, role, disabled_at from users where id = :'p1'",
              own)[0]
    assert row[:2] == [COORD, "coordinator"] and not row[2], row
    assert sql_value("select count(*) from password_links where user_id = "
                     ":'p1'", own) == "0"


def test_admin_cannot_give_another_organisations_site_or_funder():
    cs = clients()
    site2 = sql_value("select id from sites where code = 'montargis-gare'")
    funder2 = sql_value("select id from funders where name = "
                        "'Fondation Test Loiret'")
    r = cs["admin"].post("/admin/utilisateurs/nouveau", {
        "email": "intrus@action-numerique.example", "name": "Intrus",
        "role": "mediator", "site": [site2], "lang": "fr"})
    expect(r, 422)
    assert "Un médiateur a au moins un point d'accueil" in page_text(r)
    r = cs["admin"].post("/admin/utilisateurs/nouveau", {
        "email": "intrus@action-numerique.example", "name": "Intrus",
        "role": "funder", "funder": funder2, "lang": "fr"})
    expect(r, 422)
    assert sql_value("select count(*) from users where email = "
                     "'intrus@action-numerique.example'") == "0"


def test_lists_and_home_pages_show_only_ones_own():
    cs = clients()
    users = page_text(cs["admin"].get("/admin/utilisateurs"))
    assert COORD in users and MED in users and FUNDER in users
    assert COORD2 not in users and ADMIN2 not in users
    users2 = page_text(cs["admin2"].get("/admin/utilisateurs"))
    assert COORD2 in users2 and COORD not in users2 and FUNDER not in users2

    home = page_text(cs["coordinator"].get("/espace"))
    assert "Digilab La Source" in home and "Montargis" not in home
    home2 = page_text(cs["coordinator2"].get("/espace"))
    assert "Point Montargis Gare" in home2 and "Digilab" not in home2

    med = page_text(cs["mediator"].get("/espace"))
    assert "Digilab La Source" in med and "Digilab Argonne" in med
    assert "Digilab Centre" not in med and "Montargis" not in med

    fund = page_text(cs["funder"].get("/espace"))
    assert "FO-EMOJI-DIGILAB" in fund
    assert "CAF-45-INCL-NUM" not in fund and "FTL-2026" not in fund
    fund2 = page_text(cs["funder2"].get("/espace"))
    assert "FTL-2026" in fund2 and "FO-EMOJI" not in fund2

    log = page_text(cs["admin2"].get("/admin/journal"))
    assert ADMIN not in log and "admin@entraide-loiret.example" in log


def test_scope_comes_from_the_session_not_the_request():
    """Parameters that look like a scope are ignored."""
    cs = clients()
    org1 = sql_value("select id from organisations where slug = "
                     "'action-numerique'")
    page = page_text(cs["admin2"].get(
        "/admin/utilisateurs?organisation_id=%s&org=%s" % (org1, org1)))
    assert COORD not in page
    sess = cs["mediator2"].get("/api/session?sites=1,2,3,4").json()
    site2 = int(sql_value("select id from sites where code = "
                          "'montargis-gare'"))
    assert sess["sites"] == [site2], sess
    assert sess["user"]["role"] == "mediator"


def test_role_change_takes_effect_at_once():
    c = signed_in(MED_CENTRE)
    expect(c.get("/admin/utilisateurs"), 404)
    uid = user_id(MED_CENTRE)
    sql("update users set role = 'coordinator' where id = :'p1'", uid)
    try:
        home = c.get("/espace")
        expect(home, 200)
        assert "Tableau de bord" in page_text(home)
    finally:
        sql("update users set role = 'mediator' where id = :'p1'", uid)
    assert "Mes points d'accueil" in page_text(c.get("/espace"))


def test_second_organisation_is_put_away_last():
    """Runs last in this file: the public home is the demo's again."""
    other_org_put_away()
    r = get("/")
    assert "Montargis" not in page_text(r)
    assert r.text.count('class="site"') == 4
