#!/usr/bin/env python3
"""`make bench`: the project's performance figures, one line each as
`name: value unit`.  Each figure is one function listed in FIGURES; a
later milestone adds a figure by writing a function that returns
(value, unit) and appending it there.  QEMU runs go through the system
tests' driver (tests/system/qemu.py) and log under build/test-logs/bench-*.
"""

import os
import statistics
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))

from qemu import Qemu  # noqa: E402

KERNEL = os.path.join(ROOT, "build", "vmm.bin")
LOG_DIR = os.path.join(ROOT, "build", "test-logs")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed_boot(name, **qemu_args):
    """Seconds from starting QEMU to the first XVisor# prompt."""
    log = os.path.join(LOG_DIR, "bench-%s.log" % name)
    if os.path.exists(log):
        os.remove(log)
    q = Qemu(log, kernel=KERNEL, **qemu_args)
    try:
        t0 = time.monotonic()
        q.start()
        return time.monotonic() - t0
    finally:
        q.close()


def boot_to_prompt():
    """Median over RUNS boots of the default machine (virt, 1 hart)."""
    times = [timed_boot("boot_to_prompt") for _ in range(RUNS)]
    return "%.3f" % statistics.median(times), "s"


def boot_to_prompt_smp4():
    """The same on four harts (secondary harts brought up by HSM)."""
    times = [timed_boot("boot_to_prompt_smp4", smp=4) for _ in range(RUNS)]
    return "%.3f" % statistics.median(times), "s"


def vmm_bin_size():
    return str(os.path.getsize(KERNEL)), "bytes"


FIGURES = [boot_to_prompt, boot_to_prompt_smp4, vmm_bin_size]


def main():
    if not os.path.isfile(KERNEL):
        sys.exit("%s not found: run make first" % KERNEL)
    for figure in FIGURES:
        value, unit = figure()
        print("%s: %s %s" % (figure.__name__, value, unit), flush=True)


if __name__ == "__main__":
    main()
