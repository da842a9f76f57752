#!/bin/bash
# The download layer over http, against a server of our own on
# 127.0.0.1: the order of the sites (primary, upstream, backup),
# KILN_PRIMARY_SITE_ONLY, wrong, truncated and interrupted downloads,
# missing hashes, license-file hashes, external-deps, one shared
# download directory for two builds, and "make source" then a build
# without network.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 60

pkgdir=$TOPDIR/support/testing/ext/package
tarball='dl-http-1.0.tar.gz'
good=0d79f7b54f14c039f1b0e492dadb586a7360f41ae66fc3a570f2a3a01ba7deba

# The server: files under $www; /drop/<path> sends the headers of
# <path> and half its bytes, then closes the connection; /slow/<path>
# waits two seconds first. Each request is logged as "GET <path> <status>".
www=$SCRATCH/www
cat >"$SCRATCH/server.py" <<'PY'
import http.server, os, sys, time
root, portfile, logfile = sys.argv[1:4]

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def log(self, status):
        with open(logfile, "a") as f:
            f.write("GET %s %d\n" % (self.path, status))

    def do_GET(self):
        path, mode = self.path, ""
        for m in ("drop", "slow"):
            if path.startswith("/%s/" % m):
                path, mode = path[len(m) + 1:], m
        name = os.path.join(root, path.lstrip("/"))
        if not os.path.isfile(name):
            self.log(404)
            self.send_error(404)
            return
        data = open(name, "rb").read()
        # Logged before the wait: a test that kills the build once the
        # request is logged then always kills it mid-download.
        self.log(200)
        if mode == "slow":
            time.sleep(2)
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode == "drop":
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
server.serve_forever()
PY
mkdir -p "$www/up" "$www/primary/dl-http" "$www/flat" "$www/empty" "$www/backup" "$www/bad" "$www/trunc"
cp "$pkgdir/dl-http/$tarball" "$www/up/"
cp "$pkgdir/dl-http/$tarball" "$www/up/dl-nohash-1.0.tar.gz"
cp "$pkgdir/dl-http/$tarball" "$www/primary/dl-http/"
cp "$pkgdir/dl-http/$tarball" "$www/flat/"
cp "$pkgdir/dl-http/$tarball" "$www/backup/"
{ cat "$pkgdir/dl-http/$tarball"; echo extra; } >"$www/bad/$tarball"
head -c 100 "$pkgdir/dl-http/$tarball" >"$www/trunc/$tarball"

log=$SCRATCH/access.log
: >"$log"
python3 "$SCRATCH/server.py" "$www" "$SCRATCH/port" "$log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
for _ in $(seq 100); do [ -s "$SCRATCH/port" ] && break; sleep 0.05; done
base=http://127.0.0.1:$(cat "$SCRATCH/port")

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_DL_HTTP=y
dl=$KILN_DL_DIR/dl-http

# fetch ARGS...: a fresh download of dl-http; its output in $res, the
# server's requests of this run in $hits, the exit status in $st.
fetch() {
	rm -rf "$dl"
	kiln "$out" dl-http-dirclean >/dev/null
	: >"$log"
	res=$(kiln "$out" dl-http-source "$@" 2>&1) && st=0 || st=$?
	hits=$(cat "$log")
}
# fails_like REGEX DESC: the last command ($st, $res) failed with a
# line matching REGEX.
fails_like() {
	if [ "$st" -ne 0 ]; then like "$res" "$1" "$2"
	else fail "$2" "it succeeded"; fi
}
# files_in DIR: the files (not folders) under DIR, for "nothing kept".
files_in() { find "$1" -type f 2>/dev/null | sed "s|^$1/||" | sort | tr '\n' ' '; }

# --- The http method and the order of the sites.
fetch DL_HTTP_SITE="$base/up"
is "$st" 0 "http download"
is "$(sha256sum <"$dl/$tarball" | cut -d' ' -f1)" "$good" "the file is in dl/<pkg>/ with its hash"
is "$hits" "GET /up/$tarball 200" "one request to the package's site"
is "$(find "$out/build/dl-http-1.0" -name '.download.*' | wc -l)" 0 "no temporary files left in the build directory"

