// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of kiln-makedevs: the table parser, and entries applied to
 * a scratch tree (device nodes only when run as root). */
#include "tap.h"
#include "util.h"
#include "../makedevs/apply.h"
#include "../makedevs/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static struct mkd_entry e;

static int parse(const char *line, char *err, size_t n)
{
	err[0] = '\0';
	return mkd_parse_line(line, strlen(line), &e, err, n);
}

static void test_parse(void)
{
	char err[256];
	tap_ok(parse("", err, sizeof err) == 0, "empty line");
	tap_ok(parse("   # comment", err, sizeof err) == 0, "comment line");
	tap_ok(parse("/dev/console c 600 0 0 5 1 - - -", err, sizeof err) == 1 &&
		       e.type == 'c' && e.mode == 0600 && e.major == 5 && e.minor == 1 &&
		       strcmp(e.name, "/dev/console") == 0,
	       "character device");
	tap_ok(parse("/bin/busybox\tf\t4755\t0\t0\t-\t-\t-\t-\t-", err, sizeof err) == 1 &&
		       e.mode == 04755 && e.type == 'f',
	       "setuid file, tab separated");
	tap_ok(parse("//dev//tty c 666 0 5 5 0 0 1 4 # trailing", err, sizeof err) == 1 &&
		       strcmp(e.name, "/dev/tty") == 0 && e.count == 4 && e.gid == 5,
	       "series, name normalized, trailing comment");
	tap_ok(parse("dev/null c 666 0 0 1 3 - - -", err, sizeof err) < 0 && strstr(err, "absolute"),
	       "relative name refused");
	tap_ok(parse("/dev/../etc/x f 644 0 0 - - - - -", err, sizeof err) < 0, "'..' refused");
	tap_ok(parse("/ d 755 0 0 - - - - -", err, sizeof err) < 0, "the root itself refused");
	tap_ok(parse("/x q 644 0 0 - - - - -", err, sizeof err) < 0 && strstr(err, "type"), "bad type");
	tap_ok(parse("/x f 689 0 0 - - - - -", err, sizeof err) < 0 && strstr(err, "octal"), "bad mode");
	tap_ok(parse("/x f 644 root 0 - - - - -", err, sizeof err) < 0 && strstr(err, "uid"), "named uid");
	tap_ok(parse("/x f 644 0 0 - - -", err, sizeof err) < 0 && strstr(err, "10 fields"), "too few fields");
	tap_ok(parse("/x f 644 0 0 - - - - - extra", err, sizeof err) < 0, "too many fields");
	tap_ok(parse("/x c 644 0 0 - 1 - - -", err, sizeof err) < 0 && strstr(err, "major"), "device without major");
	tap_ok(parse("/x f 644 0 0 1 1 - - -", err, sizeof err) < 0, "major on a file");
	tap_ok(parse("/x c 644 0 0 1 1 0 1 5000", err, sizeof err) < 0 && strstr(err, "count"), "count too large");
	tap_ok(mkd_parse_line("/x\0 d", 5, &e, err, sizeof err) < 0, "NUL byte refused");
}

static void test_apply(void)
{
	char root[512];
	if (t_tmpdir(root, sizeof root, "kiln-makedevs") < 0)
		return;
	char err[256], path[600], line[128];
	struct stat st;
	/* the caller's own uid and gid: chown to them works for a user who is
	 * not root too (kiln-makedevs runs under fakeroot in a build) */
	unsigned uid = (unsigned)getuid(), gid = (unsigned)getgid();
	snprintf(line, sizeof line, "/var/lib/x d 1777 %u %u - - - - -", uid, gid);
	parse(line, err, sizeof err);
	snprintf(path, sizeof path, "%s/var/lib/x", root);
	tap_ok(mkd_apply(root, &e, "t:1") == 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
		       (st.st_mode & 07777) == 01777,
	       "directory made, with its sticky mode");
	parse("/missing f 600 0 0 - - - - -", err, sizeof err);
	tap_ok(mkd_apply(root, &e, "t:2") < 0, "a missing file is an error");
	snprintf(path, sizeof path, "%s/shadow", root);
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	snprintf(line, sizeof line, "/shadow f 600 %u %u - - - - -", uid, gid);
	parse(line, err, sizeof err);
	tap_ok(mkd_apply(root, &e, "t:3") == 0 && stat(path, &st) == 0 && (st.st_mode & 07777) == 0600,
	       "file mode set");
	snprintf(line, sizeof line, "/run/fifo p 644 %u %u - - - - -", uid, gid);
	parse(line, err, sizeof err);
	snprintf(path, sizeof path, "%s/run/fifo", root);
	tap_ok(mkd_apply(root, &e, "t:4") == 0 && stat(path, &st) == 0 && S_ISFIFO(st.st_mode), "fifo");
	if (geteuid() == 0) {
		parse("/dev/ttyX c 620 0 5 4 64 0 1 3", err, sizeof err);
		snprintf(path, sizeof path, "%s/dev/ttyX2", root);
		tap_ok(mkd_apply(root, &e, "t:5") == 0 && stat(path, &st) == 0 && S_ISCHR(st.st_mode) &&
			       major(st.st_rdev) == 4 && minor(st.st_rdev) == 66 && st.st_gid == 5,
		       "device series: ttyX2 is 4:66");
	} else {
		tap_ok(1, "# SKIP device nodes need root");
	}
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	tap_ok(system(cmd) == 0, "cleanup");
}

int main(void)
{
	test_parse();
	test_apply();
	return tap_done();
}
