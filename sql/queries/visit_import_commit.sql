-- visit_import_commit: import the checked file kept as batch $3 by user
-- $2 of organisation $1 ($4 e-mail, $5 address for the audit row): every
-- row or none, in this one statement. One column: the number of visits
-- written, or NULL if the batch is not the user's. SQLSTATE MV409 if it
-- was imported already, MV410 if it is too old, 42501 if a row names a
-- site the user may not write at. app/import.c.
select visit_import_commit($1::bigint, $2::bigint, $3::bigint, $4, $5::inet)
