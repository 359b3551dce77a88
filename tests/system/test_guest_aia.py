"""AIA for guests (docs/aia.md "AIA for guests").

/aia.xscript creates guest0 from virt64-aia-guest.dtb: a vIMSIC (one
interrupt file per vCPU, backed by a host guest interrupt file when its
hart has a free one, emulated otherwise) and a vAPLIC in MSI mode.  Its
firmware boots Debian's Linux to the shell, where /proc/interrupts shows
the ttyS0 line on APLIC-MSI counting up as we type, /proc/cpuinfo lists
ssaia and both CPUs are online (IPIs through the IMSIC).  Hosts:
* `aia=aplic-imsic` without guest files: both vCPUs emulated;
* `aia-guests=2`, one hart: guest0 takes both files, a second AIA guest
  falls back to emulation;
* `aia-guests=1`, two harts: guest0/vcpu1 moved to hart 0 (file taken:
  emulated) and back (file again); a vPLIC guest boots beside it;
* a PLIC host refuses the AIA guest with one message.
Four hypervisor boots, five Linux boots.
"""

import os
import re

from conftest import ROOT, need_file
from guests import bind, boot_disk, guest_cmd, unbind

AIA_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /aia.xscript"'
GUEST_DIR = os.path.join(ROOT, "build", "guest")
LINUX_TIMEOUT = float(os.environ.get("SYSTEST_LINUX_TIMEOUT", "300"))
PROMPT = "guest:~# "
FIRMWARE_PROMPT = "basic# "
FDT_ARGS = ("2 mem0,physical_size,physsize,0x10000000 net0,switch,string,br0 "
            "shmem0,shared_mem,string,default")
VPLIC_GUEST = ("vfs guest_fdt_load guest1 /images/riscv/virt64-guest.dtb " + FDT_ARGS,
               "guest create guest1",
               "vfs guest_load_list guest1 /images/riscv/virt64/nor_flash.list")
AIA_GUEST1 = ("vfs guest_fdt_load guest1 /images/riscv/virt64-aia-guest.dtb " + FDT_ARGS,
              "guest create guest1",
              "vfs guest_load_list guest1 /images/riscv/virt64/nor_flash_aia.list")


def need_payload():
    need_file(os.path.join(GUEST_DIR, "cmdlist"), "the Linux payload: make payload disk")


def boot_linux(q, name):
    """Kick guest `name`, bind its UART, autoexec: wait for the shell."""
    out = q.run("guest kick " + name)
    assert "%s: Kicked" % name in out
    bind(q, name + "/uart0", FIRMWARE_PROMPT)
    q.send("autoexec\r")
    q.expect_exact(PROMPT, timeout=LINUX_TIMEOUT)
    return guest_cmd(q, "", PROMPT)


def create(q, lines):
    """Run guest creation lines; return their output."""
    text = ""
    for line in lines:
        out = q.run(line, timeout=60)
        assert "Error" not in out, out
        text += out
    return text


def vcpu_ids(q):
    """{vcpu name: thread id} from `vcpu list`."""
    ids = {}
    for line in q.run("vcpu list").split("\n"):
        cols = line.split()
        if len(cols) >= 5 and cols[0].isdigit():
            ids[cols[4]] = cols[0]
    return ids


def tty_count(interrupts):
    m = re.search(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+APLIC-MSI\S*\s+10\s+Level.*ttyS0", interrupts,
                  re.M)
    assert m, "no APLIC-MSI ttyS0 line in:\n" + interrupts
    return int(m.group(1)) + int(m.group(2))


def aia_guest_checks(q, name):
    """Boot `name` to its shell: ttyS0 on APLIC-MSI counts typed lines,
    ssaia is in /proc/cpuinfo, and IPIs work (both CPUs online and their
    IPI counters count after work on each)."""
    boot_linux(q, name)
    first = guest_cmd(q, "cat /proc/interrupts", PROMPT)
    guest_cmd(q, "echo typing through the vAPLIC", PROMPT)
    second = guest_cmd(q, "cat /proc/interrupts", PROMPT)
    assert tty_count(second) > tty_count(first)
    isa = guest_cmd(q, "grep -m1 '^isa' /proc/cpuinfo", PROMPT)
    assert "_ssaia" in isa
    assert guest_cmd(q, "cat /sys/devices/system/cpu/online", PROMPT).split()[-1] == "0-1"
    return second