fetch DL_HTTP_SITE="$base/up" KILN_PRIMARY_SITE="$base/primary"
is "$st" 0 "download from the primary site"
is "$hits" "GET /primary/dl-http/$tarball 200" "the primary site is tried first, <site>/<pkg>/<file>, and upstream is not asked"

fetch DL_HTTP_SITE="$base/up" KILN_PRIMARY_SITE="$base/flat"
is "$(echo "$hits" | tr '\n' ' ')" "GET /flat/dl-http/$tarball 404 GET /flat/$tarball 200 " "a flat primary site (<site>/<file>) works too"

fetch DL_HTTP_SITE="$base/up" KILN_PRIMARY_SITE="$base/empty" KILN_BACKUP_SITE="$base/backup"
is "$st" 0 "primary site without the file"
is "$(echo "$hits" | tr '\n' ' ')" "GET /empty/dl-http/$tarball 404 GET /empty/$tarball 404 GET /up/$tarball 200 " "falls back to upstream, and the backup is not needed"

fetch DL_HTTP_SITE="$base/gone" KILN_PRIMARY_SITE="$base/empty" KILN_BACKUP_SITE="$base/backup"
is "$st" 0 "primary and upstream without the file"
is "$(echo "$hits" | tr '\n' ' ')" "GET /empty/dl-http/$tarball 404 GET /empty/$tarball 404 GET /gone/$tarball 404 GET /backup/$tarball 200 " "falls back to the backup site last"
is "$(sha256sum <"$dl/$tarball" | cut -d' ' -f1)" "$good" "and keeps the right file"

fetch DL_HTTP_SITE="$base/up" KILN_PRIMARY_SITE="$base/empty" KILN_PRIMARY_SITE_ONLY=y KILN_BACKUP_SITE="$base/backup"
ok "KILN_PRIMARY_SITE_ONLY: a file missing from the primary site fails" test "$st" -ne 0
unlike "$hits" "/up/|/backup/" "and neither upstream nor the backup site is asked"
like "$res" "kiln: dl-http: could not download $tarball from any of 2 places" "the error says the file could not be downloaded"
is "$(files_in "$dl")" "" "and dl/ holds no file"

fetch DL_HTTP_SITE="$base/up" KILN_PRIMARY_SITE="$base/primary" KILN_PRIMARY_SITE_ONLY=y
is "$st:$hits" "0:GET /primary/dl-http/$tarball 200" "KILN_PRIMARY_SITE_ONLY with the file on the primary site"

fetch DL_HTTP_SITE="$base/up" KILN_PRIMARY_SITE="file://$www/flat"
is "$st:$hits" "0:" "a file:// primary site, without asking the server"
fetch DL_HTTP_SITE="$base/up" KILN_PRIMARY_SITE="$www/primary/"
is "$st:$hits" "0:" "a primary site given as a directory"

KILN_HTTP_CLIENT=curl fetch DL_HTTP_SITE="$base/gone" KILN_BACKUP_SITE="$base/backup"
is "$st:$(echo "$hits" | tr '\n' ' ')" "0:GET /gone/$tarball 404 GET /backup/$tarball 200 " "the same with curl instead of wget"

# --- Bad downloads: a clear error, and nothing in dl/.
fetch DL_HTTP_SITE="$base/bad"
ok "a wrong file fails" test "$st" -ne 0
like "$res" "kiln: dl-http: $tarball from $base/bad/$tarball has the wrong sha256: expected $good, got [0-9a-f]{64} \(from .*/dl-http\.hash\); the file was not kept" \
	"the error names the package, the file, the expected and the actual hash"
like "$(echo "$res" | tail -n 4)" "could not download $tarball \($base/bad/$tarball: wrong sha256\)" "the summary is among the last lines"
is "$(files_in "$dl")" "" "dl/ holds no file"
is "$(find "$out/build/dl-http-1.0" -name '.download.*' | wc -l)" 0 "and the temporary file is gone"

fetch DL_HTTP_SITE="$base/trunc"
ok "a truncated file fails" test "$st" -ne 0
like "$res" "$tarball from $base/trunc/$tarball has the wrong sha256: expected $good, got $(sha256sum <"$www/trunc/$tarball" | cut -d' ' -f1)" "with the expected and actual hash"
is "$(files_in "$dl")" "" "dl/ holds no file"

