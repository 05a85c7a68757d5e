/* csv: imports read strictly, exports safe to open in a spreadsheet. */
#include <stdlib.h>

#include "csv.h"
#include "sbuf.h"
#include "unit.h"

int
main(void)
{
	struct csv_reader	 r;
	struct sbuf		 sb;
	const char		*t;

	/* French spreadsheet export: BOM, ";" separator, CRLF, quotes. */
	t = "\xef\xbb\xbf" "date;site;commentaire\r\n"
	    "2026-10-05;la-source;\"Dit \"\"merci\"\"; revient\"\r\n"
	    "\r\n"
	    "2026-10-06;centre;\"sur\ndeux lignes\"\n";
	CHECK(csv_open(&r, t, strlen(t)) == 0, "%s", r.error);
	CHECK(r.sep == ';', "separator ;");
	CHECK_INT(csv_next(&r), 1);
	CHECK_INT(r.nfields, 3);
	CHECK_STR(r.fields[2], "commentaire");
	CHECK_INT(csv_next(&r), 1);
	CHECK_STR(r.fields[2], "Dit \"merci\"; revient");
	CHECK_INT(r.line, 2);
	CHECK_INT(csv_next(&r), 1);
	CHECK_STR(r.fields[2], "sur\ndeux lignes");
	CHECK_INT(r.line, 4);
	CHECK_INT(csv_next(&r), 0);
	csv_close(&r);

	t = "a,b\n1,2";
	CHECK(csv_open(&r, t, strlen(t)) == 0 && r.sep == ',', "comma");
	CHECK_INT(csv_next(&r), 1);
	CHECK_INT(csv_next(&r), 1);
	CHECK_STR(r.fields[1], "2");
	CHECK_INT(csv_next(&r), 0);
	csv_close(&r);

	t = "a;b\n\"open;x\n";
	CHECK(csv_open(&r, t, strlen(t)) == 0, "open");
	CHECK_INT(csv_next(&r), 1);
	CHECK_INT(csv_next(&r), -1);
	CHECK(strstr(r.error, "not closed") != NULL, "%s", r.error);
	csv_close(&r);

	t = "a;b\nx\"y;z\n";
	CHECK(csv_open(&r, t, strlen(t)) == 0, "open");
	CHECK_INT(csv_next(&r), 1);
	CHECK_INT(csv_next(&r), -1);
	csv_close(&r);

	t = "a;b\n\xe9t\xe9;1\n";	/* Latin-1, not UTF-8 */
	CHECK(csv_open(&r, t, strlen(t)) == -1, "Latin-1 refused");
	CHECK(strstr(r.error, "UTF-8") != NULL, "%s", r.error);
	CHECK(csv_open(&r, "", 0) == -1, "empty refused");

	/* Export: formulas neutralised, numbers kept, quoting. */
	sbuf_init(&sb);
	csv_cell(&sb, "=HYPERLINK(\"http://x\")");
	csv_cell_sep(&sb);
	csv_cell(&sb, "@SUM(A1)");
	csv_cell_sep(&sb);
	csv_cell(&sb, "-12");
	csv_cell_sep(&sb);
	csv_cell(&sb, "-2+3");
	csv_cell_sep(&sb);
	csv_cell(&sb, "Très bien, merci");
	csv_cell_sep(&sb);
	csv_cell(&sb, "plain");
	csv_row_end(&sb);
	CHECK_STR(sb.data, "\"'=HYPERLINK(\"\"http://x\"\")\",\"'@SUM(A1)\","
	    "-12,\"'-2+3\",\"Très bien, merci\",plain\r\n");
	sbuf_free(&sb);
	UNIT_END();
}
