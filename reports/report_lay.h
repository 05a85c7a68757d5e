/*
 * report_lay – what the files of the report's layout share (lay_*.c,
 * report_layout.c): the layout state (struct lay), the type sizes, and
 * the helpers that turn figures into text and text into paragraphs.
 * Internal to reports/; the public API is report.h.
 */
#ifndef MESURE_REPORT_LAY_H
#define MESURE_REPORT_LAY_H

#include <stddef.h>

#include "frfmt.h"
#include "gen_assets.h"
#include "report.h"
#include "report_model.h"
#include "report_pdf.h"
#include "stats.h"

#define NBSP		FRFMT_NBSP
#define LOGO_PATH	"/assets/report/logo.svg"

#define BODY		9.0f
#define BODY_LEAD	12.5f
#define SMALL		7.5f
#define SMALL_LEAD	10.0f

struct lay {
	struct rp_doc			 d;
	const struct report_model	*m;
	enum lang			 l;
	char				 period[96];	/* "3e trimestre 2026" */
	char				 qlabel[RM_QUARTERS][16]; /* "T3 2026" */
};

/* Figures as text, in the report's language (lay_common.c). */
const char *lay_tr(const struct lay *L, const char *fr, const char *en);
int	lay_ymd(const char *s, int *y, int *mo, int *d);
char *lay_date_text(const struct lay *L, const char *iso, char *buf, size_t n);
char *lay_date_short(const struct lay *L, const char *iso, char *buf, size_t n);
const char *lay_unit_text(const struct lay *L, const char *unit);
char *lay_hidden_text(const struct lay *L, char *buf, size_t n);
char *lay_count_text(const struct lay *L, const struct rm_count *c, char *buf, size_t n);
char *lay_share_text(const struct lay *L, const struct stats_share *s, int dec, char *buf, size_t n);
char *lay_share_full(const struct lay *L, const struct stats_share *s, char *buf, size_t n);
char *lay_eval_text(const struct lay *L, const struct rm_indicator *ind, const struct rm_eval *e, char *buf, size_t n, int unit);
char *lay_target_text(const struct lay *L, const struct rm_indicator *ind, double target, char *buf, size_t n);

/* Headings and paragraphs (lay_common.c). */
void	lay_h1(struct lay *L, const char *title, int newpage);
void	lay_h2(struct lay *L, const char *title, float need);
void	lay_para(struct lay *L, const char *text);
void	lay_small_para(struct lay *L, const char *text);
void	lay_bullet(struct lay *L, const char *text);
const struct asset *lay_asset_get(const char *path);

/* The pages, in the order report_render() draws them. */
void	lay_page_cover(struct lay *L);
void	lay_page_summary(struct lay *L);
void	lay_page_indicators(struct lay *L);
void	lay_page_chain(struct lay *L);
void	lay_page_activity(struct lay *L);
void	lay_page_surveys(struct lay *L);
void	lay_page_trend(struct lay *L);
void	lay_section_milestones(struct lay *L);
void	lay_section_budget(struct lay *L);
void	lay_section_quotes(struct lay *L);
void	lay_section_method(struct lay *L);
void	lay_signature_block(struct lay *L);

#endif
