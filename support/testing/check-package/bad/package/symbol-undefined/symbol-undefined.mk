################################################################################
# symbol-undefined
################################################################################

SYMBOL_UNDEFINED_VERSION = 1.0

# A comment may name KILN_PACKAGE_NOWHERE freely.
ifeq ($(KILN_PACKAGE_NOWHERE),y)
SYMBOL_UNDEFINED_DEPENDENCIES += zlib
endif

$(eval $(generic-package))
