// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"

#include <string.h>

static void on_ref(void *arg, const char *name, size_t len)
{
	struct scan *s = arg;
	if (strlen(s->pkg) == len && memcmp(s->pkg, name, len) == 0) {
		s->self = 1;
		return;
	}
	/* report each other package once per file */
	for (size_t i = 0; i < s->seen.len;) {
		size_t l = strlen(s->seen.p + i);
		if (l == len && memcmp(s->seen.p + i, name, len) == 0)
			return;
		i += l + 1;
	}
	kbuf_add(&s->seen, name, len);
	kbuf_addc(&s->seen, 0);
	s->leaks++;
	int nl = (int)len;
	if (s->quiet)
		return;
	if (s->strict)
		kiln_err(s->ctx, s->path, "contains the per-package directory of %.*s (%s/%.*s/); the "
			 "package's build leaks another package's path (fix the build of %s, e.g. "
			 "with a relative path or the configure option naming the dependency)",
			 nl, name, s->root, nl, name, s->pkg);
	else
		kiln_warn(s->ctx, "%s contains the per-package directory of %.*s (%s/%.*s/); the "
			  "package's build leaks another package's path", s->path, nl, name, s->root,
			  nl, name);
}

void scan_content(struct scan *s, const char *data, size_t n)
{
	struct kbuf rs = {0};
	kbuf_adds(&rs, s->root);
	kbuf_addc(&rs, '/');
	s->seen.len = 0;
	scan_pkgrefs(data, n, rs.p, rs.len, on_ref, s);
	kbuf_free(&rs);
}
