/*
 * report_target – what the pages that make a report from the browser
 * share (app/report_make.c, app/dashboard.c): the "project|convention"
 * value of their select, and the report's parameters from the checked
 * row of report_make_check.sql and a period as the page sent it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "report_portal.h"

/* "project|convention" ("project|": the whole project). 0, or -1. */
int
report_target_split(const char *t, char *code, size_t codesz, char *conv,
    size_t convsz)
{
	const char	*bar;

	if (t == NULL || (bar = strchr(t, '|')) == NULL ||
	    (size_t)(bar - t) >= codesz || strlen(bar + 1) >= convsz)
		return (-1);
	memcpy(code, t, (size_t)(bar - t));
	code[bar - t] = '\0';
	kore_strlcpy(conv, bar + 1, convsz);
	return (0);
}

/*
 * The parameters of the report of m's checked row (organisation slug,
 * project code, convention reference or ""), for period "2026-T3" – or
 * "2026", an annual report, when annual is set – in language l, dated
 * today. The strings live in tg. 0, or -1 for a period not understood.
 */
int
report_target_params(struct report_target *tg, struct report_params *rp,
    struct mreq *m, const char *period, int annual, enum lang l)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 y, q;
	char		 rest[2];

	memset(rp, 0, sizeof(*rp));
	if (period != NULL && sscanf(period, "%4d-T%1d%1s", &y, &q, rest) ==
	    2 && q >= 1 && q <= 4) {
		rp->kind = REPORT_QUARTERLY;
		rp->quarter = q;
	} else if (annual && period != NULL &&
	    sscanf(period, "%4d%1s", &y, rest) == 1)
		rp->kind = REPORT_ANNUAL;
	else
		return (-1);
	if (y < 2000 || y > 2100)
		return (-1);
	kore_strlcpy(tg->org, mreq_val(m, 0, 0), sizeof(tg->org));
	kore_strlcpy(tg->project, mreq_val(m, 0, 1), sizeof(tg->project));
	kore_strlcpy(tg->convention, mreq_val(m, 0, 2),
	    sizeof(tg->convention));
	rp->project = tg->project;
	rp->organisation = tg->org;
	rp->convention = tg->convention[0] != '\0' ? tg->convention : NULL;
	rp->year = y;
	rp->lang = l;
	localtime_r(&now, &tm);
	rp->as_of[0] = tm.tm_year + 1900;
	rp->as_of[1] = tm.tm_mon + 1;
	rp->as_of[2] = tm.tm_mday;
	return (0);
}
