-- The password was checked again for the session $1 (token hash, hex),
-- account key $2, address $3: re-authentication is fresh from now.
-- One column: the session id. Used by app/auth_password.c
-- (/connexion/confirmer).
select auth_reauth(decode($1, 'hex'), lower($2), $3::inet)
