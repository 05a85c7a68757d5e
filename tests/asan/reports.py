"""Read the sanitizer reports of the asan suite and decide.

  reports.py MAPS MODULE REPORT...

MAPS is a copy of /proc/PID/maps of the kore parent taken while it ran
(the workers are forked from it after the module is loaded, so the module
sits at the same address in each). Any report that is not a leak (ASan
memory error, UBSan "runtime error") fails. A leak fails when one frame of
its allocation stack lies in MODULE: a leak of Mesure's code. The other
leaks are Kore's and libc's own (Kore frees nothing at exit – its
configuration, the compiled validator regexes, its pools – and the workers
inherit them): they are counted, not failed. Symbolized with addr2line.
Prints the failures, then "N mesure leak(s), N other error(s), N kore leak(s)";
exits 1 on a failure.
"""
import re
import subprocess
import sys


def module_ranges(maps, module):
    ranges = []
    for line in open(maps):
        f = line.split()
        if len(f) >= 6 and f[5] == module:
            lo, hi = (int(x, 16) for x in f[0].split("-"))
            ranges.append((lo, hi, int(f[2], 16)))
    return ranges


def main():
    maps, module, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
    ranges = module_ranges(maps, module)
    base = min((lo - off for lo, hi, off in ranges), default=None)

    def in_module(addr, line):
        if module in line:
            m = re.search(r"\+(0x[0-9a-f]+)\)", line)
            return int(m.group(1), 16) if m else None
        for lo, hi, off in ranges:
            if lo <= addr < hi:
                return addr - base
        return None

    def where(off):
        r = subprocess.run(["addr2line", "-f", "-C", "-p", "-e", module,
                            hex(off)], capture_output=True, text=True)
        return r.stdout.strip()

    mesure = other = kore = 0
    for rep in reports:
        text = open(rep, errors="replace").read()
        for m in re.finditer(r"^.*(ERROR: (AddressSanitizer|UndefinedBehavior"
                             r"Sanitizer)|runtime error:).*$", text, re.M):
            if "LeakSanitizer" not in m.group(0):
                other += 1
                print("%s: %s" % (rep, m.group(0)))
        if "LeakSanitizer has encountered a fatal error" in text:
            other += 1
            print("%s: LeakSanitizer could not run" % rep)
        for block in re.split(r"\n\s*\n", text):
            head = re.search(r"(Direct|Indirect) leak of .*", block)
            if not head:
                continue
            frames = []
            hit = False
            for fl in re.finditer(r"#(\d+) (0x[0-9a-f]+)\s+(.*)", block):
                off = in_module(int(fl.group(2), 16), fl.group(3))
                if off is not None:
                    hit = True
                    frames.append("    #%s %s+%s %s" % (
                        fl.group(1), module, hex(off), where(off)))
                else:
                    frames.append("    #%s %s %s" % fl.groups())
            if hit:
                mesure += 1
                print("%s: %s" % (rep, head.group(0)))
                print("\n".join(frames))
            else:
                kore += 1
    print("%d mesure leak(s), %d other error(s), %d kore leak(s)" % (
        mesure, other, kore))
    return 1 if mesure or other else 0


if __name__ == "__main__":
    sys.exit(main())
