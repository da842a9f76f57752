#!/bin/bash
# (long) Isolation on real software. dropbear's configure looks for zlib
# on its own. With dropbear's zlib option off while zlib is in the
# root filesystem for other reasons, dropbear must not find it: zlib is
# not in its per-package directory. (With the option on, the default,
# it must: 50-qemu-aarch64.t checks that on the defconfig's build.)
# Built at top-level -j2, with zlib's install made to finish before
# dropbear configures (an external tree's hook waits for it), so a
# shared staging directory would have shown zlib to dropbear. (A -j1
# build of the same, where zlib may come first or not, was a second
# build here until 2026-12-02: this case is the harder one, and
# 54-rebuild-hash.t compares -j1 and -j2 builds of dropbear byte for
# byte.)
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 7

# No busybox: dropbear and zlib are what this is about.
base=(KILN_aarch64=y KILN_DOWNLOAD_APT=y KILN_PACKAGE_ZLIB=y KILN_PACKAGE_DROPBEAR=y)

mk() {
	local out=$1
	shift
	make --no-print-directory -C "$TOPDIR" O="$out" "$@"
}
# setup OUT [MAKE_ARGS...] -- LINES...: OUT configured from defconfig lines.
setup() {
	local out=$1 args=()
	shift
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	mkdir -p "$out"
	printf '%s\n' "$@" >"$out.defconfig"
	mk "$out" "${args[@]}" KILN_DEFCONFIG="$out.defconfig" defconfig >/dev/null
}
needed() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' '; }
# zlib's line in dropbear's config.log: the result of AC_CHECK_LIB(z, deflate).
zlib_probe() { grep -E '^ac_cv_lib_z_deflate=' "$1"/build/dropbear-*/config.log; }

# Option off at top-level -j2, zlib installed before dropbear's
# configure starts. The hook gives up after 10 minutes rather than hang.
ext=$SCRATCH/order-ext
mkdir -p "$ext/configs"
echo 'name: ORDER' >"$ext/external.desc"
: >"$ext/Config.in"
cat >"$ext/external.mk" <<'EOF'
# Test only: dropbear's configure waits until zlib is installed.
define ORDER_WAIT_FOR_ZLIB
	for i in $$(seq 3000); do test -e '$(ZLIB_DIR)/.stamp_installed' && break; sleep 0.2; done
	test -e '$(ZLIB_DIR)/.stamp_installed'
endef
DROPBEAR_PRE_CONFIGURE_HOOKS += ORDER_WAIT_FOR_ZLIB
EOF
par=$SCRATCH/par
setup "$par" KILN_EXTERNAL="$ext" -- "${base[@]}" '# KILN_PACKAGE_DROPBEAR_ZLIB is not set'
ok "option off, top-level -j2: the build succeeds" mk "$par" KILN_EXTERNAL="$ext" -j2
log=$par/build/build-time.log
zlib_end=$(awk '$1 == "zlib" && $2 == "install" { print $4 }' "$log")
# The configure step starts, then its hook waits for zlib's stamp: what
# counts is that zlib was installed before configure was over (its
# checks run after the hook).
db_end=$(awk '$1 == "dropbear" && $2 == "configure" { print $4 }' "$log")
ok "zlib was installed before dropbear's configure ran its checks (build-time.log)" \
	awk -v a="$zlib_end" -v b="$db_end" 'BEGIN { exit !(a != "" && b != "" && a < b) }'
db_extract=$(awk '$1 == "dropbear" && $2 == "extract" { print $3 }' "$log")
ok "dropbear was extracted while zlib was still building (the two ran at once)" \
	awk -v a="$db_extract" -v b="$zlib_end" 'BEGIN { exit !(a != "" && b != "" && a < b) }'
is "$(zlib_probe "$par")" "ac_cv_lib_z_deflate=no" "-j2: dropbear's config.log shows zlib not found"
unlike "$(needed "$par/target/usr/sbin/dropbear")" 'libz' "-j2: dropbear has no NEEDED libz"
ok "zlib is in the root filesystem all the same" test -e "$par/target/usr/lib/libz.so.1"
ok "zlib is not in dropbear's per-package sysroot, and is in its own" \
	test ! -e "$par/per-package/dropbear/host/aarch64-linux-gnu/sysroot/usr/include/zlib.h" -a \
	-e "$par/per-package/zlib/host/aarch64-linux-gnu/sysroot/usr/include/zlib.h"
done_testing
