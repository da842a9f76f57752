# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Reading <pkg>.hash files, shared by dl-wrapper and check-license-hashes.
#
# Format: one "sha256 <64 hex digits> <file>" per line; blank lines and
# lines starting with # are ignored, as are other algorithms (only
# sha256 is checked). <file> is the downloaded file's name, or a license
# file's path inside the extracted source.

# kiln_hashes HASHFILE FILE: prints every sha256 listed for FILE, one a
# line (nothing when there is none). Fails with a message naming the
# line when the file holds a malformed line, since a typo there would
# otherwise look like a missing hash.
kiln_hashes() {
	awk -v f="$2" -v hf="$1" '
	/^[ \t]*(#|$)/ { next }
	NF != 3 {
		printf "%s:%d: malformed line (want: sha256 <hash> <file>): %s\n", hf, NR, $0 > "/dev/stderr"
		bad = 1; next
	}
	$1 == "sha256" && (length($2) != 64 || $2 !~ /^[0-9a-f]+$/) {
		printf "%s:%d: malformed sha256 (want 64 lowercase hex digits): %s\n", hf, NR, $2 > "/dev/stderr"
		bad = 1; next
	}
	$1 == "sha256" && $3 == f { print $2 }
	END { exit bad }' "$1"
}

# kiln_sha256 FILE: the file's sha256.
kiln_sha256() {
	local sum
	sum=$(sha256sum -- "$1")
	echo "${sum%% *}"
}

# kiln_hash_ok WANT GOT: true when GOT is every hash in WANT (a file
# listed twice must agree with itself; a package pins one file).
kiln_hash_ok() {
	local w
	[ -n "$1" ] || return 1
	for w in $1; do
		[ "$w" = "$2" ] || return 1
	done
}
