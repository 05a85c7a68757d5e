#!/bin/sh
# PDF tests: reports generated from the test database are checked with
# poppler (pdfsig, pdftotext, pdftoppm) and qpdf. Each check is a
# tests/pdf/check_*.sh script printing "ok"/"not ok" lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
pass=0
fail=0
for t in "$here"/check_*.sh; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	printf '%s\n' "$out"
	pass=$((pass + $(printf '%s\n' "$out" | grep -c '^ok ')))
	fail=$((fail + $(printf '%s\n' "$out" | grep -c '^not ok ')))
	if ! printf '%s\n' "$out" | grep -qE '^(not )?ok '; then
		echo "not ok - $(basename "$t") reported nothing"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
