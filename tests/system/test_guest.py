"""Guests on the hypervisor: the demo flow to the basic firmware's prompt
and a few of its commands, vCPU states through the guest lifecycle,
memory given back by `guest destroy`, a second guest from the same DTB
running beside the first on a one-hart host, and a guest configuration
with a missing property refused with nothing left allocated, and vCPU
migration between harts.
"""

import re

from guests import (DEMO_BOOTCMD, DISK, MOUNT_BOOTCMD, bind, boot_disk, guest_cmd, unbind,
                    used_pages, vcpu_rows, vcpu_states)

PROMPT = "basic# "
GUEST_DTB = "/images/riscv/virt64-guest.dtb"
NOR_LIST = "/images/riscv/virt64/nor_flash.list"
RUNNABLE = ("Ready", "Running")


def load_guest(q, name, mem="0x2000000"):
    out = q.run("vfs guest_fdt_load %s %s 2 mem0,physical_size,physsize,%s "
                "shmem0,shared_mem,string,default" % (name, GUEST_DTB, mem))
    assert "Error" not in out, out


def test_basic_firmware_commands(boot):
    q = boot_disk(boot, DEMO_BOOTCMD)
    assert "guest0: Kicked" in q.run("guest kick guest0")
    banner = bind(q, "guest0/uart0", PROMPT)
    assert "RISC-V Virt64 Basic Firmware" in banner
    assert "RISC-V SBI specification v2.0 detected" in banner
    assert guest_cmd(q, "hi", PROMPT) == "hi\nhello\n"
    assert guest_cmd(q, "hello", PROMPT) == "hello\nhi\n"
    assert "RISC-V Virt64 Basic Firmware version" in guest_cmd(q, "version", PROMPT)
    out = guest_cmd(q, "hexdump 0x0 8", PROMPT)
    assert re.search(r"^00000000:( [0-9a-f]{2}){8}$", out, re.M), out
    assert "Unknown command" in guest_cmd(q, "frobnicate", PROMPT)
    unbind(q)
    assert q.run("echo back") == "back\n"


def test_lifecycle_states(boot):
    q = boot_disk(boot, DEMO_BOOTCMD)
    assert "guest0" in q.run("guest list")
    st = vcpu_states(q)
    assert (st["guest0/vcpu0"], st["guest0/vcpu1"]) == ("Reset", "Reset")
    assert "guest0: Kicked" in q.run("guest kick guest0")
    st = vcpu_states(q)
    assert st["guest0/vcpu0"] in RUNNABLE and st["guest0/vcpu1"] == "Reset"
    assert "guest0: Paused" in q.run("guest pause guest0")
    assert vcpu_states(q)["guest0/vcpu0"] == "Paused"
    assert "guest0: Resumed" in q.run("guest resume guest0")
    assert vcpu_states(q)["guest0/vcpu0"] in RUNNABLE
    bind(q, "guest0/uart0", PROMPT)
    assert "hello" in guest_cmd(q, "hi", PROMPT)
    unbind(q)
    assert "guest0: Halted" in q.run("guest halt guest0")
    st = vcpu_states(q)
    assert (st["guest0/vcpu0"], st["guest0/vcpu1"]) == ("Halted", "Halted")
    assert "guest0: Reset" in q.run("guest reset guest0")
    st = vcpu_states(q)
    assert (st["guest0/vcpu0"], st["guest0/vcpu1"]) == ("Reset", "Reset")
    # A reset keeps guest memory (NOR included): a kick re-runs the firmware.
    assert "guest0: Kicked" in q.run("guest kick guest0")
    assert "RISC-V Virt64 Basic Firmware" in bind(q, "guest0/uart0", PROMPT)
    unbind(q)
    assert "guest0: Destroyed" in q.run("guest destroy guest0")
    assert not [n for n in vcpu_states(q) if n.startswith("guest0/")]
    assert "guest0" not in q.run("guest list")


def test_destroy_gives_memory_back(boot):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    assert "Created default shared memory" in q.run("shmem create default 0x1000000 21")
    before = used_pages(q)
    load_guest(q, "g")
    assert "g: Created" in q.run("guest create g")
    q.run("vfs guest_load_list g " + NOR_LIST)
    assert "g: Kicked" in q.run("guest kick g")
    during = used_pages(q)
    # 32 MiB RAM + 48 MiB NOR + 16 MiB videomem at least.
    assert during - before >= (96 << 20) // 4096
    assert "g: Destroyed" in q.run("guest destroy g")
    assert used_pages(q) == before


def test_second_guest_beside_first(boot):
    q = boot_disk(boot, DEMO_BOOTCMD)
    load_guest(q, "guest1")
    assert "guest1: Created" in q.run("guest create guest1")
    out = q.run("vfs guest_load_list guest1 " + NOR_LIST)
    assert "guest1: Loaded 0x0000000000000000 with" in out
    assert "guest0: Kicked" in q.run("guest kick guest0")
    assert "guest1: Kicked" in q.run("guest kick guest1")
    for g in ("guest0", "guest1"):
        bind(q, g + "/uart0", PROMPT)
        assert "hello" in guest_cmd(q, "hi", PROMPT)
        unbind(q)
    st = vcpu_states(q)
    assert st["guest0/vcpu0"] in RUNNABLE and st["guest1/vcpu0"] in RUNNABLE


def test_missing_property_refused(boot):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    q.run("shmem create default 0x1000000 21")
    load_guest(q, "g")
    assert q.run("devtree attr del /guests/g/aspace/mem0 guest_physical_addr") == ""
    before = used_pages(q)
    out = q.run("guest create g")
    assert "g: Created" not in out
    assert "mem0" in out and "guest_physical_addr" in out, out
    assert used_pages(q) == before
    assert not [n for n in vcpu_states(q) if n.startswith("g/")]
    assert re.search(r"^\s*\d+\s+g\s", q.run("guest list"), re.M) is None


def test_vcpu_migration(boot):
    """`vcpu set_hcpu` moves a running vCPU between harts and back;
    `set_affinity` limits where it may run; the guest keeps answering."""
    q = boot(initrd=DISK, append=DEMO_BOOTCMD, smp=2)
    q.run("guest kick guest0")
    bind(q, "guest0/uart0", PROMPT)
    unbind(q)
    tid, cpu, aff = vcpu_rows(q)["guest0/vcpu0"]
    assert aff == "{0,1}"
    for target in ("1", "0", "1"):
        assert q.run("vcpu set_hcpu %s %s" % (tid, target)) == ""
        assert vcpu_rows(q)["guest0/vcpu0"][1] == target
        q.send("vserial bind guest0/uart0\r")
        q.expect_exact("[guest0/uart0] ")
        assert guest_cmd(q, "hi", PROMPT).endswith("hello\n")
        unbind(q)
    assert q.run("vcpu set_affinity %s 0" % tid) == ""
    assert vcpu_rows(q)["guest0/vcpu0"][1:] == ("0", "{0}")
    out = q.run("vcpu set_hcpu %s 1" % tid)
    assert "outside the affinity" in out and "Error: command vcpu failed" in out
    assert "not an online host CPU" in q.run("vcpu set_hcpu %s 7" % tid)
