"""The disk-image milestone on QEMU: the seed's exact -initrd/-append boot
(mount, boot.xscript, banner), then on that one shared boot the vfs,
blockdev, rbd and shmem commands checked against the bytes of the image as
the host reads them (debugfs), with their error paths.  Images made at test
time under build/test-data/ get their own boots: an ext2 of scripts (a
failing third line, a nested run, comments, a non-printable byte; no
boot.xscript or banner, so the seed line meets missing files), a
not-a-filesystem image, a truncated ext2 and a cpio archive.  Every error
case ends with the shell still answering.
"""

import hashlib
import os
import re

import pytest

from conftest import need_file, shared_session
from disk_images import (DATA_DIR, SEED_BOOTCMD, disk_shell, host_file, host_listing,
                         make_cpio, make_ext2, make_noise, truncate_copy)
from guests import DISK

GUEST_DTB = "/images/riscv/virt64-guest.dtb"
NOR_LIST = "/images/riscv/virt64/nor_flash.list"
LS_RE = re.compile(r"^([-dl][-rwxsStT]{9}) +(\d+) ([A-Z][a-z]{2}) (\d\d) (\d{4}) "
                   r"(\d\d:\d\d:\d\d) (.+)$")


@pytest.fixture(scope="module")
def seed_shared(request):
    s = disk_shell(request, "seed", DISK, SEED_BOOTCMD)
    yield s
    s.qemu.close()


@pytest.fixture
def seed(seed_shared, request):
    """The seed boot of build/disk.img at a fresh prompt."""
    seed_shared.sync(request.node.name)
    return seed_shared.qemu


def alive(q):
    assert q.run("echo still-here") == "still-here\n"


def failed(out, cmd, code):
    """The shell's failure line for cmd is in out."""
    assert "Error: command %s failed (code %d)" % (cmd, code) in out, out


def ls_entries(out):
    """{name: (mode, size)} from `vfs ls` output, checking its total."""
    lines = out.rstrip("\n").split("\n")
    entries = {}
    for line in lines[:-1]:
        m = LS_RE.match(line)
        assert m, "bad vfs ls line %r" % line
        entries[m.group(7)] = (m.group(1), int(m.group(2)))
    assert lines[-1] == "total %d" % len(entries), out
    return entries


def nor_entries():
    """(address, absolute path) pairs of the image's nor_flash.list."""
    text = host_file(DISK, NOR_LIST).decode()
    words = text.split()
    base = os.path.dirname(NOR_LIST)
    return [(int(a, 0), base + p[1:] if p.startswith("./") else p)
            for a, p in zip(words[0::2], words[1::2])]


def table_rows(out):
    """Rows between the second and third 79-dash rulers of a list table."""
    parts = out.split("-" * 79 + "\n")
    assert len(parts) == 4, out
    return [r for r in parts[2].split("\n") if r]


# --- the seed boot -----------------------------------------------------


def test_seed_boot_mounts_runs_script_prints_banner(seed):
    log = re.sub(r"\r+\n", "\n", seed.boot_log)
    steps = ["INIT: bootcmd: vfs mount initrd /\n", "Trying: cpio ext4\n",
             "Mounted initrd using ext4 at /\n", "INIT: bootcmd: vfs run /boot.xscript\n",
             "Created default shared memory\n", "guest0: Created\n",
             "guest0: Parsing %s\n" % NOR_LIST]
    for addr, path in nor_entries():
        steps.append("guest0: Loading 0x%016X with file %s\n" % (addr, path))
        steps.append("guest0: Loaded 0x%016X with %d bytes\n"
                     % (addr, len(host_file(DISK, path))))
    steps += ["INIT: bootcmd: vfs cat /system/banner.txt\n",
              host_file(DISK, "/system/banner.txt").decode()]
    pos = 0
    for s in steps:
        found = log.find(s, pos)
        assert found >= 0, "%r missing (or out of order) after:\n%s" % (s, log[pos:pos + 600])
        pos = found + len(s)
    assert "Error" not in log[log.find("INIT: bootcmd:"):]


