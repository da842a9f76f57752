#!/bin/bash
# (full) make sdk on a small aarch64 configuration (the toolchain and
# zlib), built from a copy of the Kiln tree. The SDK is unpacked under a
# random directory; then the copy of the tree, the output directory and
# the download directory are renamed, out of reach, and four programs
# printing zlib's version, a compress/uncompress round trip and a CRC-32
# are built with the SDK: (a) its gcc and pkg-config, (b) CMake with
# find_package(ZLIB) and its toolchain file, (c) Meson with its cross
# file and dependency('zlib'), (d) a hand-written ./configure
# --host=<tuple> after sourcing environment-setup (dash from the SDK's
# directory, bash from elsewhere). Each runs under utils/run-target
# against a copy of the built root filesystem. The SDK is moved and (a)
# is done again. Also: one top directory, no file of the SDK holds a
# path of the build machine (the tree, output, download, per-package
# and tools directories) and nothing of output/build is in it; a second
# make sdk does nothing in under 1 s, and the tarball made again is the
# same bytes.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 42

rt=$TOPDIR/utils/run-target
export KILN_CACHE_DIR=${KILN_TEST_CACHE_DIR:-$SCRATCH/cache}
export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"
# xz's fastest level: the same checks, a much faster make sdk.
export XZ_OPT=-0
# The host's pkg-config settings are no business of the SDK.
unset PKG_CONFIG PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR CC CFLAGS LDFLAGS CPPFLAGS

# The Kiln tree the build uses is a copy, so that it can be taken away.
tree=$SCRATCH/kiln
mkdir "$tree"
tar -C "$TOPDIR" --exclude=./.git --exclude=./output --exclude='./output-*' --exclude=./dl -cf - . |
	tar -C "$tree" -xf -
out=$SCRATCH/out
mk() { make --no-print-directory -C "$tree" O="$out" "$@"; }
tuple=aarch64-linux-gnu
name=${tuple}_sdk
tarball=$out/images/$name.tar.xz

printf '%s\n' KILN_aarch64=y KILN_DOWNLOAD_APT=y KILN_PACKAGE_ZLIB=y >"$SCRATCH/defconfig"
mkdir -p "$out"
ok "defconfig: aarch64 with zlib" mk KILN_DEFCONFIG="$SCRATCH/defconfig" defconfig
ok "make -j2 sdk builds the system and the SDK" mk -j2 sdk
ok "images/$name.tar.xz is made" test -s "$tarball"
is "$(tar tf "$tarball" | cut -d/ -f1 | sort -u)" "$name" "the tarball has one top directory, $name/"
like "$(cat "$out/build/build-time.log")" '^sdk sdk [0-9.]+ [0-9.]+ 0$' "build-time.log has the sdk step"

# A second make sdk does nothing, fast; the tarball made again is the
# same bytes.
sum=$(sha256sum <"$tarball")
before=$(stat -c %Y.%i "$tarball")
times=$(sha256sum <"$out/build/build-time.log")
t0=$(date +%s%N)
noop=$(mk sdk 2>&1)
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
unlike "$noop" 'making|building|assembling|installing' "a second make sdk runs no step"
is "$(stat -c %Y.%i "$tarball")" "$before" "a second make sdk leaves the tarball alone"
is "$(sha256sum <"$out/build/build-time.log")" "$times" "a second make sdk adds nothing to build-time.log"
if [ "$ms" -lt 1000 ]; then pass "a second make sdk takes under 1 s ($ms ms)"
else fail "a second make sdk takes under 1 s" "it took $ms ms"; fi
rm -f "$tarball"
ok "make sdk without the tarball makes it again" mk sdk
is "$(sha256sum <"$tarball")" "$sum" "the tarball made again is the same bytes"

