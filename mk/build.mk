# Building: the Kore module build/mesure.so, the command-line tools, the
# unit-test programs, and the C files generated from sql/queries,
# app/templates and assets/ (embedded at build time so workers read no file).
#
# Mandatory flags live in their own variables: `make CFLAGS=-O0` changes
# optimisation, never the warnings, the Kore feature flags or -fPIC.

CC		?= cc
CFLAGS		?= -O2 -g
WARNFLAGS	:= -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
		   -Wmissing-prototypes -Wstrict-prototypes -Wformat=2 \
		   -Wno-unused-parameter
HARDENFLAGS	:= -fstack-protector-strong -D_FORTIFY_SOURCE=2
MESURE_CFLAGS	:= -std=gnu11 -fPIC $(WARNFLAGS) $(HARDENFLAGS) -MMD -MP
MESURE_CPPFLAGS	:= -D_GNU_SOURCE -Iapp/core -Ireports -I$(BUILD)/gen
# Without exactly these, struct http_request has another layout in the
# module than in the kore binary (KORE.md). Read when a recipe runs, so that
# the deps step has installed kore first.
KORE_FEATURES	= $(shell cat /usr/share/kore/features)

# Libraries. libpq and libcrypto come from the kore binary for the module,
# but programs (tests, CLIs) link them themselves.
MODULE_LIBS	:= -lhpdf -lsodium -lqrencode -lxlsxwriter -lz -lm
PROGRAM_LIBS	:= $(MODULE_LIBS) -lpq -lcrypto -lssl
# Extra flags for linking the module only (mk/asan.mk: -fsanitize=…).
MODULE_LDFLAGS	?=

CORE_SRC	:= $(wildcard app/core/*.c)
APP_SRC		:= $(wildcard app/*.c)
REPORT_SRC	:= $(wildcard reports/*.c)
ADMIN_SRC	:= $(wildcard app/admin/*.c)
SQL_FILES	:= $(sort $(wildcard sql/queries/*.sql))
TMPL_FILES	:= $(sort $(wildcard app/templates/*.html))
# Messages: app/i18n/LANG/*.msg, one file per area, joined per language.
MSG_LANGS	:= $(notdir $(wildcard app/i18n/*))
MSG_FILES	:= $(sort $(wildcard app/i18n/*/*.msg))
MSG_JOINED	:= $(MSG_LANGS:%=$(BUILD)/gen/msgs/%.msg)
# docs/rgpd.md too: the register of processing activities, which the
# respondents' privacy page links to (/confidentialite/registre).
ASSET_FILES	:= $(sort $(shell find assets -type f ! -name '*.md' 2>/dev/null) \
		   docs/rgpd.md)
GEN_SRC		:= $(BUILD)/gen/gen_sql.c $(BUILD)/gen/gen_tmpl.c $(BUILD)/gen/gen_msgs.c \
		   $(BUILD)/gen/gen_assets.c $(BUILD)/gen/gen_pwlist.c
CLI_SRC		:= $(wildcard app/cli/*.c reports/cli/*.c)
UNIT_SRC	:= $(wildcard tests/unit/test_*.c)

CORE_OBJ	:= $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
APP_OBJ		:= $(APP_SRC:%.c=$(BUILD)/obj/%.o)
REPORT_OBJ	:= $(REPORT_SRC:%.c=$(BUILD)/obj/%.o)
ADMIN_OBJ	:= $(ADMIN_SRC:%.c=$(BUILD)/obj/%.o)
GEN_OBJ		:= $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
CLI_BIN		:= $(patsubst %.c,$(BUILD)/%,$(notdir $(CLI_SRC)))
UNIT_BIN	:= $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

CORE_LIB	:= $(BUILD)/libmesure-core.a
REPORT_LIB	:= $(BUILD)/libmesure-report.a
MODULE		:= $(BUILD)/mesure.so

build: $(BUILD)/.deps $(MODULE) $(CLI_BIN) $(UNIT_BIN)

$(BUILD)/embed: mk/embed.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 $(WARNFLAGS) -o $@ $<

# Generated sources. Each is rebuilt when one of its inputs changes or when
# a file appears or disappears (the list is part of the stamp).
$(BUILD)/gen/gen_sql.c: $(BUILD)/embed $(SQL_FILES) $(BUILD)/gen/gen_sql.list
	$(BUILD)/embed enum sql $(BUILD)/gen/gen_sql $(SQL_FILES)
$(BUILD)/gen/gen_tmpl.c: $(BUILD)/embed $(TMPL_FILES) $(BUILD)/gen/gen_tmpl.list
	$(BUILD)/embed enum tmpl $(BUILD)/gen/gen_tmpl $(TMPL_FILES)
$(BUILD)/gen/msgs/%.msg: $(MSG_FILES) $(BUILD)/gen/gen_msgs.list
	@mkdir -p $(@D)
	cat $(sort $(wildcard app/i18n/$*/*.msg)) > $@
