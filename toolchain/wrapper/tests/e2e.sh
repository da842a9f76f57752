#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End-to-end tests of the wrapper program (a sanitizer build with a
# fixed configuration, see E2E_DEFS in the Makefile) against a fake
# compiler that prints its arguments. TAP on stdout.
# Usage: e2e.sh WRAPPER SCRATCHDIR
set -eu
wrapper=$1
tmp=$2
rm -rf "$tmp"
host=$tmp/out/per-package/foo/host
mkdir -p "$host/bin" "$host/opt/fake/bin" "$host/fake-linux-gnu/sysroot" "$tmp/bin"
cp "$wrapper" "$host/bin/toolchain-wrapper"
for t in gcc g++ cc c++ cpp; do
	ln -s toolchain-wrapper "$host/bin/fake-linux-gnu-$t"
done
for t in gcc g++ cpp; do
	printf '#!/bin/sh\necho "%s $*"\n' "$t" >"$host/opt/fake/bin/fake-linux-gnu-$t"
	chmod +x "$host/opt/fake/bin/fake-linux-gnu-$t"
done
printf '#!/bin/sh\necho "launched: $*"\n' >"$tmp/bin/fakecache"
chmod +x "$tmp/bin/fakecache"
unset KILN_BUILD_DIR KILN_DEBUG_WRAPPER KILN_WRAPPER_LAUNCHER KILN_UNSAFE_PATHS

n=0 failed=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		printf '#   %s\n' "${3:-}"
	fi
}
# check DESC REGEX OUTPUT
check() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok 0 "$1"; else ok 1 "$1" "no match for $2 in: $3"; fi
}
# run CMD...: its output (stdout and stderr) in $out, its exit status in $rc
run() {
	set +e
	out=$("$@" 2>&1)
	rc=$?
	set -e
}
# status WANT WHAT: a test that $rc is WANT
status() {
	ok "$([ "$rc" = "$1" ] && echo 0 || echo 1)" "$2" "$out"
}

out=$("$host/bin/fake-linux-gnu-gcc" -c x.c 2>&1)
check "-gcc runs the real gcc with --sysroot next to it" "^gcc --sysroot=$host/fake-linux-gnu/sysroot -mcpu=cortex-a53 -mabi=lp64 -mfloat-abi=hard -ffile-prefix-map=$host=/kiln/host -c x.c\$" "$out"
out=$("$host/bin/fake-linux-gnu-cc" -v 2>&1)
check "-cc runs gcc" "^gcc --sysroot" "$out"
out=$("$host/bin/fake-linux-gnu-c++" -v 2>&1)
check "-c++ runs g++" "^g\+\+ --sysroot" "$out"
out=$("$host/bin/fake-linux-gnu-cpp" -v 2>&1)
check "-cpp runs cpp" "^cpp --sysroot" "$out"
out=$("$host/bin/fake-linux-gnu-g++" -mcpu=cortex-a72 x.cc 2>&1)
check "a command-line -mcpu replaces the configured one" "^g\+\+ --sysroot=[^ ]* -mabi=lp64 -mfloat-abi=hard .* -mcpu=cortex-a72 x.cc\$" "$out"

out=$(KILN_BUILD_DIR=$tmp/out/build "$host/bin/fake-linux-gnu-gcc" -c x.c 2>&1)
check "KILN_BUILD_DIR is mapped to /kiln/build" "-ffile-prefix-map=$tmp/out/build=/kiln/build -c x.c" "$out"

run "$host/bin/fake-linux-gnu-gcc" -I /usr/include -c x.c
status 1 "an unsafe path fails (exit $rc)"
check "the error names the program, the package and the flag" "^fake-linux-gnu-gcc: foo: unsafe path '-I /usr/include' \(in /usr/include\)" "$out"
run "$host/bin/fake-linux-gnu-gcc" -L/usr/lib -Wl,-L,/lib x.o
check "every unsafe path is named (1)" "unsafe path '-L /usr/lib'" "$out"
check "every unsafe path is named (2)" "unsafe path '-Wl,-L/lib'" "$out"
out=$(KILN_UNSAFE_PATHS=warn "$host/bin/fake-linux-gnu-gcc" -isystem /usr/include -c x.c 2>&1)
check "KILN_UNSAFE_PATHS=warn warns" "warning: foo: unsafe path '-isystem /usr/include'" "$out"
check "KILN_UNSAFE_PATHS=warn still compiles" "^gcc --sysroot" "$out"

out=$(KILN_DEBUG_WRAPPER=1 "$host/bin/fake-linux-gnu-gcc" -c 'it'"'"'s.c' 2>&1)
check "KILN_DEBUG_WRAPPER=1 prints the real command line" "^fake-linux-gnu-gcc: running: '$host/opt/fake/bin/fake-linux-gnu-gcc' '--sysroot=$host/fake-linux-gnu/sysroot'.* 'it'\\\\''s.c'\$" "$out"
out=$(PATH=$tmp/bin:$PATH KILN_WRAPPER_LAUNCHER=fakecache "$host/bin/fake-linux-gnu-gcc" -c x.c 2>&1)
check "KILN_WRAPPER_LAUNCHER goes in front of the compiler" "^launched: $host/opt/fake/bin/fake-linux-gnu-gcc --sysroot=" "$out"

cp -a "$tmp/out/per-package/foo" "$tmp/moved"
out=$("$tmp/moved/host/bin/fake-linux-gnu-gcc" -c x.c 2>&1)
check "a copied host directory uses its own sysroot and compiler" "^gcc --sysroot=$tmp/moved/host/fake-linux-gnu/sysroot .*-ffile-prefix-map=$tmp/moved/host=/kiln/host" "$out"
ln -s "$tmp/moved/host/bin/fake-linux-gnu-gcc" "$tmp/bin/link-to-gcc"
out=$("$tmp/bin/link-to-gcc" -c x.c 2>&1)
check "called through a symlink elsewhere, it still finds its own directory" "^gcc --sysroot=$tmp/moved/host/fake-linux-gnu/sysroot" "$out"
check "outside a per-package directory, messages name no package" "." "$out"

rm "$tmp/moved/host/opt/fake/bin/fake-linux-gnu-gcc"
run "$tmp/moved/host/bin/fake-linux-gnu-gcc" -c x.c
check "a missing real compiler is named, with what to do" "^fake-linux-gnu-gcc: $tmp/moved/host/opt/fake/bin/fake-linux-gnu-gcc: cannot run the real compiler: No such file or directory; rebuild the toolchain" "$out"
status 127 "a missing real compiler exits 127 (got $rc)"

out=$("$host/bin/toolchain-wrapper" --help 2>&1)
check "--help under its own name" "^Usage: <tuple>-gcc" "$out"
run "$host/bin/toolchain-wrapper" -c x.c
check "called under an unknown name, it says how to call it" "run it through one of its links" "$out"
status 2 "an unknown name exits 2 (got $rc)"

echo "1..$n"
[ "$failed" = 0 ]
