# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# The sandbox of a package step, sourced by kiln-step (docs/sandbox.md).
# Takes, from make (support/make/sandbox.mk), space-separated absolute
# paths:
#   KILN_SANDBOX_RW    what the step may write (made if missing)
#   KILN_SANDBOX_RO    what it reads that may live under /tmp
#   KILN_SANDBOX_HIDE  the per-package root, hidden but for
#   KILN_SANDBOX_SEE   the per-package directories it may read
#   KILN_SANDBOX_BINFMT  the target architecture whose programs the step
#                      execs directly, through qemu registered in the
#                      sandbox's own binfmt_misc (<PKG>_CONF_RUN_TESTS,
#                      make <pkg>-test)
#   KILN_SANDBOX_LD_PREFIX  their library root (the package's STAGING_DIR)
#   KILN_SANDBOX_PROTECT  "kiln-pkgdir protect --root ROOT --pkg P": runs
#                      the step refusing its writes to the files the
#                      package imported (word-split: Kiln's paths have no
#                      spaces)
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

# <PKG>_BUILD_IN_EMULATION (docs/sandbox.md, "Building in emulation"):
# the root is the package's TARGET_DIR (KILN_SANDBOX_EMULATION), read-
# only, and its programs run through qemu (kiln_sandbox_binfmt). Beside
# the target's files, under names the target does not use:
#   /lib/<multiarch>, /lib64/<loader>  the build machine's libraries and
#                      loader, so that its native programs run: qemu
#                      itself, the cross toolchain, bash for the script
#   /.kiln/bin         cc, gcc, c++, g++, cpp, the binutils and
#                      pkg-config: links to the package's HOST_DIR
#                      (KILN_SANDBOX_EMULATION_HOST), first in PATH
#   /.kiln/native/bash the shell of the step's script
# Everything else the step runs is the target's. The target's /lib is
# remade entry by entry, as /lib/<multiarch> cannot be made inside a
# read-only bind. Sets kiln_sandbox_shell.
kiln_sandbox_shell=bash
kiln_sandbox_emulation_base() {
	local t=$KILN_SANDBOX_EMULATION h=$KILN_SANDBOX_EMULATION_HOST e f
	local loader=/lib64/ld-linux-x86-64.so.2 multiarch=x86_64-linux-gnu
	if [ ! -e "$loader" ] || [ ! -d "/usr/lib/$multiarch" ]; then
		echo "kiln: ${pkg:-?}: <PKG>_BUILD_IN_EMULATION = YES needs an x86_64 Debian build machine ($loader and /usr/lib/$multiarch): build ${pkg:-?} elsewhere, or remove BUILD_IN_EMULATION from its .mk" >&2
		return 1
	fi
	for f in bin/sh usr/bin/make; do
		if [ ! -e "$t/$f" ] && [ ! -L "$t/$f" ]; then
			echo "kiln: ${pkg:-?}: <PKG>_BUILD_IN_EMULATION = YES runs the ${step:-} step with the target's own tools, and ${pkg:-?}'s target tree has no /$f ($t/$f): its dependencies must include busybox and make (Kiln adds them; select KILN_PACKAGE_BUSYBOX and KILN_PACKAGE_MAKE in ${pkg:-?}'s Config.in)" >&2
			return 1
		fi
	done
	kiln_sandbox_cmd=(bwrap)
	[ "$EUID" -eq 0 ] || kiln_sandbox_cmd+=(--unshare-user)
	kiln_sandbox_cmd+=(--unshare-net --unshare-ipc --unshare-uts --die-with-parent)
	for e in "$t"/*; do
		case "${e##*/}" in
		lib)
			if [ -L "$e" ]; then
				echo "kiln: ${pkg:-?}: $e is a symbolic link: building in emulation needs the target's /lib as a directory (Kiln's skeleton makes one); build ${pkg:-?} without <PKG>_BUILD_IN_EMULATION on this layout" >&2
				return 1
			fi
			kiln_sandbox_cmd+=(--dir /lib)
			for f in "$e"/*; do
				if [ -L "$f" ]; then
					kiln_sandbox_cmd+=(--symlink "$(readlink "$f")" "/lib/${f##*/}")
				elif [ -e "$f" ]; then
					kiln_sandbox_cmd+=(--ro-bind "$f" "/lib/${f##*/}")
				fi
			done ;;
		lib64)
			echo "kiln: ${pkg:-?}: $e exists: building in emulation keeps /lib64 for the build machine's own loader; a package of ${pkg:-?}'s closure installs it: make it install into /lib or /usr/lib" >&2
			return 1 ;;
		*) kiln_sandbox_cmd+=(--ro-bind "$e" "/${e##*/}") ;;
		esac
	done
	# The Kiln tree, the output, dl/ and the rest are shown at their
	# real paths, which cannot be made inside the target's read-only
	# directories (/usr/src/kiln under the target's /usr).
	local d top
	for d in ${KILN_SANDBOX_RO:-} ${KILN_SANDBOX_RW:-}; do
		top=${d#/}
		top=${top%%/*}
		case "$top" in tmp | dev | proc | '') continue ;; esac
		if [ -e "$t/$top" ] || [ -L "$t/$top" ]; then
			echo "kiln: ${pkg:-?}: building in emulation shows $d at its path, inside the target's /$top ($t/$top), which is the target's own there: move the Kiln tree, the output directory or dl/ out of /$top (for example under /home or /tmp)" >&2
			return 1
		fi
	done
	kiln_sandbox_cmd+=(--ro-bind "/usr/lib/$multiarch" "/lib/$multiarch" --ro-bind "$loader" "$loader"
		--ro-bind "$BASH" /.kiln/native/bash --dir /.kiln/bin)
	for f in cc gcc c++ g++ cpp; do
		kiln_sandbox_cmd+=(--symlink "$h/bin/toolchain-wrapper" "/.kiln/bin/$f")
	done
	for f in ar as ld nm objcopy objdump ranlib readelf strip; do
		kiln_sandbox_cmd+=(--symlink "$h/bin/$KILN_SANDBOX_EMULATION_TUPLE-$f" "/.kiln/bin/$f")
	done
	[ ! -e "$h/bin/pkg-config" ] || kiln_sandbox_cmd+=(--symlink "$h/bin/pkg-config" /.kiln/bin/pkg-config)
	kiln_sandbox_cmd+=(--dev /dev --proc /proc --tmpfs /tmp --setenv TMPDIR /tmp
		--setenv PATH "$KILN_SANDBOX_EMULATION_PATH")
	# shellcheck disable=SC2034 # read by kiln-step
	kiln_sandbox_shell=/.kiln/native/bash
}

# Builtins only on the way (no $(id -u), no head): a process costs
# milliseconds per step on a loaded machine.
#
# kiln_probe NAME WHAT REMEDY PROBE...: whether this machine can do
# NAME, found once per output directory and kept in
# $BUILD_DIR/.kiln/NAME: "y", or "n" and why, as the command PROBE
# prints it. The first step that asks runs PROBE; the answer is
# published with a hard link, which only one concurrent step wins, so a
# machine that cannot gets one warning per build: "WHAT: why. REMEDY".
kiln_probe() {
	local cache=$BUILD_DIR/.kiln/$1 tmp
	if [ ! -f "$cache" ]; then
		mkdir -p "${cache%/*}"
		tmp=$cache.$$
		"${@:4}" >"$tmp"
		if ln "$tmp" "$cache" 2>/dev/null; then
			case "$(cat "$cache")" in
			n*) echo "kiln: warning: $2: $(cut -c3- "$cache"). $3. Remove $cache to try again (see docs/sandbox.md)" >&2 ;;
			esac
		fi
		rm -f "$tmp"
	fi
	local answer=
	read -r answer <"$cache" || true
	[ "$answer" = y ]
}

# Whether this machine can run the sandbox: bwrap with the options above.
kiln_sandbox_possible() {
	kiln_probe sandbox "the package steps run without the sandbox" \
		"Unprivileged user namespaces may be off (sysctl kernel.unprivileged_userns_clone, user.max_user_namespaces), or install bubblewrap (utils/setup-host). Set KILN_SANDBOX=n to silence this" \
		kiln_sandbox_probe
}
kiln_sandbox_probe() {
	local why
	kiln_sandbox_base
	if ! command -v bwrap >/dev/null; then
		echo "n bwrap (Debian's bubblewrap) is not installed"
	elif why=$("${kiln_sandbox_cmd[@]}" true 2>&1); then
		echo y
	else
		echo "n bwrap failed: ${why//$'\n'/ }"
	fi
}

# Whether this kernel lets the sandbox mount a binfmt_misc of its own in
# a user namespace (Linux 6.7 and later), which every way of running the
# target's programs in a step needs (<PKG>_CONF_RUN_TESTS,
# <PKG>_BUILD_IN_EMULATION, make <pkg>-test).
kiln_binfmt_possible() {
	kiln_probe binfmt "the sandbox cannot start the target's programs" \
		"Packages with <PKG>_BUILD_IN_EMULATION cross-compile instead, packages with <PKG>_CONF_RUN_TESTS take configure's cross-compiling answers, and make <pkg>-test cannot run another architecture's suite" \
		kiln_binfmt_probe
}
kiln_binfmt_probe() {
	local why d
	d=$(mktemp -d "${TMPDIR:-/tmp}/kiln-binfmt-probe.XXXXXX")
	if ! command -v unshare >/dev/null; then
		echo "n unshare (util-linux) is not installed"
	elif why=$(unshare --user --map-root-user --mount mount -t binfmt_misc binfmt_misc "$d" 2>&1); then
		echo y
	else
		echo "n Linux $(uname -r) cannot mount binfmt_misc in a user namespace (6.7 or later can): ${why//$'\n'/ }"
	fi
	rmdir "$d" 2>/dev/null || true
}

# Why this step has no sandbox, for the errors of the steps that need
# one: "off (...): build with KILN_SANDBOX=y" or "not possible here
# (the probe's reason): see docs/sandbox.md".
kiln_sandbox_why() {
	if [ -z "${KILN_SANDBOX_RW:-}" ]; then
		echo "off (KILN_SANDBOX=n, or ${step:-} left out of ${pkg:-?}'s <PKG>_SANDBOX_STEPS): build with KILN_SANDBOX=y"
	else
		echo "not possible here ($(cut -c3- "$BUILD_DIR/.kiln/sandbox" 2>/dev/null)): see docs/sandbox.md"
	fi
}

kiln_sandbox_setup() {
	kiln_sandbox_cmd=()
	if [ -n "${KILN_SANDBOX_EMULATION_SKIPPED:-}" ]; then
		echo "kiln: warning: ${pkg:-?}: <PKG>_BUILD_IN_EMULATION = YES, but $(if [ -z "${KILN_SANDBOX_RW:-}" ]; then echo "the sandbox is off (KILN_SANDBOX=n, or configure left out of <PKG>_SANDBOX_STEPS)"; else echo "the sandbox cannot start the target's programs here"; fi): ${pkg:-?} cross-compiles (see docs/sandbox.md)" >&2
	fi
	if [ -z "${KILN_SANDBOX_RW:-}" ] || ! kiln_sandbox_possible; then
		kiln_sandbox_cmd=()
		if [ -n "${KILN_SANDBOX_BINFMT:-}" ] && [ "${step:-}" = configure ]; then
			echo "kiln: warning: ${pkg:-?}: <PKG>_CONF_RUN_TESTS = YES needs the sandbox (KILN_SANDBOX=y, see docs/sandbox.md): without it configure cross-compiles, and its run tests take their cross-compiling answers" >&2
		fi
		if [ -n "${KILN_SANDBOX_EMULATION:-}" ]; then
			echo "kiln: ${pkg:-?}: <PKG>_BUILD_IN_EMULATION = YES: the ${step:-} step of ${pkg:-?} runs in the target's root, which only the sandbox makes, and the sandbox is $(kiln_sandbox_why)" >&2
			return 1
		fi
		if [ -n "${KILN_SANDBOX_BINFMT:-}" ] && [ "${step:-}" = test ]; then
			echo "kiln: ${pkg:-?}: make ${pkg:-?}-test runs the $KILN_SANDBOX_BINFMT test programs through qemu registered in the sandbox's own binfmt_misc, and the sandbox is $(kiln_sandbox_why) (docs/package-tests.md)" >&2
			return 1
		fi
		return 0
	fi
	local d b in links=() bound=()
	if [ -n "${KILN_SANDBOX_EMULATION:-}" ]; then
		kiln_sandbox_emulation_base || return 1
	else
		kiln_sandbox_base
	fi
	# The paths the step reads that an empty /tmp would hide. A
	# symbolic link (O/kiln-tools, a link to the helpers' per-user
	# cache, whose real path make lists too) is never a mount point:
	# bwrap would follow its absolute target outside the new root. It
	# is there when a directory bound holds it, else it is made again.
	# In emulation the root is the target's: every one is bound.
	for d in ${KILN_SANDBOX_RO:-}; do
		case "$d" in /tmp/*) ;; *) [ -n "${KILN_SANDBOX_EMULATION:-}" ] || continue ;; esac
		if [ -L "$d" ]; then
			links+=("$d")
		else
			kiln_sandbox_cmd+=(--ro-bind-try "$d" "$d")
			bound+=("$d")
		fi
	done
	for d in "${links[@]}"; do
		in=
		for b in "${bound[@]}"; do
			case "$d" in "$b"/*) in=y ;; esac
		done
		[ -n "$in" ] || kiln_sandbox_cmd+=(--symlink "$(readlink "$d")" "$d")
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
	# A kernel without a binfmt_misc of the sandbox's own: configure
	# and build take the cross answers (make said --build, and the
	# probe warned once); a test suite cannot run at all.
	if [ -n "${KILN_SANDBOX_BINFMT:-}" ]; then
		if [ "${step:-}" = test ] || [ -n "${KILN_SANDBOX_EMULATION:-}" ] || kiln_binfmt_possible; then
			kiln_sandbox_binfmt || return 1
		fi
	fi
	# Last, after bwrap's options: the step's command runs under
	# kiln-pkgdir protect (a seccomp supervisor, inside the sandbox).
	if [ -n "${KILN_SANDBOX_PROTECT:-}" ]; then
		local protect
		read -ra protect <<<"$KILN_SANDBOX_PROTECT"
		kiln_sandbox_cmd+=("${protect[@]}" --)
	fi
}

# The magic and mask of the target's ELF executables, as Debian's
# qemu-user-static registers them (qemu's scripts/qemu-binfmt-conf.sh).
kiln_sandbox_elf_rule() {
	local mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
	case "$1" in
	aarch64) printf '%s\n' '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:'"$mask" ;;
	arm) printf '%s\n' '\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00:'"$mask" ;;
	riscv64) printf '%s\n' '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00:'"$mask" ;;
	*) return 1 ;;
	esac
}

# <PKG>_CONF_RUN_TESTS: the step's target programs exec directly. bwrap
# runs inside a user and mount namespace (unshare) whose own
# binfmt_misc has qemu-<arch> registered (kiln-sandbox-binfmt), with
# QEMU_LD_PREFIX a view of the package's sysroot; the step gets its own uid back
# in bwrap's user namespace. Sets kiln_sandbox_binfmt_dir (the mount
# point, removed by kiln_sandbox_cleanup), or fails with a message.
kiln_sandbox_binfmt_dir=
kiln_sandbox_binfmt() {
	local arch=$KILN_SANDBOX_BINFMT qemu='' q rule why='<PKG>_CONF_RUN_TESTS = YES'
	[ "${step:-}" != test ] || why="make ${pkg:-?}-test"
	[ -z "${KILN_SANDBOX_EMULATION:-}" ] || why='<PKG>_BUILD_IN_EMULATION = YES'
	for q in "qemu-$arch" "qemu-$arch-static"; do
		if command -v "$q" >/dev/null 2>&1; then
			qemu=$(command -v "$q")
			break
		fi
	done
	if [ -z "$qemu" ]; then
		echo "kiln: ${pkg:-?}: qemu-$arch is not in PATH: the ${step:-} step of ${pkg:-?} ($why) runs the target's programs with it. Install Debian's qemu-user package (apt-get install --no-install-recommends qemu-user; utils/setup-host does it)" >&2
		return 1
	fi
	rule=$(kiln_sandbox_elf_rule "$arch") || {
		echo "kiln: ${pkg:-?}: $why: Kiln has no binfmt_misc rule for $arch" >&2
		return 1
	}
	kiln_sandbox_binfmt_dir=$(mktemp -d "${TMPDIR:-/tmp}/kiln-binfmt.XXXXXX")
	# The library root: a view of the sysroot in the private /tmp, with
	# the lib -> usr/lib that a Kiln sysroot does not have, so that the
	# loader the programs name (/lib/ld-linux-...) is found.
	# In emulation the root is the target's: no library root.
	local view=/tmp/.kiln-ld-prefix e opts=()
	if [ -z "${KILN_SANDBOX_EMULATION:-}" ]; then
		opts+=(--dir "$view" --setenv QEMU_LD_PREFIX "$view")
		for e in "$KILN_SANDBOX_LD_PREFIX"/*; do
			[ -e "$e" ] && opts+=(--symlink "$e" "$view/${e##*/}")
		done
		[ -e "$KILN_SANDBOX_LD_PREFIX/lib" ] || opts+=(--symlink "$KILN_SANDBOX_LD_PREFIX/usr/lib" "$view/lib")
	fi
	# bwrap's user namespace maps the caller's uid and gid back.
	if [ "$EUID" -ne 0 ]; then
		opts+=(--uid "$EUID" --gid "$(id -g)")
	fi
	kiln_sandbox_cmd=(unshare --user --map-root-user --mount
		"${BASH_SOURCE[0]%/*}/kiln-sandbox-binfmt" "${pkg:-?}" "$kiln_sandbox_binfmt_dir"
		":kiln-$arch:M::$rule:$qemu:F"
		"${kiln_sandbox_cmd[@]}" "${opts[@]}")
}

