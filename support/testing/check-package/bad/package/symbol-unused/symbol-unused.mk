################################################################################
# symbol-unused
################################################################################

SYMBOL_UNUSED_VERSION = 1.0

# KILN_PACKAGE_SYMBOL_UNUSED_FEATURE: a comment is no use either.
$(eval $(generic-package))
