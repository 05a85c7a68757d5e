/* i18n: every message in every language; language negotiation. */
#include "i18n.h"
#include "unit.h"

int
main(void)
{
	char	err[256];
	size_t	i;
	int	l, missing;

	CHECK(i18n_init(err, sizeof(err)) == 0, "catalogue: %s", err);
	CHECK(i18n_count() > 10, "messages loaded: %zu", i18n_count());
	for (l = 0; l < LANG__MAX; l++) {
		missing = 0;
		for (i = 0; i < i18n_count(); i++) {
			if (!i18n_has((enum lang)l, i18n_key(i))) {
				printf("missing %s in %s\n", i18n_key(i),
				    lang_code[l]);
				missing++;
			}
		}
		CHECK(missing == 0, "%d messages missing in %s", missing,
		    lang_code[l]);
	}
	CHECK_STR(i18n_get(LANG_EN, "error.not_found"),
	    "This page does not exist.");
	CHECK_STR(i18n_get(LANG_FR, "error.not_found"),
	    "Cette page n'existe pas.");
	CHECK_STR(i18n_get(LANG_FR, "no.such.key"), "no.such.key");

	CHECK_INT(i18n_negotiate(NULL, NULL, NULL), LANG_FR);
	CHECK_INT(i18n_negotiate("en", "fr", "fr-FR"), LANG_EN);
	CHECK_INT(i18n_negotiate(NULL, "en", "fr-FR"), LANG_EN);
	CHECK_INT(i18n_negotiate(NULL, NULL, "en-GB,en;q=0.9"), LANG_EN);
	CHECK_INT(i18n_negotiate(NULL, NULL, "ar, en;q=0.5, fr;q=0.8"), LANG_FR);
	CHECK_INT(i18n_negotiate(NULL, NULL, "de-DE,en;q=0.3"), LANG_EN);
	CHECK_INT(i18n_negotiate("xx", "yy", "zz"), LANG_FR);
	CHECK_INT(i18n_negotiate(NULL, NULL, ";;,,q=,en;q=abc"), LANG_FR);
	UNIT_END();
}
