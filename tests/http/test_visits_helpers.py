"""Helpers of the visit tests (issue #5): the visit form as a browser
posts it, a multipart upload, and SQL shortcuts.

No test_ functions here: tests/http/run.py loads this file and runs none.
"""
import html
import json
import re
import uuid

from test_auth_helpers import *

DOMAINS = ["papiers-citoyennete", "famille", "social-sante", "travail",
           "logement", "transports", "argent", "justice", "etranger",
           "loisirs"]


def today():
    return sql_value("select to_char(now() at time zone 'Europe/Paris', "
                     "'YYYY-MM-DD')")


def visit_form(**over):
    """The fields of the visit form as its defaults post them, with
    over's values (a list for a repeated field; None drops a field)."""
    f = {"date": today(), "heure": "10:30", "site": "la-source",
         "domaines": ["famille"], "aide": "accompagnement",
         "orientation": "", "duree": "20", "duree_autre": "",
         "autonomie": "", "canal": "sur-place", "pseudonyme": "",
         "age": "", "qpv": "", "premiere_visite": ""}
    for k, v in over.items():
        if v is None:
            f.pop(k, None)
        else:
            f[k] = v
    return f


def record(client, **over):
    """Record a visit through the form; returns its id."""
    client.get("/visites/nouvelle")
    r = client.post("/visites/nouvelle", visit_form(**over))
    assert r.status == 303, "record: %d %s" % (r.status, page_text(r)[:400])
    m = re.match(r"^/visites/(\d+)/suite", r.header("location"))
    assert m, r.header("location")
    return m.group(1)


def field_errors(r):
    """{field name: message} of the errors shown next to fields."""
    return {m.group(1): html.unescape(m.group(2)) for m in re.finditer(
        r'<p class="field-error" id="err-([a-z_]+)">([^<]*)</p>', r.text)}


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files {name:
    (filename, bytes)}. Returns (content type, body)."""
    boundary = "----mesure" + uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n"
                "%s\r\n" % (boundary, k, v)).encode()
    for k, (fn, data) in files.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                "filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n" % (
                    boundary, k, fn)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return "multipart/form-data; boundary=" + boundary, out


def upload(client, data, filename="visites.csv", csrf=True, headers=None):
    """POST /visites/import with a file, as the page's form does."""
    fields = {}
    if csrf is True:
        fields["csrf"] = client.csrf
    elif isinstance(csrf, str):
        fields["csrf"] = csrf
    ctype, body = multipart(fields, {"fichier": (filename, data)})
    h = {"Origin": BASE, "Content-Type": ctype}
    h.update(headers or {})
    return client._keep(request("POST", "/visites/import", body=body,
                                headers=client.headers(h)))


def org_id(slug="action-numerique"):
    return sql_value("select id from organisations where slug = :'p1'", slug)


def site_id(code):
    return sql_value("select id from sites where code = :'p1'", code)


def visit_count():
    return int(sql_value("select count(*) from visits"))


def audit_rows(action, object_id):
    return sql("select actor, detail::text from audit_log where action = "
               ":'p1' and object_id = :'p2' order by id", action, object_id)


def load_survey(org_slug, code):
    """Load a shipped survey definition for an organisation (as
    mesure-admin survey-load does)."""
    path = "/".join(__file__.split("/")[:-3]) + "/conf/surveys/%s.json" % code
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    sql("select * from survey_load(:'p1', :'p2', :'p3', :'p4'::jsonb)",
        org_slug, d["code"], d.get("kind", "autre"), json.dumps(d))
