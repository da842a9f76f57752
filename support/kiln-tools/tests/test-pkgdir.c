// SPDX-License-Identifier: GPL-2.0-or-later
/* End-to-end tests of kiln-pkgdir: the subcommands run in-process
 * (pkgdir_main) on a temporary per-package root; stderr is captured. */
#include "tap.h"
#include "util.h"
#include "../lib/mkdir.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../pkgdir/pkgdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

struct t {
	char tmp[512];
	char root[600];
	struct kbuf err, out;
};

/* Runs kiln-pkgdir with the NULL-terminated arguments; captures output. */
static int run(struct t *t, ...)
{
	char *argv[64] = {"kiln-pkgdir"};
	va_list ap;
	va_start(ap, t);
	int argc = t_argv(argv, 1, 64, ap);
	va_end(ap);
	return t_capture(pkgdir_main, argc, argv, t->tmp, &t->out, &t->err);
}

static char *P(struct t *t, const char *fmt, ...)
{
	static char bufs[8][4096];
	static int k;
	char *b = bufs[k++ % 8];
	int n = snprintf(b, 4096, "%s/", t->root);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b + n, 4096 - (size_t)n, fmt, ap);
	va_end(ap);
	return b;
}

static void put_n(const char *path, const char *content, size_t n)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = 0;
	kiln_mkdir_p(dir);
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	kiln_write_all(fd, content, n);
	close(fd);
}

static void put(const char *path, const char *content)
{
	put_n(path, content, strlen(content));
}

