/*
 * report_pdf – the drawing layer of the report on top of libharu: one
 * document with its own error state (no global jmp_buf), embedded UTF-8
 * TrueType fonts with a correct ToUnicode map, text measured, wrapped
 * and placed, pages with a running header and "page n / N" footers, the
 * outline, colours, and a few shapes. Internal to reports/: the layout
 * (report_layout.c) and the charts (report_chart.c) draw through it.
 *
 * Coordinates are PDF points from the bottom-left corner of an A4 page;
 * the layout keeps a cursor y (top of the free space) that goes down.
 */
#ifndef MESURE_REPORT_PDF_H
#define MESURE_REPORT_PDF_H

#include <stddef.h>

#include <hpdf.h>

#include "i18n.h"

#define RP_PAGE_W	595.276f
#define RP_PAGE_H	841.89f
#define RP_MARGIN_L	56.0f
#define RP_MARGIN_R	56.0f
#define RP_TOP		(RP_PAGE_H - 62.0f)	/* below the header */
#define RP_BOTTOM	62.0f			/* above the footer */
#define RP_TEXT_W	(RP_PAGE_W - RP_MARGIN_L - RP_MARGIN_R)
#define RP_PAGES_MAX	64

/*
 * The signature block, at the bottom of the last page: the layout draws
 * its frame and caption; the signature's visible widget (pdfsign.c)
 * fills RP_SIG_WIDGET_* inside it. Both sides use these numbers.
 */
#define RP_SIG_X		RP_MARGIN_L
#define RP_SIG_Y		(RP_BOTTOM + 2.0f)
#define RP_SIG_W		RP_TEXT_W
#define RP_SIG_H		92.0f
#define RP_SIG_WIDGET_X		(RP_SIG_X + 8.0f)
#define RP_SIG_WIDGET_Y		(RP_SIG_Y + 4.0f)
#define RP_SIG_WIDGET_W		(RP_SIG_W - 16.0f)
#define RP_SIG_WIDGET_H		(RP_SIG_H - 24.0f)
/* The characters the widget may draw: their glyphs are kept in the
 * embedded font subset even if no page shows them. */
#define RP_SIG_GLYPHS \
	" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ" \
	"[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" \
	"\xc2\xa0àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’‘“”«»–—…€·"

struct rp_rgb {
	float	r, g, b;
};

/* The palette: one blue (the logo's), greys, the smiley scale. */
extern const struct rp_rgb rp_blue, rp_blue_light, rp_blue_mid, rp_ink,
	    rp_grey, rp_grey_light, rp_rule, rp_rule_dark, rp_white, rp_green,
	    rp_orange, rp_red;
extern const struct rp_rgb rp_smiley[5];

enum rp_font {
	RP_REGULAR,
	RP_BOLD,
	RP_FONT__MAX
};

struct rp_doc {
	HPDF_Doc	 pdf;
	HPDF_Font	 font[RP_FONT__MAX];
	HPDF_Page	 page;			/* current */
	HPDF_Page	 pages[RP_PAGES_MAX];
	int		 npages;
	float		 y;			/* cursor */
	HPDF_Outline	 outline[3];		/* last of each level */
	enum lang	 lang;
	const char	*running;		/* header text of later pages */
	/* The first error, kept until rp_finish(); later calls do nothing. */
	int		 failed;
	unsigned long	 hpdf_error;
	unsigned long	 hpdf_detail;
	char		 err[200];
};

int	 rp_open(struct rp_doc *, const char *, enum lang);
void	 rp_close(struct rp_doc *);
int	 rp_fail(struct rp_doc *, const char *);
int	 rp_new_page(struct rp_doc *);
int	 rp_ensure(struct rp_doc *, float);
void	 rp_outline(struct rp_doc *, int, const char *);
float	 rp_width(struct rp_doc *, enum rp_font, float, const char *);
float	 rp_width_n(struct rp_doc *, enum rp_font, float, const char *,
	    size_t);
void	 rp_text(struct rp_doc *, enum rp_font, float, float, float,
	    const struct rp_rgb *, const char *);
void	 rp_text_n(struct rp_doc *, enum rp_font, float, float, float,
	    const struct rp_rgb *, const char *, size_t);
void	 rp_text_right(struct rp_doc *, enum rp_font, float, float, float,
	    const struct rp_rgb *, const char *);
void	 rp_text_center(struct rp_doc *, enum rp_font, float, float, float,
	    const struct rp_rgb *, const char *);
float	 rp_para(struct rp_doc *, enum rp_font, float, float, float, float,
	    float, const struct rp_rgb *, const char *, int);
float	 rp_para_height(struct rp_doc *, enum rp_font, float, float, float,
	    const char *);
void	 rp_text_fit(struct rp_doc *, enum rp_font, float, float, float,
	    float, const struct rp_rgb *, const char *);
void	 rp_rect(struct rp_doc *, float, float, float, float,
	    const struct rp_rgb *);
void	 rp_frame(struct rp_doc *, float, float, float, float, float,
	    const struct rp_rgb *);
void	 rp_line(struct rp_doc *, float, float, float, float, float,
	    const struct rp_rgb *);
void	 rp_dash_line(struct rp_doc *, float, float, float, float, float,
	    const struct rp_rgb *);
void	 rp_circle(struct rp_doc *, float, float, float,
	    const struct rp_rgb *);
void	 rp_arrow(struct rp_doc *, float, float, float, float,
	    const struct rp_rgb *);
int	 rp_svg(struct rp_doc *, const char *, size_t, float, float, float);
void	 rp_mark_glyphs(struct rp_doc *, const char *);
int	 rp_finish(struct rp_doc *, const char *, unsigned char **,
	    size_t *);

#endif