# The SDK, unpacked under a random directory; the root filesystem the
# programs run against, copied out of the output directory.
sdkparent=$(mktemp -d "$SCRATCH/unpacked.XXXXXX")
tar xf "$tarball" -C "$sdkparent"
sdk=$sdkparent/$name
rootfs=$SCRATCH/rootfs
cp -a "$out/target" "$rootfs"
mkdir -p "$rootfs/usr/bin"
ok "the SDK has environment-setup, bin/$tuple-gcc, bin/$tuple-pkg-config and its sysroot" \
	test -f "$sdk/environment-setup" -a -x "$sdk/bin/$tuple-gcc" -a -x "$sdk/bin/$tuple-pkg-config" \
	-a -d "$sdk/$tuple/sysroot/usr/include"

# No path of the build machine, in any file or symlink.
paths=("$out" "$tree" "$KILN_DL_DIR" "$out/per-package" /per-package/ "$TOPDIR" "$KILN_TOOLS_DIR" "$SCRATCH")
[ -z "${KILN_TOOLCHAIN_CACHE:-}" ] || paths+=("$KILN_TOOLCHAIN_CACHE")
args=()
for p in "${paths[@]}"; do args+=(-e "$p"); done
is "$(grep -rlaF "${args[@]}" "$sdk" | head -n 5)" "" \
	"no file of the SDK holds the output, tree, download, per-package, tools or scratch directory"
links=$(find "$sdk" -type l -printf '%l\n' | grep -F "${args[@]}" | head -n 5 || true)
is "$links" "" "no symlink of the SDK points at them"
# (Objects only where the C library and the compiler keep theirs: crt*.o.)
is "$(find "$sdk" \( -name '.stamp_*' -o -name '*.o' ! -path "$sdk/$tuple/sysroot/usr/lib/*" \
	! -path "$sdk/opt/ext-toolchain/*" -o -name '*.lo' -o -name config.log -o -name config.status \
	-o -name manifest -o -name .kiln -o -name '*.la' -o -name build-time.log \) | head -n 5)" "" \
	"nothing of output/build is in the SDK (stamps, objects, logs, manifests, libtool archives)"
ok "the SDK's work directory is gone" test ! -e "$out/build/.kiln/sdk"

# Out of reach: the tree the SDK was built from, the output directory
# and the downloads. The test's cleanup needs none of them back.
mv "$tree" "$tree.away"
mv "$out" "$out.away"
mv "$KILN_DL_DIR" "$KILN_DL_DIR.away"
ok "the Kiln tree, output and download directories are out of reach" \
	test ! -e "$tree" -a ! -e "$out" -a ! -e "$KILN_DL_DIR"

# The program: zlib's version at run time and in the header, a round
# trip and a CRC-32 (checked against the build machine's zlib).
src=$SCRATCH/src
mkdir -p "$src"
cat >"$src/main.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(void)
{
	static const char text[] = "Kiln builds an SDK; the SDK builds this.";
	unsigned char packed[256], unpacked[256];
	uLongf plen = sizeof(packed), ulen = sizeof(unpacked);
	int good = compress(packed, &plen, (const Bytef *)text, sizeof(text)) == Z_OK &&
		   uncompress(unpacked, &ulen, packed, plen) == Z_OK &&
		   ulen == sizeof(text) && memcmp(unpacked, text, ulen) == 0;

	printf("zlib %s header %s round-trip %s crc32 %08lx\n", zlibVersion(), ZLIB_VERSION,
	       good ? "ok" : "FAILED", crc32(0L, (const Bytef *)text, sizeof(text) - 1));
	return good ? 0 : 1;
}
EOF
zv=$(sed -n 's/^ZLIB_VERSION = \([0-9.]*[0-9]\).*/\1/p' "$TOPDIR/package/zlib/zlib.mk")
crc=$(python3 -c 'import zlib; print("%08x" % zlib.crc32(b"Kiln builds an SDK; the SDK builds this."))')
want="zlib $zv header $zv round-trip ok crc32 $crc"

