# SPDX-License-Identifier: GPL-2.0-or-later
# make <pkg>-test and make test-all: a package's own upstream test
# suite, run from its cross build, the target's programs started by
# qemu-user through the sandbox's own binfmt_misc (docs/package-tests.md).
# Nothing here is expanded at parse time or in a no-op make.

# A package's test commands: <PKG>_TEST_CMDS, or its infrastructure's
# default, found when the step runs. Autotools: make check. Meson: meson
# test. CMake: a second build with the tests, then CTest
# (kiln-cmake-test, pkg-cmake.mk). Generic packages have no common
# convention: they say their own.
kiln-default-TEST = $(if $(filter target,$($(PKGUP)_TYPE)),$(if $($(PKGUP)_INFRA),$(kiln-$($(PKGUP)_INFRA)-test)))
kiln-autotools-test = $(TARGET_MAKE_ENV) $(MAKE) -C '$(kiln-srcdir)' check
# meson test passes when the project defines no test: that is an error
# here, as CTest's --no-tests=error.
define kiln-meson-test
test -n "$$($(TARGET_MAKE_ENV) '$(MESON)' test -C '$(kiln-builddir)' --list 2>/dev/null)" || \
	{ echo "$(PKG): meson test -C $(kiln-builddir) --list: the project defines no test" >&2; exit 1; }
$(TARGET_MAKE_ENV) '$(MESON)' test -C '$(kiln-builddir)' --print-errorlogs
endef
# For an x86_64 target the test programs run natively, without qemu:
# the package's sysroot's libraries come first, as qemu's -L gives them
# to other architectures (the sysroot's C library is the build
# machine's own, so its tools run the same).
kiln-step-body-test = $(if $(and $(filter x86_64,$(KILN_ARCH_NAME)),$(filter target,$($(PKGUP)_TYPE))),\
	export LD_LIBRARY_PATH='$(STAGING_DIR)/usr/lib'$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}$(sep))$(call kiln-plain-step,TEST)

# $(call kiln-has-test,PREFIX): not empty when the package has a test
# suite in Kiln: <PKG>_TEST_CMDS set and not empty, or not set and a
# default for its infrastructure (target packages only: the defaults
# run a cross build's tests). $(value): nothing is expanded here.
kiln-has-test = $(if $(filter undefined,$(origin $(1)_TEST_CMDS)),$(if $(filter target,$($(1)_TYPE)),$(filter \
	autotools cmake meson,$($(1)_INFRA))),$(if $(strip $(value $(1)_TEST_CMDS)),y))

KILN_TEST_SUMMARY := $(TOPDIR)/support/scripts/kiln-test-summary

# The test step runs every time it is asked for (.stamp_tested is never
# made); it needs the package built and installed (its STAGING_DIR is
# the programs' library root).
# Its result, for test-all, is .logs/test.result. Under test-all
# (KILN_TEST_ALL=1) a failed suite does not stop the others. A package
# restored from the artifact cache has no build to test: an error.
$(BUILD_DIR)/%/.stamp_tested: $(BUILD_DIR)/%/.stamp_installed FORCE
	$(file >$(STAMP_DIR)/$(PKG).test.sh,$(call kiln-step-script,test))
	+$(Q)rm -f '$(@D)/.logs/test.result' '$(@D)/.logs/test.log'; \
	if [ -e '$(@D)/$(KILN_CACHE_RESTORED)' ]; then st=restored; else \
	$(call kiln-sandbox-env,test) $(KILN_STEP_RUNNER) '$(PKG)' '$($(PKGUP)_VERSION)' test testing \
		$(STAMP_DIR)/$(PKG).test.sh $(@D)/.logs/test.log '$(or $(KILN_POS_$(PKG)),-)/$(KILN_NPACKAGES)'; \
	st=$$?; fi; \
	'$(KILN_TEST_SUMMARY)' '$(PKG)' '$($(PKGUP)_VERSION)' '$(@D)' "$$st" || [ -n '$(KILN_TEST_ALL)' ]

# make <pkg>-test: a package without a suite is an error before
# anything is built (the check is in the prerequisite's second
# expansion, not in the recipe, which make expands only after building
# the prerequisites).
%-test: $$(if $$(KILN_UP_$$*),$$(if $$(call kiln-has-test,$$(KILN_UP_$$*)),$$($$(KILN_UP_$$*)_DIR)/.stamp_tested,kiln-no-test-$$*),kiln-unknown-package-$$*) ; @:
kiln-no-test-%:
	$(error $* has no test suite in Kiln: $(KILN_UP_$*)_TEST_CMDS is $(if \
		$(filter undefined,$(origin $(KILN_UP_$*)_TEST_CMDS)),not set,empty (its .mk says why)) in \
		$($(KILN_UP_$*)_PKGDIR)$($(KILN_UP_$*)_RAWNAME).mk; see docs/package-tests.md to add one)

# make test-all: the suites of every selected target package that has
# one, each in turn (a sub-make with -k: a failed build or suite does
# not stop the others), then one line per package and the failures.
KILN_TEST_PACKAGES = $(foreach p,$(PACKAGES),$(if $(filter target,$($(KILN_UP_$(p))_TYPE)),$(if \
	$(call kiln-has-test,$(KILN_UP_$(p))),$(p))))
KILN_TEST_NONE = $(foreach p,$(PACKAGES),$(if $(filter target,$($(KILN_UP_$(p))_TYPE)),$(if \
	$(call kiln-has-test,$(KILN_UP_$(p))),,$(p))))
test-all:
	$(Q)rm -f $(foreach p,$(KILN_TEST_PACKAGES),'$($(KILN_UP_$(p))_DIR)/.logs/test.result')
	$(if $(strip $(KILN_TEST_PACKAGES)),+$(Q)$(MAKE) -k -f $(TOPDIR)/Makefile \
		$(addsuffix -test,$(KILN_TEST_PACKAGES)) KILN_TEST_ALL=1 || true)
	$(Q)'$(KILN_TEST_SUMMARY)' --all '$(strip $(KILN_TEST_NONE))' \
		$(foreach p,$(KILN_TEST_PACKAGES),'$(p)' '$($(KILN_UP_$(p))_DIR)')
KILN_PHONY += test-all
