################################################################################
# pcre2
################################################################################

PCRE2_VERSION = 10.42
PCRE2_SOURCE = pcre2-$(PCRE2_VERSION).tar.gz
PCRE2_SITE = https://github.com/PCRE2Project/pcre2/releases/download/pcre2-$(PCRE2_VERSION)
# Debian's pcre2_10.42.orig.tar.gz is this file, byte for byte, so apt
# (KILN_DOWNLOAD_APT) is a fallback with the same hash.
PCRE2_DEBIAN_SOURCE = pcre2
PCRE2_DEBIAN_VERSION = 10.42-1
PCRE2_LICENSE = BSD-3-Clause WITH PCRE2-exception
PCRE2_LICENSE_FILES = LICENCE
PCRE2_CPE_ID_VENDOR = pcre
PCRE2_CPE_ID_PRODUCT = pcre2
PCRE2_SUPPLIER = PCRE2 project
PCRE2_INSTALL_STAGING = YES
# A dependent that asks pcre2-config instead of pkg-config gets its own
# sysroot's paths (package-infrastructures.md).
PCRE2_CONFIG_SCRIPTS = pcre2-config

# The 8-bit library only, which is what nearly every program uses;
# no JIT (the interpreter works on every architecture). pcre2grep
# without .gz/.bz2 input, so that it needs nothing but the C library
# whatever else is selected. --disable-static: Kiln builds shared
# libraries, and libtool would compile everything a second time.
PCRE2_CONF_OPTS = \
	--enable-pcre2-8 \
	--disable-pcre2-16 \
	--disable-pcre2-32 \
	--disable-jit \
	--disable-pcre2grep-libz \
	--disable-pcre2grep-libbz2 \
	--disable-pcre2test-libedit \
	--disable-pcre2test-libreadline \
	--disable-static

# pcre2-config is for building against pcre2: staging only.
define PCRE2_REMOVE_TARGET_CONFIG_SCRIPT
	rm -f '$(TARGET_DIR)/usr/bin/pcre2-config'
endef
PCRE2_POST_INSTALL_TARGET_HOOKS += PCRE2_REMOVE_TARGET_CONFIG_SCRIPT

$(eval $(autotools-package))
