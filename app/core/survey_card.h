/*
 * survey_card – the printable A6 follow-up card: a one-time invitation
 * code and its QR code, so that a person can answer the "résultats"
 * survey one to three months later on their own phone without giving
 * any contact detail. Kore-free: rendered by the kiosk (app/kiosk.c)
 * and by `mesure-admin invitation-cards` alike.
 */
#ifndef MESURE_SURVEY_CARD_H
#define MESURE_SURVEY_CARD_H

#include "i18n.h"

struct sbuf;

struct survey_card {
	enum lang	 lang;
	const char	*base;		/* public URL, "https://mesure.example" */
	const char	*code;		/* 12 characters, survey_code_new() */
	const char	*site_name;
	const char	*site_phone;	/* or "" */
	const char	*until;		/* last day, YYYY-MM-DD */
};

int	survey_card_render(struct sbuf *, const struct survey_card *);
int	survey_card_sheet(struct sbuf *, enum lang, const char *,
	    const char *, const char *, int);
void	survey_card_short(const char *, char *, size_t);

#endif
