-- User $1 changed their own password to the hash $2 from the session $3
-- (token hash, hex), address $4: other sessions end, this one stays.
-- Used by app/staff.c (POST /compte/mot-de-passe).
select user_password_store($1::bigint, $2, decode($3, 'hex'), $1::bigint,
    null, $4::inet, 'change')
