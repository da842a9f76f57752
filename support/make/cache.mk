# SPDX-License-Identifier: GPL-2.0-or-later
# The artifact cache (docs/cache.md): a package whose configuration
# hash (docs/incremental.md) was built before, here or by another
# output directory or machine sharing the cache, is restored instead of
# built. The work is support/scripts/kiln-cache's; this file says when
# it runs.
#
# - Lookup: first thing in the download rule (a hit needs no source),
#   and when a dependency's output changed (kiln-reextract). The key
#   needs the closure's outputs, so with the cache on a package's
#   download waits for its dependencies, as its configure always did.
# - A hit writes $(KILN_CACHE_MARK) in the build directory: the steps
#   up to install are then skipped (kiln-cache-skip, in kiln-run-step)
#   while make touches their stamps as usual, and the install rule
#   removes the mark. Every rule that empties the build directory
#   removes it too (its name is neither .stamp_* nor .kiln-*).
# - Store: after record, in the install rule.
#
# KILN_CACHE=n (environment or command line) turns it off. It is off
# for the goals that want the sources or a step of their own (make
# source, legal-info, <pkg>-extract...), for packages built from a local
# directory (the tree is not in the hash), for packages that install
# into output/images (not in their manifest), and for packages that say
# <PKG>_ARTIFACT_CACHE = NO (the external toolchain: importing it from
# its own cache is faster than a restore, and its entry is the size of
# every other one together).

KILN_CACHE ?= y
KILN_CACHE_TOOL := $(TOPDIR)/support/scripts/kiln-cache
KILN_CACHE_MARK := .cache-restored
# Written with the mark and kept (a .kiln-* file survives the rules that
# empty the build directory) until the package is next built: a package
# restored earlier has no sources, not even its download.
KILN_CACHE_RESTORED := .kiln-restored
KILN_CACHE_OFF_GOALS := source external-deps legal-info %-source %-extract %-patch %-configure %-build \
	%-menuconfig %-nconfig %-savedefconfig %-update-config %-show-hash cache-stats cache-clean %-test test-all
KILN_CACHE_ON := $(if $(filter n no 0,$(KILN_CACHE)),,$(if $(filter $(KILN_CACHE_OFF_GOALS),$(MAKECMDGOALS)),,y))
export KILN_CACHE_DIR KILN_CACHE_URL KILN_CACHE_URL_READONLY

# Whether the package whose step runs may use the cache.
kiln-cache-ok = $(and $(KILN_CACHE_ON),$(if $($(PKGUP)_OVERRIDE_SRCDIR)$(filter YES,$($(PKGUP)_INSTALL_IMAGES))$(filter NO,$($(PKGUP)_ARTIFACT_CACHE)),,y))

kiln-cache-skip = $(if $(kiln-cache-ok),test -e '$(@D)/$(KILN_CACHE_MARK)' || )

kiln-cache-args = --pkg '$(PKG)' --dir '$(@D)' --root '$(PER_PACKAGE_DIR)' --base '$(BASE_DIR)'
# The key's build-machine part and the cache directory ("kiln-cache
# host": the versions of HOSTCC, the compiler host packages are built
# with, and of the C library; the helpers' sources), computed once per
# make, when the first package is looked up or stored (never in a
# no-op make), rather than by each lookup and store.
# (make 4.3 gives $(shell) the environment make started with, not its
# exports: HOSTCC and KILN_CACHE_DIR are passed by hand.)
kiln-cache-host = $(eval kiln-cache-host := $$(shell HOSTCC=$$(call kiln-sq,$$(HOSTCC)) \
	KILN_CACHE_DIR=$$(call kiln-sq,$$(KILN_CACHE_DIR)) '$$(KILN_CACHE_TOOL)' host))$(kiln-cache-host)
kiln-cache-keyed = KILN_CACHE_HOST=$(call kiln-sq,$(kiln-cache-host)) HOSTCC='$(HOSTCC)'

# The hash as the assemble step computes it (kiln-step-body-hash), then
# the lookup (kiln-cache-lookup: no Python start unless the entry may be
# there) and, on a hit, the restore.
define kiln-cache-restore
$(if $(kiln-cache-ok),$(file >$(STAMP_DIR)/$(PKG).cache-values,$(call kiln-hash-values,$(PKG),$(PKGUP)))
$(Q)'$(KILN_HASH_TOOL)' --values '$(STAMP_DIR)/$(PKG).cache-values' $(call kiln-hash-args,$(PKG),$(PKGUP))
$(Q)$(kiln-cache-keyed) '$(KILN_CACHE_TOOL)-lookup' $(kiln-cache-args) --pkgdir-tool '$(PKGDIR_TOOL)' --hash-tool '$(KILN_HASH_TOOL)' \
	--version '$($(PKGUP)_VERSION)' --pos '$(or $(KILN_POS_$(PKG)),-)/$(KILN_NPACKAGES)' $($(PKGUP)_FINAL_DEPENDENCIES))
endef

define kiln-cache-store
$(if $(kiln-cache-ok),$(Q)test -e '$(@D)/$(KILN_CACHE_MARK)' || $(kiln-cache-keyed) '$(KILN_CACHE_TOOL)' store $(kiln-cache-args))
endef

# With the cache on, a package is looked up before its download, once
# its closure is installed and kiln-pkgdir (which a restore runs) is
# built: $(call kiln-cache-rule,BUILD_DIR,PREFIX).
kiln-cache-rule = $(if $(KILN_CACHE_ON),$(1)/.stamp_downloaded: | $(PKGDIR_TOOL) $($(2)_FINAL_DEPENDENCIES))

# -rebuild, -reconfigure, -reinstall of a restored package: every stamp
# goes, so it is downloaded, extracted and built.
kiln-cache-forget = ; if [ -e '$(1)/$(KILN_CACHE_RESTORED)' ]; then rm -f '$(1)'/.stamp_*; fi

# A dependency's output changed (kiln-reextract) and the package was
# restored earlier and is not now: its download first.
define kiln-cache-download-restored
$(file >$(STAMP_DIR)/$(PKG).download.sh,$(call kiln-step-script,download))
+$(Q)test ! -e '$(@D)/$(KILN_CACHE_RESTORED)' || $(kiln-cache-skip)$(KILN_STEP_RUNNER) '$(PKG)' '$($(PKGUP)_VERSION)' download \
	downloading $(STAMP_DIR)/$(PKG).download.sh $(@D)/.logs/download.log '$(or $(KILN_POS_$(PKG)),-)/$(KILN_NPACKAGES)'
endef

.PHONY: cache-stats cache-clean
cache-stats:
	@KILN_CACHE_HOST= '$(KILN_CACHE_TOOL)' stats --base '$(BASE_DIR)'

# KILN_CACHE_MAX_AGE=DAYS removes the entries not used for that long,
# KILN_CACHE_MAX_SIZE=MIB the least recently used until the rest fits;
# with neither, every entry.
cache-clean:
	@KILN_CACHE_HOST= '$(KILN_CACHE_TOOL)' clean --max-age '$(KILN_CACHE_MAX_AGE)' --max-size '$(KILN_CACHE_MAX_SIZE)'
