-- rights_find.sql – everything linked to a person (rights_subject in
-- 0610): $1 organisation, $2 pseudonym or NULL, $3 SHA-256 (hex) of a
-- follow-up card's code or NULL. One column: the JSON document, NULL when
-- nothing is found. Used by GET /donnees-personnelles
-- (app/privacy_rights.c).
select rights_subject($1::bigint, $2, decode($3, 'hex'))::text
