/*
 * json – strict parser and string writer (see json.h).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "json.h"
#include "sbuf.h"

#define JSON_BLOCK	16384

struct json_block {
	struct json_block	*next;
	size_t			 used;
	size_t			 cap;
	unsigned char		 data[];
};

struct parser {
	struct json_doc	*doc;
	const char	*s;
	size_t		 len;
	size_t		 pos;
	int		 depth;
};

static void	*arena_alloc(struct json_doc *, size_t);
static int	 perr(struct parser *, const char *);
static void	 skip_ws(struct parser *);
static struct json *parse_value(struct parser *);
static struct json *parse_string(struct parser *);
static struct json *parse_number(struct parser *);
static struct json *parse_array(struct parser *);
static struct json *parse_object(struct parser *);
static int	 push_item(struct parser *, struct json *, struct json ***,
		    size_t *, size_t *);

/* Memory from the document's arena, zeroed, 16-byte aligned; NULL if out. */
static void *
arena_alloc(struct json_doc *doc, size_t n)
{
	struct json_block	*b;
	size_t			 cap;
	void			*p;

	n = (n + 15) & ~(size_t)15;
	b = doc->arena;
	if (b == NULL || b->cap - b->used < n) {
		cap = n > JSON_BLOCK ? n : JSON_BLOCK;
		if ((b = calloc(1, sizeof(*b) + cap)) == NULL)
			return (NULL);
		b->cap = cap;
		b->next = doc->arena;
		doc->arena = b;
	}
	p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return (p);
}

void
json_free(struct json_doc *doc)
{
	struct json_block	*b, *next;

	for (b = doc->arena; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	doc->arena = NULL;
	doc->root = NULL;
}

/* Record an error at the current position (first error wins). */
static int
perr(struct parser *p, const char *what)
{
	size_t	i, line = 1, col = 1;

	if (p->doc->error[0] != '\0')
		return (-1);
	for (i = 0; i < p->pos && i < p->len; i++) {
		if (p->s[i] == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	snprintf(p->doc->error, sizeof(p->doc->error),
	    "JSON: %s at line %zu, column %zu", what, line, col);
	return (-1);
}

static void
skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' ||
	    p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
	    p->s[p->pos] == '\r'))
		p->pos++;
}

/*
 * Parse text as one JSON value. Returns 0 with doc->root set, or -1 with
 * doc->error set. doc must be zeroed (or freed) before.
 */
int
json_parse(struct json_doc *doc, const char *text, size_t len)
{
	struct parser	p;

	memset(doc, 0, sizeof(*doc));
	memset(&p, 0, sizeof(p));
	p.doc = doc;
	p.s = text;
	p.len = len;
	if (!utf8_valid(text, len)) {
		/* utf8_valid also refuses NUL bytes. */
		snprintf(doc->error, sizeof(doc->error),
		    "JSON: not valid UTF-8 text");
		return (-1);
	}
	skip_ws(&p);
	if ((doc->root = parse_value(&p)) == NULL) {
		if (doc->error[0] == '\0')
			(void)perr(&p, "out of memory");
		json_free(doc);
		return (-1);
	}
	skip_ws(&p);
	if (p.pos != p.len) {
		(void)perr(&p, "unexpected text after the value");
		json_free(doc);
		return (-1);
	}
	return (0);
}

static struct json *
parse_value(struct parser *p)
{
	struct json	*v;

	if (p->pos >= p->len) {
		(void)perr(p, "unexpected end of text");
		return (NULL);
	}
	switch (p->s[p->pos]) {
	case '{':
		return (parse_object(p));
	case '[':
		return (parse_array(p));
	case '"':
		return (parse_string(p));
	case 't':
	case 'f':
	case 'n':
		if ((v = arena_alloc(p->doc, sizeof(*v))) == NULL)
			return (NULL);
		if (p->len - p->pos >= 4 && memcmp(p->s + p->pos, "true", 4) == 0) {
			v->type = JSON_TRUE;
			p->pos += 4;
		} else if (p->len - p->pos >= 5 &&
		    memcmp(p->s + p->pos, "false", 5) == 0) {
			v->type = JSON_FALSE;
			p->pos += 5;
		} else if (p->len - p->pos >= 4 &&
		    memcmp(p->s + p->pos, "null", 4) == 0) {
			v->type = JSON_NULL;
			p->pos += 4;
		} else {
			(void)perr(p, "unknown literal");
			return (NULL);
		}
		return (v);
	default:
		if (p->s[p->pos] == '-' ||
		    (p->s[p->pos] >= '0' && p->s[p->pos] <= '9'))
			return (parse_number(p));
		(void)perr(p, "unexpected character");
		return (NULL);
	}
}

static int
hex4(const char *s, unsigned *out)
{
	unsigned	v = 0;
	int		i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (s[i] >= '0' && s[i] <= '9')
			v |= (unsigned)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v |= (unsigned)(s[i] - 'a' + 10);
		else if (s[i] >= 'A' && s[i] <= 'F')
			v |= (unsigned)(s[i] - 'A' + 10);
		else
			return (-1);
	}
	*out = v;
	return (0);
}

