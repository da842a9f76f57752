# The download layer: where a package's source comes from, and the
# checks that keep a wrong or partial file out of the download directory.
#
# The download step runs support/download/dl-wrapper with the ordered
# list of places to try; the wrapper owns the lock, the temporary file,
# the hash check and the final rename into $(DL_DIR)/<subdir>/. Make
# only decides the order, because the order depends on configuration
# symbols that the wrapper should not have to know about.
#
# Every place is passed as "-u [METHOD+]URL". METHOD (http, https, file,
# git, apt) is given when the URL's scheme cannot tell it, e.g. a git
# repository served over https. See docs/downloads.md.

KILN_DL_WRAPPER := $(TOPDIR)/support/download/dl-wrapper

# Configuration symbols arrive quoted (strings) or as y (booleans); a
# value given on the make command line may come unquoted.
KILN_DL_PRIMARY = $(patsubst %/,%,$(strip $(KILN_PRIMARY_SITE)))
KILN_DL_BACKUP = $(patsubst %/,%,$(strip $(KILN_BACKUP_SITE)))

# A host package inherits its target variant's download variables when
# it has none of its own. pkg-generic.mk forwards _SITE and _SOURCE
# only, so the variables below are looked up here, at step time (cheap:
# only for the package whose download runs). $(1): variable suffix.
kiln-dl-var = $(strip $(or $($(PKGUP)_$(1)),$($(call UPPERCASE,$($(PKGUP)_RAWNAME))_$(1))))

# The package's own site. _SITE_METHOD picks the method when the
# scheme is not enough (git over https); "apt" needs no _SITE at all.
define kiln-dl-upstream
$(if $(filter apt,$(call kiln-dl-var,SITE_METHOD)),$(kiln-dl-apt-uri),
$(if $($(PKGUP)_SITE),$(if $(call kiln-dl-var,SITE_METHOD),$(call kiln-dl-var,SITE_METHOD)+)$(patsubst %/,%,$($(PKGUP)_SITE))))
endef

# The apt method asks for <source package>=<Debian version>. A package
# that names no Debian source has nothing to ask for; the wrapper then
# reports the missing variable, naming the package.
kiln-dl-apt-uri = apt+$(call kiln-dl-var,DEBIAN_SOURCE)=$(call kiln-dl-var,DEBIAN_VERSION)

# The primary site is tried both as a copy of the download directory
# (<site>/<subdir>/<file>) and as a flat mirror (<site>/<file>), so
# either layout can serve as a company mirror.
define kiln-dl-uris
$(if $(KILN_DL_PRIMARY),$(KILN_DL_PRIMARY)/$($(PKGUP)_DL_SUBDIR) $(KILN_DL_PRIMARY))
$(if $(and $(KILN_DL_PRIMARY),$(filter y,$(KILN_PRIMARY_SITE_ONLY))),,
$(kiln-dl-upstream)
$(if $(KILN_DL_BACKUP),$(KILN_DL_BACKUP))
$(if $(and $(filter y,$(KILN_DOWNLOAD_APT)),$(call kiln-dl-var,DEBIAN_SOURCE),$(if $(filter apt,$(call kiln-dl-var,SITE_METHOD)),,y)),$(kiln-dl-apt-uri)))
endef

# The hash file is shared by a package and its host variant.
kiln-dl-hashfile = $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).hash

# The temporary file lives in the package's build directory ($(@D)), so
# an interrupted download never leaves anything in $(DL_DIR).
define kiln-default-download
'$(KILN_DL_WRAPPER)' -p '$(PKG)' -f '$($(PKGUP)_SOURCE)' \
	-d '$(DL_DIR)/$($(PKGUP)_DL_SUBDIR)' -H '$(kiln-dl-hashfile)' \
	-t '$(@D)' -v '$($(PKGUP)_VERSION)'$(if $($(PKGUP)_OVERRIDE_SRCDIR), -O) \
	$(foreach u,$(strip $(kiln-dl-uris)),-u '$(u)')
endef

# Appended to every extract step: the license files named in
# _LICENSE_FILES must match their lines in the package's .hash, so a
# changed license is noticed on the version bump that changed it.
define kiln-after-extract
$(if $(strip $($(PKGUP)_LICENSE_FILES)),'$(TOPDIR)/support/download/check-license-hashes' \
	'$(PKG)' '$(kiln-dl-hashfile)' '$(@D)' '$(if $($(PKGUP)_OVERRIDE_SRCDIR),override)' \
	$(foreach f,$($(PKGUP)_LICENSE_FILES),'$(f)'))
endef
