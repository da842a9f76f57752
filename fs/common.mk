# SPDX-License-Identifier: GPL-2.0-or-later
# Root filesystem images (fs/<format>/<format>.mk), made from output/target.
#
# Every enabled image is made in ONE fakeroot session, from one prepared
# tree: a copy of output/target (hard links kept) is given to root, the
# users' home directories to their users, then the packages' permission
# tables (<PKG>_PERMISSIONS) and the device tables
# (<PKG>_DEVICES, KILN_ROOTFS_DEVICE_TABLE) are applied to it by kiln-makedevs; the
# formats' preparations (such as cpio's /init) come next, then each
# format's command writes its image from that same tree. So every image
# holds the same entries with the same owners, modes and device numbers.
# The copy keeps output/target free of fake device nodes and of modes
# meant for the images only. The images depend on the target-finalize
# stamp, so a no-op make does not redo them; any change redoes them all.
#
# A format's .mk defines ROOTFS_<FMT>_CMD (run in the fakeroot session,
# in a subshell, the tree in $ROOTFS_TREE, output in $(BINARIES_DIR)),
# and may define
#   ROOTFS_<FMT>_PRE_GEN_CMD   run on the shared tree before any format's
#                              command (what it adds is in every image)
#   ROOTFS_<FMT>_FILES         files of fs/<format>/ it reads (a change
#                              redoes the images)
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
ROOTFS_STAMP := $(STAMP_DIR)/.stamp_rootfs
KILN_POST_IMAGE_SCRIPTS := $(call kiln-path,KILN_ROOTFS_POST_IMAGE_SCRIPT)
POST_IMAGE_STAMP := $(STAMP_DIR)/.stamp_post_image