fetch DL_HTTP_SITE="$base/drop/up"
ok "a connection dropped halfway fails" test "$st" -ne 0
like "$res" "closed before the end of the file" "the error says the transfer was cut (wget)"
like "$res" "kiln: dl-http: could not download $tarball \($base/drop/up/$tarball: download failed\)" "and names the file"
is "$(files_in "$dl")" "" "dl/ holds no file"

KILN_HTTP_CLIENT=curl fetch DL_HTTP_SITE="$base/drop/up"
ok "the same with curl" test "$st" -ne 0
like "$res" "transfer interrupted \(curl exit 18\)" "curl's reason is shown"
is "$(files_in "$dl")" "" "dl/ holds no file"

fetch DL_HTTP_SITE="$base/drop/up" KILN_BACKUP_SITE="$base/backup"
is "$st" 0 "an interrupted download falls back to the next site"

# A build killed in the middle of a download (Ctrl-C, a CI timeout).
rm -rf "$dl"
kiln "$out" dl-http-dirclean >/dev/null
: >"$log"
setsid make -C "$TOPDIR" O="$out" KILN_EXTERNAL="$EXT" dl-http-source DL_HTTP_SITE="$base/slow/up" >/dev/null 2>&1 &
victim=$!
for _ in $(seq 100); do [ -s "$log" ] && break; sleep 0.05; done
kill -TERM -- "-$victim"
wait "$victim" || true
sleep 0.5
is "$(files_in "$dl")" "" "a build killed during the download leaves no file in dl/"
is "$(find "$out/build/dl-http-1.0" -name '.download.*' | wc -l)" 0 "nor its temporary file"

rm -rf "$KILN_DL_DIR/dl-nohash"
res=$(kiln "$out" dl-nohash-source DL_NOHASH_SITE="$base/up" 2>&1) && st=0 || st=$?
ok "a file without a hash line fails" test "$st" -ne 0
like "$res" "kiln: dl-nohash: no sha256 for dl-nohash-1.0.tar.gz in .*/dl-nohash\.hash; the file from $base/up/dl-nohash-1.0.tar.gz has sha256 $good; .*add the line: sha256 $good dl-nohash-1.0.tar.gz" \
	"the error names the file and the line to add"
is "$(files_in "$KILN_DL_DIR/dl-nohash")" "" "dl/ holds no file"

# A damaged file already in dl/ is replaced, not used.
fetch DL_HTTP_SITE="$base/up"
echo garbage >"$dl/$tarball"
kiln "$out" dl-http-dirclean >/dev/null
: >"$log"
res=$(kiln "$out" dl-http-source DL_HTTP_SITE="$base/up" 2>&1) && st=0 || st=$?
like "$(cat "$out/build/dl-http-1.0/.logs/download.log")" "has sha256 [0-9a-f]+, expected $good .*removing it and downloading again" "a damaged file in dl/ is noticed"
is "$st:$(sha256sum <"$dl/$tarball" | cut -d' ' -f1)" "0:$good" "and replaced by a good one"
kiln "$out" dl-http-dirclean >/dev/null
: >"$log"
kiln "$out" dl-http-source DL_HTTP_SITE="$base/up" >/dev/null 2>&1
is "$(cat "$log")" "" "a good file in dl/ is used without asking the network"

# --- License files, checked after extraction.
res=$(kiln "$out" dl-license-extract 2>&1) && st=0 || st=$?
ok "a license file with the wrong hash fails the extract step" test "$st" -ne 0
like "$res" "kiln: dl-license: license file COPYING has the wrong sha256: expected 0{64}, got 4f46d52c[0-9a-f]{56}" "the error names the file and both hashes"
kiln "$out" dl-license-dirclean >/dev/null
res=$(kiln "$out" dl-license-extract DL_LICENSE_LICENSE_FILES=README 2>&1) && st=0 || st=$?
fails_like "kiln: dl-license: no sha256 for license file README in .*dl-license\.hash; read the license, then add the line: sha256 0378767b[0-9a-f]{56} README" "a license file without a hash line fails"
kiln "$out" dl-license-dirclean >/dev/null
res=$(kiln "$out" dl-license-extract DL_LICENSE_LICENSE_FILES=NOPE 2>&1) && st=0 || st=$?
fails_like "license file NOPE \(in _LICENSE_FILES\) is not in the source" "a license file missing from the source fails"
kiln "$out" dl-license-dirclean >/dev/null
ok "a local override needs no license hashes" kiln "$out" dl-license-extract DL_LICENSE_OVERRIDE_SRCDIR="$SCRATCH/www" DL_LICENSE_LICENSE_FILES=NOPE

