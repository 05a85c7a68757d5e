/*
 * tmpl – HTML templates with @@markers@@, filled from a table of values.
 *
 * Templates are the files of app/templates/, embedded at build time and
 * named by enum tmpl_id (build/gen/tmpl.h). A marker is one of:
 *
 *	@@name@@	a value set with tmpl_set(): escaped, always;
 *	@@!name@@	a value set with tmpl_set_raw(): markup the C code built
 *			itself (usually another template rendered first);
 *	@@t.key@@	the message "key" of the page's language, escaped.
 *
 * Escaping is the default; raw output needs both the "!" in the template
 * and tmpl_set_raw() in the code, so neither side alone can let text
 * through unescaped. An unknown name or a mismatch is an error, caught by
 * the tests that render every page.
 */
#ifndef MESURE_TMPL_H
#define MESURE_TMPL_H

#include <stddef.h>

#include "i18n.h"
#include "gen_tmpl.h"

#define TMPL_VARS_MAX	48

struct sbuf;

struct tmpl_var {
	const char	*name;		/* not owned; a literal */
	const char	*value;		/* not owned; valid until rendered */
	int		 raw;
};

struct tmpl {
	enum lang	 lang;
	size_t		 nvars;
	struct tmpl_var	 vars[TMPL_VARS_MAX];
	char		 error[128];	/* why the last render failed */
};

void	tmpl_init(struct tmpl *, enum lang);
void	tmpl_set(struct tmpl *, const char *, const char *);
void	tmpl_set_raw(struct tmpl *, const char *, const char *);
void	tmpl_set_int(struct tmpl *, const char *, long long, char *, size_t);
int	tmpl_render(struct sbuf *, enum tmpl_id, struct tmpl *);
int	tmpl_render_text(struct sbuf *, const char *, size_t, struct tmpl *);

#endif
