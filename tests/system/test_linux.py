"""The standard demo flow (xvisor-compat.md section 14) with the Linux payload.

One hypervisor boot is shared by the whole module: the disk is mounted,
`host ram info` is read, /boot.xscript creates guest0, and the firmware's
autoexec boots Linux (Debian's kernel, 2 vCPUs started through HSM) to
the BusyBox shell of the initramfs (the firmware banner's vCPU ISA is the
host's less what is hidden).  The tests then run in file order on
that one boot: `ls`, `uname -a`, /proc/cpuinfo (2 harts, each isa line the
host's less what is hidden), /proc/interrupts
(the ttyS0 PLIC line counts up while typing), `date` (the guest RTC
follows the host's wall clock), /proc/cmdline, ESC x q back to XVisor#
with the guest still running, `guest halt` / `guest reset` / a second
autoexec that boots Linux again, and finally `guest destroy`, after which
`host ram info` is back to its value before the guest was created.
Skipped when the disk was built without the payload (GUEST_PAYLOAD=0).
The boot helpers are shared with test_linux_variants.py; a wait that
times out there adds the hypervisor's view (`vcpu list`, `vcpu dumpreg`,
`host irq stats`) to the failure.  Boot times are printed and logged.
"""

import itertools
import os
import re
import time

import pytest

from conftest import ROOT, log_file, need_file
from guests import used_pages, vcpu_states
from qemu import Qemu, QemuError, normalise

DISK = os.path.join(ROOT, "build", "disk.img")
GUEST_DIR = os.path.join(ROOT, "build", "guest")
BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript;vfs cat /system/banner.txt"'
MOUNT_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /"'
CMDLINE = ("root=/dev/ram rw console=ttyS0,115200 "
           "earlycon=uart8250,mmio,0x10000000 mem=256M")
FIRMWARE_PROMPT = "basic# "
GUEST_PROMPT = "guest:~# "
UART = "guest0/uart0"
LINUX_TIMEOUT = float(os.environ.get("SYSTEST_LINUX_TIMEOUT", "300"))
GUEST_CMD_TIMEOUT = 60
RUNNABLE = ("Ready", "Running")
VPLIC_PROBED = ("riscv-plic: interrupt-controller@c000000: mapped 31 interrupts "
                "with 2 handlers for 4 contexts.")
CLOCK_TOLERANCE_S = 300
ROOT_DIRS = {"bin", "dev", "etc", "proc", "root", "sbin", "sys", "tmp", "usr", "init"}

syncs = itertools.count(1)


def need_payload():
    need_file(DISK, "make disk")
    need_file(os.path.join(GUEST_DIR, "cmdlist"), "the Linux payload: make payload disk")


def kernel_release():
    """The packaged kernel's release, e.g. 6.12.117+deb13-riscv64."""
    with open(os.path.join(GUEST_DIR, "VERSIONS"), encoding="utf-8") as f:
        m = re.search(r"^linux-image-(\S+) ", f.read(), re.M)
    assert m, "no linux-image line in build/guest/VERSIONS"
    return m.group(1)


def evidence(q):
    """The hypervisor's view of guest0 after a guest wait failed: detach,
    then `vcpu list`, `vcpu dumpreg` of each guest0 vCPU and `host irq
    stats`.  Never raises: returns what it could collect."""
    parts = []
    try:
        q.send("\x1bxq")
        q.wait_prompt()
        vcpus = q.run("vcpu list")
        parts.append(vcpus)
        for vid in re.findall(r"^ (\d+)\s.*\sguest0/vcpu\d+\s", vcpus, re.M):
            parts.append(q.run("vcpu dumpreg " + vid))
        parts.append(q.run("host irq stats"))
    except QemuError as e:
        parts.append("(hypervisor shell did not answer: %s)" % str(e)[:300])
    return "\n".join(parts)


def guest_wait(q, text, timeout):
    """Wait for text on the bound guest console; on failure, raise with
    the console tail and the hypervisor's evidence."""
    try:
        return q.expect_exact(text, timeout=timeout)
    except QemuError as e:
        raise QemuError("%s\n--- hypervisor evidence ---\n%s" % (e, evidence(q))) from None


def strip_vserial(raw):
    """Console text of a bound guest without the vserial prefixes, the
    shell's cursor-position queries and CRs."""
    text = re.sub(r"\[[\w.-]+/[\w.-]+\] ", "", raw).replace("\x1b[6n", "")
    return normalise(text)


