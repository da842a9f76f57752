# SPDX-License-Identifier: GPL-2.0-or-later
# The generic package infrastructure: generic-package and
# host-generic-package. Every other infrastructure builds on it.
#
# Design notes
# - The steps are pattern rules over stamp files
#   ($(BUILD_DIR)/<pkg>-<version>/.stamp_<step>), written once here.
#   A package's $(eval) only sets a few variables and names its
#   dependencies, which keeps parsing thousands of packages fast.
# - PKG, the package whose step is running, is derived from the stamp
#   being made ($(@D)). HOST_DIR, STAGING_DIR and TARGET_DIR follow PKG,
#   so inside a step they are that package's per-package directories and
#   outside they are the merged output/host and output/target.
# - Each step runs as one bash script (pre-hooks, commands, post-hooks)
#   with its output in its own log file.

# Where the .mk being parsed lives, and so the package's name.
pkgdir = $(dir $(lastword $(MAKEFILE_LIST)))
pkgname = $(lastword $(subst /, ,$(pkgdir)))

# ------------------------------------------------------------------
# Per-package variables, resolved while a step runs.

PKG = $(KILN_PKG_$(notdir $(@D)))
PKGUP = $(KILN_UP_$(PKG))
HOST_DIR = $(if $(PKG),$(PER_PACKAGE_DIR)/$(PKG)/host,$(BASE_DIR)/host)
TARGET_DIR = $(if $(PKG),$(PER_PACKAGE_DIR)/$(PKG)/target,$(BASE_DIR)/target)
STAGING_DIR = $(HOST_DIR)/$(GNU_TARGET_NAME)/sysroot

# A variable a package may set, read while its step runs (no parse
# cost): $(call kiln-var,CONF_OPTS) is <PKG>_CONF_OPTS, and
# $(call kiln-var,X,default) is the default when the package does not
# set X at all (set, even empty, its value wins). Every infrastructure
# reads package variables this way.
kiln-var = $(if $(filter undefined,$(origin $(PKGUP)_$(1))),$(2),$($(PKGUP)_$(1)))

# Where the package's build system is (the source, or <PKG>_SUBDIR of
# it), and the empty directory of an out-of-source build.
kiln-srcdir = $(@D)$(if $(call kiln-var,SUBDIR),/$(call kiln-var,SUBDIR))
kiln-builddir = $(@D)/kiln-build

# Build and install with the package's make in directory $(1) (the
# autotools and CMake infrastructures), with <PKG>_MAKE_OPTS and the
# install's <PKG>_INSTALL_STAGING_OPTS, _INSTALL_TARGET_OPTS (target)
# or _INSTALL_OPTS (host).
kiln-make-target-build = $(TARGET_MAKE_ENV) $(MAKE) -C '$(1)' $(call kiln-var,MAKE_OPTS)
kiln-make-host-build = $(HOST_MAKE_ENV) $(MAKE) -C '$(1)' $(call kiln-var,MAKE_OPTS)
kiln-make-install-staging = $(TARGET_MAKE_ENV) $(MAKE) -C '$(1)' \
	$(call kiln-var,INSTALL_STAGING_OPTS,DESTDIR='$(STAGING_DIR)' install)
kiln-make-install-target = $(TARGET_MAKE_ENV) $(MAKE) -C '$(1)' \
	$(call kiln-var,INSTALL_TARGET_OPTS,DESTDIR='$(TARGET_DIR)' install)
kiln-make-host-install = $(HOST_MAKE_ENV) $(MAKE) -C '$(1)' $(call kiln-var,INSTALL_OPTS,install)
# $(call kiln-make-steps,<infra>,<macro naming the directory>) makes
# those the build and install commands of infrastructure <infra>
# (kiln-<infra>-target-build, ..., kiln-<infra>-host-install).
kiln-make-steps = $(foreach s,target-build host-build install-staging install-target host-install,\
	$(eval kiln-$(1)-$(s) = $$(call kiln-make-$(s),$$($(2)))))

# ------------------------------------------------------------------
# The step runner. $(1): step name, $(2): what the console says.
# The script is written with $(file), which runs when make expands the
# recipe, just before the step starts.

KILN_STEP_RUNNER := $(TOPDIR)/support/scripts/kiln-step
KILN_NPACKAGES = $(words $(PACKAGES))

# kiln-sandbox-env (support/make/sandbox.mk) tells the runner what the
# step may write and see in the sandbox.
define kiln-run-step
$(file >$(STAMP_DIR)/$(PKG).$(1).sh,$(call kiln-step-script,$(1)))
+$(Q)$(kiln-cache-skip)$(call kiln-sandbox-env,$(1)) $(KILN_STEP_RUNNER) '$(PKG)' '$($(PKGUP)_VERSION)' $(1) '$(2)' \
	$(STAMP_DIR)/$(PKG).$(1).sh $(@D)/.logs/$(1).log \
	'$(or $(KILN_POS_$(PKG)),-)/$(KILN_NPACKAGES)'
endef

kiln-hooks = $(foreach h,$($(PKGUP)_$(1)_HOOKS),$(call $(h))$(sep))

