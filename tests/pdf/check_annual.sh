#!/bin/bash
# The annual report over four quarters for the whole project, and the
# quarterly report in English: text, figures, structure.
. "$(dirname "$0")/lib.sh"

pdf=$out/annual-fr.pdf
if "$build/mesure-report" --project digilab --year "$QY" --date "$anchor" \
    --out "$pdf" --no-store --sign --key "$pki/signer.key" \
    --cert "$pki/signer.pem" --quiet 2>"$out/annual.err"; then
	ok "the annual report of $QY"
else
	not_ok "the annual report failed: $(cat "$out/annual.err")"
fi
pdftotext -enc UTF-8 "$pdf" "$out/annual-fr.txt"
check "annual: pdfsig says valid" sh -c \
    "pdfsig -nssdir 'sql:$nss' '$pdf' | grep -qF 'Signature is Valid.'"
check "annual: qpdf --check passes" qpdf --check "$pdf"
y0="'$QY-01-01'::timestamp at time zone 'Europe/Paris'"
y1="'$((QY + 1))-01-01'::timestamp at time zone 'Europe/Paris'"
visits=$(sql "select count(*) from visits where visited_at >= $y0 and visited_at < $y1")
for want in "Bilan annuel d'impact" "Année $QY" "T1 $QY" "T4 $QY" \
    "Rapport de projet" "CV-DIGILAB" "CAF-45-INCL-NUM" "FO-EMOJI-DIGILAB" \
    "$(fr_int "$visits") visites" "Résultat et attribution, séparés"; do
	if has_text "$out/annual-fr.txt" "$want"; then
		ok "annual: the text says \"$want\""
	else
		not_ok "annual: the text lacks \"$want\""
	fi
done
# Outcome and attribution: the annual sample is large enough to show
# both; the figures are those of hand-written SQL.
t0="'$QY-01-01'::timestamp at time zone 'Europe/Paris'"
counts=$(sql "with r as (select r.id from responses r join survey_versions v on v.id = r.survey_version_id join surveys s on s.id = v.survey_id where s.kind = 'resultats' and r.submitted_at >= $y0 and r.submitted_at < $y1) select count(*), count(*) filter (where o.value = 'oui'), count(*) filter (where o.value = 'oui' and c.value = 'non') from r join answers o on o.response_id = r.id and o.question = 'droit_obtenu' left join answers c on c.response_id = r.id and c.question = 'sans_digilab'")
n=${counts%%|*}; rest=${counts#*|}; yes=${rest%%|*}; non=${rest#*|}
want="$(fr_pct "$yes" "$n") ($(fr_int "$yes") sur $(fr_int "$n")"
if has_text "$out/annual-fr.txt" "droit ou document obtenu : $want"; then
	ok "annual: the outcome matches SQL ($want)"
else
	not_ok "annual: the outcome \"$want\" is not in the report"
fi
want="$(fr_pct "$non" "$n") ($(fr_int "$non") sur $(fr_int "$n")"
if has_text "$out/annual-fr.txt" "$want"; then
	ok "annual: the attribution matches SQL ($want)"
elif grep -q "Attribution.*non publié" "$out/annual-fr.txt"; then
	ok "annual: the attribution is withheld (small cells)"
else
	not_ok "annual: the attribution \"$want\" is not in the report"
fi
rm -f "$out"/annual-fr-*.png
pdftoppm -png -r 70 "$pdf" "$out/annual-fr" 2>/dev/null &&
    ok "annual pages rendered to $out/annual-fr-*.png" ||
    not_ok "annual: pdftoppm failed"

# English.
pdf=$out/quarterly-en.pdf
if "$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention CV-DIGILAB --lang en --date "$anchor" --out "$pdf" \
    --no-store --quiet 2>"$out/en.err"; then
	ok "the quarterly report in English"
else
	not_ok "the English report failed: $(cat "$out/en.err")"
fi
pdftotext -enc UTF-8 "$pdf" "$out/quarterly-en.txt"
for want in "Impact report" "Q$QN $QY" "Summary" "The impact chain" \
    "Methodology" "The agreement's indicators" "Agreement CV-DIGILAB"; do
	if has_text "$out/quarterly-en.txt" "$want"; then
		ok "English: the text says \"$want\""
	else
		not_ok "English: the text lacks \"$want\""
	fi
done
rm -f "$out"/quarterly-en-*.png
pdftoppm -png -r 70 "$pdf" "$out/quarterly-en" 2>/dev/null &&
    ok "English pages rendered" || not_ok "English: pdftoppm failed"

# Bad usage: clear message, non-zero exit.
"$build/mesure-report" --project digilab --quarter 2026-T7 >/dev/null 2>"$out/usage.err"
rc=$?
if [ $rc -eq 2 ] && grep -q "is not like 2026-T3" "$out/usage.err"; then
	ok "a bad quarter: exit 2 and a clear message"
else
	not_ok "a bad quarter: exit $rc, $(cat "$out/usage.err")"
fi
"$build/mesure-report" --project nulle-part --quarter "$QUARTER" --no-store \
    --out /dev/null >/dev/null 2>"$out/noproj.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'no project "nulle-part"' "$out/noproj.err"; then
	ok "an unknown project: exit 1 and a clear message"
else
	not_ok "an unknown project: exit $rc, $(cat "$out/noproj.err")"
fi
"$build/mesure-report" --project digilab --quarter "$QUARTER" --convention X \
    --no-store --out /dev/null >/dev/null 2>"$out/noconv.err"
[ $? -eq 1 ] && grep -q 'has no convention "X"' "$out/noconv.err" &&
    ok "an unknown convention: exit 1 and a clear message" ||
    not_ok "an unknown convention: $(cat "$out/noconv.err")"
"$build/mesure-report" --project digilab --quarter "$QUARTER" --sign \
    --signer /nonexistent.sock --out /dev/null >/dev/null 2>"$out/nosigner.err"
[ $? -eq 1 ] && grep -q "cannot reach the signing service" "$out/nosigner.err" &&
    ok "no signing service: exit 1 and a clear message" ||
    not_ok "no signing service: $(cat "$out/nosigner.err")"
