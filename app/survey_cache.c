/*
 * survey_cache – per-worker state of the survey area, none of which two
 * hosts need to share:
 *
 *  - look-ups of a survey at a site (survey_lookup.sql), kept ten
 *    seconds, so that a busy kiosk or a flood of form posts costs one
 *    SQL statement per submission, not two; "not found" is kept too, so
 *    that probing unknown paths does not reach the database;
 *  - parsed definitions by version id: versions never change, so they
 *    are parsed once per worker and kept for the worker's life;
 *  - the per-address submission rate limit (a token bucket per address,
 *    in a fixed table: an address that floods is slowed down; a table
 *    full of addresses forgets the oldest). Each worker limits on its
 *    own, so W workers on H hosts let through at most W x H times the
 *    rate; nginx's limit_req in front is the place for a global limit.
 *
 * Also the small request helpers the survey handlers share: the client's
 * address behind the TLS proxy, the public base URL, path segments, the
 * kiosk device cookie, the page language among the survey's.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "respond.h"
#include "survey.h"

#define SVC_REFS	256
#define SVC_VERSIONS	128
#define SVC_TTL_MS	10000
#define SVC_PROBES	8

#define RL_SLOTS	4096
#define RL_PROBES	8
/* A person or a waiting room behind one address: 40 at once, then one
 * every 10 seconds. A kiosk tablet, which sends its queue in bursts after
 * an outage, gets its own, larger bucket. */
#define RL_BURST	40.0
#define RL_PER_SEC	0.1
#define RL_DEV_BURST	600.0
#define RL_DEV_PER_SEC	5.0

struct svc_ref_slot {
	char		 key[2 * SV_SLUG_MAX + 2];	/* survey/site */
	int		 found;
	u_int64_t	 expires;
	struct sv_ref	 ref;
};

struct svc_version_slot {
	long long	 id;
	struct survey	*s;		/* libc; kept for the worker's life */
};

struct svc_rl_slot {
	u_int64_t	 key;
	double		 tokens;
	u_int64_t	 at;
};

struct svc_blank_slot {
	long long	 version_id;
	long long	 site_id;
	enum lang	 lang;
	char		 site_name[128];
	u_int64_t	 expires;		/* 0: free */
	struct sv_blank	 b;			/* owned */
};

#define SVC_BLANKS	32

static struct svc_ref_slot	refs[SVC_REFS];
static struct svc_blank_slot	blanks[SVC_BLANKS];
static struct svc_version_slot	versions[SVC_VERSIONS];
static struct svc_rl_slot	rl[RL_SLOTS];

static u_int64_t	fnv(const char *);
static struct svc_ref_slot *ref_slot(const char *, int);

/* FNV-1a: table positions only, nothing secret. */
static u_int64_t
fnv(const char *s)
{
	u_int64_t	h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (h);
}

/*
 * The slot of key: its own if present, else (create) the first free,
 * expired or oldest one among its probes.
 */
static struct svc_ref_slot *
ref_slot(const char *key, int create)
{
	struct svc_ref_slot	*s, *victim = NULL;
	u_int64_t		 h = fnv(key);
	int			 i;

	for (i = 0; i < SVC_PROBES; i++) {
		s = &refs[(h + (u_int64_t)i) % SVC_REFS];
		if (strcmp(s->key, key) == 0)
			return (s);
		/* Prefer a free slot, then the one that expires first. */
		if (victim == NULL)
			victim = s;
		else if (victim->key[0] == '\0')
			continue;
		else if (s->key[0] == '\0' || s->expires < victim->expires)
			victim = s;
	}
	if (!create)
		return (NULL);
	memset(victim, 0, sizeof(*victim));
	(void)snprintf(victim->key, sizeof(victim->key), "%s", key);
	return (victim);
}

/*
 * A cached look-up of survey at site. Returns 1 with *ref and *s (the
 * definition, owned by the cache) when found, 0 when known to be absent,
 * -1 when not cached (or stale).
 */
int
svc_ref_get(const char *survey, const char *site, struct sv_ref *ref,
    struct survey **s)
{
	struct svc_ref_slot	*slot;
	char			 key[2 * SV_SLUG_MAX + 2];

	(void)snprintf(key, sizeof(key), "%s/%s", survey, site);
	if ((slot = ref_slot(key, 0)) == NULL ||
	    slot->expires < kore_time_ms())
		return (-1);
	if (!slot->found)
		return (0);
	if ((*s = svc_version_get(slot->ref.version_id)) == NULL)
		return (-1);
	*ref = slot->ref;
	return (1);
}

/*
 * A look-up of survey at site however old, for when the database is away:
 * a person's posted answers can still be shown back to them (503) rather
 * than lost. Returns 1 with *ref and *s, or 0.
 */
