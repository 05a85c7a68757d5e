/*
 * survey QR codes and cards: app/core/qr.c writes SVG and PNG that
 * scanners read (tests/http decodes them with zbarimg); here, their
 * structure – a PNG whose header, CRCs and pixels are right, an SVG of
 * the symbol's size – and the A6 card's contents.
 */
#include <stdint.h>
#include <stdlib.h>

#include <zlib.h>

#include "i18n.h"
#include "qr.h"
#include "sbuf.h"
#include "survey_card.h"
#include "survey_def.h"
#include "unit.h"

static uint32_t
be32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3]);
}

int
main(void)
{
	struct sbuf		 sb;
	struct survey_card	 card;
	const unsigned char	*p;
	unsigned char		*raw;
	uLongf			 rawlen;
	char			 err[128], url[600];
	int			 w, px, dark, x;
	size_t			 off;

	CHECK(qr_modules("https://mesure.example.org/s/satisfaction/la-source",
	    &w) == 0 && w >= 25 && w <= 41, "symbol width %d", w);
	CHECK(qr_modules("", &w) == -1, "empty text refused");
	memset(url, 'a', sizeof(url) - 1);
	url[sizeof(url) - 1] = '\0';
	CHECK(qr_modules(url, &w) == -1, "text over QR_TEXT_MAX refused");
	CHECK(qr_modules("\xff\xfe", &w) == -1, "invalid UTF-8 refused");

	/* SVG: the viewBox is the symbol plus the quiet zone on each side. */
	sbuf_init(&sb);
	(void)qr_modules("https://x.example/r/ABCDEFHJKMNP", &w);
	CHECK(qr_svg(&sb, "https://x.example/r/ABCDEFHJKMNP", "Code <QR>") == 0,
	    "svg");
	(void)snprintf(err, sizeof(err), "viewBox=\"0 0 %d %d\"",
	    w + 2 * QR_MARGIN, w + 2 * QR_MARGIN);
	CHECK(strstr(sb.data, err) != NULL, "svg size: %s", err);
	CHECK(strstr(sb.data, "aria-label=\"Code &lt;QR&gt;\"") != NULL,
	    "label escaped");
	CHECK(strstr(sb.data, "<path fill=\"#000\" d=\"M") != NULL, "modules");
	sbuf_free(&sb);

	/* PNG: signature, IHDR of the right size, 1-bit grey, CRCs, pixels. */
	sbuf_init(&sb);
	CHECK(qr_png(&sb, "https://x.example/r/ABCDEFHJKMNP", 4) == 0, "png");
	p = (const unsigned char *)sb.data;
	px = (w + 2 * QR_MARGIN) * 4;
	CHECK(memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0, "signature");
	CHECK(be32(p + 8) == 13 && memcmp(p + 12, "IHDR", 4) == 0, "IHDR");
	CHECK_INT(be32(p + 16), px);
	CHECK_INT(be32(p + 20), px);
	CHECK(p[24] == 1 && p[25] == 0, "1-bit grayscale");
	CHECK(be32(p + 29) == crc32(0, p + 12, 17), "IHDR CRC");
	off = 33;
	CHECK(memcmp(p + off + 4, "IDAT", 4) == 0, "IDAT follows");
	rawlen = (uLongf)(((size_t)px + 7) / 8 + 1) * (uLongf)px;
	raw = malloc(rawlen);
	CHECK(raw != NULL && uncompress(raw, &rawlen, p + off + 8,
	    be32(p + off)) == Z_OK, "IDAT inflates");
	CHECK(be32(p + off + 8 + be32(p + off)) ==
	    crc32(0, p + off + 4, be32(p + off) + 4), "IDAT CRC");
	/* The quiet zone is white; the finder pattern's corner is dark. */
	dark = 0;
	for (x = 0; x < QR_MARGIN * 4; x++)
		dark |= !(raw[1 + x / 8] & (0x80 >> (x % 8)));
	CHECK(!dark, "quiet zone white");
	off = (size_t)(QR_MARGIN * 4) * ((size_t)(px + 7) / 8 + 1);
	x = QR_MARGIN * 4;
	CHECK(!(raw[off + 1 + x / 8] & (0x80 >> (x % 8))), "finder dark");
	free(raw);
	CHECK(memcmp(sb.data + sb.len - 8, "IEND", 4) == 0, "IEND last");
	sbuf_reset(&sb);
	CHECK(qr_png(&sb, "https://x.example/", 99) == 0 &&
	    be32((const unsigned char *)sb.data + 16) <= QR_PNG_MAX_PX,
	    "scale capped");
	sbuf_free(&sb);

	/* The follow-up card. */
	CHECK(i18n_init(err, sizeof(err)) == 0, "messages: %s", err);
	memset(&card, 0, sizeof(card));
	card.lang = LANG_FR;
	card.base = "https://mesure.example.org";
	card.code = "ABCDEFHJKMNP";
	card.site_name = "Digilab <Argonne>";
	card.site_phone = "07 67 67 17 71";
	card.until = "2027-03-28";
	sbuf_init(&sb);
	CHECK(survey_card_render(&sb, &card) == 0, "card");
	CHECK(strstr(sb.data, "<strong>ABCD EFHJ KMNP</strong>") != NULL,
	    "code in groups");
	CHECK(strstr(sb.data, "<strong>mesure.example.org/r</strong>") != NULL,
	    "address to type");
	CHECK(strstr(sb.data, "Digilab &lt;Argonne&gt;") != NULL, "escaped");
	CHECK(strstr(sb.data, "Valable jusqu&#39;au 28") != NULL &&
	    strstr(sb.data, "mars") != NULL && strstr(sb.data, "2027") != NULL,
	    "until the last day, in words");
	CHECK(strstr(sb.data, "Appelez le 07 67 67 17 71") != NULL, "phone");
	sbuf_free(&sb);
	UNIT_END();
}
