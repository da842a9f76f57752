################################################################################
# busybox
################################################################################

BUSYBOX_VERSION = 1.35.0
BUSYBOX_SOURCE = busybox-$(BUSYBOX_VERSION).tar.bz2
BUSYBOX_SITE = https://busybox.net/downloads
# Debian's busybox_1.35.0.orig.tar.bz2 is the upstream file, byte for
# byte, so apt (KILN_DOWNLOAD_APT) is a fallback with the same hash.
BUSYBOX_DEBIAN_SOURCE = busybox
BUSYBOX_DEBIAN_VERSION = 1:1.35.0-4+deb12u1
BUSYBOX_LICENSE = GPL-2.0
BUSYBOX_LICENSE_FILES = LICENSE
BUSYBOX_CPE_ID_VENDOR = busybox
BUSYBOX_CPE_ID_PRODUCT = busybox
BUSYBOX_SUPPLIER = BusyBox project

# A relative path is relative to the Kiln tree (where every step runs).
# The option is unset when busybox is not selected.
BUSYBOX_CONFIG_NAME := $(or $(call kiln-path,KILN_PACKAGE_BUSYBOX_CONFIG),package/busybox/busybox.config)
BUSYBOX_KCONFIG_FILE := $(abspath $(if $(filter /%,$(BUSYBOX_CONFIG_NAME)),,$(TOPDIR)/)$(BUSYBOX_CONFIG_NAME))
BUSYBOX_KCONFIG_FRAGMENT_FILES = $(foreach f,$(call kiln-path,KILN_PACKAGE_BUSYBOX_CONFIG_FRAGMENT_FILES),$(abspath $(if $(filter /%,$(f)),,$(TOPDIR)/)$(f)))
# busybox's kconfig predates olddefconfig and savedefconfig.
BUSYBOX_KCONFIG_OLDCONFIG = oldconfig
BUSYBOX_KCONFIG_SAVEDEFCONFIG = NO

# Every make of busybox, its kconfig included: the wrapped compiler of
# busybox's own HOST_DIR (TARGET_CROSS), and the target tree to install
# into. CONFIG_PREFIX on the command line wins over the .config's.
# Stripping is target-finalize's business (KILN_STRIP).
BUSYBOX_KCONFIG_OPTS = \
	CROSS_COMPILE="$(TARGET_CROSS)" \
	CONFIG_PREFIX="$(TARGET_DIR)" \
	EXTRA_CFLAGS="$(TARGET_CFLAGS)" \
	EXTRA_LDFLAGS="$(TARGET_LDFLAGS)" \
	SKIP_STRIP=y \
	KBUILD_VERBOSE=$(if $(filter 1,$(V)),1,0)

define BUSYBOX_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' $(BUSYBOX_KCONFIG_OPTS)
endef

# busybox installs /bin/busybox and one symlink per applet. A package
# never writes through a dependency's files: the links are new paths.
define BUSYBOX_INSTALL_TARGET_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' $(BUSYBOX_KCONFIG_OPTS) install
endef

# busybox must be setuid root for su, passwd and ping to work as a user.
define BUSYBOX_PERMISSIONS
/bin/busybox f 4755 0 0 - - - - -
endef

$(eval $(kconfig-package))
