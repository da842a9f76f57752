#!/bin/bash
# make sdk on the x86_64 configuration (the build machine's gcc) with
# a test library whose .pc names its staging directory (sdk-lib): one
# top directory, environment-setup (bash from elsewhere, dash from the
# SDK's directory), no build-machine path in any file, a program built
# against the library with the SDK's gcc and pkg-config after the
# output directory is out of reach; a second make sdk does nothing,
# the tarball made again is the same bytes; a package planting the
# output directory's path (sdk-leak) is refused with the line naming
# it; KILN_SDK_NAME names the tarball and a '/' in it is refused.
# (full/53-sdk.t does the same for aarch64 with zlib, CMake, Meson and
# configure, under qemu-user.)
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 29

export XZ_OPT=-0
unset PKG_CONFIG PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR KILN_SDK_DIR
tuple=x86_64-linux-gnu
out=$SCRATCH/out
configure "$out" KILN_DOWNLOAD_APT=y KILN_PACKAGE_SDK_LIB=y
tarball=$out/images/${tuple}_sdk.tar.xz

ok "make sdk" kiln "$out" sdk
ok "images/${tuple}_sdk.tar.xz is made" test -s "$tarball"
is "$(tar tf "$tarball" | cut -d/ -f1 | sort -u)" "${tuple}_sdk" "the tarball has one top directory"
is "$(tar tvf "$tarball" --numeric-owner | awk '$2 != "0/0"' | head -n 3)" "" "every entry is owned by 0:0"

# Nothing changed: nothing done, the same bytes.
sum=$(sha256sum <"$tarball")
before=$(stat -c %Y.%i "$tarball")
times=$(sha256sum <"$out/build/build-time.log")
t0=$(date +%s%N)
noop=$(kiln "$out" sdk 2>&1)
ms=$((($(date +%s%N) - t0) / 1000000))
unlike "$noop" 'making|building|assembling|installing' "a second make sdk runs no step"
is "$(stat -c %Y.%i "$tarball"):$(sha256sum <"$out/build/build-time.log")" "$before:$times" \
	"a second make sdk leaves the tarball and build-time.log alone"
if [ "$ms" -lt 1000 ]; then pass "a second make sdk takes under 1 s ($ms ms)"
else fail "a second make sdk takes under 1 s" "it took $ms ms"; fi
rm -f "$tarball"
ok "make sdk without the tarball makes it again" kiln "$out" sdk
is "$(sha256sum <"$tarball")" "$sum" "the tarball made again is the same bytes"

# Unpacked under a random directory.
parent=$(mktemp -d "$SCRATCH/unpacked.XXXXXX")
tar xf "$tarball" -C "$parent"
sdk=$parent/${tuple}_sdk
ok "environment-setup is there, to be sourced (not executable)" test -f "$sdk/environment-setup" -a ! -x "$sdk/environment-setup"
ok "the compiler wrapper and pkg-config are in bin/" test -x "$sdk/bin/$tuple-gcc" -a -x "$sdk/bin/$tuple-pkg-config"
ok "libtool archives are left out" test -z "$(find "$sdk" -name '*.la' | head -n 1)"
args=()
for p in "$out" "$TOPDIR" "$KILN_DL_DIR" /per-package/ "$KILN_TOOLS_DIR" "$SCRATCH"; do args+=(-e "$p"); done
is "$(grep -rlaF "${args[@]}" "$sdk" | head -n 5)" "" "no file of the SDK holds the output, tree, download, per-package, tools or scratch directory"
is "$(find "$sdk" -type l -printf '%l\n' | grep -F "${args[@]}" | head -n 3)" "" "no symlink of the SDK points at them"
like "$(cat "$sdk/$tuple/sysroot/usr/lib/pkgconfig/sdkl.pc")" '^prefix=\$\{pcfiledir\}/' \
	"sdkl.pc's staging prefix became \${pcfiledir}-relative"

# The output directory out of reach; the SDK's pkg-config and gcc.
mv "$out" "$out.away"
printf '#include <stdio.h>\n#include <sdkl.h>\nint main(void) { printf("answer %%d\\n", sdkl_answer()); return 0; }\n' >"$SCRATCH/p.c"
pc=$("$sdk/bin/$tuple-pkg-config" --cflags --libs sdkl 2>&1) || true
# The paths are ${pcfiledir}-relative: compare them resolved.
norm=
for w in $pc; do
	case "$w" in
	-I* | -L*) norm="$norm ${w:0:2}$(realpath -m "${w:2}")" ;;
	*) norm="$norm $w" ;;
	esac
