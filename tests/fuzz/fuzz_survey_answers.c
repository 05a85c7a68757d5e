/*
 * fuzz_survey_answers – libFuzzer harness for the checks of a person's
 * answers (app/core/survey_answers.c, survey_check.c), through both
 * doors: a form body (first byte even) and a JSON API "answers" object
 * (first byte odd), against a survey using every question type and
 * condition. Whatever the input: no crash; an accepted result gives
 * rows that fit the answers table (question code, ordinal < 64, value
 * ≤ 2000 characters), rows JSON that parses back, and a digest that does
 * not depend on the order of the fields.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "json.h"
#include "sbuf.h"
#include "survey_def.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char def[] =
"{\"format\": 1, \"code\": \"fuzz\", \"languages\": [\"fr\", \"en\"],"
" \"title\": {\"fr\": \"T\", \"en\": \"T\"}, \"consent\": {\"fr\": \"C\", \"en\": \"C\"},"
" \"questions\": ["
"{\"code\": \"s\", \"type\": \"smiley\", \"required\": true, \"label\": {\"fr\": \"a\", \"en\": \"a\"}},"
"{\"code\": \"y\", \"type\": \"yes_no_dk\", \"label\": {\"fr\": \"a\", \"en\": \"a\"}},"
"{\"code\": \"m\", \"type\": \"multiple\", \"other\": true, \"min_choices\": 1,"
" \"max_choices\": 3, \"label\": {\"fr\": \"a\", \"en\": \"a\"}, \"show_if\":"
" {\"any\": [{\"question\": \"y\", \"in\": [\"non\"]}, {\"question\": \"s\", \"not_in\": [\"5\"]}]},"
" \"options\": [{\"value\": \"a\", \"label\": {\"fr\": \"a\", \"en\": \"a\"}},"
" {\"value\": \"b\", \"label\": {\"fr\": \"b\", \"en\": \"b\"}},"
" {\"value\": \"c\", \"label\": {\"fr\": \"c\", \"en\": \"c\"}},"
" {\"value\": \"z\", \"exclusive\": true, \"label\": {\"fr\": \"z\", \"en\": \"z\"}}]},"
"{\"code\": \"o\", \"type\": \"single\", \"other\": true, \"label\": {\"fr\": \"a\", \"en\": \"a\"},"
" \"options\": [{\"value\": \"p\", \"label\": {\"fr\": \"p\", \"en\": \"p\"}},"
" {\"value\": \"q\", \"label\": {\"fr\": \"q\", \"en\": \"q\"}}]},"
"{\"code\": \"n\", \"type\": \"number\", \"min\": -10, \"max\": 1000, \"decimals\": 2,"
" \"label\": {\"fr\": \"a\", \"en\": \"a\"}, \"show_if\": {\"question\": \"o\", \"answered\": true}},"
"{\"code\": \"k\", \"type\": \"scale10\", \"label\": {\"fr\": \"a\", \"en\": \"a\"}},"
"{\"code\": \"t\", \"type\": \"text\", \"max_length\": 40, \"multiline\": true,"
" \"label\": {\"fr\": \"a\", \"en\": \"a\"}, \"show_if\": {\"all\": [{\"question\": \"k\","
" \"in\": [\"0\", \"1\", \"10\"]}, {\"question\": \"m\", \"answered\": false}]}}"
"]}";

static struct survey	*fs;

static void
check_rows(const struct survey_result *r)
{
	struct survey_row	 rows[256];
	struct json_doc		 d;
	struct sbuf		 sb;
	unsigned char		 dg[32];
	size_t			 n, i;

	n = survey_rows(r, rows, 256);
	if (n > 256)
		__builtin_trap();
	for (i = 0; i < n; i++) {
		if (rows[i].ordinal < 0 || rows[i].ordinal > 63 ||
		    strlen(rows[i].question) > 47 || rows[i].value == NULL ||
		    strlen(rows[i].value) > 4 * 2000)
			__builtin_trap();
	}
	if (survey_digest(r, dg) == -1)
		__builtin_trap();
	sbuf_init(&sb);
	survey_rows_json(r, &sb);
	if (sb.failed || json_parse(&d, sb.data, sb.len) == -1 ||
	    d.root->type != JSON_ARRAY || d.root->n != n)
		__builtin_trap();
	json_free(&d);
	sbuf_free(&sb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct survey_result	 r;
	struct survey_errors	 e;
	struct form		 f;
	struct json_doc		 d;
	char			 err[64];

	if (fs == NULL && survey_parse(def, strlen(def), NULL, &fs, &e) == -1)
		__builtin_trap();
	if (size < 1)
		return (0);
	if (survey_result_init(&r, fs) == -1)
		return (0);
	if ((data[0] & 1) == 0) {
		if (form_parse(&f, (const char *)data + 1, size - 1, 0, err,
		    sizeof(err)) == 0) {
			if (survey_answers_form(&r, &f) == 0)
				check_rows(&r);
			form_free(&f);
		}
	} else if (json_parse(&d, (const char *)data + 1, size - 1) == 0) {
		if (d.root->type == JSON_OBJECT &&
		    survey_answers_json(&r, d.root) == 0)
			check_rows(&r);
		json_free(&d);
	}
	survey_result_free(&r);
	return (0);
}
