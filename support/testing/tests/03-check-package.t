#!/bin/bash
# utils/check-package: the Kiln tree and the test tree pass it; each bad
# fixture of support/testing/check-package/bad gives exactly its
# warnings, the good fixture none; every rule has a fixture that fails
# on it; usage errors exit 2.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
cp=$TOPDIR/utils/check-package
fixtures=$TOPDIR/support/testing/check-package

# Each bad fixture (relative to $fixtures/bad) and the warnings it must
# give, "|" between them when there are two.
expected=$(
	cat <<'EOF'
package/banner/banner.mk	package/banner/banner.mk:1: the file must start with the banner: a line of 80 #, "# banner", a line of 80 #, an empty line (Banner)
package/banner-name/banner-name.mk	package/banner-name/banner-name.mk:2: the banner must name the package: "# banner-name" (or "# banner-name: <what it is>") (Banner)
package/config-in-attribute-order/Config.in	package/config-in-attribute-order/Config.in:4: "depends on" must come before select (the order is the type and prompt, default, depends on, select, help) (ConfigInAttributeOrder)
package/config-in-empty-line/Config.in	package/config-in-empty-line/Config.in:3: empty line inside an entry, before "help" (ConfigInEmptyLine)
package/config-in-help-indent/Config.in	package/config-in-help-indent/Config.in:4: indent help text with a tab and two spaces (ConfigInIndent)
package/config-in-help-width/Config.in	package/config-in-help-width/Config.in:4: help text is wider than 80 columns (a tab is 8); wrap it (ConfigInHelpWidth)
package/config-in-indent/Config.in	package/config-in-indent/Config.in:2: indent an attribute (bool) with one tab (ConfigInIndent)
package/config-in-prompt/Config.in	package/config-in-prompt/Config.in:2: the prompt of KILN_PACKAGE_CONFIG_IN_PROMPT must start with the package name: bool "config-in-prompt" (ConfigInPrompt)
package/config-in-prompt-quotes/Config.in	package/config-in-prompt-quotes/Config.in:2: the prompt must be in double quotes: bool "..." (ConfigInPrompt)
package/consecutive-empty-lines/consecutive-empty-lines.mk	package/consecutive-empty-lines/consecutive-empty-lines.mk:7: consecutive empty lines (ConsecutiveEmptyLines)
package/empty-last-line/empty-last-line.mk	package/empty-last-line/empty-last-line.mk:8: empty line at the end of the file (EmptyLastLine)
package/hash-algorithm/hash-algorithm.hash	package/hash-algorithm/hash-algorithm.hash:2: unknown hash algorithm "sha257" (Kiln checks sha256) (HashFormat)
package/hash-format/hash-format.hash	package/hash-format/hash-format.hash:2: a sha256 is 64 lowercase hex digits (HashFormat)|package/hash-format/hash-format.hash:3: a hash line is "sha256 <hash> <file>" (3 fields, not 2) (HashFormat)
package/hash-provenance/hash-provenance.hash	package/hash-provenance/hash-provenance.hash:1: no comment above the first hash says where the hashes come from (upstream's checksum, its signature, Debian's archive...) (HashProvenance)
package/hash-spacing/hash-spacing.hash	package/hash-spacing/hash-spacing.hash:2: separate the fields with one space each (HashSpacing)
package/indent/indent.mk	package/indent/indent.mk:8: indent the body of a define with a tab, not spaces (Indent)
package/indent-continuation/indent-continuation.mk	package/indent-continuation/indent-continuation.mk:7: indent a continuation line with a tab (Indent)
package/newline-at-eof/newline-at-eof.mk	package/newline-at-eof/newline-at-eof.mk:7: no newline at the end of the file (NewlineAtEof)
package/symbol-undefined/symbol-undefined.mk	package/symbol-undefined/symbol-undefined.mk:8: KILN_PACKAGE_NOWHERE is defined by no Config.in and set by no make file (SymbolUndefined)
package/symbol-unused/Config.in	package/symbol-unused/Config.in:6: KILN_PACKAGE_SYMBOL_UNUSED_FEATURE is used by no .mk, Makefile or Config.in (SymbolUnused)
package/trailing-space/trailing-space.mk	package/trailing-space/trailing-space.mk:5: line ends with whitespace (TrailingSpace)
package/variable-order/variable-order.mk	package/variable-order/variable-order.mk:7: VARIABLE_ORDER_SITE must come before VARIABLE_ORDER_LICENSE (the order is VERSION, SOURCE, SITE, SITE_METHOD, DEBIAN_SOURCE, DEBIAN_VERSION, DEBIAN_PATCHES, LICENSE, LICENSE_FILES) (VariableOrder)
package/variable-order-late/variable-order-late.mk	package/variable-order-late/variable-order-late.mk:7: VARIABLE_ORDER_LATE_LICENSE must come before the other variables of the package (VARIABLE_ORDER_LATE_INSTALL_STAGING is above it) (VariableOrder)
EOF
)
nfixtures=$(grep -c . <<<"$expected")
mapfile -t rules < <("$cp" --list-rules | cut -d' ' -f1)
plan $((nfixtures * 2 + ${#rules[@]} + 13))

cd "$TOPDIR"
ok "the Kiln tree and the test tree pass" "$cp"
out=$("$cp" package support/testing/ext/package 2>&1) && rc=0 || rc=$?
is "$rc:$out" "0:" "package/ and support/testing/ext/package/ given by name pass"
ok "the test tree passes as an external tree (-b)" "$cp" -b support/testing/ext

cd "$fixtures"
out=$("$cp" good/package 2>&1) && rc=0 || rc=$?
is "$rc:$out" "0:" "the good fixture gives no warning (a disable comment included)"

cd "$fixtures/bad"
while IFS=$'\t' read -r file want; do
	out=$("$cp" "$file" 2>&1) && rc=0 || rc=$?
	is "$out" "${want//|/$'\n'}" "$file: exactly its warnings"
	is "$rc" 1 "$file: exit status 1"
done <<<"$expected"

# Every rule has a fixture that fails on it.
for r in "${rules[@]}"; do
	like "$expected" "\\($r\\)\$" "rule $r has a failing fixture"
done

# The whole bad tree gives every fixture's warnings, none other.
out=$("$cp" package 2>&1) && rc=0 || rc=$?
is "$(sort <<<"$out")" "$(cut -f2 <<<"$expected" | tr '|' '\n' | sort)" \
	"the bad tree as a folder gives the fixtures' warnings and no other"

# Options: -x and -i choose rules; a disable comment turns a rule off.
out=$("$cp" -x VariableOrder package/variable-order 2>&1) && rc=0 || rc=$?
is "$rc:$out" "0:" "-x VariableOrder silences the variable order fixture"
out=$("$cp" -i Banner package 2>&1) && rc=0 || rc=$?
is "$(cut -d' ' -f1 <<<"$out" | tr '\n' ' ')" \
	"package/banner/banner.mk:1: package/banner-name/banner-name.mk:2: " \
	"-i Banner runs only Banner"

# Usage errors exit 2, with a message.
out=$("$cp" --no-such-option 2>&1) && rc=0 || rc=$?
is "$rc" 2 "an unknown option exits 2"
out=$("$cp" "$SCRATCH/missing" 2>&1) && rc=0 || rc=$?
is "$rc" 2 "a missing file exits 2"
like "$out" "missing: no such file or folder" "and says which file is missing"
out=$("$cp" -x NoSuchRule 2>&1) && rc=0 || rc=$?
is "$rc" 2 "an unknown rule exits 2"
like "$out" "unknown rule NoSuchRule" "and says which rule is unknown"
ok "--help exits 0" "$cp" --help
done_testing