# The environment every step script starts with: the package's own host
# tools first in PATH, as its per-package HOST_DIR is all it may use.
# Every step of a host package asks pkg-config about HOST_DIR: the
# wrapper in host mode, or the machine's pkg-config (without
# host-pkgconf), which searches PKG_CONFIG_PATH first.
# TZ and LC_ALL: a package may print a date or sort by the user's time
# zone and locale (busybox's banner said "UTC" or the zone's name, so
# its binary's size changed with TZ; full/54-rebuild-hash.t found it).
define kiln-step-prologue
set -e
cd '$(TOPDIR)'
export TZ=UTC LC_ALL=C
export PATH=$(if $(call kiln-emulated,$(kiln-step-now)),'$(KILN_EMULATION_PATH)','$(HOST_DIR)/bin:$(HOST_DIR)/sbin':"$$PATH")
export HOST_DIR='$(HOST_DIR)' STAGING_DIR='$(STAGING_DIR)' TARGET_DIR='$(TARGET_DIR)'
export BUILD_DIR='$(BUILD_DIR)' BINARIES_DIR='$(BINARIES_DIR)' BASE_DIR='$(BASE_DIR)'
$(if $(filter host,$($(PKGUP)_TYPE)),export KILN_PKG_CONFIG_HOST=1 PKG_CONFIG_PATH='$(HOST_DIR)/lib/pkgconfig:$(HOST_DIR)/share/pkgconfig')
endef

# kiln-step-now: the step whose script is being written, for what
# depends on it (kiln-emulated: TARGET_MAKE_ENV, the prologue's PATH).
define kiln-step-script
$(eval kiln-step-now := $(1))$(kiln-step-prologue)
$(call kiln-step-body-$(1))$(eval kiln-step-now :=)
endef

# A step with only hooks and commands. A package that does not define a
# step's commands gets kiln-default-<STEP>, where there is one.
kiln-cmds = $(call kiln-var,$(1)_CMDS,$(kiln-default-$(1)))
kiln-plain-step = $(call kiln-hooks,PRE_$(1))$(call kiln-cmds,$(1))$(sep)$(call kiln-hooks,POST_$(1))

kiln-step-body-download = $(call kiln-plain-step,DOWNLOAD)
# kiln-after-extract (pkg-download.mk) checks the license files' hashes.
kiln-step-body-extract = $(call kiln-plain-step,EXTRACT)$(sep)$(kiln-after-extract)
kiln-step-body-patch = $(call kiln-plain-step,PATCH)
# A package built from a local directory (<PKG>_OVERRIDE_SRCDIR, or
# <PKG>_SITE_METHOD = local) takes the directory's current state before
# it configures, and -rebuild syncs it too (see %-rebuild), so both see
# the developer's edits, as in Buildroot. Not before every build: files
# configure wrote (config.sub, an autoreconf'd configure) would be put
# back. No --delete: build products survive, a rebuild stays incremental.
kiln-override-sync-of = rsync -a --exclude .git --exclude '.stamp_*' --exclude .logs \
	'$($(1)_OVERRIDE_SRCDIR)/' '$($(1)_DIR)/'
kiln-step-body-configure = $(if $($(PKGUP)_OVERRIDE_SRCDIR),$(call kiln-override-sync-of,$(PKGUP))$(sep))$(call kiln-plain-step,CONFIGURE)
kiln-step-body-build = $(call kiln-plain-step,BUILD)

# Install: target packages install to staging, target and images as
# they ask; host packages only to HOST_DIR.
define kiln-step-body-install
$(call kiln-hooks,PRE_INSTALL)
$(if $(filter host,$($(PKGUP)_TYPE)),$(call kiln-plain-step,INSTALL),
$(if $(filter YES,$($(PKGUP)_INSTALL_STAGING)),$(kiln-install-staging))
$(if $(filter NO,$($(PKGUP)_INSTALL_TARGET)),,$(call kiln-plain-step,INSTALL_TARGET))
$(if $(filter YES,$($(PKGUP)_INSTALL_IMAGES)),mkdir -p '$(BINARIES_DIR)'$(sep)$(call kiln-plain-step,INSTALL_IMAGES)))
$(call kiln-hooks,POST_INSTALL)
endef

# The staging install of every target package, whatever its
# infrastructure. The libtool archives in staging before the commands
# are listed: they were imported (dependents share their inodes: never
# edit those in place). After the commands, the libtool archives that
# are new and the <PKG>_CONFIG_SCRIPTS get staging paths. Both act only
# on files that exist: for most packages they change nothing.
define kiln-install-staging
$(call kiln-hooks,PRE_INSTALL_STAGING)$(kiln-staging-la) > '$(@D)/.kiln-la-before'
$(call kiln-cmds,INSTALL_STAGING)
$(kiln-fix-staging-la)
$(kiln-fix-config-scripts)
$(call kiln-hooks,POST_INSTALL_STAGING)
endef

