#!/bin/bash
# The toolchain package (x86_64 preset, the build machine's gcc):
# make toolchain alone, a copy of its host directory compiling against
# its own sysroot, the relative CMake file, the wrapper stopping a
# package with an unsafe path, and the errors for a missing or wrong
# compiler; the import cache: a second output directory hardlinks the
# first one's finished tree (same manifest and tree as an import, with
# or without the cache), a changed option misses, two builds filling it
# at once, a stale or changed entry is not used.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 46

# The import cache is this test's own: the first build imports. The
# suite's copy of the compiler (a test user may not hardlink root's
# files) is linked into it, rather than copied again.
shared=${KILN_TOOLCHAIN_CACHE:-}
export KILN_TOOLCHAIN_CACHE=$SCRATCH/tcache
mkdir -p "$KILN_TOOLCHAIN_CACHE"
if [ -n "$shared" ] && [ -d "$shared" ]; then
	for f in "$shared"/copy "$shared"/copy-stamps "$shared"/files-*; do
		if [ -e "$f" ]; then cp -al "$f" "$KILN_TOOLCHAIN_CACHE/" 2>/dev/null || true; fi
	done
fi
out=$SCRATCH/out
configure "$out" KILN_TOOLCHAIN_CXX=y
ok "make toolchain" kiln "$out" toolchain
ppd=$out/per-package/toolchain
is "$(kiln "$out" show-targets)" "toolchain" "with no package selected, the toolchain is the only package"
ok "the manifest owns the wrapper link" grep -q $'\thost/bin/x86_64-linux-gnu-gcc\ttoolchain-wrapper$' "$ppd/manifest"
unlike "$(grep -P '\treloc\t' "$ppd/manifest" || true)" . "no toolchain file needs relocation (CMake and Meson files are relative)"
cc1=/usr/lib/gcc/x86_64-linux-gnu/12/cc1
# With fs.protected_hardlinks, a user may hardlink only files it owns
# or may write: root's compiler is then copied.
if [ "$(id -u)" -eq 0 ] || [ -O "$cc1" ] || [ -w "$cc1" ] || [ "$(cat /proc/sys/fs/protected_hardlinks 2>/dev/null)" = 0 ]; then
	is "$(stat -c %i "$ppd/host/opt/ext-toolchain/lib/gcc/x86_64-linux-gnu/12/cc1")" "$(stat -c %i "$cc1")" "cc1 is a hardlink to the build machine's (same filesystem)"
else
	ok "cc1 is a copy of the build machine's (protected_hardlinks: root's files cannot be hardlinked)" \
		cmp "$ppd/host/opt/ext-toolchain/lib/gcc/x86_64-linux-gnu/12/cc1" "$cc1"
fi

# A copy of the toolchain's host directory, as an SDK would be.
cp -a "$ppd/host" "$SCRATCH/moved"
mv "$ppd" "$ppd.away" # nothing may come from the original
printf '#include <stdio.h>\nint main(void) { puts("moved"); return 0; }\n' >"$SCRATCH/m.c"
v=$(cd "$SCRATCH" && "$SCRATCH/moved/bin/x86_64-linux-gnu-gcc" -v -o m m.c 2>&1)
like "$v" "^ $SCRATCH/moved/x86_64-linux-gnu/sysroot/usr/include\$" "the copy's wrapper searches the copy's sysroot headers"
like "$v" "collect2.* --sysroot=$SCRATCH/moved/x86_64-linux-gnu/sysroot " "the copy's wrapper links against the copy's sysroot"
is "$("$SCRATCH/m")" "moved" "the program built by the copy runs"
dbg=$(KILN_DEBUG_WRAPPER=1 "$SCRATCH/moved/bin/x86_64-linux-gnu-gcc" -c -o "$SCRATCH/m.o" "$SCRATCH/m.c" 2>&1)
like "$dbg" "running: '$SCRATCH/moved/opt/ext-toolchain/bin/x86_64-linux-gnu-gcc' '--sysroot=$SCRATCH/moved/x86_64-linux-gnu/sysroot'" "KILN_DEBUG_WRAPPER shows the copy's compiler and sysroot"
unlike "$(strings -a "$SCRATCH/moved/share/kiln/toolchainfile.cmake" "$SCRATCH/moved/share/kiln/cross-compilation.conf")" "$out" "the CMake and Meson files name no output directory"
mkdir -p "$SCRATCH/cm"
printf 'cmake_minimum_required(VERSION 3.13)\nproject(t C)\nadd_executable(t %s)\n' "$SCRATCH/m.c" >"$SCRATCH/cm/CMakeLists.txt"
if command -v cmake >/dev/null; then
	ok "CMake configures and builds with the copy's toolchain file" \
		bash -c "cd '$SCRATCH/cm' && cmake -S . -B b -DCMAKE_TOOLCHAIN_FILE='$SCRATCH/moved/share/kiln/toolchainfile.cmake' && cmake --build b && grep -q 'CMAKE_C_COMPILER \"$SCRATCH/moved/bin/x86_64-linux-gnu-gcc\"' b/CMakeFiles/*/CMakeCCompiler.cmake"
