# The retention purge over a million responses (issue #8): the time of
# `mesure-admin purge --dry-run` and of a real purge when about a third of
# the data is due, then of the next day's purge (nothing due). Sourced by
# tests/bench/run.sh (MESURE_TEST_DB set). Slow (the million takes
# minutes to generate), so only with BENCH_MILLION=1:
#
#   BENCH_MILLION=1 tests/bench/run.sh purge
#
# The data: the demo plus tests/bench/gen_million.sql (1 M responses,
# 1.2 M visits, 50 000 more people over the fifteen months up to today),
# in a database mesure_purge of the throwaway cluster. gen_million.sql
# writes nothing the purge touches (no free-text answer, no mediator, no
# card invitation), so before the purge this script gives it what the
# application would have written:
#   - a mediator on every generated visit (the visit form always sets it);
#   - a free-text answer ("difficulte_autre") on one satisfaction response
#     in five;
#   - beneficiaries.last_visit_at from their visits (what visit_save does);
# and sets every organisation's retention periods (free text, visit
# details, pseudonyms) to 9 months, so that what is older than nine months
# before today – about a third of fifteen months – is due. Card
# invitations are not generated: their links are a few rows per card
# handed out, not a volume.

if [ "${BENCH_MILLION:-0}" != 1 ]; then
	echo "skipped: set BENCH_MILLION=1 (generates a million responses, minutes)"
else
	pdb=${MESURE_TEST_DB/dbname=mesure/dbname=mesure_purge}
	pq() { psql "$pdb" -X -qAt -c "$1"; }
	psql "$MESURE_TEST_DB" -X -q -c "drop database if exists mesure_purge" \
	    -c "create database mesure_purge"
	"$top/mk/migrate.sh" "$pdb" >/dev/null
	"$top/mk/demo.sh" "$pdb" "$MESURE_TEST_ANCHOR" "" >/dev/null
	start=$(date +%s)
	psql "$pdb" -X -q -v responses=${BENCH_PURGE_RESPONSES:-1000000} \
	    -f "$top/tests/bench/gen_million.sql" | grep generated
	echo "generated in $(( $(date +%s) - start )) s"
	start=$(date +%s)
	psql "$pdb" -X -q -v ON_ERROR_STOP=1 <<'SQL'
set synchronous_commit = off;
update visits v set mediator_id = (select u.id from users u
    where u.organisation_id = v.organisation_id and u.role = 'mediator'
    order by u.id limit 1)
where v.source = 'import';
insert into answers (response_id, question, ordinal, value)
select r.id, 'difficulte_autre', 0, 'Texte libre saisi par la personne'
from responses r
join survey_versions sv on sv.id = r.survey_version_id
join surveys s on s.id = sv.survey_id
where s.code = 'satisfaction' and get_byte(uuid_send(r.id), 0) < 64;
update beneficiaries b set last_visit_at = m.last
from (select beneficiary_id, max(visited_at) as last from visits
      where beneficiary_id is not null group by 1) m
where m.beneficiary_id = b.id;
insert into retention_periods (organisation_id, raw_answers_months,
    visit_months, pseudonym_months)
select id, 9, 9, 9 from organisations
on conflict (organisation_id) do update set raw_answers_months = 9,
    visit_months = 9, pseudonym_months = 9;
vacuum analyze answers, responses, visits, beneficiaries;
SQL
	echo "prepared in $(( $(date +%s) - start )) s"
	echo "data: $(pq "select (select count(*) from responses) || ' responses, ' || (select count(*) from answers) || ' answers (' || (select count(*) from answers where question like '%\_autre') || ' free text), ' || (select count(*) from visits) || ' visits (' || (select count(*) from visits where mediator_id is not null) || ' with a mediator), ' || (select count(*) from beneficiaries) || ' beneficiaries'")"
	echo "data from $(pq "select min(visited_at)::date from visits") to $(pq "select max(visited_at)::date from visits"); due: before $(pq "select (now() - interval '9 months')::date")"
	echo "load before the purge: $(cut -d' ' -f1-3 /proc/loadavg)"
	purge_time() {	# LABEL ARGS…
		local label=$1 t0 t1 out
		shift
		t0=$(date +%s.%N)
		out=$(MESURE_DATABASE="$pdb" "$top/build/mesure-admin" purge "$@")
		t1=$(date +%s.%N)
		printf '%-34s %6.2f s  %s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$out"
	}
	for i in 1 2 3; do
		purge_time "purge --dry-run ($i)" --dry-run
	done
	purge_time "purge (a third due)"
	echo "after: $(pq "select (select count(*) from answers where question like '%\_autre') || ' free-text answers, ' || (select count(*) from visits where mediator_id is not null) || ' visits with a mediator, ' || (select count(*) from beneficiaries) || ' beneficiaries'")"
	purge_time "purge --dry-run (nothing due)" --dry-run
	purge_time "purge (the next day: nothing due)"
	echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
