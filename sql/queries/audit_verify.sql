-- The audit chain as stored, in chain order, with each row's canonical
-- text (audit_row_text in 0003): mesure-admin audit-verify recomputes
-- SHA-256(previous hash || text) and compares. Columns: id, prev_hash
-- (hex), hash (hex), text.
select id, encode(prev_hash, 'hex'), encode(hash, 'hex'), audit_row_text(a)
from audit_log a
order by id
