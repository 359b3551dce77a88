"""Helpers for the system tests that run guests: boot the hypervisor with
the disk image and an xscript, bind a guest UART and talk to the guest's
prompt, detach with ESC x q, and read the `vcpu list` and `host ram info`
tables.  Every wait has a timeout.
"""

import os
import re

from conftest import ROOT, need_file

DISK = os.path.join(ROOT, "build", "disk.img")
DEMO_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript"'
SBITEST_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /sbitest.xscript"'
MOUNT_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /"'
GUEST_TIMEOUT = 60


def boot_disk(boot, bootcmd):
    """A fresh boot with build/disk.img and the given vmm.bootcmd."""
    need_file(DISK, "make disk")
    return boot(initrd=DISK, append=bootcmd)


def bind(q, vserial, prompt, timeout=GUEST_TIMEOUT):
    """Bind the shell to a guest UART and wait for the guest's prompt;
    returns the console text before it."""
    q.send("vserial bind %s\r" % vserial)
    return q.expect_exact(prompt, timeout=timeout)


def guest_cmd(q, line, prompt, timeout=GUEST_TIMEOUT):
    """Type a line at a bound guest prompt; the guest's output (prefixes of
    the vserial stripped, LF line ends) up to its next prompt."""
    q.send(line + "\r")
    raw = q.expect_exact(prompt, timeout=timeout)
    text = re.sub(r"\[[\w.-]+/[\w.-]+\] ", "", raw)
    return re.sub(r"\r+\n", "\n", text).replace("\r", "")


def unbind(q):
    """ESC x q: back to the XVisor# prompt."""
    q.send("\x1bxq")
    q.wait_prompt()


def vcpu_states(q):
    """{vcpu name: state} from `vcpu list`."""
    states = {}
    for line in q.run("vcpu list").split("\n"):
        cols = line.split()
        if len(cols) >= 5 and cols[0].isdigit():
            states[cols[4]] = cols[3]
    return states


def vcpu_rows(q):
    """{vcpu name: (thread id, host cpu, affinity)} from `vcpu list`."""
    rows = {}
    for line in q.run("vcpu list").split("\n"):
        cols = line.split()
        if len(cols) >= 6 and cols[0].isdigit():
            rows[cols[4]] = (cols[0], cols[1], cols[5])
    return rows


def used_pages(q):
    """Used pages summed over the banks of `host ram info`."""
    out = q.run("host ram info")
    pages = [int(n) for n in re.findall(r"used pages (\d+)", out)]
    assert pages, "no used pages in %r" % out
    return sum(pages)
