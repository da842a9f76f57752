#!/bin/bash
# The pictures of the build (docs/tooling.md): graph-depends and its
# options, <pkg>-graph-depends and -graph-rdepends (SVG nodes and
# edges, PNG size), graph-build (a timeline row per package built, PNG
# size), graph-size (CSV sizes from the manifests, chart slices), and
# their errors.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 33

out=$SCRATCH/out
g=$out/graphs
configure "$out" KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y KILN_PACKAGE_LEGAL=y \
	KILN_PACKAGE_HOST_LEGAL=y KILN_PACKAGE_DL_LOCAL=y

# svg_nodes FILE: the sorted node names of a Graphviz SVG (its <title>s).
# svg_edges FILE: its edges, "a->b".
# svg_ids FILE PREFIX: the sorted distinct <pkg> of the ids PREFIX/<pkg>/...
py() { /usr/bin/python3 -c "$@"; }
svg_query() {
	py '
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[2]).getroot()
out = set()
for e in root.iter(ns + "g"):
    if sys.argv[1] in ("node", "edge") and e.get("class") == sys.argv[1]:
        out.add(e.find(ns + "title").text.replace("&#45;", "-"))
    elif sys.argv[1] == "ids" and (e.get("id") or "").startswith(sys.argv[3] + "/"):
        out.add(e.get("id").split("/")[1])
