"""Vector state isolation (tests/riscv/virt64/vectest): two guests, vecA
and vecB, on a host with V (VLEN 128), each filling v0-v31, vl, vxrm and
vxsat with its own pattern every round and checking all of them after
yielding the hart to the other.  They first share hart 0; then each in
turn migrates to hart 1 and back (`vcpu set_hcpu`), and at each step both
must keep completing rounds, without a MISMATCH or a trap.  `vcpu
dumpreg` shows each guest's own vector registers.  On a host without V
the same guest has no V.
"""

import re

from conftest import need_file
from guests import DISK, vcpu_states
from test_guest_aia import vcpu_ids

VECTOR_CPU = "rv64,v=true,vlen=128,elen=64"
VECTEST_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /vectest.xscript"'
GUESTS = {"vecA": "A", "vecB": "B"}
ROUND_TIMEOUT = 90


class VecConsoles:
    """Everything each guest printed (vserial dump, then what a bind
    shows: a bind drains the port), checked for failures as it comes."""

    def __init__(self, q):
        self.q = q
        self.text = {guest: "" for guest in GUESTS}

    def add(self, guest, raw):
        new = re.sub(r"\[[\w.-]+/[\w.-]+\] ", "", raw).replace("\r", "")
        assert "MISMATCH" not in new and "trap" not in new, new
        self.text[guest] += new
        return self.text[guest]

    def dump(self, guest):
        return self.add(guest, self.q.run("vserial dump %s/uart0" % guest))

    def last_round(self, guest):
        rounds = re.findall(r"vectest %s: round (\d+) ok" % GUESTS[guest], self.dump(guest))
        return int(rounds[-1]) if rounds else 0

    def advance(self, guest):
        """Wait until the guest reports two more blocks of 64 rounds."""
        target = (self.last_round(guest) // 64 + 2) * 64
        self.q.send("vserial bind %s/uart0\r" % guest)
        self.add(guest, self.q.expect_exact("vectest %s: round %d ok" % (GUESTS[guest], target),
                                            timeout=ROUND_TIMEOUT))
        self.q.send("\x1bxq")
        self.add(guest, self.q.wait_prompt())


def test_vector_state_isolated_across_switches_and_migration(boot):
    need_file(DISK, "make disk")
    q = boot(smp=2, cpu=VECTOR_CPU, initrd=DISK, append=VECTEST_BOOTCMD)
    assert "vecA: Created" in q.boot_log and "vecB: Created" in q.boot_log
    ids = vcpu_ids(q)
    for guest in GUESTS:
        assert "Error" not in q.run("vcpu set_hcpu %s 0" % ids[guest + "/vcpu0"])
    for guest in GUESTS:
        assert "%s: Kicked" % guest in q.run("guest kick " + guest)
    cons = VecConsoles(q)
    for guest, tag in GUESTS.items():
        cons.advance(guest)
        # The guest sees the host's VLEN: 128 bits.
        assert "vectest %s: vlenb 16\n" % tag in cons.text[guest]

    # Sharing hart 0, then each migrating to hart 1 and back.
    for moving in ("vecB", "vecA"):
        for hcpu in (1, 0):
            assert "Error" not in q.run("vcpu set_hcpu %s %d" % (ids[moving + "/vcpu0"], hcpu))
            for guest in GUESTS:
                cons.advance(guest)

    states = vcpu_states(q)
    for guest in GUESTS:
        cons.dump(guest)
    for guest, tag in GUESTS.items():
        assert states[guest + "/vcpu0"] in ("Ready", "Running"), states
        # Each dump shows that guest's own pattern: element 1 of v5 (printed
        # first) starts with its tag byte.
        dump = q.run("vcpu dumpreg " + ids[guest + "/vcpu0"])
        assert "vector state (vlenb 16)" in dump, dump
        assert re.search(r"^\s*v5\s+0x%02x" % ord(tag), dump, re.M), dump


def test_no_vector_without_host_v(boot):
    """On a host without V the vCPU has no V, whatever its configuration:
    the guest's first vector access (reading vlenb) is its own illegal
    instruction trap, and the hypervisor carries on."""
    need_file(DISK, "make disk")
    q = boot(initrd=DISK, append=VECTEST_BOOTCMD)
    assert "vecA: Kicked" in q.run("guest kick vecA")
    q.send("vserial bind vecA/uart0\r")
    q.expect_exact("vectest A: trap scause 0x0000000000000002", timeout=ROUND_TIMEOUT)
    q.send("\x1bxq")
    q.wait_prompt()
    assert q.run("echo alive") == "alive\n"
