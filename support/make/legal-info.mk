# SPDX-License-Identifier: GPL-2.0-or-later
# make legal-info (docs/tooling.md): what a product built with Kiln must
# hand over with it, under $(LEGAL_INFO_DIR): the manifests of the
# target and host packages (licenses, sources, sites), their license
# texts, and their sources as downloaded with their patches. It needs
# every package extracted, for the license files, as Buildroot's does.
# (The prerequisites are expanded only when legal-info is a goal:
# .SECONDEXPANSION, set by pkg-generic.mk.)
# support/scripts/legal-info does the work, from a data file written
# with $(file) when the recipe is expanded (nothing at parse time).

LEGAL_INFO_DIR := $(BASE_DIR)/legal-info

# Debian's patch tarball, when the patch step applies it.
kiln-legal-debian = $(if $(filter YES,$(call kiln-pkg-var,$(1),DEBIAN_PATCHES)),$(call kiln-debian-tarball,$(1)))
# Where the source comes from: the site, or apt's source package.
kiln-legal-site = $(if $(filter apt,$(call kiln-pkg-var,$(1),SITE_METHOD)),$(call kiln-apt-uri,$(1)),$($(1)_SITE))
# Why no source is saved, if none is: empty when the source is saved.
kiln-legal-nosource = $(strip $(if $($(1)_OVERRIDE_SRCDIR),$(if $(filter local,$(call kiln-pkg-var,$(1),SITE_METHOD)),local,override),$(if \
	$($(1)_SOURCE),$(if $(filter NO,$($(1)_REDISTRIBUTE)),noredist),nosource)))

# One line per package, TAB-separated (support/scripts/legal-info reads
# them in this order): name, type, version, license, license files,
# source, site, why no source is saved, the download directory, the
# build directory, the .mk file, the .hash file, the patches, Debian's
# patch tarball.
kiln-legal-line = $(1)$(kiln-tab)$(call kiln-graph-type,$(1))$(kiln-tab)$($(2)_VERSION)$(kiln-tab)$($(2)_LICENSE)$(kiln-tab)$(strip \
	$($(2)_LICENSE_FILES))$(kiln-tab)$($(2)_SOURCE)$(kiln-tab)$(call kiln-legal-site,$(2))$(kiln-tab)$(call \
	kiln-legal-nosource,$(2))$(kiln-tab)$(DL_DIR)/$($(2)_DL_SUBDIR)$(kiln-tab)$($(2)_DIR)$(kiln-tab)$($(2)_PKGDIR)$($(2)_RAWNAME).mk$(kiln-tab)$(wildcard \
	$($(2)_PKGDIR)$($(2)_RAWNAME).hash)$(kiln-tab)$(if $($(2)_OVERRIDE_SRCDIR),,$(sort $(wildcard \
	$($(2)_PKGDIR)*.patch)))$(kiln-tab)$(if $($(2)_OVERRIDE_SRCDIR),,$(call kiln-legal-debian,$(2)))

.PHONY: legal-info
legal-info: $$(foreach p,$$(PACKAGES),$$($$(KILN_UP_$$(p))_DIR)/.stamp_extracted) | $(KILN_GRAPHS_WORK)
	$(file >$(KILN_GRAPHS_WORK)/legal-info.data,$(foreach p,$(PACKAGES),$(call kiln-legal-line,$(p),$(KILN_UP_$(p)))$(sep)))
	$(Q)$(TOPDIR)/support/scripts/legal-info --data $(KILN_GRAPHS_WORK)/legal-info.data \
		--out $(LEGAL_INFO_DIR) --config $(KILN_CONFIG)
