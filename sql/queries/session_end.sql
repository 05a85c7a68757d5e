-- End the session $2 of user $1 (NULL: all but the current one, whose
-- token hash is $3, hex), from the address $4. One column: how many ended.
-- Used by app/staff.c (POST /compte/sessions).
select auth_sessions_end($1::bigint, $2::bigint, decode($3, 'hex'), $4::inet)
