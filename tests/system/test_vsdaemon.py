"""`vsdaemon`: transports, a permanent mterm daemon showing a guest's UART
output on the console without `vserial bind`, the refusals (name taken,
no such port or device, the console as a chardev), destroy, and a daemon
whose port goes away with its guest.
"""

import re

from guests import DEMO_BOOTCMD, boot_disk

RULER = "-" * 79


def rows(out):
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == RULER and lines[2] == RULER and lines[-1] == RULER, out
    return [line.split() for line in lines[3:-1]]


def error(out, code):
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == 2 and lines[0].startswith("Error: "), out
    assert lines[1] == "Error: command vsdaemon failed (code %d)" % code, out
    return lines[0]


def test_mterm_daemon(boot):
    q = boot_disk(boot, DEMO_BOOTCMD)
    assert rows(q.run("vsdaemon transport_list")) == [["mterm"], ["chardev"]]
    assert rows(q.run("vsdaemon list")) == []
    assert q.run("vsdaemon create mterm guest0/uart0 d0") == "Created vsdaemon d0\n"
    assert rows(q.run("vsdaemon list")) == [["d0", "mterm", "guest0/uart0", "-"]]
    assert "d0 is taken" in error(q.run("vsdaemon create mterm guest0/uart0 d0"), -17)
    assert "no virtual serial port named guest9/uart0" in error(
        q.run("vsdaemon create mterm guest9/uart0 d1"), -2)
    assert "no character device named nodev" in error(
        q.run("vsdaemon create chardev guest0/uart0 d1 nodev"), -2)
    assert "serial@10000000 is the console" in error(
        q.run("vsdaemon create chardev guest0/uart0 d1 serial@10000000"), -16)
    assert rows(q.run("vsdaemon list")) == [["d0", "mterm", "guest0/uart0", "-"]]

    # The guest's output reaches the console with no `vserial bind`.
    assert "guest0: Kicked" in q.run("guest kick guest0")
    q.expect(r"\[guest0/uart0\] [^\r\n]*RISC-V Virt64 Basic Firmware", timeout=60)
    q.expect_exact("[guest0/uart0] basic# ", timeout=60)
    q.send("\r")
    q.wait_prompt()
    assert q.run("echo back") == "back\n"

    assert q.run("vsdaemon destroy d0") == "Destroyed vsdaemon d0\n"
    assert rows(q.run("vsdaemon list")) == []
    assert "no vsdaemon named d0" in error(q.run("vsdaemon destroy d0"), -2)

    # A daemon outlives its port: the guest goes, the daemon shows (gone).
    assert q.run("vsdaemon create mterm guest0/uart0 d2") == "Created vsdaemon d2\n"
    assert "guest0: Destroyed" in q.run("guest destroy guest0")
    assert rows(q.run("vsdaemon list")) == [["d2", "mterm", "(gone)", "-"]]
    assert q.run("vsdaemon destroy d2") == "Destroyed vsdaemon d2\n"
    assert q.run("echo still-here") == "still-here\n"
