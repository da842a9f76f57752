################################################################################
# make
################################################################################

MAKE_VERSION = 4.3
MAKE_SOURCE = make-dfsg_$(MAKE_VERSION).orig.tar.gz
# Debian repacks GNU make without its manual (dfsg), so the upstream
# file is not this one: Debian is the site.
MAKE_SITE_METHOD = apt
MAKE_DEBIAN_SOURCE = make-dfsg
MAKE_DEBIAN_VERSION = 4.3-4.1
MAKE_LICENSE = GPL-3.0-or-later
MAKE_LICENSE_FILES = COPYING
MAKE_CPE_ID_VENDOR = gnu
MAKE_CPE_ID_PRODUCT = make
MAKE_SUPPLIER = Free Software Foundation

# The repack has configure.ac but no configure; Debian's patch (0001)
# makes its build system work without the manual, and autoreconf
# generates the rest.
MAKE_AUTORECONF = YES

# No translations, no GNU Guile extension language.
MAKE_CONF_OPTS = \
	--disable-nls \
	--without-guile

$(eval $(autotools-package))
