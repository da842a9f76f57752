# SPDX-License-Identifier: GPL-2.0-or-later
# host-finalize and target-finalize.
#
# output/host and output/target are brought up to date from the
# manifests by kiln-pkgdir merge (incrementally: see kiln-merge below),
# which copies (never hardlinks): stripping, overlays
# and post-build scripts then work on private copies and can never write
# into a per-package directory. The stamps depend on every package's
# install stamp, the configuration, the post-build scripts, the users
# tables and (when it changed) the overlay, so a no-op make skips
# finalize entirely. A missing users table always redoes it, to report
# it. A failed target-finalize leaves output/target half done: its old
# stamp goes first, so the next make does it again.

HOST_FINALIZE_STAMP := $(STAMP_DIR)/.stamp_host_finalized
TARGET_FINALIZE_STAMP := $(STAMP_DIR)/.stamp_target_finalized
KILN_INSTALL_STAMPS := $(foreach p,$(PACKAGES),$($(KILN_UP_$(p))_DIR)/.stamp_installed)

KILN_OVERLAYS := $(call kiln-path,KILN_ROOTFS_OVERLAY)
KILN_POST_BUILD_SCRIPTS := $(call kiln-path,KILN_ROOTFS_POST_BUILD_SCRIPT)
# An overlay is a tree: only a find can tell whether it changed, and it
# runs only for configurations that have one.
KILN_OVERLAY_CHANGED := $(strip $(if $(KILN_OVERLAYS),$(if $(wildcard $(TARGET_FINALIZE_STAMP)),\
	$(shell find $(foreach d,$(KILN_OVERLAYS),$(call kiln-sq,$(d))) -newer '$(TARGET_FINALIZE_STAMP)' -print -quit 2>/dev/null),force)))

# Users tables: the <PKG>_USERS of the packages of the build, in build
# order, then the files of KILN_ROOTFS_USERS_TABLES (relative paths are
# from the Kiln tree). They are applied to /etc/passwd, group and shadow
# here, at target-finalize, rather than when an image is made: then
# output/target, what post-build scripts see and every image agree.
# They come after the overlays, which often carry an /etc/passwd of
# their own, and before the post-build scripts, which may check them.
# The home directories are given to their users in the image, under
# fakeroot (fs/common.mk reads KILN_USERS_HOMES); in output/target they
# stay the build user's, like every file.
KILN_USERS_TABLES := $(foreach t,$(call kiln-path,KILN_ROOTFS_USERS_TABLES),\
	$(abspath $(if $(filter /%,$(t)),,$(TOPDIR)/)$(t)))
KILN_USERS_PACKAGES = $(foreach p,$(PACKAGES),$(if $($(KILN_UP_$(p))_USERS),$(p)))
KILN_USERS_HOMES := $(STAMP_DIR)/users-homes.txt
kiln-users-pkg-table = $(STAMP_DIR)/users-$(1).table
kiln-users-pkg-label = $(KILN_UP_$(1))_USERS (package $(1), $($(KILN_UP_$(1))_PKGDIR)$($(KILN_UP_$(1))_RAWNAME).mk)

define kiln-users-script
rm -f '$(KILN_USERS_HOMES)'
$(if $(KILN_USERS_PACKAGES)$(KILN_USERS_TABLES),
'$(TOPDIR)/support/scripts/kiln-users' --target '$(TARGET_DIR)' --homes '$(KILN_USERS_HOMES)' \
	$(foreach p,$(KILN_USERS_PACKAGES),--table '$(call kiln-users-pkg-label,$(p))' '$(call kiln-users-pkg-table,$(p))') \
	$(foreach t,$(KILN_USERS_TABLES),--table '$(t)' '$(t)'))
endef

# Run a finalize script through the step runner, for its log, timing
# and error report. $(1): name, $(2): verb, $(3): script body.
define kiln-run-finalize
$(file >$(STAMP_DIR)/$(1).sh,$(kiln-step-prologue)$(sep)$(3))
+$(Q)$(KILN_STEP_RUNNER) '$(1)' '' $(1) '$(2)' $(STAMP_DIR)/$(1).sh \
	$(STAMP_DIR)/logs/$(1).log '$(KILN_NPACKAGES)/$(KILN_NPACKAGES)'
endef

# Incremental finalize: merge --state compares the packages' manifests
# with the record of the last merge and changes only what differs (or
# merges in full, and says why, when the record is missing, unreadable
# or of another key). The key is what else the merged tree depends on.
# seal completes the record once the steps that are part of the merge
# (dev files, docs, strip) are done: what changes after it (hooks,
# overlays, users tables, post-build scripts) is undone and redone by
# the next finalize. See docs/per-package-directories.md.
kiln-merge-state = $(STAMP_DIR)/merge-$(1).state
KILN_MERGE_KEY_host := root=$(PER_PACKAGE_DIR) out=$(BASE_DIR)
KILN_MERGE_KEY_target := $(KILN_MERGE_KEY_host) dev=$(KILN_TARGET_REMOVE_DEV_FILES) 	docs=$(KILN_TARGET_REMOVE_DOCS) strip=$(if $(KILN_STRIP),$(TARGET_STRIP))
KILN_MERGE_PLACED := $(STAMP_DIR)/merge-target.placed
# $(1): host or target, $(2): extra options
define kiln-merge
'$(PKGDIR_TOOL)' merge --root '$(PER_PACKAGE_DIR)' --out '$(BASE_DIR)' --tree $(1) \
	--state '$(call kiln-merge-state,$(1))' --key $(call kiln-sq,$(strip $(KILN_MERGE_KEY_$(1)))) $(2) $(PACKAGES)
