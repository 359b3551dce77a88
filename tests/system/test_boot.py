"""Boot to the XVisor# prompt on the QEMU virt machine variants.

Each variant gets its own QEMU: PLIC, APLIC+IMSIC and APLIC-only interrupt
controllers, one and four harts, with and without Sstc, smaller MMUs, and
a hart without the H extension.  Checks the boot log layout (banner, INIT
lines, empty line, prompt), what `host info` and `host cpu info` report
about the machine, and the shutdown and reset commands.
"""

import itertools
import os
import re
import subprocess

import pexpect
import pytest

from qemu import BANNER_RE, QEMU_BIN, normalise

pytestmark = pytest.mark.variant

MACHINES = ["virt", "virt,aia=aplic-imsic", "virt,aia=aplic"]


def hyp_log(raw):
    """The hypervisor's part of a boot log: from the banner line on."""
    text = normalise(raw)
    m = BANNER_RE.search(text)
    assert m, "no banner line 'Xvisor v... (...)' in boot log:\n" + text
    return text[m.start():]


def check_boot_log(raw, harts):
    log = hyp_log(raw)
    lines = log.split("\n")
    assert BANNER_RE.match(lines[0])
    # The log ends with an empty line, then the prompt.
    assert log.endswith("\n\n") and not log.endswith("\n\n\n"), repr(log[-80:])
    body = lines[1:-2]
    # Boot commands (INIT: bootcmd: and their output) come last.
    init = list(itertools.takewhile(lambda ln: not ln.startswith("INIT: bootcmd: "), body))
    assert init, "no INIT: lines"
    for line in init:
        assert line.startswith("INIT: "), "unexpected boot line %r" % line
    assert "INIT: %d of %d harts online" % (harts, harts) in body


def field(out, name):
    """Value of a 'Name : value' line of a command's output."""
    m = re.search(r"^\s*%s\s*: (.*)$" % re.escape(name), out, re.M)
    assert m, "no %r line in:\n%s" % (name, out)
    return m.group(1).strip()


def qemu_cpu_has(prop):
    """Whether this QEMU's rv64 CPU has a given property (sv57, ...)."""
    out = subprocess.run([QEMU_BIN, "-M", "virt", "-device", "rv64-riscv-cpu,help"],
                         capture_output=True, text=True, timeout=30).stdout
    return re.search(r"^\s*%s=" % re.escape(prop), out, re.M) is not None


@pytest.mark.parametrize("smp", [1, 4])
@pytest.mark.parametrize("machine", MACHINES)
def test_boot_machine(boot, machine, smp):
    q = boot(machine=machine, smp=smp)
    check_boot_log(q.boot_log, smp)
    info = q.run("host info")
    assert field(info, "Total Online CPUs") == str(smp)
    # OpenSBI picks the boot hart (any of them on -smp 4); we must agree.
    sbi_boot_hart = field(normalise(q.boot_log), "Boot HART ID")
    assert field(info, "Boot CPU Hardware ID") == sbi_boot_hart
    assert "INIT: boot hart %s," % sbi_boot_hart in q.boot_log
    assert field(info, "Total RAM") == "512 MB"
    assert field(info, "Host Name") == "riscv-virtio,qemu"
    # The console takes input on every interrupt controller variant.
    assert q.run("echo typed on " + machine) == "typed on %s\n" % machine
    cpus = q.run("host cpu info")
    assert len(re.findall(r"^CPU\d+:$", cpus, re.M)) == smp
    assert cpus.count("  Online        : yes") == smp


@pytest.mark.parametrize("smp", [1, 4])
@pytest.mark.parametrize("sstc", [True, False])
def test_boot_timer(boot, sstc, smp):
    q = boot(smp=smp, cpu=None if sstc else "rv64,sstc=false")
    check_boot_log(q.boot_log, smp)
    timers = re.findall(r"^  Timer\s*: (.*)$", q.run("host cpu info"), re.M)
    assert timers == ["Sstc stimecmp" if sstc else "SBI TIME"] * smp
    # Time goes on: a short sleep ends, whichever timer drives it.
    assert q.run("sleep msecs 50", timeout=10) == ""


@pytest.mark.parametrize("sstc", [True, False])
def test_deterministic_icount_takes_input(boot, sstc):
    # Under -icount shift=0,sleep=off an idle hart's time jumps to the next
    # timer deadline: a compare programmed at the end of time stopped every
    # clock, the UART's too, and typed input never arrived.
    q = boot(cpu=None if sstc else "rv64,sstc=false",
             extra=["-icount", "shift=0,sleep=off"])
    assert q.run("echo typed under icount") == "typed under icount\n"
    assert q.run("sleep msecs 50", timeout=10) == ""
    assert q.run("echo still typing") == "still typing\n"


