# SPDX-License-Identifier: GPL-2.0-or-later
# The sandbox of the package steps (docs/sandbox.md). make only says,
# when a step runs, what the step may write and see; kiln-step
# (support/scripts/kiln-step and kiln-sandbox.sh) decides whether the
# machine allows a sandbox and starts the step in bubblewrap. Nothing
# here runs at parse time or in a no-op make.
#
# KILN_SANDBOX: y (the default) runs extract, patch, configure, build,
# install and test (make <pkg>-test) in the sandbox where the machine allows it (a probe, once
# per output directory, kiln-sandbox.sh), n never. From the environment
# or the command line.
KILN_SANDBOX ?= y

# The steps that run in the sandbox. download keeps the network and
# writes dl/; assemble, record and the hash are Kiln's own steps, which
# write other packages' records (.damaged) and are trusted. A package
# may keep some of its steps out with <PKG>_SANDBOX_STEPS, a subset of
# these (the toolchain's install, which hardlinks from a cache that is
# a separate mount in the sandbox).
KILN_SANDBOX_STEPS := extract patch configure build install test
kiln-sandbox-steps = $(filter $(KILN_SANDBOX_STEPS),$(call kiln-var,SANDBOX_STEPS,$(KILN_SANDBOX_STEPS)))

# What the step may write: its build directory, and from configure on
# (after the first assemble made them) its per-package directories,
# but in the test step, which reads them;
# the install step of a package with <PKG>_INSTALL_IMAGES = YES also
# output/images; and the directories <PKG>_SANDBOX_RW names, made if
# missing (the toolchain's: its cache, KILN_TOOLCHAIN_CACHE).
kiln-sandbox-rw = $(@D) $(if $(filter extract patch test,$(1)),,$(PER_PACKAGE_DIR)/$(PKG)) \
	$(if $(and $(filter install,$(1)),$(filter YES,$($(PKGUP)_INSTALL_IMAGES))),$(BINARIES_DIR)) \
	$(call kiln-var,SANDBOX_RW) $(KILN_CCACHE_DIR)

# A ccache launcher (KILN_TOOLCHAIN_LAUNCHER, or KILN_WRAPPER_LAUNCHER
# from the environment) writes its cache at every compile: its
# directory is writable in the sandbox. ccache's own default
# (CCACHE_DIR, else ~/.ccache when it exists, else
# $XDG_CACHE_HOME/ccache or ~/.cache/ccache) is exported, so that ccache
# and the sandbox agree, with its temporary files in it too (ccache's
# default, /run/user/<uid>, is read-only in the sandbox). Not found
# from ccache's configuration file: a cache_dir set there must be
# given as CCACHE_DIR.
KILN_CCACHE_DIR := $(if $(filter ccache,$(notdir $(or $(KILN_WRAPPER_LAUNCHER),$(KILN_TOOLCHAIN_LAUNCHER)))),$(or \
	$(CCACHE_DIR),$(wildcard $(HOME)/.ccache),$(or $(filter /%,$(XDG_CACHE_HOME)),$(HOME)/.cache)/ccache))
ifneq ($(KILN_CCACHE_DIR),)
export CCACHE_DIR := $(KILN_CCACHE_DIR)
export CCACHE_TEMPDIR ?= $(KILN_CCACHE_DIR)/tmp
endif
# What it reads that may live under /tmp, which the sandbox replaces
# with an empty one: the Kiln tree, the output and download
# directories, the C helpers (and the cache their link points to), the
# external trees, a local source directory, the toolchain cache.
kiln-sandbox-ro = $(TOPDIR) $(BASE_DIR) $(DL_DIR) $(KILN_TOOLS_DIR) $(realpath $(KILN_TOOLS_DIR)) \
	$(KILN_EXTERNAL) $($(PKGUP)_OVERRIDE_SRCDIR) $(KILN_TOOLCHAIN_CACHE)
# The per-package directories of the package's dependency closure (and
# in the test step its own), read only; the others are hidden.
kiln-sandbox-see = $(addprefix $(PER_PACKAGE_DIR)/,$(call kiln-closure,$(PKG)) $(if $(filter test,$(1)),$(PKG)))

# <PKG>_CONF_RUN_TESTS = YES (a target package): for a target
# architecture the build machine cannot run, its configure and build steps exec the
# target's programs directly, through qemu registered in the sandbox's
# own binfmt_misc (kiln-sandbox.sh), with its STAGING_DIR as their
# library root; pkg-autotools.mk then leaves --build out, so configure
# finds it can run them. Passed with the sandbox off too, for the
# configure step's warning.
kiln-sandbox-run-tests = $(and $(filter YES,$($(PKGUP)_CONF_RUN_TESTS)),$(filter target,$($(PKGUP)_TYPE)),yes)
# The test step of a target package (make <pkg>-test) always runs them
# so.
kiln-sandbox-binfmt-env = $(if $(and $(filter-out x86_64,$(KILN_ARCH_NAME)),$(or $(and $(kiln-sandbox-run-tests),\
	$(filter configure build,$(1))),$(and $(filter test,$(1)),$(filter target,$($(PKGUP)_TYPE))))),\
	KILN_SANDBOX_BINFMT='$(KILN_ARCH_NAME)' KILN_SANDBOX_LD_PREFIX='$(STAGING_DIR)')