static ino_t ino(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static int has(struct t *t, const char *s)
{
	return t->err.p && strstr(t->err.p, s) != NULL;
}

static void show(struct t *t)
{
	if (t->err.len)
		tap_diag("stderr: %s", t->err.p);
}

/* assemble P DEP..., let `install` run, record */
#define ASSEMBLE(t, pkg, ...) run(t, "assemble", "--root", (t)->root, "--pkg", pkg, ##__VA_ARGS__, NULL)
#define RECORD(t, pkg, ...) run(t, "record", "--root", (t)->root, "--pkg", pkg, ##__VA_ARGS__, NULL)

static void test_help(struct t *t)
{
	tap_ok(run(t, "--help", NULL) == 0 && strstr(t->out.p, "assemble"), "--help");
	const char *cmds[] = {"assemble", "record", "check", "merge"};
	for (int i = 0; i < 4; i++)
		tap_ok(run(t, cmds[i], "--help", NULL) == 0 && strstr(t->out.p, "Usage: kiln-pkgdir"),
		       "%s --help", cmds[i]);
	tap_ok(run(t, "frob", NULL) == 2, "unknown command: exit 2");
	tap_ok(run(t, "assemble", "--pkg", "x", NULL) == 2 && has(t, "--root"), "missing --root: exit 2");
	tap_ok(run(t, "assemble", "--root", "rel", "--pkg", "x", NULL) == 2 && has(t, "absolute"),
	       "relative root: exit 2");
	tap_ok(ASSEMBLE(t, "Bad_Name") == 2 && has(t, "Bad_Name"), "bad package name is named");
	tap_ok(ASSEMBLE(t, "x", "../y") == 2 && has(t, "../y"), "bad dependency name is named");
	tap_ok(run(t, "merge", "--root", t->root, "--out", t->root, "--tree", "etc", NULL) == 2,
	       "merge --tree must be host or target");
}

static void test_basic(struct t *t)
{
	/* a: a library, a .pc with its own path, a symlink, a weird name, a 0555 dir */
	tap_ok(ASSEMBLE(t, "a") == 0 && exists(P(t, "a/host")) && exists(P(t, "a/target")),
	       "assemble with no deps creates host/ and target/");
	char bin[4096];
	int bl = snprintf(bin, sizeof bin, "ELF\001_binary with %s/a/lib\n", t->root);
	bin[4] = 0; /* a NUL byte: not a text file */
	put_n(P(t, "a/target/usr/lib/liba.so.1"), bin, (size_t)bl);
	symlink("liba.so.1", P(t, "a/target/usr/lib/liba.so"));
	char pc[4096];
	snprintf(pc, sizeof pc, "prefix=%s/a/host\nlibdir=%s/a/host/lib\n", t->root, t->root);
	put(P(t, "a/host/lib/pkgconfig/a.pc"), pc);
	symlink(P(t, "a/host/lib/pkgconfig/a.pc"), P(t, "a/host/abs-link"));
	put(P(t, "a/target/odd name\twith\ntab"), "odd\n");
	put(P(t, "a/target/ro/file"), "ro\n");
	chmod(P(t, "a/target/ro"), 0555);
	put(P(t, "a/target/same"), "same\n");
	int rc = RECORD(t, "a");
	tap_ok(rc == 0 && exists(P(t, "a/manifest")), "record a") || (show(t), 0);
	char *m = t_slurp(P(t, "a/manifest"));
	tap_ok(strstr(m, "reloc\thost/lib/pkgconfig/a.pc\n") != NULL, "record flags a text file with ROOT/a/ as reloc");
	tap_ok(strstr(m, "\t-\ttarget/usr/lib/liba.so.1\n") != NULL, "a binary file with ROOT/a/ is not reloc");
	tap_ok(strstr(m, "reloc\thost/abs-link\t") != NULL, "record flags a symlink into ROOT/a/ as reloc");
	tap_ok(strstr(m, "target/odd name\\twith\\ntab\n") != NULL, "record escapes TAB and newline");
	tap_ok(strstr(m, "d\t0555\t-\t-\t-\ttarget/ro\n") != NULL, "record keeps a 0555 directory's mode");

	/* b depends on a */
	rc = ASSEMBLE(t, "b", "a");
	tap_ok(rc == 0, "assemble b a") || (show(t), 0);
	tap_ok(ino(P(t, "b/target/usr/lib/liba.so.1")) == ino(P(t, "a/target/usr/lib/liba.so.1")),
	       "assemble hardlinks files (same inode)");
	tap_ok(ino(P(t, "b/host/lib/pkgconfig/a.pc")) != ino(P(t, "a/host/lib/pkgconfig/a.pc")),
	       "reloc file is copied (different inode)");
	char want[4096];
	snprintf(want, sizeof want, "prefix=%s/b/host\nlibdir=%s/b/host/lib\n", t->root, t->root);
	tap_ok(strcmp(t_slurp(P(t, "b/host/lib/pkgconfig/a.pc")), want) == 0, "reloc file rewritten to ROOT/b/");
	char lt[4096] = "";
	ssize_t n = readlink(P(t, "b/host/abs-link"), lt, sizeof lt - 1);
	lt[n > 0 ? n : 0] = 0;
	tap_ok(strcmp(lt, P(t, "b/host/lib/pkgconfig/a.pc")) == 0, "reloc symlink target rewritten");
	n = readlink(P(t, "b/target/usr/lib/liba.so"), lt, sizeof lt - 1);
	lt[n > 0 ? n : 0] = 0;
	tap_ok(strcmp(lt, "liba.so.1") == 0, "plain symlink recreated");
	tap_ok(exists(P(t, "b/target/odd name\twith\ntab")), "path with TAB and newline imported");
	struct stat st;
	tap_ok(lstat(P(t, "b/target/ro"), &st) == 0 && (st.st_mode & 07777) == 0555 &&
	       exists(P(t, "b/target/ro/file")), "0555 directory filled, then its mode applied");
	tap_ok(exists(P(t, "b/.imports")) && !exists(P(t, "b/manifest")), "assemble writes .imports");

	/* b installs: new file, override of an imported file, retargeted link, edit of reloc copy */
	put(P(t, "b/target/usr/bin/b"), "b\n");
	put(P(t, "b/target/same"), "replaced by b\n");
	unlink(P(t, "b/target/usr/lib/liba.so"));
	symlink("elsewhere", P(t, "b/target/usr/lib/liba.so"));
	FILE *f = fopen(P(t, "b/host/lib/pkgconfig/a.pc"), "a");
	fputs("# edited\n", f);
	fclose(f);
	rc = RECORD(t, "b");
	tap_ok(rc == 0, "record b") || (show(t), 0);
	m = t_slurp(P(t, "b/manifest"));
	tap_ok(strstr(m, "closure a\n") != NULL, "manifest stores the closure");
	tap_ok(strstr(m, "\t-\ttarget/usr/bin/b\n") != NULL && strstr(m, "d\t0755\t-\t-\t-\ttarget/usr/bin\n"),
	       "record detects a new file and its new directory");
	tap_ok(strstr(m, "\toverride=a\ttarget/same\n") != NULL, "new inode at an imported path: override=a");
	tap_ok(strstr(m, "\toverride=a\ttarget/usr/lib/liba.so\telsewhere\n") != NULL, "retargeted symlink: override=a");
	tap_ok(strstr(m, "reloc,override=a\thost/lib/pkgconfig/a.pc\n") != NULL, "edited copied reloc file: reloc,override=a");
	tap_ok(!strstr(m, "odd name") && !strstr(m, "liba.so.1") && !strstr(m, "target/ro"),
	       "untouched imported paths are not recorded");

	/* a dependent removing an imported file */
	tap_ok(ASSEMBLE(t, "del", "a") == 0, "assemble del a");
	unlink(P(t, "del/target/odd name\twith\ntab"));
	chmod(P(t, "del/target/ro"), 0755); /* del's own directory: only its files are shared */
	unlink(P(t, "del/target/ro/file"));
	rmdir(P(t, "del/target/ro"));
	rc = RECORD(t, "del");
	tap_ok(rc == 1 && has(t, "del removed this file, which belongs to a") && has(t, "odd name") &&
	       has(t, "del/target/ro: del removed this directory") && !has(t, "target/ro/file:") &&
	       !exists(P(t, "del/manifest")),
	       "removed imports: error naming del, a, each topmost path; no manifest") || (show(t), 0);

	/* in-place changes of a hardlinked file: content, mode, times */
	tap_ok(ASSEMBLE(t, "c", "a") == 0, "assemble c a");
	f = fopen(P(t, "c/target/usr/lib/liba.so.1"), "a");
	fputs("corrupt", f);
	fclose(f);
	rc = RECORD(t, "c");
	tap_ok(rc == 1 && has(t, "c changed its content in place, but the file belongs to a") &&
	       has(t, "c/target/usr/lib/liba.so.1:") && !exists(P(t, "c/manifest")),
	       "in-place edit of a hardlinked file: error names c, path, a; no manifest") || (show(t), 0);
	tap_ok(strstr(t_slurp(P(t, "a/.damaged")), "target/usr/lib/liba.so.1\tchanged by c: its content") != NULL &&
	       strcmp(t_slurp(P(t, ".damaged")), "a\n") == 0,
	       "the owner is marked damaged, and named in the index");
	unlink(P(t, ".damaged"));
	/* undo: the corruption hit a's file too, which is exactly why this is an error */
	truncate(P(t, "a/target/usr/lib/liba.so.1"), bl);
	unlink(P(t, "a/.damaged"));
	tap_ok(ASSEMBLE(t, "c", "a") == 0, "re-assemble c after fixing a");
	chmod(P(t, "c/target/usr/lib/liba.so.1"), 0600);
	rc = RECORD(t, "c");
	tap_ok(rc == 1 && has(t, "c changed its mode (0644 -> 0600) in place"), "chmod of a hardlinked file") || (show(t), 0);
	chmod(P(t, "a/target/usr/lib/liba.so.1"), 0644);
	struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
	utimensat(AT_FDCWD, P(t, "c/target/usr/lib/liba.so.1"), old, 0);
	rc = RECORD(t, "c");
	tap_ok(rc == 1 && has(t, "c changed its modification time (content unchanged) in place"),
	       "touch of a hardlinked file") || (show(t), 0);
	unlink(P(t, "a/.damaged"));
	tap_ok(ASSEMBLE(t, "a2", "a") == 0 && !exists(P(t, "a2/.damaged")), "assemble clears .damaged");
	tap_ok(ASSEMBLE(t, "c", "a") == 0, "re-assemble c");

	/* target symlink into c's own target dir becomes a device path */
	symlink(P(t, "c/target/usr/lib/liba.so.1"), P(t, "c/target/abs"));
	/* a build path in a target file; a longer name is not that path */
	char conf[200];
	snprintf(conf, sizeof conf, "a=/forbidden/dirx b=/x/forbidden/dir/y\n");
	put(P(t, "c/target/etc/ok.conf"), conf);
	put(P(t, "c/target/etc/bad.conf"), "b=\"/forbidden/dir/x\"\n");
	rc = RECORD(t, "c", "--forbid", "/forbidden/dir/");
	tap_ok(rc == 0, "record c with --forbid") || (show(t), 0);
	n = readlink(P(t, "c/target/abs"), lt, sizeof lt - 1);
	lt[n > 0 ? n : 0] = 0;
	tap_ok(strcmp(lt, "/usr/lib/liba.so.1") == 0, "target symlink into ROOT/c/target made /-absolute");
	tap_ok(strstr(t_slurp(P(t, "c/manifest")), "\t-\ttarget/abs\t/usr/lib/liba.so.1\n") != NULL,
	       "the manifest records the device path");
	tap_ok(has(t, "warning: c: ") && has(t, "etc/bad.conf holds a path of the build machine, /forbidden/dir/x,") &&
	       !has(t, "ok.conf"), "a --forbid path in a target file: warning; a longer name is not it") || (show(t), 0);
	rc = RECORD(t, "c", "--forbid", "/forbidden/dir", "--strict");
	tap_ok(rc == 1 && has(t, "etc/bad.conf: holds a path of the build machine"), "--strict: error") || (show(t), 0);
	unlink(P(t, "c/target/etc/bad.conf"));

	/* a target ELF file holding another package's directory: the
	 * per-package leak message, in strict mode too */
	char elf[4096];
	int el = snprintf(elf, sizeof elf, "\177ELF rpath=%s/a/host/lib", t->root);
	put_n(P(t, "c/target/usr/lib/libq.so"), elf, (size_t)el);
	rc = RECORD(t, "c");
	tap_ok(rc == 0 && has(t, "target/usr/lib/libq.so contains the per-package directory of a") &&
	       !has(t, "libq.so holds"), "target ELF file: per-package leak warning only") || (show(t), 0);
	rc = RECORD(t, "c", "--strict");
	tap_ok(rc == 1 && has(t, "libq.so: contains the per-package directory of a"),
	       "target ELF file, --strict: the error says why") || (show(t), 0);
	unlink(P(t, "c/target/usr/lib/libq.so"));

	/* leak */
	char leak[4096];
	snprintf(leak, sizeof leak, "path=%s/a/host/lib\n", t->root);
	put(P(t, "c/host/leaky"), leak);
	put(P(t, "c/target/leaky"), leak);
	rc = RECORD(t, "c");
	tap_ok(rc == 0 && has(t, "warning: c: ") && has(t, "host/leaky contains the per-package directory of a") &&
	       has(t, "target/leaky holds a path of the build machine") && !has(t, "target/leaky contains") &&
	       exists(P(t, "c/manifest")), "leak: warning, manifest written") || (show(t), 0);
	tap_ok(strstr(t_slurp(P(t, "c/manifest")), "\t-\ttarget/leaky\n") != NULL, "leaking file is not reloc");
	rc = RECORD(t, "c", "--strict");
	tap_ok(rc == 1 && has(t, "contains the per-package directory of a (") &&
	       has(t, "target/leaky: holds a path of the build machine"), "leak with --strict: exit 1");
	rc = run(t, "check", "--root", t->root, "--pkg", "c", NULL);
	tap_ok(rc == 0 && has(t, "warning: c:"), "check: leak warning, exit 0");
	rc = run(t, "check", "--root", t->root, "--pkg", "c", "--strict", NULL);
	tap_ok(rc == 1, "check --strict: exit 1");
	rc = run(t, "check", "--root", t->root, "--pkg", "a", "--strict", NULL);
	tap_ok(rc == 0 && t->err.len == 0, "check of a clean package");
	unlink(P(t, "c/target/leaky"));
	unlink(P(t, "c/host/leaky"));
	tap_ok(RECORD(t, "c") == 0, "record c without the leak");
}

static void test_conflicts(struct t *t)
{
	/* d and e are independent and both install target/x */
	ASSEMBLE(t, "d");
	put(P(t, "d/target/x"), "from d\n");
	put(P(t, "d/target/dup"), "dup\n");
	RECORD(t, "d");
	ASSEMBLE(t, "e");
	put(P(t, "e/target/x"), "from e\n");
	put(P(t, "e/target/dup"), "dup\n");
	char pc[4096];
	snprintf(pc, sizeof pc, "prefix=%s/e/host\n", t->root);
	put(P(t, "e/host/common.pc"), pc);
	RECORD(t, "e");
	snprintf(pc, sizeof pc, "prefix=%s/d/host\n", t->root);
	put(P(t, "d/host/common.pc"), pc);
	RECORD(t, "d");
	int rc = ASSEMBLE(t, "f", "d", "e");
	tap_ok(rc == 1 && has(t, "conflict: target/x is installed by both d and e with different content"),
	       "conflict error names both packages and the path") || (show(t), 0);
	tap_ok(!has(t, "target/dup"), "identical content is not a conflict");
	tap_ok(!has(t, "common.pc"), "reloc files identical after rewriting are not a conflict");
	tap_ok(!exists(P(t, "f/.imports")), "no .imports after a conflict");

	/* g depends on d and overrides target/x */
	ASSEMBLE(t, "g", "d");
	put(P(t, "g/target/x"), "from g\n");
	RECORD(t, "g");
	rc = ASSEMBLE(t, "h", "g", "d");
	tap_ok(rc == 0 && strcmp(t_slurp(P(t, "h/target/x")), "from g\n") == 0,
	       "dependent override wins (dependent listed first)") || (show(t), 0);
	rc = ASSEMBLE(t, "h", "d", "g");
	tap_ok(rc == 0 && strcmp(t_slurp(P(t, "h/target/x")), "from g\n") == 0,
	       "dependent override wins (dependency listed first)");
	tap_ok(strstr(t_slurp(P(t, "h/.imports")), "f\tg\th\t") != NULL, ".imports records g as owner");

	/* a path below another package's symlink: one message, not one per entry */
	ASSEMBLE(t, "sl");
	symlink("elsewhere", P(t, "sl/target/lnk"));
	RECORD(t, "sl");
	ASSEMBLE(t, "un");
	put(P(t, "un/target/lnk/a"), "a\n");
	put(P(t, "un/target/lnk/b"), "b\n");
	put(P(t, "un/target/lnk/c/d"), "d\n");
	RECORD(t, "un");
	rc = ASSEMBLE(t, "both", "sl", "un");
	int below = 0;
	for (const char *q = t->err.p; q && (q = strstr(q, "below it")); q++)
		below++;
	tap_ok(rc == 1 && below == 1 && has(t, "conflict: target/lnk is a symlink installed by sl, but un"),
	       "below a symlink: one conflict message") || (show(t), 0);

	rc = ASSEMBLE(t, "i", "nosuch");
	tap_ok(rc == 1 && has(t, "nosuch has no manifest; build it first"), "missing manifest error");
	rc = ASSEMBLE(t, "i", "i");
	tap_ok(rc == 1 && has(t, "own dependency"), "self dependency error");
}

static void test_merge(struct t *t)
{
	char out[700];
	snprintf(out, sizeof out, "%s/out", t->tmp);
	/* stale content in the old tree must disappear */
	char stale[800];
	snprintf(stale, sizeof stale, "%s/target/stale", out);
	put(stale, "old\n");
	int rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "target", "d", "g", "b", NULL);
	tap_ok(rc == 0, "merge target d g b") || (show(t), 0);
	char p[900];
	snprintf(p, sizeof p, "%s/target/x", out);
	tap_ok(strcmp(t_slurp(p), "from g\n") == 0, "merge: dependent wins");
	snprintf(p, sizeof p, "%s/target/usr/lib/liba.so.1", out);
	tap_ok(exists(p) && ino(p) != ino(P(t, "a/target/usr/lib/liba.so.1")),
	       "merge: closure included, files copied (different inode)");
	tap_ok(!exists(stale), "merge replaced the old tree");
	snprintf(p, sizeof p, "%s/.target.tmp", out);
	tap_ok(!exists(p), "no temporary tree left");
	snprintf(p, sizeof p, "%s/host", out);
	tap_ok(!exists(p), "merge --tree target does not touch host");
	snprintf(p, sizeof p, "%s/target/same", out);
	tap_ok(strcmp(t_slurp(p), "replaced by b\n") == 0, "merge: b's override of a");
	struct stat st;
	snprintf(p, sizeof p, "%s/target/ro", out);
	tap_ok(lstat(p, &st) == 0 && (st.st_mode & 07777) == 0555, "merge: directory modes applied");

	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "host", "b", NULL);
	tap_ok(rc == 0, "merge host b") || (show(t), 0);
	char want[2048];
	snprintf(want, sizeof want, "prefix=%s/host\nlibdir=%s/host/lib\n# edited\n", out, out);
	snprintf(p, sizeof p, "%s/host/lib/pkgconfig/a.pc", out);
	tap_ok(strcmp(t_slurp(p), want) == 0, "merge: reloc ROOT/b/ rewritten to OUT/");
	char lt[2048] = "";
	snprintf(p, sizeof p, "%s/host/abs-link", out);
	ssize_t n = readlink(p, lt, sizeof lt - 1);
	lt[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof want, "%s/host/lib/pkgconfig/a.pc", out);
	tap_ok(strcmp(lt, want) == 0, "merge: reloc symlink rewritten to OUT/");

	snprintf(p, sizeof p, "%s/target/x", out);
	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "target", "d", "e", NULL);
	tap_ok(rc == 1 && has(t, "conflict: target/x is installed by both d and e") &&
	       strcmp(t_slurp(p), "from g\n") == 0, "merge conflict fails and keeps the old tree");
	snprintf(p, sizeof p, "%s/.target.tmp", out);
	tap_ok(!exists(p), "no temporary tree left after a failed merge");

	/* what is merged is what the owner recorded: same size, other bytes */
	put(P(t, "d/target/x"), "FROM D\n");
	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "target", "d", NULL);
	tap_ok(rc == 1 && has(t, "d/target/x: the content differs from what d recorded in its manifest") &&
	       strstr(t_slurp(P(t, "d/.damaged")), "target/x\t") != NULL,
	       "merge: a file changed after record fails the merge and marks its owner") || (show(t), 0);
	put(P(t, "d/target/x"), "from d\n");
	unlink(P(t, "d/.damaged"));
}

