"""Nested virtualization (docs/nested.md): guest0 of /nested.xscript has
one vCPU that opts in to the H extension; its basic firmware boots this
build's own vmm.bin, which must come up in virtual HS-mode (its hypervisor
CSR accesses emulated), print its XVisor# prompt on guest0/uart0 and answer
commands there; then, inside it, create and kick its own guest0 running
the basic firmware (the nested guest, under the shadow G-stage), whose
`basic# ` prompt must answer through two vserial levels.  The demo
configuration names `h` without opting in, and its vCPUs must keep not
having it.  The SBI test guest with `h` (sbitest-nested.dts) runs its
`nacl` checks of SBI NACL.  A Linux guest on nested.dtb (the demo
configuration with the opt-in) sees `h` and loads KVM.
"""

import re

from guests import DEMO_BOOTCMD, MOUNT_BOOTCMD, bind, boot_disk, guest_cmd, unbind
from test_linux import autoexec_linux, linux_cmd

NESTED_BOOTCMD = 'vmm.bootcmd="vfs mount initrd /;vfs run /nested.xscript"'
BASIC = "basic# "
INNER = "XVisor# "
# The inner hypervisor boots under two levels of TCG emulation.
INNER_BOOT_TIMEOUT = 300
SBITEST_DIR = "/images/riscv/virt64/sbitest"
SUMMARY_RE = re.compile(r"SBITEST: (\d+) passed, (\d+) failed")


def boot_inner(boot):
    q = boot_disk(boot, NESTED_BOOTCMD)
    assert "guest0: Kicked" in q.run("guest kick guest0")
    banner = bind(q, "guest0/uart0", BASIC)
    m = re.search(r"vCPU ISA: rv64([a-z]+)", banner)
    assert m and "h" in m.group(1), banner
    out = guest_cmd(q, "autoexec", INNER, timeout=INNER_BOOT_TIMEOUT)
    assert "Jumping into linux" in out, out
    return q, out


def inner_sbitest(q):
    """From the inner XVisor#: the SBI test guest created and kicked in the
    inner hypervisor, bound, at its sbitest# prompt (make bench uses it
    too)."""
    assert "Mounted initrd" in guest_cmd(q, "vfs mount initrd /", INNER)
    out = guest_cmd(q, "vfs guest_fdt_load sbitest %s/sbitest.dtb 2" % SBITEST_DIR, INNER)
    assert "Error" not in out, out
    assert "sbitest: Created" in guest_cmd(q, "guest create sbitest", INNER)
    out = guest_cmd(q, "vfs guest_load_list sbitest %s/sbitest.list" % SBITEST_DIR, INNER)
    assert "Error" not in out, out
    assert "sbitest: Kicked" in guest_cmd(q, "guest kick sbitest", INNER)
    guest_cmd(q, "vserial bind sbitest/uart0", "sbitest# ", timeout=INNER_BOOT_TIMEOUT)


def test_hypervisor_boots_in_guest(boot):
    q, out = boot_inner(boot)
    # The inner hypervisor's own boot lines: it found the H extension.
    assert "INIT: 1 of 1 harts online" in out, out
    assert "no H extension" not in out, out
    info = guest_cmd(q, "host cpu info", INNER)
    m = re.search(r"ISA \(used\)\s*: rv64([a-z]+)", info)
    assert m and "h" in m.group(1), info
    # Its G-stage probe went through the emulated hgatp (a real mode).
    assert re.search(r"Stage-2 MMU\s*: Sv(39|48|57)x4", info), info
    assert guest_cmd(q, "echo nested hello", INNER) == "echo nested hello\nnested hello\n"
    unbind(q)
    assert q.run("echo outer") == "outer\n"


