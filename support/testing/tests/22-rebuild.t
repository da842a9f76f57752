#!/bin/bash
# (f) Rebuild a dependency, then make: output/target holds the new file,
#     never a stale copy from a dependent's directory.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 5

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y
ok "first build" kiln "$out"
is "$(cat "$out/target/etc/b.conf")" libb-one "target has libb's first file"
ok "libb-rebuild with new content" kiln "$out" libb-rebuild LIBB_MESSAGE=libb-two
ok "make" kiln "$out"
is "$(cat "$out/target/etc/b.conf")" libb-two "target has libb's new file, not appa's stale copy"
done_testing
