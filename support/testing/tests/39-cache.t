#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The artifact cache (docs/cache.md): a build stores its packages; a
# fresh output directory at another path restores them, the same as a
# build there (output/target, manifests, per-package directories,
# records); a corrupt or truncated entry is a warning and a build;
# concurrent writers leave whole entries; an nginx (WebDAV PUT) on
# 127.0.0.1 is written and read, and left alone in read-only mode;
# cache-stats counts, cache-clean clears by age and size.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 74

export KILN_CACHE=y KILN_CACHE_DIR=$SCRATCH/cache
unset KILN_CACHE_URL KILN_CACHE_URL_READONLY
CACHE_TOOL=$TOPDIR/support/scripts/kiln-cache
lines=(KILN_PACKAGE_RB_APP=y)
config() { configure "$1" "${lines[@]}"; }
# The packages whose step $2 ran in output directory $1, sorted.
ran() { awk -v s="$2" '$2 == s { print $1 }' "$1/build/build-time.log" | sort -u | paste -sd ' ' -; }
entry_of() { local k; k=$(sed -n 's/^[0-9]* store \([^ ]*\) \([0-9a-f]*\)$/\1 \2/p' "$KILN_CACHE_DIR/stats.log" | awk -v p="$1" '$1 == p { print $2 }' | tail -n 1); echo "$KILN_CACHE_DIR/${k:0:2}/$k.kiln-cache"; }
digests() { # what must be the same in a restored and a built output directory
	local o=$1 p
	tree_digest "$o/target"
	for p in toolchain rb-lib rb-app; do
		echo "== $p"
		cat "$o/per-package/$p/manifest" "$o/build/$p-1.0/.kiln-hash" "$o/build/$p-1.0/.kiln-output" 2>/dev/null ||
			cat "$o/per-package/$p/manifest" "$o/build/$p/.kiln-hash" "$o/build/$p/.kiln-output"
		# What is on disk for each file of the manifest (one sha256sum:
		# the toolchain's tree is thousands of files), and the target tree.
		awk -F '\t' '$1 == "f" { print $6 }' "$o/per-package/$p/manifest" |
			(cd "$o/per-package/$p" && xargs -r -d '\n' sha256sum)
		tree_digest "$o/per-package/$p/target"
	done
}

