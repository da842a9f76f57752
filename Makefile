# SPDX-License-Identifier: GPL-2.0-or-later
# Kiln: an embedded Linux build system with per-package directories.
#
# Usage: make help
#
# This Makefile runs twice per invocation. The first pass (outer) only
# resolves O=, takes the output directory's lock and re-runs make with
# KILN_INNER=1; the second pass (inner) does the work. The lock must be
# held for the whole build, and a make process cannot take a lock on
# itself, hence the re-exec. The outer pass parses nothing else, so it
# costs a few milliseconds.

# Recipes rely on bash (pipefail, arrays in glue scripts).
SHELL := /bin/bash
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-print-directory

TOPDIR := $(patsubst %/,%,$(dir $(realpath $(lastword $(MAKEFILE_LIST)))))

# O= may be relative to where make was started; everything below uses
# absolute paths so they survive the cd of package recipes.
O ?= $(TOPDIR)/output

# Characters make cannot take in a path (a target, a prerequisite or a
# word of a list), and that Kiln's recipes do not quote. Paths with any
# of them are refused before anything is created.
kiln-hash := \#
KILN_BAD_PATH_CHARS := : $(kiln-hash) % ; * ? [ ] ' " \ $$
# $(call kiln-bad-path,WHAT,PATH,HINT): an error when PATH is unusable.
kiln-bad-path = $(if $(or $(word 2,$(2)),$(strip $(foreach c,$(KILN_BAD_PATH_CHARS),$(findstring $(c),$(2))))),\
	$(error kiln: $(1) '$(2)' cannot hold blanks or any of : $(kiln-hash) % ; * ? [ ] ' " \ $$ (make cannot handle them); $(3)))

$(call kiln-bad-path,the Kiln tree's path,$(patsubst %/Makefile,%,$(realpath $(lastword $(MAKEFILE_LIST)))),move or copy the tree to a path without them)
$(call kiln-bad-path,O=,$(O),choose another output directory)
override O := $(abspath $(O))
BASE_DIR := $(O)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# SOURCE_DATE_EPOCH (reproducible-builds.org's convention): the time,
# in seconds since 1970-01-01 UTC, that every timestamp in the output
# takes: the images' file times, busybox's banner, OpenSSL's "built
# on", the SBOM's creation time. By default the date of the Kiln tree's
# last commit (outside a git checkout, of its Makefile), so the same
# tree and configuration give the same bytes on any day. Found once, in
# the outer pass; the inner one and every step inherit it through the
# environment. Set it in the environment or on the command line
# to choose another, leave it empty for the default (docs/reproducible.md).
ifeq ($(strip $(SOURCE_DATE_EPOCH)),)
override SOURCE_DATE_EPOCH := $(shell git -c safe.directory='*' -C '$(TOPDIR)' log -1 --format=%ct 2>/dev/null || stat -c %Y '$(TOPDIR)/Makefile')
endif
kiln-non-digits = $(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst 5,,$(subst 6,,$(subst 7,,$(subst 8,,$(subst 9,,$(1)))))))))))
$(if $(or $(filter-out 1,$(words $(SOURCE_DATE_EPOCH))),$(call kiln-non-digits,$(SOURCE_DATE_EPOCH))),\
	$(error kiln: SOURCE_DATE_EPOCH='$(SOURCE_DATE_EPOCH)' is not a number of seconds since 1970-01-01 UTC; set it to one, e.g. SOURCE_DATE_EPOCH=$$(date +%s), or leave it empty for the default, the date of the Kiln tree's last commit))
export SOURCE_DATE_EPOCH

.PHONY: all
all:

ifeq ($(KILN_INNER),)
# ---------------------------------------------------------------- outer --

# Every goal is handed to the inner make in one go, so a
# "make clean all" keeps its order.
KILN_GOALS := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)

$(foreach d,$(if $(filter command line environment,$(origin KILN_EXTERNAL)),$(KILN_EXTERNAL)),\
	$(call kiln-bad-path,KILN_EXTERNAL=,$(d),choose another directory for the external tree))
$(if $(filter command line environment,$(origin KILN_DL_DIR)),\
	$(call kiln-bad-path,KILN_DL_DIR=,$(KILN_DL_DIR),choose another download directory))

# help and list-defconfigs only read: they take no lock and so create
# no output directory.
KILN_READONLY_GOALS := help list-defconfigs
KILN_WITH_LOCK := $(if $(filter-out $(KILN_READONLY_GOALS),$(KILN_GOALS)),$(TOPDIR)/support/scripts/with-lock "$(O)")

# The inner make includes .config.mk, a make-safe translation of
# .config (support/scripts/config-to-make), redone when .config changes:
# make compares the two dates, no shell runs on a no-op make.
KILN_CONFIG_MK := $(O)/.config.mk
$(KILN_CONFIG_MK): $(O)/.config $(TOPDIR)/support/scripts/config-to-make
	$(Q)$(TOPDIR)/support/scripts/config-to-make $< $@

.PHONY: _kiln_outer $(MAKECMDGOALS)
_kiln_outer: $(if $(wildcard $(O)/.config),$(KILN_CONFIG_MK))
	+$(Q)$(KILN_WITH_LOCK) \
		$(MAKE) -C $(TOPDIR) -f $(TOPDIR)/Makefile KILN_INNER=1 O=$(O) \
		$(if $(filter command line,$(origin KILN_EXTERNAL)),KILN_EXTERNAL="$(abspath $(KILN_EXTERNAL))") \
		$(if $(filter command line,$(origin KILN_DEFCONFIG)),KILN_DEFCONFIG="$(abspath $(KILN_DEFCONFIG))") \
		$(KILN_GOALS)

$(sort all $(MAKECMDGOALS)): _kiln_outer
	@:

else
# ---------------------------------------------------------------- inner --

include $(TOPDIR)/support/make/utils.mk

CONFIG_DIR := $(O)
KILN_CONFIG := $(CONFIG_DIR)/.config
BUILD_DIR := $(O)/build
PER_PACKAGE_DIR := $(O)/per-package
BINARIES_DIR := $(O)/images
STAMP_DIR := $(BUILD_DIR)/.kiln
# The C helpers: O/kiln-tools, a link to the per-user cache's build for
# this source state (support/make/kiln-tools.mk). A KILN_TOOLS_DIR given
# by the user (tests share one) is a build directory of its own.
KILN_TOOLS_CACHED := $(if $(filter undefined,$(origin KILN_TOOLS_DIR)),y)
KILN_TOOLS_DIR ?= $(O)/kiln-tools
PKGDIR_TOOL = $(KILN_TOOLS_DIR)/bin/kiln-pkgdir
RPATH_TOOL = $(KILN_TOOLS_DIR)/bin/kiln-rpath

# Goals that never need a configuration or the package tree.
NOCONFIG_GOALS := menuconfig nconfig oldconfig olddefconfig syncconfig \
	defconfig savedefconfig %_defconfig list-defconfigs help clean \
	distclean kiln-tools
ifeq ($(MAKECMDGOALS),)
NEED_CONFIG := y
else ifneq ($(filter-out $(NOCONFIG_GOALS),$(MAKECMDGOALS)),)
NEED_CONFIG := y
endif

# External trees (KILN_EXTERNAL=path[ path...]) are remembered in the
# output directory, so later runs need not repeat them.
-include $(O)/.kiln-external.mk
ifneq ($(origin KILN_EXTERNAL),command line)
KILN_EXTERNAL := $(KILN_EXTERNAL_SAVED)
endif
override KILN_EXTERNAL := $(foreach d,$(KILN_EXTERNAL),$(abspath $(d)))
# Each external tree names itself in external.desc ("name: FOO"); its
# files then find their own folder as $(KILN_EXTERNAL_FOO_PATH) in make
# and $KILN_EXTERNAL_FOO_PATH in Config.in.
$(foreach d,$(KILN_EXTERNAL),\
	$(if $(wildcard $(d)/external.desc),,$(error KILN_EXTERNAL: $(d) has no external.desc; an external tree needs external.desc (name: NAME), Config.in, external.mk and configs/))\
	$(eval KILN_EXT_NAME_$(d) := $(word 2,$(file <$(d)/external.desc)))\
	$(if $(filter name:,$(word 1,$(file <$(d)/external.desc))),,$(error KILN_EXTERNAL: $(d)/external.desc must start with 'name: NAME'))\
	$(eval KILN_EXTERNAL_$(KILN_EXT_NAME_$(d))_PATH := $(d)))
KILN_EXTERNAL_ENV := $(foreach d,$(KILN_EXTERNAL),KILN_EXTERNAL_$(KILN_EXT_NAME_$(d))_PATH=$(d))

include $(TOPDIR)/support/make/kconfig.mk
include $(TOPDIR)/support/make/kiln-tools.mk

.PHONY: clean distclean help

# clean keeps the configuration (and the forwarding Makefile), and
# removes the pictures and legal-info, as Buildroot's does;
# distclean removes the whole output directory. rm-tree also removes the
# 0555 directories a package may install, for a build user who is not
# root.
# The step scripts are written into $(STAMP_DIR) when make expands a
# recipe, before any of its lines runs: when goals follow clean ("make
# clean all"), it must exist again for them.
clean:
	$(Q)$(TOPDIR)/support/scripts/rm-tree $(BUILD_DIR) $(PER_PACKAGE_DIR) $(O)/host $(O)/target \
		$(BINARIES_DIR) $(KILN_TOOLS_CLEAN) $(O)/.host.tmp $(O)/.target.tmp \
		$(O)/graphs $(O)/legal-info
	$(if $(filter-out clean,$(MAKECMDGOALS)),$(Q)mkdir -p $(STAMP_DIR))

distclean:
	$(Q)$(TOPDIR)/support/scripts/rm-tree $(O)

help:
	@echo 'Configuration:'
	@echo '  menuconfig / nconfig   - change the configuration interactively'
	@echo '  <board>_defconfig      - start from configs/<board>_defconfig'
	@echo '  list-defconfigs        - list the defconfigs of this tree and of external trees'
	@echo '  defconfig              - start from KILN_DEFCONFIG (or all defaults)'
	@echo '  savedefconfig          - save the minimal configuration to KILN_DEFCONFIG'
	@echo '  oldconfig, olddefconfig, syncconfig'
	@echo
	@echo 'Build:'
	@echo '  all (default)          - build everything selected, then finalize; rebuilds what changed'
	@echo '  <pkg>                  - build one package and what it depends on'
	@echo '  <pkg>-source, -extract, -patch, -configure, -build, -install'
	@echo '  <pkg>-rebuild, -reconfigure, -reinstall, -dirclean'
	@echo '  host-finalize, target-finalize'
	@echo '  images                 - every enabled image of output/images (one fakeroot session)'
	@echo '  rootfs-<format>        - the same: tar, cpio, ext2, squashfs, erofs (docs/images.md)'
	@echo '  target-post-image      - images, then KILN_ROOTFS_POST_IMAGE_SCRIPT'
	@echo '  sdk                    - everything, then images/<tuple>_sdk.tar.xz (KILN_SDK_NAME): the SDK'
	@echo '  kiln-tools             - only Kiln'"'"'s C helpers (O/kiln-tools; see KILN_TOOLS_DIR below)'
	@echo '  <pkg>-menuconfig, -savedefconfig, -update-config (Kconfig packages)'
	@echo
	@echo 'Tests of the packages (docs/package-tests.md):'
	@echo '  <pkg>-test             - the package'"'"'s own test suite, from its cross build, on the target'
	@echo '                           architecture (qemu-user); log in its .logs/test.log, one summary line'
	@echo '  test-all               - every selected package'"'"'s suite; lists the failures by package'
	@echo
	@echo 'Inspection:'
	@echo '  <pkg>-show-depends, <pkg>-show-rdepends, show-targets'
	@echo '  <pkg>-show-hash        - the configuration hash, its inputs, why the next make rebuilds it'
	@echo '                           (docs/incremental.md)'
	@echo '  cache-stats            - the artifact cache: entries, size (MiB), hits and misses (docs/cache.md)'
	@echo '  cache-clean            - remove cache entries: KILN_CACHE_MAX_AGE=<days>, KILN_CACHE_MAX_SIZE=<MiB>, or all'
	@echo '  show-info              - JSON description of the packages (CPE, PURL, patches, license hashes)'
	@echo '  sbom                   - SPDX 2.3 and CycloneDX 1.6 JSON into O/sbom (SBOM_DIR); no build needed'
	@echo '  cve-check CVE_FEED=... - match the target packages against a local NVD 2.0 or OSV feed'
	@echo '                           (or KILN_CVE_FEED): table, and O/cve/cve-check.json (CVE_DIR)'
	@echo '  printvars VARS=...     - values of make variables (patterns allowed)'
	@echo '  host-tools-check       - check the host tools the configuration needs now'
	@echo
	@echo 'Graphs and legal information (docs/tooling.md):'
	@echo '  graph-depends          - dependency graph of the packages, in output/graphs/'
	@echo '  <pkg>-graph-depends, <pkg>-graph-rdepends - the same from (to) one package'
	@echo '  graph-build            - timeline and time per step, from build-time.log'
	@echo '  graph-size             - size of output/target by package and file (chart, CSV)'
	@echo '  legal-info             - licenses, sources and patches in output/legal-info/'
	@echo '  (KILN_GRAPH_OUT=svg|png|pdf..., KILN_GRAPH_DEPS_OPTS, KILN_GRAPH_SIZE_OPTS)'
	@echo
	@echo 'Cleaning:'
	@echo '  clean                  - remove everything built, keep the configuration'
	@echo '  distclean              - remove the whole output directory'
	@echo
	@echo 'Variables: O=<dir> (output directory), V=1 (show commands),'
	@echo '  KILN_SANDBOX=n (package steps outside the sandbox; docs/sandbox.md),'
	@echo '  KILN_EXTERNAL=<dir> (external tree), KILN_DL_DIR=<dir> (downloads),'
	@echo '  KILN_TOOLS_DIR=<dir> (where the C helpers are built; by default O/kiln-tools links'
	@echo '  to a per-user cache, $${XDG_CACHE_HOME:-$$HOME/.cache}/kiln/tools/<key>, that clean'
	@echo '  and distclean keep: rm -rf it to clear it; docs/building.md)'
	@echo '  KILN_TOOLCHAIN_CACHE=<dir> (the toolchain'"'"'s finished imports, hardlinked into each output'
	@echo '  directory; by default $${XDG_CACHE_HOME:-$$HOME/.cache}/kiln/toolchain, empty turns it off,'
	@echo '  rm -rf it to clear it; docs/toolchains.md)'

ifeq ($(NEED_CONFIG),y)
ifeq ($(wildcard $(KILN_CONFIG)),)
# A missing configuration ends every build goal with one clear line.
$(filter-out $(NOCONFIG_GOALS),$(or $(MAKECMDGOALS),all)):
	@echo "kiln: no configuration in $(O); run 'make <board>_defconfig' (see 'make list-defconfigs') or 'make menuconfig'" >&2
	@exit 1
else
# .config defines KILN_DL_DIR too; the environment's value must win.
KILN_DL_DIR_FROM_ENV := $(if $(filter environment,$(origin KILN_DL_DIR)),$(KILN_DL_DIR))
# Not .config itself: make would expand its '$' and cut at its '#'.
# The outer make keeps the translation up to date; this rule makes it
# when the inner make is run on its own.
KILN_CONFIG_MK := $(O)/.config.mk
$(KILN_CONFIG_MK): $(KILN_CONFIG) $(TOPDIR)/support/scripts/config-to-make
	$(Q)$(TOPDIR)/support/scripts/config-to-make $< $@
include $(KILN_CONFIG_MK)
include $(TOPDIR)/support/make/build.mk
include $(TOPDIR)/support/make/goals.mk
endif
endif

endif
