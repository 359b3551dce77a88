"""The SBI test guest (tests/riscv/virt64/sbitest): its conformance suite
must report every check as PASS and none failed; the bad guest must get
its illegal CSR access as a trap of its own, then be halted by the
hypervisor with a message and a register dump for its load from unmapped
memory, while the shell and the basic firmware guest keep working.
"""

import os
import re
import time

import pytest

from conftest import need_file
from guests import (DEMO_BOOTCMD, DISK, GUEST_TIMEOUT, MOUNT_BOOTCMD, SBITEST_BOOTCMD, bind,
                    boot_disk, guest_cmd, unbind, vcpu_states)

SUMMARY_RE = re.compile(r"SBITEST: (\d+) passed, (\d+) failed")
SBI_PROMPT = "sbitest# "
BASIC_PROMPT = "basic# "

# Checks that must be present: one or more per SBI function offered.
REQUIRED = [
    "base.spec_version", "base.impl_id", "base.impl_version", "base.mvendorid",
    "base.marchid", "base.mimpid", "base.mvendorid.same_on_secondary",
    "base.marchid.same_on_secondary", "base.mimpid.same_on_secondary", "base.unknown_fid", "base.probe.time", "base.probe.ipi",
    "base.probe.rfence", "base.probe.hsm", "base.probe.srst", "base.probe.dbcn",
    "base.probe.pmu", "base.probe.susp", "base.probe.xvisor", "base.probe.unknown",
    "unknown_eid",
    "time.set_timer.error", "time.set_timer.scause", "time.set_timer.not_early",
    "time.set_timer.once", "time.set_timer_max", "time.set_timer_max.no_irq",
    "time.set_timer_past.at_once", "legacy.set_timer_past.at_once",
    "time.pending_until_set_timer", "time.pending_until_set_timer.then_clear",
    "time.masked.no_trap", "time.masked.still_pending", "time.set_timer_max.clears_pending",
    "time.set_timer_future.clears_pending",
    "legacy.set_timer.scause",
    "ipi.self.scause", "ipi.self.once", "ipi.empty_mask", "ipi.missing_hart",
    "ipi.base_out_of_range", "legacy.send_ipi.self.scause", "legacy.send_ipi.bad_pointer",
    "legacy.clear_ipi",
    "rfence.fence_i", "rfence.sfence_vma", "rfence.sfence_vma_asid",
    "rfence.fence_i.missing_hart", "rfence.hfence_without_h", "legacy.remote_fence_i",
    "dbcn.write", "dbcn.write.hi_address", "dbcn.write.bad_address", "dbcn.write_byte",
    "dbcn.read", "legacy.putchar", "legacy.getchar",
    "hsm.get_status.self", "hsm.get_status.stopped", "hsm.get_status.missing_hart",
    "hsm.start.self", "hsm.start.missing_hart", "hsm.start.bad_address", "hsm.start",
    "hsm.start.runs", "hsm.start.a0_hartid", "hsm.start.a1_opaque", "hsm.start.mmu_off",
    "hsm.get_status.started", "hsm.start.already_available", "ipi.other_hart",
    "susp.other_hart_running", "hsm.stop", "hsm.restart", "hsm.suspend.retentive",
    "hsm.suspend.retentive.waited", "hsm.suspend.retentive.timer_pending",
    "hsm.suspend.retentive.upper_bits", "hsm.suspend.retentive.upper_bits.waited",
    "hsm.suspend_ret.secondary.status_suspended", "hsm.suspend_ret.secondary.resumed",
    "hsm.suspend_ret.secondary.error", "hsm.suspend_ret.secondary.status_started",
    "hsm.suspend_nonret.secondary.status_suspended", "hsm.suspend_nonret.secondary.resumed",
    "hsm.suspend_nonret.secondary.a0_hartid", "hsm.suspend_nonret.secondary.a1_opaque",
    "hsm.suspend_nonret.secondary.mmu_off", "hsm.suspend_nonret.secondary.sie_clear",
    "hsm.suspend_nonret.self.resumed", "hsm.suspend_nonret.self.wake_irq_pending",
    "hsm.suspend_nonret.upper_bits.resumed", "susp.suspend.upper_bits.resumed",
    "susp.suspend.upper_bits.a0_hartid", "susp.suspend.upper_bits.a1_opaque",
    "hsm.suspend.reserved_type", "hsm.suspend.nonretentive.bad_address",
    "susp.bad_type", "susp.bad_address",
    "xvisor.isa_ext.i", "xvisor.isa_ext.h", "xvisor.isa_ext.bit64",
    "pmu.num_counters", "pmu.counter_get_info.firmware", "pmu.counter_get_info.out_of_range",
    "pmu.config.hardware_event", "pmu.config.bad_counter", "pmu.config.bad_flag",
    "pmu.fw.ecalls", "pmu.fw.ipi_sent", "pmu.fw.ipi_rcvd", "pmu.fw.fence_i_sent",
    "pmu.fw.fence_i_rcvd", "pmu.fw.sfence_vma_asid_sent", "pmu.fw.set_timer",
    "pmu.fw.illegal_insn", "pmu.start.already_started", "pmu.stop", "pmu.stop.already_stopped",
    "pmu.fw.stopped_holds", "pmu.fw.init_value", "pmu.fw_read_hi", "pmu.snapshot_set_shmem",
    "srst.reserved_type", "srst.vendor_type", "srst.reserved_type.upper_bits",
    "srst.reserved_reason", "srst.reserved_reason.upper_bits", "srst.unknown_fid",
    "trap.csr_custom", "trap.csr_hstatus", "trap.csr_hstatus.stval",
    # FWFT on this host (OpenSBI 1.1 cannot switch misaligned delegation).
    "base.probe.fwft", "fwft.misaligned.load_matches", "fwft.misaligned.emulated_value",
    "fwft.misaligned.get", "fwft.misaligned.set", "fwft.pte_ad_hw.get",
    "fwft.pte_ad_hw.set", "fwft.landing_pad.get", "fwft.reserved.get", "fwft.reserved.set",
    "fwft.platform_local.get", "fwft.global_reserved.set", "fwft.unknown_fid",
    "base.probe.sta", "sta.set_shmem.flags", "sta.set_shmem.misaligned", "sta.set_shmem.hi",
    "sta.set_shmem.unmapped", "sta.set_shmem.rom", "sta.set_shmem", "sta.set_shmem.zeroed",
    "sta.set_shmem.disable",
]


