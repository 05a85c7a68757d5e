# The database: a private PostgreSQL cluster under var/pg (the default),
# or any server given as MESURE_DATABASE (a libpq key=value string), e.g.
#   make run MESURE_DATABASE='host=db.example port=5432 dbname=mesure user=mesure'
# Migrations are applied once each, in order; the demo data once.

DB_DIR		:= $(VAR)/pg
DEMO_PASSWORD	?= Digilab-Orleans-2026
# Read when a recipe runs (the cluster, and its password, exist by then).
DB_CONNINFO	= $(if $(MESURE_DATABASE),$(MESURE_DATABASE),$(shell mk/pg.sh conninfo $(DB_DIR)))

.PHONY: db db-start db-migrate db-demo

db: db-start db-migrate db-demo

db-start: $(BUILD)/.deps
	@if [ -z "$(MESURE_DATABASE)" ]; then mk/pg.sh start $(DB_DIR) $(DB_PORT); fi

db-migrate: db-start
	@mk/migrate.sh "$(DB_CONNINFO)"

db-demo: db-migrate build
	@mk/demo.sh "$(DB_CONNINFO)" "$$(date +%F)" \
	    "$$(MESURE_DATABASE='$(DB_CONNINFO)' $(BUILD)/mesure-admin hash-password '$(DEMO_PASSWORD)' 2>/dev/null)"

psql: db-start
	@psql "$(DB_CONNINFO)"

stop:
	@mk/pg.sh stop $(DB_DIR)
	@echo "database stopped"
