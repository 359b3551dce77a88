"""The `host` verbs beyond info/cpu/irq/ram/vapool: cpu poke through a
cross call on a two-hart host (and `memory dump` run on the other hart), the physical address space, the page pool,
device resources, the platform bus with the drivers bound, and the device
classes with their members.
"""

import re

import pytest

RULER = "-" * 79


def table(out):
    """Rows (column lists) between the 2nd and 3rd rulers."""
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == RULER and lines[2] == RULER and lines[-1] == RULER, out
    return [line.split() for line in lines[3:-1]]


def test_cpu_poke_two_harts(boot):
    q = boot(smp=2)
    out = q.run("host cpu poke")
    assert out == ("CPU0: poked, answered from CPU0 (this CPU)\n"
                   "CPU1: poked, answered from CPU1\n"), out
    assert q.run("host cpu poke 1") == "CPU1: poked, answered from CPU1\n"
    out = q.run("host cpu poke 2")
    assert out == ("Error: 2 is not an online host CPU\n"
                   "Error: command host failed (code -22)\n"), out
    # memory dump on the other hart reads what this one wrote.
    assert q.run("shmem create t 0x1000") == "Created t shared memory\n"
    pa = int(re.search(r"^ t\s+0x([0-9a-f]+)", q.run("shmem list"), re.M).group(1), 16)
    assert q.run("memory modify32 0x%x 0xcafef00d" % pa) == ""
    assert q.run("memory dump32 0x%x 1 1" % pa) == "0x%016x: cafef00d\n" % pa


def test_aspace_and_pagepool(shell):
    rows = table(shell.run("host aspace info"))
    assert ["RAM", "0x0000000080000000-0x000000009fffffff", "524288", "KiB"] in rows
    assert any(r[0] == "Reserved" for r in rows), rows
    assert any(r[0] == "Mapped" for r in rows), rows
    out = shell.run("host pagepool info")
    total = int(re.search(r"^Total Pages\s*: (\d+)$", out, re.M).group(1))
    parts = [int(re.search(r"^%s Pages\s*: (\d+)$" % k, out, re.M).group(1))
             for k in ("Free", "Used", "Reserved")]
    assert total == 131072 and sum(parts) == total, out
    out = shell.run("host pagepool state")
    blocks = re.findall(r"^  order +(\d+) \( *(\d+) KiB\): (\d+)$", out, re.M)
    assert len(blocks) == 19, out
    free = sum(int(kib) // 4 * int(n) for _, kib, n in blocks)
    assert free == parts[0], (free, parts, out)


def test_resources_bus_and_classes(shell):
    rows = table(shell.run("host resources"))
    assert ["0x0000000010000000-0x00000000100000ff", "serial@10000000"] in rows, rows
    assert any(r[-1].startswith("plic@") for r in rows), rows
    assert table(shell.run("host bus_list")) == [["platform", str(len(
        table(shell.run("host bus_device_list platform"))))]]
    devs = {r[0]: r for r in table(shell.run("host bus_device_list platform"))}
    assert devs["serial@10000000"][1] != "-" and devs["serial@10000000"][2] == "ns16550a"
    out = shell.run("host bus_device_list pci")
    assert out == "Error: no bus named pci\nError: command host failed (code -2)\n"
    classes = {r[0]: int(r[1]) for r in table(shell.run("host class_list"))}
    assert set(classes) == {"chardev", "blockdev", "rtc", "vserial", "vdisk"}
    assert classes["chardev"] >= 1
    members = table(shell.run("host class_device_list chardev"))
    assert ["serial@10000000"] in members and len(members) == classes["chardev"]
    out = shell.run("host class_device_list nope")
    assert out == "Error: no device class named nope\nError: command host failed (code -2)\n"


def test_heap_dma_info_and_state(shell):
    out = shell.run("heap dma_info")
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == "DMA Heap          : the heap (host RAM is DMA-coherent)", out
    info = shell.run("heap info").rstrip("\n").split("\n")
    assert [line.split(":")[0] for line in lines[1:]] == [line.split(":")[0] for line in info]
    assert re.search(r"^Total Size\s*: (.*)$", out, re.M).group(1) == \
        re.search(r"^Total Size\s*: (.*)$", "\n".join(info), re.M).group(1)
    out = shell.run("heap dma_state")
    assert out.startswith("DMA Heap          : the heap (host RAM is DMA-coherent)\n"
                          "Free blocks per size class:\n"), out
    assert out.endswith("Consistency check : OK\n"), out


def ram_bitmap(shell, cols=256):
    """{page address: state char} of every host RAM page, from `host ram bitmap`."""
    out = shell.run("host ram bitmap %d" % cols, timeout=120)
    lines = out.rstrip("\n").split("\n")
    assert lines[0].startswith("One character per 4 KiB page"), out[:200]
    pages = {}
    for line in lines[1:]:
        if line.startswith("Bank "):
            continue
        m = re.fullmatch(r"0x([0-9a-f]{16}): ([.AR]+)", line)
        assert m, "bad bitmap line %r" % line
        assert len(m.group(2)) <= cols
        base = int(m.group(1), 16)
        for i, c in enumerate(m.group(2)):
            pages[base + i * 4096] = c
    return pages


def test_ram_bitmap_matches_the_page_pool(shell):
    info = shell.run("host ram info")
    m = re.search(r"free pages (\d+), used pages (\d+), reserved pages (\d+)", info)
    assert m, info
    free, used, resv = (int(x) for x in m.groups())
    pages = ram_bitmap(shell)
    states = "".join(pages.values())
    assert len(pages) == free + used + resv == 131072
    assert (states.count("."), states.count("A"), states.count("R")) == (free, used, resv)
    # A new 1 MiB allocation shows up as 256 allocated pages where it lies.
    assert shell.run("shmem create bm 0x100000") == "Created bm shared memory\n"
    pa = int(re.search(r"^ bm\s+0x([0-9a-f]+)", shell.run("shmem list"), re.M).group(1), 16)
    after = ram_bitmap(shell)
    assert all(pages[pa + i * 4096] == "." for i in range(256))
    assert all(after[pa + i * 4096] == "A" for i in range(256))
    assert "".join(after.values()).count(".") == free - 256
    assert shell.run("shmem destroy bm") == "Destroyed bm shared memory\n"
    out = shell.run("host ram bitmap 0")
    assert out.startswith("Error: columns must be 1 to 256, not 0"), out


def test_vapool_state_and_bitmap(shell):
    for verb in ("state", "bitmap"):
        out = shell.run("host vapool " + verb)
        assert out.startswith("Virtual address pool: identity map of"), out
        assert "No per-page state" in out, out
