/*
 * report – Mesure's signed impact reports (issue #7), the library the
 * command-line tool (reports/cli/mesure-report.c) and the web layer share.
 * Kore-free, libc memory only. Four steps, each usable alone:
 *
 *   report_load()    database → model: runs sql/queries/report_*.sql in
 *                    one read-only snapshot and hashes every row read
 *                    (data_sha256); report_model_finish() decides the
 *                    statistics.
 *   report_render()  model → PDF bytes with libharu: same model and
 *                    parameters, same bytes.
 *   report_sign()    PDF → the same bytes plus a PAdES B-B signature as an
 *                    incremental update (reports/pdfsign.c), through a
 *                    signer: the key in this process (cron) or the
 *                    signing daemon over a Unix socket (the web workers,
 *                    which never hold the key).
 *   report_verify()  any PDF bytes → valid / altered / not signed / not
 *                    ours, in plain words (reports/verify.c).
 *   report_store()   the PDF into the reports table, naming the version
 *                    it replaces.
 *
 * Errors: each function returns 0 or -1 and writes why in the caller's
 * buffer (err, errsz), in plain English words for logs; nothing is
 * global, nothing exits.
 */
#ifndef MESURE_REPORT_H
#define MESURE_REPORT_H

#include <stddef.h>
#include <time.h>

#include <libpq-fe.h>

#include "i18n.h"
#include "report_model.h"
#include "verify.h"

struct sbuf;

#define REPORT_QUOTES_DEFAULT	6

struct report_params {
	const char		*project;	/* project code (required) */
	const char		*organisation;	/* slug; NULL: unambiguous */
	const char		*convention;	/* reference; NULL: project */
	enum report_kind	 kind;
	int			 year;
	int			 quarter;	/* 1..4, quarterly only */
	enum lang		 lang;
	int			 as_of[3];	/* y, m, d from the caller */
	const char		*font_dir;	/* DejaVuSans*.ttf */
	int			 quotes_max;	/* 0: REPORT_QUOTES_DEFAULT */
	int			 timing;	/* time each query on stderr */
};

struct report_pdf {
	unsigned char	*data;		/* malloc'd; report_pdf_free() */
	size_t		 len;
	int		 pages;
	unsigned char	 sha256[32];
};

/*
 * Who signs. cert() hands back the signer's certificate (DER) so that
 * the visible block can name it before anything is signed; sign() gets
 * the SHA-256 of the signed byte ranges and returns a detached CAdES
 * CMS (DER). Both malloc what they return. Implementations:
 * report_signer_key() (key file in this process) and
 * report_signer_socket() (the mesure-signer daemon).
 */
struct report_signer {
	int	(*cert)(void *, unsigned char **, size_t *, char *, size_t);
	int	(*sign)(void *, const unsigned char *, unsigned char **,
		    size_t *, char *, size_t);
	void	(*free)(void *);
	void	 *arg;
};

struct report_sign_params {
	const char	*role;		/* "Coordinatrice du projet" */
	const char	*reason;	/* /Reason; NULL: a default */
	const char	*location;	/* /Location; NULL: none */
	time_t		 when;		/* signing time (caller's clock) */
	enum lang	 lang;		/* of the visible block */
};

int	 report_load(PGconn *, const struct report_params *,
	    struct report_model *, struct sbuf *, char *, size_t);
int	 report_render(const struct report_model *,
	    const struct report_params *, struct report_pdf *, char *,
	    size_t);
void	 report_pdf_free(struct report_pdf *);

int	 report_signer_key(struct report_signer *, const char *,
	    const char *, const char *, char *, size_t);
int	 report_signer_socket(struct report_signer *, const char *, char *,
	    size_t);
void	 report_signer_free(struct report_signer *);
int	 report_sign(const unsigned char *, size_t,
	    const struct report_signer *, const struct report_sign_params *,
	    struct report_pdf *, char *, size_t);

int	 report_store(PGconn *, const struct report_model *,
	    const struct report_pdf *, int, time_t, long long, long long *,
	    int *, char *, size_t);

#endif
