"""Visits (issue #5): a mediator records a visit and corrects it, hands
the tablet over to the survey or gives a follow-up card; a coordinator
lists, filters and counts the visits, looks at the activity, imports a
spreadsheet of past visits. Every input checked, every figure checked
against SQL written here, tenant and mediator scope enforced."""
import random
import re
import urllib.parse

from test_visits_helpers import *

MED2_SAME_ORG = MED_CENTRE          # Centre only; not La Source


def num(s):
    return int(s.replace("\u00a0", "").replace("\u202f", "").replace(" ", ""))


def totals(r):
    """The totals line of /visites: visits, people, new, returning,
    visits without a code."""
    t = re.sub(r"\s+", " ", page_text(r))
    m = re.search(r"([\d\u00a0]+) visites ([\d\u00a0]+) personnes suivies "
                  r"([\d\u00a0]+) nouvelles, ([\d\u00a0]+) revenues "
                  r"([\d\u00a0]+) visites sans code", t)
    assert m, t[:1500]
    return [num(x) for x in m.groups()]


# Recording ------------------------------------------------------------------

def test_a_visit_is_recorded_with_everything_the_mediator_ticked():
    c = signed_in(MED)
    vid = record(c, site="la-source", domaines=["famille", "logement"],
                 aide="faire-a-la-place", orientation="caf", duree="45",
                 autonomie="fait-pour", canal="telephone",
                 demarches=["faire-demande", "declarer"],
                 nouvelle_personne="1", age="65-79", qpv="oui",
                 premiere_visite="oui")
    row = sql("""select s.code, v.help_kind, v.partner_code, v.autonomy,
        v.channel, v.duration_min, v.first_visit, b.age_bracket,
        u.email from visits v join sites s on s.id = v.site_id
        join beneficiaries b on b.id = v.beneficiary_id
        join users u on u.id = v.mediator_id where v.id = :'p1'""", vid)
    assert row == [["la-source", "faire-a-la-place", "caf", "fait-pour",
                    "telephone", "45", "t", "65-79", MED]], row
    assert sql("select domain_code from visit_domains where visit_id = :'p1' "
               "order by 1", vid) == [["famille"], ["logement"]]
    assert sql("select procedure_code from visit_procedures where visit_id = "
               ":'p1' order by 1", vid) == [["declarer"], ["faire-demande"]]
    # The next page offers the survey and the card, and names the code
    # drawn for the new person (no name, no contact detail anywhere).
    page = c.get("/visites/%s/suite" % vid)
    expect(page, 200)
    code = sql_value("select b.pseudonym from visits v join beneficiaries b "
                     "on b.id = v.beneficiary_id where v.id = :'p1'", vid)
    assert code in page_text(page)
    assert "/visites/%s/enquete" % vid in page.text
    assert "/visites/%s/carte" % vid in page.text


def test_a_returning_person_is_found_by_the_first_letters_of_their_code():
    c = signed_in(MED)
    first = record(c, nouvelle_personne="1")
    code = sql_value("select b.pseudonym from visits v join beneficiaries b "
                     "on b.id = v.beneficiary_id where v.id = :'p1'", first)
    r = c.get("/api/beneficiaires?debut=" + code[:3])
    expect(r, 200)
    assert code in r.text, r.text[:300]
    again = record(c, pseudonyme=code)
    assert sql_value("select count(distinct beneficiary_id) from visits "
                     "where id in (:'p1', :'p2')", first, again) == "1"
    # Another organisation's mediator does not find that person.
    other_org()
    r = signed_in(MED2).get("/api/beneficiaires?debut=" + code[:3])
    assert code not in r.text
    other_org_put_away()


