"""The kernel modules the guest's initramfs carries, from the kernel package.

Debian's riscv64 kernel builds the virtio-mmio transport and the virtio
block, net and entropy drivers as modules (virtio_console is built in), so
the rootfs must carry them for Linux to see the hypervisor's virtio
devices.  This file owns picking them out of the linux-image .deb
(lib/modules/<ver>/kernel/.../<name>.ko.xz), resolving their dependencies
from each module's own `depends=` modinfo string (the package ships no
modules.dep: depmod runs at install time), decompressing them (BusyBox's
insmod may not read .xz) and ordering them so that each module comes after
everything it depends on.
"""

import lzma
import os
import re
import subprocess
import tarfile

# What the guest needs; the transport first so that the device drivers
# bind as they load.
WANTED = ("virtio_mmio", "virtio_blk", "virtio_net", "virtio-rng")


# Carried in the rootfs as /lib/modules/extra/<name>.ko.xz but not loaded
# at boot: KVM, which only a vCPU with the H extension can load
# (docs/nested.md); the guest unpacks it with BusyBox's unxz.
EXTRA = ("kvm",)
XZ_MAGIC = b"\xfd7zXZ\x00"


class ModuleError(Exception):
    pass


def module_name(path):
    """'kernel/drivers/net/virtio_net.ko.xz' -> 'virtio_net'."""
    base = os.path.basename(path)
    return base[:base.index(".ko")]


def _canon(name):
    return name.replace("-", "_")


def plain(data):
    """An uncompressed .ko from .ko or .ko.xz bytes."""
    return lzma.decompress(data) if data[:6] == b"\xfd7zXZ\0" else data


def depends(ko):
    """The module names ko (an uncompressed .ko) declares it depends on."""
    m = re.search(rb"(?:^|\0)depends=([^\0]*)\0", ko)
    if not m or not m.group(1):
        return []
    return m.group(1).decode().split(",")


def read_deb_modules(deb):
    """{canonical name: (name, .ko or .ko.xz bytes)} of every module in deb."""
    proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out = {}
    with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
        for m in tar:
            if not (m.isfile() and "/lib/modules/" in m.name and
                    re.search(r"\.ko(\.xz)?$", m.name)):
                continue
            name = module_name(m.name)
            out[_canon(name)] = (name, tar.extractfile(m).read())
    proc.stdout.close()
    err = proc.stderr.read().decode(errors="replace")
    if proc.wait() != 0:
        raise ModuleError("%s: dpkg-deb failed: %s" % (deb, err.strip()))
    return out


def load_order(available, wanted=WANTED):
    """[(name, bytes)] of wanted and their dependencies, dependencies first.

    available maps canonical names to (name, bytes), as read_deb_modules()
    returns (the bytes may be xz-compressed; the result's are not); a wanted module or dependency missing from it is an error
    (built-in modules are not listed as dependencies by the kernel).
    """
    order = []
    state = {}

    def visit(name, chain):
        key = _canon(name)
        if state.get(key) == "done":
            return
        if state.get(key) == "busy":
            raise ModuleError("module dependency loop: %s" % " -> ".join(chain + [name]))
        if key not in available:
            raise ModuleError("module %s (%s) is not in the kernel package"
                              % (name, " <- ".join(reversed(chain)) or "wanted"))
        state[key] = "busy"
        mod, ko = available[key][0], plain(available[key][1])
        for dep in depends(ko):
            visit(dep, chain + [name])
        state[key] = "done"
        order.append((mod, ko))

    for w in wanted:
        visit(w, [])
    return order


def extras(available, extra=EXTRA):
    """[(name, .ko.xz bytes)] of the extra modules (which must need no other
    module), xz-compressed with a CRC32 check (what BusyBox's unxz reads)."""
    out = []
    for name in extra:
        if _canon(name) not in available:
            raise ModuleError("module %s is not in the kernel package" % name)
        mod, data = available[_canon(name)]
        ko = plain(data)
        if depends(ko):
            raise ModuleError("extra module %s needs %s" % (name, ",".join(depends(ko))))
        if not data.startswith(XZ_MAGIC):
            data = lzma.compress(ko, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32)
        out.append((mod, data))
    return out


def from_deb(deb, wanted=WANTED, extra=EXTRA):
    """From a linux-image .deb: the ordered [(name, bytes)] the guest loads,
    and the [(name, .ko.xz bytes)] it only carries."""
    available = read_deb_modules(deb)
    return load_order(available, wanted), extras(available, extra)
