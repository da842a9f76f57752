#!/bin/bash
# utils/setup-host installs what the infrastructures need: --list
# names autoconf, automake, libtool, autopoint and gettext (for
# _AUTORECONF = YES), and every Debian package that a message of the
# infrastructures tells to "apt-get install". An _AUTORECONF = YES
# package whose configure.ac uses gettext is stopped, with the package
# and what to install, when autopoint is missing.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 11

list=$("$TOPDIR/utils/setup-host" --list 2>&1) && st=0 || st=$?
is "$st" 0 "setup-host --list"
for p in autoconf automake libtool autopoint gettext; do
	like "$list" "^$p\$" "it installs $p"
done
missing=
for p in $(grep -ohE 'apt-get install [a-z0-9 .+-]+' "$TOPDIR"/package/pkg-*.mk "$TOPDIR"/support/make/*.mk |
	sed 's/^apt-get install //' | tr ' ' '\n' | sort -u); do
	grep -qx -- "$p" <<<"$list" || missing="$missing $p"
done
is "$missing" "" "every package the infrastructures' messages name is installed by setup-host"
like "$("$TOPDIR/utils/setup-host" --list --tests)" "^shellcheck\$" "--list --tests adds the test tools"
# The picture goals' tools (docs/tooling.md), named by their messages.
graphs=$(grep -ohE "[a-z0-9.+-]+ \(utils/setup-host --graphs\)" "$TOPDIR"/support/scripts/graph-* |
	awk '{ print $1 }' | sort -u | tr '\n' ' ')
is "$graphs" "graphviz python3-matplotlib " "the picture goals' messages name graphviz and python3-matplotlib"
missing=
for p in $graphs; do
	grep -qx -- "$p" <<<"$("$TOPDIR/utils/setup-host" --list --graphs)" || missing="$missing $p"
	grep -qx -- "$p" <<<"$list" && missing="$missing $p(default)"
done
is "$missing" "" "--list --graphs adds them, the default list does not"

# Stand-ins for autoreconf, automake and libtoolize; no autopoint.
fake=$SCRATCH/fakebin
mkdir -p "$fake"
for t in autoreconf automake libtoolize; do printf '#!/bin/sh\nexit 0\n' >"$fake/$t"; chmod +x "$fake/$t"; done
if PATH="$fake:/usr/bin:/bin" command -v autopoint >/dev/null; then
	pass "# SKIP autopoint is installed on this machine"
else
	out=$SCRATCH/out
	configure "$out" KILN_PACKAGE_AT_GETTEXT=y
	msg=$(PATH="$fake:/usr/bin:/bin" kiln "$out" 2>&1) || true
	like "$msg" "at-gettext: AT_GETTEXT_AUTORECONF = YES in .*/at-gettext/at-gettext\.mk needs autopoint on the build machine: the package uses gettext \(apt-get install autopoint gettext; utils/setup-host does it\)" \
		"a missing autopoint is named, with the package, its .mk and what to install"
fi
done_testing
