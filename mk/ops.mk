# Operations: backups and restores of the database with the public part of
# the signing certificate (so that reports signed before a key rotation can
# still be checked after a restore).
#
#   make backup                 var/backups/mesure-YYYYmmdd-HHMMSS/
#   make restore FILE=DIR       into the configured database, which must be
#                               empty (a fresh cluster, or a new database)

BACKUP_DIR	?= $(VAR)/backups

.PHONY: backup restore
backup: db-start
	@mk/backup.sh "$(DB_CONNINFO)" "$(BACKUP_DIR)" "$(PKI_DIR)"

restore: db-start
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/mesure-…"; exit 2; }
	@mk/restore.sh "$(DB_CONNINFO)" "$(FILE)"