def test_aia_guest_emulated_imsic(boot):
    """No guest files on the host: both vCPUs' IMSICs are emulated (sireg,
    stopei and the MSI pages trap), and Linux runs on them."""
    need_payload()
    q = boot_disk(lambda **kw: boot(machine="virt,aia=aplic-imsic", memory="1G", **kw),
                  AIA_BOOTCMD)
    log = q.boot_log
    assert "guest interrupt file(s)" not in log
    assert len(re.findall(r"guest0/vcpu\d: IMSIC emulated", log)) == 2, log
    assert "guest0: Created" in log
    interrupts = aia_guest_checks(q, "guest0")
    ipis = re.search(r"^\s*IPI0:\s+(\d+)\s+(\d+)", interrupts, re.M)
    assert ipis and int(ipis.group(1)) > 0 and int(ipis.group(2)) > 0, interrupts
    unbind(q)


def test_aia_guest_refused_on_plic_host(boot):
    q = boot_disk(lambda **kw: boot(**kw), AIA_BOOTCMD)
    log = q.boot_log
    assert len(re.findall(r"an AIA guest needs a host with an IMSIC", log)) == 1, log
    assert "guest0: Created" not in log
    out = q.run("guest list")
    assert "guest0" not in out


def test_two_aia_guests_files_then_emulation(boot):
    """aia-guests=2 on one hart: guest0's two vCPUs take both guest files,
    guest1 (AIA too) finds none left and runs on emulated IMSICs."""
    need_payload()
    q = boot_disk(lambda **kw: boot(machine="virt,aia=aplic-imsic,aia-guests=2",
                                    memory="1G", **kw), AIA_BOOTCMD)
    log = q.boot_log
    assert "2 guest interrupt file(s) per hart" in log
    assert "guest0/vcpu0: IMSIC on guest interrupt file 1 of hart 0" in log
    assert "guest0/vcpu1: IMSIC on guest interrupt file 2 of hart 0" in log
    aia_guest_checks(q, "guest0")
    unbind(q)
    out = create(q, AIA_GUEST1)
    assert len(re.findall(r"guest1/vcpu\d: IMSIC emulated", out)) == 2, out
    aia_guest_checks(q, "guest1")
    unbind(q)


def test_aia_vcpu_migration_moves_its_file(boot):
    """aia-guests=1 on two harts: one file per hart, one vCPU per hart.
    Moving guest0/vcpu1 to hart 0 (file taken) falls back to emulation,
    moving it back takes hart 1's file again; Linux keeps taking its
    interrupts throughout.  A vPLIC guest then boots beside it."""
    need_payload()
    q = boot_disk(lambda **kw: boot(machine="virt,aia=aplic-imsic,aia-guests=1", smp=2,
                                    memory="1G", **kw), AIA_BOOTCMD)
    log = q.boot_log
    assert "guest0/vcpu0: IMSIC on guest interrupt file 1 of hart 0" in log
    assert "guest0/vcpu1: IMSIC on guest interrupt file 1 of hart 1" in log
    aia_guest_checks(q, "guest0")
    unbind(q)
    vcpu1 = vcpu_ids(q)["guest0/vcpu1"]
    for hart, expect in (("0", "moved to hart 0, IMSIC emulated"),
                         ("1", "moved to hart 1, IMSIC on its guest interrupt file 1")):
        text = q.run("vcpu set_affinity %s %s" % (vcpu1, hart))
        q.send("vserial bind guest0/uart0\r")
        text += guest_cmd(q, "", PROMPT)
        before = guest_cmd(q, "cat /proc/interrupts", PROMPT)
        # The vCPU re-binds at its next load, when it next wakes: the
        # message may come with any of these outputs.
        loop = guest_cmd(q, "for i in 1 2 3; do cat /proc/interrupts > /dev/null; done",
                         PROMPT)
        after = guest_cmd(q, "cat /proc/interrupts", PROMPT)
        assert tty_count(after) > tty_count(before)
        q.send("\x1bxq")
        text += before + loop + after + q.wait_prompt() + q.run("vcpu list")
        assert expect in text, text
        assert re.search(r"^\s*%s\s+%s\s" % (vcpu1, hart), text, re.M), text
    create(q, VPLIC_GUEST)
    boot_linux(q, "guest1")
    plic = guest_cmd(q, "cat /proc/interrupts", PROMPT)
    assert "PLIC" in plic and "APLIC" not in plic
    isa = guest_cmd(q, "grep -m1 '^isa' /proc/cpuinfo", PROMPT)
    assert "ssaia" not in isa
    unbind(q)
