// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of kiln-rpath's pieces: the ELF parser (hand-made images,
 * every truncation, corrupt offsets, files built by cc), RPATH lists and
 * $ORIGIN paths, and the argument parser. */
#include "tap.h"
#include "util.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../rpath/rpath.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- a tiny ELF writer: header, PT_LOAD + PT_DYNAMIC, dynamic, strtab ---- */
struct img {
	unsigned char b[1024];
	size_t len;
	int be, is64;
};

static void put(struct img *m, size_t off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned k = m->be ? n - 1 - i : i;
		m->b[off + k] = (unsigned char)(v >> (8 * i));
	}
}

/* Offsets of interesting places, for corrupting them. */
struct layout {
	size_t phoff, dynoff, stroff, strsz;
};

static struct layout mk_elf(struct img *m, int is64, int be, unsigned machine, const char *rpath,
			    const char *runpath, const char *const *needed, size_t nneeded)
{
	struct layout L;
	memset(m, 0, sizeof *m);
	m->be = be;
	m->is64 = is64;
	size_t w = is64 ? 8 : 4, eh = is64 ? 64 : 52, ph = is64 ? 56 : 32;
	memcpy(m->b, "\177ELF", 4);
	m->b[4] = is64 ? 2 : 1;
	m->b[5] = be ? 2 : 1;
	m->b[6] = 1;
	put(m, 16, 3, 2); /* ET_DYN */
	put(m, 18, machine, 2);
	L.phoff = eh;
	put(m, is64 ? 32 : 28, L.phoff, (unsigned)w);
	put(m, is64 ? 54 : 42, ph, 2);
	put(m, is64 ? 56 : 44, 2, 2);
	L.dynoff = eh + 2 * ph;
	size_t ndyn = nneeded + 2 + (rpath != NULL) + (runpath != NULL) + 1;
	L.stroff = L.dynoff + ndyn * 2 * w;
	/* strtab */
	size_t s = L.stroff;
	m->b[s++] = 0;
	size_t off_rp = 0, off_rn = 0, off_n[8];
	if (rpath) {
		off_rp = s - L.stroff;
		memcpy(m->b + s, rpath, strlen(rpath) + 1);
		s += strlen(rpath) + 1;
	}
	if (runpath) {
		off_rn = s - L.stroff;
		memcpy(m->b + s, runpath, strlen(runpath) + 1);
		s += strlen(runpath) + 1;
	}
	for (size_t i = 0; i < nneeded; i++) {
		off_n[i] = s - L.stroff;
		memcpy(m->b + s, needed[i], strlen(needed[i]) + 1);
		s += strlen(needed[i]) + 1;
	}
	L.strsz = s - L.stroff;
	m->len = s;
	uint64_t base = 0x10000;
	/* PT_LOAD: the whole file at vaddr base; PT_DYNAMIC */
	size_t p0 = L.phoff, p1 = L.phoff + ph;
	put(m, p0, 1, 4);
	put(m, p1, 2, 4);
	if (is64) {
		put(m, p0 + 8, 0, 8), put(m, p0 + 16, base, 8), put(m, p0 + 32, m->len, 8);
		put(m, p1 + 8, L.dynoff, 8), put(m, p1 + 16, base + L.dynoff, 8);
		put(m, p1 + 32, ndyn * 16, 8);
	} else {
		put(m, p0 + 4, 0, 4), put(m, p0 + 8, base, 4), put(m, p0 + 16, m->len, 4);
		put(m, p1 + 4, L.dynoff, 4), put(m, p1 + 8, base + L.dynoff, 4);
		put(m, p1 + 16, ndyn * 8, 4);
	}
	size_t d = L.dynoff;
#define DYN(tag, val) (put(m, d, tag, (unsigned)w), put(m, d + w, val, (unsigned)w), d += 2 * w)
	for (size_t i = 0; i < nneeded; i++)
		DYN(1, off_n[i]);
	DYN(5, base + L.stroff);
	DYN(10, L.strsz);
	if (rpath)
		DYN(15, off_rp);
	if (runpath)
		DYN(29, off_rn);
	DYN(0, 0);
#undef DYN
	return L;
}

