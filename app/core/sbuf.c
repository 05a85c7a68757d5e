/*
 * sbuf – growable byte buffer (see sbuf.h for the ownership rules).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

#define SBUF_MIN	256

static int	sbuf_grow(struct sbuf *, size_t);

void
sbuf_init(struct sbuf *sb)
{
	memset(sb, 0, sizeof(*sb));
	(void)sbuf_grow(sb, SBUF_MIN);
}

void
sbuf_free(struct sbuf *sb)
{
	free(sb->data);
	memset(sb, 0, sizeof(*sb));
}

void
sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	sb->failed = 0;
	if (sb->data != NULL)
		sb->data[0] = '\0';
}

/* Make room for need more bytes plus the NUL; 0 on success. */
static int
sbuf_grow(struct sbuf *sb, size_t need)
{
	size_t	 ncap;
	char	*p;

	if (sb->failed)
		return (-1);
	if (need > ((size_t)-1) / 2 - sb->len) {
		sb->failed = 1;
		return (-1);
	}
	if (sb->data != NULL && sb->len + need + 1 <= sb->cap)
		return (0);
	ncap = sb->cap ? sb->cap : SBUF_MIN;
	while (ncap < sb->len + need + 1)
		ncap *= 2;
	if ((p = realloc(sb->data, ncap)) == NULL) {
		sb->failed = 1;
		return (-1);
	}
	if (sb->data == NULL)
		p[0] = '\0';
	sb->data = p;
	sb->cap = ncap;
	return (0);
}

void
sbuf_add(struct sbuf *sb, const void *p, size_t n)
{
	if (sbuf_grow(sb, n) == -1)
		return;
	if (n > 0)
		memcpy(sb->data + sb->len, p, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void
sbuf_puts(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void
sbuf_putc(struct sbuf *sb, char c)
{
	sbuf_add(sb, &c, 1);
}

void
sbuf_vprintf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		sb->failed = 1;
		return;
	}
	if (sbuf_grow(sb, (size_t)n) == -1)
		return;
	(void)vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void
sbuf_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	sbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

void
sbuf_truncate(struct sbuf *sb, size_t len)
{
	if (len < sb->len && sb->data != NULL) {
		sb->len = len;
		sb->data[len] = '\0';
	}
}

/*
 * Hand the bytes to the caller, who frees them with free(3); the buffer is
 * left empty. NULL if an allocation had failed.
 */
char *
sbuf_steal(struct sbuf *sb, size_t *lenp)
{
	char	*p;

	if (sb->failed) {
		sbuf_free(sb);
		return (NULL);
	}
	p = sb->data;
	if (lenp != NULL)
		*lenp = sb->len;
	memset(sb, 0, sizeof(*sb));
	return (p);
}
