"""The Linux demo flow on other host machines: four harts, a poor host
without Sstc or V (`-cpu rv64,sstc=false`: the guest timer goes through
SBI TIME and the guest must not be offered Sstc), a host with the vector
extension (VLEN 128) and a rich host (VLEN 256 and the bit-manipulation,
Zfh, Svpbmt, Svinval, Svnapot and Sscofpmf extensions), and the AIA hosts `aia=aplic` and
`aia=aplic-imsic` with one and four harts, where the guest still gets
the vPLIC.  Each variant is one boot of the exact section 14 bootcmd to
the BusyBox shell (the basic firmware's banner shows the vCPU ISA: the
host's less what the hypervisor hides); then /proc/cpuinfo (each hart's
isa line is that too), /proc/interrupts (ttyS0 on the
vPLIC, counting up while typing), /proc/cmdline and ESC x q back to
XVisor# with both vCPUs still runnable.  The full command set runs once,
in test_linux.py, on the default machine.
"""

import pytest

from guests import vcpu_states
from test_linux import (BOOTCMD, CMDLINE, DISK, RUNNABLE, autoexec_linux, check_cpuinfo,
                        check_guest_isa, host_isa, interrupt_line, linux_cmd, need_payload,
                        VPLIC_PROBED)

pytestmark = pytest.mark.variant

RICH_CPU = ("rv64,v=true,vlen=256,elen=64,zba=true,zbb=true,zbc=true,zbs=true,Zfh=true,"
            "Zihintpause=true,svpbmt=true,svinval=true,svnapot=true,sscofpmf=true")

VARIANTS = [
    pytest.param("virt", 4, None, id="smp4"),
    pytest.param("virt", 1, "rv64,sstc=false", id="nosstc"),
    pytest.param("virt", 1, "rv64,v=true,vlen=128,elen=64", id="vector"),
    pytest.param("virt", 1, RICH_CPU, id="rich"),
    pytest.param("virt,aia=aplic", 1, None, id="aplic"),
    pytest.param("virt,aia=aplic", 4, None, id="aplic-smp4"),
    pytest.param("virt,aia=aplic-imsic", 1, None, id="aplic-imsic"),
    pytest.param("virt,aia=aplic-imsic", 4, None, id="aplic-imsic-smp4"),
]


@pytest.mark.parametrize("machine,smp,cpu", VARIANTS)
def test_linux_variant(boot, machine, smp, cpu):
    need_payload()
    q = boot(machine=machine, smp=smp, cpu=cpu, initrd=DISK, append=BOOTCMD)
    assert "INIT: %d of %d harts online" % (smp, smp) in q.boot_log
    assert "guest0: Created" in q.boot_log
    host = host_isa(q)
    log = autoexec_linux(q, host)[1]
    assert "smp: Brought up 1 node, 2 CPUs" in log
    assert VPLIC_PROBED in log

    isas = check_cpuinfo(linux_cmd(q, "cat /proc/cpuinfo"))
    check_guest_isa(host, isas)
    has_sstc = ["sstc" in isa.split("_") for isa in isas]
    assert has_sstc == [cpu is None or "sstc=false" not in cpu] * 2, isas

    chip, hwirq, before = interrupt_line(linux_cmd(q, "cat /proc/interrupts"), "ttyS0")
    assert (chip, hwirq) == ("SiFive PLIC", 10)
    assert linux_cmd(q, "cat /proc/cmdline") == CMDLINE + "\n"
    after = interrupt_line(linux_cmd(q, "cat /proc/interrupts"), "ttyS0")[2]
    assert after - before >= 2, (before, after)

    q.send("\x1bxq")
    q.wait_prompt()
    st = vcpu_states(q)
    assert st["guest0/vcpu0"] in RUNNABLE and st["guest0/vcpu1"] in RUNNABLE, st
