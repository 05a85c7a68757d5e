"""POST /api/v1/responses (issue #3): every status of the contract, and
every validation rule of the answers, for the kiosk and the enhanced
page. A test survey ("essai") exercises the types the shipped surveys do
not use (numbers, bounded texts, choice counts)."""
import os
import re
import time

from mesure import *
from surveylib import *

ESSAI = """{
  "format": 1, "code": "essai", "kind": "autre", "languages": ["fr", "en"],
  "title": {"fr": "Essai", "en": "Trial"},
  "consent": {"fr": "Anonyme.", "en": "Anonymous."},
  "questions": [
    {"code": "age", "type": "number", "min": 16, "max": 110, "required": true,
     "label": {"fr": "Âge", "en": "Age"}},
    {"code": "km", "type": "number", "min": 0, "max": 500, "decimals": 1,
     "label": {"fr": "Distance", "en": "Distance"}},
    {"code": "mot", "type": "text", "max_length": 10,
     "label": {"fr": "Un mot", "en": "A word"}},
    {"code": "outils", "type": "multiple", "min_choices": 2, "max_choices": 3,
     "other": true, "label": {"fr": "Outils", "en": "Tools"},
     "options": [
       {"value": "mail", "label": {"fr": "Mail", "en": "Mail"}},
       {"value": "sms", "label": {"fr": "SMS", "en": "Text"}},
       {"value": "visio", "label": {"fr": "Visio", "en": "Video"}},
       {"value": "aucun", "exclusive": true,
        "label": {"fr": "Aucun", "en": "None"}}]},
    {"code": "lieu", "type": "single", "other": true,
     "label": {"fr": "Lieu", "en": "Place"},
     "options": [
       {"value": "maison", "label": {"fr": "Maison", "en": "Home"}},
       {"value": "travail", "label": {"fr": "Travail", "en": "Work"}}]},
    {"code": "suite", "type": "yes_no_dk", "required": true,
     "show_if": {"question": "lieu", "in": ["travail"]},
     "label": {"fr": "Suite ?", "en": "Next?"}}
  ]
}"""


def essai():
    """Load the test survey once (mesure-admin survey-load)."""
    path = os.path.join(os.environ.get("MESURE_TEST_WORK", "/tmp"), "essai.json")
    open(path, "w").write(ESSAI)
    out = admin("survey-load", path, "action-numerique").stdout
    assert "essai: " in out and "live" in out, out
    return "essai"


def body(answers, survey="satisfaction", site="la-source", **kw):
    b = {"id": uid(), "survey": survey, "site": site, "lang": "fr",
         "submitted_at": "2026-11-28T10:15:00+01:00", "answers": answers}
    b.update(kw)
    return b


SAT = {"accueil": 5, "explications": "4", "demarche_reussie": "non",
       "difficulte": ["temps", "document"], "autonome": "oui",
       "rassure": "nsp", "recommande": 10, "commentaire": "Merci"}


def test_201_created_then_200_for_the_same_response():
    b = body(SAT)
    r = api(b)
    expect(r, 201, "created")
    check_security_headers(r)
    assert r.header("content-type") == "application/json; charset=utf-8"
    assert r.json() == {"id": b["id"], "status": "created", "dropped": []}
    assert response_rows(b["id"]) == 1
    assert sql_value("select channel || ' ' || lang || ' ' || "
                     "to_char(submitted_at at time zone 'UTC', 'HH24:MI') "
                     "from responses where id = :'p1'", b["id"]) == "api fr 09:15"
    rows = answers_of(b["id"])
    assert ["difficulte", "0", "document"] in rows
    assert ["difficulte", "1", "temps"] in rows
    assert sql_value("select value_num from answers where response_id = :'p1' "
                     "and question = 'recommande'", b["id"]) == "10"
    # The kiosk sends its queue again after an outage: 200, nothing added.
    for order in (SAT, dict(reversed(list(SAT.items())))):
        b2 = dict(b, answers=dict(order, difficulte=["document", "temps"]))
        r = api(b2)
        expect(r, 200, "duplicate")
        assert r.json()["status"] == "duplicate"
    assert response_rows(b["id"]) == 1
    assert len(answers_of(b["id"])) == 9
    delete_responses([b["id"]])