done
is "${norm# }" "-I$sdk/$tuple/sysroot/usr/include/sdkl -L$sdk/$tuple/sysroot/usr/lib -lsdkl" \
	"the SDK's pkg-config gives sdkl's flags in the SDK's sysroot: $pc"
# shellcheck disable=SC2086 # the flags are words
(cd "$SCRATCH" && "$sdk/bin/$tuple-gcc" -o p p.c $pc) >"$SCRATCH/p.log" 2>&1 || true
is "$(LD_LIBRARY_PATH=$sdk/$tuple/sysroot/usr/lib "$SCRATCH/p" 2>&1)" "answer 42" \
	"a program built with the SDK's gcc and pkg-config links the library and runs"

# environment-setup: bash from elsewhere, dash from the SDK's
# directory; dash from elsewhere cannot tell.
# shellcheck disable=SC2016 # expanded by the inner shell
got=$(cd "$SCRATCH" && bash -c '. "$1/environment-setup" && echo "$CC|$(command -v "$CC")|$KILN_SDK_DIR|$PKG_CONFIG_SYSROOT_DIR|$CONFIGURE_FLAGS"' _ "$sdk" 2>&1)
is "$got" "$tuple-gcc|$sdk/bin/$tuple-gcc|$sdk|$sdk/$tuple/sysroot|--host=$tuple --with-sysroot=$sdk/$tuple/sysroot" \
	"bash, sourced from elsewhere: CC, PATH, KILN_SDK_DIR, the sysroot, CONFIGURE_FLAGS"
# shellcheck disable=SC2016
got=$(cd "$sdk" && dash -c '. ./environment-setup && echo "$CC|$(command -v "$CC")|$KILN_SDK_DIR"' 2>&1)
is "$got" "$tuple-gcc|$sdk/bin/$tuple-gcc|$sdk" "dash, sourced from the SDK's directory: the same"
# shellcheck disable=SC2016
got=$(cd "$SCRATCH" && dash -c '. "$1/environment-setup"; echo "status $?"' _ "$sdk" 2>&1)
like "$got" "^environment-setup: this shell cannot tell where the SDK is; source it from the SDK's directory" \
	"dash, sourced from elsewhere: the one-line error"
like "$got" '^status 1$' "... and the . command's status is 1"
mv "$out.away" "$out"

# A package that plants the output directory's path: refused, by name.
echo KILN_PACKAGE_SDK_LEAK=y >>"$out/.config"
kiln "$out" olddefconfig >/dev/null
msg=$(kiln "$out" sdk 2>&1) && st=0 || st=$?
nok "make sdk with sdk-leak fails" test "$st" -eq 0
like "$msg" "kiln-sdk: $tuple/sysroot/usr/share/sdk-leak/where \(installed by sdk-leak\) holds the build machine's path $out, so the SDK would only work on this machine; make the package install it without that path \(docs/sdk.md\)" \
	"the error names the file, the package and the path"
is "$(sha256sum <"$tarball")" "$sum" "the previous tarball is left as it was"
sed -i '/^KILN_PACKAGE_SDK_LEAK=y$/d' "$out/.config"
kiln "$out" olddefconfig >/dev/null
ok "without sdk-leak, make sdk works again" kiln "$out" sdk
is "$(sha256sum <"$tarball")" "$sum" "... and gives the same bytes as before"

# KILN_SDK_NAME.
ok "KILN_SDK_NAME=my-sdk" kiln "$out" sdk KILN_SDK_NAME=my-sdk
is "$(tar tf "$out/images/my-sdk.tar.xz" 2>&1 | cut -d/ -f1 | sort -u)" "my-sdk" "images/my-sdk.tar.xz has the one top directory my-sdk/"
msg=$(kiln "$out" sdk KILN_SDK_NAME=a/b 2>&1) || true
like "$msg" "KILN_SDK_NAME holds 'a/b', a name, not a path: it may not contain '/'; fix it in make menuconfig, SDK" \
	"a '/' in KILN_SDK_NAME: the error says what to do"
done_testing
