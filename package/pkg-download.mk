# SPDX-License-Identifier: GPL-2.0-or-later
# The download layer: where a package's source comes from, and the
# checks that keep a wrong or partial file out of the download directory.
#
# The download step runs support/download/dl-wrapper with the ordered
# list of places to try; the wrapper owns the lock, the temporary file,
# the hash check and the final rename into $(DL_DIR)/<subdir>/. Make
# only decides the order, because the order depends on configuration
# symbols that the wrapper should not have to know about.
#
# Every place is passed as "-u [METHOD+]URL". The package's own site
# carries its _SITE_METHOD as METHOD when it sets one (the scheme alone
# cannot tell a git repository served over https); the apt method is
# always "apt+<source>=<version>"; the primary and backup sites carry
# none, and dl-wrapper takes the method from the scheme (a path without
# one is the file method). See docs/downloads.md.

KILN_DL_WRAPPER := $(TOPDIR)/support/download/dl-wrapper

# String options arrive as their raw value, without Kconfig's quotes
# (support/scripts/config-to-make), blanks around it kept; booleans as
# y. strip drops the blanks and patsubst a trailing slash.
KILN_DL_PRIMARY = $(patsubst %/,%,$(strip $(KILN_PRIMARY_SITE)))
KILN_DL_BACKUP = $(patsubst %/,%,$(strip $(KILN_BACKUP_SITE)))

# A host package inherits its target variant's download variables when
# it has none of its own. pkg-generic.mk's host inheritance (_SITE,
# _SOURCE, _VERSION, ...) does not forward _SITE_METHOD or the _DEBIAN_*
# variables, so those are looked up here, at step time (cheap: only for the package
# whose step runs), own value first. $(1): variable suffix.
kiln-dl-var = $(call kiln-pkg-var,$(PKGUP),$(1))
# $(call kiln-pkg-var,PREFIX,SUFFIX): the same for any package (legal-info,
# sbom): its own value, else its target variant's.
kiln-pkg-var = $(strip $(or $($(1)_$(2)),$($(call UPPERCASE,$($(1)_RAWNAME))_$(2))))

# _SITE_METHOD is checked when the package is parsed (called from
# inner-generic-package only for a method that is not plainly valid).
# "local" is Buildroot's: _SITE is a source directory, used as
# _OVERRIDE_SRCDIR (copied with rsync, no download, no .hash check of
# a source file, no patches).
# $(1): package, $(2): its prefix, $(3): its target variant's prefix
# (host packages use the target variant's method and site by default).
# The common cases cost one variable lookup: KILN_SITE_METHOD_OK_<m>
# is set for no method and for each method that needs nothing more
# (host packages look up <own method><target's method>, so "gitgit"
# and the like go through the full check, which handles them).
KILN_SITE_METHODS = http https file git apt local
KILN_SITE_METHOD_OK_ := y
$(foreach m,http https file git apt,$(eval KILN_SITE_METHOD_OK_$(m) := y))
kiln-site-method-check = $(call kiln-site-method-check-1,$(1),$(2),$(strip $(or $($(2)_SITE_METHOD),$(if $(3),$($(3)_SITE_METHOD)))),$(or $($(2)_SITE),$(if $(3),$($(3)_SITE))))
kiln-site-method-check-1 = $(if $(or $(filter-out $(KILN_SITE_METHODS),$(3)),$(word 2,$(3))),$(call kiln-site-method-error,$(1),$(2),'$(3)' is not a download method: use one of $(KILN_SITE_METHODS) (see docs/downloads.md)),$(if $(filter local,$(3)),$(if $(4),$(2)_OVERRIDE_SRCDIR ?= $$($(2)_SITE),$(call kiln-site-method-error,$(1),$(2),local needs $(2)_SITE: the directory that holds the source))))
kiln-site-method-error = $(error package $(1): $(2)_SITE_METHOD = $(3) (in $(lastword $(MAKEFILE_LIST))))

# Before an override's (or a local site's) rsync: the directory exists.
define kiln-override-check
test -d '$($(PKGUP)_OVERRIDE_SRCDIR)' || { echo "$(PKG): source directory $($(PKGUP)_OVERRIDE_SRCDIR) does not exist: fix $(PKGUP)_SITE (with _SITE_METHOD = local) or $(PKGUP)_OVERRIDE_SRCDIR in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk (relative paths are from the Kiln tree)" >&2; exit 1; }
endef

