/*
 * report_portal – the reports in the browser (issue #7): the funders'
 * portal and downloads (app/report_portal.c), and the public /verify page
 * (app/verify_page.c). Handlers named in conf/routes/50-reports.conf.
 */
#ifndef MESURE_REPORT_PORTAL_H
#define MESURE_REPORT_PORTAL_H

#include <kore/kore.h>
#include <kore/http.h>

int	page_reports(struct http_request *);
int	page_report_pdf(struct http_request *);
int	page_report_share(struct http_request *);
int	page_report_make(struct http_request *);
int	page_report_quotes(struct http_request *);
int	page_verify(struct http_request *);
int	page_dashboard(struct http_request *);

#endif
