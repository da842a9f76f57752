#!/bin/bash
# utils/run-target on tiny root filesystems (the C library and a few
# cross-compiled programs), per architecture: in the sandbox, with its
# own binfmt_misc, a target program execs another; with --no-binfmt a
# single binary runs under qemu -L and an exec chain fails, with a
# warning; exit status and stdin pass through. The errors are one clear
# line; the host's binfmt_misc and the root filesystem stay as they were.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 37

rt=$TOPDIR/utils/run-target
# qemu-user-static is fetched once per run of the suite, not into ~.
export KILN_CACHE_DIR=${KILN_TEST_CACHE_DIR:-$SCRATCH/cache}
# run-target's mount point for binfmt_misc lives here: it must go away.
export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"

skip() {
	local i
	for ((i = 0; i < $1; i++)); do
		t_count=$((t_count + 1))
		echo "ok $t_count # skip $2"
	done
}

host_binfmt() { ls -A /proc/sys/fs/binfmt_misc 2>/dev/null || true; }
binfmt_before=$(host_binfmt)

mkdir "$SCRATCH/src"
cat >"$SCRATCH/src/parent.c" <<'EOF'
#include <stdio.h>
#include <unistd.h>
/* parent WORD CODE: execs /bin/child WORD CODE. */
int main(int argc, char **argv)
{
	char *args[] = { "child", argc > 1 ? argv[1] : "", argc > 2 ? argv[2] : "0", NULL };
	printf("parent\n");
	fflush(stdout);
	execv("/bin/child", args);
	perror("parent: execv /bin/child");
	return 127;
}
EOF
cat >"$SCRATCH/src/child.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
/* child WORD CODE: prints WORD, exits with CODE. */
int main(int argc, char **argv)
{
	printf("child %s\n", argc > 1 ? argv[1] : "");
	return argc > 2 ? atoi(argv[2]) : 0;
}
EOF
cat >"$SCRATCH/src/upper.c" <<'EOF'
#include <ctype.h>
#include <stdio.h>
/* upper: stdin to stdout, upper case. */
int main(void)
{
	int c;
	while ((c = getchar()) != EOF)
		putchar(toupper(c));
	return 0;
}
EOF

# mkroot CC LIBDIR ROOTFS: the C library from LIBDIR and the programs.
mkroot() {
	local cc=$1 libdir=$2 dir=$3 p
	mkdir -p "$dir/bin" "$dir/lib"
	for p in parent child upper; do
		"$cc" -O2 -o "$dir/bin/$p" "$SCRATCH/src/$p.c" || return 1
	done
	printf '#!/bin/child\n' >"$dir/bin/script"
	chmod +x "$dir/bin/script"
	cp -L "$libdir"/ld-linux-*.so.* "$libdir/libc.so.6" "$dir/lib/"
}

# run ARGS...: run-target, into $got (stdout), $err (stderr), $rc.
run() {
	rc=0
	"$rt" "$@" >"$SCRATCH/run.out" 2>"$SCRATCH/run.err" </dev/null || rc=$?
	got=$(cat "$SCRATCH/run.out")
	err=$(cat "$SCRATCH/run.err")
}

# ---- Per architecture: 8 tests each.
for entry in aarch64:aarch64-linux-gnu arm:arm-linux-gnueabihf riscv64:riscv64-linux-gnu; do
	IFS=: read -r arch tuple <<<"$entry"
	if ! command -v "$tuple-gcc" >/dev/null; then
		skip 8 "$arch: no $tuple-gcc"
		continue
	fi
	if [ "$arch" = aarch64 ]; then
		# The usual way: an output directory, its .config names the arch.
		out=$SCRATCH/out-$arch
		mkdir -p "$out"
		echo "KILN_ARCH=\"$arch\"" >"$out/.config"
		where=(-O "$out")
	else
		out=$SCRATCH/out-$arch
		where=(--arch "$arch" --rootfs "$out/target")
	fi
	if ! mkroot "$tuple-gcc" "/usr/$tuple/lib" "$out/target" >"$SCRATCH/mkroot.log" 2>&1; then
		fail "$arch: build the test root filesystem" "$(tail -n 5 "$SCRATCH/mkroot.log")"
		skip 7 "$arch: no root filesystem"
		continue
	fi
	digest=$(tree_digest "$out/target")

	run "${where[@]}" /bin/parent hello 7
	is "$got" "$(printf 'parent\nchild hello')" "$arch: an exec chain (parent execs child) runs in the sandbox"
	is "$rc" 7 "$arch: the command's exit status is run-target's"
	rc=0
	got=$(printf 'kiln\n' | "$rt" "${where[@]}" upper 2>"$SCRATCH/run.err") || rc=$?
	is "$got:$rc" "KILN:0" "$arch: stdin passes through (a program found in PATH)"
	run "${where[@]}" /bin/script
	is "$got:$rc" "child /bin/script:0" "$arch: a #! script runs under its target interpreter"

	run "${where[@]}" --no-binfmt /bin/child solo 3
	is "$got:$rc" "child solo:3" "$arch: --no-binfmt runs a single binary, with its exit status"
	like "$err" "^run-target: warning: --no-binfmt given; running /bin/child alone under qemu-$arch -L .*will fail" \
		"$arch: --no-binfmt says that exec chains will not work"
	run "${where[@]}" --no-binfmt /bin/parent hello 7
	if [ -e "/proc/sys/fs/binfmt_misc/qemu-$arch" ]; then
		skip 1 "$arch: the host registers qemu-$arch in its binfmt_misc, so the chain works there"
	elif [ "$rc" = 127 ] && printf '%s\n' "$err" | grep -q '^parent: execv /bin/child: '; then
		pass "$arch: --no-binfmt: the exec chain fails, with the program's own error"
	else
		fail "$arch: --no-binfmt: the exec chain fails, with the program's own error" "rc=$rc" "$err"
	fi
	is "$(tree_digest "$out/target")" "$digest" "$arch: the root filesystem is unchanged (no mount points made in it)"
