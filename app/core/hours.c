/*
 * hours – opening hours from JSON to text (see hours.h).
 */
#include <stdio.h>
#include <string.h>

#include "hours.h"
#include "json.h"

static const char *const days_fr[HOURS_DAYS] = {
	"Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"
};
static const char *const days_en[HOURS_DAYS] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};

const char *
hours_day_name(enum lang l, int isodow)
{
	if (isodow < 1 || isodow > HOURS_DAYS)
		return ("?");
	return (l == LANG_FR ? days_fr[isodow - 1] : days_en[isodow - 1]);
}

/* "HH:MM" -> minutes since midnight, or -1. */
static int
hhmm(const struct json *v)
{
	int	h, m;

	if (v == NULL || v->type != JSON_STRING || v->len != 5 ||
	    v->str[2] != ':' || sscanf(v->str, "%2d:%2d", &h, &m) != 2 ||
	    h < 0 || h > 24 || m < 0 || m > 59)
		return (-1);
	return (h * 60 + m);
}

/* French "9 h", "12 h 30"; English "9:00", "12:30". */
static void
clock_text(char *buf, size_t sz, enum lang l, int minutes)
{
	if (l == LANG_FR) {
		if (minutes % 60 == 0)
			snprintf(buf, sz, "%d\xc2\xa0h", minutes / 60);
		else
			snprintf(buf, sz, "%d\xc2\xa0h\xc2\xa0%02d", minutes / 60,
			    minutes % 60);
	} else
		snprintf(buf, sz, "%d:%02d", minutes / 60, minutes % 60);
}

/*
 * Parse the JSON text of opening hours into one line per day of the week
 * (index 0 = Monday). Slots keep their order. Returns 0, or -1 if the
 * JSON is not the expected shape (days then stay empty).
 */
int
hours_parse(const char *text, size_t len, enum lang l, struct hours_day *days)
{
	struct json_doc		 doc;
	const struct json	*slot;
	char			 a[24], b[24], piece[64];
	long long		 day;
	size_t			 i, used;
	int			 from, to;

	memset(days, 0, sizeof(*days) * HOURS_DAYS);
	if (json_parse(&doc, text, len) == -1)
		return (-1);
	if (doc.root->type != JSON_ARRAY) {
		json_free(&doc);
		return (-1);
	}
	for (i = 0; i < doc.root->n; i++) {
		slot = doc.root->items[i];
		if (!json_is_int(json_get(slot, "day"), &day) || day < 1 ||
		    day > HOURS_DAYS ||
		    (from = hhmm(json_get(slot, "from"))) < 0 ||
		    (to = hhmm(json_get(slot, "to"))) <= from) {
			json_free(&doc);
			memset(days, 0, sizeof(*days) * HOURS_DAYS);
			return (-1);
		}
		clock_text(a, sizeof(a), l, from);
		clock_text(b, sizeof(b), l, to);
		snprintf(piece, sizeof(piece), "%s%s – %s",
		    days[day - 1].text[0] ? ", " : "", a, b);
		used = strlen(days[day - 1].text);
		snprintf(days[day - 1].text + used,
		    sizeof(days[day - 1].text) - used, "%s", piece);
	}
	json_free(&doc);
	return (0);
}
