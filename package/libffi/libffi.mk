################################################################################
# libffi
################################################################################

LIBFFI_VERSION = 3.4.4
LIBFFI_SOURCE = libffi-$(LIBFFI_VERSION).tar.gz
LIBFFI_SITE = https://github.com/libffi/libffi/releases/download/v$(LIBFFI_VERSION)
# Debian's libffi_3.4.4.orig.tar.gz is this file, byte for byte, so apt
# (KILN_DOWNLOAD_APT) is a fallback with the same hash.
LIBFFI_DEBIAN_SOURCE = libffi
LIBFFI_DEBIAN_VERSION = 3.4.4-1
# LICENSE-BUILDTOOLS covers build scripts that end up in no binary.
LIBFFI_LICENSE = MIT
LIBFFI_LICENSE_FILES = LICENSE
LIBFFI_CPE_ID_VENDOR = libffi_project
LIBFFI_CPE_ID_PRODUCT = libffi
LIBFFI_SUPPLIER = libffi project
LIBFFI_INSTALL_STAGING = YES

# --disable-builddir: otherwise configure re-runs itself in a <tuple>/
#   subdirectory, and the build is not where the infrastructure runs
#   make.
# --disable-multi-os-directory: otherwise the library goes to
#   /usr/lib/<gcc -print-multi-os-directory>, which is ../lib64 for
#   some toolchains and ../lib for Debian's aarch64 and x86_64 ones
#   (/usr/lib/../lib in libffi.pc); Kiln's libraries are in /usr/lib.
# --disable-docs: the texinfo manual needs makeinfo; the man pages are
#   installed all the same.
# --disable-static: Kiln builds shared libraries, and libtool would
#   compile everything a second time.
LIBFFI_CONF_OPTS = \
	--disable-builddir \
	--disable-multi-os-directory \
	--disable-docs \
	--disable-static

# make libffi-test: libffi's DejaGnu suite (make check), which compiles
# each test with the cross compiler and runs it on the target. Needs
# DejaGnu's runtest on the build machine.
define LIBFFI_TEST_CMDS
	command -v runtest >/dev/null || { echo "libffi: make libffi-test needs DejaGnu's runtest: apt-get install dejagnu (utils/setup-host --tests)" >&2; exit 1; }
	$(kiln-autotools-test)
endef

$(eval $(autotools-package))
