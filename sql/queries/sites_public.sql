-- sites_public: the open reception points, for the public home page.
-- Columns: code, name, host_place, address, postcode, city, phone,
-- by_appointment, opening_hours (JSON text), organisation name.
select s.code, s.name, coalesce(s.host_place, ''), s.address,
    coalesce(s.postcode, ''), s.city, coalesce(s.phone, ''),
    s.by_appointment, s.opening_hours::text, o.name
from sites s
join organisations o on o.id = s.organisation_id
where s.active
order by o.name, s.name
