################################################################################
# linux
################################################################################

# Paths the configuration names: absolute, or relative to the Kiln tree.
linux-abs = $(foreach f,$(1),$(abspath $(if $(filter /%,$(f)),,$(TOPDIR)/)$(f)))

# ------------------------------------------------------------------
# The source. By default Debian's 6.1 tree through apt: the .orig
# tarball is upstream's linux-6.1.176 (Debian's own patches, in its
# .debian.tar.xz, are not applied).
linux-tarball := $(strip $(KILN_PACKAGE_LINUX_CUSTOM_TARBALL_LOCATION))
ifeq ($(KILN_PACKAGE_LINUX_CUSTOM_TARBALL),y)
# linux-<version>.tar.* gives its version; another name (a forge's
# archive of a tag or commit) is "custom".
LINUX_VERSION := $(or $(patsubst linux-%,%,$(filter linux-%,$(basename $(basename $(notdir $(linux-tarball)))))),custom)
LINUX_SOURCE := $(notdir $(linux-tarball))
LINUX_SITE := $(patsubst %/,%,$(dir $(linux-tarball)))
else ifeq ($(KILN_PACKAGE_LINUX_CUSTOM_GIT),y)
LINUX_VERSION := $(strip $(KILN_PACKAGE_LINUX_CUSTOM_REPO_VERSION))
LINUX_SOURCE = linux-$(LINUX_VERSION).tar.gz
LINUX_SITE := $(strip $(KILN_PACKAGE_LINUX_CUSTOM_REPO_URL))
LINUX_SITE_METHOD = git
else ifeq ($(KILN_PACKAGE_LINUX_CUSTOM_LOCAL),y)
LINUX_VERSION = custom
LINUX_SITE := $(call linux-abs,$(call kiln-path,KILN_PACKAGE_LINUX_CUSTOM_LOCAL_PATH))
LINUX_SITE_METHOD = local
else
LINUX_VERSION = 6.1.176
LINUX_SOURCE = linux_$(LINUX_VERSION).orig.tar.xz
LINUX_SITE_METHOD = apt
LINUX_DEBIAN_SOURCE = linux
LINUX_DEBIAN_VERSION = 6.1.176-1
endif
LINUX_LICENSE = GPL-2.0
LINUX_LICENSE_FILES = COPYING
LINUX_CPE_ID_VENDOR = linux
LINUX_CPE_ID_PRODUCT = linux_kernel
LINUX_SUPPLIER = The Linux kernel developers

