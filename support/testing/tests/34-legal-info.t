#!/bin/bash
# make legal-info (docs/tooling.md): the manifests of the target and
# host packages, the license texts, the sources as downloaded with the
# package's patches and Debian's patch tarball, the sha256 list, and a
# warning naming a package without license information.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 27

out=$SCRATCH/out
li=$out/legal-info
configure "$out" KILN_PACKAGE_LEGAL=y KILN_PACKAGE_HOST_LEGAL=y KILN_PACKAGE_DL_LOCAL=y \
	KILN_PACKAGE_APPA=y KILN_PACKAGE_DL_DEBPATCH=y
# dl-debpatch comes through apt: its two files (the test's own Debian
# source package) are put in the download directory, where the download
# finds them with the right hashes, so no apt-get runs.
deb=$EXT/package/dl-debpatch/apt
mkdir -p "$KILN_DL_DIR/dl-debpatch"
cp "$deb/dl-debpatch_1.0.orig.tar.gz" "$KILN_DL_DIR/dl-debpatch/dl-debpatch-1.0.tar.gz"
cp "$deb/dl-debpatch_1.0-2.debian.tar.xz" "$KILN_DL_DIR/dl-debpatch/"

log=$(kiln "$out" legal-info 2>&1) && st=0 || st=$?
is "$st" 0 "legal-info on a configuration never built"
ok "it extracted the packages but built none" \
	test -f "$out/build/legal-1.0/.stamp_extracted" -a ! -e "$out/build/legal-1.0/.stamp_configured"
like "$log" "^kiln: legal-info: warning: dl-local: DL_LOCAL_LICENSE is not set \(in $EXT/package/dl-local/dl-local\.mk\)" \
	"a package without a license gets a warning naming it and its .mk"
unlike "$log" "warning: legal: " "none for a package with its license and license files"
like "$(cat "$li/README")" "^  dl-local: DL_LOCAL_LICENSE is not set" "README lists the warnings"

manifest=$(cat "$li/manifest.csv")
is "$(head -n1 "$li/manifest.csv")" '"PACKAGE","VERSION","LICENSE","LICENSE FILES","SOURCE ARCHIVE","SOURCE SITE"' \
	"manifest.csv: package, version, license, license files, source, site"
like "$manifest" "^\"legal\",\"1\.0\",\"GPL-2\.0\",\"COPYING\",\"srcpkg-1\.0\.tar\.gz\",\"file://$EXT/package/legal/\.\./srcpkg\"$" \
	"a package's row"
like "$manifest" '^"dl-debpatch","1\.0","unknown","","dl-debpatch-1\.0\.tar\.gz","apt\+dl-debpatch=1\.0-2"$' \
	"an apt package's site is its Debian source package"
like "$manifest" '^"dl-local","1\.0","unknown","","not saved","not saved"$' "a local package's sources are not saved"
like "$manifest" '^"appa","1\.0","MIT","","not saved","not saved"$' "nor those of a package without a source archive"
like "$manifest" '^"toolchain",' "the toolchain is listed"
unlike "$manifest" '^"host-' "no host package in manifest.csv"
like "$(cat "$li/host-manifest.csv")" '^"host-legal","1\.0","GPL-2\.0","COPYING","srcpkg-1\.0\.tar\.gz",' \
	"host packages are in host-manifest.csv"

ls_dir() { (cd "$1" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' '); }
is "$(ls_dir "$li/sources/legal-1.0")" "0001-say-patched-hello.patch legal.hash srcpkg-1.0.tar.gz " \
	"sources/<pkg>-<version>: the tarball, the patches, the .hash file"
ok "the tarball is the downloaded file" cmp "$li/sources/legal-1.0/srcpkg-1.0.tar.gz" "$KILN_DL_DIR/legal/srcpkg-1.0.tar.gz"
is "$(ls_dir "$li/sources/dl-debpatch-1.0")" \
	"0001-kiln-version.patch dl-debpatch-1.0.tar.gz dl-debpatch.hash dl-debpatch_1.0-2.debian.tar.xz " \
	"with _DEBIAN_PATCHES = YES, Debian's patch tarball too"
ok "licenses/<pkg>-<version>/ has the license file from the source" \
	cmp "$li/licenses/legal-1.0/COPYING" "$out/build/legal-1.0/COPYING"
ok "host-sources/ and host-licenses/ have the host package's" \
	test -f "$li/host-sources/host-legal-1.0/srcpkg-1.0.tar.gz" -a -f "$li/host-licenses/host-legal-1.0/COPYING"
ok "no sources are saved for a local package" test ! -e "$li/sources/dl-local-1.0"
ok "kiln.config is the configuration" cmp "$li/kiln.config" "$out/.config"
ok "legal-info.sha256 checks" sh -c "cd '$li' && sha256sum --quiet -c legal-info.sha256"
is "$(wc -l <"$li/legal-info.sha256")" "$(($(find "$li" -type f | wc -l) - 1))" "and lists every other file"

touch "$li/stale"
ok "legal-info again" kiln "$out" legal-info
ok "it starts from an empty directory" test ! -e "$li/stale"

log=$(kiln "$out" legal-info LEGAL_REDISTRIBUTE=NO 2>&1) || true
like "$log" "warning: legal: sources not saved: LEGAL_REDISTRIBUTE = NO" "_REDISTRIBUTE = NO: a warning"
like "$(cat "$li/manifest.csv")" '^"legal","1\.0","GPL-2\.0","COPYING","not saved","not saved"$' "the manifest says not saved"
ok "no sources, but the license texts" test ! -e "$li/sources/legal-1.0" -a -f "$li/licenses/legal-1.0/COPYING"
done_testing