/* Merged files have their manifest's mode exactly, special bits and
 * read-only ones included, whatever the umask. */
static void test_merge_modes(struct t *t)
{
	static const unsigned modes[] = {04755, 02711, 01644, 0444, 0600, 0640, 0755, 0400};
	char path[900];
	ASSEMBLE(t, "mo");
	for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
		snprintf(path, sizeof path, "%s", P(t, "mo/target/m/f%04o", modes[i]));
		put(path, "mode\n");
		chmod(path, modes[i]);
		snprintf(path, sizeof path, "%s", P(t, "mo/host/m/f%04o", modes[i]));
		put(path, "mode\n");
		chmod(path, modes[i]);
	}
	int rc = RECORD(t, "mo");
	tap_ok(rc == 0, "record files of special modes") || (show(t), 0);
	char out[700];
	snprintf(out, sizeof out, "%s/out-modes", t->tmp);
	static const mode_t umasks[] = {077, 022, 0};
	static const char *const trees[] = {"target", "host"};
	for (size_t u = 0; u < sizeof umasks / sizeof *umasks; u++) {
		for (size_t k = 0; k < 2; k++) {
			mode_t old = umask(umasks[u]);
			rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", trees[k], "mo", NULL);
			umask(old);
			int good = rc == 0;
			for (size_t i = 0; good && i < sizeof modes / sizeof *modes; i++) {
				struct stat st;
				snprintf(path, sizeof path, "%s/%s/m/f%04o", out, trees[k], modes[i]);
				good = lstat(path, &st) == 0 && (st.st_mode & 07777) == modes[i];
				if (!good)
					tap_diag("%s: mode %04o", path, (unsigned)(st.st_mode & 07777));
			}
			tap_ok(good, "merge --tree %s under umask %03o: every file has its manifest's mode",
			       trees[k], (unsigned)umasks[u]) || (show(t), 0);
		}
	}
	char *where = NULL;
	rmtree_at(AT_FDCWD, out, &where);
	free(where);
}