def test_the_form_refuses_what_is_wrong_with_a_message_next_to_each_field():
    c = signed_in(MED)
    c.get("/visites/nouvelle")
    n = visit_count()
    cases = [
        (dict(domaines=None), "domaines"),
        (dict(aide=None), "aide"),
        (dict(aide="<script>"), "aide"),
        (dict(site="montargis-gare"), "site"),        # another organisation
        (dict(site="centre"), "site"),                # not one of hers
        (dict(date="2099-01-01"), "date"),            # in the future
        (dict(date="31/02/2026"), "date"),
        (dict(duree="", duree_autre="9999"), "duree"),
        (dict(orientation="nulle-part"), "orientation"),
        (dict(domaines=["famille", "' or 1=1 --"]), "domaines"),
        (dict(pseudonyme="<b>x</b>"), "pseudonyme"),
    ]
    other_org()
    try:
        for over, field in cases:
            r = c.post("/visites/nouvelle", visit_form(**over))
            expect(r, 422, repr(over))
            errs = field_errors(r)
            assert field in errs and errs[field], (over, errs)
            assert "<script>" not in r.text and "<b>x</b>" not in r.text
            # What was typed comes back ticked: the form is refilled.
            assert 'name="csrf"' in r.text
    finally:
        other_org_put_away()
    assert visit_count() == n


def test_hostile_bodies_get_a_4xx_and_never_a_500():
    c = signed_in(MED)
    c.get("/visites/nouvelle")
    bodies = [b"\xff\xfe\x00", b"a=" + b"%" * 50, b"site=" + b"x" * 70000,
              b"domaines=famille&domaines=famille&domaines=famille" * 40]
    for b in bodies:
        r = c._keep(request("POST", "/visites/nouvelle", body=b + (
            "&csrf=%s" % c.csrf).encode(), headers=c.headers({
                "Origin": BASE,
                "Content-Type": "application/x-www-form-urlencoded"})))
        assert 400 <= r.status < 500, (b[:40], r.status)


# Corrections ----------------------------------------------------------------

def test_a_mediator_corrects_their_own_visits_of_the_day_only():
    mine = signed_in(MED)
    vid = record(mine, domaines=["travail"])
    r = mine.get("/visites/%s" % vid)
    expect(r, 200, "own visit")
    r = mine.post("/visites/%s" % vid, visit_form(domaines=["argent"]))
    assert r.status == 303, (r.status, page_text(r)[:300])
    assert sql("select domain_code from visit_domains where visit_id = :'p1'",
               vid) == [["argent"]]
    # Another mediator of the same organisation cannot see or change it.
    other = signed_in(MED2_SAME_ORG)
    for path in ("/visites/%s" % vid, "/visites/%s/suite" % vid):
        r = other.get(path)
        assert r.status in (403, 404), (path, r.status)
    other.get("/visites/nouvelle")
    r = other.post("/visites/%s" % vid, visit_form(site="centre",
                                                      domaines=["justice"]))
    assert r.status in (403, 404), r.status
    r = other.post("/visites/%s/supprimer" % vid)
    assert r.status in (403, 404), r.status
    assert sql("select domain_code from visit_domains where visit_id = :'p1'",
               vid) == [["argent"]]
    # Another organisation: 404, as if it did not exist.
    other_org()
    r = signed_in(MED2).get("/visites/%s" % vid)
    expect(r, 404)
    other_org_put_away()
    # A visit recorded on another day is no longer the mediator's to change.
    old = sql_value("select v.id from visits v join users u on "
                    "u.id = v.mediator_id where u.email = :'p1' and "
                    "v.created_at < now() - interval '2 days' limit 1", MED)
    r = mine.get("/visites/%s" % old)
    assert r.status in (403, 404), r.status


def test_a_coordinator_corrects_any_visit_and_the_audit_log_says_so():
    c = signed_in(COORD)
    vid = sql_value("select v.id from visits v join sites s on s.id = v.site_id "
                    "where s.code = 'argonne' order by v.id limit 1")
    page = c.get("/visites/%s" % vid)
    expect(page, 200)
    site = sql_value("select s.code from visits v join sites s on s.id = "
                     "v.site_id where v.id = :'p1'", vid)
    r = c.post("/visites/%s" % vid, visit_form(site=site, domaines=["loisirs"],
                                               date=sql_value(
        "select to_char(visited_at at time zone 'Europe/Paris', 'YYYY-MM-DD') "
        "from visits where id = :'p1'", vid)))
    assert r.status == 303, (r.status, page_text(r)[:400])
    assert sql("select domain_code from visit_domains where visit_id = :'p1'",
               vid) == [["loisirs"]]
    assert sql_value("select count(*) from audit_log where object_type = 'visit' "
                     "and object_id = :'p1'", vid) != "0"


