# SPDX-License-Identifier: GPL-2.0-or-later
# The sandbox of the package steps (docs/sandbox.md). make only says,
# when a step runs, what the step may write and see; kiln-step
# (support/scripts/kiln-step and kiln-sandbox.sh) decides whether the
# machine allows a sandbox and starts the step in bubblewrap. Nothing
# here runs at parse time or in a no-op make.
#
# KILN_SANDBOX: y (the default) runs extract, patch, configure, build
# and install in the sandbox where the machine allows it (a probe, once
# per output directory, kiln-sandbox.sh), n never. From the environment
# or the command line.
KILN_SANDBOX ?= y

# The steps that run in the sandbox. download keeps the network and
# writes dl/; assemble, record and the hash are Kiln's own steps, which
# write other packages' records (.damaged) and are trusted. A package
# may keep some of its steps out with <PKG>_SANDBOX_STEPS, a subset of
# these (the toolchain's install, which hardlinks from a cache that is
# a separate mount in the sandbox).
KILN_SANDBOX_STEPS := extract patch configure build install
kiln-sandbox-steps = $(filter $(KILN_SANDBOX_STEPS),$(call kiln-var,SANDBOX_STEPS,$(KILN_SANDBOX_STEPS)))

# What the step may write: its build directory, and from configure on
# (after the first assemble made them) its per-package directories;
# the install step of a package with <PKG>_INSTALL_IMAGES = YES also
# output/images; and the directories <PKG>_SANDBOX_RW names, made if
# missing (the toolchain's: its cache, KILN_TOOLCHAIN_CACHE).
kiln-sandbox-rw = $(@D) $(if $(filter extract patch,$(1)),,$(PER_PACKAGE_DIR)/$(PKG)) \
	$(if $(and $(filter install,$(1)),$(filter YES,$($(PKGUP)_INSTALL_IMAGES))),$(BINARIES_DIR)) \
	$(call kiln-var,SANDBOX_RW)
# What it reads that may live under /tmp, which the sandbox replaces
# with an empty one: the Kiln tree, the output and download
# directories, the C helpers (and the cache their link points to), the
# external trees, a local source directory, the toolchain cache.
kiln-sandbox-ro = $(TOPDIR) $(BASE_DIR) $(DL_DIR) $(KILN_TOOLS_DIR) $(realpath $(KILN_TOOLS_DIR)) \
	$(KILN_EXTERNAL) $($(PKGUP)_OVERRIDE_SRCDIR) $(KILN_TOOLCHAIN_CACHE)
# The per-package directories of the package's dependency closure, read
# only; the others are hidden.
kiln-sandbox-see = $(addprefix $(PER_PACKAGE_DIR)/,$(call kiln-closure,$(PKG)))

# <PKG>_CONF_RUN_TESTS = YES (a target package): for a target
# architecture the build machine cannot run, its configure and build steps exec the
# target's programs directly, through qemu registered in the sandbox's
# own binfmt_misc (kiln-sandbox.sh), with its STAGING_DIR as their
# library root; pkg-autotools.mk then leaves --build out, so configure
# finds it can run them. Passed with the sandbox off too, for the
# configure step's warning.
kiln-sandbox-run-tests = $(and $(filter YES,$($(PKGUP)_CONF_RUN_TESTS)),$(filter target,$($(PKGUP)_TYPE)),yes)
kiln-sandbox-binfmt-env = $(if $(and $(kiln-sandbox-run-tests),$(filter-out x86_64,$(KILN_ARCH_NAME)),$(filter configure build,$(1))),\
	KILN_SANDBOX_BINFMT='$(KILN_ARCH_NAME)' KILN_SANDBOX_LD_PREFIX='$(STAGING_DIR)')

# $(call kiln-sandbox-env,STEP): the environment kiln-step reads.
kiln-sandbox-env = $(call kiln-sandbox-binfmt-env,$(1)) \
	$(if $(and $(filter y,$(KILN_SANDBOX)),$(filter $(1),$(kiln-sandbox-steps))),\
	KILN_SANDBOX_RW='$(strip $(call kiln-sandbox-rw,$(1)))' \
	KILN_SANDBOX_RO='$(strip $(kiln-sandbox-ro))' \
	KILN_SANDBOX_HIDE='$(PER_PACKAGE_DIR)' \
	KILN_SANDBOX_SEE='$(strip $(kiln-sandbox-see))' \
	KILN_SANDBOX_DOC='$(TOPDIR)/docs/sandbox.md',KILN_SANDBOX_RW=)