static void test_exdev(struct t *t)
{
	struct stat a, b;
	char shm[] = "/dev/shm/kiln-test-XXXXXX";
	if (stat("/dev/shm", &a) || stat(t->tmp, &b) || a.st_dev == b.st_dev || !mkdtemp(shm)) {
		tap_ok(1, "# SKIP /dev/shm is not another filesystem");
		return;
	}
	/* package x lives on /dev/shm: ROOT/x is a symlink to it */
	char other[600], path[800];
	snprintf(other, sizeof other, "%s", t->root);
	snprintf(t->root, sizeof t->root, "%s", shm);
	ASSEMBLE(t, "x");
	snprintf(path, sizeof path, "%s/x/target/lib/x.so", shm);
	put(path, "x library\n");
	chmod(path, 0751);
	RECORD(t, "x");
	snprintf(t->root, sizeof t->root, "%s", other);
	snprintf(path, sizeof path, "%s/x", shm);
	symlink(path, P(t, "x"));
	int rc = ASSEMBLE(t, "y", "x");
	struct stat st;
	tap_ok(rc == 0 && strcmp(t_slurp(P(t, "y/target/lib/x.so")), "x library\n") == 0 &&
	       lstat(P(t, "y/target/lib/x.so"), &st) == 0 && (st.st_mode & 07777) == 0751,
	       "EXDEV: falls back to a copy preserving the mode") || (show(t), 0);
	tap_ok(strstr(t_slurp(P(t, "y/.imports")), "f\tx\tc\t") != NULL, ".imports records the copy");
	char *where;
	rmtree_at(AT_FDCWD, shm, &where);
	free(where);
	unlink(P(t, "x"));
}

