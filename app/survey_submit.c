/*
 * survey_submit – recording a response, the same way for the form
 * (app/survey.c), the JSON API (app/api.c) and the kiosk: the checked
 * answers become canonical rows and their digest, and one statement
 * (sql/queries/response_submit.sql, the function survey_submit of
 * migration 0100) stores the response and its answers in one round trip
 * and one transaction, durably committed before the person is thanked.
 *
 * The response id is the client's: a retry, a double tap or a kiosk
 * sending its queue again finds the stored row and compares digests –
 * "duplicate" (nothing stored) or "conflict" (another set of answers).
 */
#include <string.h>

#include "app.h"
#include "survey.h"

/*
 * Fill sb from the checked result r (no error left) for the survey
 * version version_id at ref's site. sb->id, lang, channel, submitted_at,
 * invitation and device are the caller's to set. Returns 0, or -1 (out
 * of memory).
 */
int
sv_submit_prepare(struct sv_submit *sb, const struct survey_result *r,
    const struct sv_ref *ref, long long version_id)
{
	unsigned char	digest[32];

	sbuf_init(&sb->rows);
	(void)snprintf(sb->org, sizeof(sb->org), "%lld", ref->org_id);
	(void)snprintf(sb->survey, sizeof(sb->survey), "%lld", ref->survey_id);
	(void)snprintf(sb->version, sizeof(sb->version), "%lld", version_id);
	(void)snprintf(sb->site, sizeof(sb->site), "%lld", ref->site_id);
	if (survey_digest(r, digest) == -1)
		return (-1);
	survey_hex(digest, sizeof(digest), sb->digest);
	survey_rows_json(r, &sb->rows);
	return (sb->rows.failed ? -1 : 0);
}

void
sv_submit_free(struct sv_submit *sb)
{
	sbuf_free(&sb->rows);
}

/* Start the statement; next reads its outcome with sv_submit_outcome(). */
int
sv_submit_start(struct mreq *m, struct sv_submit *sb, mreq_fn next)
{
	return (mreq_query(m, SQL_RESPONSE_SUBMIT, next, 12, sb->id, sb->org,
	    sb->survey, sb->version, sb->site, sb->lang, sb->channel,
	    sb->submitted_at,
	    sb->digest, sb->rows.data,
	    sb->invitation[0] != '\0' ? sb->invitation : NULL,
	    sb->device[0] != '\0' ? sb->device : NULL));
}

enum sv_outcome
sv_submit_outcome(struct mreq *m)
{
	static const struct {
		const char	*word;
		enum sv_outcome	 outcome;
	} words[] = {
		{ "created", SV_CREATED },
		{ "duplicate", SV_DUPLICATE },
		{ "conflict", SV_CONFLICT },
		{ "invitation_unknown", SV_INV_UNKNOWN },
		{ "invitation_used", SV_INV_USED },
		{ "invitation_expired", SV_INV_EXPIRED },
		{ "invitation_mismatch", SV_INV_MISMATCH },
	};
	const char	*w;
	size_t		 i;

	if (m->failed || mreq_rows(m) != 1)
		return (SV_FAILED);
	w = mreq_val(m, 0, 0);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i].word) == 0)
			return (words[i].outcome);
	kore_log(LOG_ERR, "survey_submit said \"%s\"", w);
	return (SV_FAILED);
}
