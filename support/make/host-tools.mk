# SPDX-License-Identifier: GPL-2.0-or-later
# The build machine side of a build: the host compiler environment of
# host packages, and the host tools Kiln runs itself (patchelf for the
# RPATH fixer, fakeroot, mke2fs, mksquashfs, mkfs.erofs, cpio and the
# compressors for images), each either
# found on the build machine with a version check or built from source.
# Included by build.mk after toolchain.mk and before the packages.
# See docs/host-packages.md.

# ------------------------------------------------------------------
# Host packages compile with the build machine's compiler, against their
# own per-package HOST_DIR. No -Wl,-rpath: the RPATH fixer gives host
# programs $ORIGIN-relative RPATHs after the install.

HOSTCC = gcc
HOSTCXX = g++
HOST_CPPFLAGS = -I$(HOST_DIR)/include
HOST_CFLAGS = -O2 $(HOST_CPPFLAGS)
HOST_CXXFLAGS = $(HOST_CFLAGS)
HOST_LDFLAGS = -L$(HOST_DIR)/lib

# Package makes get make's built-in rules back (e2fsprogs and
# squashfs-tools rely on them): kiln-step drops the top-level make's
# --no-builtin-rules from MAKEFLAGS for every step.
HOST_MAKE_ENV = PATH="$(HOST_DIR)/bin:$(HOST_DIR)/sbin:$$PATH"

HOST_CONFIGURE_OPTS = \
	$(HOST_MAKE_ENV) \
	CC="$(HOSTCC)" \
	CXX="$(HOSTCXX)" \
	CPPFLAGS="$(HOST_CPPFLAGS)" \
	CFLAGS="$(HOST_CFLAGS)" \
	CXXFLAGS="$(HOST_CXXFLAGS)" \
	LDFLAGS="$(HOST_LDFLAGS)"

# ------------------------------------------------------------------
# Found or built. For each tool X:
#   HOST_X_CMD            the command looked for on the build machine
#   HOST_X_MIN_VERSION    the oldest version that works
#   HOST_X_DEBIAN         the Debian package that provides it
#   HOST_X_PACKAGE        the Kiln host package that builds it (none:
#                         always the machine's)
#   HOST_X_VERSION_ARG    how to ask for the version
# and what others use:
#   $(HOST_X)             the path of the tool to run
#   $(HOST_TOOL_DEPS_X)   empty, or the host package to depend on
# The tools the configuration needs (KILN_HOST_TOOLS_NEEDED) are checked
# once, by the recipe of a stamp that every package's first step waits
# for (order-only: see .stamp_downloaded in pkg-generic.mk), and again
# only when the configuration, PATH or a tool's settings change.

KILN_HOST_TOOLS := PATCHELF FAKEROOT MKE2FS DEBUGFS MKSQUASHFS MKFS_EROFS CPIO GZIP XZ ZSTD LZ4 \
	BC FLEX BISON DEPMOD LIBELF LIBSSL

HOST_PATCHELF_CMD ?= patchelf
HOST_PATCHELF_MIN_VERSION = 0.14
HOST_PATCHELF_DEBIAN = patchelf
HOST_PATCHELF_PACKAGE = host-patchelf
HOST_PATCHELF_VERSION_ARG = --version

HOST_FAKEROOT_CMD ?= fakeroot
HOST_FAKEROOT_MIN_VERSION = 1.20
HOST_FAKEROOT_DEBIAN = fakeroot
# Its source cannot be fetched here (docs/host-packages.md): never built.
HOST_FAKEROOT_PACKAGE =
HOST_FAKEROOT_VERSION_ARG = --version

HOST_MKE2FS_CMD ?= mke2fs
HOST_MKE2FS_MIN_VERSION = 1.43
HOST_MKE2FS_DEBIAN = e2fsprogs
HOST_MKE2FS_PACKAGE = host-e2fsprogs
HOST_MKE2FS_VERSION_ARG = -V

