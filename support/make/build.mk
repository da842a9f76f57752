# SPDX-License-Identifier: GPL-2.0-or-later
# Everything a configured build needs: the packages, the order they
# build in, finalize, and the goals that inspect them.

GNU_TARGET_NAME := $(KILN_GNU_TARGET_NAME)
KILN_ARCH_NAME := $(KILN_ARCH)

# The environment wins over the configuration, so that CI and several
# output directories can share one download directory.
# KILN_DL_DIR is a path option: "$(TOPDIR)/dl" means the Kiln tree's dl/.
DL_DIR := $(or $(KILN_DL_DIR_FROM_ENV),$(call kiln-path,KILN_DL_DIR))
$(call kiln-bad-path,KILN_DL_DIR,$(DL_DIR),choose another download directory)
DL_DIR := $(abspath $(DL_DIR))
# Including the configuration gave KILN_DL_DIR its value there, and make
# exports a variable that came from the environment with its new value:
# a sub-make (<pkg>-rebuild, ...) would then download elsewhere.
ifneq ($(KILN_DL_DIR_FROM_ENV),)
KILN_DL_DIR := $(KILN_DL_DIR_FROM_ENV)
endif

ifeq ($(KILN_JLEVEL),0)
KILN_JLEVEL := $(shell nproc)
endif
export KILN_JLEVEL
export BUILD_DIR
export V

include $(TOPDIR)/package/pkg-generic.mk
include $(TOPDIR)/support/make/cache.mk
# The package steps' sandbox (docs/sandbox.md).
include $(TOPDIR)/support/make/sandbox.mk
include $(TOPDIR)/support/make/package-test.mk
# $(TARGET_RUN): target programs in build steps (docs/sandbox.md).
include $(TOPDIR)/support/make/target-run.mk
include $(TOPDIR)/toolchain/toolchain.mk
include $(TOPDIR)/support/make/host-tools.mk
include $(TOPDIR)/package/pkg-autotools.mk $(TOPDIR)/package/pkg-cmake.mk $(TOPDIR)/package/pkg-kconfig.mk
include $(TOPDIR)/package/pkg-meson.mk $(TOPDIR)/package/pkg-virtual.mk
include $(sort $(wildcard $(TOPDIR)/package/*/*.mk))
# Image formats, before the packages of the build are worked out: an
# enabled one adds its host packages to them (KILN_ROOTFS_DEPENDENCIES)
# and its host tools to the check.
include $(TOPDIR)/fs/common.mk
include $(addsuffix /external.mk,$(KILN_EXTERNAL))
.PHONY: $(KILN_PHONY)

# What the configuration selects: every KILN_PACKAGE_<X>=y whose <X>
# is a package (sub-options such as KILN_PACKAGE_FOO_SSL are not).
# Read once from the configuration, not tested per package at parse.
# One scan of .VARIABLES (long with thousands of packages) serves the
# configuration hash too: KILN_HASH_SYMBOLS (pkg-generic.mk).
KILN_CONFIG_SYMBOLS := $(filter KILN_PACKAGE_% $(KILN_HASH_COMMON_SYMBOLS) $(KILN_HASH_TARGET_SYMBOLS),$(.VARIABLES))
KILN_PACKAGE_SYMBOLS := $(filter KILN_PACKAGE_%,$(KILN_CONFIG_SYMBOLS))
KILN_SELECTED := $(sort $(foreach v,$(KILN_PACKAGE_SYMBOLS),\
	$(if $(filter y,$($(v))),$(KILN_NAME_$(patsubst KILN_PACKAGE_%,%,$(v))))))

# Virtual packages: the provider the configuration names must be a
# package that says it provides them (pkg-virtual.mk).
$(eval $(kiln-virtual-check-named))

# ------------------------------------------------------------------
# The packages to build: what the configuration selects, and everything
# those depend on, dependencies first. Closures are memoized and
# cycles reported rather than recursed into forever.

kiln-uniq-tagged = $(foreach w,$(1),$(if $(KILN_SEEN_$(2)_$(w)),,$(eval KILN_SEEN_$(2)_$(w) := 1)$(w)))

define kiln-closure-compute
$(if $(KILN_VISITING_$(1)),$(error package $(1) depends on itself: $(KILN_VISITING_PATH) $(1)))
$(eval KILN_VISITING_$(1) := 1)
$(eval KILN_VISITING_PATH += $(1))
$(eval KILN_CLOSURE_$(1) := $(call kiln-uniq-tagged,$(foreach d,$($(KILN_UP_$(1))_FINAL_DEPENDENCIES),\
	$(if $(KILN_UP_$(d)),,$(error package $(1) depends on '$(d)', which no package defines; fix $(KILN_UP_$(1))_DEPENDENCIES))\
	$(call kiln-closure,$(d)) $(d)),c$(1)))
$(eval KILN_VISITING_$(1) :=)
$(eval KILN_VISITING_PATH := $(filter-out $(1),$(KILN_VISITING_PATH)))
endef
kiln-closure = $(if $(KILN_CLOSURE_DONE_$(1)),,$(strip $(call kiln-closure-compute,$(1)))$(eval KILN_CLOSURE_DONE_$(1) := 1))$(KILN_CLOSURE_$(1))

PACKAGES := $(call kiln-uniq-tagged,$(foreach p,$(KILN_SELECTED) $(KILN_ROOTFS_DEPENDENCIES),$(call kiln-closure,$(p)) $(p)),all)

# A needed virtual package has exactly one provider in the build, and
# changing it rebuilds what was assembled with the old one.
$(eval $(kiln-virtual-check-build))
$(eval $(kiln-virtual-rules))

$(kiln-damaged-rules)
# What changed since the last build (pkg-generic.mk, docs/incremental.md).
$(kiln-hash-rules)

# Goals over all packages of the configuration (make source, ...).
include $(TOPDIR)/support/make/download-goals.mk
# Pictures of the build, and legal-info (docs/tooling.md).
include $(TOPDIR)/support/make/graphs.mk $(TOPDIR)/support/make/legal-info.mk

# Each package's place in the build, for the progress lines.
kiln-count :=
$(foreach p,$(PACKAGES),$(eval kiln-count += x)$(eval KILN_POS_$(p) := $(words $(kiln-count))))

# ------------------------------------------------------------------
# Finalize: output/host and output/target are made from the manifests
# of every package, then the target tree is tidied. Stamps make a no-op
# make skip all of it.

include $(TOPDIR)/support/make/finalize.mk
$(eval $(kiln-rootfs-rules))

# make sdk: output/images/<name>.tar.xz, after everything else.
include $(TOPDIR)/support/make/sdk.mk

all: target-finalize host-finalize
	@:

# ------------------------------------------------------------------
# Inspection.

.PHONY: show-info printvars show-targets
show-targets:
	@echo $(PACKAGES)

define kiln-json-list
[$(subst $(space),$(comma),$(foreach w,$(1),"$(call json-escape,$(w))"))]
endef

# show-info, sbom and cve-check (kiln-json-list above is theirs too).
include $(TOPDIR)/support/make/sbom.mk

# printvars VARS='ZLIB_% HOST_DIR': the value of every matching variable,
# unexpanded-by-step (PKG is empty here, so HOST_DIR is output/host).
printvars:
	@:$(foreach v,$(sort $(filter $(VARS),$(.VARIABLES))),$(info $(v)=$($(v))))
