// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of lib/: sha256, escaping, manifest parser/writer, hash map,
 * paths and their normalisation, mkdir -p, readlink, "line N:" messages,
 * option parsing. */
#include "tap.h"
#include "util.h"
#include "../lib/buf.h"
#include "../lib/escape.h"
#include "../lib/hmap.h"
#include "../lib/manifest.h"
#include "../lib/file.h"
#include "../lib/mkdir.h"
#include "../lib/norm.h"
#include "../lib/opt.h"
#include "../lib/parse.h"
#include "../lib/path.h"
#include "../lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_sha256(void)
{
	static const struct { const char *in; const char *hex; } v[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	};
	char hex[65];
	unsigned char out[32];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		kiln_sha256(v[i].in, strlen(v[i].in), out);
		kiln_hex32(out, hex);
		tap_ok(strcmp(hex, v[i].hex) == 0, "sha256 vector %zu (%zu bytes)", i, strlen(v[i].in));
	}
	/* one million 'a', fed in odd-sized pieces */
	struct kiln_sha256 s;
	char a[997];
	memset(a, 'a', sizeof a);
	kiln_sha256_init(&s);
	size_t left = 1000000;
	while (left) {
		size_t n = left < sizeof a ? left : (left % 7) + 55 + (left % 900);
		if (n > left)
			n = left;
		kiln_sha256_update(&s, a, n);
		left -= n;
	}
	kiln_sha256_final(&s, out);
	kiln_hex32(out, hex);
	tap_ok(strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0,
	       "sha256 of a million 'a' (incremental)");
}

static void test_escape(void)
{
	struct kbuf b = {0};
	kiln_escape(&b, "a\\b\tc\nd", 7);
	tap_ok(b.len == 10 && memcmp(b.p, "a\\\\b\\tc\\nd", 10) == 0, "escape of \\, TAB, LF");
	int ok = 1;
	unsigned seed = 12345;
	for (int round = 0; round < 2000 && ok; round++) {
		char in[64];
		size_t n = (size_t)(round % 64);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			static const char pick[] = "\\\t\nab/ \x01\xff";
			in[i] = pick[(seed >> 16) % (sizeof pick - 1)];
		}
		b.len = 0;
		kiln_escape(&b, in, n);
		ok = !memchr(b.p, '\t', b.len) && !memchr(b.p, '\n', b.len);
		long r = kiln_unescape(b.p, b.len, NULL);
		ok = ok && r == (long)n && memcmp(b.p, in, n) == 0;
	}
	tap_ok(ok, "escape/unescape round trip of 2000 random strings");
	size_t bad = 0;
	char s1[] = "ab\\x", s2[] = "ab\\";
	tap_ok(kiln_unescape(s1, 4, &bad) == -1 && bad == 2, "unescape rejects \\x at its offset");
	tap_ok(kiln_unescape(s2, 3, &bad) == -1, "unescape rejects a trailing backslash");
	kbuf_free(&b);
}

static int parse(const char *text, struct kiln_manifest *m, char *err, size_t errlen)
{
	size_t n = strlen(text);
	char *buf = kiln_xmalloc(n + 1);
	memcpy(buf, text, n);
	return kiln_manifest_parse(m, buf, n, err, errlen);
}

#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define HDR "kiln-manifest 1\npackage zlib\nclosure toolchain host-pkgconf\n"

static const char good[] =
	HDR
	"d\t0755\t-\t-\t-\ttarget/usr/lib\n"
	"f\t0644\t143840\t" SHA "\t-\ttarget/usr/lib/libz.so.1.2.13\n"
	"l\t0777\t-\t-\t-\ttarget/usr/lib/libz.so.1\tlibz.so.1.2.13\n"
	"f\t0644\t312\t" SHA "\treloc\thost/lib/pkgconfig/zlib.pc\n"
	"f\t4755\t9000\t" SHA "\treloc,override=busybox\ttarget/bin/sh\n"
	"l\t0777\t-\t-\toverride=a\ttarget/x\\ty\\nz\\\\\ta\\tb\n";

