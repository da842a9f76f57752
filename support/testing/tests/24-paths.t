#!/bin/bash
# (h) A text file holding its owner's per-package path is rewritten in
#     its dependents' directories and in output/host.
# (i) A file holding another package's per-package path is reported.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 9

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_PCUSER=y
ok "build" kiln "$out"
ppd=$out/per-package
# pcuser recorded what it saw from inside its own directory.
is "$(cat "$ppd/pcuser/host/share/pcuser/tool-prefix")" "$ppd/pcuser/host" "host-tool's script answers with pcuser's directory inside pcuser"
is "$(cat "$ppd/pcuser/host/share/pcuser/b-prefix")" "$ppd/pcuser/host/x86_64-linux-gnu/sysroot/usr" "libb's .pc names pcuser's sysroot inside pcuser"
like "$(grep -P '\ttarget/usr/lib/pkgconfig/b.pc$|\thost/x86_64-linux-gnu/sysroot/usr/lib/pkgconfig/b.pc$' "$ppd/libb/manifest")" $'\treloc\t' "libb's manifest flags b.pc"
is "$("$out/host/bin/tool-config")" "$out/host" "in output/host, tool-config names output/host"
ok "output/host's b.pc names output/host" grep -qx "prefix=$out/host/x86_64-linux-gnu/sysroot/usr" "$out/host/x86_64-linux-gnu/sysroot/usr/lib/pkgconfig/b.pc"
is "$(stat -c %h "$ppd/pcuser/host/bin/tool-config")" 1 "rewritten files are copies, not hardlinks"

out=$SCRATCH/leak
configure "$out" KILN_PACKAGE_LEAKY=y "# KILN_PPD_STRICT is not set"
msg=$(kiln "$out" 2>&1) || true
like "$msg" "leaky.*target/etc/leaky.conf.*libb" "the leak is reported, naming the package, file and the other package"
configure "$out" KILN_PACKAGE_LEAKY=y KILN_PPD_STRICT=y
nok "in strict mode the leak fails the build" kiln "$out" leaky-reinstall
done_testing