def test_200_for_a_demo_response_sent_again():
    """The digest is the demo generator's: a stored response re-sent with
    the same answers is recognised."""
    rid, site, survey = sql(
        "select r.id, si.code, s.code from responses r "
        "join sites si on si.id = r.site_id "
        "join survey_versions v on v.id = r.survey_version_id "
        "join surveys s on s.id = v.survey_id where r.channel = 'kiosk' "
        "and not exists (select 1 from answers a where a.response_id = r.id "
        "and a.ordinal > 0) order by r.id limit 1")[0]
    answers = dict((q, v) for q, _, v in answers_of(rid))
    r = api({"id": rid, "survey": survey, "site": site, "answers": answers})
    expect(r, 200, "demo response")


def test_409_same_id_other_answers():
    b = body(SAT)
    expect(api(b), 201, "first")
    r = api(dict(b, answers=dict(SAT, accueil=1)))
    expect(r, 409, "conflict")
    assert r.json()["error"] == "conflict"
    assert sql_value("select value from answers where response_id = :'p1' "
                     "and question = 'accueil'", b["id"]) == "5"
    # The same id for another survey is a conflict too.
    r = api(dict(b, survey="resultats", answers={
        "droit_obtenu": "oui", "autres_demarches_seul": "oui",
        "sans_digilab": "non", "confiance_numerique": 3}))
    expect(r, 409, "same id, other survey")
    delete_responses([b["id"]])


def test_400_malformed():
    for raw, why in (('{"id": ', "truncated"), ("[1, 2]", "not an object"),
                     ('{"id": "a",}', "trailing comma"),
                     ('{"a": 1, "a": 2}', "duplicate key"),
                     ("\xff", "not UTF-8")):
        r = request("POST", "/api/v1/responses", body=raw.encode("latin-1"),
                    headers={"Content-Type": "application/json"})
        expect(r, 400, why)
        assert r.json()["error"] == "malformed_json", why
    r = request("POST", "/api/v1/responses", body=b'{"id":',
                headers={"Content-Type": "application/json"})
    assert "line 1" in r.json()["detail"]
    cases = [
        ({"survey": "satisfaction", "site": "la-source", "answers": {}}, "bad_id"),
        (body(SAT, id="1234"), "bad_id"),
        (body(SAT, id="00000000-0000-0000-0000-000000000000"), "bad_id"),
        (body(SAT, survey=3), "bad_field"),
        (body(SAT, site=None), "bad_field"),
        (body([1, 2]), "bad_field"),
        (body(None), "bad_field"),
        (body(SAT, submitted_at=1795874709), "bad_field"),
        (body(SAT, lang=["fr"]), "bad_field"),
        (body(SAT, channel="kiosk"), "bad_field"),
        (body(SAT, extra=1), "unknown_field"),
    ]
    for b, code in cases:
        r = api(b)
        expect(r, 400, code)
        assert r.json()["error"] == code, (b, r.json())


def test_404_unknown_survey_or_site():
    for survey, site in (("nope", "la-source"), ("satisfaction", "nulle-part"),
                         ("Satisfaction", "la-source"), ("x" * 60, "la-source")):
        r = api(body(SAT, survey=survey, site=site))
        expect(r, 404, survey + "/" + site)
        assert r.json()["error"] == "not_found"
    r = api(body(SAT, invitation="ABCDEFHJKMNP"))
    expect(r, 404, "unknown invitation")
    assert r.json()["error"] == "unknown_invitation"


def test_405_413_415():
    r = get("/api/v1/responses")
    expect(r, 405, "GET")
    assert r.header("allow") == "POST"
    r = request("POST", "/api/v1/responses", body="x" * (64 * 1024 + 1),
                headers={"Content-Type": "application/json"})
    expect(r, 413, "too large")
    assert r.json()["error"] == "too_large"
    for ct in ("text/plain", "application/x-www-form-urlencoded",
               "application/jsonx", "multipart/form-data; boundary=x"):
        r = request("POST", "/api/v1/responses", body="{}",
                    headers={"Content-Type": ct})
        expect(r, 415, ct)
    r = request("POST", "/api/v1/responses", body="{}")
    expect(r, 415, "no content type")
    r = api(body(SAT), headers={"Content-Type": "application/json; charset=utf-8"})
    expect(r, 201, "with charset")


def test_422_every_rule_with_messages_in_the_language():
    def errors(answers, survey="satisfaction", lang="fr", **kw):
        r = api(body(answers, survey=survey, lang=lang, **kw))
        expect(r, 422, str(answers))
        e = r.json()
        assert e["error"] == "invalid"
        return {k: v["code"] for k, v in e["errors"].items()}, e
    codes, e = errors({"accueil": 6})
    assert codes == {"accueil": "not_an_option", "explications": "required",
                     "demarche_reussie": "required", "autonome": "required",
                     "rassure": "required"}, codes
    assert e["errors"]["explications"]["message"] == "Répondez à cette question."
    _, e = errors({"accueil": 6}, lang="en")
    assert e["errors"]["explications"]["message"] == "Answer this question."
    assert e["message"] == "Some answers need a correction."
    ok = dict(SAT)
    for change, want in (
            ({"accueil": [5, 4]}, {"accueil": "one_answer"}),
            ({"accueil": True}, {"accueil": "bad_type"}),
            ({"accueil": {"v": 5}}, {"accueil": "bad_type"}),
            ({"recommande": 11}, {"recommande": "not_an_option"}),
            ({"commentaire": "é" * 501}, {"commentaire": "too_long"}),
            ({"commentaire": "a\u0007b"}, {"commentaire": "bad_characters"}),
            ({"domaine": "famille", "domaine_autre": "CAF"},
             {"domaine": "other_conflict"}),
            ({"acceuil": 5}, {"acceuil": "unknown_question"}),
            ({"accueil_autre": "x"}, {"accueil_autre": "unknown_question"})):
        codes, _ = errors(dict(ok, **change))
        assert codes == want, (change, codes)
    codes, _ = errors(ok, lang="de")
    assert codes == {"lang": "not_a_language"}
    codes, _ = errors(ok, submitted_at="hier")
    assert codes == {"submitted_at": "bad_time"}
    codes, _ = errors(ok, submitted_at="2031-01-01T00:00:00Z")
    assert codes == {"submitted_at": "out_of_range"}
    # The outcomes survey: an exclusive choice.
    res = {"droit_obtenu": "oui", "autres_demarches_seul": "oui",
           "sans_digilab": "non", "confiance_numerique": 3,
           "frein_leve": ["aucun", "sante"]}
    codes, _ = errors(res, survey="resultats")
    assert codes == {"frein_leve": "exclusive"}, codes


def test_422_numbers_texts_and_choice_counts():
    s = essai()
    good = {"age": "42", "km": "12,5", "mot": "  bien ", "outils": ["sms", "mail"],
            "lieu": "maison"}
    b = body(good, survey=s)
    r = api(b)
    expect(r, 201, "valid essai")
    rows = answers_of(b["id"])
    assert ["km", "0", "12.5"] in rows and ["mot", "0", "bien"] in rows
    assert ["outils", "0", "mail"] in rows and ["outils", "1", "sms"] in rows
    assert sql_value("select value_num from answers where response_id = :'p1' "
                     "and question = 'km'", b["id"]) == "12.5"
    for change, want in (
            ({"age": None}, "required"), ({"age": "douze"}, "not_a_number"),
            ({"age": 15}, "below_min"), ({"age": "111"}, "above_max"),
            ({"age": "42,5"}, "too_precise"), ({"km": "1,25"}, "too_precise"),
            ({"mot": "x" * 11}, "too_long"), ({"mot": ["a", "b"]}, "one_answer"),
            ({"outils": ["sms"]}, "too_few"),
            ({"outils": ["sms", "mail", "visio", "autre"]}, "too_many"),
            ({"outils": ["aucun", "sms"]}, "exclusive"),
            ({"outils": ["sms", "fax"]}, "not_an_option"),
            ({"outils": ["x"] * 40}, "too_many"),
            ({"lieu": "travail"}, "required")):
        r = api(body(dict(good, **change), survey=s))
        expect(r, 422, str(change))
        errs = r.json()["errors"]
        key = "suite" if "lieu" in change else list(change)[0]
        assert errs[key]["code"] == want, (change, errs)
    # Messages carry their figure, in French and English.
    r = api(body(dict(good, age=15), survey=s))
    assert r.json()["errors"]["age"]["message"] == "Le nombre doit être au moins 16."
    r = api(body(dict(good, age=15), survey=s, lang="en"))
    assert r.json()["errors"]["age"]["message"] == "The number must be at least 16."
    # "Other" text counts as a choice; a hidden question's answer is dropped.
    b = body(dict(good, outils=["sms"], outils_autre="WhatsApp", suite="oui"),
             survey=s)
    r = api(b)
    expect(r, 201, "other counts")
    assert r.json()["dropped"] == ["suite"]
    assert ["outils_autre", "0", "WhatsApp"] in answers_of(b["id"])
    assert all(q != "suite" for q, _, _ in answers_of(b["id"]))
    delete_responses([b["id"]])


