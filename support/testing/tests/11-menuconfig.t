#!/bin/bash
# (l) menuconfig driven through tmux: open it, enable an option, save,
# and the .config changed.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 4

out=$SCRATCH/out
configure "$out"
ok "libb starts disabled" grep -qx '# KILN_PACKAGE_LIBB is not set' "$out/.config"

sock=$SCRATCH/tmux.sock
session=kiln-menuconfig
# tmux runs the command with $SHELL, else the login shell: the test
# user's is nologin, and CI may have no SHELL.
SHELL=/bin/sh tmux -S "$sock" new-session -d -s "$session" -x 120 -y 40 \
	"make -C '$TOPDIR' O='$out' menuconfig; echo MENUCONFIG-EXIT=\$?; sleep 30"

# wait_for TEXT: poll the screen until TEXT shows (at most 20 s).
wait_for() {
	for _ in $(seq 100); do
		if tmux -S "$sock" capture-pane -p -t "$session" | grep -qF -- "$1"; then return 0; fi
		sleep 0.2
	done
	return 1
}
keys() { tmux -S "$sock" send-keys -t "$session" "$@"; }

ok "menuconfig shows the top menu" wait_for "Target packages"
# "/" searches; jumping to the result puts the cursor on the symbol.
keys /
wait_for "Search Configuration Parameter"
keys "KILN_PACKAGE_LIBB" Enter
wait_for "Symbol: KILN_PACKAGE_LIBB"
keys 1
wait_for "libb"
keys " "
sleep 0.5
# Leave every menu; menuconfig then asks whether to save.
for _ in 1 2 3 4 5; do
	keys Escape Escape
	sleep 0.4
	if tmux -S "$sock" capture-pane -p -t "$session" | grep -q "save your new configuration"; then break; fi
done
keys Enter
ok "menuconfig exited" wait_for "MENUCONFIG-EXIT=0"
ok "the option is now set in .config" grep -qx 'KILN_PACKAGE_LIBB=y' "$out/.config"
tmux -S "$sock" kill-server 2>/dev/null || true
done_testing
