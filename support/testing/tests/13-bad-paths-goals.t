#!/bin/bash
# Unusable paths and goals end the make with one line saying what to
# do: an O=, KILN_EXTERNAL, KILN_DL_DIR or Kiln tree path with a blank,
# ':' or '#' (before anything is created), and a goal that is neither a
# package, nor <pkg>-<step>, nor a global goal (also among valid ones).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 20

place=$SCRATCH/place
mkdir -p "$place"
# refused WHAT MESSAGE-REGEX MAKE-ARGS...: make fails with one kiln:
# line matching the regex and leaves $place and the tree as they were.
refused() {
	local what=$1 re=$2 msg st
	shift 2
	msg=$(make --no-print-directory -C "$TOPDIR" "$@" help 2>&1) && st=0 || st=$?
	if [ "$st" -ne 0 ] && [ "$(grep -c 'kiln:' <<<"$msg")" -eq 1 ] && grep -Eq -- "$re" <<<"$msg"; then
		pass "$what is refused in one line"
	else
		fail "$what is refused in one line" "exit $st" "$msg"
	fi
	is "$(ls -A "$place")" "" "and nothing was created for it"
}

refused "O= with a blank" "kiln: O= '$place/a b' cannot hold blanks or any of : # .*; choose another output directory" O="$place/a b"
refused "O= with a ':'" "kiln: O= '$place/a:b' cannot hold" O="$place/a:b"
refused "O= with a '#'" "kiln: O= '$place/a#b' cannot hold" O="$place/a#b"
refused "KILN_EXTERNAL with a ':'" "kiln: KILN_EXTERNAL= '$place/e:x' cannot hold .*; choose another directory for the external tree" \
	O="$place/out" KILN_EXTERNAL="$place/e:x"
KILN_DL_DIR="$place/d l" refused "KILN_DL_DIR with a blank" "kiln: KILN_DL_DIR= '$place/d l' cannot hold .*; choose another download directory" \
	O="$place/out"

# A Kiln tree whose path has a blank: the outer make needs nothing but
# the Makefile to say so.
tree="$SCRATCH/kiln tree"
mkdir -p "$tree"
cp "$TOPDIR/Makefile" "$tree/"
msg=$(make --no-print-directory -C "$tree" O="$place/out" 2>&1) || true
like "$msg" "kiln: the Kiln tree's path '$tree' cannot hold blanks .*; move or copy the tree to a path without them" \
	"a Kiln tree path with a blank is refused"
is "$(ls -A "$place")" "" "before anything is created"

# KILN_DL_DIR from the configuration.
out=$SCRATCH/out
configure "$out" KILN_PACKAGE_APPA=y 'KILN_DL_DIR="/tmp/d l"'
msg=$(env -u KILN_DL_DIR make --no-print-directory -C "$TOPDIR" O="$out" 2>&1) || true
like "$msg" "kiln: KILN_DL_DIR '/tmp/d l' cannot hold blanks .*; choose another download directory" \
	"the configuration's KILN_DL_DIR is checked too"

# Unknown goals.
configure "$out" KILN_PACKAGE_APPA=y
msg=$(kiln "$out" flash 2>&1) || true
like "$msg" "kiln: unknown goal 'flash'; see 'make help'" "an unknown goal says so"
unlike "$msg" "No rule to make target" "not make's own message"
is "$(kiln "$out" kiln-testing-goal 2>&1)" "external goal ran" "a goal an external tree names in KILN_EXTRA_GOALS runs"
msg=$(kiln "$out" show-targets flash 2>&1) || true
like "$msg" "kiln: unknown goal 'flash'; see 'make help'" "also among valid goals"
unlike "$msg" "appa" "and nothing of the valid ones ran"
like "$(kiln "$out" appa-show-depends 2>&1)" "toolchain" "<pkg>-<step> of a known package is a goal"
like "$(kiln "$out" list-defconfigs 2>&1)" "test_isolation_defconfig" "and so are global goals"
done_testing
