# Operations: backups and restores of the database with the public part of
# the signing certificate (so that reports signed before a key rotation or
# a disaster can still be checked after a restore). docs/operations.md.
#
#   make backup                  var/backups/mesure-YYYYmmdd-HHMMSS.tar
#   make restore FILE=…tar       into the configured database, which must
#                                be empty (a fresh cluster, or a new
#                                database); FORCE=1 replaces a non-empty
#                                one's content

BACKUP_DIR	?= $(VAR)/backups
FORCE		?= 0

.PHONY: backup restore
backup: db-start
	@mk/backup.sh "$(DB_CONNINFO)" "$(BACKUP_DIR)" "$(PKI_DIR)"

# FILE is checked before the private cluster is started (or created).
restore: $(BUILD)/.deps
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/mesure-….tar [FORCE=1]"; exit 2; }
	@conn='$(MESURE_DATABASE)'; \
	if [ -z "$$conn" ]; then \
		mk/pg.sh start $(DB_DIR) $(DB_PORT) && \
		conn=$$(mk/pg.sh conninfo $(DB_DIR)) || exit 1; \
	fi; \
	FORCE="$(FORCE)" mk/restore.sh "$$conn" "$(FILE)" "$(PKI_DIR)"
