/* html: what reaches a page is escaped, and broken bytes cannot break it. */
#include <stdlib.h>

#include "html.h"
#include "sbuf.h"
#include "unit.h"

static char *
esc(const char *s, size_t n)
{
	struct sbuf	sb;

	sbuf_init(&sb);
	html_escape_n(&sb, s, n);
	return (sbuf_steal(&sb, NULL));
}

int
main(void)
{
	char	*s;

	s = esc("<script>alert('x')</script>", 27);
	CHECK_STR(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	free(s);
	s = esc("\"a\" & b", 7);
	CHECK_STR(s, "&quot;a&quot; &amp; b");
	free(s);
	/* French text passes through untouched. */
	s = esc("Démarche réussie à 100 €", strlen("Démarche réussie à 100 €"));
	CHECK_STR(s, "Démarche réussie à 100 €");
	free(s);
	/* Invalid UTF-8 and control bytes become U+FFFD. */
	s = esc("a\xff" "b\x01" "c\xc3", 6);
	CHECK_STR(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd");
	free(s);
	/* An overlong "<" (C0 BC) must not come out as "<". */
	s = esc("\xc0\xbc", 2);
	CHECK(strchr(s, '<') == NULL, "overlong < decoded: %s", s);
	free(s);
	/* Newlines and tabs are kept. */
	s = esc("a\nb\tc", 5);
	CHECK_STR(s, "a\nb\tc");
	free(s);

	CHECK(utf8_valid("été", strlen("été")), "valid French");
	CHECK(!utf8_valid("a\0b", 3), "NUL refused");
	CHECK(!utf8_valid("\xed\xa0\x80", 3), "surrogate refused");
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF refused");
	CHECK(utf8_valid("\xf0\x9f\x98\x80", 4), "emoji accepted");
	UNIT_END();
}
