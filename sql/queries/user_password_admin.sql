-- Set the password hash $2 of the user with the e-mail $1, from the
-- shell: every session of theirs ends, open links die, the audit says
-- mesure-admin. No row if there is no such user.
-- Used by mesure-admin set-password.
select user_password_store(u.id, $2, null, null, 'mesure-admin', null,
    'mesure-admin')
from users u where lower(u.email) = lower($1)
