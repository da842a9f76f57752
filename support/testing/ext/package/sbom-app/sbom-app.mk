################################################################################
# sbom-app
################################################################################

# Test package of 35-sbom.t and 36-cve-check.t: no source, two patches
# (each adds a file; one names its CVE in its file name, the other in
# its header), a CPE, a CVE the package ignores, and libb.
SBOM_APP_VERSION = 1.2.3
SBOM_APP_LICENSE = MIT, Public domain (fix2.txt)
SBOM_APP_CPE_ID_VENDOR = kilntest
SBOM_APP_CPE_ID_PRODUCT = sbom_app
SBOM_APP_SUPPLIER = Kiln test suite
SBOM_APP_IGNORE_CVES = CVE-2099-0004
SBOM_APP_DEPENDENCIES = libb

define SBOM_APP_INSTALL_TARGET_CMDS
	install -D -m 0644 $(@D)/fix1.txt $(TARGET_DIR)/usr/share/sbom-app/fix1.txt
	install -D -m 0644 $(@D)/fix2.txt $(TARGET_DIR)/usr/share/sbom-app/fix2.txt
	install -D -m 0755 $(SBOM_APP_PKGDIR)sbom-app.sh $(TARGET_DIR)/usr/bin/sbom-app
	ln -sf sbom-app $(TARGET_DIR)/usr/bin/sbom-app-link
endef

$(eval $(generic-package))