# Lists and totals -----------------------------------------------------------

def test_the_coordinators_totals_are_those_of_sql():
    c = signed_in(COORD)
    checks = [
        ("du=2026-07-01&au=2026-09-30", ""),
        ("du=2026-07-01&au=2026-09-30&site=argonne",
         " and s.code = 'argonne'"),
        ("du=2026-04-01&au=2026-09-30&aide=accompagnement",
         " and v.help_kind = 'accompagnement'"),
        ("du=2026-01-01&au=2026-06-30&domaine=famille",
         " and exists (select 1 from visit_domains d where d.visit_id = v.id"
         " and d.domain_code = 'famille')"),
    ]
    for qs, where in checks:
        d0 = re.search(r"du=([\d-]+)", qs).group(1)
        d1 = re.search(r"au=([\d-]+)", qs).group(1)
        base = ("from visits v join sites s on s.id = v.site_id "
                "join organisations o on o.id = v.organisation_id "
                "where o.slug = 'action-numerique' "
                "and v.visited_at >= (:'p1'::date::timestamp at time zone 'Europe/Paris') "
                "and v.visited_at < ((:'p2'::date + 1)::timestamp at time zone 'Europe/Paris')"
                + where)
        want = sql("select count(*), count(distinct v.beneficiary_id), "
                   "count(distinct v.beneficiary_id) filter (where v.first_visit), "
                   "count(*) filter (where v.beneficiary_id is null) " + base, d0, d1)[0]
        want = [int(x) for x in want]
        got = totals(c.get("/visites?" + qs))
        assert got[0] == want[0] and got[1] == want[1], (qs, got, want)
        assert got[2] == want[2] and got[2] + got[3] == got[1], (qs, got, want)
        assert got[4] == want[3], (qs, got, want)


def test_a_mediator_lists_their_visits_of_the_day_and_nobody_elses():
    c = signed_in(MED)
    vid = record(c)
    r = c.get("/visites")
    expect(r, 200)
    assert "/visites/%s" % vid in r.text
    n = int(sql_value(
        "select count(*) from visits v join users u on u.id = v.mediator_id "
        "where u.email = :'p1' and v.created_at >= ((now() at time zone "
        "'Europe/Paris')::date::timestamp at time zone 'Europe/Paris')", MED))
    m = re.search(r"([\d\u00a0]+) visites", re.sub(r"\s+", " ", page_text(r)))
    assert m and num(m.group(1)) == n, (m and m.group(1), n)
    r = signed_in(MED2_SAME_ORG).get("/visites")
    assert "/visites/%s\"" % vid not in r.text


def test_bad_filters_are_refused_or_ignored_never_a_500():
    c = signed_in(COORD)
    for qs in ("du=2026-13-01", "du=hier", "site=%3Cscript%3E",
               "aide=' or 1=1", "du=2026-09-30&au=2026-01-01",
               "page=-1", "page=99999999999999999999", "domaine=" + "x" * 500):
        r = c.get("/visites?" + urllib.parse.quote(qs, safe="=&"))
        assert r.status in (200, 400, 422), (qs, r.status)
        assert "<script>" not in r.text


# Activity -------------------------------------------------------------------

