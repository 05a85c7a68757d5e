/* frfmt: figures written the French way (and the English way). */
#include "frfmt.h"
#include "unit.h"

#define NB "\xc2\xa0"

int
main(void)
{
	char	b[FRFMT_BUFSZ];
	int	y, q;

	CHECK_STR(fmt_int(b, sizeof(b), LANG_FR, 1234), "1" NB "234");
	CHECK_STR(fmt_int(b, sizeof(b), LANG_FR, 999), "999");
	CHECK_STR(fmt_int(b, sizeof(b), LANG_FR, 1234567), "1" NB "234" NB "567");
	CHECK_STR(fmt_int(b, sizeof(b), LANG_FR, -45000), "−45" NB "000");
	CHECK_STR(fmt_int(b, sizeof(b), LANG_EN, 1234567), "1,234,567");
	CHECK_STR(fmt_decimal(b, sizeof(b), LANG_FR, 1234.5, 1), "1" NB "234,5");
	CHECK_STR(fmt_decimal(b, sizeof(b), LANG_EN, 1234.5, 1), "1,234.5");
	CHECK_STR(fmt_decimal(b, sizeof(b), LANG_FR, 0.05, 1), "0,1");
	CHECK_STR(fmt_decimal(b, sizeof(b), LANG_FR, -0.04, 1), "0,0");
	CHECK_STR(fmt_decimal(b, sizeof(b), LANG_FR, 2.675, 2), "2,68");
	CHECK_STR(fmt_percent(b, sizeof(b), LANG_FR, 0.125, 1), "12,5" NB "%");
	CHECK_STR(fmt_percent(b, sizeof(b), LANG_FR, 12.345, 1), "1" NB "234,5" NB "%");
	CHECK_STR(fmt_percent(b, sizeof(b), LANG_EN, 0.125, 1), "12.5%");
	CHECK_STR(fmt_money(b, sizeof(b), LANG_FR, 4500000), "45" NB "000" NB "€");
	CHECK_STR(fmt_money(b, sizeof(b), LANG_FR, 123450), "1" NB "234,50" NB "€");
	CHECK_STR(fmt_money(b, sizeof(b), LANG_EN, 4500000), "€45,000");
	CHECK_STR(fmt_date(b, sizeof(b), LANG_FR, 2026, 11, 28), "28" NB "novembre" NB "2026");
	CHECK_STR(fmt_date(b, sizeof(b), LANG_FR, 2026, 1, 1), "1er" NB "janvier" NB "2026");
	CHECK_STR(fmt_date(b, sizeof(b), LANG_EN, 2026, 8, 3), "3" NB "August" NB "2026");
	CHECK_STR(fmt_quarter(b, sizeof(b), LANG_FR, 2026, 3), "3e trimestre 2026");
	CHECK_STR(fmt_quarter(b, sizeof(b), LANG_FR, 2026, 1), "1er trimestre 2026");
	CHECK_STR(fmt_quarter(b, sizeof(b), LANG_EN, 2026, 3), "Q3 2026");
	CHECK(quarter_parse("2026-T3", &y, &q) && y == 2026 && q == 3, "T3");
	CHECK(quarter_parse("2025-Q4", &y, &q) && y == 2025 && q == 4, "Q4");
	CHECK(!quarter_parse("2026-T5", &y, &q), "T5 refused");
	CHECK(!quarter_parse("2026-T3x", &y, &q), "junk refused");
	CHECK(!quarter_parse("20a6-T3", &y, &q), "letters refused");
	UNIT_END();
}