# 1. A cold build stores every package.
o1=$SCRATCH/out1
config "$o1"
ok "cold build with an empty cache" kiln "$o1"
n=$(find "$KILN_CACHE_DIR" -name '*.kiln-cache' | wc -l)
is "$n" 2 "two entries stored (rb-lib, rb-app; never the toolchain, TOOLCHAIN_ARTIFACT_CACHE = NO)"
ok "every entry checks" "$CACHE_TOOL" verify "$KILN_CACHE_DIR"/*/*.kiln-cache
is "$(ran "$o1" restore)" "" "nothing restored into an empty cache's build"
# The misses, found without a Python start (kiln-cache-lookup), are
# logged in the output directory's log as in the cache's.
is "$(awk '$2 == "miss" { print $3 }' "$o1/build/cache.log" | sort | paste -sd ' ' -)" "rb-app rb-lib" \
	"the output directory's cache log: a miss for rb-lib and rb-app"

# 2. A fresh output directory elsewhere (another path, another length):
# everything restored, nothing built, the progress line says so.
o2=$SCRATCH/elsewhere/deeper/out2
config "$o2"
out=$(kiln "$o2" 2>&1)
ok "build from the warm cache" test -f "$o2/images/rootfs.tar"
like "$out" '^\[2/3\] rb-lib 1\.0 restored from cache$' "the progress line says rb-lib was restored"
like "$out" '^\[3/3\] rb-app 1\.0 restored from cache$' "and rb-app"
is "$(ran "$o2" restore)" "rb-app rb-lib" "both restored"
is "$(ran "$o2" download) / $(ran "$o2" configure) / $(ran "$o2" build)" "toolchain / toolchain / toolchain" \
	"no download, configure or build step ran but the toolchain's (imported, not cached)"
is "$(tree_digest "$o2/target")" "$(tree_digest "$o1/target")" "output/target is the built one's, file for file"
ok "the restored rl.pc holds this output directory's staging path" \
	grep -qF "prefix=$o2/per-package/rb-lib/host/" "$o2/per-package/rb-lib/host/x86_64-linux-gnu/sysroot/usr/lib/pkgconfig/rl.pc"
ok "the restored manifest still flags it reloc" grep -qP '\treloc\thost/x86_64-linux-gnu/sysroot/usr/lib/pkgconfig/rl.pc$' "$o2/per-package/rb-lib/manifest"
steps=$(wc -l <"$o2/build/build-time.log")
ok "no-op make after a restore" kiln "$o2"
is "$(wc -l <"$o2/build/build-time.log")" "$steps" "and it runs no step"
d_restored=$(digests "$o2")
is "$(awk '{print $2}' "$o2/build/cache.log" | sort | uniq -c | awk '{print $2"="$1}' | paste -sd ' ' -)" "hit=2" \
	"the output directory's cache log: 2 hits"
stats=$(kiln "$o2" cache-stats)
like "$stats" '^this output directory: hits: 2, misses: 0, stored: 0, unusable entries: 0$' "cache-stats: this directory's hits and misses"
like "$stats" '^every build using this cache: hits: 2, misses: 2, stored: 2, unusable entries: 0$' "cache-stats: the cache's"
like "$stats" '^entries: 2, size: [0-9.]+ MiB \([0-9]+ bytes, compressed\)$' "cache-stats: the size, in MiB and bytes"

# The same directory built without the cache: indistinguishable.
"$KILN_RM_TREE" "$o2"
config "$o2"
ok "the same output directory built cold" env KILN_CACHE=n make --no-print-directory -C "$TOPDIR" O="$o2" KILN_EXTERNAL="$EXT"
is "$(ran "$o2" restore)" "" "(without the cache: nothing restored)"
d_built=$(digests "$o2")
if [ "$d_built" = "$d_restored" ]; then pass "restored and built: the same manifests, records, per-package trees and output/target"
else fail "restored and built: the same manifests, records, per-package trees and output/target" \
	"$(diff <(echo "$d_built") <(echo "$d_restored") | head -n 8)"; fi

# 3. A corrupt entry: a warning naming the package and the entry, then
# a build; its dependent, whose key is unchanged, is still restored
# and built against the rebuilt library the same way.
e_lib=$(entry_of rb-lib)
ok "rb-lib's entry exists" test -f "$e_lib"
size=$(stat -c %s "$e_lib")
printf 'X' | dd of="$e_lib" bs=1 seek=$((size / 2)) conv=notrunc status=none
o3=$SCRATCH/out3
config "$o3"
out=$(kiln "$o3" 2>&1)
ok "build with a corrupt entry" test -f "$o3/images/rootfs.tar"
like "$out" "^kiln: warning: rb-lib: the cache entry $e_lib is unusable: .*sha256.*; building rb-lib instead" \
	"the warning names the package and the entry"
is "$(ran "$o3" configure)" "rb-lib toolchain" "rb-lib is built (and the toolchain, never cached)"
is "$(ran "$o3" restore)" "rb-app" "rb-app restored"
is "$(tree_digest "$o3/target")" "$(tree_digest "$o1/target")" "output/target is the same"
ok "the rebuilt rb-lib stored a whole entry again" "$CACHE_TOOL" verify "$e_lib"

# 4. A truncated entry.
e_app=$(entry_of rb-app)
truncate -s $(($(stat -c %s "$e_app") / 2)) "$e_app"
o4=$SCRATCH/out4
config "$o4"
out=$(kiln "$o4" 2>&1)
ok "build with a truncated entry" test -f "$o4/images/rootfs.tar"
like "$out" "^kiln: warning: rb-app: the cache entry $e_app is unusable: .*truncated or corrupt" "a warning naming rb-app and the entry"
is "$(ran "$o4" configure)" "rb-app toolchain" "rb-app is built, nothing else (but the toolchain)"
is "$(tree_digest "$o4/target")" "$(tree_digest "$o1/target")" "output/target is the same"

# 5. Concurrent writers of one entry: a reader never sees half of one.
# Three rounds of four writers started together on an empty cache (each
# finds no entry, so each writes it), and a reader checking what it sees.
export KILN_CACHE_DIR=$SCRATCH/cache-race
bad=0 seen=0
for _ in 1 2 3; do
	"$KILN_RM_TREE" "$KILN_CACHE_DIR"
	for w in 1 2 3 4; do
		"$CACHE_TOOL" store --pkg rb-lib --dir "$o1/build/rb-lib-1.0" --root "$o1/per-package" --base "$o1" \
			2>>"$SCRATCH/race.err" &
		pids[w]=$!
	done
	while kill -0 "${pids[@]}" 2>/dev/null; do
		for f in "$KILN_CACHE_DIR"/??/*.kiln-cache; do
			[ -f "$f" ] || continue
			seen=$((seen + 1))
			"$CACHE_TOOL" verify "$f" >/dev/null 2>&1 || bad=$((bad + 1))
		done
	done
	wait "${pids[@]}"
done
is "$bad" 0 "four concurrent writers: every entry a reader found was whole (read $seen times)"
is "$(cat "$SCRATCH/race.err")" "" "no writer failed"
like "$(grep -c ' store rb-lib ' "$KILN_CACHE_DIR/stats.log")" '^[1-4]$' "the last round's writers stored it (some may find it there)"
ok "the entry checks" "$CACHE_TOOL" verify "$KILN_CACHE_DIR"/??/*.kiln-cache
is "$(find "$KILN_CACHE_DIR" -name '.put-*' -o -name '.info-*' | wc -l)" 0 "no temporary file left"

# 6. HTTP: nginx with WebDAV PUT, unprivileged, on a free port.
ngx=$SCRATCH/nginx
mkdir -p "$ngx/www/cache" "$ngx/tmp" "$ngx/logs"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$ngx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $ngx/nginx.pid;
error_log $ngx/logs/error.log;
events { worker_connections 64; }
http {
	access_log $ngx/logs/access.log;
	client_body_temp_path $ngx/tmp/body;
	proxy_temp_path $ngx/tmp/proxy;
	fastcgi_temp_path $ngx/tmp/fastcgi;
	uwsgi_temp_path $ngx/tmp/uwsgi;
	scgi_temp_path $ngx/tmp/scgi;
	server {
		listen 127.0.0.1:$port;
		root $ngx/www;
		client_max_body_size 0;
		location /cache/ { dav_methods PUT; create_full_put_path on; dav_access user:rw group:r all:r; }
		location /ro/ { alias $ngx/www/cache/; limit_except GET { deny all; } }
	}
}
EOF
/usr/sbin/nginx -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/logs/error.log" &
ngx_pid=$!
trap 'kill "$ngx_pid" 2>/dev/null; "$KILN_RM_TREE" "$SCRATCH"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
ok "nginx answers on 127.0.0.1:$port" curl -s -o /dev/null "http://127.0.0.1:$port/"

export KILN_CACHE_URL=http://127.0.0.1:$port/cache
export KILN_CACHE_DIR=$SCRATCH/cache-h1
o5=$SCRATCH/out5
config "$o5"
ok "cold build writing to the server" kiln "$o5"
is "$(grep -c '"PUT /cache/.*\.kiln-cache HTTP/1\.1" 20[14] ' "$ngx/logs/access.log")" 2 "two entries PUT"
ok "the server's entries check" "$CACHE_TOOL" verify "$ngx/www/cache"/*/*.kiln-cache

