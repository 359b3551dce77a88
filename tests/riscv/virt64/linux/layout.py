"""NOR flash layout and cmdlist of the Linux guest, from the real file sizes.

Owns the placement rules of xvisor-compat.md section 9: the fixed flash
offsets (firmware 0x0, cmdlist 0xFF000, Image 0x100000, DTB 0x1F00000,
rootfs 0x2000000, flash end 0x3000000), the guest RAM addresses the
firmware copies them to, and the checks that every file fits its window.
The kernel goes to 0x80200000; the DTB and initrd go to the contract's
0x83000000 and 0x83100000 unless the kernel's own footprint (image_size in
the RISC-V Image header, BSS included) reaches them, in which case both
move up to the next 1 MiB above the kernel.  Anything that does not fit
raises LayoutError naming the file and the sizes.  Used by build-payload.py
and tests/system/test_payload.py; `layout.py OUT IMAGE ROOTFS [FW] [DTB]`
writes OUT/nor_flash.list and OUT/cmdlist.
"""

import os
import struct
import sys

FW_OFF = 0x0
CMDLIST_OFF = 0xFF000
IMAGE_OFF = 0x100000
DTB_OFF = 0x1F00000
ROOTFS_OFF = 0x2000000
FLASH_END = 0x3000000

RAM_BASE = 0x80000000
RAM_SIZE = 0x10000000           # the demo's mem0 (mem=256M)
KERNEL_ADDR = 0x80200000
DTB_ADDR = 0x83000000
INITRD_ADDR = 0x83100000
DTB_COPY = 0x20000              # 128 KiB copied; the firmware grows the FDT by 8 KiB
CMDLIST_MAX = 4096
COPY_ALIGN = 0x1000
ADDR_ALIGN = 0x100000

IMAGE_MAGIC2 = b"RSC\x05"


class LayoutError(Exception):
    """A payload file does not fit the contract's flash or RAM windows."""


def align_up(value, align):
    return (value + align - 1) // align * align


def image_header(data):
    """(text_offset, image_size) from a RISC-V Linux Image header."""
    if len(data) < 64 or data[0x38:0x3C] != IMAGE_MAGIC2:
        raise LayoutError("Image: no RISC-V Image header (magic 'RSC\\x05' at 0x38)")
    text_offset, image_size = struct.unpack_from("<QQ", data, 0x08)
    return text_offset, image_size


def check_window(name, size, limit):
    if size > limit:
        raise LayoutError("%s is %d bytes (0x%x), its window holds %d (0x%x): "
                          "it no longer fits the contract's flash layout"
                          % (name, size, size, limit, limit))


def plan(image_file_size, image_size, rootfs_size, fw_size=None, dtb_size=None):
    """Dict of copy lengths and guest addresses for the given sizes."""
    if fw_size is not None:
        check_window("firmware.bin", fw_size, CMDLIST_OFF - FW_OFF)
    if dtb_size is not None:
        check_window("virt64.dtb", dtb_size, DTB_COPY)
    if rootfs_size == 0:
        raise LayoutError("rootfs.img is empty")
    check_window("Image", image_file_size, DTB_OFF - IMAGE_OFF)
    check_window("rootfs.img", rootfs_size, FLASH_END - ROOTFS_OFF)
    # The windows are page multiples, so the rounded copies fit them too.
    kernel_copy = align_up(image_file_size, COPY_ALIGN)
    rootfs_copy = align_up(rootfs_size, COPY_ALIGN)

    # The kernel occupies image_size bytes from its load address once
    # running (BSS included), and never less than the file.
    kernel_end = KERNEL_ADDR + max(image_size, image_file_size)
    dtb_addr = max(DTB_ADDR, align_up(kernel_end, ADDR_ALIGN))
    initrd_addr = max(INITRD_ADDR, dtb_addr + ADDR_ALIGN)
    if initrd_addr + rootfs_copy > RAM_BASE + RAM_SIZE:
        raise LayoutError("Image (image_size 0x%x) and rootfs.img (%d bytes) do not "
                          "fit in the guest's 256 MiB of RAM" % (image_size, rootfs_size))
    return {
        "kernel_copy": kernel_copy,
        "rootfs_copy": rootfs_copy,
        "rootfs_size": rootfs_size,
        "kernel_end": kernel_end,
        "dtb_addr": dtb_addr,
        "initrd_addr": initrd_addr,
        "moved": dtb_addr != DTB_ADDR or initrd_addr != INITRD_ADDR,
    }


def nor_flash_list():
    return ("0x%08X ./firmware.bin\n0x%08X ./cmdlist\n0x%08X ./Image\n"
            "0x%08X ./virt64.dtb\n0x%08X ./rootfs.img\n"
            % (FW_OFF, CMDLIST_OFF, IMAGE_OFF, DTB_OFF, ROOTFS_OFF))


def cmdlist(p):
    text = ("copy 0x%08X 0x%08X 0x%X\n" % (KERNEL_ADDR, IMAGE_OFF, p["kernel_copy"])
            + "copy 0x%08X 0x%08X 0x%06X\n" % (p["dtb_addr"], DTB_OFF, DTB_COPY)
            + "copy 0x%08X 0x%08X 0x%X\n" % (p["initrd_addr"], ROOTFS_OFF, p["rootfs_copy"])
            + "start_linux_fdt 0x%08X 0x%08X 0x%08X 0x%X\n"
            % (KERNEL_ADDR, p["dtb_addr"], p["initrd_addr"], p["rootfs_size"]))
    if len(text) >= CMDLIST_MAX:
        raise LayoutError("cmdlist is %d bytes, the firmware reads < %d" % (len(text), CMDLIST_MAX))
    return text


def file_size(path):
    return os.path.getsize(path) if path and os.path.exists(path) else None


def write_layout(out_dir, image, rootfs, firmware=None, dtb=None):
    """Checks the files and writes out_dir/nor_flash.list and cmdlist.

    A file whose text is unchanged is left alone, so that make does not
    rebuild the disk for nothing.
    """
    with open(image, "rb") as f:
        _, image_size = image_header(f.read(64))
    p = plan(os.path.getsize(image), image_size, os.path.getsize(rootfs),
             file_size(firmware), file_size(dtb))
    for name, text in (("nor_flash.list", nor_flash_list()), ("cmdlist", cmdlist(p))):
        path = os.path.join(out_dir, name)
        if os.path.exists(path):
            with open(path) as f:
                if f.read() == text:
                    continue
        with open(path, "w") as f:
            f.write(text)
    return p


def main(argv):
    if len(argv) < 4:
        sys.stderr.write("usage: layout.py OUT_DIR IMAGE ROOTFS [FIRMWARE] [DTB]\n")
        return 2
    try:
        p = write_layout(*argv[1:6])
    except LayoutError as e:
        sys.stderr.write("guest-layout: %s\n" % e)
        return 1
    if p["moved"]:
        print("guest-layout: kernel ends at 0x%x: DTB at 0x%x, initrd at 0x%x"
              % (p["kernel_end"], p["dtb_addr"], p["initrd_addr"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