# Whether a <PKG>_CONF_RUN_TESTS package's configure really runs in the
# sandbox: y, or n when the sandbox is off or this machine cannot run
# it. Such a package's configuration hash and its --build follow this,
# not KILN_SANDBOX: a machine without a sandbox gives the cross answers
# and must not hash y.
KILN_SANDBOX_USED = $(if $(filter y,$(KILN_SANDBOX)),$(call kiln-probe,sandbox),n)
# $(call kiln-probe,NAME): y or n, the answer of kiln-sandbox.sh's probe
# kiln_NAME_possible, read from build/.kiln/NAME, or the probe runs
# here: at most once per make, and only when a hash or a step that needs
# it is expanded.
kiln-probe = $(or $(KILN_PROBED_$(1)),$(eval KILN_PROBED_$(1) := $(or \
	$(firstword $(file <$(BUILD_DIR)/.kiln/$(1))),$(shell BUILD_DIR=$(call kiln-sq,$(BUILD_DIR)) \
	bash -c '. "$$1" && if kiln_$(1)_possible; then echo y; else echo n; fi' kiln-sandbox \
	$(call kiln-sq,$(TOPDIR)/support/scripts/kiln-sandbox.sh))))$(KILN_PROBED_$(1)))

# <PKG>_BUILD_IN_EMULATION = YES (docs/sandbox.md, "Building in
# emulation"): the configure, build and install steps of such a target
# package run in a root made of its TARGET_DIR (the target tree of its
# dependency closure: busybox's shell and tools, make), the target's
# programs started by qemu through the sandbox's binfmt_misc; cc, gcc,
# c++, g++, cpp and the binutils are the cross toolchain of its
# HOST_DIR, run natively (kiln-sandbox.sh). Not for an x86_64 target:
# there is nothing to emulate, and it builds as any other package.
# $(call kiln-emulated,STEP): yes when STEP runs so.
# All three steps must be sandboxed (<PKG>_SANDBOX_STEPS), or none is
# emulated.
kiln-emulated = $(and $(filter YES,$($(PKGUP)_BUILD_IN_EMULATION)),$(filter target,$($(PKGUP)_TYPE)),$(filter-out \
	x86_64,$(KILN_ARCH_NAME)),$(filter configure build install,$(1)),$(if $(filter-out \
	$(kiln-sandbox-steps),configure build install),,yes),$(filter y,$(KILN_BINFMT_USED)),yes)
# The tools the emulation's root needs from the target: a shell and its
# utilities, and make. The infrastructure adds them to such a package's
# dependencies (pkg-generic.mk), so they are in its TARGET_DIR.
KILN_EMULATION_DEPENDENCIES = $(if $(filter x86_64,$(KILN_ARCH_NAME)),,busybox make)
# PATH in the emulation: the native compilers first, then the target's.
KILN_EMULATION_PATH = /.kiln/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Where it cannot (the sandbox off, or a kernel without a binfmt_misc of
# the sandbox's own), the package cross-compiles, and its configure step
# says so (KILN_SANDBOX_EMULATION_SKIPPED).
kiln-sandbox-emulation-env = $(if $(call kiln-emulated,$(1)),KILN_SANDBOX_EMULATION='$(TARGET_DIR)' \
	KILN_SANDBOX_EMULATION_HOST='$(HOST_DIR)' KILN_SANDBOX_EMULATION_TUPLE='$(GNU_TARGET_NAME)' \
	KILN_SANDBOX_EMULATION_PATH='$(KILN_EMULATION_PATH)' \
	KILN_SANDBOX_BINFMT='$(KILN_ARCH_NAME)' KILN_SANDBOX_LD_PREFIX=/,$(if $(and $(filter configure,$(1)),$(filter \
	YES,$($(PKGUP)_BUILD_IN_EMULATION)),$(filter target,$($(PKGUP)_TYPE)),$(filter-out x86_64,$(KILN_ARCH_NAME))),\
	KILN_SANDBOX_EMULATION_SKIPPED=1))

# Whether the sandbox's steps can start the target's programs: the
# sandbox is used and the kernel gives it a binfmt_misc of its own
# (kiln_binfmt_possible, kiln-sandbox.sh; Linux 6.7). n: a
# <PKG>_BUILD_IN_EMULATION package cross-compiles, a
# <PKG>_CONF_RUN_TESTS package takes the cross answers. In their
# configuration hash (pkg-generic.mk), like KILN_SANDBOX_USED.
# An x86_64 target's programs run natively: there, the sandbox suffices.
KILN_BINFMT_USED = $(if $(filter y,$(KILN_SANDBOX_USED)),$(if $(filter x86_64,$(KILN_ARCH_NAME)),y,$(call kiln-probe,binfmt)),n)

# $(call kiln-sandbox-env,STEP): the environment kiln-step reads. The
# steps that may write the package's own per-package directory
# (configure, build, install) find there the files it imported from its
# dependencies, as hardlinks: they run under "kiln-pkgdir protect"
# (KILN_SANDBOX_PROTECT), which refuses a write to one at the write.
kiln-sandbox-env = $(call kiln-sandbox-binfmt-env,$(1)) $(call kiln-sandbox-emulation-env,$(1)) \
	$(if $(and $(filter y,$(KILN_SANDBOX)),$(filter $(1),$(kiln-sandbox-steps))),\
	KILN_SANDBOX_RW='$(strip $(call kiln-sandbox-rw,$(1)))' \
	KILN_SANDBOX_RO='$(strip $(kiln-sandbox-ro))' \
	KILN_SANDBOX_HIDE='$(PER_PACKAGE_DIR)' \
	KILN_SANDBOX_SEE='$(strip $(call kiln-sandbox-see,$(1)))' \
	KILN_SANDBOX_DOC='$(TOPDIR)/docs/sandbox.md' \
	$(if $(filter $(PER_PACKAGE_DIR)/$(PKG),$(call kiln-sandbox-rw,$(1))),\
	KILN_SANDBOX_PROTECT='$(KILN_TOOLS_DIR)/bin/kiln-pkgdir protect --root $(PER_PACKAGE_DIR) --pkg $(PKG)'),KILN_SANDBOX_RW=)
