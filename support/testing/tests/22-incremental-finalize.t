#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Incremental finalize (docs/per-package-directories.md): after each
# change (a file's content, a file removed, a symlink made a file, a
# file taken over by a dependent and given back, a file moved between
# packages, a package deselected and added, an overlay, a post-build
# script, a failed post-build script, an interrupted merge, a host
# package), make updates output/target and output/host in place, and
# they are what a finalize from scratch makes of the same state:
# tree_digest and hard links compared. An unchanged package's files keep
# their inodes, and the log says the merge was incremental, so a silent
# fall back to full merges fails here.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

out=$SCRATCH/out
st=$out/build/.kiln
specs=$TOPDIR/support/testing/ext/package
mkdir -p "$SCRATCH/overlay/etc"
echo overlay-one >"$SCRATCH/overlay/etc/ov.conf"
echo old >"$SCRATCH/overlay/etc/ov-old"
pb=$SCRATCH/post-build.sh
# Not idempotent (it appends), and it edits a package's file: run twice
# on the same tree, it would show.
cat >"$pb" <<EOF
#!/bin/sh
set -eu
echo 'post-build ran' >>"\$1/etc/pb.log"
sed -i 's/\$/ (edited)/' "\$1/etc/ifb.conf"
if [ -e '$SCRATCH/pb-fail' ]; then echo junk >"\$1/etc/junk"; exit 1; fi
EOF
chmod 0755 "$pb"

conf() {
	configure "$out" KILN_PACKAGE_IFB=y "$@" "KILN_ROOTFS_OVERLAY=\"$SCRATCH/overlay\"" \
		"KILN_ROOTFS_POST_BUILD_SCRIPT=\"$pb\""
}
# spec NAME: a file for IFx_SPEC from stdin, in the output directory,
# which the package steps' sandbox shows (not in its private /tmp,
# where $SCRATCH may be).
sp=$out/specs
spec() { mkdir -p "$sp" && cat >"$sp/$1.sh"; }
merges() { grep -h 'kiln-pkgdir: .* merge' "$st/logs/host-finalize.log" "$st/logs/target-finalize.log"; }
links() { (cd "$1" && find . -type f -links +1 -printf '%n %i %p\n' | sort -k3 | awk '{print $1, $3}'); }

# compare NAME: output/target and output/host against a full finalize of
# the same state. The incremental trees and their records are moved
# aside (not copied: their ctimes stay) and back.
compare() {
	local name=$1 t h l
	t=$(tree_digest "$out/target")
	h=$(tree_digest "$out/host")
	l=$(links "$out/target")
	mv "$out/target" "$SCRATCH/keep-target"
	mv "$out/host" "$SCRATCH/keep-host"
	mv "$st/merge-target.state" "$SCRATCH/keep-target.state"
	mv "$st/merge-host.state" "$SCRATCH/keep-host.state"
	rm -f "$st/.stamp_host_finalized" "$st/.stamp_target_finalized"
	if kiln "$out" host-finalize target-finalize >"$SCRATCH/full.log" 2>&1 &&
		merges | grep -q 'target: full merge: no record'; then
		is "$(tree_digest "$out/target")" "$t" "$name: output/target as a full finalize makes it"
		is "$(tree_digest "$out/host")" "$h" "$name: output/host as a full finalize makes it"
		is "$(links "$out/target")" "$l" "$name: the same hard links as a full finalize"
	else
		fail "$name: the full finalize to compare with"
		sed 's/^/# /' "$SCRATCH/full.log"
	fi
	rm -rf "$out/target" "$out/host"
	mv "$SCRATCH/keep-target" "$out/target"
	mv "$SCRATCH/keep-host" "$out/host"
	mv "$SCRATCH/keep-target.state" "$st/merge-target.state"
	mv "$SCRATCH/keep-host.state" "$st/merge-host.state"
}

# step NAME TREE [MAKE ARGS...]: make, the log says TREE was merged
# incrementally, then compare.
step() {
	local name=$1 tree=$2
	shift 2
	if kiln "$out" "$@" >"$SCRATCH/make.log" 2>&1; then
		pass "$name: make"
	else
		fail "$name: make"
		sed 's/^/# /' "$SCRATCH/make.log"
	fi
	like "$(merges)" "/$tree: incremental merge" "$name: $tree merged incrementally"
	compare "$name"
}

conf KILN_PACKAGE_IFC=y
ok "first build" kiln "$out"
like "$(merges)" "target: full merge: no record of the last merge" "the first finalize merges in full, and says why"
compare "first build"

# 1. a file's content; ifc is not touched
ino() { stat -c '%i %Y' "$out/target/etc/ifc.conf" "$out/target/usr/share/ifc/one" "$out/target/etc/ifa.conf"; }
before=$(ino)
sed 's/ifa-one/ifa-two/' "$specs/ifa/spec.sh" | spec a2
ok "ifa-rebuild with new content" kiln "$out" ifa-rebuild IFA_SPEC="$sp/a2.sh"
step "content changed" target
after=$(ino)
is "$(sed -n 1,2p <<<"$after")" "$(sed -n 1,2p <<<"$before")" "an unchanged package's files keep their inodes and mtimes"
ok "the changed file was replaced" test "$(sed -n 3p <<<"$after")" != "$(sed -n 3p <<<"$before")"
is "$(cat "$out/target/etc/ifa.conf")" ifa-two "the new content is in output/target"