def test_nested_guest_answers(boot):
    q, _ = boot_inner(boot)
    out = guest_cmd(q, "vfs mount initrd /", INNER)
    assert "Mounted initrd" in out, out
    out = guest_cmd(q, "vfs run /inner.xscript", INNER)
    assert "guest0: Created" in out and "Error" not in out, out
    assert "guest0: Kicked" in guest_cmd(q, "guest kick guest0", INNER)
    # The nested guest's console, through the inner and the outer vserial.
    banner = guest_cmd(q, "vserial bind guest0/uart0", BASIC, timeout=INNER_BOOT_TIMEOUT)
    assert "RISC-V Virt64 Basic Firmware" in banner, banner
    m = re.search(r"vCPU ISA: rv64([a-z]+)", banner)
    assert m and "h" not in m.group(1), banner
    assert guest_cmd(q, "hi", BASIC) == "hi\nhello\n"
    assert "RISC-V Virt64 Basic Firmware version" in guest_cmd(q, "version", BASIC)
    # ESC x q goes to the outer binding first: back at the outer prompt,
    # the outer hypervisor answers and its guest0 still runs.
    unbind(q)
    assert q.run("echo outer") == "outer\n"
    assert "guest0" in q.run("guest list")


def test_sbitest_as_nested_guest(boot):
    """The SBI test guest (two vCPUs on the inner hypervisor's one hart)
    passes its whole suite as a nested guest: timers through hvip, IPIs,
    HSM, suspend, fences, all through the shadow G-stage."""
    q, _ = boot_inner(boot)
    inner_sbitest(q)
    out = guest_cmd(q, "sbi", "sbitest# ", timeout=INNER_BOOT_TIMEOUT)
    m = SUMMARY_RE.search(out)
    assert m, out
    assert "FAIL" not in out, out
    assert int(m.group(2)) == 0 and int(m.group(1)) >= 200, out
    unbind(q)
    assert q.run("echo outer") == "outer\n"


def test_demo_vcpu_has_no_h(boot):
    q = boot_disk(boot, DEMO_BOOTCMD)
    assert "guest0: Kicked" in q.run("guest kick guest0")
    banner = bind(q, "guest0/uart0", BASIC)
    m = re.search(r"vCPU ISA: rv64([a-z]+)", banner)
    assert m and "h" not in m.group(1), banner
    unbind(q)


def test_nacl_sbitest(boot):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    out = q.run("vfs guest_fdt_load nacl %s/sbitest-nested.dtb 1" % SBITEST_DIR)
    assert "Error" not in out, out
    assert "nacl: Created" in q.run("guest create nacl")
    out = q.run("vfs guest_load_list nacl %s/sbitest.list" % SBITEST_DIR)
    assert "Error" not in out, out
    assert "nacl: Kicked" in q.run("guest kick nacl")
    bind(q, "nacl/uart0", "sbitest# ")
    out = guest_cmd(q, "nacl", "sbitest# ")
    m = SUMMARY_RE.search(out)
    assert m, out
    assert "FAIL" not in out, out
    assert int(m.group(2)) == 0 and int(m.group(1)) >= 25, out
    unbind(q)


def test_linux_with_h_loads_kvm(boot):
    """Linux on vCPUs with H: /proc/cpuinfo shows `h`, and KVM (carried in
    the rootfs, not loaded at boot) loads and creates /dev/kvm."""
    q = boot_disk(boot, MOUNT_BOOTCMD)
    assert "Error" not in q.run("shmem create default 0x1000000 21")
    out = q.run("vfs guest_fdt_load guest0 /images/riscv/virt64/nested/nested.dtb 2 "
                "mem0,physical_size,physsize,0x10000000 shmem0,shared_mem,string,default")
    assert "Error" not in out, out
    assert "guest0: Created" in q.run("guest create guest0")
    out = q.run("vfs guest_load_list guest0 /images/riscv/virt64/nor_flash.list", timeout=60)
    assert "Error" not in out, out
    autoexec_linux(q)
    isas = re.findall(r"^isa\s*: rv64([a-z]+)", linux_cmd(q, "grep ^isa /proc/cpuinfo"), re.M)
    assert len(isas) == 2 and all("h" in i for i in isas), isas
    assert linux_cmd(q, "unxz -c /lib/modules/extra/kvm.ko.xz >/tmp/k.ko") == ""
    out = linux_cmd(q, "insmod /tmp/k.ko; echo rc=$?", timeout=120)
    assert "rc=0" in out and "hypervisor extension available" in out, out
    assert linux_cmd(q, "test -c /dev/kvm && echo kvm-ok") == "kvm-ok\n"