endef
kiln-merge-seal = '$(PKGDIR_TOOL)' seal --out '$(BASE_DIR)' --tree $(1) --state '$(call kiln-merge-state,$(1))'

define kiln-host-finalize-script
$(call kiln-merge,host)
$(call kiln-merge-seal,host)
endef

define kiln-target-finalize-script
$(call kiln-merge,target,--placed '$(KILN_MERGE_PLACED)')
cd '$(TARGET_DIR)'
$(if $(KILN_TARGET_REMOVE_DEV_FILES),
'$(TOPDIR)/support/scripts/rm-tree' usr/include usr/share/aclocal usr/lib/pkgconfig usr/share/pkgconfig usr/lib/cmake
find . \( -name '*.a' -o -name '*.la' \) \( -type f -o -type l \) -delete)
$(if $(KILN_TARGET_REMOVE_DOCS),
'$(TOPDIR)/support/scripts/rm-tree' usr/share/doc usr/share/man usr/share/info usr/share/gtk-doc usr/man usr/info)
$(if $(KILN_STRIP),
'$(TOPDIR)/support/scripts/strip-elf' '$(TARGET_STRIP)' . '$(KILN_MERGE_PLACED)')
cd '$(TOPDIR)'
$(call kiln-merge-seal,target)
$(foreach h,$(TARGET_FINALIZE_HOOKS),$(call $(h))$(sep))
$(foreach d,$(KILN_OVERLAYS),
test -d '$(d)' || { echo "kiln: KILN_ROOTFS_OVERLAY: $(d) is not a directory; fix the configuration (make menuconfig, System configuration)" >&2; exit 1; }
rsync -a --keep-dirlinks --exclude .empty --exclude '*~' '$(d)/' '$(TARGET_DIR)/')
$(kiln-users-script)
$(call kiln-run-scripts,post-build,KILN_ROOTFS_POST_BUILD_SCRIPT,$(KILN_POST_BUILD_SCRIPTS),$(TARGET_DIR))
endef

# Post-build (here) and post-image (fs/common.mk) scripts, in order:
# $(1): kind, $(2): the option that lists them, $(3): the scripts,
# $(4): their first argument; then KILN_ROOTFS_POST_SCRIPT_ARGS. They
# run with the environment of kiln-step-prologue (HOST_DIR, STAGING_DIR,
# TARGET_DIR, BUILD_DIR, BINARIES_DIR, BASE_DIR) plus CONFIG_DIR and
# KILN_CONFIG. The first that fails stops the build with one line.
define kiln-run-scripts
export CONFIG_DIR='$(CONFIG_DIR)' KILN_CONFIG='$(KILN_CONFIG)'
$(foreach s,$(3),
test -f '$(s)' && test -x '$(s)' || { echo "kiln: $(2): $(s) is not an executable file; fix the configuration (make menuconfig, System configuration) or make it executable" >&2; exit 1; }
echo "Running $(1) script $(s)"
status=0; '$(s)' '$(4)' $(foreach a,$(KILN_ROOTFS_POST_SCRIPT_ARGS),$(call kiln-sq,$(a))) || status=$$?
[ "$$status" -eq 0 ] || { echo "kiln: $(1) script $(s) failed with exit status $$status; fix it or $(2) (make menuconfig, System configuration)" >&2; exit "$$status"; })
endef

.PHONY: host-finalize target-finalize
host-finalize: $(HOST_FINALIZE_STAMP)
target-finalize: $(TARGET_FINALIZE_STAMP)

$(HOST_FINALIZE_STAMP): $(KILN_INSTALL_STAMPS) $(KILN_CONFIG) | $(PKGDIR_TOOL)
	$(call kiln-run-finalize,host-finalize,assembling output/host,$(kiln-host-finalize-script))
	$(Q)touch $@

$(TARGET_FINALIZE_STAMP): $(KILN_INSTALL_STAMPS) $(KILN_CONFIG) $(call kiln-files-or-force,$(KILN_POST_BUILD_SCRIPTS)) \
		$(call kiln-files-or-force,$(KILN_USERS_TABLES)) \
		$(if $(KILN_OVERLAY_CHANGED),FORCE) | $(PKGDIR_TOOL) $(HOST_FINALIZE_STAMP)
	@rm -f $@
	$(foreach p,$(KILN_USERS_PACKAGES),$(file >$(call kiln-users-pkg-table,$(p)),$($(KILN_UP_$(p))_USERS)))
	$(call kiln-run-finalize,target-finalize,assembling output/target,$(kiln-target-finalize-script))
	$(Q)rm -f '$(KILN_DAMAGED_INDEX)'
	$(Q)touch $@

.PHONY: FORCE
FORCE:
