"""The respondent's survey pages (issue #3): GET and POST
/s/{survey}/{site}, the thank-you page, the privacy page – what a person
gets with JavaScript off, in French and in English."""
import gzip
import os
import re
import subprocess
import time

from mesure import *
from surveylib import *

SAT = "/s/satisfaction/la-source"


def test_survey_page_is_a_plain_accessible_form():
    r = get(SAT)
    expect(r, 200, SAT)
    check_security_headers(r)
    page = r.text
    assert '<html lang="fr"' in page
    assert "<h1>Votre avis sur le Digilab</h1>" in page
    # The notice comes before the first question.
    assert page.index("Avant de commencer") < page.index('id="q-accueil"')
    text = page_text(r)
    for words in ("Environ 2 minutes. 11 questions.", "anonyme",
                  "pas obligé de répondre", "gardées 2 ans"):
        assert words in text, words
    assert 'href="/confidentialite?lang=fr"' in page
    # The form posts to itself, with its response id and version.
    # The page's language travels with the answers.
    assert 'method="post" action="/s/satisfaction/la-source?lang=fr"' in page
    f = page_fields(r)
    assert re.match(r"^[0-9a-f-]{36}$", f["_id"]), f
    assert f["_v"].isdigit()
    # Every question is a fieldset with a legend, or a labelled field.
    assert page.count("<fieldset") == 10 and page.count("<legend>") == 10
    assert '<label class="ql" for="i-commentaire">' in page
    assert '<textarea id="i-commentaire" name="commentaire" maxlength="500"' in page
    # Smileys with text for screen readers; pictograms inline, once each.
    assert "<span>Très bien</span>" in page and "<span>Très mal</span>" in page
    assert page.count('<symbol id="i-smiley-5"') == 1
    assert page.count('href="#i-smiley-5"') == 2
    # No request to another host: every URL is a path of this site.
    for url in re.findall(r'(?:href|src|action)="([^"]*)"', page):
        assert url.startswith(("/", "#", "?")), url
    # The language switch.
    assert 'href="/s/satisfaction/la-source?lang=en" hreflang="en"' in page


def test_each_page_load_gets_a_new_response_id():
    a = page_fields(get(SAT))["_id"]
    b = page_fields(get(SAT))["_id"]
    assert a != b


