-- End the session of the token hash $1 (hex), from the address $2, and
-- audit it. One column: the user id, NULL if there was no such session.
-- Used by app/auth.c (POST /deconnexion).
select auth_signout(decode($1, 'hex'), $2::inet)
