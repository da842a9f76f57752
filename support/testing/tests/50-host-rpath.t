#!/bin/bash
# The RPATH fixer's failures through real packages: a target file of the
# wrong architecture and a host program whose library nobody installs
# each fail the build with the file's name. (A target RPATH into the
# build being removed is 28-rpath.t's.)
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 4

out=$SCRATCH/arm
mkdir -p "$out"
printf '%s\n' KILN_aarch64=y KILN_PACKAGE_H_WRONGARCH=y >"$out.defconfig"
kiln "$out" KILN_DEFCONFIG="$out.defconfig" defconfig >/dev/null
msg=$(kiln "$out" 2>&1 || true)
like "$msg" 'h-wrongarch: .*target/usr/bin/h-wrongarch: ELF file for .*but the target is aarch64' \
	"an x86_64 binary in an aarch64 target fails the build, naming the file"
ok "h-wrongarch is not marked installed" test ! -e "$out/build/h-wrongarch-1.0/.stamp_installed"

out=$SCRATCH/host
configure "$out" KILN_PACKAGE_HOST_H_BADHOST=y
msg=$(kiln "$out" 2>&1 || true)
like "$msg" 'host-h-badhost: .*host/bin/h-badhost-tool: needs the library libhbadmissing.so' \
	"a host program without a usable RPATH fails the build, naming the file"
ok "host-h-badhost is not marked installed" test ! -e "$out/build/host-h-badhost-1.0/.stamp_installed"
done_testing
