################################################################################
# openssl
################################################################################

OPENSSL_VERSION = 3.0.20
OPENSSL_SOURCE = openssl-$(OPENSSL_VERSION).tar.gz
OPENSSL_SITE = https://github.com/openssl/openssl/releases/download/openssl-$(OPENSSL_VERSION)
# Debian's openssl_3.0.20.orig.tar.gz is the upstream file, byte for
# byte, so apt (KILN_DOWNLOAD_APT) is a fallback with the same hash.
# The patches are Debian's security fixes of that version.
OPENSSL_DEBIAN_SOURCE = openssl
OPENSSL_DEBIAN_VERSION = 3.0.20-1~deb12u2
OPENSSL_LICENSE = Apache-2.0
OPENSSL_LICENSE_FILES = LICENSE.txt
OPENSSL_CPE_ID_VENDOR = openssl
OPENSSL_CPE_ID_PRODUCT = openssl
OPENSSL_SUPPLIER = OpenSSL Project
OPENSSL_INSTALL_STAGING = YES

# OpenSSL's Configure is its own Perl script. Its target names the
# platform and picks the assembler code: Kiln's architecture to
# OpenSSL's target. The CPU flags come from the compiler wrapper.
OPENSSL_TARGET_aarch64 = linux-aarch64
OPENSSL_TARGET_arm = linux-armv4
OPENSSL_TARGET_riscv64 = linux64-riscv64
OPENSSL_TARGET_x86_64 = linux-x86_64
OPENSSL_TARGET = $(OPENSSL_TARGET_$(KILN_ARCH_NAME))

# Configure takes CC, AR, RANLIB, CFLAGS, CPPFLAGS and LDFLAGS from the
# environment (TARGET_CONFIGURE_OPTS: the wrapped compiler of openssl's
# own HOST_DIR). Our CFLAGS replace the target's default -O3. --libdir
# is relative to --prefix. No tests, no fuzzers: they are not installed.
# libcrypto keeps the compiler's command line ("openssl version -a"):
# CC by name, found first in PATH (HOST_DIR/bin), keeps the output
# directory's path out of the target's libcrypto.so.
OPENSSL_CC = $(GNU_TARGET_NAME)-gcc
OPENSSL_CONF_OPTS = \
	--prefix=/usr --openssldir=/etc/ssl --libdir=lib \
	shared threads no-tests no-fuzz-afl no-fuzz-libfuzzer

# Configure needs Perl with its core modules (IPC::Cmd is not in
# Debian's perl-base). The build is out of the source tree, in
# kiln-build, so that make openssl-test can configure a second one
# with the tests beside it: OpenSSL's Configure takes the files an
# in-tree build leaves (providers/libdefault.a) for sources.
OPENSSL_BUILDDIR = $(@D)/kiln-build
define OPENSSL_CONFIGURE_CMDS
	test -n '$(OPENSSL_TARGET)' || { echo "openssl: no OpenSSL target for the architecture '$(KILN_ARCH_NAME)': add OPENSSL_TARGET_$(KILN_ARCH_NAME) to $(OPENSSL_PKGDIR)openssl.mk" >&2; exit 1; }
	perl -MIPC::Cmd -MFile::Spec -e 1 || { echo "openssl: Configure needs perl with its standard modules on the build machine (apt-get install perl)" >&2; exit 1; }
	mkdir -p '$(OPENSSL_BUILDDIR)'
	cd '$(OPENSSL_BUILDDIR)' && $(TARGET_CONFIGURE_OPTS) CC='$(OPENSSL_CC)' ../Configure $(OPENSSL_TARGET) $(OPENSSL_CONF_OPTS)
	$(OPENSSL_NO_STATIC_LIBS)
endef

