#!/bin/bash
# The git method: a tag or a commit of a local bare repository, packed
# into a tarball that is byte-identical every time and from any clone
# (so dl-git.hash can pin it).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 13

# A repository whose commits are the same on every run: fixed authors
# and dates, no user or system git configuration.
export GIT_AUTHOR_NAME=Kiln GIT_AUTHOR_EMAIL=kiln@example.invalid
export GIT_COMMITTER_NAME=Kiln GIT_COMMITTER_EMAIL=kiln@example.invalid
export GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
work=$SCRATCH/work
git init -q -b main "$work"
(
	cd "$work"
	printf 'Test license: do what you like.\n' >COPYING
	printf '#!/bin/sh\necho "dl-git says hello"\n' >hello.sh
	chmod 755 hello.sh
	mkdir -p src/sub
	printf 'b\n' >src/b.txt
	printf 'a\n' >src/A.txt
	printf 'z\n' >src/sub/z
	ln -s hello.sh link
	git add -A
	git commit -q -m one
	git tag -a -m v1.0 v1.0
	printf 'later\n' >later.txt
	git add later.txt
	git commit -q -m two
)
commit=$(git -C "$work" rev-parse 'v1.0^{commit}')
# Two different clones: a bare clone, and a mirror of it repacked from
# scratch, so that their object storage differs.
git clone -q --bare "$work" "$SCRATCH/one.git"
git clone -q --mirror "$SCRATCH/one.git" "$SCRATCH/two.git"
git -C "$SCRATCH/two.git" repack -q -a -d -f --depth=5
# The tag moved to the second commit, as an upstream might do.
git clone -q --bare "$work" "$SCRATCH/moved.git"
git -C "$SCRATCH/moved.git" tag -f -a -m moved v1.0 main >/dev/null

out=$SCRATCH/out
configure "$out"
file=$KILN_DL_DIR/dl-git/dl-git-v1.0.tar.gz
pinned=$(awk '$3 == "dl-git-v1.0.tar.gz" { print $2 }' "$EXT/package/dl-git/dl-git.hash")

fetch() {
	rm -rf "$KILN_DL_DIR/dl-git"
	kiln "$out" dl-git-dirclean >/dev/null
	res=$(kiln "$out" dl-git-source "$@" 2>&1) && st=0 || st=$?
}
sum() { sha256sum <"$file" | cut -d' ' -f1; }

fetch DL_GIT_SITE="file://$SCRATCH/one.git"
is "$st" 0 "git download of a tag"
first=$(sum)
is "$first" "$pinned" "the tarball has the hash pinned in dl-git.hash"
listing=$(tar -tvzf "$file")
like "$listing" '^drwxr-xr-x 0/0 +0 2020-01-01 00:00 dl-git-v1\.0/$' "top folder <name>-<version>, owner 0, the commit's date"
unlike "$listing" '/\.git(/|$)' "no .git in the tarball"
is "$(tar -tzf "$file" | tr '\n' ' ')" "dl-git-v1.0/ dl-git-v1.0/COPYING dl-git-v1.0/hello.sh dl-git-v1.0/link dl-git-v1.0/src/ dl-git-v1.0/src/A.txt dl-git-v1.0/src/b.txt dl-git-v1.0/src/sub/ dl-git-v1.0/src/sub/z " "files in C-locale name order"

sleep 1
fetch DL_GIT_SITE="file://$SCRATCH/two.git"
is "$st:$(sum)" "0:$first" "the same tarball again, from another clone, a second later"

fetch DL_GIT_SITE="file://$SCRATCH/one.git" DL_GIT_VERSION="$commit" DL_GIT_SOURCE=dl-git-v1.0.tar.gz
is "$st:$(sum)" "0:$first" "the same tarball from the commit id instead of the tag"

(umask 077 && fetch DL_GIT_SITE="file://$SCRATCH/two.git" && echo "$st" >"$SCRATCH/st")
is "$(cat "$SCRATCH/st"):$(sum)" "0:$first" "the same tarball under another umask"

ok "the license file's hash is checked after extraction" kiln "$out" dl-git-extract DL_GIT_SITE="file://$SCRATCH/one.git"

fetch DL_GIT_SITE="file://$SCRATCH/moved.git"
ok "a tag that moved upstream gives another tarball, which fails" test "$st" -ne 0
like "$res" "dl-git-v1\.0\.tar\.gz from file://$SCRATCH/moved\.git \(git, v1\.0\) has the wrong sha256: expected $pinned, got [0-9a-f]{64}" "the error names the file and both hashes"
ok "and dl/ holds no file" test -z "$(find "$KILN_DL_DIR/dl-git" -type f)"

fetch DL_GIT_SITE="file://$SCRATCH/one.git" DL_GIT_VERSION=v9 DL_GIT_SOURCE=dl-git-v1.0.tar.gz
like "$res" "file://$SCRATCH/one\.git has no tag or commit 'v9': check the package's _VERSION" "an unknown tag is reported as such"
done_testing
