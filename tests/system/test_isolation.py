"""Isolation and teardown: bad input that must not hurt the hypervisor
(a host_load address that wraps past 2^64), a guest asking for more RAM
than is free (refused, nothing leaked), create/kick/destroy cycles that
leave the page and heap counters where they were, and flooding guests
(virtio and SBI IPIs on a PLIC host, IMSIC MSIs on AIA hosts) destroyed
beside a well-behaved one.
"""

import re
import time

import pytest

from guests import DISK, MOUNT_BOOTCMD, boot_disk

GUEST_DTB = "/images/riscv/virt64-guest.dtb"


def counters(q):
    """(free pages summed over `host ram info` banks, heap used bytes)."""
    out = q.run("host ram info")
    free = [int(n) for n in re.findall(r"free pages (\d+)", out)]
    assert free, "no free pages in %r" % out
    m = re.search(r"Used Size\s*: \d+ KiB \((\d+) bytes\)", q.run("heap info"))
    assert m, "no heap used size"
    return sum(free), int(m.group(1))


def test_host_load_wrapping_address_refused(boot):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    # More than a page, so pa + size wraps past 2^64.
    out = q.run("vfs host_load 0xFFFFFFFFFFFFF000 /images/riscv/virt64/firmware.bin")
    assert "error -14" in out, out
    # The hypervisor survived and still answers.
    assert q.run("echo alive") == "alive\n"


def test_guest_ram_beyond_free_refused_without_leak(boot):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    q.run("shmem create default 0x1000000 21")
    out = q.run("vfs guest_fdt_load big %s 2 mem0,physical_size,physsize,0x40000000 "
                "shmem0,shared_mem,string,default" % GUEST_DTB)
    assert "Error" not in out, out
    before = counters(q)
    out = q.run("guest create big")
    assert "big: Failed to create" in out, out
    errors = [l for l in out.split("\n")
              if l.startswith("Error") and "command guest failed" not in l]
    assert len(errors) == 1 and "mem0" in errors[0], out
    assert counters(q) == before
    # The memory is really back: a guest of normal size is created.
    out = q.run("vfs guest_fdt_load small %s 2 mem0,physical_size,physsize,0x2000000 "
                "shmem0,shared_mem,string,default" % GUEST_DTB)
    assert "small: Created" in q.run("guest create small")


FLOOD_DIR = "/images/riscv/virt64/flood"
SMP2_TIMEOUT = 60


def flood_guest(q, name, mode, dtb="flood.dtb"):
    """Create guest name from dtb (None: already loaded) with the NOR list
    of mode; return what `guest create` printed."""
    if dtb:
        out = q.run("vfs guest_fdt_load %s %s/%s 2" % (name, FLOOD_DIR, dtb))
        assert "Error" not in out, out
    created = q.run("guest create " + name)
    assert "%s: Created" % name in created, created
    out = q.run("vfs guest_load_list %s %s/%s.list" % (name, FLOOD_DIR, mode))
    assert "Error" not in out, out
    return created


def dumped(q, port):
    return q.run("vserial dump " + port, timeout=SMP2_TIMEOUT)


def wait_dump(q, port, marker, deadline=SMP2_TIMEOUT):
    """Poll `vserial dump` until marker shows (every poll is a shell
    round trip, so no sleep is needed)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if marker in dumped(q, port):
            return
    raise AssertionError("%s never printed %r" % (port, marker))


def wait_count_after(q, port, label, seen, deadline=SMP2_TIMEOUT):
    """port printed "<label> N" with N > seen (dumps show only new
    output); return N."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        counts = [int(n) for n in re.findall(label + r" (\d+)", dumped(q, port))]
        if counts and max(counts) > seen:
            return max(counts)
    raise AssertionError("%s stuck at %s %d" % (port, label, seen))


def wait_counts_after(q, port, seen, deadline=SMP2_TIMEOUT):
    """port printed "<label> N" with N > seen[label] for every label of
    the dict seen (over one or more dumps); return the new counts."""
    now = dict.fromkeys(seen, -1)
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        out = dumped(q, port)
        for label in seen:
            counts = [int(n) for n in re.findall(label + r" (\d+)", out)]
            now[label] = max([now[label]] + counts)
        if all(now[label] > seen[label] for label in seen):
            return now
    raise AssertionError("%s stuck: %r, had %r" % (port, now, seen))


def wait_tick_after(q, seen):
    """The calm guest took timer ticks beyond seen; return the last."""
    return wait_count_after(q, "calm/uart0", "calm: tick", seen)


def boot_smp2(boot):
    return boot(initrd=DISK, append=MOUNT_BOOTCMD, smp=2)


