/*
 * i18n – the languages of Mesure and the messages of its pages.
 *
 * Messages live in app/i18n/LANG/, one .msg file per area ("key = text"
 * lines), joined per language and embedded at build time. French is the
 * reference: every key exists in the French files, and a key missing in
 * another language falls back to French (tests/unit checks that none is
 * missing). Survey texts are not here: they travel with the
 * survey definition.
 */
#ifndef MESURE_I18N_H
#define MESURE_I18N_H

#include <stddef.h>

enum lang {
	LANG_FR,
	LANG_EN,
	LANG__MAX
};

extern const char *const	lang_code[LANG__MAX];	/* "fr" */
extern const char *const	lang_dir[LANG__MAX];	/* "ltr" / "rtl" */
extern const char *const	lang_name[LANG__MAX];	/* in itself */

int		 i18n_init(char *, size_t);
void		 i18n_free(void);
const char	*i18n_get(enum lang, const char *);
int		 i18n_has(enum lang, const char *);
int		 i18n_lang_from_code(const char *, enum lang *);
enum lang	 i18n_negotiate(const char *, const char *, const char *);
size_t		 i18n_count(void);
const char	*i18n_key(size_t);

#endif
