/*
 * pdfobj – a bounded reader of PDF objects (see pdfobj.h). Depth and
 * lengths are limited; every loop advances; a malformed file gives an
 * error, never a read out of bounds.
 */
#include <stdlib.h>
#include <string.h>

#include "pdfobj.h"

#define DEPTH_MAX	64		/* nested dictionaries and arrays */
#define XREF_MAX	1000000		/* objects in one xref section */

static int
is_white(unsigned char c)
{
	return (c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	    c == ' ');
}

static int
is_delim(unsigned char c)
{
	return (c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%');
}

static int
is_regular(unsigned char c)
{
	return (!is_white(c) && !is_delim(c));
}

/* Skip white space and comments from *pos. */
static void
skip_white(const unsigned char *b, size_t len, size_t *pos)
{
	while (*pos < len) {
		if (is_white(b[*pos]))
			(*pos)++;
		else if (b[*pos] == '%') {
			while (*pos < len && b[*pos] != '\n' && b[*pos] != '\r')
				(*pos)++;
		} else
			break;
	}
}

/*
 * The next token from *pos; *pos moves past it. Returns 0, or -1 at the
 * end or on an error (t->type says which).
 */
int
pdf_token(const unsigned char *b, size_t len, size_t *pos,
    struct pdf_token *t)
{
	size_t		p, depth;
	long long	v;
	int		neg, digits, dot;

	memset(t, 0, sizeof(*t));
	skip_white(b, len, pos);
	p = *pos;
	t->start = p;
	if (p >= len) {
		t->type = PDF_T_EOF;
		t->end = p;
		return (-1);
	}
	switch (b[p]) {
	case '<':
		if (p + 1 < len && b[p + 1] == '<') {
			t->type = PDF_T_DICT_OPEN;
			p += 2;
			break;
		}
		t->type = PDF_T_HEX;
		for (p++; p < len && b[p] != '>'; p++)
			if (!is_white(b[p]) && !((b[p] >= '0' && b[p] <= '9') ||
			    (b[p] >= 'a' && b[p] <= 'f') ||
			    (b[p] >= 'A' && b[p] <= 'F')))
				goto bad;
		if (p >= len)
			goto bad;
		p++;
		break;
	case '>':
		if (p + 1 < len && b[p + 1] == '>') {
			t->type = PDF_T_DICT_CLOSE;
			p += 2;
			break;
		}
		goto bad;
	case '[':
		t->type = PDF_T_ARRAY_OPEN;
		p++;
		break;
	case ']':
		t->type = PDF_T_ARRAY_CLOSE;
		p++;
		break;
	case '(':
		t->type = PDF_T_STRING;
		depth = 1;
		for (p++; p < len && depth > 0; p++) {
			if (b[p] == '\\')
				p++;
			else if (b[p] == '(')
				depth++;
			else if (b[p] == ')')
				depth--;
		}
		if (depth > 0 || p > len)
			goto bad;
		break;
	case '/':
		t->type = PDF_T_NAME;
		for (p++; p < len && is_regular(b[p]); p++)
			;
		break;
	case ')':
	case '{':
	case '}':
		goto bad;
	default:
		/* A number, or a word. */
		neg = digits = dot = 0;
		v = 0;
		if (b[p] == '-' || b[p] == '+') {
			neg = b[p] == '-';
			p++;
		}
		for (; p < len && ((b[p] >= '0' && b[p] <= '9') ||
		    b[p] == '.'); p++) {
			if (b[p] == '.')
				dot++;
			else {
				digits++;
				if (v < 100000000000000LL)
					v = v * 10 + (b[p] - '0');
			}
		}
		if (digits > 0 && dot <= 1 && (p >= len || !is_regular(b[p]))) {
			t->type = dot ? PDF_T_REAL : PDF_T_INT;
			t->ival = neg ? -v : v;
			break;
		}
		/* A word: letters and the rest of the regular run. */
		p = *pos;
		while (p < len && is_regular(b[p]))
			p++;
		if (p == *pos)
			goto bad;
		t->type = PDF_T_WORD;
		break;
	}
	t->end = p;
	*pos = p;
	return (0);
bad:
	t->type = PDF_T_ERROR;
	t->end = p < len ? p : len;
	return (-1);
}

static int
word_is(const unsigned char *b, const struct pdf_token *t, const char *w)
{
	size_t	n = strlen(w);

	return (t->type == PDF_T_WORD && t->end - t->start == n &&
	    memcmp(b + t->start, w, n) == 0);
}

/* Skip a dictionary or an array opened by the token just read. */
static int
skip_compound(const unsigned char *b, size_t len, size_t *pos,
    enum pdf_tok open)
{
	struct pdf_token	t;
	enum pdf_tok		stack[DEPTH_MAX];
	int			depth;

	depth = 0;
	stack[depth++] = open;
	while (depth > 0) {
		if (pdf_token(b, len, pos, &t) == -1)
			return (-1);
		if (t.type == PDF_T_DICT_OPEN || t.type == PDF_T_ARRAY_OPEN) {
			if (depth >= DEPTH_MAX)
				return (-1);
			stack[depth++] = t.type;
		} else if (t.type == PDF_T_DICT_CLOSE) {
			if (stack[--depth] != PDF_T_DICT_OPEN)
				return (-1);
		} else if (t.type == PDF_T_ARRAY_CLOSE) {
			if (stack[--depth] != PDF_T_ARRAY_OPEN)
				return (-1);
		}
	}
	return (0);
}

/*
 * The next value from *pos: a token, "N G R" as one reference, or a
 * whole dictionary or array. Returns 0, or -1 (including at a closing
 * bracket, which the caller reads as the end of its container).
 */
int
pdf_value(const unsigned char *b, size_t len, size_t *pos,
    struct pdf_value *v)
{
	struct pdf_token	t, t2, t3;
	size_t			p2;

	memset(v, 0, sizeof(*v));
	if (pdf_token(b, len, pos, &t) == -1)
		return (-1);
	v->type = t.type;
	v->start = t.start;
	v->ival = t.ival;
	switch (t.type) {
	case PDF_T_DICT_OPEN:
	case PDF_T_ARRAY_OPEN:
		if (skip_compound(b, len, pos, t.type) == -1)
			return (-1);
		v->end = *pos;
		return (0);
	case PDF_T_DICT_CLOSE:
	case PDF_T_ARRAY_CLOSE:
		v->end = t.end;
		return (-1);
	case PDF_T_INT:
		/* Maybe "N G R". */
		p2 = *pos;
		if (t.ival >= 0 && pdf_token(b, len, &p2, &t2) == 0 &&
		    t2.type == PDF_T_INT && t2.ival >= 0 &&
		    pdf_token(b, len, &p2, &t3) == 0 && word_is(b, &t3, "R")) {
			v->is_ref = 1;
			v->gen = t2.ival;
			*pos = p2;
			v->end = p2;
			return (0);
		}
		v->end = t.end;
		return (0);
	default:
		v->end = t.end;
		return (0);
	}
}

/*
 * In the dictionary starting at dict (its "<<"), the value of key
 * ("/ByteRange" without the slash: "ByteRange"). Returns 1 and fills v
 * if found at the top level of the dictionary, 0 if not, -1 if the
 * dictionary does not parse.
 */
int
pdf_dict_get(const unsigned char *b, size_t len, size_t dict,
    const char *key, struct pdf_value *v)
{
	struct pdf_token	t;
	size_t			pos, kl;
	int			found;

	pos = dict;
	if (pdf_token(b, len, &pos, &t) == -1 || t.type != PDF_T_DICT_OPEN)
		return (-1);
	kl = strlen(key);
	found = 0;
	for (;;) {
		if (pdf_token(b, len, &pos, &t) == -1)
			return (-1);
		if (t.type == PDF_T_DICT_CLOSE)
			return (found);
		if (t.type != PDF_T_NAME)
			return (-1);
		if (t.end - t.start - 1 == kl &&
		    memcmp(b + t.start + 1, key, kl) == 0) {
			if (pdf_value(b, len, &pos, v) == -1)
				return (-1);
			/* The last occurrence wins, as in most readers. */
			found = 1;
			continue;
		}
		{
			struct pdf_value	skip;

			if (pdf_value(b, len, &pos, &skip) == -1)
				return (-1);
		}
	}
}

/* Whether v is the name /name. */
int
pdf_name_is(const unsigned char *b, size_t len, const struct pdf_value *v,
    const char *name)
{
	size_t	n = strlen(name);

	return (v->type == PDF_T_NAME && v->end <= len &&
	    v->end - v->start - 1 == n &&
	    memcmp(b + v->start + 1, name, n) == 0);
}

/* Item i of the array starting at arr; 1 found, 0 past the end, -1 bad. */
int
pdf_array_item(const unsigned char *b, size_t len, size_t arr, size_t i,
    struct pdf_value *v)
{
	struct pdf_token	t;
	size_t			pos, k;

	pos = arr;
	if (pdf_token(b, len, &pos, &t) == -1 || t.type != PDF_T_ARRAY_OPEN)
		return (-1);
	for (k = 0;; k++) {
		if (pdf_value(b, len, &pos, v) == -1)
			return (v->type == PDF_T_ARRAY_CLOSE ? 0 : -1);
		if (k == i)
			return (1);
	}
}

/*
 * The object "num G obj" at offset off: v is its value (a dictionary,
 * usually). Returns 0 or -1.
 */
int
pdf_obj_at(const unsigned char *b, size_t len, size_t off, long long num,
    struct pdf_value *v)
{
	struct pdf_token	t;
	size_t			pos;

	pos = off;
	if (pdf_token(b, len, &pos, &t) == -1 || t.type != PDF_T_INT ||
	    t.ival != num)
		return (-1);
	if (pdf_token(b, len, &pos, &t) == -1 || t.type != PDF_T_INT)
		return (-1);
	if (pdf_token(b, len, &pos, &t) == -1 || !word_is(b, &t, "obj"))
		return (-1);
	return (pdf_value(b, len, &pos, v));
}

/* The last occurrence of s in b[0..len), or NULL. */
const unsigned char *
pdf_memrmem(const unsigned char *b, size_t len, const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n > len)
		return (NULL);
	for (i = len - n + 1; i-- > 0;)
		if (b[i] == (unsigned char)s[0] && memcmp(b + i, s, n) == 0)
			return (b + i);
	return (NULL);
}

