/*
 * html – the one escaping writer every text goes through on its way into
 * HTML (element content and quoted attribute values alike). Kore-free.
 */
#ifndef MESURE_HTML_H
#define MESURE_HTML_H

#include <stddef.h>

struct sbuf;

void	html_escape(struct sbuf *, const char *);
void	html_escape_n(struct sbuf *, const char *, size_t);
int	utf8_valid(const char *, size_t);

#endif