def test_xscript_built_guest0_tree(seed):
    out = seed.run("devtree node show /guests/guest0")
    assert out.startswith("guest0 {\n") and out.endswith("};\n"), out
    assert "\tvcpus {\n\t\tvcpu0;\n\t\tvcpu1;\n\t};\n" in out, out
    for node in ("nor_flash0", "uart0", "shmem", "mem0", "virtio-net0"):
        assert "\n\t\t%s;\n" % node in out, out
    # The three overrides of boot.xscript landed in the live tree.
    a = "/guests/guest0/aspace/"
    assert seed.run("devtree attr get %smem0 physical_size" % a) == \
        "physical_size = <0x0 0x10000000>;\n"
    assert seed.run("devtree attr get %svirtio-net0 switch" % a) == 'switch = "br0";\n'
    assert seed.run("devtree attr get %sshmem shared_mem" % a) == 'shared_mem = "default";\n'
    assert re.search(r"^ 0\s+guest0\s+little\s+/guests/guest0\s*$",
                     seed.run("guest list"), re.M)


def test_xscript_built_default_shmem(seed):
    rows = table_rows(seed.run("shmem list"))
    m = [re.match(r"^ default +0x([0-9a-f]{16}) 0x0000000001000000 21 +(\d+)$", r)
         for r in rows]
    m = [x for x in m if x]
    assert len(m) == 1, rows
    assert int(m[0].group(1), 16) % (1 << 21) == 0
    # Held by its creator and by guest0's shmem region.
    assert m[0].group(2) == "2"


def check_listing(got, want):
    """vfs ls entries against debugfs's: same names, modes and file sizes."""
    assert set(got) == set(want), (got, want)
    for name, (mode, size) in want.items():
        assert got[name][0] == mode, (name, got[name], mode)
        if size is not None:
            assert got[name][1] == size, (name, got[name], size)


def test_vfs_ls_images(seed):
    for d in ("/images/riscv", "/images/riscv/virt64", "/"):
        check_listing(ls_entries(seed.run("vfs ls " + d)), host_listing(DISK, d))
    ents = ls_entries(seed.run("vfs ls /images/riscv"))
    assert "virt64/" in ents and "virt64-guest.dtb" in ents, ents
    ents = ls_entries(seed.run("vfs ls /images/riscv/virt64"))
    for _, path in nor_entries():
        assert os.path.basename(path) in ents, ents


@pytest.mark.parametrize("path", [GUEST_DTB, NOR_LIST, "/images/riscv/virt64/firmware.bin",
                                  "/system/banner.txt", "/boot.xscript",
                                  "/images/riscv/virt64/rootfs.img"])
def test_vfs_md5_matches_host(seed, path):
    data = host_file(DISK, path)
    assert data, "%s not on build/disk.img (make disk puts it there)" % path
    out = seed.run("vfs md5 " + path, timeout=60)
    assert out == "MD5 Digest: %s\n" % hashlib.md5(data).hexdigest()


@pytest.mark.parametrize("path", [GUEST_DTB, "/images/riscv/virt64/firmware.bin"])
def test_vfs_sha256_matches_host(seed, path):
    out = seed.run("vfs sha256 " + path, timeout=60)
    assert out == "SHA-256 Digest: %s\n" % hashlib.sha256(host_file(DISK, path)).hexdigest()


def test_vfs_cat_prints_banner(seed):
    banner = host_file(DISK, "/system/banner.txt").decode()
    assert seed.run("vfs cat /system/banner.txt") == banner


def test_vfs_cat_stops_at_non_printable(seed):
    first = host_file(DISK, GUEST_DTB)[0]
    assert seed.run("vfs cat " + GUEST_DTB) == \
        "Found non-printable char %d at offset 0\n" % first


def test_vfs_missing_file(seed):
    for sub in ("cat", "md5", "sha256"):
        out = seed.run("vfs %s /no/such/file" % sub)
        assert "/no/such/file (error -2)" in out, out
        failed(out, "vfs", -2)
    out = seed.run("vfs ls /nosuchdir")
    assert "Failed to list /nosuchdir (error -2)" in out
    failed(out, "vfs", -2)
    out = seed.run("vfs run /nosuch.xscript")
    assert "Failed to read /nosuch.xscript (error -2)" in out
    alive(seed)


def test_vfs_wrong_kind(seed):
    out = seed.run("vfs ls /system/banner.txt")
    assert "Failed to list /system/banner.txt (error -20)" in out
    out = seed.run("vfs cat /system")
    assert "/system (error -21)" in out
    failed(out, "vfs", -21)
    alive(seed)


