################################################################################
# dl-nohash
################################################################################

# Test: dl-nohash.hash lacks the tarball's line (the test serves a copy
# of dl-http's tarball under this name and sets DL_NOHASH_SITE).
DL_NOHASH_VERSION = 1.0
DL_NOHASH_SOURCE = dl-nohash-$(DL_NOHASH_VERSION).tar.gz
DL_NOHASH_SITE = http://127.0.0.1:9/dl-nohash
DL_NOHASH_LICENSE = MIT
DL_NOHASH_LICENSE_FILES = COPYING
$(eval $(generic-package))