static struct json *
parse_string(struct parser *p)
{
	struct json	*v;
	size_t		 start, end, o;
	unsigned	 cp, lo;
	char		*out;

	/* First pass: find the closing quote, to size the output. */
	start = ++p->pos;
	for (end = start; end < p->len && p->s[end] != '"'; end++) {
		if ((unsigned char)p->s[end] < 0x20) {
			p->pos = end;
			(void)perr(p, "control character in a string");
			return (NULL);
		}
		if (p->s[end] == '\\')
			end++;
	}
	if (end >= p->len) {
		(void)perr(p, "unterminated string");
		return (NULL);
	}
	if ((v = arena_alloc(p->doc, sizeof(*v))) == NULL ||
	    (out = arena_alloc(p->doc, end - start + 1)) == NULL)
		return (NULL);
	v->type = JSON_STRING;
	for (o = 0; p->pos < end; ) {
		char c = p->s[p->pos];

		if (c != '\\') {
			out[o++] = c;
			p->pos++;
			continue;
		}
		p->pos++;
		switch (p->s[p->pos]) {
		case '"':  out[o++] = '"'; break;
		case '\\': out[o++] = '\\'; break;
		case '/':  out[o++] = '/'; break;
		case 'b':  out[o++] = '\b'; break;
		case 'f':  out[o++] = '\f'; break;
		case 'n':  out[o++] = '\n'; break;
		case 'r':  out[o++] = '\r'; break;
		case 't':  out[o++] = '\t'; break;
		case 'u':
			if (end - p->pos < 5 || hex4(p->s + p->pos + 1, &cp)) {
				(void)perr(p, "bad \\u escape");
				return (NULL);
			}
			p->pos += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - p->pos < 7 || p->s[p->pos + 1] != '\\' ||
				    p->s[p->pos + 2] != 'u' ||
				    hex4(p->s + p->pos + 3, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff) {
					(void)perr(p, "lone surrogate");
					return (NULL);
				}
				p->pos += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				(void)perr(p, "lone surrogate");
				return (NULL);
			}
			if (cp == 0) {
				(void)perr(p, "\\u0000 is not allowed");
				return (NULL);
			}
			if (cp < 0x80)
				out[o++] = (char)cp;
			else if (cp < 0x800) {
				out[o++] = (char)(0xc0 | (cp >> 6));
				out[o++] = (char)(0x80 | (cp & 0x3f));
			} else if (cp < 0x10000) {
				out[o++] = (char)(0xe0 | (cp >> 12));
				out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
				out[o++] = (char)(0x80 | (cp & 0x3f));
			} else {
				out[o++] = (char)(0xf0 | (cp >> 18));
				out[o++] = (char)(0x80 | ((cp >> 12) & 0x3f));
				out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
				out[o++] = (char)(0x80 | (cp & 0x3f));
			}
			break;
		default:
			(void)perr(p, "bad escape");
			return (NULL);
		}
		p->pos++;
	}
	out[o] = '\0';
	v->str = out;
	v->len = o;
	p->pos = end + 1;
	return (v);
}

static struct json *
parse_number(struct parser *p)
{
	struct json	*v;
	size_t		 start = p->pos;
	char		*text, *endp;

	if (p->s[p->pos] == '-')
		p->pos++;
	if (p->pos >= p->len) {
		(void)perr(p, "bad number");
		return (NULL);
	}
	if (p->s[p->pos] == '0') {
		p->pos++;
	} else if (p->s[p->pos] >= '1' && p->s[p->pos] <= '9') {
		while (p->pos < p->len && p->s[p->pos] >= '0' &&
		    p->s[p->pos] <= '9')
			p->pos++;
	} else {
		(void)perr(p, "bad number");
		return (NULL);
	}
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9') {
			(void)perr(p, "bad number");
			return (NULL);
		}
		while (p->pos < p->len && p->s[p->pos] >= '0' &&
		    p->s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9') {
			(void)perr(p, "bad number");
			return (NULL);
		}
		while (p->pos < p->len && p->s[p->pos] >= '0' &&
		    p->s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos - start > 64) {
		(void)perr(p, "number too long");
		return (NULL);
	}
	if ((v = arena_alloc(p->doc, sizeof(*v))) == NULL ||
	    (text = arena_alloc(p->doc, p->pos - start + 1)) == NULL)
		return (NULL);
	memcpy(text, p->s + start, p->pos - start);
	text[p->pos - start] = '\0';
	errno = 0;
	v->num = strtod(text, &endp);
	if (*endp != '\0' || !isfinite(v->num)) {
		(void)perr(p, "number out of range");
		return (NULL);
	}
	v->type = JSON_NUMBER;
	v->str = text;
	v->len = p->pos - start;
	return (v);
}

