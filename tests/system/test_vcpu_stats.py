"""Per-vCPU exit statistics in `vcpu dumpstat`: a basic firmware guest's SBI
calls are counted under their extension (base, xvisor), its UART accesses
under the uart0 region, its WFI and instruction traps as it waits, and the
time is split between guest and hypervisor.
"""

import re

from guests import DEMO_BOOTCMD, bind, boot_disk, guest_cmd, unbind

PROMPT = "basic# "


def vcpu_id(q, name):
    for line in q.run("vcpu list").split("\n"):
        cols = line.split()
        if len(cols) >= 5 and cols[4] == name:
            return cols[0]
    raise AssertionError("no vCPU %s" % name)


def rebind(q):
    """Bind again: the firmware's prompt was drained already, so ask for a
    new one with an empty line."""
    q.send("vserial bind guest0/uart0\r")
    q.expect_exact("[guest0/uart0] ")
    guest_cmd(q, "", PROMPT)


def stats(q, vid):
    """{counter: value} from `vcpu dumpstat`, with "sbi:<ext>" and
    "mmio:<region>" entries for the by-extension and by-device lines."""
    out = q.run("vcpu dumpstat %s" % vid)
    st = {}
    for key, pat in (("exits", r"exits (\d+)"), ("wfi", r"WFI (\d+)"),
                     ("traps", r"CSR/instruction traps (\d+)"),
                     ("sbi", r"SBI calls (\d+)"), ("injected", r"interrupts injected (\d+)"),
                     ("guest_ms", r"time in guest (\d+) ms"),
                     ("hyp_ms", r"in hypervisor (\d+) ms")):
        m = re.search(pat, out)
        assert m, "no %r in:\n%s" % (pat, out)
        st[key] = int(m.group(1))
    section = None
    for line in out.split("\n"):
        if line.startswith("  SBI calls by extension:"):
            section = "sbi:"
        elif line.startswith("  MMIO by device:"):
            section = "mmio:"
        elif section and line.startswith("    "):
            name, count = line.strip().rsplit(None, 1)
            st[section + name] = int(count)
    return st, out


def test_exit_counters_follow_the_guest(boot):
    q = boot_disk(boot, DEMO_BOOTCMD)
    vid = vcpu_id(q, "guest0/vcpu0")
    st0, out = stats(q, vid)
    assert st0["exits"] == 0 and st0["sbi"] == 0, out
    assert "guest0: Kicked" in q.run("guest kick guest0")
    assert "RISC-V SBI specification v2.0 detected" in bind(q, "guest0/uart0", PROMPT)
    unbind(q)
    st1, out = stats(q, vid)
    # The firmware asks BASE for the spec version, implementation id and
    # version, and probes the ISA through the Xvisor extension.
    assert st1["sbi:eid 0x10"] >= 3, out
    assert st1["sbi:xvisor"] >= 1, out
    assert sum(v for k, v in st1.items() if k.startswith("sbi:")) == st1["sbi"], out
    assert st1["mmio:uart0"] > 0, out
    assert st1["guest_ms"] + st1["hyp_ms"] > 0, out

    # "hi" is typed (3 reads at least) and "hi\r\nhello\r\n" echoed back.
    rebind(q)
    assert guest_cmd(q, "hi", PROMPT) == "hi\nhello\n"
    unbind(q)
    st2, out = stats(q, vid)
    assert st2["mmio:uart0"] - st1["mmio:uart0"] >= 3 + 11, out
    assert st2["sbi:eid 0x10"] == st1["sbi:eid 0x10"], out

    # WFI until a timer interrupt: a WFI exit (an instruction trap).
    rebind(q)
    assert "Resumed from WFI" in guest_cmd(q, "wfi_test 0x20", PROMPT)
    unbind(q)
    st3, out = stats(q, vid)
    assert st3["wfi"] > st2["wfi"] and st3["traps"] > st2["traps"], out
    assert st3["exits"] > st2["exits"] > st1["exits"], out
    assert st3["guest_ms"] >= st1["guest_ms"], out


def test_vcpu_monitor_refreshes_until_a_key(boot):
    q = boot_disk(boot, DEMO_BOOTCMD)
    assert "guest0: Kicked" in q.run("guest kick guest0")
    q.send("vcpu monitor\r")
    q.expect_exact("any key stops")
    rows = []
    for _ in range(2):
        q.expect(r" ID +Name +State +Hart +Exits +SBI +MMIO +WFI +Guest%\r\n")
        q.expect(r"\r\n\r\n")
        rows.append(re.search(r"^ \d+ +guest0/vcpu0 +(\w+) +0 +(\d+) +(\d+) +(\d+) +(\d+)"
                              r" +(\d+)\r$", q.child.before, re.M))
    assert all(rows), rows
    # Counters only grow between two tables.
    assert int(rows[1].group(2)) >= int(rows[0].group(2)) > 0
    q.send("x")
    out = q.wait_prompt()
    assert "Error" not in out
    assert q.run("echo back") == "back\n"
    out = q.run("vcpu monitor nosuchdev")
    assert out == ("Error: no character device named nosuchdev\n"
                   "Error: command vcpu failed (code -19)\n"), out
