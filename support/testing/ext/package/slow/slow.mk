################################################################################
# slow
################################################################################

# Test: a build step long enough to be interrupted or overlapped.
# It writes its output piecewise, as a real build does.
SLOW_VERSION = 1.0
SLOW_SECONDS ?= 4
define SLOW_BUILD_CMDS
	rm -f $(@D)/out.txt
	for i in $$(seq $(SLOW_SECONDS)); do echo "line $$i" >> $(@D)/out.txt; sleep 1; done
endef
define SLOW_INSTALL_TARGET_CMDS
	install -D -m 0644 $(@D)/out.txt $(TARGET_DIR)/usr/share/slow/out.txt
endef
$(eval $(generic-package))
