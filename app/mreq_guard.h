/*
 * mreq_guard – the two first steps the request driver (mreq.c) puts
 * before a route's start step, defined in mreq_guard.c: the session of a
 * staff route, the origin check of a public form. Handlers never call
 * them; they use mreq_reauth_guard() of mreq.h.
 */
#ifndef MESURE_MREQ_GUARD_H
#define MESURE_MREQ_GUARD_H

struct http_request;
struct mreq;

int	mreq_sess_begin(struct http_request *, struct mreq *);
int	mreq_origin_step(struct http_request *, struct mreq *);

#endif
