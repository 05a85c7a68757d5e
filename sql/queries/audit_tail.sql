-- How far the audit log's id sequence went (a row deleted at the end of
-- the chain leaves it ahead of the last id). Columns: last value, called.
-- Used by mesure-admin audit-verify.
select last_value, is_called from audit_log_id_seq
