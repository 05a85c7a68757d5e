/*
 * visit_import – checking a CSV file of past visits (see visit_import.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json.h"
#include "sbuf.h"
#include "visit_import.h"

/* Headings people use, folded (see text_fold), and their field. */
static const struct {
	const char		*folded;
	enum visit_field	 field;
} headings[] = {
	{ "date", VF_DATE }, { "jour", VF_DATE },
	{ "heure", VF_TIME }, { "horaire", VF_TIME },
	{ "site", VF_SITE }, { "lieu", VF_SITE }, { "point d accueil", VF_SITE },
	{ "domaine", VF_DOMAINS }, { "domaines", VF_DOMAINS },
	{ "demarche", VF_PROCEDURES }, { "demarches", VF_PROCEDURES },
	{ "procedures", VF_PROCEDURES },
	{ "aide", VF_HELP }, { "type d aide", VF_HELP }, { "type aide", VF_HELP },
	{ "accompagnement", VF_HELP },
	{ "autonomie", VF_AUTONOMY },
	{ "orientation", VF_PARTNER }, { "partenaire", VF_PARTNER },
	{ "oriente vers", VF_PARTNER },
	{ "duree", VF_DURATION }, { "duree min", VF_DURATION },
	{ "duree minutes", VF_DURATION },
	{ "canal", VF_CHANNEL }, { "mode", VF_CHANNEL },
	{ "pseudonyme", VF_PSEUDONYM }, { "code", VF_PSEUDONYM },
	{ "code carte", VF_PSEUDONYM },
	{ "age", VF_AGE }, { "tranche d age", VF_AGE }, { "tranche age", VF_AGE },
	{ "qpv", VF_QPV }, { "habite en qpv", VF_QPV },
	{ "premiere visite", VF_FIRST },
	{ "usages", VF_SKILLS }, { "usages numeriques", VF_SKILLS },
	{ "competences", VF_SKILLS },
};

/* The field a heading names; 1 if known. */
int
visit_import_heading(const char *h, enum visit_field *out)
{
	char	f[64];
	size_t	i;

	text_fold(f, sizeof(f), h, strlen(h));
	for (i = 0; i < sizeof(headings) / sizeof(headings[0]); i++) {
		if (strcmp(f, headings[i].folded) == 0) {
			*out = headings[i].field;
			return (1);
		}
	}
	return (0);
}

static void
add_error(struct import_result *res, size_t line, const char *column,
    const char *msgkey, const char *detail)
{
	struct import_error	*e;

	res->nerrors_total++;
	if (res->nerrors == IMPORT_ERRORS_MAX)
		return;
	e = &res->errors[res->nerrors++];
	e->line = line;
	snprintf(e->column, sizeof(e->column), "%s", column ? column : "");
	e->msgkey = msgkey;
	snprintf(e->detail, sizeof(e->detail), "%s", detail ? detail : "");
}

static int
is_sep(char c)
{
	return (c == '|' || c == ',' || c == '/' || c == '+' || c == '\n');
}

/*
 * Split a multi-valued cell. Labels may themselves hold a separator
 * ("Créer un espace personnel, activer son compte"), so the longest run
 * of pieces that names a value wins: the whole cell first, then shorter.
 */
static void
split_cell(struct visit_input *v, const struct vocabs *vs, enum visit_field f,
    const char *cell)
{
	const char	*start[VISIT_PROCS_MAX * 2], *end[VISIT_PROCS_MAX * 2];
	const char	*p, *code;
	char		 span[512];
	size_t		 n = 0, i, j, len;
	enum vocab_id	 vid;

	vid = f == VF_DOMAINS ? VOCAB_DOMAIN : f == VF_PROCEDURES ?
	    VOCAB_PROCEDURE : VOCAB_SKILL;
	for (p = cell; *p && n < VISIT_PROCS_MAX * 2; ) {
		while (*p == ' ' || is_sep(*p))
			p++;
		if (*p == '\0')
			break;
		start[n] = p;
		while (*p && !is_sep(*p))
			p++;
		end[n++] = p;
	}
	for (i = 0; i < n; ) {
		code = NULL;
		for (j = n; j > i; j--) {
			len = (size_t)(end[j - 1] - start[i]);
			if ((code = vocab_match(&vs->v[vid], start[i], len)))
				break;
		}
		if (code == NULL) {
			len = (size_t)(end[i] - start[i]);
			snprintf(span, sizeof(span), "%.*s", (int)len, start[i]);
			visit_error(v, f, "visit.err.unknown", span);
			i++;
			continue;
		}
		(void)visit_add(v, vs, f, code);
		i = j;
	}
}

/*
 * Read and check the CSV text. today: "YYYY-MM-DD". Returns 0 when the
 * whole file is good (res->rows ready), 1 when some lines were rejected
 * (res->errors says which and why), -1 when the file cannot be read
 * (res->fatal). res must be freed with visit_import_free() in all cases.
 */
