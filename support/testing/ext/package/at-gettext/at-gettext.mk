################################################################################
# at-gettext
################################################################################

# Test: _AUTORECONF = YES for a configure.ac that uses gettext, which
# needs autopoint on the build machine (12-setup-host.t runs it with
# stand-ins for autoreconf, automake and libtoolize and no autopoint).
AT_GETTEXT_VERSION = 1.0
AT_GETTEXT_AUTORECONF = YES
AT_GETTEXT_NEEDS_PKGCONF = NO
define AT_GETTEXT_EXTRACT_CMDS
	printf 'AC_INIT([at-gettext], [1.0])\nAM_GNU_GETTEXT([external])\nAC_OUTPUT\n' >$(@D)/configure.ac
endef
$(eval $(autotools-package))