def test_survey_page_in_english():
    r = get(SAT + "?lang=en")
    assert '<html lang="en"' in r.text
    assert "<h1>Your opinion of the Digilab</h1>" in r.text
    assert "About 2 minutes. 11 questions." in page_text(r)
    assert "<span>Very good</span>" in r.text
    r = get(SAT, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert "Your opinion of the Digilab" in r.text
    # Chosen in English on a French browser: the answer page stays English.
    r = get(SAT + "?lang=en", headers={"Accept-Language": "fr-FR"})
    assert 'action="/s/satisfaction/la-source?lang=en"' in r.text


def test_page_weight_is_far_under_20_kb_compressed():
    """HTML + CSS + JS of the survey page, gzip-compressed as sent."""
    total = 0
    r = get(SAT, headers={"Accept-Encoding": "gzip"})
    assert r.header("content-encoding") == "gzip"
    assert b"Votre avis" in gzip.decompress(r.body)
    total += len(r.body)
    for asset in ("/assets/css/survey.css", "/assets/js/survey.js"):
        a = get(asset, headers={"Accept-Encoding": "gzip"})
        expect(a, 200, asset)
        total += len(a.body)
    assert total < 20 * 1024, total


def test_form_post_stores_once_and_redirects_to_thanks():
    f = page_fields(get(SAT))
    fields = [("_id", f["_id"]), ("_v", f["_v"])] + SAT_OK + [
        ("domaine", "logement"), ("recommande", "9"),
        ("commentaire", "Très bien, merci !")]
    r = form(SAT, fields)
    expect(r, 303, "post")
    assert r.header("location") == SAT + "/merci?lang=fr"
    assert response_rows(f["_id"]) == 1
    rows = answers_of(f["_id"])
    assert ["commentaire", "0", "Très bien, merci !"] in rows
    assert ["domaine", "0", "logement"] in rows
    assert sql_value("select channel || ' ' || lang from responses "
                     "where id = :'p1'", f["_id"]) == "web fr"
    # A double tap, a retry, a re-post after "back": still one response.
    for _ in range(3):
        expect(form(SAT, fields), 303, "re-post")
    assert response_rows(f["_id"]) == 1
    assert len(answers_of(f["_id"])) == 8
    # The thank-you page.
    t = get(SAT + "/merci?lang=fr")
    expect(t, 200, "thanks")
    assert "Merci pour vos réponses !" in t.text
    assert "bien enregistrées" in page_text(t)
    delete_responses([f["_id"]])


def test_same_id_with_other_answers_keeps_the_first():
    rid = uid()
    expect(form(SAT, [("_id", rid)] + SAT_OK), 303, "first")
    other = [("_id", rid), ("accueil", "1")] + SAT_OK[1:]
    r = form(SAT, other)
    expect(r, 409, "conflict")
    assert "déjà été envoyées" in page_text(r)
    assert ["accueil", "0", "5"] in answers_of(rid)
    delete_responses([rid])


def test_wrong_answers_come_back_with_messages_next_to_each_field():
    rid = uid()
    fields = [("_id", rid), ("accueil", "9"), ("demarche_reussie", "oui"),
              ("recommande", "4"), ("commentaire", "x" * 501),
              ("age", "45-64")]
    r = form(SAT, fields)
    expect(r, 422, "invalid")
    page = r.text
    assert response_rows(rid) == 0
    # The same response id, so fixing and sending stores once.
    assert page_fields(r)["_id"] == rid
    # A summary, and each message right in its question.
    assert "5 réponses sont à corriger." in page_text(r)
    q = re.search(r'<fieldset class="q q-smiley q-err" id="q-accueil".*?</fieldset>',
                  page, re.S).group(0)
    assert "Choisissez une des réponses proposées." in q
    assert 'aria-describedby="e-accueil"' in q
    q = re.search(r'id="q-explications".*?</fieldset>', page, re.S).group(0)
    assert "Répondez à cette question." in q
    q = re.search(r'id="q-commentaire".*?</div>', page, re.S).group(0)
    assert "Écrivez au plus 500 caractères." in q
    # What was right is still filled in.
    assert 'id="i-demarche_reussie-oui" value="oui" checked' in page
    assert 'id="i-recommande-4" value="4" checked' in page
    assert 'id="i-age-45-64" value="45-64" checked' in page
    assert ">" + "x" * 501 + "</textarea>" in page
    # In English for an English page.
    r = form(SAT + "?lang=en", fields)
    expect(r, 422, "invalid, English")
    assert "Choose one of the answers shown." in page_text(r)
    assert "Write at most 500 characters." in page_text(r)


def test_answers_to_questions_not_asked_are_dropped():
    """"What was missing?" is asked only after "no": with "yes", the
    ticked boxes (possible without JavaScript) are not stored."""
    rid = uid()
    r = form(SAT, [("_id", rid)] + SAT_OK + [("difficulte", "temps"),
                                             ("difficulte_autre", "x")])
    expect(r, 303, "post")
    assert all(not q.startswith("difficulte") for q, _, _ in answers_of(rid))
    rid2 = uid()
    fields = [("_id", rid2), ("accueil", "3"), ("explications", "3"),
              ("demarche_reussie", "non"), ("difficulte", "temps"),
              ("difficulte", "document"), ("difficulte_autre", "Pas de réseau"),
              ("autonome", "non"), ("rassure", "non")]
    expect(form(SAT, fields), 303, "post")
    rows = answers_of(rid2)
    assert ["difficulte", "0", "document"] in rows
    assert ["difficulte", "1", "temps"] in rows
    assert ["difficulte", "2", "autre"] in rows
    assert ["difficulte_autre", "0", "Pas de réseau"] in rows
    # The page without JavaScript says when to answer.
    assert "Répondez seulement si vous avez répondu «\u00a0Non\u00a0» à la question 3." \
        in page_text(get(SAT))
    delete_responses([rid, rid2])


def test_answers_are_checked_against_the_version_the_page_showed():
    """A new version goes live while a person answers the old page."""
    old = page_fields(get(SAT))
    defn = open(os.path.join(TOP, "conf/surveys/satisfaction.json")).read()
    changed = defn.replace('"code": "premiere_visite"', '"code": "premiere_fois"')
    path = os.path.join(os.environ.get("MESURE_TEST_WORK", "/tmp"), "sat2.json")
    open(path, "w").write(changed)
    try:
        out = admin("survey-load", path, "action-numerique").stdout
        assert "live" in out, out
        # The cache forgets within ten seconds.
        for _ in range(30):
            if page_fields(get(SAT))["_v"] != old["_v"]:
                break
            time.sleep(0.5)
        assert page_fields(get(SAT))["_v"] != old["_v"]
        fields = [("_id", old["_id"]), ("_v", old["_v"])] + SAT_OK + [
            ("premiere_visite", "oui")]
        expect(form(SAT, fields), 303, "old page")
        assert ["premiere_visite", "0", "oui"] in answers_of(old["_id"])
        assert sql_value("select survey_version_id from responses "
                         "where id = :'p1'", old["_id"]) == old["_v"]
        # A version of another survey is refused.
        other = sql_value("select v.id from survey_versions v join surveys s "
                          "on s.id = v.survey_id where s.code = 'resultats'")
        r = form(SAT, [("_id", uid()), ("_v", other)] + SAT_OK)
        expect(r, 400, "version of another survey")
        # The API too: a kiosk's answers kept offline across the change.
        old_answers = dict(SAT_OK, premiere_visite="oui")
        b = {"id": uid(), "survey": "satisfaction", "site": "la-source",
             "answers": old_answers}
        r = api(b)
        expect(r, 422, "live version has no premiere_visite")
        assert r.json()["errors"]["premiere_visite"]["code"] == "unknown_question"
        r = api(dict(b, version=int(old["_v"])))
        expect(r, 201, "answers to the version shown")
        assert sql_value("select survey_version_id from responses "
                         "where id = :'p1'", b["id"]) == old["_v"]
        r = api(dict(b, id=uid(), version=int(other)))
        expect(r, 422, "version of another survey")
        assert r.json()["errors"]["version"]["code"] == "unknown_version"
        expect(api(dict(b, id=uid(), version="2x")), 400, "bad version")
        delete_responses([b["id"]])
    finally:
        out = admin("survey-load", os.path.join(TOP, "conf/surveys/satisfaction.json"),
                    "action-numerique").stdout
        assert "unchanged" in out, out
        delete_responses([old["_id"]])


def test_honeypot_thanks_a_bot_and_stores_nothing():
    rid = uid()
    r = form(SAT, [("_id", rid), ("_website", "http://spam.example")] + SAT_OK)
    expect(r, 303, "honeypot")
    assert response_rows(rid) == 0


def test_malformed_posts_get_a_clear_4xx_page():
    r = form(SAT, SAT_OK)                      # no response id
    expect(r, 400, "no id")
    assert "Rechargez la page" in page_text(r)
    r = form(SAT, [("_id", "not-a-uuid")] + SAT_OK)
    expect(r, 400, "bad id")
    r = post(SAT, body="accueil=%zz", headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    expect(r, 400, "bad escape")
    r = post(SAT, body="accueil=5", headers={"Content-Type": "text/plain"})
    expect(r, 415, "not a form")
    r = post(SAT, body="a=" + "x" * 70000, headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    expect(r, 413, "too large")
    assert "trop longues" in page_text(r)
    r = request("PUT", SAT, body="x")
    expect(r, 405, "PUT")
    assert "POST" in r.header("allow")
    for r in (r,):
        check_security_headers(r)


def test_unknown_survey_or_site_is_a_404_page():
    for path in ("/s/satisfaction/nulle-part", "/s/inconnu/la-source",
                 "/s/satisfaction/la-source/autre"):
        r = get(path)
        expect(r, 404, path)
        check_security_headers(r)
    r = get("/s/inconnu/la-source")
    assert "Questionnaire introuvable" in r.text
    r = form("/s/inconnu/la-source", [("_id", uid())] + SAT_OK)
    expect(r, 404, "post to unknown survey")


def test_inactive_site_is_not_served():
    sql("update sites set active = false where code = 'blossieres'")
    try:
        time.sleep(0.1)
        r = get("/s/satisfaction/blossieres?x=1")
        # A cached look-up may live ten seconds; the database says no.
        for _ in range(25):
            if r.status == 404:
                break
            time.sleep(0.5)
            r = get("/s/satisfaction/blossieres")
        expect(r, 404, "inactive site")
    finally:
        sql("update sites set active = true where code = 'blossieres'")


def test_rate_limit_per_address_spares_real_people():
    """From one address: the first forty answers pass (a busy waiting
    room), then a flood gets 429 with its answers kept on the page."""
    ip = addr()
    ids, limited = [], None
    for i in range(120):
        rid = uid()
        r = form(SAT, [("_id", rid)] + SAT_OK, xff=ip)
        if r.status == 429:
            limited = (i, r)
            break
        expect(r, 303, "submission %d" % i)
        ids.append(rid)
    assert limited is not None, "no 429 after 120 posts"
    i, r = limited
    assert i >= 40, "limited after only %d" % i
    assert int(r.header("retry-after")) >= 1
    assert "Trop de réponses" in page_text(r)
    assert 'id="i-accueil-5" value="5" checked' in r.text
    # Another address is not affected.
    expect(form(SAT, [("_id", uid())] + SAT_OK), 303, "other address")
    delete_responses(ids)


def test_privacy_page_says_what_why_and_how_long():
    r = get("/confidentialite", headers={"Referer": BASE + SAT + "?lang=fr"})
    expect(r, 200, "privacy")
    text = page_text(r)
    for words in ("Ce que nous gardons", "Pourquoi", "2 ans",
                  "ne demandons pas votre nom", "moins de 11 personnes"):
        assert words in text, words
    assert 'href="/s/satisfaction/la-source?lang=fr"' in r.text
    r = get("/confidentialite?lang=en", headers={"Referer": "http://evil.example/x"})
    assert "What we keep" in r.text and 'href="/?lang=en"' in r.text


def test_database_outage_keeps_the_answers_on_the_page():
    """The database stops while a person sends: a clear 503 with their
    answers still there; once it is back, sending again stores once."""
    pgdir = os.environ.get("MESURE_TEST_PG_DIR")
    assert pgdir, "MESURE_TEST_PG_DIR"
    get(SAT)        # the look-up is cached by now
    rid = uid()
    fields = [("_id", rid)] + SAT_OK + [("commentaire", "Pendant la panne")]
    subprocess.run([os.path.join(TOP, "mk/pg.sh"), "stop", pgdir], check=True)
    try:
        r = form(SAT, fields)
        expect(r, 503, "outage")
        assert r.header("retry-after")
        assert "Vos réponses sont toujours là" in page_text(r)
        assert ">Pendant la panne</textarea>" in r.text
        a = api({"id": uid(), "survey": "satisfaction", "site": "la-source",
                 "answers": dict(SAT_OK)})
        expect(a, 503, "API outage")
    finally:
        port = open(os.path.join(pgdir, "port")).read().strip()
        subprocess.run([os.path.join(TOP, "mk/pg.sh"), "start", pgdir, port],
                       check=True)
    for _ in range(20):
        r = form(SAT, fields)
        if r.status == 303:
            break
        time.sleep(0.5)
    expect(r, 303, "after the outage")
    expect(form(SAT, fields), 303, "again")
    assert response_rows(rid) == 1
    delete_responses([rid])
