-- A new one-time set-password link for the user $2 of the organisation
-- $1 (NULL: any): $3 token hash (hex), $4 lifetime in seconds, $5 acting
-- user id, $6 actor, $7 address. One column: the expiry. SQLSTATE ME404.
-- Used by app/users_action.c and mesure-admin.
select password_link_create($1::bigint, $2::bigint, decode($3, 'hex'),
    $4::int, $5::bigint, $6, $7::inet)
