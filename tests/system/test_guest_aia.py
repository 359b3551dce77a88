"""AIA for guests (docs/aia.md "AIA for guests").

On `-M virt,aia=aplic-imsic,aia-guests=2` (two guest interrupt files per
hart) /aia.xscript creates guest0 from virt64-aia-guest.dtb: a vIMSIC
backed by the host's guest files and a vAPLIC in MSI mode.  Its firmware
boots Debian's Linux to the shell, where /proc/interrupts shows the ttyS0
line on APLIC-MSI counting up as we type and /proc/cpuinfo lists ssaia.
On the same host a vPLIC guest (virt64-guest.dtb) then boots Linux too,
without ssaia.  Without guest files (`aia=aplic-imsic` alone) creating the
AIA guest fails with one clear message.  Two hypervisor boots in all.
"""

import os
import re

import pytest

from conftest import ROOT
from guests import bind, boot_disk, guest_cmd, unbind

AIA_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /aia.xscript"'
GUEST_DIR = os.path.join(ROOT, "build", "guest")
LINUX_TIMEOUT = float(os.environ.get("SYSTEST_LINUX_TIMEOUT", "300"))
PROMPT = "guest:~# "
FIRMWARE_PROMPT = "basic# "
VPLIC_GUEST = ("vfs guest_fdt_load guest1 /images/riscv/virt64-guest.dtb 2 "
               "mem0,physical_size,physsize,0x10000000 net0,switch,string,br0 "
               "shmem0,shared_mem,string,default")


def need_payload():
    if not os.path.isfile(os.path.join(GUEST_DIR, "cmdlist")):
        pytest.skip("no Linux payload on the disk (make payload disk)")


def boot_linux(q, name):
    """Kick guest `name`, bind its UART, autoexec: wait for the shell."""
    out = q.run("guest kick " + name)
    assert "%s: Kicked" % name in out
    bind(q, name + "/uart0", FIRMWARE_PROMPT)
    q.send("autoexec\r")
    q.expect_exact(PROMPT, timeout=LINUX_TIMEOUT)
    return guest_cmd(q, "", PROMPT)


def tty_count(interrupts):
    m = re.search(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+APLIC-MSI\S*\s+10\s+Level.*ttyS0", interrupts,
                  re.M)
    assert m, "no APLIC-MSI ttyS0 line in:\n" + interrupts
    return int(m.group(1)) + int(m.group(2))


def test_aia_guest_and_vplic_guest(boot):
    need_payload()
    q = boot_disk(lambda **kw: boot(machine="virt,aia=aplic-imsic,aia-guests=2",
                                    memory="1G", **kw), AIA_BOOTCMD)
    assert "guest interrupt file(s) per hart" in q.boot_log
    assert "guest0: Created" in q.boot_log
    boot_linux(q, "guest0")

    first = guest_cmd(q, "cat /proc/interrupts", PROMPT)
    assert "IMSIC" in first or "APLIC-MSI" in first
    guest_cmd(q, "echo typing through the vAPLIC", PROMPT)
    second = guest_cmd(q, "cat /proc/interrupts", PROMPT)
    assert tty_count(second) > tty_count(first)
    isa = guest_cmd(q, "grep -m1 '^isa' /proc/cpuinfo", PROMPT)
    assert "_ssaia" in isa
    unbind(q)

    for line in (VPLIC_GUEST, "guest create guest1",
                 "vfs guest_load_list guest1 /images/riscv/virt64/nor_flash.list"):
        out = q.run(line, timeout=60)
        assert "Error" not in out, out
    boot_linux(q, "guest1")
    plic = guest_cmd(q, "cat /proc/interrupts", PROMPT)
    assert "PLIC" in plic and "APLIC" not in plic
    isa = guest_cmd(q, "grep -m1 '^isa' /proc/cpuinfo", PROMPT)
    assert "ssaia" not in isa
    unbind(q)


def test_aia_guest_refused_without_guest_files(boot):
    q = boot_disk(lambda **kw: boot(machine="virt,aia=aplic-imsic", **kw), AIA_BOOTCMD)
    log = q.boot_log
    assert "guest interrupt file(s)" not in log
    assert len(re.findall(r"has no guest interrupt files", log)) == 1, log
    assert "guest0: Created" not in log
    out = q.run("guest list")
    assert "guest0" not in out
