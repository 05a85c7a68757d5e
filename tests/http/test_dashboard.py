"""The indicators' dashboard (issue #6, app/dashboard.c): a coordinator
sees each indicator of a convention against its target, quarter by
quarter, with the figures the PDF report prints (the same model), the
satisfaction distribution and the response rate, drawn as inline SVG;
another organisation's convention answers 404."""
import re

from test_auth_helpers import *


def fr_int(n):
    return "{:,}".format(n).replace(",", "\u00a0")


def test_the_dashboard_shows_the_reports_figures():
    c = signed_in(COORD)
    r = c.get("/tableau-de-bord?cible=digilab%7CFO-EMOJI-DIGILAB&trimestre=2026-T3")
    expect(r, 200)
    check_security_headers(r)
    text = re.sub(r"\s+", " ", page_text(r))
    # Follow-up indicator: distinct people, from the engine, per quarter.
    d = sql_value("select definition::text from indicators i join conventions c "
                  "on c.id = i.convention_id where c.reference = 'FO-EMOJI-DIGILAB' "
                  "and i.kind = 'suivi'")
    rows = sql("select extract(quarter from quarter)::int, extract(year from quarter)::int, "
               "numerator from indicator_eval_quarters(:'p1'::jsonb, "
               "(select id from organisations where slug = 'action-numerique'), "
               "'2025-10-01', 4) order by quarter", d)
    for q, y, n in rows:
        assert "T%s %s %s personnes" % (q, y, fr_int(int(n))) in text, \
            (q, y, n, text[:3000])
    # Shares come with their count and 95 % interval, as in the PDF.
    assert "IC 95" in text and " sur " in text, text[:4000]
    assert r.text.count("<svg") >= 5, r.text.count("<svg")  # 3 trends, satisfaction, rate
    m = re.search(r'(src|href)="(https?:)?//[^"]*', r.text)
    assert not m, m.group(0)
    assert "Satisfaction" in text and "Taux de réponse" in text, text[-3000:]


def test_the_dashboard_checks_its_input_and_scope():
    c = signed_in(COORD)
    expect(c.get("/tableau-de-bord"), 200, "defaults")
    expect(c.get("/tableau-de-bord?trimestre=2026-T9"), 422)
    expect(c.get("/tableau-de-bord?trimestre=%3Cscript%3E"), 422)
    expect(c.get("/tableau-de-bord?cible=digilab%7CNULLE-PART"), 404)
    other_org()
    try:
        r = signed_in(COORD2).get("/tableau-de-bord?cible=digilab%7CFO-EMOJI-DIGILAB")
        expect(r, 404, "another organisation's convention")
    finally:
        other_org_put_away()
    for who in (MED, FUNDER, ADMIN):
        expect(signed_in(who).get("/tableau-de-bord"), 404, who)
