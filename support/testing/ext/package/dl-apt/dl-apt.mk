################################################################################
# dl-apt
################################################################################

# Test: the apt method. Debian's bzip2_1.0.8.orig.tar.gz is the
# upstream release bzip2-1.0.8.tar.gz, byte for byte, so the package
# names the upstream file and its hash, and apt must produce that very
# file. A real package would set _SITE to the upstream site and leave
# apt as the fallback (KILN_DOWNLOAD_APT); this test package uses apt
# only, so that no test can reach upstream.
DL_APT_VERSION = 1.0.8
DL_APT_SOURCE = bzip2-$(DL_APT_VERSION).tar.gz
DL_APT_SITE_METHOD = apt
DL_APT_DEBIAN_SOURCE = bzip2
DL_APT_DEBIAN_VERSION = 1.0.8-5
DL_APT_LICENSE = bzip2-1.0.6
$(eval $(generic-package))