# 2. a file and its directory removed; 3. a symlink becomes a file
spec a3 <<'EOF'
mkdir -p etc usr/bin
echo ifa-two >etc/ifa.conf
echo shared-by-ifa >etc/shared
printf '#!/bin/sh\necho ifa\n' >usr/bin/ifa
chmod 0755 usr/bin/ifa
echo now-a-file >usr/bin/ifa-link
EOF
ok "ifa-rebuild without a file, with a symlink made a file" kiln "$out" ifa-rebuild IFA_SPEC="$sp/a3.sh"
step "file removed, symlink to file" target
ok "the removed directory is gone" test ! -e "$out/target/usr/share/ifa"

# 4. a dependent takes a file over; 5. gives it back
{ cat "$specs/ifb/spec.sh"; echo 'rm -f etc/shared; echo shared-by-ifb >etc/shared'; } | spec b2
ok "ifb-rebuild replacing ifa's file" kiln "$out" ifb-rebuild IFB_SPEC="$sp/b2.sh"
step "file taken over" target
is "$(cat "$out/target/etc/shared")" shared-by-ifb "ifb's version is in output/target"
ok "ifb-rebuild without it" kiln "$out" ifb-rebuild IFB_SPEC="$specs/ifb/spec.sh"
step "file given back" target
is "$(cat "$out/target/etc/shared")" shared-by-ifa "ifa's version is back"

# 6. a file moves from ifa to ifb
spec a4 <<'EOF'
mkdir -p etc usr/bin
echo ifa-two >etc/ifa.conf
echo shared-by-ifa >etc/shared
echo now-a-file >usr/bin/ifa-link
EOF
{ cat "$specs/ifb/spec.sh"; printf 'mkdir -p usr/bin\necho moved >usr/bin/ifa\n'; } | spec b3
ok "move usr/bin/ifa: ifa" kiln "$out" ifa-rebuild IFA_SPEC="$sp/a4.sh"
ok "move usr/bin/ifa: ifb" kiln "$out" ifb-rebuild IFB_SPEC="$sp/b3.sh"
step "file moved between packages" target
is "$(cat "$out/target/usr/bin/ifa")" moved "ifb's file is in output/target"

# 7. a package deselected, then added
conf
step "package deselected" target
ok "ifc's files are gone" test ! -e "$out/target/etc/ifc.conf"
conf KILN_PACKAGE_IFC=y
step "package added" target
is "$(cat "$out/target/etc/ifc.conf")" ifc-one "ifc's files are back"

# 8. the overlay: a file changed, one added, one removed
echo overlay-two >"$SCRATCH/overlay/etc/ov.conf"
echo new >"$SCRATCH/overlay/etc/ov-new"
rm "$SCRATCH/overlay/etc/ov-old"
step "overlay changed" target
ok "a file removed from the overlay is gone" test ! -e "$out/target/etc/ov-old"

# 9. the post-build script changed
sed -i 's/post-build ran/post-build ran again/' "$pb"
step "post-build script changed" target
is "$(cat "$out/target/etc/pb.log")" "post-build ran again" "the post-build script ran once on a restored tree"

# 10. a post-build script that fails, then works: repaired
touch "$SCRATCH/pb-fail" "$pb"
nok "a failing post-build script fails the build" kiln "$out"
rm "$SCRATCH/pb-fail"
step "after a failed post-build script" target
ok "what the failed script wrote is gone" test ! -e "$out/target/etc/junk"

# 11. an interrupted merge (no record; the tree half changed) and an
# unreadable record: full merges, which say why
rm "$st/merge-target.state" "$st/.stamp_target_finalized"
echo junk >"$out/target/etc/ifa.conf"
mkdir "$out/target/stray"
ok "make after an interrupted merge" kiln "$out"
like "$(merges)" "target: full merge: no record of the last merge" "no record: a full merge, and the log says why"
compare "interrupted merge"
echo garbage >"$st/merge-target.state"
rm "$st/.stamp_target_finalized"
ok "make with an unreadable record" kiln "$out"
like "$(merges)" "target: full merge: the record of the last merge is unreadable" "unreadable record: a full merge, and the log says why"
compare "unreadable record"

# 12. a host package
sed 's/host-data/host-data-two/' "$specs/ifa/host-spec.sh" | spec h2
ok "host-ifa-rebuild with new content" kiln "$out" host-ifa-rebuild HOST_IFA_SPEC="$sp/h2.sh"
step "host package changed" host
is "$(cat "$out/host/share/ifa/data")" host-data-two "the new content is in output/host"

plan "$t_count"
done_testing
