#!/usr/bin/env python3
"""`make bench`: the project's performance figures, one line each as
`name: value unit`.  Each figure is one function listed in FIGURES; a
later milestone adds a figure by writing a function that returns
(value, unit) and appending it there.  QEMU runs go through the system
tests' driver (tests/system/qemu.py) and log under build/test-logs/bench-*.
"""

import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
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


def boot_to_prompt_seed_disk():
    """QEMU start to the prompt after the seed bootcmd: disk mounted,
    boot.xscript run (guest0 created, 31 MB loaded into its flash), banner
    printed.  Median over RUNS boots."""
    times = [timed_boot("boot_to_prompt_seed_disk", initrd=DISK, append=DEMO_BOOTCMD)
             for _ in range(RUNS)]
    return "%.3f" % statistics.median(times), "s (goal <= 0.5)"


def vmm_bin_size():
    return str(os.path.getsize(KERNEL)), "bytes"


DISK = os.path.join(ROOT, "build", "disk.img")
SBITEST_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /sbitest.xscript"'
GUEST_FIGURES = {}
ICOUNT = ["-icount", "shift=0,sleep=off"]
# Instructions per round trip of a bare S-mode guest on OpenSBI, same QEMU
# 7.2, from issue 14 (the sbitest guest cannot run without the hypervisor).
BARE_INSNS = {"sbi_ecall": "251", "mmio_read": "3", "mmio_write": "4"}


def guest_bench(icount=False):
    """The sbitest guest's `bench` command, once per mode: {name: ticks per
    op} (timebase ticks, 10 MHz on QEMU virt).  Under -icount shift=0 one
    instruction is one virtual nanosecond, so a tick is 100 instructions
    (all of them: guest, hypervisor and firmware), deterministically."""
    figures = GUEST_FIGURES.setdefault(icount, {})
    if figures:
        return figures
    name = "bench-guest-icount" if icount else "bench-guest"
    log = os.path.join(LOG_DIR, name + ".log")
    if os.path.exists(log):
        os.remove(log)
    q = Qemu(log, kernel=KERNEL, initrd=DISK, append=SBITEST_BOOTCMD,
             extra=ICOUNT if icount else ())
    try:
        q.start()
        q.run("guest kick sbitest")
        q.send("vserial bind sbitest/uart0\r")
        q.expect_exact("sbitest# ", timeout=60)
        q.send("bench 2000\r")
        out = q.expect_exact("BENCH done", timeout=300)
    finally:
        q.close()
    for name, value in re.findall(r"BENCH (\w+) ([0-9.]+)", out):
        figures[name] = value
    return figures


NESTED_FIGURES = {}


def nested_bench():
    """The same `bench` of the SBI test guest as a nested guest (inside
    this build's vmm.bin, itself guest0 with the H extension: the nested
    test's setup), under -icount: {name: ticks per op}."""
    from test_nested import boot_inner, inner_sbitest

    if NESTED_FIGURES:
        return NESTED_FIGURES
    log = os.path.join(LOG_DIR, "bench-nested-icount.log")
    if os.path.exists(log):
        os.remove(log)
    started = []

    def boot(**kw):
        started.append(Qemu(log, kernel=KERNEL, extra=ICOUNT, **kw))
        started[-1].start()
        return started[-1]

    try:
        q, _ = boot_inner(boot)
        inner_sbitest(q)
        q.send("bench 200\r")
        out = q.expect_exact("BENCH done", timeout=600)
    finally:
        for q in started:
            q.close()
    for name, value in re.findall(r"BENCH (\w+) ([0-9.]+)", out):
        NESTED_FIGURES[name] = value
    return NESTED_FIGURES


def nested_insns(name):
    return "%.0f" % (float(nested_bench()[name]) * 100), "insns (one level: %s)" % insns(name)[0]


def nested_sbi_ecall_insns():
    """SBI ecall round trip of a nested guest: to the inner hypervisor,
    whose every trapped hypervisor-CSR access and sret costs an outer exit."""
    return nested_insns("sbi_ecall")


def nested_mmio_read_insns():
    """Emulated MMIO load of a nested guest (the inner hypervisor's vminfo)."""
    return nested_insns("mmio_read")


def nested_mmio_write_insns():
    """Emulated MMIO store of a nested guest (the inner hypervisor's UART)."""
    return nested_insns("mmio_write")


def insns(name):
    """Instructions per operation under -icount shift=0, beside the bare
    reference where there is one."""
    value = "%.0f" % (float(guest_bench(icount=True)[name]) * 100)
    bare = BARE_INSNS.get(name)
    return value, "insns" + (" (bare S-mode on OpenSBI: %s)" % bare if bare else "")


