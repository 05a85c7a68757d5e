/*
 * unit – the few macros the unit-test programs share. Each program links
 * the Kore-free code directly, checks behaviour a user would notice, and
 * prints one line per failure and "N passed, N failed" last (tests/unit/
 * run.sh adds them up). A check that cannot fail is a defect.
 */
#ifndef MESURE_UNIT_H
#define MESURE_UNIT_H

#include <stdio.h>
#include <string.h>

static int	unit_pass;
static int	unit_fail;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		unit_pass++;						\
	} else {							\
		unit_fail++;						\
		printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	CHECK(g_ != NULL && strcmp(g_, w_) == 0,			\
	    "%s: got \"%s\", want \"%s\"", #got,			\
	    g_ ? g_ : "(null)", w_);					\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	CHECK(g_ == w_, "%s: got %lld, want %lld", #got, g_, w_);	\
} while (0)

#define UNIT_END() do {							\
	printf("%d passed, %d failed\n", unit_pass, unit_fail);	\
	return (unit_fail != 0);					\
} while (0)

#endif