@pytest.mark.parametrize("cpu,stage1,stage2", [
    (None, "Sv57", "Sv57x4"),
    ("rv64,sv57=false", "Sv48", "Sv48x4"),
    ("rv64,sv57=false,sv48=false", "Sv39", "Sv39x4"),
])
def test_boot_mmu_modes(boot, cpu, stage1, stage2):
    if cpu and not qemu_cpu_has("sv57"):
        pytest.skip("this QEMU's rv64 CPU cannot turn off Sv57/Sv48")
    q = boot(cpu=cpu)
    check_boot_log(q.boot_log, 1)
    out = q.run("host cpu info")
    assert field(out, "Stage-1 MMU") == stage1
    assert field(out, "Stage-2 MMU") == stage2
    assert field(q.run("host vapool info"), "Mode") == stage1


def test_boot_without_h_extension(boot):
    q = boot(cpu="rv64,h=false", wait_prompt=False)
    before = q.expect_exact("no H extension", timeout=30)
    assert BANNER_RE.search(normalise(before))
    # The hypervisor stops the machine itself: QEMU exits, no prompt.
    q.wait_exit(timeout=30)
    assert "XVisor# " not in q.child.before


def test_shutdown_ends_qemu(boot):
    q = boot()
    q.send("shutdown\r")
    q.expect_exact("Shutting down the host")
    assert q.wait_exit(timeout=30) == 0


def test_reset_reboots(boot):
    q = boot(append='vmm.bootcmd="echo after-boot"')
    assert "INIT: bootcmd: echo after-boot" in q.boot_log
    q.send("reset\r")
    q.expect_exact("Resetting the host")
    again = q.wait_prompt(timeout=60)
    check_boot_log(again, 1)
    assert "INIT: bootcmd: echo after-boot\r\nafter-boot\r\n\r\n" in again
    assert q.run("echo alive") == "alive\n"


def test_boot_log_line_ends(boot):
    """The console gets exactly CR LF at each line end, early lines too."""
    q = boot()
    raw = q.boot_log[q.boot_log.index("Xvisor v"):]
    bad = [ln for ln in re.findall(r"[^\n]*\n", raw) if not re.fullmatch(r"[^\r]*\r\n", ln)]
    assert not bad, "lines not ending in a single CR LF: %r" % bad


def test_runs_wherever_loaded(boot):
    """vmm.bin relocates itself: wrapped in an ELF that QEMU loads 4 MiB
    above the reference address, it still reaches a working prompt, and
    the command, driver and emulator tables (absolute pointers) work."""
    moved = os.path.join(os.path.dirname(__file__), "..", "..", "build", "vmm-moved.elf")
    if not os.path.isfile(moved):
        pytest.fail("build/vmm-moved.elf not found: run make systest")
    q = boot(kernel=moved)
    assert "Total Online CPUs    : 1" in q.run("host info")
    assert "serial@10000000" in q.run("chardev list")
    assert "wallclock" in q.run("help")


def dtb_without_console_driver(tmp_path):
    """QEMU virt's own device tree with the console UART's compatible
    changed to one OpenSBI drives but the hypervisor has no driver for, so
    the hypervisor boots with output (through SBI) but no console input."""
    dtb, dts = tmp_path / "virt.dtb", tmp_path / "virt.dts"
    subprocess.run([QEMU_BIN, "-M", "virt,dumpdtb=%s" % dtb, "-m", "512M", "-smp", "1",
                    "-nographic"], check=True, capture_output=True, timeout=30)
    text = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", str(dtb)], check=True,
                          capture_output=True, text=True, timeout=30).stdout
    assert text.count('"ns16550a"') == 1, "virt's UART not found in its device tree"
    dts.write_text(text.replace('"ns16550a"', '"snps,dw-apb-uart"'))
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(dtb), str(dts)],
                   check=True, timeout=30)
    return str(dtb)


def test_no_console_input_waits(boot, tmp_path):
    """Without a console input device the shell says once why it cannot
    read commands and then blocks: no prompt, nothing more."""
    q = boot(extra=["-dtb", dtb_without_console_driver(tmp_path)], wait_prompt=False)
    got = q.expect(["waiting for one\r\n", "XVisor# "], timeout=60)
    before = q.child.before
    assert got == 0, "a prompt without an input device: %r" % q.tail()
    assert BANNER_RE.search(normalise(before))
    assert "shell: cannot read commands: no console input device" in before
    # A spinning shell prints a prompt (or the message again) within 100 ms;
    # a waiting one prints nothing more.
    got = q.child.expect(["XVisor# ", "shell: ", pexpect.TIMEOUT, pexpect.EOF], timeout=3)
    assert got == 2, "the shell went on after saying it waits: %r" % q.tail()
