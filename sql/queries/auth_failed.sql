-- Audit a failed password check: $1 action (auth.signin_failed,
-- auth.reauth_failed, auth.password_change_failed), $2 account key as
-- typed, $3 user id or NULL, $4 address, $5 reason (unknown, password,
-- disabled, no_password). Used by app/auth.c, app/auth_password.c and
-- app/staff.c.
select auth_failed($1, $2, $3::bigint, $4::inet, $5)