# debugfs sets the ext2/3/4 image's inode change times, which mke2fs
# 1.47.0 copies from the tree (fs/ext2/ext2.mk).
HOST_DEBUGFS_CMD ?= debugfs
HOST_DEBUGFS_MIN_VERSION = 1.43
HOST_DEBUGFS_DEBIAN = e2fsprogs
HOST_DEBUGFS_PACKAGE = host-e2fsprogs
HOST_DEBUGFS_VERSION_ARG = -V

HOST_MKSQUASHFS_CMD ?= mksquashfs
HOST_MKSQUASHFS_MIN_VERSION = 4.4
HOST_MKSQUASHFS_DEBIAN = squashfs-tools
HOST_MKSQUASHFS_PACKAGE = host-squashfs
HOST_MKSQUASHFS_VERSION_ARG = -version

# The image tools below are always the build machine's (Kiln has no
# package for them).
HOST_MKFS_EROFS_CMD ?= mkfs.erofs
HOST_MKFS_EROFS_MIN_VERSION = 1.5
HOST_MKFS_EROFS_DEBIAN = erofs-utils
HOST_MKFS_EROFS_PACKAGE =
# mkfs.erofs 1.5 has no version option; it prints its version when the
# source directory does not exist, before it opens the output.
HOST_MKFS_EROFS_VERSION_ARG = /dev/null /nonexistent-kiln-version-probe

HOST_CPIO_CMD ?= cpio
HOST_CPIO_MIN_VERSION = 2.12
HOST_CPIO_DEBIAN = cpio
HOST_CPIO_PACKAGE =
HOST_CPIO_VERSION_ARG = --version

HOST_GZIP_CMD ?= gzip
HOST_GZIP_MIN_VERSION = 1.6
HOST_GZIP_DEBIAN = gzip
HOST_GZIP_PACKAGE =
HOST_GZIP_VERSION_ARG = --version

HOST_XZ_CMD ?= xz
HOST_XZ_MIN_VERSION = 5.2
HOST_XZ_DEBIAN = xz-utils
HOST_XZ_PACKAGE =
HOST_XZ_VERSION_ARG = --version

HOST_ZSTD_CMD ?= zstd
HOST_ZSTD_MIN_VERSION = 1.4
HOST_ZSTD_DEBIAN = zstd
HOST_ZSTD_PACKAGE =
HOST_ZSTD_VERSION_ARG = --version

HOST_LZ4_CMD ?= lz4
HOST_LZ4_MIN_VERSION = 1.9
HOST_LZ4_DEBIAN = lz4
HOST_LZ4_PACKAGE =
HOST_LZ4_VERSION_ARG = --version

# What the Linux kernel's build runs (package/linux, when selected):
# always the build machine's. The minimum versions are the kernel's
# own (Documentation/process/changes.rst of 6.1). libelf and libcrypto
# are libraries: pkg-config tells their versions (objtool needs libelf,
# sign-file and extract-cert libcrypto).
HOST_BC_CMD ?= bc
HOST_BC_MIN_VERSION = 1.06.95
HOST_BC_DEBIAN = bc
HOST_BC_PACKAGE =
HOST_BC_VERSION_ARG = --version

HOST_FLEX_CMD ?= flex
HOST_FLEX_MIN_VERSION = 2.5.35
HOST_FLEX_DEBIAN = flex
HOST_FLEX_PACKAGE =
HOST_FLEX_VERSION_ARG = --version

HOST_BISON_CMD ?= bison
HOST_BISON_MIN_VERSION = 2.0
HOST_BISON_DEBIAN = bison
HOST_BISON_PACKAGE =
HOST_BISON_VERSION_ARG = --version

# depmod is in /usr/sbin, which a user's PATH often lacks.
HOST_DEPMOD_CMD ?= $(firstword $(wildcard /usr/sbin/depmod /sbin/depmod) depmod)
HOST_DEPMOD_MIN_VERSION = 13
HOST_DEPMOD_DEBIAN = kmod
HOST_DEPMOD_PACKAGE =
HOST_DEPMOD_VERSION_ARG = --version

