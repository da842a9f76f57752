// SPDX-License-Identifier: GPL-2.0-or-later
/* toolchain-wrapper: Kiln's compiler wrapper. <tuple>-gcc, -g++, -cc,
 * -c++ and -cpp are links to it. It finds the real compiler and the
 * sysroot relative to its own location, adds the configured arch flags,
 * refuses the build machine's header and library directories, maps
 * build paths, and execs the real compiler. See docs/toolchains.md. */
#include "wrapper.h"
#include "../../support/kiln-tools/lib/err.h"
#include "../../support/kiln-tools/lib/path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Baked in by the toolchain package (toolchain/toolchain.mk). Paths are
 * relative to the wrapper's HOST_DIR (the parent of its bin/). */
#ifndef KILN_WRAPPER_REAL_DIR
#define KILN_WRAPPER_REAL_DIR "opt/ext-toolchain/bin"
#endif
#ifndef KILN_WRAPPER_REAL_PREFIX
#define KILN_WRAPPER_REAL_PREFIX ""
#endif
#ifndef KILN_WRAPPER_SYSROOT
#define KILN_WRAPPER_SYSROOT "sysroot"
#endif
#ifndef KILN_WRAPPER_CPU
#define KILN_WRAPPER_CPU ""
#endif
#ifndef KILN_WRAPPER_ARCH
#define KILN_WRAPPER_ARCH ""
#endif
#ifndef KILN_WRAPPER_ABI
#define KILN_WRAPPER_ABI ""
#endif
#ifndef KILN_WRAPPER_FPU
#define KILN_WRAPPER_FPU ""
#endif
#ifndef KILN_WRAPPER_FLOAT_ABI
#define KILN_WRAPPER_FLOAT_ABI ""
#endif
#ifndef KILN_WRAPPER_LAUNCHER
#define KILN_WRAPPER_LAUNCHER ""
#endif

#define MAX_REPORTED 16

static void usage(void)
{
	puts("Usage: <tuple>-gcc|-g++|-cc|-c++|-cpp [compiler arguments]\n"
	     "\n"
	     "Kiln's compiler wrapper. Run it through one of its links; it runs\n"
	     "the real compiler found at <HOST_DIR>/" KILN_WRAPPER_REAL_DIR "/" KILN_WRAPPER_REAL_PREFIX "<tool>\n"
	     "with --sysroot=<HOST_DIR>/" KILN_WRAPPER_SYSROOT ", the configured arch flags\n"
	     "(cpu '" KILN_WRAPPER_CPU "', arch '" KILN_WRAPPER_ARCH "', abi '" KILN_WRAPPER_ABI "',\n"
	     "fpu '" KILN_WRAPPER_FPU "', float-abi '" KILN_WRAPPER_FLOAT_ABI "') unless the command line sets\n"
	     "them, and -ffile-prefix-map for HOST_DIR and $KILN_BUILD_DIR.\n"
	     "HOST_DIR is the parent of the directory the wrapper is in.\n"
	     "It refuses -I, -L, -isystem, -idirafter, -iquote, --sysroot and\n"
	     "-Wl,-L options naming the build machine's /usr/include, /usr/lib,\n"
	     "/lib, /usr/local, ...\n"
	     "\n"
	     "Environment:\n"
	     "  KILN_BUILD_DIR=dir        mapped to /kiln/build in the output\n"
	     "  KILN_DEBUG_WRAPPER=1      print the real command line on stderr\n"
	     "  KILN_WRAPPER_LAUNCHER=cmd put cmd (ccache, distcc) in front of the\n"
	     "                            compiler; empty: none (default '" KILN_WRAPPER_LAUNCHER "')\n"
	     "  KILN_UNSAFE_PATHS=warn    only warn about unsafe paths");
}

/* The real tool for the name the wrapper was called by, or NULL. */
static const char *tool_for(const char *name)
{
	static const struct { const char *suffix, *tool; } map[] = {
		{"gcc", "gcc"}, {"g++", "g++"}, {"cc", "gcc"}, {"c++", "g++"}, {"cpp", "cpp"},
	};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		size_t s = strlen(map[i].suffix);
		if (n == s && !strcmp(name, map[i].suffix))
			return map[i].tool;
		if (n > s && name[n - s - 1] == '-' && !strcmp(name + n - s, map[i].suffix))
			return map[i].tool;
	}
	return NULL;
}

/* The package whose per-package directory host_dir is, or NULL. */
static char *package_of(const char *host_dir)
{
	size_t n = strlen(host_dir);
	static const char tail[] = "/host";
	if (n < sizeof tail || strcmp(host_dir + n - (sizeof tail - 1), tail))
		return NULL;
	char *pkgdir = kiln_xstrndup(host_dir, n - (sizeof tail - 1));
	char *slash = strrchr(pkgdir, '/');
	char *pkg = NULL;
	if (slash && slash - pkgdir >= 12 && !strncmp(slash - 12, "/per-package", 12))
		pkg = kiln_xstrndup(slash + 1, strlen(slash + 1));
	free(pkgdir);
	return pkg;
}