def test_blockdev_list_and_info(seed):
    blocks = os.path.getsize(DISK) // 512
    rows = table_rows(seed.run("blockdev list"))
    assert any(re.match(r"^ initrd +RW +512 +%d +RAM backed block device$" % blocks, r)
               for r in rows), rows
    out = seed.run("blockdev info initrd")
    for line in ("Name        : initrd", "Access      : Read-Write",
                 "Block Size  : 512", "Block Count : %d" % blocks,
                 "Size        : %d bytes" % os.path.getsize(DISK)):
        assert line + "\n" in out, out
    out = seed.run("blockdev info nosuch")
    assert "Failed to find block device nosuch" in out
    failed(out, "blockdev", -19)


def test_blockdev_dump8_reads_superblock(seed):
    with open(DISK, "rb") as f:
        f.seek(0x430)
        raw = f.read(16)
    assert raw[8:10] == b"\x53\xef"  # the ext2 magic, as the host sees it
    want = "00000430: " + " ".join("%02x" % b for b in raw) + "\n"
    assert seed.run("blockdev dump8 initrd 16 0x430") == want


def initrd_range(q):
    rows = table_rows(q.run("rbd list"))
    m = [re.match(r"^ initrd +0x([0-9a-f]{16}) +0x([0-9a-f]{16})$", r) for r in rows]
    m = [x for x in m if x]
    assert len(m) == 1, rows
    return int(m[0].group(1), 16), int(m[0].group(2), 16)


def test_rbd_list_shows_initrd(seed):
    pa, size = initrd_range(seed)
    kib = re.search(r"INIT: initrd: (\d+) KiB at 0x([0-9a-f]+)", seed.boot_log)
    assert kib, seed.boot_log
    assert (pa, size) == (int(kib.group(2), 16), int(kib.group(1)) * 1024)
    assert size == os.path.getsize(DISK)