HOST_LIBELF_CMD ?= pkg-config
HOST_LIBELF_MIN_VERSION = 0.165
HOST_LIBELF_DEBIAN = libelf-dev
HOST_LIBELF_PACKAGE =
HOST_LIBELF_VERSION_ARG = --modversion libelf

HOST_LIBSSL_CMD ?= pkg-config
HOST_LIBSSL_MIN_VERSION = 1.0.0
HOST_LIBSSL_DEBIAN = libssl-dev
HOST_LIBSSL_PACKAGE =
HOST_LIBSSL_VERSION_ARG = --modversion libcrypto

# Built when KILN_BUILD_HOST_TOOLS=y and Kiln has a package for it.
kiln-host-tool-built = $(and $(filter y,$(KILN_BUILD_HOST_TOOLS)),$(HOST_$(1)_PACKAGE))

# The seven words support/scripts/kiln-host-tools-check takes per tool.
kiln-host-tool-args = $(foreach t,$(1),$(t) $(call kiln-sq,$(HOST_$(t)_CMD)) '$(HOST_$(t)_MIN_VERSION)' \
	$(call kiln-sq,$(HOST_$(t)_VERSION_ARG)) '$(HOST_$(t)_DEBIAN)' '$(HOST_$(t)_PACKAGE)' '$(call kiln-host-tool-built,$(t))')
KILN_HOST_TOOLS_CHECK := $(TOPDIR)/support/scripts/kiln-host-tools-check

# The check's stamp holds what the check depended on; its recipe writes
# the path of every machine tool it found good to host-tools.paths,
# where $(HOST_X) reads it. A no-op make reads these two small files
# (no shell runs) and remakes the stamp when they disagree with the
# current settings, or when a recorded tool is gone.
KILN_HOST_TOOLS_STAMP := $(STAMP_DIR)/.stamp_host_tools
KILN_HOST_TOOLS_PATHS := $(STAMP_DIR)/host-tools.paths
kiln-host-tools-key = KILN_BUILD_HOST_TOOLS=$(KILN_BUILD_HOST_TOOLS) $(call kiln-host-tool-args,$(sort $(KILN_HOST_TOOLS_NEEDED))) PATH=$(PATH)
kiln-host-tools-recorded = $(patsubst $(1)=%,%,$(filter $(1)=%,$(file <$(KILN_HOST_TOOLS_PATHS))))
# Two strings are equal when each holds the other (findstring is literal).
kiln-streq = $(and $(findstring |$(1)|,|$(2)|),$(findstring |$(2)|,|$(1)|))
kiln-host-tools-stale = $(strip $(if $(call kiln-streq,$(strip $(file <$(KILN_HOST_TOOLS_STAMP))),$(strip $(kiln-host-tools-key))),\
	$(foreach t,$(KILN_HOST_TOOLS_NEEDED),$(foreach p,$(call kiln-host-tools-recorded,$(t)),$(if $(wildcard $(p)),,gone))),changed))

# Expanded when make looks at the stamp (.SECONDEXPANSION, set in
# pkg-generic.mk), once every format has added its tools.
$(KILN_HOST_TOOLS_STAMP): $(KILN_CONFIG) $$(if $$(kiln-host-tools-stale),FORCE)
	@mkdir -p $(@D)
	$(Q)rm -f $@ $(KILN_HOST_TOOLS_PATHS)
	$(Q)$(KILN_HOST_TOOLS_CHECK) --record $(KILN_HOST_TOOLS_PATHS) -- $(call kiln-host-tool-args,$(sort $(KILN_HOST_TOOLS_NEEDED)))
	$(Q)printf '%s\n' $(call kiln-sq,$(kiln-host-tools-key)) >$@

