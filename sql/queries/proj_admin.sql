-- proj_admin – one change of the Break Poverty model by a coordinator
-- (0450 project_admin(): scope, checks, audit in one transaction): $1
-- organisation, $2 user, $3 actor, $4 address, $5 action, $6 the object's
-- id (NULL to create), $7..$13 its fields in the action's order ('' for
-- none). One row (status, id, page), or none: not found. app/project_admin.c.
select status, id, page from project_admin($1::bigint, $2::bigint, $3,
    $4::inet, $5, $6::bigint, array[$7, $8, $9, $10, $11, $12, $13])