static void print_command(const char *prog, char *const argv[])
{
	struct kbuf b = {0};
	kbuf_printf(&b, "%s: running:", prog);
	for (size_t i = 0; argv[i]; i++) {
		kbuf_adds(&b, " '");
		for (const char *p = argv[i]; *p; p++) {
			if (*p == '\'')
				kbuf_adds(&b, "'\\''");
			else
				kbuf_addc(&b, *p);
		}
		kbuf_addc(&b, '\'');
	}
	kbuf_addc(&b, '\n');
	fwrite(b.p, 1, b.len, stderr);
	kbuf_free(&b);
}

static int report_unsafe(const struct kiln_ctx *ctx, const struct wrap_unsafe *bad, size_t n, int warn)
{
	for (size_t i = 0; i < n && i < MAX_REPORTED; i++) {
		struct kbuf b = {0};
		wrap_describe(&bad[i], &b);
		if (warn)
			kiln_warn(ctx, "unsafe path '%s' (in %s): the build machine's own files; use $STAGING_DIR",
				  kbuf_cstr(&b), bad[i].prefix);
		else
			kiln_err(ctx, NULL,
				 "unsafe path '%s' (in %s): the build machine's own files must not reach a target build; "
				 "fix the package's flags to use $STAGING_DIR (KILN_UNSAFE_PATHS=warn only warns)",
				 kbuf_cstr(&b), bad[i].prefix);
		kbuf_free(&b);
	}
	return warn ? 0 : 1;
}

/* Checks, builds and runs the real command line; returns only on error. */
static int run(const struct kiln_ctx *ctx, const struct wrap_cfg *cfg, int argc, char *argv[], int debug)
{
	struct wrap_seen seen;
	struct wrap_unsafe bad[MAX_REPORTED];
	size_t nbad = wrap_scan(cfg, argc, argv, &seen, bad, MAX_REPORTED);
	if (nbad && report_unsafe(ctx, bad, nbad, cfg->unsafe_warn))
		return 1;

	struct wrap_argv out = {0};
	wrap_build(cfg, &seen, argc, argv, &out);
	if (debug)
		print_command(ctx->prog, out.argv);
	int launch = cfg->launcher && cfg->launcher[0];
	if (launch)
		execvp(out.argv[0], out.argv);
	else
		execv(out.argv[0], out.argv);
	int e = errno;
	if (launch)
		kiln_err(ctx, cfg->launcher, "cannot run the compiler launcher: %s; install it, or unset KILN_WRAPPER_LAUNCHER and KILN_TOOLCHAIN_LAUNCHER",
			 strerror(e));
	else
		kiln_err(ctx, cfg->real, "cannot run the real compiler: %s; rebuild the toolchain (make toolchain-rebuild)",
			 strerror(e));
	wrap_argv_free(&out);
	return 127;
}

int main(int argc, char *argv[])
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	const char *tool = tool_for(name);
	if (!tool) {
		if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			usage();
			return 0;
		}
		fprintf(stderr, "%s: called as '%s': run it through one of its links, <tuple>-gcc, -g++, -cc, -c++ or -cpp (--help tells more)\n",
			name, argv[0]);
		return 2;
	}

	struct kiln_ctx ctx = {name, NULL};
	char *self = kiln_exe_dir();
	if (!self) {
		kiln_err(&ctx, "/proc/self/exe", "cannot find the wrapper's own location: %s", strerror(errno));
		return 1;
	}
	char *slash = strrchr(self, '/');
	char *host_dir = kiln_xstrndup(self, slash && slash != self ? (size_t)(slash - self) : 1);
	free(self);
	char *pkg = package_of(host_dir);
	ctx.pkg = pkg;

	char *real_dir = kiln_path_join(host_dir, KILN_WRAPPER_REAL_DIR);
	char *real_name = kiln_xmalloc(strlen(KILN_WRAPPER_REAL_PREFIX) + strlen(tool) + 1);
	strcpy(real_name, KILN_WRAPPER_REAL_PREFIX);
	strcat(real_name, tool);
	char *real = kiln_path_join(real_dir, real_name);
	char *sysroot = kiln_path_join(host_dir, KILN_WRAPPER_SYSROOT);

	const char *launcher = getenv("KILN_WRAPPER_LAUNCHER");
	const char *unsafe = getenv("KILN_UNSAFE_PATHS");
	const char *debug = getenv("KILN_DEBUG_WRAPPER");
	struct wrap_cfg cfg = {
		.real = real,
		.launcher = launcher ? launcher : KILN_WRAPPER_LAUNCHER,
		.sysroot = sysroot,
		.host_dir = host_dir,
		.build_dir = getenv("KILN_BUILD_DIR"),
		.cpu = KILN_WRAPPER_CPU, .arch = KILN_WRAPPER_ARCH,
		.abi = KILN_WRAPPER_ABI, .fpu = KILN_WRAPPER_FPU, .float_abi = KILN_WRAPPER_FLOAT_ABI,
		.unsafe_warn = unsafe && !strcmp(unsafe, "warn"),
	};

	int status = run(&ctx, &cfg, argc, argv, debug && debug[0] && strcmp(debug, "0"));
	free(sysroot);
	free(real);
	free(real_name);
	free(real_dir);
	free(pkg);
	free(host_dir);
	return status;
}
