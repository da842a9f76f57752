################################################################################
# expat
################################################################################

EXPAT_VERSION = 2.5.0
# Debian's expat_2.5.0.orig.tar.gz is not upstream's release tarball
# (expat-2.5.0.tar.xz, made with "make dist", with a configure script):
# it is GitHub's archive of the R_2_5_0 tag, the whole repository with
# the library in expat/ and no configure. So the file is Debian's, with
# Debian's hash, and apt is its site; the package builds expat/ with
# CMake, which needs nothing generated.
EXPAT_SOURCE = expat_$(EXPAT_VERSION).orig.tar.gz
EXPAT_SITE_METHOD = apt
EXPAT_DEBIAN_SOURCE = expat
EXPAT_DEBIAN_VERSION = 2.5.0-1+deb12u2
# 0001-0006 are the security fixes of Debian's 2.5.0-1+deb12u2, in
# Debian's order (their first lines say which CVE); 0007 is Kiln's, so
# that 0006 builds with CMake (see its description).
EXPAT_LICENSE = MIT
EXPAT_LICENSE_FILES = expat/COPYING
EXPAT_CPE_ID_VENDOR = libexpat_project
EXPAT_CPE_ID_PRODUCT = libexpat
EXPAT_INSTALL_STAGING = YES
EXPAT_SUBDIR = expat

# The shared library and xmlwf. No man page (EXPAT_BUILD_DOCS needs
# docbook2man), no examples, tests or fuzzers. No libbsd: glibc has
# getrandom() for the hash salt.
EXPAT_CONF_OPTS = \
	-DEXPAT_SHARED_LIBS=ON \
	-DEXPAT_BUILD_TOOLS=ON \
	-DEXPAT_BUILD_DOCS=OFF \
	-DEXPAT_BUILD_EXAMPLES=OFF \
	-DEXPAT_BUILD_TESTS=OFF \
	-DEXPAT_BUILD_FUZZERS=OFF \
	-DEXPAT_BUILD_PKGCONFIG=ON \
	-DEXPAT_WITH_LIBBSD=OFF

# make expat-test: expat's runtests and runtests_cxx, built with the
# tests switched on (in a build of their own, pkg-cmake.mk).
EXPAT_TEST_CONF_OPTS = -DEXPAT_BUILD_TESTS=ON

$(eval $(cmake-package))
