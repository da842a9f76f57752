#!/bin/bash
# support/benchmarks/boot-time against output directories whose
# images/start-qemu.sh is fake-console: the table (arch from .config,
# runs, medians), the root password from .config, a failed boot (exit 1,
# logs kept), and its argument errors (exit 2, one line naming what is
# missing, before any boot).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 13
bt=$TOPDIR/support/benchmarks/boot-time
fake=$TOPDIR/support/testing/infra/fake-console
# fakeout DIR ARCH PASSWORD FAKE_OPTS...: an output directory whose
# images/start-qemu.sh runs fake-console.
fakeout() {
	local dir=$1 arch=$2 pw=$3
	shift 3
	mkdir -p "$dir/images"
	printf 'KILN_%s=y\nKILN_TARGET_GENERIC_ROOT_PASSWD="%s"\n' "$arch" "$pw" >"$dir/.config"
	{
		echo '#!/bin/sh'
		echo "exec $fake $* \"\$@\""
	} >"$dir/images/start-qemu.sh"
	chmod +x "$dir/images/start-qemu.sh"
}
fakeout "$SCRATCH/a64" aarch64 's3cr3t' --password s3cr3t
fakeout "$SCRATCH/rv" riscv64 '' --noise 20

st=0
out=$("$bt" --runs 2 "$SCRATCH/a64" "$SCRATCH/rv" 2>&1) || st=$?
is "$st" 0 "two output directories, 2 runs each: exit 0"
like "$out" "^aarch64 +2/2 +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} +$SCRATCH/a64$" \
	"a row for aarch64: 2/2 runs, login and shell median and min (password from .config)"
like "$out" "^riscv64 +2/2 .* $SCRATCH/rv$" "a row for riscv64 (no password)"
like "$out" "uname -m: x86_64 \(NOT aarch64\)" "uname -m is checked against the architecture"
unlike "$out" "console logs kept" "the logs are removed after a good run"

fakeout "$SCRATCH/bad" x86_64 '' --no-login
st=0
out=$("$bt" --runs 1 --boot-timeout 2 "$SCRATCH/bad" 2>&1) || st=$?
is "$st" 1 "a board that never shows a login prompt: exit 1"
like "$out" "kiln_runtime: nothing within 2 s while waiting for the login prompt" "... with the layer's error"
like "$out" "^x86_64 +0/1 +- +- +- +- " "... and a row with no figures"
like "$out" "console logs kept in " "... and the logs kept"

st=0
out=$("$bt" 2>&1) || st=$?
is "$st:$(tail -n1 <<<"$out")" "2:boot-time: error: the following arguments are required: OUTDIR" "no OUTDIR: usage error, exit 2"
st=0
out=$("$bt" --runs x "$SCRATCH/a64" 2>&1) || st=$?
is "$st:$(tail -n1 <<<"$out")" "2:boot-time: error: argument --runs: want a positive number, not 'x'" "--runs x: exit 2"
mkdir "$SCRATCH/empty"
st=0
out=$("$bt" "$SCRATCH/a64" "$SCRATCH/empty" 2>&1) || st=$?
is "$st $out" "2 boot-time: $SCRATCH/empty has no .config: pass an output directory built with a board defconfig (make O=$SCRATCH/empty qemu_<arch>_..._defconfig && make O=$SCRATCH/empty)" \
	"an OUTDIR without .config: exit 2 before any boot"
printf 'KILN_aarch64=y\n' >"$SCRATCH/empty/.config"
st=0
out=$("$bt" "$SCRATCH/empty" 2>&1) || st=$?
is "$st $out" "2 boot-time: $SCRATCH/empty/images/start-qemu.sh does not exist or is not executable: build the board first (make O=$SCRATCH/empty), with a board defconfig that makes it" \
	"an OUTDIR without images/start-qemu.sh: exit 2"
done_testing