int
visit_import_parse(const char *text, size_t len, const struct vocabs *vs,
    const char *today, struct import_result *res)
{
	struct csv_reader	 r;
	enum visit_field	 cols[CSV_FIELDS_MAX];
	char			 heads[CSV_FIELDS_MAX][24];
	size_t			 ncols, i, k, cap = 0;
	int			 rc, seen[VF__MAX];
	struct visit_input	*v, *grown;
	size_t			*glines;

	memset(res, 0, sizeof(*res));
	memset(seen, 0, sizeof(seen));
	if ((res->errors = calloc(IMPORT_ERRORS_MAX, sizeof(*res->errors))) == NULL) {
		snprintf(res->fatal, sizeof(res->fatal), "out of memory");
		return (-1);
	}
	if (csv_open(&r, text, len) == -1) {
		snprintf(res->fatal, sizeof(res->fatal), "%s", r.error);
		res->fatal_key = "import.err.not_utf8";
		if (len == 0)
			res->fatal_key = "import.err.empty";
		return (-1);
	}
	if ((rc = csv_next(&r)) != 1) {
		snprintf(res->fatal, sizeof(res->fatal), "%s",
		    rc == 0 ? "no heading line" : r.error);
		res->fatal_key = "import.err.headings";
		csv_close(&r);
		return (-1);
	}
	ncols = r.nfields;
	for (i = 0; i < ncols; i++) {
		snprintf(heads[i], sizeof(heads[i]), "%s", r.fields[i]);
		if (!visit_import_heading(r.fields[i], &cols[i])) {
			snprintf(res->fatal, sizeof(res->fatal), "%s",
			    r.fields[i]);
			res->fatal_key = "import.err.unknown_column";
			csv_close(&r);
			return (-1);
		}
		if (seen[cols[i]]++) {
			snprintf(res->fatal, sizeof(res->fatal), "%s",
			    r.fields[i]);
			res->fatal_key = "import.err.duplicate_column";
			csv_close(&r);
			return (-1);
		}
	}
	if (!seen[VF_DATE] || !seen[VF_SITE] || !seen[VF_DOMAINS] ||
	    !seen[VF_HELP]) {
		snprintf(res->fatal, sizeof(res->fatal),
		    "date, site, domaines, aide");
		res->fatal_key = "import.err.missing_columns";
		csv_close(&r);
		return (-1);
	}

	while ((rc = csv_next(&r)) != 0) {
		if (rc == -1) {
			add_error(res, r.line, "", "import.err.malformed", r.error);
			/* The reader cannot resynchronise after this. */
			break;
		}
		if (res->nrows == IMPORT_ROWS_MAX) {
			add_error(res, r.line, "", "import.err.too_many_rows", "");
			break;
		}
		if (r.nfields != ncols) {
			char n[32];

			snprintf(n, sizeof(n), "%zu / %zu", r.nfields, ncols);
			add_error(res, r.line, "", "import.err.columns", n);
			continue;
		}
		if (res->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(res->rows, cap * sizeof(*grown))) == NULL ||
			    (res->rows = grown,
			    (glines = realloc(res->lines, cap * sizeof(*glines))) == NULL)) {
				snprintf(res->fatal, sizeof(res->fatal),
				    "out of memory");
				csv_close(&r);
				return (-1);
			}
			res->lines = glines;
		}
		v = &res->rows[res->nrows];
		visit_input_init(v);
		v->channel = NULL;
		for (i = 0; i < ncols; i++) {
			if (cols[i] == VF_DOMAINS || cols[i] == VF_PROCEDURES ||
			    cols[i] == VF_SKILLS)
				split_cell(v, vs, cols[i], r.fields[i]);
			else
				(void)visit_set(v, vs, cols[i], r.fields[i]);
		}
		if (v->channel == NULL)
			v->channel = "sur-place";
		if (v->time[0] == '\0')
			memcpy(v->time, "12:00", 6);
		(void)visit_check(v, today);
		if (v->nerrors > 0) {
			for (k = 0; k < v->nerrors; k++) {
				const char *col = "";

				for (i = 0; i < ncols; i++)
					if (cols[i] == v->errors[k].field)
						col = heads[i];
				add_error(res, r.line, col, v->errors[k].msgkey,
				    v->errors[k].detail);
			}
			continue;
		}
		res->lines[res->nrows] = r.line;
		res->nrows++;
	}
	csv_close(&r);
	if (res->nrows == 0 && res->nerrors_total == 0)
		add_error(res, 1, "", "import.err.no_rows", "");
	return (res->nerrors_total > 0 ? 1 : 0);
}

void
visit_import_free(struct import_result *res)
{
	free(res->rows);
	free(res->lines);
	free(res->errors);
	memset(res, 0, sizeof(*res));
}

/*
 * The good rows as a JSON array, the parameter of the SQL that inserts
 * them all in one statement (sql/queries/visit_import.sql). 0 or -1.
 */
int
visit_import_json(const struct import_result *res, struct sbuf *sb)
{
	size_t	i;

	sbuf_putc(sb, '[');
	for (i = 0; i < res->nrows; i++) {
		if (i > 0)
			sbuf_putc(sb, ',');
		visit_json(sb, &res->rows[i], res->lines[i], NULL);
	}
	sbuf_putc(sb, ']');
	return (sb->failed ? -1 : 0);
}
