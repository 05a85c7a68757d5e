-- A sign-in attempt for the e-mail $1 from the address $2: counts it
-- against the throttle (auth_throttle_take) and, if it may go on, finds
-- the account. Columns: seconds to wait (0: go on), the account key
-- (lower-cased e-mail), user id, password hash, disabled (t/f) – the last
-- three NULL for an unknown account or when waiting.
-- Used by app/auth.c (POST /connexion).
select w.wait, lower($1), u.id, u.password_hash, u.disabled_at is not null
from (select auth_throttle_take(lower($1), $2::inet) as wait) w
left join users u on lower(u.email) = lower($1) and w.wait = 0