int
svc_ref_stale(const char *survey, const char *site, struct sv_ref *ref,
    struct survey **s)
{
	struct svc_ref_slot	*slot;
	char			 key[2 * SV_SLUG_MAX + 2];

	(void)snprintf(key, sizeof(key), "%s/%s", survey, site);
	if ((slot = ref_slot(key, 0)) == NULL || !slot->found ||
	    (*s = svc_version_get(slot->ref.version_id)) == NULL)
		return (0);
	*ref = slot->ref;
	return (1);
}

/* Remember that survey is not offered at site (a 404), for a while. */
void
svc_ref_absent(const char *survey, const char *site)
{
	struct svc_ref_slot	*slot;
	char			 key[2 * SV_SLUG_MAX + 2];

	(void)snprintf(key, sizeof(key), "%s/%s", survey, site);
	slot = ref_slot(key, 1);
	slot->found = 0;
	slot->expires = kore_time_ms() + SVC_TTL_MS;
}

/* The 11 columns of survey_lookup.sql that make a ref, from column col. */
void
svc_ref_from_row(const struct mreq *m, int row, int col, struct sv_ref *r)
{
	memset(r, 0, sizeof(*r));
	r->site_id = strtoll(mreq_val(m, row, col), NULL, 10);
	(void)snprintf(r->site_code, sizeof(r->site_code), "%s",
	    mreq_val(m, row, col + 1));
	(void)snprintf(r->site_name, sizeof(r->site_name), "%s",
	    mreq_val(m, row, col + 2));
	(void)snprintf(r->site_phone, sizeof(r->site_phone), "%s",
	    mreq_val(m, row, col + 3));
	r->org_id = strtoll(mreq_val(m, row, col + 4), NULL, 10);
	(void)snprintf(r->org_name, sizeof(r->org_name), "%s",
	    mreq_val(m, row, col + 5));
	r->survey_id = strtoll(mreq_val(m, row, col + 6), NULL, 10);
	(void)snprintf(r->survey_code, sizeof(r->survey_code), "%s",
	    mreq_val(m, row, col + 7));
	(void)snprintf(r->kind, sizeof(r->kind), "%s",
	    mreq_val(m, row, col + 8));
	r->version_id = strtoll(mreq_val(m, row, col + 9), NULL, 10);
	r->version = atoi(mreq_val(m, row, col + 10));
}

/*
 * Fill *ref from a look-up row (columns from col, definition last),
 * cache it under survey/site, and return the parsed definition: owned by
 * the cache (*owned 0) or, if the cache is full, by the caller (*owned 1,
 * survey_free it). NULL if the stored definition does not parse (logged).
 */
struct survey *
svc_ref_put(const char *survey, const char *site, const struct mreq *m,
    int col, struct sv_ref *ref, int *owned)
{
	struct svc_ref_slot	*slot;
	struct survey		*s;
	char			 key[2 * SV_SLUG_MAX + 2];

	svc_ref_from_row(m, 0, col, ref);
	s = svc_version_put(ref->version_id, mreq_val(m, 0, col + 11), owned);
	if (s == NULL)
		return (NULL);
	(void)snprintf(key, sizeof(key), "%s/%s", survey, site);
	slot = ref_slot(key, 1);
	slot->found = 1;
	slot->ref = *ref;
	slot->expires = kore_time_ms() + SVC_TTL_MS;
	return (s);
}

/* The parsed definition of version id, if this worker has it. */
struct survey *
svc_version_get(long long id)
{
	size_t	i;

	for (i = 0; i < SVC_VERSIONS && versions[i].id != 0; i++)
		if (versions[i].id == id)
			return (versions[i].s);
	return (NULL);
}

/*
 * The parsed definition of version id, from def (its JSON text) unless
 * cached. *owned as for svc_ref_put(). NULL if def does not parse.
 */
struct survey *
svc_version_put(long long id, const char *def, int *owned)
{
	struct survey		*s;
	struct survey_errors	 e;
	size_t			 i;

	*owned = 0;
	if ((s = svc_version_get(id)) != NULL)
		return (s);
	/*
	 * Pictograms were checked when the definition was loaded; here a
	 * missing one is only left out of the page.
	 */
	if (survey_parse(def, strlen(def), NULL, &s, &e) == -1) {
		kore_log(LOG_ERR, "survey version %lld does not parse: %s",
		    id, e.n ? e.msg[0] : "?");
		return (NULL);
	}
	for (i = 0; i < SVC_VERSIONS; i++) {
		if (versions[i].id == 0) {
			versions[i].id = id;
			versions[i].s = s;
			return (s);
		}
	}
	*owned = 1;
	return (s);
}

/*
 * The blank survey page (see sv_blank_make) of ref's survey version at
 * its site in language l, if rendered less than ten seconds ago with the
 * same site name. NULL otherwise.
 */
