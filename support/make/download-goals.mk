# SPDX-License-Identifier: GPL-2.0-or-later
# Goals over every package of the configuration.

# make source: every file the configuration needs, so that the build
# can then run without a network. Local overrides download nothing.
.PHONY: source
source: $(addsuffix -source,$(PACKAGES))

# make external-deps: the files "make source" would fetch, as
# <subdir>/<file> paths relative to the download directory (a package
# and its host variant share one). It downloads nothing, so it can
# feed a mirror (KILN_PRIMARY_SITE) or an air-gapped transfer list.
.PHONY: external-deps
external-deps:
	@:$(foreach f,$(sort $(foreach p,$(PACKAGES),$(if $(or $($(KILN_UP_$(p))_OVERRIDE_SRCDIR),$(if $($(KILN_UP_$(p))_SOURCE),,x)),,$($(KILN_UP_$(p))_DL_SUBDIR)/$($(KILN_UP_$(p))_SOURCE)))),$(info $(f)))
