-- Use the set-password link $1 (token hash, hex) to store the hash $2,
-- from the address $3 (password_link_use in 0200). One column: the user
-- id, NULL if the link is not valid. Used by app/auth_password.c.
select password_link_use(decode($1, 'hex'), $2, $3::inet)