static void test_manifest(void)
{
	char err[256];
	struct kiln_manifest m;
	/* spec example is unsorted on purpose: fix the order for the good case */
	static const char sorted[] =
		HDR
		"f\t0644\t312\t" SHA "\treloc\thost/lib/pkgconfig/zlib.pc\n"
		"f\t4755\t9000\t" SHA "\treloc,override=busybox\ttarget/bin/sh\n"
		"d\t0755\t-\t-\t-\ttarget/usr/lib\n"
		"l\t0777\t-\t-\t-\ttarget/usr/lib/libz.so.1\tlibz.so.1.2.13\n"
		"f\t0644\t143840\t" SHA "\t-\ttarget/usr/lib/libz.so.1.2.13\n"
		"l\t0777\t-\t-\toverride=a\ttarget/x\\ty\\nz\\\\\ta\\tb\n";
	(void)good;
	int rc = parse(sorted, &m, err, sizeof err);
	if (!tap_ok(rc == 0, "valid manifest parses"))
		tap_diag("%s", err);
	if (rc == 0) {
		tap_ok(strcmp(m.package, "zlib") == 0 && m.nclosure == 2 &&
		       strcmp(m.closure[1], "host-pkgconf") == 0, "package and closure");
		tap_ok(m.n == 6 && m.ent[1].mode == 04755 && (m.ent[1].flags & KILN_F_RELOC) &&
		       strcmp(m.ent[1].override, "busybox") == 0 && m.ent[4].size == 143840,
		       "entry fields");
		tap_ok(m.ent[5].plen == 13 && memcmp(m.ent[5].path, "target/x\ty\nz\\", 13) == 0 &&
		       m.ent[5].tlen == 3 && memcmp(m.ent[5].target, "a\tb", 3) == 0,
		       "escaped path and target");
		struct kbuf out = {0};
		kiln_manifest_write(&m, &out);
		tap_ok(out.len == strlen(sorted) && memcmp(out.p, sorted, out.len) == 0,
		       "manifest round trip is byte-identical");
		kbuf_free(&out);
	}
	kiln_manifest_free(&m);

	static const struct { const char *text; const char *err; } bad[] = {
		{"", "line 1: empty file"},
		{"kiln-manifest 2\n", "line 1: expected"},
		{"kiln-manifest 1", "line 1: missing newline"},
		{"kiln-manifest 1\npackage Zlib\n", "line 2: invalid package name"},
		{"kiln-manifest 1\npackage z\nclosure a a\n", "line 3: package a listed twice"},
		{"kiln-manifest 1\npackage z\nclosure z\n", "line 3: package z is in its own"},
		{"kiln-manifest 1\npackage z\nclosure \n", "line 3: expected"},
		{"kiln-manifest 1\npackage z\n", "line 3: expected \"closure"},
		{HDR "\n", "line 4: expected 6"},
		{HDR "x\t0755\t-\t-\t-\ttarget/a\n", "line 4: invalid type"},
		{HDR "d\t755\t-\t-\t-\ttarget/a\n", "line 4: invalid mode"},
		{HDR "d\t0855\t-\t-\t-\ttarget/a\n", "line 4: invalid mode"},
		{HDR "d\t0755\t1\t-\t-\ttarget/a\n", "line 4: size must be -"},
		{HDR "f\t0755\t01\t" SHA "\t-\ttarget/a\n", "line 4: invalid size"},
		{HDR "f\t0755\t1\tABC\t-\ttarget/a\n", "line 4: invalid sha256"},
		{HDR "f\t0755\t1\t" SHA "\tfoo\ttarget/a\n", "line 4: unknown flag"},
		{HDR "f\t0755\t1\t" SHA "\treloc,reloc\ttarget/a\n", "line 4: flag reloc given twice"},
		{HDR "d\t0755\t-\t-\treloc\ttarget/a\n", "line 4: flag reloc on a directory"},
		{HDR "f\t0755\t1\t" SHA "\t-\tetc/a\n", "line 4: invalid path"},
		{HDR "f\t0755\t1\t" SHA "\t-\ttarget/../a\n", "line 4: invalid path"},
		{HDR "f\t0755\t1\t" SHA "\t-\ttarget//a\n", "line 4: invalid path"},
		{HDR "f\t0755\t1\t" SHA "\t-\ttarget/a/\n", "line 4: invalid path"},
		{HDR "f\t0755\t1\t" SHA "\t-\ttarget/a\\x\n", "line 4: invalid escape"},
		{HDR "l\t0777\t-\t-\t-\ttarget/a\n", "line 4: expected 7"},
		{HDR "l\t0777\t-\t-\t-\ttarget/a\t\n", "line 4: empty symlink target"},
		{HDR "d\t0755\t-\t-\t-\ttarget/b\nd\t0755\t-\t-\t-\ttarget/a\n", "line 5: entries not sorted"},
		{HDR "d\t0755\t-\t-\t-\ttarget/a\nd\t0755\t-\t-\t-\ttarget/a\n", "line 5: duplicate path"},
		{HDR "d\t0755\t-\t-\t-\ttarget/a\nd\t0755\t-\t-\t-\ttarget/b", "line 5: missing newline"},
		{HDR "d\t0755\t-\t-\t-\ttarget/a\t\n", "line 4: expected 6 TAB"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = 0;
		rc = parse(bad[i].text, &m, err, sizeof err);
		if (!tap_ok(rc == -1 && strstr(err, bad[i].err), "parse error %zu: %s", i, bad[i].err))
			tap_diag("got rc=%d err=\"%s\"", rc, err);
		kiln_manifest_free(&m);
	}
	/* NUL byte inside a line */
	char *buf = kiln_xmalloc(64);
	memcpy(buf, "kiln-manifest 1\npack\0ge z\n", 26);
	rc = kiln_manifest_parse(&m, buf, 26, err, sizeof err);
	tap_ok(rc == -1 && strstr(err, "line 2: NUL byte"), "NUL byte is a parse error");
	kiln_manifest_free(&m);

	/* writer sorts and uses canonical flags */
	struct kiln_manifest w = {0};
	const char *cl[] = {"a"};
	w.package = "p";
	w.closure = cl;
	w.nclosure = 1;
	struct kiln_entry *e = kiln_manifest_add(&w);
	e->type = 'l', e->mode = 0777, e->path = "target/b", e->plen = 8, e->target = "x", e->tlen = 1;
	e->flags = KILN_F_RELOC;
	e = kiln_manifest_add(&w);
	e->type = 'd', e->mode = 0555, e->path = "host/a", e->plen = 6, e->override = "q";
	kiln_manifest_sort(&w);
	struct kbuf out = {0};
	kiln_manifest_write(&w, &out);
	kbuf_cstr(&out);
	tap_ok(strcmp(out.p, "kiln-manifest 1\npackage p\nclosure a\n"
			     "d\t0555\t-\t-\toverride=q\thost/a\n"
			     "l\t0777\t-\t-\treloc\ttarget/b\tx\n") == 0,
	       "writer sorts entries and writes flags");
	char *copy = kiln_xstrndup(out.p, out.len);
	tap_ok(kiln_manifest_parse(&m, copy, out.len, err, sizeof err) == 0 && m.n == 2,
	       "written manifest parses back");
	kiln_manifest_free(&m);
	kbuf_free(&out);
	free(w.ent);
}

static void test_hmap(void)
{
	struct kiln_hmap m = {0};
	enum { N = 20000 };
	char (*keys)[16] = malloc(N * sizeof *keys);
	int ok = 1;
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "k%zu", i);
		int found;
		size_t *v = kiln_hmap_put(&m, keys[i], strlen(keys[i]), i, &found);
		ok = ok && !found && *v == i;
	}
	tap_ok(ok && m.count == N, "hmap: %d inserts", N);
	ok = 1;
	for (size_t i = 0; i < N; i++) {
		size_t *v = kiln_hmap_get(&m, keys[i], strlen(keys[i]));
		ok = ok && v && *v == i;
	}
	tap_ok(ok, "hmap: every key found with its value");
	int found;
	size_t *v = kiln_hmap_put(&m, "k7", 2, 99, &found);
	tap_ok(found && *v == 7, "hmap: put of an existing key keeps the value");
	tap_ok(!kiln_hmap_get(&m, "k", 1) && !kiln_hmap_get(&m, "k20000", 6), "hmap: misses");
	tap_ok(!kiln_hmap_get(&m, "", 0), "hmap: empty key miss");
	kiln_hmap_free(&m);
	free(keys);
}

