// SPDX-License-Identifier: GPL-2.0-or-later
/* End-to-end tests of kiln-rpath: a temporary per-package root with ELF
 * files built by cc, manifests written here, the fixer run in-process
 * (rpath_main) with stdout/stderr captured, patchelf through a counting
 * shim. */
#include "tap.h"
#include "util.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/manifest.h"
#include "../lib/sha256.h"
#include "../rpath/rpath.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmp[512], root[600], shim[700], counter[700], src[700];
static struct kbuf out, err;

/* kiln-rpath with the NULL-terminated arguments, after --root ROOT. */
static int run(const char *pkg, ...)
{
	char *argv[64] = {"kiln-rpath", "--root", root, "--pkg", (char *)pkg, "--patchelf", shim};
	va_list ap;
	va_start(ap, pkg);
	int argc = t_argv(argv, 7, 64, ap);
	va_end(ap);
	int rc = t_capture(rpath_main, argc, argv, tmp, &out, &err);
	if (err.len)
		tap_diag("stderr: %s", err.p);
	return rc;
}

static int has_err(const char *s)
{
	return err.p && strstr(err.p, s);
}

static int has_out(const char *s)
{
	return out.p && strstr(out.p, s);
}

/* patchelf calls through the shim since the last reset */
static int calls(void)
{
	struct stat st;
	return stat(counter, &st) == 0 ? (int)st.st_size : 0;
}

static void reset_calls(void)
{
	unlink(counter);
}

static char *P(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *P(const char *fmt, ...)
{
	static char bufs[8][2048];
	static int k;
	char *b = bufs[k++ % 8];
	int n = snprintf(b, 2048, "%s/", root);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b + n, 2048 - (size_t)n, fmt, ap);
	va_end(ap);
	return b;
}

