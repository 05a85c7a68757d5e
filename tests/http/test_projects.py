"""The Break Poverty model in the browser (issue #6, app/project_pages.c,
app/convention_page.c, app/project_action.c): a coordinator creates a
project, a funder, a convention with its three indicators and their
quarterly targets, the impact chain, milestones and budget lines; a
definition is checked (the exact mistake is named) and previewed with the
engine's value; every change is audit-logged; input is checked with a
clear 4xx; another organisation sees none of it."""
import json
import os
import re

from test_auth_helpers import *


def text_of(r):
    return re.sub(r"\s+", " ", page_text(r))


def org_id():
    return sql_value("select id from organisations where slug = 'action-numerique'")


def new_project(c, code):
    c.get("/projets")
    r = c.post("/projets", {"action": "project.create", "code": code,
                            "nom": "Ateliers <b>numériques</b> & co",
                            "resume": "Un résumé\nsur deux lignes",
                            "public": "Seniors", "debut": "2026-01-01",
                            "fin": "2027-12-31"})
    expect(r, 303, "project created")
    m = re.match(r"^/projets/(\d+)\?ok=project\.create#sec-project$",
                 r.header("location"))
    assert m, r.header("location")
    return m.group(1)


def new_funder(c, name):
    c.get("/financeurs")
    r = c.post("/financeurs", {"action": "funder.create", "nom": name,
                               "nature": "foundation"})
    expect(r, 303, "funder created")
    return sql_value("select id from funders where name = :'p1'", name)


def new_convention(c, pid, fid, ref):
    c.get("/projets/%s" % pid)
    r = c.post("/projets/%s" % pid, {
        "action": "convention.create", "financeur": fid, "reference": ref,
        "titre": "Convention de test", "montant": "12 500,50",
        "debut": "2026-01-01", "fin": "2026-12-31", "signature": "2025-12-15"})
    expect(r, 303, "convention created")
    m = re.match(r"^/conventions/(\d+)\?ok=convention\.create", r.header("location"))
    assert m, r.header("location")
    return m.group(1)


