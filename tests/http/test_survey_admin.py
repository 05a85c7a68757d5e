"""Survey definitions for coordinators (issue #3, app/survey_admin.c): a
coordinator checks and loads a new version from a JSON file, sees every
fault with its path, downloads a version, puts an earlier one back live;
nothing is stored from a faulty file; another organisation's survey
answers 404; every load is in the audit log.

The loads use a survey of their own ("atelier-essai"), so that the
satisfaction survey the other tests answer never changes under them."""
import copy
import json
import os
import time
import uuid

from test_auth_helpers import *

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CODE = "atelier-essai"


def base_definition():
    """The shipped satisfaction survey, renamed into a survey of ours."""
    with open(os.path.join(ROOT, "conf", "surveys",
                           "satisfaction.json")) as f:
        d = json.load(f)
    d["code"] = CODE
    d["kind"] = "autre"
    d["title"] = {"fr": "Atelier d'essai", "en": "Trial workshop"}
    return d


def multipart(client, fields, files, csrf=True, origin=BASE):
    """A multipart/form-data POST as a browser's form sends it."""
    boundary = "----mesure" + uuid.uuid4().hex
    parts = []
    fields = dict(fields)
    if csrf is True and client.csrf:
        fields["csrf"] = client.csrf
    for name, value in fields.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; "
                      "name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value))
                     .encode("utf-8"))
    for name, (filename, data) in files.items():
        if isinstance(data, str):
            data = data.encode("utf-8")
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                      "filename=\"%s\"\r\nContent-Type: application/json"
                      "\r\n\r\n" % (boundary, name, filename))
                     .encode("utf-8") + data + b"\r\n")
    body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()
    h = {"Content-Type": "multipart/form-data; boundary=" + boundary}
    if origin:
        h["Origin"] = origin
    return client._keep(request("POST", "/questionnaires", body=body,
                                headers=client.headers(h)))


def upload(client, definition, action="load", filename="essai.json"):
    data = definition if isinstance(definition, (str, bytes)) \
        else json.dumps(definition, ensure_ascii=False)
    return multipart(client, {"action": action},
                     {"definition": (filename, data)})


def versions(code=CODE, org="action-numerique"):
    return sql_value("""select count(*) from survey_versions v
        join surveys s on s.id = v.survey_id
        join organisations o on o.id = s.organisation_id
        where s.code = :'p1' and o.slug = :'p2'""", code, org)


def live_version(code=CODE, org="action-numerique"):
    return sql_value("""select v.version from surveys s
        join survey_versions v on v.id = s.current_version_id
        join organisations o on o.id = s.organisation_id
        where s.code = :'p1' and o.slug = :'p2'""", code, org)


def coordinator():
    clear_throttle()
    c = signed_in(COORD)
    r = c.get("/questionnaires")
    expect(r, 200, "the surveys page")
    return c


def test_coordinator_sees_the_surveys_and_others_do_not():
    c = coordinator()
    r = c.get("/questionnaires")
    check_security_headers(r)
    assert r.header("cache-control") == "no-store", r.header("cache-control")
    text = page_text(r)
    assert "Votre avis sur le Digilab" in text, text[:500]
    assert "satisfaction" in text and "resultats" in text
    # The live version and the response count come from the database.
    n = sql_value("""select count(*) from responses r
        join survey_versions v on v.id = r.survey_version_id
        join surveys s on s.id = v.survey_id
        join organisations o on o.id = s.organisation_id
        where s.code = 'satisfaction' and o.slug = 'action-numerique'""")
    assert fmt_fr(int(n)) in text, (n, text[:800])
    assert 'href="/questionnaires"' in r.text  # in the navigation
    for who in (MED, FUNDER, ADMIN):
        r = signed_in(who).get("/questionnaires")
        expect(r, 404, who)
    expect(Client().get("/questionnaires"), 303, "anonymous")


def fmt_fr(n):
    """1234 as French pages write it (a no-break space between groups;
    page_text() keeps it)."""
    return "{:,}".format(n).replace(",", "\u00a0")


def test_check_only_stores_nothing():
    c = coordinator()
    before = versions()
    r = upload(c, base_definition(), action="check")
    expect(r, 200, "a check")
    text = page_text(r)
    assert "est valide" in text and CODE in text, text[:600]
    assert "Rien n'a été changé" in text
    assert versions() == before