# check WAY BINARY: an aarch64 program needing libz.so.1, run under
# run-target in the copy of the root filesystem, prints what it should.
check() {
	local way=$1 bin=$2 got
	if [ ! -f "$bin" ]; then
		fail "($way) the program is built" "no $bin"
		fail "($way) it runs under run-target and prints '$want'"
		return
	fi
	like "$(readelf -hd "$bin")" 'Machine: +AArch64' "($way) the program is an aarch64 ELF file"
	cp "$bin" "$rootfs/usr/bin/sdk-$way"
	got=$("$rt" --arch aarch64 --rootfs "$rootfs" "/usr/bin/sdk-$way" 2>"$SCRATCH/rt.err") || true
	is "$got" "$want" "($way) it runs under run-target and prints zlib's version, the round trip and the CRC-32"
}

# (a) The SDK's gcc with the flags of the SDK's pkg-config.
mkdir "$SCRATCH/a"
pc=$("$sdk/bin/$tuple-pkg-config" --cflags --libs zlib)
like "$pc" '(^| )-lz( |$)' "(a) the SDK's pkg-config answers for zlib: $pc"
is "$("$sdk/bin/$tuple-pkg-config" --modversion zlib)" "$zv" "(a) the SDK's pkg-config has zlib $zv"
# shellcheck disable=SC2086 # the flags are words
(cd "$SCRATCH/a" && "$sdk/bin/$tuple-gcc" -O2 -o sdk-a "$src/main.c" $pc) >"$SCRATCH/a.log" 2>&1 || true
like "$(readelf -d "$SCRATCH/a/sdk-a" 2>&1)" 'NEEDED.*\[libz\.so\.1\]' "(a) the program links the shared libz"
check a "$SCRATCH/a/sdk-a"

# (b) CMake: find_package(ZLIB) with the SDK's toolchain file.
mkdir "$SCRATCH/b"
cp "$src/main.c" "$SCRATCH/b/"
cat >"$SCRATCH/b/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.13)
project(sdkzlib C)
find_package(ZLIB REQUIRED)
add_executable(sdk-b main.c)
target_link_libraries(sdk-b ZLIB::ZLIB)
EOF
ok "(b) CMake configures and builds with the SDK's toolchain file" \
	bash -c "cd '$SCRATCH/b' && cmake -S . -B build -DCMAKE_TOOLCHAIN_FILE='$sdk/share/kiln/toolchainfile.cmake' && cmake --build build"
like "$(grep -E '^ZLIB_(LIBRARY|LIBRARY_RELEASE):FILEPATH=' "$SCRATCH/b/build/CMakeCache.txt" 2>&1)" \
	"=$sdk/$tuple/sysroot/usr/lib[0-9]*/libz\.so\$" "(b) find_package(ZLIB) found the SDK sysroot's libz"
check b "$SCRATCH/b/build/sdk-b"

# (c) Meson: dependency('zlib') with the SDK's cross file.
mkdir "$SCRATCH/c"
cp "$src/main.c" "$SCRATCH/c/"
cat >"$SCRATCH/c/meson.build" <<'EOF'
project('sdkzlib', 'c')
executable('sdk-c', 'main.c', dependencies: dependency('zlib'))
EOF
# Meson 1.0 cannot tell where a cross file is: the SDK's names the
# tools, found in PATH after sourcing environment-setup.
# shellcheck disable=SC2016 # expanded by the inner shell
ok "(c) Meson, after environment-setup, sets up and builds with the SDK's cross file" \
	bash -c 'cd "$1" && . "$2/environment-setup" && test "$KILN_MESON_CROSS_FILE" = "$2/share/kiln/cross-compilation.conf" &&
		meson setup build --cross-file "$KILN_MESON_CROSS_FILE" && meson compile -C build' _ "$SCRATCH/c" "$sdk"
like "$(cat "$SCRATCH/c/build/meson-logs/meson-log.txt" 2>&1)" "Run-time dependency zlib found: YES $zv" \
	"(c) dependency('zlib') found zlib $zv through pkg-config"
check c "$SCRATCH/c/build/sdk-c"

# (d) A hand-written configure script and Makefile, after sourcing
# environment-setup: with dash from the SDK's directory, with bash from
# the project's.
mkdir "$SCRATCH/d"
cp "$src/main.c" "$SCRATCH/d/"
cat >"$SCRATCH/d/configure" <<'EOF'
#!/bin/sh
# Like an autoconf script: --host names the tools, pkg-config the flags.
set -e
host=
for arg in "$@"; do
	case $arg in
	--host=*) host=${arg#--host=} ;;
	--with-sysroot=*) ;;
	*) echo "configure: unknown option $arg" >&2; exit 1 ;;
	esac