def test_a_coordinator_builds_a_convention_with_its_three_indicators():
    c = signed_in(COORD)
    pid = new_project(c, "test-emoji-1")
    page = c.get("/projets/%s" % pid)
    expect(page, 200)
    check_security_headers(page)
    # Every field has one type; dates are date fields (a regression: a
    # second type="text" once turned them into text boxes).
    for path in ("/projets", "/projets/%s" % pid):
        t = c.get(path).text
        assert not re.search(r'<input[^>]*\btype="[^"]*"[^>]*\btype=', t), path
        assert re.search(r'<input type="date" id="(c-)?debut"', t), path
    # Typed text comes back escaped, never as markup.
    assert "Ateliers &lt;b&gt;numériques&lt;/b&gt; &amp; co" in page.text
    assert "<b>numériques</b>" not in page.text
    fid = new_funder(c, "Fondation d'essai")
    cid = new_convention(c, pid, fid, "FO-TEST-1")
    row = sql("select amount_cents, starts_on, ends_on, signed_on from conventions "
              "where id = :'p1'", cid)
    assert row == [["1250050", "2026-01-01", "2026-12-31", "2025-12-15"]], row

    conv = "/conventions/%s" % cid
    page = c.get(conv)
    expect(page, 200)
    assert "Aucun indicateur pour cette convention." in text_of(page)
    # The catalogue offers the digital-mediation list and Break Poverty's.
    codes = [r[0] for r in sql("select code from indicator_catalogue")]
    for code in codes:
        assert 'value="%s"' % code in page.text, code

    # 1. Follow-up: distinct beneficiaries over the visits.
    suivi = {"source": "visits", "measure": "distinct_beneficiaries"}
    r = c.post(conv, {"action": "indicator.add", "type": "suivi",
                      "libelle": "Personnes accompagnées", "unite": "personnes",
                      "definition": json.dumps(suivi)})
    expect(r, 303, "follow-up indicator")
    # 2. Impact: chosen from the catalogue; its ready definition is used.
    cat = sql("select code, definition::text from indicator_catalogue "
              "where theme = 'mediation-numerique' and definition is not null "
              "order by position limit 1")[0]
    r = c.post(conv, {"action": "indicator.add", "type": "impact",
                      "catalogue": cat[0], "libelle": "Plus autonomes",
                      "unite": "personnes", "definition": ""})
    expect(r, 303, "impact indicator from the catalogue")
    # 3. Free: a share of respondents, previewed before it is saved.
    libre = {"source": "survey", "survey": "satisfaction", "measure": "share",
             "question": "recommande", "values": ["oui"]}
    q = sql("select v.definition::text from survey_versions v join surveys s on "
            "s.id = v.survey_id where s.code = 'satisfaction' and s.organisation_id = "
            ":'p1' and v.id = survey_current_version(s.id)", org_id())
    sdef = json.loads(q[0][0])
    # Take a real single-choice question of the shipped survey.
    qs = [x for x in sdef["questions"] if x.get("type") in ("single", "scale", "yesno")
          and x.get("options")]
    assert qs, "a countable question"
    question = qs[0]
    values = [question["options"][0]["value"] if isinstance(question["options"][0], dict)
              else question["options"][0]]
    libre["question"] = question["id"] if "id" in question else question["code"]
    libre["values"] = values
    r = c.post(conv, {"action": "indicator.preview", "type": "libre",
                      "libelle": "Recommanderaient", "unite": "répondants",
                      "definition": json.dumps(libre)})
    expect(r, 200, "preview")
    t = text_of(r)
    assert "Aperçu de l'indicateur" in t, t[:2000]
    # The preview's value is indicator_eval()'s over the period so far.
    e = sql("select numerator, denominator from indicator_eval(:'p1'::jsonb, :'p2'::bigint, "
            "'2026-01-01', least('2027-01-01'::date, current_date + 1))",
            json.dumps(libre), org_id())[0]
    if int(e[1]) >= 11:
        assert "%s / %s" % (fmt_fr(int(e[0])), fmt_fr(int(e[1]))) in t, (e, t[:3000])
        assert "intervalle de confiance à 95 %" in t
    else:
        assert "< 11" in t, t
    assert int(sql_value("select count(*) from indicators where convention_id = :'p1'",
                         cid)) == 2, "a preview saves nothing"
    r = c.post(conv, {"action": "indicator.add", "type": "libre",
                      "libelle": "Recommanderaient", "unite": "répondants",
                      "definition": json.dumps(libre)})
    expect(r, 303, "free indicator")
    rows = sql("select kind, catalogue_code, definition::text from indicators "
               "where convention_id = :'p1' order by position", cid)
    assert [r[0] for r in rows] == ["suivi", "impact", "libre"], rows
    assert rows[1][1] == cat[0]
    assert json.loads(rows[1][2]) == json.loads(cat[1])

    # Targets per quarter; the page shows them; one outside the period is refused.
    ind = sql_value("select id from indicators where convention_id = :'p1' "
                    "and kind = 'suivi'", cid)
    for quarter, target in (("2026-T1", "40"), ("2026-T2", "45,5"), ("2026-T3", "50"),
                            ("2026-T4", "55")):
        r = c.post(conv, {"action": "target.set", "objet": ind, "trimestre": quarter,
                          "objectif": target})
        expect(r, 303, quarter)
    got = sql("select quarter, target from indicator_targets where indicator_id = :'p1' "
              "order by quarter", ind)
    assert got == [["2026-01-01", "40.00"], ["2026-04-01", "45.50"],
                   ["2026-07-01", "50.00"], ["2026-10-01", "55.00"]], got
    # The page shows them as people write them, in every quarter's column.
    t = text_of(c.get(conv))
    assert "40 45,50 50 55" in t, t[:3000]
    # A quarter after the convention's last day (31 December) is refused.
    r = c.post(conv, {"action": "target.set", "objet": ind, "trimestre": "2027-T1",
                      "objectif": "10"})
    expect(r, 422, "out of the period")
    assert "en dehors de la période" in text_of(r)
    # A second follow-up indicator is refused.
    r = c.post(conv, {"action": "indicator.add", "type": "suivi", "libelle": "Encore",
                      "unite": "personnes", "definition": json.dumps(suivi)})
    expect(r, 422)
    assert "déjà son indicateur de suivi" in text_of(r)
    # The dashboard shows the new convention's indicators against the targets.
    code = sql_value("select code from projects where id = :'p1'", pid)
    d = c.get("/tableau-de-bord?cible=%s%%7CFO-TEST-1&trimestre=2026-T1" % code)
    expect(d, 200)
    td = text_of(d)
    assert "Personnes accompagnées" in td and "Recommanderaient" in td, td[:2000]

    # Every change is in the audit log, by this coordinator.
    acts = [r[0] for r in sql("select action from audit_log where object_type in "
                              "('project', 'funder', 'convention', 'indicator') and "
                              "actor = :'p1' order by id", COORD)]
    for a in ("project.create", "funder.create", "convention.create",
              "indicator.add", "target.set"):
        assert a in acts, (a, acts)


