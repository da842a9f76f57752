#!/bin/bash
# The apt method: the .orig tarball of a real Debian source package
# (bzip2 1.0.8, whose .orig is the upstream release byte for byte),
# fetched with apt-get source --download-only and checked against
# dl-apt.hash; and apt as the last resort (KILN_DOWNLOAD_APT). This is
# the only test that uses the network, and only through apt.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

if ! command -v apt-get >/dev/null; then
	echo "1..0 # SKIP apt-get not found (not a Debian host)"
	exit 0
fi
if ! apt-get --print-uris source bzip2=1.0.8-5 >/dev/null 2>&1; then
	echo "1..0 # SKIP apt cannot get source packages: no deb-src lines (run utils/setup-host) or bzip2 1.0.8-5 unknown (run apt-get update)"
	exit 0
fi
plan 10

out=$SCRATCH/out
configure "$out"
dl=$KILN_DL_DIR/dl-apt
want=$(awk '$3 == "bzip2-1.0.8.tar.gz" { print $2 }' "$EXT/package/dl-apt/dl-apt.hash")

fetch() {
	rm -rf "$dl"
	kiln "$out" dl-apt-dirclean >/dev/null
	res=$(kiln "$out" dl-apt-source "$@" 2>&1) && st=0 || st=$?
	dllog=$(cat "$out/build/dl-apt-1.0.8/.logs/download.log" 2>/dev/null || true)
}
files_in() { find "$1" -type f 2>/dev/null | sed "s|^$1/||" | sort | tr '\n' ' '; }

fetch
is "$st" 0 "apt method (_SITE_METHOD = apt)"
is "$(sha256sum <"$dl/bzip2-1.0.8.tar.gz" | cut -d' ' -f1)" "$want" "Debian's bzip2_1.0.8.orig.tar.gz, saved as the upstream name, with the upstream hash"
is "$(files_in "$dl")" "bzip2-1.0.8.tar.gz " "only the .orig tarball is kept (no .dsc, no Debian changes)"
like "$dllog" "downloading bzip2-1\.0\.8\.tar\.gz from apt-get source bzip2=1\.0\.8-5" "the log says what apt was asked for"
is "$(find "$out/build/dl-apt-1.0.8" -name '.download.*' | wc -l)" 0 "apt's private directory is gone"

# apt as the last resort: the package's own site fails first.
fetch DL_APT_SITE_METHOD= DL_APT_SITE="file://$SCRATCH/nowhere" KILN_DOWNLOAD_APT=y
is "$st" 0 "KILN_DOWNLOAD_APT=y: apt after the other sites failed"
like "$(echo "$dllog" | tr '\n' ' ')" "from file://$SCRATCH/nowhere/bzip2-1\.0\.8\.tar\.gz .*from apt-get source bzip2=1\.0\.8-5 .*saved in" "the package's site was tried first"
is "$(sha256sum <"$dl/bzip2-1.0.8.tar.gz" | cut -d' ' -f1)" "$want" "with the same file"

fetch DL_APT_SITE_METHOD= DL_APT_SITE="file://$SCRATCH/nowhere"
unlike "$st $dllog" "apt-get source" "without KILN_DOWNLOAD_APT, apt is not asked"

fetch DL_APT_DEBIAN_VERSION=0.9-1
like "$res" "apt-get source bzip2=0\.9-1 failed .*check _DEBIAN_SOURCE and _DEBIAN_VERSION" "an unknown Debian version is reported as such"
done_testing
