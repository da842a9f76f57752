#!/bin/bash
# For every architecture whose Debian cross compiler is installed: a
# package compiles a C and a C++ program in its per-package directory;
# they have the right ELF machine, contain no per-package or build
# path, and run under qemu-user with the built target as their root
# (x86_64 natively).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

archs=(aarch64:aarch64-linux-gnu:AArch64:qemu-aarch64
	arm:arm-linux-gnueabihf:ARM:qemu-arm
	riscv64:riscv64-linux-gnu:RISC-V:qemu-riscv64
	x86_64:x86_64-linux-gnu:X86-64:)
plan $((${#archs[@]} * 7))

for entry in "${archs[@]}"; do
	IFS=: read -r arch tuple machine qemu <<<"$entry"
	skip=
	command -v "$tuple-gcc" >/dev/null || skip="no $tuple-gcc (utils/setup-host --tests installs it)"
	command -v "$tuple-g++" >/dev/null || skip="no $tuple-g++"
	[ -z "$qemu" ] || command -v "$qemu" >/dev/null || skip="no $qemu (qemu-user)"
	if [ -n "$skip" ]; then
		for _ in 1 2 3 4 5 6 7; do pass "$arch # SKIP $skip"; done
		continue
	fi
	out=$SCRATCH/$arch
	mkdir -p "$out"
	printf '%s\n' "KILN_$arch=y" KILN_TOOLCHAIN_CXX=y KILN_PACKAGE_TC_HELLO=y >"$out.defconfig"
	kiln "$out" KILN_DEFCONFIG="$out.defconfig" defconfig >/dev/null
	if ! kiln "$out" >"$out.log" 2>&1; then
		fail "$arch: build" "$(tail -n 15 "$out.log")"
		for _ in 1 2 3 4 5 6; do fail "$arch: (no build)"; done
		continue
	fi
	pass "$arch: toolchain and tc-hello build"
	bin=$out/target/usr/bin/tc-hello
	like "$(readelf -h "$bin")" "Machine:.*$machine" "$arch: tc-hello is an ELF for $machine"
	like "$(readelf -h "$out/target/usr/bin/tc-hello-cxx")" "Machine:.*$machine" "$arch: tc-hello-cxx is an ELF for $machine"
	# Neither the output directory (per-package, build) nor the Kiln tree.
	leaks=$(strings -a "$bin" "$out/target/usr/bin/tc-hello-cxx" | grep -e "$out" -e per-package -e "$TOPDIR" || true)
	is "$leaks" "" "$arch: no per-package, build or source path in the binaries"
	run=("$bin")
	runxx=("$out/target/usr/bin/tc-hello-cxx")
	if [ -n "$qemu" ]; then
		run=("$qemu" -L "$out/target" "$bin")
		runxx=("$qemu" -L "$out/target" "$out/target/usr/bin/tc-hello-cxx")
	fi
	got=$("${run[@]}" 2>&1 || true)
	like "$got" "^tc-hello: $arch ok 4\$" "$arch: tc-hello runs${qemu:+ under $qemu -L output/target}"
	like "$got" "^tc-hello: source /kiln/build/tc-hello-1.0/hello.c\$" "$arch: __FILE__ is mapped to /kiln/build"
	is "$("${runxx[@]}" 2>&1 || true)" "tc-hello-cxx: ok" "$arch: the C++ program runs (libstdc++, exceptions)"
done
done_testing
