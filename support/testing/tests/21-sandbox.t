#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The sandbox of the package steps (docs/sandbox.md), on explicitly
# (KILN_SANDBOX=y), whatever the default:
# (a) sbx-write writes outside its directories: Kiln's tree, dl/,
#     output/host, output/target, another package's build and
#     per-package directories, the home directory. Each write fails at the write, names the path, leaves
#     nothing, and Kiln's message names the package and the sandbox.
# (b) sbx-peek reads libb's per-package directory (built, not a
#     dependency): hidden.
# (c) sbx-net connects to a port this test listens on: no network.
# Each with KILN_SANDBOX=n first, which succeeds: the packages really
# do what the sandbox stops.
# (d) A machine without a sandbox (a bwrap that fails) builds with one
#     warning under -j2; a no-op make starts no bwrap.
# (e) The C helpers behind O/kiln-tools, a link into a per-user cache
#     under /tmp (the default layout, with XDG_CACHE_HOME there).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v bwrap >/dev/null; then
	echo "1..0 # SKIP no bwrap (utils/setup-host installs bubblewrap)"
	exit 0
fi
plan 45

export KILN_SANDBOX=y
out=$SCRATCH/out
configure "$out" KILN_PACKAGE_SBX_WRITE=y KILN_PACKAGE_SBX_PEEK=y KILN_PACKAGE_SBX_NET=y KILN_PACKAGE_LIBB=y
ok "libb builds in the sandbox" kiln "$out" libb
is "$(cat "$out/build/.kiln/sandbox")" y "the machine allows the sandbox (build/.kiln/sandbox)"

# (a) Control: a path of the test's own is writable without the sandbox.
ok "sbx-write writes outside its directories with KILN_SANDBOX=n" \
	kiln "$out" sbx-write KILN_SANDBOX=n SBX_WRITE_TO="$SCRATCH/control"
ok "and the file is there" test -f "$SCRATCH/control"
home=${HOME:-/nonexistent}
mkdir -p "$out/host" "$out/target"
for path in "$TOPDIR/sbx-write-was-here" "$KILN_DL_DIR/sbx-write-was-here" \
	"$out/host/sbx-write-was-here" "$out/target/sbx-write-was-here" \
	"$out/build/libb-1.0/sbx-write-was-here" "$out/per-package/libb/sbx-write-was-here" \
	"$home/sbx-write-was-here"; do
	if kiln "$out" sbx-write-rebuild SBX_WRITE_TO="$path" >"$SCRATCH/w.log" 2>&1; then
		fail "writing $path fails in the sandbox" "the build succeeded"
		rm -f "$path"
		continue
	fi
	log=$(cat "$SCRATCH/w.log")
	like "$log" "sbx-write.*: build failed" "writing $path fails in the build step of sbx-write"
	like "$log" "$path: (Read-only file system|No such file or directory|Permission denied)" \
		"and the log names the path"
	ok "and $path was not written" test ! -e "$path"
done
like "$log" "sbx-write: the build step ran in the sandbox: it could write only $out/build/sbx-write-1.0 $out/per-package/sbx-write .*KILN_SANDBOX=n turns the sandbox off" \
	"Kiln's message says what was writable and how to turn the sandbox off"
ok "sbx-write builds in the sandbox when it writes only its own directories" \
	kiln "$out" sbx-write-rebuild SBX_WRITE_TO="$out/build/sbx-write-1.0/ok"

# (b) libb is built, but not sbx-peek's dependency.
ok "sbx-peek reads libb's per-package directory with KILN_SANDBOX=n" kiln "$out" sbx-peek KILN_SANDBOX=n
"$KILN_RM_TREE" "$out/build/sbx-peek-1.0" "$out/per-package/sbx-peek"
if log=$(kiln "$out" sbx-peek 2>&1); then fail "sbx-peek fails in the sandbox" "it succeeded"
else like "$log" "sbx-peek 1.0: build failed" "sbx-peek fails in the sandbox"; fi
like "$log" "cat: $out/per-package/libb/manifest: No such file or directory" \
	"the log names libb's per-package path: hidden"