SBITEST_DTB = "/images/riscv/virt64/sbitest/sbitest.dtb"
SBITEST_AIA_DTB = "/images/riscv/sbitest-aia.dtb"
SBITEST_LIST = "/images/riscv/virt64/sbitest/sbitest.list"
# Checks on hart 1 and on the secondary hart in C (prefixes, and
# "hsm.start" itself): absent with one hart.
NEED_TWO_HARTS = ("hsm.get_status.stopped", "hsm.get_status.started", "hsm.start.runs",
                  "hsm.start.a", "hsm.start.mmu_off", "hsm.start.already_available",
                  "hsm.start.bad_address", "hsm.stop", "hsm.restart",
                  "ipi.other_hart", "susp.other_hart_running", "hsm.suspend_ret.secondary",
                  "hsm.suspend_nonret.secondary", "base.mvendorid.same_on_secondary",
                  "base.marchid.same_on_secondary", "base.mimpid.same_on_secondary")

# vCPUs, host harts, QEMU -cpu, -M, guest DT, riscv,isa of the vCPUs
# (None: the DT's).
SUITE_CONFIGS = [
    pytest.param(1, 1, None, "virt", SBITEST_DTB, None, id="1vcpu"),
    pytest.param(2, 1, None, "virt", SBITEST_DTB, None, id="2vcpu"),
    pytest.param(4, 1, None, "virt", SBITEST_DTB, None, id="4vcpu"),
    pytest.param(4, 2, None, "virt", SBITEST_DTB, None, id="4vcpu-2harts"),
    pytest.param(2, 1, "rv64", "virt", SBITEST_DTB, "rv64imac_sstc", id="2vcpu-sstc"),
    pytest.param(2, 1, "rv64,sstc=false", "virt", SBITEST_DTB, "rv64imac_sstc",
                 id="2vcpu-sstc-host-without"),
    pytest.param(2, 1, None, "virt,aia=aplic-imsic", SBITEST_AIA_DTB, None, id="2vcpu-aia"),
]


def create_sbitest(q, dtb, nvcpus, isa=None, props=()):
    """Create and kick the sbitest guest by hand: nvcpus vCPUs, each with
    riscv,isa set to isa (if given) and the properties props (present:
    xvisor,disable-sbi-* looks at nothing more)."""
    q.run("vfs guest_fdt_load sbitest %s %d" % (dtb, nvcpus))
    for k in range(nvcpus):
        node = "/guests/sbitest/vcpus/vcpu%d" % k
        if isa:
            assert "Error" not in q.run("devtree attr set %s riscv,isa string %s" % (node, isa))
        for prop in props:
            assert "Error" not in q.run("devtree attr set %s %s uint32 1" % (node, prop))
    assert "sbitest: Created" in q.run("guest create sbitest")
    assert "Error" not in q.run("vfs guest_load_list sbitest " + SBITEST_LIST)
    assert "sbitest: Kicked" in q.run("guest kick sbitest")