static void test_deep(struct t *t)
{
	struct kbuf d = {0};
	kbuf_printf(&d, "%s/deep/target", t->root);
	ASSEMBLE(t, "deep");
	for (int i = 0; i < 300; i++)
		kbuf_adds(&d, "/dd");
	kbuf_adds(&d, "/f");
	kbuf_cstr(&d);
	/* create level by level via chdir-free mkdirat chain */
	int fd = open(P(t, "deep/target"), O_RDONLY | O_DIRECTORY);
	for (int i = 0; i < 300; i++) {
		mkdirat(fd, "dd", 0755);
		int n = openat(fd, "dd", O_RDONLY | O_DIRECTORY);
		close(fd);
		fd = n;
	}
	int ffd = openat(fd, "f", O_WRONLY | O_CREAT, 0644);
	close(ffd);
	close(fd);
	tap_ok(RECORD(t, "deep") == 0, "record a 300-level tree") || (show(t), 0);
	tap_ok(ASSEMBLE(t, "deep2", "deep") == 0, "assemble a 300-level tree") || (show(t), 0);
	kbuf_free(&d);
}

static void test_stale(struct t *t)
{
	ASSEMBLE(t, "s");
	put(P(t, "s/target/s"), "s\n");
	RECORD(t, "s");
	put(P(t, "s/target/s"), "s changed after record\n");
	int rc = ASSEMBLE(t, "s2", "s");
	tap_ok(rc == 1 && has(t, "file changed after s was recorded"), "file changed after record is detected") || (show(t), 0);
	unlink(P(t, "s/target/s"));
	rc = ASSEMBLE(t, "s2", "s");
	tap_ok(rc == 1 && has(t, "s's manifest lists this file but it is missing"), "missing file is detected") || (show(t), 0);
}

/* protect: the step's command cannot change an imported hardlink in
 * place (open for writing, truncate, chmod, touch), but may remove it
 * and write a file of its own; its own files and new ones are
 * writable; the refusal names the file and its owner. */
static char protect_err[8192];

/* protect execs the command: it runs in a child, its stderr into
 * protect_err. Returns its exit status, or -1. */
