#!/bin/bash
# The quarterly report of a convention, signed with the development key:
# pdfsig (valid, whole document, trusted CA), qpdf, the French text and
# figures against hand-written SQL on the demo data, a one-byte change,
# bytes appended, the same data giving the same unsigned bytes, the
# report stored with the digest of its data, pages rendered to PNG.
. "$(dirname "$0")/lib.sh"

conv=FO-EMOJI-DIGILAB
pdf=$out/quarterly-fr.pdf
draft=$out/quarterly-fr-draft.pdf
dump=$out/quarterly-fr.data

# A signed report, stored, with the data it was computed from.
if "$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention "$conv" --date "$anchor" --out "$pdf" \
    --dump-data "$dump" --sign --key "$pki/signer.key" \
    --cert "$pki/signer.pem" --ca "$pki/ca.pem" \
    --role "Coordinatrice du projet" --quiet 2>"$out/report.err"; then
	ok "mesure-report makes and signs the $QUARTER report of $conv"
else
	not_ok "mesure-report failed: $(cat "$out/report.err")"
fi

s=$(sig_report "$pdf")
for want in "Signature is Valid." "Total document signed" \
    "Certificate is Trusted." "ETSI.CAdES.detached"; do
	if printf '%s\n' "$s" | grep -qF "$want"; then
		ok "pdfsig: $want"
	else
		not_ok "pdfsig does not say \"$want\": $s"
	fi
done
if qpdf --check "$pdf" >"$out/qpdf.log" 2>&1 &&
    grep -q "No syntax or stream encoding errors" "$out/qpdf.log"; then
	ok "qpdf --check passes"
else
	not_ok "qpdf --check: $(tail -3 "$out/qpdf.log")"
fi
check "our verifier says valid" "$build/mesure-report" --verify "$pdf" \
    --ca "$pki/ca.pem"

# The text, extracted as a reader's tool would.
pdftotext -enc UTF-8 "$pdf" "$out/quarterly-fr.txt" 2>"$out/pdftotext.err"
txt=$out/quarterly-fr.txt
if [ -s "$out/pdftotext.err" ]; then
	not_ok "pdftotext complains: $(head -2 "$out/pdftotext.err")"
else
	ok "pdftotext reads the text without a warning"
fi
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
qlabel="${QN}e trimestre $QY"
[ "$QN" = 1 ] && qlabel="1er trimestre $QY"
for want in "Rapport d'impact" "$qlabel" "Synthèse" \
    "Les indicateurs de la convention" "La chaîne de l'impact" \
    "Satisfaction et résultats déclarés" "Évolution sur quatre trimestres" \
    "Les grandes lignes budgétaires" "Méthodologie" "Fondation Orléans" \
    "Convention $conv" "règle des petits effectifs" "méthode de Wilson" \
    "Signé par : Action Numérique" "page 1 / $pages" "page $pages / $pages" \
    "15${NBSP}000${NBSP}€"; do
	if has_text "$txt" "$want"; then
		ok "the text says \"$want\""
	else
		not_ok "the text lacks \"$want\""
	fi
done
# The caption of the block is page content; "Signé par" above comes from
# the signature's appearance (poppler reads widget appearances too).
if pdftotext -f "$pages" -l "$pages" "$pdf" - | grep -qF "Signature électronique"
then
	ok "the signature block is on the last page"
else
	not_ok "no signature block on the last page"
fi

