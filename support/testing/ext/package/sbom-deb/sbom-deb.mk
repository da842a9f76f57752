################################################################################
# sbom-deb
################################################################################

# Test package of 35-sbom.t and 36-cve-check.t, read but never built:
# its source comes from Debian through apt (pkg:deb PURL, Debian
# version with an epoch), with Debian's patches, whose tarball the
# test writes into the download directory.
SBOM_DEB_VERSION = 2.0
SBOM_DEB_SOURCE = sbom-deb_$(SBOM_DEB_VERSION).orig.tar.gz
SBOM_DEB_SITE_METHOD = apt
SBOM_DEB_DEBIAN_SOURCE = sbom-deb
SBOM_DEB_DEBIAN_VERSION = 1:2.0-1
SBOM_DEB_DEBIAN_PATCHES = YES
SBOM_DEB_LICENSE = GPL-2.0+

$(eval $(generic-package))
