-- The id of the funder named $1. Used by mesure-admin user-add.
select id from funders where name = $1