/*
 * The last classic cross-reference section and its trailer (what
 * libharu writes; cross-reference streams are not read). Returns 0, or
 * -1 if the file does not end with one. Free x with pdf_xref_free().
 */
int
pdf_xref_read(const unsigned char *b, size_t len, struct pdf_xref *x)
{
	const unsigned char	*sx;
	struct pdf_token	 t;
	struct pdf_value	 v;
	size_t			 pos, tail, i, trailer;
	long long		 first, count, off, k;

	memset(x, 0, sizeof(*x));
	tail = len > 1024 ? len - 1024 : 0;
	if ((sx = pdf_memrmem(b + tail, len - tail, "startxref")) == NULL)
		return (-1);
	pos = (size_t)(sx - b) + 9;
	if (pdf_token(b, len, &pos, &t) == -1 || t.type != PDF_T_INT ||
	    t.ival < 0 || (unsigned long long)t.ival >= len)
		return (-1);
	x->startxref = (size_t)t.ival;
	pos = x->startxref;
	if (pdf_token(b, len, &pos, &t) == -1 || !word_is(b, &t, "xref"))
		return (-1);
	for (;;) {
		size_t save = pos;

		if (pdf_token(b, len, &pos, &t) == -1)
			goto bad;
		if (word_is(b, &t, "trailer"))
			break;
		if (t.type != PDF_T_INT || t.ival < 0)
			goto bad;
		first = t.ival;
		if (pdf_token(b, len, &pos, &t) == -1 ||
		    t.type != PDF_T_INT || t.ival < 0 ||
		    first + t.ival > XREF_MAX)
			goto bad;
		count = t.ival;
		if ((size_t)(first + count) > x->nobj) {
			long long *n = realloc(x->off,
			    sizeof(*n) * (size_t)(first + count));

			if (n == NULL)
				goto bad;
			for (i = x->nobj; i < (size_t)(first + count); i++)
				n[i] = -1;
			x->off = n;
			x->nobj = (size_t)(first + count);
		}
		for (k = 0; k < count; k++) {
			struct pdf_token ta, tb, tc;

			if (pdf_token(b, len, &pos, &ta) == -1 ||
			    ta.type != PDF_T_INT ||
			    pdf_token(b, len, &pos, &tb) == -1 ||
			    tb.type != PDF_T_INT ||
			    pdf_token(b, len, &pos, &tc) == -1 ||
			    tc.type != PDF_T_WORD)
				goto bad;
			off = ta.ival;
			if (word_is(b, &tc, "n") && off >= 0 &&
			    (unsigned long long)off < len)
				x->off[first + k] = off;
			else if (!word_is(b, &tc, "f") && !word_is(b, &tc, "n"))
				goto bad;
		}
		(void)save;
	}
	trailer = pos;
	skip_white(b, len, &trailer);
	if (pdf_dict_get(b, len, trailer, "Size", &v) != 1 ||
	    v.type != PDF_T_INT || v.ival <= 0)
		goto bad;
	x->size = v.ival;
	if (pdf_dict_get(b, len, trailer, "Root", &v) != 1 || !v.is_ref)
		goto bad;
	x->root = v.ival;
	if (pdf_dict_get(b, len, trailer, "Info", &v) == 1 && v.is_ref)
		x->info = v.ival;
	x->encrypted = pdf_dict_get(b, len, trailer, "Encrypt", &v) == 1;
	x->has_prev = pdf_dict_get(b, len, trailer, "Prev", &v) == 1;
	return (0);
bad:
	pdf_xref_free(x);
	return (-1);
}

