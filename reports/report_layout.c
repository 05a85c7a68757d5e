/*
 * report_layout – the report's pages, from a finished model to PDF bytes
 * (report_render), drawn by lay_*.c. It only reads the model: every figure, every
 * suppression and every interval was decided by report_model_finish().
 *
 * Pages, French first (English with lang en): a cover; a one-page
 * summary (key figures with the change since the quarter before, the
 * indicators against their targets, what to remember); the indicators
 * one by one (value, target, numerator and denominator, 95 % interval,
 * the last four quarters); the impact chain with a figure at each step;
 * the activity by site, kind of help, domain and partner; satisfaction
 * and self-reported outcomes (stacked bars, outcome versus attribution);
 * the trend over four quarters, milestones and budget; approved quotes;
 * the methodology (sources, samples, response rates, the small-cell
 * rule, definitions, parameters, schema version, data SHA-256) and the
 * signature block.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "frfmt.h"
#include "gen_assets.h"
#include "layout_math.h"
#include "report.h"
#include "report_chart.h"
#include "report_model.h"
#include "report_pdf.h"
#include "report_text.h"
#include "stats.h"
#include "report_lay.h"

/* Metadata and the parameters in the document information. */
static void
metadata(struct lay *L)
{
	const struct report_model	*m = L->m;
	HPDF_Doc			 pdf = L->d.pdf;
	HPDF_Encoder			 enc;
	char				 t[512];
	HPDF_Date			 date;

	snprintf(t, sizeof(t), "%s – %s – %s", m->kind == REPORT_ANNUAL ?
	    lay_tr(L, "Bilan annuel d'impact", "Annual impact report") :
	    lay_tr(L, "Rapport d'impact", "Impact report"),
	    m->project_name != NULL ? m->project_name : "", L->period);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, t);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, m->org_name != NULL ?
	    m->org_name : "");
	if (m->has_convention)
		snprintf(t, sizeof(t), "%s %s – %s", lay_tr(L, "Convention",
		    "Agreement"), m->convention.reference,
		    m->convention.funder != NULL ? m->convention.funder : "");
	else
		snprintf(t, sizeof(t), "%s %s", lay_tr(L, "Projet", "Project"),
		    m->project_code != NULL ? m->project_code : "");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, t);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, lay_tr(L,
	    "impact social; médiation numérique; Break Poverty; Mesure",
	    "social impact; digital mediation; Break Poverty; Mesure"));
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Mesure (reports/)");
	memset(&date, 0, sizeof(date));
	date.year = m->as_of[0];
	date.month = m->as_of[1];
	date.day = m->as_of[2];
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
	/* Mesure's own keys: what anyone needs to regenerate the report. */
	if (pdf->info != NULL && !L->d.failed) {
		enc = HPDF_GetEncoder(pdf, "UTF-8");
		HPDF_Dict_Add(pdf->info, "MesureParams",
		    HPDF_String_New(pdf->mmgr, m->params_json != NULL ?
		    m->params_json : "{}", enc));
		HPDF_Dict_Add(pdf->info, "MesureSchemaVersion",
		    HPDF_String_New(pdf->mmgr, m->schema_version != NULL ?
		    m->schema_version : "", NULL));
		HPDF_Dict_Add(pdf->info, "MesureDataSHA256",
		    HPDF_String_New(pdf->mmgr, m->data_sha256_hex, NULL));
	}
}

/*
 * Lay out model as a PDF into out (out->data malloc'd). params supplies
 * the font directory. Returns 0, or -1 with err set. The same model and
 * parameters give the same bytes.
 */
int
report_render(const struct report_model *m, const struct report_params *rp,
    struct report_pdf *out, char *err, size_t errsz)
{
	struct lay	 L;
	char		 footer[256], running[256], short_sha[20];
	size_t		 i;
	unsigned int	 mdlen;

	memset(out, 0, sizeof(*out));
	memset(&L, 0, sizeof(L));
	L.m = m;
	L.l = m->lang;
	if (m->kind == REPORT_ANNUAL)
		snprintf(L.period, sizeof(L.period), L.l == LANG_FR ?
		    "Année %d" : "Year %d", m->year);
	else
		fmt_quarter(L.period, sizeof(L.period), L.l, m->year,
		    m->quarter);
	for (i = 0; i < m->ntrend && i < RM_QUARTERS; i++)
		snprintf(L.qlabel[i], sizeof(L.qlabel[i]), "%s%d %d",
		    L.l == LANG_FR ? "T" : "Q", m->trend[i].q,
		    m->trend[i].year);
	if (rp_open(&L.d, rp->font_dir, L.l) == -1)
		goto fail;
	snprintf(short_sha, sizeof(short_sha), "%.16s", m->data_sha256_hex);
	snprintf(footer, sizeof(footer), "%s · %s · %s · %s %s…",
	    m->org_name != NULL ? m->org_name : "",
	    m->project_name != NULL ? m->project_name : "", L.period,
	    lay_tr(&L, "données", "data"), short_sha);
	snprintf(running, sizeof(running), "%s · %s%s%s · %s",
	    m->kind == REPORT_ANNUAL ? lay_tr(&L, "Bilan annuel d'impact",
	    "Annual impact report") : lay_tr(&L, "Rapport d'impact",
	    "Impact report"), m->project_name != NULL ? m->project_name : "",
	    m->has_convention ? " · " : "", m->has_convention ?
	    m->convention.reference : "", L.period);
	L.d.running = running;

	metadata(&L);
	lay_page_cover(&L);
	lay_page_summary(&L);
	lay_page_indicators(&L);
	lay_page_chain(&L);
	lay_page_activity(&L);
	lay_page_surveys(&L);
	lay_page_trend(&L);
	lay_section_milestones(&L);
	lay_section_budget(&L);
	lay_section_quotes(&L);
	lay_section_method(&L);
	lay_signature_block(&L);

	out->pages = L.d.npages;
	if (rp_finish(&L.d, footer, &out->data, &out->len) == -1)
		goto fail;
	rp_close(&L.d);
	EVP_Digest(out->data, out->len, out->sha256, &mdlen, EVP_sha256(),
	    NULL);
	return (0);
fail:
	snprintf(err, errsz, "PDF: %s", L.d.err[0] ? L.d.err : "failed");
	rp_close(&L.d);
	report_pdf_free(out);
	return (-1);
}

void
report_pdf_free(struct report_pdf *p)
{
	free(p->data);
	memset(p, 0, sizeof(*p));
}