def test_load_makes_a_live_version_the_respondents_see():
    c = coordinator()
    d = base_definition()
    d["title"]["fr"] = "Atelier d'essai %s" % uuid.uuid4().hex[:8]
    before = int(versions())
    r = upload(c, d)
    expect(r, 303, "a load")
    new = before + 1
    assert r.header("location") == "/questionnaires/%s?charge=%d" % (
        CODE, new), r.header("location")
    assert int(live_version()) == new
    who = sql_value("""select u.email from survey_versions v
        join surveys s on s.id = v.survey_id join users u on u.id = v.created_by
        where s.code = :'p1' and v.version = :'p2'""", CODE, str(new))
    assert who == COORD
    audit = sql("""select action, detail->>'version', actor from audit_log
        where object_type = 'survey' and object_id = :'p1'
        order by id desc limit 1""", CODE)
    assert audit == [["survey.upload", str(new), COORD]], audit
    page = c.get(r.header("location"))
    expect(page, 200)
    assert "La version %d est chargée et en service" % new in page_text(page)
    # The respondents' page takes it within the cache's ten seconds.
    deadline = time.time() + 15
    while True:
        s = get("/s/%s/la-source" % CODE)
        if s.status == 200 and d["title"]["fr"] in page_text(s):
            break
        assert time.time() < deadline, (s.status, page_text(s)[:300])
        time.sleep(1)


def test_the_same_file_again_makes_no_new_version():
    c = coordinator()
    d = base_definition()
    upload(c, d)
    before = versions()
    live = live_version()
    # Key order and spacing do not count: the same survey.
    r = upload(c, json.dumps(d, indent=4, sort_keys=True))
    expect(r, 303)
    assert "?identique=%s" % live in r.header("location"), \
        r.header("location")
    assert versions() == before


def test_faults_are_listed_with_their_path_and_nothing_is_stored():
    c = coordinator()
    before = versions()
    d = base_definition()
    d["questions"][1]["colour"] = "blue"
    del d["questions"][0]["label"]
    r = upload(c, d, filename="mon<fichier>.json")
    expect(r, 422, "a faulty definition")
    text = page_text(r)
    # Each fault with its exact path.
    assert "<code>questions[0].label: missing</code>" in r.text, text[:1200]
    assert "<code>questions[1].colour: unknown key" in r.text, text[:1200]
    assert "mon<fichier>.json" in text          # named, and escaped:
    assert "mon<fichier>" not in r.text and "mon&lt;fichier&gt;" in r.text
    # The form is there again, with a fresh CSRF token.
    assert 'name="definition"' in r.text and 'name="csrf"' in r.text
    assert versions() == before


def test_bad_uploads_get_a_clear_4xx():
    c = coordinator()
    before = versions()
    cases = [
        ("not JSON", upload(c, "{ pas du json"), 422, None),
        ("not UTF-8", upload(c, b'{"code": "\xff\xfe"}'), 422, None),
        ("empty file", upload(c, b""), 422, "Choisissez un fichier"),
        ("too large", upload(c, b"{" + b" " * (300 * 1024) + b"}"), 413,
         "trop gros"),
        ("no file", multipart(c, {"action": "load"}, {}), 422,
         "Choisissez un fichier"),
        ("a JSON array", upload(c, "[1, 2]"), 422, None),
    ]
    for what, r, status, words in cases:
        expect(r, status, what)
        check_security_headers(r)
        if words:
            assert words in page_text(r), (what, page_text(r)[:400])
    # Not multipart: a plain form post.
    r = c.post("/questionnaires", {"action": "load", "definition": "{}"})
    expect(r, 415, "urlencoded")
    # No CSRF token, or another site's form.
    expect(multipart(c, {"action": "load"},
                     {"definition": ("a.json", json.dumps(base_definition()))},
                     csrf=False), 403, "no csrf")
    expect(multipart(c, {"action": "load"},
                     {"definition": ("a.json", json.dumps(base_definition()))},
                     origin="https://evil.example"), 403, "cross-origin")
    # Only an explicit "load" loads: no action, or an odd one, checks.
    fresh = base_definition()
    fresh["title"]["fr"] = "Jamais chargé %s" % uuid.uuid4().hex[:6]
    for fields in ({"action": "drop table"}, {}):
        r = multipart(c, fields,
                      {"definition": ("a.json", json.dumps(fresh))})
        expect(r, 200, "odd action %r" % fields)
        assert "Rien n'a été changé" in page_text(r)
    assert versions() == before