$(BUILD)/gen/gen_msgs.c: $(BUILD)/embed $(MSG_JOINED)
	$(BUILD)/embed enum msgs $(BUILD)/gen/gen_msgs $(MSG_JOINED)
$(BUILD)/gen/gen_assets.c: $(BUILD)/embed $(ASSET_FILES) $(BUILD)/gen/gen_assets.list
	$(BUILD)/embed assets asset $(BUILD)/gen/gen_assets $(ASSET_FILES)

# The common passwords refused by app/core/pwpolicy.c.
$(BUILD)/gen/gen_pwlist.c: conf/passwords/mkpwlist.sh conf/passwords/common.txt conf/passwords/french.txt
	@mkdir -p $(@D)
	conf/passwords/mkpwlist.sh > $@

# A list file changes only when the set of inputs changes.
GEN_LIST_sql	= $(SQL_FILES)
GEN_LIST_tmpl	= $(TMPL_FILES)
GEN_LIST_msgs	= $(MSG_FILES)
GEN_LIST_assets	= $(ASSET_FILES)
$(BUILD)/gen/gen_%.list: FORCE
	@mkdir -p $(@D)
	@echo '$(GEN_LIST_$*)' | cmp -s - $@ || echo '$(GEN_LIST_$*)' > $@
$(BUILD)/gen/gen_sql.h: $(BUILD)/gen/gen_sql.c ;
$(BUILD)/gen/gen_tmpl.h: $(BUILD)/gen/gen_tmpl.c ;
$(BUILD)/gen/gen_msgs.h: $(BUILD)/gen/gen_msgs.c ;
$(BUILD)/gen/gen_assets.h: $(BUILD)/gen/gen_assets.c ;
.PHONY: FORCE
FORCE:

GEN_HDR		:= $(filter-out %/gen_pwlist.h,$(GEN_SRC:.c=.h))

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/app/core/%.o: app/core/%.c $(GEN_HDR) $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/app/admin/%.o: app/admin/%.c $(GEN_HDR) $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) -Iapp/admin -I/usr/include/postgresql \
	    $(CFLAGS) -c -o $@ $<

# reports/ reads the database with libpq (report_data.c).
$(BUILD)/obj/reports/%.o: reports/%.c $(GEN_HDR) $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) -I/usr/include/postgresql \
	    $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/app/%.o: app/%.c $(GEN_HDR) $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) -Iapp $(KORE_FEATURES) \
	    $(CFLAGS) -c -o $@ $<

$(CORE_LIB): $(CORE_OBJ) $(GEN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(REPORT_LIB): $(REPORT_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The module links every object itself (no archive), so that nothing Kore
# looks up by name is dropped by the linker.
$(MODULE): $(APP_OBJ) $(CORE_OBJ) $(REPORT_OBJ) $(GEN_OBJ)
	$(CC) -shared $(MODULE_LDFLAGS) -o $@ $^ $(MODULE_LIBS)

$(BUILD)/%: app/cli/%.c $(ADMIN_OBJ) $(REPORT_LIB) $(CORE_LIB) $(GEN_HDR)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) -Iapp/admin \
	    -I/usr/include/postgresql $(CFLAGS) -o $@ $< $(ADMIN_OBJ) \
	    $(REPORT_LIB) $(CORE_LIB) $(PROGRAM_LIBS)

$(BUILD)/%: reports/cli/%.c $(REPORT_LIB) $(CORE_LIB) $(GEN_HDR)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) -I/usr/include/postgresql \
	    $(CFLAGS) -o $@ $< \
	    $(REPORT_LIB) $(CORE_LIB) $(PROGRAM_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(REPORT_LIB) $(CORE_LIB) $(GEN_HDR)
	@mkdir -p $(@D)
	$(CC) $(MESURE_CFLAGS) $(MESURE_CPPFLAGS) -Itests/unit -I/usr/include/postgresql $(CFLAGS) \
	    -o $@ $< $(REPORT_LIB) $(CORE_LIB) $(PROGRAM_LIBS)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj $(BUILD)/tests -name '*.d' 2>/dev/null)

# The list stamps are inputs of the generated sources, not temporaries.
.SECONDARY: $(BUILD)/gen/gen_sql.list $(BUILD)/gen/gen_tmpl.list \
	    $(BUILD)/gen/gen_msgs.list $(BUILD)/gen/gen_assets.list $(MSG_JOINED)
