/*
 * health – GET /healthz: "ok" (200) when the database answers, 503
 * otherwise. For load balancers and monitoring: plain text, no page.
 */
#include "app.h"
#include "mreq.h"
#include "respond.h"

static int	healthz_start(struct http_request *, struct mreq *);
static int	healthz_done(struct http_request *, struct mreq *);

static const struct mreq_route healthz_route = {
	.name = "healthz",
	.start = healthz_start,
};

int
page_healthz(struct http_request *req)
{
	return (mreq_run(req, &healthz_route));
}

static int
healthz_start(struct http_request *req, struct mreq *m)
{
	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response_header(req, "allow", "GET, HEAD");
		respond_text(req, 405, "method not allowed\n");
		return (MREQ_DONE);
	}
	return (mreq_query(m, SQL_HEALTH_PING, healthz_done, 0));
}

static int
healthz_done(struct http_request *req, struct mreq *m)
{
	if (m->failed || mreq_rows(m) != 1) {
		respond_text(req, 503, "database unavailable\n");
		return (MREQ_DONE);
	}
	respond_text(req, 200, "ok\n");
	return (MREQ_DONE);
}
