// SPDX-License-Identifier: GPL-2.0-or-later
/* kiln-makedevs: applies device and permission tables to a root
 * filesystem tree (see docs/system.md). Run it under fakeroot: the
 * owners and device nodes then exist only in the image made in the same
 * session. */
#include "apply.h"
#include "table.h"
#include "../lib/err.h"
#include "../lib/opt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *f)
{
	fputs("usage: kiln-makedevs -d TABLE [-d TABLE]... ROOTDIR\n"
	      "Applies each TABLE, in order, to the tree ROOTDIR. A line is\n"
	      "  name type mode uid gid major minor start inc count\n"
	      "with type d (directory, made if missing), f (existing file),\n"
	      "r (existing tree, recursively), c or b (device node), p (fifo)\n"
	      "and '-' for unused fields; '#' starts a comment.\n",
	      f);
}

static const struct kiln_ctx ctx = {"kiln-makedevs", NULL};

static int apply_table(const char *table, const char *root)
{
	FILE *f = fopen(table, "r");
	if (!f) {
		kiln_err(&ctx, table, "cannot open the device table: %s", strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	int rc = 0;
	static struct mkd_entry e;
	while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			n--;
		char err[256], where[4200];
		snprintf(where, sizeof where, "%s:%lu", table, lineno);
		int r = mkd_parse_line(line, (size_t)n, &e, err, sizeof err);
		if (r < 0) {
			kiln_err(&ctx, where, "%s", err);
			rc = -1;
		} else if (r > 0) {
			rc = mkd_apply(root, &e, where);
		}
	}
	if (ferror(f)) {
		kiln_err(&ctx, table, "read error");
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

static const struct option longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int main(int argc, char **argv)
{
	const char *tables[256];
	int ntables = 0;
	const char *root = NULL;
	struct kiln_opt g = {.shortopts = "hd:", .longopts = longopts};
	int c;
	while ((c = kiln_opt_next(&g, argc, argv)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		} else if (c == 'd') {
			if (ntables == 256) {
				fputs("kiln-makedevs: at most 256 tables\n", stderr);
				return 2;
			}
			tables[ntables++] = g.arg;
		} else if (c != KILN_OPT_ARG || g.arg[0] == '-' || root) {
			fprintf(stderr, "kiln-makedevs: unexpected argument '%s'\n", g.token);
			usage(stderr);
			return 2;
		} else {
			root = g.arg;
		}
	}
	if (!root || ntables == 0) {
		usage(stderr);
		return 2;
	}
	struct stat st;
	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		kiln_err(&ctx, root, "not a directory (the root filesystem tree)");
		return 1;
	}
	for (int i = 0; i < ntables; i++)
		if (apply_table(tables[i], root) < 0)
			return 1;
	return 0;
}