def linux_cmd(q, line, timeout=GUEST_CMD_TIMEOUT):
    """Run one short shell line in the guest; its output (without the
    echoed line), LF line ends."""
    q.send(line + "\r")
    out = strip_vserial(guest_wait(q, GUEST_PROMPT, timeout))
    echo, _, rest = out.partition("\n")
    assert echo.endswith(line), "echo of %r was %r" % (line, echo)
    return rest


def resync_guest(q):
    """Get to a fresh guest prompt, skipping whatever was still buffered
    (the tag is computed by the guest, so its echo cannot match)."""
    n = next(syncs)
    q.send("\recho sync-$((%d+1))\r" % n)
    guest_wait(q, "sync-%d" % (n + 1), GUEST_CMD_TIMEOUT)
    guest_wait(q, GUEST_PROMPT, GUEST_CMD_TIMEOUT)


def resync_host(q):
    """Get to a fresh XVisor# prompt."""
    n = next(syncs)
    q.send("\recho host-sync-%d\r" % n)
    q.expect_exact("host-sync-%d\r\nXVisor# " % n)


def autoexec_linux(q, host=None):
    """From XVisor# with guest0 created and loaded: kick it, bind its UART,
    run autoexec and wait for the BusyBox prompt.  With the host's ISA
    string, the ISA the firmware's banner shows must be the host's less
    what is hidden.  Returns (seconds from autoexec to the prompt, the
    kernel's console log)."""
    assert "guest0: Kicked" in q.run("guest kick guest0")
    q.send("vserial bind %s\r" % UART)
    banner = strip_vserial(guest_wait(q, FIRMWARE_PROMPT, GUEST_CMD_TIMEOUT))
    assert "RISC-V Virt64 Basic Firmware" in banner
    if host:
        m = re.search(r"^vCPU ISA: (\S+)$", banner, re.M)
        assert m, banner
        check_guest_isa(host, [m.group(1)])
    start = time.monotonic()
    q.send("autoexec\r")
    guest_wait(q, "Jumping into linux ...", GUEST_CMD_TIMEOUT)
    log = strip_vserial(guest_wait(q, GUEST_PROMPT, LINUX_TIMEOUT))
    took = time.monotonic() - start
    q.mark("autoexec to BusyBox shell: %.1f s" % took)
    print("autoexec to BusyBox shell: %.1f s" % took)
    assert "BusyBox initramfs on Linux %s: 2 CPU(s)" % kernel_release() in log
    return took, log


def interrupt_line(out, name):
    """(controller, hwirq, total count over CPUs) of a /proc/interrupts row."""
    lines = out.split("\n")
    ncpus = len(lines[0].split())
    for ln in lines[1:]:
        cols = ln.split()
        if cols and cols[-1] == name:
            counts = [int(c) for c in cols[1:1 + ncpus]]
            rest = cols[1 + ncpus:]
            return " ".join(rest[:-3]), int(rest[-3]), sum(counts)
    raise AssertionError("no %s line in:\n%s" % (name, out))


# The extensions whose passing to a guest is checked (docs/isa.md): what
# the hypervisor virtualizes when the host has them, and what it hides.
ISA_CHECKED = set("imafdcvh") | {
    "sstc", "svpbmt", "svnapot", "svinval", "svadu", "sscofpmf", "zicbom", "zicboz",
    "zihintpause", "zicond", "zba", "zbb", "zbc", "zbs", "zfh"}
ISA_HIDDEN = {"h", "sscofpmf"}


def isa_names(isa):
    """The extension names of an ISA string: single letters of the base
    part, then each '_'-separated multi-letter name."""
    base, *multi = isa.lower().split("_")
    assert base.startswith("rv64"), isa
    return set(base[4:]) | set(multi)


def host_isa(q):
    """The ISA string of hart 0 in the host's device tree, as the
    hypervisor's `host cpu info` shows it (QEMU's -cpu model)."""
    m = re.search(r"^\s*ISA \(DT\)\s*: (\S+)$", q.run("host cpu info"), re.M)
    assert m, "no ISA (DT) line in host cpu info"
    return m.group(1)


def check_guest_isa(host, isas):
    """Each guest hart's isa line lists exactly the host's checked
    extensions less the hidden ones."""
    want = sorted((isa_names(host) & ISA_CHECKED) - ISA_HIDDEN)
    for isa in isas:
        assert sorted(isa_names(isa) & ISA_CHECKED) == want, (host, isa)


