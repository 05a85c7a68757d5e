-- report_method – the sample sizes and response rates of the
-- methodology page over a period:
--   visits; satisfaction responses (asked right after a visit, so the
--   rate is responses per visit); follow-up cards given in the period
--   and how many of them were answered so far (the outcome survey comes
--   one to three months later); outcome responses received in the
--   period (from cards given before it, too).
--   $1 organisation id, $2 period start, $3 period end (exclusive)
with b as (
	select ($2::date::timestamp at time zone 'Europe/Paris') as t0,
	    ($3::date::timestamp at time zone 'Europe/Paris') as t1
)
select
    (select count(*) from visits v, b where v.organisation_id = $1::bigint
	and v.visited_at >= b.t0 and v.visited_at < b.t1),
    (select count(*) from responses r
	join survey_versions sv on sv.id = r.survey_version_id
	join surveys su on su.id = sv.survey_id, b
	where r.organisation_id = $1::bigint and su.kind = 'satisfaction'
	  and r.submitted_at >= b.t0 and r.submitted_at < b.t1),
    (select count(*) from invitations i
	join surveys su on su.id = i.survey_id, b
	where i.organisation_id = $1::bigint and su.kind = 'resultats'
	  and i.created_at >= b.t0 and i.created_at < b.t1),
    (select count(*) from invitations i
	join surveys su on su.id = i.survey_id, b
	where i.organisation_id = $1::bigint and su.kind = 'resultats'
	  and i.created_at >= b.t0 and i.created_at < b.t1
	  and i.used_at is not null),
    (select count(*) from responses r
	join survey_versions sv on sv.id = r.survey_version_id
	join surveys su on su.id = sv.survey_id, b
	where r.organisation_id = $1::bigint and su.kind = 'resultats'
	  and r.submitted_at >= b.t0 and r.submitted_at < b.t1)
