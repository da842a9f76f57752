# SPDX-License-Identifier: GPL-2.0-or-later
# Unknown goals: a goal that is neither a package, nor <pkg>-<step>,
# nor one of the global goals below ends the make before anything is
# built, with one line, rather than make's "No rule to make target".
# Read last, once the packages are known; a make without goals (the
# usual "make") pays nothing.

KILN_GLOBAL_GOALS := all clean distclean help menuconfig nconfig oldconfig olddefconfig \
	syncconfig defconfig savedefconfig list-defconfigs %_defconfig kiln-tools \
	show-targets show-info printvars host-finalize target-finalize images \
	target-post-image source external-deps host-tools-check sdk sbom cve-check \
	graph-depends graph-build graph-size legal-info cache-stats cache-clean test-all $(ROOTFS_IMAGES)
# The steps of pkg-generic.mk and pkg-kconfig.mk: <x>-<step> is known
# here whatever <x> is, so that an unknown package gets the message
# that names it ("unknown package 'x'").
KILN_STEP_GOALS := %-source %-extract %-patch %-configure %-build %-install \
	%-rebuild %-reconfigure %-reinstall %-dirclean %-show-depends %-show-rdepends %-show-hash %-test \
	%-graph-depends %-graph-rdepends \
	%-menuconfig %-nconfig %-savedefconfig %-update-config

# An external tree's external.mk names the goals it defines in
# KILN_EXTRA_GOALS (patterns allowed), e.g. KILN_EXTRA_GOALS += flash.
KILN_UNKNOWN_GOALS := $(strip $(foreach g,$(filter-out $(KILN_GLOBAL_GOALS) $(KILN_STEP_GOALS) $(KILN_EXTRA_GOALS),$(MAKECMDGOALS)),\
	$(if $(KILN_UP_$(g)),,$(g))))
ifneq ($(KILN_UNKNOWN_GOALS),)
$(error kiln: unknown goal '$(firstword $(KILN_UNKNOWN_GOALS))'; see 'make help')
endif