static void test_path(void)
{
	char *j = kiln_path_join("/a/", "b");
	tap_ok(strcmp(j, "/a/b") == 0, "path_join without doubled slash");
	free(j);
	char *d = kiln_exe_dir();
	tap_ok(d && d[0] == '/' && strstr(d, "tests"), "exe_dir from /proc/self/exe");
	free(d);
	tap_ok(kiln_valid_pkgname("libstdc++", 9) && kiln_valid_pkgname("host-zlib", 9) &&
	       !kiln_valid_pkgname("-x", 2) && !kiln_valid_pkgname("A", 1) &&
	       !kiln_valid_pkgname("", 0) && !kiln_valid_pkgname("a/b", 3),
	       "package name validation");
	tap_ok(kiln_valid_relpath("host/a b", 8) && !kiln_valid_relpath("host/", 5) &&
	       !kiln_valid_relpath("host", 4) && !kiln_valid_relpath("target/./a", 10) &&
	       !kiln_valid_relpath("hostx/a", 7), "relative path validation");
	tap_ok(!kiln_valid_relpath("host/a//b", 9) && !kiln_valid_relpath("host/a/", 7) &&
	       !kiln_valid_relpath("target/a/..", 11) && !kiln_valid_relpath("host/a\0b", 8) &&
	       kiln_valid_relpath("target/.a/..b", 13), "relative path validation: empty, dot components, NUL");
}

