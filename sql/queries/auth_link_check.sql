-- The account a set-password link opens, if the link ($1: token hash,
-- hex) is unused, not expired, and the account enabled. Columns: user id,
-- e-mail, name, expiry. Used by app/auth_password.c (/mot-de-passe/…).
select u.id, u.email, u.display_name, l.expires_at
from password_links l join users u on u.id = l.user_id
where l.token_hash = decode($1, 'hex') and l.used_at is null
    and l.expires_at > now() and u.disabled_at is null
