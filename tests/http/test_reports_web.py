"""Reports in the browser (issue #7): a coordinator sees the
organisation's reports and sends a signed one to the funder; the funder
sees only the shared reports of the conventions it funds and downloads
them; anyone checks a PDF or its SHA-256 on /verify, which tells a
genuine report from an altered, an unsigned or an unknown one."""
import hashlib
import os
import re
import subprocess
import uuid

from test_auth_helpers import *

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PKI = os.environ.get("MESURE_TEST_PKI", "")
_made = {}


def make_report(convention="FO-EMOJI-DIGILAB", quarter="2026-T2", sign=True):
    """A report stored by build/mesure-report, as a coordinator's cron
    would; its id and bytes."""
    key = (convention, quarter, sign)
    if key in _made:
        return _made[key]
    out = os.path.join(os.environ.get("MESURE_TEST_WORK", "/tmp"),
                       "web-%s-%s-%d.pdf" % (convention, quarter, sign))
    args = [os.path.join(TOP, "build", "mesure-report"), "--db", DB,
            "--project", "digilab", "--quarter", quarter, "--convention",
            convention, "--date", "2026-11-28", "--quiet", "--out", out]
    if sign:
        args += ["--sign", "--key", os.path.join(PKI, "signer.key"),
                 "--cert", os.path.join(PKI, "signer.pem")]
    r = subprocess.run(args, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = open(out, "rb").read()
    rid = sql_value("select id from reports where sha256 = decode(:'p1', 'hex')",
                    hashlib.sha256(data).hexdigest())
    _made[key] = (rid, data)
    return _made[key]


def multipart_pdf(client, data, filename="rapport.pdf"):
    boundary = "----mesure" + uuid.uuid4().hex
    body = ("--%s\r\nContent-Disposition: form-data; name=\"pdf\"; "
            "filename=\"%s\"\r\nContent-Type: application/pdf\r\n\r\n"
            % (boundary, filename)).encode() + data + \
        ("\r\n--%s--\r\n" % boundary).encode()
    return client._keep(request("POST", "/verify", body=body, headers=client.headers({
        "Content-Type": "multipart/form-data; boundary=" + boundary,
        "Origin": BASE})))


def test_a_coordinator_shares_a_signed_report_and_the_funder_downloads_it():
    rid, data = make_report()
    clear_throttle()
    funder = signed_in(FUNDER)
    # Not shared yet: the funder neither sees nor downloads it.
    assert "/rapports/%s.pdf" % rid not in funder.get("/rapports").text
    expect(funder.get("/rapports/%s.pdf" % rid), 404, "not shared yet")
    coord = signed_in(COORD)
    page = coord.get("/rapports")
    expect(page, 200)
    assert "/rapports/%s.pdf" % rid in page.text, (rid, page.text[-2500:])
    assert "/rapports/%s/partager" % rid in page.text
    r = coord.post("/rapports/%s/partager" % rid)
    expect(r, 303, "share")
    assert sql_value("select shared_at is not null from reports where id = :'p1'",
                     rid) == "t"
    assert sql_value("select count(*) from audit_log where action = 'report.share' "
                     "and object_id = :'p1'", rid) == "1"
    # Now in the funder's portal, and the bytes are the signed file's.
    listing = funder.get("/rapports")
    assert "/rapports/%s.pdf" % rid in listing.text
    pdf = funder.get("/rapports/%s.pdf" % rid)
    expect(pdf, 200, "download")
    assert pdf.body == data
    assert pdf.header("content-type") == "application/pdf"
    assert pdf.header("cache-control") == "no-store"
    assert pdf.header("content-disposition").startswith("attachment; filename=")
    assert sql_value("select count(*) from audit_log where action = "
                     "'report.download' and object_id = :'p1'", rid) != "0"


def test_nobody_else_reads_a_report():
    rid, _ = make_report()
    signed_in(COORD).post("/rapports/%s/partager" % rid)
    other_org()
    clear_throttle()
    try:
        for who in (FUNDER2, COORD2, ADMIN2):
            c = signed_in(who)
            expect(c.get("/rapports/%s.pdf" % rid), 404, who)
            assert "/rapports/%s.pdf" % rid not in c.get("/rapports").text
        expect(signed_in(COORD2).post("/rapports/%s/partager" % rid), 404)
    finally:
        other_org_put_away()
    expect(signed_in(MED).get("/rapports"), 404, "mediator")
    expect(Client().get("/rapports/%s.pdf" % rid), 303, "anonymous")
    # A draft cannot be sent to a funder.
    draft, _ = make_report(quarter="2026-T1", sign=False)
    expect(signed_in(COORD).post("/rapports/%s/partager" % draft), 404, "draft")


def verify(data, filename="rapport.pdf"):
    r = multipart_pdf(Client(), data, filename)
    return r, re.sub(r"\s+", " ", page_text(r))


def test_verify_tells_a_genuine_report_from_an_altered_one():
    rid, data = make_report()
    r, text = verify(data)
    expect(r, 200, "genuine")
    check_security_headers(r)
    assert "Signature valide" in text, text[:1500]
    assert "rapport signé enregistré par ce service" in text
    assert "Action Numérique" in text
    assert hashlib.sha256(data).hexdigest() in text
    # One byte changed inside the signed part.
    i = len(data) // 3
    bad = data[:i] + bytes([data[i] ^ 1]) + data[i + 1:]
    r, text = verify(bad)
    expect(r, 200, "altered")
    assert "Document modifié" in text, text[:1500]
    assert "n'est pas enregistré par ce service" in text
    assert "Signature valide" not in text


def test_verify_unsigned_unknown_and_garbage():
    _, draft = make_report(quarter="2026-T1", sign=False)
    r, text = verify(draft)
    expect(r, 200)
    assert "Document non signé" in text and "brouillon" in text, text[:1500]
    # A PDF this service never made.
    r, text = verify(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    expect(r, 200)
    assert "n'est pas enregistré" in text
    r, text = verify(b"GIF89a not a pdf", "x<script>.pdf")
    expect(r, 422, "not a PDF")
    assert "n'est pas un PDF" in text
    assert "<script>" not in r.text
    r = multipart_pdf(Client(), b"")
    expect(r, 422, "empty")
    r = request("POST", "/verify", body="pdf=x", headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    expect(r, 415, "not multipart")
    # Over Kore's body limit: 413, or the connection closed before the
    # whole body is read – never a 5xx.
    big = b"%PDF-" + b"0" * (5 * 1024 * 1024)
    try:
        r = multipart_pdf(Client(), big)
        assert 400 <= r.status < 500, r.status
    except (BrokenPipeError, ConnectionResetError):
        pass
    expect(get("/healthz"), 200, "still serving")


def test_verify_by_fingerprint():
    rid, data = make_report()
    sha = hashlib.sha256(data).hexdigest()
    r = get("/verify?empreinte=" + sha.upper())
    expect(r, 200)
    text = page_text(r)
    assert "rapport signé enregistré par ce service" in text
    assert "envoyez le fichier" in text        # the signature needs the file
    r = get("/verify?empreinte=" + "0" * 64)
    assert "n'est pas enregistré" in page_text(r)
    for bad in ("123", "z" * 64, "%3Cscript%3E"):
        r = get("/verify?empreinte=" + bad)
        expect(r, 422, bad)
        assert "<script>" not in r.text
    r = get("/verify")
    expect(r, 200)
    assert 'enctype="multipart/form-data"' in r.text


# Making a report from the browser (app/report_make.c) -----------------------

def make_form(c, **over):
    f = {"cible": "digilab|FO-EMOJI-DIGILAB", "periode": "2026-T3",
         "langue": "fr", "action": "apercu"}
    f.update(over)
    c.get("/rapports/nouveau")
    return c.post("/rapports/nouveau", f)


def test_a_coordinator_previews_then_makes_and_signs_a_report():
    c = signed_in(COORD)
    page = c.get("/rapports/nouveau")
    expect(page, 200)
    assert 'value="digilab|FO-EMOJI-DIGILAB"' in page.text
    assert 'value="2026-T3"' in page.text
    n = int(sql_value("select count(*) from reports"))
    r = make_form(c)
    expect(r, 200, "preview")
    assert r.header("content-type") == "application/pdf"
    assert r.body.startswith(b"%PDF-") and b"/ByteRange" not in r.body
    assert int(sql_value("select count(*) from reports")) == n, "not stored"
    r = make_form(c, action="signer")
    expect(r, 303, "sign")
    m = re.match(r"^/rapports\?genere=(\d+)$", r.header("location"))
    assert m, r.header("location")
    rid = m.group(1)
    row = sql("select status, convention_id is not null, generated_by is not null "
              "from reports where id = :'p1'", rid)
    assert row == [["signed", "t", "t"]], row
    assert "Le rapport est fait, signé" in page_text(c.get(r.header("location")))
    pdf = c.get("/rapports/%s.pdf" % rid)
    expect(pdf, 200)
    _, text = verify(pdf.body)
    assert "Signature valide" in text and "enregistré par ce service" in text
    out = os.path.join(os.environ.get("MESURE_TEST_WORK", "/tmp"), "web-signed.pdf")
    open(out, "wb").write(pdf.body)
    sig = subprocess.run(["pdfsig", out], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig and "Total document signed" in sig, sig


def test_making_a_report_checks_its_input_and_its_scope():
    c = signed_in(COORD)
    for over, status in ((dict(cible="digilab|NULLE-PART"), 404),
                         (dict(cible="nulle-part|"), 404),
                         (dict(cible="sans-barre"), 422),
                         (dict(periode="2026-T9"), 422),
                         (dict(periode="<script>"), 422),
                         (dict(periode="1066"), 422)):
        r = make_form(c, **over)
        expect(r, status, repr(over))
        assert "<script>" not in r.text
    other_org()
    try:
        c2 = signed_in(COORD2)
        expect(make_form(c2, cible="digilab|FO-EMOJI-DIGILAB"), 404, "other org")
    finally:
        other_org_put_away()
    expect(signed_in(MED).get("/rapports/nouveau"), 404, "mediator")
    expect(signed_in(FUNDER).get("/rapports/nouveau"), 404, "funder")


def test_a_report_is_not_stored_when_the_signing_service_is_down():
    sock = os.path.join(os.environ["MESURE_TEST_ROOT"], "run", "signer.sock")
    c = signed_in(COORD)
    n = int(sql_value("select count(*) from reports"))
    os.rename(sock, sock + ".away")
    try:
        r = make_form(c, action="signer", periode="2026-T1")
        expect(r, 503, "signer down")
        assert "service de signature ne répond pas" in page_text(r)
    finally:
        os.rename(sock + ".away", sock)
    assert int(sql_value("select count(*) from reports")) == n
    expect(get("/healthz"), 200, "still serving")


# Quotes (app/report_quotes.c) ---------------------------------------------------

def quote_post(c, resp, question, action="approuver", text=None, ordinal="0",
               quarter="2026-T3"):
    c.get("/rapports/citations?trimestre=" + quarter)
    f = {"reponse": resp, "question": question, "rang": ordinal,
         "trimestre": quarter, "action": action}
    if text is not None:
        f["texte"] = text
    return c.post("/rapports/citations", f)


def test_a_coordinator_approves_a_quote_and_the_report_shows_it():
    resp, question, value = sql("""select a.response_id, a.question, a.value
        from answers a join responses r on r.id = a.response_id
        where a.question = 'commentaire' and length(a.value) > 12
          and r.submitted_at >= '2026-07-01' and r.submitted_at < '2026-10-01'
          and not exists (select 1 from answer_approvals ap
              where ap.response_id = a.response_id)
        order by a.response_id limit 1""")[0]
    c = signed_in(COORD)
    page = c.get("/rapports/citations?trimestre=2026-T3")
    expect(page, 200)
    assert resp in page.text
    shown = value[:10].strip() + "…"
    if len(shown) > len(value):
        shown = value[:len(value) - 1]
    r = quote_post(c, resp, question, text=value + " et plus encore")
    expect(r, 422, "longer than the answer")
    r = quote_post(c, resp, question, text=shown)
    expect(r, 303, "approve")
    assert sql("select shown_text, revoked_at is null from answer_approvals "
               "where response_id = :'p1'", resp) == [[shown, "t"]]
    assert sql_value("select count(*) from audit_log where action = "
                     "'quote.approve' and object_id like :'p1'", resp + "%") == "1"
    assert sql_value("select value from answers where response_id = :'p1' "
                     "and question = :'p2'", resp, question) == value
    # The preview of that quarter's report quotes the shown text.
    pdf = make_form(c, cible="digilab|", periode="2026-T3")
    expect(pdf, 200)
    out = os.path.join(os.environ.get("MESURE_TEST_WORK", "/tmp"), "quotes.pdf")
    open(out, "wb").write(pdf.body)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True,
                          text=True).stdout
    assert shown.replace("…", "") in text.replace("\n", " "), text[-2000:]
    # Withdrawn: no longer quoted.
    expect(quote_post(c, resp, question, action="retirer"), 303, "withdraw")
    assert sql_value("select revoked_at is not null from answer_approvals "
                     "where response_id = :'p1'", resp) == "t"


def test_only_free_text_of_ones_own_organisation_can_be_approved():
    c = signed_in(COORD)
    resp = sql_value("select response_id from answers where question = 'accueil' "
                     "limit 1")
    expect(quote_post(c, resp, "accueil"), 404, "a smiley answer")
    expect(quote_post(c, "not-a-uuid", "commentaire"), 400, "bad id")
    expect(quote_post(c, resp, "Robert'); drop table x;--"), 400, "bad code")
    expect(quote_post(c, resp, "commentaire", action="publier"), 400, "bad action")
    expect(quote_post(c, resp, "commentaire", quarter="2026-T9"), 400, "bad quarter")
    free = sql_value("select response_id from answers where question = "
                     "'commentaire' limit 1")
    other_org()
    try:
        expect(quote_post(signed_in(COORD2), free, "commentaire"), 404, "other org")
    finally:
        other_org_put_away()
    expect(signed_in(MED).get("/rapports/citations"), 404, "mediator")
    expect(c.get("/rapports/citations?trimestre=%3Cscript%3E"), 422)


def test_the_signing_service_serves_the_workers_only():
    """The daemon answers the workers' uid alone (--allow-uid): another
    local account – here root, running the command line – is refused."""
    sock = os.path.join(os.environ["MESURE_TEST_ROOT"], "run", "signer.sock")
    n = int(sql_value("select count(*) from reports"))
    out = os.path.join(os.environ.get("MESURE_TEST_WORK", "/tmp"), "refused.pdf")
    r = subprocess.run([os.path.join(TOP, "build", "mesure-report"), "--db", DB,
                        "--project", "digilab", "--quarter", "2026-T2",
                        "--convention", "FO-EMOJI-DIGILAB", "--quiet",
                        "--sign", "--signer", sock, "--out", out],
                       capture_output=True, text=True)
    # Refused with a message and an exit status, not killed by SIGPIPE
    # (a negative returncode; regression).
    assert r.returncode > 0, (r.returncode, r.stderr)
    assert "sign" in r.stderr.lower(), r.stderr
    assert int(sql_value("select count(*) from reports")) == n
    log = open(os.path.join(os.environ["MESURE_TEST_WORK"], "signer.log"),
               errors="replace").read()
    assert "refused uid 0" in log, log[-500:]
