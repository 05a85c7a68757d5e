-- rights_export.sql – the same document as rights_find.sql, with an audit
-- row 'rights.export' in the same statement (rights_export in 0610): $1
-- organisation, $2 pseudonym or NULL, $3 card code's SHA-256 (hex) or
-- NULL, $4 user, $5 actor (e-mail), $6 address. NULL when nothing is
-- found. Used by GET /donnees-personnelles/export.
select rights_export($1::bigint, $2, decode($3, 'hex'), $4::bigint, $5,
    $6::inet)::text