def test_activity_charts_are_inline_svg_with_the_figures_of_sql():
    c = signed_in(COORD)
    r = c.get("/visites/activite?trimestre=2026-T3")
    expect(r, 200)
    assert r.text.count("<svg") >= 4, r.text.count("<svg")
    # Nothing from another host: no src or href outside this one.
    assert not re.search(r'(src|href)="(https?:)?//', r.text)
    text = re.sub(r"\s+", " ", page_text(r))
    for code, name in (("argonne", "Digilab Argonne"), ("la-source", "Digilab La Source")):
        n = sql_value("""select count(*) from visits v join sites s on s.id = v.site_id
            where s.code = :'p1' and v.visited_at >= ('2026-07-01'::timestamp at time zone
            'Europe/Paris') and v.visited_at < ('2026-10-01'::timestamp at time zone
            'Europe/Paris')""", code)
        assert "%s %s" % (name, n) in text, (name, n, text[:2000])
    # New and returning people apart, adding up to the people.
    people, new = [int(x) for x in sql("""select count(distinct beneficiary_id),
        count(distinct beneficiary_id) filter (where first_visit) from visits v
        where v.visited_at >= ('2026-07-01'::timestamp at time zone 'Europe/Paris')
        and v.visited_at < ('2026-10-01'::timestamp at time zone 'Europe/Paris')""")[0]]
    m = re.search(r"([\d\u00a0]+) personnes suivies ([\d\u00a0]+) nouvelles, "
                  r"([\d\u00a0]+) revenues", text)
    assert m and [num(x) for x in m.groups()] == [people, new, people - new], \
        (m and m.groups(), people, new)


# The hand-over to the survey -------------------------------------------------

def test_the_handover_ties_the_response_to_the_visits_site_and_domain_once():
    c = signed_in(MED)
    vid = record(c, site="la-source", domaines=["papiers-citoyennete"],
                 aide="accompagnement")
    c.get("/visites/%s/suite" % vid)
    r = c.post("/visites/%s/enquete" % vid)
    expect(r, 303, "hand-over")
    link = r.header("location")
    assert link.startswith("/r/"), link
    inv = sql("select s.code, i.domain_code, i.help_kind, i.visit_id from "
              "invitations i join sites s on s.id = i.site_id order by i.id "
              "desc limit 1")[0]
    assert inv[0] == "la-source" and inv[3] is None, inv  # never the visit
    # The person answers on the tablet, with no session of theirs.
    p = Client()
    form = p.get(link)
    expect(form, 200)
    rid = re.search(r'name="_id" value="([0-9a-f-]{36})"', form.text).group(1)
    ans = {"_id": rid, "accueil": "5", "explications": "4",
           "demarche_reussie": "oui", "domaine": "papiers-citoyennete",
           "autonome": "oui", "rassure": "oui", "recommande": "9"}
    sent = p.post(link, ans, csrf=False)
    assert sent.status == 303, (sent.status, page_text(sent)[:500])
    row = sql("select s.code, r.domain_code, r.help_kind, r.visit_id from "
              "responses r join sites s on s.id = r.site_id where r.id = :'p1'",
              rid)
    assert row and row[0][0] == "la-source" and row[0][3] is None, row
    assert row[0][1] == inv[1] and row[0][2] == inv[2], (row, inv)
    # The invitation is used: a second response through it is refused.
    again = Client().get(link)
    assert again.status in (410, 404, 200), again.status
    if again.status == 200:
        assert "_id" not in again.text or "déjà" in page_text(again)


def test_the_follow_up_card_carries_a_one_time_code_for_the_outcomes_survey():
    c = signed_in(MED)
    vid = record(c, nouvelle_personne="1")
    c.get("/visites/%s/suite" % vid)
    n = int(sql_value("select count(*) from invitations"))
    r = c.post("/visites/%s/carte" % vid)
    expect(r, 200, "card")
    assert int(sql_value("select count(*) from invitations")) == n + 1
    survey = sql_value("select s.code from invitations i join surveys s on "
                       "s.id = i.survey_id order by i.id desc limit 1")
    assert survey == "resultats", survey
    text = page_text(r)
    assert re.search(r"[A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{4}", text), text[:800]
    assert "<svg" in r.text          # its QR code, drawn here


# Import ---------------------------------------------------------------------

