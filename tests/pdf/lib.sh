# Sourced by tests/pdf/check_*.sh: where things are, ok / not ok lines,
# the test database, the development PKI in an NSS database for pdfsig,
# and the quarter the reports are about.
#
# Environment (set by tests/run.sh): MESURE_TEST_DB, MESURE_TEST_PKI,
# MESURE_TEST_WORK, MESURE_TEST_ANCHOR (the demo data's anchor date).

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
work=${MESURE_TEST_WORK:-$top/var/test}
out=$work/pdf
pki=${MESURE_TEST_PKI:-$work/pki}
db=${MESURE_TEST_DB:?MESURE_TEST_DB is not set: run tests/run.sh pdf}
anchor=${MESURE_TEST_ANCHOR:-$(date +%F)}
mkdir -p "$out"
export MESURE_DATABASE=$db

NBSP=$(printf '\302\240')

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
check() {	# check "description" command...
	local what=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else not_ok "$what"; fi
}

sql() { psql "$db" -X -qAt -v ON_ERROR_STOP=1 -c "$1"; }

# The last complete quarter before the anchor: 2026-T3 for 2026-11-28.
quarter_before() {
	local y m q
	y=${1%%-*}; m=${1#*-}; m=${m%%-*}; m=$((10#$m))
	q=$(( (m - 1) / 3 + 1 - 1 ))
	if [ $q -eq 0 ]; then q=4; y=$((y - 1)); fi
	echo "$y-T$q"
}
QUARTER=$(quarter_before "$anchor")
QY=${QUARTER%%-T*}
QN=${QUARTER#*-T}
Q0=$(printf '%04d-%02d-01' "$QY" $(( (QN - 1) * 3 + 1 )))
Q1=$(psql "$db" -X -qAt -c "select ('$Q0'::date + interval '3 months')::date")

# French figures: "1 234" with a no-break space; a share "43,4 %". The
# report writes U+00A0 there; pdftotext gives it back as a plain space,
# so the texts compared are first "flattened" (no-break space → space).
flat() { sed "s/$NBSP/ /g"; }
has_text() {	# has_text FILE TEXT: FILE contains TEXT, spaces flattened
	local want
	want=$(printf '%s' "$2" | flat)
	flat <"$1" | grep -qF -- "$want"
}
fr_int() { python3 -c "import sys; print(format(int(sys.argv[1]), ',').replace(',', '\u00a0'))" "$1"; }
fr_pct() { python3 -c "import sys; k, n = int(sys.argv[1]), int(sys.argv[2]); print(('%.1f' % (100.0 * k / n)).replace('.', ',') + '\u00a0%')" "$1" "$2"; }

# An NSS database that trusts the development CA, for pdfsig; made again
# when the CA changes (each test run makes a new one).
nss=$out/nss
if ! cmp -s "$pki/ca.pem" "$nss/ca.pem"; then
	rm -rf "$nss"
	mkdir -p "$nss"
	certutil -N -d "sql:$nss" --empty-password >/dev/null 2>&1
	certutil -A -d "sql:$nss" -n mesure-dev-ca -t "C,C,C" \
	    -i "$pki/ca.pem" >/dev/null 2>&1
	cp "$pki/ca.pem" "$nss/ca.pem"
fi

# pdfsig's verdict lines, whatever its exit status (0 even on a mismatch).
sig_report() { pdfsig -nssdir "sql:$nss" "$1" 2>&1; }
