"""Bringing people to a survey (issue #3): the QR codes and poster of a
survey at a site, the follow-up card's one-time code at /r/{code}.
QR codes are decoded with zbarimg, as a phone's camera would."""
import os
import re
import shutil
import subprocess
import tempfile

from mesure import *
from surveylib import *


def zbar(png):
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        f.write(png)
        f.flush()
        out = subprocess.run(["zbarimg", "--raw", "-q", f.name],
                             capture_output=True, text=True)
    return out.stdout.strip()


def test_qr_png_decodes_to_the_survey_link():
    assert shutil.which("zbarimg"), "zbar-tools is in DEBIAN_PACKAGES"
    r = get("/qr/satisfaction/la-source.png")
    expect(r, 200, "png")
    assert r.header("content-type") == "image/png"
    assert r.body[:8] == b"\x89PNG\r\n\x1a\n"
    assert zbar(r.body) == BASE + "/s/satisfaction/la-source"
    big = get("/qr/satisfaction/la-source.png?size=20")
    assert len(big.body) > len(r.body)
    assert zbar(big.body) == BASE + "/s/satisfaction/la-source"
    expect(get("/qr/satisfaction/la-source.png?size=99"), 400, "size")
    expect(get("/qr/satisfaction/nulle-part.png"), 404, "unknown site")
    expect(get("/qr/satisfaction/la-source.gif"), 404, "gif")


def test_qr_svg_is_vector_and_labelled():
    r = get("/qr/resultats/argonne.svg")
    expect(r, 200, "svg")
    assert r.header("content-type").startswith("image/svg+xml")
    svg = r.text
    assert svg.startswith("<svg") and 'shape-rendering="crispEdges"' in svg
    assert 'role="img"' in svg and "/s/resultats/argonne</title>" in svg
    assert "<script" not in svg
    w = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    assert 29 <= w <= 45, w


def test_poster_in_french_and_english():
    r = get("/affiche/satisfaction/centre")
    expect(r, 200, "poster")
    check_security_headers(r)
    text = page_text(r)
    assert "Votre avis compte" in text and "Your opinion matters" in text
    assert "Digilab Centre" in text
    assert "/s/satisfaction/centre" in text
    assert "<svg" in r.text and "Environ 2 minutes" in text


def test_follow_up_card_code_leads_to_the_outcomes_survey_once():
    out = admin("invitation-cards", "la-source", "1", "--lang", "en").stdout
    assert "And since then, what has changed?" in out
    code = re.search(r"<strong>([A-Z0-9 ]{14})</strong>", out).group(1)
    compact = code.replace(" ", "")
    # Typed by hand: any case, with spaces.
    r = get("/r?code=" + code.lower().replace(" ", "+"))
    expect(r, 303, "typed code")
    assert r.header("location").startswith("/r/" + compact)
    expect(get("/r/" + code.lower().replace(" ", "-")), 301, "canonical")
    r = get("/r/" + compact)
    expect(r, 200, "card survey")
    assert "Et depuis votre passage au Digilab ?" in r.text
    assert 'action="/r/%s?lang=fr"' % compact in r.text
    f = page_fields(r)
    fields = [("_id", f["_id"]), ("_v", f["_v"]), ("droit_obtenu", "en-cours"),
              ("autres_demarches_seul", "oui"), ("sans_digilab", "non"),
              ("confiance_numerique", "4")]
    r = form("/r/" + compact, fields)
    expect(r, 303, "answered")
    assert r.header("location") == "/s/resultats/la-source/merci?lang=fr"
    expect(form("/r/" + compact, fields), 303, "retry")
    assert response_rows(f["_id"]) == 1
    assert sql_value("select channel || ' ' || (invitation_id is not null)::text "
                     "from responses where id = :'p1'", f["_id"]) == "card true"
    r = get("/r/" + compact)
    expect(r, 410, "used card")
    assert "déjà servi" in page_text(r)
    r = form("/r/" + compact, [("_id", uid())] + fields[1:])
    expect(r, 410, "another response with a used card")
    delete_responses([f["_id"]])


def test_card_code_page_helps_with_typos():
    r = get("/r")
    expect(r, 200, "enter code")
    assert '<label for="code">Code de la carte</label>' in r.text
    r = get("/r?code=ABC")
    expect(r, 422, "short code")
    assert "12 lettres" in page_text(r)
    assert 'aria-describedby="code-hint code-err"' in r.text
    r = get("/r/ABCDEFHJKMNP")
    expect(r, 404, "unknown code")
    assert "Nous ne connaissons pas ce code" in page_text(r)
    assert 'value="ABCD EFHJ KMNP"' in r.text
    expect(get("/r/ABCD0FHJKMNP"), 404, "letter not used in codes")