# Every selected package's permission and device tables, each under
# its name (the same table format, kiln-makedevs).
define kiln-rootfs-permissions
# Permission tables of the selected packages (<PKG>_PERMISSIONS).
$(foreach p,$(PACKAGES),$(if $($(KILN_UP_$(p))_PERMISSIONS),# $(p)$(sep)$($(KILN_UP_$(p))_PERMISSIONS)$(sep)))
# Device tables of the selected packages (<PKG>_DEVICES).
$(foreach p,$(PACKAGES),$(if $($(KILN_UP_$(p))_DEVICES),# $(p)$(sep)$($(KILN_UP_$(p))_DEVICES)$(sep)))
endef

kiln-rootfs-fmt = $(firstword $(subst :, ,$(1)))
kiln-rootfs-up = $(lastword $(subst :, ,$(1)))

# The one fakeroot session. ROOTFS_UUID is a UUID derived from the
# prepared tree's paths, types, modes, owners and sizes (not mtimes):
# the same tree gives the same UUID, for formats that store one.
define kiln-rootfs-fakeroot-script
set -e
ROOTFS_TREE='$(ROOTFS_WORK_DIR)/target'
# A configuration without target packages has no output/target.
# --checksum: the tree's mtimes are SOURCE_DATE_EPOCH's (below), never
# output/target's, so rsync's usual size-and-mtime test would copy every
# file again each time (new inodes: 17 s for 30,000 files here); with
# the checksum only the files whose content changed are copied.
if [ -d '$(TARGET_DIR)' ]; then rsync -a --checksum -H --delete '$(TARGET_DIR)/' "$$ROOTFS_TREE/"; else rm -rf "$$ROOTFS_TREE"; mkdir -p "$$ROOTFS_TREE"; fi
chown -R -h 0:0 "$$ROOTFS_TREE"
# Users' home directories are theirs, with all they hold (the list is
# written by target-finalize, support/scripts/kiln-users); the tables
# below may still give single files other owners.
if [ -f '$(KILN_USERS_HOMES)' ]; then
	while read -r uid gid dir; do
		[ -d "$$ROOTFS_TREE$$dir" ] || { echo "rootfs: the home directory $$dir (uid $$uid) is missing from output/target; was it removed by a post-build script?" >&2; exit 1; }
		chown -R -h "$$uid:$$gid" "$$ROOTFS_TREE$$dir"
	done < '$(KILN_USERS_HOMES)'
fi
'$(MAKEDEVS_TOOL)' -d '$(STAMP_DIR)/rootfs.permissions' \
	$(foreach t,$(ROOTFS_DEVICE_TABLES),-d '$(t)') "$$ROOTFS_TREE"
$(foreach f,$(KILN_ROOTFS_FORMATS),$(if $(ROOTFS_$(call kiln-rootfs-up,$(f))_PRE_GEN_CMD),
echo ">>> preparing the tree for $(call kiln-rootfs-fmt,$(f))"
( $(ROOTFS_$(call kiln-rootfs-up,$(f))_PRE_GEN_CMD)
)))
if [ -n "$${SOURCE_DATE_EPOCH:-}" ]; then
	find "$$ROOTFS_TREE" -print0 | xargs -0 -r touch -h -d "@$$SOURCE_DATE_EPOCH"
fi
ROOTFS_UUID=$$(cd "$$ROOTFS_TREE" && find . -printf '%P %y %m %U %G %s %l\n' | LC_ALL=C sort | sha256sum |
	sed -E 's/^(.{8})(.{4}).(.{3}).(.{3})(.{12}).*/\1-\2-4\3-8\4-\5/')
export ROOTFS_TREE ROOTFS_UUID
$(foreach f,$(KILN_ROOTFS_FORMATS),
echo ">>> $(call kiln-rootfs-fmt,$(f)) image"
( $(ROOTFS_$(call kiln-rootfs-up,$(f))_CMD)
))
endef

# fakeroot is the one host-tools.mk checked before the build started.
define kiln-rootfs-script
$(foreach t,$(ROOTFS_DEVICE_TABLES),
test -f '$(t)' || { echo "rootfs: device table $(t) does not exist; fix KILN_ROOTFS_DEVICE_TABLE (make menuconfig, System configuration)" >&2; exit 1; })
mkdir -p '$(BINARIES_DIR)' '$(ROOTFS_WORK_DIR)/target'
'$(HOST_FAKEROOT)' -- bash '$(STAMP_DIR)/rootfs.fakeroot.sh'
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
	$(ROOTFS_$(call kiln-rootfs-up,$(f))_DEPENDENCIES) \
	$(foreach t,FAKEROOT $(ROOTFS_$(call kiln-rootfs-up,$(f))_HOST_TOOLS),$(HOST_TOOL_DEPS_$(t)))))

# Post-image scripts: after every image, with BINARIES_DIR first, then
# KILN_ROOTFS_POST_SCRIPT_ARGS; the environment of kiln-run-finalize
# (HOST_DIR, TARGET_DIR, BINARIES_DIR, BUILD_DIR, BASE_DIR, ...), plus
# CONFIG_DIR and KILN_CONFIG.
define kiln-post-image-script
$(call kiln-run-scripts,post-image,KILN_ROOTFS_POST_IMAGE_SCRIPT,$(KILN_POST_IMAGE_SCRIPTS),$(BINARIES_DIR))
endef

# The images are made after target-finalize (and so host-finalize), with
# their host packages installed and the host tools checked. A failed
# session leaves no stamp: the next make does it again.
define kiln-rootfs-rules
$(foreach f,$(KILN_ROOTFS_FORMATS),
.PHONY: rootfs-$(call kiln-rootfs-fmt,$(f))
rootfs-$(call kiln-rootfs-fmt,$(f)): $(ROOTFS_STAMP))
$(ROOTFS_STAMP): $(TARGET_FINALIZE_STAMP) $(KILN_CONFIG) $(ROOTFS_DEVICE_TABLES) \
		$(foreach f,$(KILN_ROOTFS_FORMATS),$(ROOTFS_$(call kiln-rootfs-up,$(f))_FILES)) \
		| $(PKGDIR_TOOL) $(KILN_HOST_TOOLS_STAMP) $(HOST_FINALIZE_STAMP)
	@rm -f $$@
	$$(file >$(STAMP_DIR)/rootfs.permissions,$$(kiln-rootfs-permissions))
	$$(file >$(STAMP_DIR)/rootfs.fakeroot.sh,$$(kiln-rootfs-fakeroot-script))
	$$(call kiln-run-finalize,rootfs,creating the images ($(foreach f,$(KILN_ROOTFS_FORMATS),$(call kiln-rootfs-fmt,$(f)))),$$(kiln-rootfs-script))
	$(Q)touch $$@
.PHONY: images target-post-image
images: $(ROOTFS_IMAGES)
ifneq ($(KILN_POST_IMAGE_SCRIPTS),)
target-post-image: $(POST_IMAGE_STAMP)
$(POST_IMAGE_STAMP): $(if $(ROOTFS_IMAGES),$(ROOTFS_STAMP),$(TARGET_FINALIZE_STAMP)) $(KILN_CONFIG) \
		$(call kiln-files-or-force,$(KILN_POST_IMAGE_SCRIPTS))
	@rm -f $$@
	$$(call kiln-run-finalize,post-image,running the post-image scripts,$$(kiln-post-image-script))
	$(Q)touch $$@
else
target-post-image: images
endif
all: images target-post-image
endef

include $(sort $(wildcard $(TOPDIR)/fs/*/*.mk))
