# SPDX-License-Identifier: GPL-2.0-or-later
# The virtual package infrastructure: virtual-package, for a name that
# several packages can implement, one of them chosen in the
# configuration (as in Buildroot). See docs/package-infrastructures.md.
#
# How the pieces fit
# - The virtual package vfoo (package/vfoo/vfoo.mk, just
#   $(eval $(virtual-package))) has no source and no commands. It
#   depends on the package that KILN_PACKAGE_PROVIDES_VFOO names, so its
#   closure (and the closure of everything that depends on it) holds the
#   provider: a dependent that lists vfoo in its _DEPENDENCIES gets the
#   provider's files in its per-package directories.
# - Its Config.in declares KILN_PACKAGE_HAS_VFOO (bool) and
#   KILN_PACKAGE_PROVIDES_VFOO (string). A provider's Config.in selects
#   the first and gives the second a default; its .mk says
#   <PROVIDER>_PROVIDES = vfoo. Dependents depend on KILN_PACKAGE_HAS_VFOO.
# - The checks (build.mk calls them) run once per make over the virtual
#   packages and the packages of the build, never per package at parse
#   time, so a tree of thousands of packages parses as fast as before.
# - Switching providers: the virtual package's directories and those of
#   every package that depends on it, directly or not, were assembled
#   with the old provider. A file per virtual package records the
#   chosen provider, rewritten only when it changes; those packages'
#   configure stamps depend on it, so they are assembled and built
#   again, after the virtual package (order-only dependencies).

KILN_VIRTUAL_PACKAGES :=
KILN_VIRTUAL_DIR = $(STAMP_DIR)/virtual

