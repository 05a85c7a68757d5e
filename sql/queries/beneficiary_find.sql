-- beneficiary_find: the people of organisation $1 whose pseudonym starts
-- with $2 (upper-case letters and digits only, checked by the caller),
-- most recently seen first, at most $3. Columns: pseudonym, age bracket,
-- lives in a QPV ('t', 'f' or ''), last visit (YYYY-MM-DD or ''), number
-- of visits. Used by GET /api/beneficiaires and the visit form's search.
select b.pseudonym, coalesce(b.age_bracket, ''),
    coalesce(b.lives_in_qpv::text, ''),
    coalesce(to_char(b.last_visit_at at time zone 'Europe/Paris',
	'YYYY-MM-DD'), ''),
    (select count(*) from visits v where v.beneficiary_id = b.id)
from beneficiaries b
where b.organisation_id = $1::bigint and b.pseudonym like $2 || '%'
order by b.last_visit_at desc nulls last, b.pseudonym
limit $3::int
