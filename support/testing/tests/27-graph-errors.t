#!/bin/bash
# Mistakes in the package graph end with one clear message: an unknown
# dependency, a dependency cycle, a goal for an unknown package, a
# package defined twice.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 10

# A throwaway external tree with broken packages.
ext=$SCRATCH/ext
mkpkg() { # name deps...
	local name=$1 up
	shift
	up=$(tr 'a-z-' 'A-Z_' <<<"$name")
	mkdir -p "$ext/package/$name"
	printf 'config KILN_PACKAGE_%s\n\tbool "%s"\n' "$up" "$name" >"$ext/package/$name/Config.in"
	# shellcheck disable=SC2016 # make syntax, not shell
	printf '%s_VERSION = 1\n%s_DEPENDENCIES = %s\n$(eval $(generic-package))\n' \
		"$up" "$up" "$*" >"$ext/package/$name/$name.mk"
	echo "source \"\$KILN_EXTERNAL_BROKEN_PATH/package/$name/Config.in\"" >>"$ext/Config.in"
}
mkdir -p "$ext/configs"
echo 'name: BROKEN' >"$ext/external.desc"
: >"$ext/Config.in"
# shellcheck disable=SC2016 # make syntax, not shell
echo 'include $(sort $(wildcard $(KILN_EXTERNAL_BROKEN_PATH)/package/*/*.mk))' >"$ext/external.mk"
mkpkg typo libzz
mkpkg loop-a loop-b
mkpkg loop-b loop-c
mkpkg loop-c loop-a

out=$SCRATCH/out
mkdir -p "$out"
b() { make --no-print-directory -C "$TOPDIR" O="$out" KILN_EXTERNAL="$ext" "$@"; }
printf 'KILN_x86_64=y\nKILN_PACKAGE_TYPO=y\n' >"$out.def"
b KILN_DEFCONFIG="$out.def" defconfig >/dev/null
msg=$(b 2>&1) && st=0 || st=$?
ok "an unknown dependency fails" test "$st" -ne 0
like "$msg" "package typo depends on 'libzz', which no package defines; fix TYPO_DEPENDENCIES" "and names the package and the dependency"

printf 'KILN_x86_64=y\nKILN_PACKAGE_LOOP_A=y\n' >"$out.def"
b KILN_DEFCONFIG="$out.def" defconfig >/dev/null
msg=$(b 2>&1) || true
like "$msg" "depends on itself: loop-a loop-b loop-c loop-a" "a cycle is reported with its path"

printf 'KILN_x86_64=y\n' >"$out.def"
b KILN_DEFCONFIG="$out.def" defconfig >/dev/null
msg=$(b nosuch-rebuild 2>&1) || true
like "$msg" "unknown package 'nosuch'" "a goal for an unknown package says so"
msg=$(b nosuch-show-depends 2>&1) || true
like "$msg" "unknown package 'nosuch'" "for every package goal"
msg=$(b nosuch-configure 2>&1) || true
like "$msg" "unknown package 'nosuch'" "step goals too"

# A second external tree that defines zlib again: parsing stops with
# one message naming both .mk files, before anything is built.
ext2=$SCRATCH/ext2
mkdir -p "$ext2/configs" "$ext2/package/zlib"
echo 'name: TWICE' >"$ext2/external.desc"
: >"$ext2/Config.in"
# shellcheck disable=SC2016 # make syntax, not shell
echo 'include $(sort $(wildcard $(KILN_EXTERNAL_TWICE_PATH)/package/*/*.mk))' >"$ext2/external.mk"
# shellcheck disable=SC2016
printf 'ZLIB_VERSION = 9.9\n$(eval $(generic-package))\n' >"$ext2/package/zlib/zlib.mk"
out2=$SCRATCH/out2
mkdir -p "$out2"
b2() { make --no-print-directory -C "$TOPDIR" O="$out2" KILN_EXTERNAL="$ext2" "$@"; }
printf 'KILN_x86_64=y\n' >"$out2.def"
b2 KILN_DEFCONFIG="$out2.def" defconfig >/dev/null 2>&1 || true
msg=$(b2 2>&1) && st=0 || st=$?
ok "a package defined twice fails" test "$st" -ne 0
like "$msg" "package zlib is defined twice: in $TOPDIR/package/zlib/zlib.mk and in $ext2/package/zlib/zlib.mk; package names must be unique across Kiln and its external trees: rename the second one \(its directory, .mk and variables\) or remove it" \
	"the message names both .mk files and what to do"
is "$(grep -c 'defined twice' <<<"$msg")" 1 "once"
ok "at parse time: nothing was built" test ! -e "$out2/per-package"
done_testing
