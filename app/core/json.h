/*
 * json – a strict RFC 8259 parser for input from outside (survey
 * definitions, the responses API, indicator definitions) and a writer for
 * JSON output. Kore-free, fuzzed (tests/fuzz/fuzz_json.c).
 *
 * The parser builds a tree in an arena owned by the json_doc; everything
 * is released by json_free(). It refuses what a lenient parser would
 * guess at: trailing commas, comments, leading zeros, lone surrogates,
 * control characters in strings, "\u0000", invalid UTF-8, duplicate keys
 * in an object, nesting deeper than JSON_DEPTH_MAX, and anything after the
 * value. On error, doc->error says what and where (line:column).
 */
#ifndef MESURE_JSON_H
#define MESURE_JSON_H

#include <stddef.h>

#define JSON_DEPTH_MAX	32

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
};

struct json {
	enum json_type	  type;
	char		 *str;	/* STRING: NUL-terminated UTF-8; NUMBER: its text */
	size_t		  len;	/* length of str */
	double		  num;	/* NUMBER */
	size_t		  n;	/* ARRAY, OBJECT: number of items */
	struct json	**items; /* ARRAY, OBJECT: the values, in order */
	char		**keys;	/* OBJECT: the keys, parallel to items */
};

struct json_block;

struct json_doc {
	struct json		*root;		/* NULL until parsed */
	struct json_block	*arena;		/* owned; all the nodes */
	char			 error[160];
};

struct sbuf;

int			 json_parse(struct json_doc *, const char *, size_t);
void			 json_free(struct json_doc *);
const struct json	*json_get(const struct json *, const char *);
const char		*json_type_name(enum json_type);
int			 json_is_int(const struct json *, long long *);
void			 json_write_string(struct sbuf *, const char *);
void			 json_write_string_n(struct sbuf *, const char *, size_t);

#endif
