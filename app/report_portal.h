/*
 * report_portal – the reports in the browser (issue #7): the funders'
 * portal and downloads (app/report_portal.c), and the public /verify page
 * (app/verify_page.c). Handlers named in conf/routes/50-reports.conf.
 */
#ifndef MESURE_REPORT_PORTAL_H
#define MESURE_REPORT_PORTAL_H

#include <kore/kore.h>
#include <kore/http.h>

#include "mreq.h"
#include "report.h"
#include "report_model.h"

int	page_reports(struct http_request *);
int	page_report_pdf(struct http_request *);
int	page_report_share(struct http_request *);
int	page_report_make(struct http_request *);
int	page_report_quotes(struct http_request *);
int	page_verify(struct http_request *);
int	page_dashboard(struct http_request *);

/* Making a report from a page (app/report_target.c). */
struct report_target {
	char	org[64], project[48], convention[64];
};

int	report_target_split(const char *, char *, size_t, char *, size_t);
int	report_target_params(struct report_target *, struct report_params *,
	    struct mreq *, const char *, int, enum lang);

#endif