else
	pass "CMake # SKIP cmake not installed"
fi

# Meson 1.0 parses the cross file (it cannot take @DIRNAME@) and finds
# the copy's tools through PATH.
mkdir -p "$SCRATCH/mes"
printf "project('t', 'c')\nexecutable('t', '%s')\n" "$SCRATCH/m.c" >"$SCRATCH/mes/meson.build"
if command -v meson >/dev/null; then
	ok "Meson sets up and builds with the copy's cross file, the copy's bin/ first in PATH" \
		bash -c "cd '$SCRATCH/mes' && PATH='$SCRATCH/moved/bin':\$PATH meson setup b --cross-file '$SCRATCH/moved/share/kiln/cross-compilation.conf' && ninja -C b && grep -q 'moved/x86_64-linux-gnu/sysroot' b/meson-logs/meson-log.txt"
else
	pass "Meson # SKIP meson not installed"
fi

mv "$ppd.away" "$ppd"

# A package naming /usr/include: the wrapper stops it.
configure "$out" KILN_PACKAGE_TC_UNSAFE=y
if msg=$(kiln "$out" 2>&1); then fail "the unsafe package fails"; else pass "the unsafe package fails"; fi
like "$msg" "x86_64-linux-gnu-gcc: tc-unsafe: unsafe path '-I /usr/include' \(in /usr/include\)" "the error names the package and the flag"

# A missing compiler: the preset says which Debian package to install.
out=$SCRATCH/missing
configure "$out"
msg=$(kiln "$out" toolchain TOOLCHAIN_EXTERNAL_BIN="$SCRATCH/nowhere" 2>&1) || true
like "$msg" "toolchain: $SCRATCH/nowhere/x86_64-linux-gnu-gcc: no such compiler; install the Debian package gcc \(apt-get install gcc\)" "a hidden preset compiler names its Debian package"
configure "$out" KILN_TOOLCHAIN_CUSTOM=y KILN_TOOLCHAIN_CUSTOM_PATH=\""$SCRATCH/opt/tc"\" KILN_TOOLCHAIN_CUSTOM_PREFIX=\"x86_64-none-linux-gnu-\"
msg=$(kiln "$out" toolchain 2>&1) || true
like "$msg" "toolchain: $SCRATCH/opt/tc/bin/x86_64-none-linux-gnu-gcc: no such compiler; check KILN_TOOLCHAIN_CUSTOM_PATH" "a missing custom compiler names the settings to check"
if command -v aarch64-linux-gnu-gcc >/dev/null; then
	configure "$out" KILN_TOOLCHAIN_CUSTOM=y KILN_TOOLCHAIN_CUSTOM_PATH=\"/usr\" KILN_TOOLCHAIN_CUSTOM_PREFIX=\"aarch64-linux-gnu-\"
	msg=$(kiln "$out" toolchain 2>&1) || true
	like "$msg" "builds for aarch64-linux-gnu, not for the target architecture x86_64" "a compiler for another architecture is refused"
else
	pass "wrong architecture # SKIP no aarch64-linux-gnu-gcc"
fi
configure "$out" KILN_TOOLCHAIN_CXX=y
msg=$(kiln "$out" toolchain TOOLCHAIN_EXTERNAL_BIN="$SCRATCH/nowhere" 2>&1) || true
like "$msg" "install the Debian package gcc" "the message comes first for the C compiler, even with C++ on"
# ------------------------------------------------------------------
# The import cache. The first output directory imported and filled it
# (twice: with C++, then without for tc-unsafe).
log() { cat "$1/build/toolchain/.logs/$2.log"; }
entries() { find "$KILN_TOOLCHAIN_CACHE/import" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort; }
first=$SCRATCH/out
like "$(log "$first" install)" "^toolchain: cached the import in $KILN_TOOLCHAIN_CACHE/import/" "a cold import fills the cache"
n=$(entries | wc -l)
ppd_digest() { tree_digest "$1/per-package/toolchain/host"; tree_digest "$1/per-package/toolchain/target"; }
hit=$SCRATCH/hit
configure "$hit" KILN_TOOLCHAIN_CXX=y
ok "make toolchain in a second output directory" kiln "$hit" toolchain
entry=$(sed -n 's/^toolchain: hardlinked from the import cache //p' "$hit/build/toolchain/.logs/install.log")
ok "an entry of the cache" test -n "$entry" -a -d "$entry/host"
like "$(log "$hit" build)" "^toolchain: the import cache has $entry: the wrapper is not built" "its build compiles nothing"
like "$(log "$hit" install)" "^toolchain: hardlinked from the import cache $entry" "its install hardlinks the entry"
is "$(stat -c %i "$hit/per-package/toolchain/host/opt/ext-toolchain/lib/gcc/x86_64-linux-gnu/12/cc1")" \
	"$(stat -c %i "$entry/host/opt/ext-toolchain/lib/gcc/x86_64-linux-gnu/12/cc1")" "cc1 is the entry's (same inode)"