# With "shared", OpenSSL 3.0 compiles libcrypto and libssl twice, once
# for the shared and once for the static libraries (its no-static
# option came later), which doubles the build time. Kiln links against
# the shared libraries only, so the static ones are taken out of the
# generated Makefile's LIBS (what the build makes) and INSTALL_LIBS
# (what install_dev installs); the internal static libraries that go
# into libcrypto.so stay.
define OPENSSL_NO_STATIC_LIBS
	sed -i -e '/^LIBS=/s/ libcrypto\.a libssl\.a / /' -e 's/^INSTALL_LIBS=.*/INSTALL_LIBS=/' '$(OPENSSL_BUILDDIR)/Makefile'
	! sed -n '/^LIBS=/,/[^\\]$$/p' '$(OPENSSL_BUILDDIR)/Makefile' | grep -q -e 'libcrypto\.a' -e 'libssl\.a' || { \
		echo "openssl: $(OPENSSL_BUILDDIR)/Makefile still builds libcrypto.a or libssl.a: the layout of OpenSSL's Makefile changed, fix OPENSSL_NO_STATIC_LIBS in $(OPENSSL_PKGDIR)openssl.mk" >&2; exit 1; }
endef

# build_sw: the libraries, modules and programs, not the manual (the
# target has no man pages, and pod2man takes a while).
define OPENSSL_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(OPENSSL_BUILDDIR)' build_sw
endef

# install_sw: libraries, headers, .pc files, engines, modules, programs;
# install_ssldirs: /etc/ssl with openssl.cnf.
define OPENSSL_INSTALL_STAGING_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(OPENSSL_BUILDDIR)' \
		DESTDIR='$(STAGING_DIR)' install_sw install_ssldirs
endef

# The target gets the run-time part (no headers or .pc files). c_rehash
# and /etc/ssl/misc are Perl scripts, and the target has no Perl.
define OPENSSL_INSTALL_TARGET_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(OPENSSL_BUILDDIR)' \
		DESTDIR='$(TARGET_DIR)' install_runtime install_engines install_modules install_ssldirs
	rm -rf '$(TARGET_DIR)/usr/bin/c_rehash' '$(TARGET_DIR)/etc/ssl/misc'
endef

# make openssl-test: a named subset of OpenSSL's own suite (its Perl
# harness, test/run_tests.pl), whose programs run on the target. The
# package's build says no-tests (the test programs are not installed,
# and building them takes minutes), so the suite gets a second build
# of its own, in kiln-build-tests: the same options with the tests and
# the static libraries, which the internal tests link. It is configured
# again only when its options change, so a second make openssl-test
# rebuilds only what changed. (Its compiler and flags need no such
# check: a change to them changes openssl's configuration hash, which
# empties the build directory, this one with it.)
# OPENSSL_TESTS: the subset, test names or globs as run_tests.pl takes
# them ("alltests" for the whole suite); docs/package-tests.md says why
# these and how long they take.
OPENSSL_TESTS ?= test_sanity \
	test_evp test_evp_extra test_evp_kdf test_evp_pkey_provided \
	test_internal_bn test_bn test_ecdsa test_ec test_rsa \
	test_internal_modes test_internal_chacha test_internal_poly1305 \
	test_internal_curve448 test_sha test_aesgcm test_x509 test_verify \
	test_sslapi
OPENSSL_TEST_CONF_OPTS = $(OPENSSL_TARGET) $(filter-out no-tests,$(OPENSSL_CONF_OPTS))
define OPENSSL_TEST_CMDS
	mkdir -p '$(@D)/kiln-build-tests'
	cd '$(@D)/kiln-build-tests' && if [ -e Makefile ] && [ "$$(cat .kiln-configure 2>/dev/null)" = '$(OPENSSL_TEST_CONF_OPTS)' ]; then :; else \
		rm -f .kiln-configure && $(TARGET_CONFIGURE_OPTS) CC='$(OPENSSL_CC)' ../Configure $(OPENSSL_TEST_CONF_OPTS) && \
		echo '$(OPENSSL_TEST_CONF_OPTS)' >.kiln-configure; fi
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)/kiln-build-tests' build_sw
	$(TARGET_MAKE_ENV) HARNESS_JOBS='$(KILN_JLEVEL)' $(MAKE) -C '$(@D)/kiln-build-tests' run_tests TESTS='$(OPENSSL_TESTS)'
endef

$(eval $(generic-package))
