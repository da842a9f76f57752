################################################################################
# file
################################################################################

FILE_VERSION = 5.44
FILE_SOURCE = file-$(FILE_VERSION).tar.gz
FILE_SITE = https://astron.com/pub/file
# Debian's file_5.44.orig.tar.gz is this file, byte for byte (Debian
# ships upstream's signature beside it), so apt (KILN_DOWNLOAD_APT) is a
# fallback with the same hash. Debian's patches are additions to the
# magic database and Debian's own defaults: not applied.
FILE_DEBIAN_SOURCE = file
FILE_DEBIAN_VERSION = 1:5.44-3
FILE_LICENSE = BSD-2-Clause
FILE_LICENSE_FILES = COPYING
FILE_CPE_ID_VENDOR = file_project
FILE_CPE_ID_PRODUCT = file
FILE_SUPPLIER = Christos Zoulas
FILE_INSTALL_STAGING = YES

# file's build compiles its magic database (magic.mgc) by running the
# file program it has just built: cross-compiling, it runs the build
# machine's file instead, which must be the same version. That is why
# Buildroot builds a host-file and Yocto a file-native. Here file builds
# in emulation (docs/sandbox.md): configure and make run on the target's
# own tools under qemu, the compiler natively, and the database is
# compiled by the target's new file. An x86_64 target has nothing to
# emulate: it cross-compiles with the build machine's file, checked
# below.
FILE_BUILD_IN_EMULATION = YES

# Only libmagic and file: no compression libraries for looking inside
# compressed files (-z), no seccomp sandbox (libseccomp).
FILE_CONF_OPTS = \
	--disable-static \
	--disable-libseccomp \
	--disable-zlib \
	--disable-bzlib \
	--disable-xzlib \
	--disable-zstdlib \
	--disable-lzlib

# A cross build (an x86_64 target, or FILE_BUILD_IN_EMULATION=NO): the
# build machine's file compiles the database. Say so before make does.
define FILE_CHECK_HOST_FILE
	$(if $(call kiln-emulated,build),,v=$$(file --version 2>/dev/null | sed -e 's/^file-//' -e q); \
	[ "$$v" = '$(FILE_VERSION)' ] || { echo "file: cross-compiling file $(FILE_VERSION) compiles its magic database with the build machine's file, which must be $(FILE_VERSION) (it is '$${v:-not installed}'): install file $(FILE_VERSION), or build file in emulation (FILE_BUILD_IN_EMULATION = YES in $(FILE_PKGDIR)file.mk, not for x86_64)" >&2; exit 1; })
endef
FILE_PRE_BUILD_HOOKS += FILE_CHECK_HOST_FILE

$(eval $(autotools-package))
