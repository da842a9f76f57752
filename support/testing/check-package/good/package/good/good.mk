################################################################################
# good
################################################################################

GOOD_VERSION = 1.0
GOOD_SOURCE = good-$(GOOD_VERSION).tar.gz
GOOD_SITE = https://good.example.org/releases
GOOD_SITE_METHOD = https
GOOD_DEBIAN_SOURCE = good
GOOD_DEBIAN_VERSION = 1.0-1
GOOD_LICENSE = MIT
GOOD_LICENSE_FILES = COPYING
GOOD_INSTALL_STAGING = YES

GOOD_MAKE_OPTS = \
	CC="$(TARGET_CC)" \
	STATIC=$(if $(KILN_STATIC_FIXTURE),1,0)

ifeq ($(KILN_PACKAGE_GOOD_ZLIB),y)
GOOD_DEPENDENCIES += zlib
endif

define GOOD_BUILD_CMDS
	$(MAKE) -C '$(@D)' $(GOOD_MAKE_OPTS)
endef

# A permission table is not indented.
define GOOD_PERMISSIONS
/usr/bin/good f 4755 0 0 - - - - -
endef

HOST_GOOD_DEPENDENCIES = host-zlib

$(eval $(generic-package))
$(eval $(host-generic-package))