done

# ---- x86_64: native, no qemu in the sandbox.
if command -v gcc >/dev/null && [ -e /lib64/ld-linux-x86-64.so.2 ]; then
	x=$SCRATCH/x86_64
	mkdir -p "$x/bin" "$x/lib64" "$x/lib/x86_64-linux-gnu"
	gcc -o "$x/bin/parent" "$SCRATCH/src/parent.c"
	gcc -o "$x/bin/child" "$SCRATCH/src/child.c"
	cp -L /lib64/ld-linux-x86-64.so.2 "$x/lib64/"
	cp -L /lib/x86_64-linux-gnu/libc.so.6 "$x/lib/x86_64-linux-gnu/"
	run --arch x86_64 --rootfs "$x" /bin/parent native 4
	is "$got:$rc" "$(printf 'parent\nchild native'):4" "x86_64: an exec chain runs natively in the sandbox"
	run --arch x86_64 --rootfs "$x" --no-binfmt /bin/child alone 5
	is "$got:$rc" "child alone:5" "x86_64: --no-binfmt runs the binary under qemu-x86_64 -L"
else
	skip 2 "x86_64: no host gcc"
fi

# ---- As an unprivileged user.
a=$SCRATCH/out-aarch64
if [ "$(id -u)" -ne 0 ]; then
	skip 1 "already unprivileged: every test above ran as uid $(id -u)"
elif [ ! -d "$a/target" ]; then
	skip 1 "no aarch64 root filesystem"
else
	chmod a+rx "$SCRATCH"
	chmod -R a+rX "$a" "$KILN_CACHE_DIR" "$TMPDIR"
	chmod a+w "$TMPDIR"
	rc=0
	got=$(setpriv --reuid 65534 --regid 65534 --clear-groups \
		env HOME=/nonexistent "$rt" -O "$a" /bin/parent nobody 6 2>"$SCRATCH/run.err") || rc=$?
	is "$got:$rc" "$(printf 'parent\nchild nobody'):6" "as uid 65534: the exec chain runs in the sandbox"
	chmod go-rwx "$SCRATCH"
fi

# ---- Errors: one line each, exit status 125.
run -O "$SCRATCH/nowhere" /bin/true
is "$rc:$err" "125:run-target: $SCRATCH/nowhere/target does not exist: run make first (or name a root filesystem with --rootfs)" \
	"a missing root filesystem: run make first"
mkdir -p "$SCRATCH/noconf/target"
run -O "$SCRATCH/noconf" /bin/true
is "$rc:$err" "125:run-target: $SCRATCH/noconf/.config does not exist, so the target architecture is unknown: run make first, or pass --arch" \
	"no .config: run make first, or pass --arch"
run --arch mips --rootfs "$SCRATCH/noconf/target" /bin/true
is "$rc:$err" "125:run-target: unknown architecture 'mips': use aarch64, arm, riscv64 or x86_64" \
	"an unknown architecture"
run --arch aarch64 --rootfs "$SCRATCH/noconf/target" nosuch
is "$rc:$err" "125:run-target: $SCRATCH/noconf/target has no program 'nosuch' in /usr/sbin:/usr/bin:/sbin:/bin: check the name, or run make first" \
	"a program missing from the root filesystem"
run --arch aarch64 --rootfs "$SCRATCH/noconf/target"
is "$rc:$err" "125:run-target: $SCRATCH/noconf/target has no /bin/sh for an interactive shell: build a shell (busybox) into it, or give a COMMAND" \
	"no COMMAND and no /bin/sh"
run --frobnicate
is "$rc:$err" "125:run-target: unknown option '--frobnicate' (see --help)" "an unknown option"
if [ -x /usr/bin/qemu-aarch64-static ]; then
	skip 1 "qemu-user-static is installed: nothing to fetch"
elif [ ! -d "$a/target" ]; then
	skip 1 "no aarch64 root filesystem"
else
	# apt that knows no package: the fetch fails.
	mkdir -p "$SCRATCH/apt/lists/partial" "$SCRATCH/apt/cache"
	printf 'Dir::State::Lists "%s";\nDir::Cache "%s";\n' "$SCRATCH/apt/lists" "$SCRATCH/apt/cache" >"$SCRATCH/apt/apt.conf"
	rc=0
	APT_CONFIG=$SCRATCH/apt/apt.conf KILN_CACHE_DIR=$SCRATCH/nocache \
		"$rt" -O "$a" /bin/child >/dev/null 2>"$SCRATCH/run.err" || rc=$?
	err=$(grep '^run-target: cannot' "$SCRATCH/run.err" || true)
	is "$rc:$err" "125:run-target: cannot fetch Debian's qemu-user-static ('apt-get download' failed, see above): run 'apt-get update' as root and retry, or use --no-binfmt" \
		"qemu-user-static cannot be fetched: the package is named"
fi
run --help
like "$got" '^utils/run-target \[-O OUTPUT_DIR\]' "--help shows the usage"

# ---- What is left behind.
note=
[ -n "$binfmt_before" ] || note=" (it was empty or not mounted)"
is "$(host_binfmt)" "$binfmt_before" "the host's /proc/sys/fs/binfmt_misc has no new entry$note"
is "$(ls -A "$TMPDIR")" "" "no binfmt_misc mount point is left in TMPDIR"
done_testing
