-- response_submit.sql – record one response and its answers in one
-- round trip (function survey_submit of migration 0100). $1 id (uuid),
-- $2 survey version id, $3 site id, $4 language, $5 channel,
-- $6 submitted at (RFC 3339, NULL: now), $7 answers digest (hex),
-- $8 answers (JSON rows), $9 invitation code SHA-256 (hex or NULL),
-- $10 device token SHA-256 (hex or NULL). Returns one word: created,
-- duplicate, conflict, invitation_*, site_mismatch.
select survey_submit($1::uuid, $2::bigint, $3::bigint, $4, $5,
    coalesce($6::timestamptz, now()), decode($7, 'hex'), $8::jsonb,
    decode($9, 'hex'), decode($10, 'hex'))