def fmt_fr(n):
    return "{:,}".format(n).replace(",", "\u00a0")


def test_a_definition_is_checked_with_the_exact_mistake():
    c = signed_in(COORD)
    pid = new_project(c, "test-emoji-2")
    fid = sql_value("select id from funders order by id limit 1")
    cid = new_convention(c, pid, fid, "FO-TEST-2")
    conv = "/conventions/%s" % cid
    cases = [
        ("{not json", "JSON"),
        (json.dumps({"source": "visits", "measure": "count",
                     "filter": {"sites": ["nulle-part"]}}), "filter.sites[0]"),
        (json.dumps({"source": "survey", "survey": "satisfaction", "measure": "share",
                     "question": "n-existe-pas", "values": ["oui"]}), "question"),
        (json.dumps({"source": "survey", "survey": "satisfaction",
                     "measure": "distinct_beneficiaries"}), "measure"),
    ]
    for definition, where in cases:
        r = c.post(conv, {"action": "indicator.preview", "type": "libre",
                          "libelle": "x", "unite": "personnes",
                          "definition": definition})
        expect(r, 422, definition)
        t = text_of(r)
        assert "La définition n'est pas valable" in t, t[:1500]
        assert where in t, (where, t[:1500])
        # The definition typed is shown again, escaped.
        assert "{not json" not in definition or "{not json" in t
    assert sql_value("select count(*) from indicators where convention_id = :'p1'",
                     cid) == "0"
    # An impact indicator needs the catalogue; a catalogue entry without a
    # ready definition needs one written.
    r = c.post(conv, {"action": "indicator.add", "type": "impact", "libelle": "x",
                      "unite": "personnes",
                      "definition": json.dumps({"source": "visits", "measure": "count"})})
    expect(r, 422)
    assert "liste restreinte" in text_of(r)
    r = c.post(conv, {"action": "indicator.add", "type": "impact",
                      "catalogue": "pe-pros-pratiques", "libelle": "x",
                      "unite": "personnes", "definition": ""})
    expect(r, 422)
    assert "écrivez sa définition" in text_of(r)


def test_the_impact_chain_milestones_and_budget():
    c = signed_in(COORD)
    pid = new_project(c, "test-emoji-3")
    url = "/projets/%s" % pid
    c.get(url)
    for stage, label in (("resources", "Deux médiateurs"), ("activities", "Ateliers"),
                         ("outputs", "300 personnes reçues"),
                         ("outcomes", "Démarches faites seules"),
                         ("impact", "Moins de non-recours")):
        expect(c.post(url, {"action": "chain.add", "etape": stage, "libelle": label}),
               303, stage)
    expect(c.post(url, {"action": "milestone.add", "libelle": "Ouverture",
                        "prevu_le": "2026-02-01", "statut": "planned"}), 303)
    ms = sql_value("select id from milestones where project_id = :'p1'", pid)
    expect(c.post(url, {"action": "milestone.update", "objet": ms, "statut": "done",
                        "fait_le": "2026-02-03"}), 303)
    assert sql("select status, done_on from milestones where id = :'p1'", ms) == \
        [["done", "2026-02-03"]]
    expect(c.post(url, {"action": "budget.add", "libelle": "Salaires",
                        "categorie": "personnel", "prevu": "30000"}), 303)
    bl = sql_value("select id from budget_lines where project_id = :'p1'", pid)
    expect(c.post(url, {"action": "budget.spend", "objet": bl, "trimestre": "2026-T1",
                        "depense": "7 250,40"}), 303)
    assert sql("select quarter, spent_cents from budget_spending where "
               "budget_line_id = :'p1'", bl) == [["2026-01-01", "725040"]]
    page = c.get(url)
    t = text_of(page)
    for s in ("Deux médiateurs", "Moins de non-recours", "Ouverture", "Réalisé",
              "Salaires", "30 000 €", "7 250,40 €", "1er trimestre 2026 : 7 250,40 €"):
        assert s in t, (s, t[:3000])
    # Deleting a line of the chain.
    step = sql_value("select id from impact_chain_steps where project_id = :'p1' "
                     "and stage = 'impact'", pid)
    expect(c.post(url, {"action": "chain.delete", "objet": step}), 303)
    assert "Moins de non-recours" not in text_of(c.get(url))


