################################################################################
# tr-at
################################################################################

# Test: AC_RUN_IFELSE in a cross build runs the target program through
# the sandbox's own binfmt_misc (TR_AT_CONF_RUN_TESTS = YES), and its
# build step runs the program it built directly (21-target-run.t).
TR_AT_VERSION = 1.0
TR_AT_AUTORECONF = YES
TR_AT_CONF_RUN_TESTS = YES

define TR_AT_EXTRACT_CMDS
	cp -R $(TR_AT_PKGDIR)src/. $(@D)/
endef

$(eval $(autotools-package))
