/*
 * pdfobj – just enough of the PDF syntax (ISO 32000-1 §7.2–7.5) to add a
 * signature to the files libharu writes and to find and check the
 * signature of any file a stranger uploads. A tokenizer, dictionary and
 * array walkers, the classic cross-reference table and trailer.
 *
 * Every function takes the whole file (buf, len) and byte offsets into
 * it, never trusts a number it reads, and never reads outside
 * [0, len): the verifier parses hostile input (tests/fuzz/
 * fuzz_pdfverify.c). Nothing here allocates, but pdf_xref_read().
 */
#ifndef MESURE_PDFOBJ_H
#define MESURE_PDFOBJ_H

#include <stddef.h>

enum pdf_tok {
	PDF_T_EOF,
	PDF_T_ERROR,
	PDF_T_INT,		/* 12, -3 */
	PDF_T_REAL,		/* 1.5 */
	PDF_T_NAME,		/* /Type: start is the '/' */
	PDF_T_STRING,		/* ( … ) */
	PDF_T_HEX,		/* < … > */
	PDF_T_DICT_OPEN,	/* << */
	PDF_T_DICT_CLOSE,	/* >> */
	PDF_T_ARRAY_OPEN,	/* [ */
	PDF_T_ARRAY_CLOSE,	/* ] */
	PDF_T_WORD		/* true, null, R, obj, stream, … */
};

struct pdf_token {
	enum pdf_tok	type;
	size_t		start;		/* first byte */
	size_t		end;		/* one past the last byte */
	long long	ival;		/* PDF_T_INT */
};

/* A value: a token, or a whole dictionary or array (start .. end). */
struct pdf_value {
	enum pdf_tok	type;		/* DICT_OPEN / ARRAY_OPEN for those */
	size_t		start;
	size_t		end;
	long long	ival;		/* INT; the object number of a ref */
	int		is_ref;		/* "N G R" */
	long long	gen;
};

struct pdf_xref {
	size_t		 nobj;		/* entries: object numbers 0..nobj−1 */
	long long	*off;		/* byte offset, or -1 (free/absent) */
	size_t		 startxref;	/* where this section starts */
	long long	 size;		/* trailer /Size */
	long long	 root;		/* trailer /Root object number */
	long long	 info;		/* trailer /Info, or 0 */
	int		 encrypted;	/* trailer has /Encrypt */
	int		 has_prev;	/* trailer has /Prev */
};

int	pdf_token(const unsigned char *, size_t, size_t *, struct pdf_token *);
int	pdf_value(const unsigned char *, size_t, size_t *, struct pdf_value *);
int	pdf_dict_get(const unsigned char *, size_t, size_t, const char *,
	    struct pdf_value *);
int	pdf_name_is(const unsigned char *, size_t, const struct pdf_value *,
	    const char *);
int	pdf_array_item(const unsigned char *, size_t, size_t, size_t,
	    struct pdf_value *);
int	pdf_obj_at(const unsigned char *, size_t, size_t, long long,
	    struct pdf_value *);
int	pdf_xref_read(const unsigned char *, size_t, struct pdf_xref *);
void	pdf_xref_free(struct pdf_xref *);
int	pdf_xref_obj(const unsigned char *, size_t, const struct pdf_xref *,
	    long long, struct pdf_value *);
size_t	pdf_hex_decode(const unsigned char *, size_t, size_t,
	    unsigned char *, size_t);
const unsigned char *pdf_memrmem(const unsigned char *, size_t,
	    const char *);

#endif