def test_a_chain_step_names_the_indicator_that_measures_it():
    c = signed_in(COORD)
    pid = new_project(c, "test-emoji-chain")
    cid = new_convention(c, pid, new_funder(c, "Fondation chaîne"), "FO-CHAIN-1")
    conv = "/conventions/%s" % cid
    c.get(conv)
    expect(c.post(conv, {"action": "indicator.add", "type": "suivi",
                         "libelle": "Personnes reçues <i>", "unite": "personnes",
                         "definition": json.dumps({"source": "visits",
                                                   "measure": "distinct_beneficiaries"})}),
           303, "indicator")
    iid = sql_value("select id from indicators where convention_id = :'p1'", cid)
    url = "/projets/%s" % pid
    page = c.get(url)
    # The form offers the project's indicators, escaped, with their convention.
    assert re.search(r'<option value="%s">Personnes reçues &lt;i&gt; \(FO-CHAIN-1\)'
                     '</option>' % iid, page.text), page.text[-4000:]
    expect(c.post(url, {"action": "chain.add", "etape": "outputs",
                        "libelle": "Personnes reçues au guichet", "indicateur": iid}), 303)
    assert sql("select stage, indicator_id from impact_chain_steps where project_id = "
               ":'p1'", pid) == [["outputs", iid]]
    assert "Personnes reçues au guichet (indicateur : Personnes reçues <i>)" in \
        text_of(c.get(url))
    # In English, the indicator's English name when it has one. The choice
    # of language is kept: back to French for the other tests, whatever happens.
    try:
        assert "(indicator: Personnes reçues <i>)" in text_of(c.get(url + "?lang=en"))
        sql("update indicators set label_en = 'People received' where id = :'p1'", iid)
        en = c.get(url + "?lang=en")
        assert "(indicator: People received)" in text_of(en)
        assert re.search(r'<option value="%s">People received \(FO-CHAIN-1\)' % iid,
                         en.text)
    finally:
        c.get(url + "?lang=fr")
    # Without one, the step has none.
    expect(c.post(url, {"action": "chain.add", "etape": "impact",
                        "libelle": "Moins de non-recours", "indicateur": ""}), 303)
    assert sql_value("select count(*) from impact_chain_steps where project_id = :'p1' "
                     "and indicator_id is null", pid) == "1"
    # Another project's indicator, one that does not exist, or junk: refused,
    # nothing stored.
    other = sql_value("select i.id from indicators i join conventions v on "
                      "v.id = i.convention_id where v.project_id <> :'p1' limit 1", pid)
    for bad in (other, "999999999", "abc", "-1"):
        r = c.post(url, {"action": "chain.add", "etape": "outcomes",
                         "libelle": "Étape refusée", "indicateur": bad})
        expect(r, 422, bad)
        assert "Étape refusée" in r.text, bad   # the form keeps what was typed
    assert sql_value("select count(*) from impact_chain_steps where project_id = :'p1'",
                     pid) == "2"


