-- invitation_lookup.sql – the invitation whose code hashes to $1 (hex):
-- used?, expired?, then the columns of survey_lookup.sql for its site and
-- the live version of its survey. Used by /r/{code} (app/survey_invite.c).
select i.id, i.used_at is not null, i.expires_at < now(),
    si.id, si.code, si.name, coalesce(si.phone, ''), o.id, o.name,
    s.id, s.code, s.kind, v.id, v.version, v.definition::text
from invitations i
join sites si on si.id = i.site_id
join organisations o on o.id = i.organisation_id
join surveys s on s.id = i.survey_id
join survey_versions v on v.id = survey_current_version(s.id)
where i.token_hash = decode($1, 'hex')