const struct sv_blank *
svc_blank_get(const struct sv_ref *ref, enum lang l)
{
	u_int64_t	now = kore_time_ms();
	size_t		i;

	for (i = 0; i < SVC_BLANKS; i++) {
		if (blanks[i].expires > now &&
		    blanks[i].version_id == ref->version_id &&
		    blanks[i].site_id == ref->site_id && blanks[i].lang == l &&
		    strcmp(blanks[i].site_name, ref->site_name) == 0)
			return (&blanks[i].b);
	}
	return (NULL);
}

/*
 * Keep b (ownership moves to the cache; *b is left empty) for ref and l,
 * in a free or expired slot, else in place of the one that expires
 * first. Returns the cached copy.
 */
const struct sv_blank *
svc_blank_put(const struct sv_ref *ref, enum lang l, struct sv_blank *b)
{
	struct svc_blank_slot	*slot = &blanks[0];
	size_t			 i;

	for (i = 0; i < SVC_BLANKS; i++)
		if (blanks[i].expires < slot->expires)
			slot = &blanks[i];
	if (slot->expires != 0)
		sv_blank_free(&slot->b);
	slot->version_id = ref->version_id;
	slot->site_id = ref->site_id;
	slot->lang = l;
	(void)snprintf(slot->site_name, sizeof(slot->site_name), "%s",
	    ref->site_name);
	slot->expires = kore_time_ms() + SVC_TTL_MS;
	slot->b = *b;
	memset(b, 0, sizeof(*b));
	return (&slot->b);
}

/*
 * The address of the person: the peer, unless the peer is the TLS proxy
 * on loopback, whose X-Forwarded-For names the client (its last entry:
 * the one the proxy itself added). IPv6 addresses count by /64, the
 * block one household or phone gets.
 */
void
svc_client_addr(struct http_request *req, char *out, size_t outsz)
{
	struct connection	*c = req->owner;
	const char		*xff, *last;
	char			 tmp[64];
	unsigned char		 a6[16];
	struct in_addr		 a4;
	int			 loopback = 0;
	size_t			 n;

	out[0] = '\0';
	if (c->family == AF_INET) {
		loopback = (ntohl(c->addr.ipv4.sin_addr.s_addr) >> 24) == 127;
		(void)inet_ntop(AF_INET, &c->addr.ipv4.sin_addr, out,
		    (socklen_t)outsz);
	} else if (c->family == AF_INET6) {
		loopback = IN6_IS_ADDR_LOOPBACK(&c->addr.ipv6.sin6_addr);
		memcpy(a6, &c->addr.ipv6.sin6_addr, 16);
		memset(a6 + 8, 0, 8);
		(void)inet_ntop(AF_INET6, a6, out, (socklen_t)outsz);
	}
	if (!loopback || (xff = request_header(req, "x-forwarded-for")) ==
	    NULL)
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	n = strcspn(last, " ");
	if (n == 0 || n >= sizeof(tmp))
		return;
	memcpy(tmp, last, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, &a4) == 1) {
		(void)inet_ntop(AF_INET, &a4, out, (socklen_t)outsz);
	} else if (inet_pton(AF_INET6, tmp, a6) == 1) {
		memset(a6 + 8, 0, 8);
		(void)inet_ntop(AF_INET6, a6, out, (socklen_t)outsz);
	}
}

/*
 * Take one submission from the bucket of this client (device: the kiosk
 * token's hash, or NULL). Returns 1 if allowed; 0 if the client must
 * wait, with *retry (seconds) set.
 */
int
svc_rate_take(struct http_request *req, const char *device, int *retry)
{
	struct svc_rl_slot	*s, *victim = NULL;
	char			 addr[INET6_ADDRSTRLEN + 8];
	u_int64_t		 key, now = kore_time_ms();
	double			 burst, rate;
	int			 i;

	if (device != NULL && device[0] != '\0') {
		(void)snprintf(addr, sizeof(addr), "d:%.40s", device);
		burst = RL_DEV_BURST;
		rate = RL_DEV_PER_SEC;
	} else {
		svc_client_addr(req, addr, sizeof(addr));
		burst = RL_BURST;
		rate = RL_PER_SEC;
	}
	key = fnv(addr) | 1;
	for (i = 0; i < RL_PROBES; i++) {
		s = &rl[(key + (u_int64_t)i) % RL_SLOTS];
		if (s->key == key)
			break;
		if (victim == NULL || s->key == 0 || s->at < victim->at)
			victim = s;
	}
	if (i == RL_PROBES) {
		s = victim;
		s->key = key;
		s->tokens = burst;
		s->at = now;
	}
	s->tokens += (double)(now - s->at) / 1000.0 * rate;
	if (s->tokens > burst)
		s->tokens = burst;
	s->at = now;
	if (s->tokens < 1.0) {
		*retry = (int)((1.0 - s->tokens) / rate) + 1;
		return (0);
	}
	s->tokens -= 1.0;
	return (1);
}

