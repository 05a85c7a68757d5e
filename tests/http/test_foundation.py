"""The foundation: health check, the public home page from the database,
assets, the 404 page, the security headers, languages, the demo data."""
import gzip

from mesure import *


def test_healthz_ok_when_database_answers():
    r = get("/healthz")
    expect(r, 200, "/healthz")
    assert r.text == "ok\n", r.text
    check_security_headers(r)


def test_healthz_rejects_other_methods():
    r = post("/healthz", body="x")
    expect(r, 405)
    assert "GET" in r.header("allow")


def test_home_lists_the_four_digilab_sites_from_the_database():
    r = get("/")
    expect(r, 200, "home")
    check_security_headers(r)
    page = r.text
    for name in ("Digilab Blossières", "Digilab Centre", "Digilab Argonne",
                 "Digilab La Source"):
        assert name in page, name
    # Facts of the seed: addresses, phones and hours.
    assert "11 rue Charles Le Chauve" in page
    assert "69 rue Bannier" in page
    assert "02 38 68 46 66" in page
    assert "13\u00a0h\u00a030 – 17\u00a0h" in page
    assert 'href="/s/satisfaction/la-source"' in page
    assert 'href="tel:+33238684666"' in page
    assert '<html lang="fr"' in page


def test_home_follows_the_database():
    """The page is built from the sites table, not from the template."""
    sql("update sites set name = 'Digilab <Test> & Co' where code = 'centre'")
    try:
        page = get("/").text
        assert "Digilab &lt;Test&gt; &amp; Co" in page, "name escaped"
        assert "<Test>" not in page
    finally:
        sql("update sites set name = 'Digilab Centre' where code = 'centre'")


def test_home_in_english_by_accept_language_and_by_choice():
    r = get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en"' in r.text and "help desks" in r.text
    r = get("/?lang=en")
    assert '<html lang="en"' in r.text
    r = get("/?lang=fr", headers={"Accept-Language": "en"})
    assert '<html lang="fr"' in r.text
    r = get("/?lang=zz")
    assert '<html lang="fr"' in r.text


def test_unknown_path_gives_a_404_page_with_headers():
    r = get("/nulle-part")
    expect(r, 404)
    check_security_headers(r)
    assert "Cette page n'existe pas." in page_text(r)


def test_assets_are_served_with_validators_and_gzip():
    r = get("/assets/css/mesure.css")
    expect(r, 200)
    assert r.header("content-type") == "text/css; charset=utf-8"
    etag = r.header("etag")
    assert etag and etag.startswith('"')
    r2 = get("/assets/css/mesure.css", headers={"If-None-Match": etag})
    expect(r2, 304)
    r3 = get("/assets/css/mesure.css", headers={"Accept-Encoding": "gzip"})
    assert r3.header("content-encoding") == "gzip"
    assert gzip.decompress(r3.body) == r.body
    expect(get("/assets/css/nope.css"), 404)
    expect(get("/assets/../Makefile"), 404)


def test_demo_data_is_loaded_with_believable_volume():
    visits = int(sql_value("select count(*) from visits"))
    responses = int(sql_value("select count(*) from responses"))
    assert visits > 2500, visits
    assert responses > 1000, responses
    # The demo organisation's sites (other suites add an organisation).
    sites = sql("select s.code from sites s join organisations o on "
                "o.id = s.organisation_id where o.slug = 'action-numerique' "
                "order by s.code")
    assert [s[0] for s in sites] == ["argonne", "blossieres", "centre",
                                    "la-source"]
    funders = sql_value("select count(*) from conventions c join projects p "
                        "on p.id = c.project_id where p.code = 'digilab'")
    assert funders == "3"
    # Busier sites (open longer) have more visits.
    per_site = dict(sql("select s.code, count(*) from visits v join sites s "
                        "on s.id = v.site_id group by s.code"))
    assert int(per_site["la-source"]) > int(per_site["blossieres"]) * 4


def test_every_migration_ran_once():
    rows = sql("select version from schema_migrations order by version")
    assert len(rows) >= 3 and rows[0][0] == "0001"
    versions = [r[0] for r in rows]
    assert len(versions) == len(set(versions))


def test_signed_report_cannot_change():
    """The database itself refuses to alter a signed report."""
    rid = sql_value("""
        insert into reports (organisation_id, project_id, kind, period_start,
            period_end, status, pdf, sha256, data_sha256, schema_version,
            signed_at)
        select o.id, p.id, 'quarterly', '2026-07-01', '2026-10-01', 'signed',
            '\\x25504446', sha256('\\x25504446'), sha256('\\x00'), 'test', now()
        from organisations o join projects p on p.organisation_id = o.id
        where p.code = 'digilab' returning id""")
    try:
        out = None
        try:
            sql("update reports set pdf = '\\x00' where id = :'p1'", rid)
        except AssertionError as e:
            out = str(e)
        assert out and "signed and cannot change" in out, out
    finally:
        sql("alter table reports disable trigger reports_freeze;"
            "delete from reports where id = :'p1';"
            "alter table reports enable trigger reports_freeze", rid)


def test_audit_log_is_a_chain():
    sql("insert into audit_log (action, actor) values ('test.one', 't'),"
        " ('test.two', 't')")
    rows = sql("select id, prev_hash = lag(hash) over (order by id) "
               "from audit_log order by id")
    # The first row chains onto nothing (NULL); every other onto its
    # predecessor.
    assert all(r[1] in ("t", None, "") for r in rows), rows
    assert any(r[1] == "t" for r in rows), rows
    out = None
    try:
        sql("update audit_log set actor = 'x'")
    except AssertionError as e:
        out = str(e)
    assert out and "append-only" in out
