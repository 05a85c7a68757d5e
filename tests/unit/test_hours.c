/* hours: a site's opening hours as people read them. */
#include "hours.h"
#include "unit.h"

#define NB "\xc2\xa0"

int
main(void)
{
	struct hours_day	d[HOURS_DAYS];
	const char		*j;

	/* Digilab La Source, from the seed. */
	j = "[{\"day\":1,\"from\":\"14:00\",\"to\":\"17:00\"},"
	    "{\"day\":2,\"from\":\"09:00\",\"to\":\"12:30\"},"
	    "{\"day\":2,\"from\":\"13:30\",\"to\":\"17:00\"},"
	    "{\"day\":5,\"from\":\"09:00\",\"to\":\"12:30\"}]";
	CHECK(hours_parse(j, strlen(j), LANG_FR, d) == 0, "parse");
	CHECK_STR(d[0].text, "14" NB "h – 17" NB "h");
	CHECK_STR(d[1].text, "9" NB "h – 12" NB "h" NB "30, 13" NB "h" NB "30 – 17" NB "h");
	CHECK_STR(d[2].text, "");
	CHECK_STR(d[4].text, "9" NB "h – 12" NB "h" NB "30");
	CHECK(hours_parse(j, strlen(j), LANG_EN, d) == 0, "parse en");
	CHECK_STR(d[1].text, "9:00 – 12:30, 13:30 – 17:00");
	CHECK_STR(hours_day_name(LANG_FR, 2), "Mardi");
	CHECK_STR(hours_day_name(LANG_EN, 7), "Sunday");

	j = "[{\"day\":8,\"from\":\"09:00\",\"to\":\"12:00\"}]";
	CHECK(hours_parse(j, strlen(j), LANG_FR, d) == -1, "day 8 refused");
	j = "[{\"day\":1,\"from\":\"12:00\",\"to\":\"09:00\"}]";
	CHECK(hours_parse(j, strlen(j), LANG_FR, d) == -1, "closing before opening");
	j = "{\"day\":1}";
	CHECK(hours_parse(j, strlen(j), LANG_FR, d) == -1, "not an array");
	CHECK(d[0].text[0] == '\0', "days left empty on error");
	UNIT_END();
}
