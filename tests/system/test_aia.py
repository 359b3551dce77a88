"""Host AIA interrupt controllers on QEMU virt: aia=aplic (APLIC direct
delivery through each hart's IDC) and aia=aplic-imsic (APLIC in MSI mode
feeding the S-level IMSIC interrupt files), with one and four harts.  The
S-level APLIC domain must be the one picked (the M-level one OpenSBI keeps
to itself is PMP-protected: touching it would fault), the console must
take input by interrupt, and `host irq stats` must count the UART line
(source 10) on the boot hart and nowhere else, with no other line enabled
and nothing spurious.
"""

import re

import pytest

pytestmark = pytest.mark.variant

UART_IRQ = "10"
MACHINES = {
    "virt,aia=aplic": ("aplic", "direct"),
    "virt,aia=aplic-imsic": ("aplic-msi", "MSI"),
}


def field(out, name):
    m = re.search(r"^\s*%s\s*: (.*)$" % re.escape(name), out, re.M)
    assert m, "no %r line in:\n%s" % (name, out)
    return m.group(1).strip()


def boot_cpu(q):
    """Logical id of the hart OpenSBI booted us on (the irq target)."""
    hart = field(q.run("host info"), "Boot CPU Hardware ID")
    cpus = re.findall(r"^CPU(\d+):\n  Hart ID\s*: (\d+)$", q.run("host cpu info"), re.M)
    return [int(c) for c, h in cpus if h == hart][0]


def irq_rows(q):
    """{irq: [name, chip, count per cpu...]} and the spurious count."""
    out = q.run("host irq stats")
    lines = out.split("\n")
    assert lines[0].split()[:3] == ["IRQ", "Name", "Chip"], out
    rows = {}
    for ln in lines[1:]:
        cols = ln.split()
        if cols and cols[0].isdigit():
            rows[cols[0]] = cols[1:]
    spurious = re.search(r"^ Spurious: (\d+)$", out, re.M)
    assert spurious, out
    return rows, int(spurious.group(1))


@pytest.mark.parametrize("smp", [1, 4])
@pytest.mark.parametrize("machine", sorted(MACHINES))
def test_aia_console_irq(boot, machine, smp):
    chip, mode = MACHINES[machine]
    q = boot(machine=machine, smp=smp)
    log = q.boot_log.replace("\r", "")
    assert "INIT: aplic: 96 sources at 0xd000000, %s delivery\n" % mode in log
    if mode == "MSI":
        assert ("INIT: imsic: 255 ids, S-level files of %d hart(s) at 0x28000000\n" % smp
                in log)
    else:
        assert "INIT: imsic:" not in log
    assert "INIT: %d of %d harts online\n" % (smp, smp) in log

    out = q.run("chardev list")
    assert re.search(r"^ serial@10000000 +irq +console$", out, re.M), out

    cpu = boot_cpu(q)
    rows, spurious = irq_rows(q)
    # Only the UART has a handler: the empty virtio-mmio slots stay off.
    assert list(rows) == [UART_IRQ], rows
    name, got_chip, *counts = rows[UART_IRQ]
    assert (name, got_chip) == ("serial@10000000", chip)
    assert len(counts) == smp
    before = int(counts[cpu])
    assert before > 0, "typed commands but no UART interrupt: %r" % counts

    for i in range(3):
        assert q.run("echo typed %d on %s" % (i, machine)) == "typed %d on %s\n" % (i, machine)
    rows, spurious = irq_rows(q)
    counts = [int(c) for c in rows[UART_IRQ][2:]]
    assert counts[cpu] > before, (before, counts)
    assert [c for i, c in enumerate(counts) if i != cpu] == [0] * (smp - 1), counts
    assert spurious == 0


@pytest.mark.parametrize("machine,method", [("virt,aia=aplic-imsic", "imsic"),
                                            ("virt,aia=aplic", "sbi")])
def test_ipis_through_the_imsic(boot, machine, method):
    """With an IMSIC, IPIs are MSIs into the target hart's interrupt file
    (the highest identity, claimed like a device); without one they are SBI
    IPIs.  Destroying a guest flushes its G-stage on every hart, which
    takes an IPI to the other hart."""
    from guests import DEMO_BOOTCMD, DISK
    q = boot(machine=machine, smp=2, initrd=DISK, append=DEMO_BOOTCMD)

    def ipis():
        out = q.run("host irq stats")
        rows = re.findall(r"^ CPU(\d+): IPI (\d+) \((\w+)\), timer \d+$", out, re.M)
        assert len(rows) == 2, out
        assert {m for _, _, m in rows} == {method}, out
        return {int(c): int(n) for c, n, _ in rows}

    before = ipis()
    assert "guest0: Destroyed" in q.run("guest destroy guest0")
    after = ipis()
    other = 1 - boot_cpu(q)
    assert after[other] > before[other], (before, after)