static int parse(const struct img *m, size_t len, struct rp_elf *e)
{
	char err[160];
	return rp_elf_parse(m->b, len, e, err, sizeof err);
}

static void test_handmade(void)
{
	static const char *const need[] = {"libz.so.1", "libc.so.6"};
	for (int v = 0; v < 4; v++) {
		int is64 = v & 1, be = v >> 1;
		struct img m;
		mk_elf(&m, is64, be, EM_AARCH64, "/a/b:$ORIGIN", "/r", need, 2);
		struct rp_elf e;
		int rc = parse(&m, m.len, &e);
		tap_ok(rc == 0 && e.cls == (is64 ? 64 : 32) && e.be == be && e.machine == EM_AARCH64 &&
			       e.type == 3 && e.dynamic && e.rpath && strcmp(e.rpath, "/a/b:$ORIGIN") == 0 &&
			       e.runpath && strcmp(e.runpath, "/r") == 0 && e.nneeded == 2 &&
			       strcmp(e.needed[0], "libz.so.1") == 0 && strcmp(e.needed[1], "libc.so.6") == 0,
		       "hand-made ELF%d %s endian: machine, RPATH, RUNPATH, NEEDED", is64 ? 64 : 32,
		       be ? "big" : "little");
		rp_elf_free(&e);
		/* every truncation: no crash, never a successful parse claiming
		 * strings past the cut */
		int ok = 1;
		for (size_t cut = 0; cut < m.len; cut++) {
			rc = parse(&m, cut, &e);
			if (rc == 0 && e.rpath && (const unsigned char *)e.rpath + strlen(e.rpath) >= m.b + cut)
				ok = 0;
			if (cut < 4 && rc != 1)
				ok = 0;
			if (cut >= 4 && rc == 1)
				ok = 0;
			rp_elf_free(&e);
		}
		tap_ok(ok, "ELF%d %s endian: every truncation is rejected or parsed in bounds",
		       is64 ? 64 : 32, be ? "big" : "little");
	}
	struct img m;
	struct rp_elf e;
	mk_elf(&m, 1, 0, EM_X86_64, NULL, NULL, NULL, 0);
	tap_ok(parse(&m, m.len, &e) == 0 && e.dynamic && !e.rpath && !e.runpath && e.nneeded == 0,
	       "no RPATH, no NEEDED");
	rp_elf_free(&e);
	memcpy(m.b, "\177ELX", 4);
	tap_ok(parse(&m, m.len, &e) == 1, "not ELF: bad magic");
	tap_ok(parse(&m, 0, &e) == 1, "not ELF: empty");
}

static void test_corrupt(void)
{
	static const char *const need[] = {"libz.so.1"};
	struct img m;
	struct rp_elf e;
	struct layout L;
	char err[160];
#define FRESH() (L = mk_elf(&m, 1, 0, EM_X86_64, "/x", NULL, need, 1))
	FRESH();
	m.b[4] = 3;
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1 && strstr(err, "class"),
	       "bad class: %s", err);
	FRESH();
	m.b[5] = 0;
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "bad data encoding: %s", err);
	FRESH();
	put(&m, 32, 100000, 8);
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1 && e.machine == EM_X86_64,
	       "program headers past the end (header still read): %s", err);
	FRESH();
	put(&m, 32, UINT64_MAX - 10, 8);
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "e_phoff overflow: %s", err);
	FRESH();
	put(&m, 54, 8, 2);
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "tiny e_phentsize: %s", err);
	FRESH();
	put(&m, 56, 0xffff, 2);
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "PN_XNUM: %s", err);
	FRESH();
	put(&m, L.phoff + 56 + 32, 1u << 20, 8); /* PT_DYNAMIC p_filesz */
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "huge dynamic segment: %s", err);
	FRESH();
	put(&m, L.dynoff + 16 + 8, 0x999999, 8); /* DT_STRTAB value */
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "unmapped DT_STRTAB: %s", err);
	FRESH();
	put(&m, L.dynoff + 8, 5000, 8); /* DT_NEEDED offset */
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "NEEDED past the strtab: %s", err);
	FRESH();
	m.len--; /* strtab loses its last NUL */
	put(&m, L.dynoff + 32 + 8, L.strsz + 10, 8); /* DT_STRSZ too big: bounded by the file */
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "unterminated string: %s", err);
	FRESH();
	put(&m, L.dynoff + 16, 7, 8); /* DT_STRTAB tag becomes DT_RELA */
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == -1, "no DT_STRTAB: %s", err);
	FRESH();
	put(&m, 56, 0, 2);
	tap_ok(rp_elf_parse(m.b, m.len, &e, err, sizeof err) == 0 && !e.dynamic,
	       "no program headers (an object file): parsed, not dynamic");
	rp_elf_free(&e);