is "$(stat -c %i "$hit/per-package/toolchain/host/bin/toolchain-wrapper")" \
	"$(stat -c %i "$entry/host/bin/toolchain-wrapper")" "so is the wrapper"

# Without the cache: an import, which neither reads nor fills it.
cold=$SCRATCH/cold
configure "$cold" KILN_TOOLCHAIN_CXX=y
ok "make toolchain with KILN_TOOLCHAIN_CACHE= (off)" env KILN_TOOLCHAIN_CACHE= make --no-print-directory -C "$TOPDIR" O="$cold" KILN_EXTERNAL="$EXT" toolchain
unlike "$(log "$cold" build; log "$cold" install)" "import cache" "which does not use the cache"
is "$(entries | wc -l)" "$n" "nor fill it"
ok "the cached toolchain's manifest is the import's" diff "$cold/per-package/toolchain/manifest" "$hit/per-package/toolchain/manifest"
is "$(ppd_digest "$hit" | sha256sum)" "$(ppd_digest "$cold" | sha256sum)" "so are its trees (paths, types, modes, contents)"
is "$(cat "$hit/build/toolchain/.kiln-output")" "$(cat "$cold/build/toolchain/.kiln-output")" "the output records are the same"

# Another CPU (other WRAPPER_DEFS): a miss, in two output directories at
# once; both fill the same new entry, one wins, nothing is left over.
p1=$SCRATCH/p1 p2=$SCRATCH/p2
configure "$p1" KILN_TOOLCHAIN_CXX=y KILN_x86_64_v2=y
configure "$p2" KILN_TOOLCHAIN_CXX=y KILN_x86_64_v2=y
kiln "$p1" toolchain >"$SCRATCH/p1.out" 2>&1 & j1=$!
kiln "$p2" toolchain >"$SCRATCH/p2.out" 2>&1 & j2=$!
s1=0 s2=0
wait "$j1" || s1=$?
wait "$j2" || s2=$?
is "$s1 $s2" "0 0" "two builds with another CPU at once both succeed"
like "$(log "$p1" install; log "$p2" install)" "^toolchain: not in the import cache" "another CPU misses"
is "$(entries | wc -l)" $((n + 1)) "and makes one more entry"
is "$(find "$KILN_TOOLCHAIN_CACHE/import" -mindepth 1 -maxdepth 1 -name '*.tmp.*' | wc -l)" 0 "no temporary directory is left"
ok "their manifests are the same" diff "$p1/per-package/toolchain/manifest" "$p2/per-package/toolchain/manifest"

# A stale entry (a source replaced since: another inode in its
# sources.stat, as dpkg's upgrade gives) is a miss and is dropped; a
# changed file of the entry is seen and dropped too.
tool=$TOPDIR/toolchain/scripts/kiln-toolchain
args=("$hit/build/toolchain" /usr/bin/x86_64-linux-gnu-gcc /usr/bin/x86_64-linux-gnu-g++)
ok "cache-lookup finds the entry" "$tool" cache-lookup "${args[@]}"
ok "the entry lists its sources' inodes, sizes and times" test -s "$entry/sources.stat"
sed -i '1s/^\([a-z]\) [0-9]*/\1 1/' "$entry/sources.stat"
nok "a source replaced since the entry was made: cache-lookup misses" "$tool" cache-lookup "${args[@]}"
like "$("$tool" cache-place "${args[@]}" "$SCRATCH/h" "$SCRATCH/t" 2>&1)" "is out of date" "cache-place says the entry is out of date"
ok "and drops it" test ! -e "$entry"
ok "the next build fills it again" kiln "$hit" toolchain-reinstall
ok "the entry is back" test -d "$entry/host"
chmod u+w "$entry/host/share/kiln/toolchainfile.cmake"
echo '# changed in place' >>"$entry/host/share/kiln/toolchainfile.cmake"
msg=$("$tool" cache-place "${args[@]}" "$SCRATCH/h" "$SCRATCH/t" 2>&1) && r=0 || r=$?
is "$r" 1 "an entry with a file changed in place is not used"
like "$msg" "warning: $entry: a file changed since the entry was made" "cache-place warns"
ok "and drops it" test ! -e "$entry"
done_testing
