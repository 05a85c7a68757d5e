"""Indicator evaluation (issue #6): the SQL engine indicator_eval() and
indicator_eval_quarters() of sql/migrations/0402 against SQL written by
hand for each kind of definition, on the demo data of the test database;
the figures mesure-report reads (--indicators) are the same; bad
definitions are refused. Nothing here needs the web server: these are
the numbers every page, PDF and export will share."""
import json
import os
import subprocess

from mesure import *

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANCHOR = os.environ.get("MESURE_TEST_ANCHOR", "")


def quarters():
    """The four complete quarters before the anchor's quarter."""
    first = sql_value("select (date_trunc('quarter', coalesce(nullif(:'p1', ''), "
                      "current_date::text)::date) - interval '12 months')::date",
                      ANCHOR)
    return [sql_value("select (:'p1'::date + (:'p2')::int * interval '3 months')::date",
                      first, str(i)) for i in range(4)]


_org = []


def org():
    if not _org:
        _org.append(sql_value("select id from organisations where slug = 'action-numerique'"))
    return _org[0]


def engine(definition, q):
    """indicator_eval over one quarter: value, numerator, denominator, people
    (None for NULL). NULLs are spelled out in SQL: mesure.sql's NULL marker
    (0x1e) is a line break to Python's splitlines()."""
    row = sql("select coalesce(value::text, '-'), numerator, "
              "coalesce(denominator::text, '-'), people from indicator_eval("
              ":'p1'::jsonb, :'p2'::bigint, :'p3'::date, "
              "(:'p3'::date + interval '3 months')::date)",
              json.dumps(definition), org(), q)[0]
    return [None if c == "-" else c for c in row]


# SQL by hand: plain joins and EXISTS, written for each kind, sharing
# nothing with the engine.

PERIOD_V = ("v.visited_at >= (:'p1'::date::timestamp at time zone 'Europe/Paris') and "
            "v.visited_at < ((:'p1'::date + interval '3 months')::timestamp at time zone 'Europe/Paris')")
PERIOD_R = PERIOD_V.replace("v.visited_at", "r.submitted_at")


def hand_visits_count(q, where=""):
    return int(sql_value("select count(*) from visits v join sites s on s.id = v.site_id "
                         "where " + PERIOD_V + where, q))


def hand_visits_people(q, where=""):
    return int(sql_value("select count(distinct v.beneficiary_id) from visits v "
                         "join sites s on s.id = v.site_id where " + PERIOD_V + where, q))


def hand_responses(q, survey, where=""):
    return int(sql_value(
        "select count(*) from responses r join survey_versions sv on sv.id = r.survey_version_id "
        "join surveys su on su.id = sv.survey_id join sites s on s.id = r.site_id "
        "where su.code = '" + survey + "' and " + PERIOD_R + where, q))


def answered(question, values=None):
    cond = " and a.value in (%s)" % ", ".join("'%s'" % v for v in values) if values else ""
    return (" and exists (select 1 from answers a where a.response_id = r.id "
            "and a.question = '%s'%s)" % (question, cond))