def test_versions_download_and_going_back():
    c = coordinator()
    d = base_definition()
    upload(c, d)
    d2 = copy.deepcopy(d)
    d2["title"]["fr"] = "Atelier d'essai, autre %s" % uuid.uuid4().hex[:6]
    upload(c, d2)
    live = int(live_version())
    r = c.get("/questionnaires/%s" % CODE)
    expect(r, 200)
    text = page_text(r)
    assert "en service" in text and "Remettre en service la version" in text
    # Each version's own links (regression: both once pointed to the
    # last one written).
    assert 'href="/questionnaires/%s/v%d.json"' % (CODE, live) in r.text
    assert 'action="/questionnaires/%s/v%d/activer"' % (CODE, live - 1) in r.text
    # Download: the stored definition, as an attachment.
    r = c.get("/questionnaires/%s/v%d.json" % (CODE, live))
    expect(r, 200, "download")
    assert r.header("content-type").startswith("application/json")
    assert r.header("content-disposition") == \
        'attachment; filename="%s-v%d.json"' % (CODE, live)
    assert r.header("cache-control") == "no-store"
    assert r.json() == d2
    # Back to the previous version.
    old = live - 1
    r = c.post("/questionnaires/%s/v%d/activer" % (CODE, old))
    expect(r, 303, "activate")
    assert int(live_version()) == old
    assert sql("""select action, detail->>'version' from audit_log
        where object_type = 'survey' and object_id = :'p1'
        order by id desc limit 1""", CODE) == [["survey.activate", str(old)]]
    r = c.get("/questionnaires/%s?active=%d" % (CODE, old))
    assert "La version %d est de nouveau en service" % old in page_text(r)
    # Without the CSRF token nothing changes.
    expect(c.post("/questionnaires/%s/v%d/activer" % (CODE, live),
                  csrf=False), 403)
    assert int(live_version()) == old
    # Unknown versions and surveys.
    expect(c.get("/questionnaires/%s/v999.json" % CODE), 404)
    expect(c.post("/questionnaires/%s/v999/activer" % CODE), 404)
    expect(c.get("/questionnaires/nulle-part"), 404)
    expect(c.get("/questionnaires/%s/v%d/activer" % (CODE, old)), 405)


def test_another_organisation_cannot_see_or_touch_ours():
    other_org()
    clear_throttle()
    c2 = signed_in(COORD2)
    ours = versions()
    ours_live = live_version()
    expect(c2.get("/questionnaires/%s" % CODE), 404)
    expect(c2.get("/questionnaires/%s/v1.json" % CODE), 404)
    c2.get("/questionnaires")
    expect(c2.post("/questionnaires/%s/v1/activer" % CODE), 404)
    # Their own survey of the same code is theirs alone.
    r = upload(c2, base_definition())
    expect(r, 303, "the other organisation's load")
    assert live_version(org="entraide-loiret") == "1"
    assert versions() == ours and live_version() == ours_live
    page = page_text(c2.get("/questionnaires"))
    assert "Votre avis sur le Digilab" not in page   # not our satisfaction
    other_org_put_away()


def test_hostile_text_in_a_definition_is_escaped_on_the_pages():
    c = coordinator()
    d = base_definition()
    d["title"]["fr"] = "<script>alert(1)</script> & \"Atelier\""
    r = upload(c, d)
    expect(r, 303)
    for path in ("/questionnaires", "/questionnaires/%s" % CODE):
        page = c.get(path).text
        assert "<script>alert(1)</script>" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page, path


def test_a_load_from_the_shell_is_audited_too():
    import tempfile
    from surveylib import admin
    d = base_definition()
    d["title"]["fr"] = "Chargé du terminal %s" % uuid.uuid4().hex[:6]
    with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
        json.dump(d, f, ensure_ascii=False)
        f.flush()
        out = admin("survey-load", f.name, "action-numerique").stdout
        assert "loaded and live" in out, out
        bad = admin("survey-load", f.name, "nulle-part", check=False)
        assert bad.returncode != 0 and \
            "no such organisation" in bad.stderr, (bad.returncode, bad.stderr)
    v = live_version()
    assert sql("""select action, actor, user_id from audit_log
        where object_type = 'survey' and object_id = :'p1'
        order by id desc limit 1""", CODE) == \
        [["survey.upload", "mesure-admin", None]]
    page = page_text(coordinator().get("/questionnaires/%s" % CODE))
    assert "chargée par l'administration technique" in page
    assert v in page
