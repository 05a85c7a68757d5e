# Testing: tests/run.sh sets up its own throwaway cluster and Kore on free
# ports, runs every suite and prints "N passed, N failed" last.

.PHONY: test test-unit
test: build check-conf asan-build $(BUILD)/.npm
	@tests/run.sh

test-unit: build
	@tests/run.sh unit

# Benchmarks (not part of make test): see BENCHMARKS.md.
.PHONY: bench
bench: build
	tests/bench/run.sh

# The long forms of the faults suite (issue #8): PostgreSQL down for a
# minute under load, then ten workers killed one after another. Last
# results in BENCHMARKS.md ("Faults, long forms").
.PHONY: faults-long
faults-long: build
	@FAULTS_DOWN_SECONDS=60 FAULTS_KILLS=10 FAULTS_TABLETS=16 \
	    FAULTS_API_PAUSE=0.25 tests/run.sh faults
