#!/bin/bash
# The C helpers are built once per user and Kiln source state, in
# ${XDG_CACHE_HOME:-$HOME/.cache}/kiln/tools/<key>: two output
# directories share one build, a changed source gives a new entry, two
# makes racing on an empty cache both succeed and leave one entry, make
# clean and distclean keep the cache, a broken entry is rebuilt, and without a
# writable cache the helpers go into O/kiln-tools as before.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 34

# This test is about the default: no KILN_TOOLS_DIR, a cache of its own.
unset KILN_TOOLS_DIR XDG_CACHE_HOME
export HOME=$SCRATCH/home
mkdir "$HOME"
cache=$HOME/.cache/kiln/tools

# entries DIR: the cache's entries (not .lock, not .tmp.*), one a line.
entries() { find "$1" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n' | sort; }
inode() { stat -L -c %i "$1"; }
# reused OUT: the last make in OUT took the helpers from the cache
# without compiling (kiln-tools.log names the entry, and no link).
reused() {
	grep -q "^kiln-tools: $cache/" "$1/build/.kiln/kiln-tools.log" &&
		! grep -q ' LD ' "$1/build/.kiln/kiln-tools.log"
}

a=$SCRATCH/a
b=$SCRATCH/b
ok "make kiln-tools in a first output directory" kiln "$a" kiln-tools
key=$(entries "$cache")
is "$(printf '%s\n' "$key" | wc -l)" 1 "one cache entry"
is "$(readlink "$a/kiln-tools")" "$cache/$key" "O/kiln-tools is a link to it"
ok "in a second output directory" kiln "$b" kiln-tools
ok "which compiles nothing" reused "$b"
is "$(inode "$b/kiln-tools/bin/kiln-pkgdir")" "$(inode "$a/kiln-tools/bin/kiln-pkgdir")" \
	"both use the same kiln-pkgdir (same inode)"

# A build through the link: the helpers work from the cache.
configure "$b" KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y
ok "a build in the second output directory" kiln "$b"
ok "installs appa" test -x "$b/target/usr/bin/appa"
is "$(kiln "$b" 2>&1)" "" "a no-op make prints nothing"

# make clean removes the link, never the shared entry.
ok "make clean" kiln "$b" clean
ok "removes O/kiln-tools" test ! -e "$b/kiln-tools" -a ! -L "$b/kiln-tools"
ok "keeps the cache entry" test -x "$cache/$key/bin/kiln-pkgdir"
ok "the next build" kiln "$b"
ok "takes the helpers from the cache again" reused "$b"

# A copy of the tree: the same sources give the same entry; a changed
# source gives a new one, and the first output directory keeps its own.
copy=$SCRATCH/kiln
mkdir "$copy"
tar -C "$TOPDIR" --exclude=./.git --exclude=./output --exclude='./output-*' --exclude=./dl -cf - . |
	tar -C "$copy" -xf -
chmod -R u+w "$copy"
c=$SCRATCH/c
ok "make kiln-tools from an unchanged copy of the tree" make --no-print-directory -C "$copy" O="$c" kiln-tools
is "$(readlink "$c/kiln-tools")" "$cache/$key" "uses the same entry"
echo '/* a change */' >>"$copy/support/kiln-tools/pkgdir/main.c"
ok "after a change to a helper's source" make --no-print-directory -C "$copy" O="$c" kiln-tools
is "$(entries "$cache" | wc -l)" 2 "a second entry"
new=$(readlink "$c/kiln-tools")
ok "the output directory uses the new entry" test "$new" != "$cache/$key" -a -x "$new/bin/kiln-pkgdir"
is "$(readlink "$a/kiln-tools")" "$cache/$key" "the first output directory keeps the old one"

# A broken entry (a helper removed) is rebuilt whole; a dead builder's
# temporary directory is never used, and removed.
rm "$cache/$key/bin/kiln-rpath"
mkdir "$cache/.tmp.dead"
ok "a make after a helper was removed from the cache" kiln "$a" kiln-tools
ok "rebuilds the entry" test -x "$cache/$key/bin/kiln-rpath"
ok "removes the dead temporary directory" test ! -e "$cache/.tmp.dead"

# Two makes at once on an empty cache (XDG_CACHE_HOME): one builds, the
# other waits for it; one entry, no temporary directory left.
export XDG_CACHE_HOME=$SCRATCH/xdg
kiln "$SCRATCH/p" kiln-tools >"$SCRATCH/p.out" 2>&1 & p1=$!
kiln "$SCRATCH/q" kiln-tools >"$SCRATCH/q.out" 2>&1 & p2=$!
s1=0 s2=0
wait "$p1" || s1=$?
wait "$p2" || s2=$?
is "$s1 $s2" "0 0" "two concurrent make kiln-tools on an empty cache both succeed"
is "$(entries "$XDG_CACHE_HOME/kiln/tools" | wc -l) $(find "$XDG_CACHE_HOME/kiln/tools" -maxdepth 1 -name '.tmp.*' | wc -l)" \
	"1 0" "one entry in XDG_CACHE_HOME, no temporary directory"
is "$(inode "$SCRATCH/p/kiln-tools/bin/kiln-pkgdir")" "$(inode "$SCRATCH/q/kiln-tools/bin/kiln-pkgdir")" \
	"both use it"
ok "make distclean" kiln "$SCRATCH/q" distclean
ok "keeps the cache entry too" test -x "$(readlink "$SCRATCH/p/kiln-tools")/bin/kiln-pkgdir" -a ! -e "$SCRATCH/q"

# A cache that cannot be written: one line naming it (root may write
# anywhere, so only another user sees it).
if [ "$(id -u)" -eq 0 ]; then
	pass "# SKIP root may write into a read-only cache"
else
	rm -rf "$SCRATCH/xdg/kiln/tools"/[0-9a-f]*
	mkdir "$SCRATCH/xdg/kiln/tools/.tmp.stuck"
	touch "$SCRATCH/xdg/kiln/tools/.tmp.stuck/f"
	chmod 0555 "$SCRATCH/xdg/kiln/tools/.tmp.stuck"
	like "$(kiln "$SCRATCH/p" kiln-tools 2>&1)" \
		"^kiln: cannot create $SCRATCH/xdg/kiln/tools/[0-9a-f]{20} in the C helpers' cache $SCRATCH/xdg/kiln/tools: .*; free some space, or remove $SCRATCH/xdg/kiln/tools, or set XDG_CACHE_HOME or KILN_TOOLS_DIR elsewhere$" \
		"an unwritable cache is one line naming it"
	chmod 0755 "$SCRATCH/xdg/kiln/tools/.tmp.stuck"
fi
unset XDG_CACHE_HOME

# No writable cache: HOME a file, then no HOME at all.
touch "$SCRATCH/not-a-dir"
st=0
HOME=$SCRATCH/not-a-dir kiln "$SCRATCH/f" kiln-tools >"$SCRATCH/f.out" 2>&1 || st=$?
is "$st" 0 "make kiln-tools with HOME a file succeeds"
ok "with an unusable HOME the helpers are built into O/kiln-tools" \
	test -d "$SCRATCH/f/kiln-tools" -a ! -L "$SCRATCH/f/kiln-tools" -a -x "$SCRATCH/f/kiln-tools/bin/kiln-pkgdir"
is "$(cat "$SCRATCH/f.out")" "" "with no error"
ok "without HOME too" env -u HOME make --no-print-directory -C "$TOPDIR" O="$SCRATCH/g" kiln-tools
ok "into O/kiln-tools" test -x "$SCRATCH/g/kiln-tools/bin/kiln-pkgdir" -a ! -L "$SCRATCH/g/kiln-tools"
done_testing