# A DESTDIR install writes /usr/lib, the build machine's, into libtool
# archives: point them at this package's staging directory instead.
# The copier flags files holding that path (reloc) and rewrites it for
# every dependent's per-package directory, so a dependent links against
# its own sysroot. New files are told by name, not by time: Meson and
# CMake installs keep the build tree's modification times.
kiln-staging-la = { test ! -d '$(STAGING_DIR)' || find '$(STAGING_DIR)' -name '*.la' -type f -print; }
define kiln-fix-staging-la
$(kiln-staging-la) | { grep -vxF -f '$(@D)/.kiln-la-before' || true; } | while IFS= read -r la; do \
	sed -i -e "s:\([' =]\)/usr/lib:\1$(STAGING_DIR)/usr/lib:g" -e "s:-L/usr/lib:-L$(STAGING_DIR)/usr/lib:g" "$$la"; done
endef

# <PKG>_CONFIG_SCRIPTS: foo-config scripts in STAGING_DIR/usr/bin whose
# prefix must be the staging directory, for the same reason.
define kiln-fix-config-scripts
$(foreach s,$(call kiln-var,CONFIG_SCRIPTS),
test -f '$(STAGING_DIR)/usr/bin/$(s)' || { echo "$(PKG): $(PKGUP)_CONFIG_SCRIPTS names $(s), which the install did not put in $(STAGING_DIR)/usr/bin (fix $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk)" >&2; exit 1; }
sed -i -e "s:\(['=\" ]\)/usr:\1$(STAGING_DIR)/usr:g" '$(STAGING_DIR)/usr/bin/$(s)')
endef

# The framework's own work (assembling the per-package directories,
# recording the manifest) runs as separate, silent steps so that the
# timing log tells package time and framework time apart. The assemble
# before configure computes the configuration hash first (below). The
# one before install passes --reuse: a directory still exactly as the
# first left it (nothing written into it by configure or build, no
# dependency recorded again since) is kept rather than removed and
# linked again, entry by entry (kiln-pkgdir's reuse.c).
define kiln-step-body-assemble
$(if $(filter %/.stamp_configured,$@),$(kiln-step-body-hash))
'$(PKGDIR_TOOL)' assemble --root '$(PER_PACKAGE_DIR)' --pkg '$(PKG)'$(if $(filter %/.stamp_installed,$@), --reuse) $($(PKGUP)_FINAL_DEPENDENCIES)
endef

# After recording, the RPATH fixer reads the ELF files of the manifest
# (only those): host programs get $ORIGIN-relative RPATHs, target and
# staging ones lose every RPATH into the build, and target files must be
# of the target's architecture (<PKG>_RPATH_EXCLUDE: globs it skips,
# such as firmware). It updates the manifest of what it changes.
# Record also reports target files holding a path of the build machine
# (the output, download and Kiln directories), which does not exist on
# the device.
define kiln-step-body-record
'$(PKGDIR_TOOL)' record --root '$(PER_PACKAGE_DIR)' --pkg '$(PKG)'$(if $(KILN_PPD_STRICT), --strict) \
	--forbid '$(BASE_DIR)' --forbid '$(TOPDIR)' --forbid '$(DL_DIR)'
'$(RPATH_TOOL)' --root '$(PER_PACKAGE_DIR)' --pkg '$(PKG)' --arch '$(KILN_ARCH_NAME)' \
	--sysroot-dir 'host/$(GNU_TARGET_NAME)/sysroot' --build-dir '$(BUILD_DIR)' --patchelf '$(HOST_PATCHELF)' \
	$(foreach g,$($(PKGUP)_RPATH_EXCLUDE),--exclude '$(g)')
$(kiln-write-output-record)
endef

# ------------------------------------------------------------------
# Default commands of the early steps.

# Extraction starts from an empty directory (but for stamps and logs),
# so an interrupted extract or a failed patch is simply redone.
kiln-default-EXTRACT = $(if $($(PKGUP)_OVERRIDE_SRCDIR),$(kiln-override-extract),$(if $($(PKGUP)_SOURCE),$(kiln-extract-tarball)))
kiln-default-DOWNLOAD = $(if $($(PKGUP)_SOURCE),$(kiln-default-download))
# As in Buildroot, a local source directory is used as it is: no patches.
# Debian's own patches (<PKG>_DEBIAN_PATCHES) come before the package's.
kiln-default-PATCH = $(if $($(PKGUP)_OVERRIDE_SRCDIR),,$(if $(kiln-dl-debian-patches),$(kiln-debian-patch)$(sep))$(kiln-default-patch))

define kiln-extract-tarball
find '$(@D)' -mindepth 1 -maxdepth 1 ! -name '.stamp_*' ! -name .logs ! -name '.kiln-*' -exec rm -rf {} +
tar -xf '$(DL_DIR)/$($(PKGUP)_DL_SUBDIR)/$($(PKGUP)_SOURCE)' -C '$(@D)' \
	--strip-components=1 --no-same-owner --no-same-permissions
endef

define kiln-override-extract
$(kiln-override-check)
rsync -a --delete --exclude .git --exclude '.stamp_*' --exclude .logs --exclude '.kiln-*' \
	'$($(PKGUP)_OVERRIDE_SRCDIR)/' '$(@D)/'
endef

