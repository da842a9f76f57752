################################################################################
# dl-debpatch
################################################################################

# Test: a package pinned to a Debian revision through the apt method,
# with Debian's patches (_DEBIAN_PATCHES = YES). 31-download-apt-fake.t
# runs it with a fake apt-get serving the files in apt/ (a Debian
# source package made for the test), so no network is used.
DL_DEBPATCH_VERSION = 1.0
DL_DEBPATCH_SOURCE = dl-debpatch-$(DL_DEBPATCH_VERSION).tar.gz
DL_DEBPATCH_SITE_METHOD = apt
DL_DEBPATCH_DEBIAN_SOURCE = dl-debpatch
DL_DEBPATCH_DEBIAN_VERSION = 1.0-2
DL_DEBPATCH_DEBIAN_PATCHES = YES
define DL_DEBPATCH_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/usr/share/dl-debpatch
	cp $(@D)/*.txt $(TARGET_DIR)/usr/share/dl-debpatch/
endef
$(eval $(generic-package))
