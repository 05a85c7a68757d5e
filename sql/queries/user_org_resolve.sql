-- The organisation for mesure-admin user-add: the one with slug $1, or,
-- when $1 is NULL, the only one there is. Columns: id, slug; no row if
-- none (or several and no slug).
select id, slug from organisations
where ($1::text is null and (select count(*) from organisations) = 1)
    or slug = $1