static void test_norm(void)
{
	static const struct { const char *in; unsigned flags; int rc; const char *out; } v[] = {
		{"", 0, 0, ""},
		{"/", 0, 0, ""},
		{"//a///b//", 0, 0, "a/b"},
		{"a/./b/.", 0, 0, "a/b"},
		{"./", 0, 0, ""},
		{"a/b/../c", 0, 0, "a/c"},
		{"a/..", 0, 0, ""},
		{"a/../..", 0, -1, NULL},
		{"..", 0, -1, NULL},
		{"/..", KILN_NORM_CLAMP, 0, ""},
		{"/../a/../../b/./c/..", KILN_NORM_CLAMP, 0, "b"},
		{"a/...", 0, 0, "a/..."},
		{".a/..b/.", 0, 0, ".a/..b"},
		{"/a//b/", KILN_NORM_NODOTS, 0, "a/b"},
		{"/a/./b", KILN_NORM_NODOTS, -1, NULL},
		{"/a/../b", KILN_NORM_NODOTS | KILN_NORM_CLAMP, -1, NULL},
	};
	struct kbuf b = {0};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		int rc = kiln_path_norm(v[i].in, strlen(v[i].in), &b, v[i].flags);
		tap_ok(rc == v[i].rc && (rc < 0 || strcmp(b.p, v[i].out) == 0),
		       "path_norm('%s', %u) = %d '%s'", v[i].in, v[i].flags, rc, rc < 0 ? "" : b.p);
	}
	/* only n bytes count, and NUL bytes are ordinary */
	int rc = kiln_path_norm("a/b/../cXYZ", 8, &b, 0);
	tap_ok(rc == 0 && strcmp(b.p, "a/c") == 0, "path_norm reads only n bytes");
	rc = kiln_path_norm("a\0b/c", 5, &b, 0);
	tap_ok(rc == 0 && b.len == 5 && memcmp(b.p, "a\0b/c", 5) == 0, "path_norm keeps NUL bytes");
	kbuf_free(&b);

	size_t pos = 0, len, n = 0;
	const char *c;
	char seen[64] = "";
	while (kiln_path_next("/a//bc/", 7, &pos, &c, &len)) {
		n++;
		strncat(seen, c, len);
		strcat(seen, "|");
	}
	tap_ok(n == 5 && strcmp(seen, "|a||bc||") == 0, "path_next yields empty components: %s", seen);
	pos = 0;
	n = 0;
	while (kiln_path_next("", 0, &pos, &c, &len))
		n++;
	tap_ok(n == 1, "path_next: one empty component in \"\"");
	tap_ok(kiln_path_dots(".", 1) == 1 && kiln_path_dots("..", 2) == 2 &&
	       !kiln_path_dots("...", 3) && !kiln_path_dots(".a", 2) && !kiln_path_dots("", 0),
	       "path_dots");
}

