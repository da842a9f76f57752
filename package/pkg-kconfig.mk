# SPDX-License-Identifier: GPL-2.0-or-later
# The kconfig-package infrastructure: a generic package whose build is
# configured by a Kconfig .config of its own (busybox, linux, u-boot).
#
# A package sets, before $(eval $(kconfig-package)):
#   FOO_KCONFIG_FILE            the config file to start from, or
#   FOO_KCONFIG_DEFCONFIG       a defconfig target of the package (foo_defconfig)
#   FOO_KCONFIG_FRAGMENT_FILES  files whose lines override the above, in order
#   FOO_KCONFIG_OPTS            make variables for every kconfig make (CROSS_COMPILE=...)
#   FOO_KCONFIG_OLDCONFIG       the target that completes a .config (default olddefconfig)
#   FOO_KCONFIG_SAVEDEFCONFIG   NO when the package's kconfig has no savedefconfig
#
# Design notes
# - The configure stamp depends on the config file and the fragments, so
#   editing either redoes configure (a fresh .config from them), build
#   and install.
# - <pkg>-menuconfig edits the .config in the build directory. When it
#   changed, the build and install stamps go and the configure stamp is
#   touched: the stamps are .SECONDARY, and make redoes a missing one
#   only when something before it is newer than what needs it (the
#   finalize stamps). So the next make rebuilds
#   the package; <pkg>-update-config copies .config back to
#   FOO_KCONFIG_FILE to keep the change (a reconfigure starts from the
#   file again).
# - The goals are pattern rules, as in pkg-generic.mk: a package's
#   $(eval) adds only one prerequisite line.

# The configure step: the .config from the file or the defconfig target,
# the fragments' lines replacing the same symbols, then the package's own
# oldconfig fills in what is missing. "yes ''" answers the questions of a
# kconfig that has no olddefconfig (busybox's oldconfig).
define kiln-kconfig-configure
$(if $(call kiln-var,KCONFIG_DEFCONFIG),
$(kiln-kconfig-make) '$(call kiln-var,KCONFIG_DEFCONFIG)',
test -f '$(call kiln-var,KCONFIG_FILE)' || { echo "$(PKG): $(PKGUP)_KCONFIG_FILE: $(call kiln-var,KCONFIG_FILE) does not exist; fix $($(PKGUP)_PKGDIR)$(PKG).mk or create the file" >&2; exit 1; }
cp '$(call kiln-var,KCONFIG_FILE)' '$(@D)/.config')
$(foreach f,$(call kiln-var,KCONFIG_FRAGMENT_FILES),
$(call kiln-kconfig-merge,$(f)))
yes '' | $(kiln-kconfig-make) $(call kiln-var,KCONFIG_OLDCONFIG,olddefconfig) >/dev/null
endef

# A fragment's lines replace those of the same symbols ("CONFIG_X=..."
# or "# CONFIG_X is not set") and are appended.
define kiln-kconfig-merge
test -f '$(1)' || { echo "$(PKG): config fragment $(1) does not exist; fix $(PKGUP)_KCONFIG_FRAGMENT_FILES in $($(PKGUP)_PKGDIR)$(PKG).mk" >&2; exit 1; }
awk 'function sym(l) { if (match(l, /^(# )?[A-Za-z0-9_]+(=| is not set)/)) { l = substr(l, RSTART, RLENGTH); sub(/^# /, "", l); sub(/(=| is not set)$$/, "", l); return l } return "" }
	NR == FNR { s = sym($$0); if (s != "") set[s] = 1; next }
	{ s = sym($$0); if (s == "" || !(s in set)) print }' '$(1)' '$(@D)/.config' > '$(@D)/.config.kiln-merge'
cat '$(1)' >> '$(@D)/.config.kiln-merge'
mv '$(@D)/.config.kiln-merge' '$(@D)/.config'
endef

