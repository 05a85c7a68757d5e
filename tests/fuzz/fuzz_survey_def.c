/*
 * fuzz_survey_def – libFuzzer harness for the survey-definition parser
 * (app/core/survey.c): definitions are uploaded by coordinators and
 * loaded by mesure-admin. Every input ends in a survey or in faults with
 * a path, never a crash, a leak or undefined behaviour; a parsed survey
 * is walked entirely (texts, options, conditions evaluated on an empty
 * result) so that every pointer it holds is valid.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "survey_def.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t	sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct survey		*s;
	struct survey_errors	 e;
	struct survey_result	 r;
	size_t			 i, k, li;

	if (survey_parse((const char *)data, size, survey_icon_exists, &s,
	    &e) == -1) {
		if (e.n == 0)
			__builtin_trap();	/* refused without a reason */
		for (i = 0; i < e.n; i++)
			sink += strlen(e.msg[i]);
		return (0);
	}
	for (li = 0; li < s->nlangs; li++) {
		sink += strlen(survey_text_get(s, &s->title, (int)li));
		sink += strlen(survey_text_get(s, &s->consent, (int)li));
	}
	sink += (size_t)survey_duration(s);
	for (i = 0; i < s->nquestions; i++) {
		const struct survey_question *q = &s->questions[i];

		if (survey_question_index(s, q->code) != (int)i)
			__builtin_trap();	/* codes are unique */
		for (k = 0; k < q->noptions; k++)
			sink += strlen(q->options[k].value);
		for (li = 0; li < s->nlangs; li++)
			sink += strlen(survey_text_get(s, &q->label, (int)li));
	}
	if (survey_result_init(&r, s) == 0) {
		for (i = 0; i < s->nquestions; i++)
			if (s->questions[i].show_if != NULL)
				sink += (size_t)survey_cond_eval(&r,
				    s->questions[i].show_if);
		survey_result_free(&r);
	}
	survey_free(s);
	return (0);
}