def check_cpuinfo(out, harts=2):
    """Both harts listed with an rv64 ISA and an MMU; returns the ISAs."""
    blocks = [b for b in out.split("\n\n") if b.strip()]
    fields = [dict(re.findall(r"^([\w ]+?)\s*: (.*)$", b, re.M)) for b in blocks]
    assert [f.get("processor") for f in fields] == [str(i) for i in range(harts)], out
    assert sorted(int(f["hart"]) for f in fields) == list(range(harts)), out
    for f in fields:
        assert f["isa"].startswith("rv64ima"), f
        assert re.fullmatch(r"sv(39|48|57)", f["mmu"]), f
    return [f["isa"] for f in fields]


class LinuxSession:
    """The module's hypervisor boot; `bound` says where the keys go."""

    def __init__(self, q):
        self.q = q
        self.bound = False
        self.ram_before = None
        self.boot_log = ""
        self.host_isa = None

    def at_guest(self):
        if not self.bound:
            self.q.send("vserial bind %s\r" % UART)
            self.bound = True
        resync_guest(self.q)
        return self.q

    def at_host(self):
        if self.bound:
            self.q.send("\x1bxq")
            self.q.wait_prompt()
            self.bound = False
        resync_host(self.q)
        return self.q


@pytest.fixture(scope="module")
def linux(request):
    need_payload()
    kernel = request.config.getoption("--kernel")
    if not os.path.isfile(kernel):
        pytest.fail("%s not found: run make first" % kernel)
    q = Qemu(log_file(request.module.__name__), kernel=kernel, initrd=DISK,
             append=MOUNT_BOOTCMD)
    s = LinuxSession(q)
    try:
        q.start()
        s.ram_before = used_pages(q)
        s.host_isa = host_isa(q)
        out = q.run("vfs run /boot.xscript", timeout=120)
        assert "guest0: Created" in out, out
        assert "guest0: Loaded 0x0000000000100000 with" in out, out
        s.bound = True
        s.boot_log = autoexec_linux(q, s.host_isa)[1]
        yield s
    finally:
        q.close()


@pytest.fixture
def guest(linux, request):
    """The shared Linux guest at a fresh shell prompt."""
    linux.q.mark("test " + request.node.name)
    return linux.at_guest()


@pytest.fixture
def host(linux, request):
    """The shared boot at a fresh XVisor# prompt (guest detached)."""
    linux.q.mark("test " + request.node.name)
    return linux.at_host()


def test_kernel_log(linux):
    log = linux.boot_log
    assert "Linux version %s" % kernel_release() in log
    assert "Kernel command line: " + CMDLINE in log
    assert "smp: Brought up 1 node, 2 CPUs" in log
    assert VPLIC_PROBED in log
    assert "goldfish_rtc 10003000.rtc: registered as rtc0" in log
    assert "Run /init as init process" in log


def test_ls(guest):
    out = linux_cmd(guest, "ls /")
    assert ROOT_DIRS <= set(out.split()), out
    out = linux_cmd(guest, "ls -l /bin/sh")
    assert re.search(r"^l\S+ .* /bin/sh -> busybox$", out, re.M), out


def test_uname(guest):
    out = linux_cmd(guest, "uname -a")
    assert re.fullmatch(r"Linux guest %s #1 SMP .* riscv64 GNU/Linux\n"
                        % re.escape(kernel_release()), out), out


def test_cpuinfo_two_harts(linux, guest):
    isas = check_cpuinfo(linux_cmd(guest, "cat /proc/cpuinfo"))
    check_guest_isa(linux.host_isa, isas)


def test_hwrng_from_the_seed_guest(guest):
    """The stock virt64 guest has a virtio entropy device: 32 bytes come out
    of /dev/hwrng (not EIO) and the virtio_rng module is the source."""
    out = linux_cmd(guest, "cat /sys/class/misc/hw_random/rng_available")
    assert out.startswith("virtio_rng"), out
    out = linux_cmd(guest, "head -c 32 /dev/hwrng | hexdump -v -e '1/1 \"%02x\"'; echo")
    assert re.fullmatch(r"[0-9a-f]{64}\n", out), out
    assert len(set(re.findall("..", out))) > 8, out


