# SPDX-License-Identifier: GPL-2.0-or-later
# ------------------------------------------------------------------
# The C helpers, built for the build machine into the output directory
# (or KILN_TOOLS_DIR, which tests share between output directories: the
# lock keeps two builds from compiling into it at once).

# The touch keeps a no-op make from re-entering the sub-make when only
# a source the binaries do not use (a test) changed.
KILN_TOOLS_SRC := $(filter-out %/tests/% %/fuzz/%,$(wildcard $(TOPDIR)/support/kiln-tools/*/*.[ch]) \
	$(TOPDIR)/support/kiln-tools/Makefile)
# Under a top-level -jN the helpers share its job slots; at -j1 nothing
# else runs yet, so they get every core (half the time of a serial build).
KILN_TOOLS_JOBS = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$$(nproc))
# One sub-make builds them all; a missing one (removed by hand, or by
# the clean of an older Kiln) makes it run again, whatever the dates.
KILN_TOOLS_BINS = $(addprefix $(KILN_TOOLS_DIR)/bin/,kiln-pkgdir kiln-rpath kiln-makedevs kiln-pkg-config)
$(PKGDIR_TOOL): $(KILN_TOOLS_SRC) $(if $(filter-out $(wildcard $(KILN_TOOLS_BINS)),$(KILN_TOOLS_BINS)),kiln-tools-missing)
	@mkdir -p $(KILN_TOOLS_DIR)
	+$(Q)flock $(KILN_TOOLS_DIR)/.lock $(MAKE) $(KILN_TOOLS_JOBS) -C $(TOPDIR)/support/kiln-tools O=$(KILN_TOOLS_DIR) >$(STAMP_DIR)/kiln-tools.log 2>&1 || \
		{ cat $(STAMP_DIR)/kiln-tools.log >&2; echo "kiln: building Kiln's own C helpers failed (log above); is gcc installed? run utils/setup-host" >&2; exit 1; }
	$(Q)touch $@

.PHONY: kiln-tools
kiln-tools: $(PKGDIR_TOOL)

.PHONY: kiln-tools-missing
kiln-tools-missing:

# make clean removes the helpers only when they live in the output
# directory: a KILN_TOOLS_DIR elsewhere is shared with other ones.
KILN_TOOLS_CLEAN = $(filter $(O)/%,$(abspath $(KILN_TOOLS_DIR)))
