################################################################################
# bzip2
################################################################################

BZIP2_VERSION = 1.0.8
BZIP2_SOURCE = bzip2-$(BZIP2_VERSION).tar.gz
BZIP2_SITE = https://sourceware.org/pub/bzip2
# Debian's bzip2_1.0.8.orig.tar.gz is this file, byte for byte, so apt
# (KILN_DOWNLOAD_APT) is a fallback with the same hash.
BZIP2_DEBIAN_SOURCE = bzip2
BZIP2_DEBIAN_VERSION = 1.0.8-5
BZIP2_LICENSE = bzip2-1.0.6
BZIP2_LICENSE_FILES = LICENSE
BZIP2_CPE_ID_VENDOR = bzip
BZIP2_CPE_ID_PRODUCT = bzip2
BZIP2_SUPPLIER = Person: Julian Seward
BZIP2_INSTALL_STAGING = YES

# busybox has bzip2, bunzip2 and bzcat applets (links in /usr/bin).
# Two packages may not install the same path unless one depends on the
# other, and then the dependent's file wins: so with busybox, bzip2
# comes after it and its programs replace the applets.
BZIP2_DEPENDENCIES = $(if $(KILN_PACKAGE_BUSYBOX),busybox)

# bzip2 has no configure: its two Makefiles take the cross tools as
# variables. CFLAGS replaces upstream's (-Wall -Winline -O2 -g
# -D_FILE_OFFSET_BITS=64, TARGET_CFLAGS has the last one); -fPIC because
# both Makefiles build the same object files and one of them makes the
# shared library out of them.
BZIP2_MAKE_OPTS = \
	CC="$(TARGET_CC)" \
	AR="$(TARGET_AR)" \
	RANLIB="$(TARGET_RANLIB)" \
	CFLAGS="$(TARGET_CFLAGS) -fPIC -Wall -Winline" \
	LDFLAGS="$(TARGET_LDFLAGS)"

# Makefile-libbz2_so makes libbz2.so.1.0.8 (soname libbz2.so.1.0, as on
# every distribution) and bzip2-shared, the bzip2 program linked with
# it: that is the bzip2 the target gets. The main Makefile adds
# libbz2.a (for staging) and bzip2recover. Its own "all" would also run
# the test suite, which runs target programs: not here.
define BZIP2_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' -f Makefile-libbz2_so $(BZIP2_MAKE_OPTS) all
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' $(BZIP2_MAKE_OPTS) libbz2.a bzip2recover
endef

# $(1): the lib directory.
define BZIP2_INSTALL_LIB
	install -D -m 0755 '$(@D)/libbz2.so.$(BZIP2_VERSION)' '$(1)/libbz2.so.$(BZIP2_VERSION)'
	ln -sfn libbz2.so.$(BZIP2_VERSION) '$(1)/libbz2.so.1.0'
endef

# Upstream's "make install" copies the static bzip2 and puts man pages
# under /usr/man: the files are installed one by one instead. bzip2 has
# no .pc file; dependents link with -lbz2.
define BZIP2_INSTALL_STAGING_CMDS
	$(call BZIP2_INSTALL_LIB,$(STAGING_DIR)/usr/lib)
	ln -sfn libbz2.so.$(BZIP2_VERSION) '$(STAGING_DIR)/usr/lib/libbz2.so'
	install -m 0644 '$(@D)/libbz2.a' '$(STAGING_DIR)/usr/lib/libbz2.a'
	install -D -m 0644 '$(@D)/bzlib.h' '$(STAGING_DIR)/usr/include/bzlib.h'
endef

# bunzip2 and bzcat are bzip2 under another name (it looks at argv[0]).
# busybox's links to its applets are removed first, so that ln -s can
# put new ones in their place. The bzgrep, bzmore and bzdiff shell
# scripts are left out: they need a shell, grep, more and diff on the
# target.
define BZIP2_INSTALL_TARGET_CMDS
	rm -f $(addprefix '$(TARGET_DIR)/usr/bin/',bzip2 bunzip2 bzcat bzip2recover)
	install -D -m 0755 '$(@D)/bzip2-shared' '$(TARGET_DIR)/usr/bin/bzip2'
	install -D -m 0755 '$(@D)/bzip2recover' '$(TARGET_DIR)/usr/bin/bzip2recover'
	ln -s bzip2 '$(TARGET_DIR)/usr/bin/bunzip2'
	ln -s bzip2 '$(TARGET_DIR)/usr/bin/bzcat'
	$(call BZIP2_INSTALL_LIB,$(TARGET_DIR)/usr/lib)
endef

# make bzip2-test: bzip2's own test (make test): its three sample
# files compressed and decompressed by the bzip2 it builds, compared
# with the reference files.
define BZIP2_TEST_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' $(BZIP2_MAKE_OPTS) test
endef

$(eval $(generic-package))
