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
# the tree in $ROOTFS_TREE, output in $(BINARIES_DIR)) and calls
# $(eval $(call kiln-rootfs,<format>,<FMT>)).

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

define kiln-rootfs-script
command -v fakeroot >/dev/null || { echo "rootfs-$(1): fakeroot not found: run 'apt-get install fakeroot' (utils/setup-host does it)" >&2; exit 1; }
$(foreach t,$(ROOTFS_DEVICE_TABLES),
test -f '$(t)' || { echo "rootfs-$(1): device table $(t) does not exist; fix KILN_ROOTFS_DEVICE_TABLE (make menuconfig, System configuration)" >&2; exit 1; })
mkdir -p '$(BINARIES_DIR)' '$(ROOTFS_WORK_DIR)/$(1)/target'
fakeroot -- bash '$(STAMP_DIR)/rootfs-$(1).fakeroot.sh'
endef

# $(1): format, $(2): its upper-case name.
define kiln-rootfs
ifeq ($$(KILN_TARGET_ROOTFS_$(2)),y)
ROOTFS_IMAGES += rootfs-$(1)
.PHONY: rootfs-$(1)
rootfs-$(1): $$(STAMP_DIR)/.stamp_rootfs_$(1)
$$(STAMP_DIR)/.stamp_rootfs_$(1): $$(TARGET_FINALIZE_STAMP) $$(KILN_CONFIG) $$(ROOTFS_DEVICE_TABLES) | $$(PKGDIR_TOOL)
	$$(file >$$(STAMP_DIR)/rootfs-$(1).permissions,$$(kiln-rootfs-permissions))
	$$(file >$$(STAMP_DIR)/rootfs-$(1).fakeroot.sh,$$(call kiln-rootfs-fakeroot-script,$(1),$(2)))
	$$(call kiln-run-finalize,rootfs-$(1),creating the $(1) image,$$(call kiln-rootfs-script,$(1),$(2)))
	$$(Q)touch $$@
endif
endef

include $(sort $(wildcard $(TOPDIR)/fs/*/*.mk))

.PHONY: images
images: $(ROOTFS_IMAGES)
all: images
