/*
 * field: what a coordinator types in the project pages is read as they
 * meant it (amounts as French and English people write them, dates that
 * exist) and refused when it is not (negative amounts, three decimals,
 * 30 February, control characters, invalid UTF-8).
 */
#include "field.h"
#include "unit.h"

static long long
cents(const char *s)
{
	long long	v = -1;

	return (field_hundredths(s, &v) ? v : -1);
}

int
main(void)
{
	/* Amounts: euros to cents. */
	CHECK_INT(cents("12500"), 1250000);
	CHECK_INT(cents("12 500,50"), 1250050);
	CHECK_INT(cents("12\xc2\xa0" "500,5"), 1250050);
	CHECK_INT(cents("12\xe2\x80\xaf" "500.05"), 1250005);
	CHECK_INT(cents("0"), 0);
	CHECK_INT(cents(",5"), 50);
	CHECK_INT(cents("7 250,40"), 725040);
	CHECK_INT(cents("-5"), -1);
	CHECK_INT(cents("1,234"), -1);		/* three decimals */
	CHECK_INT(cents("1,2,3"), -1);
	CHECK_INT(cents("12,5 0"), -1);		/* a space after the comma */
	CHECK_INT(cents(""), -1);
	CHECK_INT(cents(" "), -1);
	CHECK_INT(cents("1e5"), -1);
	CHECK_INT(cents("12\xe2" "500"), -1);	/* a stray byte */
	CHECK_INT(cents("12\xc2" "500"), -1);
	CHECK_INT(cents("9999999999999"), 999999999999900LL);
	CHECK_INT(cents("99999999999999"), -1);	/* 1e14 €: too much */

	/* Dates that exist. */
	CHECK(field_date_ok("2026-01-31"), "31 January");
	CHECK(field_date_ok("2028-02-29"), "29 February of a leap year");
	CHECK(!field_date_ok("2026-02-29"), "29 February 2026");
	CHECK(!field_date_ok("2026-02-30"), "30 February");
	CHECK(!field_date_ok("2026-04-31"), "31 April");
	CHECK(!field_date_ok("2026-13-01"), "month 13");
	CHECK(!field_date_ok("2026-1-01"), "short month");
	CHECK(!field_date_ok("26-01-01"), "short year");
	CHECK(!field_date_ok("2026/01/01"), "slashes");
	CHECK(!field_date_ok("1999-12-31"), "before 2000");

	/* Text: one line, or several; no control character; valid UTF-8. */
	CHECK(field_text_ok("Fondation d'Orléans", 200, 0), "plain text");
	CHECK(!field_text_ok("a\nb", 200, 0), "a line break in one line");
	CHECK(field_text_ok("a\r\nb", 200, 1), "line breaks in long text");
	CHECK(!field_text_ok("a\x01" "b", 200, 1), "control character");
	CHECK(!field_text_ok("a\x7f", 200, 1), "DEL");
	CHECK(!field_text_ok("\xc3(", 200, 0), "invalid UTF-8");
	CHECK(!field_text_ok("abcdef", 5, 0), "too long");
	CHECK(field_text_ok("abcde", 5, 0), "just long enough");

	/* Words and ids. */
	CHECK(field_word_ok("caf", "foundation|caf|city"), "a word");
	CHECK(field_word_ok("city", "foundation|caf|city"), "the last word");
	CHECK(!field_word_ok("ca", "foundation|caf|city"), "a prefix");
	CHECK(!field_word_ok("caf|city", "foundation|caf|city"), "two words");
	CHECK(!field_word_ok("", "foundation|caf|city"), "nothing");
	CHECK(field_id_ok("12"), "an id");
	CHECK(!field_id_ok("012"), "a leading zero");
	CHECK(!field_id_ok("1234567890123456789"), "19 digits");
	CHECK(!field_id_ok("-1"), "negative");
	CHECK(!field_id_ok(""), "empty");
	UNIT_END();
}