/* Append an item to a growing array in the arena. */
static int
push_item(struct parser *p, struct json *item, struct json ***items,
    size_t *n, size_t *cap)
{
	struct json	**grown;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		if ((grown = arena_alloc(p->doc, *cap * sizeof(*grown))) == NULL)
			return (-1);
		if (*n > 0)
			memcpy(grown, *items, *n * sizeof(*grown));
		*items = grown;
	}
	(*items)[(*n)++] = item;
	return (0);
}

static struct json *
parse_array(struct parser *p)
{
	struct json	*v, *item;
	size_t		 cap = 0;

	if (++p->depth > JSON_DEPTH_MAX) {
		(void)perr(p, "nested too deeply");
		return (NULL);
	}
	if ((v = arena_alloc(p->doc, sizeof(*v))) == NULL)
		return (NULL);
	v->type = JSON_ARRAY;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		p->depth--;
		return (v);
	}
	for (;;) {
		skip_ws(p);
		if ((item = parse_value(p)) == NULL)
			return (NULL);
		if (push_item(p, item, &v->items, &v->n, &cap) == -1)
			return (NULL);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			break;
		}
		(void)perr(p, "expected ',' or ']'");
		return (NULL);
	}
	p->depth--;
	return (v);
}

static struct json *
parse_object(struct parser *p)
{
	struct json	*v, *key, *item, **keynodes = NULL;
	size_t		 cap = 0, kcap = 0, kn = 0, i;

	if (++p->depth > JSON_DEPTH_MAX) {
		(void)perr(p, "nested too deeply");
		return (NULL);
	}
	if ((v = arena_alloc(p->doc, sizeof(*v))) == NULL)
		return (NULL);
	v->type = JSON_OBJECT;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		p->depth--;
		return (v);
	}
	for (;;) {
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '"') {
			(void)perr(p, "expected a key in quotes");
			return (NULL);
		}
		if ((key = parse_string(p)) == NULL)
			return (NULL);
		for (i = 0; i < kn; i++) {
			if (strcmp(keynodes[i]->str, key->str) == 0) {
				(void)perr(p, "duplicate key");
				return (NULL);
			}
		}
		if (push_item(p, key, &keynodes, &kn, &kcap) == -1)
			return (NULL);
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			(void)perr(p, "expected ':'");
			return (NULL);
		}
		p->pos++;
		skip_ws(p);
		if ((item = parse_value(p)) == NULL)
			return (NULL);
		if (push_item(p, item, &v->items, &v->n, &cap) == -1)
			return (NULL);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			break;
		}
		(void)perr(p, "expected ',' or '}'");
		return (NULL);
	}
	if ((v->keys = arena_alloc(p->doc, v->n * sizeof(char *))) == NULL)
		return (NULL);
	for (i = 0; i < v->n; i++)
		v->keys[i] = keynodes[i]->str;
	p->depth--;
	return (v);
}

/* The value of key in an object, or NULL (also if obj is not an object). */
const struct json *
json_get(const struct json *obj, const char *key)
{
	size_t	i;

	if (obj == NULL || obj->type != JSON_OBJECT)
		return (NULL);
	for (i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return (obj->items[i]);
	return (NULL);
}

const char *
json_type_name(enum json_type t)
{
	static const char *const names[] = {
		"null", "false", "true", "number", "string", "array", "object"
	};

	return ((size_t)t < sizeof(names) / sizeof(names[0]) ?
	    names[t] : "?");
}

/* 1 and *out set if v is a number with an integral value in range. */
int
json_is_int(const struct json *v, long long *out)
{
	if (v == NULL || v->type != JSON_NUMBER)
		return (0);
	if (v->num != floor(v->num) || v->num < -9007199254740992.0 ||
	    v->num > 9007199254740992.0)
		return (0);
	*out = (long long)v->num;
	return (1);
}

/* Write s as a JSON string literal; invalid UTF-8 becomes U+FFFD. */
void
json_write_string(struct sbuf *out, const char *s)
{
	json_write_string_n(out, s, strlen(s));
}

void
json_write_string_n(struct sbuf *out, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, k;

	sbuf_putc(out, '"');
	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '"':  sbuf_puts(out, "\\\""); continue;
		case '\\': sbuf_puts(out, "\\\\"); continue;
		case '\n': sbuf_puts(out, "\\n"); continue;
		case '\r': sbuf_puts(out, "\\r"); continue;
		case '\t': sbuf_puts(out, "\\t"); continue;
		case '<':  sbuf_puts(out, "\\u003c"); continue; /* </script> */
		default:
			break;
		}
		if (p[i] < 0x20 || p[i] == 0x7f) {
			sbuf_printf(out, "\\u%04x", p[i]);
			continue;
		}
		if (p[i] < 0x80) {
			sbuf_putc(out, (char)p[i]);
			continue;
		}
		for (k = 1; k < 4 && i + k < n && (p[i + k] & 0xc0) == 0x80; k++)
			;
		if (utf8_valid(s + i, k)) {
			sbuf_add(out, s + i, k);
			i += k - 1;
		} else
			sbuf_puts(out, "\xef\xbf\xbd");
	}
	sbuf_putc(out, '"');
}