# --- external-deps lists the files of the configuration.
configure "$out" KILN_PACKAGE_DL_HTTP=y KILN_PACKAGE_DL_GIT=y KILN_PACKAGE_APPA=y KILN_PACKAGE_SRCPKG=y
is "$(kiln "$out" external-deps | tr '\n' ' ')" "dl-git/dl-git-v1.0.tar.gz dl-http/$tarball srcpkg/srcpkg-1.0.tar.gz " "external-deps lists <pkg>/<file> of the packages that download"
: >"$log"
kiln "$out" external-deps >/dev/null
is "$(cat "$log")" "" "and downloads nothing"

# --- Two builds, one download directory: each file is fetched once.
export KILN_DL_DIR=$SCRATCH/dl-shared
configure "$SCRATCH/a" KILN_PACKAGE_DL_HTTP=y
configure "$SCRATCH/b" KILN_PACKAGE_DL_HTTP=y
# The C helpers are shared by both output directories (KILN_TOOLS_DIR):
# built first, so that only the downloads run side by side.
# (show-targets: "kiln-tools" alone skips the configuration, and with
# it the rule that builds them.)
kiln "$SCRATCH/a" kiln-tools show-targets >/dev/null
: >"$log"
kiln "$SCRATCH/a" DL_HTTP_SITE="$base/slow/up" >"$SCRATCH/a.out" 2>&1 & a=$!
kiln "$SCRATCH/b" DL_HTTP_SITE="$base/slow/up" >"$SCRATCH/b.out" 2>&1 & b=$!
wait "$a" && sa=0 || sa=$?
wait "$b" && sb=0 || sb=$?
is "$sa:$sb" "0:0" "two builds sharing KILN_DL_DIR, at the same time"
is "$(cat "$log")" "GET /slow/up/$tarball 200" "downloaded the file once"
like "$(cat "$SCRATCH/a/build/dl-http-1.0/.logs/download.log" "$SCRATCH/b/build/dl-http-1.0/.logs/download.log")" \
	"is already in .*, sha256 ok" "the other build used the first one's file"
is "$("$SCRATCH/a/target/usr/bin/dl-http-hello") $("$SCRATCH/b/target/usr/bin/dl-http-hello")" "dl-http says hello dl-http says hello" "and both builds have the package"

# --- make source, then a build without network.
export KILN_DL_DIR=$SCRATCH/dl-offline
# A network namespace of its own: root may make one; any other user
# needs a user namespace too, where it is root (the image's fakeroot
# chowns to 0, which must be mapped).
offline=(unshare --net)
[ "$(id -u)" -eq 0 ] || offline=(unshare --map-root-user --net)
off=$SCRATCH/offline
configure "$off" KILN_PACKAGE_DL_HTTP=y KILN_PACKAGE_APPA=y
res=$("${offline[@]}" make -C "$TOPDIR" O="$off" KILN_EXTERNAL="$EXT" DL_HTTP_SITE="$base/up" 2>&1) && st=0 || st=$?
fails_like "kiln: dl-http: could not download $tarball" "without network and downloads, the build fails at the download"
rm -rf "$off"
configure "$off" KILN_PACKAGE_DL_HTTP=y KILN_PACKAGE_APPA=y
ok "make source" kiln "$off" source DL_HTTP_SITE="$base/up"
ok "fetched what the configuration needs" test -f "$KILN_DL_DIR/dl-http/$tarball"
ok "then the build succeeds without network (unshare --net)" "${offline[@]}" make -C "$TOPDIR" O="$off" KILN_EXTERNAL="$EXT" DL_HTTP_SITE="$base/up"
configure "$SCRATCH/offline2" KILN_PACKAGE_DL_HTTP=y KILN_PACKAGE_APPA=y
ok "and so does a fresh output directory sharing the downloads" "${offline[@]}" make -C "$TOPDIR" O="$SCRATCH/offline2" KILN_EXTERNAL="$EXT" DL_HTTP_SITE="$base/up"
done_testing