# The package folder's *.patch files in name order, then
# <PKG>_PATCH_FILES (absolute paths, in their order: patches a
# configuration names, such as KILN_PACKAGE_LINUX_PATCHES).
define kiln-default-patch
for p in $(sort $(wildcard $($(PKGUP)_PKGDIR)*.patch)) $(foreach f,$($(PKGUP)_PATCH_FILES),'$(f)'); do \
	test -f "$$p" || { echo "$(PKG): patch $$p does not exist; fix $(PKGUP)_PATCH_FILES (or the option that sets it)" >&2; exit 1; }; \
	echo "Applying $${p##*/}"; patch -p1 -N -d '$(@D)' < "$$p"; done
endef

# The download step's commands (kiln-default-download) come from the
# download layer.
include $(TOPDIR)/package/pkg-download.mk

# ------------------------------------------------------------------
# The step rules, shared by every package. A step's stamp is touched
# in the step's own shell (... && touch $@): one shell fewer per step.

# Stamps are never deleted as intermediate files. Not a blanket
# .SECONDARY:, which in make 4.3 treats every target as intermediate:
# a missing .stamp_installed (after <pkg>-dirclean) was then never
# remade, and make ended "successfully" with the old output/target.
.PRECIOUS: $(BUILD_DIR)/%/.stamp_downloaded $(BUILD_DIR)/%/.stamp_extracted \
	$(BUILD_DIR)/%/.stamp_patched $(BUILD_DIR)/%/.stamp_configured \
	$(BUILD_DIR)/%/.stamp_built $(BUILD_DIR)/%/.stamp_installed

# The host tools are checked before any package's first step (host-tools.mk).
$(BUILD_DIR)/%/.stamp_downloaded: | $(STAMP_DIR)/.stamp_host_tools
	@mkdir -p $(@D)
	$(kiln-cache-restore)
	$(if $($(PKGUP)_OVERRIDE_SRCDIR),,$(call kiln-run-step,download,downloading))
	$(Q)touch $@

$(BUILD_DIR)/%/.stamp_extracted: $(BUILD_DIR)/%/.stamp_downloaded
	$(call kiln-run-step,extract,extracting) && touch $@

# A failed patch step sends the package back to extraction, so the
# next attempt never applies a patch twice.
$(BUILD_DIR)/%/.stamp_patched: $(BUILD_DIR)/%/.stamp_extracted
	$(call kiln-run-step,patch,patching) || { rm -f $(@D)/.stamp_extracted; exit 1; } && touch $@

# A dependency whose output changed (its .kiln-output is newer, see the
# configuration hash below) sends the package back to a clean build
# directory: its sources are extracted and patched again here.
$(BUILD_DIR)/%/.stamp_configured: $(BUILD_DIR)/%/.stamp_patched | $(PKGDIR_TOOL)
	$(if $(kiln-deps-output-changed),$(kiln-reextract))
	$(call kiln-run-step,assemble,)
	$(call kiln-run-step,configure,configuring) && touch $@

$(BUILD_DIR)/%/.stamp_built: $(BUILD_DIR)/%/.stamp_configured
	$(call kiln-run-step,build,building) && touch $@

# Install always starts from freshly assembled directories: a reinstall
# must never write into files whose inodes dependents share, and an
# interrupted install must leave nothing behind. (A directory that is
# still as assembled is kept: see kiln-step-body-assemble.)
$(BUILD_DIR)/%/.stamp_installed: $(BUILD_DIR)/%/.stamp_built
	$(call kiln-run-step,assemble,)
	$(call kiln-run-step,install,installing)
	$(call kiln-run-step,record,)
	$(kiln-cache-store)
	$(Q)touch $@ && if [ -e '$(@D)/$(KILN_CACHE_MARK)' ]; then rm -f '$(@D)/$(KILN_CACHE_MARK)'; else rm -f '$(@D)/$(KILN_CACHE_RESTORED)'; fi

# The output record is written by the record step, and rewritten only
# when the output changed: nothing to run here. An empty recipe (not a
# missing one) makes make look at the file's date again afterwards.
$(BUILD_DIR)/%/.kiln-output: $(BUILD_DIR)/%/.stamp_installed
	$(empty)

# A package whose files a dependent changed in place (record marked it
# in per-package/<pkg>/.damaged) is reinstalled by the next make, so
# nothing built from the changed copy ships. A no-op make looks at one
# path, the index per-package/.damaged (see kiln-pkgdir's damaged.c).
KILN_DAMAGED_INDEX = $(PER_PACKAGE_DIR)/.damaged
KILN_DAMAGED = $(if $(wildcard $(KILN_DAMAGED_INDEX)),$(foreach p,$(sort $(file <$(KILN_DAMAGED_INDEX))),\
	$(if $(wildcard $(PER_PACKAGE_DIR)/$(p)/.damaged),$(p))))
kiln-damaged-rules = $(foreach p,$(filter $(PACKAGES),$(KILN_DAMAGED)),\
	$(eval $($(KILN_UP_$(p))_DIR)/.stamp_installed: FORCE))