GOOD = ("Date;Site;Domaines;Type d'aide;Durée\n"
        "02/03/2026;Digilab Argonne;Famille|Logement;Accompagnement;20\n"
        "03/03/2026;la-source;travail;information;15\n").encode()


def test_import_dry_run_lists_every_bad_line_and_writes_nothing():
    c = signed_in(COORD)
    c.get("/visites/import")
    bad = GOOD + ("04/03/2026;Nulle part;Famille;Accompagnement;20\n"
                  "31/02/2026;Digilab Argonne;;Accompagnement;abc\n").encode()
    n = visit_count()
    r = upload(c, bad)
    expect(r, 422, "a file with bad lines")
    text = re.sub(r"\s+", " ", page_text(r))
    assert "Rien n'a été enregistré" in text
    for line, col, why in (("4", "Site", "Valeur inconnue"),
                           ("5", "Date", "Date illisible"),
                           ("5", "Durée", "Durée illisible"),
                           ("5", "Domaines", "obligatoire")):
        assert re.search(r"\b%s %s .*?%s" % (line, col, why), text), \
            (line, col, why, text[-1500:])
    assert visit_count() == n
    for data, status in ((b"", 422), (b"\xff\xfe\xfa;;\n", 422),
                         (b"a;b\n" * 20, 422), (b"x" * (3 * 1024 * 1024), 413)):
        r = upload(c, data)
        assert r.status == status or 400 <= r.status < 500, (data[:20], r.status)
    expect(upload(c, GOOD, csrf=False), 403, "no csrf")
    assert visit_count() == n
    expect(signed_in(MED).post("/visites/import", {}), 404, "mediator")


def test_import_writes_the_file_once_after_confirmation():
    c = signed_in(COORD)
    c.get("/visites/import")
    # A file of its own (the same file twice is refused, see below).
    data = GOOD.replace(b"Accompagnement;20",
                        b"Accompagnement;%d" % random.randint(21, 599))
    n = visit_count()
    r = upload(c, data)
    expect(r, 303, "dry run ok")
    batch = r.header("location")
    page = c.get(batch)
    expect(page, 200)
    assert visit_count() == n                    # nothing yet
    r = c.post(batch)
    expect(r, 303, "confirm")
    assert visit_count() == n + 2
    assert sorted(sql("select s.code, v.source from visits v join sites s "
                      "on s.id = v.site_id order by v.id desc limit 2")) == \
        [["argonne", "import"], ["la-source", "import"]]
    expect(c.post(batch), 409, "confirmed twice")
    r = upload(c, data)
    assert r.status == 409, r.status             # the same file again
    assert visit_count() == n + 2
    batch_id = batch.rsplit("/", 1)[1]
    assert audit_rows("visit.import", batch_id), "audited"
    # The template names every column.
    t = c.get("/visites/import/modele.csv")
    expect(t, 200)
    assert t.header("content-type").startswith("text/csv")
    assert "Date;Heure;Site;Domaines" in t.text


# Tablets --------------------------------------------------------------------

def test_a_mediator_enrols_and_revokes_a_kiosk_tablet():
    c = signed_in(MED)
    r = c.get("/tablettes")
    expect(r, 200)
    r = c.post("/tablettes", {"site": "la-source", "nom": "Tablette accueil"})
    assert r.status in (200, 303), (r.status, page_text(r)[:300])
    page = c.get(r.header("location")) if r.status == 303 else r
    link = re.search(r"/kiosk/inscription/[A-Za-z0-9_-]{43}", page.text)
    assert link, page_text(page)[:800]
    dev = sql_value("select id from devices order by id desc limit 1")
    r = c.post("/tablettes/%s/retirer" % dev)
    assert r.status in (200, 303), r.status
    assert sql_value("select revoked_at is not null from devices where id = "
                     ":'p1'", dev) == "t"
    # Not for a site that is not hers.
    n = sql_value("select count(*) from devices")
    r = c.post("/tablettes", {"site": "centre", "nom": "X"})
    assert r.status in (403, 404, 422), r.status
    assert sql_value("select count(*) from devices") == n
