# Serving: generate the Kore configuration, prepare the workers' chroot
# and the development PKI, then run Kore in the foreground as in
# production – as root, chrooted into var/root, workers as $(RUNAS_USER),
# seccomp on. Ctrl-C stops Kore; `make stop` stops the database.

RUN_CONF	:= $(VAR)/kore.conf
RUN_ROOT	:= $(VAR)/root
PKI_DIR		:= $(VAR)/pki
KORE		:= /usr/bin/kore

# The configuration of a running instance; also used by tests with other
# values (tests/run.sh calls mk/conf.sh itself).
conf_args = BIND=127.0.0.1 PORT=$(1) MODULE=$(BUILD)/mesure.so \
	ROOT=$(2) RUNAS=$(RUNAS_USER) WORKERS=$(WORKERS) PIDFILE=$(3) \
	DEATH_POLICY=$(4) SECCOMP_TRACING=$(5) PG_CONN_MAX=8

$(RUN_CONF): conf/mesure.conf.in $(wildcard conf/routes/*.conf conf/validators/*.conf) mk/conf.sh mk/run.mk
	@mk/conf.sh $@ $(call conf_args,$(PORT),$(RUN_ROOT),$(VAR)/kore.pid,restart,no)

.PHONY: run-root run-pki conf
run-root: $(BUILD)/.deps
	@mk/root.sh $(RUN_ROOT)
run-pki: $(BUILD)/.deps
	@mk/pki.sh $(PKI_DIR)

run: build db run-root run-pki check-conf
	@mk/conf.sh $(RUN_CONF) $(call conf_args,$(PORT),$(RUN_ROOT),$(VAR)/kore.pid,restart,no)
	@echo
	@echo "Mesure is starting on http://127.0.0.1:$(PORT)/"
	@echo
	@echo "  Respondent's survey:  http://127.0.0.1:$(PORT)/s/satisfaction/la-source"
	@echo "  Staff sign-in:        http://127.0.0.1:$(PORT)/connexion"
	@echo "  Check a report:       http://127.0.0.1:$(PORT)/verify"
	@echo "  Health:               http://127.0.0.1:$(PORT)/healthz"
	@echo
	@echo "  Demo accounts (password: $(DEMO_PASSWORD)):"
	@echo "    admin@action-numerique.example              administrator"
	@echo "    coordination@action-numerique.example       coordinator"
	@echo "    mediation@action-numerique.example          mediator (La Source, Argonne)"
	@echo "    mediation.centre@action-numerique.example   mediator (Centre, Blossières)"
	@echo "    financeur@fondation-orleans.example         funder (Fondation Orléans)"
	@echo
	@echo "  New accounts: build/mesure-admin user-add EMAIL ROLE (prints a set-password link)"
	@echo
	@echo "  Ctrl-C stops Mesure; 'make stop' stops its database."
	@echo
	@# The daily purge timer is off here (it would delete demo data);
	@# make run MESURE_PURGE_INTERVAL=86400 turns it on.
	@# The signing service beside Kore (its key never enters the workers'
	@# chroot; they reach its socket at /run/signer.sock). Ctrl-C stops
	@# both: they share the terminal's process group.
	@$(BUILD)/mesure-signer --key $(PKI_DIR)/signer.key \
	    --cert $(PKI_DIR)/signer.pem --socket $(RUN_ROOT)/run/signer.sock \
	    --group $(RUNAS_USER) --mode 0660 \
	    --allow-uid $$(id -u $(RUNAS_USER)) 2>>$(VAR)/signer.log & \
	MESURE_DATABASE='$(DB_CONNINFO)' MESURE_REPORT_CA='$(PKI_DIR)/ca.pem' \
	    MESURE_PURGE_INTERVAL='$(or $(MESURE_PURGE_INTERVAL),off)' \
	    exec stdbuf -oL $(KORE) -f -c $(RUN_CONF)

# Parse the real configuration with the real kore and module: fails on any
# "ignoring" line (a typo Kore would silently skip), on an unanchored
# validator regex, and if the module refuses its settings.
check-conf: build
	@mk/check-conf.sh $(BUILD)/mesure.so
