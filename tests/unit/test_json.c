/* json: strict parsing of outside input, and safe string output. */
#include <stdlib.h>

#include "json.h"
#include "sbuf.h"
#include "unit.h"

static int
parses(const char *text)
{
	struct json_doc	doc;
	int		ok;

	ok = json_parse(&doc, text, strlen(text)) == 0;
	json_free(&doc);
	return (ok);
}

static char *
error_of(const char *text)
{
	static char	buf[200];
	struct json_doc	doc;

	if (json_parse(&doc, text, strlen(text)) == 0) {
		json_free(&doc);
		return ("");
	}
	snprintf(buf, sizeof(buf), "%s", doc.error);
	return (buf);
}

int
main(void)
{
	struct json_doc		 doc;
	const struct json	*v;
	struct sbuf		 sb;
	long long		 n;
	const char		*text;
	char			 deep[200];
	int			 i;

	text = "{\"id\": \"b3a0\", \"answers\": {\"accueil\": 5, "
	    "\"domaine\": [\"famille\", \"logement\"], \"txt\": \"\\u00e9t\\u00e9 \\ud83d\\ude00\"}, "
	    "\"ok\": true, \"none\": null, \"x\": -1.5e2}";
	CHECK(json_parse(&doc, text, strlen(text)) == 0, "parse: %s", doc.error);
	v = json_get(doc.root, "answers");
	CHECK(v != NULL && v->type == JSON_OBJECT && v->n == 3, "answers object");
	CHECK(json_is_int(json_get(v, "accueil"), &n) && n == 5, "accueil = 5");
	CHECK(json_get(v, "domaine")->n == 2, "two domains");
	CHECK_STR(json_get(v, "txt")->str, "été \xf0\x9f\x98\x80");
	CHECK(json_get(doc.root, "ok")->type == JSON_TRUE, "true");
	CHECK(json_get(doc.root, "none")->type == JSON_NULL, "null");
	CHECK(json_get(doc.root, "x")->num == -150.0, "-1.5e2");
	CHECK(!json_is_int(json_get(doc.root, "x"), &n) || n == -150, "int");
	CHECK(json_get(doc.root, "missing") == NULL, "missing key");
	json_free(&doc);

	/* What a lenient parser would accept, this one refuses. */
	CHECK(!parses("{\"a\": 1,}"), "trailing comma");
	CHECK(!parses("[1, 2,]"), "trailing comma in array");
	CHECK(!parses("{\"a\": 1, \"a\": 2}"), "duplicate key");
	CHECK(!parses("01"), "leading zero");
	CHECK(!parses("\"\\ud800\""), "lone surrogate");
	CHECK(!parses("\"\\u0000\""), "NUL escape");
	CHECK(!parses("\"a\tb\""), "raw tab in string");
	CHECK(!parses("\"\xff\""), "invalid UTF-8");
	CHECK(!parses("{} x"), "text after the value");
	CHECK(!parses("// c\n{}"), "comment");
	CHECK(!parses(""), "empty");
	CHECK(!parses("1e999"), "number out of range");
	CHECK(!parses("{\"a\" 1}"), "missing colon");
	CHECK(!parses("tru"), "bad literal");
	CHECK(parses("  {\"a\": [true, false, null, 0, -0.5, \"\"]}  "), "valid");

	/* Depth is bounded, so hostile nesting cannot exhaust the stack. */
	for (i = 0; i < 40; i++)
		deep[i] = '[';
	for (i = 40; i < 80; i++)
		deep[i] = ']';
	deep[80] = '\0';
	CHECK(!parses(deep), "40 levels refused");
	CHECK(strstr(error_of(deep), "nested too deeply") != NULL,
	    "depth error named: %s", error_of(deep));
	CHECK(strstr(error_of("{\n  \"a\": 1,\n}"), "line 3") != NULL,
	    "error located: %s", error_of("{\n  \"a\": 1,\n}"));

	/* Output: quotes, control characters and "<" are escaped. */
	sbuf_init(&sb);
	json_write_string(&sb, "a\"b\\c\n</script>\x01");
	CHECK_STR(sb.data, "\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"");
	sbuf_reset(&sb);
	json_write_string(&sb, "bad \xff byte");
	CHECK_STR(sb.data, "\"bad \xef\xbf\xbd byte\"");
	sbuf_free(&sb);
	UNIT_END();
}
