"""Guest configurations the G-stage cannot honour are refused with one
clear error naming the region, and leave nothing allocated: a region that
ends beyond the G-stage's guest physical address width (it would alias a
low GPA), one whose end wraps past 2^64, and one overlapping another
across the top of the address space.
"""

import re

import pytest

from guests import MOUNT_BOOTCMD, boot_disk, used_pages, vcpu_states

DTB = "/images/riscv/virt64/hostile/sbitest.dtb"
MEM0 = "/guests/g/aspace/mem0"


@pytest.mark.parametrize("gpa,size", [
    ("0x1000000000000000", "0x1000000"),    # 2^60: beyond Sv57x4's 59 bits
    ("0xffffffffff000000", "0x1000000"),    # ends exactly at 2^64: wraps to 0
    ("0xfffffffffffff000", "0x2000"),       # wraps onto the NOR at 0
])
def test_region_beyond_gstage_refused(boot, gpa, size):
    q = boot_disk(boot, MOUNT_BOOTCMD)
    assert "Error" not in q.run("vfs guest_fdt_load g %s 2" % DTB)
    assert q.run("devtree attr set %s guest_physical_addr physaddr %s" % (MEM0, gpa)) == ""
    assert q.run("devtree attr set %s physical_size physsize %s" % (MEM0, size)) == ""
    before = used_pages(q)
    out = q.run("guest create g")
    assert "g: Created" not in out, out
    errors = [line for line in out.split("\n")
              if line.startswith("Error") and not line.startswith("Error: command")]
    assert len(errors) == 1, out
    assert re.match(r"Error: %s: .*beyond the (41|50|59)-bit guest physical address space"
                    % MEM0, errors[0]), out
    assert used_pages(q) == before
    assert not [n for n in vcpu_states(q) if n.startswith("g/")]
    assert q.run("echo alive") == "alive\n"
