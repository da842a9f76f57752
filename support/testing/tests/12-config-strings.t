#!/bin/bash
# Configuration strings reach their consumers byte for byte: '$', '#',
# '\', '"', "'", '%', runs of blanks and non-ASCII text in the hostname,
# the banner and the post-build scripts' arguments; a pre-hashed root
# password lands unchanged in /etc/shadow and verifies against its clear
# text; a clear text with the same characters is hashed as it is. Path
# options still expand $(TOPDIR) (the default download directory) and
# refuse any other reference with one line.
# shellcheck disable=SC2016 # the '$' in single quotes are the point
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 18

# kq TEXT: TEXT as a Kconfig string, with its quotes and escapes.
kq() {
	local v=${1//\\/\\\\}
	v=${v//\"/\\\"}
	printf '"%s"' "$v"
}

host='h$o#s%t\"q'
issue='Build #42: $HOME $(TOPDIR) $$ \n \\ "quoted" '\''single'\'' 100% ünïcødé  two  blanks '
clear='Kiln$ecret #1 "x"'
salt=abcdefgh
hash=$(openssl passwd -6 -salt "$salt" "$clear")
post=$SCRATCH/post.sh
printf '#!/bin/sh\nt=$1\nshift\nfor a in "$@"; do printf "%%s\\n" "$a"; done >"$t/args"\n' >"$post"
chmod +x "$post"
args='a$b c#d "e" '\''f'\'' g\h %i'

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_SKELETON=y \
	"KILN_TARGET_GENERIC_HOSTNAME=$(kq "$host")" \
	"KILN_TARGET_GENERIC_ISSUE=$(kq "$issue")" \
	"KILN_TARGET_GENERIC_ROOT_PASSWD=$(kq "$hash")" \
	"KILN_ROOTFS_POST_BUILD_SCRIPT=$(kq "$post")" \
	"KILN_ROOTFS_POST_SCRIPT_ARGS=$(kq "$args")"
ok "build" kiln "$out"
etc=$out/target/etc
is "$(cat "$etc/hostname")" "$host" "the hostname is written byte for byte"
is "$(cat "$etc/issue"; echo .)" "$issue"$'\n\n.' "so is the banner"
got=$(sed -n 's/^root:\([^:]*\):.*/\1/p' "$etc/shadow")
is "$got" "$hash" "a pre-hashed root password lands unchanged in /etc/shadow"
is "$(openssl passwd -6 -salt "$salt" "$clear")" "$got" "and verifies against its clear text"
is "$(cat "$out/target/args")" "$(printf '%s\n' 'a$b' 'c#d' '"e"' "'f'" 'g\h' '%i')" \
	"post-build script arguments are split at blanks only, each word kept as it is"

# A clear-text password with the same characters is hashed as it is.
configure "$out" KILN_PACKAGE_SKELETON=y "KILN_TARGET_GENERIC_ROOT_PASSWD=$(kq "$clear")"
ok "build with a clear-text password" kiln "$out"
got=$(sed -n 's/^root:\([^:]*\):.*/\1/p' "$etc/shadow")
like "$got" '^[$]6[$]' "it is hashed with SHA-512 crypt"
is "$(openssl passwd -6 -salt "$(cut -d'$' -f3 <<<"$got")" "$clear")" "$got" "the hash is that of the whole clear text"
is "$(cat "$etc/issue")" "Welcome to Kiln" "a changed .config is read again (the banner is back to its default)"

# A hash with a ':' cannot go into /etc/shadow.
configure "$out" KILN_PACKAGE_SKELETON=y "KILN_TARGET_GENERIC_ROOT_PASSWD=$(kq '$6$ab:cd')"
msg=$(kiln "$out" 2>&1) || true
like "$msg" "skeleton: KILN_TARGET_GENERIC_ROOT_PASSWD starts with '[$]' so it is taken as a hash, but it holds a ':'" \
	"a 'hash' holding ':' is refused with one line"

# Path options: the default download directory is "$(TOPDIR)/dl".
configure "$out" KILN_PACKAGE_APPA=y
is "$(env -u KILN_DL_DIR make --no-print-directory -C "$TOPDIR" O="$out" printvars VARS=DL_DIR)" \
	"DL_DIR=$TOPDIR/dl" "a path option expands \$(TOPDIR)"
configure "$out" KILN_PACKAGE_APPA=y 'KILN_ROOTFS_OVERLAY="$(HOME)/overlay"'
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln: KILN_ROOTFS_OVERLAY holds '[$][(]HOME[)]/overlay': a path option may only refer to [$][(]TOPDIR[)]" \
	"and refuses any other reference"
is "$(grep -c kiln: <<<"$msg")" 1 "in one line"

# Options that reach the shell or a C string unquoted (paths, programs,
# compiler flags) refuse shell syntax instead of running it.
rm -f "$SCRATCH/injected"
configure "$out" KILN_PACKAGE_APPA=y "KILN_ROOTFS_OVERLAY=\"/tmp/o';touch $SCRATCH/injected;'\""
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln: KILN_ROOTFS_OVERLAY holds '/tmp/o';touch .*', which may not contain any of" \
	"a quote in a path option is refused"
ok "and nothing ran" test ! -e "$SCRATCH/injected"
configure "$out" KILN_PACKAGE_APPA=y KILN_TOOLCHAIN_CUSTOM=y KILN_TOOLCHAIN_CUSTOM_PATH=\"/usr\" \
	"KILN_TOOLCHAIN_CUSTOM_PREFIX=\"x86_64-linux-gnu-\$(touch $SCRATCH/injected)\""
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln: KILN_TOOLCHAIN_PREFIX holds .*touch .*, which may not contain" \
	"a command substitution in the toolchain prefix is refused"
ok "and nothing ran" test ! -e "$SCRATCH/injected"
done_testing