# Figures against SQL written by hand on the raw tables.
t0="'$Q0'::timestamp at time zone 'Europe/Paris'"
t1="'$Q1'::timestamp at time zone 'Europe/Paris'"
visits=$(sql "select count(*) from visits where visited_at >= $t0 and visited_at < $t1")
people=$(sql "select count(distinct beneficiary_id) from visits where visited_at >= $t0 and visited_at < $t1")
sat=$(sql "select count(*) from responses r join survey_versions v on v.id = r.survey_version_id join surveys s on s.id = v.survey_id where s.code = 'satisfaction' and r.submitted_at >= $t0 and r.submitted_at < $t1")
aut_k=$(sql "select count(*) from responses r join survey_versions v on v.id = r.survey_version_id join surveys s on s.id = v.survey_id join answers a on a.response_id = r.id and a.question = 'autonome' where s.code = 'satisfaction' and a.value = 'oui' and r.submitted_at >= $t0 and r.submitted_at < $t1")
aut_n=$(sql "select count(*) from responses r join survey_versions v on v.id = r.survey_version_id join surveys s on s.id = v.survey_id join answers a on a.response_id = r.id and a.question = 'autonome' where s.code = 'satisfaction' and r.submitted_at >= $t0 and r.submitted_at < $t1")
ras=$(sql "select count(*) from responses r join survey_versions v on v.id = r.survey_version_id join surveys s on s.id = v.survey_id join answers a on a.response_id = r.id and a.question = 'rassure' and a.value = 'oui' where s.code = 'satisfaction' and r.submitted_at >= $t0 and r.submitted_at < $t1")
for want in "$(fr_int "$visits") visites" "$(fr_int "$people") personnes" \
    "Satisfaction après la visite ($(fr_int "$sat") réponses)" \
    "$(fr_pct "$aut_k" "$aut_n") ($(fr_int "$aut_k") sur $(fr_int "$aut_n")" \
    "$(fr_int "$ras") personnes"; do
	if has_text "$txt" "$want"; then
		ok "the figure \"$want\" matches SQL"
	else
		not_ok "the figure \"$want\" (from SQL) is not in the report"
	fi
done

# One byte changed: pdfsig and our verifier both see it.
python3 - "$pdf" "$out/altered.pdf" "$out/appended.pdf" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
a = bytearray(d)
a[len(a) // 3] ^= 0x01
open(sys.argv[2], 'wb').write(a)
open(sys.argv[3], 'wb').write(d + b'% appended after signing\n')
EOF
if sig_report "$out/altered.pdf" | grep -qF "Digest Mismatch."; then
	ok "pdfsig sees one byte changed (Digest Mismatch.)"
else
	not_ok "pdfsig misses one byte changed"
fi
v=$("$build/mesure-report" --verify "$out/altered.pdf" --ca "$pki/ca.pem")
if [ $? -ne 0 ] && printf '%s' "$v" | grep -qF "Document modifié"; then
	ok "our verifier sees one byte changed"
else
	not_ok "our verifier misses one byte changed: $v"
fi
if sig_report "$out/appended.pdf" | grep -qF "Not total document signed"; then
	ok "pdfsig sees bytes appended"
else
	not_ok "pdfsig misses bytes appended"
fi
check "our verifier sees bytes appended" sh -c \
    "! '$build/mesure-report' --verify '$out/appended.pdf' --ca '$pki/ca.pem'"

# The same data and parameters give the same bytes; signing only appends.
"$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention "$conv" --date "$anchor" --out "$draft" --no-store --quiet
"$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention "$conv" --date "$anchor" --out "$draft.2" --no-store --quiet
check "the same data gives the same unsigned bytes" cmp "$draft" "$draft.2"
size=$(stat -c %s "$draft")
check "the signed file begins with the unsigned bytes" cmp -n "$size" \
    "$draft" "$pdf"

# Stored: the signed bytes, their digest, the digest of the data.
sha=$(sha256sum "$pdf" | cut -d' ' -f1)
dsha=$(sha256sum "$dump" | cut -d' ' -f1)
row=$(sql "select status, encode(data_sha256, 'hex'), length(pdf), schema_version, params->>'period' from reports where sha256 = decode('$sha', 'hex')")
if [ "$row" = "signed|$dsha|$(stat -c %s "$pdf")|$(sql "select max(version) from schema_migrations")|$QUARTER" ]; then
	ok "stored signed, with the SHA-256 of the data it was computed from"
else
	not_ok "stored row: \"$row\" (data sha $dsha)"
fi
check "the data digest is printed in the report" grep -qF "$dsha" "$txt"
check "the audit log has the signature" test "$(sql "select count(*) from audit_log where action = 'report.sign' and detail->>'sha256' = '$sha'")" = 1

# Pages for a person to look at.
rm -f "$out"/quarterly-fr-*.png
if pdftoppm -png -r 70 "$pdf" "$out/quarterly-fr" 2>/dev/null &&
    [ "$(ls "$out"/quarterly-fr-*.png | wc -l)" = "$pages" ]; then
	ok "$pages pages rendered to $out/quarterly-fr-*.png"
else
	not_ok "pdftoppm failed"
fi
