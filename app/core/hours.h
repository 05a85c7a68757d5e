/*
 * hours – a site's opening hours (sites.opening_hours, a JSON array of
 * {"day": 1..7, "from": "HH:MM", "to": "HH:MM"}) written for people:
 * "Mardi : 9 h – 12 h 30, 13 h 30 – 17 h" / "Tuesday: 9:00–12:30, …".
 * Kore-free; shared by the pages and the reports.
 */
#ifndef MESURE_HOURS_H
#define MESURE_HOURS_H

#include "i18n.h"

struct sbuf;

#define HOURS_DAYS	7

struct hours_day {
	char	text[160];	/* "" when closed that day */
};

int	hours_parse(const char *, size_t, enum lang, struct hours_day *);
const char *hours_day_name(enum lang, int);

#endif