def test_engine_matches_hand_sql_on_the_demo_data():
    for q in quarters():
        # Visits counted, with a domain filter (a visit may have two).
        d = {"source": "visits", "measure": "count",
             "filter": {"domains": ["famille", "logement"]}}
        want = hand_visits_count(q, " and exists (select 1 from visit_domains vd where "
                                    "vd.visit_id = v.id and vd.domain_code in ('famille', 'logement'))")
        got = engine(d, q)
        assert int(got[1]) == want, (q, d, got, want)
        # Distinct people at three sites.
        d = {"source": "visits", "measure": "distinct_beneficiaries",
             "filter": {"sites": ["blossieres", "argonne", "la-source"]}}
        want = hand_visits_people(q, " and s.code in ('blossieres', 'argonne', 'la-source')")
        assert int(engine(d, q)[0]) == want, (q, d)
        # A share of visits: done on the person's behalf, among all.
        d = {"source": "visits", "measure": "share",
             "filter": {"help_kind": ["faire-a-la-place"]}}
        k = hand_visits_count(q, " and v.help_kind = 'faire-a-la-place'")
        n = hand_visits_count(q)
        got = engine(d, q)
        assert (int(got[1]), int(got[2])) == (k, n), (q, got, k, n)
        assert abs(float(got[0]) - k / n) < 1e-9
        # A share of visits with a base: alone, among La Source's visits.
        d = {"source": "visits", "measure": "share", "filter": {"autonomy": ["seul"]},
             "base": {"sites": ["la-source"]}}
        k = hand_visits_count(q, " and v.autonomy = 'seul' and s.code = 'la-source'")
        n = hand_visits_count(q, " and s.code = 'la-source'")
        got = engine(d, q)
        assert (int(got[1]), int(got[2])) == (k, n), (q, got, k, n)
        # A survey count over a multiple choice: one response counted
        # once even with two barriers lifted.
        vals = ["sante", "mobilite", "emploi", "logement", "argent"]
        d = {"source": "survey", "survey": "resultats", "measure": "count",
             "question": "frein_leve", "values": vals}
        want = hand_responses(q, "resultats", answered("frein_leve", vals))
        assert int(engine(d, q)[1]) == want, (q, d)
        # A share of respondents: those who answered, "don't know" in.
        d = {"source": "survey", "survey": "satisfaction", "measure": "share",
             "question": "autonome", "values": ["oui"]}
        k = hand_responses(q, "satisfaction", answered("autonome", ["oui"]))
        n = hand_responses(q, "satisfaction", answered("autonome"))
        got = engine(d, q)
        assert (int(got[1]), int(got[2])) == (k, n), (q, got, k, n)
        # A smiley as a share of the two happiest faces.
        d = {"source": "survey", "survey": "resultats", "measure": "share",
             "question": "confiance_numerique", "values": ["4", "5"]}
        k = hand_responses(q, "resultats", answered("confiance_numerique", ["4", "5"]))
        n = hand_responses(q, "resultats", answered("confiance_numerique"))
        assert (int(engine(d, q)[1]), int(engine(d, q)[2])) == (k, n)


def test_outcome_and_attribution_are_apart():
    """"Got the right" versus "got it thanks to the service": the second is
    the first filtered on the counterfactual question, never more."""
    for q in quarters():
        outcome = {"source": "survey", "survey": "resultats", "measure": "count",
                   "question": "droit_obtenu", "values": ["oui"]}
        attributed = dict(outcome, filter={"answers": {"sans_digilab": ["non"]}})
        o = int(engine(outcome, q)[1])
        a = int(engine(attributed, q)[1])
        want = hand_responses(q, "resultats", answered("droit_obtenu", ["oui"]) +
                              answered("sans_digilab", ["non"]))
        assert a == want, (q, a, want)
        assert o == hand_responses(q, "resultats", answered("droit_obtenu", ["oui"]))
        assert a <= o


def test_followed_by_skills_counts_later_sessions_only():
    d = {"source": "visits", "measure": "distinct_beneficiaries",
         "filter": {"partner": ["espace-numerique"], "followed_by_skills": True}}
    for q in quarters():
        want = int(sql_value(
            "select count(distinct v.beneficiary_id) from visits v where " + PERIOD_V +
            " and v.partner_code = 'espace-numerique' and exists (select 1 from visits w "
            "join visit_skills k on k.visit_id = w.id where w.beneficiary_id = v.beneficiary_id "
            "and w.visited_at > v.visited_at and w.visited_at < "
            "((:'p1'::date + interval '3 months')::timestamp at time zone 'Europe/Paris'))", q))
        assert int(engine(d, q)[0]) == want, (q, want)


def test_quarters_in_one_pass_equal_quarter_by_quarter():
    qs = quarters()
    for (definition,) in sql("select definition::text from indicators order by id"):
        rows = sql("select quarter, coalesce(value::text, '-'), numerator, "
                   "coalesce(denominator::text, '-') from "
                   "indicator_eval_quarters(:'p1'::jsonb, :'p2'::bigint, :'p3'::date, 4)",
                   definition, org(), qs[0])
        assert [r[0] for r in rows] == qs, rows
        for r in rows:
            r = [None if c == "-" else c for c in r]
            one = engine(json.loads(definition), r[0])
            assert [one[0], one[1], one[2]] == r[1:4], (definition, r, one)


def test_every_shipped_definition_evaluates():
    """The catalogue's ready definitions and the demo's indicators."""
    defs = [d for (d,) in sql("select definition::text from indicator_catalogue "
                              "where definition is not null")]
    defs += [d for (d,) in sql("select definition::text from indicators")]
    assert len(defs) >= 15
    q = quarters()[-1]
    for d in defs:
        row = engine(json.loads(d), q)
        assert row[1] is not None and int(row[1]) >= 0, (d, row)