/*
 * The site's public address for links printed on posters and cards:
 * MESURE_PUBLIC_URL if set (e.g. "https://mesure.example.org"), else the
 * Host of the request (checked) with https when behind the TLS proxy.
 */
void
svc_public_base(struct http_request *req, char *out, size_t outsz)
{
	const char	*env, *host, *p;

	env = getenv("MESURE_PUBLIC_URL");
	if (env != NULL && (strncmp(env, "https://", 8) == 0 ||
	    strncmp(env, "http://", 7) == 0) && strlen(env) < outsz &&
	    strcspn(env, " \"'<>\\") == strlen(env)) {
		(void)snprintf(out, outsz, "%s", env);
		if (out[0] != '\0' && out[strlen(out) - 1] == '/')
			out[strlen(out) - 1] = '\0';
		return;
	}
	host = req->host;
	for (p = host; p != NULL && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == ':' || *p == '[' || *p == ']'))
			break;
	if (host == NULL || *host == '\0' || *p != '\0' || strlen(host) > 100)
		host = "localhost";
	(void)snprintf(out, outsz, "%s://%s",
	    app_settings.tls_proxied ? "https" : "http", host);
}

/* A survey or site code: [a-z0-9][a-z0-9-]{1,39}. */
int
svc_slug_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n < 2 || n > SV_SLUG_MAX || s[0] == '-')
		return (0);
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return (0);
	return (1);
}

/*
 * Split path PREFIX a/b SUFFIX into two codes (each SV_SLUG_MAX + 1
 * bytes). b may be NULL for PREFIX a SUFFIX. Returns 1 if the path has
 * exactly that shape with valid codes.
 */
int
svc_path_slugs(const char *path, const char *prefix, char *a, char *b,
    const char *suffix)
{
	const char	*p, *slash;
	size_t		 n;
	char		*outs[2];
	int		 i, parts = b != NULL ? 2 : 1;

	outs[0] = a;
	outs[1] = b;
	if (strncmp(path, prefix, strlen(prefix)) != 0)
		return (0);
	p = path + strlen(prefix);
	for (i = 0; i < parts; i++) {
		slash = strchr(p, '/');
		n = slash != NULL ? (size_t)(slash - p) : strlen(p);
		if (i == parts - 1 && slash != NULL &&
		    strcmp(slash, suffix) != 0)
			return (0);
		if (i == parts - 1 && slash == NULL && suffix[0] != '\0') {
			/* The suffix may not start with a slash (".svg"). */
			if (n <= strlen(suffix) ||
			    strcmp(p + n - strlen(suffix), suffix) != 0)
				return (0);
			n -= strlen(suffix);
		}
		if (n > SV_SLUG_MAX)
			return (0);
		memcpy(outs[i], p, n);
		outs[i][n] = '\0';
		if (!svc_slug_ok(outs[i]))
			return (0);
		if (i < parts - 1) {
			if (slash == NULL)
				return (0);
			p = slash + 1;
		}
	}
	return (1);
}

/*
 * The kiosk device cookie's token, as its SHA-256 in hex (65 bytes).
 * Returns 1 if the request carries a well-formed one.
 */
int
svc_device_token(struct http_request *req, char *hash)
{
	char	*tok;

	hash[0] = '\0';
	/* request_lang() has usually filled them; twice would duplicate. */
	if (TAILQ_EMPTY(&req->req_cookies))
		http_populate_cookies(req);
	if ((!http_request_cookie(req, "__Host-" SV_KIOSK_COOKIE, &tok) &&
	    !http_request_cookie(req, SV_KIOSK_COOKIE, &tok)) ||
	    !survey_token_valid(tok))
		return (0);
	survey_sha256_hex(tok, strlen(tok), hash);
	return (1);
}

/*
 * The language of a respondent's page: the person's (request_lang) if
 * the survey has it, else the survey's first language Mesure speaks.
 * Returns the index of that language in the survey (-1 if none: the
 * survey has texts only in languages Mesure's pages do not speak yet).
 */
int
svc_lang_pick(struct http_request *req, const struct survey *s,
    enum lang *lang)
{
	enum lang	l;
	int		li, i;

	l = request_lang(req);
	if ((li = survey_lang_index(s, lang_code[l])) != -1) {
		*lang = l;
		return (li);
	}
	for (i = 0; i < (int)s->nlangs; i++) {
		if (i18n_lang_from_code(s->langs[i], &l)) {
			*lang = l;
			return (i);
		}
	}
	*lang = LANG_FR;
	return (-1);
}