# ------------------------------------------------------------------
# The configuration hash: a package is built again when what its result
# depends on changed, and its dependents when its output changed
# (docs/incremental.md).
#
# At parse time, for the packages of the build only, make works out a
# cheap text, the package's configuration string: the values that go
# into its hash (version, source, closure, the Kconfig symbols it reads)
# and the names of its input files. One $(file <) compares it with the
# copy recorded in the build directory, .kiln-config. When they differ,
# .kiln-config is remade: its recipe empties the build directory (as
# <pkg>-dirclean does, but for the logs and the records) and writes the
# new text, so every step runs again. The input files are prerequisites
# of .kiln-config too, so an edited file (newer) does the same. The
# hash itself, sha256 over the input files' contents, the values and
# the outputs of the closure, is computed by kiln-hash in the assemble
# step before configure: .kiln-hash, and its inputs line by line in
# .kiln-inputs (make <pkg>-show-hash).
#
# Hash equivalence: the record step writes .kiln-output, the sha256 of
# the package's manifest, only when it changed. Each package's
# .stamp_configured depends on the .kiln-output of every package of its
# closure: a dependency rebuilt with the same output rebuilds nothing
# downstream, one with a new output sends its dependents back to clean
# sources (kiln-reextract).

KILN_HASH_TOOL := $(TOPDIR)/support/scripts/kiln-hash
# Infrastructure files in every package's hash; target packages add
# toolchain.mk (TARGET_CC, TARGET_CFLAGS, ...), build-system packages
# their package/pkg-<infra>.mk.
KILN_HASH_COMMON_FILES := $(TOPDIR)/package/pkg-generic.mk $(TOPDIR)/package/pkg-download.mk \
	$(TOPDIR)/support/make/host-tools.mk
KILN_HASH_TARGET_FILES := $(TOPDIR)/toolchain/toolchain.mk
# Global Kconfig symbols in the hash: every package's (the host tools
# that record and the RPATH fixer use), and the target packages'
# (architecture, CPU, ABI, toolchain), as patterns over the symbols the
# configuration sets. A package's own are KILN_PACKAGE_<PKG>_* (a host
# package's also its target variant's); <PKG>_HASH_VARS names others.
KILN_HASH_COMMON_SYMBOLS := KILN_BUILD_HOST_TOOLS
KILN_HASH_TARGET_SYMBOLS := KILN_ARCH KILN_ENDIAN KILN_GNU_TARGET_NAME KILN_GCC_TARGET_% KILN_TOOLCHAIN_%
# Read once, after the configuration and every package are read.
# KILN_CONFIG_SYMBOLS and KILN_PACKAGE_SYMBOLS (build.mk) list those the
# configuration sets, from one scan of .VARIABLES.
kiln-hash-setup = $(eval KILN_HASH_target_SYMBOLS := $(sort $(filter $(KILN_HASH_COMMON_SYMBOLS) \
	$(KILN_HASH_TARGET_SYMBOLS),$(KILN_CONFIG_SYMBOLS))))$(eval KILN_HASH_host_SYMBOLS := \
	$(filter $(KILN_HASH_COMMON_SYMBOLS),$(KILN_HASH_target_SYMBOLS)))

# $(call kiln-hash-values,NAME,PREFIX): the values, one per line.
define kiln-hash-values
kiln-config 1
package $(1)
type $($(2)_TYPE)
version $($(2)_VERSION)
source $($(2)_SOURCE)
override_srcdir $($(2)_OVERRIDE_SRCDIR)
closure $(call kiln-closure,$(1))$(call kiln-hash-lines,$(foreach s,$(KILN_HASH_$($(2)_TYPE)_SYMBOLS) \
	$(sort $(filter KILN_PACKAGE_$(2)_% $(if $(filter host,$($(2)_TYPE)),KILN_PACKAGE_$(patsubst HOST_%,%,$(2))_%),\
	$(KILN_PACKAGE_SYMBOLS))) $($(2)_HASH_VARS) $(kiln-hash-sandbox),|kiln-nl|symbol $(s)=$($(s))|kiln-end|))
endef
# A target package with <PKG>_CONF_RUN_TESTS = YES gets configure's
# true answers only in the sandbox (support/make/sandbox.mk): whether
# its steps really run there is then part of its result.
# So does building in emulation (<PKG>_BUILD_IN_EMULATION). Both
# switches are hashed as well: make's command line may set them.
# (Building in emulation changes nothing for an x86_64 target.)
kiln-hash-sandbox = $(if $(filter target,$($(2)_TYPE)),$(sort $(if $(filter YES,$($(2)_CONF_RUN_TESTS)),$(2)_CONF_RUN_TESTS \
	KILN_BINFMT_USED) $(if $(and $(filter YES,$($(2)_BUILD_IN_EMULATION)),$(filter-out x86_64,$(KILN_ARCH_NAME))),\
	$(2)_BUILD_IN_EMULATION KILN_BINFMT_USED)))
# Lines joined without the blank $(foreach) puts between its words.
kiln-hash-lines = $(subst |kiln-nl|,$(sep),$(subst |kiln-end|,,$(subst |kiln-end| ,,$(1))))

