-- report_share – send report $5 of organisation $1 to the funders'
-- portal, by user $2 (actor $3, address $4), audit-logged (0550). No
-- row: not the organisation's, or not signed (404). app/report_portal.c.
select id from report_share($1::bigint, $2::bigint, $3, $4::inet, $5::bigint)
