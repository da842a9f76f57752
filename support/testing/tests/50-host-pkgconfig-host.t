#!/bin/bash
# Host packages get pkg-config in host mode, in every infrastructure
# and every step: host-hp-lib installs HOST_DIR/lib/pkgconfig/hplib.pc,
# and host packages depending on it and on host-pkgconf (generic,
# autotools, CMake, Meson) must find it, with include paths in their
# own HOST_DIR (never prefixed with the target sysroot).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 13

out=$SCRATCH/out
configure "$out" KILN_DOWNLOAD_APT=y KILN_PACKAGE_HOST_HP_GENERIC=y KILN_PACKAGE_HOST_HP_AT=y \
	KILN_PACKAGE_HOST_HP_CMAKE=y KILN_PACKAGE_HOST_HP_MESON=y
ok "build" kiln "$out"

pp=$out/per-package
for step in configure build install; do
	is "$(cat "$out/build/host-hp-generic-1.0/pc-$step.txt" 2>&1)" "-I$pp/host-hp-generic/host/include -DHPLIB_FOUND=1 " \
		"host-generic-package: pkg-config finds a host library in the $step step"
done

b=$out/build/host-hp-at-1.0
is "$(cat "$b/pc-configure.txt" 2>&1)" "-I$pp/host-hp-at/host/include -DHPLIB_FOUND=1 " \
	"host-autotools-package: configure finds the host library through pkg-config"
like "$(cat "$b/pc-build.txt" 2>&1)" "^PC=-I$pp/host-hp-at/host/include -DHPLIB_FOUND=1" "and the build uses it"

info=$(cat "$out/build/host-hp-cmake-1.0/kiln-build/hp.info" 2>&1)
like "$info" "^found=1\$" "host-cmake-package: pkg_check_modules finds the host library"
like "$info" "^cflags=-I$pp/host-hp-cmake/host/include;-DHPLIB_FOUND=1\$" "with its include directory in the package's HOST_DIR"
like "$info" "^pkg-config=-I$pp/host-hp-cmake/host/include -DHPLIB_FOUND=1\$" "and so does pkg-config run from CMakeLists.txt"

info=$(cat "$out/build/host-hp-meson-1.0/kiln-build/hp.info" 2>&1)
like "$info" "^found=true\$" "host-meson-package: dependency() finds the host library"
like "$info" "^incdir=$pp/host-hp-meson/host/include\$" "with its include directory in the package's HOST_DIR"

# The step scripts: host mode for host packages only.
st=$out/build/.kiln
ok "a host package's step script sets host mode" grep -qx "export KILN_PKG_CONFIG_HOST=1 PKG_CONFIG_PATH='$pp/host-hp-generic/host/lib/pkgconfig:$pp/host-hp-generic/host/share/pkgconfig'" \
	"$st/host-hp-generic.configure.sh"
ok "a target package's does not" sh -c "test -f '$st/toolchain.install.sh' && ! grep -q KILN_PKG_CONFIG_HOST '$st/toolchain.install.sh'"
done_testing
