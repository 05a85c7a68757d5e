-- visit_delete: delete visit $3 of organisation $1 as user $2 ($4 e-mail,
-- $5 address, for the audit row). One column: the id, or NULL if there is
-- no such visit; SQLSTATE 42501 if the user may not. app/visit_action.c.
select visit_delete($1::bigint, $2::bigint, $3::bigint, $4, $5::inet)
