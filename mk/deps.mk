# Installing what the project needs: the Debian packages of DEBIAN_PACKAGES,
# a system user for Kore's privilege drop, and the npm packages of the
# browser tests. Each step is skipped when already done, so a second run is
# quick; the stamp is rebuilt when the package list changes.

RUNAS_USER	?= mesure

deps: $(BUILD)/.deps

$(BUILD)/.deps: Makefile mk/deps.mk
	@mkdir -p $(BUILD)
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | \
		    grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -ne 0 ]; then \
			echo "missing Debian packages:$$missing (run as root)"; \
			exit 1; \
		fi; \
		echo "installing:$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y --no-install-recommends $$missing || \
		{ apt-get update && \
		  apt-get install -y --no-install-recommends $$missing; } \
		|| exit 1; \
	fi
	@if ! getent passwd $(RUNAS_USER) >/dev/null; then \
		echo "creating system user $(RUNAS_USER)"; \
		useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin $(RUNAS_USER); \
	fi
	@touch $@

# The browser tests' npm packages (playwright-core drives Debian's
# Chromium, axe-core checks accessibility). package-lock.json pins them.
$(BUILD)/.npm: tests/browser/package.json tests/browser/package-lock.json $(BUILD)/.deps
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
