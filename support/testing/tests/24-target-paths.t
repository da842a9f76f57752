#!/bin/bash
# Paths of the build machine do not reach the target unreported. A
# symlink into the package's own TARGET_DIR becomes the path the device
# sees (/usr/lib/...). A target file holding the per-package, output,
# Kiln or download directory is reported, naming the package and the
# file: a warning, an error in strict mode (KILN_PPD_STRICT).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 11

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_TLEAK=y
ok "strict build with an absolute symlink into TARGET_DIR" kiln "$out" TLEAK_ACTION=symlink
is "$(readlink "$out/per-package/tleak/target/usr/lib/libx.so")" /usr/lib/libx.so.1 "the link points where the device has the file"
is "$(readlink "$out/target/usr/lib/libx.so")" /usr/lib/libx.so.1 "so does output/target's"
like "$(grep -P '\ttarget/usr/lib/libx.so\t' "$out/per-package/tleak/manifest")" $'\t-\ttarget/usr/lib/libx.so\t/usr/lib/libx.so.1$' "the manifest records the device path, not flagged reloc"

if msg=$(kiln "$out" tleak-reinstall TLEAK_ACTION=text 2>&1); then fail "strict: TARGET_DIR in a target file fails"; else pass "strict: TARGET_DIR in a target file fails"; fi
like "$msg" "kiln-pkgdir: tleak: .*/tleak/target/etc/x.conf: holds a path of the build machine, $out/per-package/tleak/target/usr/share/x, which does not exist on the device \\(write the path as it is on the device, /usr/share/x" \
	"the error names the package, the file, the path and the device path"
if msg=$(kiln "$out" tleak-reinstall TLEAK_ACTION=dl 2>&1); then fail "strict: the download directory in a target file fails"; else pass "strict: the download directory in a target file fails"; fi
like "$msg" "tleak/target/etc/x.conf: holds a path of the build machine, $KILN_DL_DIR/x" "the download directory is named"

configure "$out" KILN_PACKAGE_TLEAK=y "# KILN_PPD_STRICT is not set"
msg=$(kiln "$out" TLEAK_ACTION=text 2>&1)
like "$msg" "kiln-pkgdir: warning: tleak: .*/target/etc/x.conf holds a path of the build machine" "without strict mode it is a warning"
ok "and the build goes on" test -f "$out/target/etc/x.conf"
ok "a package with no build path builds clean" kiln "$out" tleak-reinstall TLEAK_ACTION=none
done_testing
