-- invitation_site.sql – the name and phone of active site $1 (code), as
-- printed on its follow-up cards. mesure-admin invitation-cards.
select name, coalesce(phone, '')
from sites
where code = $1 and active
