-- Create ($2 NULL) or change a user of the organisation $1 (user_save in
-- 0200): $3 e-mail, $4 name, $5 role, $6 language, $7 site ids
-- ("{1,2}"), $8 funder id, $9 acting user id, $10 actor (e-mail), $11
-- address. One column: the user id. SQLSTATE 23505 (e-mail taken), ME404,
-- ME409, ME421, ME422 (see 0200). Used by app/users_form.c and mesure-admin.
select user_save($1::bigint, $2::bigint, $3, $4, $5, $6, $7::bigint[],
    $8::bigint, $9::bigint, $10, $11::inet)
