-- Open a session after a right password (auth_signin in 0200): $1 user
-- id, $2 new token hash (hex), $3 CSRF token, $4 address, $5 user agent,
-- $6 hash of the session the browser came with (hex) or NULL, $7 account
-- key, $8 absolute lifetime in seconds, $9 a stronger hash or NULL.
-- One column: the session id, NULL if the account was disabled meanwhile.
-- Used by app/auth.c (POST /connexion).
select auth_signin($1::bigint, decode($2, 'hex'), $3, $4::inet, $5,
    decode($6, 'hex'), $7, $8::int, $9)