static int protected_cmd(struct t *t, const char *pkg, char *const *cmd)
{
	char errf[700];
	snprintf(errf, sizeof errf, "%s/protect.err", t->tmp);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(errf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(99);
		close(fd);
		char *argv[16] = {"kiln-pkgdir", "protect", "--root", t->root, "--pkg", (char *)pkg, "--"};
		int argc = 7;
		for (int i = 0; cmd[i] && argc < 15; i++)
			argv[argc++] = cmd[i];
		argv[argc] = NULL;
		_exit(pkgdir_main(argc, argv));
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	snprintf(protect_err, sizeof protect_err, "%s", t_slurp(errf));
	return WEXITSTATUS(st);
}

/* The step's result file RES says exactly WANT (shown when not). */
static void results_are(const char *res, const char *want, const char *desc)
{
	char r[4096];
	snprintf(r, sizeof r, "%s", t_slurp(res));
	tap_ok(strcmp(r, want) == 0, "%s", desc) || (tap_diag("got:\n%s", r), 0);
}

static int protected_run(struct t *t, const char *pkg, const char *script)
{
	char *const cmd[] = {"/bin/sh", "-c", (char *)script, NULL};
	return protected_cmd(t, pkg, cmd);
}

static void test_protect(struct t *t)
{
	tap_ok(run(t, "protect", "--help", NULL) == 0 && strstr(t->out.p, "EROFS"), "protect --help");
	tap_ok(run(t, "protect", "--root", t->root, "--pkg", "x", NULL) == 2 && has(t, "no command"),
	       "protect without a command: exit 2");
	ASSEMBLE(t, "pa");
	put(P(t, "pa/target/usr/lib/libpa.so"), "pa\n");
	put(P(t, "pa/target/usr/lib/replaced"), "pa\n");
	put(P(t, "pa/target/usr/lib/removed"), "pa\n");
	symlink("libpa.so", P(t, "pa/target/usr/lib/libpa.so.link"));
	RECORD(t, "pa");
	ASSEMBLE(t, "pb", "pa");
	/* pb replaced one import before this step: its own file now. */
	unlink(P(t, "pb/target/usr/lib/replaced"));
	put(P(t, "pb/target/usr/lib/replaced"), "pb\n");
	char script[8192], res[4096];
	snprintf(res, sizeof res, "%s/protect.res", t->tmp);
	snprintf(script, sizeof script,
		 "r='%s'; d='%s/pb/target/usr/lib'; : >\"$r\"; cd \"$d\"; "
		 "t() { if \"$@\" 2>/dev/null; then echo \"done $1\"; else echo \"refused $1\"; fi >>\"$r\"; }; "
		 "t sh -c 'echo x >>libpa.so'; t sh -c 'echo x >\"$0/libpa.so\"' \"$d\"; "
		 "t truncate -s 0 libpa.so; t chmod 600 libpa.so; t touch libpa.so; "
		 "t chmod 600 libpa.so.link; t sh -c 'echo x >>libpa.so.link'; "
		 "t rm removed; t sh -c 'echo pb >removed'; "
		 "t sh -c 'echo own >>replaced'; t sh -c 'echo new >new'; t chmod 600 new; "
		 "t grep -q pa libpa.so; exit 3",
		 res, t->root);
	int rc = protected_run(t, "pb", script);
	tap_ok(rc == 3, "protect runs the command and returns its status (%d)", rc) ||
		(tap_diag("%s", protect_err), 0);
	results_are(res,
		    "refused sh\nrefused sh\nrefused truncate\nrefused chmod\nrefused touch\n"
		    "refused chmod\nrefused sh\n"
		    "done rm\ndone sh\n"
		    "done sh\ndone sh\ndone chmod\n"
		    "done grep\n",
		    "writes, truncate, chmod, touch of an import (and through a symlink) are refused; "
		    "rm, and its own and new files, are not");
	tap_ok(strcmp(t_slurp(P(t, "pa/target/usr/lib/libpa.so")), "pa\n") == 0 &&
		       strcmp(t_slurp(P(t, "pa/target/usr/lib/removed")), "pa\n") == 0,
	       "its owner's files are intact");
	tap_ok(strstr(protect_err, "kiln-pkgdir: pb: refused a write to ") &&
		       strstr(protect_err, "pb/target/usr/lib/libpa.so: the file belongs to pa"),
	       "the refusal names the package, the file and its owner") || (tap_diag("%s", protect_err), 0);
	/* No .imports, or no import: the command runs unwatched. */
	put(P(t, "pc/target/x"), "x\n");
	tap_ok(protected_run(t, "pc", "exit 0") == 0, "no .imports: the command runs");
	tap_ok(protected_run(t, "pa", "exit 5") == 5, "exit status passed through");
	tap_ok(protected_run(t, "pb", "kill -TERM $$") == 128 + 15, "a signal: 128 + its number");
	char *const missing[] = {"/no/such", NULL};
	tap_ok(protected_cmd(t, "pb", missing) == 127 && strstr(protect_err, "/no/such"),
	       "a missing command: 127, named");
	put(P(t, "pb/.imports"), "kiln-imports 2\npackage pb\nclosure pa\nf\tpa\th\t1\n");
	tap_ok(protected_run(t, "pb", "exit 0") == 1 && strstr(protect_err, "pb/.imports"),
	       "a damaged .imports: exit 1, named");
}

/* The step of test_protect_calls, run under protect (this program,
 * re-executed): each system call that would change the imported
 * libpa.so in DIR, and a few that must go on; one line per call with
 * its result ("ok" or the errno's name) into RES. Then a background
 * process writes a file of its own after this one has ended. */
static const char *ename(int ok)
{
	if (ok)
		return "ok";
	switch (errno) {
	case EROFS: return "EROFS";
	case EEXIST: return "EEXIST";
	case ENOSYS: return "ENOSYS";
	case EPERM: return "EPERM";
	case ENOTSUP: return "ENOTSUP";
	default: return "other";
	}
}

static int protect_probe(const char *dir, const char *res)
{
	FILE *o = fopen(res, "w");
	if (!o || chdir(dir) != 0)
		return 99;
	struct stat st;
	stat("libpa.so", &st);
	int fd = open("libpa.so", O_RDONLY);
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	char self[64];
	snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
	struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
	struct open_how { uint64_t flags, mode, resolve; } how = {O_WRONLY, 0, 0}, rhow = {O_RDONLY, 0, 0};
	int r;
#define CALL(name, expr) do { errno = 0; r = (expr); fprintf(o, "%s %s\n", name, ename(r >= 0)); \
		if (r > 2 && strcmp(name, "openat2-read") == 0) close(r); } while (0)
	CALL("fchmod", fchmod(fd, 0600));
	CALL("futimens", futimens(fd, NULL));
	CALL("fchmodat-nofollow", fchmodat(AT_FDCWD, "libpa.so", 0600, AT_SYMLINK_NOFOLLOW));
	CALL("reopen-proc-self", open(self, O_WRONLY));
	CALL("openat-dirfd", openat(dfd, "libpa.so", O_WRONLY | O_APPEND));
	CALL("openat2", (int)syscall(SYS_openat2, AT_FDCWD, "libpa.so", &how, sizeof how));
	CALL("openat2-read", (int)syscall(SYS_openat2, AT_FDCWD, "libpa.so", &rhow, sizeof rhow));
	CALL("creat-excl", open("libpa.so", O_CREAT | O_EXCL | O_WRONLY, 0644));
	CALL("truncate", truncate("libpa.so", 0));
	CALL("setxattr", setxattr("libpa.so", "user.kiln", "x", 1, 0));
	CALL("fchownat-empty-nofollow", fchownat(fd, "", st.st_uid, st.st_gid + 1, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
	CALL("chmod-same-mode", chmod("libpa.so", st.st_mode & 07777));
	CALL("chown-same-owner", fchownat(fd, "", (uid_t)-1, (gid_t)-1, AT_EMPTY_PATH));
	CALL("utimensat-omit", utimensat(AT_FDCWD, "libpa.so", omit, 0));
	CALL("own-file", open("own", O_WRONLY | O_CREAT | O_TRUNC, 0644));
	/* No descriptor of the supervisor's listener in the step. */
	int leak = 0;
	for (int i = 0; i < 256; i++) {
		char l[64], tgt[128];
		snprintf(l, sizeof l, "/proc/self/fd/%d", i);
		ssize_t n = readlink(l, tgt, sizeof tgt - 1);
		if (n > 0 && (tgt[n] = 0, strstr(tgt, "seccomp")))
			leak = 1;
	}
#undef CALL
	fprintf(o, "listener-leaked %s\n", leak ? "yes" : "no");
	fclose(o);
	if (fork() == 0) {
		usleep(300000); /* after the step has ended */
		char bg[4200];
		snprintf(bg, sizeof bg, "%s.bg", res);
		int b = open(bg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (b >= 0) {
			dprintf(b, "background %s\n", ename(1));
			close(b);
		} else {
			FILE *e = fopen(bg, "w");
			if (e) {
				fprintf(e, "background %s\n", ename(0));
				fclose(e);
			}
		}
		_exit(0);
	}
	return 0;
}

static void test_protect_calls(struct t *t)
{
	char self[4096], dir[4096], res[4200], bg[4300];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return;
	self[n] = 0;
	ASSEMBLE(t, "pb", "pa"); /* test_protect damaged its .imports */
	snprintf(dir, sizeof dir, "%s", P(t, "pb/target/usr/lib"));
	snprintf(res, sizeof res, "%s/probe.res", t->tmp);
	snprintf(bg, sizeof bg, "%s.bg", res);
	unlink(bg);
	char *const cmd[] = {self, "--protect-probe", dir, res, NULL};
	tap_ok(protected_cmd(t, "pb", cmd) == 0, "the system-call probe runs under protect") ||
		(tap_diag("%s", protect_err), 0);
	results_are(res,
		    "fchmod EROFS\nfutimens EROFS\nfchmodat-nofollow EROFS\nreopen-proc-self EROFS\n"
		    "openat-dirfd EROFS\nopenat2 EROFS\nopenat2-read ok\ncreat-excl EEXIST\ntruncate EROFS\n"
		    "setxattr EROFS\nfchownat-empty-nofollow EROFS\nchmod-same-mode ok\nchown-same-owner ok\n"
		    "utimensat-omit ok\nown-file ok\nlistener-leaked no\n",
		    "each call that would change the import is refused (by descriptor, /proc/self/fd, a "
		    "directory descriptor, openat2, xattrs); no-op calls and its own files go on; no "
		    "listener descriptor in the step");
	for (int i = 0; i < 50 && access(bg, F_OK) != 0; i++)
		usleep(100000);
	usleep(100000);
	tap_ok(strcmp(t_slurp(bg), "background ok\n") == 0,
	       "a background process that outlives the step can still write its own files") ||
		(tap_diag("%s", t_slurp(bg)), 0);
	tap_ok(strcmp(t_slurp(P(t, "pa/target/usr/lib/libpa.so")), "pa\n") == 0, "the owner's file is intact");
}

/* Paths, types, modes, symlink targets and contents of two trees agree. */
static int same_tree(const char *a, const char *b)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && find . -printf '%%y %%m %%n %%p %%l\\n' | sort >'%s.lst' && "
		 "cd '%s' && find . -printf '%%y %%m %%n %%p %%l\\n' | sort >'%s.lst' && "
		 "cmp -s '%s.lst' '%s.lst' && diff -r --no-dereference '%s' '%s' >/dev/null",
		 a, a, b, b, a, b, a, b);
	return system(cmd) == 0;
}

/* merge --state and seal: an incremental merge gives what a full one
 * gives, and says which it did. */
static void test_merge_incr(struct t *t)
{
	char out[700], full[700], state[800], pl[800], p[900];
	snprintf(out, sizeof out, "%s/inc", t->tmp);
	snprintf(full, sizeof full, "%s/full", t->tmp);
	snprintf(state, sizeof state, "%s/target.state", t->tmp);
	snprintf(pl, sizeof pl, "%s/placed", t->tmp);
	int rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "target", "--state", state,
		     "--key", "k1", "--placed", pl, "d", "g", "b", NULL);
	tap_ok(rc == 0 && strstr(t->out.p ? t->out.p : "", "full merge: no record of the last merge"),
	       "merge --state: no record, a full merge, and why") || (show(t), 0);
	tap_ok(exists(pl) && run(t, "seal", "--out", out, "--tree", "target", "--state", state, NULL) == 0 &&
	       exists(state), "seal writes the record") || (show(t), 0);

	/* a package deselected; something a finalize step wrote and changed */
	snprintf(p, sizeof p, "%s/target/junk", out);
	put(p, "junk\n");
	snprintf(p, sizeof p, "%s/target/x", out);
	unlink(p);
	put(p, "edited\n");
	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "target", "--state", state,
		 "--key", "k1", "d", "g", NULL);
	tap_ok(rc == 0 && strstr(t->out.p ? t->out.p : "", "incremental merge") && !exists(state),
	       "merge --state: incremental, the record removed until seal") || (show(t), 0);
	rc = run(t, "merge", "--root", t->root, "--out", full, "--tree", "target", "d", "g", NULL);
	tap_ok(rc == 0 && same_tree(out, full) == 1, "incremental merge == full merge (deselected, undone)")
		|| (show(t), 0);
	tap_ok(run(t, "seal", "--out", out, "--tree", "target", "--state", state, NULL) == 0, "seal again");
	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "target", "--state", state,
		 "--key", "k1", "d", "g", "b", NULL);
	rc |= run(t, "merge", "--root", t->root, "--out", full, "--tree", "target", "d", "g", "b", NULL);
	tap_ok(rc == 0 && same_tree(out, full), "incremental merge == full merge (added back)") || (show(t), 0);
	run(t, "seal", "--out", out, "--tree", "target", "--state", state, NULL);
	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "target", "--state", state,
		 "--key", "k2", "d", "g", "b", NULL);
	tap_ok(rc == 0 && strstr(t->out.p ? t->out.p : "", "full merge: the configuration changed"),
	       "another key: a full merge") || (show(t), 0);

	/* host: reloc files */
	snprintf(state, sizeof state, "%s/host.state", t->tmp);
	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "host", "--state", state, "b", NULL);
	rc |= run(t, "seal", "--out", out, "--tree", "host", "--state", state, NULL);
	snprintf(p, sizeof p, "%s/host/lib/pkgconfig/a.pc", out);
	unlink(p);
	rc |= run(t, "merge", "--root", t->root, "--out", out, "--tree", "host", "--state", state, "b", NULL);
	tap_ok(rc == 0 && strstr(t->out.p ? t->out.p : "", "incremental merge"), "host: incremental")
		|| (show(t), 0);
	/* reloc content names OUT: the full merge goes to the same OUT */
	char inc[900], fh[900];
	snprintf(inc, sizeof inc, "%s/host-inc", t->tmp);
	snprintf(fh, sizeof fh, "%s/host", out);
	rc |= rename(fh, inc);
	rc |= run(t, "merge", "--root", t->root, "--out", out, "--tree", "host", "b", NULL);
	tap_ok(rc == 0 && same_tree(inc, fh), "host: incremental merge == full merge (reloc)") || (show(t), 0);
	tap_ok(run(t, "seal", "--out", out, "--tree", "host", NULL) == 2, "seal without --state: usage error");
	put(state, "garbage\n");
	rc = run(t, "merge", "--root", t->root, "--out", out, "--tree", "host", "--state", state, "b", NULL);
	tap_ok(rc == 0 && strstr(t->out.p ? t->out.p : "", "full merge: the record of the last merge is unreadable"),
	       "unreadable record: a full merge") || (show(t), 0);
}