kiln_sandbox_cleanup() {
	[ -z "$kiln_sandbox_binfmt_dir" ] || rmdir "$kiln_sandbox_binfmt_dir" 2>/dev/null || true
}

# After a failed step: what the sandbox allowed, the writes it refused
# (from the log), and how to turn it off.
kiln_sandbox_explain() {
	local pkg=$1 step=$2 log=$3 refused imported w prev='' own=''
	[ ${#kiln_sandbox_cmd[@]} -gt 0 ] || return 0
	# kiln-pkgdir protect's refusals name the file and its owner; the
	# programs' own "Read-only file system" for those files is theirs.
	for w in ${KILN_SANDBOX_PROTECT:-}; do
		case "$prev" in --root) own=$w ;; --pkg) own=$own/$w/ ;; esac
		prev=$w
	done
	imported=$(grep -m 3 -F ': refused a write to ' "$log" || true)
	if [ -n "$imported" ]; then
		printf 'kiln: %s: %s tried to change files it imported from its dependencies in place (they are hardlinks to the owners'"'"' files):\n' "$pkg" "$pkg"
		printf '%s\n' "$imported" | sed 's/^/  | /'
	fi
	refused=$(grep -E 'Read-only file system' "$log" | { if [ -n "$imported" ] && [ -n "$own" ]; then grep -vF "$own"; else cat; fi; } | head -n 3 || true)
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
