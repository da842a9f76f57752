# SPDX-License-Identifier: GPL-2.0-or-later
# What the build is made of, for the people who ship it: show-info,
# sbom (SPDX 2.3 and CycloneDX 1.6 JSON) and cve-check, all from the
# configuration and the packages' metadata, with no build needed.
#
# Make writes the metadata of every package of the build into one JSON
# file with $(file), when it expands the goal's recipe (nothing runs at
# parse time), and support/scripts/kiln-sbom does the rest: hash files,
# patches, manifests, identifiers, the two formats, the CVE matching.
# legal-info and the graphs read the same file (kiln-write-metadata):
# support/scripts/kiln_metadata.py is the one reader. See
# docs/tooling.md.

KILN_SBOM := $(TOPDIR)/support/scripts/kiln-sbom
KILN_SBOM_METADATA = $(BASE_DIR)/.kiln-metadata.json
# Where make sbom and make cve-check write.
SBOM_DIR = $(BASE_DIR)/sbom
CVE_DIR = $(BASE_DIR)/cve
# The vulnerability feed: NVD 2.0 JSON or OSV files (a file, a .zip,
# or a directory of them). CVE_FEED=... on the command line, else the
# environment's KILN_CVE_FEED.
CVE_FEED ?= $(KILN_CVE_FEED)

kiln-meta-str = "$(call json-escape,$(1))"

# One package: $(1) name, $(2) variable prefix.
define kiln-meta-pkg
{"name":"$(1)","type":"$($(2)_TYPE)",\
"virtual":$(if $(filter $(1),$(KILN_VIRTUAL_PACKAGES)),true,false),"version":$(call kiln-meta-str,$($(2)_VERSION)),\
"license":$(call kiln-meta-str,$($(2)_LICENSE)),"license_files":$(call kiln-json-list,$($(2)_LICENSE_FILES)),\
"dependencies":$(call kiln-json-list,$($(2)_FINAL_DEPENDENCIES)),\
"install_staging":$(if $(filter YES,$($(2)_INSTALL_STAGING)),true,false),\
"install_target":$(if $(filter NO,$($(2)_INSTALL_TARGET)),false,true),\
"install_images":$(if $(filter YES,$($(2)_INSTALL_IMAGES)),true,false),\
"source":$(call kiln-meta-str,$($(2)_SOURCE)),"site":$(call kiln-meta-str,$($(2)_SITE)),\
"site_method":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),SITE_METHOD)),\
"apt_uri":$(call kiln-meta-str,$(if $(filter apt,$(call kiln-pkg-var,$(2),SITE_METHOD)),$(call kiln-apt-uri,$(2)))),\
"redistribute":$(if $(filter NO,$($(2)_REDISTRIBUTE)),false,true),\
"override_srcdir":$(call kiln-meta-str,$($(2)_OVERRIDE_SRCDIR)),\
"dl_subdir":$(call kiln-meta-str,$($(2)_DL_SUBDIR)),"hash_file":$(call kiln-meta-str,$(call kiln-hashfile-of,$(2))),\
"patch_files":$(call kiln-json-list,$($(2)_PATCH_FILES)),"pkgdir":$(call kiln-meta-str,$($(2)_PKGDIR)),\
"rawname":$(call kiln-meta-str,$($(2)_RAWNAME)),"build_dir":$(call kiln-meta-str,$($(2)_DIR)),\
"config_hash":$(call kiln-meta-str,$(strip $(file <$($(2)_DIR)/.kiln-hash))),\
"debian_source":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),DEBIAN_SOURCE)),\
"debian_version":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),DEBIAN_VERSION)),\
"debian_patches":$(if $(filter YES,$(call kiln-pkg-var,$(2),DEBIAN_PATCHES)),true,false),\
"debian_tarball":$(call kiln-meta-str,$(if $(filter YES,$(call kiln-pkg-var,$(2),DEBIAN_PATCHES)),$(call kiln-debian-tarball,$(2)))),\
"cpe_id_vendor":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),CPE_ID_VENDOR)),\
"cpe_id_product":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),CPE_ID_PRODUCT)),\
"cpe_id_version":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),CPE_ID_VERSION)),\
"cpe_id_update":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),CPE_ID_UPDATE)),\
"cpe_id_valid":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),CPE_ID_VALID)),\
"supplier":$(call kiln-meta-str,$(call kiln-pkg-var,$(2),SUPPLIER)),\
"ignore_cves":$(call kiln-json-list,$(call kiln-pkg-var,$(2),IGNORE_CVES))}
endef

# The whole file: the build's places, then every package of PACKAGES,
# dependencies first.
define kiln-metadata
{"kiln_metadata":1,"topdir":$(call kiln-meta-str,$(TOPDIR)),"base_dir":$(call kiln-meta-str,$(BASE_DIR)),\
"per_package_dir":$(call kiln-meta-str,$(PER_PACKAGE_DIR)),"dl_dir":$(call kiln-meta-str,$(DL_DIR)),\
"config":$(call kiln-meta-str,$(KILN_CONFIG)),"arch":$(call kiln-meta-str,$(KILN_ARCH_NAME)),\
"gnu_target_name":$(call kiln-meta-str,$(GNU_TARGET_NAME)),\
"hostname":$(call kiln-meta-str,$(KILN_TARGET_GENERIC_HOSTNAME)),\
"packages":[$(subst } {,}$(comma){,$(strip $(foreach p,$(PACKAGES),$(call kiln-meta-pkg,$(p),$(KILN_UP_$(p))))))]}
endef

kiln-write-metadata = $(file >$(KILN_SBOM_METADATA),$(kiln-metadata))

.PHONY: sbom cve-check
show-info:
	$(kiln-write-metadata)
	@'$(KILN_SBOM)' show-info --metadata '$(KILN_SBOM_METADATA)'

sbom:
	$(kiln-write-metadata)
	@'$(KILN_SBOM)' sbom --metadata '$(KILN_SBOM_METADATA)' --output-dir '$(SBOM_DIR)'

cve-check:
	$(kiln-write-metadata)
	@'$(KILN_SBOM)' cve-check --metadata '$(KILN_SBOM_METADATA)' --output-dir '$(CVE_DIR)' \
		--feed '$(CVE_FEED)'