/* .imports' modification time, an hour ahead: an assembly from scratch
 * writes it anew (now), --reuse leaves it. Its change time becomes now:
 * what the directory check compares with. Call it before a change, then
 * nap(), so the change is later than that. */
static void imports_ahead(struct t *t, const char *pkg)
{
	struct timespec ts[2];
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec += 3600;
	ts[1] = ts[0];
	utimensat(AT_FDCWD, P(t, "%s/.imports", pkg), ts, 0);
}

/* Longer than a tick of the file systems' coarse clock. */
static void nap(void)
{
	struct timespec d = {0, 30 * 1000 * 1000};
	nanosleep(&d, NULL);
}

static int imports_kept(struct t *t, const char *pkg)
{
	struct stat st;
	return stat(P(t, "%s/.imports", pkg), &st) == 0 && st.st_mtim.tv_sec > time(NULL) + 1800;
}

static unsigned mode_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 ? (unsigned)(st.st_mode & 07777) : 0;
}

#define REUSE(t, pkg, ...) run(t, "assemble", "--root", (t)->root, "--pkg", pkg, "--reuse", ##__VA_ARGS__, NULL)

static void test_reuse(struct t *t)
{
	put(P(t, "ra/target/usr/lib/libra.so.1"), "ra library\n");
	symlink("libra.so.1", P(t, "ra/target/usr/lib/libra.so"));
	char pc[4096];
	snprintf(pc, sizeof pc, "prefix=%s/ra/host\n", t->root);
	put(P(t, "ra/host/lib/pkgconfig/ra.pc"), pc);
	put(P(t, "rx/target/usr/share/rx"), "rx\n");
	tap_ok(ASSEMBLE(t, "ra") == 0 && ASSEMBLE(t, "rx") == 0, "reuse: assemble ra and rx");
	put(P(t, "ra/target/usr/lib/libra.so.1"), "ra library\n");
	symlink("libra.so.1", P(t, "ra/target/usr/lib/libra.so"));
	put(P(t, "ra/host/lib/pkgconfig/ra.pc"), pc);
	put(P(t, "rx/target/usr/share/rx"), "rx\n");
	tap_ok(RECORD(t, "ra") == 0 && RECORD(t, "rx") == 0, "reuse: record ra and rx") || (show(t), 0);
	nap();

	/* Untouched since the assembly: kept, even with a manifest left. */
	tap_ok(ASSEMBLE(t, "rb", "ra") == 0, "reuse: assemble rb ra");
	imports_ahead(t, "rb");
	nap();
	put(P(t, "rb/manifest"), "not a manifest\n");
	tap_ok(REUSE(t, "rb", "ra") == 0 && imports_kept(t, "rb"), "--reuse keeps a directory as assembled") || (show(t), 0);
	tap_ok(!exists(P(t, "rb/manifest")), "--reuse still removes the manifest");

	/* Each difference means an assembly from scratch. */
#define CHANGED(what, cond)                                                   \
	do {                                                                  \
		imports_ahead(t, "rb");                                       \
		nap();                                                        \
		what;                                                         \
		tap_ok(REUSE(t, "rb", "ra") == 0 && !imports_kept(t, "rb") && (cond), \
		       "--reuse: " #what ": assembled from scratch") || (show(t), 0); \
	} while (0)
	CHANGED(put(P(t, "rb/target/usr/bin/left-by-build"), "x\n"), !exists(P(t, "rb/target/usr/bin/left-by-build")));
	CHANGED(mkdir(P(t, "rb/host/newdir"), 0755), !exists(P(t, "rb/host/newdir")));
	CHANGED(unlink(P(t, "rb/target/usr/lib/libra.so")), exists(P(t, "rb/target/usr/lib/libra.so")));
	CHANGED((unlink(P(t, "rb/target/usr/lib/libra.so")), symlink("elsewhere", P(t, "rb/target/usr/lib/libra.so"))), 1);
	/* the same content, another inode */
	CHANGED(put(P(t, "rb/target/usr/lib/libra.so.1"), "ra library\n"),
		ino(P(t, "rb/target/usr/lib/libra.so.1")) == ino(P(t, "ra/target/usr/lib/libra.so.1")));
	FILE *f;
	CHANGED((f = fopen(P(t, "rb/host/lib/pkgconfig/ra.pc"), "a"), fputs("# edited\n", f), fclose(f)),
		!strstr(t_slurp(P(t, "rb/host/lib/pkgconfig/ra.pc")), "edited"));
	CHANGED(chmod(P(t, "rb/target/usr/lib/libra.so.1"), 0600), 1);
	chmod(P(t, "ra/target/usr/lib/libra.so.1"), 0644);
	ASSEMBLE(t, "rb", "ra"); /* .imports with the mode back */
	/* a directory's mode: .imports has none, its change time tells */
	CHANGED(chmod(P(t, "rb/target/usr/lib"), 0700), mode_of(P(t, "rb/target/usr/lib")) == 0755);
	/* the owner's file replaced (its manifest untouched): the owner's inode tells */
	CHANGED(put(P(t, "ra/target/usr/lib/libra.so.1"), "ra library\n"),
		ino(P(t, "rb/target/usr/lib/libra.so.1")) == ino(P(t, "ra/target/usr/lib/libra.so.1")));
#undef CHANGED
	tap_ok(REUSE(t, "rb", "ra", "rx") == 0 && exists(P(t, "rb/target/usr/share/rx")),
	       "--reuse with another closure: from scratch, with the new dependency");
	imports_ahead(t, "rb");
	tap_ok(REUSE(t, "rb", "ra") == 0 && !imports_kept(t, "rb") && !exists(P(t, "rb/target/usr/share/rx")),
	       "--reuse with the closure back: from scratch, without it");

	/* The owner recorded again, its .pc now another file: the copy
	 * must follow (no hardlink tells it; the manifest's change time
	 * does, even when its modification time is set back, as tar -p
	 * does when the artifact cache restores it). */
	ASSEMBLE(t, "rb", "ra");
	nap();
	snprintf(pc, sizeof pc, "prefix=%s/ra/host\nversion=2\n", t->root);
	put(P(t, "ra/host/lib/pkgconfig/ra.pc"), pc);
	tap_ok(RECORD(t, "ra") == 0, "reuse: ra recorded again with a new ra.pc") || (show(t), 0);
	struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
	utimensat(AT_FDCWD, P(t, "ra/manifest"), old, 0);
	tap_ok(REUSE(t, "rb", "ra") == 0 && strstr(t_slurp(P(t, "rb/host/lib/pkgconfig/ra.pc")), "version=2"),
	       "--reuse after the owner was recorded again: from scratch, the new copy") || (show(t), 0);
	tap_ok(REUSE(t, "rn") == 0 && exists(P(t, "rn/host")), "--reuse of a directory never assembled: assembled");
	put(P(t, "rb/.imports"), "kiln-imports 2\ngarbage\n");
	tap_ok(REUSE(t, "rb", "ra") == 0 && exists(P(t, "rb/host/lib/pkgconfig/ra.pc")),
	       "--reuse with a corrupt .imports: assembled from scratch");
	tap_ok(REUSE(t, "rb", "nosuchpkg") == 1 && !exists(P(t, "rb/host")) && has(t, "nosuchpkg"),
	       "--reuse with a dependency that has no manifest: the old state removed, the error") || (show(t), 0);
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--protect-probe") == 0)
		return protect_probe(argv[2], argv[3]);
	struct t t;
	memset(&t, 0, sizeof t);
	if (t_tmpdir(t.tmp, sizeof t.tmp, "kiln-pkgdir") < 0)
		return 1;
	snprintf(t.root, sizeof t.root, "%s/per package", t.tmp); /* a space, on purpose */
	test_help(&t);
	test_basic(&t);
	test_conflicts(&t);
	test_merge(&t);
	test_merge_incr(&t);
	test_merge_modes(&t);
	test_exdev(&t);
	test_deep(&t);
	test_stale(&t);
	test_reuse(&t);
	test_protect(&t);
	test_protect_calls(&t);
	int rc = tap_done();
	if (rc == 0) {
		char *where = NULL;
		rmtree_at(AT_FDCWD, t.tmp, &where);
		free(where);
	}
	kbuf_free(&t.err);
	kbuf_free(&t.out);
	return rc;
}