static void test_fs(const char *tmp)
{
	char p[4096], q[4096];
	snprintf(p, sizeof p, "%s/a/b/c", tmp);
	tap_ok(kiln_mkdir_p(p) == 0, "mkdir_p makes the missing parents");
	tap_ok(kiln_mkdir_p(p) == 0, "mkdir_p of an existing directory");
	snprintf(q, sizeof q, "%s/a//b/./c/d/", tmp);
	tap_ok(kiln_mkdir_p(q) == 0, "mkdir_p with doubled slashes, '.' and a trailing slash");
	snprintf(q, sizeof q, "%s/a/b/file", tmp);
	int fd = open(q, O_WRONLY | O_CREAT, 0644);
	close(fd);
	tap_ok(kiln_mkdir_p(q) == ENOTDIR, "mkdir_p: a file in the way of the last component");
	snprintf(q, sizeof q, "%s/a/b/file/x/y", tmp);
	tap_ok(kiln_mkdir_p(q) == ENOTDIR, "mkdir_p: a file in the way of a parent");
	snprintf(q, sizeof q, "%s/link", tmp);
	snprintf(p, sizeof p, "%s/a/b", tmp);
	if (symlink(p, q) == 0) {
		snprintf(q, sizeof q, "%s/link/c/new", tmp);
		tap_ok(kiln_mkdir_p(q) == 0, "mkdir_p through a symlink to a directory");
	}

	/* symlink targets: short, longer than the first guess, the longest
	 * the kernel takes (4095 bytes: PATH_MAX - 1; no longer one exists) */
	struct kbuf b = {0};
	static const size_t lens[] = {1, 255, 256, 257, 1000, 4095};
	char *target = malloc(4096);
	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		for (size_t k = 0; k < lens[i]; k++)
			target[k] = k % 10 == 9 ? '/' : 'a' + (char)(k % 26);
		target[lens[i]] = 0;
		snprintf(q, sizeof q, "%s/l%zu", tmp, lens[i]);
		int ok = symlink(target, q) == 0 && kiln_readlink_at(AT_FDCWD, q, &b) == 0;
		tap_ok(ok && b.len == lens[i] && strcmp(b.p, target) == 0,
		       "readlink of a %zu-byte target, not truncated", lens[i]);
	}
	free(target);
	int dfd = open(tmp, O_RDONLY | O_DIRECTORY);
	tap_ok(kiln_readlink_at(dfd, "l255", &b) == 0 && b.len == 255, "readlink relative to a dirfd");
	tap_ok(kiln_readlink_at(dfd, "a", &b) == EINVAL, "readlink of a directory: EINVAL");
	tap_ok(kiln_readlink_at(dfd, "none", &b) == ENOENT, "readlink of nothing: ENOENT");
	close(dfd);
	tap_ok(kiln_readlink_at(AT_FDCWD, "/proc/self/exe", &b) == 0 && b.p[0] == '/',
	       "readlink of /proc/self/exe (st_size 0)");
	kbuf_free(&b);
}

