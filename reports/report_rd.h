/*
 * report_rd – what the two files that read a report's data share
 * (report_data.c: the transaction, the digest, the context;
 * report_data_load.c: the figures): the reading state, the helpers that
 * run a statement and hash every row, field readers, quarter arithmetic.
 * Internal to reports/.
 */
#ifndef MESURE_REPORT_RD_H
#define MESURE_REPORT_RD_H

#include <stddef.h>

#include <openssl/evp.h>
#include <libpq-fe.h>

#include "gen_sql.h"
#include "report.h"
#include "report_model.h"
#include "sbuf.h"

/* The outcome and its counterfactual in the shipped outcome survey. */
#define ATTR_SURVEY_KIND	"resultats"
#define ATTR_OUTCOME		"droit_obtenu"
#define ATTR_COUNTERFACTUAL	"sans_digilab"

struct rd {
	PGconn		*db;
	int		 timing;	/* print each query's time */
	EVP_MD_CTX	*sha;
	struct sbuf	*dump;		/* caller's, or NULL */
	char		*err;
	size_t		 errsz;
	int		 failed;
};

/* Reading (report_data.c). */
int		 rd_fail(struct rd *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 rd_hash(struct rd *, const char *, size_t);
PGresult	*rd_query(struct rd *, enum sql_id, int, const char *const *);
int		 rd_exec(struct rd *, const char *);
const char	*rd_str(struct report_model *, PGresult *, int, int);
long long	 rd_ll(PGresult *, int, int);
double		 rd_dbl(PGresult *, int, int);
void		 rd_quarter_add(int *, int *, int);
void		 rd_quarter_day(char *, int, int);
void		 rd_day_before(char *, const char *);

/* The figures (report_data_load.c), in the order report_load() reads. */
int		 rd_load_trend(struct rd *, struct report_model *, int, int);
int		 rd_load_activity(struct rd *, struct report_model *);
int		 rd_load_indicators(struct rd *, struct report_model *, int,
		    int);
int		 rd_load_questions(struct rd *, struct report_model *,
		    const char *);
int		 rd_load_attribution(struct rd *, struct report_model *);
int		 rd_load_project_lists(struct rd *, struct report_model *);

#endif
