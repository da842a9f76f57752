#!/bin/bash
# The configuration hash (docs/incremental.md): make rebuilds exactly the
# packages whose inputs changed (a new patch, an option of their own, an
# edited .mk), then their dependents when their output changed, and
# nothing downstream when a rebuild gives the same output (hash
# equivalence); reverting brings back the same files and the same hash;
# <pkg>-show-hash says why; show-info carries the hash.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 42

# A copy of the test tree, whose packages the test edits.
cp -R "$EXT" "$SCRATCH/ext"
EXT=$SCRATCH/ext
RBLIB=$EXT/package/rb-lib
out=$SCRATCH/out
log=$out/build/build-time.log
config() { configure "$out" KILN_PACKAGE_RB_APP=y KILN_PACKAGE_RB_LEAF=y "$@"; }
mark() { wc -l <"$log"; }
# The packages whose step $2 ran since line $1 of build-time.log, sorted.
ran() { tail -n +"$(($1 + 1))" "$log" | awk -v s="$2" '$2 == s { print $1 }' | sort -u | paste -sd ' ' -; }
hash_of() { cat "$out/build/$1-1.0/.kiln-hash"; }

config
ok "first build" kiln "$out"
h_lib=$(hash_of rb-lib)
h_app=$(hash_of rb-app)
h_leaf=$(hash_of rb-leaf)
d0=$(tree_digest "$out/target")
like "$h_lib" '^[0-9a-f]{64}$' "rb-lib has a sha256 configuration hash"
n=$(mark)
ok "no-op make" kiln "$out"
is "$(mark)" "$n" "a no-op make runs no step"

# A new patch for the library: it and its dependent, not rb-leaf.
cat >"$RBLIB/0001-second-function.patch" <<'PATCH'
--- a/rl.c
+++ b/rl.c
@@ -1 +1,2 @@
 int rl_answer(void) { return 42; }
+int rl_patched(void) { return 1; }
PATCH
show=$(kiln "$out" rb-lib-show-hash)
like "$show" '^the next make rebuilds rb-lib: ' "show-hash: the next make rebuilds rb-lib"
like "$show" '^  \+ file KILN_EXTERNAL_KILN_TESTING_PATH/package/rb-lib/0001-second-function.patch [0-9a-f]{64}$' \
	"show-hash names the new patch, with its hash"
n=$(mark)
ok "make after a new patch" kiln "$out"
is "$(ran "$n" configure)" "rb-app rb-lib" "a new patch rebuilds rb-lib and rb-app, not rb-leaf"
is "$(ran "$n" extract)" "rb-app rb-lib" "both from clean sources"
ok "the patch was applied" grep -q rl_patched "$out/build/rb-lib-1.0/rl.c"
h_patched=$(hash_of rb-lib)
ok "rb-lib's hash changed" test "$h_patched" != "$h_lib"
ok "rb-app's hash changed (rb-lib's output did)" test "$(hash_of rb-app)" != "$h_app"
show=$(kiln "$out" rb-lib-show-hash)
like "$show" "^rb-lib: configuration hash $h_patched\$" "show-hash prints the hash"
like "$show" '^recorded at the last build: [0-9a-f]{64} \(the same\)$' "show-hash: the same as recorded"
like "$show" '^the next make: nothing to do for rb-lib$' "show-hash: nothing to do"
like "$show" '^  dep toolchain [0-9a-f]{64}$' "show-hash lists the closure's outputs"
info=$(kiln "$out" show-info)
is "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["rb-lib"]["config_hash"])' <<<"$info")" "$h_patched" \
	"show-info's config_hash is rb-lib's hash"

# Reverting: the earlier files and hashes.
rm "$RBLIB/0001-second-function.patch"
n=$(mark)
ok "make after removing the patch" kiln "$out"
is "$(ran "$n" configure)" "rb-app rb-lib" "removing the patch rebuilds rb-lib and rb-app"
is "$(hash_of rb-lib) $(hash_of rb-app)" "$h_lib $h_app" "the hashes are the earlier ones"
is "$(tree_digest "$out/target")" "$d0" "output/target is the earlier one, file for file"

# An option of rb-leaf's own: rb-leaf only; and back.
config KILN_PACKAGE_RB_LEAF_GREETING='"bonjour"'
n=$(mark)
ok "make after changing KILN_PACKAGE_RB_LEAF_GREETING" kiln "$out"
is "$(ran "$n" configure)" "rb-leaf" "changing rb-leaf's own option rebuilds rb-leaf only"
is "$(cat "$out/target/etc/rb-leaf")" bonjour "with the new value"
config
n=$(mark)
ok "make after changing it back" kiln "$out"
is "$(ran "$n" configure)" "rb-leaf" "changing it back rebuilds rb-leaf only"
is "$(hash_of rb-leaf)" "$h_leaf" "rb-leaf's hash is the earlier one"
is "$(tree_digest "$out/target")" "$d0" "output/target is the earlier one again"

# An edited .mk rebuilds its package; the output is the same, so
# rb-app is not rebuilt (hash equivalence).
echo '# an edit' >>"$RBLIB/rb-lib.mk"
n=$(mark)
ok "make after editing rb-lib.mk" kiln "$out"
is "$(ran "$n" configure)" "rb-lib" "an edited rb-lib.mk rebuilds rb-lib; the same output rebuilds nothing downstream"

# <pkg>-rebuild with the same output: nothing downstream at the next make.
n=$(mark)
ok "rb-lib-rebuild" kiln "$out" rb-lib-rebuild
ok "make" kiln "$out"
is "$(ran "$n" build)" "rb-lib" "a rebuild with the same output does not rebuild rb-app"

# <pkg>-rebuild with a new output: rb-app at the next make.
n=$(mark)
ok "rb-lib-rebuild with a new output" kiln "$out" rb-lib-rebuild RB_LIB_MESSAGE=rl-two
ok "make" kiln "$out"
is "$(ran "$n" build)" "rb-app rb-lib" "a rebuild with a new output rebuilds rb-app at the next make"
is "$(cat "$out/target/usr/share/rb-app/built")" rl-two "rb-app was built against rb-lib's new output"

n=$(mark)
ok "no-op make after all that" kiln "$out"
is "$(mark)" "$n" "it runs no step"

# The hashes and output digests do not depend on the output directory
# (rl.pc holds the per-package path): the key of a shared cache.
ok "rb-lib-rebuild with the first output, then make" kiln "$out" rb-lib-rebuild all
out2=$SCRATCH/elsewhere/out2
configure "$out2" KILN_PACKAGE_RB_APP=y KILN_PACKAGE_RB_LEAF=y
ok "the same configuration in another output directory" kiln "$out2"
is "$(cat "$out2"/build/rb-*-1.0/.kiln-hash "$out2"/build/rb-*-1.0/.kiln-output)" \
	"$(cat "$out"/build/rb-*-1.0/.kiln-hash "$out"/build/rb-*-1.0/.kiln-output)" \
	"the same hashes and output digests in another output directory"
done_testing