# The machine's copy: the path the check recorded, or, for a tool the
# configuration did not declare as needed, checked now (once per make
# process). Only steps expand $(HOST_X), after the check ran.
define kiln-host-tool-probe
$(eval KILN_HT_OUT_$(1) := $(shell $(KILN_HOST_TOOLS_CHECK) --path -- $(call kiln-host-tool-args,$(1)) 2>&1))
$(if $(filter 0,$(.SHELLSTATUS)),$(KILN_HT_OUT_$(1)),$(error $(KILN_HT_OUT_$(1))))
endef
kiln-host-tool-machine = $(if $(KILN_HT_DONE_$(1)),,$(eval KILN_HT_DONE_$(1) := 1)$(eval KILN_HT_PATH_$(1) := \
	$(or $(call kiln-host-tools-recorded,$(1)),$(strip $(call kiln-host-tool-probe,$(1))))))$(KILN_HT_PATH_$(1))

# The built copy is in the HOST_DIR of whichever package runs it: its
# own per-package directory in a package's step, output/host in an
# image's.
kiln-host-tool = $(if $(call kiln-host-tool-built,$(1)),$(HOST_DIR)/bin/$(notdir $(HOST_$(1)_CMD)),$(call kiln-host-tool-machine,$(1)))

HOST_PATCHELF = $(call kiln-host-tool,PATCHELF)
HOST_FAKEROOT = $(call kiln-host-tool,FAKEROOT)
HOST_MKE2FS = $(call kiln-host-tool,MKE2FS)
HOST_DEBUGFS = $(call kiln-host-tool,DEBUGFS)
HOST_MKSQUASHFS = $(call kiln-host-tool,MKSQUASHFS)
HOST_MKFS_EROFS = $(call kiln-host-tool,MKFS_EROFS)
HOST_CPIO = $(call kiln-host-tool,CPIO)
HOST_GZIP = $(call kiln-host-tool,GZIP)
HOST_XZ = $(call kiln-host-tool,XZ)
HOST_ZSTD = $(call kiln-host-tool,ZSTD)
HOST_LZ4 = $(call kiln-host-tool,LZ4)
# The kernel's modules_install (package/linux); the others of the
# kernel's tools it finds in PATH.
HOST_DEPMOD = $(call kiln-host-tool,DEPMOD)

HOST_TOOL_DEPS_PATCHELF := $(call kiln-host-tool-built,PATCHELF)
HOST_TOOL_DEPS_FAKEROOT :=
HOST_TOOL_DEPS_MKE2FS := $(call kiln-host-tool-built,MKE2FS)
HOST_TOOL_DEPS_MKSQUASHFS := $(call kiln-host-tool-built,MKSQUASHFS)
HOST_TOOL_DEPS_MKFS_EROFS :=
HOST_TOOL_DEPS_CPIO :=
HOST_TOOL_DEPS_GZIP :=
HOST_TOOL_DEPS_XZ :=
HOST_TOOL_DEPS_ZSTD :=
HOST_TOOL_DEPS_LZ4 :=

# The RPATH fixer runs after every package's install, so with
# KILN_BUILD_HOST_TOOLS=y every target package needs the built patchelf
# in its HOST_DIR/bin, which comes first in the step's PATH.
KILN_TARGET_COMMON_DEPENDENCIES += $(HOST_TOOL_DEPS_PATCHELF)

# The tools a configuration needs checked before the first package step;
# an enabled image format adds FAKEROOT and its ROOTFS_<FMT>_HOST_TOOLS
# (fs/common.mk).
KILN_HOST_TOOLS_NEEDED += PATCHELF

# make host-tools-check: checks the needed tools (or TOOLS='MKE2FS ...')
# now, whatever the stamp says, and prints which copy each one uses.
.PHONY: host-tools-check
host-tools-check:
	$(Q)$(KILN_HOST_TOOLS_CHECK) --report -- $(call kiln-host-tool-args,$(or $(TOOLS),$(sort $(KILN_HOST_TOOLS_NEEDED))))