def guest_sbi_ecall_insns():
    """SBI BASE get_spec_version round trip, in instructions."""
    return insns("sbi_ecall")


def guest_sbi_set_timer_insns():
    """SBI TIME set_timer (a deadline that does not expire), in instructions."""
    return insns("sbi_set_timer")


def guest_mmio_read_insns():
    """Emulated MMIO load (vminfo magic), in instructions."""
    return insns("mmio_read")


def guest_mmio_write_insns():
    """Emulated MMIO store (UART scratch), in instructions."""
    return insns("mmio_write")


def guest_timer_irq_latency_insns():
    """set_timer deadline to the guest's trap handler, in instructions."""
    return insns("timer_irq_latency")


def guest_sbi_ecall():
    """SBI round trip from the guest: BASE get_spec_version."""
    return guest_bench()["sbi_ecall"], "ticks"


def guest_mmio_read():
    """Emulated MMIO load: the vminfo magic register."""
    return guest_bench()["mmio_read"], "ticks"


def guest_mmio_write():
    """Emulated MMIO store: the UART scratch register."""
    return guest_bench()["mmio_write"], "ticks"


def guest_timer_irq_latency():
    """From a set_timer deadline to the guest's trap handler (guest in WFI)."""
    return guest_bench()["timer_irq_latency"], "ticks"


GUEST_DIR = os.path.join(ROOT, "build", "guest")
DEMO_BOOTCMD = ('vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript;'
                'vfs cat /system/banner.txt"')
NATIVE_APPEND = "console=ttyS0 earlycon=uart8250,mmio,0x10000000"
LINUX_PROMPT = "guest:~# "
LINUX_RUNS = int(os.environ.get("BENCH_LINUX_RUNS", "3"))
LINUX_TIMEOUT = 300
LINUX_FIGURES = {}
NO_PAYLOAD = ("-", "(no Linux payload: make payload disk)")


def linux_boot(name, hypervisor):
    """Seconds from starting QEMU to the BusyBox prompt: under the
    hypervisor (section 14 demo: kick, bind, autoexec, all typed as soon as
    each prompt shows) or the same Image and rootfs straight on QEMU."""
    log = os.path.join(LOG_DIR, "bench-%s.log" % name)
    if os.path.exists(log):
        os.remove(log)
    if hypervisor:
        q = Qemu(log, kernel=KERNEL, initrd=DISK, append=DEMO_BOOTCMD)
    else:
        q = Qemu(log, kernel=os.path.join(GUEST_DIR, "Image"),
                 initrd=os.path.join(GUEST_DIR, "rootfs.img"), append=NATIVE_APPEND)
    try:
        t0 = time.monotonic()
        q.start(wait_prompt=hypervisor)
        if hypervisor:
            q.run("guest kick guest0")
            q.send("vserial bind guest0/uart0\r")
            q.expect_exact("basic# ", timeout=60)
            q.send("autoexec\r")
        q.expect_exact(LINUX_PROMPT, timeout=LINUX_TIMEOUT)
        return time.monotonic() - t0
    finally:
        q.close()


def linux_boots():
    """Medians over LINUX_RUNS boots each way, once: {"hypervisor": s,
    "native": s}; empty when the disk has no Linux payload."""
    if LINUX_FIGURES or not os.path.isfile(os.path.join(GUEST_DIR, "Image")):
        return LINUX_FIGURES
    for how, hyp in (("hypervisor", True), ("native", False)):
        times = [linux_boot("linux_%s" % how, hyp) for _ in range(LINUX_RUNS)]
        LINUX_FIGURES[how] = statistics.median(times)
    return LINUX_FIGURES


def linux_figure(key):
    figures = linux_boots()
    if not figures:
        return NO_PAYLOAD
    return "%.3f" % figures[key], "s"


def linux_shell_hypervisor():
    """QEMU start to the Linux guest's shell under the hypervisor."""
    return linux_figure("hypervisor")


def linux_shell_native():
    """The same kernel and rootfs booted directly on QEMU."""
    return linux_figure("native")


def linux_shell_ratio():
    """Under the hypervisor / directly on QEMU (medians)."""
    figures = linux_boots()
    if not figures:
        return NO_PAYLOAD
    return "%.2f" % (figures["hypervisor"] / figures["native"]), "x"


BENCH_DIR = os.path.join(ROOT, "build", "bench")
MD5_RUNS = 3


