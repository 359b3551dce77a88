"""Host virtio-blk disks on QEMU: a GPT disk and an MBR disk made by
sfdisk over seeded noise (the MBR one with logical partitions in an
extended one) are attached with -drive/-device
virtio-blk-device; `blockdev list` shows the disks and their partitions
with the sizes the host's sfdisk reports, `blockdev info` their size and
`blockdev dump8` the bytes the host reads at the same place, under the
PLIC and the APLIC, with completion counted as interrupts of the disk."""

import re

import pytest

from storage_disks import drive_args, dump8_line, make_raw, partitions, read_at
from test_disk import table_rows

GPT = "label: gpt\n,16M,L\n,,L\n"
MBR = "label: dos\n,8M,83\n,4M,83\n,,5\n,2M,83\n,2M,83\n"


@pytest.fixture(scope="module")
def disks():
    return make_raw("gpt.img", 64, GPT, seed=3), make_raw("mbr.img", 32, MBR, seed=5)


def rows_by_name(out):
    rows = {}
    for r in table_rows(out):
        f = r.split()
        rows[f[0]] = (f[1], int(f[2]), int(f[3]), " ".join(f[4:]))
    return rows


@pytest.mark.parametrize("machine", ["virt", "virt,aia=aplic"])
def test_virtio_disks_and_partitions(boot, disks, machine):
    gpt, mbr = disks
    q = boot(machine=machine, extra=drive_args(gpt, mbr))
    rows = rows_by_name(q.run("blockdev list"))
    want = {"vda": 64 << 11, "vdb": 32 << 11}
    for disk, path in (("vda", gpt), ("vdb", mbr)):
        for n, (start, size) in partitions(path, numbered=True).items():
            want["%s%d" % (disk, n)] = size
    assert "vdb5" in want and "vdb6" in want and "vdb3" not in want, want
    got = {n: r[2] for n, r in rows.items() if n.startswith("vd")}
    assert got == want, rows
    assert all(rows[n][0] == "RW" and rows[n][1] == 512 for n in want), rows
    assert rows["vda1"][3].startswith("GPT partition of vda"), rows
    assert rows["vdb2"][3].startswith("MBR partition of vdb"), rows
    assert rows["vdb6"][3].startswith("MBR logical partition of vdb"), rows

    out = q.run("blockdev info vda2")
    assert "Block Count : %d" % want["vda2"] in out, out
    assert "Size        : %d bytes" % (want["vda2"] * 512) in out, out

    # Bytes as the host reads them: the GPT header, and noise inside each
    # partition at an unaligned offset.
    assert q.run("blockdev dump8 vda 16 0x200") == dump8_line(0x200, read_at(gpt, 0x200, 16)) + "\n"
    for disk, path in (("vda", gpt), ("vdb", mbr)):
        for n, (start, size) in partitions(path, numbered=True).items():
            off = (size * 512) - 0x1230
            want_line = dump8_line(off, read_at(path, start * 512 + off, 16))
            out = q.run("blockdev dump8 %s%d 16 0x%x" % (disk, n, off))
            assert out == want_line + "\n", (disk, n, out)

    # Past the end of a partition is refused, not read from the next one.
    out = q.run("blockdev dump8 vdb1 16 0x%x" % (want["vdb1"] * 512))
    assert "Error" in out, out

    stats = q.run("host irq stats")
    counts = {m.group(1): int(m.group(2)) for m in
              re.finditer(r"^ *\d+ +(vd[ab]) +\S+ +(\d+)", stats, re.M)}
    assert counts.get("vda", 0) > 0 and counts.get("vdb", 0) > 0, stats
