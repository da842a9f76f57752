#!/bin/bash
# Every shell script of the tree is shellcheck clean, every Python
# script (utils/check-package) flake8 clean, and every file of Kiln's
# own code names its license with an SPDX identifier (README, License).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 3
cd "$TOPDIR"
# safe.directory: the suite's test user does not own the tree, and git
# refuses to read a repository of another user's without it.
mapfile -t scripts < <(git -c safe.directory="$TOPDIR" ls-files | while read -r f; do
	case "$f" in
	*.sh | *.t | utils/* | support/scripts/* | support/download/* | support/testing/run | support/testing/run-as-test-user | support/benchmarks/* | .ci/run) ;;
	*) continue ;;
	esac
	[ -f "$f" ] && head -n1 "$f" | grep -q '^#!.*\(ba\)\{0,1\}sh' && echo "$f"
done)
ok "shellcheck on ${#scripts[@]} scripts" shellcheck "${scripts[@]}"
[ "$t_failed" -eq 0 ] || sed 's/^/# /' "$SCRATCH/ok.out" | head -n 30
mapfile -t pyscripts < <(git -c safe.directory="$TOPDIR" ls-files | while read -r f; do
	[ -f "$f" ] && case "$f" in *.py) echo "$f" ;; *) head -n1 "$f" | grep -q '^#!.*python' && echo "$f" ;; esac
done)
# Debian's python3-flake8 (utils/setup-host --tests) is a module of
# /usr/bin/python3, which may not be the python3 first in PATH.
flake8=(python3 -m flake8)
python3 -m flake8 --version >/dev/null 2>&1 || flake8=(/usr/bin/python3 -m flake8)
failed=$t_failed
ok "flake8 on ${#pyscripts[@]} Python scripts" "${flake8[@]}" "${pyscripts[@]}"
[ "$t_failed" -eq "$failed" ] || sed 's/^/# /' "$SCRATCH/ok.out" | head -n 30
# Kiln's own code: C, makefiles and scripts, but not the package forms
# (package/<pkg>/, fs/<format>/), the files installed into the target
# (system/), tests and their fixtures.
spdx='SPDX-License-Identifier: GPL-2.0-or-later'
mapfile -t nospdx < <(git -c safe.directory="$TOPDIR" ls-files | while read -r f; do
	case "$f" in
	package/*/* | fs/*/* | system/* | support/testing/ext/* | support/testing/check-package/* | *.t) continue ;;
	*.c | *.h | Makefile | */Makefile | *.mk | *.sh) ;;
	*) if [ ! -f "$f" ] || ! head -n1 "$f" | grep -q '^#!'; then continue; fi ;;
	esac
	head -n3 "$f" | grep -qF "$spdx" || echo "$f"
done)
is "${nospdx[*]}" "" "every C file, makefile and script has '$spdx' in its first lines"
done_testing
