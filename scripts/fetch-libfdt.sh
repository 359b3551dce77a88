#!/bin/sh
# Fetches libfdt's sources from Debian's linux-source-6.1 package into
# $CACHE_DIR/libfdt, once.  Nothing fetched here is ever committed.
set -e
CACHE_DIR=${CACHE_DIR:-$HOME/.cache/rvhv}
dst="$CACHE_DIR/libfdt"
[ -f "$dst/.complete" ] && exit 0
mkdir -p "$CACHE_DIR/debs"
cd "$CACHE_DIR/debs"
if ! ls linux-source-6.1_*_all.deb >/dev/null 2>&1; then
	echo "setup: downloading linux-source-6.1 (for libfdt)"
	apt-get download linux-source-6.1 2>/dev/null || {
		echo "setup: 'apt-get download linux-source-6.1' failed (run 'apt-get update' first?)" >&2
		exit 1
	}
fi
deb=$(ls linux-source-6.1_*_all.deb | tail -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards '*/linux-source-6.1.tar.xz'
tar -xJf "$tmp"/usr/src/linux-source-6.1.tar.xz -C "$tmp" \
	--wildcards 'linux-source-6.1/scripts/dtc/libfdt/*'
rm -rf "$dst"
mkdir -p "$dst"
cp "$tmp"/linux-source-6.1/scripts/dtc/libfdt/*.[ch] "$dst"/
echo "$deb" > "$dst/.complete"
echo "setup: libfdt sources in $dst"
