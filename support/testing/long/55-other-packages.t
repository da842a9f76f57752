#!/bin/bash
# (long) The packages Kiln ships beside the qemu_aarch64 defconfig's
# (lua, expat, xz, bzip2, pcre2, libffi), cross-compiled for aarch64
# from a clean output directory with make -j2, then run under
# run-target (qemu-user): lua arithmetic, xz and bzip2 round trips
# (and checked against the build machine's xz and bzip2), xmlwf's exit
# codes, pcre2grep's matches and exit code; xmlwf links the shared
# libexpat, libffi's library is in the root filesystem. (In
# full/50-qemu-aarch64.t until 2026-12-02, where their ~4 minutes of
# CPU time put the suite over its budget.)
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 16

rt=$TOPDIR/utils/run-target
export KILN_CACHE_DIR=${KILN_TEST_CACHE_DIR:-$SCRATCH/cache}
export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"

out=$SCRATCH/out
mkdir -p "$out"
{
	printf '%s\n' KILN_aarch64=y KILN_DOWNLOAD_APT=y
	printf 'KILN_PACKAGE_%s=y\n' LUA EXPAT XZ BZIP2 PCRE2 LIBFFI
} >"$SCRATCH/defconfig"
ok "aarch64 with lua, expat, xz, bzip2, pcre2 and libffi" kiln "$out" KILN_DEFCONFIG="$SCRATCH/defconfig" defconfig
ok "make -j2 builds them from a clean output directory" kiln "$out" -j2
# target PROGRAM ARGS...: runs it in output/target under qemu; stdin passes.
target() { "$rt" -O "$out" "$@" 2>"$SCRATCH/rt.err"; }

is "$(target /usr/bin/lua -e 'print(6*7, 2^10, 7//2)')" "$(printf '42\t1024.0\t3')" "run-target: lua -e arithmetic"
seq 1 20000 >"$SCRATCH/data"
want=$(sha256sum <"$SCRATCH/data")
is "$(target /usr/bin/xz -c <"$SCRATCH/data" | target /usr/bin/xz -dc | sha256sum)" "$want" "run-target: xz round trip"
is "$(target /usr/bin/xz -c <"$SCRATCH/data" | xz -dc | sha256sum)" "$want" \
	"the target's xz output decompresses with the build machine's xz"
is "$(target /usr/bin/bzip2 -c <"$SCRATCH/data" | target /usr/bin/bzip2 -dc | sha256sum)" "$want" "run-target: bzip2 round trip"
is "$(bzip2 -c <"$SCRATCH/data" | target /usr/bin/bunzip2 -c | sha256sum)" "$want" \
	"the target's bunzip2 reads the build machine's bzip2 output"
printf '<doc><a x="1">text</a></doc>\n' >"$SCRATCH/good.xml"
printf '<doc><a>text</doc>\n' >"$SCRATCH/bad.xml"
status=0
target /usr/bin/xmlwf <"$SCRATCH/good.xml" >"$SCRATCH/xmlwf.out" || status=$?
is "$status:$(cat "$SCRATCH/xmlwf.out")" "0:" "run-target: xmlwf on a well-formed file: exit 0, no complaint"
status=0
target /usr/bin/xmlwf <"$SCRATCH/bad.xml" >"$SCRATCH/xmlwf.out" || status=$?
is "$status" 2 "run-target: xmlwf on a malformed file: exit 2"
like "$(cat "$SCRATCH/xmlwf.out")" 'mismatched tag' "xmlwf names the error"
is "$(printf 'hello\nhelo\nworld\n' | target /usr/bin/pcre2grep '^h.l+o$' | tr '\n' ' ')" "hello helo " \
	"run-target: pcre2grep prints the matching lines"
status=0
printf 'world\n' | target /usr/bin/pcre2grep 'h(e|a)llo' >/dev/null || status=$?
is "$status" 1 "run-target: pcre2grep exits 1 without a match"
like "$(readelf -d "$out/target/usr/bin/xmlwf")" 'NEEDED.*\[libexpat\.so\.1\]' "xmlwf links the shared libexpat"
ok "libffi's library is in the root filesystem" test -e "$out/target/usr/lib/libffi.so.8"
ok "rootfs.tar exists" test -s "$out/images/rootfs.tar"
like "$(tar tf "$out/images/rootfs.tar")" '\./usr/bin/lua' "rootfs.tar has lua"
done_testing