def test_input_is_checked_with_a_clear_message():
    c = signed_in(COORD)
    c.get("/projets")
    bad = [
        ({"action": "project.create", "code": "Pas Bon", "nom": "x"}, 422, "Le code"),
        ({"action": "project.create", "code": "ok-code", "nom": ""}, 422, "obligatoire"),
        ({"action": "project.create", "code": "ok-code", "nom": "x",
          "debut": "2026-02-30"}, 422, "n'existe pas"),
        ({"action": "project.create", "code": "ok-code", "nom": "x",
          "debut": "2026-05-01", "fin": "2026-01-01"}, 422, "doit suivre"),
        ({"action": "project.create", "code": "ok-code", "nom": "x\x01y"}, 422,
         "caractères non permis"),
        ({"action": "project.create", "code": "ok-code", "nom": "x" * 201}, 422,
         "trop long"),
        ({"action": "project.create", "code": "digilab", "nom": "x"}, 422, "déjà pris"),
        ({"action": "nope"}, 400, ""),
        ({"action": "milestone.add"}, 400, ""),
    ]
    for form, status, words in bad:
        r = c.post("/projets", form)
        expect(r, status, form)
        if words:
            assert words in text_of(r), (form, text_of(r)[:800])
    # The form keeps what was typed.
    r = c.post("/projets", {"action": "project.create", "code": "Pas Bon",
                            "nom": "<Mon projet>"})
    assert 'value="&lt;Mon projet&gt;"' in r.text
    pid = new_project(c, "test-emoji-4")
    for form in ({"action": "convention.create", "financeur": "1", "reference": "R",
                  "titre": "T", "montant": "-5", "debut": "2026-01-01",
                  "fin": "2026-12-31"},
                 {"action": "convention.create", "financeur": "1", "reference": "R",
                  "titre": "T", "montant": "1,234", "debut": "2026-01-01",
                  "fin": "2026-12-31"}):
        r = c.post("/projets/%s" % pid, form)
        expect(r, 422, form)
        assert "deux décimales" in text_of(r)
    r = c.post("/projets/%s" % pid, {"action": "convention.create",
                                      "financeur": "99999999", "reference": "R",
                                      "titre": "T", "montant": "1", "debut": "2026-01-01",
                                      "fin": "2026-12-31"})
    expect(r, 422, "no such funder")
    # No CSRF token, another origin: refused.
    expect(c.post("/projets", {"action": "project.create", "code": "x1", "nom": "x"},
                  csrf=False), 403)
    expect(c.post("/projets", {"action": "project.create", "code": "x1", "nom": "x"},
                  origin="https://evil.example"), 403)
    expect(c.get("/projets/99999999"), 404)
    expect(c.get("/conventions/99999999"), 404)


def test_only_the_organisations_coordinator_sees_and_changes_it():
    c = signed_in(COORD)
    pid = new_project(c, "test-emoji-5")
    fid = new_funder(c, "Fondation privée")
    cid = new_convention(c, pid, fid, "FO-TEST-5")
    for who in (MED, FUNDER, ADMIN):
        w = signed_in(who)
        for path in ("/projets", "/projets/%s" % pid, "/financeurs",
                     "/conventions/%s" % cid):
            expect(w.get(path), 404, (who, path))
    other_org()
    try:
        o = signed_in(COORD2)
        expect(o.get("/projets/%s" % pid), 404)
        expect(o.get("/conventions/%s" % cid), 404)
        o.get("/projets")
        r = o.post("/projets/%s" % pid, {"action": "project.update", "nom": "volé"})
        expect(r, 404)
        ind_conv = o.post("/conventions/%s" % cid, {
            "action": "indicator.add", "type": "suivi", "libelle": "x",
            "unite": "personnes",
            "definition": json.dumps({"source": "visits", "measure": "count"})})
        expect(ind_conv, 404)
        assert "test-emoji-5" not in o.get("/projets").text
        # A funder used by another organisation is not renamed by this one.
        r = o.post("/financeurs", {"action": "funder.update", "objet": fid,
                                   "nom": "Renommé", "nature": "city"})
        expect(r, 422)
        assert sql_value("select name from funders where id = :'p1'", fid) == \
            "Fondation privée"
    finally:
        other_org_put_away()


# Exports ------------------------------------------------------------------

