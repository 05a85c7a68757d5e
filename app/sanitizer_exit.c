/*
 * sanitizer_exit – how a worker of the sanitizer build (mk/asan.mk,
 * MESURE_ASAN; the asan suite) ends: LeakSanitizer runs in
 * kore_worker_teardown, then the worker leaves with _exit(0).
 *
 * Why not LeakSanitizer's usual check at exit(): after the teardown,
 * Kore's kore_mem_cleanup() unmaps its memory pools, which hold the task
 * threads' mutexes and condition variables while those threads still
 * wait on them (Kore never joins them). The check at exit ptraces every
 * thread; a waiting thread's futex call restarts on unmapped memory,
 * fails with EFAULT, and glibc aborts ("The futex facility returned an
 * unexpected error code") – the worker died before any report. Here the
 * memory is still mapped, the module still loaded: what is reachable
 * from Kore's or the module's globals is not a leak, what nobody points
 * to any more is. The normal build has none of this.
 */
#if defined(MESURE_ASAN)
#include <stdio.h>
#include <unistd.h>
#include <sanitizer/lsan_interface.h>

#include <kore/kore.h>

#include "app.h"

void
sanitizer_worker_exit(void)
{
	int	leaks;

	leaks = __lsan_do_recoverable_leak_check();
	/* tests/asan/run.sh looks for this line, once per worker. */
	kore_log(LOG_NOTICE, "asan: leak check at worker exit: %s",
	    leaks ? "leaks reported" : "no leak");
	fflush(stdout);
	fflush(stderr);
	_exit(0);
}
#endif
