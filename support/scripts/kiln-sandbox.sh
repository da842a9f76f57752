# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# The sandbox of a package step, sourced by kiln-step (docs/sandbox.md).
# Takes, from make (support/make/sandbox.mk), space-separated absolute
# paths:
#   KILN_SANDBOX_RW    what the step may write (made if missing)
#   KILN_SANDBOX_RO    what it reads that may live under /tmp
#   KILN_SANDBOX_HIDE  the per-package root, hidden but for
#   KILN_SANDBOX_SEE   the per-package directories it may read
# Produces kiln_sandbox_cmd, the bwrap command line to put before the
# step's command (empty when the sandbox is off or not possible here).

# The bwrap options every sandboxed step starts with: the machine's
# system read-only, its own /dev, /proc and an empty /tmp, no network.
# As root, no user namespace: root keeps its uids (a recipe may chown)
# and bwrap, privileged, makes the mount namespace without one.
kiln_sandbox_base() {
	kiln_sandbox_cmd=(bwrap)
	[ "$EUID" -eq 0 ] || kiln_sandbox_cmd+=(--unshare-user)
	kiln_sandbox_cmd+=(--unshare-net --unshare-ipc --unshare-uts --die-with-parent
		--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --setenv TMPDIR /tmp)
}

# Builtins only on the way (no $(id -u), no head): a process costs
# milliseconds per step on a loaded machine.
#
# Whether this machine can run the sandbox, found once per output
# directory and kept in $BUILD_DIR/.kiln/sandbox ("y", or "n" and why):
# the first step that asks tries bwrap with the options above. The
# answer is published with a hard link, which only one concurrent step
# wins, so a machine without a sandbox gets one warning per build.
kiln_sandbox_possible() {
	local cache=$BUILD_DIR/.kiln/sandbox tmp why
	if [ ! -f "$cache" ]; then
		mkdir -p "${cache%/*}"
		tmp=$cache.$$
		kiln_sandbox_base
		if ! command -v bwrap >/dev/null; then
			echo "n bwrap (Debian's bubblewrap) is not installed" >"$tmp"
		elif why=$("${kiln_sandbox_cmd[@]}" true 2>&1); then
			echo y >"$tmp"
		else
			echo "n bwrap failed: ${why//$'\n'/ }" >"$tmp"
		fi
		if ln "$tmp" "$cache" 2>/dev/null; then
			case "$(cat "$cache")" in
			n*) echo "kiln: warning: the package steps run without the sandbox: $(cut -c3- "$cache")." \
				"Unprivileged user namespaces may be off (sysctl kernel.unprivileged_userns_clone," \
				"user.max_user_namespaces), or install bubblewrap (utils/setup-host). Set KILN_SANDBOX=n to" \
				"silence this; remove $cache to try again (see docs/sandbox.md)" >&2 ;;
			esac
		fi
		rm -f "$tmp"
	fi
	local answer=
	read -r answer <"$cache" || true
	[ "$answer" = y ]
}

kiln_sandbox_setup() {
	kiln_sandbox_cmd=()
	[ -n "${KILN_SANDBOX_RW:-}" ] || return 0
	if ! kiln_sandbox_possible; then
		kiln_sandbox_cmd=()
		return 0
	fi
	local d
	kiln_sandbox_base
	# The paths the step reads that an empty /tmp would hide.
	for d in ${KILN_SANDBOX_RO:-}; do
		case "$d" in /tmp/*) kiln_sandbox_cmd+=(--ro-bind-try "$d" "$d") ;; esac
	done
	# Other packages' per-package directories: hidden (an empty,
	# read-only directory), but those of the closure.
	if [ -n "${KILN_SANDBOX_HIDE:-}" ] && [ -d "$KILN_SANDBOX_HIDE" ]; then
		kiln_sandbox_cmd+=(--tmpfs "$KILN_SANDBOX_HIDE")
		for d in ${KILN_SANDBOX_SEE:-}; do
			kiln_sandbox_cmd+=(--ro-bind-try "$d" "$d")
		done
	fi
	# One that cannot be made (a cache under a read-only home) stays
	# out: the step then finds it read-only, as it would outside.
	for d in $KILN_SANDBOX_RW; do
		[ -d "$d" ] || mkdir -p "$d" 2>/dev/null || true
		kiln_sandbox_cmd+=(--bind-try "$d" "$d")
	done
	# Last: the mount points above are made in the empty directory
	# first. Not recursive: the binds keep their own modes.
	if [ -n "${KILN_SANDBOX_HIDE:-}" ] && [ -d "$KILN_SANDBOX_HIDE" ]; then
		kiln_sandbox_cmd+=(--remount-ro "$KILN_SANDBOX_HIDE")
	fi
}

# After a failed step: what the sandbox allowed, the writes it refused
# (from the log), and how to turn it off.
kiln_sandbox_explain() {
	local pkg=$1 step=$2 log=$3 refused
	[ ${#kiln_sandbox_cmd[@]} -gt 0 ] || return 0
	refused=$(grep -m 3 -E 'Read-only file system' "$log" || true)
	if [ -n "$refused" ]; then
		printf 'kiln: %s: the sandbox refused a write outside the directories of %s:\n' "$pkg" "$pkg"
		printf '%s\n' "$refused" | sed 's/^/  | /'
	fi
	echo "kiln: $pkg: the $step step ran in the sandbox: it could write only $KILN_SANDBOX_RW" \
		"(and a private /tmp), had no network, and saw no per-package directory but those of" \
		"its dependencies. A 'Read-only file system', 'No such file or directory' or network" \
		"error on a path or address outside those is the sandbox at work: make $pkg write only" \
		"in its own directories (\$(@D), HOST_DIR, STAGING_DIR, TARGET_DIR), declare the" \
		"dependency it reads, or download in the download step. KILN_SANDBOX=n turns the" \
		"sandbox off (see ${KILN_SANDBOX_DOC:-docs/sandbox.md})."
}
