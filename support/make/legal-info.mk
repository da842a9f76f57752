# SPDX-License-Identifier: GPL-2.0-or-later
# make legal-info (docs/tooling.md): what a product built with Kiln must
# hand over with it, under $(LEGAL_INFO_DIR): the manifests of the
# target and host packages (licenses, sources, sites), their license
# texts, and their sources as downloaded with their patches. It needs
# every package extracted, for the license files, as Buildroot's does.
# (The prerequisites are expanded only when legal-info is a goal:
# .SECONDEXPANSION, set by pkg-generic.mk.)
# support/scripts/legal-info does the work, from the packages' metadata
# (kiln-write-metadata, support/make/sbom.mk), written with $(file) when
# the recipe is expanded (nothing at parse time).

LEGAL_INFO_DIR := $(BASE_DIR)/legal-info

.PHONY: legal-info
legal-info: $$(foreach p,$$(PACKAGES),$$($$(KILN_UP_$$(p))_DIR)/.stamp_extracted)
	$(kiln-write-metadata)
	$(Q)$(TOPDIR)/support/scripts/legal-info --metadata $(KILN_SBOM_METADATA) \
		--out $(LEGAL_INFO_DIR) --config $(KILN_CONFIG)
