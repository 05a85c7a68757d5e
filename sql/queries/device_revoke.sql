-- device_revoke: revoke tablet $3 as user $2 of organisation $1 ($4
-- e-mail, $5 address for the audit row). One column: its id, or NULL if
-- it is not a live tablet of a site the user serves. app/device.c.
select device_revoke($1::bigint, $2::bigint, $3::bigint, $4, $5::inet)
