# SPDX-License-Identifier: GPL-2.0-or-later
# make sdk: output/images/<name>.tar.xz, the SDK application developers
# build against (docs/sdk.md). One top directory <name>/ holding the
# host tree of the build (the cross toolchain and its compiler wrapper,
# the sysroot, the CMake toolchain file, the Meson cross file), Kiln's
# pkg-config wrapper with pkgconf, and an environment-setup script.
#
# No relocation step: every tool finds its files relative to itself,
# so the SDK works wherever it is unpacked. support/scripts/kiln-sdk
# removes or rewrites what would hold a build-machine path (libtool
# archives, .pc files of host libraries, absolute symlinks) and then
# refuses to write the tarball if any file still holds one.
#
# The tree is merged from the packages' manifests (as host-finalize
# does, into a work directory of its own): the packages of the build
# plus host-pkgconf and its dependencies, which a build needs only when
# a package uses pkg-config but an SDK always ships. Like Buildroot's,
# "sdk" builds everything first. The tarball is a file target: it is
# made again only when a package was installed again, the configuration
# or the SDK's own scripts changed, or it is missing; otherwise "make
# sdk" does nothing.

SDK_NAME := $(or $(KILN_SDK_NAME),$(GNU_TARGET_NAME)_sdk)
SDK_TARBALL := $(BINARIES_DIR)/$(SDK_NAME).tar.xz
SDK_WORK_DIR := $(STAMP_DIR)/sdk
SDK_TOOL := $(TOPDIR)/support/scripts/kiln-sdk
SDK_ENV_TEMPLATE := $(TOPDIR)/support/sdk/environment-setup.in

# What the SDK adds to the build's packages.
SDK_EXTRA_PACKAGES = host-pkgconf

# The flags of environment-setup are those Kiln builds the system with.
define kiln-sdk-script
rm -rf '$(SDK_WORK_DIR)'
'$(PKGDIR_TOOL)' merge --root '$(PER_PACKAGE_DIR)' --out '$(SDK_WORK_DIR)' --tree host $(SDK_PACKAGES)
'$(SDK_TOOL)' --work '$(SDK_WORK_DIR)' --name '$(SDK_NAME)' --tuple '$(GNU_TARGET_NAME)' \
	--template '$(SDK_ENV_TEMPLATE)' --per-package '$(PER_PACKAGE_DIR)' \
	--cppflags '$(TARGET_CPPFLAGS)' --cflags '$(TARGET_CFLAGS)' \
	--cxxflags '$(TARGET_CXXFLAGS)' --ldflags '$(TARGET_LDFLAGS)' \
	--forbid '$(BASE_DIR)' --forbid '$(TOPDIR)' --forbid '$(DL_DIR)' \
	--out '$(SDK_TARBALL)'
rm -rf '$(SDK_WORK_DIR)'
endef

.PHONY: sdk
sdk: $(SDK_TARBALL)

# Only a make that asks for the SDK works out its packages, so a plain
# make pays nothing.
ifneq ($(filter sdk $(SDK_TARBALL),$(MAKECMDGOALS)),)
SDK_NAME := $(call kiln-word-safe,KILN_SDK_NAME,$(SDK_NAME))
ifneq ($(findstring /,$(SDK_NAME)),)
$(error kiln: KILN_SDK_NAME holds '$(SDK_NAME)', a name, not a path: it may not contain '/'; fix it in make menuconfig, SDK)
endif
SDK_PACKAGES := $(call kiln-uniq-tagged,$(PACKAGES) $(foreach p,$(SDK_EXTRA_PACKAGES),$(call kiln-closure,$(p)) $(p)),sdk)
SDK_INSTALL_STAMPS := $(foreach p,$(SDK_PACKAGES),$($(KILN_UP_$(p))_DIR)/.stamp_installed)
$(SDK_TARBALL): $(SDK_INSTALL_STAMPS) $(KILN_CONFIG) $(SDK_TOOL) $(SDK_ENV_TEMPLATE) \
		| $(PKGDIR_TOOL) $(TARGET_FINALIZE_STAMP) $(HOST_FINALIZE_STAMP) images
	$(Q)mkdir -p '$(BINARIES_DIR)'
	$(call kiln-run-finalize,sdk,making $(patsubst $(BASE_DIR)/%,%,$(SDK_TARBALL)),$(kiln-sdk-script))
endif