def test_flood_beside_calm_guest(boot):
    """A guest flooding every virtio device and IPIs from 2 vCPUs does not
    stop its neighbour's timer ticks or the shell, and is destroyed while
    flooding."""
    q = boot_smp2(boot)
    flood_guest(q, "calm", "calm")
    assert "calm: Kicked" in q.run("guest kick calm")
    tick = wait_tick_after(q, 0)
    flood_guest(q, "flood", "flood")
    assert "flood: Kicked" in q.run("guest kick flood")
    served = wait_count_after(q, "flood/uart0", "flood: served", 0)
    for _ in range(3):
        assert q.run("echo still here") == "still here\n"
        tick = wait_tick_after(q, tick)
        served = wait_count_after(q, "flood/uart0", "flood: served", served)
    out = q.run("guest destroy flood", timeout=SMP2_TIMEOUT)
    assert "flood: Destroyed" in out, out
    tick = wait_tick_after(q, tick)
    assert q.run("echo done") == "done\n"


def test_create_kick_destroy_cycles_leak_nothing(boot):
    """200 cycles of a 2-vCPU guest whose vCPUs are busy looking each other up,
    on 2 harts, give back every page and heap byte."""
    q = boot_smp2(boot)
    out = q.run("vfs guest_fdt_load cyc %s/flood.dtb 2" % FLOOD_DIR)
    assert "Error" not in out, out
    before = counters(q)
    for i in range(200):
        out = q.run("guest create cyc;vfs guest_load_list cyc %s/busy.list;guest kick cyc"
                    % FLOOD_DIR, timeout=SMP2_TIMEOUT)
        assert "cyc: Kicked" in out, (i, out)
        # Both vCPUs busy (vCPU 0 starts vCPU 1 before it prints).
        wait_dump(q, "cyc/uart0", "busy: running")
        out = q.run("guest destroy cyc", timeout=SMP2_TIMEOUT)
        assert "cyc: Destroyed" in out, (i, out)
    assert counters(q) == before
    assert "Consistency check : OK" in q.run("heap state")


IMSIC_COUNTS = ["imsic: hart%d %s" % (h, w) for h in (0, 1) for w in ("peer", "self")]
# Host machine, harts, and what backs the flooding guest's 2 interrupt
# files (docs/aia.md "AIA for guests").
IMSIC_HOSTS = {
    "files": ("virt,aia=aplic-imsic,aia-guests=2", 2, r"IMSIC on guest interrupt file", 2),
    "emulated": ("virt,aia=aplic-imsic", 2, r"IMSIC emulated", 2),
    "mixed": ("virt,aia=aplic-imsic,aia-guests=1", 1, r"IMSIC emulated", 1),
}


@pytest.mark.variant
@pytest.mark.parametrize("backing", sorted(IMSIC_HOSTS))
def test_imsic_flood_destroyed_beside_calm_guest(boot, backing):
    """A 2-vCPU AIA guest whose vCPUs write MSIs to each other's IMSIC
    files and their own without end (vCPU 1 also waiting in WFI now and
    then), on hardware guest interrupt files, emulated files or one of
    each, is destroyed while flooding, four times: its neighbour keeps
    taking timer ticks, the shell keeps answering, and every page and heap
    byte comes back."""
    machine, smp, binding, nbound = IMSIC_HOSTS[backing]
    q = boot(machine=machine, memory="1G", initrd=DISK, append=MOUNT_BOOTCMD, smp=smp)
    flood_guest(q, "calm", "calm")
    assert "calm: Kicked" in q.run("guest kick calm")
    tick = wait_tick_after(q, 0)
    out = q.run("vfs guest_fdt_load msi %s/flood-aia.dtb 2" % FLOOD_DIR)
    assert "Error" not in out, out
    before = counters(q)
    for cycle in range(4):
        created = flood_guest(q, "msi", "imsic", None)
        assert len(re.findall(r"msi/vcpu\d: " + binding, created)) == nbound, created
        assert "msi: Kicked" in q.run("guest kick msi")
        seen = wait_counts_after(q, "msi/uart0", dict.fromkeys(IMSIC_COUNTS, 0))
        for _ in range(2):
            assert q.run("echo still here") == "still here\n"
            tick = wait_tick_after(q, tick)
            seen = wait_counts_after(q, "msi/uart0", seen)
        out = q.run("guest destroy msi", timeout=SMP2_TIMEOUT)
        assert "msi: Destroyed" in out and "Error" not in out, (cycle, out)
        tick = wait_tick_after(q, tick)
        assert q.run("echo done") == "done\n"
    assert counters(q) == before
    assert "Consistency check : OK" in q.run("heap state")
