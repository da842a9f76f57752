################################################################################
# xz
################################################################################

XZ_VERSION = 5.4.1
XZ_SOURCE = xz-$(XZ_VERSION).tar.xz
XZ_SITE = https://tukaani.org/xz
# Debian's xz-utils_5.4.1.orig.tar.xz is this file, byte for byte, so
# apt (KILN_DOWNLOAD_APT) is a fallback with the same hash.
XZ_DEBIAN_SOURCE = xz-utils
XZ_DEBIAN_VERSION = 5.4.1-1+deb12u1
# The patches are the fixes of Debian's 5.4.1-1+deb12u1 to liblzma and
# xz (CVE-2025-31115 and two overflows), in Debian's order; its
# translation updates are left out (no NLS here).
# What is built here is public domain (COPYING): the GPL-2.0+ scripts
# are not installed (--disable-scripts), and the LGPL-2.1+ getopt_long
# of lib/ is compiled only where the C library has none.
XZ_LICENSE = Public Domain
XZ_LICENSE_FILES = COPYING
XZ_CPE_ID_VENDOR = tukaani
XZ_CPE_ID_PRODUCT = xz
XZ_SUPPLIER = The Tukaani Project
XZ_INSTALL_STAGING = YES

# busybox has xz, unxz, xzcat, lzma, unlzma and lzcat applets (links in
# /usr/bin). Two packages may not install the same path unless one
# depends on the other, and then the dependent's file wins: so with
# busybox, xz comes after it and its programs replace the applets.
# (xz's install replaces those links; it never writes through them.)
XZ_DEPENDENCIES = $(if $(KILN_PACKAGE_BUSYBOX),busybox)

# --disable-static: Kiln builds shared libraries, and libtool would
# compile liblzma a second time for liblzma.a. No translations
# (--disable-nls), no documentation (man pages aside), and no
# xzgrep/xzdiff/xzless/xzmore scripts (they need a shell, grep, diff
# and less on the target).
XZ_CONF_OPTS = \
	--disable-static \
	--disable-nls \
	--disable-doc \
	--disable-scripts

$(eval $(autotools-package))
