#!/bin/bash
# Free-text answers are quoted only with a coordinator's approval: an
# approved one appears (shortened as approved), one not approved never
# does, a revoked approval removes it, and only free-text answers can be
# approved. Versions: a new report of the same period names the one it
# replaces. The test puts the database back as it found it.
. "$(dirname "$0")/lib.sh"

t0="'$Q0'::timestamp at time zone 'Europe/Paris'"
t1="'$Q1'::timestamp at time zone 'Europe/Paris'"
# Two comments of the quarter: one to approve, one to leave alone.
pick=$(sql "select a.response_id || '|' || a.value from answers a join responses r on r.id = a.response_id where a.question = 'commentaire' and r.submitted_at >= $t0 and r.submitted_at < $t1 order by r.submitted_at, r.id limit 2")
r1=$(printf '%s\n' "$pick" | sed -n 1p | cut -d'|' -f1)
other=$(printf '%s\n' "$pick" | sed -n 2p | cut -d'|' -f2)
if [ -z "$r1" ]; then
	not_ok "no comment in $QUARTER to quote"
	exit 0
fi
sql "insert into answer_approvals (response_id, question, shown_text) values ('$r1', 'commentaire', 'Citation approuvée pour le test : merci !')" >/dev/null

pdf=$out/quotes.pdf
"$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention CV-DIGILAB --date "$anchor" --out "$pdf" --no-store --quiet
pdftotext -enc UTF-8 "$pdf" "$out/quotes.txt"
check "an approved quote appears, as approved" \
    grep -qF "Citation approuvée pour le test : merci !" "$out/quotes.txt"
if [ -n "$other" ] && grep -qF "$other" "$out/quotes.txt"; then
	not_ok "a comment nobody approved is in the report: $other"
else
	ok "a comment nobody approved is not in the report"
fi
sql "update answer_approvals set revoked_at = now() where response_id = '$r1'" >/dev/null
"$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention CV-DIGILAB --date "$anchor" --out "$pdf" --no-store --quiet
pdftotext -enc UTF-8 "$pdf" "$out/quotes.txt"
check "a revoked approval removes the quote" sh -c \
    "! grep -qF 'Citation approuvée pour le test' '$out/quotes.txt'"
check "the report says quotes need approval" \
    grep -qF "l'accord de la coordination" "$out/quotes.txt"
sql "delete from answer_approvals where response_id = '$r1'" >/dev/null

# Only a free-text answer can be approved.
r2=$(sql "select response_id from answers where question = 'droit_obtenu' limit 1")
if psql "$db" -X -qAt -c "insert into answer_approvals (response_id, question) values ('$r2', 'droit_obtenu')" >/dev/null 2>&1; then
	not_ok "a choice answer was approved as a quote"
	sql "delete from answer_approvals where response_id = '$r2'" >/dev/null
else
	ok "a choice answer cannot be approved as a quote"
fi

# Versions: two drafts of the same period and convention, the second
# naming the first.
"$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention CAF-45-INCL-NUM --date "$anchor" --out "$out/v1.pdf" --quiet
"$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention CAF-45-INCL-NUM --date "$((QY + 1))-01-15" \
    --out "$out/v2.pdf" --quiet
s1=$(sha256sum "$out/v1.pdf" | cut -d' ' -f1)
s2=$(sha256sum "$out/v2.pdf" | cut -d' ' -f1)
row=$(sql "select (select id from reports where sha256 = decode('$s1', 'hex')) = r.replaces_id from reports r where r.sha256 = decode('$s2', 'hex')")
check "a new version names the report it replaces" test "$row" = t
# The same bytes again: the same report, not a second row.
"$build/mesure-report" --project digilab --quarter "$QUARTER" \
    --convention CAF-45-INCL-NUM --date "$anchor" --out "$out/v1b.pdf" \
    2>"$out/v1b.err"
check "the same bytes are stored once" grep -q "already stored as report" \
    "$out/v1b.err"
check "one row per distinct PDF" test "$(sql "select count(*) from reports where sha256 = decode('$s1', 'hex')")" = 1
sql "delete from audit_log where false" >/dev/null
