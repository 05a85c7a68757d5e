-- The ids of the sites with the codes $2 (a text array "{a,b}") in the
-- organisation $1, as "{1,2}", and how many codes were found.
-- Used by mesure-admin user-add.
select '{' || coalesce(string_agg(id::text, ',' order by id), '') || '}',
    count(*)
from sites where organisation_id = $1::bigint and code = any($2::text[])
