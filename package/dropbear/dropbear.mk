################################################################################
# dropbear
################################################################################

DROPBEAR_VERSION = 2022.83
DROPBEAR_SOURCE = dropbear-$(DROPBEAR_VERSION).tar.bz2
DROPBEAR_SITE = https://matt.ucc.asn.au/dropbear/releases
# Debian's dropbear_2022.83.orig.tar.bz2 is the upstream file, byte for
# byte, so apt (KILN_DOWNLOAD_APT) is a fallback with the same hash.
# 0001-0003 are Debian's security patches of that version.
DROPBEAR_DEBIAN_SOURCE = dropbear
DROPBEAR_DEBIAN_VERSION = 2022.83-1+deb12u3
DROPBEAR_LICENSE = MIT, BSD-2-Clause, Public domain
DROPBEAR_LICENSE_FILES = LICENSE
DROPBEAR_CPE_ID_VENDOR = dropbear_ssh_project
DROPBEAR_CPE_ID_PRODUCT = dropbear_ssh
DROPBEAR_SUPPLIER = Person: Matt Johnston

# Every program in one binary (MULTI=1), which picks the program by the
# name it was started as: smaller than five programs that each carry
# the crypto code.
DROPBEAR_PROGRAMS = dropbear dbclient dropbearkey dropbearconvert scp
DROPBEAR_MAKE_OPTS = MULTI=1 SCPPROGRESS=1 PROGRAMS="$(DROPBEAR_PROGRAMS)"

# The bundled libtomcrypt and libtommath, said explicitly so that a
# system copy is never picked up by chance. No lastlog or wtmp: Kiln's
# root filesystem has neither file.
DROPBEAR_CONF_OPTS = --enable-bundled-libtom --disable-lastlog --disable-wtmp

# Off, configure still looks for zlib (0004-configure-zlib-optional-by-
# default.patch makes a missing zlib not an error) and cannot find it,
# as only declared dependencies are in dropbear's sysroot: its
# config.log shows the probe failing. On, --enable-zlib makes a missing
# zlib an error rather than a silent build without it.
ifeq ($(KILN_PACKAGE_DROPBEAR_ZLIB),y)
DROPBEAR_DEPENDENCIES += zlib
DROPBEAR_CONF_OPTS += --enable-zlib
endif

# Compile-time options (password logins off without crypt()): the
# Makefile uses localoptions.h when the build directory has one.
define DROPBEAR_INSTALL_LOCALOPTIONS
	install -m 0644 '$(DROPBEAR_PKGDIR)localoptions.h' '$(@D)/localoptions.h'
endef
DROPBEAR_PRE_CONFIGURE_HOOKS += DROPBEAR_INSTALL_LOCALOPTIONS

# The binary as the server, the other programs as links to it. Host
# keys are made on the target at first use (dropbear -R) into
# /etc/dropbear, which must exist; never at build time, where every
# image would get the same keys.
define DROPBEAR_INSTALL_TARGET_CMDS
	install -D -m 0755 '$(@D)/dropbearmulti' '$(TARGET_DIR)/usr/sbin/dropbear'
	mkdir -p '$(TARGET_DIR)/usr/bin'
	for p in $(filter-out dropbear,$(DROPBEAR_PROGRAMS)); do \
		ln -sfn ../sbin/dropbear '$(TARGET_DIR)/usr/bin/'$$p; done
	install -d -m 0700 '$(TARGET_DIR)/etc/dropbear'
endef

# The start-up script, for busybox init only (rcS runs it with start at
# boot, rcK with stop at shutdown). At target-finalize rather than at
# install, like the skeleton's inittab, so that switching the init
# system takes effect at the next make without rebuilding dropbear.
define DROPBEAR_INSTALL_INIT_BUSYBOX
	install -D -m 0755 '$(DROPBEAR_PKGDIR)S50dropbear' '$(TARGET_DIR)/etc/init.d/S50dropbear'
endef
ifeq ($(KILN_PACKAGE_DROPBEAR)$(KILN_INIT_BUSYBOX),yy)
TARGET_FINALIZE_HOOKS += DROPBEAR_INSTALL_INIT_BUSYBOX
endif

define DROPBEAR_PERMISSIONS
/etc/dropbear d 700 0 0 - - - - -
endef

# No test suite in Kiln: dropbear's make check runs its lint script and
# test/, a pytest suite that pip installs its requirements into a
# virtualenv (a download in the test step) and starts a server to ssh
# into (docs/package-tests.md).
DROPBEAR_TEST_CMDS =

$(eval $(autotools-package))