# (c) One connection at a time to a port of our own; the listener writes
# what it receives.
port_file=$SCRATCH/port
python3 - "$port_file" "$SCRATCH/received" <<'EOF' &
import socket
import sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(4)
s.settimeout(300)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    with open(sys.argv[2], "ab") as f:
        f.write(c.recv(100))
    c.close()
EOF
listener=$!
for _ in $(seq 100); do [ -f "$port_file" ] && break; sleep 0.1; done
port=$(cat "$port_file")
ok "sbx-net connects to 127.0.0.1:$port with KILN_SANDBOX=n" kiln "$out" sbx-net KILN_SANDBOX=n SBX_NET_PORT="$port"
like "$(cat "$SCRATCH/received" 2>/dev/null)" "hello from sbx-net" "and the listener heard it"
: >"$SCRATCH/received"
"$KILN_RM_TREE" "$out/build/sbx-net-1.0" "$out/per-package/sbx-net"
if log=$(kiln "$out" sbx-net SBX_NET_PORT="$port" 2>&1); then fail "sbx-net fails in the sandbox" "it succeeded"
else like "$log" "sbx-net 1.0: build failed" "sbx-net fails in the sandbox"; fi
like "$log" "/dev/tcp/127.0.0.1/$port: (Connection refused|Network is unreachable)" "the log names the address"
like "$log" "sbx-net: the build step ran in the sandbox: .*had no network" "Kiln's message says the step had no network"
is "$(cat "$SCRATCH/received")" "" "the listener heard nothing"
kill "$listener" 2>/dev/null || true

# (d) bwrap that cannot make a namespace, as on a kernel without
# unprivileged user namespaces; then a real one that counts its runs.
fake=$SCRATCH/fake-bin
mkdir -p "$fake"
printf '#!/bin/sh\necho "bwrap: No permissions to creating new namespace" >&2\nexit 1\n' >"$fake/bwrap"
chmod +x "$fake/bwrap"
out2=$SCRATCH/nosandbox
configure "$out2" KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y
ok "without a sandbox the build still works" env PATH="$fake:$PATH" make --no-print-directory -C "$TOPDIR" \
	O="$out2" KILN_EXTERNAL="$EXT" -j2
is "$(grep -c 'run without the sandbox' "$SCRATCH/ok.out")" 1 "with one warning"
like "$(cat "$out2/build/.kiln/sandbox")" "^n bwrap failed: bwrap: No permissions" "the answer is kept, with its reason"
real=$(command -v bwrap)
printf '#!/bin/sh\necho run >>"%s"\nexec "%s" "$@"\n' "$SCRATCH/bwrap-runs" "$real" >"$fake/bwrap"
ok "sbx-write-rebuild" env PATH="$fake:$PATH" make --no-print-directory -C "$TOPDIR" O="$out" KILN_EXTERNAL="$EXT" sbx-write-rebuild
is "$(wc -l <"$SCRATCH/bwrap-runs")" 2 "runs its build and install steps in bwrap"
: >"$SCRATCH/bwrap-runs"
ok "a no-op make" env PATH="$fake:$PATH" make --no-print-directory -C "$TOPDIR" O="$out" KILN_EXTERNAL="$EXT" libb sbx-write
is "$(wc -l <"$SCRATCH/bwrap-runs")" 0 "starts no bwrap"

# (e) The C helpers where a user's are by default: O/kiln-tools, a
# symbolic link into the per-user cache, both under /tmp (which the
# sandbox replaces): the steps still reach them through the link
# (bwrap once failed to mount on the link: "Can't bind mount").
out3=$SCRATCH/out3
configure "$out3" KILN_PACKAGE_LIBB=y
ok "libb builds in the sandbox with the helpers behind O/kiln-tools, a link into a cache under /tmp" \
	env -u KILN_TOOLS_DIR XDG_CACHE_HOME="$SCRATCH/xdg" make --no-print-directory -C "$TOPDIR" O="$out3" KILN_EXTERNAL="$EXT" libb
ok "O/kiln-tools is that link" test -L "$out3/kiln-tools"
done_testing