def test_429_after_a_flood_from_one_address():
    ip = addr()
    seen = []
    for i in range(120):
        r = api(body({"accueil": "x"}), xff=ip)     # 422s count too
        seen.append(r.status)
        if r.status == 429:
            break
    assert seen[-1] == 429, seen[-5:]
    assert len(seen) > 40
    assert set(seen[:-1]) == {422}
    assert r.json()["error"] == "rate_limited"
    assert int(r.header("retry-after")) >= 1
    expect(api(body(SAT), xff=addr()), 201, "another address")


def test_410_used_or_expired_invitation_and_channel_card():
    out = admin("invitation-cards", "argonne", "2").stdout
    codes = re.findall(r"<strong>([A-Z0-9 ]{14})</strong>", out)
    assert len(codes) == 2, out[:500]
    res = {"droit_obtenu": "oui", "autres_demarches_seul": "non",
           "sans_digilab": "autre-aide", "confiance_numerique": 4}
    b = body(res, survey="resultats", site="argonne", invitation=codes[0])
    r = api(b)
    expect(r, 201, "with card")
    assert sql_value("select channel from responses where id = :'p1'",
                     b["id"]) == "card"
    expect(api(b), 200, "retry with the card")
    r = api(body(res, survey="resultats", site="argonne", invitation=codes[0]))
    expect(r, 410, "card used")
    assert r.json()["error"] == "invitation_used"
    # A card of Argonne does not answer for another site.
    r = api(body(res, survey="resultats", site="centre", invitation=codes[1]))
    expect(r, 422, "other site")
    sql("update invitations set expires_at = now() - interval '1 day' "
        "where token_hash = sha256(convert_to(:'p1', 'UTF8'))",
        codes[1].replace(" ", ""))
    r = api(body(res, survey="resultats", site="argonne",
                 invitation=codes[1].lower()))
    expect(r, 410, "card expired")
    assert r.json()["error"] == "invitation_expired"
    delete_responses([b["id"]])


def test_never_a_500_on_hostile_input():
    hostile = [
        {"id": uid(), "survey": "satisfaction", "site": "la-source",
         "answers": {"accueil": "5" * 5000}},
        {"id": uid(), "survey": "satisfaction", "site": "la-source",
         "answers": {"commentaire": "<script>alert(1)</script>'; drop table x;--"}},
        {"id": uid(), "survey": "../../etc", "site": "la-source", "answers": {}},
        {"id": uid(), "survey": "satisfaction", "site": "la-source",
         "answers": {"k%d" % i: i for i in range(2000)}},
        {"id": uid(), "survey": "satisfaction", "site": "la-source",
         "answers": {"accueil": [[[[[1]]]]]}},
        {"id": uid(), "survey": "satisfaction", "site": "la-source",
         "answers": {"accueil": 1e308}},
    ]
    for b in hostile:
        r = api(b)
        no_server_error(r, str(b)[:80])
        assert 400 <= r.status < 500, (r.status, str(b)[:80])
    deep = "[" * 40 + "]" * 40
    r = request("POST", "/api/v1/responses", body=deep,
                headers={"Content-Type": "application/json"})
    expect(r, 400, "deep")
