// SPDX-License-Identifier: GPL-2.0-or-later
/* Tests of kiln-pkg-config: the configuration parser and the plan (unit),
 * then end to end: this test program copies itself into a temporary
 * HOST_DIR/bin under the wrapper's names (run under any name other than
 * test-pkgconfig it *is* the wrapper), next to a fake pkgconf that prints
 * its environment and arguments, and next to the real pkgconf. */
#include "tap.h"
#include "util.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../pkgconfig/kpc.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmp[512];
static struct kbuf out, err;

static int conf(const char *text, struct kpc_conf *c, char *e)
{
	return kpc_conf_parse(text, strlen(text), c, e, 256);
}

static void test_conf(void)
{
	struct kpc_conf c;
	char e[256];
	int rc = conf("# Kiln\n\nsysroot=aarch64-linux-gnu/sysroot\nstatic=1\n", &c, e);
	tap_ok(rc == 0 && strcmp(c.sysroot, "aarch64-linux-gnu/sysroot") == 0 && c.is_static,
	       "config: sysroot and static");
	kpc_conf_free(&c);
	rc = conf("  sysroot = ./a//b/../sysroot/  \r\n static=0", &c, e);
	tap_ok(rc == 0 && strcmp(c.sysroot, "a/sysroot") == 0 && !c.is_static,
	       "config: blanks, CRLF, no final newline, path normalised");
	kpc_conf_free(&c);
	static const struct { const char *in, *msg; } bad[] = {
		{"static=1\n", "line 1: no sysroot="},
		{"sysroot=/abs\n", "line 1: sysroot must be a path relative"},
		{"sysroot=a/../../x\n", "line 1: sysroot must be"},
		{"sysroot=\n", "line 1: sysroot must be"},
		{"sysroot=..\n", "line 1: sysroot must be"},
		{"sysroot=a\nsysroot=b\n", "line 2: sysroot given twice"},
		{"sysroot=a\nstatic=2\n", "line 2: static must be 0 or 1"},
		{"sysroot=a\nstatic=1\nstatic=1\n", "line 3: static given twice"},
		{"sysroot=a\nprefix=/usr\n", "line 2: unknown key 'prefix'"},
		{"# c\nsysroot a\n", "line 2: expected key=value"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rc = conf(bad[i].in, &c, e);
		tap_ok(rc == -1 && strstr(e, bad[i].msg), "config error: %s", e);
		kpc_conf_free(&c);
	}
	rc = kpc_conf_parse("sysroot=a\0b\n", 12, &c, e, sizeof e);
	tap_ok(rc == -1 && strstr(e, "line 1: NUL"), "config error: %s", e);
	kpc_conf_free(&c);
}

static void test_plan(void)
{
	char *h = kpc_hostdir("/o/host/bin");
	char *r = kpc_hostdir("/bin");
	tap_ok(strcmp(h, "/o/host") == 0 && strcmp(r, "/") == 0, "HOST_DIR is the parent of bin");
	free(h);
	free(r);
	struct kpc_conf c = {.sysroot = "aarch64-linux-gnu/sysroot", .is_static = 1};
	struct kpc_plan p;
	kpc_plan_make("/o/host/bin", "/o/host/bin/aarch64-linux-gnu-pkg-config", NULL, &c, &p);
	tap_ok(!p.host && strcmp(p.sysroot_dir, "/o/host/aarch64-linux-gnu/sysroot") == 0 &&
		       strcmp(p.libdir, "/o/host/aarch64-linux-gnu/sysroot/usr/lib/pkgconfig:"
					"/o/host/aarch64-linux-gnu/sysroot/usr/share/pkgconfig") == 0 &&
		       p.add_static && strcmp(p.pkgconf, "/o/host/bin/pkgconf") == 0,
	       "plan: target mode");
	kpc_plan_free(&p);
	kpc_plan_make("/o/host/bin", "host-pkg-config", NULL, &c, &p);
	tap_ok(p.host && !p.sysroot_dir && !p.add_static &&
		       strcmp(p.libdir, "/o/host/lib/pkgconfig:/o/host/share/pkgconfig") == 0,
	       "plan: host- name is host mode");
	kpc_plan_free(&p);
	kpc_plan_make("/o/host/bin", "pkg-config", "1", &c, &p);
	tap_ok(p.host, "plan: KILN_PKG_CONFIG_HOST=1 is host mode");
	kpc_plan_free(&p);
	kpc_plan_make("/o/host/bin", "pkg-config", "0", &c, &p);
	tap_ok(!p.host, "plan: KILN_PKG_CONFIG_HOST=0 is not");
	kpc_plan_free(&p);
	kpc_plan_make("/o/host/bin", "pkg-config", NULL, NULL, &p);
	tap_ok(p.host, "plan: no configuration is host mode");
	kpc_plan_free(&p);
}

/* Runs prog with args and exactly the environment env (NULL-terminated
 * "K=V" strings); captures stdout and stderr. */
static int run(const char *prog, const char *const *args, const char *const *env)
{
	char *argv[32];
	int n = 0;
	argv[n++] = (char *)prog;
	for (size_t i = 0; args && args[i]; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	char of[700], ef[700];
	snprintf(of, sizeof of, "%s/out", tmp);
	snprintf(ef, sizeof ef, "%s/err", tmp);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, of, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, ef, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char *envp[32];
	int k = 0;
	envp[k++] = "PATH=/usr/bin:/bin";
	envp[k++] = "ASAN_OPTIONS=detect_leaks=1";
	for (size_t i = 0; env && env[i]; i++)
		envp[k++] = (char *)env[i];
	envp[k] = NULL;
	pid_t pid;
	int st = -1;
	if (posix_spawn(&pid, prog, &fa, NULL, argv, envp) == 0)
		waitpid(pid, &st, 0);
	posix_spawn_file_actions_destroy(&fa);
	kiln_read_file_at(AT_FDCWD, of, &out, NULL);
	kiln_read_file_at(AT_FDCWD, ef, &err, NULL);
	if (err.len)
		tap_diag("stderr: %s", err.p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int has(const char *s)
{
	return out.p && strstr(out.p, s);
}

static char *S(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *S(const char *fmt, ...)
{
	static char bufs[8][2048];
	static int k;
	char *b = bufs[k++ % 8];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, 2048, fmt, ap);
	va_end(ap);
	return b;
}

static void test_wrapper(const char *self)
{
	char host[700], tool[800], hosttool[800], plain[800];
	snprintf(host, sizeof host, "%s/out dir/host", tmp); /* a space, on purpose */
	t_sh("mkdir -p '%s/bin' '%s/share/kiln' '%s/aarch64-linux-gnu/sysroot/usr/lib/pkgconfig'", host,
	   host, host);
	snprintf(plain, sizeof plain, "%s/bin/pkg-config", host);
	snprintf(tool, sizeof tool, "%s/bin/aarch64-linux-gnu-pkg-config", host);
	snprintf(hosttool, sizeof hosttool, "%s/bin/host-pkg-config", host);
	t_sh("cp '%s' '%s' && ln '%s' '%s' && ln '%s' '%s'", self, plain, plain, tool, plain, hosttool);
	t_sh("printf '#!/bin/sh\\necho \"LIBDIR=${PKG_CONFIG_LIBDIR-unset}\"\\n"
	   "echo \"SYSROOT=${PKG_CONFIG_SYSROOT_DIR-unset}\"\\necho \"PATH=${PKG_CONFIG_PATH-unset}\"\\n"
	   "for a; do echo \"ARG=$a\"; done\\n' > '%s/bin/pkgconf' && chmod +x '%s/bin/pkgconf'",
	   host, host);
	static const char *const a1[] = {"--cflags", "foo bar", "--help", NULL};

	int rc = run(tool, a1, NULL);
	tap_ok(rc == 0 && has(S("LIBDIR=%s/lib/pkgconfig:%s/share/pkgconfig\n", host, host)) &&
		       has("SYSROOT=unset") && has("ARG=--cflags\nARG=foo bar\nARG=--help\n"),
	       "no configuration: host pkg-config; arguments (and --help) passed unchanged");

	t_sh("printf 'sysroot=aarch64-linux-gnu/sysroot\\n' > '%s/share/kiln/pkg-config.conf'", host);
	const char *sr = S("%s/aarch64-linux-gnu/sysroot", host);
	char srbuf[800];
	snprintf(srbuf, sizeof srbuf, "%s", sr);
	rc = run(tool, a1, NULL);
	tap_ok(rc == 0 &&
		       has(S("LIBDIR=%s/usr/lib/pkgconfig:%s/usr/share/pkgconfig\n", srbuf, srbuf)) &&
		       has(S("SYSROOT=%s\n", srbuf)) && has("PATH=unset") && !has("--static") &&
		       has("ARG=--cflags\n"),
	       "<tuple>-pkg-config: target mode with the sysroot beside it");
	rc = run(plain, a1, NULL);
	tap_ok(rc == 0 && has(S("SYSROOT=%s\n", srbuf)), "pkg-config (a hard link): target mode too");
	rc = run(hosttool, a1, NULL);
	tap_ok(rc == 0 && has("SYSROOT=unset") && has(S("LIBDIR=%s/lib/pkgconfig:", host)),
	       "host-pkg-config: host mode regardless of the configuration");
	static const char *const ehost[] = {"KILN_PKG_CONFIG_HOST=1", NULL};
	rc = run(tool, a1, ehost);
	tap_ok(rc == 0 && has("SYSROOT=unset"), "KILN_PKG_CONFIG_HOST=1: host mode");
	static const char *const epre[] = {"PKG_CONFIG_LIBDIR=/mine", "PKG_CONFIG_SYSROOT_DIR=/sr",
					   "PKG_CONFIG_PATH=/extra", NULL};
	rc = run(tool, a1, epre);
	tap_ok(rc == 0 && has("LIBDIR=/mine\n") && has("SYSROOT=/sr\n") && has("PATH=/extra\n"),
	       "values already in the environment are kept");

	t_sh("printf 'sysroot=aarch64-linux-gnu/sysroot\\nstatic=1\\n' > '%s/share/kiln/pkg-config.conf'",
	   host);
	rc = run(tool, a1, NULL);
	tap_ok(rc == 0 && has("ARG=--static\nARG=--cflags\n"), "static=1: --static first");

	/* moved: the whole HOST_DIR elsewhere */
	char moved[700];
	snprintf(moved, sizeof moved, "%s/sdk/elsewhere", tmp);
	t_sh("mkdir -p '%s/sdk' && mv '%s' '%s'", tmp, host, moved);
	rc = run(S("%s/bin/aarch64-linux-gnu-pkg-config", moved), a1, NULL);
	tap_ok(rc == 0 && has(S("SYSROOT=%s/aarch64-linux-gnu/sysroot\n", moved)),
	       "moved directory: paths follow the wrapper");
	t_sh("mv '%s' '%s'", moved, host);

	static const char *const ah[] = {"--kiln-help", NULL};
	rc = run(tool, ah, NULL);
	tap_ok(rc == 0 && has("--kiln-help") && has("pkg-config.conf") && !has("ARG="),
	       "--kiln-help: the wrapper's own help");

	t_sh("printf 'sysroot=/abs\\n' > '%s/share/kiln/pkg-config.conf'", host);
	rc = run(tool, a1, NULL);
	tap_ok(rc == 1 && strstr(err.p, S("%s/share/kiln/pkg-config.conf: line 1: sysroot", host)),
	       "bad configuration: exit 1, names the file and the line");
	t_sh("printf 'sysroot=aarch64-linux-gnu/sysroot\\n' > '%s/share/kiln/pkg-config.conf'", host);

	t_sh("mv '%s/bin/pkgconf' '%s/bin/pkgconf.away'", host, host);
	rc = run(tool, a1, NULL);
	tap_ok(rc == 127 && strstr(err.p, S("%s/bin/pkgconf: pkgconf not found", host)) &&
		       strstr(err.p, "host-pkgconf"),
	       "missing pkgconf: exit 127, names the path and host-pkgconf");

	/* the real pkgconf */
	if (access("/usr/bin/pkgconf", X_OK) != 0) {
		tap_ok(1, "# SKIP /usr/bin/pkgconf not installed (apt-get install pkgconf)");
		return;
	}
	/* pkgconf 1.8 mangles a sysroot with a space (it prefixes an escaped
	 * copy): the real pkgconf runs in a directory without one */
	t_sh("mv '%s' '%s'", host, moved);
	snprintf(host, sizeof host, "%s", moved);
	snprintf(srbuf, sizeof srbuf, "%s/aarch64-linux-gnu/sysroot", host);
	snprintf(tool, sizeof tool, "%s/bin/aarch64-linux-gnu-pkg-config", host);
	snprintf(hosttool, sizeof hosttool, "%s/bin/host-pkg-config", host);
	t_sh("cp /usr/bin/pkgconf '%s/bin/pkgconf'", host);
	t_sh("printf 'prefix=/usr\\nincludedir=${prefix}/include/foo\\nlibdir=${prefix}/lib/foo\\n"
	   "Name: foo\\nDescription: d\\nVersion: 1.2\\nCflags: -I${includedir} -DFOO\\n"
	   "Libs: -L${libdir} -lfoo\\nLibs.private: -lm\\n' > '%s/usr/lib/pkgconfig/foo.pc'",
	   srbuf);
	static const char *const ar[] = {"--cflags", "--libs", "foo", NULL};
	rc = run(tool, ar, NULL);
	tap_ok(rc == 0 && has(S("-I%s/usr/include/foo", srbuf)) && has(S("-L%s/usr/lib/foo", srbuf)) &&
		       has("-lfoo") && !has("-lm"),
	       "real pkgconf: --cflags --libs answer with the sysroot prefix: %s", out.p);
	t_sh("printf 'sysroot=aarch64-linux-gnu/sysroot\\nstatic=1\\n' > '%s/share/kiln/pkg-config.conf'",
	   host);
	rc = run(tool, ar, NULL);
	tap_ok(rc == 0 && has("-lfoo") && has("-lm"), "real pkgconf, static=1: private libs too");
	static const char *const ax[] = {"--exists", "foo", NULL};
	tap_ok(run(hosttool, ax, NULL) == 1, "real pkgconf, host mode: the target's foo is not seen");
	static const char *const av[] = {"--modversion", "foo", NULL};
	tap_ok(run(tool, av, NULL) == 0 && has("1.2"), "real pkgconf: --modversion");
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	name = name ? name + 1 : argv[0];
	if (strcmp(name, "test-pkgconfig") != 0)
		return kpc_main(argc, argv); /* a copy of this program is the wrapper */
	if (t_tmpdir(tmp, sizeof tmp, "kiln-pkgconfig") < 0)
		return 1;
	struct kbuf self = {0};
	kiln_readlink_at(AT_FDCWD, "/proc/self/exe", &self);
	test_conf();
	test_plan();
	test_wrapper(self.p);
	kbuf_free(&self);
	t_sh("rm -rf '%s'", tmp);
	kbuf_free(&out);
	kbuf_free(&err);
	return tap_done();
}
