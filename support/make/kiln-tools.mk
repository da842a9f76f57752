# SPDX-License-Identifier: GPL-2.0-or-later
# ------------------------------------------------------------------
# The C helpers, built for the build machine.
#
# By default they are built once per user and Kiln source state, in
# ${XDG_CACHE_HOME:-$HOME/.cache}/kiln/tools/<key>, and O/kiln-tools is a
# symbolic link to that entry (support/scripts/kiln-tools-cache: the key
# hashes the helpers' sources, their Makefile and the compiler). The
# stamp O/build/.kiln/.stamp_kiln_tools depends on the sources, so a
# no-op make computes no hash: a changed source re-runs the script,
# which builds a new entry only when the key changed. Without a
# writable cache, O/kiln-tools is the build itself.
#
# A KILN_TOOLS_DIR given by the user (tests share one between output
# directories) is built into as it is, under its own lock.

# The sources the binaries are built from (not the tests).
KILN_TOOLS_SRC := $(filter-out %/tests/% %/fuzz/%,$(wildcard $(TOPDIR)/support/kiln-tools/*/*.[ch]) \
	$(TOPDIR)/support/kiln-tools/Makefile)
# Under a top-level -jN the helpers share its job slots; at -j1 nothing
# else runs yet, so they get every core (half the time of a serial build).
KILN_TOOLS_JOBS = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$$(nproc))
# The sub-make builds them all; a missing one (removed by hand, a
# cache entry removed, or the clean of an older Kiln) makes it run
# again, whatever the dates.
KILN_TOOLS_BINS = $(addprefix $(KILN_TOOLS_DIR)/bin/,kiln-pkgdir kiln-rpath kiln-makedevs kiln-pkg-config)
KILN_TOOLS_MISSING = $(if $(filter-out $(wildcard $(KILN_TOOLS_BINS)),$(KILN_TOOLS_BINS)),kiln-tools-missing)

ifeq ($(KILN_TOOLS_CACHED),y)
KILN_TOOLS_STAMP := $(STAMP_DIR)/.stamp_kiln_tools
# "make kiln-tools" always computes the key again: after a compiler
# upgrade (which no date shows), it links the entry of the new compiler.
$(KILN_TOOLS_STAMP): $(KILN_TOOLS_SRC) $(KILN_TOOLS_MISSING) $(if $(filter kiln-tools,$(MAKECMDGOALS)),kiln-tools-missing)
	@mkdir -p $(@D)
	+$(Q)MAKE='$(MAKE)' $(TOPDIR)/support/scripts/kiln-tools-cache $(KILN_TOOLS_DIR) $(STAMP_DIR)/kiln-tools.log \
		$(KILN_TOOLS_SRC) -- $(KILN_TOOLS_JOBS)
	$(Q)touch $@
# Every user of a helper names one as an order-only prerequisite.
$(KILN_TOOLS_BINS): $(KILN_TOOLS_STAMP) ;
else
KILN_TOOLS_STAMP := $(PKGDIR_TOOL)
$(PKGDIR_TOOL): $(KILN_TOOLS_SRC) $(KILN_TOOLS_MISSING)
	@mkdir -p $(KILN_TOOLS_DIR)
	+$(Q)flock $(KILN_TOOLS_DIR)/.lock $(MAKE) $(KILN_TOOLS_JOBS) -C $(TOPDIR)/support/kiln-tools O=$(KILN_TOOLS_DIR) >$(STAMP_DIR)/kiln-tools.log 2>&1 || \
		{ cat $(STAMP_DIR)/kiln-tools.log >&2; echo "kiln: building Kiln's own C helpers failed (log above); they need gcc and OpenSSL's libcrypto headers (Debian: apt-get install gcc libssl-dev, or run utils/setup-host)" >&2; exit 1; }
	$(Q)touch $@
endif

.PHONY: kiln-tools
kiln-tools: $(KILN_TOOLS_STAMP)

.PHONY: kiln-tools-missing
kiln-tools-missing:

# make clean removes the helpers only when they live in the output
# directory (O/kiln-tools: the link to the cache entry, never the
# entry): a KILN_TOOLS_DIR elsewhere is shared with other ones.
KILN_TOOLS_CLEAN = $(filter $(O)/%,$(abspath $(KILN_TOOLS_DIR)))
