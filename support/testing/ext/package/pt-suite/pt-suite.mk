################################################################################
# pt-suite
################################################################################

# Test of make <pkg>-test (docs/package-tests.md, 21-package-test.t): a
# program linked against tr-lib's shared library, and a test suite that
# execs it directly, as a package's make check does: it runs only when
# the test step registers qemu for the target's programs, and finds
# libtrlib in the package's own STAGING_DIR. Each case prints
# automake's "PASS: name" or "FAIL: name". PT_SUITE_BREAK=1 breaks
# one case.
PT_SUITE_VERSION = 1.0
PT_SUITE_DEPENDENCIES = tr-lib
PT_SUITE_BREAK ?=

define PT_SUITE_BUILD_CMDS
	$(TARGET_CC) $(TARGET_CFLAGS) -o '$(@D)/pt-check' '$(TR_PROG_PKGDIR)tr-prog.c' -ltrlib
endef

define PT_SUITE_TEST_CMDS
	cd '$(@D)' && PT_SUITE_ARCH='$(KILN_ARCH_NAME)' PT_SUITE_BREAK='$(PT_SUITE_BREAK)' \
		sh '$(PT_SUITE_PKGDIR)run-tests.sh'
endef

define PT_SUITE_INSTALL_TARGET_CMDS
	install -D -m 0755 '$(@D)/pt-check' '$(TARGET_DIR)/usr/bin/pt-check'
endef

$(eval $(generic-package))