#undef FRESH
	/* random damage: must never crash (ASan watches) */
	unsigned seed = 42;
	int n0 = 0;
	for (int round = 0; round < 20000; round++) {
		L = mk_elf(&m, round & 1, (round >> 1) & 1, EM_X86_64, "/x:/y", "$ORIGIN", need, 1);
		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			m.b[(seed >> 8) % m.len] = (unsigned char)(seed >> 20);
		}
		if (rp_elf_parse(m.b, m.len, &e, err, sizeof err) == 0)
			n0++;
		rp_elf_free(&e);
	}
	tap_ok(1, "20000 randomly damaged images parsed without a crash (%d accepted)", n0);
}

/* tmp/f.c built by a cross compiler, when it is installed */
static void cross(const char *tmp, const char *gcc, unsigned machine, int cls, const char *what)
{
	char path[700];
	snprintf(path, sizeof path, "%s/lib-%s.so", tmp, gcc);
	if (t_sh("cd '%s' && %s -shared -fPIC -o '%s' f.c 2>/dev/null", tmp, gcc, path) != 0) {
		tap_ok(1, "# SKIP %s not installed", gcc);
		return;
	}
	struct kbuf b = {0};
	struct rp_elf e;
	char err[256];
	kiln_read_file_at(AT_FDCWD, path, &b, NULL);
	int rc = rp_elf_parse((unsigned char *)b.p, b.len, &e, err, sizeof err);
	tap_ok(rc == 0 && e.machine == machine && e.cls == cls && !e.be, "%s", what);
	rp_elf_free(&e);
	kbuf_free(&b);
}

static void test_cc(const char *tmp)
{
	char cmd[2048], path[600];
	struct kbuf b = {0};
	struct rp_elf e;
	char err[160];
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && printf 'int f(void){return 3;}\\n' > f.c && "
		 "printf 'int f(void); int main(void){return f();}\\n' > m.c && "
		 "cc -shared -fPIC -o libf.so f.c -Wl,-rpath,/opt/a:/opt/b && "
		 "cc -o m m.c -L. -lf -Wl,--disable-new-dtags -Wl,-rpath,'$ORIGIN' && "
		 "cc -c -o f.o f.c",
		 tmp);
	if (!tap_ok(t_sh("%s", cmd) == 0, "cc builds a shared library and an executable"))
		return;
	snprintf(path, sizeof path, "%s/libf.so", tmp);
	kiln_read_file_at(AT_FDCWD, path, &b, NULL);
	int rc = rp_elf_parse((unsigned char *)b.p, b.len, &e, err, sizeof err);
	tap_ok(rc == 0 && e.cls == 64 && e.type == 3 && e.runpath && !e.rpath &&
		       strcmp(e.runpath, "/opt/a:/opt/b") == 0,
	       "cc -shared -Wl,-rpath: DT_RUNPATH read (%s)", e.runpath ? e.runpath : "none");
	const struct rp_arch *h = rp_arch_host();
	tap_ok(h && e.machine == h->machine, "machine of the build machine (%u)", e.machine);
	rp_elf_free(&e);
	snprintf(path, sizeof path, "%s/m", tmp);
	kiln_read_file_at(AT_FDCWD, path, &b, NULL);
	rc = rp_elf_parse((unsigned char *)b.p, b.len, &e, err, sizeof err);
	int libf = 0, libc = 0;
	for (size_t i = 0; rc == 0 && i < e.nneeded; i++) {
		libf |= strcmp(e.needed[i], "libf.so") == 0;
		libc |= strncmp(e.needed[i], "libc.so", 7) == 0;
	}
	tap_ok(rc == 0 && e.rpath && !e.runpath && strcmp(e.rpath, "$ORIGIN") == 0 && libf && libc,
	       "--disable-new-dtags: DT_RPATH; NEEDED libf.so and libc");
	rp_elf_free(&e);
	snprintf(path, sizeof path, "%s/f.o", tmp);
	kiln_read_file_at(AT_FDCWD, path, &b, NULL);
	tap_ok(rp_elf_parse((unsigned char *)b.p, b.len, &e, err, sizeof err) == 0 && e.type == ET_REL &&
		       !e.dynamic,
	       "an object file: ET_REL, no dynamic section");
	rp_elf_free(&e);
	cross(tmp, "aarch64-linux-gnu-gcc", EM_AARCH64, 64, "aarch64 cross library");
	cross(tmp, "arm-linux-gnueabihf-gcc", EM_ARM, 32, "arm 32-bit cross library");
	kbuf_free(&b);
}

