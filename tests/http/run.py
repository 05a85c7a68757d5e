"""Run Mesure's HTTP tests: every test_* function of tests/http/test_*.py,
in file then definition order, against the server and database that
tests/run.sh started (MESURE_TEST_BASE, MESURE_TEST_DB).

Prints "ok - file: name" or "not ok - file: name: why" per test, then
"N passed, N failed". Usage: run.py [--dir DIR] [FILE-SUBSTRING
[TEST-SUBSTRING]]: --dir runs the test_*.py of another suite (tests/proxy),
which may import this directory's helpers (mesure.py, …).
"""
import importlib.util
import inspect
import os
import sys
import time
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)


def main():
    global here
    args = sys.argv[1:]
    if args[:1] == ["--dir"] and len(args) > 1:
        here = os.path.abspath(args[1])
        sys.path.insert(0, here)
        args = args[2:]
    only_file = args[0] if len(args) > 0 else ""
    only_test = args[1] if len(args) > 1 else ""
    passed = failed = 0
    for fn in sorted(os.listdir(here)):
        if not (fn.startswith("test_") and fn.endswith(".py")):
            continue
        if only_file not in fn:
            continue
        spec = importlib.util.spec_from_file_location(fn[:-3],
                                                      os.path.join(here, fn))
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
        except Exception:
            print("not ok - %s: cannot load: %s" % (fn, traceback.format_exc()))
            failed += 1
            continue
        tests = [(n, f) for n, f in inspect.getmembers(mod, inspect.isfunction)
                 if n.startswith("test_") and f.__module__ == mod.__name__]
        tests.sort(key=lambda t: t[1].__code__.co_firstlineno)
        for name, f in tests:
            if only_test not in name:
                continue
            t0 = time.time()
            try:
                f()
            except Exception as e:
                failed += 1
                tb = traceback.extract_tb(e.__traceback__)
                where = next((fr for fr in reversed(tb)
                              if fr.filename.endswith(fn)), tb[-1])
                print("not ok - %s: %s: line %d: %s: %s" % (
                    fn, name, where.lineno, type(e).__name__, e))
                continue
            passed += 1
            print("ok - %s: %s (%.2fs)" % (fn, name, time.time() - t0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
