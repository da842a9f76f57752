#!/bin/bash
# virtual-package: a dependent of the virtual package vfoo gets the
# chosen provider's files in its per-package directories; switching
# providers rebuilds it with the other's; no provider, two providers or
# a provider that does not say it provides vfoo end with a clear error.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 26

out=$SCRATCH/out
sysroot=$out/per-package/vdep/host/x86_64-linux-gnu/sysroot
configure "$out" KILN_PACKAGE_VFOO_A=y KILN_PACKAGE_VDEP=y
is "$(grep PROVIDES_VFOO "$out/.config")" 'KILN_PACKAGE_PROVIDES_VFOO="vfoo-a"' "the provider's Config.in sets KILN_PACKAGE_PROVIDES_VFOO"
is "$(kiln "$out" -s vfoo-show-depends)" "toolchain vfoo-a" "the virtual package depends on the chosen provider"
ok "build with vfoo-a" kiln "$out"
is "$(cat "$sysroot/usr/include/vfoo.h")" '#define VFOO_IMPL "vfoo-a"' "the dependent's staging has vfoo-a's header"
is "$(cat "$out/target/usr/share/vdep/built-with")" vfoo-a "and it was built with it"
ok "vfoo-a's files are in the target" test -f "$out/target/usr/share/vfoo/only-a"
is "$(ls "$out/per-package/vfoo/target/usr/share/vfoo")" only-a "the virtual package's own directory holds the provider's files"

# The tooling knows which packages are virtual (O/.kiln-metadata.json).
is "$(kiln "$out" show-info | jq -r '[.vfoo.virtual, ."vfoo-a".virtual] | join(" ")')" "true false" \
	"show-info: vfoo is virtual, its provider is not"
if command -v dot >/dev/null; then
	kiln "$out" graph-depends KILN_GRAPH_OUT=svg KILN_GRAPH_DEPS_OPTS='-x virtual' >/dev/null 2>&1
	unlike "$(grep -o '<title>[^<]*</title>' "$out/graphs/graph-depends.svg" | tr '\n' ' ')" '<title>vfoo</title>' \
		"graph-depends -x virtual leaves vfoo out"
else
	pass "graph-depends # SKIP no Graphviz"
fi
kiln "$out" legal-info >/dev/null 2>&1
like "$(cut -d, -f1 "$out/legal-info/manifest.csv" | tr '\n' ' ')" '"vfoo-a" "vdep"|"vdep" "vfoo-a"' \
	"legal-info lists the provider and its dependent"
unlike "$(cat "$out/legal-info/manifest.csv")" '^"vfoo",' "no vfoo row"
timing=$out/build/build-time.log
lines=$(wc -l <"$timing")
kiln "$out" >/dev/null 2>&1
is "$(wc -l <"$timing")" "$lines" "a no-op make rebuilds nothing"

# Switch to vfoo-b in the same output directory.
configure "$out" KILN_PACKAGE_VFOO_B=y KILN_PACKAGE_VDEP=y
lines=$(wc -l <"$timing")
ok "build with vfoo-b" kiln "$out"
like "$(tail -n +"$((lines + 1))" "$timing")" '^vdep build ' "switching providers rebuilds the dependent"
is "$(cat "$sysroot/usr/include/vfoo.h")" '#define VFOO_IMPL "vfoo-b"' "its staging now has vfoo-b's header"
is "$(cat "$out/target/usr/share/vdep/built-with")" vfoo-b "and it was built with it"
is "$(ls "$out/target/usr/share/vfoo")" only-b "the target has vfoo-b's files and none of vfoo-a's"
like "$(grep '^closure' "$out/per-package/vdep/manifest")" '^closure toolchain vfoo-b vfoo$' "the dependent's closure names the new provider"

# Two providers.
configure "$out" KILN_PACKAGE_VFOO_A=y KILN_PACKAGE_VFOO_B=y KILN_PACKAGE_VDEP=y
msg=$(kiln "$out" 2>&1) && st=0 || st=$?
ok "two providers fail" test "$st" -ne 0
like "$msg" "virtual package vfoo has two providers selected: vfoo-a \(KILN_PACKAGE_PROVIDES_VFOO\) and vfoo-b; select only one of them in make menuconfig" \
	"and the error names the virtual package and both providers"
like "$msg" "make them exclusive in $EXT/package/vfoo-b/Config.in" "and the Config.in to fix"

# No provider: vdep-loose's Config.in does not require one.
configure "$out" KILN_PACKAGE_VDEP_LOOSE=y
msg=$(kiln "$out" 2>&1) && st=0 || st=$?
ok "no provider fails" test "$st" -ne 0
like "$msg" "virtual package vfoo is needed by vdep-loose, but no provider of it is selected \(KILN_PACKAGE_PROVIDES_VFOO is empty\): select one of its providers \(vfoo-a vfoo-b\)" \
	"and the error names the virtual package, who needs it and the providers"
like "$msg" "$EXT/package/vdep-loose/Config.in should depend on KILN_PACKAGE_HAS_VFOO" "and the Config.in to fix"

# A provider named in the configuration that does not say it provides
# vfoo (a Config.in mistake, simulated on the command line).
configure "$out" KILN_PACKAGE_VFOO_A=y KILN_PACKAGE_VDEP=y
msg=$(kiln "$out" KILN_PACKAGE_PROVIDES_VFOO='"vdep-loose"' 2>&1) || true
like "$msg" "virtual package vfoo: KILN_PACKAGE_PROVIDES_VFOO names vdep-loose, whose \.mk does not say VDEP_LOOSE_PROVIDES = vfoo" \
	"a provider that does not declare _PROVIDES is refused"
msg=$(kiln "$out" KILN_PACKAGE_PROVIDES_VFOO='"nosuch"' 2>&1) || true
like "$msg" "virtual package vfoo: KILN_PACKAGE_PROVIDES_VFOO names 'nosuch', which no package defines" \
	"and so is a provider that does not exist"
done_testing