import csv
import io
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def xlsx_sheets(data):
    """{sheet name: [[cell text or float], …]} read with zipfile and XML,
    as a real reader does: shared strings, inline numbers."""
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.testzip() is None
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(
                "{%s}t" % NS["m"])))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for s in wb.find("m:sheets", NS):
        rid = s.get("{%s}id" % NS["r"])
        ws = ET.fromstring(z.read("xl/" + target[rid]))
        rows = []
        for row in ws.find("m:sheetData", NS):
            cells = {}
            for c in row:
                ref = re.match(r"([A-Z]+)", c.get("r")).group(1)
                col = 0
                for ch in ref:
                    col = col * 26 + ord(ch) - 64
                v = c.find("m:v", NS)
                if v is None:
                    continue
                cells[col - 1] = shared[int(v.text)] if c.get("t") == "s" \
                    else float(v.text)
            rows.append([cells.get(i) for i in range(max(cells) + 1)] if cells else [])
        out[s.get("name")] = rows
    return out


def test_the_funders_spreadsheet_holds_the_dashboards_figures():
    c = signed_in(COORD)
    cid = sql_value("select id from conventions where reference = 'FO-EMOJI-DIGILAB'")
    year = sql_value("select extract(year from coalesce(nullif(:'p1', '')::date, "
                     "current_date))::int", os.environ.get("MESURE_TEST_ANCHOR", ""))
    first, last = sql("select extract(year from starts_on)::int, "
                      "extract(year from ends_on - 1)::int from conventions "
                      "where id = :'p1'", cid)[0]
    year = str(min(max(int(year), int(first)), int(last)))
    r = c.get("/conventions/%s/suivi.xlsx?annee=%s" % (cid, year))
    expect(r, 200)
    assert r.header("content-type").startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in r.header("content-disposition")
    assert r.header("cache-control") == "no-store"
    sheets = xlsx_sheets(r.body)
    assert list(sheets) == ["Projet", "Indicateurs", "Jalons", "Budget",
                            "Chaîne de l'impact"], list(sheets)
    summary = {row[0]: row[1] for row in sheets["Projet"] if len(row) > 1}
    assert summary["Convention"] == "FO-EMOJI-DIGILAB"
    assert summary["Montant (€)"] == float(sql_value(
        "select amount_cents / 100.0 from conventions where id = :'p1'", cid))
    assert summary["Seuil de publication (personnes)"] == 11.0
    # The indicators: every quarter of the year, the engine's values.
    ind = sheets["Indicateurs"]
    assert ind[0][:5] == ["Convention", "Type", "Indicateur", "Trimestre", "Valeur"]
    suivi = sql("select definition::text, label_fr from indicators i join conventions c "
                "on c.id = i.convention_id where c.id = :'p1' and kind = 'suivi'", cid)[0]
    values = sql("select extract(quarter from quarter)::int, numerator, people "
                 "from indicator_eval_quarters(:'p1'::jsonb, :'p2'::bigint, "
                 "(:'p3' || '-01-01')::date, 4) order by quarter",
                 suivi[0], org_id(), year)
    rows = [r for r in ind[1:] if r[1] == "Suivi"]
    assert len(rows) == 5, rows      # four quarters and the year
    for (q, n, people), row in zip(values, rows):
        assert row[3] == "%s-T%s" % (year, q), row
        if int(n) >= 11:
            assert row[4] == float(n), (row, n)
        elif int(n) > 0:
            assert row[4] == "< 11", row
    # Milestones and budget lines, as stored.
    ms = sql("select label from milestones m join conventions c on c.project_id = "
             "m.project_id where c.id = :'p1' order by planned_on, m.id", cid)
    assert [r[0] for r in sheets["Jalons"][1:]] == [m[0] for m in ms]
    bl = sql("select label, planned_cents / 100.0 from budget_lines b join conventions c "
             "on c.project_id = b.project_id where c.id = :'p1'", cid)
    got = {r[0]: r[2] for r in sheets["Budget"][1:]}
    for label, planned in bl:
        assert got[label] == float(planned), (label, got)
    # Out of the convention's period, or not a year: refused.
    expect(c.get("/conventions/%s/suivi.xlsx?annee=1999" % cid), 422)
    expect(c.get("/conventions/%s/suivi.xlsx?annee=20x6" % cid), 422)
    acts = sql("select action, object_id from audit_log where action = 'export.xlsx' "
               "and actor = :'p1' order by id desc limit 1", COORD)
    assert acts == [["export.xlsx", cid]], acts


def read_csv(r):
    assert r.body.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"), newline="")))


