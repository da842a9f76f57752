#!/bin/bash
# A dependent that changes a file it imported from its owner (sabad and
# sa's /etc/sa.conf, shared by a hardlink):
# - in the sandbox (the default), the write itself is refused
#   (kiln-pkgdir protect): one message names sabad, the file and sa,
#   and sa's file is untouched, so nothing needs repairing;
# - without it (KILN_SANDBOX=n), sabad is stopped at its record step
#   with one message naming it, the file, the owner and what changed:
#   mode, content (even at the same size) or times. The owner is
#   repaired: the next make reinstalls it, and what ships is what the
#   owner recorded.
# A dependent removing a file of its dependency is refused by record
# (removing is allowed at the write: it is how a package replaces a
# file). What is merged into output/target is checked against the
# owner's manifest by content hash.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 53

out=$SCRATCH/out
ppd=$out/per-package
configure "$out" KILN_PACKAGE_SABAD=y
ok "first build" kiln "$out"

# refused ACTION: in the sandbox, sabad does ACTION to sa.conf at
# install, and the write is refused.
refused() {
	local action=$1 msg
	if msg=$(kiln "$out" sabad-reinstall SABAD_ACTION="$action" 2>&1); then fail "sandbox, $action: the build must fail"; else pass "sandbox, $action: sabad's install fails"; fi
	like "$msg" "kiln-pkgdir: sabad: refused a write to .*/sabad/target/etc/sa.conf: the file belongs to sa, and sabad imported it" \
		"sandbox, $action: the refusal names sabad, the file and sa"
	like "$msg" "kiln: sabad: sabad tried to change files it imported from its dependencies in place" \
		"sandbox, $action: the step's failure says what happened"
	ok "sandbox, $action: sa is not marked to be reinstalled" test ! -e "$ppd/sa/.damaged"
	is "$(cat "$ppd/sa/target/etc/sa.conf"):$(stat -c %a:%Y "$ppd/sa/target/etc/sa.conf")" "sa-one:$sa_stat" \
		"sandbox, $action: sa's file is untouched (content, mode, time)"
	ok "sandbox, $action: the next make succeeds" kiln "$out"
	ok "sandbox, $action: sa was not reinstalled" not_reinstalled
	: >"$out/build/build-time.log"
}
not_reinstalled() { ! grep -q "^sa install " "$out/build/build-time.log"; }
sa_stat=$(stat -c %a:%Y "$ppd/sa/target/etc/sa.conf")
: >"$out/build/build-time.log"
if [ "$(head -c1 "$out/build/.kiln/sandbox" 2>/dev/null)" = y ]; then
	refused chmod
	refused write
	refused touch
else
	for i in $(seq 21); do pass "# SKIP this machine runs no sandbox ($i)"; done
fi

# Without the sandbox: record finds the change. case ACTION WHAT: sabad
# does ACTION to sa.conf at install.
case_of() {
	local action=$1 what=$2 msg
	if msg=$(kiln "$out" sabad-reinstall KILN_SANDBOX=n SABAD_ACTION="$action" 2>&1); then fail "$action: the build must fail"; else pass "$action: sabad's install fails"; fi
	like "$msg" "kiln-pkgdir: sabad: .*/sabad/target/etc/sa.conf: sabad changed $what in place, but the file belongs to sa" \
		"$action: the message names sabad, the file, sa and $what"
	is "$(grep -c 'sabad changed' <<<"$msg")" 1 "$action: one message"
	ok "$action: sa is marked to be reinstalled" test -s "$ppd/sa/.damaged"
	ok "$action: the next make succeeds" kiln "$out"
	is "$(cat "$out/target/etc/sa.conf"):$(stat -c %a "$out/target/etc/sa.conf"):$(stat -c %a "$ppd/sa/target/etc/sa.conf")" \
		"sa-one:644:644" "$action: sa's file and output/target are sa's again"
	ok "$action: sa was reinstalled" grep -q "^sa install " "$out/build/build-time.log"
	: >"$out/build/build-time.log"
}
: >"$out/build/build-time.log"
case_of chmod "its mode \\(0644 -> 0600\\)"
case_of write "its content"
case_of touch "its modification time \\(content unchanged\\)"

# Removing a file of a dependency is refused, naming both and the path.
if msg=$(kiln "$out" sabad-reinstall SABAD_ACTION=delete 2>&1); then fail "delete: the build must fail"; else pass "delete: sabad's install fails"; fi
like "$msg" "sabad: .*/sabad/target/etc/init.d/S10sa: sabad removed this file, which belongs to sa" \
	"delete: the message names sabad, sa and the path"
ok "delete: make with the culprit fixed" kiln "$out"
ok "S10sa ships" test -f "$out/target/etc/init.d/S10sa"

# A change that record cannot see (same size, same times): an
# incremental finalize does not read sa's unchanged files, so
# output/target keeps sa's recorded content; a full merge (here: no
# record of the last merge) checks every file's content against its
# manifest and fails, and sa is reinstalled by the next make.
f=$ppd/sa/target/etc/sa.conf
stamp=$(stat -c %y "$f")
printf 'SA-ONE\n' >"$f"
touch -d "$stamp" "$f"
rm -f "$out/build/.kiln/.stamp_target_finalized"
ok "incremental finalize with sa's file changed behind record's back" kiln "$out"
is "$(cat "$out/target/etc/sa.conf")" sa-one "it leaves output/target's copy, sa's recorded content"
rm -f "$out/build/.kiln/.stamp_target_finalized" "$out/build/.kiln/merge-target.state"
if msg=$(kiln "$out" 2>&1); then fail "merge: must fail"; else pass "merge: a changed file fails target-finalize"; fi
like "$msg" "sa/target/etc/sa.conf: the content differs from what sa recorded in its manifest" \
	"merge: the message names the file and its owner"
ok "merge: the next make repairs it" kiln "$out"
is "$(cat "$out/target/etc/sa.conf")" sa-one "merge: output/target has sa's recorded content"
done_testing
