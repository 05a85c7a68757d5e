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
#if defined(MESURE_ASAN)
	/*
	 * Only in the sanitizer build (mk/asan.mk, the asan suite):
	 * LeakSanitizer's check at a worker's exit stops the process's
	 * threads from a helper thread that lists /proc/self/task and
	 * ptraces them.
	 */
	KORE_SYSCALL_ALLOW(clone),
	KORE_SYSCALL_ALLOW(ptrace),
	KORE_SYSCALL_ALLOW(prctl),
	KORE_SYSCALL_ALLOW(wait4),
	KORE_SYSCALL_ALLOW(getdents),
	KORE_SYSCALL_ALLOW(getdents64),
	KORE_SYSCALL_ALLOW(sched_yield),
	KORE_SYSCALL_ALLOW(gettid),
	KORE_SYSCALL_ALLOW(getppid),
	KORE_SYSCALL_ALLOW(tgkill),
	KORE_SYSCALL_ALLOW(pipe2),
	/* pthread_getattr_np() in ASan's start of each new thread */
	KORE_SYSCALL_ALLOW(sched_getaffinity),
#endif
);