static void test_line_err(void)
{
	char e[32];
	tap_ok(kiln_line_err(e, sizeof e, 7, "bad %s", "key") == -1 && strcmp(e, "line 7: bad key") == 0,
	       "line_err formats 'line N: ...'");
	kiln_line_err(e, 12, 123456, "long message");
	tap_ok(strcmp(e, "line 123456") == 0, "line_err truncates to the buffer");
	tap_ok(kiln_line_err(NULL, 0, 1, "x") == -1, "line_err without a buffer");
}

static int opts_seen(const char *want, ...)
{
	static const struct option lo[] = {
		{"root", required_argument, NULL, 'r'},
		{"dry-run", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char *argv[16] = {"prog"};
	va_list ap;
	va_start(ap, want);
	int argc = t_argv(argv, 1, 16, ap);
	va_end(ap);
	struct kiln_opt g = {.shortopts = "hd:", .longopts = lo};
	struct kbuf b = {0};
	int c;
	while ((c = kiln_opt_next(&g, argc, argv)) != -1) {
		if (c == KILN_OPT_DASHDASH)
			g.only_args = 1;
		kbuf_printf(&b, "%c[%s]%s ", c < ' ' ? '0' + c : c, g.token, g.arg ? g.arg : "-");
	}
	int ok = strcmp(kbuf_cstr(&b), want) == 0;
	if (!ok)
		tap_diag("got: %s", b.p);
	kbuf_free(&b);
	return ok;
}

static void test_opt(void)
{
	tap_ok(opts_seen("r[--root]/x r[--root=/y]/y n[--dry-run]- d[-d]t 1[a]a h[-h]- ",
			 "--root", "/x", "--root=/y", "--dry-run", "-d", "t", "a", "-h", NULL),
	       "opt: long and short options, values, arguments, in order");
	tap_ok(opts_seen("?[--ro]- 1[/x]/x ", "--ro", "/x", NULL), "opt: no abbreviations");
	tap_ok(opts_seen("?[-hd]- ", "-hd", NULL) && opts_seen("?[-dt]- ", "-dt", NULL) &&
	       opts_seen("?[-]- ", "-", NULL), "opt: no grouped or attached short options, '-'");
	tap_ok(opts_seen(":[--root]- ", "--root", NULL) && opts_seen(":[-d]- ", "-d", NULL),
	       "opt: a missing value");
	tap_ok(opts_seen("r[--root]-x ", "--root", "-x", NULL), "opt: a value may start with '-'");
	tap_ok(opts_seen("?[--dry-run=1]- ?[--frob]- ", "--dry-run=1", "--frob", NULL),
	       "opt: a value where none is taken, an unknown option");
	tap_ok(opts_seen("2[--]- 1[-h]-h 1[--]-- ", "--", "-h", "--", NULL),
	       "opt: after '--' (only_args) every token is an argument");
	tap_ok(opts_seen("h[-h]- ", "-h", NULL), "opt: state is reset between parses");
}

int main(void)
{
	test_sha256();
	test_escape();
	test_manifest();
	test_hmap();
	test_path();
	test_norm();
	test_line_err();
	test_opt();
	char tmp[512];
	if (t_tmpdir(tmp, sizeof tmp, "kiln-lib") < 0)
		return 1;
	test_fs(tmp);
	t_sh("rm -rf '%s'", tmp);
	return tap_done();
}
