/*
 * signer – who holds the signing key, and the wire protocol between the
 * web workers and the signing daemon (reports/cli/mesure-signer.c).
 *
 * The daemon listens on a Unix socket; the key never leaves it. A client
 * sends frames and reads one answer per frame, on one connection:
 *
 *   frame   = "MSG1" type:1 length:4 (big-endian) payload[length]
 *   request 'C' (empty)           → 'c' the certificate, DER
 *   request 'S' SHA-256 (32 bytes) → 's' a detached CAdES CMS, DER
 *   any error                      → 'e' a message in plain words
 *
 * The daemon signs a digest, never a document: it cannot be made to leak
 * the key, only to sign. Who may ask is decided by the socket's owner,
 * group and mode, and by SO_PEERCRED (--allow-uid); every signature is
 * logged with the peer's uid and pid and the digest.
 */
#ifndef MESURE_SIGNER_H
#define MESURE_SIGNER_H

#include <stddef.h>

#define SIGNER_MAGIC		"MSG1"
#define SIGNER_REQ_CERT		'C'
#define SIGNER_REQ_SIGN		'S'
#define SIGNER_RES_CERT		'c'
#define SIGNER_RES_SIGN		's'
#define SIGNER_RES_ERROR	'e'
#define SIGNER_REQ_MAX		64		/* bytes of a request */
#define SIGNER_RES_MAX		(64 * 1024)	/* bytes of an answer */
#define SIGNER_TIMEOUT		10		/* seconds per read/write */

int	signer_write_frame(int, int, const void *, size_t);
int	signer_read_frame(int, int *, unsigned char *, size_t, size_t *);
void	signer_timeouts(int, int);

#endif
