#!/bin/bash
# _SITE_METHOD = local (Buildroot's way to build a source directory):
# the directory in _SITE is copied like an _OVERRIDE_SRCDIR, with no
# download and no hash, for the package and its host variant. A
# _SITE_METHOD that is no method is refused when the package is parsed,
# naming the package and its .mk; local without _SITE too; a _SITE
# that is not a directory fails the extract step with a clear message.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 12

out=$SCRATCH/out
mk=$EXT/package/dl-local/dl-local.mk
configure "$out" KILN_PACKAGE_DL_LOCAL=y KILN_PACKAGE_HOST_DL_LOCAL=y
log=$(kiln "$out" 2>&1) && st=0 || st=$?
is "$st" 0 "a package with _SITE_METHOD = local builds"
is "$(cat "$out/target/usr/share/dl-local/message.txt" 2>&1)" "built: hello from a local source directory" \
	"from the source directory named in _SITE"
is "$(cat "$out/host/share/dl-local/message.txt" 2>&1)" "built: hello from a local source directory" \
	"and so does its host variant"
unlike "$log" "dl-local 1\.0 downloading" "nothing is downloaded"
ok "the download directory has nothing for it" test ! -e "$KILN_DL_DIR/dl-local"
like "$(kiln "$out" -s printvars VARS=HOST_DL_LOCAL_OVERRIDE_SRCDIR)" "^HOST_DL_LOCAL_OVERRIDE_SRCDIR=.*/dl-local/src\$" \
	"the host variant's override is the same directory"

# Refused at parse time, whatever the goal.
msg=$(kiln "$out" DL_LOCAL_SITE_METHOD=svn printvars VARS=NOTHING 2>&1) && st=0 || st=$?
is "$st" 2 "an unknown _SITE_METHOD stops make"
like "$msg" "package dl-local: DL_LOCAL_SITE_METHOD = 'svn' is not a download method: use one of http https file git apt local \(see docs/downloads\.md\) \(in $mk\)" \
	"naming the package, the method, the choices and the .mk"
msg=$(kiln "$out" 'DL_LOCAL_SITE_METHOD=git apt' printvars VARS=NOTHING 2>&1) && st=0 || st=$?
like "$st: $msg" "^2: .*package dl-local: DL_LOCAL_SITE_METHOD = 'git apt' is not a download method" "two methods are refused too"
msg=$(kiln "$out" DL_LOCAL_SITE= printvars VARS=NOTHING 2>&1) && st=0 || st=$?
like "$st: $msg" "^2: .*package dl-local: DL_LOCAL_SITE_METHOD = local needs DL_LOCAL_SITE: the directory that holds the source \(in $mk\)" \
	"local without _SITE is refused"

# A directory that does not exist: the extract step says so.
kiln "$out" dl-local-dirclean >/dev/null
msg=$(kiln "$out" DL_LOCAL_SITE="$SCRATCH/nowhere" dl-local 2>&1) && st=0 || st=$?
ok "a missing source directory fails the build" test "$st" -ne 0
like "$msg" "dl-local: source directory $SCRATCH/nowhere does not exist: fix DL_LOCAL_SITE \(with _SITE_METHOD = local\) or DL_LOCAL_OVERRIDE_SRCDIR in .*/dl-local/dl-local\.mk" \
	"naming the directory, the variables and the .mk"
done_testing
