################################################################################
# dl-license
################################################################################

# Test: dl-http's tarball from a local folder; dl-license.hash holds
# a wrong hash for COPYING, so extraction must fail. Tests also set
# DL_LICENSE_LICENSE_FILES to README (no hash line) and to a missing
# file.
DL_LICENSE_VERSION = 1.0
DL_LICENSE_SOURCE = dl-http-$(DL_LICENSE_VERSION).tar.gz
DL_LICENSE_SITE = file://$(DL_LICENSE_PKGDIR)../dl-http
DL_LICENSE_LICENSE = MIT
DL_LICENSE_LICENSE_FILES = COPYING
$(eval $(generic-package))
