"""`devtree` on the live tree of the seed boot (build/disk.img, the seed's
-append line, so guest0 comes from boot.xscript): attributes of guest0's
nodes read, set and deleted, every attribute type's encoding as `attr
show` prints it back, nodes added, deep-copied and deleted under a scratch
node, and each error printed with the shell still answering.  A separate
boot edits the tree of a created guest and checks that guest still runs.
"""

import re

import pytest

from conftest import need_file, shared_session
from disk_images import SEED_BOOTCMD, disk_shell
from guests import DISK, bind, unbind

MEM0 = "/guests/guest0/aspace/mem0"


@pytest.fixture(scope="module")
def seed_shared(request):
    s = disk_shell(request, "seed", DISK, SEED_BOOTCMD)
    yield s
    s.qemu.close()


@pytest.fixture
def dt(seed_shared, request):
    """The seed boot at a fresh prompt."""
    yield from shared_session(seed_shared, request)


@pytest.fixture
def scratch(dt, request):
    """A fresh node /<test name> under the root, deleted afterwards."""
    name = re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())
    path = "/" + name
    assert dt.run("devtree node add / " + name) == ""
    yield path
    dt.run("devtree node del " + path)
    assert "not found" in dt.run("devtree node show " + path)


def error(out, text, code):
    assert "Error: %s\n" % text in out, out
    assert "Error: command devtree failed (code %d)\n" % code in out, out


def test_guest0_vcpus_from_template(dt):
    # guest_fdt_load removed poweroff from vcpu0 only.
    assert dt.run("devtree attr get /guests/guest0/vcpus/vcpu1 poweroff") == "poweroff;\n"
    error(dt.run("devtree attr get /guests/guest0/vcpus/vcpu0 poweroff"),
          "attribute poweroff not found in /guests/guest0/vcpus/vcpu0", -2)
    show = dt.run("devtree attr show /guests/guest0/vcpus/vcpu0")
    assert 'device_type = "vcpu";\n' in show, show


def test_attr_set_get_del_on_guest0(dt):
    node = "/guests/guest0/aspace/uart0"
    before = dt.run("devtree attr show " + node)
    try:
        assert dt.run("devtree attr set %s test_note string hello" % node) == ""
        assert dt.run("devtree attr get %s test_note" % node) == 'test_note = "hello";\n'
        assert dt.run("devtree attr show " + node) == before + 'test_note = "hello";\n'
        # Setting again replaces the value.
        assert dt.run("devtree attr set %s test_note uint32 7" % node) == ""
        assert dt.run("devtree attr get %s test_note" % node) == "test_note = <0x7>;\n"
        assert dt.run("devtree attr del %s test_note" % node) == ""
        error(dt.run("devtree attr get %s test_note" % node),
              "attribute test_note not found in " + node, -2)
        assert dt.run("devtree attr show " + node) == before
    finally:
        dt.run("devtree attr del %s test_note" % node)


@pytest.mark.parametrize("args, shown", [
    ("string a b", 'v = "a", "b";'),
    ("uint32 1 0x20 3", "v = <0x1 0x20 0x3>;"),
    ("uint64 0x100000000 2", "v = <0x1 0x0 0x0 0x2>;"),
    ("bytes 1 0x2 255", "v = [01 02 ff];"),
    ("physaddr 0x80000000", "v = <0x0 0x80000000>;"),
    ("physsize 0x4000", "v = <0x0 0x4000>;"),
    ("virtaddr 0x1000", "v = <0x0 0x1000>;"),
    ("virtsize 0x2000", "v = <0x0 0x2000>;"),
    ("unknown 1", "v;"),
])
def test_attr_types(dt, scratch, args, shown):
    assert dt.run("devtree attr set %s v %s" % (scratch, args)) == ""
    assert dt.run("devtree attr get %s v" % scratch) == shown + "\n"


