/* svgchart: charts that say their figures, escape their text, scale. */
#include <stdlib.h>

#include "sbuf.h"
#include "svgchart.h"
#include "unit.h"

#define NB "\xc2\xa0"

int
main(void)
{
	struct chart	c;
	struct sbuf	sb;

	sbuf_init(&sb);
	chart_init(&c, CHART_BARS, LANG_FR, "Visites par site", "sites");
	c.ncats = 3;
	c.cats[0] = "La Source";
	c.cats[1] = "Argonne <est>";
	c.cats[2] = "Blossières";
	c.nseries = 1;
	c.series[0].values[0] = 1364;
	c.series[0].values[1] = 953;
	c.series[0].missing[2] = 1;
	CHECK(chart_svg(&sb, &c) == 0, "bars drawn");
	CHECK(strstr(sb.data, "role=\"img\"") != NULL, "role img");
	CHECK(strstr(sb.data, "<title id=\"sites-title\">Visites par site</title>") != NULL, "title");
	CHECK(strstr(sb.data, "La Source 1" NB "364") != NULL, "figure in desc");
	CHECK(strstr(sb.data, "Argonne &lt;est&gt;") != NULL, "label escaped");
	CHECK(strstr(sb.data, "<est>") == NULL, "no raw markup");
	CHECK(strstr(sb.data, "Blossières –") != NULL, "suppressed shown as dash");

	sbuf_reset(&sb);
	chart_init(&c, CHART_STACKED, LANG_FR, "Accueil", "accueil");
	c.ncats = 1;
	c.cats[0] = "Accueil";
	c.nseries = 5;
	c.series[0].label = "1";
	c.series[1].label = "2";
	c.series[2].label = "3";
	c.series[3].label = "4";
	c.series[4].label = "5";
	c.series[0].values[0] = 1;
	c.series[3].values[0] = 24;
	c.series[4].values[0] = 75;
	CHECK(chart_svg(&sb, &c) == 0, "stacked drawn");
	CHECK(strstr(sb.data, ">75" NB "%<") != NULL, "share written in the bar");

	sbuf_reset(&sb);
	chart_init(&c, CHART_LINE, LANG_EN, "Trend", "trend");
	c.unit = "%";
	c.ncats = 4;
	c.cats[0] = "Q4 2025"; c.cats[1] = "Q1 2026";
	c.cats[2] = "Q2 2026"; c.cats[3] = "Q3 2026";
	c.nseries = 1;
	c.series[0].values[0] = 0.41; c.series[0].values[1] = 0.44;
	c.series[0].values[2] = 0.47; c.series[0].values[3] = 0.52;
	c.has_target = 1;
	c.target[0] = c.target[1] = c.target[2] = c.target[3] = 0.5;
	CHECK(chart_svg(&sb, &c) == 0, "line drawn");
	CHECK(strstr(sb.data, "Q3 2026 52%") != NULL, "English percent");
	CHECK(strstr(sb.data, "class=\"target\"") != NULL, "target drawn");
	CHECK(strstr(sb.data, "<circle") != NULL, "points drawn");

	chart_init(&c, CHART_BARS, LANG_FR, "x", NULL);
	c.nseries = 1;
	CHECK(chart_svg(&sb, &c) == -1, "no id refused");

	/* A count axis has round steps: 0, 200, 400, 600 for 411…490 (it was
	 * 0, 179,7, 359,3, 539 with a bare 10 % margin). */
	sbuf_free(&sb);
	sbuf_init(&sb);
	chart_init(&c, CHART_LINE, LANG_FR, "Personnes", "pers");
	c.ncats = 4;
	c.cats[0] = "T4 2025";
	c.cats[1] = "T1 2026";
	c.cats[2] = "T2 2026";
	c.cats[3] = "T3 2026";
	c.nseries = 1;
	c.series[0].values[0] = 411;
	c.series[0].values[1] = 409;
	c.series[0].values[2] = 490;
	c.series[0].values[3] = 326;
	CHECK(chart_svg(&sb, &c) == 0, "count line drawn");
	CHECK(strstr(sb.data, ">200<") != NULL && strstr(sb.data, ">400<") != NULL &&
	    strstr(sb.data, ">600<") != NULL, "round grid values");
	CHECK(strstr(sb.data, ",3<") == NULL && strstr(sb.data, ",7<") == NULL,
	    "no fractional grid values");
	/* Small counts: whole steps, the largest figure below the top. */
	c.series[0].values[0] = 2;
	c.series[0].values[1] = 1;
	c.series[0].values[2] = 3;
	c.series[0].values[3] = 0;
	sbuf_free(&sb);
	sbuf_init(&sb);
	CHECK(chart_svg(&sb, &c) == 0, "small line drawn");
	CHECK(strstr(sb.data, ">6<") != NULL && strstr(sb.data, ">4<") != NULL,
	    "whole steps for small counts");
	sbuf_free(&sb);
	UNIT_END();
}
