# SPDX-License-Identifier: GPL-2.0-or-later
# Root filesystem images (fs/<format>/<format>.mk), made from output/target.
#
# Each image is made in one fakeroot session: a copy of output/target is
# given to root, then the packages' permission tables (<PKG>_PERMISSIONS)
# and the device tables (KILN_ROOTFS_DEVICE_TABLE) are applied to it by
# kiln-makedevs, then the format's command archives it. The copy keeps
# output/target free of fake device nodes and of modes meant for the
# image only. An image depends on the target-finalize stamp, so a no-op
# make does not redo it.
#
# A format's .mk defines ROOTFS_<FMT>_CMD (run in the fakeroot session,
# the tree in $ROOTFS_TREE, output in $(BINARIES_DIR)), and may define
#   ROOTFS_<FMT>_HOST_TOOLS    the host tools its command runs, as
#                              $(HOST_X) (support/make/host-tools.mk):
#                              X for each, e.g. MKSQUASHFS
#   ROOTFS_<FMT>_DEPENDENCIES  other host packages it needs
# then calls $(eval $(call kiln-rootfs,<format>,<FMT>)).
#
# build.mk reads this file before it works out the packages of the
# build: an enabled format adds its host tools (and fakeroot) to the
# check (KILN_HOST_TOOLS_NEEDED), and its dependencies, with the host
# packages of its tools when Kiln builds them (KILN_BUILD_HOST_TOOLS=y),
# to the packages of the build, so that host-finalize puts them in
# output/host, whose bin/ the image step's $(HOST_X) names. The rules
# come later (kiln-rootfs-rules), once finalize's stamps are known.

MAKEDEVS_TOOL = $(KILN_TOOLS_DIR)/bin/kiln-makedevs
ROOTFS_DEVICE_TABLES := $(foreach t,$(call kiln-path,KILN_ROOTFS_DEVICE_TABLE),\
	$(abspath $(if $(filter /%,$(t)),,$(TOPDIR)/)$(t)))
ROOTFS_WORK_DIR := $(BUILD_DIR)/.kiln/fs

# Every selected package's permission table, each under its name.
define kiln-rootfs-permissions
# Permission tables of the selected packages (<PKG>_PERMISSIONS).
$(foreach p,$(PACKAGES),$(if $($(KILN_UP_$(p))_PERMISSIONS),# $(p)$(sep)$($(KILN_UP_$(p))_PERMISSIONS)$(sep)))
endef

# $(1): format, $(2): its upper-case name.
define kiln-rootfs-fakeroot-script
set -e
ROOTFS_TREE='$(ROOTFS_WORK_DIR)/$(1)/target'
# A configuration without target packages has no output/target.
if [ -d '$(TARGET_DIR)' ]; then rsync -a --delete '$(TARGET_DIR)/' "$$ROOTFS_TREE/"; fi
chown -R -h 0:0 "$$ROOTFS_TREE"
# Users' home directories are theirs, with all they hold (the list is
# written by target-finalize, support/scripts/kiln-users); the tables
# below may still give single files other owners.
if [ -f '$(KILN_USERS_HOMES)' ]; then
	while read -r uid gid dir; do
		[ -d "$$ROOTFS_TREE$$dir" ] || { echo "rootfs-$(1): the home directory $$dir (uid $$uid) is missing from output/target; was it removed by a post-build script?" >&2; exit 1; }
		chown -R -h "$$uid:$$gid" "$$ROOTFS_TREE$$dir"
	done < '$(KILN_USERS_HOMES)'
fi
'$(MAKEDEVS_TOOL)' -d '$(STAMP_DIR)/rootfs-$(1).permissions' \
	$(foreach t,$(ROOTFS_DEVICE_TABLES),-d '$(t)') "$$ROOTFS_TREE"
$(ROOTFS_$(2)_CMD)
endef

# fakeroot is the one host-tools.mk checked before the build started.
define kiln-rootfs-script
$(foreach t,$(ROOTFS_DEVICE_TABLES),
test -f '$(t)' || { echo "rootfs-$(1): device table $(t) does not exist; fix KILN_ROOTFS_DEVICE_TABLE (make menuconfig, System configuration)" >&2; exit 1; })
mkdir -p '$(BINARIES_DIR)' '$(ROOTFS_WORK_DIR)/$(1)/target'
'$(HOST_FAKEROOT)' -- bash '$(STAMP_DIR)/rootfs-$(1).fakeroot.sh'
endef

# $(1): format, $(2): its upper-case name. Registers an enabled format.
define kiln-rootfs
ifeq ($$(KILN_TARGET_ROOTFS_$(2)),y)
ROOTFS_IMAGES += rootfs-$(1)
KILN_ROOTFS_FORMATS += $(1):$(2)
KILN_HOST_TOOLS_NEEDED += FAKEROOT $$(ROOTFS_$(2)_HOST_TOOLS)
endif
endef

# The host packages the enabled formats need (build.mk adds them to the
# packages of the build).
KILN_ROOTFS_DEPENDENCIES = $(sort $(foreach f,$(KILN_ROOTFS_FORMATS),\
	$(ROOTFS_$(lastword $(subst :, ,$(f)))_DEPENDENCIES) \
	$(foreach t,FAKEROOT $(ROOTFS_$(lastword $(subst :, ,$(f)))_HOST_TOOLS),$(HOST_TOOL_DEPS_$(t)))))

# $(1): format, $(2): its upper-case name. The image is made after
# target-finalize (and so host-finalize), with its host packages
# installed and the host tools checked.
define kiln-rootfs-rule
.PHONY: rootfs-$(1)
rootfs-$(1): $$(STAMP_DIR)/.stamp_rootfs_$(1)
$$(STAMP_DIR)/.stamp_rootfs_$(1): $$(TARGET_FINALIZE_STAMP) $$(KILN_CONFIG) $$(ROOTFS_DEVICE_TABLES) \
		| $$(PKGDIR_TOOL) $$(KILN_HOST_TOOLS_STAMP) $$(HOST_FINALIZE_STAMP)
	$$(file >$$(STAMP_DIR)/rootfs-$(1).permissions,$$(kiln-rootfs-permissions))
	$$(file >$$(STAMP_DIR)/rootfs-$(1).fakeroot.sh,$$(call kiln-rootfs-fakeroot-script,$(1),$(2)))
	$$(call kiln-run-finalize,rootfs-$(1),creating the $(1) image,$$(call kiln-rootfs-script,$(1),$(2)))
	$$(Q)touch $$@
endef

# Evaluated by build.mk after finalize.mk.
define kiln-rootfs-rules
$(foreach f,$(KILN_ROOTFS_FORMATS),$(eval $(call kiln-rootfs-rule,$(firstword $(subst :, ,$(f))),$(lastword $(subst :, ,$(f))))))
.PHONY: images
images: $(ROOTFS_IMAGES)
all: images
endef

include $(sort $(wildcard $(TOPDIR)/fs/*/*.mk))
