# Fuzzing: libFuzzer harnesses (tests/fuzz/fuzz_*.c) linked with the
# Kore-free code, all built with clang under ASan and UBSan.
# `make fuzz` runs each for ten minutes; `make test` runs a short pass.

FUZZ_CC		:= clang
FUZZ_FLAGS	:= -g -O1 -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=undefined -D_GNU_SOURCE \
		   -Iapp/core -Ireports -I$(BUILD)/gen
FUZZ_SRC	:= $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN	:= $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_LIB_SRC	:= $(CORE_SRC) $(GEN_SRC)

.PHONY: fuzz fuzz-build
fuzz-build: $(BUILD)/.deps $(FUZZ_BIN)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_SRC) $(GEN_HDR)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB_SRC) \
	    -lsodium -lhpdf -lqrencode -lxlsxwriter -lpq -lcrypto -lz -lm

fuzz: fuzz-build
	tests/fuzz/run.sh long