def run_suite(q):
    """Run `sbi`; (PASS names, FAIL lines, SKIP lines, output)."""
    bind(q, "sbitest/uart0", SBI_PROMPT)
    out = guest_cmd(q, "sbi", SBI_PROMPT, timeout=240)
    fails = re.findall(r"^FAIL .*$", out, re.M)
    m = SUMMARY_RE.search(out)
    assert m, "no summary in:\n%s" % out
    passed = re.findall(r"^PASS (\S+)$", out, re.M)
    assert (int(m.group(1)), int(m.group(2))) == (len(passed), len(fails))
    assert len(passed) == len(set(passed)), "a check name is repeated"
    return passed, fails, re.findall(r"^SKIP .*$", out, re.M), out


@pytest.mark.parametrize("nvcpus,smp,cpu,machine,dtb,isa", SUITE_CONFIGS)
def test_sbitest_suite_passes(boot, nvcpus, smp, cpu, machine, dtb, isa):
    """The conformance suite on 1, 2 and 4 vCPUs (on one host hart, and
    on two: IPIs and remote fences cross harts), with the vCPU timer on
    Sstc (host with and without it) and with AIA: every check passes, the
    checks of this configuration are all there, and only the checks that
    need a second hart are skipped, with one hart."""
    need_file(DISK, "make disk")
    q = boot(initrd=DISK, append=MOUNT_BOOTCMD, smp=smp, cpu=cpu, machine=machine)
    create_sbitest(q, dtb, nvcpus, isa)
    passed, fails, skips, out = run_suite(q)
    assert not fails, "\n".join(fails)
    required = list(REQUIRED)
    if nvcpus == 1:
        required = [n for n in required
                    if n != "hsm.start" and not n.startswith(NEED_TWO_HARTS)]
        assert skips == ["SKIP ipi.others: 1 hart", "SKIP hsm.hart1: 1 hart",
                         "SKIP hsm.secondary: 1 hart"], skips
    else:
        assert not skips, skips
        required += ["ipi.others.hart%d.received" % h for h in range(1, min(nvcpus, 4))]
        required.append("ipi.others.not_self")
    missing = [name for name in required if name not in passed]
    assert not missing, "checks not reported as PASS: %s" % missing
    # The implementation a guest prints (docs/sbi.md), and machine IDs that
    # are the same on every hart.
    assert "SBI implementation ID=0x2 Version=0x3002\n" in out
    assert re.search(r"SBI mvendorid=0x[0-9a-f]+ marchid=0x[0-9a-f]+ mimpid=0x[0-9a-f]+\n", out)
    # DBCN console_write goes to the guest's console, in line with the UART.
    assert "DBCN: console_write\n" in out
    # Sstc is used when the vCPU asks for it and the host has it.
    sstc = isa and "sstc" in isa and "sstc=false" not in (cpu or "")
    assert ("SBI: vCPU timer %s\n" % ("Sstc" if sstc else "SBI TIME")) in out
    unbind(q)
    states = vcpu_states(q)
    assert all(states["sbitest/vcpu%d" % k] == "Reset" for k in range(1, nvcpus)), states
    q.send("vserial bind sbitest/uart0\r")
    q.expect_exact("[sbitest/uart0] ")
    assert "hello\n" in guest_cmd(q, "hi", SBI_PROMPT)


HIDDEN = ("pmu", "sta", "fwft", "dbcn", "legacy", "srst")


def test_disable_sbi_hides_what_it_names(boot):
    """xvisor,disable-sbi-<name> on every vCPU: probe_extension says 0 for
    those extensions and their calls are NOT_SUPPORTED; the others stay."""
    need_file(DISK, "make disk")
    q = boot(initrd=DISK, append=MOUNT_BOOTCMD)
    create_sbitest(q, SBITEST_DTB, 2, props=["xvisor,disable-sbi-" + n for n in HIDDEN])
    bind(q, "sbitest/uart0", SBI_PROMPT)
    out = guest_cmd(q, "probe", SBI_PROMPT)
    found = dict((m.group(1), (int(m.group(2)), int(m.group(3))))
                 for m in re.finditer(r"^probe (\w+) (-?\d+) (-?\d+)$", out, re.M))
    assert len(found) == 12, out
    for name, (present, err) in found.items():
        if name in HIDDEN:
            assert present == 0, (name, out)
            assert err == (0 if name == "srst" else -2), (name, out)
        else:
            assert present == 1, (name, out)
            assert err != -2, (name, out)
    unbind(q)


