-- response_submit.sql – record one response and its answers in one
-- round trip (function survey_submit of migration 0100). $1 id (uuid),
-- $2 organisation id, $3 survey id, $4 survey version id, $5 site id
-- (all from survey_lookup.sql), $6 language, $7 channel, $8 submitted at
-- (RFC 3339, NULL: now), $9 answers digest (hex), $10 answers (JSON
-- rows), $11 invitation code SHA-256 (hex or NULL), $12 device token
-- SHA-256 (hex or NULL). Returns one word: created, duplicate, conflict,
-- invitation_unknown, invitation_used, invitation_expired,
-- invitation_mismatch.
select survey_submit($1::uuid, $2::bigint, $3::bigint, $4::bigint,
    $5::bigint, $6, $7, coalesce($8::timestamptz, now()), decode($9, 'hex'),
    $10::jsonb, decode($11, 'hex'), decode($12, 'hex'))
