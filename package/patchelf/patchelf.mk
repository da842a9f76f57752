################################################################################
# patchelf
################################################################################

# patchelf: the RPATH fixer's ELF editor, built from source only with
# KILN_BUILD_HOST_TOOLS=y (support/make/host-tools.mk). Host only.
PATCHELF_VERSION = 0.14.3
PATCHELF_SOURCE = patchelf-$(PATCHELF_VERSION).tar.gz
PATCHELF_SITE = https://github.com/NixOS/patchelf/archive/$(PATCHELF_VERSION)
PATCHELF_DEBIAN_SOURCE = patchelf
PATCHELF_DEBIAN_VERSION = 0.14.3-1
PATCHELF_LICENSE = GPL-3.0+
PATCHELF_LICENSE_FILES = COPYING

# The tarball is the tag's archive, without configure; autoreconf would
# need autotools on the build machine for one C++ file, so it is
# compiled directly, with the definitions configure would make.
define HOST_PATCHELF_BUILD_CMDS
	$(HOSTCXX) $(HOST_CXXFLAGS) -Wall -std=c++17 -D_FILE_OFFSET_BITS=64 \
		-DPACKAGE_STRING='"patchelf $(PATCHELF_VERSION)"' \
		-o '$(@D)/patchelf' '$(@D)/src/patchelf.cc' $(HOST_LDFLAGS)
endef

define HOST_PATCHELF_INSTALL_CMDS
	install -D -m 0755 '$(@D)/patchelf' '$(HOST_DIR)/bin/patchelf'
endef

$(eval $(host-generic-package))
