/*
 * sbuf – a growable byte buffer for building responses, SQL parameters and
 * files, shared by app/ and reports/. Kore-free: memory comes from libc.
 *
 * Ownership: the buffer owns data until sbuf_free() or sbuf_steal().
 * data is always NUL-terminated (after sbuf_init), so it can be used as a
 * C string when no NUL was added. On allocation failure the buffer keeps
 * what it had, sets failed, and ignores further writes: callers check
 * failed once, at the end, instead of after every write.
 */
#ifndef MESURE_SBUF_H
#define MESURE_SBUF_H

#include <stdarg.h>
#include <stddef.h>

struct sbuf {
	char	*data;		/* owned; NUL-terminated */
	size_t	 len;		/* bytes used, without the NUL */
	size_t	 cap;		/* bytes allocated */
	int	 failed;	/* an allocation failed */
};

void	 sbuf_init(struct sbuf *);
void	 sbuf_free(struct sbuf *);
void	 sbuf_reset(struct sbuf *);
void	 sbuf_add(struct sbuf *, const void *, size_t);
void	 sbuf_puts(struct sbuf *, const char *);
void	 sbuf_putc(struct sbuf *, char);
void	 sbuf_printf(struct sbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sbuf_vprintf(struct sbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 sbuf_truncate(struct sbuf *, size_t);
char	*sbuf_steal(struct sbuf *, size_t *);

#endif