def md5_image():
    """build/bench/md5.img: an ext2 holding /big.bin, 16 MiB of fresh random
    bytes; returns (image path, host MD5 of big.bin)."""
    staging = os.path.join(BENCH_DIR, "md5-staging")
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    data = os.urandom(16 << 20)
    with open(os.path.join(staging, "big.bin"), "wb") as f:
        f.write(data)
    img = os.path.join(BENCH_DIR, "md5.img")
    if os.path.exists(img):
        os.remove(img)
    subprocess.run(["genext2fs", "-B", "1024", "-b", "20480", "-d", staging, img],
                   check=True, capture_output=True)
    shutil.rmtree(staging)
    return img, hashlib.md5(data).hexdigest()


def vfs_md5_16MiB():
    """`vfs md5` of a 16 MiB file on an ext2 initrd: median over MD5_RUNS of
    the time from sending the command to the next prompt; every digest
    must match the host's."""
    img, want = md5_image()
    log = os.path.join(LOG_DIR, "bench-vfs_md5_16MiB.log")
    if os.path.exists(log):
        os.remove(log)
    q = Qemu(log, kernel=KERNEL, initrd=img, append='vmm.bootcmd="vfs mount initrd /"')
    times = []
    try:
        q.start()
        for _ in range(MD5_RUNS):
            t0 = time.monotonic()
            out = q.run("vfs md5 /big.bin", timeout=300)
            times.append(time.monotonic() - t0)
            if out != "MD5 Digest: %s\n" % want:
                sys.exit("vfs_md5_16MiB: got %r, host md5 %s" % (out, want))
    finally:
        q.close()
    return "%.3f" % statistics.median(times), "s"


FIGURES = [guest_sbi_ecall_insns, guest_sbi_set_timer_insns, guest_mmio_read_insns,
           guest_mmio_write_insns, guest_timer_irq_latency_insns,
           boot_to_prompt, boot_to_prompt_smp4, boot_to_prompt_seed_disk, vmm_bin_size, guest_sbi_ecall,
           guest_mmio_read, guest_mmio_write, guest_timer_irq_latency,
           linux_shell_hypervisor, linux_shell_native, linux_shell_ratio,
           vfs_md5_16MiB]


VIRTIO_BLK_MIB = 64
PING_COUNT = 10


def virtio_linux_boot(name):
    """A mounted-disk boot for the virtio figures, or None without payload."""
    if not os.path.isfile(os.path.join(GUEST_DIR, "Image")):
        return None
    log = os.path.join(LOG_DIR, "bench-%s.log" % name)
    if os.path.exists(log):
        os.remove(log)
    q = Qemu(log, kernel=KERNEL, initrd=DISK, append='vmm.bootcmd="vfs mount initrd /"')
    q.start()
    return q


def virtio_blk_read():
    """Linux guest: `time dd if=/dev/vda of=/dev/null bs=1M count=64` from
    a 64 MiB rbd behind virtio-blk (first read, so from the device), as
    the guest's clock times it."""
    from test_virtio_linux import setup_blk_guest
    from test_linux import linux_cmd

    q = virtio_linux_boot("virtio_blk_read")
    if not q:
        return NO_PAYLOAD
    try:
        setup_blk_guest(q, VIRTIO_BLK_MIB << 20)
        out = linux_cmd(q, "time dd if=/dev/vda of=/dev/null bs=1M count=%d"
                        % VIRTIO_BLK_MIB, timeout=300)
    finally:
        q.close()
    return dd_rate(out, "virtio_blk_read"), "MiB/s"


def dd_rate(out, name):
    """MiB/s of a `time dd ... count=VIRTIO_BLK_MIB` output."""
    m = re.search(r"^real\s+(\d+)m\s*([\d.]+)s$", out, re.M)
    if "%d+0 records out" % VIRTIO_BLK_MIB not in out or not m:
        sys.exit("%s: unexpected output %r" % (name, out))
    secs = int(m.group(1)) * 60 + float(m.group(2))
    return "%.1f" % (VIRTIO_BLK_MIB / max(secs, 0.01))


