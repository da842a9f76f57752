# SPDX-License-Identifier: GPL-2.0-or-later
# Pictures of the build (docs/tooling.md): graph-depends,
# <pkg>-graph-depends, <pkg>-graph-rdepends, graph-build, graph-size.
# Everything is drawn under $(GRAPHS_DIR) by the Python scripts of
# support/scripts/, with Graphviz (dot) and matplotlib. What make knows
# (the packages, their dependencies) reaches them through the packages'
# metadata (kiln-write-metadata, support/make/sbom.mk), written with
# $(file) when a recipe is expanded: nothing here runs at parse time.

GRAPHS_DIR := $(BASE_DIR)/graphs
# KILN_GRAPH_OUT: the formats to draw, Buildroot's BR2_GRAPH_OUT (svg
# by default; several allowed: KILN_GRAPH_OUT='svg png').
KILN_GRAPH_OUT ?= svg
# Options for graph-depends (Buildroot's BR2_GRAPH_DEPS_OPTS) and
# graph-size (BR2_GRAPH_SIZE_OPTS).
KILN_GRAPH_DEPS_OPTS ?=
KILN_GRAPH_SIZE_OPTS ?=

$(GRAPHS_DIR):
	@mkdir -p $@

# $(1): the output's base name, $(2): options of the goal.
define kiln-graph-depends
$(kiln-write-metadata)
$(Q)$(TOPDIR)/support/scripts/graph-depends --metadata $(KILN_SBOM_METADATA) \
	--out $(GRAPHS_DIR)/$(1) --format $(call kiln-sq,$(KILN_GRAPH_OUT)) \
	--mandatory '$(KILN_TARGET_COMMON_DEPENDENCIES)' $(2) $(KILN_GRAPH_DEPS_OPTS)
endef

.PHONY: graph-depends graph-build graph-size
graph-depends: | $(GRAPHS_DIR)
	$(call kiln-graph-depends,graph-depends,)

%-graph-depends: | $(GRAPHS_DIR)
	$(call kiln-check-pkg,$*)
	$(call kiln-graph-depends,$*-graph-depends,--package $*)

%-graph-rdepends: | $(GRAPHS_DIR)
	$(call kiln-check-pkg,$*)
	$(call kiln-graph-depends,$*-graph-rdepends,--package $* --reverse)

# The timeline and the time per package and step, from build-time.log.
graph-build: | $(GRAPHS_DIR)
	$(Q)$(TOPDIR)/support/scripts/graph-build --log $(BUILD_DIR)/build-time.log \
		--out $(GRAPHS_DIR) --format $(call kiln-sq,$(KILN_GRAPH_OUT))

# The size of output/target by package (from the manifests) and file.
graph-size: | $(GRAPHS_DIR)
	$(kiln-write-metadata)
	$(Q)$(TOPDIR)/support/scripts/graph-size --metadata $(KILN_SBOM_METADATA) \
		--per-package $(PER_PACKAGE_DIR) --target $(BASE_DIR)/target \
		--finalized $(TARGET_FINALIZE_STAMP) --out $(GRAPHS_DIR) \
		--format $(call kiln-sq,$(KILN_GRAPH_OUT)) $(KILN_GRAPH_SIZE_OPTS)
