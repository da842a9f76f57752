#!/bin/bash
# Rebuild workflows are honoured by the next plain make: after
# <pkg>-dirclean, -rebuild, -reconfigure or -reinstall, one make brings
# output/target and the image up to date, and the make after it is a
# no-op. build-time.log shows the steps really ran. A package built from
# a local directory (<PKG>_OVERRIDE_SRCDIR) takes the directory's edits
# at -rebuild and -reconfigure.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 27

out=$SCRATCH/out
# In the output directory, which the package steps' sandbox shows (not
# in its private /tmp, where $SCRATCH may be).
msg=$out/msg.txt
log=$out/build/build-time.log
k() { kiln "$out" MSGPKG_MSGFILE="$msg" "$@"; }
# steps STEP...: the steps of msgpkg that build-time.log gained since
# the mark, in order.
mark() { lines=$(wc -l <"$log"); }
steps() { tail -n "+$((lines + 1))" "$log" | awk '$1 == "msgpkg" { printf "%s ", $2 }'; }
in_image() { tar -xOf "$out/images/rootfs.tar" ./etc/msg; }

configure "$out" KILN_PACKAGE_MSGPKG=y
echo one >"$msg"
ok "first build" k
is "$(cat "$out/target/etc/msg")" one "target has the first text"

round() { # round GOAL WANT-STEPS TEXT
	echo "$3" >"$msg"
	mark
	ok "$1" k "$1"
	ok "make after $1" k
	is "$(steps)" "$2" "$1 then make ran msgpkg's steps"
	is "$(cat "$out/target/etc/msg")::$(in_image)" "$3::$3" "output/target and rootfs.tar hold the new text after $1 and one make"
	mark
	ok "make after that" k
	is "$(steps)" "" "the next make is a no-op for msgpkg"
}
round msgpkg-dirclean "download extract patch assemble configure build assemble install record " two
round msgpkg-rebuild "build assemble install record " three
round msgpkg-reconfigure "assemble configure build assemble install record " four

# -reinstall installs what was built: the text stays, the steps run.
echo five >"$msg"
mark
then_make() { "$1" "$2" >/dev/null && "$1"; }
ok "msgpkg-reinstall then make" then_make k msgpkg-reinstall
is "$(steps)" "assemble install record " "-reinstall reran install and record only"

# A local source directory: edits reach the build at -rebuild.
src=$SCRATCH/src
mkdir -p "$src"
echo local-one >"$src/msg.txt"
out2=$SCRATCH/out2
configure "$out2" KILN_PACKAGE_MSGPKG=y
# shellcheck disable=SC2016 # $(@D) is make's, expanded in the recipe
k2() { kiln "$out2" MSGPKG_OVERRIDE_SRCDIR="$src" 'MSGPKG_MSGFILE=$(@D)/msg.txt' "$@"; }
ok "build from a local directory" k2
echo local-two >"$src/msg.txt"
ok "msgpkg-rebuild and make" then_make k2 msgpkg-rebuild
is "$(cat "$out2/target/etc/msg")" local-two "-rebuild took the local directory's edit"
echo local-three >"$src/msg.txt"
ok "msgpkg-reconfigure and make" then_make k2 msgpkg-reconfigure
is "$(cat "$out2/target/etc/msg")" local-three "-reconfigure took the local directory's edit"
done_testing
