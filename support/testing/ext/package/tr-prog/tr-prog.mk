################################################################################
# tr-prog
################################################################################

# Test: a program linked against a dependency's shared library (tr-lib,
# in the package's own STAGING_DIR), run in the build step with
# $(TARGET_RUN); what it printed, and its exit status with two
# arguments, are installed for 21-target-run.t to check.
TR_PROG_VERSION = 1.0
TR_PROG_DEPENDENCIES = tr-lib

define TR_PROG_BUILD_CMDS
	$(TARGET_CC) $(TARGET_CFLAGS) -o '$(@D)/tr-prog' '$(TR_PROG_PKGDIR)tr-prog.c' -ltrlib
	$(TARGET_RUN) '$(@D)/tr-prog' kiln > '$(@D)/tr-prog.out'
	status=0; $(TARGET_RUN) '$(@D)/tr-prog' a b >/dev/null || status=$$?; \
		echo "status=$$status" >> '$(@D)/tr-prog.out'
endef

define TR_PROG_INSTALL_TARGET_CMDS
	install -D -m 0755 '$(@D)/tr-prog' '$(TARGET_DIR)/usr/bin/tr-prog'
	install -D -m 0644 '$(@D)/tr-prog.out' '$(TARGET_DIR)/usr/share/tr-prog/out'
endef

$(eval $(generic-package))
