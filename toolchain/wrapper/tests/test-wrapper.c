// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the wrapper's argument handling: unsafe paths in every
 * form, arch flags added or left alone, prefix maps, normalisation. */
#include "../../../support/kiln-tools/tests/tap.h"
#include "../wrapper.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct wrap_cfg base = {
	.real = "/h/opt/ext-toolchain/bin/aarch64-linux-gnu-gcc",
	.sysroot = "/h/aarch64-linux-gnu/sysroot",
	.host_dir = "/h",
	.build_dir = "/out/build",
	.cpu = "cortex-a53",
	.abi = "lp64",
	.fpu = "neon-vfpv4",
	.float_abi = "hard",
};

/* argv from a NULL-terminated list, argv[0] = "gcc". */
static int mkargv(char **argv, va_list ap)
{
	int n = 0;
	argv[n++] = "gcc";
	const char *s;
	while ((s = va_arg(ap, const char *)))
		argv[n++] = (char *)s;
	argv[n] = NULL;
	return n;
}

/* Number of unsafe paths found; first one's flag/prefix in *u. */
static size_t scan(const struct wrap_cfg *cfg, struct wrap_unsafe *u, struct wrap_seen *seen, ...)
{
	char *argv[32];
	va_list ap;
	va_start(ap, seen);
	int argc = mkargv(argv, ap);
	va_end(ap);
	struct wrap_unsafe bad[8];
	size_t n = wrap_scan(cfg, argc, argv, seen, bad, 8);
	if (n && u)
		*u = bad[0];
	return n;
}

/* The built command line, joined with spaces. */
static char *built(const struct wrap_cfg *cfg, ...)
{
	char *argv[32];
	va_list ap;
	va_start(ap, cfg);
	int argc = mkargv(argv, ap);
	va_end(ap);
	struct wrap_seen seen;
	wrap_scan(cfg, argc, argv, &seen, NULL, 0);
	struct wrap_argv out = {0};
	wrap_build(cfg, &seen, argc, argv, &out);
	struct kbuf b = {0};
	for (size_t i = 0; i < out.argc; i++)
		kbuf_printf(&b, "%s%s", i ? " " : "", out.argv[i]);
	tap_ok(out.argv[out.argc] == NULL, "argv is NULL-terminated");
	wrap_argv_free(&out);
	return kbuf_cstr(&b);
}