# A custom source's hash file is the configuration's: a wrong one
# stops the parse, before anything is downloaded.
ifeq ($(KILN_PACKAGE_LINUX_CUSTOM_TARBALL),y)
ifeq ($(filter %.tar.gz %.tgz %.tar.xz %.tar.bz2,$(LINUX_SOURCE)),)
$(error linux: KILN_PACKAGE_LINUX_CUSTOM_TARBALL_LOCATION '$(linux-tarball)' does not name a .tar.gz, .tgz, .tar.xz or .tar.bz2 file; fix it in make menuconfig (Kernel))
endif
endif
ifeq ($(KILN_PACKAGE_LINUX_CUSTOM_GIT),y)
ifeq ($(and $(LINUX_SITE),$(LINUX_VERSION)),)
$(error linux: a custom git kernel needs KILN_PACKAGE_LINUX_CUSTOM_REPO_URL and KILN_PACKAGE_LINUX_CUSTOM_REPO_VERSION; set them in make menuconfig (Kernel))
endif
endif
ifeq ($(KILN_PACKAGE_LINUX_CUSTOM_LOCAL),y)
$(if $(LINUX_SITE),,$(error linux: KILN_PACKAGE_LINUX_CUSTOM_LOCAL_PATH is empty; set the kernel source tree in make menuconfig (Kernel)))
endif
ifneq ($(KILN_PACKAGE_LINUX_CUSTOM_TARBALL)$(KILN_PACKAGE_LINUX_CUSTOM_GIT),)
LINUX_HASH_FILE := $(call linux-abs,$(call kiln-path,KILN_PACKAGE_LINUX_CUSTOM_HASH_FILE))
$(if $(wildcard $(LINUX_HASH_FILE)),,$(error linux: KILN_PACKAGE_LINUX_CUSTOM_HASH_FILE: '$(LINUX_HASH_FILE)' does not exist; write it with the lines "sha256 <hash> $(LINUX_SOURCE)" and "sha256 <hash> COPYING" (see docs/linux.md)))
endif
# Patch files, and directories of *.patch files: local paths only (a
# URL would need its own hash); an empty directory is a mistake.
linux-patches := $(strip $(KILN_PACKAGE_LINUX_PATCHES))
$(foreach p,$(linux-patches),$(if $(findstring ://,$(p)),$(error linux: KILN_PACKAGE_LINUX_PATCHES names the URL $(p); download the patch and name the file (make menuconfig, Kernel))))
LINUX_PATCH_FILES := $(foreach p,$(call linux-abs,$(call kiln-path,KILN_PACKAGE_LINUX_PATCHES)),\
	$(if $(wildcard $(p)/.),$(or $(sort $(wildcard $(p)/*.patch)),$(error linux: KILN_PACKAGE_LINUX_PATCHES: the directory $(p) has no *.patch file; fix the option (make menuconfig, Kernel))),\
	$(if $(wildcard $(p)),$(p),$(error linux: KILN_PACKAGE_LINUX_PATCHES: $(p) does not exist; fix the option (make menuconfig, Kernel)))))

# The kernel is built and installed by its own make, for the target:
# the image goes to output/images, the modules to the target.
LINUX_INSTALL_IMAGES = YES

# ------------------------------------------------------------------
# Kernel architecture and image.
LINUX_ARCH_aarch64 = arm64
LINUX_ARCH_arm = arm
LINUX_ARCH_riscv64 = riscv
LINUX_ARCH_x86_64 = x86_64
LINUX_ARCH = $(LINUX_ARCH_$(KILN_ARCH_NAME))
ifeq ($(KILN_PACKAGE_LINUX),y)
$(if $(LINUX_ARCH),,$(error linux: Kiln does not know the kernel's name of the architecture '$(KILN_ARCH_NAME)'; add LINUX_ARCH_$(KILN_ARCH_NAME) to package/linux/linux.mk))
endif
# Where arch/<dir>/ is: ARCH=x86_64 selects the 64-bit x86 tree.
LINUX_ARCH_DIR = $(if $(filter x86_64,$(LINUX_ARCH)),x86,$(LINUX_ARCH))
LINUX_IMAGE_NAME = $(strip \
	$(if $(KILN_PACKAGE_LINUX_IMAGE),Image)$(if $(KILN_PACKAGE_LINUX_IMAGEGZ),Image.gz)\
	$(if $(KILN_PACKAGE_LINUX_ZIMAGE),zImage)$(if $(KILN_PACKAGE_LINUX_BZIMAGE),bzImage)\
	$(if $(KILN_PACKAGE_LINUX_VMLINUX),vmlinux))
LINUX_IMAGE_PATH = $(if $(filter vmlinux,$(LINUX_IMAGE_NAME)),vmlinux,arch/$(LINUX_ARCH_DIR)/boot/$(LINUX_IMAGE_NAME))

LINUX_DTS_NAMES := $(strip $(KILN_PACKAGE_LINUX_INTREE_DTS_NAME))
LINUX_CUSTOM_DTS := $(call linux-abs,$(call kiln-path,KILN_PACKAGE_LINUX_CUSTOM_DTS_PATH))
LINUX_DTBS = $(addsuffix .dtb,$(LINUX_DTS_NAMES) $(basename $(notdir $(filter %.dts,$(LINUX_CUSTOM_DTS)))))

# ------------------------------------------------------------------
# Configuration: an in-tree target or a file, then the fragments,
# merged by the kernel's own merge_config.sh.
ifeq ($(KILN_PACKAGE_LINUX_USE_CUSTOM_CONFIG),y)
LINUX_KCONFIG_FILE := $(call linux-abs,$(call kiln-path,KILN_PACKAGE_LINUX_CUSTOM_CONFIG_FILE))
$(if $(LINUX_KCONFIG_FILE),,$(error linux: KILN_PACKAGE_LINUX_CUSTOM_CONFIG_FILE is empty; name the kernel configuration file in make menuconfig (Kernel), or use an in-tree configuration target))
else
# As Buildroot's BR2_LINUX_KERNEL_DEFCONFIG, "multi_v7" means
# multi_v7_defconfig; a name that ends in "config" is a target itself.
linux-defconfig := $(or $(strip $(KILN_PACKAGE_LINUX_DEFCONFIG)),defconfig)
LINUX_KCONFIG_DEFCONFIG := $(if $(filter %config,$(linux-defconfig)),$(linux-defconfig),$(linux-defconfig)_defconfig)
endif
LINUX_KCONFIG_FRAGMENT_FILES := $(call linux-abs,$(call kiln-path,KILN_PACKAGE_LINUX_CONFIG_FRAGMENT_FILES))

# Every make of the kernel: the architecture, Kiln's compiler wrapper
# (which maps the build directory to /kiln/build in debug data and
# __FILE__), and a build stamp that holds nothing of the build machine:
# no user, host, date or build count, so the same configuration gives
# the same image. The date is SOURCE_DATE_EPOCH's (docs/reproducible.md).
LINUX_KCONFIG_OPTS = \
	ARCH=$(LINUX_ARCH) \
	CROSS_COMPILE="$(TARGET_CROSS)" \
	HOSTCC=gcc \
	KBUILD_BUILD_USER=kiln \
	KBUILD_BUILD_HOST=kiln \
	KBUILD_BUILD_VERSION=1 \
	KBUILD_BUILD_TIMESTAMP="$$(LC_ALL=C date -u -d @$(SOURCE_DATE_EPOCH))" \
	DEPMOD="$(HOST_DEPMOD)" \
	KBUILD_VERBOSE=$(if $(filter 1,$(V)),1,0)

# merge_config.sh -m: merge the fragments over the .config without
# running kconfig, which olddefconfig then does once. check-fragments
# then lists the lines the kernel did not keep, as warnings, so a
# misspelt symbol or an unmet dependency is seen, not silently lost.
define LINUX_CONFIGURE_CMDS
	$(if $(LINUX_KCONFIG_DEFCONFIG),
	$(kiln-kconfig-make) '$(LINUX_KCONFIG_DEFCONFIG)' >/dev/null,
	test -f '$(LINUX_KCONFIG_FILE)' || { echo "linux: KILN_PACKAGE_LINUX_CUSTOM_CONFIG_FILE: $(LINUX_KCONFIG_FILE) does not exist; fix the option (make menuconfig, Kernel) or create the file" >&2; exit 1; }
	cp '$(LINUX_KCONFIG_FILE)' '$(@D)/.config')
	$(foreach f,$(LINUX_KCONFIG_FRAGMENT_FILES),
	test -f '$(f)' || { echo "linux: config fragment $(f) does not exist; fix KILN_PACKAGE_LINUX_CONFIG_FRAGMENT_FILES (make menuconfig, Kernel)" >&2; exit 1; })
	$(if $(LINUX_KCONFIG_FRAGMENT_FILES),
	cd '$(@D)' && $(TARGET_MAKE_ENV) $(LINUX_KCONFIG_OPTS) ./scripts/kconfig/merge_config.sh -m -O '$(@D)' '$(@D)/.config' \
		$(foreach f,$(LINUX_KCONFIG_FRAGMENT_FILES),'$(f)') > '$(@D)/.kiln-merge.log')
	$(kiln-kconfig-make) olddefconfig >/dev/null
	$(if $(LINUX_KCONFIG_FRAGMENT_FILES),
	'$(LINUX_PKGDIR)check-fragments' '$(@D)/.config' $(foreach f,$(LINUX_KCONFIG_FRAGMENT_FILES),'$(f)'))
endef

# The custom device trees are copied where the kernel's dtc rules
# find them.
define LINUX_BUILD_CMDS
	$(foreach f,$(LINUX_CUSTOM_DTS),
	test -f '$(f)' || { echo "linux: device tree $(f) does not exist; fix KILN_PACKAGE_LINUX_CUSTOM_DTS_PATH (make menuconfig, Kernel)" >&2; exit 1; }
	cp '$(f)' '$(@D)/arch/$(LINUX_ARCH_DIR)/boot/dts/')
	$(kiln-kconfig-make) $(if $(filter vmlinux,$(LINUX_IMAGE_NAME)),vmlinux,$(LINUX_IMAGE_NAME)) \
		$(if $(LINUX_DTBS),$(LINUX_DTBS))
	if grep -q '^CONFIG_MODULES=y' '$(@D)/.config'; then $(kiln-kconfig-make) modules; fi
endef

# The image and device trees in output/images (and /boot when asked);
# the modules in the target, with modules.dep made by the build
# machine's depmod. modules_install writes no firmware (kernel 4.14 and
# later): firmware goes in with a root filesystem overlay.
define LINUX_INSTALL_IMAGES_CMDS
	cp '$(@D)/$(LINUX_IMAGE_PATH)' '$(BINARIES_DIR)/$(LINUX_IMAGE_NAME)'
	$(foreach d,$(LINUX_DTBS),
	cp '$(@D)/arch/$(LINUX_ARCH_DIR)/boot/dts/$(d)' '$(BINARIES_DIR)/$(notdir $(d))')
endef

define LINUX_INSTALL_TARGET_CMDS
	$(if $(KILN_PACKAGE_LINUX_INSTALL_TARGET),
	mkdir -p '$(TARGET_DIR)/boot'
	cp '$(@D)/$(LINUX_IMAGE_PATH)' '$(TARGET_DIR)/boot/$(LINUX_IMAGE_NAME)'
	$(foreach d,$(LINUX_DTBS),
	cp '$(@D)/arch/$(LINUX_ARCH_DIR)/boot/dts/$(d)' '$(TARGET_DIR)/boot/$(notdir $(d))'))
	if grep -q '^CONFIG_MODULES=y' '$(@D)/.config'; then \
		$(kiln-kconfig-make) INSTALL_MOD_PATH='$(TARGET_DIR)' INSTALL_MOD_STRIP=1 modules_install; \
		rm -f '$(TARGET_DIR)'/lib/modules/*/build '$(TARGET_DIR)'/lib/modules/*/source; \
	fi
endef

LINUX_HASH_FILES = $(LINUX_PATCH_FILES) $(LINUX_CUSTOM_DTS) $(LINUX_HASH_FILE)

# The kernel's build needs these on the build machine (host-tools.mk).
ifeq ($(KILN_PACKAGE_LINUX),y)
# gzip and xz compress the image (tinyconfig picks xz for zImage and
# bzImage; Image.gz is gzip).
KILN_HOST_TOOLS_NEEDED += BC FLEX BISON DEPMOD LIBELF LIBSSL GZIP XZ
endif

$(eval $(kconfig-package))

# linux-update-config and linux-update-defconfig write back to the
# custom config file: refused, before anything is built, when there is
# none or when fragments would be folded into it (as Buildroot does).
ifneq ($(filter linux-update-config linux-update-defconfig,$(MAKECMDGOALS)),)
$(if $(LINUX_KCONFIG_FILE),,$(error linux: no custom configuration file to update (the kernel starts from '$(LINUX_KCONFIG_DEFCONFIG)'); choose 'Using a custom (full) config file' in make menuconfig (Kernel) and name the file))
$(if $(LINUX_KCONFIG_FRAGMENT_FILES),$(error linux: $(filter linux-update-%,$(MAKECMDGOALS)) would write the lines of KILN_PACKAGE_LINUX_CONFIG_FRAGMENT_FILES into $(LINUX_KCONFIG_FILE); empty that option first (make menuconfig, Kernel)))
endif

# linux-update-defconfig: the minimal configuration (savedefconfig)
# back to the custom config file.
KILN_EXTRA_GOALS += linux-update-defconfig
.PHONY: linux-update-defconfig
linux-update-defconfig: linux-savedefconfig
	$(Q)cp '$(LINUX_DIR)/defconfig' '$(LINUX_KCONFIG_FILE)'
	$(Q)touch -r '$(LINUX_DIR)/.kiln-config' '$(LINUX_KCONFIG_FILE)'
	$(Q)echo "linux: minimal configuration saved to $(LINUX_KCONFIG_FILE)"
