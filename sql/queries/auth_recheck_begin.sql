-- A password check of a signed-in person ($3: user id, $1: their account
-- key, $2: address): re-authentication, or the current password before a
-- change. Counted against the throttle like a sign-in. Columns: seconds to
-- wait (0: go on), password hash (NULL when waiting).
-- Used by app/auth_password.c (/connexion/confirmer) and app/staff.c
-- (/compte/mot-de-passe).
select w.wait, u.password_hash
from (select auth_throttle_take(lower($1), $2::inet) as wait) w
left join users u on u.id = $3::bigint and w.wait = 0
