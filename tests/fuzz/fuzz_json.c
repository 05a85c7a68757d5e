/*
 * fuzz_json – libFuzzer harness for the JSON parser (app/core/json.c),
 * which reads survey definitions and the responses API from outside.
 * Every parse must end in a tree or an error, never a crash or a leak;
 * a parsed tree is walked entirely and its strings re-encoded.
 */
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "sbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
walk(const struct json *v, struct sbuf *sb, int depth)
{
	size_t	i;

	if (depth > JSON_DEPTH_MAX + 1)
		__builtin_trap();
	switch (v->type) {
	case JSON_STRING:
		json_write_string_n(sb, v->str, v->len);
		break;
	case JSON_ARRAY:
	case JSON_OBJECT:
		for (i = 0; i < v->n; i++) {
			if (v->type == JSON_OBJECT)
				json_write_string(sb, v->keys[i]);
			walk(v->items[i], sb, depth + 1);
		}
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc	doc;
	struct sbuf	sb;

	if (json_parse(&doc, (const char *)data, size) == 0) {
		sbuf_init(&sb);
		walk(doc.root, &sb, 0);
		sbuf_free(&sb);
		json_free(&doc);
	}
	return (0);
}