static void test_unsafe_forms(void)
{
	static const struct { const char *a, *b, *flag, *prefix; } v[] = {
		{"-I/usr/include", NULL, "-I", "/usr/include"},
		{"-I", "/usr/include", "-I", "/usr/include"},
		{"-I/usr/include/glib-2.0", NULL, "-I", "/usr/include"},
		{"-isystem", "/usr/include", "-isystem", "/usr/include"},
		{"-isystem/usr/include", NULL, "-isystem", "/usr/include"},
		{"-idirafter", "/usr/local/include", "-idirafter", "/usr/local"},
		{"-idirafter/usr/include", NULL, "-idirafter", "/usr/include"},
		{"-iquote", "/usr/include", "-iquote", "/usr/include"},
		{"-iquote/usr/X11R6/include", NULL, "-iquote", "/usr/X11R6"},
		{"-L/usr/lib", NULL, "-L", "/usr/lib"},
		{"-L", "/lib", "-L", "/lib"},
		{"-L/lib64", NULL, "-L", "/lib64"},
		{"-L/usr/lib/x86_64-linux-gnu", NULL, "-L", "/usr/lib"},
		{"-L/usr/local/lib", NULL, "-L", "/usr/local"},
		{"-I//usr//include", NULL, "-I", "/usr/include"},
		{"-I/usr/./include/", NULL, "-I", "/usr/include"},
		{"-I/opt/../usr/include", NULL, "-I", "/usr/include"},
		{"-L/usr/lib/../lib", NULL, "-L", "/usr/lib"},
		{"--include-directory=/usr/include", NULL, "--include-directory", "/usr/include"},
		{"--include-directory", "/usr/include", "--include-directory", "/usr/include"},
		{"--include-directory-after=/usr/include", NULL, "--include-directory-after", "/usr/include"},
		{"--library-directory=/usr/lib", NULL, "--library-directory", "/usr/lib"},
		{"-Wl,-L/usr/lib", NULL, "-Wl,-L", "/usr/lib"},
		{"-Wl,-O1,-L,/lib", NULL, "-Wl,-L", "/lib"},
		{"-Wl,--library-path=/usr/lib", NULL, "-Wl,--library-path", "/usr/lib"},
		{"--sysroot=/", NULL, "--sysroot", "/"},
		{"--sysroot", "//", "--sysroot", "/"},
		{"-isysroot", "/usr/local/sdk", "-isysroot", "/usr/local"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct wrap_unsafe u = {0};
		struct wrap_seen seen;
		size_t n = scan(&base, &u, &seen, "-c", v[i].a, v[i].b, NULL);
		tap_ok(n == 1 && !strcmp(u.flag, v[i].flag) && !strcmp(u.prefix, v[i].prefix),
		       "unsafe: '%s%s%s' is refused as %s in %s", v[i].a, v[i].b ? " " : "", v[i].b ? v[i].b : "",
		       v[i].flag, v[i].prefix);
	}
}

static void test_safe(void)
{
	static const char *const v[] = {
		"-I/h/aarch64-linux-gnu/sysroot/usr/include", /* own staging */
		"-I/out/build/zlib-1.3",                      /* a build directory */
		"-Iinclude", "-I../usr/include",              /* relative */
		"-I=/usr/include",                            /* sysroot-relative */
		"-L/h/aarch64-linux-gnu/sysroot/usr/lib",
		"-I/usr/includes", "-L/usr/library", "-I/libfoo", /* look-alikes */
		"-Wl,-rpath,/usr/lib",                        /* runtime path, not a search path */
		"-include", "-Ifoo",
		"--sysroot=/h/aarch64-linux-gnu/sysroot",
		"-I/h/../usr/include/../../h/x",              /* normalises into /h */
		"-lusr", "/usr/include/foo.h",                /* not an option */
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct wrap_seen seen;
		tap_ok(scan(&base, NULL, &seen, v[i], NULL) == 0, "safe: '%s'", v[i]);
	}
	struct wrap_seen seen;
	tap_ok(scan(&base, NULL, &seen, "-o", "-I/usr/include", NULL) == 1,
	       "an option's argument that looks like -I is still checked (as gcc would read it)");
	tap_ok(scan(&base, NULL, &seen, "-I", NULL) == 0, "a trailing -I without a directory is left to the compiler");
	struct wrap_cfg in_usr_local = base;
	in_usr_local.host_dir = "/usr/local/src/out/per-package/zlib/host";
	tap_ok(scan(&in_usr_local, NULL, &seen, "-I/usr/local/src/out/per-package/zlib/host/x/sysroot/usr/include", NULL) == 0,
	       "an output directory below /usr/local is still the package's own");
	tap_ok(scan(&base, NULL, &seen, "-I/usr/include", "-L/usr/lib", "-Wl,-L/lib", NULL) == 3,
	       "every unsafe path is reported");
}

static void test_seen(void)
{
	struct wrap_seen s;
	scan(&base, NULL, &s, "-c", "x.c", NULL);
	tap_ok(!s.cpu_group && !s.abi && !s.fpu && !s.float_abi, "nothing seen on a plain command line");
	scan(&base, NULL, &s, "-mcpu=cortex-a72", NULL);
	tap_ok(s.cpu_group && !s.abi, "-mcpu= is seen");
	scan(&base, NULL, &s, "-march=armv8-a", NULL);
	tap_ok(s.cpu_group, "-march= is seen");
	scan(&base, NULL, &s, "-mtune=generic", NULL);
	tap_ok(s.cpu_group, "-mtune= is seen");
	scan(&base, NULL, &s, "-mabi=ilp32", "-mfpu=vfpv3", "-mfloat-abi=softfp", NULL);
	tap_ok(s.abi && s.fpu && s.float_abi && !s.cpu_group, "-mabi=, -mfpu=, -mfloat-abi= are seen separately");
	scan(&base, NULL, &s, "-msoft-float", NULL);
	tap_ok(s.float_abi, "-msoft-float counts as a float ABI");
	scan(&base, NULL, &s, "-mthumb", "-mno-unaligned-access", NULL);
	tap_ok(!s.cpu_group && !s.float_abi, "other -m flags do not count");
}

static int contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static void test_build(void)
{
	char *c = built(&base, "-c", "x.c", NULL);
	tap_ok(!strncmp(c, "/h/opt/ext-toolchain/bin/aarch64-linux-gnu-gcc --sysroot=/h/aarch64-linux-gnu/sysroot ", strlen("/h/opt/ext-toolchain/bin/aarch64-linux-gnu-gcc --sysroot=/h/aarch64-linux-gnu/sysroot ")),
	       "real compiler first, then --sysroot: %s", c);
	tap_ok(contains(c, " -mcpu=cortex-a53 -mabi=lp64 -mfpu=neon-vfpv4 -mfloat-abi=hard "), "configured arch flags added");
	tap_ok(contains(c, " -ffile-prefix-map=/h=/kiln/host -ffile-prefix-map=/out/build=/kiln/build "), "prefix maps for HOST_DIR and the build directory");
	tap_ok(strlen(c) > 7 && !strcmp(c + strlen(c) - 7, " -c x.c"), "user arguments come last, in order");
	free(c);

	c = built(&base, "-march=armv8.2-a", "-c", "x.c", NULL);
	tap_ok(!contains(c, "-mcpu=") && contains(c, "-mabi=lp64") && contains(c, " -march=armv8.2-a -c"),
	       "-march on the command line: no -mcpu added, -mabi still is");
	free(c);
	c = built(&base, "-mfloat-abi=softfp", "-mfpu=vfpv3-d16", NULL);
	tap_ok(!contains(c, "-mfloat-abi=hard") && !contains(c, "-mfpu=neon-vfpv4") && contains(c, "-mcpu=cortex-a53"),
	       "user -mfpu/-mfloat-abi replace the configured ones, -mcpu stays");
	free(c);

	struct wrap_cfg cfg = base;
	cfg.cpu = "";
	cfg.arch = "rv64gc";
	cfg.abi = "lp64d";
	cfg.fpu = NULL;
	cfg.float_abi = NULL;
	cfg.build_dir = NULL;
	c = built(&cfg, "x.c", NULL);
	tap_ok(contains(c, " -march=rv64gc -mabi=lp64d ") && !contains(c, "-mcpu") && !contains(c, "-mfpu") &&
		       !contains(c, "-mfloat-abi"),
	       "unset flags are not passed: %s", c);
	tap_ok(!contains(c, "/kiln/build"), "no build map without KILN_BUILD_DIR");
	free(c);

	cfg = base;
	cfg.launcher = "ccache";
	c = built(&cfg, "-c", "x.c", NULL);
	tap_ok(!strncmp(c, "ccache /h/opt/ext-toolchain/bin/aarch64-linux-gnu-gcc --sysroot=", 64), "launcher goes in front: %s", c);
	free(c);

	c = built(&base, "--sysroot=/h/other", NULL);
	tap_ok(contains(c, "--sysroot=/h/aarch64-linux-gnu/sysroot") && contains(c, "--sysroot=/h/other"),
	       "--sysroot is always passed; a later user one wins in gcc");
	free(c);
}

static void test_normalize(void)
{
	static const struct { const char *in, *out; } v[] = {
		{"/", "/"}, {"//", "/"}, {"/usr//include/", "/usr/include"}, {"/./usr/.", "/usr"},
		{"/usr/include/..", "/usr"}, {"/..", "/"}, {"/../..//usr", "/usr"}, {"/a/b/../../c", "/c"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char buf[64];
		size_t n = wrap_normalize(v[i].in, strlen(v[i].in), buf);
		tap_ok(n == strlen(v[i].out) && !strcmp(buf, v[i].out), "normalize '%s' -> '%s' (got '%s')", v[i].in, v[i].out, buf);
	}
}

static void test_describe(void)
{
	struct wrap_unsafe u;
	struct wrap_seen seen;
	struct kbuf b = {0};
	scan(&base, &u, &seen, "-I", "/usr/include", NULL);
	wrap_describe(&u, &b);
	tap_ok(!strcmp(kbuf_cstr(&b), "-I /usr/include"), "message names '-I /usr/include'");
	b.len = 0;
	scan(&base, &u, &seen, "-Wl,-L/usr/lib", NULL);
	wrap_describe(&u, &b);
	tap_ok(!strcmp(kbuf_cstr(&b), "-Wl,-L/usr/lib"), "message names '-Wl,-L/usr/lib'");
	b.len = 0;
	scan(&base, &u, &seen, "--sysroot=/", NULL);
	wrap_describe(&u, &b);
	tap_ok(!strcmp(kbuf_cstr(&b), "--sysroot=/"), "message names '--sysroot=/'");
	kbuf_free(&b);
}

int main(void)
{
	test_unsafe_forms();
	test_safe();
	test_seen();
	test_build();
	test_normalize();
	test_describe();
	return tap_done();
}
