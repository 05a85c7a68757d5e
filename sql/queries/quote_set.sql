-- quote_set – approve ($9 true, showing $8, NULL: the answer as given) or
-- withdraw a free-text answer ($5 response, $6 question, $7 ordinal) of
-- organisation $1 for the reports, by user $2 (actor $3, address $4);
-- audit-logged (0551). 'ok', 'too_long', or no row (404).
-- app/report_quotes.c.
select status from quote_set($1::bigint, $2::bigint, $3, $4::inet, $5::uuid,
    $6, $7::smallint, $8, $9::boolean)
