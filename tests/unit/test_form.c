/* form: urlencoded bodies parsed strictly; query-string lookups. */
#include "form.h"
#include "unit.h"

static int
parses(const char *body)
{
	struct form	f;
	char		err[64];

	if (form_parse(&f, body, strlen(body), 0, err, sizeof(err)) == -1)
		return (0);
	form_free(&f);
	return (1);
}

int
main(void)
{
	struct form	 f;
	char		 err[64], buf[16];
	const char	*b;

	b = "id=5f0c&accueil=5&domaine=famille&domaine=logement"
	    "&commentaire=Tr%C3%A8s+bien+%26+merci&vide=&seul";
	CHECK(form_parse(&f, b, strlen(b), 0, err, sizeof(err)) == 0, "%s", err);
	CHECK_INT(f.n, 7);
	CHECK_STR(form_get(&f, "accueil"), "5");
	CHECK_INT(form_count(&f, "domaine"), 2);
	CHECK_STR(form_get_nth(&f, "domaine", 1), "logement");
	CHECK_STR(form_get(&f, "commentaire"), "Très bien & merci");
	CHECK_STR(form_get(&f, "vide"), "");
	CHECK_STR(form_get(&f, "seul"), "");
	CHECK(form_get(&f, "absent") == NULL, "absent field");
	form_free(&f);

	CHECK(!parses("a=%zz"), "bad escape");
	CHECK(!parses("a=%4"), "truncated escape");
	CHECK(!parses("a=%00"), "NUL byte");
	CHECK(!parses("a=%ff"), "invalid UTF-8");
	CHECK(!parses("=x"), "field without a name");
	CHECK(parses("a=1&&b=2"), "empty pair skipped");
	CHECK(parses(""), "empty body");
	{
		char	big[4000];
		size_t	i, o = 0;

		for (i = 0; i < 600; i++)
			o += (size_t)snprintf(big + o, sizeof(big) - o, "a=&");
		CHECK(!parses(big), "more than 512 fields refused");
	}

	CHECK(qs_get("lang=en&x=1", "lang", buf, sizeof(buf)) == 1 &&
	    strcmp(buf, "en") == 0, "qs lang");
	CHECK(qs_get("x=1", "lang", buf, sizeof(buf)) == 0, "qs absent");
	CHECK(qs_get("lang=%zz", "lang", buf, sizeof(buf)) == 0, "qs malformed");
	CHECK(qs_get("lang=aaaaaaaaaaaaaaaaaaaaaaaa", "lang", buf,
	    sizeof(buf)) == 0, "qs too long");
	UNIT_END();
}