def test_rbd_over_initrd_range(seed):
    """A second RAM disk over the (reserved, never written) initrd range:
    safe, because the VFS only reads and the range stays reserved; a free
    host RAM range could be handed to a guest under the disk's feet."""
    pa, size = initrd_range(seed)
    try:
        out = seed.run("rbd create rd1 0x%x 0x%x" % (pa, size))
        assert out == "Created rd1 RAM block device\n"
        assert re.search(r"^ rd1 +0x%016x +0x%016x$" % (pa, size),
                         seed.run("rbd list"), re.M)
        assert re.search(r"^ rd1 +RW +512 +%d +RAM backed block device$" % (size // 512),
                         seed.run("blockdev list"), re.M)
        assert seed.run("vfs mount rd1 /tmp") == \
            "Trying: cpio ext4\nMounted rd1 using ext4 at /tmp\n"
        rows = table_rows(seed.run("vfs mplist"))
        assert any(re.match(r"^ /tmp +rd1 +ext4$", r) for r in rows), rows
        assert seed.run("vfs md5 /tmp/system/banner.txt") == \
            seed.run("vfs md5 /system/banner.txt")
        out = seed.run("rbd destroy rd1")
        assert "Failed to destroy RAM block device rd1 (error -16)" in out, out
        failed(out, "rbd", -16)
        assert seed.run("vfs umount /tmp") == "Unmounted /tmp\n"
        assert seed.run("rbd destroy rd1") == "Destroyed rd1 RAM block device\n"
        assert "rd1" not in seed.run("rbd list")
        assert "rd1" not in seed.run("blockdev list")
    finally:
        seed.run("vfs umount /tmp")
        seed.run("rbd destroy rd1")


def test_rbd_errors(seed):
    pa, _ = initrd_range(seed)
    out = seed.run("rbd create initrd 0x%x 0x1000" % pa)
    assert "Failed to create RAM block device initrd (error -17)" in out, out
    out = seed.run("rbd create odd 0x%x 100" % pa)
    assert "Failed to create RAM block device odd (error -22)" in out, out
    out = seed.run("rbd create odd 0x%x lots" % pa)
    assert "Invalid address or size" in out
    failed(out, "rbd", -22)
    out = seed.run("rbd destroy nosuch")
    assert "Failed to destroy RAM block device nosuch (error -2)" in out
    assert "Usage:" in seed.run("rbd create x")
    assert [r.split()[0] for r in table_rows(seed.run("rbd list"))] == ["initrd"]


def test_rbd_outside_host_ram_refused(boot):
    """A RAM disk must lie in host RAM: a range just past the last bank is
    refused.  (Found failing: it is accepted, and the first read of it takes
    a load access fault in the shell thread, which kills the shell.)"""
    q = boot()
    banks = re.findall(r"Bank \d+: start 0x([0-9a-f]+), size (\d+) KiB", q.run("host ram info"))
    assert banks
    end = max(int(start, 16) + int(kib) * 1024 for start, kib in banks)
    out = q.run("rbd create past 0x%x 0x1000" % end)
    assert "Failed to create RAM block device past" in out, out
    assert "past" not in q.run("rbd list")
    out = q.run("blockdev dump8 past 16 0")
    assert "Failed to find block device past" in out
    alive(q)


def test_vfs_fslist_tries_cpio_first(seed):
    rows = [r.split() for r in table_rows(seed.run("vfs fslist"))]
    names = [r[0] for r in rows]
    assert names == ["cpio", "ext4"], rows
    assert int(rows[0][1]) < int(rows[1][1])


def test_vfs_mplist(seed):
    rows = table_rows(seed.run("vfs mplist"))
    assert [r.split() for r in rows] == [["/", "initrd", "ext4"]]


def test_vfs_umount_then_mount_again(seed):
    want = seed.run("vfs md5 /system/banner.txt")
    try:
        assert seed.run("vfs umount /") == "Unmounted /\n"
        assert table_rows(seed.run("vfs mplist")) == []
        out = seed.run("vfs cat /system/banner.txt")
        failed(out, "vfs", -2)
        out = seed.run("vfs mount initrd /")
        assert out == "Trying: cpio ext4\nMounted initrd using ext4 at /\n"
        assert seed.run("vfs md5 /system/banner.txt") == want
    finally:
        if "initrd" not in seed.run("vfs mplist"):
            seed.run("vfs mount initrd /")


def test_vfs_mount_errors(seed):
    out = seed.run("vfs mount initrd /tmp")
    assert "Failed to mount initrd at /tmp (error -16)" in out, out
    out = seed.run("vfs mount nosuch /")
    assert "Block device nosuch not found" in out
    failed(out, "vfs", -19)
    out = seed.run("vfs umount /tmp")
    assert "Failed to unmount /tmp (error -2)" in out
    alive(seed)


def test_guest_fdt_load_override_errors_not_fatal(seed):
    try:
        out = seed.run("vfs guest_fdt_load g1 %s 2 nosuch,attr,string,x "
                       "mem0,physical_size,badtype,1 mem0,physical_size "
                       "mem0,physical_size,physsize,0x2000000" % GUEST_DTB)
        assert "Error: alias nosuch not found" in out, out
        assert "Error: unknown attribute type badtype" in out, out
        assert "command vfs failed" not in out, out
        # Loading went on: the good override and the vCPUs are there.
        assert seed.run("devtree attr get /guests/g1/aspace/mem0 physical_size") == \
            "physical_size = <0x0 0x2000000>;\n"
        assert "\tvcpus {\n\t\tvcpu0;\n\t\tvcpu1;\n\t};\n" in \
            seed.run("devtree node show /guests/g1")
        out = seed.run("vfs guest_fdt_load g1 %s 2" % GUEST_DTB)
        assert "Devtree path /guests/g1 already exist." in out
        failed(out, "vfs", -17)
        out = seed.run("vfs guest_fdt_load g2 %s 1" % "/system/banner.txt")
        failed(out, "vfs", -22)
        out = seed.run("vfs guest_fdt_load g2 %s 0" % GUEST_DTB)
        failed(out, "vfs", -22)
        assert "node /guests/g2 not found" in seed.run("devtree node show /guests/g2")
    finally:
        seed.run("devtree node del /guests/g1")
    alive(seed)


def test_shmem_create_list_destroy(seed):
    try:
        assert seed.run("shmem create s2 0x100000") == "Created s2 shared memory\n"
        rows = table_rows(seed.run("shmem list"))
        m = [re.match(r"^ s2 +0x([0-9a-f]{16}) 0x0000000000100000 12 +1$", r) for r in rows]
        assert any(m), rows
        out = seed.run("shmem create s2 0x1000")
        assert "Failed to create s2 shared memory: File exists" in out
        failed(out, "shmem", -17)
        assert seed.run("shmem destroy s2") == "Destroyed s2 shared memory\n"
        assert [r.split()[0] for r in table_rows(seed.run("shmem list"))] == ["default"]
    finally:
        seed.run("shmem destroy s2")
    out = seed.run("shmem create bad 0")
    assert "Failed to create bad shared memory: Invalid argument" in out
    failed(out, "shmem", -22)
    out = seed.run("shmem destroy nosuch")
    assert "Failed to destroy nosuch shared memory: No such file or directory" in out
    failed(out, "shmem", -2)


def test_shmem_destroy_refused_while_guest0_uses_it(seed):
    out = seed.run("shmem destroy default")
    assert "Failed to destroy default shared memory: Device or resource busy" in out
    failed(out, "shmem", -16)
    assert re.search(r"^ default .* 21 +2$", seed.run("shmem list"), re.M)


def test_shmem_destroyed_once_guest0_is_gone(boot):
    need_file(DISK, "make disk")
    q = boot(initrd=DISK, append=SEED_BOOTCMD)
    assert "guest0: Destroyed" in q.run("guest destroy guest0")
    assert re.search(r"^ default .* 21 +1$", q.run("shmem list"), re.M)
    assert q.run("shmem destroy default") == "Destroyed default shared memory\n"
    assert table_rows(q.run("shmem list")) == []


# --- an ext2 of scripts, without boot.xscript or banner ---------------

SCRIPTS = {
    "bad.xscript": "echo first\necho second\nfrobnicate now\necho never\n",
    "outer.xscript": "echo outer-start\nvfs run /scripts/inner.xscript\necho outer-end\n",
    "scripts/inner.xscript": "# inner script\necho inner-ran\n",
    "comments.xscript": "# heading\necho a # trailing comment\n\r\necho b;echo c\necho last",
    "chain.xscript": "echo x;frobnicate;echo y\necho z\n",
    "nonprint.txt": b"hello\x01world",
    "empty/": None,
}


@pytest.fixture(scope="module")
def scripts_shared(request):
    img = make_ext2(os.path.join(DATA_DIR, "scripts.img"), SCRIPTS)
    s = disk_shell(request, "scripts", img, SEED_BOOTCMD)
    yield s
    s.qemu.close()


@pytest.fixture
def scripts(scripts_shared, request):
    yield from shared_session(scripts_shared, request)


def test_seed_line_with_missing_files(scripts):
    log = re.sub(r"\r+\n", "\n", scripts.boot_log)
    assert "Mounted initrd using ext4 at /\n" in log
    assert ("INIT: bootcmd: vfs run /boot.xscript\nFailed to read /boot.xscript (error -2)\n"
            "Error: command vfs failed (code -2)\n") in log, log
    # A failing piece of vmm.bootcmd does not stop the next one.
    assert ("INIT: bootcmd: vfs cat /system/banner.txt\n"
            "Failed to open /system/banner.txt (error -2)\n") in log, log
    alive(scripts)


def test_script_stops_at_failing_third_line(scripts):
    out = scripts.run("vfs run /bad.xscript")
    assert out == ("first\nsecond\nError: unknown command frobnicate\n"
                   "/bad.xscript: line3: failed (error -2)\n"), out
    assert "never" not in out
    alive(scripts)


def test_script_chain_failure_stops_its_line(scripts):
    out = scripts.run("vfs run /chain.xscript")
    assert out == ("x\nError: unknown command frobnicate\n"
                   "/chain.xscript: line1: failed (error -2)\n"), out


def test_script_nested_run(scripts):
    assert scripts.run("vfs run /outer.xscript") == "outer-start\ninner-ran\nouter-end\n"


def test_script_comments_crlf_and_unterminated_last_line(scripts):
    assert scripts.run("vfs run /comments.xscript") == "a\nb\nc\nlast\n"


def test_cat_stops_mid_file(scripts):
    assert scripts.run("vfs cat /nonprint.txt") == \
        "hello\nFound non-printable char 1 at offset 5\n"


def test_scripts_image_listing(scripts, scripts_shared):
    for d in ("/", "/empty", "/scripts"):
        check_listing(ls_entries(scripts.run("vfs ls " + d)),
                      host_listing(scripts_shared.initrd, d))
    ents = ls_entries(scripts.run("vfs ls /"))
    assert ents["nonprint.txt"] == ("-rw-r--r--", len(SCRIPTS["nonprint.txt"]))
    assert set(ls_entries(scripts.run("vfs ls /empty"))) == {"./", "../"}


# --- images that must not mount ---------------------------------------


def boot_log_lines(q):
    return re.sub(r"\r+\n", "\n", q.boot_log)


def test_not_ext2_image_refused(boot):
    img = make_noise(os.path.join(DATA_DIR, "noise.img"), 1 << 20)
    q = boot(initrd=img, append=SEED_BOOTCMD)
    log = boot_log_lines(q)
    assert ("INIT: bootcmd: vfs mount initrd /\nTrying: cpio ext4\n"
            "Failed to mount initrd at /: no known filesystem on it (error -19)\n"
            "Error: command vfs failed (code -19)\n") in log, log
    assert "INIT: bootcmd: vfs cat /system/banner.txt\n" in log
    assert table_rows(q.run("vfs mplist")) == []
    assert re.search(r"^ initrd +RW +512 +2048 ", q.run("blockdev list"), re.M)
    alive(q)


def test_truncated_image_refused(boot):
    full = make_ext2(os.path.join(DATA_DIR, "full.img"), SCRIPTS, blocks=4096)
    img = truncate_copy(full, os.path.join(DATA_DIR, "truncated.img"), 2 << 20)
    q = boot(initrd=img, append=SEED_BOOTCMD)
    log = boot_log_lines(q)
    assert ("Trying: cpio ext4\n"
            "ext4: filesystem needs 4096 blocks but the device holds 2048 (truncated image?)\n"
            "Failed to mount initrd at / (error -22)\n") in log, log
    assert table_rows(q.run("vfs mplist")) == []
    alive(q)


# --- a cpio archive as the initrd --------------------------------------

CPIO = {
    "boot.xscript": "# from the cpio archive\necho cpio-script-ran\nshmem create cp 0x100000\n",
    "system/banner.txt": "CPIO BANNER LINE\n",
    "images/blob.bin": bytes(range(256)) * 40,
    "tmp/": None,
}


def test_cpio_initrd_mounts(boot):
    img = make_cpio(os.path.join(DATA_DIR, "initrd.cpio"), CPIO)
    q = boot(initrd=img, append=SEED_BOOTCMD)
    log = boot_log_lines(q)
    assert ("INIT: bootcmd: vfs mount initrd /\nTrying: cpio ext4\n"
            "Mounted initrd using cpio at /\n"
            "INIT: bootcmd: vfs run /boot.xscript\ncpio-script-ran\n"
            "Created cp shared memory\n"
            "INIT: bootcmd: vfs cat /system/banner.txt\nCPIO BANNER LINE\n") in log, log
    assert [r.split() for r in table_rows(q.run("vfs mplist"))] == [["/", "initrd", "cpio"]]
    ents = ls_entries(q.run("vfs ls /images"))
    assert ents == {"blob.bin": ("-rw-r--r--", len(CPIO["images/blob.bin"]))}
    assert q.run("vfs md5 /images/blob.bin") == \
        "MD5 Digest: %s\n" % hashlib.md5(CPIO["images/blob.bin"]).hexdigest()
    assert q.run("vfs cat /images/blob.bin") == "Found non-printable char 0 at offset 0\n"
    out = q.run("vfs cat /images/nosuch")
    failed(out, "vfs", -2)
    # cpio is read-only: the modifying subcommands are refused
    for cmd in ("rm /boot.xscript", "mkdir /newdir", "rmdir /images"):
        out = q.run("vfs " + cmd)
        assert "read-only filesystem" in out, out
        failed(out, "vfs", -30)
    out = q.run("vfs write /new x")
    assert "Failed to create /new: Read-only file system (error -30)" in out, out
    assert "boot.xscript" in ls_entries(q.run("vfs ls /"))
    alive(q)
