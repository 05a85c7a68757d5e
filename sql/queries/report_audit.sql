-- report_audit – one line of the audit log for a report generated or
-- signed (the chain trigger of 0003 sets id, time and hashes).
--   $1 organisation id, $2 user id (NULL: the command line), $3 actor,
--   $4 action ('report.generate' or 'report.sign'), $5 report id,
--   $6 detail (JSON)
insert into audit_log (organisation_id, user_id, actor, action,
    object_type, object_id, detail)
values ($1::bigint, $2::bigint, $3, $4, 'report', $5, $6::jsonb)
