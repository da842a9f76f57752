#!/bin/bash
# Host tools built from source (KILN_BUILD_HOST_TOOLS=y): host-patchelf,
# host-pkgconf and mksquashfs linked against host-zlib run from a moved
# output/host and from a moved per-package directory, with no
# LD_LIBRARY_PATH; no RPATH names the build. Found or built: the
# machine's patchelf means no host-patchelf; with KILN_BUILD_HOST_TOOLS=y
# a too old patchelf first in PATH is neither checked nor run; a missing
# or old tool is one message naming the Debian package
# (50-host-tools-check.t has the rest).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 18
unset LD_LIBRARY_PATH

out=$SCRATCH/out
configure "$out" KILN_DOWNLOAD_APT=y KILN_PACKAGE_H_HOSTTOOLS=y

targets=$(kiln "$out" -s show-targets)
unlike "$targets" 'host-patchelf' "with the machine's patchelf, host-patchelf is not in the build"
targets=$(kiln "$out" -s KILN_BUILD_HOST_TOOLS=y show-targets)
like "$targets" 'host-patchelf' "with KILN_BUILD_HOST_TOOLS=y, host-patchelf is in the build"
like "$(kiln "$out" -s KILN_BUILD_HOST_TOOLS=y h-hosttools-show-depends)" 'host-patchelf' \
	"with KILN_BUILD_HOST_TOOLS=y, target packages depend on host-patchelf"

# A patchelf too old for Kiln first in PATH: with KILN_BUILD_HOST_TOOLS=y
# the build neither checks nor runs it, but host-patchelf's.
old=$SCRATCH/old
mkdir -p "$old"
printf '#!/bin/sh\necho "$*" >>%s\necho "patchelf 0.9"\n' "$SCRATCH/old.log" >"$old/patchelf"
chmod +x "$old/patchelf"
ok "build with KILN_BUILD_HOST_TOOLS=y and a too old patchelf first in PATH" env PATH="$old:$PATH" \
	make --no-print-directory -C "$TOPDIR" O="$out" KILN_EXTERNAL="$EXT" KILN_BUILD_HOST_TOOLS=y
ok "the old patchelf in PATH was never run" test ! -e "$SCRATCH/old.log"
ok "host-patchelf was built" test -x "$out/per-package/host-patchelf/host/bin/patchelf"
rp=$(readelf -d "$out/host/bin/mksquashfs" | grep -E 'RPATH|RUNPATH' || true)
# shellcheck disable=SC2016 # a literal $ORIGIN
like "$rp" '\$ORIGIN/\.\./lib' "mksquashfs has an \$ORIGIN RPATH to host-zlib's libz"

# run_tools HOST_DIR: each tool runs from there, libz from there too.
run_tools() {
	local h=$1
	"$h/bin/patchelf" --version >/dev/null &&
		"$h/bin/pkg-config" --version >/dev/null &&
		"$h/bin/pkgconf" --version >/dev/null &&
		mkdir -p "$SCRATCH/sqin" && echo hi >"$SCRATCH/sqin/f" &&
		"$h/bin/mksquashfs" "$SCRATCH/sqin" "$SCRATCH/img.sqfs" -noappend -no-progress >/dev/null &&
		ldd "$h/bin/mksquashfs" | grep -F "$h/bin/../lib/libz.so.1" >/dev/null
}

mv "$out/host" "$SCRATCH/moved-host"
ok "patchelf, pkg-config and mksquashfs (host-zlib) run from a moved output/host" run_tools "$SCRATCH/moved-host"
mv "$SCRATCH/moved-host" "$out/host"
pp=$out/per-package/h-hosttools/host
mv "$pp" "$SCRATCH/moved-pp"
ok "... and from a moved per-package host directory" run_tools "$SCRATCH/moved-pp"
mv "$SCRATCH/moved-pp" "$pp"

# One readelf for many files; "File:" lines say which file follows.
leaks=$(find "$out/host" "$out/target" -type f -exec readelf -d {} + 2>/dev/null |
	awk -v out="$out" '/^File: /{f=$2} /RPATH|RUNPATH/ && (index($0, out) || index($0, "per-package")) {print f ": " $0}')
is "$leaks" "" "no RPATH or RUNPATH in output/host or output/target names the build or a per-package directory"
ok "the finalized host tree has the wrapper's configuration" grep -qx 'sysroot=x86_64-linux-gnu/sysroot' "$out/host/share/kiln/pkg-config.conf"
ok "host/bin/<tuple>-pkg-config is the wrapper too" cmp "$out/host/bin/pkg-config" "$out/host/bin/x86_64-linux-gnu-pkg-config"

# Found or built: the checks themselves.
msg=$(kiln "$out" -s host-tools-check TOOLS=PATCHELF 2>&1)
like "$msg" '^patchelf: /' "host-tools-check names the machine's patchelf"
msg=$(kiln "$out" -s KILN_BUILD_HOST_TOOLS=y host-tools-check TOOLS=PATCHELF 2>&1)
like "$msg" 'built by host-patchelf' "with KILN_BUILD_HOST_TOOLS=y, host-tools-check says it is built"
msg=$(kiln "$out" -s host-tools-check TOOLS=MKSQUASHFS HOST_MKSQUASHFS_CMD=kiln-no-such-mksquashfs 2>&1 || true)
like "$msg" "^kiln: host tool kiln-no-such-mksquashfs: found none in PATH, need >= 4\.4: install Debian's squashfs-tools \(apt-get install squashfs-tools\) or set KILN_BUILD_HOST_TOOLS=y to let Kiln build host-squashfs\$" \
	"a missing mksquashfs names squashfs-tools and KILN_BUILD_HOST_TOOLS"
msg=$(kiln "$out" -s host-tools-check TOOLS=FAKEROOT HOST_FAKEROOT_CMD=kiln-no-such-fakeroot 2>&1 || true)
like "$msg" "install Debian's fakeroot \(apt-get install fakeroot\)\$" "a missing fakeroot names the fakeroot package (never built)"
msg=$(kiln "$out" -s host-tools-check TOOLS=PATCHELF HOST_PATCHELF_MIN_VERSION=99.0 2>&1 || true)
like "$msg" "^kiln: host tool patchelf: found [0-9.]+ at /[^ ]*/patchelf, need >= 99\.0: install Debian's patchelf" \
	"a too old patchelf says so and names the package"
nok "a missing tool fails the check" kiln "$out" -s host-tools-check TOOLS=MKE2FS HOST_MKE2FS_CMD=kiln-no-such-mke2fs
done_testing
