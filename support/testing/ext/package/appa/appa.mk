################################################################################
# appa
################################################################################

# Test application: its configure probes for libb the way autoconf
# would, so it picks libb up whenever libb is visible.
APPA_VERSION = 1.0
APPA_LICENSE = MIT
ifeq ($(KILN_PACKAGE_APPA_LIBB),y)
APPA_DEPENDENCIES += libb
endif

# Slow enough that an undeclared libb built in parallel would be done.
define APPA_CONFIGURE_CMDS
	sleep $(APPA_CONFIGURE_DELAY)
	if echo 'int b_answer(void); int main(void){return b_answer()!=42;}' | \
		cc -x c - -I$(STAGING_DIR)/usr/include -L$(STAGING_DIR)/usr/lib -lb -o $(@D)/probe 2>/dev/null; \
	then echo '-DHAVE_B -I$(STAGING_DIR)/usr/include -L$(STAGING_DIR)/usr/lib -lb' > $(@D)/flags; \
	else : > $(@D)/flags; fi
endef
APPA_CONFIGURE_DELAY ?= 1

define APPA_BUILD_CMDS
	cc -o $(@D)/appa $(APPA_PKGDIR)/a.c $$(cat $(@D)/flags)
endef

define APPA_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/appa $(TARGET_DIR)/usr/bin/appa
	mkdir -p $(TARGET_DIR)/usr/share/appa
	if [ -s $(@D)/flags ]; then echo with-libb; else echo without-libb; fi > $(TARGET_DIR)/usr/share/appa/features
endef

$(eval $(generic-package))
