# SPDX-License-Identifier: GPL-2.0-or-later
# Target code in build steps (docs/sandbox.md, "Target code in build
# steps"). Recursive on purpose: inside a step PKG and STAGING_DIR are
# that package's, so the program finds the libraries of the package's
# own dependency closure (its per-package sysroot).
#
# $(TARGET_RUN) PROGRAM [ARGS...] in a recipe runs a target program:
# under qemu-ARCH -L STAGING_DIR for another architecture, through the
# sysroot's dynamic loader for the build machine's own; exit status
# PROGRAM's, 125 for kiln-target-run's own errors (no qemu, no program).
KILN_TARGET_RUN_SCRIPT = $(TOPDIR)/support/scripts/kiln-target-run
TARGET_RUN = '$(KILN_TARGET_RUN_SCRIPT)' --package '$(PKG)' --sysroot '$(STAGING_DIR)' --
# The toolchain installs it in HOST_DIR/bin (for CMake's emulator and
# the SDK): a change to it rebuilds the toolchain.
TOOLCHAIN_HASH_FILES += $(KILN_TARGET_RUN_SCRIPT)
