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

# Whether this build machine can run the target's programs: natively
# for x86_64, else with qemu-ARCH (or -static) in PATH. Recursive, and
# used only in recipes, so the shell runs in a configure step and never
# in a no-op make. Without it, Meson and CMake get no wrapper and say
# so themselves when a package wants to run a program (Meson: "Can not
# run test applications in this cross environment"; CMake: try_run's
# error), instead of failing every compiler check.
kiln-target-can-run = $(or $(filter x86_64,$(KILN_ARCH_NAME)),$(shell command -v qemu-$(KILN_ARCH_NAME) qemu-$(KILN_ARCH_NAME)-static 2>/dev/null))