def test_the_report_reads_the_same_figures():
    """mesure-report --indicators: the figures the PDF is made from."""
    qs = quarters()
    y, m = qs[-1][:4], int(qs[-1][5:7])
    label = "%s-T%d" % (y, (m - 1) // 3 + 1)
    out = subprocess.run([os.path.join(TOP, "build", "mesure-report"), "--project", "digilab",
                          "--quarter", label, "--indicators", "--no-store", "--db", DB],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert len(got) == 9, got
    for ind in got:
        definition = sql_value("select definition::text from indicators where id = :'p1'",
                               str(ind["id"]))
        for qv in ind["quarters"]:
            one = engine(json.loads(definition), qv["quarter"])
            assert int(one[1]) == qv["numerator"], (ind["id"], qv, one)
            if one[2] is not None:
                assert int(one[2]) == qv["denominator"], (ind["id"], qv, one)
            assert abs(float(one[0] or 0) - qv["value"]) < 1e-6, (ind["id"], qv, one)


def test_bad_definitions_are_refused_by_the_engine():
    for bad in ('{"source": "visites", "measure": "count"}',
                '{"source": "visits", "measure": "sum"}',
                '{"measure": "count"}'):
        args = ["psql", DB, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                "select * from indicator_eval('%s'::jsonb, 1, '2026-01-01', '2026-04-01')" % bad]
        out = subprocess.run(args, capture_output=True, text=True)
        assert out.returncode != 0 and "bad source or measure" in out.stderr, (bad, out.stderr)


def test_only_free_text_answers_can_be_approved_for_quotes():
    rid = sql_value("select response_id from answers where question = 'droit_obtenu' limit 1")
    args = ["psql", DB, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
            "insert into answer_approvals (response_id, question) values ('%s', 'droit_obtenu')" % rid]
    out = subprocess.run(args, capture_output=True, text=True)
    assert out.returncode != 0 and "only free-text answers" in out.stderr, out.stderr
    text = sql("select response_id from answers where question = 'commentaire' limit 1")
    if text:
        sql("insert into answer_approvals (response_id, question) values (:'p1', 'commentaire')",
            text[0][0])
        sql("delete from answer_approvals where response_id = :'p1'", text[0][0])


# The rollups (migrations 0400, 0401): the reports read pre-aggregated
# quarters; the figures must be those of the raw rows, before and after
# a refresh, after a new response and after an erased one.

def raw(definition, q):
    row = sql("select coalesce(value::text, '-'), numerator, coalesce(denominator::text, '-'), "
              "people from indicator_eval_raw(:'p1'::jsonb, :'p2'::bigint, :'p3'::date, "
              "(:'p3'::date + interval '3 months')::date, false)",
              json.dumps(definition), org(), q)[0]
    return [None if c == "-" else c for c in row]


def all_definitions():
    return [json.loads(d) for (d,) in sql("select definition::text from indicators order by id")] + \
        [json.loads(d) for (d,) in sql("select definition::text from indicator_catalogue "
                                      "where definition is not null")]


def test_rollups_give_the_raw_figures():
    sql("select answer_rollup_refresh(:'p1'::bigint), visit_rollup_refresh(:'p1'::bigint, "
        "'2000-01-01', '2100-01-01')", org())
    for q in quarters():
        for d in all_definitions():
            assert engine(d, q) == raw(d, q), (q, d, engine(d, q), raw(d, q))
        a = sql("select dim, code, visits, people, anon, minutes, newp from visit_activity("
                ":'p1'::bigint, :'p2'::date, (:'p2'::date + interval '3 months')::date) "
                "order by 1, 2", org(), q)
        b = sql("select dim, code, visits, people, anon, minutes, newp from visit_activity_raw("
                ":'p1'::bigint, :'p2'::date, (:'p2'::date + interval '3 months')::date) "
                "order by 1, 2", org(), q)
        assert a == b and len(a) > 10, (q, a, b)
    built = sql_value("select count(*) from visit_rollup_quarters where organisation_id = :'p1'",
                      org())
    assert int(built) >= 4, built


def test_rollups_follow_new_and_erased_responses():
    q = quarters()[-1]
    d = {"source": "survey", "survey": "resultats", "measure": "count",
         "question": "droit_obtenu", "values": ["oui"]}
    sql("select answer_rollup_refresh(:'p1'::bigint)", org())
    before = int(engine(d, q)[1])
    # A response received now for that quarter: in the figures at once.
    rid = "0000feed-0000-4000-8000-000000000001"
    sql("insert into responses (id, organisation_id, survey_version_id, site_id, lang, "
        "channel, submitted_at, answers_sha256) select :'p1'::uuid, su.organisation_id, "
        "sv.id, (select min(id) from sites), 'fr', 'web', :'p2'::date + interval '10 days', "
        "sha256('\\x'::bytea) from surveys su join survey_versions sv on sv.survey_id = su.id "
        "where su.code = 'resultats'", rid, q)
    sql("insert into answers (response_id, question, value) values (:'p1'::uuid, "
        "'droit_obtenu', 'oui')", rid)
    assert int(engine(d, q)[1]) == before + 1
    assert engine(d, q) == raw(d, q)
    # Erased again: gone from the figures.
    sql("delete from responses where id = :'p1'::uuid", rid)
    assert int(engine(d, q)[1]) == before
    # An old response, already folded into the rollup, erased: its
    # quarter is read raw until rebuilt, and the figure drops at once.
    old = sql("select r.id from responses r join answers a on a.response_id = r.id "
              "where a.question = 'droit_obtenu' and a.value = 'oui' and r.submitted_at >= "
              ":'p1'::date and r.submitted_at < :'p1'::date + interval '3 months' "
              "order by r.id limit 1", q)[0][0]
    keep_r = sql("select row_to_json(r)::text from responses r where id = :'p1'::uuid", old)[0][0]
    keep_a = [a for (a,) in sql("select row_to_json(a)::text from answers a where "
                                "response_id = :'p1'::uuid", old)]
    sql("delete from responses where id = :'p1'::uuid", old)
    try:
        assert sql_value("select count(*) from answer_rollup_dirty where quarter = :'p1'", q) == "1"
        assert int(engine(d, q)[1]) == before - 1
        assert engine(d, q) == raw(d, q)
        sql("select answer_rollup_refresh(:'p1'::bigint)", org())
        assert sql_value("select count(*) from answer_rollup_dirty") == "0"
        assert int(engine(d, q)[1]) == before - 1
    finally:
        # Put the response back as it was, for the suites that follow.
        sql("insert into responses select * from json_populate_record(null::responses, "
            ":'p1'::json)", keep_r)
        for a in keep_a:
            sql("insert into answers select * from json_populate_record(null::answers, "
                ":'p1'::json)", a)
        # Restored with its old received_at: a restore (or an import)
        # marks the quarter dirty, as the rollup's contract asks.
        sql("insert into answer_rollup_dirty values (:'p1'::bigint, :'p2'::date) "
            "on conflict do nothing", org(), q)
        sql("select answer_rollup_refresh(:'p1'::bigint)", org())
    assert int(engine(d, q)[1]) == before


def test_a_corrected_visit_is_counted_at_once():
    q = quarters()[-1]
    sql("select visit_rollup_refresh(:'p1'::bigint, :'p2'::date, "
        "(:'p2'::date + interval '3 months')::date)", org(), q)
    total = lambda: sql("select visits, people from visit_activity(:'p1'::bigint, :'p2'::date, "
                        "(:'p2'::date + interval '3 months')::date) where dim = 'total'", org(), q)[0]
    before = total()
    vid = sql_value("select id from visits where visited_at >= :'p1'::date and "
                    "visited_at < :'p1'::date + interval '3 months' order by id limit 1", q)
    moved = sql_value("select visited_at::text from visits where id = :'p1'", vid)
    sql("update visits set visited_at = visited_at - interval '1 year' where id = :'p1'", vid)
    try:
        assert int(total()[0]) == int(before[0]) - 1, (total(), before)
    finally:
        sql("update visits set visited_at = :'p1'::timestamptz where id = :'p2'", moved, vid)
    assert total() == before
    sql("select visit_rollup_refresh(:'p1'::bigint, '2000-01-01', '2100-01-01')", org())
    assert total() == before


# The cells and people of migration 0403: visit indicators with one
# criterion, and the activity over several quarters (the annual report),
# read from per-quarter rollups – the same rows as the raw visits, for
# one quarter, quarter by quarter, and over a whole year that includes
# the current quarter; and still after a visit changes.

VISIT_DEFS = [
    {"source": "visits", "measure": "distinct_beneficiaries"},
    {"source": "visits", "measure": "count"},
    {"source": "visits", "measure": "distinct_beneficiaries",
     "filter": {"sites": ["blossieres", "argonne"]}},
    {"source": "visits", "measure": "count",
     "filter": {"domains": ["famille", "logement"]}},
    {"source": "visits", "measure": "share",
     "filter": {"help_kind": ["faire-a-la-place"]}},
    {"source": "visits", "measure": "distinct_beneficiaries",
     "filter": {"partner": ["caf", "cpam"]}},
    {"source": "visits", "measure": "share",
     "base": {"domains": ["argent"]}},
    {"source": "visits", "measure": "distinct_beneficiaries",
     "filter": {"autonomy": ["seul"]}},
    {"source": "visits", "measure": "count",
     "filter": {"channel": ["telephone"]}},
]


def range_rows(fn, d, first, end, by_quarter):
    return sql("select period, coalesce(value::text, '-'), numerator, "
               "coalesce(denominator::text, '-'), people, base_people from "
               + fn + "(:'p1'::jsonb, :'p2'::bigint, :'p3'::date, :'p4'::date, "
               ":'p5'::boolean) order by 1", json.dumps(d), org(), first, end,
               "true" if by_quarter else "false")


def year_span():
    """Five quarters up to and including the anchor's (the current one)."""
    first = quarters()[0]
    end = sql_value("select (:'p1'::date + interval '15 months')::date", first)
    return first, end


def test_cells_give_the_raw_figures_over_quarters_and_a_year():
    sql("select visit_rollup_refresh(:'p1'::bigint, '2000-01-01', '2100-01-01')", org())
    first, end = year_span()
    # The current quarter is built too (a report reads it many times).
    assert sql_value("select visit_rollup_clean(:'p1'::bigint, (:'p2'::date - "
                     "interval '3 months')::date)", org(), end) == "t"
    fits = 0
    for d in VISIT_DEFS + [x for x in all_definitions() if x["source"] == "visits"]:
        fits += sql_value("select indicator_cells_fit(:'p1'::jsonb, :'p2'::date, "
                          ":'p3'::date)", json.dumps(d), first, end) == "t"
        for by_quarter in (True, False):
            a = range_rows("indicator_eval_range", d, first, end, by_quarter)
            b = range_rows("indicator_eval_raw", d, first, end, by_quarter)
            assert a == b, (d, by_quarter, a, b)
    assert fits >= len(VISIT_DEFS) - 2, fits
    act = lambda fn: sql("select dim, code, visits, people, anon, minutes, newp from "
                         + fn + "(:'p1'::bigint, :'p2'::date, :'p3'::date) order by 1, 2",
                         org(), first, end)
    a, b = act("visit_activity"), act("visit_activity_raw")
    assert a == b and len(a) > 10, (a, b)


def test_cells_follow_a_changed_visit():
    sql("select visit_rollup_refresh(:'p1'::bigint, '2000-01-01', '2100-01-01')", org())
    first, end = year_span()
    d = {"source": "visits", "measure": "distinct_beneficiaries",
         "filter": {"sites": ["argonne"]}}
    before = range_rows("indicator_eval_range", d, first, end, False)
    # A named person's visit moves to another site: the quarter is dirty,
    # read raw, and the figures are those of the raw rows at once.
    vid, site = sql("select v.id, v.site_id from visits v join sites s on s.id = v.site_id "
                    "where s.code = 'argonne' and v.beneficiary_id is not null and "
                    "v.visited_at >= :'p1'::date order by v.id limit 1", first)[0]
    sql("update visits set site_id = (select id from sites where code = 'la-source') "
        "where id = :'p1'", vid)
    try:
        a = range_rows("indicator_eval_range", d, first, end, False)
        assert a == range_rows("indicator_eval_raw", d, first, end, False)
        sql("select visit_rollup_refresh(:'p1'::bigint, '2000-01-01', '2100-01-01')", org())
        assert range_rows("indicator_eval_range", d, first, end, False) == a
    finally:
        sql("update visits set site_id = :'p1' where id = :'p2'", site, vid)
    assert range_rows("indicator_eval_range", d, first, end, False) == before