# The provider chosen for virtual package $(1), from the configuration.
# A package name holds no quotes: any are dropped, so that a value given
# on the command line in Kconfig's form ('"vfoo-a"') works too.
kiln-virtual-provider = $(strip $(subst ",,$(KILN_PACKAGE_PROVIDES_$(KILN_UP_$(1)))))
#"))

define inner-virtual-package
$(2)_VERSION = virtual
$(2)_SOURCE =
$(2)_DEPENDENCIES += $$(subst ",,$$(KILN_PACKAGE_PROVIDES_$(2)))
KILN_VIRTUAL_PACKAGES += $(1)
$(call inner-generic-package,$(1),$(2),$(3),$(4))
endef

$(call kiln-define-target-macro,virtual,inner-virtual-package)

# ------------------------------------------------------------------
# Checks. Each error names the virtual package, the symbol and the file
# to fix.

kiln-virtual-config-in = $($(KILN_UP_$(1))_PKGDIR)Config.in
kiln-virtual-mk = $($(KILN_UP_$(1))_PKGDIR)$($(KILN_UP_$(1))_RAWNAME).mk
# Every package that declares it provides $(1) (for messages only: this
# walks all packages).
kiln-virtual-all-providers = $(strip $(foreach p,$(KILN_PHONY),$(if $(filter $(1),$($(KILN_UP_$(p))_PROVIDES)),$(p))))
kiln-virtual-dependents = $(strip $(foreach p,$(PACKAGES),$(if $(filter $(1),$($(KILN_UP_$(p))_FINAL_DEPENDENCIES)),$(p))))

# Before the closure: the provider named in the configuration must be
# one package that says it provides the virtual package. $(1): virtual
# package, $(2): its upper-case name, $(3): the provider named.
define kiln-virtual-check-named-one
$(if $(word 2,$(3)),$(error virtual package $(1): KILN_PACKAGE_PROVIDES_$(2) is '$(3)'$(comma) but must name one package; fix the Config.in of the providers ($(call kiln-virtual-all-providers,$(1)))))
$(if $(KILN_UP_$(3)),,$(error virtual package $(1): KILN_PACKAGE_PROVIDES_$(2) names '$(3)'$(comma) which no package defines; fix the Config.in that gives KILN_PACKAGE_PROVIDES_$(2) that default))
$(if $(filter $(1),$($(KILN_UP_$(3))_PROVIDES)),,$(error virtual package $(1): KILN_PACKAGE_PROVIDES_$(2) names $(3)$(comma) whose .mk does not say $(KILN_UP_$(3))_PROVIDES = $(1); add it to $(call kiln-virtual-mk,$(3)) or fix $(call kiln-virtual-config-in,$(3))))
endef
kiln-virtual-check-named = $(foreach v,$(KILN_VIRTUAL_PACKAGES),$(if $(call kiln-virtual-provider,$(v)),\
	$(call kiln-virtual-check-named-one,$(v),$(KILN_UP_$(v)),$(call kiln-virtual-provider,$(v)))))

# After the closure: a needed virtual package has a provider, and every
# provider in the build is the chosen one.
# $(1): virtual package, $(2): its upper-case name.
define kiln-virtual-check-needed
$(if $(call kiln-virtual-provider,$(1)),,$(error virtual package $(1) is needed by $(call kiln-virtual-dependents,$(1))$(comma) but no provider of it is selected (KILN_PACKAGE_PROVIDES_$(2) is empty): select one of its providers ($(or $(call kiln-virtual-all-providers,$(1)),none exists yet)) in make menuconfig; and $(foreach d,$(call kiln-virtual-dependents,$(1)),$(call kiln-virtual-config-in,$(d))) should depend on KILN_PACKAGE_HAS_$(2)$(comma) so that it cannot be selected without one))
endef

# $(1): a package of the build, $(2): a virtual package it provides,
# $(3): the provider chosen for it.
define kiln-virtual-check-provider
$(if $(filter $(2),$(KILN_VIRTUAL_PACKAGES)),,$(error package $(1) says $(KILN_UP_$(1))_PROVIDES = $(2)$(comma) but no virtual package $(2) exists; fix $(call kiln-virtual-mk,$(1))))
$(if $(3),,$(error package $(1) provides virtual package $(2)$(comma) but KILN_PACKAGE_PROVIDES_$(KILN_UP_$(2)) is empty: $(call kiln-virtual-config-in,$(1)) must select KILN_PACKAGE_HAS_$(KILN_UP_$(2)) and give KILN_PACKAGE_PROVIDES_$(KILN_UP_$(2)) the default "$(1)"))
$(if $(filter $(1),$(3)),,$(error virtual package $(2) has two providers selected: $(3) (KILN_PACKAGE_PROVIDES_$(KILN_UP_$(2))) and $(1); select only one of them in make menuconfig$(comma) or make them exclusive in $(call kiln-virtual-config-in,$(1)) (depends on !KILN_PACKAGE_$(KILN_UP_$(3)))))
endef

kiln-virtual-check-build = \
	$(foreach v,$(filter $(KILN_VIRTUAL_PACKAGES),$(PACKAGES)),$(call kiln-virtual-check-needed,$(v),$(KILN_UP_$(v)))) \
	$(foreach p,$(PACKAGES),$(foreach v,$($(KILN_UP_$(p))_PROVIDES),\
		$(call kiln-virtual-check-provider,$(p),$(v),$(call kiln-virtual-provider,$(v)))))

# The rules that rebuild with a new provider (see the notes above).
define kiln-virtual-rules
$(foreach v,$(filter $(KILN_VIRTUAL_PACKAGES),$(PACKAGES)),
$(foreach p,$(PACKAGES),$(if $(filter $(v),$(p) $(KILN_CLOSURE_$(p))),
$($(KILN_UP_$(p))_DIR)/.stamp_configured: $(KILN_VIRTUAL_DIR)/$(v).provider)))
endef

$(KILN_VIRTUAL_DIR)/%.provider: FORCE
	@mkdir -p '$(@D)'
	$(Q)p='$(call kiln-virtual-provider,$*)'; \
	if [ "$$(cat '$@' 2>/dev/null)" != "$$p" ]; then printf '%s\n' "$$p" > '$@'; fi