def test_attr_errors(dt, scratch):
    error(dt.run("devtree attr set %s v floaty 1" % scratch),
          "unknown attribute type floaty", -22)
    error(dt.run("devtree attr set %s v uint32 zz" % scratch), "invalid uint32 value", -22)
    error(dt.run("devtree attr get %s nosuch" % scratch),
          "attribute nosuch not found in " + scratch, -2)
    error(dt.run("devtree attr del %s nosuch" % scratch),
          "attribute nosuch not found in " + scratch, -2)
    error(dt.run("devtree attr get /nosuch/node x"), "node /nosuch/node not found", -2)
    error(dt.run("devtree attr get relative x"), "path relative is not absolute", -22)
    assert "Usage" in dt.run("devtree attr set %s v" % scratch)
    assert dt.run("devtree attr show " + scratch) == ""
    assert dt.run("echo still-here") == "still-here\n"


def test_node_add_copy_del(dt, scratch):
    name = scratch[1:]
    assert dt.run("devtree node add %s leaf" % scratch) == ""
    assert dt.run("devtree node copy %s m %s" % (scratch, MEM0)) == ""
    original = dt.run("devtree node dump " + MEM0)
    copy = dt.run("devtree node dump %s/m" % scratch)
    assert copy == original.replace("mem0 {", "m {", 1), (copy, original)
    assert dt.run("devtree node show " + scratch) == "%s {\n\tleaf;\n\tm;\n};\n" % name
    # A deep copy: editing it leaves guest0's node alone.
    assert dt.run("devtree attr set %s/m physical_size physsize 0x4000" % scratch) == ""
    assert dt.run("devtree attr get %s/m physical_size" % scratch) == \
        "physical_size = <0x0 0x4000>;\n"
    assert dt.run("devtree node dump " + MEM0) == original
    # Copying a node into itself copies it as it was.
    assert dt.run("devtree node copy %s self %s" % (scratch, scratch)) == ""
    assert dt.run("devtree node show " + scratch) == \
        "%s {\n\tleaf;\n\tm;\n\tself {\n\t\tleaf;\n\t\tm;\n\t};\n};\n" % name
    assert dt.run("devtree node del %s/m" % scratch) == ""
    error(dt.run("devtree node show %s/m" % scratch), "node %s/m not found" % scratch, -2)
    assert dt.run("devtree node show %s/self/m" % scratch) == "m;\n"


def test_node_errors(dt, scratch):
    error(dt.run("devtree node add /guests/guest0 aspace"),
          "node /guests/guest0/aspace already exists", -17)
    error(dt.run("devtree node add /nosuch x"), "node /nosuch not found", -2)
    assert dt.run("devtree node copy %s m %s" % (scratch, MEM0)) == ""
    error(dt.run("devtree node copy %s m %s" % (scratch, MEM0)),
          "node %s/m already exists" % scratch, -17)
    error(dt.run("devtree node copy %s k /nosuch" % scratch), "node /nosuch not found", -2)
    error(dt.run("devtree node del %s/nosuch" % scratch),
          "node %s/nosuch not found" % scratch, -2)
    error(dt.run("devtree node del /"), "cannot delete the root node", -22)
    assert "guest0 {" in dt.run("devtree node show /guests")


def test_node_show_root(dt):
    out = dt.run("devtree node show /")
    assert out.startswith("/ {\n") and out.endswith("};\n"), out
    assert "\n\tchosen;\n" in out
    assert re.search(r"\n\tguests \{\n\t\tguest0 \{\n\t\t\taliases;\n", out), out
    assert re.search(r"\n\t\tserial@10000000;\n", out), out


def test_guest_runs_after_its_tree_is_edited(boot):
    """guest create took what it needs: deleting the created guest's
    vcpus node and its RAM size does not stop a kick, reset and re-kick."""
    need_file(DISK, "make disk")
    q = boot(initrd=DISK, append=SEED_BOOTCMD)
    assert q.run("devtree node del /guests/guest0/vcpus") == ""
    assert q.run("devtree attr del %s physical_size" % MEM0) == ""
    assert "guest0: Kicked" in q.run("guest kick guest0")
    assert "RISC-V Virt64 Basic Firmware" in bind(q, "guest0/uart0", "basic# ")
    unbind(q)
    assert "guest0: Reset" in q.run("guest reset guest0")
    assert "guest0: Kicked" in q.run("guest kick guest0")
    assert "RISC-V Virt64 Basic Firmware" in bind(q, "guest0/uart0", "basic# ")
    unbind(q)
    assert "guest0: Destroyed" in q.run("guest destroy guest0")