def test_sta_steal_time_moves_when_vcpus_share_a_hart(boot):
    """One host hart (-smp 1), the sbitest guest's two vCPUs on it: while
    both spin, the steal time in hart 0's STA record grows, never past the
    time that passed, and stops once the record is disabled."""
    q = boot_disk(boot, SBITEST_BOOTCMD)
    q.run("guest kick sbitest")
    bind(q, "sbitest/uart0", SBI_PROMPT)
    out = guest_cmd(q, "sta", SBI_PROMPT, timeout=120)
    m = re.search(r"STA: steal (\d+) ns while (\d+) ns passed", out)
    assert m, out
    assert 0 < int(m.group(1)) <= int(m.group(2)), out
    assert not re.findall(r"^FAIL .*$", out, re.M), out
    for name in ("sta.steal_moved", "sta.steal_not_above_elapsed",
                 "sta.disabled_record_unchanged"):
        assert "PASS %s\n" % name in out, out
    unbind(q)


def test_srst_acts_on_the_calling_guest_alone(boot):
    """SRST type and reason are 32-bit values: with upper bits set, a cold
    reboot restarts the sbitest guest and a shutdown stops it, while the
    basic firmware guest keeps running."""
    q = boot_disk(boot, DEMO_BOOTCMD[:-1] + ';vfs run /sbitest.xscript"')
    q.run("guest kick guest0")
    q.run("guest kick sbitest")
    bind(q, "sbitest/uart0", SBI_PROMPT)
    q.send("reset 0x100000001 0x100000000\r")
    q.expect_exact("SBITEST guest, timebase")
    q.expect_exact(SBI_PROMPT)
    q.send("reset 0x8000000000000000 0\r")
    unbind(q)
    deadline = time.monotonic() + GUEST_TIMEOUT
    states = vcpu_states(q)
    while states["sbitest/vcpu0"] != "Reset" and time.monotonic() < deadline:
        states = vcpu_states(q)
    assert states["sbitest/vcpu0"] == "Reset", states
    assert states["guest0/vcpu0"] in ("Ready", "Running"), states
    bind(q, "guest0/uart0", BASIC_PROMPT)
    assert "hello" in guest_cmd(q, "hi", BASIC_PROMPT)
    unbind(q)


def test_bad_guest_halts_others_keep_running(boot):
    q = boot_disk(boot, DEMO_BOOTCMD[:-1] + ';vfs run /sbitest.xscript"')
    assert "guest0: Created" in q.boot_log and "badguest: Created" in q.boot_log
    assert "guest0: Kicked" in q.run("guest kick guest0")
    q.send("guest kick badguest\r")
    q.expect_exact("badguest: Kicked")
    q.expect_exact("badguest/vcpu0: load from unmapped guest address 0x40000000; vCPU halted",
                   timeout=30)
    q.expect_exact("badguest/vcpu0 registers:")
    dump = q.expect_exact("hvip")
    q.send("\r")
    q.wait_prompt()
    assert re.search(r"\bpc\s+0x00000000800", dump), dump
    assert re.search(r"htval\s+0x0000000010000000", dump), dump
    states = vcpu_states(q)
    assert states["badguest/vcpu0"] == "Halted"
    assert states["guest0/vcpu0"] in ("Ready", "Running")
    out = q.run("vserial dump badguest/uart0")
    text = out.replace("[badguest/uart0] ", "")
    assert "BADGUEST: start" in text
    assert "BADGUEST: illegal instruction trapped" in text
    assert "BADGUEST: loading from 0x40000000" in text
    assert "still running" not in text
    # The shell still answers, and so does the other guest.
    assert q.run("echo alive") == "alive\n"
    bind(q, "guest0/uart0", BASIC_PROMPT)
    assert "hello" in guest_cmd(q, "hi", BASIC_PROMPT)
    unbind(q)
    assert "badguest: Reset" in q.run("guest reset badguest")
    assert vcpu_states(q)["badguest/vcpu0"] == "Reset"
    # The dump shows the guest's live VS CSRs: it set stvec at start-up
    # and took an illegal-instruction trap (vscause 2) before the load.
    assert re.search(r"vstvec\s+0x00000000800", dump), dump
    assert re.search(r"vscause\s+0x0000000000000002", dump), dump


def test_bad_guest_plain_unmapped_load(boot):
    """Without the CSR step: the sbitest guest told `bad` at its prompt."""
    q = boot_disk(boot, SBITEST_BOOTCMD)
    q.run("guest kick sbitest")
    bind(q, "sbitest/uart0", SBI_PROMPT)
    q.send("bad\r")
    q.expect_exact("sbitest/vcpu0: load from unmapped guest address 0x40000000; vCPU halted",
                   timeout=30)
    q.expect_exact("sbitest/vcpu0 registers:")
    unbind(q)
    assert vcpu_states(q)["sbitest/vcpu0"] == "Halted"
    assert q.run("echo alive") == "alive\n"
