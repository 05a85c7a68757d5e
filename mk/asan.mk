# A second copy of the Kore module built with AddressSanitizer and
# UndefinedBehaviorSanitizer: build/asan/mesure.so, for the asan suite
# (tests/asan/run.sh) which runs the HTTP tests against it.
#
# The same rules and object lists as the normal build (mk/build.mk), in a
# sub-make whose BUILD is build/asan: only the flags differ. The kore
# binary is not instrumented, so the suite starts it with the ASan runtime
# in LD_PRELOAD (ASAN_RUNTIME below, the one of the compiler used here).

ASAN_BUILD	:= $(BUILD)/asan
ASAN_SANITIZE	:= -fsanitize=address,undefined -fno-sanitize-recover=undefined
# The sanitizers change what GCC inlines, and with it what its flow-based
# warnings see: at -O1, -Wformat-truncation flags an snprintf of
# reports/lay_cover.c (bounded; a truncated label is harmless) that the
# normal build does not. Off here only.
# MESURE_ASAN: app/seccomp.c lets LeakSanitizer's calls through.
ASAN_CFLAGS	:= -O1 -g -fno-omit-frame-pointer $(ASAN_SANITIZE) \
		   -Wno-format-truncation -DMESURE_ASAN

.PHONY: asan-build
asan-build: $(BUILD)/.deps
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) \
	    CFLAGS='$(ASAN_CFLAGS)' MODULE_LDFLAGS='$(ASAN_SANITIZE)' \
	    $(ASAN_BUILD)/mesure.so
