-- Disable ($3 true) or enable the user $2 of the organisation $1 (NULL:
-- any, for mesure-admin), as $4 (user id) / $5 (actor), from $6.
-- SQLSTATE ME404, ME409. Used by app/users_action.c and mesure-admin.
select user_set_disabled($1::bigint, $2::bigint, $3::boolean, $4::bigint,
    $5, $6::inet)