# The package's own site. _SITE_METHOD picks the method when the
# scheme is not enough (git over https); "apt" needs no _SITE at all.
define kiln-dl-upstream
$(if $(filter apt,$(call kiln-dl-var,SITE_METHOD)),$(kiln-dl-apt-uri),
$(if $($(PKGUP)_SITE),$(if $(call kiln-dl-var,SITE_METHOD),$(call kiln-dl-var,SITE_METHOD)+)$(patsubst %/,%,$($(PKGUP)_SITE))))
endef

# The apt method asks for <source package>=<Debian version>. A package
# that names no Debian source has nothing to ask for; the wrapper then
# reports the missing variable, naming the package.
kiln-dl-apt-uri = $(call kiln-apt-uri,$(PKGUP))
kiln-apt-uri = apt+$(call kiln-pkg-var,$(1),DEBIAN_SOURCE)=$(call kiln-pkg-var,$(1),DEBIAN_VERSION)

# The places, in order. The primary site is tried both as a copy of the
# download directory (<site>/<subdir>/<file>) and as a flat mirror
# (<site>/<file>), so either layout can serve as a company mirror. Then,
# unless KILN_PRIMARY_SITE_ONLY is set with a primary site: the
# package's own site (or apt for _SITE_METHOD = apt), the backup site as
# a flat mirror (<site>/<file> only), and with KILN_DOWNLOAD_APT = y the
# Debian source package, for packages that name one and do not already
# use apt.
define kiln-dl-uris
$(if $(KILN_DL_PRIMARY),$(KILN_DL_PRIMARY)/$($(PKGUP)_DL_SUBDIR) $(KILN_DL_PRIMARY))
$(if $(and $(KILN_DL_PRIMARY),$(filter y,$(KILN_PRIMARY_SITE_ONLY))),,
$(kiln-dl-upstream)
$(if $(KILN_DL_BACKUP),$(KILN_DL_BACKUP))
$(if $(and $(filter y,$(KILN_DOWNLOAD_APT)),$(call kiln-dl-var,DEBIAN_SOURCE),$(if $(filter apt,$(call kiln-dl-var,SITE_METHOD)),,y)),$(kiln-dl-apt-uri)))
endef

# The hash file is shared by a package and its host variant.
# <PKG>_HASH_FILE names another hash file (a custom kernel's, which the
# configuration names).
kiln-hashfile-of = $(or $(call kiln-pkg-var,$(1),HASH_FILE),$($(1)_PKGDIR)$($(1)_RAWNAME).hash)
kiln-dl-hashfile = $(call kiln-hashfile-of,$(PKGUP))

# The download goes to a temporary directory in the package's build
# directory ($(@D)); only a verified file is moved into $(DL_DIR), under
# a temporary name then renamed, so $(DL_DIR) never holds a wrong or
# partial file under its final name. A local override (-O) may lack a
# hash. With _DEBIAN_PATCHES = YES the Debian tarball is fetched next;
# otherwise an apt package's log notes that Debian's patches are unused.
define kiln-default-download
'$(KILN_DL_WRAPPER)' -p '$(PKG)' -f '$($(PKGUP)_SOURCE)' \
	-d '$(DL_DIR)/$($(PKGUP)_DL_SUBDIR)' -H '$(kiln-dl-hashfile)' \
	-t '$(@D)' -v '$($(PKGUP)_VERSION)'$(if $($(PKGUP)_OVERRIDE_SRCDIR), -O) \
	$(foreach u,$(strip $(kiln-dl-uris)),-u '$(u)')
$(if $(kiln-dl-debian-patches),$(kiln-dl-debian-download),$(kiln-dl-apt-note))
endef

