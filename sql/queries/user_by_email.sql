-- A user by e-mail, whatever its case. Columns: id, managing organisation,
-- role, disabled (t/f). Used by mesure-admin (app/admin/admin_users.c).
select id, managed_by, role, disabled_at is not null
from users where lower(email) = lower($1)
