# The download step. For now a local fetch: _SITE is a directory or a
# file:// URL, and the file is checked against <pkg>.hash.

define kiln-default-download
'$(TOPDIR)/support/scripts/fetch-local' '$(PKG)' '$($(PKGUP)_SITE)' '$($(PKGUP)_SOURCE)' \
	'$(DL_DIR)/$($(PKGUP)_DL_SUBDIR)' '$($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).hash'
endef

kiln-after-extract =
