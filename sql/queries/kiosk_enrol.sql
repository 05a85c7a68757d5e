-- kiosk_enrol.sql – enrol the tablet: the one-time code hashing to $1
-- (hex) gives way to the device token hashing to $2 (hex). Returns the
-- site's code, or NULL if the code is unknown, used or expired.
select kiosk_enrol(decode($1, 'hex'), decode($2, 'hex'))