export KILN_CACHE_DIR=$SCRATCH/cache-h2
o6=$SCRATCH/out6
config "$o6"
out=$(kiln "$o6" 2>&1)
ok "build from the server, with an empty local cache" test -f "$o6/images/rootfs.tar"
like "$out" 'rb-app 1\.0 restored from cache$' "rb-app restored"
is "$(ran "$o6" restore)" "rb-app rb-lib" "everything restored"
is "$(grep -c '"GET /cache/.*\.kiln-cache HTTP/1\.1" 200 ' "$ngx/logs/access.log")" 2 "two entries read with GET"
is "$(tree_digest "$o6/target")" "$(tree_digest "$o1/target")" "output/target is the same"
is "$(find "$KILN_CACHE_DIR" -name '*.kiln-cache' | wc -l)" 2 "what was read is kept locally"

# Read-only: a package the server lacks is built, stored locally, not PUT.
export KILN_CACHE_URL_READONLY=y KILN_CACHE_DIR=$SCRATCH/cache-h3
puts=$(grep -c '"PUT ' "$ngx/logs/access.log")
lines=(KILN_PACKAGE_RB_APP=y KILN_PACKAGE_RB_LEAF=y)
o7=$SCRATCH/out7
config "$o7"
ok "read-only build" kiln "$o7"
is "$(ran "$o7" configure)" "rb-leaf toolchain" "rb-leaf (not on the server) built, the rest restored"
is "$(grep -c '"PUT ' "$ngx/logs/access.log")" "$puts" "read-only: nothing PUT"
ok "rb-leaf stored locally" grep -q ' store rb-leaf ' "$KILN_CACHE_DIR/stats.log"
# A server that refuses PUT, with the read-only setting off ("no", as
# KILN_CACHE takes it): a warning.
export KILN_CACHE_URL_READONLY=no
export KILN_CACHE_URL=http://127.0.0.1:$port/ro KILN_CACHE_DIR=$SCRATCH/cache-h4
lines=(KILN_PACKAGE_RB_APP=y KILN_PACKAGE_RB_LEAF=y 'KILN_PACKAGE_RB_LEAF_GREETING="hej"')
o8=$SCRATCH/out8
config "$o8"
out=$(kiln "$o8" 2>&1)
ok "a build whose PUT is refused succeeds" test -f "$o8/images/rootfs.tar"
like "$out" '^kiln: warning: rb-leaf: PUT http://127\.0\.0\.1:[0-9]+/ro/.* failed: .*KILN_CACHE_URL_READONLY=y' "and warns, naming the package and the URL"
unset KILN_CACHE_URL KILN_CACHE_URL_READONLY