void
pdf_xref_free(struct pdf_xref *x)
{
	free(x->off);
	memset(x, 0, sizeof(*x));
}

/* The value of object num through the cross-reference table. */
int
pdf_xref_obj(const unsigned char *b, size_t len, const struct pdf_xref *x,
    long long num, struct pdf_value *v)
{
	if (num < 0 || (size_t)num >= x->nobj || x->off[num] < 0)
		return (-1);
	return (pdf_obj_at(b, len, (size_t)x->off[num], num, v));
}

static int
hexv(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/*
 * Decode the hex string b[start..end) ("<…>", brackets included) into
 * out (at most outsz bytes); white space is skipped, an odd last digit
 * counts as followed by 0. Returns the number of bytes written.
 */
size_t
pdf_hex_decode(const unsigned char *b, size_t start, size_t end,
    unsigned char *out, size_t outsz)
{
	size_t	p, n;
	int	hi, v;

	n = 0;
	hi = -1;
	for (p = start + 1; p < end && n < outsz; p++) {
		if (b[p] == '>')
			break;
		if ((v = hexv(b[p])) < 0)
			continue;
		if (hi < 0)
			hi = v;
		else {
			out[n++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0 && n < outsz)
		out[n++] = (unsigned char)(hi << 4);
	return (n);
}
