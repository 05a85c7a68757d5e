-- health_ping: does the database answer, with the schema in place?
-- Used by GET /healthz.
select count(*) from schema_migrations
