/*
 * seccomp – the system calls Mesure's workers need beyond Kore 4.1's own
 * filter. Kore's filter predates glibc 2.33; on Debian 12 ordinary work
 * calls these (KORE.md). Nothing else is allowed: a call missing here
 * kills the worker ("died from sandbox violation"), which the integration
 * tests, run with seccomp_tracing, turn into a failure.
 */
#include <kore/kore.h>
#include <kore/seccomp.h>

KORE_SECCOMP_FILTER("mesure",
	/* stat(), fopen()+fread(), libpq connect, libharu loading a font */
	KORE_SYSCALL_ALLOW(newfstatat),
	/* realloc() of large blocks (big pages, PDF bytes) */
	KORE_SYSCALL_ALLOW(mremap),
	/* the first kore_task_run() and every new thread (report tasks) */
	KORE_SYSCALL_ALLOW(clone3),
	KORE_SYSCALL_ALLOW(rseq),
	/* access() on glibc 2.33+ */
	KORE_SYSCALL_ALLOW(faccessat2),
);
