#!/bin/bash
# The host-tools layer with the build machine's tools: the tools the
# configuration needs are checked once, before the first package step,
# and a missing or too old one stops the build there, in one line
# naming the tool, the version found, the version needed and the ways
# out; the RPATH fixer runs $(HOST_PATCHELF) and the image step
# $(HOST_FAKEROOT); ROOTFS_<FMT>_DEPENDENCIES are built. (With
# KILN_BUILD_HOST_TOOLS=y: 50-host-tools.t.)
#
# On d013841, before the layer was wired, every check below fails: the
# build with an old patchelf first in PATH got as far as host-rpathy's
# record step, where kiln-rpath ran that patchelf from PATH; the steps
# read no HOST_*_CMD, and nothing read ROOTFS_TAR_DEPENDENCIES.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 16

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_RPATHY=y

# A patchelf too old for Kiln, first in PATH.
old=$SCRATCH/old
mkdir -p "$old"
printf '#!/bin/sh\necho "patchelf 0.9"\n' >"$old/patchelf"
chmod +x "$old/patchelf"

# no_step_ran: make failed, and nothing of any package was started.
no_step_ran() {
	[ "$status" -ne 0 ] && [ ! -e "$out/build/build-time.log" ] &&
		[ -z "$(find "$out/build" -path "$out/build/.kiln" -prune -o -name '.stamp_*' -print)" ]
}

status=0
msg=$(PATH="$old:$PATH" kiln "$out" 2>&1) || status=$?
like "$msg" "^kiln: host tool patchelf: found 0\.9 at $old/patchelf, need >= 0\.14: install Debian's patchelf \(apt-get install patchelf\) or set KILN_BUILD_HOST_TOOLS=y to let Kiln build host-patchelf\$" \
	"a plain make with a too old patchelf first in PATH fails in one line naming the tool, the version found and needed, and both ways out"
is "$(grep -c 'host tool' <<<"$msg")" 1 "... and only one line speaks of it"
ok "... before any package step ran" no_step_ran

status=0
msg=$(kiln "$out" HOST_PATCHELF_CMD=kiln-no-such-patchelf 2>&1) || status=$?
like "$msg" "^kiln: host tool kiln-no-such-patchelf: found none in PATH, need >= 0\.14: install Debian's patchelf \(apt-get install patchelf\) or set KILN_BUILD_HOST_TOOLS=y to let Kiln build host-patchelf\$" \
	"a missing patchelf: found none in PATH, and both ways out"
ok "... before any package step ran" no_step_ran
status=0
msg=$(kiln "$out" HOST_FAKEROOT_CMD=kiln-no-such-fakeroot 2>&1) || status=$?
like "$msg" "^kiln: host tool kiln-no-such-fakeroot: found none in PATH, need >= 1\.20: install Debian's fakeroot \(apt-get install fakeroot\)\$" \
	"a missing fakeroot (the tar image needs it): only the first way out, Kiln never builds it"
ok "... before any package step ran" no_step_ran

# Wrappers that log how they are run: patchelf and fakeroot given as
# HOST_*_CMD, not found in PATH, where the too old patchelf stays first.
logbin=$SCRATCH/logbin
log=$SCRATCH/tools.log
mkdir -p "$logbin"
for t in patchelf fakeroot; do
	printf '#!/bin/sh\necho "%s $*" >>%s\nexec %s "$@"\n' "$t" "$log" "$(command -v "$t")" >"$logbin/$t"
	chmod +x "$logbin/$t"
done
kiln_logged() {
	PATH="$old:$PATH" kiln "$out" HOST_PATCHELF_CMD="$logbin/patchelf" HOST_FAKEROOT_CMD="$logbin/fakeroot" "$@"
}
ok "from clean, the build passes with HOST_PATCHELF_CMD and HOST_FAKEROOT_CMD" kiln_logged clean all
ok "the image is made" test -f "$out/images/rootfs.tar"
like "$(cat "$log")" '^patchelf --(set|remove)-rpath ' "the RPATH fixer ran \$(HOST_PATCHELF), not the patchelf first in PATH"
like "$(cat "$log")" "^fakeroot -- bash $out/build/\.kiln/rootfs\.fakeroot\.sh\$" "the image step ran \$(HOST_FAKEROOT)"
is "$(grep -c -e '^patchelf --version' -e '^fakeroot --version' "$log")" 2 "the build checked each tool once"

msg=$(kiln_logged all 2>&1) || true
is "$msg $(grep -c -e '^patchelf --version' -e '^fakeroot --version' "$log")" " 2" \
	"a second make prints nothing and does not check the tools again (the stamp holds)"

mkdir -p "$SCRATCH/more"
PATH="$SCRATCH/more:$PATH" kiln_logged all >/dev/null 2>&1 || true
is "$(grep -c -e '^patchelf --version' -e '^fakeroot --version' "$log")" 4 "a make with another PATH checks them again"

msg=$(kiln "$out" -s host-tools-check 2>&1)
like "$msg" '^patchelf: /[^ ]+ \([0-9.]+\)$' "host-tools-check names the patchelf it found and its version"

# ROOTFS_<FMT>_DEPENDENCIES: host packages an image format needs.
like "$(kiln "$out" -s show-targets ROOTFS_TAR_DEPENDENCIES=host-tool)" '(^| )host-tool( |$)' \
	"ROOTFS_TAR_DEPENDENCIES puts host-tool into the build"
done_testing