def virtio_blk_read_native():
    """The reference for virtio_blk_read: the same kernel and rootfs straight
    on QEMU, reading a 64 MiB virtio-blk disk of QEMU's the same way."""
    from test_linux import linux_cmd

    if not os.path.isfile(os.path.join(GUEST_DIR, "Image")):
        return NO_PAYLOAD
    os.makedirs(BENCH_DIR, exist_ok=True)
    img = os.path.join(BENCH_DIR, "blk-native.img")
    with open(img, "wb") as f:
        f.write(os.urandom(VIRTIO_BLK_MIB << 20))
    log = os.path.join(LOG_DIR, "bench-virtio_blk_read_native.log")
    if os.path.exists(log):
        os.remove(log)
    q = Qemu(log, kernel=os.path.join(GUEST_DIR, "Image"),
             initrd=os.path.join(GUEST_DIR, "rootfs.img"), append=NATIVE_APPEND,
             extra=["-drive", "file=%s,format=raw,if=none,id=hd0" % img,
                    "-device", "virtio-blk-device,drive=hd0"])
    try:
        q.start(wait_prompt=False)
        q.expect_exact(LINUX_PROMPT, timeout=LINUX_TIMEOUT)
        out = linux_cmd(q, "time dd if=/dev/vda of=/dev/null bs=1M count=%d"
                        % VIRTIO_BLK_MIB, timeout=300)
    finally:
        q.close()
    return dd_rate(out, "virtio_blk_read_native"), "MiB/s (goal: virtio_blk_read >= 50% of it)"


def virtio_net_ping_rtt():
    """Two Linux guests on bridge br0: average round trip of
    `ping -c 10` from guest0 to guest1."""
    from test_virtio_linux import ping, setup_net_guests

    q = virtio_linux_boot("virtio_net_ping_rtt")
    if not q:
        return NO_PAYLOAD
    try:
        setup_net_guests(q)
        out = ping(q, "guest0", "10.0.0.2", PING_COUNT)
    finally:
        q.close()
    m = re.search(r"round-trip min/avg/max = [\d.]+/([\d.]+)/[\d.]+ ms", out)
    if not m:
        sys.exit("virtio_net_ping_rtt: no ping summary in %r" % out)
    return m.group(1), "ms"


FIGURES += [virtio_blk_read, virtio_blk_read_native, virtio_net_ping_rtt]
FIGURES += [nested_sbi_ecall_insns, nested_mmio_read_insns, nested_mmio_write_insns]


SBITEST_AIA_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /sbitest_aia.xscript"'


def irq_latency(name, machine, bootcmd, mode):
    """The sbitest guest's `irqlat <mode>`: ticks from the guest's UART IER
    store (THR-empty interrupt on) to its trap handler, mean of 50."""
    log = os.path.join(LOG_DIR, "bench-%s.log" % name)
    if os.path.exists(log):
        os.remove(log)
    q = Qemu(log, kernel=KERNEL, machine=machine, initrd=DISK, append=bootcmd)
    try:
        q.start()
        q.run("guest kick sbitest")
        q.send("vserial bind sbitest/uart0\r")
        q.expect_exact("sbitest# ", timeout=60)
        q.send("irqlat %s\r" % mode)
        out = q.expect_exact("sbitest# ", timeout=120)
    finally:
        q.close()
    m = re.search(r"BENCH irq_latency_%s ([0-9.]+)" % mode, out)
    return (m.group(1), "ticks") if m else ("-", "(failed: %s)" % out.strip()[-80:])


AIA_HOST = "virt,aia=aplic-imsic,aia-guests=2"


def guest_irq_latency_vplic():
    """UART interrupt to the guest through the vPLIC (AIA host, same as below)."""
    return irq_latency("irq_vplic", AIA_HOST, SBITEST_BOOTCMD, "plic")


def guest_irq_latency_imsic_file():
    """The same through the vAPLIC into a hardware guest interrupt file."""
    return irq_latency("irq_imsic_file", AIA_HOST, SBITEST_AIA_BOOTCMD, "aia")


def guest_irq_latency_imsic_emulated():
    """The same into an emulated IMSIC file (host without guest files)."""
    return irq_latency("irq_imsic_emulated", "virt,aia=aplic-imsic", SBITEST_AIA_BOOTCMD,
                       "aia")


FIGURES += [guest_irq_latency_vplic, guest_irq_latency_imsic_file,
            guest_irq_latency_imsic_emulated]


def main():
    """Every figure, or those named in BENCH_ONLY (comma-separated); the
    figures also go to build/bench/figures.json, to compare commits."""
    if not os.path.isfile(KERNEL):
        sys.exit("%s not found: run make first" % KERNEL)
    only = [n for n in os.environ.get("BENCH_ONLY", "").split(",") if n]
    unknown = set(only) - {f.__name__ for f in FIGURES}
    if unknown:
        sys.exit("BENCH_ONLY: no figure named %s" % ", ".join(sorted(unknown)))
    results = {}
    for figure in FIGURES:
        if only and figure.__name__ not in only:
            continue
        value, unit = figure()
        results[figure.__name__] = {"value": value, "unit": unit}
        print("%s: %s %s" % (figure.__name__, value, unit), flush=True)
    os.makedirs(BENCH_DIR, exist_ok=True)
    with open(os.path.join(BENCH_DIR, "figures.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
