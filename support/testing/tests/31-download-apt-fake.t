#!/bin/bash
# The apt method against a fake apt-get (no network): the advice on a
# file the archive does not deliver (404) and on a version apt does
# not know, and _DEBIAN_PATCHES = YES: Debian's .debian.tar.* fetched
# and hash-checked with the .orig, its quilt series applied (in order,
# -pN options, comments) before the package's own patches; without it,
# the download log says Debian's patches are not used.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 16

# apt-get --quiet=2 source --download-only SRC=VER, as the apt method
# runs it: copies $FAKE_APT_DIR/* into the current directory, or, by
# FAKE_APT_MODE, fails the way apt does.
fake=$SCRATCH/fakebin
mkdir -p "$fake"
cat >"$fake/apt-get" <<'SH'
#!/bin/bash
spec=${!#}
echo "$*" >>"$FAKE_APT_LOG"
case "${FAKE_APT_MODE:-ok}" in
404)
	echo "E: Failed to fetch http://archive.invalid/debian/pool/main/d/dl-debpatch/dl-debpatch_1.0-2.dsc  404  Not Found [IP: 192.0.2.1 80]"
	echo "E: Some files failed to download"
	exit 100 ;;
noversion)
	echo "E: Can not find version '${spec#*=}' of package '${spec%%=*}'"
	echo "E: Unable to find a source package for ${spec%%=*}"
	exit 100 ;;
esac
cp "$FAKE_APT_DIR"/* .
SH
chmod +x "$fake/apt-get"
export PATH="$fake:$PATH" FAKE_APT_LOG=$SCRATCH/apt.log FAKE_APT_DIR=$EXT/package/dl-debpatch/apt
: >"$FAKE_APT_LOG"

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_DL_DEBPATCH=y
b=$out/build/dl-debpatch-1.0
dl=$KILN_DL_DIR/dl-debpatch
files_in() { find "$1" -type f 2>/dev/null | sed "s|^$1/||" | sort | tr '\n' ' '; }
build() {
	rm -rf "$dl"
	kiln "$out" dl-debpatch-dirclean >/dev/null
	res=$(kiln "$out" dl-debpatch "$@" 2>&1) && st=0 || st=$?
	dllog=$(cat "$b/.logs/download.log" 2>/dev/null || true)
}

build
is "$st" 0 "_DEBIAN_PATCHES = YES: the package builds"
is "$(files_in "$dl")" "dl-debpatch-1.0.tar.gz dl-debpatch_1.0-2.debian.tar.xz " \
	"the .orig (as _SOURCE) and Debian's tarball are in the download directory"
like "$dllog" "dl-debpatch_1\.0-2\.debian\.tar\.xz saved in .*, sha256 ok" "Debian's tarball was hash-checked"
is "$(cat "$out/per-package/dl-debpatch/target/usr/share/dl-debpatch/hello.txt" 2>&1)" "hello from upstream
patched by Debian" "Debian's patch was applied"
is "$(cat "$out/per-package/dl-debpatch/target/usr/share/dl-debpatch/debian-note.txt" 2>&1)" "from a -p0 patch" "with the series' -p0 option"
is "$(cat "$out/per-package/dl-debpatch/target/usr/share/dl-debpatch/version.txt" 2>&1)" "version 1.0
patched by Kiln" "and the package's own patch too"
is "$(grep -o "^Applying .*" "$b/.logs/patch.log" | tr '\n' ' ')" \
	"Applying Debian's 01-greeting.patch Applying Debian's 02-p0-style.patch Applying 0001-kiln-version.patch " \
	"in the series' order, Debian's before the package's own"
ok "Debian's folder is not left in the build directory" test ! -e "$b/.kiln-debian"

build DL_DEBPATCH_DEBIAN_PATCHES=
is "$st" 0 "without _DEBIAN_PATCHES the package builds"
is "$(files_in "$dl")" "dl-debpatch-1.0.tar.gz " "from the .orig alone"
is "$(cat "$out/per-package/dl-debpatch/target/usr/share/dl-debpatch/hello.txt" 2>&1)" "hello from upstream" "without Debian's patches"
like "$dllog" "note: only Debian's \.orig tarball is used \(not Debian's patches\): set DL_DEBPATCH_DEBIAN_PATCHES = YES to apply them" \
	"and the download log says so"

# Debian's tarball must match its hash line: an archive serving
# another one is refused.
mkdir -p "$SCRATCH/badapt"
cp "$FAKE_APT_DIR"/* "$SCRATCH/badapt/"
echo tampered | xz >"$SCRATCH/badapt/dl-debpatch_1.0-2.debian.tar.xz"
build FAKE_APT_DIR="$SCRATCH/badapt"
like "$st: $(echo "$res" | tr '\n' ' ')" "^[1-9].*dl-debpatch_1\.0-2\.debian\.tar\.xz from apt-get source dl-debpatch=1\.0-2 has the wrong sha256" \
	"a Debian tarball with the wrong hash is refused"

# What apt says when it fails.
build FAKE_APT_MODE=404
like "$res" "asked apt for dl-debpatch=1\.0-2, which its index lists, but the archive answered '404  Not Found' for http://archive\.invalid/debian/pool/main/d/dl-debpatch/dl-debpatch_1\.0-2\.dsc: _DEBIAN_SOURCE and _DEBIAN_VERSION are right" \
	"a 404 from the archive: what was asked for and what answered"
unlike "$res" "check _DEBIAN_SOURCE and _DEBIAN_VERSION" "and the version is not blamed"
build FAKE_APT_MODE=noversion DL_DEBPATCH_DEBIAN_VERSION=0.9-1
like "$res" "apt-get source dl-debpatch=0\.9-1 failed \(exit 100\): apt's index has no such source package or version: check _DEBIAN_SOURCE and _DEBIAN_VERSION" \
	"an unknown version is blamed on _DEBIAN_VERSION"
done_testing