def test_raw_exports_are_rfc4180_neutralised_and_audited():
    c = signed_in(COORD)
    # A hostile free-text answer in a response of this organisation.
    rid = sql_value("select r.id from responses r join answers a on a.response_id = r.id "
                    "where r.organisation_id = :'p1' order by r.submitted_at desc "
                    "limit 1", org_id())
    when = sql_value("select to_char(submitted_at at time zone 'Europe/Paris', "
                     "'YYYY-\"T\"Q') from responses where id = :'p1'", rid)
    evil = '=HYPERLINK("http://evil.example","x"), "quoted"\nline'
    sql("insert into answers (response_id, question, ordinal, value) values "
        "(:'p1', 'export_test', 0, :'p2')", rid, evil)
    try:
        r = c.get("/exports/reponses.csv?du=%s&au=%s" % (when, when))
        expect(r, 200)
        assert r.header("content-type") == "text/csv; charset=utf-8"
        rows = read_csv(r)
        head = rows[0]
        assert head == ["reponse", "date", "lieu", "questionnaire", "version", "langue",
                        "canal", "domaine", "aide", "liee_visite", "question", "rang",
                        "valeur"], head
        mine = [row for row in rows[1:] if row[10] == "export_test"]
        assert mine and mine[0][12] == "'" + evil, mine
        assert all(len(row) == len(head) for row in rows), "RFC 4180 rows"
        n = sql_value("select count(*) from answers a join responses r on r.id = "
                      "a.response_id where r.organisation_id = :'p1' and "
                      "to_char(r.submitted_at at time zone 'Europe/Paris', "
                      "'YYYY-\"T\"Q') = :'p2'", org_id(), when)
        assert len(rows) - 1 == int(n), (len(rows), n)
    finally:
        sql("delete from answers where question = 'export_test'")
    r = c.get("/exports/visites.csv?du=%s&au=%s" % (when, when))
    expect(r, 200)
    rows = read_csv(r)
    assert rows[0][:4] == ["visite", "date", "lieu", "pseudonyme"], rows[0]
    n = sql_value("select count(*) from visits where organisation_id = :'p1' and "
                  "to_char(visited_at at time zone 'Europe/Paris', 'YYYY-\"T\"Q') = "
                  ":'p2'", org_id(), when)
    assert len(rows) - 1 == int(n)
    # The dictionary describes exactly the columns of both files.
    d = read_csv(c.get("/exports/dictionnaire.csv"))
    assert [x[1] for x in d[1:] if x[0] == "visites.csv"] == rows[0]
    assert [x[1] for x in d[1:] if x[0] == "reponses.csv"] == head
    page = c.get("/exports")
    expect(page, 200)
    assert "pseudonyme" in page.text
    # Audited, with the period.
    acts = sql("select action, detail->>'du' from audit_log where actor = :'p1' and "
               "action like 'export.%%' order by id desc limit 2", COORD)
    assert acts == [["export.visits", when], ["export.answers", when]], acts
    # Bad periods: a clear 422.
    for q in ("du=2026-T9", "du=2026-T3&au=2026-T1", "du=2024-T1&au=2026-T1",
              "au=%3Cscript%3E"):
        expect(c.get("/exports/visites.csv?" + q), 422, q)


def test_exports_ask_for_the_password_again_and_only_the_coordinator():
    c = signed_in(COORD)
    sql("update sessions set reauth_at = now() - interval '11 minutes' where "
        "user_id = (select id from users where email = :'p1')", COORD)
    cid = sql_value("select id from conventions where reference = 'FO-EMOJI-DIGILAB'")
    for path in ("/exports/visites.csv", "/exports/reponses.csv",
                 "/conventions/%s/suivi.xlsx" % cid):
        r = c.get(path)
        expect(r, 303, path)
        assert r.header("location").startswith("/connexion/confirmer?suite="), path
    for who in (MED, FUNDER, ADMIN):
        w = signed_in(who)
        for path in ("/exports", "/exports/visites.csv", "/exports/dictionnaire.csv",
                     "/conventions/%s/suivi.xlsx" % cid):
            expect(w.get(path), 404, (who, path))
    other_org()
    try:
        expect(signed_in(COORD2).get("/conventions/%s/suivi.xlsx" % cid), 404)
    finally:
        other_org_put_away()
