#!/bin/sh
# Installs the Debian packages the build and every test need (as root;
# others are told the exact command) and fetches libfdt's sources into the
# cache.  README.md's Requirements lists the same packages: keep them in step.
# A test whose tool is missing fails (tests/system/conftest.py need_tool).
set -e
PKGS="make git xz-utils gcc gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf python3-kconfiglib \
qemu-system-misc opensbi device-tree-compiler genext2fs e2fsprogs fdisk cpio debian-archive-keyring \
python3-pytest python3-pexpect clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "setup: installing$missing"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
	else
		echo "setup: missing packages; run: sudo apt-get install -y$missing" >&2
		exit 1
	fi
fi
exec "$(dirname "$0")/fetch-libfdt.sh"
