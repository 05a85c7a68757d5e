-- rights_erase.sql – erase what links a person to their rows, keeping
-- every count (rights_erase in 0610), with an audit row 'rights.erase':
-- $1 organisation, $2 pseudonym or NULL, $3 card code's SHA-256 (hex) or
-- NULL, $4 user, $5 actor (e-mail), $6 address. One column: the counts
-- (JSON), NULL when nothing is found. Used by POST
-- /donnees-personnelles/effacer.
select rights_erase($1::bigint, $2, decode($3, 'hex'), $4::bigint, $5,
    $6::inet)::text
