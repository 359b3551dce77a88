#!/usr/bin/python3
"""Turns the cached guest .debs into the Linux payload of the disk image.

Reads $CACHE_DIR/guest/VERSIONS (written by fetch.sh), extracts the kernel
Image (/boot/vmlinux-*, an uncompressed RISC-V Image) from the linux-image
package and busybox from busybox-static, builds rootfs.img
(initramfs.py) with the package's virtio modules (kmodules.py), and writes nor_flash.list and cmdlist from the real sizes
(layout.py).  Outputs in OUT (default build/guest): Image, rootfs.img,
nor_flash.list, cmdlist, VERSIONS.  Extraction is skipped when OUT already
holds the files made from the same VERSIONS; the layout is always checked.
Exits 1 with a message naming the file when something does not fit.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import initramfs  # noqa: E402
import kmodules  # noqa: E402
import layout  # noqa: E402


def die(msg):
    sys.stderr.write("guest-payload: %s\n" % msg)
    sys.exit(1)


def read_versions(path):
    """{package: (version, sha256, file)} from a VERSIONS file."""
    if not os.path.exists(path):
        die("%s missing: run tests/riscv/virt64/linux/fetch.sh (make payload)" % path)
    out = {}
    with open(path) as f:
        for line in f:
            pkg, ver, sha, name = line.split()
            out[pkg] = (ver, sha, name)
    return out


def extract(deb, want):
    """Bytes of the first member of deb's data whose path satisfies want."""
    proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    found = None
    with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
        for m in tar:
            if m.isfile() and want(m.name):
                found = (m.name, tar.extractfile(m).read())
                break
    proc.stdout.close()
    err = proc.stderr.read().decode(errors="replace")
    proc.wait()
    if found is None:
        die("%s: no member found %s" % (deb, err.strip()))
    return found


def is_kernel(name):
    return os.path.basename(name).startswith("vmlinux-") and "/boot/" in name


def is_busybox(name):
    return name.endswith("bin/busybox")


def build_files(out, deb_dir, versions):
    kpkgs = [p for p in versions if p.startswith("linux-image-")]
    if len(kpkgs) != 1 or "busybox-static" not in versions:
        die("VERSIONS must name one linux-image-* package and busybox-static")
    kname, kernel = extract(os.path.join(deb_dir, versions[kpkgs[0]][2]), is_kernel)
    bname, busybox = extract(os.path.join(deb_dir, versions["busybox-static"][2]), is_busybox)
    if busybox[:4] != b"\x7fELF" or busybox[18:20] != b"\xf3\x00":
        die("%s in busybox-static is not a RISC-V ELF binary" % bname)
    tmp = os.path.join(out, "Image.tmp")
    with open(tmp, "wb") as f:
        f.write(kernel)
    os.replace(tmp, os.path.join(out, "Image"))
    kdeb = os.path.join(deb_dir, versions[kpkgs[0]][2])
    try:
        modules, extra = kmodules.from_deb(kdeb)
    except kmodules.ModuleError as e:
        die(str(e))
    initramfs.build(busybox, os.path.join(out, "rootfs.img.tmp"), modules, extra)
    os.replace(os.path.join(out, "rootfs.img.tmp"), os.path.join(out, "rootfs.img"))
    print("guest-payload: Image from %s (%d bytes), rootfs.img %d bytes, modules: %s"
          % (kname, len(kernel), os.path.getsize(os.path.join(out, "rootfs.img")),
             " ".join(name for name, _ in modules) +
             " (carried: %s)" % " ".join(name for name, _ in extra)))


def up_to_date(out, versions_file):
    stamp = os.path.join(out, "VERSIONS")
    if not all(os.path.exists(os.path.join(out, f)) for f in ("Image", "rootfs.img", "VERSIONS")):
        return False
    with open(stamp) as a, open(versions_file) as b:
        if a.read() != b.read():
            return False
    t = os.path.getmtime(stamp)
    sources = [os.path.join(HERE, f) for f in ("initramfs.py", "kmodules.py", "build-payload.py")]
    return all(os.path.getmtime(s) <= t for s in sources)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cache = os.environ.get("CACHE_DIR", os.path.expanduser("~/.cache/rvhv"))
    ap.add_argument("--out", default="build/guest")
    ap.add_argument("--guest-cache", default=os.path.join(cache, "guest"))
    ap.add_argument("--firmware", help="basic firmware.bin, to check its window")
    ap.add_argument("--dtb", help="virt64.dtb, to check its window")
    args = ap.parse_args()

    versions_file = os.path.join(args.guest_cache, "VERSIONS")
    versions = read_versions(versions_file)
    os.makedirs(args.out, exist_ok=True)
    if not up_to_date(args.out, versions_file):
        build_files(args.out, os.path.join(args.guest_cache, "debs"), versions)
        shutil.copyfile(versions_file, os.path.join(args.out, "VERSIONS"))
    try:
        p = layout.write_layout(args.out, os.path.join(args.out, "Image"),
                                os.path.join(args.out, "rootfs.img"),
                                args.firmware, args.dtb)
    except layout.LayoutError as e:
        for f in ("nor_flash.list", "cmdlist"):
            if os.path.exists(os.path.join(args.out, f)):
                os.remove(os.path.join(args.out, f))
        die(str(e))
    if p["moved"]:
        print("guest-payload: kernel ends at 0x%x: DTB moved to 0x%x, initrd to 0x%x"
              % (p["kernel_end"], p["dtb_addr"], p["initrd_addr"]))
    print("guest-payload: %s ready (kernel copy 0x%x, initrd 0x%x bytes at 0x%x)"
          % (args.out, p["kernel_copy"], p["rootfs_size"], p["initrd_addr"]))


if __name__ == "__main__":
    main()
