/*
 * tmpl: values are escaped unless both the template and the code say
 * raw; every message a template names exists.
 */
#include <stdlib.h>

#include "gen_tmpl.h"
#include "i18n.h"
#include "sbuf.h"
#include "tmpl.h"
#include "unit.h"

static const char *
render(const char *text, struct tmpl *t, struct sbuf *sb)
{
	sbuf_reset(sb);
	if (tmpl_render_text(sb, text, strlen(text), t) == -1)
		return (NULL);
	return (sb->data);
}

int
main(void)
{
	struct tmpl	 t;
	struct sbuf	 sb;
	char		 err[256], key[128];
	const char	*p, *e;
	int		 i, unknown;

	CHECK(i18n_init(err, sizeof(err)) == 0, "%s", err);
	sbuf_init(&sb);

	tmpl_init(&t, LANG_FR);
	tmpl_set(&t, "name", "<b>Ève</b>");
	CHECK_STR(render("Bonjour @@name@@ !", &t, &sb),
	    "Bonjour &lt;b&gt;Ève&lt;/b&gt; !");
	CHECK(render("@@!name@@", &t, &sb) == NULL, "raw marker, escaped value");

	tmpl_init(&t, LANG_FR);
	tmpl_set_raw(&t, "body", "<p>ok</p>");
	CHECK_STR(render("<main>@@!body@@</main>", &t, &sb), "<main><p>ok</p></main>");
	CHECK(render("@@body@@", &t, &sb) == NULL, "escaped marker, raw value");

	tmpl_init(&t, LANG_EN);
	CHECK_STR(render("@@t.error.not_found@@", &t, &sb),
	    "This page does not exist.");
	CHECK_STR(render("no markers", &t, &sb), "no markers");
	CHECK(render("@@t.nope.nope@@", &t, &sb) == NULL, "unknown message");
	/* An error sticks: a half-rendered page is never sent. */
	CHECK(render("no markers", &t, &sb) == NULL, "error is sticky");
	tmpl_init(&t, LANG_EN);
	CHECK(render("@@missing@@", &t, &sb) == NULL, "missing value");
	tmpl_init(&t, LANG_EN);
	CHECK(render("a @@b", &t, &sb) == NULL, "unterminated marker");

	/* Every @@t.key@@ of every template is in the catalogue. */
	unknown = 0;
	for (i = 0; i < TMPL__MAX; i++) {
		for (p = tmpl_text[i]; (p = strstr(p, "@@t.")) != NULL; p = e + 2) {
			p += 4;
			if ((e = strstr(p, "@@")) == NULL ||
			    (size_t)(e - p) >= sizeof(key))
				break;
			memcpy(key, p, (size_t)(e - p));
			key[e - p] = '\0';
			if (!i18n_has(LANG_FR, key)) {
				printf("%s: unknown message %s\n", tmpl_name[i], key);
				unknown++;
			}
		}
	}
	CHECK(unknown == 0, "%d unknown messages in templates", unknown);
	sbuf_free(&sb);
	UNIT_END();
}