done
[ -n "$host" ] || { echo "configure: give --host=<tuple>" >&2; exit 1; }
cc=${CC:-$host-gcc}
pkgconfig=${PKG_CONFIG:-$host-pkg-config}
command -v "${cc%% *}" >/dev/null || { echo "configure: no C compiler $cc" >&2; exit 1; }
zflags=$($pkgconfig --cflags zlib) || { echo "configure: zlib not found" >&2; exit 1; }
zlibs=$($pkgconfig --libs zlib)
echo "configure: host $host, CC $(command -v "${cc%% *}")"
cat >config.mk <<EOM
CC = $cc
CPPFLAGS = $CPPFLAGS
CFLAGS = $CFLAGS $zflags
LDFLAGS = $LDFLAGS
LIBS = $zlibs
EOM
EOF
chmod +x "$SCRATCH/d/configure"
# shellcheck disable=SC2016 # make's variables
printf 'include config.mk\nsdk-d: main.c\n\t$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ main.c $(LIBS)\n' >"$SCRATCH/d/Makefile"
cp -a "$SCRATCH/d" "$SCRATCH/d2"
# shellcheck disable=SC2016 # expanded by the inner shell
dash_log=$(cd "$sdk" && env -u KILN_SDK_DIR -u MAKEFLAGS dash -c \
	'. ./environment-setup && cd "$1" && ./configure $CONFIGURE_FLAGS && make' _ "$SCRATCH/d" 2>&1) || true
like "$dash_log" "^configure: host $tuple, CC $sdk/bin/$tuple-gcc\$" \
	"(d) dash, environment-setup sourced in the SDK's directory: configure finds the SDK's compiler"
check d "$SCRATCH/d/sdk-d"
# shellcheck disable=SC2016
bash_log=$(cd "$SCRATCH/d2" && env -u KILN_SDK_DIR -u MAKEFLAGS bash -c \
	'. "$1/environment-setup" && ./configure $CONFIGURE_FLAGS && make' _ "$sdk" 2>&1) || true
like "$bash_log" "^configure: host $tuple, CC $sdk/bin/$tuple-gcc\$" \
	"(d) bash, environment-setup sourced from elsewhere: configure finds the SDK's compiler"
check d2 "$SCRATCH/d2/sdk-d"
# shellcheck disable=SC2016
msg=$(cd "$SCRATCH" && env -u KILN_SDK_DIR dash -c '. "$1/environment-setup"' _ "$sdk" 2>&1) && st=0 || st=$?
is "$st:$msg" "1:environment-setup: this shell cannot tell where the SDK is; source it from the SDK's directory (cd <sdk> && . ./environment-setup), or set KILN_SDK_DIR=<sdk> first" \
	"dash from elsewhere without KILN_SDK_DIR: the one-line error, status 1"

# The SDK moved (and renamed): (a) again, from the new place only.
moved=$SCRATCH/elsewhere/my-sdk
mkdir -p "$SCRATCH/elsewhere"
mv "$sdk" "$moved"
mkdir "$SCRATCH/a2"
pc=$("$moved/bin/$tuple-pkg-config" --cflags --libs zlib)
like "$pc" '(^| )-lz( |$)' "(a, moved) the moved SDK's pkg-config answers for zlib: $pc"
# shellcheck disable=SC2086
v=$(cd "$SCRATCH/a2" && "$moved/bin/$tuple-gcc" -v -O2 -o sdk-a "$src/main.c" $pc 2>&1) || true
like "$v" "^ $moved/$tuple/sysroot/usr/include\$" "(a, moved) the moved gcc searches the moved sysroot's headers"
unlike "$v" "$sdkparent" "(a, moved) the moved gcc names nothing of the old place"
check a2 "$SCRATCH/a2/sdk-a"
done_testing