# _DEBIAN_PATCHES = YES: Debian's .debian.tar.* (its debian/ folder,
# named by _DEBIAN_PATCHES_SOURCE or <source>_<version without epoch>
# .debian.tar.xz) is downloaded too, from the primary site, else (unless
# KILN_PRIMARY_SITE_ONLY) with apt and then from the backup site,
# checked against the same .hash file, and the patch step applies
# debian/patches/series before the package's own patches. Without it,
# a package that takes Debian's .orig tarball through apt builds
# upstream's source as it is, and its download log says so.
kiln-dl-debian-patches = $(filter YES,$(call kiln-dl-var,DEBIAN_PATCHES))
kiln-dl-debian-source = $(call kiln-debian-tarball,$(PKGUP))
# Debian's patch tarball of package prefix $(1) (legal-info saves it too).
kiln-debian-tarball = $(or $(call kiln-pkg-var,$(1),DEBIAN_PATCHES_SOURCE),$(call kiln-pkg-var,$(1),DEBIAN_SOURCE)_$(lastword $(subst :, ,$(call kiln-pkg-var,$(1),DEBIAN_VERSION))).debian.tar.xz)

define kiln-dl-debian-download
$(if $(and $(call kiln-dl-var,DEBIAN_SOURCE),$(call kiln-dl-var,DEBIAN_VERSION)),,echo "kiln: $(PKG): $(PKGUP)_DEBIAN_PATCHES = YES needs $(PKGUP)_DEBIAN_SOURCE and $(PKGUP)_DEBIAN_VERSION (set them in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk)" >&2; exit 1)
'$(KILN_DL_WRAPPER)' -p '$(PKG)' -f '$(kiln-dl-debian-source)' \
	-d '$(DL_DIR)/$($(PKGUP)_DL_SUBDIR)' -H '$(kiln-dl-hashfile)' -t '$(@D)' \
	$(foreach u,$(if $(KILN_DL_PRIMARY),$(KILN_DL_PRIMARY)/$($(PKGUP)_DL_SUBDIR) $(KILN_DL_PRIMARY)) \
		$(if $(and $(KILN_DL_PRIMARY),$(filter y,$(KILN_PRIMARY_SITE_ONLY))),,$(kiln-dl-apt-uri) $(KILN_DL_BACKUP)),-u '$(u)')
endef

kiln-dl-apt-note = $(if $(filter apt,$(call kiln-dl-var,SITE_METHOD)),echo "kiln: $(PKG): note: only Debian's .orig tarball is used (not Debian's patches): set $(PKGUP)_DEBIAN_PATCHES = YES to apply them (docs/downloads.md)")

# The patch step's first part with _DEBIAN_PATCHES = YES: Debian's
# quilt series, in order ("name [-pN]" lines, # comments), each patch
# applied with patch -N (-p1 unless the line says otherwise).
define kiln-debian-patch
d='$(@D)/.kiln-debian'; rm -rf "$$d"; mkdir -p "$$d"; \
tar -xf '$(DL_DIR)/$($(PKGUP)_DL_SUBDIR)/$(kiln-dl-debian-source)' -C "$$d"; \
test -f "$$d/debian/patches/series" || { echo "kiln: $(PKG): $(kiln-dl-debian-source) has no debian/patches/series: Debian applies no patch to this source; remove $(PKGUP)_DEBIAN_PATCHES = YES from $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk" >&2; exit 1; }; \
sed -e 's/[[:space:]]*#.*//' "$$d/debian/patches/series" | while read -r p opt; do \
	[ -n "$$p" ] || continue; \
	echo "Applying Debian's $$p"; \
	patch $${opt:--p1} -N -d '$(@D)' < "$$d/debian/patches/$$p" || { echo "kiln: $(PKG): Debian's patch $$p (from $(kiln-dl-debian-source)) does not apply: check $(PKGUP)_DEBIAN_VERSION against _VERSION, or drop _DEBIAN_PATCHES = YES" >&2; exit 1; }; \
done; rm -rf "$$d"
endef

# Appended to every extract step: the license files named in
# _LICENSE_FILES must match their lines in the package's .hash, so a
# changed license is noticed on the version bump that changed it.
define kiln-after-extract
$(if $(strip $($(PKGUP)_LICENSE_FILES)),'$(TOPDIR)/support/download/check-license-hashes' \
	'$(PKG)' '$(kiln-dl-hashfile)' '$(@D)' '$(if $($(PKGUP)_OVERRIDE_SRCDIR),override)' \
	$(foreach f,$($(PKGUP)_LICENSE_FILES),'$(f)'))
endef
