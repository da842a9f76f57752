# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers of the integration tests: TAP output, a private
# scratch directory, and "kiln" to run make on an output directory with
# the test packages' external tree.
# shellcheck shell=bash
set -eu

TOPDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
EXT=$TOPDIR/support/testing/ext
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/kiln-test.XXXXXX")
# One build of the C helpers serves every output directory of a test.
export KILN_TOOLS_DIR=${KILN_TEST_TOOLS_DIR:-$SCRATCH/kiln-tools}
# Tests own their downloads: never the user's dl/.
export KILN_DL_DIR=$SCRATCH/dl
# Tests build what they count and compare: no artifact cache (a package
# restored from another test's build would run none of its steps).
# The cache's own tests turn it on, with a cache of their own.
export KILN_CACHE=n
# A test user who is not root may not hardlink the build machine's
# compiler: one copy in the shared tools directory serves every output
# directory (see toolchain/scripts/kiln-toolchain).
if [ -n "${KILN_TEST_TOOLS_DIR:-}" ]; then
	export KILN_TOOLCHAIN_CACHE=$KILN_TEST_TOOLS_DIR/toolchain-cache
fi
# rm-tree: a test package may leave 0555 directories, which a test user
# who is not root could not remove with rm -rf.
KILN_RM_TREE=$TOPDIR/support/scripts/rm-tree
trap '"$KILN_RM_TREE" "$SCRATCH"' EXIT

t_count=0
t_failed=0

plan() { echo "1..$1"; }

pass() { t_count=$((t_count + 1)); echo "ok $t_count - $1"; }
# A description ending in " # TODO <reason>" is a known defect (TAP's
# TODO directive): prove reports it, and it does not fail the file.
fail() {
	t_count=$((t_count + 1))
	case "$1" in *' # TODO '*) ;; *) t_failed=$((t_failed + 1)) ;; esac
	echo "not ok $t_count - $1"
	shift
	local line
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# ok DESC COMMAND...: passes when COMMAND exits 0.
ok() {
	local desc=$1
	shift
	if "$@" >"$SCRATCH/ok.out" 2>&1; then pass "$desc"
	else fail "$desc" "command failed: $*" "$(tail -n 5 "$SCRATCH/ok.out")"; fi
}

# nok DESC COMMAND...: passes when COMMAND fails.
nok() {
	local desc=$1
	shift
	if "$@" >"$SCRATCH/ok.out" 2>&1; then fail "$desc" "command succeeded: $*"
	else pass "$desc"; fi
}

# is GOT WANT DESC
is() {
	if [ "$1" = "$2" ]; then pass "$3"
	else fail "$3" "got:  '$1'" "want: '$2'"; fi
}

# like TEXT REGEX DESC (extended regex, any line)
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then pass "$3"
	else fail "$3" "no line matches: $2" "in: $(printf '%s' "$1" | tail -n 8)"; fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then fail "$3" "a line matches: $2"
	else pass "$3"; fi
}

# skip_unless_installed TOOL...: the whole test is skipped (TAP's
# "1..0 # SKIP") when one of the programs is not in PATH.
skip_unless_installed() {
	local t missing=
	for t in "$@"; do
		command -v "$t" >/dev/null || missing="$missing $t"
	done
	if [ -n "$missing" ]; then
		echo "1..0 # SKIP not installed:$missing (utils/setup-host --tests installs them)"
		exit 0
	fi
}

# skip_unless_userns_binfmt: the whole test is skipped on a kernel
# older than 6.7, which gives no user namespace a binfmt_misc of its own
# (<PKG>_CONF_RUN_TESTS, make <pkg>-test; docs/sandbox.md).
skip_unless_userns_binfmt() {
	local kmaj kmin
	IFS=. read -r kmaj kmin _ <<<"$(uname -r)"
	if [ "$kmaj" -lt 6 ] || { [ "$kmaj" -eq 6 ] && [ "${kmin%%[!0-9]*}" -lt 7 ]; }; then
		echo "1..0 # SKIP Linux $(uname -r): binfmt_misc in a user namespace needs 6.7"
		exit 0
	fi
}

# kiln OUTDIR ARGS...: make in the Kiln tree for that output directory.
kiln() {
	local out=$1
	shift
	make --no-print-directory -C "$TOPDIR" O="$out" KILN_EXTERNAL="$EXT" "$@"
}

# configure OUTDIR LINE...: a configuration from defconfig lines. Tests
# build in strict mode (a leaked path fails the build) unless a line
# says "# KILN_PPD_STRICT is not set".
configure() {
	local out=$1
	shift
	mkdir -p "$out"
	local strict=KILN_PPD_STRICT=y
	case "$*" in *KILN_PPD_STRICT*) strict= ;; esac
	printf '%s\n' KILN_x86_64=y $strict "$@" >"$out.defconfig"
	kiln "$out" KILN_DEFCONFIG="$out.defconfig" defconfig >/dev/null
}

# defconfig OUTDIR LINE...: a configuration from exactly these defconfig
# lines, no defaults added (the long tier's real packages).
defconfig() {
	local out=$1
	shift
	mkdir -p "$out"
	printf '%s\n' "$@" >"$out.defconfig"
	kiln "$out" KILN_DEFCONFIG="$out.defconfig" defconfig >/dev/null
}

# tree_digest DIR: every path with its type, mode and symlink target,
# then every file's content hash: one sha256sum for all the files, not
# one process each (a toolchain's tree has thousands).
tree_digest() {
	(cd "$1" && find . -mindepth 1 -printf '%y %m %p %l\n' | sort &&
		find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

done_testing() {
	echo "# $((t_count - t_failed)) passed, $t_failed failed"
	[ "$t_failed" -eq 0 ]
}

# c_checks NAME DIR: builds and runs the C tests of DIR (its Makefile's
# "check", under ASan and UBSan). Each test program prints TAP of its
# own after a "# test-<name>" line; their results are merged into this
# test's stream, renumbered. A sanitizer report ends a program early, so
# make's exit status counts too. The caller prints the plan at the end.
c_checks() {
	local name=$1 dir=$2 status=0 program line
	make -s -C "$dir" O="$SCRATCH/$name-san" check >"$SCRATCH/$name.out" 2>&1 || status=$?
	program=$name
	while IFS= read -r line; do
		case "$line" in
		"# test-"*) program=${line#\# } ;;
		"ok "*) pass "$program: $(sed -E 's/^ok [0-9]+ - ?//' <<<"$line")" ;;
		"not ok "*) fail "$program: $(sed -E 's/^not ok [0-9]+ - ?//' <<<"$line")" ;;
		esac
	done <"$SCRATCH/$name.out"
	if [ "$status" -ne 0 ]; then
		fail "$name: make check exited $status" \
			"$(grep -E 'ERROR|runtime error|Error' "$SCRATCH/$name.out" | head -n 5)"
	fi
}
