#!/bin/bash
# The asan suite (issue #8 "Memory"): the HTTP tests against the module
# built with AddressSanitizer and UndefinedBehaviorSanitizer
# (build/asan/mesure.so, `make asan-build`, mk/asan.mk), then a clean stop
# of kore; no ASan or UBSan error in the parent or a worker, and no leak
# whose allocation stack is in the module (LeakSanitizer at each worker's
# teardown and the parent's exit; Kore's own leaks are counted, not
# failed: tests/asan/reports.py).
#
#   tests/asan/run.sh [FILE-SUBSTRING]   default: every tests/http file
#
# The instance is the usual one (tests/lib/instance.sh: own cluster, real
# kore as root, chrooted workers as "mesure", worker death policy
# terminate) in var/asan (MESURE_ASAN_WORK to change it), with:
#   - the compiler's libasan and libubsan in kore's LD_PRELOAD (kore
#     itself is not instrumented; ASan must be the first library loaded);
#   - the reports in ROOT/tmp/asan/report.PID. The parent writes there by
#     its host path; a worker, chrooted into ROOT, sees the same path
#     because ROOT holds a symbolic link from ROOT's own host path to "/".
#   - symbolize=0: no symbolizer inside the chroot; reports.py
#     symbolizes afterwards with addr2line;
#   - seccomp enforcing, not tracing, and /proc mounted read-only in ROOT:
#     LeakSanitizer lists /proc/PID/task and ptraces the threads, which a
#     tracer (seccomp_tracing) already holds. app/seccomp.c allows its
#     calls in this build only (MESURE_ASAN). A call still missing kills
#     the worker ("no worker died") or a task thread (an HTTP test times
#     out; dmesg's audit line names the call).
# Prints "N passed, N failed" last, like every suite.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${MESURE_ASAN_WORK:-$top/var/asan}
module=$top/build/asan/mesure.so
only=${1:-}
. "$top/tests/lib/instance.sh"

pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
nok() { echo "not ok - $1"; fail=$((fail + 1)); }
if [ ! -f "$module" ]; then
	echo "not ok - $module missing (make asan-build)"
	echo "0 passed, 1 failed"
	exit 1
fi
cc=${CC:-cc}
asan_rt=$(readlink -f "$($cc -print-file-name=libasan.so)")
ubsan_rt=$(readlink -f "$($cc -print-file-name=libubsan.so)")
for rt in "$asan_rt" "$ubsan_rt"; do
	if [ ! -f "$rt" ]; then
		echo "not ok - sanitizer runtime $rt missing"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

mkdir -p "$work"
root=$work/root
logs=$root/tmp/asan

# LeakSanitizer lists the threads in /proc/PID/task: /proc is mounted in
# the root for this suite only (never in production), and unmounted first
# thing and last (instance_start removes the root with rm -rf).
unmount_proc() {
	if mountpoint -q "$root/proc" 2>/dev/null; then
		umount "$root/proc" || umount -l "$root/proc"
	fi
}
unmount_proc
trap 'instance_stop; unmount_proc' EXIT

instance_pre_kore() {
	local r=$1
	mkdir -p "$r/proc"
	mount -t proc -o ro,nosuid,nodev,noexec proc "$r/proc" || return 1
	mkdir -p "$r/tmp/asan" "$r$(dirname "$r")"
	chown mesure "$r/tmp/asan"
	chmod 700 "$r/tmp/asan"
	ln -sfn / "$r$r"
}

opts="log_path=$logs/report:symbolize=0:detect_leaks=1:halt_on_error=1"
opts="$opts:detect_stack_use_after_return=0:allocator_may_return_null=1${MESURE_ASAN_EXTRA:+:$MESURE_ASAN_EXTRA}"
export INSTANCE_MODULE=$module
export INSTANCE_KORE_ENV="LD_PRELOAD=$asan_rt:$ubsan_rt ASAN_OPTIONS=$opts
    UBSAN_OPTIONS=log_path=$logs/report:symbolize=0:print_stacktrace=1:halt_on_error=1
    LSAN_OPTIONS=log_path=$logs/report:symbolize=0"
export MESURE_TEST_WORK=$work

if ! instance_start "$work" no terminate; then
	echo "not ok - the ASan instance starts"
	echo "$pass passed, $((fail + 1)) failed"
	exit 1
fi
ok "kore starts with the ASan module"
# Where the module is mapped (the same in every worker: they are forked
# after it is loaded), for reports.py.
cp "/proc/$instance_kore_pid/maps" "$work/kore.maps"

/usr/bin/python3 "$top/tests/http/run.py" $only > "$work/http.log" 2>&1
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/http.log" | tail -n 1)
if [ -n "$line" ] && [ "${line#*passed, }" = "0 failed" ]; then
	ok "the HTTP tests pass under ASan ($line)"
else
	grep '^not ok' "$work/http.log" | head -20
	nok "the HTTP tests pass under ASan (${line:-no result line})"
fi

# A clean stop: SIGTERM, the workers drain and exit, LeakSanitizer runs in
# each at exit, then in the parent.
kpid=$instance_kore_pid
kill -TERM "$kpid" 2>/dev/null
for _ in $(seq 1 600); do
	kill -0 "$kpid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$kpid" 2>/dev/null; then
	nok "kore stops within 60 s of SIGTERM"
else
	ok "kore stops within 60 s of SIGTERM"
fi
wait "$kpid" 2>/dev/null
instance_kore_pid=
instance_stop
unmount_proc

if grep -q 'seccomp violation' "$work/kore.log"; then
	grep 'seccomp violation' "$work/kore.log" | sort | uniq -c | head
	nok "no seccomp violation with the sanitizers"
else
	ok "no seccomp violation with the sanitizers"
fi
if grep -qE 'died|sandbox violation' "$work/kore.log"; then
	grep -E 'died|sandbox violation' "$work/kore.log" | head
	nok "no worker died"
else
	ok "no worker died"
fi

# LeakSanitizer runs in each worker at its teardown (app/sanitizer_exit.c:
# while Kore's memory is still mapped; the worker logs a line and leaves
# with _exit), and in the parent at its exit – where Kore always leaks a
# little, so a parent without a report is one where it did not run. A
# worker writes a report only when it finds a leak.
reports=$(find "$logs" -type f 2>/dev/null | sort)
nparent=$(find "$logs" -type f -user root 2>/dev/null | wc -l)
nworker=$(grep -c '^\[wrk [0-9]*\]: asan: leak check at worker exit' "$work/kore.log")
if [ "$nworker" -eq 2 ] && [ "$nparent" -ge 1 ]; then
	ok "LeakSanitizer ran in the parent and in both workers"
else
	nok "LeakSanitizer ran in the parent and in both workers ($nparent parent report, $nworker worker checks)"
fi
if [ -z "$reports" ]; then
	:
elif python3 "$top/tests/asan/reports.py" "$work/kore.maps" "$module" \
    $reports > "$work/reports.txt" 2>&1; then
	ok "no sanitizer error and no leak in Mesure's code ($(tail -n 1 "$work/reports.txt"))"
else
	head -n 80 "$work/reports.txt"
	nok "no sanitizer error and no leak in Mesure's code ($(tail -n 1 "$work/reports.txt"))"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