def test_ttys0_interrupts_count_while_typing(guest):
    chip, hwirq, before = interrupt_line(linux_cmd(guest, "cat /proc/interrupts"), "ttyS0")
    assert (chip, hwirq) == ("SiFive PLIC", 10)
    lines = ["echo typed-%d-on-ttyS0" % i for i in range(5)]
    for ln in lines:
        assert linux_cmd(guest, ln) == ln[5:] + "\n"
    after = interrupt_line(linux_cmd(guest, "cat /proc/interrupts"), "ttyS0")[2]
    # At least one receive interrupt per typed line.
    assert after - before >= len(lines), (before, after)


def test_date_follows_host_clock(guest):
    t0 = time.time()
    out = linux_cmd(guest, "date -u '+%Y-%m-%d %s'; date")
    t1 = time.time()
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d) (\d+)\n(.+)\n", out)
    assert m, out
    day, secs, plain = m.group(1), int(m.group(2)), m.group(3)
    assert t0 - CLOCK_TOLERANCE_S <= secs <= t1 + CLOCK_TOLERANCE_S, \
        "guest time %s, host %s" % (time.ctime(secs), time.ctime(t1))
    host_days = {time.strftime("%Y-%m-%d", time.gmtime(t)) for t in (t0, t1)}
    assert day in host_days, (day, host_days)
    assert plain.endswith(" UTC " + day[:4]), plain


def test_cmdline_cpus_tty(guest):
    assert linux_cmd(guest, "cat /proc/cmdline") == CMDLINE + "\n"
    assert linux_cmd(guest, "echo cpus=$(nproc) tty=$(tty)") == "cpus=2 tty=/dev/ttyS0\n"


def test_escape_keeps_guest_running(linux):
    q = linux.at_guest()
    q.send("\x1bxq")
    q.wait_prompt()
    linux.bound = False
    out = q.run("guest list")
    assert re.search(r"^ \d+\s+guest0\s+little\s+/guests/guest0\s*$", out, re.M), out
    st = vcpu_states(q)
    assert st["guest0/vcpu0"] in RUNNABLE and st["guest0/vcpu1"] in RUNNABLE, st
    # The guest still answers after a detach and a rebind.
    q = linux.at_guest()
    assert linux_cmd(q, "echo still-$((6*7))") == "still-42\n"


def vcpu_traps(q):
    """{vcpu name: CSR/instruction traps} from `vcpu dumpstat` of guest0's vCPUs."""
    traps = {}
    for line in q.run("vcpu list").split("\n"):
        cols = line.split()
        if len(cols) >= 5 and cols[4].startswith("guest0/vcpu"):
            out = q.run("vcpu dumpstat %s" % cols[0])
            m = re.search(r"CSR/instruction traps (\d+)", out)
            assert m, out
            traps[cols[4]] = int(m.group(1))
    return traps


def test_idle_guest_sleeps(linux):
    """An idle Linux guest waits in WFI instead of spinning through WFI
    exits: over a 2 s `sleep` in the guest, each vCPU takes only a few
    hundred instruction traps (a spinning idle loop takes tens of
    thousands)."""
    q = linux.at_host()
    before = vcpu_traps(q)
    q = linux.at_guest()
    linux_cmd(q, "sleep 2", timeout=60)
    q = linux.at_host()
    after = vcpu_traps(q)
    for name, n in after.items():
        assert n - before[name] < 1000, (name, before[name], n)


def test_halt_reset_and_boot_again(linux, host):
    assert "guest0: Halted" in host.run("guest halt guest0")
    st = vcpu_states(host)
    assert (st["guest0/vcpu0"], st["guest0/vcpu1"]) == ("Halted", "Halted")
    assert "guest0: Reset" in host.run("guest reset guest0")
    st = vcpu_states(host)
    assert (st["guest0/vcpu0"], st["guest0/vcpu1"]) == ("Reset", "Reset")
    linux.bound = True
    autoexec_linux(host)
    assert linux_cmd(host, "cat /proc/cmdline") == CMDLINE + "\n"
    assert linux_cmd(host, "echo cpus=$(nproc)") == "cpus=2\n"


def test_destroy_gives_memory_back(linux, host):
    assert used_pages(host) > linux.ram_before
    assert "guest0: Destroyed" in host.run("guest destroy guest0")
    assert "guest0" not in host.run("guest list")
    assert not [n for n in vcpu_states(host) if n.startswith("guest0/")]
    assert "Failed to find virtual serial port" in host.run_keys("vserial bind " + UART)
    # boot.xscript also made the default shared memory; give it back too.
    host.run("shmem destroy default")
    assert used_pages(host) == linux.ram_before
