################################################################################
# jobs
################################################################################

# Test: a package sub-make gets the top-level jobserver under make -jN,
# KILN_JLEVEL jobs otherwise, and never the top-level's variables.
JOBS_VERSION = 1.0
define JOBS_BUILD_CMDS
	$(MAKE) -C $(@D) -f $(JOBS_PKGDIR)Makefile.jobs
endef
define JOBS_INSTALL_TARGET_CMDS
	install -D -m 0644 $(@D)/flags.txt $(TARGET_DIR)/usr/share/jobs/makeflags
endef
$(eval $(generic-package))
