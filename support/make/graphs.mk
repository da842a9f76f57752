# SPDX-License-Identifier: GPL-2.0-or-later
# Pictures of the build (docs/tooling.md): graph-depends,
# <pkg>-graph-depends, <pkg>-graph-rdepends, graph-build, graph-size.
# Everything is drawn under $(GRAPHS_DIR) by the Python scripts of
# support/scripts/, with Graphviz (dot) and matplotlib. What make knows
# (the packages, their dependencies) reaches them through data files
# written with $(file) when a recipe is expanded: nothing here runs at
# parse time.

GRAPHS_DIR := $(BASE_DIR)/graphs
KILN_GRAPHS_WORK := $(STAMP_DIR)/graphs
# KILN_GRAPH_OUT: the formats to draw, Buildroot's BR2_GRAPH_OUT (svg
# by default; several allowed: KILN_GRAPH_OUT='svg png').
KILN_GRAPH_OUT ?= svg
# Options for graph-depends (Buildroot's BR2_GRAPH_DEPS_OPTS) and
# graph-size (BR2_GRAPH_SIZE_OPTS).
KILN_GRAPH_DEPS_OPTS ?=
KILN_GRAPH_SIZE_OPTS ?=

kiln-tab := $(empty)	$(empty)

$(GRAPHS_DIR) $(KILN_GRAPHS_WORK):
	@mkdir -p $@

# One line per package of the build: name, type (target, host,
# virtual), version, dependencies.
kiln-graph-type = $(if $(filter $(1),$(KILN_VIRTUAL_PACKAGES)),virtual,$($(KILN_UP_$(1))_TYPE))
kiln-graph-data = $(foreach p,$(PACKAGES),$(p)$(kiln-tab)$(call kiln-graph-type,$(p))$(kiln-tab)$($(KILN_UP_$(p))_VERSION)$(kiln-tab)$($(KILN_UP_$(p))_FINAL_DEPENDENCIES)$(sep))

# $(1): the output's base name, $(2): options of the goal.
define kiln-graph-depends
$(file >$(KILN_GRAPHS_WORK)/depends.data,$(kiln-graph-data))
$(Q)$(TOPDIR)/support/scripts/graph-depends --data $(KILN_GRAPHS_WORK)/depends.data \
	--out $(GRAPHS_DIR)/$(1) --format $(call kiln-sq,$(KILN_GRAPH_OUT)) \
	--mandatory '$(KILN_TARGET_COMMON_DEPENDENCIES)' $(2) $(KILN_GRAPH_DEPS_OPTS)
endef

.PHONY: graph-depends graph-build graph-size
graph-depends: | $(GRAPHS_DIR) $(KILN_GRAPHS_WORK)
	$(call kiln-graph-depends,graph-depends,)

%-graph-depends: | $(GRAPHS_DIR) $(KILN_GRAPHS_WORK)
	$(call kiln-check-pkg,$*)
	$(call kiln-graph-depends,$*-graph-depends,--package $*)

%-graph-rdepends: | $(GRAPHS_DIR) $(KILN_GRAPHS_WORK)
	$(call kiln-check-pkg,$*)
	$(call kiln-graph-depends,$*-graph-rdepends,--package $* --reverse)

# The timeline and the time per package and step, from build-time.log.
graph-build: | $(GRAPHS_DIR)
	$(Q)$(TOPDIR)/support/scripts/graph-build --log $(BUILD_DIR)/build-time.log \
		--out $(GRAPHS_DIR) --format $(call kiln-sq,$(KILN_GRAPH_OUT))

# The size of output/target by package (from the manifests) and file.
graph-size: | $(GRAPHS_DIR) $(KILN_GRAPHS_WORK)
	$(file >$(KILN_GRAPHS_WORK)/size.data,$(foreach p,$(PACKAGES),$(p)$(sep)))
	$(Q)$(TOPDIR)/support/scripts/graph-size --packages $(KILN_GRAPHS_WORK)/size.data \
		--per-package $(PER_PACKAGE_DIR) --target $(BASE_DIR)/target \
		--finalized $(TARGET_FINALIZE_STAMP) --out $(GRAPHS_DIR) \
		--format $(call kiln-sq,$(KILN_GRAPH_OUT)) $(KILN_GRAPH_SIZE_OPTS)