static void test_paths(void)
{
	static const struct { const char *in, *out; } abs[] = {
		{"/a/b", "/a/b"}, {"//a///b/", "/a/b"}, {"/a/./b/../c", "/a/c"}, {"/..", "/"},
		{"/", "/"}, {"/a/b/../../..", "/"},
	};
	int ok = 1;
	for (size_t i = 0; i < sizeof abs / sizeof abs[0]; i++) {
		char *n = rp_norm_abs(abs[i].in);
		if (strcmp(n, abs[i].out) != 0) {
			tap_diag("norm_abs(%s) = %s, want %s", abs[i].in, n, abs[i].out);
			ok = 0;
		}
		free(n);
	}
	tap_ok(ok, "lexical normalisation of absolute paths");
	char *r = rp_norm_rel("bin/../lib/./x/");
	char *r2 = rp_norm_rel("bin/../../lib");
	tap_ok(r && strcmp(r, "lib/x") == 0 && r2 == NULL, "relative normalisation; climbing out is NULL");
	free(r);
	static const struct { const char *from, *to, *out; } o[] = {
		{"bin", "lib", "$ORIGIN/../lib"},
		{"lib", "lib", "$ORIGIN"},
		{"lib", "lib64", "$ORIGIN/../lib64"},
		{"", "lib", "$ORIGIN/lib"},
		{"usr/bin", "usr/lib", "$ORIGIN/../lib"},
		{"libexec/gcc/x/12", "lib", "$ORIGIN/../../../../lib"},
		{"lib", "", "$ORIGIN/.."},
		{"lib/python3/site", "lib", "$ORIGIN/../.."},
		{"usr/lib", "usr/lib/x", "$ORIGIN/x"},
	};
	ok = 1;
	for (size_t i = 0; i < sizeof o / sizeof o[0]; i++) {
		char *s = rp_origin_rel(o[i].from, o[i].to);
		if (strcmp(s, o[i].out) != 0) {
			tap_diag("origin_rel(%s, %s) = %s, want %s", o[i].from, o[i].to, s, o[i].out);
			ok = 0;
		}
		free(s);
	}
	tap_ok(ok, "$ORIGIN-relative paths between host directories");
	tap_ok(rp_under("/a/b", "/a") && rp_under("/a", "/a") && !rp_under("/ab", "/a") &&
		       rp_under("/x", "/"),
	       "rp_under");
	tap_ok(rp_origin_rest("$ORIGIN") && *rp_origin_rest("$ORIGIN") == 0 &&
		       strcmp(rp_origin_rest("${ORIGIN}/../lib"), "/../lib") == 0 &&
		       !rp_origin_rest("$ORIGINX") && !rp_origin_rest("/usr/lib"),
	       "$ORIGIN and ${ORIGIN} tokens");
	tap_ok(rp_in_sysroot("host/aarch64-linux-gnu/sysroot/usr/lib/x", NULL) &&
		       rp_in_sysroot("host/t/sysroot", NULL) && rp_in_sysroot("host/lib/sysroot/x", NULL) &&
		       !rp_in_sysroot("host/bin/x", NULL) && !rp_in_sysroot("target/a/sysroot/x", NULL) &&
		       rp_in_sysroot("host/s/r/x", "host/s/r") && !rp_in_sysroot("host/t/sysroot/x", "host/s/r"),
	       "sysroot detection (default host/*/sysroot, or --sysroot-dir)");
	struct rp_list l = {0};
	struct kbuf b = {0};
	rp_list_split(&l, "/a::/b:/a:");
	rp_list_join(&l, &b);
	tap_ok(strcmp(b.p, "/a:/b") == 0, "split drops empty and repeated entries: %s", b.p);
	rp_list_free(&l);
	kbuf_free(&b);
}