/* Writes ROOT/pkg/manifest listing the given files (sorted here). */
static void manifest(const char *pkg, const char *closure, const char *const *files)
{
	struct kiln_manifest m;
	memset(&m, 0, sizeof m);
	m.package = pkg;
	char *cl = kiln_xstrndup(closure, strlen(closure));
	const char *names[16];
	size_t nn = 0;
	for (char *t = strtok(cl, " "); t && nn < 16; t = strtok(NULL, " "))
		names[nn++] = t;
	m.closure = names;
	m.nclosure = nn;
	struct kbuf b = {0};
	for (size_t i = 0; files[i]; i++) {
		struct stat st;
		char *full = P("%s/%s", pkg, files[i]);
		kiln_read_file_at(AT_FDCWD, full, &b, &st);
		struct kiln_entry *e = kiln_manifest_add(&m);
		e->type = 'f';
		e->mode = st.st_mode & 07777;
		e->size = b.len;
		kiln_sha256(b.p, b.len, e->sha);
		e->path = files[i];
		e->plen = strlen(files[i]);
	}
	kiln_manifest_sort(&m);
	struct kbuf text = {0};
	kiln_manifest_write(&m, &text);
	int fd = open(P("%s/manifest", pkg), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	kiln_write_all(fd, text.p, text.len);
	close(fd);
	kbuf_free(&text);
	kbuf_free(&b);
	free(m.ent);
	free(cl);
}

/* 1 if every f entry of the manifest matches the file's size and sha256. */
static int manifest_true(const char *pkg)
{
	struct kiln_manifest m;
	char e[256];
	int fd = open(P("%s", pkg), O_RDONLY | O_DIRECTORY);
	int ok = kiln_manifest_load(&m, fd, "manifest", e, sizeof e) == 0;
	struct kbuf b = {0};
	for (size_t i = 0; ok && i < m.n; i++) {
		unsigned char sha[32];
		struct stat st;
		if (kiln_read_file_at(fd, m.ent[i].path, &b, &st) != 0)
			ok = 0;
		kiln_sha256(b.p, b.len, sha);
		if (b.len != m.ent[i].size || memcmp(sha, m.ent[i].sha, 32) != 0 ||
		    (st.st_mode & 07777) != m.ent[i].mode) {
			tap_diag("manifest entry of %s does not match the file", m.ent[i].path);
			ok = 0;
		}
	}
	kbuf_free(&b);
	kiln_manifest_free(&m);
	close(fd);
	return ok;
}

/* The RPATH (or RUNPATH) of a file: "<none>", or "<not elf>". */
static const char *rpath_of(const char *path, int *is_rpath)
{
	static char res[1024];
	struct kbuf b = {0};
	struct rp_elf e;
	char er[160];
	snprintf(res, sizeof res, "<not elf>");
	if (kiln_read_file_at(AT_FDCWD, path, &b, NULL) == 0 &&
	    rp_elf_parse((unsigned char *)b.p, b.len, &e, er, sizeof er) == 0) {
		const char *r = e.runpath ? e.runpath : e.rpath;
		snprintf(res, sizeof res, "%s", r ? r : "<none>");
		if (is_rpath)
			*is_rpath = !e.runpath && e.rpath;
		rp_elf_free(&e);
	}
	kbuf_free(&b);
	return res;
}

static int rpath_is(const char *path, const char *want)
{
	const char *r = rpath_of(path, NULL);
	if (strcmp(r, want) != 0) {
		tap_diag("%s: RPATH '%s', want '%s'", path, r, want);
		return 0;
	}
	return 1;
}

/* whether the file's bytes hold the string anywhere */
static int file_holds(const char *path, const char *needle)
{
	struct kbuf b = {0};
	int found = 0;
	if (kiln_read_file_at(AT_FDCWD, path, &b, NULL) == 0)
		found = memmem(b.p, b.len, needle, strlen(needle)) != NULL;
	kbuf_free(&b);
	return found;
}

/* cc: a library lib<name>.so returning v, linked with extra flags */
#define LIB(dst, name, flags) \
	t_sh("cc -shared -fPIC -o '%s' '%s/lib.c' -DNAME=%s -DV=3 %s", dst, src, name, flags)

static void test_usage(void)
{
	tap_ok(run("p", "--help", NULL) == 0 && has_out("--arch"), "--help prints the usage");
	char *argv[] = {"kiln-rpath", NULL};
	tap_ok(run("p", "--arch", "mips", NULL) == 2 && has_err("unknown --arch") &&
		       has_err("see --help"),
	       "unknown --arch: exit 2");
	tap_ok(rpath_main(1, argv) == 2, "no arguments: exit 2");
	tap_ok(run("nopkg", "--arch", "x86_64", NULL) == 1 && has_err("nopkg") &&
		       has_err("kiln-pkgdir record"),
	       "missing package directory: exit 1, names it and what to do");
	t_sh("mkdir -p '%s'", P("nomf/host"));
	tap_ok(run("nomf", "--arch", "x86_64", NULL) == 1 && has_err("nomf/manifest") &&
		       has_err("kiln-pkgdir record"),
	       "missing manifest: names the file and kiln-pkgdir record");
	t_sh("printf 'kiln-manifest 1\\npackage other\\nclosure\\n' > '%s'", P("nomf/manifest"));
	tap_ok(run("nomf", "--arch", "x86_64", NULL) == 1 && has_err("belongs to package 'other'"),
	       "a manifest of another package is refused");
	t_sh("printf 'kiln-manifest 1\\npackage nomf\\nbad\\n' > '%s'", P("nomf/manifest"));
	tap_ok(run("nomf", "--arch", "x86_64", NULL) == 1 && has_err("line 3"),
	       "damaged manifest: line number");
}

static void test_host(void)
{
	/* host-foo: lib, a tool, a deep helper, a data file, a dependency's
	 * library in an unusual directory found through its manifest */
	t_sh("mkdir -p '%s' '%s' '%s' '%s' '%s'", P("host-foo/host/lib"), P("host-foo/host/bin"),
	   P("host-foo/host/libexec/foo/1"), P("host-foo/host/share"), P("host-dep/host/opt/dlib"));
	LIB(P("host-dep/host/opt/dlib/libdd.so"), "dd", "");
	t_sh("mkdir -p '%s' && cp '%s' '%s'", P("host-foo/host/opt/dlib"),
	   P("host-dep/host/opt/dlib/libdd.so"), P("host-foo/host/opt/dlib/libdd.so"));
	static const char *const dep[] = {"host/opt/dlib/libdd.so", NULL};
	manifest("host-dep", "", dep);
	LIB(P("host-foo/host/lib/libkt.so"), "kt",
	    "-Wl,-rpath,/usr/lib:'$ORIGIN/../lib'");
	char flags[4096];
	snprintf(flags, sizeof flags,
		 "-L'%s' -lkt -L'%s' -ldd -Wl,-rpath,'%s':'%s':/somewhere/else:'%s/build/x'",
		 P("host-foo/host/lib"), P("host-foo/host/opt/dlib"), P("host-foo/host/lib/"),
		 P("other/host/lib"), tmp);
	t_sh("cc -o '%s' '%s/main.c' %s", P("host-foo/host/bin/tool"), src, flags);
	snprintf(flags, sizeof flags, "-L'%s' -lkt", P("host-foo/host/lib"));
	t_sh("cc -o '%s' '%s/main1.c' %s", P("host-foo/host/libexec/foo/1/helper"), src, flags);
	t_sh("printf 'not elf at all' > '%s'", P("host-foo/host/share/data"));
	static const char *const files[] = {
		"host/bin/tool", "host/lib/libkt.so", "host/libexec/foo/1/helper", "host/share/data",
		NULL};
	manifest("host-foo", "host-dep", files);
	tap_ok(t_sh("'%s' 2>/dev/null", P("host-foo/host/libexec/foo/1/helper")) != 3,
	       "before: the helper cannot find libkt.so");

	char bdir[700];
	snprintf(bdir, sizeof bdir, "%s/build", tmp);
	reset_calls();
	int rc = run("host-foo", "--arch", "aarch64", "--build-dir", bdir, "-v", NULL);
	tap_ok(rc == 0, "host package fixed (exit %d)", rc);
	tap_ok(calls() == 3, "patchelf ran for the 3 ELF files (%d)", calls());
	tap_ok(rpath_is(P("host-foo/host/bin/tool"), "$ORIGIN/../lib:$ORIGIN/../opt/dlib"),
	       "tool: entries into ROOT/P/host converted, other package, build and outside "
	       "entries dropped, dependency's library dir found through its manifest");
	tap_ok(rpath_is(P("host-foo/host/lib/libkt.so"), "$ORIGIN"),
	       "library: $ORIGIN/../lib in lib/ is $ORIGIN; /usr/lib dropped");
	tap_ok(rpath_is(P("host-foo/host/libexec/foo/1/helper"), "$ORIGIN/../../../lib"),
	       "deep helper without RPATH gets $ORIGIN/../../../lib");
	tap_ok(has_out("4 files read, 3 ELF files, 3 changed"), "-v summary line");
	tap_ok(manifest_true("host-foo"), "manifest entries rewritten (size, sha256)");
	tap_ok(t_sh("'%s'", P("host-foo/host/bin/tool")) == 3 &&
		       t_sh("'%s'", P("host-foo/host/libexec/foo/1/helper")) == 3,
	       "the fixed programs run and find their libraries");

	/* an already-correct tree: not one patchelf call, manifest untouched */
	char *before = kiln_xstrndup(t_slurp(P("host-foo/manifest")), 100000);
	struct stat st0, st1;
	stat(P("host-foo/manifest"), &st0);
	reset_calls();
	rc = run("host-foo", "--arch", "aarch64", "--build-dir", bdir, "-v", NULL);
	stat(P("host-foo/manifest"), &st1);
	tap_ok(rc == 0 && calls() == 0 && has_out("0 changed") && st0.st_ino == st1.st_ino &&
		       strcmp(before, t_slurp(P("host-foo/manifest"))) == 0,
	       "second run: no patchelf call, manifest not rewritten");
	free(before);
	rc = run("host-foo", "--arch", "aarch64", "--patchelf", "/nonexistent/patchelf", NULL);
	tap_ok(rc == 0 && out.len == 0, "already correct: patchelf is not even needed; quiet without -v");

	/* relocatable: move the whole root, the programs still run */
	char moved[700];
	snprintf(moved, sizeof moved, "%s/moved root", tmp);
	t_sh("cp -a '%s' '%s'", P("host-foo"), moved);
	tap_ok(t_sh("'%s/host/bin/tool' && '%s/host/libexec/foo/1/helper'", moved, moved) == 3,
	       "a copy of the host dir elsewhere still runs");

	/* a library nowhere: error naming file and library, nothing changed */
	t_sh("mkdir -p '%s' '%s'", P("host-bad/host/bin"), P("host-bad/host/lib"));
	LIB(P("host-bad/libkiltmissing.so"), "kiltmissing", "");
	snprintf(flags, sizeof flags, "-Wl,--no-as-needed -L'%s' -lkiltmissing", P("host-bad"));
	t_sh("cc -o '%s' '%s/main0.c' %s", P("host-bad/host/bin/t"), src, flags);
	LIB(P("host-bad/host/lib/libok.so"), "ok", "-Wl,-rpath,/x");
	static const char *const bad[] = {"host/bin/t", "host/lib/libok.so", NULL};
	manifest("host-bad", "", bad);
	reset_calls();
	rc = run("host-bad", "--arch", "x86_64", NULL);
	tap_ok(rc == 1 && has_err("host-bad: host/bin/t: needs the library libkiltmissing.so") &&
		       has_err("dependencies") && has_err("no file was changed") && calls() == 0 &&
		       rpath_is(P("host-bad/host/lib/libok.so"), "/x"),
	       "a NEEDED library found nowhere: error names package, file, library; nothing changed");
}

static void test_target(void)
{
	t_sh("mkdir -p '%s' '%s' '%s' '%s'", P("tgt/target/usr/lib"), P("tgt/target/usr/bin"),
	   P("tgt/host/x86_64-kiln-linux-gnu/sysroot/usr/lib"), P("tgt/target/lib/firmware"));
	char flags[4096];
	snprintf(flags, sizeof flags, "-Wl,-rpath,'%s':/usr/lib/foo:'$ORIGIN/../x':'%s/build/l':rel/dir",
		 P("tgt/host/lib"), tmp);
	LIB(P("tgt/target/usr/lib/libt.so"), "t", flags);
	snprintf(flags, sizeof flags, "-Wl,--disable-new-dtags -Wl,-rpath,'%s':/opt/keep",
		 P("other/target/usr/lib"));
	LIB(P("tgt/target/usr/lib/libold.so"), "old", flags);
	snprintf(flags, sizeof flags, "-L'%s' -lt -Wl,-rpath,'%s'", P("tgt/target/usr/lib"),
		 P("tgt/target/usr/lib"));
	t_sh("cc -o '%s' '%s/main0.c' -Wl,--no-as-needed %s", P("tgt/target/usr/bin/prog"), src, flags);
	snprintf(flags, sizeof flags, "-Wl,-rpath,'%s'", P("tgt/host/x86_64-kiln-linux-gnu/sysroot/usr/lib"));
	LIB(P("tgt/host/x86_64-kiln-linux-gnu/sysroot/usr/lib/libs.so"), "s", flags);
	LIB(P("tgt/target/usr/lib/libclean.so"), "clean", "-Wl,-rpath,/usr/lib/clean");
	t_sh("chmod 0555 '%s'", P("tgt/target/usr/bin/prog"));
	static const char *const files[] = {
		"host/x86_64-kiln-linux-gnu/sysroot/usr/lib/libs.so", "target/usr/bin/prog",
		"target/usr/lib/libclean.so", "target/usr/lib/libold.so", "target/usr/lib/libt.so",
		NULL};
	manifest("tgt", "", files);
	char bdir[700];
	snprintf(bdir, sizeof bdir, "%s/build", tmp);

	reset_calls();
	int rc = run("tgt", "--arch", "x86_64", "--build-dir", bdir, "--dry-run", NULL);
	tap_ok(rc == 0 && calls() == 0 && has_out("would change: tgt: target/usr/bin/prog") &&
		       rpath_is(P("tgt/target/usr/bin/prog"), P("tgt/target/usr/lib")),
	       "--dry-run: prints the changes, changes nothing");

	rc = run("tgt", "--arch", "x86_64", "--build-dir", bdir, NULL);
	/* prog and libs.so both lose their RPATH: two patchelf runs (empty,
	 * then remove) for both */
	tap_ok(rc == 0 && calls() == 4, "target package fixed: 4 patchelf calls for 4 files (%d)",
	       calls());
	tap_ok(!file_holds(P("tgt/target/usr/bin/prog"), P("tgt/target/usr/lib")) &&
		       !file_holds(P("tgt/host/x86_64-kiln-linux-gnu/sysroot/usr/lib/libs.so"),
				   P("tgt/host/x86_64-kiln-linux-gnu/sysroot")) &&
		       !file_holds(P("tgt/target/usr/lib/libt.so"), "/build/l"),
	       "no removed RPATH string is left in the files");
	tap_ok(rpath_is(P("tgt/target/usr/lib/libt.so"), "/usr/lib/foo:$ORIGIN/../x"),
	       "target: ROOT, build-dir and relative entries dropped; /usr/lib/foo and $ORIGIN kept");
	tap_ok(rpath_is(P("tgt/target/usr/bin/prog"), "<none>"), "target: nothing left: RPATH removed");
	int is_rpath = 0;
	rpath_of(P("tgt/target/usr/lib/libold.so"), &is_rpath);
	tap_ok(rpath_is(P("tgt/target/usr/lib/libold.so"), "/opt/keep") && is_rpath,
	       "a DT_RPATH stays a DT_RPATH (--force-rpath)");
	tap_ok(rpath_is(P("tgt/host/x86_64-kiln-linux-gnu/sysroot/usr/lib/libs.so"), "<none>"),
	       "staging (host/<tuple>/sysroot) follows the target rules");
	tap_ok(rpath_is(P("tgt/target/usr/lib/libclean.so"), "/usr/lib/clean"), "clean file untouched");
	struct stat st;
	stat(P("tgt/target/usr/bin/prog"), &st);
	tap_ok((st.st_mode & 07777) == 0555, "read-only file patched, mode kept (%04o)",
	       (unsigned)(st.st_mode & 07777));
	tap_ok(manifest_true("tgt"), "manifest true to the files");
	reset_calls();
	tap_ok(run("tgt", "--arch", "x86_64", "--build-dir", bdir, NULL) == 0 && calls() == 0,
	       "second run: no patchelf call");

	/* architecture check, exclusion of firmware blobs */
	t_sh("cp '%s' '%s'", P("tgt/target/usr/lib/libclean.so"), P("tgt/target/lib/firmware/blob.bin"));
	t_sh("printf '\\267' | dd of='%s' bs=1 seek=18 conv=notrunc 2>/dev/null",
	   P("tgt/target/lib/firmware/blob.bin")); /* e_machine 183 */
	static const char *const files2[] = {
		"host/x86_64-kiln-linux-gnu/sysroot/usr/lib/libs.so", "target/lib/firmware/blob.bin",
		"target/usr/bin/prog", "target/usr/lib/libclean.so", "target/usr/lib/libold.so",
		"target/usr/lib/libt.so", NULL};
	manifest("tgt", "", files2);
	rc = run("tgt", "--arch", "x86_64", NULL);
	tap_ok(rc == 1 && has_err("tgt: target/lib/firmware/blob.bin: ELF file for AArch64") &&
		       has_err("the target is x86_64") && has_err("--exclude"),
	       "machine mismatch: error names package, file, its machine and the expected one");
	rc = run("tgt", "--arch", "x86_64", "--exclude", "target/lib/firmware/*", NULL);
	tap_ok(rc == 0, "--exclude skips the firmware blob");
	rc = run("tgt", "--arch", "arm", "--exclude", "target/lib/firmware/*", NULL);
	tap_ok(rc == 1 && has_err("x86-64 (64-bit, little endian), but the target is arm (ARM, 32-bit"),
	       "every target and staging file checked against --arch arm");
	rc = run("tgt", "--arch", "aarch64", "--exclude", "target/usr/*",
		 "--exclude", "host/*", NULL);
	tap_ok(rc == 0, "matching machine (aarch64 blob, --arch aarch64)");
	/* a damaged ELF file of the right machine: warning, left alone */
	t_sh("head -c 100 '%s' > '%s'", P("tgt/target/usr/lib/libclean.so"), P("tgt/target/usr/lib/libcut.so"));
	static const char *const files3[] = {"target/usr/lib/libcut.so", NULL};
	manifest("tgt", "", files3);
	rc = run("tgt", "--arch", "x86_64", NULL);
	tap_ok(rc == 0 && has_err("warning: tgt: target/usr/lib/libcut.so: damaged ELF file"),
	       "damaged ELF file: a warning, left alone");
}

static void test_links_and_failures(void)
{
	/* P's file hard-linked to a dependency's file: the dependency's copy
	 * must not change */
	t_sh("mkdir -p '%s' '%s'", P("hl/target/usr/lib"), P("dep/target/usr/lib"));
	char flags[1024];
	snprintf(flags, sizeof flags, "-Wl,-rpath,'%s'", P("dep/target/usr/lib"));
	LIB(P("dep/target/usr/lib/libd.so"), "d", flags);
	t_sh("ln '%s' '%s'", P("dep/target/usr/lib/libd.so"), P("hl/target/usr/lib/libd2.so"));
	static const char *const files[] = {"target/usr/lib/libd2.so", NULL};
	manifest("hl", "", files);
	reset_calls();
	int rc = run("hl", "--arch", "x86_64", NULL);
	tap_ok(rc == 0 && rpath_is(P("hl/target/usr/lib/libd2.so"), "<none>") &&
		       rpath_is(P("dep/target/usr/lib/libd.so"), P("dep/target/usr/lib")) &&
		       manifest_true("hl"),
	       "a hard-linked file is replaced by a copy before patchelf");

	/* patchelf missing or failing */
	t_sh("cp '%s' '%s'", P("dep/target/usr/lib/libd.so"), P("hl/target/usr/lib/libd2.so"));
	manifest("hl", "", files);
	char *argv[] = {"kiln-rpath", "--root", root, "--pkg", "hl", "--arch", "x86_64",
			"--patchelf", "/nonexistent/patchelf", NULL};
	fflush(stdout);
	int save2 = dup(2), fd = open("/dev/null", O_WRONLY);
	dup2(fd, 2);
	rc = rpath_main(9, argv);
	dup2(save2, 2);
	close(save2);
	close(fd);
	tap_ok(rc == 1 && rpath_is(P("hl/target/usr/lib/libd2.so"), P("dep/target/usr/lib")),
	       "patchelf not found: exit 1, file unchanged");
	char failing[700];
	snprintf(failing, sizeof failing, "%s/failing-patchelf", tmp);
	t_sh("printf '#!/bin/sh\\necho patchelf: simulated failure >&2\\nexit 3\\n' > '%s' && chmod +x '%s'",
	   failing, failing);
	rc = run("hl", "--arch", "x86_64", "--patchelf", failing, NULL);
	tap_ok(rc == 1 && has_err("hl: target/usr/lib/libd2.so:") && has_err("exit status 3") &&
		       manifest_true("hl"),
	       "patchelf failing: error names the file and the status; manifest still true");

	/* one file of a batch makes patchelf fail: the others are still
	 * fixed, and the error names only the file at fault */
	LIB(P("hl/target/usr/lib/libe.so"), "e", flags);
	static const char *const files2[] = {"target/usr/lib/libd2.so", "target/usr/lib/libe.so", NULL};
	manifest("hl", "", files2);
	char picky[700];
	snprintf(picky, sizeof picky, "%s/picky-patchelf", tmp);
	t_sh("printf '#!/bin/sh\nfor a; do case $a in *libd2*) echo patchelf: cannot >&2; exit 4;; "
	   "esac; done\nexec patchelf \"$@\"\n' > '%s' && chmod +x '%s'", picky, picky);
	rc = run("hl", "--arch", "x86_64", "--patchelf", picky, NULL);
	tap_ok(rc == 1 && has_err("hl: target/usr/lib/libd2.so:") && has_err("exit status 4") &&
		       !has_err("libe.so") && rpath_is(P("hl/target/usr/lib/libe.so"), "<none>") &&
		       manifest_true("hl"),
	       "a failing file in a batch: the others fixed, the error names it alone");
}

int main(void)
{
	if (t_tmpdir(tmp, sizeof tmp, "kiln-rpath") < 0)
		return 1;
	char *real = rp_which("patchelf");
	if (!real) {
		printf("1..0 # SKIP patchelf is not installed (apt-get install patchelf)\n");
		return 0;
	}
	snprintf(root, sizeof root, "%s/per package", tmp); /* a space, on purpose */
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(counter, sizeof counter, "%s/patchelf-calls", tmp);
	snprintf(shim, sizeof shim, "%s/patchelf-shim", tmp);
	t_sh("mkdir -p '%s' '%s'", root, src);
	t_sh("printf '#!/bin/sh\\nprintf x >> \"%s\"\\nexec \"%s\" \"$@\"\\n' > '%s' && chmod +x '%s'",
	   counter, real, shim, shim);
	free(real);
	t_sh("cd '%s' && printf '#define CAT(a,b) a##b\\n#define F(n) CAT(f_,n)\\nint F(NAME)(void) { return V; }\\n' > lib.c && "
	   "printf 'int f_kt(void); int f_dd(void);\\nint main(void) { return f_kt() + f_dd() - 3; }\\n' > main.c && "
	   "printf 'int f_kt(void);\\nint main(void) { return f_kt(); }\\n' > main1.c && "
	   "printf 'int main(void) { return 3; }\\n' > main0.c",
	   src);
	test_usage();
	test_host();
	test_target();
	test_links_and_failures();
	t_sh("rm -rf '%s'", tmp);
	kbuf_free(&out);
	kbuf_free(&err);
	return tap_done();
}