# A package's input files: every file of its directory and of the
# directories in it (one level), its kconfig files, <PKG>_HASH_FILES,
# and the infrastructure files it uses.
kiln-hash-dir-files = $(filter-out $(patsubst %/.,%,$(wildcard $(1)*/. $(1)*/*/.)),$(wildcard $(1)* $(1)*/*))
kiln-hash-files = $(sort $(call kiln-hash-dir-files,$($(2)_PKGDIR)) \
	$(wildcard $($(2)_KCONFIG_FILE) $($(2)_KCONFIG_FRAGMENT_FILES) $($(2)_HASH_FILES)) \
	$(KILN_HASH_COMMON_FILES) $(if $(filter target,$($(2)_TYPE)),$(KILN_HASH_TARGET_FILES)) \
	$(if $($(2)_INFRA),$(TOPDIR)/package/pkg-$($(2)_INFRA).mk) \
	$(if $(KILN_KCONFIG_$(1)),$(TOPDIR)/package/pkg-kconfig.mk) \
	$(if $(filter $(1),$(KILN_VIRTUAL_PACKAGES)),$(TOPDIR)/package/pkg-virtual.mk))

# The configuration string: the values and the input files' names,
# then an end mark. $(call kiln-hash-same,NAME,PREFIX,BUILD_DIR,FILES):
# not empty when .kiln-config holds the string. The mark, and not the end
# of the text, tells where it ends: make 4.3's $(file <) does not always
# drop the file's last newline.
kiln-hash-string = $(call kiln-hash-values,$(1),$(2))$(sep)files $(4)$(sep)end kiln-config
kiln-hash-same = $(findstring |$(call kiln-hash-string,$(1),$(2),,$(4)),|$(file <$(3)/.kiln-config))

# The rules of one package of the build: $(1) name, $(2) prefix, $(3)
# build directory, $(4) its input files. Without a record (never built)
# there is no string to compare: a fresh build, or "make source",
# costs one $(wildcard) per package.
define kiln-hash-rule
$(3)/.stamp_downloaded: $(3)/.kiln-config
$(3)/.kiln-config: $(4)$(if $(wildcard $(3)/.kiln-config),$(if $(call kiln-hash-same,$(1),$(2),$(3),$(4)),, FORCE), FORCE)
$(3)/.stamp_configured: $(foreach d,$(call kiln-closure,$(1)),$($(KILN_UP_$(d))_DIR)/.kiln-output)
$(call kiln-cache-rule,$(3),$(2))
endef
kiln-hash-rules = $(kiln-hash-setup)$(foreach p,$(PACKAGES),$(eval $(call kiln-hash-rule,$(p),$(KILN_UP_$(p)),\
	$($(KILN_UP_$(p))_DIR),$(call kiln-hash-files,$(p),$(KILN_UP_$(p))))))

# A changed configuration: the build directory is emptied but for the
# logs and the records, and the new string is recorded (written first
# next to the step scripts: the build directory may not exist yet when
# make expands the recipe).
$(BUILD_DIR)/%/.kiln-config: | $(STAMP_DIR)/.stamp_host_tools
	$(file >$(STAMP_DIR)/$(PKG).config,$(call kiln-hash-string,$(PKG),$(PKGUP),,$(call kiln-hash-files,$(PKG),$(PKGUP))))
	@mkdir -p $(@D)
	$(Q)find '$(@D)' -mindepth 1 -maxdepth 1 ! -name .logs ! -name '.kiln-*' \
		-exec '$(TOPDIR)/support/scripts/rm-tree' {} +
	$(Q)mv -f '$(STAMP_DIR)/$(PKG).config' '$@'

# The configure rule's test: .stamp_configured exists, the output of a
# package of the closure changed since, and the sources were not just
# extracted again.
kiln-deps-output-changed = $(and $(wildcard $@),$(filter %/.kiln-output,$?),$(if $(filter %/.stamp_patched,$?),,y))
define kiln-reextract
$(Q)find '$(@D)' -mindepth 1 -maxdepth 1 ! -name '.stamp_*' ! -name .logs ! -name '.kiln-*' \
	-exec '$(TOPDIR)/support/scripts/rm-tree' {} +
$(kiln-cache-restore)
$(kiln-cache-download-restored)
$(call kiln-run-step,extract,extracting)
$(call kiln-run-step,patch,patching) || { rm -f $(@D)/.stamp_extracted; exit 1; }
endef

# The hash's and show-hash's arguments: $(1) name, $(2) prefix.
kiln-hash-args = --pkg '$(1)' --dir '$($(2)_DIR)' --label '$(TOPDIR)/=' \
	$(foreach d,$(KILN_EXTERNAL),--label '$(d)/=KILN_EXTERNAL_$(KILN_EXT_NAME_$(d))_PATH/') \
	$(foreach f,$(call kiln-hash-files,$(1),$(2)),--file '$(f)') \
	$(foreach d,$(call kiln-closure,$(1)),--dep '$(d)' '$($(KILN_UP_$(d))_DIR)/.kiln-output')
define kiln-step-body-hash
$(file >$(@D)/.kiln-values,$(call kiln-hash-values,$(PKG),$(PKGUP)))
'$(KILN_HASH_TOOL)' --values '$(@D)/.kiln-values' $(call kiln-hash-args,$(PKG),$(PKGUP))
endef

# The record step's last command: the output record, the sha256 of the
# manifest (with the per-package path of reloc files made neutral),
# rewritten only when it changed.
kiln-write-output-record = '$(KILN_HASH_TOOL)' --output --pkg '$(PKG)' --dir '$(@D)' --root '$(PER_PACKAGE_DIR)'

# make <pkg>-show-hash: the hash make would compute now, every input,
# and what changed since the last build. Writes nothing in the build.
%-show-hash:
	$(call kiln-check-pkg,$*)
	$(file >$(BASE_DIR)/.kiln-show-hash-$*.values,$(call kiln-hash-values,$*,$(KILN_UP_$*)))
	@'$(KILN_HASH_TOOL)' --show --values '$(BASE_DIR)/.kiln-show-hash-$*.values' $(call kiln-hash-args,$*,$(KILN_UP_$*)) \
		$(if $(call kiln-hash-same,$*,$(KILN_UP_$*),$($(KILN_UP_$*)_DIR),$(call kiln-hash-files,$*,$(KILN_UP_$*))),,--config-changed)

# ------------------------------------------------------------------
# Package goals that need nothing but the package name.

kiln-check-pkg = $(if $(KILN_UP_$(1)),,$(error unknown package '$(1)': no package/$(1)/ or external package defines it))

# rm-tree: a package may leave 0555 directories, which a build user who
# is not root cannot empty with a plain rm -rf.
%-dirclean:
	$(call kiln-check-pkg,$*)
	$(Q)$(TOPDIR)/support/scripts/rm-tree $($(KILN_UP_$*)_DIR) $(PER_PACKAGE_DIR)/$*

# -rebuild, -reconfigure and -reinstall forget the later stamps and then
# build the package in a sub-make, so their order holds under -j.
# A package restored from the artifact cache has no sources: it starts
# from its download (all its stamps go), and the sub-make does not
# restore it again (KILN_CACHE=n).
kiln-forget = $(call kiln-check-pkg,$(1))rm -f $(foreach s,$(2),$($(KILN_UP_$(1))_DIR)/.stamp_$(s))$(call \
	kiln-cache-forget,$($(KILN_UP_$(1))_DIR))

%-rebuild:
	$(Q)$(call kiln-forget,$*,built installed)
	$(if $($(KILN_UP_$*)_OVERRIDE_SRCDIR),$(if $(wildcard $($(KILN_UP_$*)_DIR)/.stamp_configured),\
		$(Q)$(call kiln-override-sync-of,$(KILN_UP_$*))))
	+$(Q)$(MAKE) -f $(TOPDIR)/Makefile $* KILN_CACHE=n

%-reconfigure:
	$(Q)$(call kiln-forget,$*,configured built installed)
	+$(Q)$(MAKE) -f $(TOPDIR)/Makefile $* KILN_CACHE=n

%-reinstall:
	$(Q)$(call kiln-forget,$*,installed)
	+$(Q)$(MAKE) -f $(TOPDIR)/Makefile $* KILN_CACHE=n

%-show-depends:
	$(call kiln-check-pkg,$*)
	@echo $($(KILN_UP_$*)_FINAL_DEPENDENCIES)

%-show-rdepends:
	$(call kiln-check-pkg,$*)
	@echo $(foreach p,$(PACKAGES),$(if $(filter $*,$($(KILN_UP_$(p))_FINAL_DEPENDENCIES)),$(p)))

# ------------------------------------------------------------------
# Goals that name a package and a step (zlib-configure, ...): pattern
# rules, with the stamp found through the package's variables in a
# second expansion. Nothing per package is parsed for them.

.SECONDEXPANSION:
kiln-stamp-of = $$(if $$(KILN_UP_$$*),$$($$(KILN_UP_$$*)_DIR)/.stamp_$(1),kiln-unknown-package-$$*)
kiln-unknown-package-%:
	$(call kiln-check-pkg,$*)
%-source: $(call kiln-stamp-of,downloaded) ; @:
%-extract: $(call kiln-stamp-of,extracted) ; @:
%-patch: $(call kiln-stamp-of,patched) ; @:
%-configure: $(call kiln-stamp-of,configured) ; @:
%-build: $(call kiln-stamp-of,built) ; @:
%-install: $(call kiln-stamp-of,installed) ; @:

# ------------------------------------------------------------------
# The per-package part, kept as small as possible: it is parsed once for
# every package of the tree, selected or not. Defaults (commands of the
# early steps, install switches) are resolved when a step runs instead.
# $(1): name, $(2): variable prefix, $(3): prefix of the target variant
# (host packages inherit from it), $(4): target or host.

define inner-generic-package
$(if $(KILN_UP_$(1)),$(call kiln-defined-twice,$(1)))
$(2)_NAME := $(1)
$(2)_RAWNAME := $(patsubst host-%,%,$(1))
$(2)_DL_SUBDIR ?= $$($(2)_RAWNAME)
$(2)_TYPE := $(4)
$(2)_PKGDIR := $(pkgdir)
$(if $(KILN_SITE_METHOD_OK_$($(2)_SITE_METHOD)$($(3)_SITE_METHOD)),,$(call kiln-site-method-check,$(1),$(2),$(3)))
$(if $(3),$(call kiln-host-inherit,$(1),$(2),$(3)))
$(2)_FINAL_DEPENDENCIES := $$(strip $$(filter-out $(1),$(if $(3),,$$(KILN_TARGET_COMMON_DEPENDENCIES) $$(if \
	$$(filter YES,$$($(2)_BUILD_IN_EMULATION)),$$(KILN_EMULATION_DEPENDENCIES))) $$($(2)_DEPENDENCIES)))
$(2)_DIR := $(BUILD_DIR)/$(1)$$(if $$($(2)_VERSION),-$$($(2)_VERSION))
KILN_PKG_$$(notdir $$($(2)_DIR)) := $(1)
KILN_UP_$(1) := $(2)
KILN_NAME_$(2) := $(1)
KILN_PHONY += $(1)
$(1): $$($(2)_DIR)/.stamp_installed
# Order-only: dependencies are built first. Whether a rebuilt one
# rebuilds its dependents is the output records' business (the
# configuration hash, below).
$$($(2)_DIR)/.stamp_configured: | $$($(2)_FINAL_DEPENDENCIES)
MAKEFILE_LIST := $$(lastword $$(MAKEFILE_LIST))
endef

# A host package takes what it does not set from its target variant.
# Its default dependencies are the host variants of the target's.
define kiln-host-inherit
$(2)_VERSION ?= $$($(3)_VERSION)
$(2)_SOURCE ?= $$($(3)_SOURCE)
$(2)_SITE ?= $$($(3)_SITE)
$(2)_LICENSE ?= $$($(3)_LICENSE)
$(2)_LICENSE_FILES ?= $$($(3)_LICENSE_FILES)
$(2)_OVERRIDE_SRCDIR ?= $$($(3)_OVERRIDE_SRCDIR)
$(2)_DEPENDENCIES ?= $$(filter-out $(1),$$(patsubst host-host-%,host-%,$$(addprefix host-,$$($(3)_DEPENDENCIES))))
endef

# A package name is defined once, in Kiln and all its external trees
# together: a second definition (an external tree's zlib) would
# silently replace the first one's variables. One lookup per package.
kiln-defined-twice = $(error package $(1) is defined twice: in $($(KILN_UP_$(1))_PKGDIR)$($(KILN_UP_$(1))_RAWNAME).mk and in $(lastword $(MAKEFILE_LIST)); package names must be unique across Kiln and its external trees: rename the second one (its directory, .mk and variables) or remove it)

# MAKEFILE_LIST is cut to the current file after each package (see the
# end of inner-generic-package): $(lastword) walks the whole list, and
# with thousands of packages that walk would dominate parsing. For the
# same reason the package goals are declared .PHONY once, after all
# packages are read (every .PHONY line appends to one growing list).
#
# $(call kiln-define-package-macros,X,inner-X-package[,arg]) defines
# X-package and host-X-package (kiln-define-target-macro: X-package
# only), which call the inner macro with the arguments above for the
# package of the .mk being read, and arg as $(5). Written out once here,
# they cost a package's $(eval) a single $(call), as a hand-written
# macro would. Without arg they pass no empty 5th argument, which alone
# cost 0.5% of support/benchmarks/parse.
kiln-define-target-macro = $(eval $(1)-package = $$(call $(2),$$(pkgname),$$(call UPPERCASE,$$(pkgname)),,target$(if $(3),$(comma)$(3))))
kiln-define-package-macros = $(call kiln-define-target-macro,$(1),$(2),$(3))$(eval \
	host-$(1)-package = $$(call $(2),host-$$(pkgname),$$(call UPPERCASE,host-$$(pkgname)),$$(call UPPERCASE,$$(pkgname)),host$(if $(3),$(comma)$(3))))

$(call kiln-define-package-macros,generic,inner-generic-package)

# ------------------------------------------------------------------
# Build-system infrastructures (autotools, CMake, Meson) share all but
# their commands. Infrastructure <infra> defines, expanded when a step
# runs: kiln-<infra>-target-configure, kiln-<infra>-host-configure,
# kiln-<infra>-target-build, kiln-<infra>-host-build,
# kiln-<infra>-install-staging, kiln-<infra>-install-target and
# kiln-<infra>-host-install; and its macros <infra>-package and
# host-<infra>-package, with $(call kiln-build-system-macros,<infra>).
# A package's own <PKG>_<STEP>_CMDS win over these defaults. Target
# packages depend on host-pkgconf unless <PKG>_NEEDS_PKGCONF = NO (host
# packages inherit it from the target variant's dependencies). The
# staging install's fix-ups are every package's (kiln-install-staging).
define inner-build-system-package
$(2)_CONFIGURE_CMDS ?= $$(kiln-$(5)-$(4)-configure)
$(2)_BUILD_CMDS ?= $$(kiln-$(5)-$(4)-build)
$(if $(filter host,$(4)),
$(2)_INSTALL_CMDS ?= $$(kiln-$(5)-host-install),
$(2)_INSTALL_STAGING_CMDS ?= $$(kiln-$(5)-install-staging)
$(2)_INSTALL_TARGET_CMDS ?= $$(kiln-$(5)-install-target)
$(2)_DEPENDENCIES += $$(if $$(filter NO,$$($(2)_NEEDS_PKGCONF)),,host-pkgconf))
$(2)_INFRA := $(5)
$(call inner-generic-package,$(1),$(2),$(3),$(4))
endef
kiln-build-system-macros = $(call kiln-define-package-macros,$(1),inner-build-system-package,$(1))
