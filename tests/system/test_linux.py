"""The standard demo flow (xvisor-compat.md section 14) with the Linux payload.

Boots the hypervisor with build/disk.img, kicks guest0, binds its UART and
runs the firmware's autoexec: Linux (Debian's kernel, 2 vCPUs started
through HSM) must reach the BusyBox shell of the initramfs, whose
/proc/cmdline is the contract's, and ESC x q must give the hypervisor
prompt back.  Skipped when the disk was built without the payload
(GUEST_PAYLOAD=0).  The time from autoexec to the guest shell is printed
and logged, for the benchmarks.
"""

import os
import time

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DISK = os.path.join(ROOT, "build", "disk.img")
GUEST_CMDLIST = os.path.join(ROOT, "build", "guest", "cmdlist")
BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript;vfs cat /system/banner.txt"'
CMDLINE = ("root=/dev/ram rw console=ttyS0,115200 "
           "earlycon=uart8250,mmio,0x10000000 mem=256M")
GUEST_PROMPT = "guest:~# "
LINUX_TIMEOUT = float(os.environ.get("SYSTEST_LINUX_TIMEOUT", "300"))


def test_linux_demo_reaches_busybox_shell(boot):
    if not (os.path.isfile(DISK) and os.path.isfile(GUEST_CMDLIST)):
        pytest.skip("no Linux payload on the disk (make payload disk)")
    q = boot(initrd=DISK, append=BOOTCMD)
    assert "guest0: Created" in q.boot_log
    assert "guest0: Kicked" in q.run("guest kick guest0")
    q.send("vserial bind guest0/uart0\r")
    q.expect_exact("basic# ", timeout=30)
    start = time.monotonic()
    q.send("autoexec\r")
    q.expect_exact("Jumping into linux ...", timeout=60)
    q.expect_exact(GUEST_PROMPT, timeout=LINUX_TIMEOUT)
    took = time.monotonic() - start
    q.mark("autoexec to BusyBox shell: %.1f s" % took)
    print("autoexec to BusyBox shell: %.1f s" % took)

    q.send("cat /proc/cmdline\r")
    out = q.expect_exact(GUEST_PROMPT)
    assert CMDLINE in out
    q.send("echo cpus=$(nproc) tty=$(tty)\r")
    out = q.expect_exact(GUEST_PROMPT)
    assert "cpus=2 tty=/dev/ttyS0" in out

    q.send("\x1bxq")
    q.wait_prompt()
    assert "guest0" in q.run("guest list")
