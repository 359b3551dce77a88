"""README's path from a fresh clone, as a new user takes it: `git clone`
of this repository (its committed HEAD, or FRESH_CLONE_REV) into a
temporary directory, then `make run` there under pexpect.  The clone builds
everything itself; only the downloads (libfdt sources, the Debian guest
packages) come from the shared cache, CACHE_DIR (~/.cache/rvhv).  At the
prompt the seed boot commands must have mounted the disk, run boot.xscript
and printed the banner; then `guest kick guest0`, `vserial bind
guest0/uart0`, `autoexec` to the Linux shell, a command there, ESC x q and
`shutdown`, after which make itself must succeed.
"""

import os
import re
import shutil
import subprocess
import tempfile

from conftest import ROOT, log_file, need_tool
from qemu import Qemu, normalise
from test_linux import (FIRMWARE_PROMPT, GUEST_CMD_TIMEOUT, GUEST_PROMPT, LINUX_TIMEOUT, UART,
                        guest_wait, linux_cmd)

CACHE_DIR = os.environ.get("CACHE_DIR", os.path.expanduser("~/.cache/rvhv"))
CLONE_REV = os.environ.get("FRESH_CLONE_REV", "HEAD")
# Setup, the whole build, the payload and the disk, on a loaded 2-core host.
BUILD_TIMEOUT = float(os.environ.get("SYSTEST_BUILD_TIMEOUT", "1200"))


def clone(dest):
    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", CLONE_REV], check=True,
                         capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "clone", "-q", "--no-checkout", ROOT, dest], check=True, timeout=300)
    subprocess.run(["git", "-C", dest, "checkout", "-q", rev], check=True, timeout=300)
    return rev


def test_readme_make_run_from_fresh_clone():
    need_tool("git")
    need_tool("make")
    work = tempfile.mkdtemp(prefix="rvhv-fresh-")
    q = Qemu(log_file("test_readme_make_run_from_fresh_clone"))
    try:
        src = os.path.join(work, "rvhv")
        print("fresh clone of %s at %s in %s" % (ROOT, clone(src), src))
        env = dict(os.environ, CACHE_DIR=CACHE_DIR)
        env.pop("MAKEFLAGS", None)
        env.pop("MAKELEVEL", None)
        log = normalise(q.start(command=["make", "run"], cwd=src, env=env,
                                timeout=BUILD_TIMEOUT))
        built = re.findall(r"^vmm\.bin: \d+ bytes$", log, re.M)
        assert "Xvisor v" in log, log[-3000:]
        hyp = log[log.index("Xvisor v"):]
        why = "%s; the hypervisor's boot log:\n%s" % (built, hyp)
        assert "Mounted initrd" in hyp, why
        assert "guest0: Created" in hyp and "guest0: Loaded" in hyp, why
        assert "|  _ \\  \\ \\   / /" in hyp, "no banner: " + why
        assert "Error" not in hyp, why

        assert "guest0: Kicked" in q.run("guest kick guest0")
        q.send("vserial bind %s\r" % UART)
        guest_wait(q, FIRMWARE_PROMPT, GUEST_CMD_TIMEOUT)
        q.send("autoexec\r")
        guest_wait(q, GUEST_PROMPT, LINUX_TIMEOUT)
        assert linux_cmd(q, "uname -m") == "riscv64\n"
        q.send("\x1bxq")
        q.wait_prompt()
        assert "guest0/vcpu0" in q.run("vcpu list")
        q.send("shutdown\r")
        q.expect_exact("Shutting down the host")
        assert q.wait_exit(timeout=60) == 0
    finally:
        q.close()
        shutil.rmtree(work, ignore_errors=True)
