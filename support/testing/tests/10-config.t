#!/bin/bash
# Configuration goals: missing configuration, unknown defconfig, missing
# kconfig-frontends, defconfig/savedefconfig round trip, O= forwarding.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 14

out=$SCRATCH/out
msg=$(kiln "$out" 2>&1) && st=0 || st=$?
ok "make with no .config fails" test "$st" -ne 0
like "$msg" "^kiln: no configuration in $out; run 'make <board>_defconfig'" "and says what to do"

msg=$(kiln "$out" nosuch_defconfig 2>&1) && st=0 || st=$?
ok "unknown defconfig fails" test "$st" -ne 0
like "$msg" "^kiln: unknown defconfig 'nosuch_defconfig'.*list-defconfigs" "and names it"

msg=$(kiln "$out" KCONFIG_CONF=/nonexistent/kconfig-conf olddefconfig 2>&1) && st=0 || st=$?
like "$msg" "install the Debian package kconfig-frontends" "missing kconfig-frontends names the Debian package"

# (k) defconfig then savedefconfig round-trips exactly.
def=$SCRATCH/round_defconfig
printf '%s\n' KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y 'KILN_ROOTFS_OVERLAY="board/x/overlay"' \
	'KILN_x86_64=y' | sort >"$def"
# kconfig writes symbols in menu order, so start from a saved copy.
kiln "$out" KILN_DEFCONFIG="$def" defconfig >/dev/null
kiln "$out" savedefconfig >/dev/null
cp "$def" "$def.first"
kiln "$out" KILN_DEFCONFIG="$def" defconfig >/dev/null
kiln "$out" savedefconfig >/dev/null
ok "savedefconfig of a defconfig gives the same file back" cmp "$def" "$def.first"
ok "savedefconfig kept the non-default symbols" grep -qx 'KILN_PACKAGE_APPA_LIBB=y' "$def"
unlike "$(cat "$def")" "KILN_DEFCONFIG" "savedefconfig does not write its own location"

# <board>_defconfig from an external tree, and list-defconfigs.
kiln "$out" test_isolation_defconfig >/dev/null
ok "<board>_defconfig from the external tree" grep -qx 'KILN_PACKAGE_LIBB=y' "$out/.config"
like "$(kiln "$out" list-defconfigs)" "^  test_isolation_defconfig$" "list-defconfigs lists external defconfigs"

# The external tree is remembered: no KILN_EXTERNAL needed any more.
like "$(make -C "$TOPDIR" O="$out" show-targets)" "appa" "KILN_EXTERNAL is remembered in the output directory"

# make -C <output dir> works through the forwarding Makefile.
ok "the output directory has a forwarding Makefile" test -f "$out/Makefile"
like "$(make -C "$out" show-targets)" "libb" "make -C <output dir> forwards goals"

# savedefconfig without a known defconfig says what to do.
out2=$SCRATCH/out2
mkdir -p "$out2"
kiln "$out2" KILN_DEFCONFIG="$SCRATCH/none" defconfig >/dev/null 2>&1 || true
rm -f "$out2/.config"
printf 'KILN_x86_64=y\n' >"$out2/.config"
msg=$(kiln "$out2" savedefconfig 2>&1) || true
like "$msg" "no defconfig to save to: set KILN_DEFCONFIG" "savedefconfig without a target says what to do"
done_testing