# A local cache that cannot be made (a file where its parent should be;
# so for root too): the lookup misses, the build goes on, and the store
# warns as docs/cache.md says, naming the package and the directory.
: >"$SCRATCH/not-a-dir"
lines=(KILN_PACKAGE_RB_LEAF=y)
o10=$SCRATCH/out10
config "$o10"
out=$(KILN_CACHE_DIR=$SCRATCH/not-a-dir/cache kiln "$o10" 2>&1)
ok "a build with an unusable cache directory succeeds" test -f "$o10/images/rootfs.tar"
ok "and the store's warning names the package and the directory" grep -qF -- \
	"kiln: warning: rb-leaf: storing it in the cache $(realpath -s -m "$SCRATCH/not-a-dir/cache") failed: " <<<"$out"

# 6b. A restored package has no sources: rebuilding it downloads and
# builds it; its dependent, restored too, follows its new output from
# its download, and is restored again once the output is back.
export KILN_CACHE_DIR=$SCRATCH/cache
lines=(KILN_PACKAGE_RB_APP=y)
o9=$SCRATCH/out9
config "$o9"
ok "a build restored from the cache" kiln "$o9"
is "$(ran "$o9" restore)" "rb-app rb-lib" "(everything restored)"
ok "rb-lib-rebuild of the restored rb-lib, with another output" kiln "$o9" rb-lib-rebuild RB_LIB_MESSAGE=rl-two
is "$(ran "$o9" build)" "rb-lib toolchain" "rb-lib was built"
ok "make after it" kiln "$o9" RB_LIB_MESSAGE=rl-two
is "$(ran "$o9" build)" "rb-app rb-lib toolchain" "the restored rb-app was built against the new rb-lib"
is "$(cat "$o9/target/usr/share/rb-app/built")" rl-two "with its new output"
ok "rb-lib-rebuild with the first output" kiln "$o9" rb-lib-rebuild
out=$(kiln "$o9" 2>&1)
like "$out" '^\[3/3\] rb-app 1\.0 restored from cache$' "rb-app's first output is restored again"
is "$(cat "$o9/target/usr/share/rb-app/built")" rl-one "the first output"
is "$(tree_digest "$o9/target")" "$(tree_digest "$o1/target")" "output/target is the first build's"

# 7. cache-clean, by age then by size, then everything.
export KILN_CACHE_DIR=$SCRATCH/cache
touch -d '10 days ago' "$(entry_of rb-lib)"
out=$(kiln "$o1" cache-clean KILN_CACHE_MAX_AGE=5)
like "$out" '^cache-clean: removed 1 entries' "KILN_CACHE_MAX_AGE=5 removes the entry unused for 10 days"
ok "rb-lib's entry is gone" test ! -e "$(entry_of rb-lib)"
# By size: the entries get used one minute apart, oldest first; a limit
# half an entry below their total removes the least recently used one.
mapfile -t left < <(find "$KILN_CACHE_DIR" -name '*.kiln-cache' | sort)
i=${#left[@]}
for e in "${left[@]}"; do touch -d "$i minutes ago" "$e"; i=$((i - 1)); done
limit=$(stat -c %s "${left[@]}" | awk 'NR == 1 { first = $1 } { t += $1 } END { printf "%.6f", (t - first / 2) / 1048576 }')
out=$(kiln "$o1" cache-clean KILN_CACHE_MAX_SIZE="$limit")
like "$out" "^cache-clean: removed 1 entries .* $((${#left[@]} - 1)) left" \
	"KILN_CACHE_MAX_SIZE=$limit MiB (half an entry below the total of ${#left[@]}) removes one entry"
ok "the least recently used one" test ! -e "${left[0]}" -a -e "${left[-1]}"
out=$(kiln "$o1" cache-clean)
like "$out" "^cache-clean: removed $((${#left[@]} - 1)) entries .* 0 left" "cache-clean alone removes every entry"
out=$(kiln "$o1" cache-clean KILN_CACHE_MAX_AGE=old 2>&1) && st=0 || st=$?
is "$st" 2 "a bad KILN_CACHE_MAX_AGE is refused"
like "$out" "KILN_CACHE_MAX_AGE='old' is not a number >= 0" "the message names the variable as it was set"

done_testing
