/*
 * survey_pctx – what the files of the survey definition parser share
 * (survey.c, survey_util.c, survey_question.c): the parse state with the
 * JSON path of the value being read, the arena of the parsed survey, and
 * the readers that report a fault at that path. Internal to app/core.
 */
#ifndef MESURE_SURVEY_PCTX_H
#define MESURE_SURVEY_PCTX_H

#include <stddef.h>

#include "json.h"
#include "survey_def.h"

/* Every array the parser makes is one of these, freed with the survey. */
struct survey_alloc {
	struct survey_alloc	*next;
	unsigned char		 data[];
};

struct pctx {
	struct survey		*s;
	struct survey_errors	*errs;
	survey_icon_fn		 icon;
	int			 langs_ok;	/* texts can be checked */
	char			 path[256];
	size_t			 plen;
};

void	*sp_salloc(struct survey *, size_t);
void	 sp_perr(struct pctx *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
size_t	 sp_push_key(struct pctx *, const char *);
size_t	 sp_push_index(struct pctx *, size_t);
void	 sp_pop(struct pctx *, size_t);
int	 sp_check_keys(struct pctx *, const struct json *,
	    const char *const *);
int	 sp_is_slug(const char *, size_t, int);
int	 sp_is_code(const char *);
size_t	 sp_utf8_chars(const char *);
int	 sp_text_ok(struct pctx *, const char *, size_t, int);
int	 sp_get_text(struct pctx *, const struct json *, const char *,
	    int, size_t, int, struct survey_text *);
int	 sp_get_bool(struct pctx *, const struct json *, const char *,
	    int *);
int	 sp_get_int(struct pctx *, const struct json *, const char *,
	    long long, long long, int *);
void	 sp_parse_question(struct pctx *, const struct json *, size_t);

#endif