static int args(struct rp_opts *o, struct kbuf *msg, ...)
{
	char *argv[32] = {"kiln-rpath"};
	va_list ap;
	va_start(ap, msg);
	int argc = t_argv(argv, 1, 32, ap);
	va_end(ap);
	return rp_parse_args(argc, argv, o, msg);
}

static void test_args(void)
{
	struct rp_opts o;
	struct kbuf m = {0};
	int rc = args(&o, &m, "--root", "/r//", "--pkg", "host-zlib", "--arch=aarch64", "--exclude",
		      "target/lib/firmware/*", "--build-dir", "/b/", "--build-dir=/c", "--sysroot-dir",
		      "host/aarch64-linux-gnu/sysroot/", "--dry-run", "-v", NULL);
	tap_ok(rc == RP_ARGS_OK && strcmp(o.root, "/r") == 0 && strcmp(o.pkg, "host-zlib") == 0 &&
		       o.arch->machine == EM_AARCH64 && o.nexclude == 1 && o.nbuild == 2 &&
		       strcmp(o.build_dirs[0], "/b") == 0 &&
		       strcmp(o.sysroot, "host/aarch64-linux-gnu/sysroot") == 0 && o.dry_run && o.verbose,
	       "all options parsed");
	rp_opts_free(&o);
	static const struct { const char *a[4]; const char *msg; } bad[] = {
		{{"--root", "r", NULL}, "absolute"},
		{{"--root", "/r", "--pkg", "Bad"}, "invalid package name"},
		{{"--arch", "mips", NULL}, "unknown --arch"},
		{{"--frob", NULL}, "unknown option"},
		{{"stray", NULL}, "unexpected argument"},
		{{"--root", NULL}, "needs a value"},
		{{"--sysroot-dir", "/abs", NULL}, "--sysroot-dir"},
		{{"--sysroot-dir", "host/../x", NULL}, "--sysroot-dir"},
		{{"--root", "/r", "--pkg", "p"}, "--arch"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rc = args(&o, &m, bad[i].a[0], bad[i].a[1], bad[i].a[2], bad[i].a[3], NULL);
		tap_ok(rc == RP_ARGS_USAGE && m.p && strstr(m.p, bad[i].msg), "usage error: %s",
		       m.p ? m.p : "?");
		rp_opts_free(&o);
	}
	rc = args(&o, &m, "--pkg", "p", "--help", NULL);
	tap_ok(rc == RP_ARGS_HELP && strstr(rp_usage, "--exclude"), "--help");
	rp_opts_free(&o);
	kbuf_free(&m);
}

int main(void)
{
	char tmp[512];
	if (t_tmpdir(tmp, sizeof tmp, "kiln-elf") < 0)
		return 1;
	test_handmade();
	test_corrupt();
	test_cc(tmp);
	test_paths();
	test_args();
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	t_sh("%s", cmd);
	return tap_done();
}
