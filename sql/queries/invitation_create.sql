-- invitation_create.sql – a one-time invitation to survey $3 (code) at
-- site $2 (code), of kind $4 (card, link, kiosk), valid $5 days, whose
-- code hashes to $1 (hex); $6 the user who made it (or NULL). Returns
-- its id and last day (YYYY-MM-DD, Paris time), or nothing if the site
-- or the survey is unknown. Used by the kiosk's "follow-up card" and by
-- mesure-admin invitation-cards.
insert into invitations (token_hash, organisation_id, survey_id, site_id,
    kind, created_by, expires_at)
select decode($1, 'hex'), si.organisation_id, s.id, si.id, $4,
    $6::bigint, now() + make_interval(days => $5::int)
from sites si
join surveys s on s.organisation_id = si.organisation_id and s.code = $3
    and s.active
where si.code = $2 and si.active
returning id, to_char(expires_at at time zone 'Europe/Paris', 'YYYY-MM-DD')