# The package's own make, with its kconfig options, from its build dir.
kiln-kconfig-make = $(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' $(call kiln-var,KCONFIG_OPTS)

# ------------------------------------------------------------------
# Goals. They run outside a step, so PKG comes from the goal's name
# ("private": the prerequisites keep their own PKG). Top-level
# command-line variables (O=, V=) must not reach the package's make, as
# in kiln-step.

kiln-kconfig-check = $(call kiln-check-pkg,$(1))$(if $(KILN_KCONFIG_$(1)),,$(error $(1) is not a kconfig-package: $(1)-$(2) exists only for packages made with $$(eval $$(kconfig-package))))
kiln-kconfig-env = env -u MAKEFLAGS -u MAKEOVERRIDES -u MFLAGS -u MAKELEVEL
kiln-kconfig-goal-make = $(kiln-kconfig-env) $(TARGET_MAKE_ENV) $(MAKE) -C '$($(PKGUP)_DIR)' $(call kiln-var,KCONFIG_OPTS)

%-menuconfig %-nconfig %-savedefconfig %-update-config: private PKG = $*

%-menuconfig %-nconfig: $(call kiln-stamp-of,configured)
	$(call kiln-kconfig-check,$*,$(patsubst $*-%,%,$@))
	$(Q)cp -p '$($(PKGUP)_DIR)/.config' '$($(PKGUP)_DIR)/.config.kiln-before'
	$(Q)$(kiln-kconfig-goal-make) $(patsubst $*-%,%,$@)
	$(Q)if cmp -s '$($(PKGUP)_DIR)/.config' '$($(PKGUP)_DIR)/.config.kiln-before'; then \
		echo "$*: configuration unchanged"; \
	else \
		rm -f '$($(PKGUP)_DIR)/.stamp_built' '$($(PKGUP)_DIR)/.stamp_installed'; \
		touch '$($(PKGUP)_DIR)/.stamp_configured'; \
		echo "$*: configuration changed: 'make' rebuilds $*; 'make $*-update-config' keeps the change in $(call kiln-var,KCONFIG_FILE)"; \
	fi; rm -f '$($(PKGUP)_DIR)/.config.kiln-before'

%-savedefconfig: $(call kiln-stamp-of,configured)
	$(call kiln-kconfig-check,$*,savedefconfig)
	$(Q)$(if $(filter NO,$(call kiln-var,KCONFIG_SAVEDEFCONFIG)),\
		echo "$*: its kconfig has no savedefconfig; use 'make $*-update-config' to save the full .config to $(call kiln-var,KCONFIG_FILE)" >&2; exit 1)
	$(Q)$(kiln-kconfig-goal-make) savedefconfig
	$(Q)echo "$*: minimal configuration in $($(PKGUP)_DIR)/defconfig"

# update-config leaves out kconfig's date line (a diff-friendly file)
# and leaves the file as old as the configuration hash's record
# (.kiln-config, which lists it): the .config it holds is already the
# one built, so neither the hash nor the configure stamp is redone.
%-update-config: $(call kiln-stamp-of,configured)
	$(call kiln-kconfig-check,$*,update-config)
	$(Q)test -n '$(call kiln-var,KCONFIG_FILE)' || { \
		echo "$*: no $(PKGUP)_KCONFIG_FILE to update (the package starts from $(call kiln-var,KCONFIG_DEFCONFIG)); set $(PKGUP)_KCONFIG_FILE in $($(PKGUP)_PKGDIR)$*.mk" >&2; exit 1; }
	$(Q)sed -E '/^# [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]?[0-9] [0-9:]+ [0-9]+$$/d' \
		'$($(PKGUP)_DIR)/.config' > '$(call kiln-var,KCONFIG_FILE)'
	$(Q)touch -r '$($(PKGUP)_DIR)/.kiln-config' '$(call kiln-var,KCONFIG_FILE)'
	$(Q)echo "$*: configuration saved to $(call kiln-var,KCONFIG_FILE)"

# ------------------------------------------------------------------
# The per-package part, with inner-generic-package's arguments.

define inner-kconfig-package
KILN_KCONFIG_$(1) := y
$(2)_CONFIGURE_CMDS ?= $$(kiln-kconfig-configure)
$$(if $$($(2)_KCONFIG_FILE)$$($(2)_KCONFIG_DEFCONFIG),,$$(error $(1): set $(2)_KCONFIG_FILE or $(2)_KCONFIG_DEFCONFIG in $(pkgdir)$(1).mk))
$(call inner-generic-package,$(1),$(2),$(3),$(4))
# A missing file makes the configure step run (FORCE), whose recipe
# names the file and the option, instead of make's "No rule to make".
$$($(2)_DIR)/.stamp_configured: $$(call kiln-files-or-force,$$($(2)_KCONFIG_FILE) $$($(2)_KCONFIG_FRAGMENT_FILES))
endef

$(call kiln-define-target-macro,kconfig,inner-kconfig-package)
