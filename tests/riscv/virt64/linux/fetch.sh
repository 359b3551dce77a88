#!/bin/sh
# Fetches the Linux guest's Debian packages (trixie, riscv64): the kernel
# package that linux-image-riscv64 depends on, and busybox-static.  apt runs
# with a private configuration under $CACHE_DIR/apt (its own apt.conf,
# sources.list, lists, cache and empty dpkg status), so the system's apt
# setup is neither read nor changed; the mirror is the one the system's apt
# already uses for Debian (or $GUEST_MIRROR).  The .debs are cached in
# $CACHE_DIR/guest/debs and described in $CACHE_DIR/guest/VERSIONS
# (`<package> <version> <sha256> <file>` per line).  A complete, verified
# cache is used as it is, without network; GUEST_REFRESH=1 asks apt for the
# current versions again.  Trixie moves on, so nothing here pins a version.
set -e
CACHE_DIR=${CACHE_DIR:-$HOME/.cache/rvhv}
SUITE=${GUEST_SUITE:-trixie}
KEYRING=${GUEST_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
APT_DIR="$CACHE_DIR/apt"
GUEST_DIR="$CACHE_DIR/guest"
DEB_DIR="$GUEST_DIR/debs"
VERSIONS="$GUEST_DIR/VERSIONS"

die() {
	echo "guest-fetch: $*" >&2
	exit 1
}

# Succeeds when VERSIONS names a kernel and busybox whose cached .debs
# still have the recorded sha256.
cache_ok() {
	[ -f "$VERSIONS" ] || return 1
	grep -q '^linux-image-' "$VERSIONS" || return 1
	grep -q '^busybox-static ' "$VERSIONS" || return 1
	while read -r pkg ver sum file; do
		[ -f "$DEB_DIR/$file" ] || return 1
		[ "$(sha256sum "$DEB_DIR/$file" | cut -d' ' -f1)" = "$sum" ] || return 1
	done < "$VERSIONS"
}

if [ "${GUEST_REFRESH:-0}" != 1 ] && cache_ok; then
	exit 0
fi

[ -f "$KEYRING" ] || die "no $KEYRING: install debian-archive-keyring (it carries the $SUITE keys)"

# The Debian archive the system's apt already reaches (never the security
# suite); a private sources.list must not hard-code anything else.
mirror=${GUEST_MIRROR:-$(apt-get indextargets --format '$(LABEL) $(REPO_URI)' 2>/dev/null |
	awk '$1 == "Debian" { print $2; exit }')}
if [ -z "$mirror" ]; then
	mirror=$(grep -rhoE '(https?|file):[^ ]*/debian/?( |$)' /etc/apt/sources.list \
		/etc/apt/sources.list.d 2>/dev/null | head -n 1 | tr -d ' ')
fi
[ -n "$mirror" ] || die "cannot tell which Debian mirror the system uses; set GUEST_MIRROR"

mkdir -p "$APT_DIR/etc/apt.conf.d" "$APT_DIR/etc/sources.list.d" \
	"$APT_DIR/etc/preferences.d" "$APT_DIR/state/lists/partial" \
	"$APT_DIR/cache/archives/partial" "$DEB_DIR"
: > "$APT_DIR/state/status"
echo "deb [arch=riscv64 signed-by=$KEYRING] ${mirror%/} $SUITE main" > "$APT_DIR/etc/sources.list"
cat > "$APT_DIR/apt.conf" <<EOF
Dir::Etc "$APT_DIR/etc";
Dir::Etc::main "/dev/null";
Dir::Etc::Parts "$APT_DIR/etc/apt.conf.d";
Dir::Etc::SourceList "$APT_DIR/etc/sources.list";
Dir::Etc::SourceParts "$APT_DIR/etc/sources.list.d";
Dir::Etc::Preferences "/dev/null";
Dir::Etc::PreferencesParts "$APT_DIR/etc/preferences.d";
Dir::State "$APT_DIR/state";
Dir::State::status "$APT_DIR/state/status";
Dir::Cache "$APT_DIR/cache";
APT::Architecture "riscv64";
APT::Architectures { "riscv64"; };
Acquire::Languages "none";
EOF
# Root's apt drops to _apt for downloads, which cannot enter $HOME.
[ "$(id -u)" = 0 ] && echo 'APT::Sandbox::User "root";' >> "$APT_DIR/apt.conf"
APT_CONFIG="$APT_DIR/apt.conf"
export APT_CONFIG

echo "guest-fetch: apt-get update ($SUITE, riscv64, private config in $APT_DIR)"
apt-get -q update >"$APT_DIR/update.log" 2>&1 || {
	tail -n 20 "$APT_DIR/update.log" >&2
	die "apt-get update failed (log: $APT_DIR/update.log)"
}

# linux-image-riscv64 is a metapackage: its first linux-image-* dependency
# is the real kernel package.
kpkg=$(apt-cache depends linux-image-riscv64 2>/dev/null |
	awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
[ -n "$kpkg" ] || die "linux-image-riscv64 in $SUITE has no linux-image-* dependency"

tmp="$GUEST_DIR/VERSIONS.new"
: > "$tmp"
for pkg in "$kpkg" busybox-static; do
	ver=$(apt-cache policy "$pkg" | awk '$1 == "Candidate:" { print $2 }')
	[ -n "$ver" ] && [ "$ver" != "(none)" ] || die "no candidate for $pkg in $SUITE"
	file=$(echo "${pkg}_${ver}_riscv64.deb" | sed 's/:/%3a/g')
	if [ ! -f "$DEB_DIR/$file" ]; then
		echo "guest-fetch: downloading $pkg $ver"
		(cd "$DEB_DIR" && apt-get -q download "$pkg=$ver" >/dev/null) ||
			die "apt-get download $pkg=$ver failed"
	fi
	[ -f "$DEB_DIR/$file" ] || die "apt-get download gave no $DEB_DIR/$file"
	sum=$(sha256sum "$DEB_DIR/$file" | cut -d' ' -f1)
	echo "$pkg $ver $sum $file" >> "$tmp"
done
mv "$tmp" "$VERSIONS"

# Drop .debs that the current versions replaced.
for f in "$DEB_DIR"/*.deb; do
	grep -q " ${f##*/}\$" "$VERSIONS" || rm -f "$f"
done
echo "guest-fetch: recorded in $VERSIONS:"
sed 's/^/  /' "$VERSIONS"
