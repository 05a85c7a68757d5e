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