print(" ".join(sorted(out)))' "$@"
}
svg_nodes() { svg_query node "$1"; }
svg_edges() { svg_query edge "$1"; }
svg_ids() { svg_query ids "$1" "$2"; }
# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk (checks the signature).
png_size() {
	py '
import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR", "not a PNG"
print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"
}
# svg_px FILE: the SVG's size in pt as pixels at 96 dpi, as dot draws PNG.
svg_px() {
	py '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
print(" ".join(str(float(r.get(k).rstrip("pt")) * 96 / 72) for k in ("width", "height")))' "$1"
}
sorted_words() { tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'; }

targets=$(kiln "$out" show-targets)
ok "graph-depends with KILN_GRAPH_OUT='svg png'" kiln "$out" graph-depends KILN_GRAPH_OUT='svg png'
is "$(svg_nodes "$g/graph-depends.svg")" "$(echo "all $targets" | sorted_words)" \
	"the SVG has one node per package of the configuration, and the root"
edges=$(svg_edges "$g/graph-depends.svg")
like "$edges" '(^| )appa->libb( |$)' "an edge for appa's dependency on libb"
unlike "$edges" '(^| )all->libb( |$)' "no transitive edge by default (all->appa->libb)"
unlike "$edges" '(^| )appa->toolchain( |$)' "the toolchain hangs from the root only"
ok "the .dot file is kept" test -s "$g/graph-depends.dot"
read -r w h <<<"$(svg_px "$g/graph-depends.svg")"
size=$(png_size "$g/graph-depends.png")
ok "the PNG decodes to the SVG's size at 96 dpi ($size for ${w}x$h)" \
	py "import sys; w, h = map(int, sys.argv[1].split('x')); assert abs(w - $w) <= 1 and abs(h - $h) <= 1" "$size"

kiln "$out" graph-depends KILN_GRAPH_DEPS_OPTS=--transitive >/dev/null
like "$(svg_edges "$g/graph-depends.svg")" '(^| )all->libb( |$)' "--transitive draws the transitive edges"
kiln "$out" graph-depends KILN_GRAPH_DEPS_OPTS='--no-host --no-toolchain' >/dev/null
is "$(svg_nodes "$g/graph-depends.svg")" "all appa dl-local legal libb" "--no-host and --no-toolchain leave them out"
kiln "$out" graph-depends KILN_GRAPH_DEPS_OPTS='--depth 1 -x dl-local' >/dev/null
is "$(svg_nodes "$g/graph-depends.svg")" "all appa host-legal legal toolchain" "--depth 1 stops at the first level, -x excludes"
kiln "$out" graph-depends KILN_GRAPH_DEPS_OPTS='--stop-on appa' >/dev/null
is "$(svg_nodes "$g/graph-depends.svg")" "$(echo "all $targets" | sorted_words | sed 's/ libb//')" "--stop-on appa draws appa, not past it"

ok "appa-graph-depends" kiln "$out" appa-graph-depends
is "$(svg_nodes "$g/appa-graph-depends.svg")" "appa libb toolchain" "appa's graph: appa, libb, the toolchain"
ok "libb-graph-rdepends" kiln "$out" libb-graph-rdepends
is "$(svg_nodes "$g/libb-graph-rdepends.svg")" "appa libb" "libb's reverse graph: libb and appa"
msg=$(kiln "$out" nosuch-graph-depends 2>&1) || true
like "$msg" "unknown package 'nosuch'" "an unknown package is named"
msg=$(kiln "$out" zlib-graph-rdepends 2>&1) || true
like "$msg" "^kiln: graph-depends: package 'zlib' is not part of this configuration" "a package outside the configuration is named"
msg=$(kiln "$out" graph-depends KILN_GRAPH_OUT=nosuch 2>&1) || true
like "$msg" "^kiln: graph-depends: dot cannot write 'nosuch' \(KILN_GRAPH_OUT\)" "a bad KILN_GRAPH_OUT is named"

msg=$(kiln "$out" graph-build 2>&1) && st=0 || st=$?
like "$st:$msg" "^[1-9]:kiln: graph-build: no .*/build-time.log: nothing was built .*; build first" "graph-build before a build: build first"
msg=$(kiln "$out" graph-size 2>&1) && st=0 || st=$?
like "$st:$msg" "^[1-9]:kiln: graph-size: .*/target is not finalized: build first" "graph-size before a build: build first"

ok "build" kiln "$out"
ok "graph-build" kiln "$out" graph-build KILN_GRAPH_OUT='svg png'
# Rows: every name of build-time.log; packages, then finalize and images.
logged=$(cut -d' ' -f1 "$out/build/build-time.log" | sort -u | tr '\n' ' ' | sed 's/ $//')
finals=$(awk '$1 == $2 { print $1 }' "$out/build/build-time.log" | sort -u | tr '\n' ' ')
is "$(echo "$targets $finals" | sorted_words)" "$logged" "every package of the configuration was built and logged"
is "$(svg_ids "$g/build.timeline.svg" kiln-timeline)" "$logged" "the timeline has one row per package built (and finalize, images)"
rows=$(wc -w <<<"$logged")
is "$(png_size "$g/build.timeline.png")" "1200x$(((rows * 25) + 150))" "the timeline PNG is 12 in wide, 0.25 in per row (100 dpi)"
is "$(svg_ids "$g/build.hist-duration.svg" kiln-duration)" "$logged" "the duration chart has a bar per package"

ok "graph-size" kiln "$out" graph-size KILN_GRAPH_SIZE_OPTS='--size-limit 0'
pkgcsv=$g/package-size-stats.csv
filecsv=$g/file-size-stats.csv
is "$(head -n1 "$pkgcsv")" "Package name,Package size,Package size in system (%)" "package-size-stats.csv has Buildroot's columns"
appa_size=$(($(stat -c %s "$out/target/usr/bin/appa") + $(stat -c %s "$out/target/usr/share/appa/features")))
is "$(grep '^appa,' "$pkgcsv" | cut -d, -f2)" "$appa_size" "appa's size is its two files in output/target"
total=$(find "$out/target" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
is "$(tail -n +2 "$pkgcsv" | awk -F, '{ s += $2 } END { print s }')" "$total" "the packages add up to output/target"
like "$(cat "$filecsv")" '^etc/kiln-testing-hook,unknown/finalize,18,' "a file of the finalize hook is unknown/finalize"
like "$(cat "$filecsv")" '^usr/bin/legal-hello,legal,' "files belong to their package, from its manifest"
is "$(svg_ids "$g/graph-size.svg" kiln-size)" "$(tail -n +2 "$pkgcsv" | cut -d, -f1 | sed 's|unknown/finalize|unknown|' | sorted_words)" \
	"the chart has a slice per package (--size-limit 0)"
done_testing
